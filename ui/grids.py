"""Grid keys: one rule for every table (st.data_editor) that writes the scenario.

A grid's edits are relative to the rows it was given, and the browser sends all of them (its
whole state) with every edit. A grid whose key changed with its content became a new grid after
every edit, and a cell typed while the previous edit was still being applied went with the old
grid: its value was lost and the cell showed the old one again. So a grid keeps its key, and the
rows it was given, while the scenario holds what the grid itself wrote; it is renewed (a new key,
given the rows as the scenario has them) when they were changed elsewhere: a load, the demo,
another table or field.
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

import pandas as pd
import streamlit as st


def dynamic_grid(frame: pd.DataFrame, key: str, **kwargs: Any) -> pd.DataFrame:
    """A table editor of the scenario: rows added and deleted in the table, no index, an empty cell
    shown empty."""
    return st.data_editor(frame, placeholder="", num_rows="dynamic", hide_index=True, key=key, **kwargs)


def warn_unplaced(table: str, numbers: list[int], choice: str) -> None:
    """A warning under ``table`` for its rows (numbered from 1) that lack ``choice``, the cell that
    places a row (its task, its variant). Such a row is no required cell: a required empty cell kept
    the row in the browser, shown in the table but counted nowhere and without a word. Sent as it
    is, it stays in the table while the table is shown; the scenario gets it once it is placed."""
    if not numbers:
        return
    which = f"regel {numbers[0]}" if len(numbers) == 1 else "regels " + ", ".join(map(str, numbers))
    st.warning(
        f"{table}, {which}: kies {choice}. Tot die keuze gemaakt is telt de regel niet mee en wordt hij niet bewaard.",
        icon=":material/warning:",
    )


def digest(value: Any) -> str:
    """A short fingerprint of a scenario part: the same for equal content of the same types only (a
    date and its ISO text, 1 and 1.0, the year 2026 and the key '2026' differ). A grid that took a
    changed value for its own would write its own rows back over it."""
    return hashlib.sha1(repr(_typed(value)).encode()).hexdigest()[:12]


def _typed(value: Any) -> Any:
    """``value`` as nested lists of reprs; a mapping's items sorted by their keys' reprs (keys of
    different types cannot be compared, their reprs can)."""
    if isinstance(value, dict):
        return ["dict", sorted([repr(k), _typed(v)] for k, v in value.items())]
    if isinstance(value, (list, tuple)):
        return [type(value).__name__, [_typed(v) for v in value]]
    return repr(value)


def grid_key(name: str) -> str:
    """The widget key of the grid ``name``: the same until the grid is renewed."""
    return f"{name}_editor_{st.session_state.get(f'{name}_version', 0)}"


def renew_grid(name: str) -> None:
    """The grid ``name`` starts afresh under a new key; the rows it was given and the edits applied
    from it are forgotten."""
    ss = st.session_state
    ss[f"{name}_version"] = ss.get(f"{name}_version", 0) + 1
    for part in ("base", "applied", "wrote"):
        ss.pop(f"{name}_{part}", None)


def steady_grid(name: str, content: Any) -> tuple[str, Any]:
    """The key of the grid ``name`` and the content it was given (its edits are relative to that).

    Both stay while the scenario holds ``content`` as the grid wrote it (:func:`grid_wrote`). The
    grid is renewed and given ``content`` when that changed elsewhere, or when the grid has no state
    of its own: it was not drawn in the last run (its page or expander was closed), and the browser
    draws it afresh, without the edits its rows would be missing."""
    ss = st.session_state
    if ss.get(f"{name}_wrote") != digest(content) or grid_key(name) not in ss or f"{name}_base" not in ss:
        renew_grid(name)
        ss[f"{name}_base"] = copy.deepcopy(content)
        ss[f"{name}_wrote"] = digest(content)
    return grid_key(name), ss[f"{name}_base"]


def grid_edits(name: str) -> dict[str, Any] | None:
    """The edits the grid ``name`` holds (edited, added and deleted rows, relative to the rows it was
    given), or None while it holds none."""
    return _editor_edits(st.session_state.get(grid_key(name)))


def grid_applied(name: str) -> dict[str, Any]:
    """The edits of the grid ``name`` that the scenario holds (none since it was given its rows)."""
    return st.session_state.get(f"{name}_applied") or NO_EDITS


def grid_wrote(name: str, content: Any) -> None:
    """The grid ``name`` wrote its edits into the scenario, which now holds ``content`` for it: the
    next run keeps its key, so an edit typed meanwhile reaches the same grid."""
    ss = st.session_state
    ss[f"{name}_wrote"] = digest(content)
    ss[f"{name}_applied"] = grid_edits(name) or NO_EDITS


# The staff grid is renewed by name (not by content): its rows carry results (the salary) computed
# from the edition. Its name is here, with the rule, because a scenario load renews it too
# (ui/state.py); the grid itself is ui/staff_grid.py.
STAFF_GRID = "staff"


def renew_staff_editor() -> None:
    """The staff rows were replaced from outside the grid (a load, an import, the sample line, the
    page shown again): the grid starts afresh from the raw staff, under a new key."""
    renew_grid(STAFF_GRID)


def _cell(value: Any) -> Any:
    if hasattr(value, "item"):
        value = value.item()
    return value


NO_EDITS: dict[str, Any] = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}


def _editor_edits(value: Any) -> dict[str, Any] | None:
    """The editor's state (edited, added and deleted rows, relative to the rows it was given) in one
    form, whether the browser sent it as JSON text (row numbers as text) or a test set it; None when
    there is none to read."""
    if isinstance(value, str):  # serialized editor state, as the browser sends it
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if not isinstance(value, dict):
        return None
    edited = value.get("edited_rows") or {}
    return {
        "edited_rows": {int(i): {k: _cell(v) for k, v in changes.items()} for i, changes in edited.items()},
        "added_rows": [{k: _cell(v) for k, v in new.items()} for new in value.get("added_rows") or []],
        "deleted_rows": sorted({int(_cell(d)) for d in value.get("deleted_rows") or []}),
    }
