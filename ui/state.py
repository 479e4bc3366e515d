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
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from pricing.benchmark import BenchmarkSet, load_benchmark_set
from pricing.breakdown import COLUMNS, salary_preview, staff_from_table, staff_row_to_table
from pricing.contract_refs import rename_reference
from pricing.costprice import CostPriceResult
from pricing.evaluation import Evaluation, evaluation_of
from pricing.evaluation import evaluate as evaluate_scenario
from pricing.fields import format_bound
from pricing.money import format_eur
from pricing.numbers import DutchNumberError, Kind, format_dutch_input, parse_dutch_number
from pricing.parameters import ParameterBook, ParameterNotCovered, default_parameter_book
from pricing.paths import get_path, set_path  # noqa: F401  (pages use state.get_path/set_path)
from pricing.scenario import (
    RANGES,
    Problem,
    Scenario,
    ScenarioError,
    parse_scenario_text,
    read_scenario_file,
    remembered_lines,
    validate_scenario,
)
from ui.literal import literal

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


# The line 'Voorbeeldregel toevoegen' puts into an empty staff table: one social worker, scale 8.
SAMPLE_STAFF_LINE = {"function": "Sociaal werker", "scale": 8, "step": 4, "fte": 1, "contract": "permanent"}


def new_raw() -> dict:
    """An own organisation to start from: no staff yet (the organisation page says what to do
    first), the default norms, no contract; the date of the demo, so the parameters cover it."""
    return {
        "name": "Nieuw scenario",
        "organisation": "Mijn organisatie",
        "date": str(_example_raw(str(DEMO_FILE))["date"]),
        "employer": {"large": True},
        "staff": [],
    }


def no_staff() -> bool:
    """True while the scenario has no staff line: there is nothing to compute yet."""
    return not [r for r in raw().get("staff") or [] if isinstance(r, dict)]


def add_sample_staff_line() -> None:
    rows = [dict(r) for r in raw().get("staff") or [] if isinstance(r, dict)]
    set_path(raw(), ("staff",), rows + [dict(SAMPLE_STAFF_LINE)])
    renew_staff_editor()


def municipality_raw() -> dict:
    return copy.deepcopy(_example_raw(str(MUNICIPALITY_FILE)))


@st.cache_resource(show_spinner=False)
def default_benchmark_set() -> BenchmarkSet:
    return load_benchmark_set()


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
    ss["field_errors"] = {k: v for k, v in ss.get("field_errors", {}).items() if not k.startswith(WIDGET_PREFIX)}
    renew_staff_editor()
    ss.pop("eval_key", None)


def raw() -> dict:
    return st.session_state["raw"]


def _canonical(value: dict) -> str:
    """The input's content as one text, for cache keys: equal texts, equal inputs."""
    try:
        return json.dumps(value, sort_keys=True, default=str)
    except TypeError:  # keys of two types in one mapping (2028 and '2029') cannot be sorted together
        # Starts with "[", so it never equals the text of a mapping above. (Within this form a
        # mapping and a list of such triples read alike; no scenario holds such a list.)
        return json.dumps(_typed_keys(value), default=str)


