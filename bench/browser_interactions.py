"""Benchmark (not a test): interactions in a real browser, next to a bare one-widget Streamlit app.

    python bench/browser_interactions.py [--runs 7] [--port 8600] [--no-large] [--only switches|fte]

Starts Streamlit servers with the same settings through tests/app_server.py (the app, a bare
script with one number input and, as floors of their own kind, a bare data editor and a bare
two-page app, all from the repository root so all read .streamlit/config.toml; free ports unless
--port is given: the app on it, the bare apps on the next three), drives the system
Chromium with Playwright (locale nl-NL, typed with the keyboard) and times, from the key press or
click that starts it until its result is on screen (checked every animation frame; a click's clock
starts when the mouse click is sent, after Playwright's checks that the element is steady, which
before 5 December 2026 were inside the figure: see _click):

* bare app: a number typed, Enter, the new value written (the reference);
* bare data editor: one cell of an eight-row grid retyped, Enter, until the figure it drives shows
  (the floor of a grid edit: Streamlit's data editor sends an edit 150 ms after the cell is left),
  and the same grid with 2,000 rows (the floor of the 2,000-line FTE edit: what the browser and the
  server take for a grid that size, with nothing of the app's around it);
* bare two-page app: a click in Streamlit's navigation until the other page's title and last line
  show (the floor of a page switch);
* FTE edit: a cell of the staff grid retyped, Enter, until the team tariff shows the new figure;
* norm change: the overhead percentage retyped, Enter, until the new tariff shows;
* page switch: a click in the navigation until the page's title and its last element show
  (Kostprijs and Contract & offerte);
* offer PDF and xlsx download: click until the file is complete;
* saving a version on Versies & rondes (workspace in a temporary SQLite file) until confirmed;
* FTE edit on a 2,000-line scenario (opened through the sidebar upload) until the new tariff shows.

Prints min / median / max per interaction and the ratio of its median to the bare app's median,
measured in the same run; grid edits and page switches also against the bare app of their own
kind. Targets (issue 10): every interaction within 2x of the bare app; the 2,000-line FTE edit
under 250 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Locator, Page, sync_playwright  # noqa: E402

from bench.run import synthetic  # noqa: E402
from tests.app_server import AppNotStarted, free_port, start_app, stop_app  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BARE = """import streamlit as st

value = st.number_input("Getal", key="x", value=1.0)
st.write(f"Uitkomst {value * 2:.1f}")
"""
TARIFF_LABEL = "Reëel tarief per uur (team)"
# The floor of a grid edit: one data editor (eight text cells, as the staff grid's FTE column) and
# the figure it drives. Streamlit's data editor sends an edit about 150 ms after the cell is left
# (a debounce in its frontend), so a grid edit starts that much behind a number field. Served with
# ?rows=2000 it is the floor of the 2,000-line FTE edit.
BARE_GRID = f"""import pandas as pd
import streamlit as st

rows = int(st.query_params.get("rows", "8"))
frame = st.data_editor(pd.DataFrame({{"Functie": ["f" + str(i) for i in range(rows)], "FTE": ["1"] * rows}}),
                       key="grid", num_rows="dynamic", hide_index=True)
total = sum(float(str(v).replace(",", ".") or 0) for v in frame["FTE"])
st.metric("{TARIFF_LABEL}", f"{{total:.2f}}")
"""
# The floor of a page switch: two pages in Streamlit's own navigation, each a title, one widget and
# a closing line, switched by the same click and the same check as the app's pages.
BARE_PAGES = """import streamlit as st

st.set_page_config(initial_sidebar_state="expanded")  # as the app: its navigation in the open sidebar

def page(title):
    def draw():
        st.title(title)
        st.number_input("Getal", key="x_" + title, value=1.0)
        st.write("Einde van " + title)

    return draw


