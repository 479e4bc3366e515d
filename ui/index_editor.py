"""The index figures and the municipality's indexation per contract year (the contract page): a
fixed index, the OVA/PPC figures (provisional, definitive), what the municipality indexes, and the
source of a year's own figure, in two tables that write the contract's ``indexation`` keys."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pandas as pd
import streamlit as st

from pricing.contract_indexation import INDEX_PCT_RANGE
from pricing.evaluation import Evaluation
from pricing.model.contract import INDEX_SOURCE_STATUS, YearIndex
from pricing.money import format_pct
from pricing.parameters import ParameterBook, ParameterNotCovered
from pricing.scenario import Problem
from ui import bindings, components, grids, state
from ui.cells import as_mapping, as_text, fraction, numbers_as_text, pct_cell, plain, records
from ui.editor_paths import INDEX_PATH
from ui.literal import literal
from ui.problem_text import in_percent, problems_at

IX_COLUMNS = {
    "year": "Jaar",
    "used": "Index gebruikt",
    "origin": "Herkomst",
    "per_year": "Vaste index (%)",
    "ova_provisional": "OVA voorl. (%)",
    "ppc_provisional": "PPC voorl. (%)",
    "ova_definitive": "OVA def. (%)",
    "ppc_definitive": "PPC def. (%)",
    "municipal_pct": "Gemeente (%)",
    "source": "Bron",
    "source_text": "Bron eigen cijfer",
    "source_status": "Status bron",
}
IX_FIELDS = {
    "per_year": "vaste index",
    "ova_provisional": "OVA voorlopig",
    "ppc_provisional": "PPC voorlopig",
    "ova_definitive": "OVA definitief",
    "ppc_definitive": "PPC definitief",
    "municipal_pct": "gemeente",
    "sources": "bron eigen cijfer",
    "text": "bron eigen cijfer",
    "status": "status bron",
}
# The figures' headers as shown (short, the unit in a caption) and their widths in px.
IX_SHORT = {
    "per_year": "Vaste index",
    "ova_provisional": "OVA voorl.",
    "ppc_provisional": "PPC voorl.",
    "ova_definitive": "OVA def.",
    "ppc_definitive": "PPC def.",
    "municipal_pct": "Gemeente",
}
IX_WIDTH = {"per_year": 104, "ova_provisional": 98, "ppc_provisional": 98, "municipal_pct": 96}
STATUS_LABELS = INDEX_SOURCE_STATUS  # given -> vastgesteld, ...
_STATUS_KEYS = {label: key for key, label in INDEX_SOURCE_STATUS.items()}
ORIGINS = {
    "data": "voorlopige cijfers (gepubliceerd)",
    "opgegeven": "opgegeven",
    "data/opgegeven": "voorlopige cijfers, deels opgegeven",
    "aanname": "aanname",
}


def _ix() -> dict[str, Any]:
    contract = state.raw().get("contract")
    ix = contract.get("indexation") if isinstance(contract, dict) else None
    return dict(ix) if isinstance(ix, dict) else {}


def year_index_editor(evaluation: Evaluation | None) -> bool:
    """Per contract year: a fixed index (given), the OVA/PPC figures (provisional, definitive) and what
    the municipality indexes. Empty cells: the published figures or the assumed index apply.

    Returns whether the table was drawn (it needs a valid contract for its years); only then does
    it show the problems of these keys itself."""
    if evaluation is None or evaluation.contract is None:
        return False
    contract = evaluation.contract
    ix_now = contract.indexation
    resolved = {row.year: row for row in ix_now.years}
    years = list(range(ix_now.base_year + 1, contract.contract_years[-1] + 1))
    raw_ix = _ix()
    per_year = as_mapping(raw_ix.get("per_year"))
    figures = as_mapping(raw_ix.get("figures"))
    sources = as_mapping(raw_ix.get("sources"))
    municipal = raw_ix.get("municipal_pct")

    def cell(mapping: Any, year: int) -> Any:
        return mapping.get(year, mapping.get(str(year))) if isinstance(mapping, dict) else None

    rows, source_rows = [], []
    for year in years:
        row = resolved.get(year)
        own = cell(figures, year) or {}
        rows.append(
            {
                IX_COLUMNS["year"]: str(year),
                IX_COLUMNS["used"]: format_pct(row.index, 3) if row else "–",
                IX_COLUMNS["origin"]: ORIGINS.get(row.origin, row.origin) if row else "–",
                IX_COLUMNS["per_year"]: pct_cell(cell(per_year, year)),
                **{
                    IX_COLUMNS[k]: pct_cell(own.get(k)) if isinstance(own, dict) else None
                    for k in ("ova_provisional", "ppc_provisional", "ova_definitive", "ppc_definitive")
                },
                IX_COLUMNS["municipal_pct"]: pct_cell(
                    cell(municipal, year) if isinstance(municipal, dict) else municipal
                ),
            }
        )
        source_rows.append(
            {
                IX_COLUMNS["year"]: str(year),
                IX_COLUMNS["used"]: format_pct(row.index, 3) if row else "–",
                **_source_cells(cell(sources, year)),
                IX_COLUMNS["source"]: _index_source(row, evaluation.book) if row else "–",
            }
        )
    # A steady key (grids.steady_grid); the rows are built from the scenario as it is now, so the index
    # used and its origin follow an edit: a grid with a fixed number of rows and a key stays the same
    # grid, with its edits, while its values change.
    key, _ = grids.steady_grid("contract_year_index", [raw_ix, years])
    numbers = [k for k in IX_COLUMNS if k not in ("year", "used", "origin", "source", *_SOURCE_CELLS)]
    shown = [c for k, c in IX_COLUMNS.items() if k not in ("source", *_SOURCE_CELLS)]
    # Short headers and sized columns, so the figures fit the clause from 1280 px wide (784 px) without a
    # sideways scroll; the unit is in the caption and each column's help. The long source of the index
    # used is in the second table, which has the room for it.
    edited = st.data_editor(
        as_text(numbers_as_text(pd.DataFrame(rows, columns=shown), [IX_COLUMNS[k] for k in numbers])),
        hide_index=True,
        key=key,
        width="stretch",
        placeholder="",
        disabled=[IX_COLUMNS["year"], IX_COLUMNS["used"], IX_COLUMNS["origin"]],
        row_height=components.WRAP_ROW_HEIGHT,  # 'voorlopige cijfers, deels opgegeven' wraps
        height="content",
        column_config={
            IX_COLUMNS["year"]: st.column_config.TextColumn(width=48),
            IX_COLUMNS["used"]: st.column_config.TextColumn(
                "Index", width=66, help="De index die dit jaar wordt gebruikt."
            ),
            IX_COLUMNS["origin"]: st.column_config.TextColumn(width=100),
            **{
                IX_COLUMNS[k]: st.column_config.TextColumn(
                    IX_SHORT[k],
                    width=IX_WIDTH.get(k, 84),
                    help=f"{IX_FIELDS[k].capitalize()}, in procenten, bijvoorbeeld 3,944 of 2.",
                )
                for k in numbers
            },
        },
    )
    st.caption("Vaste index tot en met Gemeente: in procenten (1,5 = 1,5 %).")
    # The source of a year's own figure, in a table of its own so both fit a 1280 px screen.
    st.markdown(
        "**Bron van het eigen cijfer per jaar** (bij een vaste index, eigen OVA/PPC-cijfers of de aangenomen index)"
    )
    edited_sources = st.data_editor(
        as_text(pd.DataFrame(source_rows, columns=[IX_COLUMNS[k] for k in ("year", "used", *_SOURCE_CELLS, "source")])),
        hide_index=True,
        key=f"{key}_sources",
        width="stretch",
        placeholder="",
        disabled=[IX_COLUMNS["year"], IX_COLUMNS["used"], IX_COLUMNS["source"]],
        row_height=components.WRAP_ROW_HEIGHT,  # the source of the index used runs to two lines
        height="content",
        column_config={
            IX_COLUMNS["year"]: st.column_config.TextColumn(width=52),
            IX_COLUMNS["used"]: st.column_config.TextColumn(
                "Index", width=70, help="De index die dit jaar wordt gebruikt."
            ),
            IX_COLUMNS["source_text"]: st.column_config.TextColumn(
                width=190,
                help="Waar het eigen cijfer van dit jaar vandaan komt (vaste index, OVA/PPC-cijfers of het "
                "aangenomen percentage), bijvoorbeeld 'CPB, Centraal Economisch Plan, februari 2026'.",
            ),
            IX_COLUMNS["source_status"]: st.column_config.SelectboxColumn(
                width=104,
                options=list(STATUS_LABELS.values()),
                help="Vastgesteld (definitief), voorlopig (wordt nog vervangen) of een aanname.",
            ),
            IX_COLUMNS["source"]: st.column_config.TextColumn(
                "Bron gebruikte index",
                help="Waar de index van dit jaar vandaan komt: de gepubliceerde cijfers, het contract of de aanname.",
            ),
        },
    )
    new_per_year, new_figures, new_municipal, new_sources = {}, {}, {}, {}
    for year, typed, source_row in zip(years, records(edited), records(edited_sources)):
        value = fraction(typed.get(IX_COLUMNS["per_year"]))
        if value is not None:
            new_per_year[year] = value
        own = {
            k: fraction(typed.get(IX_COLUMNS[k]))
            for k in ("ova_provisional", "ppc_provisional", "ova_definitive", "ppc_definitive")
        }
        own = {k: v for k, v in own.items() if v is not None}
        if own:
            new_figures[year] = own
        value = fraction(typed.get(IX_COLUMNS["municipal_pct"]))
        if value is not None:
            new_municipal[year] = value
        source = _typed_source(source_row, cell(sources, year))
        if source:
            new_sources[year] = source
    # Figures for years outside the contract (e.g. the base year's definitive ones) are kept.
    # Their year as a number, as the table writes its own years: a file's text keys ('2026') next to
    # the table's numbers could not be compared (sorted) with them.
    kept_figures = {_year(k) or k: v for k, v in figures.items() if _year(k) not in years}
    new_ix = dict(raw_ix)
    for name, value in (
        ("per_year", new_per_year),
        ("figures", {**kept_figures, **new_figures}),
        ("municipal_pct", new_municipal),
        ("sources", new_sources),
    ):
        if value:
            new_ix[name] = value
        else:
            new_ix.pop(name, None)
    if grids.digest(new_ix) != grids.digest(raw_ix) and _changed(raw_ix, new_ix, years):
        contract_raw = state.raw().setdefault("contract", {})
        contract_raw["indexation"] = new_ix
        grids.grid_wrote("contract_year_index", [new_ix, years])
        bindings.forget_widget("contract_ix_municipal_pct")
        st.rerun()
    for p in problems_at("contract.indexation"):
        match = INDEX_PATH.match(p.path)
        if match:
            st.error(literal(f"{_ix_where(match)}: {_ix_message(p, match)}"), icon=":material/warning:")
    return True


_SOURCE_CELLS = ("source_text", "source_status")


def _source_cells(source: Any) -> dict[str, Any]:
    """A year's ``sources`` entry as its two cells: the text, and the status in Dutch."""
    source = source if isinstance(source, dict) else {}
    status = source.get("status")
    return {
        IX_COLUMNS["source_text"]: source.get("text") if isinstance(source.get("text"), str) else None,
        IX_COLUMNS["source_status"]: STATUS_LABELS.get(status, status) if isinstance(status, str) else None,
    }