def _typed_keys(value: Any) -> Any:
    """``value`` with every mapping as a sorted list of [key type, key text, value] triples."""
    if isinstance(value, dict):
        return sorted([type(k).__name__, str(k), _typed_keys(v)] for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [_typed_keys(v) for v in value]
    return value


# Valid staff lines of every session's scenarios: an edit validates only the lines it changed.
_REMEMBERED_LINES = remembered_lines()


def _evaluate_raw(
    value: dict, bset: BenchmarkSet, edition: ParameterBook | None = None
) -> tuple[tuple[Problem, ...], Evaluation | None]:
    edition = edition or book()
    try:
        scenario = validate_scenario(value, edition, _REMEMBERED_LINES)
        return (), evaluate_scenario(scenario, edition, benchmark_set=bset)
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
        problems, evaluation, detached = _evaluated(key, ss["raw"], bset, edition)
        ss["eval_key"] = key
        ss["problems"] = problems
        ss["contract_detached"] = detached
        if evaluation is not None:
            ss["last_valid"] = evaluation
            if not detached:
                ss["last_valid_with_contract"] = evaluation
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
    return EditView(problems=problems, evaluation=last, stale=bool(problems) and not ss.get("contract_detached"))


# Evaluations of the session's most recent inputs, newest last: typing a value back (an undo, a
# variant tried and dropped) shows its figures without computing them again.
EVALUATIONS_KEPT = 6


def _evaluated(
    key: tuple, value: dict, bset: BenchmarkSet, edition: ParameterBook
) -> tuple[tuple[Problem, ...], Evaluation | None, bool]:
    """Problems, Evaluation and whether the contract is detached, for input ``value`` whose content,
    benchmark set and edition ``key`` names; from the session's small cache when that input was
    evaluated lately. The ids in ``key`` stay valid: the entry holds the set and edition."""
    memo: dict = st.session_state.setdefault("evaluation_memo", {})
    hit = memo.pop(key, None)
    if hit is None or hit[3] is not bset or hit[4] is not edition:
        problems, evaluation = _evaluate_raw(value, bset, edition)
        detached = False
        if problems and all(_in_contract(p) for p in problems):
            # The contract no longer matches (a new staff table, a renamed function): the cost
            # price follows the organisation at once; the contract page shows what broke.
            _, evaluation = _evaluate_raw({k: v for k, v in value.items() if k != "contract"}, bset, edition)
            detached = evaluation is not None
        hit = (problems, evaluation, detached, bset, edition)
    memo[key] = hit  # (re)inserted as the newest
    while len(memo) > EVALUATIONS_KEPT:
        del memo[next(iter(memo))]
    return hit[0], hit[1], hit[2]


def per_evaluation(name: str, evaluation: Any, build: Callable[[], Any]) -> Any:
    """``build()`` once per ``evaluation`` (an Evaluation or a part of it, compared by identity) and
    ``name``, kept in the session: figures and tables drawn from the cached Evaluation are not
    rebuilt on every rerun (a plotly figure costs tens of milliseconds, a 2,000-line table more)."""
    memo = st.session_state.setdefault("derived_memo", {})
    hit = memo.get(name)
    if hit is None or hit[0] is not evaluation:
        hit = (evaluation, build())
        memo[name] = hit
    return hit[1]


def _in_contract(p: Problem) -> bool:
    return p.path == "contract" or p.path.startswith("contract.") or p.path.startswith("contract[")


def contract_evaluation() -> Evaluation | None:
    """The evaluation the contract page shows: the current one, or while the contract does not
    match, the last one in which it did (the page says so)."""
    view = evaluate()
    if not contract_detached():
        return view.evaluation
    last = st.session_state.get("last_valid_with_contract")
    return last if last is not None and last.book is book() else None


def contract_detached() -> bool:
    """True when the figures shown are the organisation's without its contract, which does not match."""
    return bool(st.session_state.get("contract_detached"))


def read_scenario_upload(data: bytes, name: str) -> tuple[dict | None, list[str]]:
    """A scenario file's dict if it is valid, else None and its problems as Dutch sentences."""
    try:
        raw = parse_scenario_text(data, name)
        validate_scenario(raw, book(), _REMEMBERED_LINES)
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
    "staff": "Formatie",
    "name": "Naam scenario",
    "organisation": "Organisatie",
    "date": "Peildatum",
    "employer.large": "Werkgever",
    "employer.whk_pct": "Whk-premie",
    "function": "functie",
    "scale": "schaal",
    "step": "trede",
    "fte": "FTE",
    "contract": "contract",
    "monthly_salary": "eigen maandsalaris",
    "irregular_pct": "ORT %",
    "pension_entry_step": "pensioeninstap",
}


# Norm and contract path parts as the screens name them (the file keys stay for YAML users).
_NORM_EXTRA = {
    "overhead.convention": "Rekenwijze overhead",
    "overhead.lines": "Overheadkostenregels",
    "billable": "Declarabele uren",
    "reserve": "Reserveopbouw",
    "reserve.target": "Reserve: doel",
    "reserve.current": "Reserve: huidige reserve",
    "reserve.years": "Reserve: aantal jaren",
    "reserve.turnover": "Reserve: omzet",
    "hours": "Urenopbouw",
    "pensionable_allowances": "Pensioengevende toeslagen",
}


