"""Session state: the scenario being edited and its Evaluation.

The single source of truth is ``st.session_state["raw"]``: the scenario dict exactly as the user
typed it, valid or not. Every widget writes into it (ui/bindings.py, the grids through
ui/grids.py), and is (re)initialised from it whenever Streamlit has dropped the widget's own state
(page switch, load, reset). So nothing typed is lost, and an invalid value stays on screen next to
its message while the pages keep showing the last valid result: the raw scenario is validated and
evaluated once per change of input here, and the session's latest Evaluations are kept.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import streamlit as st

from pricing.benchmark import BenchmarkSet, load_benchmark_set
from pricing.costprice import CostPriceResult
from pricing.dates import parse_date
from pricing.evaluation import Evaluation, evaluation_of
from pricing.evaluation import evaluate as evaluate_scenario
from pricing.forecast import priced_dates
from pricing.model.scenario import Scenario
from pricing.money import format_date_nl
from pricing.parameters import ParameterBook, ParameterNotCovered, default_parameter_book
from pricing.record import Record
from pricing.scenario import (
    Problem,
    ScenarioError,
    parse_scenario_text,
    read_scenario_file,
    remembered_lines,
    validate_scenario,
)
from ui.grids import renew_staff_editor
from ui.guard import NothingToCompute
from ui.problem_text import problem_text

ROOT = Path(__file__).resolve().parents[1]
DEMO_FILE = ROOT / "examples" / "voorbeeld.yaml"
MUNICIPALITY_FILE = ROOT / "examples" / "gemeente.yaml"
WIDGET_PREFIX = "w_"  # widgets bound to the scenario: dropped and re-read on load/reset
KEEP_PREFIX = "k_"  # widgets bound to session values that survive a scenario load


@st.cache_data(show_spinner=False)
def _example_raw(path: str) -> dict[str, Any]:
    return read_scenario_file(path)


def demo_raw() -> dict[str, Any]:
    return copy.deepcopy(_example_raw(str(DEMO_FILE)))


def new_raw() -> dict[str, Any]:
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


def municipality_raw() -> dict[str, Any]:
    return copy.deepcopy(_example_raw(str(MUNICIPALITY_FILE)))


@st.cache_resource(show_spinner=False)
def default_benchmark_set() -> BenchmarkSet:
    return load_benchmark_set()


# ----------------------------------------------------------------------------------------------
# The scenario and its evaluation


class EditView(Record, frozen=True):
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


def load_raw(raw: dict[str, Any], origin: str) -> None:
    """Replace the scenario being edited; widgets re-read their values from it."""
    ss = st.session_state
    ss["raw"] = copy.deepcopy(raw)
    ss["raw_origin"] = origin
    for key in [k for k in ss.keys() if isinstance(k, str) and k.startswith(WIDGET_PREFIX)]:
        del ss[key]
    ss["field_errors"] = {k: v for k, v in ss.get("field_errors", {}).items() if not k.startswith(WIDGET_PREFIX)}
    renew_staff_editor()
    ss.pop("eval_key", None)


def raw() -> dict[str, Any]:
    """The scenario being edited, as typed (not validated)."""
    value: dict[str, Any] = st.session_state["raw"]
    return value


def _canonical(value: Any) -> bytes:
    """The input's content as bytes, for cache keys: equal bytes, equal inputs.

    MessagePack (msgspec, in C: about a sixth of the time ``json.dumps(sort_keys=True)`` took for a
    2,000-line scenario, and the sidebar and the page header each key the scenario on every rerun)
    keeps apart what a cache must not mix up: 1, 1.0 and True, None and NaN, the keys 2028 and
    '2029', 0.0 and -0.0; floats are stored bit for bit. Mappings are written in their own order:
    an edit changes a value in place, so typing a value back gives the same bytes again; the same
    content in another order is only a cache miss, never a wrong hit. A value msgspec does not know
    is written as its ``str`` (as the JSON key did).

    MessagePack has no form for a whole number beyond 64 bits (a grid cell turns a typed
    100.000.000.000.000.000.000 into one before validation refuses it) or for a lone surrogate in a
    text: such an input is keyed by its ``repr`` behind the byte 0xC1, which MessagePack never
    writes, so it cannot equal the key of any other input.
    """
    try:
        return msgspec.msgpack.encode(value, enc_hook=str)  # the module function: safe across sessions' threads
    except (OverflowError, UnicodeEncodeError, TypeError):
        return b"\xc1" + repr(value).encode("utf-8", "surrogatepass")


# Valid staff lines of every session's scenarios: an edit validates only the lines it changed.
_REMEMBERED_LINES = remembered_lines()


def _evaluate_raw(
    value: dict[str, Any], bset: BenchmarkSet, edition: ParameterBook | None = None
) -> tuple[tuple[Problem, ...], Evaluation | None]:
    edition = edition or book()
    try:
        scenario = validate_scenario(value, edition, _REMEMBERED_LINES)
        return (), evaluate_scenario(scenario, edition, benchmark_set=bset)
    except ScenarioError as exc:
        return tuple(exc.problems), None
    except ParameterNotCovered as exc:
        return (Problem("date", str(exc)),), None


def _input_key(edition: ParameterBook) -> tuple[bytes, int, int]:
    """The cache key of the scenario being edited with ``edition`` and the session's benchmark set."""
    ss = st.session_state
    return (_canonical(ss["raw"]), id(ss["benchmark_set"]), id(edition))


