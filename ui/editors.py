"""Editors for the parts of a scenario that were only editable in the file: overhead cost lines,
the index figures and the municipality's indexation per contract year, and the social-return
settings per task.

Each editor is a table (st.data_editor) that writes the same scenario keys a file uses; the
scenario's own validation checks them and its Dutch messages are shown under the table, naming
the row and column as the table does. Nothing is clipped: a value out of range stays in the
table with the message, and the last valid result stays on screen (ui/state.py).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pandas as pd
import streamlit as st

from pricing.benchmark import convert_overhead
from pricing.contract_indexation import INDEX_PCT_RANGE
from pricing.model.contract import INDEX_SOURCE_STATUS
from pricing.money import MONTHS_NL, format_eur, format_pct
from pricing.parameters import ParameterNotCovered
from pricing.paths import get_path, set_path
from pricing.scenario import Problem
from pricing.social_return import ACTORS, CAVEAT, SEOR_RATIO, SEOR_SOURCE
from ui import components, state
from ui.contract.cells import NONE
from ui.contract.cells import grid_number as _number
from ui.contract.cells import kept_rows as _kept_rows
from ui.contract.cells import numbers_as_text as _text_numbers
from ui.contract.cells import plain as _clean
from ui.literal import literal

OVERHEAD_PATH = ("norms", "overhead")
LINE_COLUMNS = {"name": "Kostenregel", "amount": "Bedrag per jaar (€)", "note": "Bron of toelichting"}


def _pct_cell(value: Any) -> float | str | None:
    """A fraction from the scenario as a percentage cell (0,035 -> 3,5); text as typed (kept, so the
    validation message and the cell agree)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return round(float(value) * 100, 6)


def _fraction(value: Any) -> Any:
    """A percentage cell as the scenario's fraction; text is passed on for validation to refuse."""
    value = _number(value)
    if value is None or isinstance(value, str):
        return value
    out = round(value / 100, 10)
    return int(out) if float(out).is_integer() else out


def _show(prefix: str, labels: dict[str, str], rows_word: str, row_names: list[str] | None = None) -> None:
    """The scenario's problems below ``prefix``, with the row and column named as the table shows them."""
    pattern = re.compile(re.escape(prefix) + r"(?:\[(\d+)\]|\.([^.\[]+))?(?:\.(.+))?$")
    for p in state.problems_at(prefix):
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


# ----------------------------------------------------------------------------------------------
# Overhead cost lines


def _lines() -> list[dict]:
    value = get_path(state.raw(), OVERHEAD_PATH + ("lines",))
    return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []


def _write_lines(lines: list[dict]) -> None:
    overhead = get_path(state.raw(), OVERHEAD_PATH)
    overhead = dict(overhead) if isinstance(overhead, dict) else {}
    if lines:
        overhead.pop("pct", None)
        overhead["convention"] = "markup"
        overhead["lines"] = lines
    else:  # every line deleted: back to a percentage (the default until one is typed)
        overhead.pop("lines", None)
    set_path(state.raw(), OVERHEAD_PATH, overhead or None)
    state.forget_widget("overhead__pct")
    state.forget_widget("overhead_convention")


def start_lines_from_pct(result) -> None:
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


def overhead_lines_editor(result) -> None:
    """The cost lines (name, amount per year, source or note) and the mark-up they come to."""
    key, lines = state.steady_grid("overhead_lines", _lines())
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
    frame = _text_numbers(frame, [LINE_COLUMNS["amount"]])
    edited = st.data_editor(
        frame,
        placeholder="",
        num_rows="dynamic",
        hide_index=True,
        key=key,
        width="stretch",
        column_config={
            LINE_COLUMNS["amount"]: st.column_config.TextColumn(help="Bijvoorbeeld 250.000 of 85.000,50"),
            LINE_COLUMNS["note"]: st.column_config.TextColumn(
                width="large", help="Waar het bedrag vandaan komt: jaarrekening, begroting, offerte."
            ),
        },
    )
    kept = _kept_rows(state.grid_edits("overhead_lines"), len(lines))
    new = []
    for i, row in enumerate(edited.to_dict("records")):
        line = dict(lines[kept[i]]) if i < len(kept) else {}
        for field, column in LINE_COLUMNS.items():
            value = _number(row.get(column)) if field == "amount" else _clean(row.get(column))
            if value is None:
                line.pop(field, None)
            else:
                line[field] = value
        if line:
            new.append(line)
    if new != _lines():
        _write_lines(new)
        state.grid_wrote("overhead_lines", _lines())
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


