"""Grid cells as scenario values, and back, shared by the contract's tables and the other grid
editors (overhead lines, index figures, social return, variants): a cell read in Dutch notation,
numbers shown as Dutch text, a fraction shown as a percentage and read back, which given rows an
edit kept, and a grid's frame as text and its edited rows as plain records."""

from __future__ import annotations

from typing import Any

import pandas as pd

from pricing.numbers import Kind, cell_number, format_dutch_input

NONE = "—"  # no area / no task: cross-area or cross-task work


def plain(value: Any) -> Any:
    """A data-editor cell as a plain value: NaN/empty -> None, numpy scalars -> Python."""
    if hasattr(value, "item"):
        value = value.item()
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def grid_number(value: Any, kind: Kind | None = None) -> float | int | str | None:
    """A grid cell read in Dutch notation as a field of ``kind`` (pricing.numbers: its unit marks
    only); empty is None, text that is no number is kept as typed."""
    value = plain(value)
    return None if value is None else cell_number(value, kind)


def numbers_as_text(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Number columns shown as Dutch text (1.878, 6,50): a browser's number cell reads the comma
    and the dot by its own locale."""
    for column in columns:
        frame[column] = pd.Series(
            [
                None
                if v is None or v != v
                else format_dutch_input(v)
                if isinstance(v, (int, float)) and not isinstance(v, bool)
                else str(v)
                for v in frame[column]
            ],
            dtype=object,
        )
    return frame


def kept_rows(delta: Any, count: int) -> list[int]:
    """Positions of the original rows a data editor kept, in order, from its edit state."""
    deleted: set[int] = set()
    if isinstance(delta, dict):
        for row in delta.get("deleted_rows") or []:
            try:
                deleted.add(int(row))
            except (TypeError, ValueError):
                continue
    return [i for i in range(count) if i not in deleted]


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
    value = grid_number(value, "percent")
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