def _typed_source(row: dict[str, Any], old: Any) -> dict[str, Any]:
    """The two cells as a ``sources`` entry (text, status); keys the table does not show are kept."""
    old = old if isinstance(old, dict) else {}
    text = plain(row.get(IX_COLUMNS["source_text"]))
    label = plain(row.get(IX_COLUMNS["source_status"]))
    out = {k: v for k, v in old.items() if k not in ("text", "status")}
    if text is not None:
        out["text"] = text
    if label is not None:
        out["status"] = _STATUS_KEYS.get(label, label)
    return out


def _index_source(row: YearIndex, book: ParameterBook) -> str:
    """Where a year's index comes from, in words: the published figures' source, the contract, or the assumption."""
    own = f"; {row.source_text}" if row.source_text else ""
    if row.origin == "aanname":
        return "aanname: het aangenomen percentage van het contract" + own
    if row.origin == "opgegeven" and row.weighted_provisional is None:
        return "opgegeven in het contract" + own
    try:
        published = book.get("ova_provisional", dt.date(row.year, 1, 1)).source_text
    except ParameterNotCovered:  # a figure the book does not hold: the contract's own
        published = ""
    prefix = "deels opgegeven in het contract; " if row.origin == "data/opgegeven" else ""
    return prefix + (published or "opgegeven in het contract") + own


