"""The one unit formatter: every view's variant of a value by its unit comes from the same function."""

from decimal import Decimal

from pricing.money import format_unit


def test_fractions_as_percentages():
    assert format_unit(0.125, "fraction") == "12,5 %"
    assert format_unit(0.0135, "fraction", pct_places=2) == "1,35 %"
    assert format_unit(0.25, "fraction", pct_places=None) == "25,0 %"
    assert format_unit(0.00086, "fraction", pct_places=None) == "0,086 %"
    assert format_unit((0.3, 0.4), "fraction_list", pct_places=0) == "30 %, 40 %"


def test_euros_hours_and_counts():
    assert format_unit(4000, "eur_per_year") == "€ 4.000,00"
    assert format_unit(4000, "eur_per_year", eur_places=0, long=True) == "€ 4.000 per jaar"
    assert format_unit(Decimal("2.5"), "eur_per_hour", long=True) == "€ 2,50 per uur"
    assert format_unit(1878, "hours_per_year") == "1.878,0 uur"
    assert format_unit(1878, "hours_per_year", long=True) == "1.878,0 uur per jaar"
    assert format_unit(156, "hours_per_month") == "156 uur per maand"
    assert format_unit(7, "count") == "7"
    assert format_unit(1.5, "factor") == "1,50"


def test_what_is_no_number_is_shown_as_given():
    assert format_unit(None, "fraction") == "—"
    assert format_unit("1 juli 2024", "date") == "1 juli 2024"
    assert format_unit(True, "flag") == "True"
