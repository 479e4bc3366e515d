"""The paths of issue 9 in a real Chromium (nl-NL, 1400 px wide, typed with the keyboard): an empty
scenario to a priced organisation and an offer PDF; a staff import that breaks the contract and the
one-step mapping; an area renamed in its table; the buyer's check in both units and its PDF; B
edited with the forms. Screenshots and rendered PDF pages go to tests/artifacts/ to be looked at.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from pricing.compare import compare_scenarios
from pricing.costprice import compute
from pricing.money import format_eur
from pricing.scenario import read_scenario_file, validate_scenario
from pricing.tariff_check import check_tariff
from tests.test_browser import (  # noqa: F401  (fixtures: server, browser)
    ARTIFACTS,
    LOAD_TIMEOUT,
    PAGES,
    ROOT,
    TARIFF_LABEL,
    _drawn,
    _engine_tariff,
    _metric,
    _open,
    _reran,
    _shot,
    _to_page,
    _type_in_cell,
    browser,
    server,
)
from tests.test_browser_numbers import _grid_type, _type

DEMO = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
HR_CSV = (
    "Naam;Personeelsnr;Functienaam;Salarisschaal;Periodiek;Aantal FTE;Soort contract\n"
    "A. Jansen;1001;Sociaal werker;8;5;30;vast\n"
    "B. de Vries;1002;Wijkcoach;8;6;10;vast\n"
    "C. Bakker;1003;Leidinggevende;10;4;5;flexibel\n"
)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL", accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


def _render(pdf: Path, stem: str) -> None:
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(ARTIFACTS / stem)], check=True)


def _sidebar_button(page, name: str):
    return page.get_by_test_id("stSidebar").get_by_role("button", name=name, exact=True)


def test_every_page_at_1400_px(server, page):
    page.set_viewport_size({"width": 1400, "height": 2400})
    for i, (path, title, last) in enumerate(PAGES, start=1):
        _open(page, server, path, title, last)
        _shot(page, f"layout1400_{i}_{path or 'organisatie'}")


def test_new_scenario_to_a_priced_organisation_and_an_offer(server, page, tmp_path):
    _open(page, server, "", "Organisatie & formatie", "Importeren en downloaden")
    with _reran(page):
        _sidebar_button(page, "Nieuw scenario").click()
    expect(page.get_by_text("Dit scenario heeft nog geen formatie")).to_be_visible()  # empty, says what to do
    with _reran(page):
        page.get_by_role("button", name="Voorbeeldregel toevoegen").click()
    raw = {
        "name": "Nieuw scenario",
        "organisation": "Mijn organisatie",
        "date": str(DEMO["date"]),
        "employer": {"large": True},
        "staff": [{"function": "Sociaal werker", "scale": 8, "step": 4, "fte": 1, "contract": "permanent"}],
    }
    expect(_metric(page, TARIFF_LABEL)).to_have_text(_engine_tariff(raw))
    box = page.get_by_role("textbox", name="Organisatie", exact=True)
    box.click()
    box.press("ControlOrMeta+a")
    box.press_sequentially("Welzijn Oost", delay=15)
    with _reran(page):
        box.press("Enter")
    _grid_type(page, 0, 3, "4,5")  # 4,5 FTE social workers
    raw["organisation"], raw["staff"][0]["fte"] = "Welzijn Oost", 4.5
    expect(_metric(page, TARIFF_LABEL)).to_have_text(_engine_tariff(raw))
    _shot(page, "path_new_scenario")
    _to_page(page, "Contract & offerte")
    add = page.get_by_role("button", name="Contract toevoegen")
    expect(add).to_be_visible(timeout=LOAD_TIMEOUT)
    with _reran(page):
        add.click()
    expect(page.get_by_role("heading", name="Meerjarenbegroting", exact=True)).to_be_visible(timeout=LOAD_TIMEOUT)
    _drawn(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Offerte (PDF)").click()
    pdf = tmp_path / "offerte.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    shutil.copy(pdf, ARTIFACTS / "path_offerte.pdf")
    _render(ARTIFACTS / "path_offerte.pdf", "path_offerte")
    _shot(page, "path_new_contract", height=2200)


def test_import_that_breaks_the_contract_then_the_mapping(server, page, tmp_path):
    _open(page, server, "", "Organisatie & formatie", "Importeren en downloaden")
    csv = tmp_path / "hr-export.csv"
    csv.write_text(HR_CSV, encoding="utf-8")
    page.get_by_text("Importeren en downloaden").click()  # an expander: opened in the browser, no run
    with _reran(page):
        page.locator('[data-testid="stFileUploader"] input[type="file"]').last.set_input_files(str(csv))
    expect(page.get_by_text("Genegeerde kolommen (niet nodig voor de kostprijs): Naam, Personeelsnr")).to_be_visible()
    _drawn(page)
    staff = [
        {"function": "Sociaal werker", "scale": 8, "step": 5, "fte": 30.0, "contract": "permanent"},
        {"function": "Wijkcoach", "scale": 8, "step": 6, "fte": 10.0, "contract": "permanent"},
        {"function": "Leidinggevende", "scale": 10, "step": 4, "fte": 5.0, "contract": "flexible"},
    ]
    without = {k: v for k, v in DEMO.items() if k != "contract"}
    without["staff"] = staff
    expect(_metric(page, TARIFF_LABEL)).to_have_text(_engine_tariff(without))  # not frozen on the demo
    _shot(page, "path_import", height=1400)
    _to_page(page, "Contract & offerte")
    expect(page.get_by_text("Het contract verwijst naar namen die er niet (meer) zijn")).to_be_visible()
    form = page.get_by_test_id("stForm")
    expect(form.get_by_role("button", name="Verwijzingen vervangen")).to_be_visible()
    _shot(page, "path_broken_contract", height=1600)
    boxes = form.get_by_role("combobox")
    for i in range(boxes.count()):  # one choice per missing function, typed to filter, then picked; then one step
        boxes.nth(i).click()
        page.keyboard.type("Sociaal werker", delay=10)
        page.get_by_role("option", name="Sociaal werker", exact=True).click()
        # The choice stands in its box (the placeholder is an attribute: a text check cannot see it).
        expect(boxes.nth(i)).to_have_value("Sociaal werker")
    with _reran(page):
        form.get_by_role("button", name="Verwijzingen vervangen").click()
    _drawn(page)
    _shot(page, "path_after_mapping", height=1600)
    expect(page.get_by_text("Het contract verwijst naar namen")).to_have_count(0)
    expect(_metric(page, "FTE in de formatie")).to_have_text("45,00")
    _shot(page, "path_mapped_contract", height=1600)


def test_an_area_renamed_in_its_table_is_renamed_everywhere(server, page):
    _open(page, server, "contract", "Contract & offerte", "Rekenmodel (xlsx)")
    areas = page.get_by_text("Gebieden", exact=True)
    areas.scroll_into_view_if_needed()
    grid = page.get_by_test_id("stDataFrame").nth(2)  # tasks, indicators, areas

    def first_area():
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 80, box["y"] + 35 + 17)

    _type_in_cell(page, first_area, "Oost")
    _drawn(page)
    expect(page.get_by_text("bestaat niet")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text("fout(en)")
    expect(page.get_by_text("Gebied Noord bestaat niet")).to_have_count(0)
    _shot(page, "path_area_renamed", height=2400)


def test_buyer_check_in_both_units_and_its_pdf(server, page, tmp_path):
    _open(page, server, "tariefcheck", "Tariefcheck", "Vul een aangeboden tarief in")
    _type(page, "Bedrag (€ per uur)", "62,50")
    result = compute(validate_scenario(DEMO))
    expect(page.get_by_text("aangeboden € 62,50 per uur").first).to_be_visible()
    with _reran(page):
        page.get_by_text("per FTE per jaar", exact=True).click()
    per_fte = round(62.5 * result.hours.billable, 2)
    field = page.get_by_label("Bedrag (€ per FTE per jaar)", exact=True)
    from pricing.numbers import format_dutch_input

    expect(field).to_have_value(format_dutch_input(per_fte))
    check = check_tariff(result, per_fte, "fte")
    expect(_metric(page, "Verschil per uur")).to_have_text(format_eur(check.gap_per_hour))
    _drawn(page)
    _shot(page, "path_tariefcheck_fte", height=1400)
    with page.expect_download() as info:
        page.get_by_role("button", name="Tariefcheck (PDF, één pagina)").click()
    pdf = tmp_path / "tariefcheck.pdf"
    info.value.save_as(pdf)
    shutil.copy(pdf, ARTIFACTS / "path_tariefcheck.pdf")
    _render(ARTIFACTS / "path_tariefcheck.pdf", "path_tariefcheck")
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 1
    assert "per FTE per jaar" in reader.pages[0].extract_text()


def test_b_edited_with_the_forms(server, page):
    _open(page, server, "vergelijken", "Vergelijken", "Kies en laad scenario B")
    with _reran(page):
        page.get_by_role("button", name="Laad als scenario B").click()
    with _reran(page):
        page.get_by_role("button", name="B bewerken met de formulieren").click()
    expect(page.get_by_test_id("stSidebar").get_by_text("U bewerkt scenario B")).to_be_visible()
    _to_page(page, "Normen & opslagen")
    _type(page, "Overheadpercentage", "22,5")
    _shot(page, "path_b_in_forms")
    with _reran(page):
        _sidebar_button(page, "Klaar met B: terug naar A").click()
    _to_page(page, "Vergelijken")
    b = read_scenario_file(ROOT / "examples" / "gemeente.yaml")
    b["norms"]["overhead"]["pct"] = 0.225
    expected = compare_scenarios(validate_scenario(DEMO), b)
    expect(_metric(page, "Verschil B − A per uur")).to_have_text(format_eur(expected.shown_gap))
    _drawn(page)
    _shot(page, "path_b_compared", height=2000)
