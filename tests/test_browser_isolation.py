"""Two users of one running app server never see each other's input (Chromium, nl-NL, 1400 px).

Browser A types a function name into the staff grid; a second browser, launched anew with its own
context, opens the app while A is still open and must get the untouched demo. The check reads the
scenario each session holds (the sidebar's download), since the grid's cells are drawn in a canvas.
"""

from __future__ import annotations

from pricing.scenario import read_scenario_file
from tests.test_browser import (  # noqa: F401  (fixtures: server, browser)
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    _open,
    _shot,
    _type_in_cell,
    browser,
    server,
)
from tests.test_browser_numbers import _downloaded, _grid_cell

DEMO_FUNCTIONS = [row["function"] for row in read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")["staff"]]
TYPED = "Lektest isolatie"


def _new_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return context, page


def _functions(page, folder) -> list:
    folder.mkdir(exist_ok=True)
    return [row.get("function") for row in _downloaded(page, folder)["staff"]]


def test_a_grid_edit_in_one_browser_is_not_in_another_browsers_session(server, browser, tmp_path):
    context_a, page_a = _new_page(browser)
    other = browser.browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)  # a new launch
    try:
        _open(page_a, server, "", "Organisatie & formatie", "Importeren en downloaden")
        _type_in_cell(page_a, lambda: _grid_cell(page_a, 0, 0), TYPED)  # row 1, column Functie
        assert _functions(page_a, tmp_path / "a") == [TYPED, *DEMO_FUNCTIONS[1:]]  # the edit took
        _shot(page_a, "isolation_a_edited")

        context_b, page_b = _new_page(other)
        _open(page_b, server, "", "Organisatie & formatie", "Importeren en downloaden")
        _shot(page_b, "isolation_b_fresh")
        assert _functions(page_b, tmp_path / "b") == DEMO_FUNCTIONS
        assert TYPED not in page_b.content()
        # A second context of the first browser is a session of its own as well.
        context_c, page_c = _new_page(browser)
        _open(page_c, server, "", "Organisatie & formatie", "Importeren en downloaden")
        assert _functions(page_c, tmp_path / "c") == DEMO_FUNCTIONS
        context_c.close()
        # The other sessions opening did not reset A's.
        assert _functions(page_a, tmp_path / "a2") == [TYPED, *DEMO_FUNCTIONS[1:]]
        context_b.close()
    finally:
        other.close()
        context_a.close()