pages = [st.Page(page(title), title=title, url_path=title.lower()) for title in ("Een", "Twee")]
st.navigation(pages).run()
"""
# Which bare reference an interaction is of the same kind as (the last column of the report).
SAME_KIND = {
    "FTE edit (staff grid)": "bare data editor: cell typed, Enter",
    "FTE edit, 2,000-line scenario": "bare data editor, 2,000 rows: cell typed, Enter",
    "page switch to Kostprijs": "bare two-page app: page switch",
    "page switch to Contract & offerte": "bare two-page app: page switch",
}
WORKSPACE, CODE = "bench-browser", "benchmark-code-1"

# True once Streamlit has finished its rerun (no running indicator) and the check holds.
_DONE = "!document.querySelector('[data-testid=\"stStatusWidget\"]')"
_TARIFF_JS = """([label, old]) => {
  for (const m of document.querySelectorAll('[data-testid="stMetric"]')) {
    if (m.textContent.includes(label)) {
      const v = m.querySelector('[data-testid="stMetricValue"]');
      return v && v.textContent.trim() !== old && v.textContent.trim() !== '';
    }
  }
  return false;
}"""
_PAGE_JS = """([title, last]) => !document.querySelector('[data-testid="stStatusWidget"]') &&
  [...document.querySelectorAll('h1')].some(h => h.textContent.trim() === title) &&
  document.body.textContent.includes(last) &&
  !document.querySelector('[data-testid="stSkeleton"]')"""


def _serve(script: Path, port: int, log: Path, env: dict[str, str]) -> subprocess.Popen:
    try:
        return start_app(env["REELE_PRIJS_DATABASE_URL"], port, log.open("w"), timeout=90, script=script, env=env)
    except AppNotStarted as exc:
        raise SystemExit(f"{exc}; see {log}") from None


def _idle(page: Page) -> None:
    page.wait_for_function(_DONE, polling="raf", timeout=120_000)
    page.wait_for_timeout(150)  # let late messages of the previous rerun arrive


def _tariff(page: Page) -> str:
    metric = page.get_by_test_id("stMetric").filter(has_text=TARIFF_LABEL).get_by_test_id("stMetricValue").first
    return metric.inner_text().strip()


def _until_tariff_changes(page: Page, old: str, start: float, timeout: float = 120_000) -> float:
    page.wait_for_function(_TARIFF_JS, arg=[TARIFF_LABEL, old], polling="raf", timeout=timeout)
    return (time.perf_counter() - start) * 1000


def _open(page: Page, url: str, title: str, last: str) -> None:
    page.goto(url)
    page.wait_for_function(_PAGE_JS, arg=[title, last], polling="raf", timeout=120_000)
    _idle(page)


def _grid_cell(page: Page, row: int, column: int) -> None:
    grid = page.get_by_test_id("stDataFrame").first
    grid.locator("canvas").first.wait_for(state="attached")
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 80, box["y"] + 35 + 35 * row + 17)  # glide grid: rows of 35 px
    for _ in range(column):
        page.keyboard.press("ArrowRight")


def _grid_edit(column: int) -> Callable[[Page, int], float]:
    def run(page: Page, i: int) -> float:
        return _fte_edit(page, i, column)

    return run


def _fte_edit(page: Page, i: int, column: int = 3) -> float:
    """Retype the FTE of the first staff line; ms from Enter until the new team tariff shows.

    The grid is drawn anew after every edit; an edit typed while the old one is still being
    replaced is lost, so an edit whose tariff does not change within 30 s is typed again (that
    attempt is not counted)."""
    old = _tariff(page)
    # A new value every run (nothing from a cache), a whole FTE apart so the team tariff moves by
    # more than the cent it is shown in.
    text = f"{i + 5},5"
    for attempt in range(3):
        _type_cell(page, 0, column, text)
        start = time.perf_counter()
        page.keyboard.press("Enter")
        try:
            elapsed = _until_tariff_changes(page, old, start, timeout=30_000 if attempt < 2 else 120_000)
            break
        except Exception:  # noqa: BLE001
            if attempt == 2:
                raise
            _idle(page)
    _idle(page)
    page.wait_for_timeout(500)  # the grid is mounted again under its new key
    return elapsed


def _type_cell(page: Page, row: int, column: int, text: str) -> None:
    editor = page.locator("#portal textarea")
    for attempt in range(3):
        _grid_cell(page, row, column)
        page.keyboard.press("Enter")
        try:
            editor.wait_for(state="visible", timeout=5_000)
            break
        except Exception:  # noqa: BLE001  (the grid was still being rebuilt; try again)
            if attempt == 2:
                raise
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text, delay=10)
    page.wait_for_function("t => document.querySelector('#portal textarea')?.value === t", arg=text, polling="raf")


def _norm_change(page: Page, i: int) -> float:
    old = _tariff(page)
    box = page.get_by_label("Overheadpercentage")
    box.fill(f"{20 + 0.5 * (i + 2):.1f}".replace(".", ","))  # a new value every run: nothing from a cache
    start = time.perf_counter()
    box.press("Enter")
    elapsed = _until_tariff_changes(page, old, start)
    _idle(page)
    return elapsed


def _click(locator: Locator) -> float:
    """Click ``locator`` as a person does; the clock's reading at the moment the click is sent.

    Playwright's own click first waits until the element is visible, steady over two animation
    frames and not covered, and only then sends the click: 50-350 ms on these pages, a wait that
    belongs to the harness and not to the interaction (a bare number typed and Enter has none). So
    that check runs first (a trial click) and the clock starts when the mouse click itself is sent,
    at the element's centre."""
    locator.click(trial=True)
    box = locator.bounding_box()
    if box is None:
        raise RuntimeError("the element to click is no longer on the page")
    start = time.perf_counter()
    locator.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    return start