# ----------------------------------------------------------------------------------------------
# Index figures and the municipality's indexation per contract year

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


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column as text, also one that is still empty: the grid of a steady key is the same
    grid as long as its columns keep their types, and an empty column (no type yet) that gets its
    first value would otherwise make a new grid, losing a cell typed meanwhile."""
    return frame.astype("string")


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The edited rows with an empty cell as None (a text column's empty cell is pandas' NA)."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _ix() -> dict:
    contract = state.raw().get("contract")
    ix = contract.get("indexation") if isinstance(contract, dict) else None
    return dict(ix) if isinstance(ix, dict) else {}


def year_index_editor(evaluation) -> bool:
    """Per contract year: a fixed index (given), the OVA/PPC figures (provisional, definitive) and what
    the municipality indexes. Empty cells: the published figures or the assumed index apply.

    Returns whether the table was drawn (it needs a valid contract for its years); only then does
    it show the problems of these keys itself."""
    contract = evaluation.contract if evaluation is not None else None
    if contract is None:
        return False
    ix_now = contract.indexation
    resolved = {row.year: row for row in ix_now.years}
    years = list(range(ix_now.base_year + 1, contract.contract_years[-1] + 1))
    raw_ix = _ix()
    per_year = raw_ix.get("per_year") if isinstance(raw_ix.get("per_year"), dict) else {}
    figures = raw_ix.get("figures") if isinstance(raw_ix.get("figures"), dict) else {}
    sources = raw_ix.get("sources") if isinstance(raw_ix.get("sources"), dict) else {}
    municipal = raw_ix.get("municipal_pct")

    def cell(mapping: dict, year: int) -> Any:
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
                IX_COLUMNS["per_year"]: _pct_cell(cell(per_year, year)),
                **{
                    IX_COLUMNS[k]: _pct_cell(own.get(k)) if isinstance(own, dict) else None
                    for k in ("ova_provisional", "ppc_provisional", "ova_definitive", "ppc_definitive")
                },
                IX_COLUMNS["municipal_pct"]: _pct_cell(
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
    # A steady key (state.steady_grid); the rows are built from the scenario as it is now, so the index
    # used and its origin follow an edit: a grid with a fixed number of rows and a key stays the same
    # grid, with its edits, while its values change.
    key, _ = state.steady_grid("contract_year_index", [raw_ix, years])
    numbers = [k for k in IX_COLUMNS if k not in ("year", "used", "origin", "source", *_SOURCE_CELLS)]
    shown = [c for k, c in IX_COLUMNS.items() if k not in ("source", *_SOURCE_CELLS)]
    # Short headers and sized columns, so the figures fit the clause from 1280 px wide (784 px) without a
    # sideways scroll; the unit is in the caption and each column's help. The long source of the index
    # used is in the second table, which has the room for it.
    edited = st.data_editor(
        _as_text(_text_numbers(pd.DataFrame(rows, columns=shown), [IX_COLUMNS[k] for k in numbers])),
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
        _as_text(
            pd.DataFrame(source_rows, columns=[IX_COLUMNS[k] for k in ("year", "used", *_SOURCE_CELLS, "source")])
        ),
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
    for year, row, source_row in zip(years, _records(edited), _records(edited_sources)):
        value = _fraction(row.get(IX_COLUMNS["per_year"]))
        if value is not None:
            new_per_year[year] = value
        own = {
            k: _fraction(row.get(IX_COLUMNS[k]))
            for k in ("ova_provisional", "ppc_provisional", "ova_definitive", "ppc_definitive")
        }
        own = {k: v for k, v in own.items() if v is not None}
        if own:
            new_figures[year] = own
        value = _fraction(row.get(IX_COLUMNS["municipal_pct"]))
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
    if state.digest(new_ix) != state.digest(raw_ix) and _changed(raw_ix, new_ix, years):
        contract_raw = state.raw().setdefault("contract", {})
        contract_raw["indexation"] = new_ix
        state.grid_wrote("contract_year_index", [new_ix, years])
        state.forget_widget("contract_ix_municipal_pct")
        st.rerun()
    for p in state.problems_at("contract.indexation"):
        if _IX_PATH.match(p.path):
            st.error(literal(f"{_ix_where(p.path)}: {_ix_message(p)}"), icon=":material/warning:")
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


def _typed_source(row: dict, old: Any) -> dict[str, Any]:
    """The two cells as a ``sources`` entry (text, status); keys the table does not show are kept."""
    old = old if isinstance(old, dict) else {}
    text = _clean(row.get(IX_COLUMNS["source_text"]))
    label = _clean(row.get(IX_COLUMNS["source_status"]))
    out = {k: v for k, v in old.items() if k not in ("text", "status")}
    if text is not None:
        out["text"] = text
    if label is not None:
        out["status"] = _STATUS_KEYS.get(label, label)
    return out


def _index_source(row, book) -> str:
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


_IX_PATH = re.compile(r"contract\.indexation\.(per_year|figures|municipal_pct|sources)(?:\.(\d+))?(?:\.(\w+))?$")
_SR_PATH = re.compile(r"contract\.tasks\[(\d+)\]\.social_return(?:\.(.+))?$")


def is_social_return_path(path: str) -> bool:
    """Is ``path`` a task's social-return estimate (shown by the social-return editor)?"""
    return bool(_SR_PATH.match(path))


