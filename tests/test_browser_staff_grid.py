"""Quick edits in the staff grid, in a real Chromium (nl-NL, typed with the keyboard): a director who
types one cell after another without waiting for the app keeps every edit.

The app's answers are held back (the page's websocket is routed through the test) while three cells
are typed, each ended with Enter: so the second and third edits are made while the app's answer to
the first is still on its way, as on a busy server. Then the answers are let through, and the
scenario the app holds (the sidebar's download) and the team tariff must have all three edits.
"""

from __future__ import annotations

import copy
import re
import time

from playwright.sync_api import expect
from streamlit.proto.BackMsg_pb2 import BackMsg

from pricing.scenario import read_scenario_file
from tests.test_browser import (  # noqa: F401  (fixtures: server, browser)
    LOAD_TIMEOUT,
    ROOT,
    TARIFF_LABEL,
    _drawn,
    _engine_tariff,
    _metric,
    _open,
    _shot,
    _typed_over,
    browser,
    server,
)
from tests.test_browser_first_use import page  # noqa: F401  (fixture: nl-NL, 1400 x 1000)
from tests.test_browser_numbers import _downloaded

DEMO = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
# Grid columns: Functie, Schaal, Trede, FTE, Contract, Eigen salaris, ORT %.
FTE, SALARY = 3, 5


class HeldAnswers:
    """The page's Streamlit websocket, passed through the test: the server's messages can be held
    back and let through later; the page's rerun requests are counted."""

    def __init__(self, page) -> None:
        self.page = page
        self.holding = False
        self.held: list = []
        self.requests = 0
        self.route = None
        page.route_web_socket(re.compile(r".*/_stcore/stream"), self._connect)

    def _connect(self, route) -> None:
        server = route.connect_to_server()
        self.route = route
        route.on_message(lambda message: self._from_page(server, message))
        server.on_message(self._from_server)

    def _from_page(self, server, message) -> None:
        if not isinstance(message, str) and BackMsg.FromString(message).WhichOneof("type") == "rerun_script":
            self.requests += 1
        server.send(message)

    def _from_server(self, message) -> None:
        if self.holding:
            self.held.append(message)
        else:
            self.route.send(message)

    def release(self) -> None:
        self.holding = False
        for message in self.held:
            self.route.send(message)
        self.held.clear()

    def wait_for_request(self, after: int, timeout_s: float) -> bool:
        """Whether the page asked for a run after its ``after``-th request within ``timeout_s``."""
        deadline = time.monotonic() + timeout_s
        while self.requests <= after and time.monotonic() < deadline:
            self.page.wait_for_timeout(20)  # lets Playwright deliver the socket's messages
        return self.requests > after


def _type_cell(page, row: int, column: int, text: str) -> None:
    """Type over a cell, clicked where a person sees it (glide data grid: rows of 35 px), and end the
    edit with Enter."""
    box = page.get_by_test_id("stDataFrame").first.bounding_box()

    def select() -> None:
        page.mouse.click(box["x"] + 80, box["y"] + 35 + 35 * row + 17)  # right of the row-selection column
        for _ in range(column):
            page.keyboard.press("ArrowRight")

    _typed_over(page, select, text, delay=5)
    page.keyboard.press("Enter")
    expect(page.locator("#portal textarea")).to_be_hidden()


def _edit(page, answers: HeldAnswers, row: int, column: int, text: str) -> None:
    """One edit, until the page has asked the app for its run. An edit in a grid that has only just
    been drawn can be dropped by the grid itself (no run is asked for): it is typed again."""
    for _ in range(3):
        before = answers.requests
        _type_cell(page, row, column, text)
        if answers.wait_for_request(before, 5):
            return
    raise AssertionError(f"the grid asked for no run after {text!r} was typed three times")


def test_three_grid_edits_typed_before_the_app_answers_all_reach_the_scenario(server, page, tmp_path):
    answers = HeldAnswers(page)
    _open(page, server, "", "Organisatie & formatie", "Importeren en downloaden")
    answers.holding = True
    _edit(page, answers, 0, FTE, "0,30")  # row 1 (Sociaal werker)
    _edit(page, answers, 0, SALARY, "3.850,50")
    _edit(page, answers, 1, FTE, "2,5")  # row 2 (Maatschappelijk werker)
    answers.release()
    expected = copy.deepcopy(DEMO)
    expected["staff"][0]["fte"] = 0.3
    expected["staff"][0]["monthly_salary"] = 3850.5
    expected["staff"][1]["fte"] = 2.5
    expect(_metric(page, TARIFF_LABEL)).to_have_text(_engine_tariff(expected), timeout=LOAD_TIMEOUT)
    _drawn(page)
    raw = _downloaded(page, tmp_path)
    assert [(r["fte"], r.get("monthly_salary")) for r in raw["staff"][:2]] == [(0.3, 3850.5), (2.5, None)]
    assert raw["staff"] == expected["staff"]
    _shot(page, "staff_grid_three_quick_edits")
