"""Quick edits in the contract page's grids, in a real Chromium (nl-NL, typed with the keyboard): a
person who types one cell after another without waiting for the app keeps every edit.

As in tests/test_browser_staff_grid.py, the app's answers are held back (the page's websocket runs
through the test) while two cells are typed, so the second edit is made while the app's answer to
the first is still on its way, as on a busy server. Then the answers are let through, and the
scenario the app holds (the sidebar's download) must have both edits. A grid whose key changed with
its content became a new grid after the first edit, and the second edit went with the old one.
"""

from __future__ import annotations

import copy

import pytest
from playwright.sync_api import expect

from pricing.paths import get_path, set_path
from pricing.scenario import read_scenario_file
from tests.test_browser import (  # noqa: F401  (fixtures: server, browser)
    ROOT,
    _drawn,
    _open,
    _shot,
    browser,
    server,
)
from tests.test_browser_editors import CONTRACT, _cell, _open_section, _retype
from tests.test_browser_first_use import page  # noqa: F401  (fixture: nl-NL, 1400 x 1000)
from tests.test_browser_numbers import _downloaded
from tests.test_browser_staff_grid import HeldAnswers
from ui.components import WRAP_ROW_HEIGHT

DEMO = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
# The grids by their keys (the keys' ends differ between versions of the app, their starts do not).
STAFFING = '[class*="st-key-contract_staffing_"]'  # row marker, Gebied, Opgave, Functie, FTE, Uren
SOCIAL = '[class*="st-key-contract_social_"]:not([class*="_sources"])'  # Opgave, Verhouding, Jaren, ...
VARIANTS = '[class*="st-key-contract_options_"]'  # row marker, Naam, Omschrijving
PITCH = {STAFFING: 35, SOCIAL: WRAP_ROW_HEIGHT, VARIANTS: 35}  # a row's height in px


def _select(page, grid: str, row: int, column: int) -> bool:
    """Select a cell as a person does, without waiting for the app: a click on the row's first data
    column, the arrow keys to the cell. Whether the grid has it selected (a click's own selection can
    land after arrow keys pressed at once, so each step is given its time)."""
    cell = _cell(page, grid, row, column)
    table = page.locator(grid).get_by_test_id("stDataFrame").first
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    page.mouse.click(box["x"] + 60, box["y"] + 35 + PITCH[grid] * row + PITCH[grid] // 2)
    page.wait_for_timeout(300)
    selected = table.locator('td[aria-selected="true"]')
    if selected.count() != 1:
        return False
    now = int(selected.get_attribute("data-testid").split("-")[2])
    for _ in range(abs(column - now)):
        page.keyboard.press("ArrowRight" if column > now else "ArrowLeft")
    page.wait_for_timeout(300)
    return cell.get_attribute("aria-selected") == "true"


def _edit(page, answers: HeldAnswers, grid: str, row: int, column: int, text: str) -> None:
    """Type over one cell and end the edit with Enter, without waiting for the app, until the page
    has asked the app for its run (an edit in a grid that has only just been drawn can be dropped
    by the grid itself: it is typed again)."""
    editor = page.locator("#portal textarea")
    for _ in range(3):
        before = answers.requests
        # Enter moved the selection a row down, where a person goes on typing; any other cell is chosen.
        if _cell(page, grid, row, column).get_attribute("aria-selected") != "true" and not _select(
            page, grid, row, column
        ):
            continue
        _retype(page, text, delay=5)
        expect(editor).to_be_hidden()
        # Retyping the same text changes nothing (no run): the first try is given time on a loaded machine.
        if answers.wait_for_request(before, 15):
            return
    raise AssertionError(f"the grid asked for no run after {text!r} was typed three times")


def _two_quick_edits(page, server, tmp_path, grid: str, edits: list[tuple[int, int, str]]) -> dict:
    """Type ``edits`` (row, column, text) one after another while the app's answers are held back;
    the scenario the app holds once they are let through."""
    answers = HeldAnswers(page)
    _open(page, server, *CONTRACT)
    if grid == SOCIAL:
        _open_section(page, "Maatschappelijk rendement per opgave (schatting)", grid)
    elif grid == VARIANTS:
        _open_section(page, "Varianten", grid)
    answers.holding = True
    for row, column, text in edits:
        _edit(page, answers, grid, row, column, text)
    answers.release()
    _drawn(page)
    page.locator(grid).scroll_into_view_if_needed()
    return _downloaded(page, tmp_path)


def _shows_typed(page, grid: str, edits: list[tuple[int, int, str]]) -> None:
    for row, column, text in edits:  # the grid the person typed in, with what they typed
        expect(_cell(page, grid, row, column)).to_have_text(text)


@pytest.mark.parametrize(
    "grid, part, edits",
    [
        # The grid, its part of the contract, and per edit: row, column, text typed, field, value.
        (STAFFING, "staffing", [(0, 4, "4,5", ("fte",), 4.5), (1, 4, "2,25", ("fte",), 2.25)]),
        (
            SOCIAL,
            "tasks",
            [(0, 1, "2,1", ("social_return", "ratio"), 2.1), (1, 1, "1,8", ("social_return", "ratio"), 1.8)],
        ),
        (
            VARIANTS,
            "options",
            [
                (0, 2, "Meer jongerenwerk", ("description",), "Meer jongerenwerk"),
                (1, 2, "Minder sociaal werk", ("description",), "Minder sociaal werk"),
            ],
        ),
    ],
    ids=["staffing", "social_return", "variants"],
)
def test_two_cells_typed_before_the_app_answers_both_reach_the_contract(server, page, tmp_path, grid, part, edits):
    raw = _two_quick_edits(page, server, tmp_path, grid, [edit[:3] for edit in edits])
    _shot(page, f"quick_edits_contract_{part}")
    lines = raw["contract"][part]
    assert [get_path(lines[row], field) for row, _, _, field, _ in edits] == [value for *_, value in edits]
    expected = copy.deepcopy(DEMO["contract"][part])
    for row, _, _, field, value in edits:
        set_path(expected[row], field, value)
    assert lines == expected  # and nothing else changed
    _shows_typed(page, grid, [edit[:3] for edit in edits])
