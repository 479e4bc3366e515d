"""What only a screen shows, in a real Chromium (nl-NL) at the two sizes a controller's laptop and
an office screen have (1280x720 and 1400x1000): the contract page's text grids and the
social-return estimate do not scroll sideways, and rows made taller for wrapped text do not hide a
row behind a scroll inside the grid. The screenshots (tests/artifacts/layout_*) show the wrapping."""

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
from tests.test_browser_forecast import FORM, _set_date

CONTRACT = ("contract", "Contract & offerte", "Rekenmodel (xlsx)")  # drawn to its last element
SIZES = ((1400, 1000), (1280, 720))
# Every table in sight: its key (if any), the width it needs, the width it has, and the same heights.
_GRIDS = """() => Array.from(document.querySelectorAll('[data-testid="stDataFrame"]'))
    .filter(d => d.offsetParent !== null).map(d => {
        const s = d.querySelector('.dvn-scroller');
        const k = (d.closest('[class*="st-key-"]')?.className.match(/st-key-([\\w-]+)/) || [])[1] || '';
        return s ? {key: k, header: d.innerText.slice(0, 40), need: s.scrollWidth, has: s.clientWidth,
                    tall: s.scrollHeight, high: s.clientHeight} : null; }).filter(Boolean)"""
# Every static table in sight (ui/components.static_table): its key, the width its box needs and
# has (a table wider than the page would scroll sideways in its box).
_STATIC_TABLES = """() => Array.from(document.querySelectorAll('table.static-table'))
    .filter(t => t.offsetParent !== null).map(t => ({key: t.dataset.key, rows: t.tBodies[0].rows.length,
        need: t.parentElement.scrollWidth, has: t.parentElement.clientWidth}))"""
# The x-axis labels of the chart in the element with key `key`, left to right, as screen boxes.
_TICK_BOXES = """key => Array.from(document.querySelectorAll(`.st-key-${key} .xtick text`)).map(t => {
        const r = t.getBoundingClientRect();
        return {text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom}; })
    .sort((a, b) => a.left - b.left)"""


