"""The spreadsheet's cell writer and the maps of where each sheet holds what.

:class:`Sheet` writes the label, value, input and formula cells of one worksheet (every formula with
its cached result) and remembers the address of each input; :class:`Formats` makes each cell format
once; :func:`name_inputs` gives every input cell its workbook name. The layouts are the map
:func:`pricing.report.xlsx.build_workbook_with_layout` returns next to the bytes.
"""

from __future__ import annotations

import re
from typing import Required, TypedDict

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_cell_to_rowcol, xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from pricing.contract import ContractBudget
from pricing.safety import formula_like

HEAD_FILL = "#1D5C63"  # header rows: white bold text on dark teal
HEAD_FONT = "#FFFFFF"
INPUT_FILL = "#FFF4D6"  # input cells: pale yellow


class Sheet:
    """Writes label/value rows of one XlsxWriter worksheet and remembers where each named value lives.

    Rows and columns are counted from 1, as a spreadsheet shows them. Every formula is written with
    its cached result (the engine's figure), so a reader that does not calculate sees the numbers.
    """

    def __init__(self, ws: Worksheet, formats: Formats) -> None:
        self.ws = ws
        self.formats = formats
        self.row = 1
        self.max_row = 0  # the last row written to (what sheets filled by other modules append below)
        self.refs: dict[str, str] = {}

    def _at(self, row: int, col: int) -> tuple[int, int]:
        self.max_row = max(self.max_row, row)
        return row - 1, col - 1

    def text(
        self, row: int, col: int, value: object, *, bold: bool = False, head: bool = False, fill: bool = False
    ) -> None:
        """User or label text, always a string cell, never a formula, whatever the user typed; text a
        spreadsheet would read as a formula also gets the quote prefix (pricing.safety)."""
        r, c = self._at(row, col)
        text = "" if value is None else str(value)
        fmt = self.formats.get(bold=bold, head=head, fill=fill, quote=formula_like(text))
        if text:
            self.ws.write_string(r, c, text, fmt)
        elif fmt is not None:
            self.ws.write_blank(r, c, None, fmt)

    def value(
        self, row: int, col: int, value: float | str | None, fmt: str | None = None, *, is_input: bool = False
    ) -> None:
        if isinstance(value, str):
            self.text(row, col, value, fill=is_input)
            return
        r, c = self._at(row, col)
        style = self.formats.get(num=fmt, fill=is_input)
        if value is None:
            if style is not None:
                self.ws.write_blank(r, c, None, style)
        else:
            self.ws.write_number(r, c, float(value), style)

    def named_input(self, key: str, row: int, col: int, value: float, fmt: str | None) -> str:
        """An input cell anywhere on this sheet, remembered under ``key`` (a workbook name is made of it)."""
        self.value(row, col, value, fmt, is_input=True)
        ref = f"{self.ws.name}!${letter(col)}${row}"
        self.refs[key] = ref
        return ref

    def formula(
        self, row: int, col: int, text: str, fmt: str | None = None, *, value: float, bold: bool = False
    ) -> None:
        """A live formula with its cached result ``value``: the engine's figure for this cell."""
        r, c = self._at(row, col)
        self.ws.write_formula(r, c, "=" + text, self.formats.get(num=fmt, bold=bold), float(value))

    def formula_row(
        self, row: int, col: int, texts: list[str], values: list[float], fmt: str | None, *, bold: bool = False
    ) -> None:
        """Formulas in consecutive cells of one row from column ``col`` on, each with its cached result, all
        in one format (the chain's steps: one formula per staff line)."""
        r, c = self._at(row, col + len(texts) - 1)
        c -= len(texts) - 1
        style = self.formats.get(num=fmt, bold=bold)
        write = self.ws.write_formula
        for k, (text, value) in enumerate(zip(texts, values, strict=True)):
            write(r, c + k, "=" + text, style, float(value))

    def width(self, col: str, width: float) -> None:
        """Column width in characters (``col`` a letter, as a spreadsheet names it)."""
        index = column_index(col)
        self.ws.set_column(index, index, width)

    def header(self, row: int, values: list[str]) -> None:
        for i, v in enumerate(values, start=1):
            self.text(row, i, v, head=True)

    def input_row(self, key: str, label: str, value: float | str | None, fmt: str | None, source: str = "") -> str:
        """An input on its own row: label in A, value in B (yellow), source in C; returns B's address."""
        self.text(self.row, 1, label)
        self.value(self.row, 2, value, fmt, is_input=True)
        if source:
            self.text(self.row, 3, source)
        ref = f"Invoer!$B${self.row}"
        self.refs[key] = ref
        self.row += 1
        return ref