def _switch(title: str, last: str, back: tuple[str, str]) -> Callable[[Page, int], float]:
    def run(page: Page, i: int) -> float:
        page.get_by_role("link", name=back[0], exact=True).click()
        page.wait_for_function(_PAGE_JS, arg=list(back), polling="raf", timeout=120_000)
        _idle(page)
        start = _click(page.get_by_role("link", name=title, exact=True))
        page.wait_for_function(_PAGE_JS, arg=[title, last], polling="raf", timeout=120_000)
        elapsed = (time.perf_counter() - start) * 1000
        _idle(page)
        return elapsed

    return run


def _download(label: str) -> Callable[[Page, int], float]:
    def run(page: Page, i: int) -> float:
        for attempt in range(3):  # a click that lands while the page is redrawn is lost: not counted
            _idle(page)
            button = page.get_by_role("button", name=label)
            try:
                with page.expect_download(timeout=30_000 if attempt < 2 else 120_000) as info:
                    start = _click(button)
                break
            except Exception:  # noqa: BLE001
                if attempt == 2:
                    raise
        info.value.path()  # waits until the file is complete
        elapsed = (time.perf_counter() - start) * 1000
        _idle(page)
        return elapsed

    return run


def _save_version(page: Page, i: int) -> float:
    _idle(page)
    note = page.get_by_label("Notitie bij deze versie", exact=True).last
    note.fill(f"Bod {i}")
    note.press("Tab")
    _idle(page)
    start = _click(page.get_by_role("button", name="Nieuwe versie opslaan", exact=True))
    page.wait_for_function(
        """n => !document.querySelector('[data-testid="stStatusWidget"]') &&
               document.body.textContent.includes('pgeslagen als versie ' + n + '.')""",
        arg=str(i + 3),
        polling="raf",
        timeout=120_000,
    )  # version 1 at opening, 2 in the warm-up
    elapsed = (time.perf_counter() - start) * 1000
    _idle(page)
    return elapsed


def _bare_change(page: Page, i: int) -> float:
    box = page.get_by_label("Getal")
    value = 2.0 + i
    box.fill(str(value))
    start = time.perf_counter()
    box.press("Enter")
    page.wait_for_function(
        "t => document.body.textContent.includes(t)", arg=f"Uitkomst {value * 2:.1f}", polling="raf", timeout=60_000
    )
    elapsed = (time.perf_counter() - start) * 1000
    _idle(page)
    return elapsed


def _measure(page: Page, action: Callable[[Page, int], float], runs: int) -> list[float]:
    try:
        action(page, -1)  # warm-up
        return [action(page, i) for i in range(runs)]
    except Exception:
        shot = Path(tempfile.gettempdir()) / "bench-browser-failed.png"
        page.screenshot(path=str(shot), full_page=True)
        print(f"failed; screenshot in {shot}", file=sys.stderr)
        raise


def _type(page: Page, label: str, text: str) -> None:
    _idle(page)  # during a rerun Streamlit briefly shows the old and the new field side by side
    field = page.get_by_label(label, exact=True).last
    field.fill(text)
    field.press("Tab")
    _idle(page)


