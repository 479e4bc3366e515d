"""The contract page's editors in a real Chromium (nl-NL), typed with the keyboard as a person types:
the social-return range and source per task, the index per contract year, the variants. Each test saves the scenario with the sidebar's download, reopens that file
with the sidebar's upload, and finds the same figures in the grids and in the file.

Grid cells are found through the grid's own accessible table (glide data grid: every cell has a
``glide-cell-<column>-<row>`` test id and ``aria-selected``), so a click that lands on a grid still
being rebuilt by the previous edit is noticed and repeated instead of typing into the wrong cell.
"""

from __future__ import annotations

import copy
import re

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from pricing.contract import contract_budget, shown_years
from pricing.costprice import compute
from pricing.money import format_eur, format_pct
from pricing.scenario import read_scenario_file, validate_scenario
from pricing.social_return import social_return
from tests.test_browser import (  # noqa: F401  (fixtures: server, browser, page)
    LOAD_TIMEOUT,
    ROOT,
    _demo,
    _drawn,
    _editor_keys_handled,
    _metric,
    _open,
    _raw,
    _reopen,
    _reran,
    _save,
    _shot,
    browser,
    page,
    server,
)
from ui.components import WRAP_ROW_HEIGHT

DEMO = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
CONTRACT = ("contract", "Contract & offerte", "Rekenmodel (xlsx)")  # drawn to its last element


def _grid(page, header: str):
    """The data editor whose header row holds ``header``, or the one inside the element a CSS selector
    (starting with '[') names: a wide grid scrolled sideways no longer shows its first headers."""
    if header.startswith("["):
        return page.locator(header).get_by_test_id("stDataFrame").first
    return page.get_by_test_id("stDataFrame").filter(has_text=header).first


def _open_section(page, title: str, header: str) -> None:
    """Open a contract expander as a person does: a click on its title when it is closed (its tables
    are built on that rerun); nothing when it is open. Whether it is open is what the person sees, not
    whether its table is there yet: a table still mounting after a load is not, and a click would
    close the expander."""
    section = page.get_by_test_id("stExpander").filter(has=page.get_by_text(title, exact=True))
    if not section.locator("details[open]").count():
        with _reran(page):
            section.get_by_text(title, exact=True).click()
    expect(section.locator("details[open]")).to_have_count(1)
    expect(_grid(page, header)).to_be_visible()
    _drawn(page)


def _settled(page) -> None:
    """Streamlit has finished its reruns and drawn every element (no running status, no skeleton)."""
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=LOAD_TIMEOUT)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=LOAD_TIMEOUT)


def _cell(page, header: str, row: int, column: int):
    return _grid(page, header).get_by_test_id(f"glide-cell-{column}-{row}")


def _select(page, header: str, row: int, column: int) -> None:
    """Select one cell with the mouse and the arrow keys, and check the grid agrees it is selected.
    An edit reruns the page and rebuilds the grid; a click on the old grid is noticed and repeated."""
    for attempt in range(5):
        try:
            _settled(page)
            grid = _grid(page, header)
            grid.scroll_into_view_if_needed()
            # A cell of the row: a column beyond the grid's width is drawn only once it is scrolled to, and
            # a grid with rows to add or delete numbers its columns from 1 (0 is the row marker).
            expect(grid.locator(f'td[data-testid^="glide-cell-"][data-testid$="-{row}"]').first).to_be_attached()
            box = grid.bounding_box()
            # Rows are 35 px high, or WRAP_ROW_HEIGHT where long texts wrap (a grid as high as its rows).
            rows = grid.locator("tbody tr").count()
            pitch = WRAP_ROW_HEIGHT if rows and (box["height"] - 36) / rows >= WRAP_ROW_HEIGHT - 4 else 35
            page.mouse.click(box["x"] + 60, box["y"] + 35 + pitch * row + pitch // 2)  # the row's first data column
            # A grid keeps its selection across its own edits (its key stays): the cell an Enter moved to
            # can still be named selected for a moment after the click, whose own selection lands later.
            page.wait_for_timeout(300)
            selected = grid.locator('td[aria-selected="true"]')
            expect(selected).to_have_count(1, timeout=3_000)
            # The clicked cell, not the one an earlier edit left selected in the same grid.
            expect(selected).to_have_attribute("data-testid", re.compile(rf"glide-cell-[01]-{row}$"), timeout=3_000)
            now = int(selected.get_attribute("data-testid").split("-")[2])
            for _ in range(abs(column - now)):
                page.keyboard.press("ArrowRight" if column > now else "ArrowLeft")
            expect(_cell(page, header, row, column)).to_have_attribute("aria-selected", "true", timeout=3_000)
            return
        except (AssertionError, PlaywrightError, TypeError):  # TypeError: no box, the grid was just replaced
            if attempt == 4:
                raise
            page.keyboard.press("Escape")


def _commit(page, header: str, row: int, column: int, edit, shown: str) -> None:
    """Make one edit and wait until the page has taken it: the edit makes the app run (seen on its
    websocket), and once that run is drawn the cell shows ``shown``. An edit that a grid being rebuilt
    swallowed (no run asked for) is made again."""
    for attempt in range(4):
        try:
            _select(page, header, row, column)
            with _reran(page):
                edit()
            _settled(page)
            expect(_cell(page, header, row, column)).to_have_text(shown, timeout=5_000)
            return
        except (AssertionError, PlaywrightError):
            if attempt == 3:
                raise
            page.keyboard.press("Escape")


def _retype(page, text: str, *, delay: float = 20) -> None:
    """In the selected cell: open its editor (Enter), retype its content, Enter."""
    editor = page.locator("#portal textarea")
    page.keyboard.press("Enter")
    expect(editor).to_be_visible(timeout=3_000)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text, delay=delay)
    expect(editor).to_have_value(text, timeout=3_000)
    _editor_keys_handled(page)
    page.keyboard.press("Enter")


