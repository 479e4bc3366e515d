"""Scenario comparison: substitution in chain order, steps adding up exactly, clean API."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pricing.compare import GROUPS, CompareError, compare_scenarios, scenario_to_raw
from pricing.costprice import compute
from pricing.money import round_half_up
from pricing.scenario import read_scenario_file, validate_scenario

ROOT = Path(__file__).resolve().parents[1]

DEMO = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
MUNICIPALITY = read_scenario_file(ROOT / "examples" / "gemeente.yaml")


def _tariff(raw) -> float:
    return compute(validate_scenario(raw)).team.tariff_per_hour


def test_demo_against_municipality_adds_up_exactly():
    c = compare_scenarios(DEMO, MUNICIPALITY)
    assert c.tariff_a == _tariff(DEMO) and c.tariff_b == _tariff(MUNICIPALITY)
    assert sum(s.effect for s in c.steps) == pytest.approx(c.total_gap, abs=1e-9)
    assert c.steps[-1].tariff_after == pytest.approx(c.tariff_b, abs=1e-9)
    assert sum(s.shown_effect for s in c.steps) == c.shown_gap == round_half_up(c.tariff_b) - round_half_up(c.tariff_a)
    positions = [s.position for s in c.steps]
    assert positions == sorted(positions)  # chain order
    assert [s.key for s in c.steps] == [
        "staff",
        "premiums",
        "other_personnel",
        "hours",
        "overhead",
        "material",
        "risk",
        "innovation",
        "activity",
    ]
    # Only formally different (billable, reporting written out with the same value): no step.
    assert set(c.formal_only) == {"Definitie declarabele uren", "Kosten gemeentelijke verplichtingen"}
    overhead = next(s for s in c.steps if s.key == "overhead")
    assert overhead.differences[0].a == "25,0 % als opslag op directe kosten"
    assert overhead.differences[0].b == "20,0 % als opslag op directe kosten"
    activity = next(s for s in c.steps if s.key == "activity")
    assert activity.effect == 0 and activity.budget_effect == pytest.approx(-25_000)


def test_each_step_is_the_engine_recomputed_with_one_more_group_of_b():
    c = compare_scenarios(DEMO, MUNICIPALITY)
    raw = {k: v for k, v in copy.deepcopy(DEMO).items() if k != "contract"}
    raw["norms"]["overhead"] = {"pct": 0.25, "convention": "markup"}
    # By hand, the first step: the staff of B in A.
    raw["staff"] = copy.deepcopy(MUNICIPALITY["staff"])
    assert c.steps[0].tariff_after == _tariff(raw)


def test_same_scenario_has_no_steps_and_order_is_stated():
    c = compare_scenarios(DEMO, copy.deepcopy(DEMO))
    assert c.steps == () and c.total_gap == 0 and c.shown_gap == Decimal("0.00")
    assert c.order == tuple(g.label for g in GROUPS)
    assert c.order_text.startswith("Volgorde van vervanging")
    assert "Peildatum" in c.order_text.split("→")[0]


def test_accepts_validated_scenarios_and_round_trips_them():
    a, b = validate_scenario(DEMO), validate_scenario(MUNICIPALITY)
    c = compare_scenarios(a, b)
    assert c.total_gap == pytest.approx(compare_scenarios(DEMO, MUNICIPALITY).total_gap, abs=1e-9)
    again = validate_scenario(scenario_to_raw(b))
    assert compute(again).team.tariff_per_hour == compute(b).team.tariff_per_hour


def test_date_step_and_convention_switch():
    b = copy.deepcopy(DEMO)
    b["date"] = "2025-07-01"
    b["norms"]["overhead"]["convention"] = "share"
    c = compare_scenarios(DEMO, b)
    assert [s.key for s in c.steps] == ["date", "overhead"]
    assert c.steps[0].differences[0].b == "1 juli 2025"
    assert c.steps[1].effect > 0


def test_invalid_input_is_refused_with_dutch_problems():
    bad = copy.deepcopy(MUNICIPALITY)
    bad["staff"][0]["fte"] = -1
    with pytest.raises(CompareError) as info:
        compare_scenarios(DEMO, bad)
    assert "Scenario B is ongeldig" in str(info.value)
    assert info.value.problems[0].path == "staff[1].fte"


@settings(max_examples=25, deadline=None)
@given(
    overhead=st.floats(0.0, 0.6),
    sick=st.floats(0.0, 0.2),
    material=st.floats(0, 20000),
    risk=st.floats(0, 0.05),
    fte=st.floats(0.1, 30),
    share=st.booleans(),
    client=st.booleans(),
)
def test_steps_always_add_up_to_the_total_gap(overhead, sick, material, risk, fte, share, client):
    b = copy.deepcopy(MUNICIPALITY)
    b["norms"]["overhead"] = {"pct": overhead, "convention": "share" if share else "markup"}
    b["norms"]["hours"]["sick_pct"] = sick
    b["norms"]["material_per_fte"] = material
    b["norms"]["risk_pct"] = risk
    b["norms"]["billable"] = "client_bound" if client else "productive"
    b["staff"][0]["fte"] = fte
    c = compare_scenarios(DEMO, b)
    assert sum(s.effect for s in c.steps) == pytest.approx(c.total_gap, abs=1e-9)
    assert sum(s.shown_effect for s in c.steps) == c.shown_gap
