"""Page: Contract & offerte — tasks, areas and staffing of the contract, the multi-year budget, and
the offer PDF and the spreadsheet model to download.

Everything typed goes into ``st.session_state["raw"]["contract"]`` (the scenario being edited, see
ui/state.py); the budget and the downloads read the last valid result. Each table editor keeps its
key, and the rows it was given, while the contract holds what the table itself wrote
(``state.steady_grid``): its edits, relative to those rows, are folded in again with every edit and
an edit typed meanwhile is not lost. The table starts afresh when its part changed elsewhere.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from pricing.contract_refs import KINDS, broken_references, contract_fte, rename_reference
from pricing.contract_text import clause_text, origin_text, problem_text, shown_grouped, shown_years
from pricing.model.contract import (
    CATCH_UP_LABELS,
    CROSS_AREA,
    CROSS_TASK,
    DEFAULT_DISCOUNT_RATE,
    DEFAULT_FIRST_YEAR_CATCH_UP,
    DEFAULT_REFERENCE_MONTH,
    DEFINITIVE_RULES,
    DISCOUNT_SOURCE,
    FUNDING_VARIANTS,
)
from pricing.money import MONTHS_NL, format_eur, format_number, format_pct
from pricing.numbers import cell_number, format_dutch_input
from pricing.social_return import CAVEAT, UNKNOWN_SPLIT, range_note
from ui import charts, components, state
from ui.literal import literal

NONE = "—"  # no area / no task: cross-area or cross-task work
# The text grids on this page fit its content width at 1280 px (818 px; 938 px at 1400 px): the
# configured widths of a grid's columns add up to at most 818 px, less the 32 px marker column of a
# grid that adds rows (wider pages share out the rest). Long texts wrap: Streamlit wraps a cell's text
# once a row is taller than 4rem; six lines per task row hold the demo's longest text (121 characters).
TASK_ROW_HEIGHT = 128
PALETTE = ["#1d5c63", "#5b9aa0", "#a3c9cc", "#e0a458", "#c06c50", "#7d7d7d", "#3b6e8f", "#9c6ade"]


# ----------------------------------------------------------------------------------------------
# Raw contract access


def _contract() -> dict:
    value = state.raw().get("contract")
    return value if isinstance(value, dict) else {}


def _list(key: str) -> list:
    value = _contract().get(key)
    return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []


def _set(key: str, value: Any) -> None:
    contract = state.raw().setdefault("contract", {})
    if not isinstance(contract, dict):
        state.raw()["contract"] = contract = {}
    if value is None or value == []:
        contract.pop(key, None)
    else:
        contract[key] = value


def _clean(value: Any) -> Any:
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


def _number(value: Any) -> float | int | str | None:
    """A grid cell read in Dutch notation; empty is None, text that is no number is kept as typed."""
    value = _clean(value)
    return None if value is None else cell_number(value)


def _text_numbers(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
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


def _fold(
    grid: str,
    key: str,
    new: list[dict],
    content: Callable[[], Any],
    renames: dict[str, str] | None = None,
    kind: str = "",
) -> None:
    """Write the edited table ``grid`` back into ``contract.<key>`` (a name it typed over renamed in
    every line that uses it) and start a fresh run, in which the grid keeps its key: ``content`` is
    its part of the scenario as it reads it."""
    if new == _list(key):
        return
    if renames:
        renamed = state.raw()
        for old, name in renames.items():
            renamed = rename_reference(renamed, kind, old, name)
        state.raw()["contract"] = renamed["contract"]
    _set(key, new)
    state.grid_wrote(grid, content())
    st.rerun()


def _bound(widget, label: str, key: str, *, default: Any, to_widget=lambda v: v, convert=lambda v: v, **kwargs):
    """A widget bound to ``contract.<key>`` (re-read from the scenario after a load)."""
    return state.bind(
        widget,
        label,
        ("contract", key),
        key=f"contract_{key}",
        current=default,
        to_widget=to_widget,
        from_widget=convert,
        **kwargs,
    )


def _bound_ix(widget, label: str, key: str, *, default: Any, to_widget=lambda v: v, convert=lambda v: v, **kwargs):
    """A widget bound to ``contract.indexation.<key>``."""
    return state.bind(
        widget,
        label,
        ("contract", "indexation", key),
        key=f"contract_ix_{key}",
        current=default,
        to_widget=to_widget,
        from_widget=convert,
        **kwargs,
    )


def _pct_field(
    label: str,
    path: tuple[str, ...],
    key: str,
    *,
    default: float | None,
    places: int = 2,
    low: float,
    high: float,
    help: str | None = None,
) -> None:
    """A percentage of the contract (stored as a fraction) typed in Dutch notation."""
    state.number_field(
        label,
        ("contract", *path),
        key=key,
        current=default,
        scale=100,
        places=places,
        min_value=low,
        max_value=high,
        unit="%",
        help=help,
    )


def _md(text: str) -> str:
    """Clause text for st.markdown: characters markdown would read as markup are escaped."""
    for char in "\\`*_{}[]<>()#+-.!|$~":
        text = text.replace(char, "\\" + char)
    return text


# ----------------------------------------------------------------------------------------------
# Editors


def _start_contract() -> None:
    demo = state.demo_raw().get("contract")
    functions = [r.get("function") for r in state.raw().get("staff") or [] if isinstance(r, dict)]
    if demo and all(line.get("function") in functions for line in demo.get("staffing", [])):
        state.raw()["contract"] = copy.deepcopy(demo)
    else:
        state.raw()["contract"] = {
            "name": "Nieuw contract",
            "municipality": "Gemeente",
            "funding": "taakgericht",
            "start": dt.date(dt.date.today().year + 1, 1, 1).isoformat(),
            "years": 4,
            "areas": [{"name": "Wijk 1"}],
            "tasks": [{"name": "Opgave 1"}],
            "staffing": [{"area": "Wijk 1", "task": "Opgave 1", "function": functions[0], "fte": 1.0}]
            if functions
            else [],
            "indexation": {"assumed_pct": 0.03},
        }
    for key in [
        k for k in st.session_state.keys() if isinstance(k, str) and k.startswith(f"{state.WIDGET_PREFIX}contract_")
    ]:
        del st.session_state[key]


def _general() -> None:
    c1, c2 = st.columns(2)
    with c1:
        _bound(st.text_input, "Naam van het contract", "name", default="", convert=lambda v: v or None)
        _bound(st.text_input, "Gemeente", "municipality", default="", convert=lambda v: v or None)
        _bound(st.text_input, "Ronde (aanbesteding, inschrijving)", "round", default="", convert=lambda v: v or None)
    with c2:
        options = list(FUNDING_VARIANTS)
        _bound(
            st.selectbox,
            "Bekostiging",
            "funding",
            default="taakgericht",
            options=options,
            format_func=lambda v: FUNDING_VARIANTS[v][0],
            to_widget=lambda v: v if v in options else "taakgericht",
        )
        _bound(
            st.date_input,
            "Startdatum",
            "start",
            default=dt.date(dt.date.today().year + 1, 1, 1),
            to_widget=lambda v: v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v)),
            convert=lambda v: v.isoformat() if isinstance(v, dt.date) else None,
            format="DD-MM-YYYY",
        )
        cols = st.columns(2)
        with cols[0]:
            state.number_field(
                "Looptijd (jaren)",
                ("contract", "years"),
                key="contract_years",
                current=4,
                min_value=1,
                max_value=15,
                integer=True,
                unit="jaar",
            )
        with cols[1]:
            _pct_field(
                "Discontovoet (%)",
                ("discount_rate",),
                "contract_discount_rate",
                default=DEFAULT_DISCOUNT_RATE,
                low=-5.0,
                high=25.0,
                help=DISCOUNT_SOURCE,
            )
    funding = _contract().get("funding")
    if funding in FUNDING_VARIANTS:
        st.caption(FUNDING_VARIANTS[funding][1])


def _tasks_editor() -> None:
    key, tasks = state.steady_grid("contract_tasks", _list("tasks"))
    frame = pd.DataFrame(
        [
            {
                "Opgave": t.get("name"),
                "Doelgroep": t.get("target_group"),
                "Gewenste effecten (scheiden met ;)": "; ".join(
                    str(e) for e in t.get("effects") or [] if e is not None
                ),
                "Vertellen (verhaal)": t.get("narrative"),
                "Rapportage (tellen)": t.get("reporting"),
                "Maatschappelijk rendement": isinstance(t.get("social_return"), dict) or t.get("social_return") is True,
            }
            for t in tasks
        ],
        columns=[
            "Opgave",
            "Doelgroep",
            "Gewenste effecten (scheiden met ;)",
            "Vertellen (verhaal)",
            "Rapportage (tellen)",
            "Maatschappelijk rendement",
        ],
    )
    edited = st.data_editor(
        frame,
        placeholder="",
        num_rows="dynamic",
        hide_index=True,
        key=key,
        # Every column fits the page from 1280 px wide (no sideways scroll; wider pages share out the
        # rest), and the rows are tall enough for the long texts to wrap onto lines of their own
        # (Streamlit wraps text once a row is taller than 4rem); a cell opened shows all of its text.
        row_height=TASK_ROW_HEIGHT,
        height="content",  # every row in sight: taller rows would scroll inside the grid
        column_config={
            "Opgave": st.column_config.TextColumn(width=130),
            "Doelgroep": st.column_config.TextColumn(width=100),
            "Gewenste effecten (scheiden met ;)": st.column_config.TextColumn(
                "Gewenste effecten", width=158, help="Scheid de effecten met een puntkomma (;)."
            ),
            "Vertellen (verhaal)": st.column_config.TextColumn(width=158),
            "Rapportage (tellen)": st.column_config.TextColumn(
                "Rapportage", width=140, help="Tellen: hoe over de indicatoren wordt gerapporteerd."
            ),
            "Maatschappelijk rendement": st.column_config.CheckboxColumn(
                "Rendement",
                width=100,
                help="Maatschappelijk rendement: schat het (standaard 1,6 keer de kosten, SEOR 2020)",
                default=False,
            ),
        },
    )
    new = []
    edited_keys = ("name", "target_group", "effects", "narrative", "reporting", "social_return")
    # Which task each edited row was: the editor drops its deleted rows and appends the added ones
    # after the rows it kept (in their order), so the i-th row is the i-th task not deleted. Matching
    # by position in the new table would hand a deleted task's indicators to its successor.
    kept = _kept_rows(state.grid_edits("contract_tasks"), len(tasks))
    for i, row in enumerate(edited.to_dict("records")):
        # Keep what this table does not show (indicators, social-return settings) from the row it was.
        old = tasks[kept[i]] if i < len(kept) else {}
        task = {"name": _clean(row.get("Opgave"))}
        for field, column in (
            ("target_group", "Doelgroep"),
            ("narrative", "Vertellen (verhaal)"),
            ("reporting", "Rapportage (tellen)"),
        ):
            if _clean(row.get(column)) is not None:
                task[field] = _clean(row.get(column))
        effects = [
            e.strip() for e in str(_clean(row.get("Gewenste effecten (scheiden met ;)")) or "").split(";") if e.strip()
        ]
        if effects:
            task["effects"] = effects
        task.update({k: v for k, v in old.items() if k not in edited_keys})
        if bool(_clean(row.get("Maatschappelijk rendement"))):
            task["social_return"] = old.get("social_return") if isinstance(old.get("social_return"), dict) else {}
        new.append(task)
    renames = _renamed("contract_tasks", len(tasks), _list("tasks"), new)
    _fold("contract_tasks", "tasks", new, lambda: _list("tasks"), renames, "task")


def _by_origin(edits: dict | None, count: int, rows: list[dict]) -> dict[tuple[str, int], dict]:
    """The rows of a grid after ``edits`` (the ``count`` rows it was given, less the deleted ones, then
    the added ones), each under the row it comes from: ("given", i) or ("added", j)."""
    kept = _kept_rows(edits, count)
    origins = [("given", i) for i in kept] + [("added", j) for j in range(len(rows) - len(kept))]
    return dict(zip(origins, rows))


def _renamed(grid: str, count: int, now: list[dict], new: list[dict]) -> dict[str, str]:
    """Old -> new names of the areas or tasks table's latest edit: a row's name as the contract holds
    it (with the table's earlier edits) against the name in the same row of the edited table."""
    before = _by_origin(state.grid_applied(grid), count, now)
    after = _by_origin(state.grid_edits(grid), count, new)
    renames = {}
    for origin, item in after.items():
        old, name = before.get(origin, {}).get("name"), item.get("name")
        if isinstance(old, str) and isinstance(name, str) and old != name:
            renames[old] = name
    return renames


def _kept_rows(delta: Any, count: int) -> list[int]:
    """Positions of the original rows a data editor kept, in order, from its edit state."""
    deleted = set()
    if isinstance(delta, dict):
        for row in delta.get("deleted_rows") or []:
            try:
                deleted.add(int(row))
            except (TypeError, ValueError):
                continue
    return [i for i in range(count) if i not in deleted]


def _indicator_editor() -> None:
    key, tasks = state.steady_grid("contract_indicators", _list("tasks"))
    names = [t.get("name") for t in tasks if t.get("name")]
    rows = []
    for t in tasks:
        for ind in t.get("indicators") or []:
            if isinstance(ind, dict):
                rows.append(
                    {
                        "Opgave": t.get("name"),
                        "Indicator": ind.get("name"),
                        "Eenheid": ind.get("unit"),
                        "Nulmeting": ind.get("baseline"),
                        "Streefwaarde": ind.get("target"),
                        "Bron": ind.get("source"),
                    }
                )
    frame = pd.DataFrame(rows, columns=["Opgave", "Indicator", "Eenheid", "Nulmeting", "Streefwaarde", "Bron"])
    frame = _text_numbers(frame, ["Nulmeting", "Streefwaarde"])
    edited = st.data_editor(
        frame,
        placeholder="",
        num_rows="dynamic",
        hide_index=True,
        key=key,
        row_height=components.WRAP_ROW_HEIGHT,
        height="content",  # every row in sight: taller rows would scroll inside the grid
        column_config={
            "Opgave": st.column_config.SelectboxColumn(options=names, required=True, width=160),
            "Indicator": st.column_config.TextColumn(width=200),
            "Eenheid": st.column_config.TextColumn(width=85),
            "Nulmeting": st.column_config.TextColumn(help="Bijvoorbeeld 1.250 of 12,5", width=100),
            "Streefwaarde": st.column_config.TextColumn(help="Bijvoorbeeld 1.250 of 12,5", width=105),
            "Bron": st.column_config.TextColumn(width=130),
        },
    )
    grouped: dict[str, list] = {n: [] for n in names}
    for row in edited.to_dict("records"):
        task = _clean(row.get("Opgave"))
        if task not in grouped:
            continue
        ind = {"name": _clean(row.get("Indicator"))}
        for field, column in (("unit", "Eenheid"), ("source", "Bron")):
            if _clean(row.get(column)) is not None:
                ind[field] = _clean(row.get(column))
        for field, column in (("baseline", "Nulmeting"), ("target", "Streefwaarde")):
            if _number(row.get(column)) is not None:
                ind[field] = _number(row.get(column))
        grouped[task].append(ind)
    new = []
    for t in tasks:
        t = dict(t)
        if t.get("name") in grouped:
            if grouped[t["name"]]:
                t["indicators"] = grouped[t["name"]]
            else:
                t.pop("indicators", None)
        new.append(t)
    _fold("contract_indicators", "tasks", new, lambda: _list("tasks"))


def _areas_editor() -> None:
    editor_key, areas = state.steady_grid("contract_areas", _list("areas"))
    frame = pd.DataFrame(
        [{"Gebied": a.get("name"), "CBS-code": a.get("code"), "Inwoners": a.get("population")} for a in areas],
        columns=["Gebied", "CBS-code", "Inwoners"],
    )
    frame = _text_numbers(frame, ["Inwoners"])
    edited = st.data_editor(
        frame,
        placeholder="",
        num_rows="dynamic",
        hide_index=True,
        key=editor_key,
        column_config={
            "CBS-code": st.column_config.TextColumn(help="WK + 6 cijfers (wijk) of BU + 8 cijfers (buurt)"),
            "Inwoners": st.column_config.TextColumn(help="Bijvoorbeeld 12.500"),
        },
    )
    new = []
    for row in edited.to_dict("records"):
        area = {"name": _clean(row.get("Gebied"))}
        if _clean(row.get("CBS-code")) is not None:
            area["code"] = _clean(row.get("CBS-code"))
        if _number(row.get("Inwoners")) is not None:
            area["population"] = _number(row.get("Inwoners"))
        new.append(area)
    renames = _renamed("contract_areas", len(areas), _list("areas"), new)
    _fold("contract_areas", "areas", new, lambda: _list("areas"), renames, "area")


def _line_editor(key: str, name_column: str, functions: list[str]) -> None:
    """Staffing (function with FTE or hours) or activities (name with amount) per area and task."""
    grid = f"contract_{key}"
    editor_key, (lines, areas, tasks) = state.steady_grid(grid, _line_content(key))
    areas, tasks = [NONE, *areas], [NONE, *tasks]
    # A name that no longer exists stays selectable, so the editor does not blank it before the
    # mapping at the top of the page has renamed it.
    areas += sorted({line["area"] for line in lines if isinstance(line.get("area"), str)} - set(areas))
    tasks += sorted({line["task"] for line in lines if isinstance(line.get("task"), str)} - set(tasks))
    if key == "staffing":
        functions = list(functions) + sorted(
            {line["function"] for line in lines if isinstance(line.get("function"), str)} - set(functions)
        )
    staffing = key == "staffing"
    columns = ["Gebied", "Opgave", name_column] + (["FTE", "Uren"] if staffing else ["Bedrag per jaar"])
    # The column is called "Bedrag per jaar" in euros, at the price level of the scenario date.
    rows = []
    for line in lines:
        row = {
            "Gebied": line.get("area") or NONE,
            "Opgave": line.get("task") or NONE,
            name_column: line.get("function" if staffing else "name"),
        }
        if staffing:
            row["FTE"], row["Uren"] = line.get("fte"), line.get("hours")
        else:
            row["Bedrag per jaar"] = line.get("amount")
        rows.append(row)
    frame = pd.DataFrame(rows, columns=columns)
    for column in columns[3:]:
        frame = _text_numbers(frame, [column])
    config = {
        "Gebied": st.column_config.SelectboxColumn(options=areas, required=True, help=f"{NONE} = {CROSS_AREA.lower()}"),
        "Opgave": st.column_config.SelectboxColumn(options=tasks, required=True, help=f"{NONE} = {CROSS_TASK.lower()}"),
    }
    if staffing:
        config[name_column] = st.column_config.SelectboxColumn(
            options=functions, required=True, help="Functie uit de formatie (pagina Organisatie & formatie)"
        )
        config["FTE"] = st.column_config.TextColumn(help="Bijvoorbeeld 2,5")
        config["Uren"] = st.column_config.TextColumn(
            help="Declarabele uren per jaar, in plaats van FTE; bijvoorbeeld 1.250"
        )
    else:
        config["Bedrag per jaar"] = st.column_config.TextColumn(
            help="In euro per jaar, prijspeil van de peildatum; bijvoorbeeld 25.000 of 2.500,50"
        )
    edited = st.data_editor(
        frame,
        placeholder="",
        num_rows="dynamic",
        hide_index=True,
        key=editor_key,
        column_config=config,
    )
    new = []
    for row in edited.to_dict("records"):
        line: dict[str, Any] = {}
        area, task = _clean(row.get("Gebied")), _clean(row.get("Opgave"))
        if area not in (None, NONE):
            line["area"] = area
        if task not in (None, NONE):
            line["task"] = task
        if staffing:
            line["function"] = _clean(row.get(name_column))
            for field, column in (("fte", "FTE"), ("hours", "Uren")):
                if _number(row.get(column)) is not None:
                    line[field] = _number(row.get(column))
        else:
            line["name"] = _clean(row.get(name_column))
            line["amount"] = _number(row.get("Bedrag per jaar"))
        new.append(line)
    _fold(grid, key, new, lambda: _line_content(key))


def _line_content(key: str) -> list:
    """What the staffing or activities table shows: its lines, and the names its area and task cells
    choose from (a new name elsewhere gives the table afresh, with the name to choose)."""
    return [
        _list(key),
        [a.get("name") for a in _list("areas") if a.get("name")],
        [t.get("name") for t in _list("tasks") if t.get("name")],
    ]


def _indexation() -> None:
    c1, c2, c3 = st.columns(3)
    with c1:
        _pct_field(
            "Gewicht loonindex OVA (%)",
            ("indexation", "wage_weight"),
            "contract_ix_wage_weight",
            default=0.9,
            low=0.0,
            high=100.0,
            help="De VNG adviseert 90 % OVA en 10 % PPC. Een andere weging is een eigen keuze en staat zo "
            "in de offerte.",
        )
        options = list(CATCH_UP_LABELS)
        _bound_ix(
            st.selectbox,
            "Inhaalmethode",
            "catch_up",
            default="ratio",
            options=options,
            format_func=lambda v: CATCH_UP_LABELS[v],
            to_widget=lambda v: v if v in options else "ratio",
        )
    with c2:
        rules = list(DEFINITIVE_RULES)
        _bound_ix(
            st.selectbox,
            "Als definitieve cijfers komen",
            "definitive",
            default="next_year",
            options=rules,
            format_func=lambda v: DEFINITIVE_RULES[v],
            to_widget=lambda v: v if v in rules else "next_year",
        )
        # Three decimals, as the budget shows the index (3,944 %, not 3,94 %).
        _pct_field(
            "Aangenomen index voor jaren zonder cijfers (%)",
            ("indexation", "assumed_pct"),
            "contract_ix_assumed_pct",
            default=None,
            places=3,
            low=-20.0,
            high=30.0,
            help="Alleen voor jaren zonder eigen voorlopige OVA/PPC-cijfers (na 2025 nog niet gepubliceerd). "
            "Leeg = geen aanname (dan geeft de controle een fout voor zulke jaren). Wordt in de offerte "
            "als aanname getoond.",
        )
    with c3:
        current = (
            (_contract().get("indexation") or {}).get("municipal_pct")
            if isinstance(_contract().get("indexation"), dict)
            else None
        )
        if isinstance(current, dict):
            st.caption("Indexatie door de gemeente staat per jaar in het scenariobestand.")
        else:
            _pct_field(
                "Indexatie die de gemeente toepast (%)",
                ("indexation", "municipal_pct"),
                "contract_ix_municipal_pct",
                default=None,
                low=-20.0,
                high=30.0,
                help="Voor de kosten van niet-indexeren. Leeg = de gemeente indexeert niet (0 %).",
            )
    c4, c5 = st.columns(2)
    with c4:
        _bound_ix(
            st.checkbox,
            "Inhaal in het eerste indexatiejaar (VNG-methode)",
            "first_year_catch_up",
            default=DEFAULT_FIRST_YEAR_CATCH_UP,
            to_widget=lambda v: v if isinstance(v, bool) else False,
            convert=bool,
            help="Uit (standaard): het eerste indexatiejaar krijgt geen inhaal over het basisjaar, omdat het "
            "prijspeil bottom-up uit de cao-lonen op de peildatum is berekend en niet op voorlopige "
            "cijfers rust; inhaal zou die loonstijging dubbel betalen. Aan: zoals de VNG-methode, ook in "
            "het eerste jaar inhaal (bijvoorbeeld als de gemeente dat als standaard hanteert).",
        )
    with c5:
        months = list(range(1, 13))
        _bound_ix(
            st.selectbox,
            "Peilmaand (in het jaar vóór het indexatiejaar)",
            "reference_month",
            default=DEFAULT_REFERENCE_MONTH,
            options=months,
            format_func=lambda m: MONTHS_NL[m - 1],
            to_widget=lambda v: v if v in months else DEFAULT_REFERENCE_MONTH,
            convert=int,
            help="De maand waarvan de gepubliceerde OVA/PPC-cijfers de indexatie per 1 januari bepalen. "
            "September is de standaardkeuze van dit model (aanname, geen bron).",
        )


# ----------------------------------------------------------------------------------------------
# Results


def _offer_pdf(evaluation, option: str | None):
    """Built when the button is clicked (Streamlit runs the callable), not on every rerun."""

    def build() -> bytes:
        from pricing.report.pdf import build_offer_pdf

        return build_offer_pdf(evaluation, option=option)

    return build


def _workbook(evaluation, option: str | None):
    def build() -> bytes:
        from pricing.report.xlsx import build_workbook

        return build_workbook(evaluation, option=option)

    return build


def _chart(budget, by: str) -> go.Figure:
    groups = budget.by_area if by == "area" else budget.by_task
    shown = shown_grouped(groups, budget.totals)
    years = [str(y) for y in budget.years]
    fig = go.Figure()
    for i, (name, values) in enumerate(shown.items()):
        fig.add_bar(
            name=name,
            x=years,
            y=[float(v) for v in values],
            marker_color=PALETTE[i % len(PALETTE)],
            hovertext=[format_eur(v) for v in values],
            hoverinfo="name+text",
        )
    fig.update_layout(
        barmode="stack",
        height=380,
        margin=dict(l=10, r=10, t=30, b=10),
        separators=",.",
        yaxis=dict(
            title="€ per jaar", **charts.eur_axis(max(float(t) for t in budget.totals) if budget.totals else 1.0)
        ),
        legend=dict(orientation="h", y=-0.15),
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return fig


def _toggle_step_drift() -> None:
    state.set_path(state.raw(), ("contract", "step_drift"), bool(st.session_state["w_contract_step_drift"]))


BUDGET_TABS = ["Per gebied", "Per opgave", "Prijs per functie", "Niet-indexeren", "Maatschappelijk rendement"]


def _budget_section(evaluation) -> None:
    variants = evaluation.variants
    labels = [v.label for v in variants]
    choice = (
        st.radio(
            "Variant",
            labels,
            horizontal=True,
            key="k_contract_variant",
            format_func=literal,
            help="Varianten bewerkt u hierboven onder Varianten.",
        )
        if len(labels) > 1
        else labels[0]
    )
    chosen = variants[labels.index(choice)] if choice in labels else variants[0]
    budget = chosen.budget
    c = budget.contract
    first = shown_years(budget)[0]
    # Whole euros: amounts in the millions with cents do not fit a metric; the tables show cents.
    # The NPV's label names its price level; give that column room so the label is not cut off.
    cols = st.columns([1, 1.1, 1.5, 1.1])
    cols[0].metric(f"Budget {budget.years[0]}", format_eur(first["total"], 0))
    cols[1].metric(f"Totaal {budget.years[0]}-{budget.years[-1]}", format_eur(budget.grand_total, 0))
    cols[2].metric(
        budget.npv_label,
        format_eur(budget.npv, 0),
        help=f"Reële discontovoet {format_pct(budget.discount_rate, 2)} over de jaarbedragen in prijzen "
        f"van {budget.base_year} (elk jaarbedrag gedeeld door zijn prijsfactor); eerste jaar "
        "onverdisconteerd.",
    )
    cols[3].metric(
        "Kosten van niet-indexeren",
        format_eur(budget.non_indexation.total, 0),
        help="Cumulatief tekort als de gemeente met haar eigen percentage indexeert in plaats van de norm.",
    )
    st.toggle(
        "Jaarlijkse tredeverhoging meerekenen (cao art. 6.5)",
        value=c.step_drift,
        key="w_contract_step_drift",
        on_change=_toggle_step_drift,
        help="Iedereen onder het schaalmaximum stijgt elk 1 januari één trede (vanaf 2025 door tot U1 en U2). "
        "Zet uit als verloop van personeel de stijging in de praktijk opheft.",
    )
    settle = c.indexation.definitive == "settle"
    drift = budget.drift if any(abs(d) > 0.005 for d in budget.drift) else ()
    rows = []
    for k, y in enumerate(shown_years(budget)):
        row = {
            "Jaar": str(y["year"]),
            "Index": "basisjaar" if y["index"] is None else format_pct(y["index"], 3),
            "Herkomst": origin_text(y),
            **({"Tredeverhoging (in formatie)": format_eur(drift[k])} if drift and k < len(drift) else {}),
            "Formatie": format_eur(y["staff"]),
            "Activiteiten": format_eur(y["activities"]),
        }
        if settle:
            row["Nacalculatie"] = "volgt" if y["settlement"] is None else format_eur(y["settlement"])
        row["Totaal"] = format_eur(y["total"])
        rows.append(row)
    components.static_table(pd.DataFrame(rows), key="table_contract_years")
    with st.expander("Indexatieclausule in woorden", expanded=False):
        st.markdown("\n".join(f"- {_md(t)}" for t in clause_text(c)))
    by = st.radio("Grafiek per", ["gebied", "opgave"], horizontal=True, key="k_contract_chart_by")
    group = "area" if by == "gebied" else "task"
    figure = state.per_evaluation(f"contract_chart_{group}", budget, lambda: _chart(budget, group))
    st.plotly_chart(figure, key="chart_contract_years", config={"displayModeBar": False})
    # Only the open tab's table is built and sent (a switch of tab reruns the page).
    tabs = st.tabs(BUDGET_TABS, key="k_contract_budget_tab", on_change="rerun")
    for tab, groups, title in ((tabs[0], budget.by_area, "Gebied"), (tabs[1], budget.by_task, "Opgave")):
        if not tab.open:
            continue
        shown = shown_grouped(groups, budget.totals)
        with tab:
            components.static_table(
                pd.DataFrame(
                    [
                        {title: name, **{str(y): format_eur(v) for y, v in zip(budget.years, values)}}
                        for name, values in shown.items()
                    ]
                ),
                key=f"table_contract_{title.lower()}",
            )
    if tabs[2].open:
        with tabs[2]:
            used = {l.label for l in budget.lines if l.kind == "formatie"}
            st.dataframe(  # a row per function: it grows with the organisation, so it scrolls
                pd.DataFrame(
                    [
                        {
                            "Functie": p.function,
                            f"Per uur ({budget.base_year})": format_eur(p.price_per_hour),
                            f"Per FTE ({budget.base_year})": format_eur(p.price_per_fte),
                            **{
                                f"Per FTE {y}": format_eur(v)
                                for y, v in zip(budget.years, budget.yearly_price_per_fte(p))
                            },
                        }
                        for p in budget.prices
                        if p.function in used
                    ]
                ),
                hide_index=True,
                key="table_contract_prices",
            )
    if tabs[3].open:
        with tabs[3]:
            ni = budget.non_indexation
            components.static_table(
                pd.DataFrame(
                    [
                        {
                            "Jaar": str(y),
                            "Index gemeente": "basisjaar"
                            if budget.year_index[k] is None
                            else format_pct(ni.municipal_pct[k], 2),
                            "Budget norm": format_eur(ni.norm[k]),
                            "Budget gemeente": format_eur(ni.municipal[k]),
                            "Tekort": format_eur(ni.shortfall[k]),
                            "Cumulatief": format_eur(ni.cumulative[k]),
                            "FTE minder": "—" if ni.fte_lost[k] is None else format_number(ni.fte_lost[k], 2),
                        }
                        for k, y in enumerate(budget.years)
                    ]
                ),
                key="table_contract_nonindex",
            )
            st.caption(f"Norm: {c.indexation.norm_label}.")
    if tabs[4].open:
        with tabs[4]:
            estimates = chosen.social
            if not estimates:
                st.caption("Zet bij een opgave 'Rendement' (maatschappelijk rendement) aan voor een schatting.")
            else:
                st.info(CAVEAT, icon=":material/info:")
                _estimate_table(estimates)
                sources = "; ".join(f"{sr.task}: {sr.source}" for sr in estimates)
                st.caption(
                    f"CW: contante waarde in prijzen van {budget.base_year} (reële discontovoet "
                    f"{format_pct(budget.discount_rate, 2)}, eerste jaar onverdisconteerd). Alle baten en saldi zijn "
                    f"schattingen. Bron van de verhouding: {literal(sources)}. {literal(range_note(estimates))}"
                )
                if any(sr.municipality_net is None for sr in estimates):
                    st.caption(UNKNOWN_SPLIT)
    for warning in budget.warnings:
        st.caption(f"Let op: {literal(warning)}")
    return budget


def _estimate_table(estimates) -> None:
    """The social-return estimate: a column per task and a row per figure, so the long texts (ranges,
    'onbekend: ...') fit the page's width without a sideways scroll; they wrap onto a second line."""
    per_task = [
        {
            "Opgave": sr.task,
            "Verhouding": format_number(sr.ratio, 2),
            "Bron verhouding": sr.source_short,
            "Bandbreedte": _ends(sr.ratio_low, sr.ratio_high, format_number, "niet bekend"),
            "Kosten (CW)": format_eur(sr.npv_costs),
            "Baten (CW, schatting)": format_eur(sr.npv_benefits),
            "Baten bij bandbreedte": _ends(sr.npv_benefits_low, sr.npv_benefits_high),
            "Saldo (CW)": format_eur(sr.net),
            "Saldo bij bandbreedte": _ends(*(sr.net_range or (None, None))),
            "Saldo gemeente": (
                "onbekend: geen verdeling over partijen"
                if sr.municipality_net is None
                else format_eur(sr.municipality_net)
                + (f" ({_ends(*sr.municipality_net_range)})" if sr.municipality_net_range is not None else "")
            ),
        }
        for sr in estimates
    ]
    table = pd.DataFrame(per_task).set_index("Opgave").T.rename_axis("Schatting").reset_index()
    st.dataframe(
        table,
        hide_index=True,
        key="table_contract_social",
        row_height=components.WRAP_ROW_HEIGHT,  # a long source or range wraps onto a second line
        height="content",  # every row in sight: taller rows would scroll inside the table
        column_config={
            "Schatting": st.column_config.TextColumn(
                width=170,
                help="Bron verhouding: de volledige bron staat onder de tabel. Bandbreedte: laagste en "
                "hoogste verhouding die de opgave opgeeft, met bron; zonder opgave niet bekend (de "
                "spreiding rond de SEOR-verhouding staat niet in de bronnen van dit model).",
            ),
        },
    )


def _ends(low, high, fmt=format_eur, unknown: str = "—") -> str:
    """A range as 'low – high' (the social-return table), or ``unknown`` without one."""
    if low is None or high is None:
        return unknown
    return f"{fmt(low)} – {fmt(high)}"


def _remove_contract() -> None:
    state.raw().pop("contract", None)
    for key in [
        k for k in st.session_state.keys() if isinstance(k, str) and k.startswith(f"{state.WIDGET_PREFIX}contract_")
    ]:
        del st.session_state[key]


def _map_references(broken: dict[str, list[str]]) -> None:
    """Rename every broken name to the one chosen for it (names left unchosen stay as they are)."""
    raw = state.raw()
    for kind, names in broken.items():
        for old in names:
            new = st.session_state.get(f"k_map_{kind}_{old}")
            if new:
                raw = rename_reference(raw, kind, old, new)
    state.raw()["contract"] = raw["contract"]


def _references_section(ev) -> None:
    """Broken references with a one-step mapping, the contract's FTE against the organisation's,
    and removing the contract."""
    raw = state.raw()
    broken = broken_references(raw)
    choices = {
        "function": sorted(
            {r.get("function") for r in raw.get("staff") or [] if isinstance(r, dict) and r.get("function")}
        ),
        "area": [a.get("name") for a in _list("areas") if a.get("name")],
        "task": [t.get("name") for t in _list("tasks") if t.get("name")],
    }
    if broken:
        st.error(
            "Het contract verwijst naar namen die er niet (meer) zijn. Kies per naam waar die voortaan "
            "naar verwijst; alle regels met die naam gaan dan mee.",
            icon=":material/link_off:",
        )
        with st.form("f_map_references", border=True):
            for kind, names in broken.items():
                for old in names:
                    c1, c2 = st.columns([3, 3], vertical_alignment="bottom")
                    c1.markdown(f"{KINDS[kind].capitalize()} **{old}** bestaat niet")
                    c2.selectbox(
                        f"Wordt ({KINDS[kind]})",
                        choices[kind],
                        key=f"k_map_{kind}_{old}",
                        index=None,
                        placeholder=f"kies een {KINDS[kind]}",
                    )
            st.form_submit_button("Verwijzingen vervangen", on_click=_map_references, args=(broken,), type="primary")
    result = ev.result
    org_fte = result.team.total_fte
    wanted = contract_fte(raw, result.hours.billable)
    diff = wanted - org_fte
    price = float(result.team.price_per_fte)
    cols = st.columns([1, 1, 1.4, 1])
    cols[0].metric("FTE in het contract", format_number(wanted, 2))
    cols[1].metric("FTE in de formatie", format_number(org_fte, 2))
    cols[2].metric(
        "Verschil (contract − formatie)",
        f"{format_number(diff, 2)} FTE",
        f"{format_eur(diff * price, 0)} per jaar",
        delta_color="off",
        help="Tegen de gemiddelde prijs per FTE van de formatie "
        f"({format_eur(price, 0)}). Meer FTE in het contract dan in de formatie betekent werk "
        "waarvoor nog geen mensen zijn; minder betekent mensen buiten dit contract.",
    )
    with cols[3].popover("Contract verwijderen", icon=":material/delete:"):
        st.caption("Het scenario houdt zijn formatie en normen; opgaven, gebieden en de begroting vervallen.")
        st.button("Ja, verwijderen", key="btn_contract_remove", on_click=_remove_contract, type="primary")


def _open_on_new_problems(key: str, paths: list[str]) -> None:
    """Open the expander ``key`` when its problems (``paths``) change to a non-empty set, and otherwise
    leave it as the person left it. (Passing ``expanded=<has problems>`` instead would give the
    expander a new identity whenever that flips: Streamlit derives it from ``expanded``, so it closed
    under the person's hands the moment they fixed its last error.)"""
    paths = sorted(paths)
    if paths and st.session_state.get(f"{key}_problems") != paths:
        st.session_state[key] = True
    st.session_state[f"{key}_problems"] = paths


def _lazy_expander(label: str, key: str, paths: list[str]):
    """A closed expander whose content the page builds only once it is open (a closed expander's
    tables would still be built and sent on every rerun); opened when its problems appear, so a
    person who made an error keeps their place."""
    _open_on_new_problems(key, paths)
    return st.expander(label, key=key, on_change="rerun")


def render_contract() -> None:
    ev = components.page_header(
        "Contract & offerte",
        "Opgaven, gebieden en formatie van het contract, de meerjarenbegroting met indexatie, en de offerte "
        "(PDF) en het rekenmodel (xlsx) om te downloaden.",
    )
    if not _contract():
        st.info("Dit scenario heeft nog geen contract.", icon=":material/description:")
        st.button(
            "Contract toevoegen",
            key="contract_add",
            on_click=_start_contract,
            type="primary",
            help="Begint met het voorbeeldcontract als de functies overeenkomen, anders met een leeg contract.",
        )
        return
    _references_section(ev)
    with st.expander("Algemeen", expanded=True):
        _general()
    st.subheader("Opgaven")
    _tasks_editor()
    st.caption("Indicatoren per opgave (tellen): nulmeting en streefwaarde.")
    _indicator_editor()
    st.subheader("Gebieden")
    _areas_editor()
    functions = sorted(
        {r.get("function") for r in state.raw().get("staff") or [] if isinstance(r, dict) and r.get("function")}
    )
    st.subheader("Formatie per gebied en opgave")
    _line_editor("staffing", "Functie", functions)
    st.subheader("Activiteitenbudgetten")
    _line_editor("activities", "Activiteit", functions)
    from ui import editors

    # Varianten, the social-return estimate and the clause are opened to change something: closed
    # they are not built; opened when they get a problem (their messages stand inside), and while
    # closed their problems are listed below with the others.
    contract_problems = [p.path for p in state.problems_at("contract")]
    variants = _lazy_expander(
        "Varianten", "exp_contract_variants", [p for p in contract_problems if editors.is_variant_path(p)]
    )
    variants_drawn = variants.open
    if variants_drawn:
        with variants:
            editors.variants_editor(functions)
    returns = _lazy_expander(
        "Maatschappelijk rendement per opgave (schatting)",
        "exp_contract_social_return",
        [p for p in contract_problems if editors.is_social_return_path(p)],
    )
    returns_drawn = returns.open
    if returns_drawn:
        with returns:
            editors.social_return_editor()
    clause = _lazy_expander(
        "Indexatieclausule", "exp_contract_indexation", [p.path for p in state.problems_at("contract.indexation")]
    )
    index_drawn = False
    if clause.open:
        with clause:
            _indexation()
            st.markdown(
                "**Per contractjaar**: een vaste index (opgegeven), eigen OVA/PPC-cijfers (voorlopig of "
                "definitief) en wat de gemeente indexeert. Leeg = de gepubliceerde cijfers of de aangenomen index."
            )
            index_drawn = editors.year_index_editor(state.contract_evaluation())
    problems = state.problems_at("contract")
    for p in problems:
        if editors.shown_by_editors(p.path, index_drawn, variants_drawn=variants_drawn, returns_drawn=returns_drawn):
            continue  # shown under the table it belongs to
        # The field as this page names it, not the file path (contract.staffing[3].fte).
        st.error(literal(problem_text(p)), icon=":material/warning:")

    ev = state.evaluate()
    shown = state.contract_evaluation()
    result = None if shown is None else shown.result
    st.subheader("Meerjarenbegroting")
    if result is None or result.scenario.contract is None:
        st.warning("Nog geen geldige contractbegroting: los de fouten hierboven op.", icon=":material/warning:")
        return
    if ev.problems:
        st.caption(
            "De begroting hieronder hoort bij de laatste geldige invoer"
            + (
                " van het contract; de kostprijs op de andere pagina's volgt de formatie zoals die nu is."
                if state.contract_detached()
                else "."
            )
        )
    budget = _budget_section(shown)
    st.subheader("Downloads")
    if state.contract_detached():
        st.info(
            "De offerte en het rekenmodel komen terug zodra het contract geen fouten meer bevat "
            "(zie de meldingen op deze pagina).",
            icon=":material/link_off:",
        )
        return
    c1, c2 = st.columns(2)
    # Built on click from the Evaluation the page shows; a download needs no rerun of the page.
    with c1:
        st.download_button(
            "Offerte (PDF)",
            data=_offer_pdf(ev.evaluation, budget.option),
            file_name="offerte.pdf",
            mime="application/pdf",
            key="download_offer_pdf",
            icon=":material/picture_as_pdf:",
            on_click="ignore",
        )
    with c2:
        st.download_button(
            "Rekenmodel (xlsx)",
            data=_workbook(ev.evaluation, budget.option),
            file_name="rekenmodel.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="download_offer_xlsx",
            icon=":material/table_view:",
            on_click="ignore",
        )
