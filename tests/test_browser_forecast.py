"""A 2027 date in a real Chromium (nl-NL): the provisional banner, the forecast form, and a changed
forecast value moving the tariff to what the engine computes for that forecast."""

from __future__ import annotations

import copy
from pathlib import Path

from playwright.sync_api import expect

from pricing.scenario import parse_scenario_text, read_scenario_file
from tests.test_browser import (  # noqa: F401  (fixtures: server, browser, page)
    ROOT,
    TARIFF_LABEL,
    _drawn,
    _engine_tariff,
    _metric,
    _open,
    _reran,
    _shot,
    _to_page,
    browser,
    page,
    server,
)

DEMO = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
FORM = "Prognose voor jaren zonder gepubliceerde cijfers"
ZVW = "Werkgeversheffing Zorgverzekeringswet (%)"


def _set_date(page, day_month_year: str) -> None:
    """Type the date into the Peildatum field's segments with the keyboard, then leave the field."""
    _drawn(page)
    with _reran(page):  # the date is sent once complete or when the field is left
        page.get_by_role("spinbutton", name="day, Peildatum").click()
        page.keyboard.type(day_month_year, delay=30)
        page.keyboard.press("Escape")
        page.get_by_text("Wie werkt er").click()
    _drawn(page)


def test_a_2027_date_shows_the_banner_and_the_form_moves_the_tariff(server, page, tmp_path):
    _open(page, server, "", "Organisatie & formatie", "Importeren en downloaden")
    _set_date(page, "01012027")
    expect(page.get_by_text("Voorlopige prijs.").first).to_be_visible()
    on_forecast = copy.deepcopy(DEMO)
    on_forecast["date"] = "2027-01-01"
    expect(_metric(page, TARIFF_LABEL)).to_have_text(_engine_tariff(on_forecast))
    _shot(page, "forecast_1_banner_organisatie", height=1400)

    _to_page(page, "Kostprijs")
    expect(page.get_by_role("heading", name=FORM)).to_be_visible()
    expect(page.get_by_text("Voorlopige prijs.").first).to_be_visible()
    _shot(page, "forecast_2_form_kostprijs", height=1800)
    field = page.get_by_label(ZVW, exact=True)
    field.click()
    field.press("ControlOrMeta+a")
    field.press("Backspace")
    field.press_sequentially("7,00", delay=20)
    with _reran(page):
        field.press("Enter")
    changed = copy.deepcopy(on_forecast)
    changed["forecast"] = {"zvw_employer": 0.07}
    assert _engine_tariff(changed) != _engine_tariff(on_forecast)
    expect(_metric(page, TARIFF_LABEL)).to_have_text(_engine_tariff(changed))
    expect(page.get_by_test_id("stAlert").filter(has_text="Voorlopige prijs.")).to_contain_text("7,00 %")
    # What was typed reads back as typed, in the form the forecast table shows (7,00 %), not as 7.
    expect(page.get_by_label(ZVW, exact=True)).to_have_value("7,00")
    expect(page.get_by_text("Gelezen als 7,00 %")).to_be_visible()
    _shot(page, "forecast_3_changed_value", height=1800)

    with page.expect_download() as info:  # the scenario the app computes with carries the forecast
        page.get_by_test_id("stSidebar").get_by_role("button", name="Opslaan").click()
    target = Path(tmp_path) / info.value.suggested_filename
    info.value.save_as(target)
    raw = parse_scenario_text(target.read_bytes(), target.name)
    assert raw["forecast"] == {"zvw_employer": 0.07} and str(raw["date"]) == "2027-01-01"
