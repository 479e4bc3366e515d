"""Neutralising user text on its way into spreadsheets and CSV files.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which some
programs skip before looking) is read as a formula by Excel and LibreOffice: a function name typed
into the staff table could run as a formula on the municipality's machine. Such text gets a leading
apostrophe, which spreadsheet programs show as plain text. Numbers are left alone: a negative
amount is a number, not text.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: Any) -> Any:
    """The value, with text that a spreadsheet would run as a formula made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_rows(rows: list[dict]) -> list[dict]:
    return [{key: neutralise_cell(value) for key, value in row.items()} for row in rows]


def restore_cell(value: Any) -> Any:
    """Undo :func:`neutralise_cell` on import, so an exported file reads back unchanged."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def text_cells_as_strings(worksheet) -> None:
    """Make every text cell of an openpyxl worksheet a plain string, never a formula.

    openpyxl stores a string that starts with '=' as a formula; a typed cell keeps the text intact.
    """
    for row in worksheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