class Formats:
    """The workbook's cell formats, each made once (XlsxWriter wants one Format per combination)."""

    def __init__(self, workbook: xlsxwriter.Workbook) -> None:
        self.workbook = workbook
        self.made: dict[tuple[str | None, bool, bool, bool, bool], Format] = {}

    def get(
        self, *, num: str | None = None, bold: bool = False, head: bool = False, fill: bool = False, quote: bool = False
    ) -> Format | None:
        key = (num, bold, head, fill, quote)
        if key == (None, False, False, False, False):
            return None
        if key not in self.made:
            props: dict[str, str | int | bool] = {}
            if num:
                props["num_format"] = num
            if bold or head:
                props["bold"] = True
            if head:
                props.update(font_color=HEAD_FONT, bg_color=HEAD_FILL, pattern=1, text_wrap=True, valign="top")
            elif fill:
                props.update(bg_color=INPUT_FILL, pattern=1)
            if quote:
                props["quote_prefix"] = True
            self.made[key] = self.workbook.add_format(props)
        return self.made[key]


def letter(col: int) -> str:
    """The letter of column ``col`` counted from 1 (1 = A)."""
    name: str = xl_col_to_name(col - 1)
    return name


def column_index(letters: str) -> int:
    """0-based index of a column letter (A = 0)."""
    index: int = xl_cell_to_rowcol(letters + "1")[1]
    return index


INPUT_REF = re.compile(r"(Invoer|Contract)!\$[A-Z]+\$\d+(:\$[A-Z]+\$\d+)?")


def name_inputs(wb: xlsxwriter.Workbook, refs: dict[str, str]) -> None:
    """Every input cell (or range of cells) gets a workbook name (invoer_other_pct is easier to audit
    and to change than Invoer!$B$31); the formulas keep their cell references."""
    for key, ref in refs.items():
        if INPUT_REF.fullmatch(ref):
            wb.define_name("invoer_" + re.sub(r"[^A-Za-z0-9_]", "_", key), "=" + ref)


Refs = dict[str, str]  # an input's key -> its address (Invoer!$B$12)


class ChainLayout(TypedDict):
    """Where the Kostprijs sheet holds what: the row of each chain step, the column of each staff line,
    the team's cells, and the Invoer addresses the formulas read (global, and per staff line)."""

    rows: dict[str, int]
    cols: list[str]
    team: dict[str, str]
    annual_budget: str
    oh_pct: str
    reserve_pct: str
    inputs: Refs
    lines: list[Refs]


class ContractLayout(TypedDict):
    """Where the Contract sheet holds what (rows of the totals, the year columns, the cells per function)."""

    year_cols: list[str]
    totals: dict[str, int]
    real_total: int
    npv: str
    shortfall: int
    cumulative: int
    fte_lost: int
    lines: tuple[int, int]
    factor: int
    index_table: dict[int, int]
    discount: str
    prices: dict[str, tuple[str, str]]


class SocialCells(TypedDict):
    """A task's row on the social-return sheet and the first cells of its yearly costs and benefits."""

    row: int
    costs: str
    benefits: str


class Layout(TypedDict, total=False):
    """The map of the workbook :func:`build_workbook_with_layout` returns next to its bytes."""

    chain: Required[ChainLayout]
    contract: ContractLayout
    budget: ContractBudget
    social: dict[str, SocialCells]
