"""Messages about what a user typed (staff grid, number fields), in the unit of the field."""

from __future__ import annotations

from tests.app_support import _app, goto


def _edit(at, row: int, column: str, typed: str) -> str:
    key = f"staff_editor_{at.session_state['staff_version']}"
    at.session_state[key] = {"edited_rows": {row: {column: typed}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    return " ".join(e.value for e in at.error)


def test_the_ort_range_message_is_in_percent_as_the_column_is_typed():
    text = _edit(_app(), 0, "ORT %", "50")
    # The scenario stores 0,5 (a fraction); the user typed 50 in a column that reads percent.
    assert "Regel 1 (Sociaal werker), ORT %: 50 % valt buiten het toegestane bereik: van 0 % tot en met 45 %" in text
    # What stays in force is written as the column and the range write it (0 %, not 0,0 %).
    assert text.endswith("Niet overgenomen: de berekening gebruikt nog 0 %.")
    assert "0,45" not in text and "0,5 " not in text


def test_a_word_in_the_ort_column_gets_the_range_in_percent():
    text = _edit(_app(), 0, "ORT %", "veel")
    assert "Regel 1 (Sociaal werker), ORT %: verwacht een getal (van 0 % tot en met 45 %), gevonden: 'veel'" in text


def test_a_refused_ort_cell_names_the_line_by_its_function_and_keeps_its_own_percentage():
    """The grid shows no line numbers; the message names the function, and the value in force is the
    line's own ORT as the column writes it (the demo's Jongerenwerker: 4 %)."""
    text = _edit(_app(), 2, "ORT %", "12,5.3")
    assert text.startswith("Regel 3 (Jongerenwerker), ORT %: ")
    assert "Niet overgenomen: de berekening gebruikt nog 4 %." in text


def test_an_hours_field_gives_an_hours_example_and_a_percent_field_a_percent_one():
    at = goto(_app(), "Normen & opslagen")
    at.text_input(key="w_hours__contract").set_value("veel").run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "'veel' is geen getal; schrijf bijvoorbeeld 1.878 of 7,5" in errors and "3.850,50" not in errors
    at.text_input(key="w_overhead__pct").set_value("weinig").run()
    errors = " ".join(e.value for e in at.error)
    assert "'weinig' is geen getal; schrijf bijvoorbeeld 22,5" in errors