def problems_at(prefix: str) -> list[Problem]:
    """Problems whose path is ``prefix`` or lies below it."""
    out = []
    for p in st.session_state.get("problems", ()):
        if p.path == prefix or p.path.startswith(prefix + ".") or p.path.startswith(prefix + "["):
            out.append(p)
    return out


_STAFF_KEYS = {
    "(monthly_salary)": "in de kolom Eigen maandsalaris",
    "(irregular_pct)": "in de kolom ORT %",
    "(pension_entry_step)": "in de kolom Pensioeninstap",
}


def _without_file_keys(message: str) -> str:
    """Staff messages name the table's columns, not the scenario file's keys."""
    for key, column in _STAFF_KEYS.items():
        message = message.replace(key, column)
    return message


# Staff fields the grid and the staff import take in percent while the scenario keeps a fraction
# (ORT % 4 is irregular_pct 0,04): their messages say the typed value and the range in percent.
_PERCENT_FIELDS = ("irregular_pct",)


def _percent(fraction: float) -> str:
    return f"{format_bound(fraction * 100)} %"


def _in_percent(message: str, field: str) -> str:
    """``message`` about fraction ``field`` with its range and leading value said in percent."""
    return in_percent(message, *RANGES[field])


def in_percent(message: str, low: float, high: float) -> str:
    """``message`` about a fraction allowed from ``low`` to ``high``, for a field typed in percent:
    its range and leading value said in percent (0,3 -> 30 %)."""
    message = message.replace(
        f"van {format_bound(low)} tot en met {format_bound(high)}", f"van {_percent(low)} tot en met {_percent(high)}"
    )
    value, found, rest = message.partition(" valt buiten het toegestane bereik")
    if found:
        try:
            message = _percent(float(parse_dutch_number(value))) + found + rest
        except DutchNumberError:  # a value shown in short scientific form: left as it is
            pass
    return message


def problem_text(p: Problem) -> str:
    """A problem as a Dutch sentence that names the field the way the screen does."""
    path = p.path
    if path.startswith("staff["):
        index = path[6 : path.index("]")]
        rest = path[path.index("]") + 2 :] if "]." in path else ""
        field = _FIELD_LABELS.get(rest, rest)
        where = f"Regel {index}" + (f", {field}" if field else "")
        message = _in_percent(p.message, rest) if rest in _PERCENT_FIELDS else p.message
        return f"{where}: {_without_file_keys(message)}"
    if path == "contract" or path.startswith("contract."):
        from pricing.contract_text import problem_text as contract_problem_text

        return contract_problem_text(p)
    label = _FIELD_LABELS.get(path)
    if label is None and path.startswith("norms."):
        from pricing.costprice import NORM_LABELS

        key = path[6:]
        label = NORM_LABELS[key][0] if key in NORM_LABELS else _NORM_EXTRA.get(key, key)
    return f"{label or path or 'Scenario'}: {p.message}"


def show_problems(prefix: str) -> None:
    for p in problems_at(prefix):
        st.error(literal(problem_text(p)), icon=":material/warning:")


# ----------------------------------------------------------------------------------------------
# Widget bindings


def _root(store: str) -> dict:
    """Where a bound widget writes: the scenario being edited, or the session values."""
    return raw() if store == "scenario" else st.session_state["values"]


def _widget_key(store: str, key: str) -> str:
    return (WIDGET_PREFIX if store == "scenario" else KEEP_PREFIX) + key


