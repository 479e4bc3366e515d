"""Cells shared by the scenario's grids: a fraction shown as a percentage cell and read back, and a
grid's frame as text and its edited rows as plain records."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ui.contract.cells import grid_number


def pct_cell(value: Any) -> float | str | None:
    """A fraction from the scenario as a percentage cell (0,035 -> 3,5); text as typed (kept, so the
    validation message and the cell agree)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return round(float(value) * 100, 6)


def fraction(value: Any) -> Any:
    """A percentage cell as the scenario's fraction; text is passed on for validation to refuse."""
    value = grid_number(value)
    if value is None or isinstance(value, str):
        return value
    out = round(value / 100, 10)
    return int(out) if float(out).is_integer() else out


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column as text, also one that is still empty: the grid of a steady key is the same
    grid as long as its columns keep their types, and an empty column (no type yet) that gets its
    first value would otherwise make a new grid, losing a cell typed meanwhile."""
    return frame.astype("string")


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The edited rows with an empty cell as None (a text column's empty cell is pandas' NA)."""
    rows: list[dict[str, Any]] = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return rows


def as_mapping(value: Any) -> dict[Any, Any]:
    """A scenario value that should be a mapping, or an empty one when it is none (yet)."""
    return value if isinstance(value, dict) else {}