def _type_cell(page, header: str, row: int, column: int, text: str, shown: str | None = None) -> None:
    """Open the cell's editor (Enter), retype its content, Enter."""
    _commit(page, header, row, column, lambda: _retype(page, text), text if shown is None else shown)


def _choose_cell(page, header: str, row: int, column: int, option: str) -> None:
    """A select cell: Enter opens its list, typing filters it, Enter takes the option."""

    def edit():
        page.keyboard.press("Enter")
        expect(page.locator("#portal").get_by_text(option, exact=True).first).to_be_visible(timeout=3_000)
        page.keyboard.type(option, delay=20)
        page.keyboard.press("Enter")

    _commit(page, header, row, column, edit, option)


def _toggle_cell(page, header: str, row: int, column: int) -> None:
    """A checkbox cell: Space ticks it, as a keyboard user does."""
    _commit(page, header, row, column, lambda: page.keyboard.press("Space"), "true")


def _cells(page, header: str) -> list[str]:
    grid = _grid(page, header)
    return grid.locator("td").all_text_contents()


def test_social_return_range_and_source_typed_saved_and_reopened(server, page, tmp_path):
    _open(page, server, *CONTRACT)
    header = "Onderbouwing"
    _open_section(page, "Maatschappelijk rendement per opgave (schatting)", header)
    expect(_grid(page, header)).to_be_visible()
    # Columns: Opgave, Laagste, Hoogste, Bron (titel), Link, Datum bron, Aanname, Onderbouwing.
    _type_cell(page, header, 0, 1, "1,2", shown="1,20")
    _type_cell(page, header, 0, 2, "2,4", shown="2,40")
    _type_cell(page, header, 0, 3, "MKBA Wijkteams")
    _type_cell(page, header, 0, 4, "https://example.org/mkba")
    _type_cell(page, header, 0, 5, "1-5-2024")
    _type_cell(page, header, 1, 1, "1")
    _type_cell(page, header, 1, 2, "2")
    _toggle_cell(page, header, 1, 6)
    _type_cell(page, header, 1, 7, "eigen inschatting")
    expect(page.get_by_test_id("stAlert").filter(has_text="Maatschappelijk rendement Bestaanszekerheid")).to_have_count(
        0
    )
    _grid(page, header).scroll_into_view_if_needed()
    _shot(page, "editors_social_return_typed")
    # The contract page's estimate (the 'Maatschappelijk rendement' tab) names the range as an estimate.
    page.get_by_role("tab", name="Maatschappelijk rendement").click()
    expect(
        page.get_by_text("Bandbreedte: opgegeven (schatting): Samen redzaam in de wijk 1,20 tot 2,40").first
    ).to_be_visible()
    saved = _raw(_save(page, tmp_path, "rendement.yaml"))
    first, second = (saved["contract"]["tasks"][k]["social_return"] for k in (0, 1))
    assert first["range"] == {"low": 1.2, "high": 2.4}
    assert first["source"] == {"title": "MKBA Wijkteams", "href": "https://example.org/mkba", "date": "2024-05-01"}
    assert second["range"] == {"low": 1, "high": 2}
    assert second["source"] == {"reasoning": "eigen inschatting", "assumption": True}
    estimate = social_return(contract_budget(compute(validate_scenario(copy.deepcopy(saved)))))[0]
    # Its table shows the engine's range.
    table = page.get_by_test_id("stDataFrame").filter(has_text="Baten bij bandbreedte").first
    expect(table).to_contain_text(f"{format_eur(estimate.npv_benefits_low)} – {format_eur(estimate.npv_benefits_high)}")
    table.scroll_into_view_if_needed()
    _drawn(page)
    _shot(page, "editors_social_return_estimate")
    typed = _cells(page, header)

    _demo(page)
    _open_section(page, "Maatschappelijk rendement per opgave (schatting)", header)
    expect(_grid(page, header).get_by_test_id("glide-cell-1-0")).to_have_text("")
    _reopen(page, tmp_path / "rendement.yaml")
    _open_section(page, "Maatschappelijk rendement per opgave (schatting)", header)
    expect(_grid(page, header).get_by_test_id("glide-cell-5-0")).to_have_text("1-5-2024")
    assert _cells(page, header) == typed
    assert _raw(_save(page, tmp_path, "rendement-again.yaml")) == saved


