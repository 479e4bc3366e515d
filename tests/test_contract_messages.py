"""Message regression for the contract block: every hostile contract input keeps the exact Dutch
messages, at the exact field paths, that the hand-written validators gave.

The cases are generated (each field of each part of the contract with each hostile value, each key
left out, each part replaced by a hostile value, and the cross-field rules: duplicate and reserved
names, unknown references, signed and unsigned lines, a variant removing more than the basis). The
expected problems in tests/fixtures/contract_messages.json were recorded from the hand-written
validators before the contract moved to pydantic models; new cases are recorded (and the
recorded ones kept as they are) with

    python tests/test_contract_messages.py --record

The social-return cases (FULL_SOCIAL, SOCIAL_PARTS and the 'social return:' rules) were recorded
from the hand-written pricing/social_return.py; the indexation cases (FULL_INDEX, INDEX_PARTS and the
'indexation:' rules) from the hand-written pricing/contract_indexation.py.
"""

from __future__ import annotations

import copy
import functools
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pricing.contract_input import CONTRACT_KEYS  # noqa: E402
from pricing.parameters import load_parameter_book  # noqa: E402
from pricing.scenario import ScenarioError, read_scenario_file, validate_scenario  # noqa: E402
from tests.message_fixtures import read_recorded, record_new_cases  # noqa: E402

EXPECTED = ROOT / "tests" / "fixtures" / "contract_messages.json"
DEMO = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
BOOK = load_parameter_book()

HOSTILE: list[tuple[str, Any]] = [
    ("none", None),
    ("empty", ""),
    ("blank", "  "),
    ("text12", "12"),
    ("dutch_decimal", "3,5"),
    ("dutch_thousands", "1.878"),
    ("long501", "x" * 501),
    ("long4001", "y" * 4001),
    ("minus1", -1),
    ("zero", 0),
    ("half", 0.5),
    ("minus_half", -0.5),
    ("big", 10**400),
    ("huge_float", 1e300),
    ("nan", float("nan")),
    ("inf", float("inf")),
    ("true", True),
    ("false", False),
    ("empty_list", []),
    ("list1", [1]),
    ("empty_map", {}),
    ("map", {"a": 1}),
    ("area_name", "Noord"),
    ("task_name", "Bestaanszekerheid"),
    ("cbs_code", "wk123456"),
    ("iso_date", "2027-01-01"),
]

# Each part of the contract: a path into the demo's contract and its keys.
PARTS: dict[str, tuple[tuple[Any, ...], tuple[str, ...]]] = {
    "contract": ((), ()),
    "area": (("areas", 0), ("name", "code", "population")),
    "task": (
        ("tasks", 0),
        ("name", "target_group", "effects", "indicators", "narrative", "reporting", "social_return"),
    ),
    "indicator": (("tasks", 0, "indicators", 0), ("name", "unit", "baseline", "target", "source")),
    "staffing": (("staffing", 0), ("area", "task", "function", "fte", "hours")),
    "activity": (("activities", 0), ("area", "task", "name", "amount")),
    "option": (("options", 0), ("name", "description", "staffing", "activities")),
    "option_staffing": (("options", 1, "staffing", 0), ("area", "task", "function", "fte", "hours")),
    "option_activity": (("options", 1, "activities", 0), ("area", "task", "name", "amount")),
    "social_return": (("tasks", 0, "social_return"), ("ratio", "range", "source", "benefit_years", "split")),
    "indexation": (("indexation",), ("wage_weight", "catch_up", "definitive", "assumed_pct", "municipal_pct")),
    "more_indexation": (("indexation",), ("first_year_catch_up", "reference_month", "per_year", "figures", "sources")),
}
# A task's social return with every block given: its range, source and split get hostile values too.
FULL_SOCIAL = {
    "ratio": 1.6,
    "range": {"low": 1.2, "high": 2.4},
    "source": {
        "title": "SEOR, Meta-analyse businesscases sociaal werk",
        "href": "https://www.seor.nl/",
        "date": "2020-12-22",
    },
    "benefit_years": 3,
    "split": {"gemeente": 0.35, "zorgverzekeraar": 0.3, "uwv": 0.05, "inwoners": 0.25, "overig": 0.05},
}
SOCIAL = ("tasks", 0, "social_return")
SOCIAL_PARTS: dict[str, tuple[tuple[Any, ...], tuple[str, ...]]] = {
    "full_social_return": (SOCIAL, tuple(FULL_SOCIAL)),
    "social_range": ((*SOCIAL, "range"), ("low", "high")),
    "social_source": ((*SOCIAL, "source"), ("title", "href", "date", "assumption", "reasoning")),
    "social_split": ((*SOCIAL, "split"), ("gemeente", "zorgverzekeraar", "uwv", "inwoners", "overig")),
}
# An indexation clause with every block given: its years, figures and sources get hostile values too.
FULL_INDEX = {
    "wage_weight": 0.9,
    "catch_up": "ratio",
    "definitive": "settle",
    "assumed_pct": 0.03,
    "per_year": {2028: 0.035},
    "figures": {2029: {"ova_provisional": 0.04, "ppc_provisional": 0.03}},
    "municipal_pct": {2027: 0.02, 2028: 0.025, 2029: 0.02, 2030: 0.02},
    "sources": {2028: {"text": "afspraak met de gemeente", "status": "given"}},
}
INDEX = ("indexation",)
INDEX_PARTS: dict[str, tuple[tuple[Any, ...], tuple[Any, ...]]] = {
    "full_indexation": (INDEX, tuple(FULL_INDEX)),
    "index_per_year": ((*INDEX, "per_year"), (2028, "2029", 2026, 2031, "x", True, 2028.5)),
    "index_figures": ((*INDEX, "figures"), (2029, 2026, 2032, "2030", "x")),
    "index_figure": (
        (*INDEX, "figures", 2029),
        ("ova_provisional", "ppc_provisional", "ova_definitive", "ppc_definitive"),
    ),
    "index_municipal": ((*INDEX, "municipal_pct"), (2027, 2030, 2031, "x")),
    "index_sources": ((*INDEX, "sources"), (2028, 2027, 2026, "2029", "x")),
    "index_source": ((*INDEX, "sources", 2028), ("text", "status")),
}
# Lists whose elements are replaced by each hostile value.
ELEMENTS = {
    "areas": ("areas",),
    "tasks": ("tasks",),
    "effects": ("tasks", 0, "effects"),
    "indicators": ("tasks", 0, "indicators"),
    "staffing": ("staffing",),
    "activities": ("activities",),
    "options": ("options",),
    "option_staffing": ("options", 0, "staffing"),
    "option_activities": ("options", 0, "activities"),
}


