"""Benchmark (not a test): how many messages each page of the app sends the browser per rerun.

    python bench/page_messages.py

Starts the app (tests/app_server.py, the project's settings, a temporary SQLite store), opens every
page in Chromium (Playwright, nl-NL) with the demo scenario and counts the websocket messages the
server sends for the page's run, their bytes, and the elements Streamlit draws in the sidebar and in
the page. Streamlit sends every element again on every rerun, about 0.6 ms each in a real browser on
the project's machine (bench/browser_elements.py), so these counts bound how fast a page can answer.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.browser_interactions import CHROMIUM, CHROMIUM_ARGS, _idle, _serve  # noqa: E402
from tests.app_server import free_port, stop_app  # noqa: E402

PAGES = {
    "": "Organisatie & formatie",
    "normen": "Normen & opslagen",
    "kostprijs": "Kostprijs",
    "toets": "Toets",
    "tariefcheck": "Tariefcheck",
    "vergelijken": "Vergelijken",
    "contract": "Contract & offerte",
    "versies": "Versies & rondes",
}
_ELEMENTS = """() => {
  const count = (id) => document.querySelector(`[data-testid=${id}]`)
    ?.querySelectorAll('[data-testid=stElementContainer]').length ?? 0;
  return [count('stSidebar'), count('stMain')];
}"""


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-messages-") as tmp_name:
        tmp = Path(tmp_name)
        env = {**os.environ, "REELE_PRIJS_DATABASE_URL": f"sqlite:///{tmp / 'store.db'}"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        port = free_port()
        app = _serve(ROOT / "app.py", port, tmp / "app.log", env)
        rows = []
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="nl-NL").new_page()
                sizes: list[int] = []
                page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: sizes.append(len(payload))))
                for path, title in PAGES.items():
                    page.goto(f"http://127.0.0.1:{port}/{path}")
                    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=120_000)
                    _idle(page)
                    sizes.clear()
                    page.reload()  # the page's own run, on an open session: what a rerun sends
                    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=120_000)
                    page.wait_for_timeout(500)
                    _idle(page)
                    sidebar, main_part = page.evaluate(_ELEMENTS)
                    rows.append((title, len(sizes), sum(sizes), sidebar, main_part))
                browser.close()
        finally:
            stop_app(app)
    print("Messages the server sends for one run of each page (demo scenario), and the elements drawn")
    for title, messages, size, sidebar, main_part in rows:
        print(
            f"{title:<24} messages {messages:4d}  {size / 1000:7.1f} kB  elements: sidebar {sidebar:3d}, page {main_part:3d}"
        )


if __name__ == "__main__":
    main()
