"""Message regression for the scenario's forecast block: every hostile ``forecast:`` input keeps the
exact Dutch messages, at the exact field paths, that the hand-written validator
(pricing.forecast.validate_scenario_forecast) gave.

The cases are generated: the block replaced by each hostile value; each editable forecast value
given each hostile value, plainly and as ``{value: ..., reasoning: ...}``; each hostile reasoning;
an entry without its value, with unknown keys (a source, a status, a year) or replaced by a hostile
value; unknown forecast keys (misspelt, upper case, a year, a number); and several problems at
once. The expected problems in tests/fixtures/forecast_messages.json were recorded from the
hand-written validator before the block moved to the pydantic models of pricing.forecast_input;
new cases are recorded (and the recorded ones kept as they are) with

    python tests/test_forecast_messages.py --record
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

from pricing.forecast import editable_forecast_keys  # noqa: E402
from pricing.parameters import load_parameter_book  # noqa: E402
from pricing.scenario import ScenarioError, read_scenario_file, validate_scenario  # noqa: E402
from tests.message_fixtures import read_recorded, record_new_cases  # noqa: E402

EXPECTED = ROOT / "tests" / "fixtures" / "forecast_messages.json"
BASE = read_scenario_file(ROOT / "tests" / "fixtures" / "organisation.yaml")
BOOK = load_parameter_book()
KEYS = editable_forecast_keys(BOOK)

HOSTILE: list[tuple[str, Any]] = [
    ("none", None),
    ("empty", ""),
    ("blank", "  "),
    ("text", "veel"),
    ("text12", "12"),
    ("dutch_decimal", "0,0274"),
    ("dutch_pct", "2,74%"),
    ("dutch_thousands", "79.409"),
    ("long1001", "x" * 1001),
    ("minus1", -1),
    ("minus_small", -0.0001),
    ("zero", 0),
    ("small", 0.03),
    ("half", 0.5),
    ("one", 1),
    ("whole7", 7),
    ("pct_typed", 25),
    ("hours", 160),
    ("salary", 79409),
    ("too_big", 2_000_000),
    ("big", 10**400),
    ("huge_float", 1e300),
    ("nan", float("nan")),
    ("inf", float("inf")),
    ("minus_inf", float("-inf")),
    ("true", True),
    ("false", False),
    ("empty_list", []),
    ("list1", [0.03]),
    ("empty_map", {}),
    ("map", {"a": 1}),
    ("year", 2027),
    ("iso_date", "2027-01-01"),
]
# One editable key of each unit, for the entry form and its reasoning.
BY_UNIT: dict[str, str] = {}
for _key in KEYS:
    BY_UNIT.setdefault(BOOK.parameters[_key].unit if _key in BOOK.parameters else _key, _key)
UNKNOWN_KEYS: list[tuple[str, Any]] = [
    ("misspelt", "awf_permanant"),
    ("upper_case", "AWF_PERMANENT"),
    ("dutch_name", "cao_verhoging"),
    ("year_text", "2027"),
    ("year_int", 2027),
    ("number", 0.03),
    ("true", True),
    ("empty", ""),
    ("long", "k" * 60),
    ("list_parameter", "age_bands_pension"),
    ("unlisted_parameter", "public_holiday_hours_per_day"),
]


def _with(forecast: Any) -> dict[str, Any]:
    raw = copy.deepcopy(BASE)
    raw["forecast"] = copy.deepcopy(forecast)
    return raw


def _cases() -> dict[str, Any]:
    cases: dict[str, Any] = {}
    for label, value in HOSTILE:
        cases[f"forecast={label}"] = value
    for key in KEYS:
        for label, value in HOSTILE:
            cases[f"{key}={label}"] = {key: value}
    for unit, key in BY_UNIT.items():
        for label, value in HOSTILE:
            cases[f"{unit}: {key}.value={label}"] = {key: {"value": value, "reasoning": "Verwachting CPB"}}
            cases[f"{unit}: {key}.reasoning={label}"] = {key: {"value": 0.03, "reasoning": value}}
        cases[f"{unit}: {key} without value"] = {key: {"reasoning": "Verwachting CPB"}}
        cases[f"{unit}: {key} empty entry"] = {key: {}}
        cases[f"{unit}: {key} value only"] = {key: {"value": 0.03}}
        cases[f"{unit}: {key} null value"] = {key: {"value": None, "reasoning": "x"}}
        for extra in ("source", "status", "2027", "values", "Value", "reden"):
            cases[f"{unit}: {key} with {extra}"] = {key: {"value": 0.03, "reasoning": "x", extra: "given"}}
        cases[f"{unit}: {key} with year key 2027"] = {key: {"value": 0.03, 2027: 0.03}}
        cases[f"{unit}: {key} unknown and no value"] = {key: {"status": "given", "source": "CPB"}}
    for label, key in UNKNOWN_KEYS:
        cases[f"unknown key {label}"] = {key: 0.03}
        cases[f"unknown key {label} as entry"] = {key: {"value": 0.03, "reasoning": "x"}}
    cases.update(_combined())
    return cases


def _combined() -> dict[str, Any]:
    """Several forecast values in one block, valid and invalid together."""
    return {
        "valid: every unit": {key: (0 if key == "ort_cap_scale" else 0.03) for key in BY_UNIT.values()},
        "valid: entries with reasoning": {
            "zvw_employer": {"value": 0.07, "reasoning": "Verwachting CPB"},
            "cao_rise_pct": {"value": 0.031, "reasoning": "  Gemiddelde van de laatste drie cao's  "},
            "max_premium_wage": 80000,
        },
        "valid: reasoning null": {"zvw_employer": {"value": 0.07, "reasoning": None}},
        "valid: cao rise zero": {"cao_rise_pct": 0.0},
        "three problems": {"zvw_employer": 7, "onbekend": 0.1, "cao_rise_pct": {"reasoning": "x"}},
        "every kind of problem": {
            "awf_permanent": "0,0274",
            "awf_flexible": {"value": 0.08, "bron": "CPB"},
            "whk": {"value": True},
            "franchise": -1,
            "cao_rise_pct": {"value": 0.5, "reasoning": 5},
            "2027": 0.03,
            "floor_hourly": {"value": float("nan"), "reasoning": "x" * 1001},
            "monthly_hours_factor": 0,
        },
        "valid and invalid": {"zvw_employer": 0.07, "whk": 2, "cao_rise_pct": 0.03},
        "every key at once": dict.fromkeys(KEYS, -1),
    }


CASES = _cases()


def problems_of(name: str) -> list[list[str]]:
    try:
        validate_scenario(_with(CASES[name]), BOOK)
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
    assert len(refused) > 800 and len(expected) - len(refused) > 100
    # Every problem is in the forecast block: the rest of the scenario is valid.
    assert all(path.startswith("forecast") for problems in expected.values() for path, _ in problems)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_forecast_keeps_its_dutch_messages_at_their_paths(name):
    # Compared as a multiset: the messages and paths must be exactly as recorded, in any order.
    assert sorted(problems_of(name)) == sorted(_expected()[name])


if __name__ == "__main__" and sys.argv[1:] == ["--record"]:
    record_new_cases(EXPECTED, CASES, problems_of)
