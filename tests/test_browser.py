"""What a person sees: the real app (`streamlit run`) in the system Chromium, driven by Playwright.

One server and one browser for the module; every wait is for the app's own elements (a heading, a
metric's text) or for the end of the run an action asked for (seen on the app's websocket:
tests/browser_runs.py), never a fixed time. Screenshots go to tests/artifacts/ (git-ignored) for review.
With CI=true the tests fail instead of skipping when Chromium is missing.
"""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path

import pytest

from pricing.costprice import compute
from pricing.display import shown_team
from pricing.money import format_eur, format_pct
from pricing.scenario import parse_scenario_text, read_scenario_file, validate_scenario
from tests.app_server import AppNotStarted, start_app, start_app_on_free_port, stop_app
from tests.browser_runs import Runs

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Per page: url path, title, and text the page shows last (so it is fully drawn when visible).
PAGES = (
    ("", "Organisatie & formatie", "Importeren en downloaden"),
    ("normen", "Normen & opslagen", "Reserveopbouw meerekenen"),
    ("kostprijs", "Kostprijs", "Gebruikte parameters en bronnen"),
    ("toets", "Toets", "Bronnen signaleringswaarden"),
    ("tariefcheck", "Tariefcheck", "Vul een aangeboden tarief in"),
    ("vergelijken", "Vergelijken", "Kies en laad scenario B"),
    ("contract", "Contract & offerte", "Contract & offerte"),
    ("versies", "Versies & rondes", "Werkruimte openen"),
)
TARIFF_LABEL = "Reëel tarief per uur (team)"

if not Path(CHROMIUM).exists():
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} ontbreekt; installeer het Debian-pakket 'chromium' (zie .ci/run)", pytrace=False)
    pytest.skip(f"{CHROMIUM} not installed", allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402  (after the Chromium check)

# Waits are for the app's own elements; on a loaded 2-core CI machine a rerun can take seconds.
expect.set_options(timeout=20_000)
# Opening a page is slower than a rerun: a fresh browser context fetches and compiles Streamlit's
# element code (every widget is a skeleton until its chunk has loaded), and the server's first
# session imports the app. Measured on the loaded 2-core machine: 20-40 s. Screenshots of a tall
# page wait for the renderer just as long.
LOAD_TIMEOUT = 90_000


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = tmp_path_factory.mktemp("store") / "store.sqlite"  # never the user's own data/ folder
    log = open(ARTIFACTS.mkdir(parents=True, exist_ok=True) or ARTIFACTS / "streamlit.log", "w")
    try:
        if os.environ.get("BROWSER_TEST_PORT"):  # a port agreed on a shared machine
            port = int(os.environ["BROWSER_TEST_PORT"])
            proc = start_app(f"sqlite:///{store}", port, log, timeout=60)
        else:  # a free one, checked to be the app's own (parallel runs never share a server)
            proc, port = start_app_on_free_port(f"sqlite:///{store}", log, timeout=60)
    except AppNotStarted:
        pytest.fail("streamlit did not start; see tests/artifacts/streamlit.log")
    yield f"http://127.0.0.1:{port}"
    stop_app(proc)
    log.close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="nl-NL", accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


def _runs(page) -> Runs:
    """The page's Streamlit runs, followed from before its first page load on."""
    if not hasattr(page, "st_runs"):
        page.st_runs = Runs(page)
    return page.st_runs


def _reran(page):
    """``with _reran(page): <action>`` waits until the run the action asked for is finished and drawn."""
    return _runs(page).rerun(LOAD_TIMEOUT)


def _to_page(page, link: str, heading: str | None = None) -> None:
    """Switch pages with the sidebar link, as a person does, and wait for the new page's run.

    A click that reaches the page while its links are being drawn anew does nothing: no request goes
    out on the websocket. Only then is the link clicked again."""
    _drawn(page)
    runs = _runs(page)
    for attempt in range(3):
        before = runs.requested
        page.get_by_role("link", name=link, exact=True).click()
        try:
            runs.requested_after(before, 10_000)
            break
        except AssertionError:
            if attempt == 2:
                raise
    runs.settle(LOAD_TIMEOUT)
    expect(page.get_by_role("heading", name=heading or link, exact=True)).to_be_visible(timeout=LOAD_TIMEOUT)
    _drawn(page)


def _open(page, url: str, path: str, title: str, last: str | None = None):
    _runs(page)
    page.goto(f"{url}/{path}")
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible(timeout=LOAD_TIMEOUT)
    if last:
        expect(page.get_by_text(last).first).to_be_visible(timeout=LOAD_TIMEOUT)
    _drawn(page)


# Scroll positions are kept in the page itself (DOM nodes do not travel to Python and back).
_SCROLL_POSITIONS = """() => { window.__scrolls = [window.scrollY, Array.from(document.querySelectorAll('*'))
    .filter(e => e.scrollHeight > e.clientHeight).map(e => [e.scrollTop, e])]; return true; }"""
_RESTORE_SCROLL = """() => { const [y, boxes] = window.__scrolls; for (const [top, e] of boxes) e.scrollTop = top;
    window.scrollTo(0, y); }"""


def _drawn(page):
    """Wait until Streamlit has finished and nothing is still a placeholder (widgets whose code is
    still loading, tables, lazy charts). Every placeholder must go; only the wait is long."""
    _runs(page).settle(LOAD_TIMEOUT)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=LOAD_TIMEOUT)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=LOAD_TIMEOUT)
    charts = page.get_by_test_id("stPlotlyChart")
    scrolled = None
    for k in range(charts.count()):
        svg = charts.nth(k).locator(".main-svg").first
        if not svg.is_visible():  # a chart below the fold is drawn once it is scrolled into view
            scrolled = scrolled or page.evaluate(_SCROLL_POSITIONS)
            charts.nth(k).scroll_into_view_if_needed()
        expect(svg).to_be_visible()
    if scrolled:  # back where the page was, so a screenshot or a position check sees the same screen
        page.evaluate(_RESTORE_SCROLL)
    tables = page.locator('[data-testid="stDataFrame"]:visible')  # not those in closed expanders
    for k in range(tables.count()):
        expect(tables.nth(k).locator("canvas").first).to_be_attached()


