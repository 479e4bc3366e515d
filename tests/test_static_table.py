"""Small read-only tables are static HTML (ui/components.static_table): cheaper to draw on a page
switch than a canvas grid, their figures right-aligned, traffic lights coloured, every cell escaped;
above STATIC_TABLE_MAX_ROWS rows they stay a scrolling st.dataframe."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from pricing.compliance import jeugdwet_elements, rounding_difference, wmo_elements
from pricing.costprice import compute
from pricing.display import shown_line, shown_team
from pricing.money import format_eur
from pricing.scenario import read_scenario_file, validate_scenario
from tests.app_support import APP, _app, goto, static_table, static_tables
from ui.components import LIGHT_COLOR, STATIC_TABLE_MAX_ROWS


def _read(frame: pd.DataFrame, **options) -> AppTest:
    def page(frame, options):
        from ui import components

        components.static_table(frame, key="t", **options)

    at = AppTest.from_function(page, args=(frame, options), default_timeout=30)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_figures_are_right_aligned_and_the_row_names_and_texts_left():
    frame = pd.DataFrame(
        {
            "Jaar": ["2027", "2028"],
            "Index": ["basisjaar", "3,944\u00a0%"],
            "Herkomst": ["aanname", "opgegeven"],
            "Uren": ["12,5 uur", "—"],
            "Totaal": ["€ 4.726.977,02", "-€ 5,00"],
        }
    )
    table = static_table(_read(frame), "t")
    assert table.value.equals(frame)
    assert table.figures == {"Jaar": False, "Index": True, "Herkomst": False, "Uren": True, "Totaal": True}


def test_cells_and_headers_are_text_not_markup():
    frame = pd.DataFrame({"Gebied": ["<img src=x onerror=alert(1)>", "**vet**\nregel"], "<b>Kop</b>": ["€ 1,00", "x"]})
    at = _read(frame)
    html = at.html[0].value
    assert "<img" not in html and "<b>" not in html
    table = static_table(at, "t")
    assert list(table.value.columns) == ["Gebied", "<b>Kop</b>"]
    assert list(table.value["Gebied"]) == ["<img src=x onerror=alert(1)>", "**vet** regel"]  # one line


def test_the_light_column_is_coloured_and_help_is_the_header_tooltip():
    frame = pd.DataFrame({"Gedekt": ["ja", "nee"], "Element": ["a. Kosten", "f. Verplichtingen"]})
    table = static_table(_read(frame, light="Gedekt", help={"Element": "Wmo art. 5.4"}), "t")
    assert [row["Gedekt"] for row in table.colors] == [
        f"color:{LIGHT_COLOR['ja']};font-weight:600",
        f"color:{LIGHT_COLOR['nee']};font-weight:600",
    ]
    assert table.colors[0]["Element"] == ""
    assert table.help == {"Element": "Wmo art. 5.4"}


def test_a_table_above_the_row_limit_stays_a_scrolling_grid():
    rows = STATIC_TABLE_MAX_ROWS + 1
    frame = pd.DataFrame({"Gebied": [f"Wijk {k}" for k in range(rows)], "Totaal": ["€ 1,00"] * rows})
    at = _read(frame)
    assert not at.html
    assert at.dataframe[0].value.equals(frame)
    small = _read(frame.head(STATIC_TABLE_MAX_ROWS))
    assert not small.dataframe and static_table(small, "t").value.equals(frame.head(STATIC_TABLE_MAX_ROWS))


def test_the_costprice_law_tables_are_static_with_the_engines_amounts():
    at = goto(_app(), "Kostprijs")
    result = compute(validate_scenario(read_scenario_file(Path(APP).parent / "examples" / "voorbeeld.yaml")))

    for key, elements in (("table_wmo", wmo_elements(result)), ("table_jeu", jeugdwet_elements(result))):
        table = static_table(at, key)
        # The lines, then (the demo has one) the cent by which they miss the tariff as shown.
        difference = rounding_difference(elements, result.team.tariff_per_hour)
        assert difference
        assert list(table.value["€/uur"]) == [format_eur(e.per_hour) for e in elements] + [format_eur(difference)]
        assert list(table.value["Element"])[-1] == "Afrondingsverschil"
        assert list(table.value["Gedekt"]) == ["ja" if e.covered else "nee" for e in elements] + [""]
        assert table.figures["€/uur"] and not table.figures["Toelichting"]
        assert all(
            LIGHT_COLOR[row["Gedekt"]] in colors["Gedekt"]
            for row, colors in zip(table.value.iloc, table.colors)
            if row["Gedekt"]  # the rounding line covers no element
        )
    assert {t.key for t in static_tables(at)} == {"table_wmo", "table_jeu"}  # the closed expanders build none


def test_the_contract_years_and_area_tables_are_static():
    at = goto(_app(), "Contract & offerte")
    years = static_table(at, "table_contract_years")
    assert list(years.value["Jaar"]) == ["2027", "2028", "2029", "2030"]
    assert years.value["Totaal"].iloc[0] == "€ 4.726.977,02"
    assert years.figures["Totaal"] and years.figures["Index"] and not years.figures["Herkomst"]
    areas = static_table(at, "table_contract_gebied")
    assert list(areas.value.columns) == ["Gebied", "2027", "2028", "2029", "2030"]
    assert all(areas.figures[y] for y in ("2027", "2030"))


def test_a_long_address_may_break_after_its_separators_and_reads_back_whole():
    """A source's web address is one long word: without break opportunities it sets the table's
    narrowest width and runs past the page's edge. Short words (Productiviteit) never break."""
    address = "https://www.paulramsayfoundation.org.au/legals/paying-what-it-costs-policy"
    frame = pd.DataFrame({"Aanname": ["Productiviteit"], "Bron": [f"Paul Ramsay Foundation, {address} & co"]})
    at = _read(frame)
    html = at.html[0].value
    assert "<td>Productiviteit</td>" in html
    assert "https:/<wbr>/<wbr>www.<wbr>paulramsayfoundation.<wbr>org.<wbr>au/<wbr>legals/<wbr>paying-<wbr>" in html
    assert "&amp; co" in html  # an escaped entity is not split
    assert list(static_table(at, "t").value["Bron"]) == [f"Paul Ramsay Foundation, {address} & co"]


def test_the_per_function_budgets_say_when_their_cents_miss_the_staff_budget():
    # A browser walkthrough added up the column to one cent more than the staff budget shown.
    at = goto(_app(), "Kostprijs")
    result = compute(validate_scenario(read_scenario_file(Path(APP).parent / "examples" / "voorbeeld.yaml")))
    lines = sum((shown_line(line)["budget"] for line in result.lines), Decimal(0))
    staff = shown_team(result.team)["staff_budget"]
    assert lines != staff  # the demo is such a case: 4.398.047,86 against 4.398.047,87
    expected = (
        f"De budgetten per functie zijn elk op centen afgerond; opgeteld ({format_eur(lines)}) wijken ze "
        f"{format_eur(abs(staff - lines))} af van het personeelsbudget."
    )
    assert expected in [c.value for c in at.caption]
