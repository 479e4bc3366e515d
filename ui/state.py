"""Session state: the scenario being edited, its last valid result, and widget bindings.

The single source of truth is ``st.session_state["raw"]``: the scenario dict exactly as the user
typed it, valid or not. Every widget writes into it through an ``on_change`` callback, and is
(re)initialised from it whenever Streamlit has dropped the widget's own state (page switch, load,
reset). So nothing typed is lost, and an invalid value stays on screen next to its message while
the pages keep showing the last valid result.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import streamlit as st

from pricing.benchmark import DEFAULT_SET, BenchmarkSet, load_benchmark_set
from pricing.breakdown import COLUMNS, salary_preview, staff_from_table, staff_row_to_table
from pricing.costprice import CostPriceResult
from pricing.evaluation import Evaluation, evaluation_of
from pricing.evaluation import evaluate as evaluate_scenario
from pricing.money import format_eur
from pricing.parameters import ParameterBook, ParameterNotCovered, default_parameter_book
from pricing.paths import get_path, set_path  # noqa: F401  (pages use state.get_path/set_path)
from pricing.scenario import (
    Problem,
    Scenario,
    ScenarioError,
    parse_scenario_text,
    read_scenario_file,
    validate_scenario,
)

ROOT = Path(__file__).resolve().parents[1]
DEMO_FILE = ROOT / "examples" / "voorbeeld.yaml"
MUNICIPALITY_FILE = ROOT / "examples" / "gemeente.yaml"
WIDGET_PREFIX = "w_"  # widgets bound to the scenario: dropped and re-read on load/reset
KEEP_PREFIX = "k_"  # widgets bound to session values that survive a scenario load


@st.cache_data(show_spinner=False)
def _example_raw(path: str) -> dict:
    return read_scenario_file(path)


def demo_raw() -> dict:
    return copy.deepcopy(_example_raw(str(DEMO_FILE)))


def municipality_raw() -> dict:
    return copy.deepcopy(_example_raw(str(MUNICIPALITY_FILE)))


@st.cache_resource(show_spinner=False)
def default_benchmark_set() -> BenchmarkSet:
    return load_benchmark_set(DEFAULT_SET)


# ----------------------------------------------------------------------------------------------
# The scenario and its evaluation


@dataclass(frozen=True)
class EditView:
    """What the pages show: the problems of the input as typed, and the last valid Evaluation."""

    problems: tuple[Problem, ...]  # for the raw scenario as it is now; empty when valid
    evaluation: Evaluation  # of the last valid input
    stale: bool  # True when the shown evaluation belongs to an earlier (valid) input

    @property
    def scenario(self) -> Scenario:
        return self.evaluation.scenario

    @property
    def result(self) -> CostPriceResult:
        return self.evaluation.result


def init() -> None:
    ss = st.session_state
    if "raw" not in ss:
        load_raw(demo_raw(), "Demo: Stichting Welzijn De Brug (examples/voorbeeld.yaml)")
    ss.setdefault("values", {})  # non-scenario inputs (tariff check, annual accounts, ...)
    if "benchmark_set" not in ss:
        ss["benchmark_set"] = default_benchmark_set()
    if "parameter_book" not in ss:
        ss["parameter_book"] = default_parameter_book()


def book() -> ParameterBook:
    """The parameter edition the session computes with (the shipped one unless another was loaded)."""
    return st.session_state.get("parameter_book") or default_parameter_book()


def load_raw(raw: dict, origin: str) -> None:
    """Replace the scenario being edited; widgets re-read their values from it."""
    ss = st.session_state
    ss["raw"] = copy.deepcopy(raw)
    ss["raw_origin"] = origin
    for key in [k for k in ss.keys() if isinstance(k, str) and k.startswith(WIDGET_PREFIX)]:
        del ss[key]
    ss["staff_version"] = ss.get("staff_version", 0) + 1
    ss.pop("staff_base", None)
    ss.pop("eval_key", None)


def raw() -> dict:
    return st.session_state["raw"]


def _canonical(value: dict) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _evaluate_raw(value: dict, bset: BenchmarkSet, edition: ParameterBook | None = None
                  ) -> tuple[tuple[Problem, ...], Evaluation | None]:
    edition = edition or book()
    try:
        return (), evaluate_scenario(validate_scenario(value, edition), edition, benchmark_set=bset)
    except ScenarioError as exc:
        return tuple(exc.problems), None
    except ParameterNotCovered as exc:
        return (Problem("date", str(exc)),), None


def evaluate() -> EditView:
    """Validate and evaluate the raw scenario once per change of input (scenario content or benchmark
    set); keep the last valid Evaluation, which every page, download and save reads."""
    ss = st.session_state
    bset = ss["benchmark_set"]
    edition = book()
    key = (_canonical(ss["raw"]), id(bset), id(edition))
    if ss.get("eval_key") != key:
        problems, evaluation = _evaluate_raw(ss["raw"], bset, edition)
        ss["eval_key"] = key
        ss["problems"] = problems
        if evaluation is not None:
            ss["last_valid"] = evaluation
    last = ss.get("last_valid")
    if last is not None and last.book is not edition:  # another edition and the input is invalid on it
        last = None
    if last is None or last.benchmark_set is not bset:  # never valid yet, or another set: the demo
        if last is None:
            _, last = _evaluate_raw(demo_raw(), bset, edition)
        else:
            last = evaluation_of(last.result, benchmark_set=bset)
        ss["last_valid"] = last
    problems = ss["problems"]
    return EditView(problems=problems, evaluation=last, stale=bool(problems))


def read_scenario_upload(data: bytes, name: str) -> tuple[dict | None, list[str]]:
    """A scenario file's dict if it is valid, else None and its problems as Dutch sentences."""
    try:
        raw = parse_scenario_text(data, name)
        validate_scenario(raw, book())
    except ScenarioError as exc:
        return None, [problem_text(p) for p in exc.problems]
    except ParameterNotCovered as exc:
        return None, [str(exc)]
    except Exception:  # noqa: BLE001  (no traceback reaches a user)
        from ui.guard import unexpected

        return None, [unexpected("het openen van het scenario")]
    return raw, []