def _plain(value: Any, path: tuple[str, ...]) -> Any:
    """A widget's value as the scenario stores it (dates as ISO text, an emptied reason as none)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and path and path[0] == "deviation_reasons" and not value.strip():
        return None
    return value


def _write(wkey: str, store: str, path: tuple[str, ...], from_widget: Callable[[Any], Any]) -> None:
    set_path(_root(store), path, from_widget(st.session_state[wkey]))


def bind(
    widget: Callable,
    label: str,
    path: tuple[str, ...],
    *,
    key: str,
    current: Any = None,
    store: str = "scenario",
    to_widget: Callable[[Any], Any] = lambda v: v,
    from_widget: Callable[[Any], Any] | None = None,
    **kwargs,
) -> Any:
    """A widget bound to a path in the scenario (``store="scenario"``) or in the session values
    (``store="values"``: offered tariff, annual accounts; kept across scenario loads).

    The widget writes through ``on_change`` and is re-read from its path whenever Streamlit has
    dropped its state (page switch, load, reset), showing ``current`` when the path is not set.
    """
    wkey = _widget_key(store, key)
    if wkey not in st.session_state:
        value = get_path(_root(store), path)
        try:
            st.session_state[wkey] = to_widget(current if value is None else value)
        except (TypeError, ValueError):
            st.session_state[wkey] = to_widget(current)
    convert = from_widget or (lambda v: _plain(v, path))
    return widget(label, key=wkey, on_change=_write, args=(wkey, store, path, convert), **kwargs)


# Number fields: text inputs read by the one Dutch parser (pricing/numbers.py), never a number_input
# (a browser's number input drops the Dutch comma and reads the thousands dot as a decimal point).


def _field_errors() -> dict:
    return st.session_state.setdefault("field_errors", {})


# A field's unit as the parser's kind, for an example that fits what the field takes.
_KINDS: dict[str, Kind] = {"€": "euro", "uur": "hours", "FTE": "fte", "%": "percent"}


def _echo(value: float, unit: str | None, places: int, fixed_places: bool = False) -> str:
    if unit == "€":
        return format_eur(value, places)
    text = format_dutch_input(value, places, trim_whole=not fixed_places)
    return f"{text} {unit}" if unit else text


def _write_number(
    wkey: str,
    store: str,
    path: tuple[str, ...],
    label: str,
    scale: float,
    places: int,
    min_value: float | None,
    max_value: float | None,
    integer: bool,
    unit: str | None,
    in_force: float | None = None,
    fixed_places: bool = False,
) -> None:
    typed = str(st.session_state.get(wkey) or "")
    errors = _field_errors()
    st.session_state.setdefault("field_echo", {}).pop(wkey, None)
    if not typed.strip():
        errors.pop(wkey, None)
        set_path(_root(store), path, None)
        return

    def refuse(reason: str) -> None:
        errors[wkey] = (label, reason)
        # Also as a short toast: the field's own message can be out of sight once the page has moved on.
        st.toast(
            f"{label}: '{typed}' niet overgenomen; {_kept(in_force, unit, places)}. De reden staat bij het veld.",
            icon=":material/edit_off:",
        )

    try:
        value = float(parse_dutch_number(typed, kind=_KINDS.get(unit or "")))
    except DutchNumberError as exc:
        refuse(str(exc))
        return
    allowed = ""
    if min_value is not None and max_value is not None:
        allowed = f"toegestaan is {_echo(min_value, unit, 0)} tot en met {_echo(max_value, unit, 0)}"
    elif min_value is not None:
        allowed = f"toegestaan is {_echo(min_value, unit, 0)} of meer"
    elif max_value is not None:
        allowed = f"toegestaan is ten hoogste {_echo(max_value, unit, 0)}"
    if (min_value is not None and value < min_value) or (max_value is not None and value > max_value):
        refuse(f"'{typed}' valt buiten het bereik; {allowed}")
        return
    if integer and not value.is_integer():
        refuse(f"'{typed}' is geen geheel getal")
        return
    errors.pop(wkey, None)
    stored = round(value / scale, 10)
    if integer or (scale == 1 and stored.is_integer() and abs(stored) >= 1):
        stored = int(stored)
    set_path(_root(store), path, stored)
    st.session_state[wkey] = format_dutch_input(value, places, trim_whole=not fixed_places)
    st.session_state["field_echo"][wkey] = _echo(value, unit, places, fixed_places)


def refusal_text(label: str, reason: str, previous: float | None, unit: str | None, places: int) -> str:
    """A refused number in Dutch: the field, what was typed and why (``reason`` quotes it), and the
    value that stays in force."""
    return f"{label}: {reason}. Niet overgenomen: {_kept(previous, unit, places)}."


def _kept(previous: float | None, unit: str | None, places: int) -> str:
    if previous is None:
        return "het veld blijft leeg in de berekening"
    return f"de vorige waarde {_echo(previous, unit, places)} blijft gelden"


def number_field(
    label: str,
    path: tuple[str, ...],
    *,
    key: str,
    current: float | None = None,
    store: str = "scenario",
    scale: float = 1.0,
    places: int = 2,
    min_value: float | None = None,
    max_value: float | None = None,
    integer: bool = False,
    unit: str | None = None,
    help: str | None = None,
    disabled: bool = False,
    placeholder: str | None = None,
    label_visibility: str = "visible",
    fixed_places: bool = False,
) -> float | None:
    """A number typed in Dutch notation, bound to a path (see :func:`bind`), in the unit shown
    (``scale`` 100 shows a fraction as a percentage). Refused input stays in the field with a Dutch
    message naming what was typed; the path keeps its previous value. Returns the value in force
    (in the shown unit) or None. ``fixed_places``: a whole number keeps its ``places`` decimals in
    the field and its echo (``7,00 %``, as the page shows such values), instead of ``7``."""
    wkey = _widget_key(store, key)
    root = _root(store)
    value = get_path(root, path)
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        value = current
    shown = None if value is None else round(float(value) * scale, 8)
    if wkey not in st.session_state:
        st.session_state[wkey] = format_dutch_input(shown, places, trim_whole=not fixed_places)
        _field_errors().pop(wkey, None)
    st.text_input(
        label,
        key=wkey,
        help=help,
        disabled=disabled,
        placeholder=placeholder,
        label_visibility=label_visibility,
        on_change=_write_number,
        args=(wkey, store, path, label, scale, places, min_value, max_value, integer, unit, shown, fixed_places),
    )
    error = _field_errors().get(wkey)
    if error:
        st.error(refusal_text(label, error[1], shown, unit, places), icon=":material/edit_off:")
    else:
        echo = st.session_state.get("field_echo", {}).get(wkey)
        if echo:
            st.caption(f"Gelezen als **{echo}**")
    return shown


def field_problems() -> list[tuple[str, str]]:
    """Typed numbers that were refused (label, Dutch message); the pages say they were not applied."""
    return list(_field_errors().values())


def scenario_number(
    label: str,
    path: tuple[str, ...],
    *,
    key: str,
    current: float | None,
    scale: float = 1.0,
    min_value: float | None = None,
    max_value: float | None = None,
    step: float | None = None,
    fmt: str | None = None,
    help: str | None = None,
    disabled: bool = False,
) -> float | None:
    """A number field bound to a scenario path (the older call form of :func:`number_field`)."""
    places = int(fmt[2]) if fmt and fmt.startswith("%.") and fmt[2].isdigit() else 2
    integer = isinstance(step, int) and isinstance(min_value, int)
    return number_field(
        label,
        path,
        key=key,
        current=current,
        scale=scale,
        places=places,
        min_value=min_value,
        max_value=max_value,
        integer=integer,
        help=help,
        disabled=disabled,
    )


def scenario_widget(
    widget: Callable,
    label: str,
    path: tuple[str, ...],
    *,
    key: str,
    current: Any,
    to_widget: Callable[[Any], Any] = lambda v: v,
    **kwargs,
) -> Any:
    """Any other input bound to a scenario path (text, date, toggle, radio with option values)."""
    return bind(widget, label, path, key=key, current=current, to_widget=to_widget, **kwargs)


def value_widget(widget: Callable, label: str, name: str, *, default: Any, **kwargs) -> Any:
    """An input bound to a session value (not part of the scenario), kept across pages and loads."""
    st.session_state["values"].setdefault(name, default)
    return bind(widget, label, (name,), key=name, current=default, store="values", **kwargs)


def forget_widget(key: str) -> None:
    st.session_state.pop(WIDGET_PREFIX + key, None)
    _field_errors().pop(WIDGET_PREFIX + key, None)


# ----------------------------------------------------------------------------------------------
# Grid keys: one rule for every table (st.data_editor) that writes the scenario
#
# A grid's edits are relative to the rows it was given, and the browser sends all of them (its
# whole state) with every edit. A grid whose key changed with its content became a new grid after
# every edit, and a cell typed while the previous edit was still being applied went with the old
# grid: its value was lost and the cell showed the old one again. So a grid keeps its key, and the
# rows it was given, while the scenario holds what the grid itself wrote; it is renewed (a new key,
# given the rows as the scenario has them) when they were changed elsewhere: a load, the demo,
# another table or field.


def digest(value: Any) -> str:
    """A short fingerprint of a scenario part: the same for equal content of the same types only (a
    date and its ISO text, 1 and 1.0, the year 2026 and the key '2026' differ). A grid that took a
    changed value for its own would write its own rows back over it."""
    return hashlib.sha1(repr(_typed(value)).encode()).hexdigest()[:12]


def _typed(value: Any) -> Any:
    """``value`` as nested lists of reprs; a mapping's items sorted by their keys' reprs (keys of
    different types cannot be compared, their reprs can)."""
    if isinstance(value, dict):
        return ["dict", sorted([repr(k), _typed(v)] for k, v in value.items())]
    if isinstance(value, (list, tuple)):
        return [type(value).__name__, [_typed(v) for v in value]]
    return repr(value)


def grid_key(name: str) -> str:
    """The widget key of the grid ``name``: the same until the grid is renewed."""
    return f"{name}_editor_{st.session_state.get(f'{name}_version', 0)}"


def renew_grid(name: str) -> None:
    """The grid ``name`` starts afresh under a new key; the rows it was given and the edits applied
    from it are forgotten."""
    ss = st.session_state
    ss[f"{name}_version"] = ss.get(f"{name}_version", 0) + 1
    for part in ("base", "applied", "wrote"):
        ss.pop(f"{name}_{part}", None)


def steady_grid(name: str, content: Any) -> tuple[str, Any]:
    """The key of the grid ``name`` and the content it was given (its edits are relative to that).

    Both stay while the scenario holds ``content`` as the grid wrote it (:func:`grid_wrote`). The
    grid is renewed and given ``content`` when that changed elsewhere, or when the grid has no state
    of its own: it was not drawn in the last run (its page or expander was closed), and the browser
    draws it afresh, without the edits its rows would be missing."""
    ss = st.session_state
    if ss.get(f"{name}_wrote") != digest(content) or grid_key(name) not in ss or f"{name}_base" not in ss:
        renew_grid(name)
        ss[f"{name}_base"] = copy.deepcopy(content)
        ss[f"{name}_wrote"] = digest(content)
    return grid_key(name), ss[f"{name}_base"]


def grid_edits(name: str) -> dict | None:
    """The edits the grid ``name`` holds (edited, added and deleted rows, relative to the rows it was
    given), or None while it holds none."""
    return _editor_edits(st.session_state.get(grid_key(name)))


def grid_applied(name: str) -> dict:
    """The edits of the grid ``name`` that the scenario holds (none since it was given its rows)."""
    return st.session_state.get(f"{name}_applied") or _NO_EDITS


def grid_wrote(name: str, content: Any) -> None:
    """The grid ``name`` wrote its edits into the scenario, which now holds ``content`` for it: the
    next run keeps its key, so an edit typed meanwhile reaches the same grid."""
    ss = st.session_state
    ss[f"{name}_wrote"] = digest(content)
    ss[f"{name}_applied"] = grid_edits(name) or _NO_EDITS


# ----------------------------------------------------------------------------------------------
# Staff editor: edits are folded into the raw scenario before anything is computed. Its grid is
# renewed by name (not by content): its rows carry results (the salary) computed from the edition.

STAFF_GRID = "staff"


def renew_staff_editor() -> None:
    """The staff rows were replaced from outside the grid (a load, an import, the sample line, the
    page shown again): the grid starts afresh from the raw staff, under a new key."""
    renew_grid(STAFF_GRID)


def staff_page_shown(shown: bool) -> None:
    """Called once a run, before the page runs: whether it is the staff grid's page. The browser
    forgets a grid's edits when its page is left, so the grid shown again starts afresh."""
    ss = st.session_state
    if shown and ss.get("staff_page_left"):
        renew_staff_editor()
    ss["staff_page_left"] = not shown