# The per-year index table (its key holds a digest of the clause; the source table's key ends in _sources).
INDEX = '[class*="st-key-contract_year_index_"]:not([class*="_sources"])'
INDEX_SOURCES = "Bron eigen cijfer"  # the table of each year's own source (Jaar, Index gebruikt, Bron, Status)


def _clause(page):
    """The 'Indexatieclausule' expander (not the 'Indexatieclausule in woorden' one)."""
    return page.get_by_test_id("stExpander").filter(has=page.get_by_text("Indexatieclausule", exact=True))


def _open_clause(page) -> None:
    """Open the clause as a person does: a click on its title (its content is built on that rerun)."""
    if not _grid(page, INDEX).count():
        with _reran(page):
            _clause(page).get_by_text("Indexatieclausule", exact=True).click()
    expect(_grid(page, INDEX)).to_be_visible()
    _drawn(page)


def _years_table(page) -> list[str]:
    """The budget's year table (Jaar, Index, Herkomst, ..., Totaal) as the page shows it."""
    table = page.locator('table[data-key="table_contract_years"]')  # a static table (ui/components.py)
    table.scroll_into_view_if_needed()
    expect(table.locator("td").first).to_be_attached()
    return table.locator("td").all_text_contents()


def test_index_per_year_typed_with_a_bad_value_fixed_saved_and_reopened(server, page, tmp_path):
    _open(page, server, *CONTRACT)
    _open_clause(page)
    # Columns: Jaar, Index gebruikt, Herkomst, Vaste index, OVA voorl., PPC voorl., OVA def., PPC def.,
    # Gemeente, Bron. Rows: 2027-2030.
    _type_cell(page, INDEX, 0, 3, "3,25")
    _type_cell(page, INDEX, 1, 8, "1,5")  # shown as typed (a fresh grid shows the scenario's 1,50)
    _type_cell(page, INDEX_SOURCES, 0, 2, "cao-akkoord 2027")
    _choose_cell(page, INDEX_SOURCES, 0, 3, "vastgesteld")
    _shot(page, "editors_index_typed")
    # A bad value: its Dutch message stands at the table, and the clause stays open.
    _type_cell(page, INDEX, 2, 3, "3,2,5")
    message = page.get_by_test_id("stAlert").filter(has_text="Indexatie 2029, vaste index")
    expect(message).to_be_visible()
    _shot(page, "editors_index_bad_value")
    _type_cell(page, INDEX, 2, 3, "2,75")
    expect(message).to_have_count(0)
    _shot(page, "editors_index_fixed")
    expect(_grid(page, INDEX)).to_be_visible()  # the person's place: the clause did not close under their hands
    # The budget on the page: the typed index per year, and its amounts, as the engine computes them
    # from the scenario the sidebar saves.
    shown = _years_table(page)
    _shot(page, "editors_index_budget")
    saved = _raw(_save(page, tmp_path, "index.yaml"))
    ix = saved["contract"]["indexation"]
    assert {int(y): v for y, v in ix["per_year"].items()} == {2027: 0.0325, 2029: 0.0275}
    assert {int(y): v for y, v in ix["municipal_pct"].items()} == {2027: 0.02, 2028: 0.015, 2029: 0.02, 2030: 0.02}
    assert {int(y): v for y, v in ix["sources"].items()} == {2027: {"text": "cao-akkoord 2027", "status": "given"}}
    budget = contract_budget(compute(validate_scenario(copy.deepcopy(saved))))
    for y in shown_years(budget):
        row = shown[shown.index(str(y["year"])) :]
        assert row[1] == ("basisjaar" if y["index"] is None else format_pct(y["index"], 3)), (y["year"], row)
        assert format_eur(y["total"]) in shown, (y["year"], shown)
    assert format_pct(0.0325, 3) in shown and format_pct(0.0275, 3) in shown

    _demo(page)
    expect(page.get_by_text(format_pct(0.0325, 3), exact=True)).to_have_count(0)
    _reopen(page, tmp_path / "index.yaml")
    _open_clause(page)
    expect(_grid(page, INDEX_SOURCES).get_by_test_id("glide-cell-2-0")).to_have_text("cao-akkoord 2027")
    expect(_grid(page, INDEX_SOURCES).get_by_test_id("glide-cell-3-0")).to_have_text("vastgesteld")
    expect(_grid(page, INDEX).get_by_test_id("glide-cell-3-0")).to_have_text("3,25")
    expect(_grid(page, INDEX).get_by_test_id("glide-cell-3-2")).to_have_text("2,75")
    assert _years_table(page) == shown
    assert _raw(_save(page, tmp_path, "index-again.yaml")) == saved