def _type_in_cell(page, select, text: str) -> None:
    """Retype a grid cell as a person does: ``select()`` clicks the cell, Enter opens its editor, all
    of it is selected and typed over, Enter ends the edit; then wait for the app's run on the edit."""
    _drawn(page)
    _typed_over(page, select, text)
    with _reran(page):
        page.keyboard.press("Enter")


def _typed_over(page, select, text: str, *, delay: float = 20) -> None:
    """Open a grid cell's editor (``select()`` clicks the cell, Enter opens it) and type over all of
    it; the edit is not ended yet."""
    editor = page.locator("#portal textarea")
    for attempt in range(3):  # a grid still mounting ignores the click: no editor opens
        select()
        page.keyboard.press("Enter")
        try:
            expect(editor).to_be_visible(timeout=5_000)
            break
        except AssertionError:
            if attempt == 2:
                raise
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text, delay=delay)
    expect(editor).to_have_value(text)
    _editor_keys_handled(page)


def _editor_keys_handled(page) -> None:
    """Wait until the grid's cell editor has handled every key typed into it, so the Enter that
    ends the edit hands over the typed text.

    The editor (glide-data-grid's overlay, in Streamlit's frontend) answers each keydown with a
    zero-delay timer that ends the edit once a key has asked for that (Enter, Tab, Escape), and
    passes the text only if it is that key's own timer. On a busy page Chromium handles the key
    events first: the timers of the keys typed just before Enter are still waiting when it
    arrives, the first of them ends the edit as 'nothing typed', the grid sends nothing and shows
    the cell unchanged (seen with keys typed 5 ms apart: tests/test_browser_quick_grid_edits.py's
    social-return case, about 1 run in 5). A timer set now runs after theirs: once it has run, the
    Enter hands over the text, as it does for a person, whose keys are further apart."""
    page.evaluate("() => new Promise(resolve => setTimeout(resolve, 0))")


def _chart(page, key: str):
    """The Plotly chart the app draws with ``key`` (Streamlit marks its container st-key-<key>)."""
    return page.locator(f".st-key-{key}").get_by_test_id("stPlotlyChart")


def _metric(page, label: str):
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def _shot(page, name: str, height: int | None = None) -> None:
    if height:
        page.set_viewport_size({"width": page.viewport_size["width"], "height": height})
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), timeout=LOAD_TIMEOUT)


def _save(page, tmp_path: Path, name: str) -> Path:
    """The sidebar's 'Opslaan' download, kept as a file."""
    with page.expect_download() as info:
        page.get_by_test_id("stSidebar").get_by_role("button", name="Opslaan").click()
    target = tmp_path / name
    info.value.save_as(target)
    return target


def _reopen(page, path: Path) -> None:
    """Open the saved file with the sidebar's upload, as a person does the next day."""
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.locator("input[type=file]").first.set_input_files(str(path))
    expect(sidebar.get_by_text(f"Bestand: {path.name}").first).to_be_visible()
    _drawn(page)