def _refresh() -> None:
    """Validate and evaluate the raw scenario once per change of input (scenario content, benchmark
    set or edition), remembering the last valid Evaluation."""
    ss = st.session_state
    bset = ss["benchmark_set"]
    edition = book()
    key = _input_key(edition)
    if ss.get("eval_key") != key:
        problems, evaluation, detached = _evaluated(key, ss["raw"], bset, edition)
        ss["eval_key"] = key
        ss["problems"] = problems
        ss["contract_detached"] = detached
        if evaluation is not None:
            ss["last_valid"] = evaluation
            if not detached:
                ss["last_valid_with_contract"] = evaluation


def input_problems() -> tuple[Problem, ...]:
    """The problems of the scenario as typed; empty when it is valid (and computes)."""
    _refresh()
    problems: tuple[Problem, ...] = st.session_state["problems"]
    return problems


def evaluate() -> EditView:
    """The problems of the input and the last valid Evaluation, which every page, download and save
    reads; while the input has never been valid on this edition, the demo's. Raises
    NothingToCompute when the demo does not compute either."""
    ss = st.session_state
    _refresh()
    bset = ss["benchmark_set"]
    edition = book()
    last: Evaluation | None = ss.get("last_valid")
    if last is not None and last.book is not edition:  # another edition and the input is invalid on it
        last = None
    if last is None:  # never valid yet on this edition: the demo
        _, last = _evaluate_raw(demo_raw(), bset, edition)
        if last is None:
            raise NothingToCompute(
                f"Met {_edition_name(edition)} is niets te berekenen: {nothing_computes_text(edition)}. Laad in de "
                "zijbalk (Parametereditie) een editie die de peildatum dekt, of ga met de knop Meegeleverd terug "
                "naar de meegeleverde editie."
            )
    elif last.benchmark_set is not bset:  # another benchmark set: the same result, compared anew
        # The session's edition, not the result's own book: with the scenario's forecast applied,
        # that is another object, and the check above would drop these figures at the next rerun.
        last = evaluation_of(last.result, edition, benchmark_set=bset)
    ss["last_valid"] = last
    problems = ss["problems"]
    return EditView(problems=problems, evaluation=last, stale=bool(problems) and not ss.get("contract_detached"))


def _edition_name(edition: ParameterBook) -> str:
    return f"parametereditie {edition.edition.id}" if edition.edition else "deze parametereditie"


def evaluation_with(edition: ParameterBook) -> Evaluation | None:
    """What the pages would show once ``edition`` is the session's: the scenario being edited
    evaluated with it (kept in the session's cache, so the switch costs no second evaluation), else
    the demo's; None when neither computes."""
    bset = st.session_state["benchmark_set"]
    _, evaluation, _ = _evaluated(_input_key(edition), raw(), bset, edition)
    if evaluation is None:
        _, evaluation = _evaluate_raw(demo_raw(), bset, edition)
    return evaluation


