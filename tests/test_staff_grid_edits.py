"""The staff grid keeps one key while its page is shown: the editor's state holds every edit since it
was given its rows, and each new state (the browser sends the whole state with every edit) makes the
raw staff those rows with all of these edits (AppTest, the app's own session state)."""

from __future__ import annotations

from tests.app_support import _app, goto

DEMO_FUNCTIONS = ("Sociaal werker", "Maatschappelijk werker")


def _state(edited: dict) -> dict:
    return {"edited_rows": edited, "added_rows": [], "deleted_rows": []}


def test_a_second_edit_arrives_in_the_same_editor_and_both_are_kept():
    at = _app()
    key = f"staff_editor_{at.session_state['staff_version']}"
    at.session_state[key] = _state({0: {"FTE": "0,30"}})
    at.run()
    assert f"staff_editor_{at.session_state['staff_version']}" == key  # no new editor after an edit
    at.session_state[key] = _state({0: {"FTE": "0,30", "Eigen maandsalaris": "3.850,50"}, 1: {"FTE": "2,5"}})
    at.run()
    staff = at.session_state["raw"]["staff"]
    assert (staff[0]["fte"], staff[0]["monthly_salary"], staff[1]["fte"]) == (0.3, 3850.5, 2.5)
    # The grid's result columns show the rows it was given; the changed salary is said below it.
    assert any("Sociaal werker: € 3.850,50 (eigen opgave)" in c.value for c in at.caption), [
        c.value for c in at.caption
    ]


def test_an_edit_taken_back_in_the_editor_is_taken_back_in_the_scenario():
    at = _app()
    key = f"staff_editor_{at.session_state['staff_version']}"
    at.session_state[key] = _state({1: {"FTE": "2,5"}})
    at.run()
    assert at.session_state["raw"]["staff"][1]["fte"] == 2.5
    at.session_state[key] = _state({})
    at.run()
    assert at.session_state["raw"]["staff"][1]["fte"] == 8.0


def test_a_function_renamed_twice_in_one_editor_keeps_its_place_in_the_contract():
    at = _app()
    key = f"staff_editor_{at.session_state['staff_version']}"
    at.session_state[key] = _state({7: {"Functie": "Leidinggevende"}})
    at.run()
    at.session_state[key] = _state({7: {"Functie": "Coördinator"}})  # the same cell typed over again
    at.run()
    raw = at.session_state["raw"]
    assert raw["staff"][7]["function"] == "Coördinator"
    assert {"function": "Coördinator", "fte": 3.0} in raw["contract"]["staffing"]
    assert not at.session_state["problems"]


def test_the_grid_shown_again_after_another_page_starts_from_the_scenario():
    at = _app()
    key = f"staff_editor_{at.session_state['staff_version']}"
    at.session_state[key] = _state({0: {"FTE": "0,30"}})
    at.run()
    goto(at, "Kostprijs")
    goto(at, "Organisatie & formatie")
    assert f"staff_editor_{at.session_state['staff_version']}" != key
    assert at.session_state["staff_base"][0]["FTE"] == 0.3  # given the edited rows
    assert at.session_state["raw"]["staff"][0]["fte"] == 0.3


def _converted_whole(at, edits: dict) -> list[dict]:
    """The raw staff the grid's rows with ``edits`` give when every row goes through the converter."""
    from pricing.breakdown import COLUMNS, staff_from_table

    base = at.session_state["staff_base"]
    gone = set(edits["deleted_rows"])
    rows = [{**row, **edits["edited_rows"].get(i, {})} for i, row in enumerate(base) if i not in gone]
    rows += edits["added_rows"]
    staff, problems = staff_from_table([{k: r.get(k) for k in COLUMNS.values()} for r in rows])
    assert not problems
    return staff


def test_edits_one_after_another_give_the_staff_of_the_whole_table_converted_again():
    # Rows not edited keep the staff row they converted to in the last run (by their place in the
    # rows given): each state must still give exactly what converting every row again gives.
    at = _app()
    key = f"staff_editor_{at.session_state['staff_version']}"
    first_fte = at.session_state["raw"]["staff"][0]["fte"]
    states = [
        _state({0: {"FTE": "0,30"}}),
        _state({0: {"FTE": "0,30"}, 3: {"Functie": "Ambulant werker", "ORT %": "2,5"}}),
        {
            "edited_rows": {0: {"FTE": "0,40"}, 3: {"Functie": "Ambulant werker", "ORT %": "2,5"}},
            "added_rows": [{"Functie": "Nieuwe functie", "Schaal": 7, "Trede": "3", "FTE": "1,5", "Contract": "vast"}],
            "deleted_rows": [1],
        },
        _state({2: {"Schaal": 9}}),  # the earlier edits taken back, another made
    ]
    for edits in states:
        at.session_state[key] = edits
        at.run()
        assert f"staff_editor_{at.session_state['staff_version']}" == key
        assert at.session_state["raw"]["staff"] == _converted_whole(at, edits)
    assert at.session_state["raw"]["staff"][2]["scale"] == 9 and at.session_state["raw"]["staff"][0]["fte"] == first_fte


def test_a_row_the_converter_refuses_is_named_with_its_line_number():
    at = _app()
    key = f"staff_editor_{at.session_state['staff_version']}"
    at.session_state[key] = _state({0: {"FTE": "0,30"}})
    at.run()
    at.session_state[key] = _state({0: {"FTE": "0,30"}, 4: {"Contract": "tijdelijk"}})
    at.run()
    problems = at.session_state["staff_conversion_problems"]
    assert len(problems) == 1 and problems[0].startswith("Regel 5"), problems
