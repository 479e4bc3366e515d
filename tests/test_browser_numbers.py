"""Numbers typed as a Dutch user types them, in a real Chromium with locale nl-NL and en-US.

Every case types with the keyboard into the field or grid cell a person uses, then checks what the
engine received: the scenario the app offers for download (the exact input of the engine) and the
tariff shown, computed here by the engine from the expected input. The cases are those measured in
issue 9 (each was misread before: 62,50 became 6.250, 22,5 became 225 %, 0.30 FTE became 30 FTE).
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from playwright.sync_api import expect

from pricing.scenario import parse_scenario_text, read_scenario_file
from tests.test_browser import (  # noqa: F401  (fixtures: server, browser)
    ARTIFACTS,
    ROOT,
    TARIFF_LABEL,
    _drawn,
    _engine_tariff,
    _metric,
    _open,
    _reran,
    _shot,
    _type_in_cell,
    browser,
    server,
)

DEMO = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
LOCALES = ("nl-NL", "en-US")


@pytest.fixture(params=LOCALES)
def page(browser, request):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale=request.param, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.locale = request.param
    yield pg
    context.close()


def _type(page, label: str, text: str) -> None:
    """Click the field, clear it and type like a person, then Enter; wait for the rerun."""
    field = page.get_by_label(label, exact=True)
    _drawn(page)
    field.click()
    field.press("ControlOrMeta+a")
    field.press("Backspace")
    field.press_sequentially(text, delay=15)
    with _reran(page):
        field.press("Enter")
    _drawn(page)


def _downloaded(page, tmp_path: Path) -> dict:
    """The scenario as the app holds it (the sidebar's download): what the engine computes with."""
    _drawn(page)
    with page.expect_download() as info:
        page.get_by_test_id("stSidebar").get_by_role("button", name="Opslaan").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return parse_scenario_text(target.read_bytes(), target.name)


def test_tariff_check_reads_62_50(server, page):
    _open(page, server, "tariefcheck", "Tariefcheck", "Vul een aangeboden tarief in")
    _type(page, "Bedrag (€ per uur)", "62,50")
    expect(page.get_by_text("aangeboden € 62,50 per uur").first).to_be_visible()
    expect(page.get_by_text("Gelezen als € 62,50")).to_be_visible()
    expect(page.get_by_label("Bedrag (€ per uur)", exact=True)).to_have_value("62,50")
    _shot(page, f"numbers_tariefcheck_{page.locale}")


def test_norms_read_22_5_overhead_and_3500_material(server, page, tmp_path):
    _open(page, server, "normen", "Normen & opslagen", "Reserveopbouw meerekenen")
    _type(page, "Overheadpercentage", "22,5")
    expected = copy.deepcopy(DEMO)
    expected["norms"]["overhead"]["pct"] = 0.225
    expect(_metric(page, TARIFF_LABEL)).to_have_text(_engine_tariff(expected))
    expect(page.get_by_label("Overheadpercentage", exact=True)).to_have_value("22,50")
    _type(page, "Materiële en activiteitenkosten per FTE per jaar (€)", "3.500")
    expected["norms"]["material_per_fte"] = 3500
    expect(_metric(page, TARIFF_LABEL)).to_have_text(_engine_tariff(expected))
    expect(page.get_by_text("Gelezen als € 3.500,00")).to_be_visible()
    raw = _downloaded(page, tmp_path)
    assert raw["norms"]["overhead"]["pct"] == pytest.approx(0.225)
    assert raw["norms"]["material_per_fte"] == 3500
    _shot(page, f"numbers_normen_{page.locale}")


def test_a_refused_number_stays_with_a_dutch_message(server, page):
    _open(page, server, "normen", "Normen & opslagen", "Reserveopbouw meerekenen")
    before = _metric(page, TARIFF_LABEL).inner_text()
    _type(page, "Overheadpercentage", "1,234.50")
    expect(page.get_by_text("'1,234.50' lijkt Engelse notatie").first).to_be_visible()
    expect(page.get_by_label("Overheadpercentage", exact=True)).to_have_value("1,234.50")
    expect(_metric(page, TARIFF_LABEL)).to_have_text(before)  # nothing silently taken over
    _shot(page, f"numbers_refused_{page.locale}")


def test_equity_reads_820_000(server, page):
    _open(page, server, "toets", "Toets", "Bronnen signaleringswaarden")
    _type(page, "Eigen vermogen (€)", "1.000.000")  # the demo's own figure is 820.000
    expect(page.get_by_text("Gelezen als € 1.000.000")).to_be_visible()
    _type(page, "Eigen vermogen (€)", "820.000")
    expect(page.get_by_text("Gelezen als € 820.000")).to_be_visible()
    expect(page.get_by_label("Eigen vermogen (€)", exact=True)).to_have_value("820.000")


def test_contract_discount_rate_reads_2_5(server, page, tmp_path):
    _open(page, server, "contract", "Contract & offerte", "Rekenmodel (xlsx)")  # drawn to its last element
    _type(page, "Discontovoet (%)", "2,5")
    expect(page.get_by_text("Gelezen als 2,50 %")).to_be_visible()
    raw = _downloaded(page, tmp_path)
    assert raw["contract"]["discount_rate"] == pytest.approx(0.025)


def _grid_cell(page, row: int, column: int):
    """Select a cell of the staff grid (glide data grid: header and rows of 35 px)."""
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid.locator("canvas").first).to_be_attached()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 80, box["y"] + 35 + 35 * row + 17)  # right of the row-selection column
    for _ in range(column):
        page.keyboard.press("ArrowRight")