def nothing_computes_text(edition: ParameterBook) -> str:
    """Why neither the scenario being edited nor the demo computes with ``edition``, in Dutch: the
    peildata the edition covers and the scenario's and the demo's."""
    first, last = priced_dates(edition)
    covered = (
        f"ze dekt peildata van {format_date_nl(first)} tot en met {format_date_nl(last)}"
        if first <= last
        else "ze dekt geen enkele peildatum (de cijfers van een kostprijs gelden niet in één gezamenlijke periode)"
    )
    date = _date_as_typed(raw().get("date"))
    demo_date = _date_as_typed(demo_raw().get("date"))
    scenario_outside = date is not None and not first <= date <= last
    if date is not None and scenario_outside:
        scenario = f"de peildatum van het scenario ({format_date_nl(date)}) valt daarbuiten"
    else:  # a date it covers (or none to read): another problem stops the scenario, name it
        problems, _, _ = _evaluated(_input_key(edition), raw(), st.session_state["benchmark_set"], edition)
        scenario = "het scenario is nu niet te berekenen" + (f" ({problem_text(problems[0])})" if problems else "")
    if demo_date is None or first <= demo_date <= last:
        demo = "ook het voorbeeldscenario is er niet mee te berekenen"
    elif scenario_outside:
        demo = f"die van het voorbeeldscenario ({format_date_nl(demo_date)}) ook"
    else:
        demo = f"de peildatum van het voorbeeldscenario ({format_date_nl(demo_date)}) valt daarbuiten"
    return f"{covered}; {scenario}, en {demo}"


def _date_as_typed(value: Any) -> dt.date | None:
    """The scenario's date as typed, when validation reads it as one (it says what is wrong otherwise)."""
    return parse_date(value, _Unheard(), "date")


class _Unheard:
    """A problem collector that drops what it hears: the scenario's validation reports it at 'date'."""

    def add(self, path: str, message: str) -> None:
        pass

    def unknown_keys(self, raw: dict[str, Any], allowed: tuple[str, ...], path: str) -> None:
        pass


# Evaluations of the session's most recent inputs, newest last: typing a value back (an undo, a
# variant tried and dropped) shows its figures without computing them again.
EVALUATIONS_KEPT = 6


def _evaluated(
    key: tuple[bytes, int, int], value: dict[str, Any], bset: BenchmarkSet, edition: ParameterBook
) -> tuple[tuple[Problem, ...], Evaluation | None, bool]:
    """Problems, Evaluation and whether the contract is detached, for input ``value`` whose content,
    benchmark set and edition ``key`` names; from the session's small cache when that input was
    evaluated lately. The ids in ``key`` stay valid: the entry holds the set and edition."""
    memo: dict[tuple[bytes, int, int], tuple[Any, ...]] = st.session_state.setdefault("evaluation_memo", {})
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
    return _derived(name, evaluation, lambda kept: kept is evaluation, build)


def per_content(name: str, content: Any, build: Callable[[], Any]) -> Any:
    """``build()`` once per ``content`` (the figures a chart draws, compared by equality) and
    ``name``, kept in the session: unlike :func:`per_evaluation`, a new Evaluation with the same
    figures (a contract renamed, a description typed) reuses the chart."""
    return _derived(name, content, lambda kept: kept == content, build)


def _derived(name: str, key: Any, same: Callable[[Any], bool], build: Callable[[], Any]) -> Any:
    """The session's object ``name``, built again when the key it was built for is not ``same``."""
    memo = st.session_state.setdefault("derived_memo", {})
    hit = memo.get(name)
    if hit is None or not same(hit[0]):
        hit = (key, build())
        memo[name] = hit
    return hit[1]


def _in_contract(p: Problem) -> bool:
    return p.path == "contract" or p.path.startswith("contract.") or p.path.startswith("contract[")


def contract_evaluation(view: EditView | None = None) -> Evaluation | None:
    """The evaluation the contract page shows: the current one (``view``, when the caller has just
    evaluated), or while the contract does not match, the last one in which it did (the page says so)."""
    view = view or evaluate()
    if not contract_detached():
        return view.evaluation
    last = st.session_state.get("last_valid_with_contract")
    return last if last is not None and last.book is book() else None


def contract_detached() -> bool:
    """True when the figures shown are the organisation's without its contract, which does not match."""
    return bool(st.session_state.get("contract_detached"))


def read_scenario_upload(data: bytes, name: str) -> tuple[dict[str, Any] | None, list[str]]:
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