def is_variant_path(path: str) -> bool:
    """Is ``path`` in the contract's variants (shown by the variants editor)?"""
    return path == "contract.options" or path.startswith(("contract.options.", "contract.options["))


def shown_by_editors(path: str, index_drawn: bool, *, variants_drawn: bool = True, returns_drawn: bool = True) -> bool:
    """Is the problem at ``path`` shown by an editor of this module (so the page need not repeat it)?
    Social-return, variant and index problems when their editor was drawn."""
    return bool(
        (returns_drawn and is_social_return_path(path))
        or (variants_drawn and is_variant_path(path))
        or (index_drawn and _IX_PATH.match(path))
    )


def _ix_where(path: str) -> str:
    name, year, figure = _IX_PATH.match(path).groups()
    column = IX_FIELDS.get(figure or name, name)
    return f"Indexatie {year}, {column}" if year else f"Indexatie, {column}"


def _ix_message(p: Problem) -> str:
    """The file's message, with a figure's range and value in percent as the table's columns are typed."""
    name, _, figure = _IX_PATH.match(p.path).groups()
    if name == "sources" or figure in ("text", "status"):
        return p.message
    return state.in_percent(p.message, *INDEX_PCT_RANGE)


def _year(key: Any) -> int | None:
    try:
        return int(key)
    except (TypeError, ValueError):
        return None


def _changed(old: dict, new: dict, years: list[int]) -> bool:
    """Did the table change anything? A scalar municipal percentage shown per year is no change."""

    def norm(ix: dict) -> str:
        out = dict(ix)
        municipal = out.get("municipal_pct")
        if municipal is not None and not isinstance(municipal, dict):
            out["municipal_pct"] = {y: municipal for y in years}
        for name in ("per_year", "figures", "municipal_pct", "sources"):
            if isinstance(out.get(name), dict):
                out[name] = {str(k): v for k, v in out[name].items()}
        return state.digest(out)

    return norm(old) != norm(new)


# ----------------------------------------------------------------------------------------------
# Social return per task

