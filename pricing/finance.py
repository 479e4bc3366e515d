"""Money over time: deflating nominal amounts to base-year prices and their net present value."""

from __future__ import annotations

from collections.abc import Iterable


def deflate(amounts: Iterable[float], factors: Iterable[float]) -> tuple[float, ...]:
    """Nominal amounts per contract year in base-year prices: each divided by its cumulative index
    factor. The standard discount rate is real, so only these amounts may be discounted with it."""
    return tuple(a / f for a, f in zip(amounts, factors))


def net_present_value(rate: float, amounts: Iterable[float]) -> float:
    """NPV with numpy-financial: amount k discounted by (1 + rate) ** k, k = 0 for the first year.

    ``rate`` is a fraction (0.0225, not 2.25). Pass real amounts (see :func:`deflate`) with a real rate.
    """
    import numpy_financial as npf

    return float(npf.npv(rate, list(amounts)))
