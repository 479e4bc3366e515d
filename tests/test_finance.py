"""Net present value and deflation (pricing/finance.py) against numpy-financial's reference."""

from __future__ import annotations

import numpy_financial as npf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pricing.finance import deflate, net_present_value

amounts = st.lists(st.floats(min_value=-5e7, max_value=5e7, allow_nan=False), min_size=1, max_size=30)
rates = st.floats(min_value=-0.05, max_value=0.2, allow_nan=False)


@given(rates, amounts)
def test_npv_equals_numpy_financial(rate, values):
    expected = float(npf.npv(rate, values))
    assert net_present_value(rate, values) == pytest.approx(expected, rel=1e-12, abs=1e-6)


def test_npv_first_year_is_not_discounted():
    assert net_present_value(0.0225, [1000.0]) == 1000.0
    assert net_present_value(0.0225, [1000.0, 1022.5]) == pytest.approx(2000.0, abs=1e-9)


def test_deflate_divides_by_the_cumulative_factor():
    assert deflate([100.0, 110.0], [1.0, 1.1]) == pytest.approx((100.0, 100.0))
