"""Staff lines remembered between validations (pricing/memo.py): a remembered line is exactly the line
a fresh validation gives, for the same content, edition and date only; a line with a problem is
never remembered, so its messages come every time."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

import pricing.scenario as scenario_module
from pricing.forecast import ScenarioForecast
from pricing.memo import Memo, content_key
from pricing.parameters import default_parameter_book
from pricing.scenario import ScenarioError, read_scenario_file, remembered_lines, validate_scenario

ROOT = Path(__file__).resolve().parents[1]
DEMO = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
BOOK = default_parameter_book()


def _outcome(raw, remembered=None):
    """The validated scenario, or the problems as (path, message) in their order."""
    try:
        return validate_scenario(raw, BOOK, remembered)
    except ScenarioError as error:
        return [(p.path, p.message) for p in error.problems]


def _counting_validations(monkeypatch) -> list[str]:
    """The paths of the staff lines validated by their model from now on (the real validation runs)."""
    seen: list[str] = []
    model = scenario_module._Collector.model

    def counted(self, model_class, value, prefix="", context=None):
        if prefix.startswith("staff["):
            seen.append(prefix)
        return model(self, model_class, value, prefix, context)

    monkeypatch.setattr(scenario_module._Collector, "model", counted)
    return seen


@pytest.mark.parametrize(
    ("one", "other"),
    [(1, 1.0), (True, 1), (0.0, -0.0), ("1", 1), (None, "None"), ([1], [1.0]), ({"a": 1}, {"a": True})],
)
def test_content_keys_tell_types_apart(one, other):
    assert content_key(one) is not None and content_key(other) is not None
    assert content_key(one) != content_key(other)
    assert content_key(copy.deepcopy(one)) == content_key(one)


@pytest.mark.parametrize("value", [object(), (1, 2), {1: "a"}, {"a": {1.5}}, [object()], b"1", 1 + 2j])
def test_no_key_for_anything_but_plain_data(value):
    assert content_key(value) is None


def test_a_memo_keeps_its_most_recently_used_entries():
    memo: Memo[int] = Memo(2)
    memo.put("a", 1)
    memo.put("b", 2)
    assert memo.get("a") == 1  # now "b" is the least recently used
    memo.put("c", 3)
    assert (memo.get("a"), memo.get("b"), memo.get("c"), len(memo)) == (1, None, 3, 2)


def test_an_edit_validates_only_the_line_it_changed(monkeypatch):
    remembered = remembered_lines()
    raw = copy.deepcopy(DEMO)
    first = validate_scenario(raw, BOOK, remembered)
    seen = _counting_validations(monkeypatch)
    raw["staff"][2]["fte"] = raw["staff"][2]["fte"] + 0.25
    again = validate_scenario(raw, BOOK, remembered)
    assert seen == ["staff[3]"]
    assert again.staff[2].fte == first.staff[2].fte + 0.25
    assert again == validate_scenario(copy.deepcopy(raw), BOOK)  # the same as without a memo


def test_without_a_memo_every_line_is_validated(monkeypatch):
    validate_scenario(DEMO, BOOK)
    seen = _counting_validations(monkeypatch)
    validate_scenario(DEMO, BOOK)
    assert len(seen) == len(DEMO["staff"])


def test_a_line_with_a_problem_is_reported_every_time():
    remembered = remembered_lines()
    raw = copy.deepcopy(DEMO)
    raw["staff"][1]["fte"] = -1
    first = _outcome(raw, remembered)
    assert isinstance(first, list) and any(path.startswith("staff[2]") for path, _ in first)
    assert _outcome(raw, remembered) == first == _outcome(raw)


def test_a_remembered_line_is_checked_again_against_another_edition():
    """The same line is valid in the shipped edition and refused in an edition whose salary table
    lacks its scale: the line remembered under the first is not handed to the second."""
    remembered = remembered_lines()
    raw = copy.deepcopy(DEMO)
    scale = raw["staff"][0]["scale"]
    validate_scenario(raw, BOOK, remembered)
    scales = {s: row for s, row in BOOK.salary.scales.items() if s != scale}
    other = replace(BOOK, salary=replace(BOOK.salary, scales=scales))
    with pytest.raises(ScenarioError) as info:
        validate_scenario(raw, other, remembered)
    assert any(p.path == "staff[1].scale" for p in info.value.problems)


def test_a_remembered_line_is_checked_again_on_another_date():
    """A monthly salary above the statutory minimum wage of one year and under that of a later
    year: remembered on the first date, refused on the second."""
    remembered = remembered_lines()
    raw = copy.deepcopy(DEMO)
    raw.pop("contract", None)
    early, late = dt.date(2025, 1, 1), dt.date(2026, 7, 1)
    factor = BOOK.value("monthly_hours_factor", late)
    legal_late = BOOK.value("statutory_minimum_wage_hourly", late) * factor
    legal_early = BOOK.value("statutory_minimum_wage_hourly", early) * BOOK.value("monthly_hours_factor", early)
    floor_late = max(legal_late, BOOK.value("floor_hourly", late) * factor)
    floor_early = max(legal_early, BOOK.value("floor_hourly", early) * BOOK.value("monthly_hours_factor", early))
    assert floor_early < floor_late  # the premise of this test: the floor rose between the dates
    raw["staff"][0]["monthly_salary"] = round((floor_early + floor_late) / 2, 2)
    raw["date"] = early
    assert not isinstance(_outcome(raw, remembered), list)
    raw["date"] = late
    refused = _outcome(raw, remembered)
    assert isinstance(refused, list) and any(path == "staff[1].monthly_salary" for path, _ in refused)


def test_the_same_forecast_on_the_same_edition_gives_the_same_edition():
    one = ScenarioForecast({"other_personnel_pct": 0.01}, {"other_personnel_pct": "aanname"})
    same = ScenarioForecast({"other_personnel_pct": 0.01}, {"other_personnel_pct": "aanname"})
    other = ScenarioForecast({"other_personnel_pct": 0.02}, {"other_personnel_pct": "aanname"})
    assert one.apply(BOOK) is same.apply(BOOK)
    assert other.apply(BOOK) is not one.apply(BOOK)
    assert other.apply(BOOK) == BOOK.with_forecast(other.values, other.reasons)


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 20),
    st.floats(-2, 20, allow_nan=False),
    st.sampled_from(["", "start", "U1", "3", "1,5", "vast", "permanent", "flexible", "Functie"]),
)
_KEYS = st.sampled_from(
    ["function", "scale", "step", "fte", "contract", "irregular_pct", "monthly_salary", "persons", "onbekend"]
)


@settings(max_examples=150, deadline=None)
@given(edits=st.lists(st.tuples(st.integers(0, 7), _KEYS, _VALUES), min_size=1, max_size=6))
def test_a_sequence_of_edits_validates_as_without_a_memo(edits):
    """Edits as a user makes them in the grid, one after another, each validated with the shared memo
    and on its own: the same scenario or the same messages in the same order, every time."""
    remembered = remembered_lines()
    raw = copy.deepcopy(DEMO)
    _outcome(raw, remembered)
    for row, key, value in edits:
        raw["staff"][row % len(raw["staff"])][key] = value
        assert _outcome(raw, remembered) == _outcome(copy.deepcopy(raw))