SR_COLUMNS = {
    "task": "Opgave",
    "ratio": "Verhouding baten/kosten",
    "benefit_years": "Jaren baten",
    **{actor: f"{label} (%)" for actor, label in ACTORS.items()},
}
# The first table's headers as shown (short, so it fits the page from 1280 px wide) and its widths.
SR_SHORT = {"overig": "Overig"}
SR_ACTOR_WIDTH = {"zorgverzekeraar": 128, "uwv": 65, "overig": 88}
# The range of the ratio and its source: a second table, so the first stays readable at 1400 px.
SR_SOURCE_COLUMNS = {
    "task": "Opgave",
    "low": "Laagste",
    "high": "Hoogste",
    "title": "Bron (titel)",
    "href": "Link",
    "date": "Datum bron",
    "assumption": "Aanname",
    "reasoning": "Onderbouwing",
}
SR_LABELS = {
    "ratio": "verhouding",
    "benefit_years": "jaren",
    "split": "verdeling",
    "range": "bandbreedte",
    "low": "laagste verhouding",
    "high": "hoogste verhouding",
    "source": "bron",
    "title": "bron (titel)",
    "href": "link",
    "date": "datum bron",
    "assumption": "aanname",
    "reasoning": "onderbouwing",
    **{a: l.lower() for a, l in ACTORS.items()},
}
_DUTCH_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")
_MONTH_NAMES = {name: k + 1 for k, name in enumerate(MONTHS_NL)}


def _date_cell(value: Any) -> Any:
    """A date from the scenario (a date, or ISO text as a saved file has it) as a Dutch cell
    (1-5-2024); other text as typed."""
    typed = _typed_date(value)
    if isinstance(typed, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", typed):
        day = dt.date.fromisoformat(typed)
        return f"{day.day}-{day.month}-{day.year}"
    return typed


def _typed_date(value: Any) -> Any:
    """A typed date (1-5-2024, 1 mei 2024 or 2024-05-01) as ISO text, as a saved file has it; other
    text is passed on for the validation to refuse with its message, never guessed."""
    if isinstance(value, dt.date):
        return value.isoformat()
    value = _clean(value)
    if not isinstance(value, str):
        return value
    match = _DUTCH_DATE.fullmatch(value)
    parts = value.lower().split()
    try:
        if match:
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1))).isoformat()
        if len(parts) == 3 and parts[1] in _MONTH_NAMES and parts[0].isdigit() and parts[2].isdigit():
            return dt.date(int(parts[2]), _MONTH_NAMES[parts[1]], int(parts[0])).isoformat()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value).isoformat()
    except ValueError:  # 31-2-2024: no such day; the validation says so at the field
        pass
    return value


