"""Grid cells of the contract's tables as scenario values, and back: a cell read in Dutch notation,
numbers shown as Dutch text, and which given rows an edit kept. The other grid editors
(ui/index_editor.py, social_return_editor.py, variants_editor.py, overhead_editor.py) read their
cells with these too."""

from __future__ import annotations

from typing import Any

import pandas as pd

from pricing.numbers import cell_number, format_dutch_input

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


def grid_number(value: Any) -> float | int | str | None:
    """A grid cell read in Dutch notation; empty is None, text that is no number is kept as typed."""
    value = plain(value)
    return None if value is None else cell_number(value)


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