def _demo(page) -> None:
    """Go back to the demo with the sidebar's button and wait for its run: checking the page before
    that run has ended can find a grid the run is about to remove."""
    with _reran(page):
        page.get_by_test_id("stSidebar").get_by_role("button", name="Demo").click()
    _drawn(page)


def _raw(path: Path) -> dict:
    return parse_scenario_text(path.read_bytes(), path.name)


def _engine_tariff(raw: dict) -> str:
    return format_eur(shown_team(compute(validate_scenario(raw)).team)["tariff_per_hour"])


def test_each_page_opens_and_is_saved_as_a_screenshot(server, page):
    demo = _engine_tariff(read_scenario_file(ROOT / "examples" / "voorbeeld.yaml"))
    page.set_viewport_size({"width": 1440, "height": 2400})  # tall, so one shot shows the whole page
    for i, (path, title, last) in enumerate(PAGES, start=1):
        _open(page, server, path, title, last)
        if path in ("", "normen", "kostprijs"):  # the pages with the key-figure strip
            expect(_metric(page, TARIFF_LABEL)).to_have_text(demo)
        inputs = page.locator('[data-testid="stTextInput"]:visible input')  # not those in closed expanders
        for k in range(inputs.count()):
            expect(inputs.nth(k)).to_be_visible()
        _shot(page, f"page_{i}_{path or 'organisatie'}")


def test_changing_a_norm_updates_the_tariff(server, page):
    _open(page, server, "normen", "Normen & opslagen")
    raw = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
    expect(_metric(page, TARIFF_LABEL)).to_have_text(_engine_tariff(raw))
    box = page.get_by_label("Overheadpercentage")
    with _reran(page):
        box.fill("20")
        box.press("Enter")
    changed = copy.deepcopy(raw)
    changed["norms"]["overhead"]["pct"] = 0.2
    expect(_metric(page, TARIFF_LABEL)).to_have_text(_engine_tariff(changed))
    # The typed value survives a page switch within the session.
    _to_page(page, "Kostprijs")
    expect(_metric(page, TARIFF_LABEL)).to_have_text(_engine_tariff(changed))
    _shot(page, "after_change_kostprijs")


