"""Neutralising user text on its way into spreadsheets and CSV files.

A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` is read as a formula by Excel and
LibreOffice: a function name typed into the staff table could run as a formula on the
municipality's machine. Spreadsheet programs skip some characters before they look: leading white
space (spaces, tabs, newlines, non-breaking and other Unicode spaces, zero-width characters), and
they read the fullwidth and small forms (``＝ ＋ － ＠``, ``﹦ ﹢ ﹣ ﹫``) as the ASCII ones. Text that
starts like a formula after such characters is formula-like too.

* CSV: formula-like text gets a leading apostrophe, which spreadsheet programs show as plain text;
  :func:`restore_cell` removes it again on import, so an exported file reads back unchanged.
* xlsx: text is written as a string cell (never a formula) and formula-like text also gets Excel's
  own quote prefix (the hidden apostrophe of typing ``'=1``), so the value itself stays unchanged.

Numbers are left alone: a negative amount is a number, not text.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_CHARS = "=+-@"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a neutralised cell never starts with
# White space of any kind and the invisible characters a spreadsheet skips before a formula sign.
_LEADING = re.compile(r"[\s\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]*")


def formula_like(text: str) -> bool:
    """Would a spreadsheet program read ``text`` as the start of a formula?"""
    if text.startswith(("\t", "\r")):
        return True
    leading = _LEADING.match(text)
    assert leading is not None  # the pattern also matches an empty start
    rest = text[leading.end() :]
    if not rest:
        return False
    return unicodedata.normalize("NFKC", rest[0])[:1] in FORMULA_CHARS


def neutralise_cell(value: Any) -> Any:
    """The value, with text that a spreadsheet would run as a formula made inert (for CSV).

    Text that already starts with apostrophes before a formula-like rest gets one more, so that
    :func:`restore_cell` gives back exactly what the user typed."""
    if isinstance(value, str) and formula_like(value.lstrip("'")):
        return "'" + value
    return value


def neutralise_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{key: neutralise_cell(value) for key, value in row.items()} for row in rows]


def restore_cell(value: Any) -> Any:
    """Undo :func:`neutralise_cell` on import, so an exported file reads back unchanged."""
    if isinstance(value, str) and value.startswith("'") and formula_like(value.lstrip("'")):
        return value[1:]
    return value


def text_cell(cell: Cell | MergedCell) -> None:
    """Make an openpyxl cell holding text a plain string that no spreadsheet runs as a formula."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if formula_like(cell.value):
            cell.quotePrefix = True


def text_cells_as_strings(worksheet: Worksheet) -> None:
    """Every text cell of an openpyxl worksheet a plain string, never a formula (see :func:`text_cell`).

    openpyxl stores a string that starts with '=' as a formula; a typed cell keeps the text intact.
    """
    for row in worksheet.iter_rows():
        for cell in row:
            text_cell(cell)
