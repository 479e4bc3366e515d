"""Declared rounding and Dutch formatting."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from pricing.money import allocate_rounding, format_date_nl, format_eur, format_pct, round_half_up


def test_half_up_not_bankers():
    assert round_half_up(2.675) == Decimal("2.68")
    assert round_half_up(0.125) == Decimal("0.13")
    assert round_half_up(-0.004) == Decimal("0.00")


def test_dutch_formats():
    assert format_eur(1234.5) == "€ 1.234,50"
    assert format_eur(1234567.891) == "€ 1.234.567,89"
    assert format_eur(-0.001) == "€ 0,00"
    assert format_eur(-12.5) == "-€ 12,50"
    assert format_pct(0.125) == "12,5 %"
    assert format_date_nl(dt.date(2026, 7, 1)) == "1 juli 2026"


@given(st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=12))
def test_allocated_parts_add_up_and_stay_within_a_cent(parts):
    shown = allocate_rounding(parts)
    assert sum(shown) == round_half_up(sum(parts))
    for part, rounded in zip(parts, shown):
        assert abs(rounded - Decimal(repr(part))) < Decimal("0.01")
