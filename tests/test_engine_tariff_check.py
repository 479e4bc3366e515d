"""The municipal buyer's tariff check; implied figures are confirmed by re-running the chain."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from pricing.costprice import compute, with_productive_hours
from pricing.scenario import read_scenario_file, validate_scenario
from pricing.tariff_check import TariffInputError, check_tariff

ROOT = Path(__file__).resolve().parents[1]
DEMO = read_scenario_file(ROOT / "tests" / "fixtures" / "organisation.yaml")
RESULT = compute(validate_scenario(DEMO))


def test_verdict_thresholds_follow_the_chain():
    team = RESULT.team
    assert check_tariff(RESULT, team.tariff_per_hour).verdict == "realistic"
    assert check_tariff(RESULT, team.tariff_per_hour + 5).verdict == "realistic"
    assert check_tariff(RESULT, (team.tariff_per_hour + team.cost_price_per_hour) / 2).verdict == "tight"
    assert check_tariff(RESULT, team.cost_price_per_hour).verdict == "tight"
    assert check_tariff(RESULT, team.cost_price_per_hour - 0.02).verdict == "below_cost"
    assert check_tariff(RESULT, 50).verdict_label == "onder kostprijs"


def test_gap_per_hour_percent_and_year():
    check = check_tariff(RESULT, 64.0)
    assert check.gap_per_hour == pytest.approx(64.0 - RESULT.team.tariff_per_hour)
    assert check.gap_pct == pytest.approx(check.gap_per_hour / RESULT.team.tariff_per_hour)
    assert check.gap_per_year == pytest.approx(check.gap_per_hour * RESULT.team.billable_hours)
    assert check.hours_short_per_year == pytest.approx(-check.gap_per_year / RESULT.team.tariff_per_hour)
    assert check.fte_short == pytest.approx(check.hours_short_per_year / RESULT.hours.billable)


@pytest.mark.parametrize("offered", [55.0, 64.0, 71.11, 80.0])
def test_implied_productivity_makes_the_chain_meet_the_offer(offered):
    check = check_tariff(RESULT, offered)
    scenario = with_productive_hours(RESULT.scenario, check.implied_productive_hours)
    assert compute(scenario).team.tariff_per_hour == pytest.approx(offered, abs=1e-6)
    assert check.implied_productivity == pytest.approx(check.implied_productive_hours / 1878)


def test_implied_productivity_with_client_bound_billing():
    raw = copy.deepcopy(DEMO)
    raw["norms"].update(billable="client_bound", client_bound_share=0.7)
    result = compute(validate_scenario(raw))
    check = check_tariff(result, 85.0)
    again = compute(with_productive_hours(result.scenario, check.implied_productive_hours))
    assert again.team.tariff_per_hour == pytest.approx(85.0, abs=1e-6)


@pytest.mark.parametrize("convention", ["markup", "share"])
def test_implied_overhead_makes_the_chain_meet_the_offer(convention):
    raw = copy.deepcopy(DEMO)
    raw["norms"]["overhead"] = {"pct": 0.25, "convention": convention}
    result = compute(validate_scenario(raw))
    check = check_tariff(result, 66.0)
    raw["norms"]["overhead"]["pct"] = check.implied_overhead_pct
    assert compute(validate_scenario(raw)).team.tariff_per_hour == pytest.approx(66.0, abs=1e-6)


def test_no_overhead_fits_an_offer_below_direct_costs():
    check = check_tariff(RESULT, 40.0)
    assert check.implied_overhead_pct is None
    assert check.verdict == "below_cost"


def test_per_fte_offer_is_converted_with_billable_hours():
    per_fte = RESULT.team.price_per_fte
    check = check_tariff(RESULT, per_fte, per="fte")
    assert check.offered == pytest.approx(per_fte / RESULT.hours.billable)
    assert check.verdict == "realistic"


@pytest.mark.parametrize("bad", [0, -5, float("nan"), float("inf"), 1e9, "70", True])
def test_bad_offers_give_a_dutch_message(bad):
    with pytest.raises(TariffInputError, match="tarief|Tarief"):
        check_tariff(RESULT, bad)


def test_impossible_productivity_is_flagged():
    low = check_tariff(RESULT, 40.0)
    assert low.implied_productive_hours > RESULT.hours.contract
    assert not low.productivity_feasible and "Onhaalbaar" in low.productivity_note
    fair = check_tariff(RESULT, RESULT.team.tariff_per_hour + 1)
    assert fair.productivity_feasible and "Haalbaar" in fair.productivity_note


@pytest.mark.parametrize("ratio", [0.25, 0.5, 1.0, 2.0, 4.0])
def test_an_offer_within_the_plausible_ratio_gets_no_note(ratio):
    realistic = RESULT.team.tariff_per_hour
    assert check_tariff(RESULT, realistic * ratio).plausibility_note is None
    assert check_tariff(RESULT, realistic * ratio * RESULT.hours.billable, "fte").plausibility_note is None


@pytest.mark.parametrize("ratio", [0.001, 0.2, 4.2, 50.0])
def test_an_offer_far_from_the_realistic_tariff_gets_a_note_and_keeps_its_verdict(ratio):
    realistic = RESULT.team.tariff_per_hour
    check = check_tariff(RESULT, realistic * ratio)
    assert check.plausibility_note is not None and check.plausibility_note.startswith("Let op: het aangeboden tarief")
    expected = "realistic" if ratio > 1 else "below_cost"
    assert check.verdict == expected  # the note says what to check; the verdict is the chain's


def test_thousands_typed_with_a_comma_per_fte_are_named_with_both_readings():
    # 95,033 per FTE per year is € 95,03: the buyer meant 95.033, or an amount per hour.
    note = check_tariff(RESULT, 95.033, "fte").plausibility_note
    assert "(€ 95,033 per FTE per jaar)" in note
    assert "Als bedrag per uur (€ 95,033) past het wel: kies dan 'per uur'" in note
    assert "of bedoelde u € 95.033? Een komma staat voor de decimalen" in note


def test_a_whole_amount_gets_no_thousands_reading():
    note = check_tariff(RESULT, 3500, "hour").plausibility_note
    assert note is not None and "bedoelde u" not in note and "past het wel" not in note
