"""The one Dutch message map (pricing.input_errors) covers every error the scenario's input models
can give: each hostile value on each field of each model gets a Dutch message at the field's path,
never pydantic's English text and never the map's fallback."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from pricing.scenario import ScenarioError, read_scenario_file, validate_scenario
from pricing.scenario_input import (
    EmployerInput,
    HoursInput,
    IndexationInput,
    NormsInput,
    OnCallInput,
    OverheadInput,
    OverheadLineInput,
    ReserveInput,
    ScenarioInput,
    StaffLineInput,
)

ROOT = Path(__file__).resolve().parents[1]
DEMO = read_scenario_file(ROOT / "tests" / "fixtures" / "organisation.yaml")
HOSTILE = [
    None,
    "",
    "  ",
    "12",
    "x" * 2001,
    -1,
    0,
    0.5,
    10**400,
    float("nan"),
    float("inf"),
    True,
    [],
    [1],
    {},
    {"a": 1},
]
ENGLISH = ("Input should", "Field required", "Extra inputs", "should be", "valid")

# Where each model sits in a scenario built from the demo.
PLACES = {
    ScenarioInput: ((), ""),
    EmployerInput: (("employer",), "employer"),
    IndexationInput: (("indexation",), "indexation"),
    StaffLineInput: (("staff", 0), "staff[1]"),
    OnCallInput: (("staff", 0, "on_call"), "staff[1].on_call"),
    NormsInput: (("norms",), "norms"),
    HoursInput: (("norms", "hours"), "norms.hours"),
    OverheadInput: (("norms", "overhead"), "norms.overhead"),
    OverheadLineInput: (("norms", "overhead", "lines", 0), "norms.overhead.lines[1]"),
    ReserveInput: (("norms", "reserve"), "norms.reserve"),
}
STARTS = {
    "indexation": {},
    "on_call": {"weekdays": 1},
    "reserve": {"target": 100, "current": 50, "years": 2},
    "lines": [{"name": "ICT", "amount": 1000}],
}


def _scenario_with(model, key, value) -> dict:
    raw = copy.deepcopy(DEMO)
    raw.setdefault("indexation", {})
    raw["staff"][0]["on_call"] = copy.deepcopy(STARTS["on_call"])
    raw["norms"]["reserve"] = copy.deepcopy(STARTS["reserve"])
    if model is OverheadLineInput:
        raw["norms"]["overhead"] = {"lines": copy.deepcopy(STARTS["lines"])}
    if model is HoursInput:
        raw["norms"] = {k: v for k, v in raw["norms"].items() if k not in ("productivity", "productive_hours")}
        raw["norms"]["hours"] = {"contract": 1878}
    target = raw
    for part in PLACES[model][0]:
        target = target[part]
    target[key] = value
    return raw


CASES = [
    (model, key, value)
    for model in PLACES
    for key in [*model.model_fields, "onbekend"]
    if not (model is ScenarioInput and key in ("contract", "forecast", "date", "norms"))  # validated elsewhere
    for value in HOSTILE
]


@pytest.mark.parametrize(("model", "key", "value"), CASES, ids=lambda v: getattr(v, "__name__", None) or repr(v)[:12])
def test_every_error_of_the_input_models_has_a_dutch_message_at_the_field(model, key, value):
    raw = _scenario_with(model, key, value)
    try:
        validate_scenario(raw)
    except ScenarioError as error:
        problems = error.problems
    else:
        return  # a value the field accepts
    prefix = PLACES[model][1]
    for problem in problems:
        assert not any(word in problem.message for word in ENGLISH), problem
        assert not problem.message.startswith("ongeldige waarde"), problem
        assert problem.message and problem.path.startswith(prefix), problem