def test_scenario_download_is_a_valid_scenario_file(server, page, tmp_path):
    _open(page, server, "", "Organisatie & formatie")
    name = page.get_by_label("Naam scenario")
    with _reran(page):
        name.fill("Offerte getest in de browser")
        name.press("Enter")
    expect(page.get_by_test_id("stSidebar").get_by_text("Offerte getest in de browser")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_test_id("stSidebar").get_by_role("button", name="Opslaan").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    raw = parse_scenario_text(target.read_bytes(), target.name)
    assert target.name == "offerte-getest-in-de-browser.yaml"
    assert validate_scenario(raw).name == "Offerte getest in de browser"
    assert _engine_tariff(raw) == _engine_tariff(read_scenario_file(ROOT / "examples" / "voorbeeld.yaml"))


def test_buyer_check_comparison_and_presentation_mode(server, page):
    _open(page, server, "tariefcheck", "Tariefcheck")
    amount = page.get_by_label("Bedrag (€ per uur)")
    with _reran(page):
        amount.fill("64")
        amount.press("Enter")
    expect(page.get_by_text("Oordeel: onder kostprijs")).to_be_visible()
    _drawn(page)
    _shot(page, "tariefcheck_filled", height=1300)
    page.set_viewport_size({"width": 1440, "height": 1000})

    _to_page(page, "Vergelijken")
    with _reran(page):
        page.get_by_role("button", name="Laad als scenario B").click()
    expect(_metric(page, "Verschil B − A per uur")).to_be_visible()
    expect(page.get_by_text("Totaal verschil (B − A)").first).to_be_attached()
    _drawn(page)
    _shot(page, "vergelijken_loaded", height=2000)

    # A projector: 1280 x 720, presentation mode on.
    page.set_viewport_size({"width": 1280, "height": 720})
    with _reran(page):
        page.get_by_test_id("stSidebar").get_by_text("Presentatiemodus").click()
    expect(page.get_by_role("heading", name="Stichting Welzijn De Brug (fictief)")).to_be_visible()
    expect(page.get_by_test_id("stTextInput")).to_have_count(0)
    # Until the rerun has finished, the Vergelijken page's own (stale) metric "A · ..." still stands
    # below the projector's one; only the finished page must show it once.
    _drawn(page)
    # With a B loaded the projector opens on the comparison: both tariffs and the whole bridge on
    # one 1280 x 720 screen, bars named after the scenarios, each step with its two values.
    expect(_metric(page, "A · Offerte sociaal werk 2026")).to_be_visible()
    bridge = _chart(page, "chart_bridge_big")
    box = bridge.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 720, box
    assert page.evaluate("window.scrollY") == 0  # nothing scrolled away to get there
    expect(bridge.locator(".xtick text").first).to_contain_text("A: Offerte")
    expect(bridge.locator(".xtick text").filter(has_text=re.compile(r"Overhead.*25,0 %.*20,0 %"))).to_have_count(1)
    _shot(page, "presentatie_1280x720")
    with _reran(page):
        page.get_by_test_id("stButtonGroup").get_by_text("Kerncijfers", exact=True).click()
    expect(_metric(page, "Aangeboden tarief per uur")).to_have_text("€ 64,00")
    _drawn(page)
    _shot(page, "presentatie_kerncijfers_1280x720")
    page.set_viewport_size({"width": 1280, "height": 1500})
    _drawn(page)
    _shot(page, "presentatie_full")


def _fill(page, label: str, text: str) -> None:
    """Fill a field of a form: nothing runs until the form's button is pressed."""
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    expect(field).to_have_value(text)


def _type(page, label: str, text: str) -> None:
    """Fill one field and let Streamlit finish the rerun its blur starts, before the next field."""
    field = page.get_by_label(label, exact=True)
    _drawn(page)
    with _reran(page):
        field.fill(text)
        field.press("Tab")
    _drawn(page)


def test_a_round_is_saved_in_a_new_workspace(server, page):
    _open(page, server, "versies", "Versies & rondes", "Werkruimte openen")
    page.get_by_text("Nieuwe werkruimte aanmaken").click()  # an expander: drawn in the browser, no run
    _fill(page, "Code (kleine letters, cijfers, streepjes)", "de-brug")
    _fill(page, "Naam van de organisatie", "Welzijn De Brug")
    _fill(page, "Toegangscode (minstens 8 tekens)", "geheim-2026")
    _fill(page, "Herhaal de toegangscode", "geheim-2026")
    with _reran(page):
        page.get_by_role("button", name="Aanmaken").click()
    try:  # creating and opening each run the access-code hash (scrypt, about a second)
        expect(page.get_by_text("verwerkt")).to_be_visible(timeout=30_000)
        _drawn(page)
        _fill(page, "Toegangscode", "geheim-2026")
        with _reran(page):
            page.get_by_role("button", name="Openen").click()
        expect(page.get_by_text("Werkruimte 'de-brug' geopend")).to_be_visible(timeout=30_000)
    except AssertionError:
        _shot(page, "versies_failed", height=1600)
        raise
    _type(page, "Auteur", "Anna de Vries")
    _type(page, "Notitie bij deze versie", "Eerste bod aan de gemeente")
    # Exact names, and only once the rerun is done: during a rerun Streamlit briefly shows the old
    # and the new button side by side (strict mode found two "Als nieuw scenario").
    _drawn(page)
    with _reran(page):
        page.get_by_role("button", name="Als nieuw scenario", exact=True).click()
    expect(page.get_by_text("opgeslagen als versie 1")).to_be_visible()
    expect(page.get_by_text("Opgeslagen cijfers van versie 1")).to_be_visible()  # figures stored at save time
    expect(page.get_by_text("de huidige editie is dezelfde en geeft dezelfde cijfers")).to_be_visible()
    _drawn(page)
    # The second save in a row: author and role stay, the round counts up, no internal ids.
    expect(page.get_by_label("Auteur", exact=True)).to_have_value("Anna de Vries")
    expect(page.get_by_label("Ronde", exact=True)).to_have_value("2")
    _type(page, "Notitie bij deze versie", "Tweede bod")
    with _reran(page):
        page.get_by_role("button", name="Nieuwe versie opslaan", exact=True).click()
    expect(page.get_by_text("opgeslagen als versie 2")).to_be_visible()
    _drawn(page)
    expect(page.get_by_text("van scenario 1")).to_have_count(0)
    # Leaving the page and coming back keeps the author.
    _to_page(page, "Kostprijs")
    _to_page(page, "Versies & rondes")
    expect(page.get_by_label("Auteur", exact=True)).to_have_value("Anna de Vries")
    _shot(page, "versies_saved", height=1800)
    log = (ARTIFACTS / "streamlit.log").read_text(encoding="utf-8", errors="replace")
    assert "Serialization of dataframe to Arrow table was unsuccessful" not in log


def test_tornado_and_band_on_the_costprice_page_and_the_projector(server, page):
    from pricing.risk_band import tariff_band
    from pricing.sensitivity import sensitivity

    result = compute(validate_scenario(read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")))
    band, top = tariff_band(result), sensitivity(result).bars[0]
    page.set_viewport_size({"width": 1400, "height": 2400})  # the whole page drawn, no lazy placeholders
    _open(page, server, "kostprijs", "Kostprijs", "Gevoeligheid en risicoband")
    page.set_viewport_size({"width": 1400, "height": 1000})
    expect(
        page.get_by_text(f"Risicoband {format_eur(band.p10)} – {format_eur(band.p90)} per uur").first
    ).to_be_visible()
    chart = _chart(page, "chart_tornado")
    expect(chart).to_be_attached()
    chart.scroll_into_view_if_needed()
    expect(chart.get_by_text(format_eur(top.tariff_at_high)).first).to_be_visible()
    _shot(page, "tornado_kostprijs_1400x1000")
    for width, height in ((1400, 1000), (1280, 720)):
        page.set_viewport_size({"width": width, "height": height})
        if not page.get_by_role("heading", name="Waar het tarief op rust").count():
            with _reran(page):
                page.get_by_test_id("stSidebar").get_by_text("Presentatiemodus").click()
            # The presentation's screen choice (a segmented control: its options are radios).
            with _reran(page):
                page.get_by_role("radiogroup", name="Scherm").get_by_role("radio", name="Gevoeligheid").click()
        heading = page.get_by_role("heading", name="Waar het tarief op rust")
        expect(heading).to_be_visible()
        _drawn(page)
        chart = _chart(page, "chart_tornado_presentation")
        expect(chart.get_by_text(top.assumption.label).first).to_be_visible()
        # One projector screen: from the heading to the chart's legend, nothing below the fold.
        heading.evaluate("el => el.scrollIntoView({block: 'start'})")
        top_of_heading = heading.bounding_box()["y"]
        legend = chart.locator(".legend").first
        bottom_of_chart = max(chart.bounding_box()["y"] + chart.bounding_box()["height"], 0)
        assert top_of_heading >= 0 and legend.bounding_box()["y"] + legend.bounding_box()["height"] <= height
        assert bottom_of_chart <= height, (width, height, bottom_of_chart)
        _shot(page, f"tornado_presentatie_{width}x{height}")


def test_overhead_cost_line_typed_in_dutch_notation_saved_and_reopened(server, page, tmp_path):
    """A cost line's amount typed as a Dutch user types it (750.000,50) gives the engine's tariff."""
    _open(page, server, "normen", "Normen & opslagen", "Reserveopbouw meerekenen")
    with _reran(page):
        page.get_by_role("button", name="Opbouwen uit kostenregels").click()
    grid = page.get_by_test_id("stDataFrame").filter(has_text="Kostenregel").first
    expect(page.get_by_text("Totaal €").first).to_be_visible()
    _drawn(page)
    grid.scroll_into_view_if_needed()

    def first_amount():
        box = grid.bounding_box()
        page.mouse.click(box["x"] + box["width"] * 0.45, box["y"] + 52)  # the amount of the first line

    _type_in_cell(page, first_amount, "750.000,50")
    expect(page.get_by_text("Totaal € 750.000,50 per jaar").first).to_be_visible()
    raw = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
    raw["norms"]["overhead"] = {
        "convention": "markup",
        "lines": [{"name": "Overhead (uit het percentage)", "amount": 750000.5}],
    }
    expect(_metric(page, TARIFF_LABEL)).to_have_text(_engine_tariff(raw))
    markup = f"opslag van {format_pct(compute(validate_scenario(copy.deepcopy(raw))).overhead_pct)}"
    expect(page.get_by_text(markup).first).to_be_visible()
    _drawn(page)
    _shot(page, "editor_overhead_lines")
    # Saved with the sidebar's download and reopened the next day: the same line, tariff and markup.
    saved = _raw(_save(page, tmp_path, "overhead.yaml"))
    assert [(line["name"], line["amount"]) for line in saved["norms"]["overhead"]["lines"]] == [
        ("Overhead (uit het percentage)", 750000.5)
    ]
    _demo(page)
    expect(page.get_by_text("Totaal € 750.000,50 per jaar")).to_have_count(0)
    _reopen(page, tmp_path / "overhead.yaml")
    expect(page.get_by_text("Totaal € 750.000,50 per jaar").first).to_be_visible()
    expect(page.get_by_text(markup).first).to_be_visible()
    expect(_metric(page, TARIFF_LABEL)).to_have_text(_engine_tariff(raw))