def _open_workspace(page: Page, url: str, store_url: str) -> None:
    from pricing.store import ScenarioStore

    ScenarioStore(store_url).create_workspace(WORKSPACE, "Benchmark", CODE)
    _open(page, f"{url}/versies", "Versies & rondes", "Werkruimte openen")
    _type(page, "Werkruimte", WORKSPACE)
    _type(page, "Toegangscode", CODE)
    page.get_by_role("button", name="Openen").click()
    page.get_by_text(f"Werkruimte '{WORKSPACE}' geopend").wait_for(timeout=120_000)
    _idle(page)
    _type(page, "Auteur", "Benchmark")
    _type(page, "Of opslaan als nieuw scenario met de naam", "Benchmark")
    _idle(page)
    page.get_by_role("button", name="Als nieuw scenario", exact=True).click()
    page.get_by_text("opgeslagen als versie 1").first.wait_for(timeout=120_000)
    _idle(page)


def _upload_large(page: Page, url: str, path: Path) -> None:
    _open(page, url, "Organisatie & formatie", "Importeren en downloaden")
    old = _tariff(page)
    page.get_by_test_id("stSidebar").locator('input[type="file"]').first.set_input_files(str(path))
    page.wait_for_function(_TARIFF_JS, arg=[TARIFF_LABEL, old], polling="raf", timeout=300_000)
    _idle(page)