def test_index_cells_typed_one_after_another_show_and_hold_what_was_typed(server, page, tmp_path):
    """A person types the municipality's percentage for two years without waiting for the page in
    between: both cells show what was typed and the scenario holds it. The table used to get a new
    grid after every edit, and a cell typed while the previous edit was being applied was lost (1,50
    shown as 2 again). The other percentage cells show and hold what was typed too."""
    _open(page, server, *CONTRACT)
    _open_clause(page)
    # Columns: Jaar, Index gebruikt, Herkomst, Vaste index, OVA voorl., PPC voorl., OVA def., PPC def.,
    # Gemeente, Bron. Rows: 2027-2030; the demo's municipality indexes 2 % in every year.
    editor = page.locator("#portal textarea")
    _select(page, INDEX, 0, 8)
    for _ in range(2):  # Enter opens the cell's editor; Enter again takes the value and goes down a row
        page.keyboard.press("Enter")
        try:
            expect(editor).to_be_visible(timeout=2_000)
        except AssertionError:  # a key pressed while the grid draws the previous edit's run: pressed again
            page.keyboard.press("Enter")
            expect(editor).to_be_visible(timeout=3_000)
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type("1,50", delay=20)
        page.keyboard.press("Enter")
    _settled(page)
    _drawn(page)
    expect(_cell(page, INDEX, 0, 8)).to_have_text("1,50")
    expect(_cell(page, INDEX, 1, 8)).to_have_text("1,50")
    expect(_cell(page, INDEX, 2, 8)).to_have_text("2")
    _type_cell(page, INDEX, 0, 3, "3,944")
    _type_cell(page, INDEX, 0, 4, "2")
    _type_cell(page, INDEX, 0, 5, "0,5")
    # The columns the page fills in follow: 2027 uses the fixed index typed.
    expect(_cell(page, INDEX, 0, 1)).to_have_text(format_pct(0.03944, 3))
    expect(_cell(page, INDEX, 0, 2)).to_have_text("opgegeven")
    for column, shown in ((3, "3,944"), (4, "2"), (5, "0,5"), (8, "1,50")):
        expect(_cell(page, INDEX, 0, column)).to_have_text(shown)
    expect(_cell(page, INDEX, 1, 8)).to_have_text("1,50")
    _shot(page, "editors_index_typed_quickly")
    ix = _raw(_save(page, tmp_path, "snel.yaml"))["contract"]["indexation"]
    assert {int(y): v for y, v in ix["per_year"].items()} == {2027: 0.03944}
    assert {int(y): v for y, v in ix["figures"].items()} == {2027: {"ova_provisional": 0.02, "ppc_provisional": 0.005}}
    assert {int(y): v for y, v in ix["municipal_pct"].items()} == {2027: 0.015, 2028: 0.015, 2029: 0.02, 2030: 0.02}


VARIANTS = "Omschrijving"  # the variants (Naam, Omschrijving)
CHANGES = "Functie of activiteit"  # Variant, Soort, Gebied, Opgave, Functie of activiteit, FTE, Uren, Bedrag


def _variant_figures(page, name: str) -> tuple[str, str]:
    """Choose the variant in the budget section and read its first-year budget and its total."""
    radio = page.get_by_role("radiogroup", name="Variant").get_by_text(name, exact=True)
    radio.scroll_into_view_if_needed()
    with _reran(page):
        radio.click()
    _drawn(page)
    return _metric(page, "Budget 2027").inner_text(), _metric(page, "Totaal 2027-2030").inner_text()