def social_return_editor() -> None:
    """Ratio, benefit years and the split over who benefits, per task that estimates its return."""
    contract = state.raw().get("contract")
    tasks = contract.get("tasks") if isinstance(contract, dict) else None
    tasks = [t for t in tasks if isinstance(t, dict)] if isinstance(tasks, list) else []
    chosen = [
        i for i, t in enumerate(tasks) if isinstance(t.get("social_return"), dict) or t.get("social_return") is True
    ]
    if not chosen:
        st.caption("Geen opgave schat het maatschappelijk rendement; zet het aan in de tabel Opgaven.")
        _social_problems(tasks)
        return
    st.warning(
        "Schatting, geen feit: " + CAVEAT.removeprefix("Schatting, geen feit over dit project. "),
        icon=":material/lightbulb:",
    )
    rows = []
    for i in chosen:
        sr = tasks[i].get("social_return") if isinstance(tasks[i].get("social_return"), dict) else {}
        split = sr.get("split") if isinstance(sr.get("split"), dict) else {}
        rows.append(
            {
                SR_COLUMNS["task"]: tasks[i].get("name"),
                SR_COLUMNS["ratio"]: sr.get("ratio") if isinstance(sr.get("ratio"), (int, float, str)) else None,
                SR_COLUMNS["benefit_years"]: sr.get("benefit_years")
                if isinstance(sr.get("benefit_years"), (int, float, str))
                else None,
                **{SR_COLUMNS[a]: _pct_cell(split.get(a)) for a in ACTORS},
            }
        )
    # A steady key; the rows are built from the scenario as it is now (a grid of fixed rows stays the same
    # grid, with its edits, while its values change).
    key, _ = state.steady_grid("contract_social", _social_content(tasks, chosen))
    numbers = [c for k, c in SR_COLUMNS.items() if k != "task"]
    edited = st.data_editor(
        _text_numbers(pd.DataFrame(rows, columns=list(SR_COLUMNS.values())), numbers),
        hide_index=True,
        key=key,
        width="stretch",
        placeholder="",
        disabled=[SR_COLUMNS["task"]],
        # Short headers and sized columns, so the table fits its expander from 1280 px wide (784 px)
        # without a sideways scroll; the task's name wraps onto a second line. The full names are in the help.
        row_height=components.WRAP_ROW_HEIGHT,  # a task's name wraps onto a second line
        height="content",  # every row in sight: taller rows would scroll inside the grid
        column_config={
            SR_COLUMNS["task"]: st.column_config.TextColumn(width=132),
            SR_COLUMNS["ratio"]: st.column_config.TextColumn(
                "Verhouding",
                width=104,
                help="Verhouding baten/kosten, bijvoorbeeld 1,8. Leeg = de SEOR-verhouding "
                f"{str(SEOR_RATIO).replace('.', ',')} ({SEOR_SOURCE}).",
            ),
            SR_COLUMNS["benefit_years"]: st.column_config.TextColumn(
                "Jaren", width=70, help="Jaren waarover de baten vallen. Leeg = 1 jaar."
            ),
            **{
                SR_COLUMNS[a]: st.column_config.TextColumn(
                    SR_SHORT.get(a, ACTORS[a]),
                    width=SR_ACTOR_WIDTH.get(a, 95),
                    help=f"Aandeel van {ACTORS[a].lower()} in de baten, in procenten, bijvoorbeeld 35 of 12,5. "
                    "Leeg in alle kolommen = geen verdeling.",
                )
                for a in ACTORS
            },
        },
    )
    st.caption("Gemeente t/m Overig: de verdeling van de baten over partijen, in procenten.")
    changed = _social_sources_editor(tasks, chosen, key)
    for i, row in zip(chosen, edited.to_dict("records")):
        old = tasks[i].get("social_return") if isinstance(tasks[i].get("social_return"), dict) else {}
        new = {k: v for k, v in old.items() if k not in ("ratio", "benefit_years", "split")}
        for name in ("ratio", "benefit_years"):
            value = _number(row.get(SR_COLUMNS[name]))
            if value is not None:
                new[name] = value
        split = {a: _fraction(row.get(SR_COLUMNS[a])) for a in ACTORS}
        split = {a: v for a, v in split.items() if v is not None}
        if split:
            new["split"] = split
        if new != old:
            tasks[i]["social_return"] = new
            changed = True
    if changed:
        state.grid_wrote("contract_social", _social_content(tasks, chosen))
        st.rerun()
    _social_problems(tasks)
    st.caption(
        f"Bron van de standaardverhouding: {SEOR_SOURCE}. Een bandbreedte van die verhouding is in de "
        "bronnen van dit model niet bekend; geef een eigen bandbreedte alleen met een bron of als aanname "
        "met onderbouwing. Een eigen verhouding is een opgave van de organisatie."
    )


def _social_content(tasks: list[dict], chosen: list[int]) -> list:
    """What the two social-return tables show: the settings of the tasks that estimate their return."""
    return [tasks[i].get("social_return") for i in chosen]


