"""The one Dutch number parser (pricing/numbers.py) that the app, the staff import and the CLI share."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from pricing.numbers import DutchNumberError, format_dutch_input, parse_dutch_number

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "dutch_numbers.yaml").read_text(encoding="utf-8"))


def test_cases_have_a_source():
    assert CASES["source"].strip()


@pytest.mark.parametrize("typed,expected", CASES["accepted"])
def test_accepted(typed, expected):
    assert parse_dutch_number(typed) == Decimal(expected)


@pytest.mark.parametrize("typed", CASES["refused"])
def test_refused_with_what_was_typed(typed):
    with pytest.raises(DutchNumberError) as exc:
        parse_dutch_number(typed)
    assert f"'{typed}'" in str(exc.value)


def test_negative_refused_where_not_allowed():
    with pytest.raises(DutchNumberError, match="negatief"):
        parse_dutch_number("-1", allow_negative=False)


def test_numbers_pass_through():
    assert parse_dutch_number(3.5) == Decimal("3.5")
    assert parse_dutch_number(7) == Decimal(7)
    with pytest.raises(DutchNumberError):
        parse_dutch_number(float("nan"))
    with pytest.raises(DutchNumberError):
        parse_dutch_number(True)


def test_field_display():
    assert format_dutch_input(1878.0) == "1.878"
    assert format_dutch_input(6.5) == "6,50"
    assert format_dutch_input(3850.5) == "3.850,50"
    assert format_dutch_input(0.125) == "0,125"
    assert format_dutch_input(None) == ""


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_what_a_field_shows_reads_back_as_the_same_value(value):
    assert parse_dutch_number(format_dutch_input(value)) == value


@pytest.mark.parametrize(
    "kind,example",
    [
        ("hours", "schrijf bijvoorbeeld 1.878 of 7,5"),
        ("fte", "schrijf bijvoorbeeld 0,8"),
        ("percent", "schrijf bijvoorbeeld 22,5"),
        ("euro", "schrijf bijvoorbeeld 3.850,50 of 3850,50"),
        ("fraction", "schrijf bijvoorbeeld 0,0418"),
        ("whole", "schrijf bijvoorbeeld 4"),
        (None, "schrijf bijvoorbeeld 3.850,50 of 3850,50"),
    ],
)
@pytest.mark.parametrize("typed", ["veel", "1.2.3", "12a,5"])
def test_a_refusal_gives_an_example_that_fits_the_field(kind, example, typed):
    with pytest.raises(DutchNumberError) as exc:
        parse_dutch_number(typed, kind=kind)
    assert str(exc.value) == f"'{typed}' is geen getal; {example}"


@pytest.mark.parametrize(
    "typed,kind,mark",
    [
        ("62 %", "euro", "een procentteken"),
        ("€ 5", "percent", "een euroteken"),
        ("8 eur", "hours", "'eur'"),
        ("0,8 %", "fte", "een procentteken"),
        ("4,18 %", "fraction", "een procentteken"),
    ],
)
def test_a_unit_mark_of_another_kind_is_refused_not_dropped(typed, kind, mark):
    # '62 %' typed as a tariff was read as € 62,00 without a word.
    with pytest.raises(DutchNumberError) as exc:
        parse_dutch_number(typed, kind=kind)
    assert str(exc.value).startswith(f"'{typed}' heeft {mark}, maar hier hoort ")


def test_the_unit_mark_of_the_field_itself_is_read():
    assert parse_dutch_number("€ 62,50", kind="euro") == Decimal("62.50")
    assert parse_dutch_number("22,5 %", kind="percent") == Decimal("22.5")
    assert parse_dutch_number("62 %") == Decimal(62)  # a cell of no kind takes both marks


@pytest.mark.parametrize("typed", ["١٢", "６２", "۱۲۳", "1.٢٣٤", "12,٥"])
def test_digits_other_than_0_to_9_are_refused(typed):
    # Python's \d and Decimal take Arabic-Indic and fullwidth digits: '١٢' was read as 12.
    with pytest.raises(DutchNumberError, match="is geen getal"):
        parse_dutch_number(typed, kind="euro")


@pytest.mark.parametrize("typed", ["+€ 12.000", "+ € 12.000", "+12.000"])
def test_a_plus_sign_before_the_euro_sign_is_read_as_the_minus_sign_is(typed):
    # '-€ 12.000' was read and '+€ 12.000' refused, in the variants' column that invites a sign.
    assert parse_dutch_number(typed, kind="euro") == Decimal(12000)
    assert parse_dutch_number("-" + typed.lstrip("+ "), kind="euro") == Decimal(-12000)
