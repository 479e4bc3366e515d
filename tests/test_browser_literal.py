"""User text is text, in a real browser: a scenario whose names carry Markdown, Streamlit colour
syntax, HTML and images pointing at a logger is opened in the app; every page that shows those
names (sidebar, contract page, presentation view, versions page, comparison) shows the characters
literally, and the logger is never asked for an image. Screenshots in tests/artifacts/literal_*.png.
"""

from __future__ import annotations

import copy
import http.server
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright  # noqa: E402  (test_browser checked Chromium)

from pricing.loading import dump_yaml
from pricing.scenario import _plain, read_scenario_file
from tests.test_browser import (  # noqa: F401  (fixture: server)
    CHROMIUM,
    CHROMIUM_ARGS,
    _drawn,
    _open,
    _reran,
    _shot,
    _to_page,
    server,
)
from ui.literal import shown_literally

ROOT = Path(__file__).resolve().parents[1]
expect.set_options(timeout=90_000)  # the first run of the app on a loaded shared machine takes long
TASK = "Samen redzaam in de wijk"


class _Logger(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802  (http.server's name)
        _Logger.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def logger():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Logger)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _payloads(base: str) -> dict[str, str]:
    return {
        "name": f"![n]({base}/name.png) **VET** _schuin_",
        "organisation": f":red[**ONDER KOSTPRIJS**] ![o]({base}/org.png)",
        "function": f"<img src={base}/function.png> Werker",
        "task": f"[klik]({base}/task) ![t]({base}/task.png)",
        "reason": f"![r]({base}/reason.png) $x^2$",
    }


def _hostile_file(tmp_path: Path, base: str) -> tuple[Path, dict]:
    raw = copy.deepcopy(_plain(read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")))
    text = _payloads(base)
    # A function and a task are renamed everywhere they are referred to, so the contract stays valid.
    raw = _replace(raw, {raw["staff"][0]["function"]: text["function"], TASK: text["task"]})
    raw["name"], raw["organisation"] = text["name"], text["organisation"]
    raw["deviation_reasons"] = {"overhead.pct": text["reason"]}
    path = tmp_path / "vijandig.yaml"
    path.write_text(dump_yaml(raw), encoding="utf-8")
    return path, text


def _replace(value, names: dict[str, str]):
    if isinstance(value, dict):
        return {k: _replace(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace(v, names) for v in value]
    return names.get(value, value) if isinstance(value, str) else value


def test_markdown_and_image_payloads_are_shown_literally_and_load_nothing(server, logger, tmp_path):  # noqa: F811
    path, typed = _hostile_file(tmp_path, logger)
    # On screen every character is the user's, plus the invisible word joiner that keeps an address
    # in the text from becoming a link (ui.literal); there must be no link and no image.
    text = {key: shown_literally(value) for key, value in typed.items()}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="nl-NL").new_page()
        page.set_default_timeout(30_000)
        _open(page, server, "", "Organisatie & formatie")
        sidebar = page.get_by_test_id("stSidebar")
        with _reran(page):
            sidebar.locator("input[type=file]").first.set_input_files(str(path))
        expect(sidebar).to_contain_text(text["name"])
        expect(sidebar).to_contain_text(text["organisation"])
        _drawn(page)
        _shot(page, "literal_organisatie", height=1400)

        _to_page(page, "Contract & offerte")
        _shot(page, "literal_contract", height=2400)

        _to_page(page, "Versies & rondes")
        _shot(page, "literal_versies")

        page.set_viewport_size({"width": 1280, "height": 720})
        with _reran(page):
            sidebar.get_by_text("Presentatiemodus").click()
        heading = page.get_by_role("heading", level=1)
        expect(heading.filter(has_text=text["organisation"])).to_be_visible()
        expect(page.get_by_text(text["name"]).first).to_be_visible()
        _drawn(page)
        _shot(page, "literal_presentatie")
        # Nothing markup-made on the page: no image from a user's text, no coloured span from ':red['.
        assert page.locator(f'img[src^="{logger}"]').count() == 0
        assert page.locator(f'a[href^="{logger}"]').count() == 0
        assert (
            page.locator("span[class*='red'], [style*='color: rgb(255, 43, 43)']")
            .filter(has_text="ONDER KOSTPRIJS")
            .count()
            == 0
        )
        browser.close()
    assert _Logger.hits == []