def _social_sources_editor(tasks: list[dict], chosen: list[int], key: str) -> bool:
    """The range (lowest, highest ratio) and the source per task; writes ``range`` and ``source``.
    Returns whether anything changed (the caller reruns once for both tables)."""
    st.markdown("**Bandbreedte en bron van de verhouding (schatting)**")
    rows = []
    for i in chosen:
        sr = tasks[i].get("social_return") if isinstance(tasks[i].get("social_return"), dict) else {}
        ends = sr.get("range") if isinstance(sr.get("range"), dict) else {}
        source = sr.get("source") if isinstance(sr.get("source"), dict) else {}
        rows.append(
            {
                SR_SOURCE_COLUMNS["task"]: tasks[i].get("name"),
                **{SR_SOURCE_COLUMNS[e]: ends.get(e) for e in ("low", "high")},
                **{SR_SOURCE_COLUMNS[f]: source.get(f) for f in ("title", "href", "reasoning")},
                SR_SOURCE_COLUMNS["date"]: _date_cell(source.get("date")),
                SR_SOURCE_COLUMNS["assumption"]: source.get("assumption") is True,
            }
        )
    numbers = [SR_SOURCE_COLUMNS["low"], SR_SOURCE_COLUMNS["high"]]
    frame = _text_numbers(pd.DataFrame(rows, columns=list(SR_SOURCE_COLUMNS.values())), numbers)
    edited = st.data_editor(
        frame,
        hide_index=True,
        key=f"{key}_sources",
        width="stretch",
        placeholder="",
        disabled=[SR_SOURCE_COLUMNS["task"]],
        # Two-line rows: the task's name, the title, the link and the reasoning wrap instead of being cut
        # off, so the link gets the room the task's name gave up (the columns fit 784 px, from 1280 px).
        row_height=components.WRAP_ROW_HEIGHT,
        height="content",
        column_config={
            SR_SOURCE_COLUMNS["task"]: st.column_config.TextColumn(width=120),
            **{
                c: st.column_config.TextColumn(
                    width=87,
                    help="Laagste en hoogste verhouding baten/kosten, bijvoorbeeld 1,2 en 2,4: de verhouding ligt "
                    "ertussen. Leeg = niet bekend.",
                )
                for c in numbers
            },
            SR_SOURCE_COLUMNS["title"]: st.column_config.TextColumn(
                "Bron", width=78, help="Bron (titel): de titel van de publicatie of studie."
            ),
            SR_SOURCE_COLUMNS["href"]: st.column_config.TextColumn(width=106, help="Webadres, beginnend met https://"),
            SR_SOURCE_COLUMNS["date"]: st.column_config.TextColumn(
                "Datum", width=80, help="Datum van de bron, bijvoorbeeld 22-12-2020 of 22 december 2020."
            ),
            SR_SOURCE_COLUMNS["assumption"]: st.column_config.CheckboxColumn(
                width=95,
                help="Aan: de verhouding en bandbreedte zijn een aanname van de organisatie; schrijf de onderbouwing.",
            ),
            SR_SOURCE_COLUMNS["reasoning"]: st.column_config.TextColumn(
                width=128, help="Waarop de verhouding of de aanname rust."
            ),
        },
    )
    changed = False
    for i, row in zip(chosen, edited.to_dict("records")):
        old = tasks[i].get("social_return") if isinstance(tasks[i].get("social_return"), dict) else {}
        new = {k: v for k, v in old.items() if k not in ("range", "source")}
        ends = {e: _number(row.get(SR_SOURCE_COLUMNS[e])) for e in ("low", "high")}
        ends = {e: v for e, v in ends.items() if v is not None}
        if ends:
            new["range"] = ends
        source = {f: _clean(row.get(SR_SOURCE_COLUMNS[f])) for f in ("title", "href", "reasoning")}
        source["date"] = _typed_date(row.get(SR_SOURCE_COLUMNS["date"]))
        if _clean(row.get(SR_SOURCE_COLUMNS["assumption"])) is True:
            source["assumption"] = True
        old_source = old.get("source") if isinstance(old.get("source"), dict) else {}
        if source["date"] is not None and source["date"] == _typed_date(old_source.get("date")):
            source["date"] = old_source["date"]  # the same day: kept as the file has it (a date or ISO text)
        source = {
            **{k: v for k, v in old_source.items() if k not in SR_SOURCE_COLUMNS},  # keys the table does not show
            **{k: v for k, v in source.items() if v is not None},
        }
        if source:
            new["source"] = source
        if new != old:
            tasks[i]["social_return"] = new
            changed = True
    return changed


