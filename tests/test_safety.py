from hypothesis import given
from hypothesis import strategies as st

from pricing.safety import FORMULA_STARTS, neutralise_cell, neutralise_rows


def test_formula_like_text_is_made_inert():
    for text in ('=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
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


HIDDEN_STARTS = [
    " =1+1",
    "  +1",
    "\u00a0=1",
    "\n=1",
    "\r\n@SUM(A1)",
    "\u2007-2",
    "\u3000=1",
    "\u200b=1",
    "\ufeff=1",
    "＝1+1",
    "＋1",
    "－2",
    "＠SUM(A1)",
    "﹦1",
    ' \u00a0\n＝HYPERLINK("http://x")',
]


def test_formula_starts_after_white_space_and_in_fullwidth_forms_are_made_inert():
    for text in HIDDEN_STARTS:
        assert neutralise_cell(text) == "'" + text, repr(text)
    for text in (" Jan", "\u00a0Buurtwerk", "\nNotitie", "1-2", "e=mc2", "＝"[:0] + "Ａ"):
        assert neutralise_cell(text) == text, repr(text)


@given(st.text(alphabet=st.sampled_from(list(" \t\r\n\u00a0\u3000\u200b=+-@＝＋－＠aZ1'")), max_size=8))
def test_csv_neutralising_reads_back_unchanged(text):
    from pricing.safety import formula_like, restore_cell

    result = neutralise_cell(text)
    assert not formula_like(result) and restore_cell(result) == text


def test_xlsx_text_cells_are_strings_with_a_quote_prefix_when_formula_like():
    import io

    from openpyxl import Workbook, load_workbook

    from pricing.safety import text_cells_as_strings

    workbook = Workbook()
    for text in HIDDEN_STARTS + ["=1+1", "Sociaal werker"]:
        workbook.active.append([text, 12.5])
    text_cells_as_strings(workbook.active)
    buffer = io.BytesIO()
    workbook.save(buffer)
    cells = list(load_workbook(io.BytesIO(buffer.getvalue())).active.iter_rows())
    for (text_cell, number), text in zip(cells, HIDDEN_STARTS + ["=1+1", "Sociaal werker"]):
        assert text_cell.value == text.replace("\r\n", "\n") and text_cell.data_type == "s"  # XML keeps \n
        assert text_cell.quotePrefix is (text != "Sociaal werker")
        assert number.value == 12.5 and not number.quotePrefix


def test_the_offer_workbook_keeps_a_hostile_function_name_as_quoted_text():
    import io
    from pathlib import Path

    from openpyxl import load_workbook

    from pricing.costprice import compute
    from pricing.report.xlsx import build_workbook
    from pricing.scenario import read_scenario_file, validate_scenario

    raw = read_scenario_file(Path(__file__).resolve().parents[1] / "examples" / "gemeente.yaml")
    raw["staff"][0]["function"] = '\u00a0＝HYPERLINK("http://127.0.0.1:8649/x")'
    raw["name"] = " =1+1"
    workbook = load_workbook(io.BytesIO(build_workbook(compute(validate_scenario(raw)))))
    found = [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and ("HYPERLINK" in cell.value or cell.value == " =1+1")
    ]
    assert found and all(cell.data_type == "s" and cell.quotePrefix for cell in found)