def staff_table_rows(on: dt.date | None) -> list[dict]:
    """The editor's rows from the raw staff, with the resulting monthly salary per line."""
    last = st.session_state.get("last_valid")
    # The book of the last valid result holds the scenario's own forecast (an assumed CAO rise).
    edition = last.result.book if last is not None and last.book is book() and last.result.book else book()
    memo = _TABLE_ROWS.get((id(edition), on))
    if memo is None or memo[0] is not edition:
        if len(_TABLE_ROWS) >= 8:
            _TABLE_ROWS.clear()
        memo = (edition, {})
        _TABLE_ROWS[(id(edition), on)] = memo
    rows = []
    for row in raw().get("staff") or []:
        if not isinstance(row, dict):
            continue
        key = _frozen(row)
        table = memo[1].get(key) if key is not None else None
        if table is None:
            table = staff_row_to_table(row)
            preview = salary_preview(row, on, edition)
            # Shown as text: the editor's number formats cannot write Dutch amounts.
            table["Maandsalaris"] = format_eur(preview.monthly) if preview.monthly is not None else "—"
            table["Bron salaris"] = preview.source
            if key is not None and len(memo[1]) < _ROWS_KEPT:
                memo[1][key] = table
        rows.append(table)
    return rows


# Per-row results kept across reruns and sessions (pure functions of the row, the date and the
# edition): after an edit of one line of a 2,000-line table only that line is converted again.
# The rows handed out are shared: callers copy a row before changing it.
_ROWS_KEPT = 20_000
_TABLE_ROWS: dict[tuple, tuple[ParameterBook, dict]] = {}  # (edition, date) -> staff row -> table row
_UNSEEN = object()  # not in the memo (None is a converted empty row)
_STAFF_ROWS: dict[tuple, dict | None] = {}  # grid row -> staff row (None: an empty row, skipped)