def _grid_type(page, row: int, column: int, text: str) -> None:
    _type_in_cell(page, lambda: _grid_cell(page, row, column), text)
    _drawn(page)


def test_staff_grid_reads_0_30_fte_and_3850_50_salary(server, page, tmp_path):
    _open(page, server, "", "Organisatie & formatie", "Importeren en downloaden")
    _grid_type(page, 0, 3, "0.30")  # row 1 (Sociaal werker), column FTE
    expected = copy.deepcopy(DEMO)
    expected["staff"][0]["fte"] = 0.3
    expect(_metric(page, TARIFF_LABEL)).to_have_text(_engine_tariff(expected))
    _grid_type(page, 0, 5, "3.850,50")  # column Eigen maandsalaris (after Functie, Schaal, Trede, FTE, Contract)
    expected["staff"][0]["monthly_salary"] = 3850.5
    expect(_metric(page, TARIFF_LABEL)).to_have_text(_engine_tariff(expected))
    raw = _downloaded(page, tmp_path)
    assert raw["staff"][0]["fte"] == pytest.approx(0.3)
    assert raw["staff"][0]["monthly_salary"] == pytest.approx(3850.5)
    _shot(page, f"numbers_grid_{page.locale}")


def test_a_staff_scale_out_of_range_is_named_not_clamped(server, page, tmp_path):
    # The scale was a number cell: 15 became 14 and -3 became 3 without a word.
    _open(page, server, "", "Organisatie & formatie", "Importeren en downloaden")
    before = _metric(page, TARIFF_LABEL).inner_text()
    _grid_type(page, 0, 1, "15")  # row 1 (Sociaal werker), column Schaal
    message = "Regel 1 (Sociaal werker), schaal: schaal 15 bestaat niet; kies 1 t/m 14. Niet overgenomen"
    expect(page.get_by_test_id("stMain").get_by_text(message)).to_be_visible()
    expect(_metric(page, TARIFF_LABEL)).to_have_text(before)
    assert _downloaded(page, tmp_path)["staff"][0]["scale"] == 15  # kept as typed, for the person to mend
    _shot(page, f"numbers_scale_15_{page.locale}")


def test_a_new_staff_line_without_a_function_is_named_not_left_out(server, page, tmp_path):
    # With a required Functie column the browser kept such a row: shown in the grid, counted nowhere.
    _open(page, server, "", "Organisatie & formatie", "Importeren en downloaden")
    lines = len(DEMO["staff"])
    grid = page.get_by_test_id("stDataFrame").first
    grid.hover()  # shows the grid's toolbar
    with _reran(page):
        page.get_by_role("button", name="Add row").first.click()  # a new line: Schaal 8, Trede 0, FTE 1, vast
    message = f"Regel {lines + 1}, functie: ontbreekt; dit veld is verplicht. Niet overgenomen"
    expect(page.get_by_test_id("stMain").get_by_text(message)).to_be_visible()
    page.keyboard.press("Escape")
    _grid_type(page, lines, 3, "2,5")  # the new line's FTE
    expect(page.get_by_test_id("stMain").get_by_text(message)).to_be_visible()
    expect(page.get_by_text("None:")).to_have_count(0)  # the salary note names the line, not 'None'
    staff = _downloaded(page, tmp_path)["staff"]
    assert len(staff) == lines + 1 and "function" not in staff[-1] and staff[-1]["fte"] == pytest.approx(2.5)
    _shot(page, f"numbers_line_without_function_{page.locale}")
