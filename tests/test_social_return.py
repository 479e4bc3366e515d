"""Social return per task: validation, the SEOR default with its caveat, discounting, per actor."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from pricing.contract import contract_budget, net_present_value
from pricing.costprice import compute
from pricing.scenario import ScenarioError, read_scenario_file, validate_scenario
from pricing.social_return import (
    ACTORS,
    CAVEAT,
    SEOR_RATIO,
    SEOR_SOURCE,
    range_note,
    social_return,
    task_costs,
)

ROOT = Path(__file__).resolve().parents[1]
DEMO = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")


def _budget(mutate=None):
    raw = copy.deepcopy(DEMO)
    if mutate:
        mutate(raw["contract"])
    return contract_budget(compute(validate_scenario(raw)))


def test_default_ratio_is_seor_with_its_caveat():
    assert SEOR_RATIO == 1.6
    assert "32 business cases" in SEOR_SOURCE and "SEOR" in SEOR_SOURCE
    assert CAVEAT.startswith("Schatting") and "niet op te schalen" in CAVEAT

    def switch_on(c):
        c["tasks"][2]["social_return"] = True

    estimates = {sr.task: sr for sr in social_return(_budget(switch_on))}
    youth = estimates["Jeugd veilig en kansrijk"]
    assert youth.ratio == 1.6 and not youth.ratio_given and youth.source == SEOR_SOURCE
    assert youth.by_actor == {"overig": pytest.approx(youth.npv_benefits)} and not youth.split_given
    # Without a split the municipality's share is unknown, not zero: no balance "for the municipality".
    assert youth.municipality_net is None
    # The source's range is not known here, and the estimate says so per task instead of inventing one.
    note = range_note(tuple(estimates.values()))
    assert note.startswith(
        "Bandbreedte: voor de SEOR-verhouding (Bestaanszekerheid, Jeugd veilig en kansrijk) is "
        "de spreiding over de 32 business cases"
    )
    assert "niet bekend" in note and "eigen verhouding (Samen redzaam in de wijk) is geen bandbreedte opgegeven" in note
    assert not any(ch.isdigit() for ch in note.replace("32", ""))  # no number but the 32 cases


def test_costs_and_benefits_are_in_base_year_prices():
    """The discount rate is real, so the estimate works with the task costs deflated by the
    contract's own factors (the demo: 1.03944 per year over the 2026 price level)."""
    budget = _budget()
    first = social_return(budget)[0]
    nominal = task_costs(budget)[first.task]
    for k in range(4):
        assert first.costs[k] == pytest.approx(nominal[k] / 1.03944 ** (k + 1), rel=1e-12)
    assert first.price_year == 2026


def test_same_year_benefits_keep_the_ratio_after_discounting():
    budget = _budget()
    first = social_return(budget)[0]
    assert first.benefit_years == 1
    assert first.npv_benefits == pytest.approx(1.6 * first.npv_costs)
    assert sum(first.by_actor.values()) == pytest.approx(first.npv_benefits)
    assert set(first.by_actor) <= set(ACTORS)
    assert first.municipality_net == pytest.approx(0.35 * first.npv_benefits - first.npv_costs)


def test_spread_benefits_lengthen_the_horizon_and_lose_value_to_discounting():
    second = social_return(_budget())[1]
    assert second.benefit_years == 3
    assert second.years == (2027, 2028, 2029, 2030, 2031, 2032)
    assert sum(second.benefits) == pytest.approx(1.6 * sum(second.costs))
    assert second.npv_benefits < 1.6 * second.npv_costs
    assert second.npv_costs == pytest.approx(net_present_value(second.discount_rate, second.costs))


def test_task_costs_share_the_cross_task_lines_pro_rata():
    budget = _budget()
    costs = task_costs(budget)
    for k in range(len(budget.years)):
        assert sum(v[k] for v in costs.values()) == pytest.approx(budget.totals[k])


@pytest.mark.parametrize(
    "block, path, words",
    [
        ({"ratio": -1}, "ratio", "valt buiten"),
        ({"ratio": "veel"}, "ratio", "verwacht een getal"),
        ({"benefit_years": 0.5}, "benefit_years", "geheel getal"),
        ({"split": {"gemeente": 0.7, "uwv": 0.2}}, "split", "de aandelen tellen op tot 0,900; ze moeten samen 1 zijn"),
        ({"split": {"werkgever": 1.0}}, "split.werkgever", "onbekende sleutel"),
        ({"horizon": 5}, "horizon", "onbekende sleutel"),
        ("ja", "", "verwacht een mapping"),
    ],
)
def test_invalid_social_return_is_named(block, path, words):
    raw = copy.deepcopy(DEMO)
    raw["contract"]["tasks"][0]["social_return"] = block
    with pytest.raises(ScenarioError) as info:
        validate_scenario(raw)
    found = {p.path: p.message for p in info.value.problems}
    key = "contract.tasks[1].social_return" + (f".{path}" if path else "")
    assert key in found and words in found[key], found