# ----------------------------------------------------------------------------------------------
# Field-level problems

_FIELD_LABELS = {
    "name": "Naam scenario", "organisation": "Organisatie", "date": "Peildatum",
    "employer.large": "Werkgever", "employer.whk_pct": "Whk-premie",
    "function": "functie", "scale": "schaal", "step": "trede", "fte": "FTE", "contract": "contract",
    "monthly_salary": "eigen maandsalaris", "irregular_pct": "ORT %",
    "pension_entry_step": "pensioeninstap",
}


# Norm and contract path parts as the screens name them (the file keys stay for YAML users).
_NORM_EXTRA = {
    "overhead.convention": "Rekenwijze overhead", "overhead.lines": "Overheadkostenregels",
    "billable": "Declarabele uren", "reserve": "Reserveopbouw", "reserve.target": "Reserve: doel",
    "reserve.current": "Reserve: huidige reserve", "reserve.years": "Reserve: aantal jaren",
    "reserve.turnover": "Reserve: omzet", "hours": "Urenopbouw", "pensionable_allowances": "Pensioengevende toeslagen",
}
def problems_at(prefix: str) -> list[Problem]:
    """Problems whose path is ``prefix`` or lies below it."""
    out = []
    for p in st.session_state.get("problems", ()):
        if p.path == prefix or p.path.startswith(prefix + ".") or p.path.startswith(prefix + "["):
            out.append(p)
    return out


def problem_text(p: Problem) -> str:
    """A problem as a Dutch sentence that names the field the way the screen does."""
    path = p.path
    if path.startswith("staff["):
        index = path[6:path.index("]")]
        rest = path[path.index("]") + 2:] if "]." in path else ""
        field = _FIELD_LABELS.get(rest, rest)
        where = f"Regel {index}" + (f", {field}" if field else "")
        return f"{where}: {p.message}"
    if path == "contract" or path.startswith("contract."):
        from pricing.contract import problem_text as contract_problem_text

        return contract_problem_text(p)
    label = _FIELD_LABELS.get(path)
    if label is None and path.startswith("norms."):
        from pricing.costprice import NORM_LABELS

        key = path[6:]
        label = NORM_LABELS[key][0] if key in NORM_LABELS else _NORM_EXTRA.get(key, key)
    return f"{label or path or 'Scenario'}: {p.message}"


def show_problems(prefix: str) -> None:
    for p in problems_at(prefix):
        st.error(problem_text(p), icon=":material/warning:")


# ----------------------------------------------------------------------------------------------
# Widget bindings


def _clean_number(value: float | None, scale: float) -> float | int | None:
    if value is None:
        return None
    out = round(float(value) / scale, 10)
    return int(out) if out.is_integer() and scale == 1 and abs(out) >= 1 else out


def _write_scenario(widget_key: str, path: tuple[str, ...], scale: float) -> None:
    value = st.session_state[widget_key]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = _clean_number(value, scale)
    elif isinstance(value, dt.date):
        value = value.isoformat()
    elif isinstance(value, str) and path[0] == "deviation_reasons" and not value.strip():
        value = None  # an emptied reason is no reason
    set_path(raw(), path, value)


def _write_value(widget_key: str, name: str) -> None:
    st.session_state["values"][name] = st.session_state[widget_key]


