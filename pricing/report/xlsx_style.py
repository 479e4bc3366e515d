"""Number formats of the spreadsheet, shared by the xlsx builder and the sheets other modules fill, and
what those modules may ask of a sheet (:class:`SheetWriter`, which the builder's sheet implements)."""

from __future__ import annotations

from typing import Protocol

EUR = '"€" #,##0.00'
PCT = "0.00%"
PCT3 = "0.000%"
NUM = "#,##0.00"


class SheetWriter(Protocol):
    """Label and value cells of one worksheet, rows and columns counted from 1 (pricing.report.xlsx_sheet)."""

    max_row: int  # the last row written to (what a module appends below)

    def text(self, row: int, col: int, value: object, *, bold: bool = False, head: bool = False) -> None: ...

    def value(self, row: int, col: int, value: float | str | None, fmt: str | None = None) -> None: ...

    def width(self, col: str, width: float) -> None: ...

    def header(self, row: int, values: list[str]) -> None: ...
