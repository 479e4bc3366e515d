from hypothesis import given
from hypothesis import strategies as st

from pricing.safety import FORMULA_STARTS, neutralise_cell, neutralise_rows


def test_formula_like_text_is_made_inert():
    for text in ("=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert neutralise_cell(text) == "'" + text


def test_ordinary_text_and_numbers_are_unchanged():
    assert neutralise_cell("Sociaal werker") == "Sociaal werker"
    assert neutralise_cell(-12.5) == -12.5
    assert neutralise_cell(None) is None
    assert neutralise_rows([{"function": "=1+1", "fte": 2.0}]) == [{"function": "'=1+1", "fte": 2.0}]


@given(st.text())
def test_no_output_starts_like_a_formula(text):
    result = neutralise_cell(text)
    assert not result.startswith(FORMULA_STARTS)
    assert result.endswith(text)
