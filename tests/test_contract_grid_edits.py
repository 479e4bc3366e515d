"""The contract page's grids keep their key across their own edits (ui/grids.py, steady_grid), as
the staff grid does: the browser sends a grid's whole state, relative to the rows it was given, with
every edit, and each state is folded into the contract (AppTest, the app's own session state). A grid
whose part of the contract another grid changed is given the new rows."""

from __future__ import annotations

import copy

import pytest
from streamlit.testing.v1 import AppTest

from pricing.contract_refs import broken_references
from tests.app_support import grid_key
from tests.test_contract_page import _page, _run


@pytest.fixture
def at() -> AppTest:
    """The contract page (its grids on the page itself; the expanders' grids are not needed here)."""
    return _run(AppTest.from_function(_page, default_timeout=60))


def _state(edited: dict, deleted: list[int] | None = None) -> dict:
    return {"edited_rows": edited, "added_rows": [], "deleted_rows": deleted or []}


def _grid(app, name: str):
    return next(f for f in app.dataframe if str(f.key) == grid_key(app, name))


def test_a_second_edit_in_the_tasks_grid_keeps_the_first(at):
    key = grid_key(at, "contract_tasks")
    at.session_state[key] = _state({0: {"Doelgroep": "bewoners"}})
    _run(at)
    assert grid_key(at, "contract_tasks") == key
    at.session_state[key] = _state({0: {"Doelgroep": "bewoners"}, 2: {"Doelgroep": "jongeren 12-23"}})
    _run(at)
    tasks = at.session_state["raw"]["contract"]["tasks"]
    assert (tasks[0]["target_group"], tasks[2]["target_group"]) == ("bewoners", "jongeren 12-23")
    assert grid_key(at, "contract_tasks") == key


def test_a_task_renamed_twice_in_one_grid_keeps_its_lines_and_the_indicator_grid_follows(at):
    key = grid_key(at, "contract_tasks")
    indicators = grid_key(at, "contract_indicators")
    at.session_state[key] = _state({2: {"Opgave": "Jeugd"}})
    _run(at)
    at.session_state[key] = _state({2: {"Opgave": "Jeugd en gezin"}})  # the same cell typed over again
    _run(at)
    c = at.session_state["raw"]["contract"]
    assert c["tasks"][2]["name"] == "Jeugd en gezin"
    assert any(line.get("task") == "Jeugd en gezin" for line in c["staffing"])
    assert broken_references(at.session_state["raw"]) == {}
    # The indicators grid shows the task's new name: its rows changed elsewhere, so it is a new grid.
    assert grid_key(at, "contract_indicators") != indicators
    assert "Jeugd en gezin" in set(_grid(at, "contract_indicators").value["Opgave"])
    assert grid_key(at, "contract_tasks") == key


def test_after_a_deleted_area_a_renamed_area_is_renamed_in_its_lines(at):
    key = grid_key(at, "contract_areas")
    at.session_state[key] = _state({}, [0])  # Noord
    _run(at)
    at.session_state["raw"]["contract"]["staffing"] = [
        line for line in at.session_state["raw"]["contract"]["staffing"] if line.get("area") != "Noord"
    ]
    at.session_state["raw"]["contract"]["activities"] = [
        line for line in at.session_state["raw"]["contract"]["activities"] if line.get("area") != "Noord"
    ]
    _run(at)
    at.session_state[key] = _state({2: {"Gebied": "Zuidoost"}}, [0])
    _run(at)
    c = at.session_state["raw"]["contract"]
    assert [a["name"] for a in c["areas"]] == ["Centrum", "Zuidoost"]
    assert any(line.get("area") == "Zuidoost" for line in c["staffing"])
    assert not any(line.get("area") == "Zuid" for line in c["staffing"] + c["activities"])
    assert broken_references(at.session_state["raw"]) == {}


def test_a_staffing_edit_and_the_next_reach_the_contract_in_one_grid(at):
    key = grid_key(at, "contract_staffing")
    at.session_state[key] = _state({0: {"FTE": "4,5"}})
    _run(at)
    at.session_state[key] = _state({0: {"FTE": "4,5"}, 1: {"FTE": "2,25"}})
    _run(at)
    staffing = at.session_state["raw"]["contract"]["staffing"]
    assert (staffing[0]["fte"], staffing[1]["fte"]) == (4.5, 2.25)
    assert grid_key(at, "contract_staffing") == key


def test_a_first_variant_typed_in_gets_its_changes_table_and_keeps_its_name_grid():
    app = AppTest.from_function(_page, default_timeout=60)
    app.session_state["exp_contract_variants"] = True  # its tables are built only while it is open
    _run(app)
    app.session_state["raw"]["contract"].pop("options")
    _run(app)
    key = grid_key(app, "contract_options")
    app.session_state[key] = {"edited_rows": {}, "added_rows": [{"Naam": "Extra"}], "deleted_rows": []}
    _run(app)
    assert app.session_state["raw"]["contract"]["options"] == [{"name": "Extra"}]
    assert any(str(f.key) == grid_key(app, "contract_option_changes") for f in app.dataframe)
    app.session_state[key] = {
        "edited_rows": {},
        "added_rows": [{"Naam": "Extra", "Omschrijving": "Een buurtkamer meer."}],
        "deleted_rows": [],
    }
    _run(app)
    assert app.session_state["raw"]["contract"]["options"] == [{"name": "Extra", "description": "Een buurtkamer meer."}]
    assert grid_key(app, "contract_options") == key


def test_an_indicator_row_without_a_task_is_named_and_placed_once_its_task_is_chosen(at):
    # A required task column kept such a row in the browser, shown but counted nowhere, without a word.
    key = grid_key(at, "contract_indicators")
    before = copy.deepcopy(at.session_state["raw"]["contract"]["tasks"])
    row = {"Indicator": "Bereik mantelzorgers", "Eenheid": "personen", "Nulmeting": "120", "Streefwaarde": "1.200"}
    at.session_state[key] = {"edited_rows": {}, "added_rows": [row], "deleted_rows": []}
    _run(at)
    count = sum(len(t.get("indicators") or []) for t in before) + 1  # the added row is the last
    warnings = [w.value for w in at.warning]
    assert any(w.startswith(f"Indicatoren, regel {count}: kies de opgave") for w in warnings), warnings
    assert at.session_state["raw"]["contract"]["tasks"] == before  # nothing placed by a guess
    assert grid_key(at, "contract_indicators") == key  # the row stays in the table
    task = before[1]["name"]
    at.session_state[key] = {"edited_rows": {}, "added_rows": [{**row, "Opgave": task}], "deleted_rows": []}
    _run(at)
    assert not any(w.startswith("Indicatoren") for w in (w.value for w in at.warning))
    placed = at.session_state["raw"]["contract"]["tasks"][1]["indicators"][-1]
    assert placed == {"name": "Bereik mantelzorgers", "unit": "personen", "baseline": 120, "target": 1200}