def _social_problems(tasks: list[dict]) -> None:
    names = [t.get("name") or f"opgave {i + 1}" for i, t in enumerate(tasks)]
    for p in state.problems_at("contract.tasks"):
        match = _SR_PATH.match(p.path)
        if match:
            index, field = int(match.group(1)) - 1, match.group(2) or ""
            where = f"Maatschappelijk rendement {names[index] if index < len(names) else index + 1}"
            if field:
                where += f", {SR_LABELS.get(field.split('.')[-1], field)}"
            st.error(literal(f"{where}: {p.message}"), icon=":material/warning:")


# ----------------------------------------------------------------------------------------------
# Contract variants: name, description and their changes to staffing and activities

KINDS = ("Formatie", "Activiteit")
CHANGE_COLUMNS = (
    "Variant",
    "Soort",
    "Gebied",
    "Opgave",
    "Functie of activiteit",
    "FTE (±)",
    "Uren (±)",
    "Bedrag per jaar (±)",
)
_OPTION_PATH = re.compile(
    r"contract\.options\[(\d+)\](?:\.(name|description|staffing|activities))?(?:\[(\d+)\])?(?:\.(\w+))?$"
)
_CHANGE_FIELDS = {
    "fte": "FTE",
    "hours": "uren",
    "amount": "bedrag",
    "area": "gebied",
    "task": "opgave",
    "function": "functie",
    "name": "activiteit",
}


def _options() -> list[dict]:
    contract = state.raw().get("contract")
    value = contract.get("options") if isinstance(contract, dict) else None
    return [o for o in value if isinstance(o, dict)] if isinstance(value, list) else []


def _write_options(options: list[dict]) -> None:
    contract = state.raw().setdefault("contract", {})
    if options:
        contract["options"] = options
    else:
        contract.pop("options", None)