def scenario_number(label: str, path: tuple[str, ...], *, key: str, current: float | None, scale: float = 1.0,
                    min_value: float | None = None, max_value: float | None = None, step: float | None = None,
                    fmt: str | None = None, help: str | None = None, disabled: bool = False) -> float | None:
    """A number input bound to a scenario path; shows ``current`` (the value in force) when the
    scenario does not set the path itself."""
    wkey = WIDGET_PREFIX + key
    if wkey not in st.session_state:
        value = get_path(raw(), path)
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            value = current
        if value is not None:
            value = round(float(value) * scale, 8)
            if isinstance(step, int) and isinstance(min_value, int):
                value = int(value)
            if min_value is not None:
                value = max(value, min_value)
            if max_value is not None:
                value = min(value, max_value)
        st.session_state[wkey] = value
    return st.number_input(label, key=wkey, min_value=min_value, max_value=max_value, step=step, format=fmt,
                           help=help, disabled=disabled, on_change=_write_scenario, args=(wkey, path, scale))


def scenario_widget(widget: Callable, label: str, path: tuple[str, ...], *, key: str, current: Any,
                    to_widget: Callable[[Any], Any] = lambda v: v, **kwargs) -> Any:
    """Any other input bound to a scenario path (text, date, toggle, radio with option values)."""
    wkey = WIDGET_PREFIX + key
    if wkey not in st.session_state:
        value = get_path(raw(), path)
        st.session_state[wkey] = to_widget(current if value is None else value)
    return widget(label, key=wkey, on_change=_write_scenario, args=(wkey, path, 1.0), **kwargs)


def value_widget(widget: Callable, label: str, name: str, *, default: Any, **kwargs) -> Any:
    """An input bound to a session value (not part of the scenario), kept across pages and loads."""
    wkey = KEEP_PREFIX + name
    store = st.session_state["values"]
    if wkey not in st.session_state:
        st.session_state[wkey] = store.get(name, default)
    store.setdefault(name, st.session_state[wkey])
    return widget(label, key=wkey, on_change=_write_value, args=(wkey, name), **kwargs)


def forget_widget(key: str) -> None:
    st.session_state.pop(WIDGET_PREFIX + key, None)


# ----------------------------------------------------------------------------------------------
# Staff editor: edits are folded into the raw scenario before anything is computed


def staff_editor_key() -> str:
    return f"staff_editor_{st.session_state.get('staff_version', 0)}"


def staff_table_rows(on: dt.date | None) -> list[dict]:
    """The editor's rows from the raw staff, with the resulting monthly salary per line."""
    edition = book()
    rows = []
    for row in raw().get("staff") or []:
        if not isinstance(row, dict):
            continue
        table = staff_row_to_table(row)
        preview = salary_preview(row, on, edition)
        # Shown as text: the editor's number formats cannot write Dutch amounts.
        table["Maandsalaris"] = format_eur(preview.monthly) if preview.monthly is not None else "—"
        table["Bron salaris"] = preview.source
        rows.append(table)
    return rows


def _cell(value: Any) -> Any:
    if hasattr(value, "item"):
        value = value.item()
    return value


def apply_staff_edits() -> None:
    """Fold pending data-editor edits (edited, added, deleted rows) into the raw staff.

    The editor is then shown under a new key, fresh from the raw scenario, so its derived salary
    column is current and no edit is applied twice.
    """
    ss = st.session_state
    key = staff_editor_key()
    delta = ss.get(key)
    if isinstance(delta, str):  # serialized editor state, as the browser sends it
        try:
            delta = json.loads(delta)
        except ValueError:
            return
    base = ss.get("staff_base")
    if not isinstance(delta, dict) or base is None:
        return
    edited = delta.get("edited_rows") or {}
    added = delta.get("added_rows") or []
    deleted = delta.get("deleted_rows") or []
    if not (edited or added or deleted):
        return
    rows = [dict(r) for r in base]
    for index, changes in edited.items():
        i = int(index)
        if 0 <= i < len(rows):
            rows[i].update({k: _cell(v) for k, v in changes.items()})
    for new in added:
        rows.append({k: _cell(v) for k, v in new.items()})
    keep = [r for i, r in enumerate(rows) if i not in {int(d) for d in deleted}]
    editable = [{k: r.get(k) for k in COLUMNS.values()} for r in keep]
    staff, problems = staff_from_table(editable)
    # Conversion problems (an unknown contract) cannot happen through the editor's select boxes;
    # the rows are kept as typed and scenario validation names anything out of range.
    set_path(raw(), ("staff",), staff)
    ss["staff_conversion_problems"] = problems
    ss["staff_version"] = ss.get("staff_version", 0) + 1
    ss.pop("staff_base", None)