@pytest.fixture(params=SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def page(browser, request):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.size = request.param
    yield pg
    context.close()


def _open_contract_sections(page, server, *titles: str) -> None:
    """The contract page with these expanders opened; their tables are built once opened, as a click does."""
    _open(page, server, *CONTRACT)
    for title in titles:
        with _reran(page):
            page.get_by_test_id("stExpander").get_by_text(title, exact=True).click()
        _drawn(page)


def test_contract_text_grids_and_the_estimate_fit_the_page_without_a_sideways_scroll(server, page):
    width, height = page.size
    _open_contract_sections(page, server, "Maatschappelijk rendement per opgave (schatting)", "Varianten")
    page.get_by_role("tab", name="Maatschappelijk rendement").click()
    estimate = page.get_by_test_id("stDataFrame").filter(has_text="Baten bij bandbreedte").first
    expect(estimate).to_be_visible()
    _drawn(page)
    grids = page.evaluate(_GRIDS)
    keys = [g["key"] for g in grids]
    for start in ("contract_tasks_", "contract_indicators_", "contract_social_"):
        assert any(k.startswith(start) for k in keys), (start, keys)
    # The variant changes hold choice cells, which do not wrap: they fit 1400 px, not 1280 px.
    sideways = [
        g
        for g in grids
        if g["need"] > g["has"] and not (width < 1400 and g["key"].startswith("contract_option_changes_"))
    ]
    assert not sideways, sideways
    # Taller rows never hide a row behind a scroll inside the grid.
    wrapped = [g for g in grids if g["key"].startswith(("contract_tasks_", "contract_indicators_"))]
    assert all(g["tall"] <= g["high"] for g in wrapped), wrapped
    estimate.scroll_into_view_if_needed()
    _shot(page, f"layout_contract_estimate_{width}x{height}")
    tasks = page.get_by_role("heading", name="Opgaven", exact=True)
    tasks.scroll_into_view_if_needed()
    _shot(page, f"layout_contract_tasks_{width}x{height}")


def test_the_index_tables_and_the_social_return_sources_fit_the_page_without_a_sideways_scroll(server, page):
    """The clause's per-year figures and sources, and the social-return range and source per task."""
    width, height = page.size
    _open_contract_sections(page, server, "Maatschappelijk rendement per opgave (schatting)", "Indexatieclausule")
    grids = page.evaluate(_GRIDS)
    keys = [g["key"] for g in grids]
    for start in ("contract_year_index_", "contract_social_"):
        assert sum(k.startswith(start) for k in keys) == 2, (start, keys)  # the figures and their sources
    mine = [g for g in grids if g["key"].startswith(("contract_year_index_", "contract_social_"))]
    assert not [g for g in mine if g["need"] > g["has"]], mine
    assert all(g["tall"] <= g["high"] for g in mine), mine  # taller rows hide no row behind a scroll
    for key in ("contract_social_", "contract_year_index_"):
        for k, which in enumerate(("figures", "sources")):
            page.locator(f'[class*="st-key-{key}"]').nth(k).scroll_into_view_if_needed()
            _shot(page, f"layout_{key.rstrip('_')}_{which}_{width}x{height}")


def test_the_toets_tables_fit_the_page_without_a_sideways_scroll(server, page):
    width, height = page.size
    _open(page, server, "toets", "Toets", "Bronnen signaleringswaarden")
    tables = page.evaluate(_STATIC_TABLES)
    assert [t["key"] for t in tables] == ["table_benchmark", "table_health"], tables
    assert all(t["need"] <= t["has"] for t in tables), tables  # no sideways scroll
    assert all(t["rows"] > 0 for t in tables), tables  # every row shown: a static table does not scroll
    _shot(page, f"layout_toets_{width}x{height}")


def test_the_costprice_tables_fit_and_the_waterfall_labels_do_not_overlap(server, page):
    width, height = page.size
    _open(page, server, "kostprijs", "Kostprijs", "Wettelijke kostenelementen")
    grids = page.evaluate(_GRIDS)
    assert len(grids) == 1, grids  # per function (the closed expanders hold none)
    assert all(g["need"] <= g["has"] for g in grids), grids  # no sideways scroll
    tables = page.evaluate(_STATIC_TABLES)  # Wmo and Jeugdwet, static
    assert [t["key"] for t in tables] == ["table_wmo", "table_jeu"], tables
    assert all(t["need"] <= t["has"] for t in tables), tables
    page.get_by_test_id("stPlotlyChart").first.scroll_into_view_if_needed()
    _shot(page, f"layout_costprice_waterfall_{width}x{height}")
    # The waterfall's axis labels: no two neighbours' boxes overlap.
    boxes = page.evaluate(_TICK_BOXES, "chart_waterfall")
    assert len(boxes) >= 8, boxes
    overlaps = [(a, b) for a, b in zip(boxes, boxes[1:]) if a["right"] > b["left"] and a["bottom"] > b["top"]]
    assert not overlaps, overlaps
    page.get_by_role("heading", name="Per functie", exact=True).scroll_into_view_if_needed()
    _shot(page, f"layout_costprice_lines_{width}x{height}")


def test_an_empty_organisation_links_the_other_pages_to_where_it_begins(server, page):
    width, height = page.size
    _open(page, server, "", "Organisatie & formatie", "Importeren en downloaden")
    page.get_by_test_id("stSidebar").get_by_role("button", name="Nieuw scenario", exact=True).click()
    expect(page.get_by_text("Dit scenario heeft nog geen formatie")).to_be_visible()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Kostprijs").click()
    expect(page.get_by_role("heading", name="Kostprijs", exact=True)).to_be_visible()
    link = page.get_by_test_id("stMain").get_by_role("link", name="Organisatie & formatie")
    expect(link).to_be_visible()
    _drawn(page)
    _shot(page, f"layout_empty_costprice_{width}x{height}")
    link.click()
    expect(page.get_by_role("heading", name="Organisatie & formatie", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Voorbeeldregel toevoegen")).to_be_visible()


def test_the_staff_grid_fits_the_page_without_a_sideways_scroll(server, page):
    width, height = page.size
    _open(page, server, "", "Organisatie & formatie", "Importeren en downloaden")
    grids = page.evaluate(_GRIDS)
    assert grids and grids[0]["need"] <= grids[0]["has"], grids  # the staff grid, the page's first table
    # The figures above it are whole: no metric's value cut off with an ellipsis.
    cut = page.evaluate("""() => Array.from(document.querySelectorAll('[data-testid="stMetricValue"]'))
        .filter(v => [v, ...v.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1))
        .map(v => v.innerText)""")
    assert page.get_by_test_id("stMetricValue").count() == 4 and not cut, cut
    page.get_by_test_id("stDataFrame").first.scroll_into_view_if_needed()
    _shot(page, f"layout_staff_{width}x{height}")


def test_the_forecast_table_fits_the_page_without_a_sideways_scroll(server, page):
    width, height = page.size
    _open(page, server, "", "Organisatie & formatie", "Importeren en downloaden")
    _set_date(page, "01012027")  # past the published figures: the forecast is in use
    _to_page(page, "Kostprijs")
    form = page.get_by_role("heading", name=FORM)
    expect(form).to_be_visible()
    _drawn(page)
    grids = page.evaluate(_GRIDS)
    forecast = grids[0]  # the forecast form comes first on a provisional price
    assert forecast["need"] <= forecast["has"], grids  # no sideways scroll
    assert forecast["tall"] <= forecast["high"], grids  # no row hidden behind a scroll inside the grid
    assert all(g["need"] <= g["has"] for g in grids), grids
    page.get_by_test_id("stDataFrame").first.scroll_into_view_if_needed()
    _shot(page, f"layout_forecast_{width}x{height}")
