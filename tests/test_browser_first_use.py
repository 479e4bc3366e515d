"""A first-time user in a real Chromium (nl-NL, 1400 x 1000, typed with the keyboard): the staff grid
fits the screen with its computed monthly salary in view, and the CAO-detail columns come and go
without losing what is in them; a refused number says which field, what was typed and what stays;
on the Versies page two saves in a row work after another page was visited. Screenshots go to
tests/artifacts/ to be looked at.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.test_browser import (  # noqa: F401  (fixtures: server, browser)
    _drawn,
    _open,
    _reran,
    _shot,
    _to_page,
    browser,
    server,
)
from tests.test_browser_numbers import _downloaded, _grid_type

WIDTH, HEIGHT = 1400, 1000
# The grid's scroll area, its width as shown and as drawn (glide data grid).
_GRID_WIDTHS = """() => { const e = document.querySelector('[data-testid="stDataFrame"] .dvn-scroller');
    return e ? [e.scrollWidth, e.clientWidth, e.getBoundingClientRect().right] : null; }"""


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="nl-NL", accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


def _key_in(page, label: str, text: str, *, form: bool = False) -> None:
    """Type into a field as a person does and leave it with Tab (Enter would submit a form); outside
    a form, wait for the run its blur asks for."""
    field = page.get_by_label(label, exact=True)
    _drawn(page)
    field.click()
    field.press("ControlOrMeta+a")
    field.press_sequentially(text, delay=15)
    if form:  # nothing runs until the form's button is pressed
        field.press("Tab")
        expect(field).to_have_value(text)
        return
    with _reran(page):
        field.press("Tab")
    _drawn(page)


def test_staff_grid_fits_1400_px_and_hidden_columns_keep_their_values(server, page, tmp_path):
    _open(page, server, "", "Organisatie & formatie", "Importeren en downloaden")
    grid = page.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    scroll_width, client_width, right = page.evaluate(_GRID_WIDTHS)
    assert scroll_width <= client_width, "the grid scrolls sideways at 1400 px"
    assert right <= WIDTH  # so the last columns, Maandsalaris and Bron salaris, are on screen
    _shot(page, "first_use_grid_1400")

    toggle = page.get_by_text("Meer kolommen (cao-details)")
    with _reran(page):
        toggle.click()
    _drawn(page)
    expect(grid.locator("canvas").first).to_be_attached()
    # Personen is the first detail column, after Functie, Schaal, Trede, FTE, Contract, Eigen salaris, ORT %.
    _grid_type(page, 0, 7, "14")
    expect(page.get_by_test_id("stSidebar").get_by_text("Invoer geldig")).to_be_visible()
    _shot(page, "first_use_grid_more_columns")
    with _reran(page):
        toggle.click()
    _drawn(page)
    expect(
        page.get_by_text("Verborgen kolommen met ingevulde waarden (die blijven meetellen): Personen.")
    ).to_be_visible()
    scroll_width, client_width, _ = page.evaluate(_GRID_WIDTHS)
    assert scroll_width <= client_width
    raw = _downloaded(page, tmp_path)
    assert raw["staff"][0]["persons"] == 14  # typed in a column now hidden, and kept


def test_a_refused_number_names_the_field_what_was_typed_and_what_stays(server, page):
    _open(page, server, "normen", "Normen & opslagen", "Reserveopbouw meerekenen")
    field = page.get_by_label("Verlof (uur)", exact=True)
    field.click()
    field.press("ControlOrMeta+a")
    field.press_sequentially("17O", delay=15)  # a letter O for a zero
    with _reran(page):
        field.press("Enter")
    toast = page.get_by_test_id("stToast").filter(has_text="Verlof (uur): '17O' niet overgenomen")
    expect(toast).to_contain_text("de vorige waarde 170")  # shown for 4 s
    _drawn(page)
    message = page.get_by_test_id("stAlert").filter(has_text="Verlof (uur): '17O'")
    expect(message).to_be_visible()
    expect(message).to_contain_text("Niet overgenomen: de vorige waarde 170")
    expect(page.get_by_text("getypt(e) getal(len) niet overgenomen: Verlof (uur)")).to_be_visible()  # page top
    _shot(page, "first_use_refused_number")
    expect(page.get_by_label("Verlof (uur)", exact=True)).to_have_value("17O")  # what was typed stays to fix


def test_two_saves_in_a_row_on_versies_after_another_page(server, page):
    _open(page, server, "versies", "Versies & rondes", "Werkruimte openen")
    page.get_by_text("Nieuwe werkruimte aanmaken").click()
    _key_in(page, "Code (kleine letters, cijfers, streepjes)", form=True, text="eerste-keer")
    _key_in(page, "Naam van de organisatie", form=True, text="Welzijn Eerste Keer")
    _key_in(page, "Toegangscode (minstens 8 tekens)", form=True, text="geheim-2026")
    _key_in(page, "Herhaal de toegangscode", form=True, text="geheim-2026")
    page.get_by_role("button", name="Aanmaken").click()
    expect(page.get_by_text("verwerkt")).to_be_visible(timeout=30_000)  # scrypt takes about a second
    _drawn(page)
    _key_in(page, "Toegangscode", form=True, text="geheim-2026")
    page.get_by_role("button", name="Openen").click()
    expect(page.get_by_text("Werkruimte 'eerste-keer' geopend")).to_be_visible(timeout=30_000)

    name = page.get_by_label("Of opslaan als nieuw scenario met de naam", exact=True)
    _to_page(page, "Kostprijs")
    _to_page(page, "Versies & rondes")
    expect(name).to_have_value("Offerte sociaal werk 2026")  # prefilled again after another page
    _key_in(page, "Auteur", "Fatima el Amrani")
    with _reran(page):
        page.get_by_role("button", name="Als nieuw scenario", exact=True).click()
    expect(page.get_by_text("opgeslagen als versie 1")).to_be_visible()
    _drawn(page)
    with _reran(page):
        page.get_by_role("button", name="Nieuwe versie opslaan", exact=True).click()
    expect(page.get_by_text("opgeslagen als versie 2")).to_be_visible()
    _to_page(page, "Toets")
    _to_page(page, "Versies & rondes")
    expect(page.get_by_label("Auteur", exact=True)).to_have_value("Fatima el Amrani")
    expect(name).to_have_value("Offerte sociaal werk 2026")
    with _reran(page):
        page.get_by_role("button", name="Nieuwe versie opslaan", exact=True).click()
    expect(page.get_by_text("opgeslagen als versie 3")).to_be_visible()
    expect(page.get_by_text("verplicht")).to_have_count(0)
    _drawn(page)
    _shot(page, "first_use_versies_three_saves", height=1600)