def _frozen(row: dict) -> tuple | None:
    """A hashable stand-in for a flat staff or grid row (keys, values and their types: 1, 1.0 and
    True stay apart, also inside a nested mapping such as the on-call days, whose items are sorted),
    or None when a value cannot be hashed (such a row is simply converted every time)."""
    values = tuple(row.values())
    key = (tuple(row), values, tuple(map(type, values)))
    try:
        hash(key)
    except TypeError:
        try:
            key = (
                tuple(row),
                tuple(("mapping", _typed_items(v)) if isinstance(v, dict) else v for v in values),
                key[2],
            )
            hash(key)
        except TypeError:
            return None
    return key


def _typed_items(mapping: dict) -> tuple:
    # Keys are unique, so sorting never compares the types or values after them.
    return tuple(sorted((k, type(v), v) for k, v in mapping.items()))


def _staff_rows(editable: list[dict]) -> tuple[list[dict], list[str]]:
    """``staff_from_table(editable)``, converting only rows not seen before. A row with a problem
    (its message names the line number) sends the whole table through the converter."""
    out = []
    for record in editable:
        key = _frozen(record)
        # One read: the memo is shared by every session, and another may clear it between two.
        converted = _STAFF_ROWS.get(key, _UNSEEN) if key is not None else _UNSEEN
        if converted is _UNSEEN:
            rows, problems = staff_from_table([record])
            if problems:
                return staff_from_table(editable)
            converted = rows[0] if rows else None
            if key is not None:
                if len(_STAFF_ROWS) >= _ROWS_KEPT:
                    _STAFF_ROWS.clear()
                _STAFF_ROWS[key] = converted
        if converted is not None:
            out.append(converted)  # shared with the memo: copied where it is stored (apply_staff_edits)
    return out, []