def _ix_where(match: re.Match[str]) -> str:
    """Where a problem is, named as the table shows it (``match``: its path matched by INDEX_PATH)."""
    name, year, figure = match.groups()
    column = IX_FIELDS.get(figure or name, name)
    return f"Indexatie {year}, {column}" if year else f"Indexatie, {column}"


def _ix_message(p: Problem, match: re.Match[str]) -> str:
    """The file's message, with a figure's range and value in percent as the table's columns are typed
    (``match``: the problem's path matched by INDEX_PATH)."""
    name, _, figure = match.groups()
    if name == "sources" or figure in ("text", "status"):
        return p.message
    return in_percent(p.message, *INDEX_PCT_RANGE)


def _year(key: Any) -> int | None:
    try:
        return int(key)
    except (TypeError, ValueError):
        return None


def _changed(old: dict[str, Any], new: dict[str, Any], years: list[int]) -> bool:
    """Did the table change anything? A scalar municipal percentage shown per year is no change."""

    def norm(ix: dict[str, Any]) -> str:
        out = dict(ix)
        municipal = out.get("municipal_pct")
        if municipal is not None and not isinstance(municipal, dict):
            out["municipal_pct"] = {y: municipal for y in years}
        for name in ("per_year", "figures", "municipal_pct", "sources"):
            if isinstance(out.get(name), dict):
                out[name] = {str(k): v for k, v in out[name].items()}
        return grids.digest(out)

    return norm(old) != norm(new)
