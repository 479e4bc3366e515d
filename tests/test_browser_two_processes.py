"""Two Streamlit server processes on one PostgreSQL database, driven by Playwright (system Chromium).

What a shared server with several processes must keep: a save in one process is conflict-checked
against a save in the other, and failed logins counted by one process hold in the other.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from pricing.scenario import read_scenario_file
from pricing.store import ScenarioStore
from tests.app_server import AppNotStarted, start_app_on_free_port
from tests.browser_runs import Runs

ROOT = Path(__file__).resolve().parents[1]
BROWSER = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CODE = "geheim-2026"

if not Path(BROWSER).exists():
    if os.environ.get("CI") == "true":
        pytest.fail(f"{BROWSER} ontbreekt (Debian-pakket 'chromium')", pytrace=False)
    pytest.skip(f"{BROWSER} not installed", allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402

expect.set_options(timeout=30_000)
RUN_TIMEOUT = 90_000  # a run on a loaded 2-core machine, two servers and three browsers at once


def _serve(url: str, log: Path) -> tuple[subprocess.Popen, str]:
    try:
        process, port = start_app_on_free_port(url, log.open("w"))
    except AppNotStarted:
        pytest.fail(f"streamlit did not start; see {log}")
    return process, f"http://127.0.0.1:{port}"


@pytest.fixture
def two_servers(postgres_server, tmp_path):
    url = postgres_server.new_database()
    store = ScenarioStore(url, access_cost=2**10)
    store.create_workspace("de-brug", "Welzijn De Brug", CODE)
    raw = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
    store.open_workspace("de-brug", CODE, client="setup").create_scenario(
        "Offerte", raw, author="Anna", role="aanbieder"
    )
    store.dispose()
    servers = [_serve(url, tmp_path / f"server-{k}.log") for k in (1, 2)]
    yield [address for _, address in servers]
    for process, _ in servers:
        process.terminate()
        process.wait(timeout=20)


def _log_in(page, address: str, code: str = CODE, *, send: bool = True) -> None:
    """Open the versions page and fill in the login form; ``send``: press Enter (the form is sent)."""
    if not hasattr(page, "st_runs"):
        page.st_runs = Runs(page)
    page.goto(f"{address}/versies")
    expect(page.get_by_text("Werkruimte openen")).to_be_visible()
    page.st_runs.settle(RUN_TIMEOUT)
    page.get_by_label("Werkruimte", exact=True).fill("de-brug")
    page.get_by_label("Toegangscode", exact=True).fill(code)
    if send:
        with page.st_runs.rerun(RUN_TIMEOUT):
            page.get_by_label("Toegangscode", exact=True).press("Enter")


def _click(page, name: str) -> None:
    """Press a button once the page's last run is drawn, and wait for the run it asks for."""
    page.st_runs.settle(RUN_TIMEOUT)
    with page.st_runs.rerun(RUN_TIMEOUT):
        page.get_by_role("button", name=name).click()


def _open_version_1(page, author: str) -> None:
    expect(page.get_by_text("Werkruimte 'de-brug' geopend")).to_be_visible()
    _click(page, "Openen in editor")
    expect(page.get_by_text("geopend om verder te bewerken")).to_be_visible()
    with page.st_runs.rerun(RUN_TIMEOUT):
        page.get_by_label("Auteur", exact=True).fill(author)
        page.get_by_label("Auteur", exact=True).press("Tab")


def test_two_server_processes_share_conflict_checks_and_login_limits(two_servers):
    first, second = two_servers
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=BROWSER, args=FLAGS)
        pages = [
            browser.new_context(locale="nl-NL", viewport={"width": 1400, "height": 1600}).new_page() for _ in range(4)
        ]
        anna, bert, guesser, checker = pages
        _log_in(anna, first)
        _open_version_1(anna, "Anna")
        _log_in(bert, second)
        _open_version_1(bert, "Bert")

        _click(anna, "Nieuwe versie opslaan")
        expect(anna.get_by_text("Opgeslagen als versie 2.")).to_be_visible()
        _click(bert, "Nieuwe versie opslaan")  # also from version 1, in the other process
        expect(bert.get_by_text("intussen door iemand anders opgeslagen")).to_be_visible()
        expect(bert.get_by_text("Uw werk is bewaard als versie 3")).to_be_visible()
        bert.screenshot(path=str(ROOT / "tests" / "artifacts" / "two_processes_conflict.png"))

        # Eight wrong codes through the first process (after the fifth, each waits out the growing
        # delay: 1, 2, 4 s); then the second process refuses even the right code for 8 s. The right
        # code waits typed in the second process's form, so it is sent well within those 8 s even
        # when loading a page takes longer on a loaded machine.
        _log_in(checker, second, send=False)
        wrong = 0
        while wrong < 8:
            _log_in(guesser, first, "fout-fout-fout")
            answer = guesser.get_by_text("Werkruimte of toegangscode onjuist.").or_(
                guesser.get_by_text("Te veel onjuiste pogingen")
            )
            expect(answer).to_be_visible()
            if "onjuist." in answer.inner_text():
                wrong += 1
            else:
                guesser.wait_for_timeout(1000)
        checker.get_by_label("Toegangscode", exact=True).press("Enter")
        expect(checker.get_by_text("Te veel onjuiste pogingen; probeer het over")).to_be_visible()
        browser.close()