def _cell(value: Any) -> Any:
    if hasattr(value, "item"):
        value = value.item()
    return value


_NO_EDITS: dict = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}


def _editor_edits(value: Any) -> dict | None:
    """The editor's state (edited, added and deleted rows, relative to the rows it was given) in one
    form, whether the browser sent it as JSON text (row numbers as text) or a test set it; None when
    there is none to read."""
    if isinstance(value, str):  # serialized editor state, as the browser sends it
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if not isinstance(value, dict):
        return None
    edited = value.get("edited_rows") or {}
    return {
        "edited_rows": {int(i): {k: _cell(v) for k, v in changes.items()} for i, changes in edited.items()},
        "added_rows": [{k: _cell(v) for k, v in new.items()} for new in value.get("added_rows") or []],
        "deleted_rows": sorted({int(_cell(d)) for d in value.get("deleted_rows") or []}),
    }


def _grid_after(base: list[dict], edits: dict) -> tuple[dict[int, dict], list[dict]]:
    """The grid's rows after ``edits``: the base rows still there (by their place in the base, edited
    rows as new dicts: the base rows are shared) and the added rows."""
    gone = set(edits["deleted_rows"])
    kept = {i: row for i, row in enumerate(base) if i not in gone}
    for i, changes in edits["edited_rows"].items():
        if i in kept:
            kept[i] = {**kept[i], **changes}
    return kept, edits["added_rows"]


