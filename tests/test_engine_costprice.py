"""The chain's branches, the team figures, the legal checklist and shown rounding."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest
from msgspec.structs import replace

from pricing.compliance import jeugdwet_elements, rounding_difference, wmo_elements
from pricing.costprice import compute
from pricing.display import COST_PRICE_PARTS, PERSONNEL_PARTS, result_json, shown_line, shown_team
from pricing.money import round_half_up
from pricing.scenario import ScenarioError, read_scenario_file, validate_scenario

ROOT = Path(__file__).resolve().parents[1]
DEMO = read_scenario_file(ROOT / "tests" / "fixtures" / "organisation.yaml")
ONE = {
    "name": "Een regel",
    "organisation": "X",
    "date": "2026-07-01",
    "employer": {"large": True},
    "staff": [{"function": "Sociaal werker", "scale": 8, "step": 5, "fte": 1, "contract": "permanent"}],
}


def run(raw):
    return compute(validate_scenario(raw))


def with_norms(**norms):
    raw = copy.deepcopy(ONE)
    raw["norms"] = norms
    return raw


def test_fte_scales_budget_but_not_tariff():
    one = run(ONE)
    raw = copy.deepcopy(ONE)
    raw["staff"][0]["fte"] = 3.5
    many = run(raw)
    assert many.team.tariff_per_hour == pytest.approx(one.team.tariff_per_hour)
    assert many.team.annual_budget == pytest.approx(3.5 * one.team.annual_budget)


def test_team_tariff_is_the_hour_weighted_average_of_the_lines():
    result = compute(validate_scenario(DEMO))
    weights = [l.fte * l.hours.billable for l in result.lines]
    average = sum(w * l.tariff_per_hour for w, l in zip(weights, result.lines)) / sum(weights)
    assert result.team.tariff_per_hour == pytest.approx(average)
    assert result.team.annual_budget == pytest.approx(sum(l.budget for l in result.lines) + 85000)


def test_simple_mode_uses_one_on_cost_percentage():
    raw = with_norms(flat_oncost_pct=0.40, productive_hours=1400)
    line = run(raw).lines[0]
    assert line.cost.personnel_cost_per_fte == pytest.approx(1.4 * line.cost.annual_salary)
    assert line.cost.employer_premiums == 0 and line.cost.pension == 0
    assert line.direct_cost_per_hour == pytest.approx(1.4 * line.cost.annual_salary / 1400)


def test_client_bound_billing_spreads_costs_over_fewer_hours():
    productive = run(ONE).lines[0]
    client = run(with_norms(billable="client_bound", client_bound_share=0.7)).lines[0]
    assert client.hours.billable == pytest.approx(0.7 * productive.hours.productive)
    assert client.tariff_per_hour == pytest.approx(productive.tariff_per_hour / 0.7)
    assert client.price_per_fte == pytest.approx(productive.price_per_fte)


def test_productivity_and_productive_hours_give_the_same_tariff():
    by_pct = run(with_norms(productivity=0.75)).lines[0]
    by_hours = run(with_norms(productive_hours=0.75 * 1878)).lines[0]
    assert by_pct.tariff_per_hour == pytest.approx(by_hours.tariff_per_hour)


def test_overhead_lines_are_divided_over_direct_personnel_cost():
    base = run(ONE)
    personnel = base.lines[0].cost.personnel_cost_per_fte
    raw = with_norms(
        overhead={
            "lines": [
                {"name": "Management", "amount": 0.1 * personnel},
                {"name": "Huisvesting", "amount": 0.1 * personnel},
            ]
        }
    )
    result = run(raw)
    assert result.overhead_pct == pytest.approx(0.2)
    assert result.overhead_source == "kostenregels"
    assert result.lines[0].overhead_per_hour == pytest.approx(0.2 * result.lines[0].direct_cost_per_hour)


def test_markup_and_share_differ_by_about_4_45_per_hour_at_25_percent():
    markup = run(ONE).lines[0]
    share = run(with_norms(overhead={"pct": 0.25, "convention": "share"})).lines[0]
    # docs/methode.md section 3.11: about EUR 4.45/h on a EUR 53 direct cost; here D = 52.05 (1 July 2026, with the
    # arbeidsmarkttoeslag, FCB levy and vitality hours: P 73,134.88 / 1,405.13 h).
    assert share.overhead_per_hour - markup.overhead_per_hour == pytest.approx(
        52.0484 / 0.75 - 52.0484 * 1.25, abs=0.01
    )
    assert 4.2 < share.overhead_per_hour - markup.overhead_per_hour < 4.5


@pytest.mark.parametrize("turnover", [None, 4_000_000])
def test_reserve_build_up_collects_the_whole_need_or_this_offers_share(turnover):
    raw = copy.deepcopy(DEMO)
    raw["norms"]["reserve"] = {"target": 1_300_000, "current": 300_000, "years": 4}
    if turnover:
        raw["norms"]["reserve"]["turnover"] = turnover
    with_reserve = compute(validate_scenario(raw))
    without = compute(validate_scenario(DEMO))
    collected = sum(l.fte * l.reserve_per_hour * l.hours.billable for l in with_reserve.lines)
    cost_base = sum(l.fte * l.cost_price_per_hour * l.hours.billable for l in without.lines)
    # Without a turnover the offer carries the whole need and says so; with the organisation's
    # turnover it carries need x (its cost base / turnover): the surcharge is need / turnover.
    expected = 250_000 if turnover is None else 250_000 / turnover * cost_base
    assert collected == pytest.approx(expected)
    assert with_reserve.reserve.offer_amount == pytest.approx(expected)
    assert with_reserve.team.annual_budget - without.team.annual_budget == pytest.approx(expected)
    assert with_reserve.reserve.annual_amount == 250_000
    assert with_reserve.reserve.whole_need is (turnover is None)
    assert any("hele jaarlijkse reservebehoefte" in w for w in with_reserve.warnings) is (turnover is None)
    if turnover:
        assert with_reserve.reserve.surcharge == pytest.approx(250_000 / turnover)
    expected_turnover = turnover or with_reserve.team.annual_budget
    assert with_reserve.reserve.pct_of_turnover == pytest.approx(250_000 / expected_turnover)
    used = {u.key: u for u in with_reserve.used}
    assert used["reserve.target"].value == 1_300_000 and used["reserve.years"].value == 4
    assert (used["reserve.turnover"].value == "niet opgegeven") is (turnover is None)
    doc = result_json(with_reserve)
    assert doc["reserve"]["annual_need"] == 250_000 and doc["reserve"]["turnover"] == turnover


def test_reserve_at_or_above_target_adds_nothing_and_says_so():
    done = run(with_norms(reserve={"target": 10000, "current": 20000, "years": 3}))
    assert done.reserve.surcharge == 0 and done.lines[0].reserve_per_hour == 0
    assert any("reserve" in w for w in done.warnings)


def test_premium_wage_is_capped():
    raw = copy.deepcopy(ONE)
    raw["staff"][0]["monthly_salary"] = 9000
    line = run(raw).lines[0]
    assert line.cost.premium_wage == 79409
    # The FCB levy runs over the whole wage bill, without the premium-wage cap.
    assert line.cost.sector_levy == pytest.approx(0.00086 * (line.cost.annual_salary + line.cost.ikb))
    assert line.cost.employer_premiums == pytest.approx(79409 * line.cost.premium_rate + line.cost.sector_levy)


def test_allowances_not_pensionable_lowers_the_pension_base():
    included = run(ONE).lines[0].cost
    excluded = run(with_norms(pensionable_allowances=False)).lines[0].cost
    assert excluded.pension_base == pytest.approx(included.annual_salary)
    assert excluded.pension < included.pension


def test_own_whk_premium_replaces_the_sector_average():
    raw = copy.deepcopy(ONE)
    raw["employer"]["whk_pct"] = 0.02
    line = run(raw).lines[0]
    base = run(ONE).lines[0]
    assert line.cost.employer_premiums - base.cost.employer_premiums == pytest.approx(
        base.cost.premium_wage * (0.02 - 0.0152)
    )
    assert any(u.key == "whk" and u.origin == "scenario" for u in run(raw).used)


def test_used_values_carry_sources_and_flag_assumptions():
    result = compute(validate_scenario(DEMO))
    keys = {u.key: u for u in result.used}
    assert keys["overhead.pct"].status == "assumption" and keys["overhead.pct"].origin == "parameter"
    assert keys["awf_permanent"].status == "sourced" and "SZW" in keys["awf_permanent"].source
    assert keys["cao_salary_table"].effective.isoformat() == "2024-07-01"
    assert keys["cao_rise_2025-10-01"].status == "sourced"
    assert "cao_rise_2026-10-01" not in keys  # the 2.1 % starts on 1 October 2026, after this date
    assert "cao_rise_2024-07-01" not in keys  # already in the table and in force on this date
    assert keys["labour_market_allowance_pct"].value == 0.0113 and "6.6" in keys["labour_market_allowance_pct"].source
    assert keys["statutory_minimum_wage_hourly"].status == "assumption"  # 1 July 2026 value not found
    assert keys["pensionable_allowances"].status == "assumption" and keys["pensionable_allowances"].value == "ja"
    assert all(u.source for u in result.used)
    given = compute(validate_scenario(with_norms(pensionable_allowances=False)))
    assert {u.key: u for u in given.used}["pensionable_allowances"].origin == "scenario"


@pytest.mark.parametrize("elements", [wmo_elements, jeugdwet_elements])
def test_legal_elements_add_up_to_the_tariff(elements):
    for raw in (DEMO, with_norms(flat_oncost_pct=0.35), with_norms(reporting_per_fte=1500, billable="client_bound")):
        result = compute(validate_scenario(raw))
        assert sum(e.per_hour for e in elements(result)) == pytest.approx(result.team.tariff_per_hour)


@pytest.mark.parametrize("elements", [wmo_elements, jeugdwet_elements])
@pytest.mark.parametrize("overhead", [0.18, 0.2137, 0.25, 0.3119])
def test_the_lines_as_shown_and_the_rounding_line_add_up_to_the_tariff_as_shown(elements, overhead):
    # Each line rounded on its own came to 68,54 under a tariff of 68,55 (a browser walkthrough).
    result = compute(validate_scenario(with_norms(overhead={"pct": overhead})))
    lines = elements(result)
    shown = sum((round_half_up(e.per_hour, 2) for e in lines), Decimal(0))
    difference = rounding_difference(lines, result.team.tariff_per_hour)
    assert shown + difference == round_half_up(result.team.tariff_per_hour, 2)
    assert abs(difference) <= Decimal("0.01") * len(lines) / 2 + Decimal("0.005")


def test_wmo_checklist_names_a_to_f_and_what_is_missing():
    result = compute(validate_scenario(DEMO))
    lines = {e.code: e for e in wmo_elements(result) if e.law == "Wmo"}
    assert sorted(lines) == list("abcdef")
    assert lines["e"].covered  # the demo has an indexation clause
    assert not lines["f"].covered and "Niet apart begroot" in lines["f"].explanation
    no_clause = copy.deepcopy(DEMO)
    del no_clause["indexation"]
    assert not {e.code: e for e in wmo_elements(compute(validate_scenario(no_clause)))}["e"].covered


def test_shown_components_add_up_to_shown_totals():
    result = compute(validate_scenario(DEMO))
    for line in result.lines:
        shown = shown_line(line)
        assert sum(shown[k] for k in PERSONNEL_PARTS) == shown["personnel_cost_per_fte"]
        assert sum(shown[k] for k in COST_PRICE_PARTS) == shown["cost_price_per_hour"]
        assert (
            shown["cost_price_per_hour"] + shown["risk_innovation_per_hour"] + shown["reserve_per_hour"]
            == shown["tariff_per_hour"]
        )
        exact = {
            "tariff_per_hour": line.tariff_per_hour,
            "direct_cost_per_hour": line.direct_cost_per_hour,
            "personnel_cost_per_fte": line.cost.personnel_cost_per_fte,
        }
        for key, value in exact.items():
            assert abs(shown[key] - Decimal(repr(value))) <= Decimal("0.01")
    team = shown_team(result.team)
    assert team["staff_budget"] + team["activity_budget"] == team["annual_budget"]


def test_json_document_has_the_documented_fields():
    doc = result_json(compute(validate_scenario(DEMO)))
    line_fields = {
        "function",
        "monthly_salary",
        "annual_salary",
        "ikb",
        "irregular",
        "career_budget",
        "employer_premiums",
        "pension",
        "other_personnel",
        "personnel_cost_per_fte",
        "productive_hours",
        "direct_cost_per_hour",
        "overhead_per_hour",
        "material_per_hour",
        "cost_price_per_hour",
        "risk_innovation_per_hour",
        "tariff_per_hour",
        "price_per_fte",
    }
    assert line_fields <= set(doc["lines"][0])
    assert {"total_fte", "tariff_per_hour", "annual_budget"} <= set(doc["team"])
    assert doc["team"]["total_fte"] == 44.0


def test_irregular_pay_above_scale_5_warns_about_the_ort_cap():
    raw = copy.deepcopy(ONE)
    raw["staff"][0]["irregular_pct"] = 0.05
    assert any("schaal 5 trede 11" in w and "Sociaal werker" in w for w in run(raw).warnings)
    low = copy.deepcopy(raw)
    low["staff"][0].update(scale=4, step=3)
    assert not any("schaal 5 trede 11" in w for w in run(low).warnings)
    assert not any("schaal 5 trede 11" in w for w in run(ONE).warnings)


def test_jeugdwet_b_holds_material_and_reporting_costs():
    result = run(with_norms(reporting_per_fte=1000))
    lines = {e.code: e for e in jeugdwet_elements(result) if e.law == "Jeugdwet"}
    assert lines["b"].per_hour == pytest.approx(result.team.material_per_hour + result.team.reporting_per_hour)
    assert not any(e.label.startswith("Materiële") for e in jeugdwet_elements(result) if e.law == "")


def test_a_left_out_norm_without_parameter_is_not_presented_as_given():
    used = {u.key: u for u in run(ONE).used}
    assert used["reporting_per_fte"].status == "assumption" and "niet opgegeven" in used["reporting_per_fte"].source
    assert used["activity_budget"].status == "assumption"
    given = {u.key: u for u in run(with_norms(reporting_per_fte=0)).used}
    assert (
        given["reporting_per_fte"].origin == "scenario" and "opgegeven in scenario" in given["reporting_per_fte"].source
    )
    demo = {u.key: u for u in compute(validate_scenario(DEMO)).used}
    assert demo["activity_budget"].origin == "scenario"


def test_arbeidsmarkttoeslag_only_on_primary_process_lines_in_scales_4_to_9():
    def salary(**line):
        raw = copy.deepcopy(ONE)
        raw["staff"][0].update(line)
        return run(raw).lines[0].cost

    on = salary(scale=4, step=3)
    assert on.labour_market_pct == 0.0113
    assert on.annual_salary == pytest.approx(12 * on.monthly_salary * 1.0113)
    assert salary(scale=9, step=3).labour_market_pct == 0.0113
    assert salary(scale=3, step=3).labour_market_pct == 0.0
    assert salary(scale=10, step=3).labour_market_pct == 0.0
    off = salary(scale=8, step=5, primary_process=False)
    assert off.labour_market_allowance == 0 and off.annual_salary == pytest.approx(12 * off.monthly_salary)
    # An own salary gets the toeslag on top unless the line says it is not primary process.
    own = salary(monthly_salary=4000)
    assert own.annual_salary == pytest.approx(48000 * 1.0113)


def test_primary_process_must_be_true_or_false():
    raw = copy.deepcopy(ONE)
    raw["staff"][0]["primary_process"] = "ja"
    with pytest.raises(ScenarioError) as info:
        validate_scenario(raw)
    assert info.value.problems[0].path == "staff[1].primary_process"
    assert "true" in info.value.problems[0].message


def test_a_cell_under_the_minimum_wage_is_lifted_with_a_warning_per_line():
    raw = copy.deepcopy(ONE)
    raw["staff"] = [
        {"function": "Assistent", "scale": 1, "step": "start", "fte": 1, "contract": "permanent"},
        {"function": "Receptie", "scale": 2, "step": "start", "fte": 1, "contract": "permanent"},
        {"function": "Sociaal werker", "scale": 8, "step": 5, "fte": 1, "contract": "permanent"},
    ]
    result = run(raw)
    assert [l.cost.monthly_salary for l in result.lines[:2]] == [pytest.approx(14.71 * 156)] * 2
    lifted = [w for w in result.warnings if "wettelijk minimumloon" in w]
    assert len(lifted) == 2 and "Assistent" in lifted[0] and "Receptie" in lifted[1]
    # From 1 October 2026 (after the 2.1 % rise) scale 1 start lies above the minimum wage.
    raw["date"] = "2026-10-01"
    assert not any("minimumloon" in w for w in run(raw).warnings)


def test_an_own_salary_under_the_minimum_wage_is_refused():
    raw = copy.deepcopy(ONE)
    raw["staff"][0]["monthly_salary"] = 14.70 * 156
    with pytest.raises(ScenarioError) as info:
        validate_scenario(raw)
    assert "wettelijk minimumloon" in info.value.problems[0].message


def test_ort_is_paid_over_at_most_scale_5_step_11_and_the_cap_never_raises_a_price():
    raw = copy.deepcopy(ONE)
    raw["date"] = "2026-12-01"
    raw["staff"][0]["irregular_pct"] = 0.10
    line = run(raw).lines[0]
    cap = 12 * 21.85 * 156 * 1.035 * 1.021 * 1.0113  # scale 5 step 11, with the toeslag on this line
    assert line.cost.ort_cap_salary == pytest.approx(cap)
    assert line.cost.irregular == pytest.approx(0.10 * cap)
    assert line.cost.irregular_uncapped == pytest.approx(0.10 * line.cost.annual_salary)
    # Below the cap nothing changes.
    low = copy.deepcopy(raw)
    low["staff"][0].update(scale=5, step=3)
    cost = run(low).lines[0].cost
    assert cost.irregular == pytest.approx(cost.irregular_uncapped)


def test_union_fee_and_internship_pay_are_organisation_costs_the_user_fills_in():
    used = {u.key: u for u in run(ONE).used}
    for key in ("union_fee_reimbursement", "internship_pay"):
        assert used[key].value == 0.0 and used[key].status == "assumption"
        assert "Geen standaardbedrag" in used[key].source and "Cao Sociaal Werk 2025-2027" in used[key].source
    raw = copy.deepcopy(DEMO)  # 44 FTE
    raw["norms"]["union_fee_reimbursement"] = 8800
    raw["norms"]["internship_pay"] = 13200
    with_costs = compute(validate_scenario(raw))
    without = compute(validate_scenario(DEMO))
    for a, b in zip(with_costs.lines, without.lines):
        assert a.cost.org_cao_costs == pytest.approx(22000 / 44)
        assert a.cost.personnel_cost_per_fte - b.cost.personnel_cost_per_fte == pytest.approx(500)
    assert with_costs.team.personnel_cost - without.team.personnel_cost == pytest.approx(22000)
    given = {u.key: u for u in with_costs.used}
    assert given["internship_pay"].origin == "scenario" and given["internship_pay"].value == 13200


def test_the_cost_price_page_lists_what_each_cao_rule_contributes():
    from pricing.breakdown import cao_rule_effects

    raw = copy.deepcopy(ONE)
    raw["date"] = "2026-12-01"
    raw["staff"][0].update(irregular_pct=0.10, persons=2, on_call={"weekdays": 26, "weekend_days": 13})
    result = run(raw)
    line = result.lines[0]
    effects = {e.rule: e for e in cao_rule_effects(result)}
    assert effects["Arbeidsmarkttoeslag middeninkomens"].amount == pytest.approx(line.cost.labour_market_allowance)
    assert effects["Maximum onregelmatigheidstoeslag"].amount == pytest.approx(
        line.cost.irregular - line.cost.irregular_uncapped
    )
    assert effects["Maximum onregelmatigheidstoeslag"].amount < 0
    assert effects["Sectorbijdrage FCB"].amount == pytest.approx(line.cost.sector_levy)
    assert effects["Zorgbijdrage per persoon"].amount == pytest.approx(120)  # 2 persons on 1 FTE
    assert effects["Vitaliteitsuren"].amount == pytest.approx(14.4) and effects["Consignatie"].amount == pytest.approx(
        52
    )
    assert all(e.article for e in effects.values())
    plain = {e.rule for e in cao_rule_effects(run(with_norms(flat_oncost_pct=0.3, productive_hours=1400)))}
    assert "Vitaliteitsuren" not in plain and "Consignatie" not in plain


def test_lines_that_differ_in_one_field_each_get_their_own_cost_and_hours():
    # compute() shares a personnel cost between lines equal in what it reads, and the hours between
    # lines with the same age band and on-call days: every line must still get what it gets alone.
    scenario = validate_scenario(ONE)
    base = scenario.staff[0]
    variants = [
        replace(base, function="Andere functie"),
        replace(base, scale=9),
        replace(base, step="6"),
        replace(base, contract="flexible"),
        replace(base, monthly_salary=4000.0),
        replace(base, irregular_pct=0.05),
        replace(base, pension_entry_step=3),
        replace(base, primary_process=False),
        replace(base, persons=2.0),
        replace(base, persons=2.0, fte=0.5),
        replace(base, age_band="50+"),
        replace(base, on_call_weekdays=20.0),
        replace(base, on_call_weekend_days=10.0),
    ]
    # A field added to StaffLine later must be varied here too (and, if the personnel cost reads it,
    # be in personnel_cost.cost_key): every field but the FTE, which only counts with a headcount.
    names = base.__struct_fields__
    varied = {name for name in names for v in variants if getattr(v, name) != getattr(base, name)}
    not_varied = set(names) - varied - {"fte"}
    assert not not_varied, sorted(not_varied)
    together = compute(replace(scenario, staff=(base, *variants)))
    for line, shared in zip((base, *variants), together.lines):
        alone = compute(replace(scenario, staff=(line,))).lines[0]
        assert (shared.cost, shared.hours) == (alone.cost, alone.hours), line
    assert len({line.cost.personnel_cost_per_fte for line in together.lines[1:]}) >= 8