def _at(raw: dict[str, Any], path: tuple[Any, ...]) -> Any:
    target = raw
    for part in path:
        target = target[part]
    return target


def _edit(change: Any) -> dict[str, Any]:
    raw = copy.deepcopy(DEMO)
    change(raw["contract"], raw)
    return raw


def _set(path: tuple[Any, ...], key: Any, value: Any) -> Any:
    def change(contract: dict[str, Any], raw: dict[str, Any]) -> None:
        _at(contract, path)[key] = copy.deepcopy(value)

    return change


def _delete(path: tuple[Any, ...], key: str) -> Any:
    def change(contract: dict[str, Any], raw: dict[str, Any]) -> None:
        _at(contract, path).pop(key, None)

    return change


def _social(change: Any) -> Any:
    """``change`` on a contract whose first task has FULL_SOCIAL as its social return."""

    def with_full(contract: dict[str, Any], raw: dict[str, Any]) -> None:
        contract["tasks"][0]["social_return"] = copy.deepcopy(FULL_SOCIAL)
        change(contract, raw)

    return with_full


def _indexed(change: Any) -> Any:
    """``change`` on a contract whose indexation clause is FULL_INDEX."""

    def with_full(contract: dict[str, Any], raw: dict[str, Any]) -> None:
        contract["indexation"] = copy.deepcopy(FULL_INDEX)
        change(contract, raw)

    return with_full


def _cases() -> dict[str, Any]:
    cases: dict[str, Any] = {}
    for part, (path, keys) in PARTS.items():
        for key in [*(CONTRACT_KEYS if part == "contract" else keys), "onbekend"]:
            for label, value in HOSTILE:
                cases[f"{part}.{key}={label}"] = _set(path, key, value)
            cases[f"{part}.{key} left out"] = _delete(path, key)
    for part, (path, keys) in SOCIAL_PARTS.items():
        for key in [*keys, "onbekend"]:
            for label, value in HOSTILE:
                cases[f"{part}.{key}={label}"] = _social(_set(path, key, value))
            cases[f"{part}.{key} left out"] = _social(_delete(path, key))
    for part, (path, keys) in INDEX_PARTS.items():
        for key in [*keys, "onbekend"]:
            for label, value in HOSTILE:
                cases[f"{part}.{key}={label}"] = _indexed(_set(path, key, value))
            cases[f"{part}.{key} left out"] = _indexed(_delete(path, key))
    for name, path in ELEMENTS.items():
        for label, value in HOSTILE:
            cases[f"{name}[1]={label}"] = _set(path, 0, value)
    for label, value in HOSTILE:
        cases[f"contract={label}"] = lambda contract, raw, value=value: raw.__setitem__(
            "contract", copy.deepcopy(value)
        )
    cases.update(_rules())
    return cases


