"""The overhead cost lines editor (name, amount per year, source or note) on the norms page.

Like the other editors, a table (st.data_editor) that writes the same scenario keys a file uses;
the scenario's own validation checks them and its Dutch messages are shown under the table, naming
the row and column as the table does. Nothing is clipped: a value out of range stays in the table
with the message, and the last valid result stays on screen (ui/state.py).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import streamlit as st

from pricing.benchmark import convert_overhead
from pricing.costprice import CostPriceResult
from pricing.money import format_eur, format_pct
from pricing.paths import get_path, set_path
from ui import bindings, grids, state
from ui.cells import grid_number, kept_rows, numbers_as_text, plain
from ui.literal import literal
from ui.problem_text import problems_at

OVERHEAD_PATH = ("norms", "overhead")
LINE_COLUMNS = {"name": "Kostenregel", "amount": "Bedrag per jaar (€)", "note": "Bron of toelichting"}


def _show(prefix: str, labels: dict[str, str], rows_word: str, row_names: list[str] | None = None) -> None:
    """The scenario's problems below ``prefix``, with the row and column named as the table shows them."""
    pattern = re.compile(re.escape(prefix) + r"(?:\[(\d+)\]|\.([^.\[]+))?(?:\.(.+))?$")
    for p in problems_at(prefix):
        match = pattern.match(p.path)
        where = rows_word
        if match:
            index, name, field = match.groups()
            if index is not None:
                where = f"{rows_word} {index}"
            elif name is not None:
                where = f"{rows_word} {row_names[int(name)] if row_names and name.isdigit() and int(name) < len(row_names) else name}"
            if field:
                where += f", {labels.get(field.split('.')[-1], labels.get(field, field))}"
        st.error(literal(f"{where}: {p.message}"), icon=":material/warning:")


def _lines() -> list[dict[str, Any]]:
    value = get_path(state.raw(), OVERHEAD_PATH + ("lines",))
    return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []


def _write_lines(lines: list[dict[str, Any]]) -> None:
    overhead = get_path(state.raw(), OVERHEAD_PATH)
    overhead = dict(overhead) if isinstance(overhead, dict) else {}
    if lines:
        overhead.pop("pct", None)
        overhead["convention"] = "markup"
        overhead["lines"] = lines
    else:  # every line deleted: back to a percentage (the default until one is typed)
        overhead.pop("lines", None)
    set_path(state.raw(), OVERHEAD_PATH, overhead or None)
    bindings.forget_widget("overhead__pct")
    bindings.forget_widget("overhead_convention")


def start_lines_from_pct(result: CostPriceResult) -> None:
    """Replace the overhead percentage by one cost line with the same amount per year."""
    personnel = sum(l.fte * l.cost.personnel_cost_per_fte for l in result.lines)
    markup = convert_overhead(result.overhead_pct, result.overhead_convention, "markup")
    _write_lines(
        [
            {
                "name": "Overhead (uit het percentage)",
                "amount": round(markup * personnel, 2),
                "note": f"omgerekend uit {format_pct(result.overhead_pct)} als "
                f"{'opslag' if result.overhead_convention == 'markup' else 'aandeel'}",
            }
        ]
    )


def overhead_lines_editor(result: CostPriceResult) -> None:
    """The cost lines (name, amount per year, source or note) and the mark-up they come to."""
    key, lines = grids.steady_grid("overhead_lines", _lines())
    frame = pd.DataFrame(
        [
            {
                LINE_COLUMNS["name"]: r.get("name"),
                LINE_COLUMNS["amount"]: r.get("amount"),  # shown as typed when it is no number, so it is not lost
                LINE_COLUMNS["note"]: r.get("note"),
            }
            for r in lines
        ],
        columns=list(LINE_COLUMNS.values()),
    )
    frame = numbers_as_text(frame, [LINE_COLUMNS["amount"]])
    edited = grids.dynamic_grid(
        frame,
        key,
        width="stretch",
        column_config={
            LINE_COLUMNS["amount"]: st.column_config.TextColumn(help="Bijvoorbeeld 250.000 of 85.000,50"),
            LINE_COLUMNS["note"]: st.column_config.TextColumn(
                width="large", help="Waar het bedrag vandaan komt: jaarrekening, begroting, offerte."
            ),
        },
    )
    kept = kept_rows(grids.grid_edits("overhead_lines"), len(lines))
    new = []
    for i, row in enumerate(edited.to_dict("records")):
        line = dict(lines[kept[i]]) if i < len(kept) else {}
        for field, column in LINE_COLUMNS.items():
            value = grid_number(row.get(column), "euro") if field == "amount" else plain(row.get(column))
            if value is None:
                line.pop(field, None)
            else:
                line[field] = value
        if line:
            new.append(line)
    if new != _lines():
        _write_lines(new)
        grids.grid_wrote("overhead_lines", _lines())
        st.rerun()
    _show(
        "norms.overhead.lines",
        {"name": "kostenregel", "amount": "bedrag", "note": "bron of toelichting"},
        "Kostenregel",
    )
    if result is not None and result.overhead_source == "kostenregels":
        total = sum(l.amount for l in result.scenario.norms.overhead_lines)
        personnel = sum(l.fte * l.cost.personnel_cost_per_fte for l in result.lines)
        st.markdown(
            f"Totaal **{format_eur(total)}** per jaar, verdeeld over de directe personeelskosten van "
            f"{format_eur(personnel)}: een **opslag van {format_pct(result.overhead_pct)}** op de directe kosten "
            f"(rekenwijze: opslag; als aandeel van de integrale kosten "
            f"{format_pct(convert_overhead(result.overhead_pct, 'markup', 'share'))})."
        )