def test_variant_renamed_and_its_change_retyped_saved_and_reopened(server, page, tmp_path):
    _open(page, server, *CONTRACT)
    _open_section(page, "Varianten", VARIANTS)
    # Both tables let rows be added and deleted: column 0 is the row marker, the first column is 1.
    _type_cell(page, VARIANTS, 0, 1, "Plus jeugd")
    expect(_grid(page, CHANGES).get_by_test_id("glide-cell-1-0")).to_have_text("Plus jeugd")  # its changes follow
    _type_cell(page, VARIANTS, 0, 2, "Twee jongerenwerkers in Zuid")
    # The variant's first change: Jongerenwerker in Zuid, +1 FTE, typed as +1,5 FTE.
    _type_cell(page, CHANGES, 0, 6, "1,5")  # shown as typed (a fresh grid shows the scenario's 1,50)
    _grid(page, CHANGES).scroll_into_view_if_needed()
    _shot(page, "editors_variants_typed")
    figures = _variant_figures(page, "Plus jeugd")
    _shot(page, "editors_variants_budget")
    saved = _raw(_save(page, tmp_path, "variant.yaml"))
    option = saved["contract"]["options"][0]
    assert option["name"] == "Plus jeugd" and option["description"] == "Twee jongerenwerkers in Zuid"
    assert option["staffing"][0] == {
        "area": "Zuid",
        "task": "Jeugd veilig en kansrijk",
        "function": "Jongerenwerker",
        "fte": 1.5,
    }
    assert option["staffing"][1:] == DEMO["contract"]["options"][0]["staffing"][1:]
    budget = contract_budget(compute(validate_scenario(copy.deepcopy(saved))), "Plus jeugd")
    assert figures == (format_eur(shown_years(budget)[0]["total"], 0), format_eur(budget.grand_total, 0))
    plus = contract_budget(compute(validate_scenario(copy.deepcopy(DEMO))), "Plus")
    assert budget.grand_total > plus.grand_total  # half an FTE more than the demo's Plus

    _demo(page)
    _open_section(page, "Varianten", VARIANTS)
    expect(_grid(page, VARIANTS).get_by_test_id("glide-cell-1-0")).to_have_text("Plus")
    _reopen(page, tmp_path / "variant.yaml")
    _open_section(page, "Varianten", VARIANTS)
    expect(_grid(page, VARIANTS).get_by_test_id("glide-cell-1-0")).to_have_text("Plus jeugd")
    expect(_grid(page, CHANGES).get_by_test_id("glide-cell-6-0")).to_have_text("1,50")
    assert _variant_figures(page, "Plus jeugd") == figures
    assert _raw(_save(page, tmp_path, "variant-again.yaml")) == saved


def test_a_row_added_without_its_placing_choice_is_named_under_its_table(server, page):
    # Required choice columns (an indicator's Opgave, a variant change's Variant and Soort) kept a new
    # row in the browser: shown in the table, counted nowhere, without a word.
    _open(page, server, *CONTRACT)
    indicators = '[class*="st-key-contract_indicators_"]'
    count = sum(len(t.get("indicators") or []) for t in DEMO["contract"]["tasks"])
    _grid(page, indicators).hover()  # shows the grid's toolbar
    with _reran(page):
        page.locator(indicators).get_by_role("button", name="Add row").click()
    page.keyboard.press("Escape")
    message = f"Indicatoren, regel {count + 1}: kies de opgave waar de indicator bij hoort"
    expect(page.get_by_test_id("stAlert").filter(has_text=message)).to_be_visible()
    page.get_by_test_id("stAlert").filter(has_text=message).scroll_into_view_if_needed()
    _shot(page, "editors_indicator_without_task")

    variant_changes = '[class*="st-key-contract_option_changes_"]'
    _open_section(page, "Varianten", variant_changes)
    changes = sum(len(o.get("staffing") or []) + len(o.get("activities") or []) for o in DEMO["contract"]["options"])
    _grid(page, variant_changes).hover()
    with _reran(page):
        # The toolbar shows above its grid, over the bottom of the variants' own table; a person's
        # click lands on the button, Playwright's check sees the table on top of it.
        page.locator(variant_changes).get_by_role("button", name="Add row").dispatch_event("click")
    page.keyboard.press("Escape")
    message = f"Wijzigingen per variant, regel {changes + 1}: kies de variant en de soort"
    expect(page.get_by_test_id("stAlert").filter(has_text=message)).to_be_visible()
    page.get_by_test_id("stAlert").filter(has_text=message).scroll_into_view_if_needed()
    _shot(page, "editors_variant_change_without_variant")
