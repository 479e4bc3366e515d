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
