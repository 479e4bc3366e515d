"""Money over time: deflating nominal amounts to base-year prices and their net present value."""

from __future__ import annotations

import math
from collections.abc import Iterable


def deflate(amounts: Iterable[float], factors: Iterable[float]) -> tuple[float, ...]:
    """Nominal amounts per contract year in base-year prices: each divided by its cumulative index
    factor. The standard discount rate is real, so only these amounts may be discounted with it."""
    return tuple(a / f for a, f in zip(amounts, factors))


def net_present_value(rate: float, amounts: Iterable[float]) -> float:
    """NPV: amount k discounted by (1 + rate) ** k, k = 0 for the first year (``numpy_financial.npv``'s
    convention; the tests hold it against that function).

    ``rate`` is a fraction (0.0225, not 2.25). Pass real amounts (see :func:`deflate`) with a real rate.
    Plain Python: importing numpy for a sum of a few terms was most of the command line's start-up.
    """
    growth = 1.0 + rate
    return math.fsum(amount / growth**k for k, amount in enumerate(amounts))
