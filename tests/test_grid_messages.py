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
    assert "Regel 1, ORT %: 50 % valt buiten het toegestane bereik: van 0 % tot en met 45 %" in text
    assert "0,45" not in text and "0,5 " not in text


def test_a_word_in_the_ort_column_gets_the_range_in_percent():
    text = _edit(_app(), 0, "ORT %", "veel")
    assert "Regel 1, ORT %: verwacht een getal (van 0 % tot en met 45 %), gevonden: 'veel'" in text


def test_an_hours_field_gives_an_hours_example_and_a_percent_field_a_percent_one():
    at = goto(_app(), "Normen & opslagen")
    at.text_input(key="w_hours__contract").set_value("veel").run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "'veel' is geen getal; schrijf bijvoorbeeld 1.878 of 7,5" in errors and "3.850,50" not in errors
    at.text_input(key="w_overhead__pct").set_value("weinig").run()
    errors = " ".join(e.value for e in at.error)
    assert "'weinig' is geen getal; schrijf bijvoorbeeld 22,5" in errors