def _large_fte_edits(page: Page, url: str, path: Path, runs: int) -> list[float]:
    _upload_large(page, url, path)
    return _measure(page, _fte_edit, max(3, runs // 2))


def _line(name: str, times: list[float], bare: float) -> str:
    median = statistics.median(times)
    return (
        f"{name:<40} min {min(times):7.0f}  median {median:7.0f}  max {max(times):7.0f} ms  {median / bare:5.2f}x bare"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--port", type=int, default=0, help="the app's port, the bare app gets the next one (default: free ports)"
    )
    parser.add_argument("--no-large", action="store_true", help="leave out the 2,000-line scenario")
    parser.add_argument(
        "--only",
        choices=("switches", "fte", "save"),
        help="only the bare app, the bare two-page app and the two page switches; or the bare app, the bare "
        "data editor and the two FTE edits; or the bare app and saving a version (a quick before/after)",
    )
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="serve the app.py of this checkout (e.g. main, for a before figure)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as tmp_name:
        tmp = Path(tmp_name)
        bare_script = tmp / "bare.py"
        bare_script.write_text(BARE, encoding="utf-8")
        large = tmp / "formatie-2000.yaml"
        large.write_text(yaml.safe_dump(synthetic(2000), allow_unicode=True, sort_keys=False), encoding="utf-8")
        store_url = f"sqlite:///{tmp / 'store.db'}"
        env = {**os.environ, "REELE_PRIJS_DATABASE_URL": store_url}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        app_port, bare_port = (args.port, args.port + 1) if args.port else (free_port(), free_port())
        app = _serve(args.root.resolve() / "app.py", app_port, tmp / "app.log", env)
        bare = _serve(bare_script, bare_port, tmp / "bare.log", env)
        # The floors of a grid edit and of a page switch, next to the app's grids and pages.
        grid = pages = None
        if args.only in (None, "fte"):
            grid_script = tmp / "bare_grid.py"
            grid_script.write_text(BARE_GRID, encoding="utf-8")
            grid_port = args.port + 2 if args.port else free_port()
            grid = _serve(grid_script, grid_port, tmp / "grid.log", env)
            grid_url = f"http://127.0.0.1:{grid_port}"
        if args.only in (None, "switches"):
            pages_script = tmp / "bare_pages.py"
            pages_script.write_text(BARE_PAGES, encoding="utf-8")
            pages_port = args.port + 3 if args.port else free_port()
            pages = _serve(pages_script, pages_port, tmp / "pages.log", env)
            pages_url = f"http://127.0.0.1:{pages_port}"
        app_url, bare_url = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{bare_port}"
        results: dict[str, list[float]] = {}
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

                def fresh() -> Page:
                    context = browser.new_context(
                        viewport={"width": 1440, "height": 1000}, locale="nl-NL", accept_downloads=True
                    )
                    page = context.new_page()
                    page.set_default_timeout(120_000)
                    return page

                page = fresh()
                page.goto(bare_url)
                page.get_by_label("Getal").wait_for()
                _idle(page)
                results["bare app: number typed, Enter"] = _measure(page, _bare_change, args.runs)

                if grid is not None:
                    page = fresh()
                    page.goto(grid_url)
                    page.get_by_test_id("stMetric").wait_for()
                    _idle(page)
                    results["bare data editor: cell typed, Enter"] = _measure(page, _grid_edit(1), args.runs)
                    if not args.no_large:
                        page = fresh()
                        page.goto(f"{grid_url}/?rows=2000")
                        page.get_by_test_id("stMetric").wait_for()
                        _idle(page)
                        results["bare data editor, 2,000 rows: cell typed, Enter"] = _measure(
                            page, _grid_edit(1), args.runs
                        )
                if pages is not None:
                    page = fresh()
                    _open(page, pages_url, "Een", "Einde van Een")  # the first page is the root
                    results["bare two-page app: page switch"] = _measure(
                        page, _switch("Twee", "Einde van Twee", ("Een", "Einde van Een")), args.runs
                    )
                if args.only == "save":
                    page = fresh()
                    _open_workspace(page, app_url, store_url)
                    results["save a version (Versies & rondes)"] = _measure(page, _save_version, args.runs)
                    browser.close()
                    return _report(results, args)
                if args.only == "fte":
                    page = fresh()
                    _open(page, app_url, "Organisatie & formatie", "Importeren en downloaden")
                    results["FTE edit (staff grid)"] = _measure(page, _fte_edit, args.runs)
                    if not args.no_large:
                        results["FTE edit, 2,000-line scenario"] = _large_fte_edits(fresh(), app_url, large, args.runs)
                    browser.close()
                    return _report(results, args)
                page = fresh()
                _open(page, app_url, "Organisatie & formatie", "Importeren en downloaden")
                if not args.only:
                    results["FTE edit (staff grid)"] = _measure(page, _fte_edit, args.runs)
                    _open(page, f"{app_url}/normen", "Normen & opslagen", "Reserveopbouw meerekenen")
                    results["norm change (overhead %)"] = _measure(page, _norm_change, args.runs)
                home = ("Organisatie & formatie", "Importeren en downloaden")
                results["page switch to Kostprijs"] = _measure(
                    page, _switch("Kostprijs", "Gebruikte parameters en bronnen", home), args.runs
                )
                results["page switch to Contract & offerte"] = _measure(
                    page, _switch("Contract & offerte", "Rekenmodel (xlsx)", home), args.runs
                )
                if args.only:
                    browser.close()
                    return _report(results, args)
                _open(page, f"{app_url}/contract", "Contract & offerte", "Rekenmodel (xlsx)")
                results["offer PDF download"] = _measure(page, _download("Offerte (PDF)"), args.runs)
                results["xlsx download"] = _measure(page, _download("Rekenmodel (xlsx)"), args.runs)

                page = fresh()
                _open_workspace(page, app_url, store_url)
                results["save a version (Versies & rondes)"] = _measure(page, _save_version, args.runs)

                if not args.no_large:
                    results["FTE edit, 2,000-line scenario"] = _large_fte_edits(fresh(), app_url, large, args.runs)
                browser.close()
        finally:
            for proc in (app, bare, grid, pages):
                if proc is not None:
                    stop_app(proc)
    _report(results, args)


def _report(results: dict[str, list[float]], args: argparse.Namespace) -> None:
    base = statistics.median(results["bare app: number typed, Enter"])
    print(
        f"Browser interactions, app from {args.root}, {args.runs} runs each after one warm-up (Chromium headless; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    print("(a grid edit and a page switch also against the bare app of their own kind, in the last column)")
    for name, times in results.items():
        kind = SAME_KIND.get(name)
        same = (
            f"  {statistics.median(times) / statistics.median(results[kind]):5.2f}x {kind.split(':')[0]}"
            if kind in results
            else ""
        )
        print(_line(name, times, base) + same)
    worst = max((statistics.median(t) / base, n) for n, t in results.items() if not n.startswith("bare"))
    print(f"target: every interaction within 2x of the bare app; slowest: {worst[1]} at {worst[0]:.2f}x")
    if "FTE edit, 2,000-line scenario" in results:
        large_median = statistics.median(results["FTE edit, 2,000-line scenario"])
        print(f"target: 2,000-line FTE edit under 250 ms; median {large_median:.0f} ms")


if __name__ == "__main__":
    main()
