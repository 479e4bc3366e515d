"""Invariants of the chain over generated scenarios (hypothesis)."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pricing.costprice import compute
from pricing.scenario import ScenarioError, validate_scenario
from tests.example_counts import examples

SETTINGS = settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])

steps = st.sampled_from(["start", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 13, "U1", "U2"])
staff_line = st.fixed_dictionaries(
    {
        "function": st.sampled_from(["Sociaal werker", "Jongerenwerker", "Teamleider", "Łódź & <b>R&D</b>"]),
        "scale": st.integers(1, 13),
        "step": steps,
        "fte": st.one_of(st.floats(0.05, 40, allow_nan=False), st.floats(1e-9, 1e-3)),
        "contract": st.sampled_from(["permanent", "flexible"]),
    },
    optional={
        "irregular_pct": st.floats(0, 0.45),
        "monthly_salary": st.floats(2200, 12000),
        "pension_entry_step": st.integers(1, 8),
        "primary_process": st.booleans(),
        "age_band": st.sampled_from(["<30", "30-39", "40-44", "45-49", "50+"]),
        "on_call": st.fixed_dictionaries({"weekdays": st.integers(0, 60), "weekend_days": st.integers(0, 30)}),
    },
)
hours_norm = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "hours": st.fixed_dictionaries(
                {},
                optional={
                    "sick_pct": st.floats(0, 0.2),
                    "training": st.floats(0, 120),
                    "meetings": st.floats(0, 200),
                },
            ),
        },
    ),
    st.fixed_dictionaries({"productivity": st.floats(0.3, 1.0)}),
    st.fixed_dictionaries({"productive_hours": st.floats(600, 1878)}),
)
other_norms = st.fixed_dictionaries(
    {},
    optional={
        "billable": st.sampled_from(["productive", "client_bound"]),
        "client_bound_share": st.floats(0.3, 1.0),
        "other_personnel_pct": st.floats(0, 0.1),
        "overhead": st.fixed_dictionaries(
            {"pct": st.floats(0, 0.6), "convention": st.sampled_from(["markup", "share"])}
        ),
        "material_per_fte": st.floats(0, 20000),
        "reporting_per_fte": st.floats(0, 5000),
        "risk_pct": st.floats(0, 0.05),
        "innovation_pct": st.floats(0, 0.05),
        "reserve": st.fixed_dictionaries(
            {"target": st.floats(0, 1e6), "current": st.floats(0, 1e6), "years": st.integers(1, 10)}
        ),
        "flat_oncost_pct": st.floats(0.1, 0.8),
        "pensionable_allowances": st.booleans(),
    },
)
# Mostly dates the data covers, sometimes dates it does not (validation must refuse those cleanly).
dates = st.one_of(
    st.dates(dt.date(2024, 7, 1), dt.date(2026, 12, 31)), st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31))
)


@st.composite
def scenarios(draw):
    norms = {**draw(hours_norm), **draw(other_norms)}
    return {
        "name": "Gegenereerd",
        "organisation": "Test",
        "date": draw(dates).isoformat(),
        "employer": {"large": draw(st.booleans())},
        "staff": draw(st.lists(staff_line, min_size=1, max_size=6)),
        "norms": norms,
        "activity_budget": draw(st.floats(0, 1e6)),
    }


def _valid(raw):
    try:
        return validate_scenario(raw)
    except ScenarioError:
        return None


@SETTINGS
@given(scenarios())
def test_any_valid_scenario_computes_and_components_add_up(raw):
    scenario = _valid(raw)
    if scenario is None:  # e.g. an own salary below the floor for that date; validation said why
        return
    result = compute(scenario)
    for line in result.lines:
        c = line.cost
        parts = (
            c.annual_salary
            + c.ikb
            + c.irregular
            + c.career_budget
            + c.employer_premiums
            + c.pension
            + c.other_personnel
            + c.flat_oncost
            + c.org_cao_costs
        )
        assert parts == pytest.approx(c.personnel_cost_per_fte)
        assert (
            line.direct_cost_per_hour + line.overhead_per_hour + line.material_per_hour + line.reporting_per_hour
            == pytest.approx(line.cost_price_per_hour)
        )
        assert line.cost_price_per_hour + line.risk_innovation_per_hour + line.reserve_per_hour == pytest.approx(
            line.tariff_per_hour
        )
        assert line.tariff_per_hour >= line.cost_price_per_hour >= line.direct_cost_per_hour > 0
    team = result.team
    assert team.annual_budget == pytest.approx(sum(l.budget for l in result.lines) + team.activity_budget)
    assert team.cost_price_per_hour <= team.tariff_per_hour + 1e-9


@SETTINGS
@given(scenarios(), st.floats(0.0, 0.3))
def test_more_overhead_never_lowers_the_tariff(raw, extra):
    scenario = _valid(raw)
    if scenario is None:
        return
    before = compute(scenario).team.tariff_per_hour
    more = copy.deepcopy(raw)
    overhead = dict(more["norms"].get("overhead") or {"pct": 0.25, "convention": "markup"})
    overhead["pct"] = min(overhead.get("pct", 0.25) + extra, 0.95)
    more["norms"]["overhead"] = overhead
    raised = _valid(more)
    base_pct = scenario.norms.overhead_pct
    if raised is None or raised.norms.overhead_pct < base_pct:
        return
    assert compute(raised).team.tariff_per_hour >= before - 1e-9


@SETTINGS
@given(scenarios(), st.floats(0.5, 1.0))
def test_fewer_productive_hours_never_lower_the_tariff_and_price_per_fte_is_invariant(raw, factor):
    scenario = _valid(raw)
    if scenario is None:
        return
    result = compute(scenario)
    from pricing.costprice import with_productive_hours

    # Below every line's own hours (lines may have their own vitality and on-call hours).
    fewer = compute(with_productive_hours(scenario, min(l.hours.productive for l in result.lines) * factor))
    assert fewer.team.tariff_per_hour >= result.team.tariff_per_hour - 1e-9
    # The tariff is a per-FTE constant spread over billable hours: what the tariff check relies on.
    if scenario.norms.reserve is None or scenario.norms.reserve.turnover is None:
        assert fewer.team.price_per_fte == pytest.approx(result.team.price_per_fte)


corruptions = st.sampled_from(
    [
        ("staff", 0, "fte", -1.0),
        ("staff", 0, "fte", float("nan")),
        ("staff", 0, "scale", 0),
        ("staff", 0, "scale", "acht"),
        ("staff", 0, "step", -3),
        ("staff", 0, "step", 2.5),
        ("staff", 0, "contract", None),
        ("staff", 0, "irregular_pct", 2.0),
        ("staff", 0, "monthly_salary", float("inf")),
        ("norms", None, "productivity", 1.5),
        ("norms", None, "risk_pct", -0.1),
        ("norms", None, "material_per_fte", "veel"),
        ("norms", None, "overhead", {"pct": float("nan")}),
        ("norms", None, "billable", "alles"),
        ("top", None, "date", "gisteren"),
        ("top", None, "employer", {"large": 1}),
        ("top", None, "staff", []),
        ("top", None, "activity_budget", -10),
        ("top", None, "name", ""),
        ("top", None, "norms", [1, 2]),
    ]
)


@SETTINGS
@given(scenarios(), corruptions)
def test_any_invalid_scenario_gives_a_validation_error_not_a_crash(raw, corruption):
    where, index, key, value = corruption
    bad = copy.deepcopy(raw)
    if where == "staff":
        bad["staff"][index][key] = value
    elif where == "norms":
        bad["norms"][key] = value
        for other in ("hours", "productive_hours") if key == "productivity" else ():
            bad["norms"].pop(other, None)
    else:
        bad[key] = value
    with pytest.raises(ScenarioError) as info:
        validate_scenario(bad)
    assert info.value.problems and all(p.message for p in info.value.problems)


@settings(max_examples=examples(200), deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
        lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
        max_leaves=25,
    )
)
def test_arbitrary_data_never_crashes_validation(raw):
    try:
        validate_scenario(raw)
    except ScenarioError as exc:
        assert exc.problems


def _line_tariffs(raw):
    scenario = _valid(raw)
    return None if scenario is None else [l.tariff_per_hour for l in compute(scenario).lines]


@SETTINGS
@given(scenarios(), st.integers(0, 3), st.integers(0, 20), st.integers(0, 10))
def test_more_vitality_or_on_call_hours_never_lower_the_tariff(raw, band_up, more_weekdays, more_weekend):
    before = _line_tariffs(raw)
    if before is None:
        return
    bands = ["<30", "30-39", "40-44", "45-49", "50+"]
    more = copy.deepcopy(raw)
    for line in more["staff"]:
        band = line.get("age_band", "40-44")
        line["age_band"] = bands[min(bands.index(band) + band_up, 4)]
        oc = dict(line.get("on_call") or {"weekdays": 0, "weekend_days": 0})
        oc["weekdays"] = oc.get("weekdays", 0) + more_weekdays
        oc["weekend_days"] = oc.get("weekend_days", 0) + more_weekend
        line["on_call"] = oc
    after = _line_tariffs(more)
    if after is None:  # e.g. more than the CAO's 91 on-call days a year: refused, and said why
        return
    for b, a in zip(before, after):
        assert a >= b - 1e-9


@SETTINGS
@given(scenarios(), st.floats(1.0, 3.0))
def test_a_headcount_above_the_fte_never_lowers_the_cost_per_fte(raw, ratio):
    scenario = _valid(raw)
    if scenario is None:
        return
    before = [l.cost.personnel_cost_per_fte for l in compute(scenario).lines]
    more = copy.deepcopy(raw)
    for line in more["staff"]:
        line["persons"] = line["fte"] * ratio
    counted = _valid(more)
    if counted is None:
        return
    for b, line in zip(before, compute(counted).lines):
        assert line.cost.personnel_cost_per_fte >= b - 1e-6


@SETTINGS
@given(scenarios())
def test_the_ort_cap_never_raises_a_price(raw):
    scenario = _valid(raw)
    if scenario is None:
        return
    from pricing.costprice import personnel_cost

    result = compute(scenario)
    for staff, line in zip(scenario.staff, result.lines):
        assert line.cost.irregular <= line.cost.irregular_uncapped + 1e-9
        assert line.cost.irregular <= line.irregular_pct * line.cost.annual_salary + 1e-9
        # The same line priced without the cap costs at least as much per FTE.
        january = (
            line.cost.pension_salary / 12 / (1 + line.cost.labour_market_pct) if line.cost.pension_salary else None
        )
        uncapped = personnel_cost(
            staff,
            line.cost.monthly_salary,
            line.cost.salary_source,
            result.rates,
            scenario.norms,
            scenario.employer_large,
            None,
            january,
        )
        assert line.cost.personnel_cost_per_fte <= uncapped.personnel_cost_per_fte + 1e-6