def _renamed_functions(before: dict[int, dict], after: dict[int, dict], now: set) -> dict[str, str]:
    """Old -> new function names an edit renamed (a name that is gone, typed over in its row)."""
    out = {}
    for i, row in after.items():
        old, new = before.get(i, {}).get("Functie"), row.get("Functie")
        if isinstance(old, str) and isinstance(new, str) and new.strip() and old != new.strip() and old not in now:
            out[old] = new.strip()
    return out


def _editable(row: dict) -> dict:
    """A grid row's editable columns (its result columns left out), as the converter reads them."""
    return {k: row.get(k) for k in COLUMNS.values()}


def _staff_of_grid(base: list[dict], after: dict[int, dict], added: list[dict], edited: set[int]) -> list[dict] | None:
    """The staff rows of the grid's rows (``after``: base rows by their place, ``added``), or None
    when a row has a problem. A base row not edited converts as it did in the last run: its staff
    row is kept per place for as long as the grid keeps these base rows (after an edit of one line
    of 2,000, one row is converted instead of 2,000 looked up)."""
    ss = st.session_state
    kept = ss.get("staff_base_converted")
    if kept is None or kept[0] is not base:
        kept = (base, {})
        ss["staff_base_converted"] = kept
    of_base: dict[int, list[dict]] = kept[1]  # a place's staff row, or none for an empty row
    out = []
    for i, row in after.items():
        if i in edited:
            converted, problems = _staff_rows([_editable(row)])
        elif i in of_base:
            converted, problems = of_base[i], []
        else:
            converted, problems = _staff_rows([_editable(row)])
            if not problems:
                of_base[i] = converted
        if problems:
            return None
        out.extend(converted)
    for row in added:
        converted, problems = _staff_rows([_editable(row)])
        if problems:
            return None
        out.extend(converted)
    return out


def staff_rows_shown() -> list[dict]:
    """The grid's rows as it shows them: the rows it was given (``staff_base``, the same list while
    nothing is edited) with its edits, whose result columns are those of the rows given."""
    ss = st.session_state
    base = ss.get("staff_base") or []
    applied = grid_applied(STAFF_GRID)
    if applied == _NO_EDITS:
        return base
    kept, added = _grid_after(base, applied)
    return [*kept.values(), *added]


def apply_staff_edits() -> None:
    """Make the raw staff the grid's rows (``staff_base``) with every edit the editor holds.

    The editor keeps its key while its page is shown, and its state holds all edits since it was
    given its rows; the browser sends that whole state with every edit. So an edit typed while the
    app still runs on the previous one reaches the same widget (a grid shown under a new key after
    every edit dropped such an edit: its state went to the key that was gone). Applying the same
    edits again gives the same staff, so only a changed state is applied.
    """
    ss = st.session_state
    edits = grid_edits(STAFF_GRID)
    base = ss.get("staff_base")
    applied = grid_applied(STAFF_GRID)
    if edits is None or base is None or edits == applied:
        return
    before, _ = _grid_after(base, applied)
    after, added = _grid_after(base, edits)
    staff = _staff_of_grid(base, after, added, set(edits["edited_rows"]))
    problems: list[str] = []
    if staff is None:  # a row with a problem: the whole table through the converter (line numbers)
        editable = [_editable(r) for r in [*after.values(), *added]]
        staff, problems = _staff_rows(editable)
    # Conversion problems (an unknown contract) cannot happen through the editor's select boxes;
    # the rows are kept as typed and scenario validation names anything out of range.
    renamed = _renamed_functions(before, after, {r.get("function") for r in staff})
    # Each row copied (one level deeper for on-call days): the converted rows are shared with the memo.
    raw()["staff"] = [{k: dict(v) if isinstance(v, dict) else v for k, v in row.items()} for row in staff]
    for old, new in renamed.items():  # a renamed function keeps its place in the contract
        ss["raw"] = rename_reference(raw(), "function", old, new)
    ss["staff_conversion_problems"] = problems
    ss["staff_applied"] = edits