def variants_editor(functions: list[str]) -> None:
    """The contract's variants (name, description) and, per variant, what it adds or removes."""
    key, options = state.steady_grid("contract_options", _options())
    frame = pd.DataFrame(
        [{"Naam": o.get("name"), "Omschrijving": o.get("description")} for o in options],
        columns=["Naam", "Omschrijving"],
    )
    edited = st.data_editor(
        frame,
        placeholder="",
        num_rows="dynamic",
        hide_index=True,
        key=key,
        width="stretch",
        column_config={"Omschrijving": st.column_config.TextColumn(width="large")},
    )
    kept = _kept_rows(state.grid_edits("contract_options"), len(options))
    new = []
    for i, row in enumerate(edited.to_dict("records")):
        # Keep the variant's changes (the second table) from the row it was.
        option = dict(options[kept[i]]) if i < len(kept) else {}
        for field, column in (("name", "Naam"), ("description", "Omschrijving")):
            value = _clean(row.get(column))
            if value is None:
                option.pop(field, None)
            else:
                option[field] = value
        new.append(option)
    if new != _options():
        _write_options(new)
        state.grid_wrote("contract_options", _options())
        st.rerun()

    options = _options()  # as the scenario has them now (the grid above shows the rows it was given)
    if not [o for o in options if o.get("name")]:
        _option_problems(options)
        return
    change_key, (options, areas, tasks) = state.steady_grid("contract_option_changes", _change_content())
    names = [o.get("name") for o in options if o.get("name")]
    areas, tasks = [NONE, *areas], [NONE, *tasks]
    rows = []
    for o in options:
        for kind, field in (("Formatie", "staffing"), ("Activiteit", "activities")):
            for line in o.get(field) or []:
                if not isinstance(line, dict):
                    continue
                rows.append(
                    {
                        "Variant": o.get("name"),
                        "Soort": kind,
                        "Gebied": line.get("area") or NONE,
                        "Opgave": line.get("task") or NONE,
                        "Functie of activiteit": line.get("function" if kind == "Formatie" else "name"),
                        "FTE (±)": line.get("fte"),
                        "Uren (±)": line.get("hours"),
                        "Bedrag per jaar (±)": line.get("amount"),
                    }
                )
    st.caption(
        "Wat elke variant aan de basis toevoegt (positief) of weghaalt (negatief): formatie in FTE of uren, "
        "activiteiten in euro per jaar."
    )
    changes = st.data_editor(
        _text_numbers(pd.DataFrame(rows, columns=list(CHANGE_COLUMNS)), list(CHANGE_COLUMNS[5:])),
        placeholder="",
        num_rows="dynamic",
        hide_index=True,
        key=change_key,
        width="stretch",
        # Sized so the table fits its expander at 1400 px (904 px) without a sideways scroll (choice cells
        # do not wrap).
        column_config={
            "Variant": st.column_config.SelectboxColumn(options=names, required=True, width=80),
            "Soort": st.column_config.SelectboxColumn(options=list(KINDS), required=True, width=85),
            "Gebied": st.column_config.SelectboxColumn(options=areas, required=True, width=85),
            "Opgave": st.column_config.SelectboxColumn(options=tasks, required=True, width=170),
            "Functie of activiteit": st.column_config.TextColumn(
                width=167,
                help=f"Formatie: een functie uit de formatie ({', '.join(functions[:6])}{' …' if len(functions) > 6 else ''}); "
                "activiteit: de naam van het activiteitenbudget.",
            ),
            "FTE (±)": st.column_config.TextColumn(width=85, help="Bijvoorbeeld 1,5 of -0,5"),
            "Uren (±)": st.column_config.TextColumn(width=85, help="Declarabele uren per jaar, in plaats van FTE"),
            "Bedrag per jaar (±)": st.column_config.TextColumn(
                "Bedrag (±)", width=105, help="Bedrag per jaar in euro, bijvoorbeeld 12.000 of -15.000"
            ),
        },
    )
    by_name: dict[str, dict[str, list]] = {n: {"staffing": [], "activities": []} for n in names}
    for row in changes.to_dict("records"):
        variant = _clean(row.get("Variant"))
        if variant not in by_name:
            continue
        line: dict[str, Any] = {}
        for field, column in (("area", "Gebied"), ("task", "Opgave")):
            value = _clean(row.get(column))
            if value not in (None, NONE):
                line[field] = value
        if _clean(row.get("Soort")) == "Activiteit":
            line["name"] = _clean(row.get("Functie of activiteit"))
            line["amount"] = _number(row.get("Bedrag per jaar (±)"))
            by_name[variant]["activities"].append(line)
        else:
            line["function"] = _clean(row.get("Functie of activiteit"))
            for field, column in (("fte", "FTE (±)"), ("hours", "Uren (±)")):
                if _number(row.get(column)) is not None:
                    line[field] = _number(row.get(column))
            by_name[variant]["staffing"].append(line)
    rebuilt = []
    for o in options:
        o = dict(o)
        if o.get("name") in by_name:
            for field in ("staffing", "activities"):
                if by_name[o["name"]][field]:
                    o[field] = by_name[o["name"]][field]
                else:
                    o.pop(field, None)
        rebuilt.append(o)
    if rebuilt != _options():
        _write_options(rebuilt)
        state.grid_wrote("contract_option_changes", _change_content())
        st.rerun()
    _option_problems(_options())


def _change_content() -> list:
    """What the variants' changes table shows: the variants, and the names its cells choose from."""
    contract = state.raw().get("contract") or {}
    return [
        _options(),
        [a.get("name") for a in contract.get("areas") or [] if isinstance(a, dict) and a.get("name")],
        [t.get("name") for t in contract.get("tasks") or [] if isinstance(t, dict) and t.get("name")],
    ]


def _option_problems(options: list[dict]) -> None:
    for p in state.problems_at("contract.options"):
        match = _OPTION_PATH.match(p.path)
        if not match:
            st.error(literal(f"Varianten: {p.message}"), icon=":material/warning:")
            continue
        index, part, line, field = match.groups()
        i = int(index) - 1
        name = options[i].get("name") if i < len(options) and options[i].get("name") else f"{index}"
        where = f"Variant {name}"
        if part in ("name", "description"):
            where += ", " + ("naam" if part == "name" else "omschrijving")
        elif part:
            where += ", " + ("formatieregel" if part == "staffing" else "activiteit") + (f" {line}" if line else "")
            if field:
                where += f", {_CHANGE_FIELDS.get(field, field)}"
        st.error(literal(f"{where}: {p.message}"), icon=":material/warning:")