def _rules() -> dict[str, Any]:
    """The cross-field rules, one case each."""

    def duplicate(listed: str) -> Any:
        return lambda c, raw: c[listed].append(copy.deepcopy(c[listed][0]))

    def both(c: dict[str, Any], raw: dict[str, Any]) -> None:
        c["staffing"][0]["hours"] = 1200

    def neither(c: dict[str, Any], raw: dict[str, Any]) -> None:
        del c["staffing"][0]["fte"]

    def too_much_removed(c: dict[str, Any], raw: dict[str, Any]) -> None:
        c["options"][1]["staffing"][0]["fte"] = -20.0
        c["options"][1]["activities"][0]["amount"] = -150000

    def hours_removed(c: dict[str, Any], raw: dict[str, Any]) -> None:
        c["options"][1]["staffing"].append({"function": "Teamleider", "hours": -10})

    def nothing_in_option(c: dict[str, Any], raw: dict[str, Any]) -> None:
        c["options"][0] = {"name": "Leeg", "description": "niets"}

    def bad_staff_table(c: dict[str, Any], raw: dict[str, Any]) -> None:
        raw["staff"][0]["fte"] = -1
        c["staffing"][0]["function"] = "Onbekende functie"

    def many_functions(c: dict[str, Any], raw: dict[str, Any]) -> None:
        for i in range(20):
            raw["staff"].append({**raw["staff"][0], "function": f"Functie {i:02d}"})
        c["staffing"][0]["function"] = "Onbekende functie"

    def no_areas_but_referenced(c: dict[str, Any], raw: dict[str, Any]) -> None:
        del c["areas"]

    def start_before_price_level(c: dict[str, Any], raw: dict[str, Any]) -> None:
        c["start"] = "2025-01-01"

    def everything_wrong(c: dict[str, Any], raw: dict[str, Any]) -> None:
        c["areas"].append({"name": "Noord", "code": "XX", "population": -5, "extra": 1})
        c["tasks"].append({"name": "zonder opgave", "indicators": [{"name": ""}], "effects": [""]})
        c["staffing"].append({"area": "West", "task": "Onbekend", "function": "", "fte": 0})
        c["activities"].append({"area": "West", "name": 5, "amount": -1})
        c["options"].append({"name": "Plus", "staffing": [{"function": "Sociaal werker", "fte": 600}]})

    def text(key: str, value: Any) -> Any:
        return lambda c, raw: c.__setitem__(key, value)

    def social(**given: Any) -> Any:
        return _social(lambda c, raw: c["tasks"][0].__setitem__("social_return", given))

    def index(**given: Any) -> Any:
        return _indexed(lambda c, raw: c["indexation"].update(given))

    source = copy.deepcopy(FULL_SOCIAL["source"])
    return {
        "indexation: a source for a published year": index(sources={2027: {"text": "x", "status": "given"}}),
        "indexation: municipal years missing": index(municipal_pct={2027: 0.02}),
        "indexation: municipal one figure": index(municipal_pct=0.02),
        "indexation: no assumed pct, no figures": index(assumed_pct=None, per_year=None, figures=None),
        "indexation: first year catch-up": index(first_year_catch_up=True),
        "indexation: next year, additive": index(definitive="next_year", catch_up="additive"),
        "indexation: none": index(definitive="none"),
        "indexation: reference month 7": index(reference_month=7),
        "indexation: source statuses": index(sources={2028: {"text": "x", "status": "vastgesteld"}}),
        "social return: low above the ratio": social(ratio=1.6, range={"low": 1.8, "high": 2.4}, source=source),
        "social return: high below the ratio": social(ratio=1.6, range={"low": 1.2, "high": 1.5}, source=source),
        "social return: range around the default ratio": social(range={"low": 1.0, "high": 2.0}, source=source),
        "social return: range without a source": social(ratio=1.6, range={"low": 1.2, "high": 2.4}),
        "social return: source without ratio or range": social(source=source),
        "social return: source with a ratio only": social(ratio=2.0, source=source),
        "social return: assumption without reasoning": social(ratio=2.0, source={"assumption": True}),
        "social return: assumption with reasoning": social(
            ratio=2.0, source={"assumption": True, "reasoning": "eigen"}
        ),
        "social return: assumption and a title": social(
            ratio=2, source={"assumption": True, "reasoning": "x", "title": "t"}
        ),
        "social return: assumption not a bool": social(ratio=2.0, source={"assumption": "ja", "reasoning": "eigen"}),
        "social return: source without a title": social(ratio=2.0, source={"href": "https://www.seor.nl/"}),
        "social return: href not a web link": social(ratio=2.0, source={"title": "SEOR", "href": "www.seor.nl"}),
        "social return: href ftp": social(ratio=2.0, source={"title": "SEOR", "href": "ftp://seor.nl"}),
        "social return: date not iso": social(ratio=2.0, source={"title": "SEOR", "date": "22-12-2020"}),
        "social return: date not a day": social(ratio=2.0, source={"title": "SEOR", "date": "2020-02-30"}),
        "social return: split under 1": social(split={"gemeente": 0.5, "overig": 0.2}),
        "social return: split over 1": social(split={"gemeente": 0.9, "uwv": 0.2}),
        "social return: split of one actor": social(split={"gemeente": 1}),
        "social return: empty split": social(split={}),
        "social return: empty mapping": social(),
        "social return: everything wrong": social(
            ratio=-1,
            range={"low": "1,2", "x": 1},
            source={"title": 5, "href": "www", "date": 3},
            benefit_years=0.5,
            split={"gemeente": 2, "wie": 0.1},
        ),
        "duplicate area": duplicate("areas"),
        "duplicate task": duplicate("tasks"),
        "duplicate option": duplicate("options"),
        "area named zonder gebied": lambda c, raw: c["areas"][0].__setitem__("name", "zonder gebied"),
        "task named zonder opgave": lambda c, raw: c["tasks"][0].__setitem__("name", "zonder opgave"),
        "option named Basis": lambda c, raw: c["options"][0].__setitem__("name", "Basis"),
        "option named basis": lambda c, raw: c["options"][0].__setitem__("name", " basis "),
        "unknown area in staffing": lambda c, raw: c["staffing"][0].__setitem__("area", "West"),
        "unknown task in activity": lambda c, raw: c["activities"][0].__setitem__("task", "Onbekend"),
        "unknown area in variant": lambda c, raw: c["options"][0]["staffing"][0].__setitem__("area", "West"),
        "unknown function": lambda c, raw: c["staffing"][0].__setitem__("function", "Onbekende functie"),
        "unknown function, bad staff table": bad_staff_table,
        "unknown function, many functions": many_functions,
        "fte and hours": both,
        "neither fte nor hours": neither,
        "negative fte in the basis": lambda c, raw: c["staffing"][0].__setitem__("fte", -1.0),
        "negative hours in the basis": lambda c, raw: c["staffing"][0].update(fte=None, hours=-5),
        "zero fte in a variant": lambda c, raw: c["options"][0]["staffing"][0].__setitem__("fte", 0),
        "negative amount in the basis": lambda c, raw: c["activities"][0].__setitem__("amount", -1),
        "variant removes too much": too_much_removed,
        "variant removes hours it lacks": hours_removed,
        "variant with nothing": nothing_in_option,
        "no areas but referenced": no_areas_but_referenced,
        "start before the price level": start_before_price_level,
        "years 16": text("years", 16),
        "start not a date": text("start", "1 januari 2027"),
        "funding unknown": text("funding", "Taakgericht"),
        "cbs code lower case": lambda c, raw: c["areas"][0].__setitem__("code", "wk099901"),
        "cbs buurt code": lambda c, raw: c["areas"][0].__setitem__("code", "BU09990101"),
        "cbs code number": lambda c, raw: c["areas"][0].__setitem__("code", 99901),
        "everything wrong": everything_wrong,
    }


CASES = _cases()


def problems_of(name: str) -> list[list[str]]:
    raw = _edit(CASES[name])
    try:
        validate_scenario(raw, BOOK)
    except ScenarioError as error:
        return [[p.path, p.message] for p in error.problems]
    return []


@functools.cache
def _expected() -> dict[str, list[list[str]]]:
    return read_recorded(EXPECTED)


def test_the_recorded_cases_are_the_generated_cases():
    assert sorted(_expected()) == sorted(CASES)


def test_the_cases_cover_accepted_and_refused_inputs():
    expected = _expected()
    refused = [name for name, problems in expected.items() if problems]
    assert len(refused) > 600 and len(expected) - len(refused) > 50


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_contract_keeps_its_dutch_messages_at_their_paths(name):
    # Compared as a multiset: the messages and paths must be exactly as recorded, in any order.
    assert sorted(problems_of(name)) == sorted(_expected()[name])


if __name__ == "__main__" and sys.argv[1:] == ["--record"]:
    record_new_cases(EXPECTED, CASES, problems_of)
