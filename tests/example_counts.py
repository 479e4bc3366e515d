"""How many examples a hypothesis test draws.

A test names its full count (``@settings(max_examples=examples(400))``). The full counts run in CI
(``CI`` set to true), in any run without a ``-m`` marker expression (what ``.ci/run`` runs:
``python -m pytest``) and whenever the expression asks for the fuzz tests (``-m fuzz``). The local
loop, ``python -m pytest -m "not browser and not postgres"``, draws a tenth (at least 5): every
test still runs its assertions over generated input, and the example database in ``.hypothesis/``
replays a failure found before (for the tests that keep one).
"""

from __future__ import annotations

import os
import re

LOOP_SHARE = 10
LOOP_MINIMUM = 5

_full = True


def choose_for_run(markexpr: str) -> None:
    """Called once by tests/conftest.py before collection, with the run's ``-m`` expression."""
    global _full
    in_ci = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
    asks_for_fuzz = re.search(r"(?<!not )\bfuzz\b", markexpr) is not None
    _full = in_ci or not markexpr.strip() or asks_for_fuzz


def examples(full: int) -> int:
    """``full`` in a full run; in the local loop a tenth of it, at least 5 (never more than ``full``)."""
    if _full:
        return full
    return min(full, max(LOOP_MINIMUM, full // LOOP_SHARE))
