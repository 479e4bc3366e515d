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
        ({"range": {"low": 1.2, "high": 2}}, "source", "een bandbreedte heeft een bron nodig"),
        ({"range": [1, 2], "source": {"assumption": True, "reasoning": "x"}}, "range", "verwacht een mapping met low"),
        ({"range": {"low": 1.2}, "source": {"title": "Eigen MKBA"}}, "range.high", "ontbreekt; een bandbreedte"),
        (
            {"range": {"low": 1.8, "high": 2}, "source": {"title": "Eigen MKBA"}},
            "range.low",
            "1,80 is hoger dan de verhouding 1,60",
        ),
        (
            {"ratio": 2, "range": {"low": 1, "high": 1.5}, "source": {"title": "Eigen MKBA"}},
            "range.high",
            "is lager dan de verhouding 2,00",
        ),
        (
            {"range": {"low": 1, "high": 12}, "source": {"title": "Eigen MKBA"}},
            "range.high",
            "valt buiten het toegestane bereik",
        ),
        (
            {"range": {"low": 1, "high": 2, "mid": 1.5}, "source": {"title": "Eigen MKBA"}},
            "range.mid",
            "onbekende sleutel",
        ),
        ({"source": "SEOR"}, "source", "verwacht een mapping met title, href, date"),
        ({"source": {"href": "https://www.seor.nl/"}}, "source.title", "is verplicht: de titel van de bron"),
        ({"source": {"title": "MKBA", "href": "www.seor.nl"}}, "source.href", "begint met https://"),
        ({"source": {"title": "MKBA", "date": "22-12-2020"}}, "source.date", "verwacht een datum als JJJJ-MM-DD"),
        ({"source": {"assumption": True}}, "source.reasoning", "is verplicht bij een aanname"),
        ({"source": {"assumption": "ja", "reasoning": "x"}}, "source.assumption", "verwacht ja of nee"),
        ({"source": {"title": "MKBA", "auteur": "x"}}, "source.auteur", "onbekende sleutel"),
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


@pytest.mark.parametrize("task", [1, 2])  # two demo tasks without an own ratio (SEOR default)
def test_a_source_without_an_own_ratio_or_range_is_refused_not_dropped(task):
    """The SEOR ratio has its own source: a task's source given beside it would be silently replaced."""
    raw = copy.deepcopy(DEMO)
    raw["contract"]["tasks"][task]["social_return"] = {"source": {"title": "Eigen MKBA 2024"}}
    with pytest.raises(ScenarioError) as info:
        validate_scenario(raw)
    found = {p.path: p.message for p in info.value.problems}
    key = f"contract.tasks[{task + 1}].social_return.source"
    assert "hoort bij een eigen verhouding of een bandbreedte" in found.get(key, ""), found


def _with_range(block):
    def mutate(c):
        c["tasks"][0]["social_return"] = block

    return social_return(_budget(mutate))[0]


def test_a_range_gives_the_estimate_at_both_ends_with_its_source():
    first = _with_range(
        {
            "ratio": 1.6,
            "range": {"low": 1.2, "high": 2.4},
            "source": {"title": "MKBA Wijkteams", "href": "https://example.org/mkba", "date": "2024-05-01"},
            "split": {"gemeente": 0.4, "overig": 0.6},
        }
    )
    assert first.has_range and (first.ratio_low, first.ratio_high) == (1.2, 2.4)
    # Same-year benefits: the NPV of the benefits is the ratio times the NPV of the costs at each end.
    assert first.npv_benefits_low == pytest.approx(1.2 * first.npv_costs)
    assert first.npv_benefits_high == pytest.approx(2.4 * first.npv_costs)
    assert first.municipality_net_range == pytest.approx(
        (0.4 * 1.2 * first.npv_costs - first.npv_costs, 0.4 * 2.4 * first.npv_costs - first.npv_costs)
    )
    assert first.source == "MKBA Wijkteams, 1 mei 2024, https://example.org/mkba"
    assert first.source_short == "MKBA Wijkteams"
    assert first.range_text == "1,20 tot 2,40 (MKBA Wijkteams, 1 mei 2024, https://example.org/mkba)"
    note = range_note((first,))
    assert (
        note
        == "Bandbreedte: opgegeven (schatting): Samen redzaam in de wijk 1,20 tot 2,40 (MKBA Wijkteams, 1 mei 2024, https://example.org/mkba)."
    )


def test_an_assumed_range_says_it_is_an_assumption_and_keeps_the_seor_source_of_the_default_ratio():
    first = _with_range(
        {"range": {"low": 1, "high": 2}, "source": {"assumption": True, "reasoning": "eigen inschatting"}}
    )
    assert first.source == SEOR_SOURCE and not first.ratio_given
    assert first.range_text == "1,00 tot 2,00 (aanname van de organisatie: eigen inschatting)"
    assert first.municipality_net_range is None  # no split: the municipality's share stays unknown


@pytest.mark.parametrize("low, high", [(0.0, 1.6), (1.0, 1.6), (1.6, 1.6), (1.6, 3.0), (0.5, 9.5)])
@pytest.mark.parametrize("years", [1, 3])
def test_the_range_brackets_the_central_estimate_and_a_wider_range_never_narrows_it(low, high, years):
    narrow = _with_range({"range": {"low": low, "high": high}, "benefit_years": years, "source": {"title": "T"}})
    wide = _with_range(
        {"range": {"low": low * 0.5, "high": min(high * 1.5, 10)}, "benefit_years": years, "source": {"title": "T"}}
    )
    assert narrow.npv_benefits_low <= narrow.npv_benefits + 1e-6 <= narrow.npv_benefits_high + 2e-6
    assert wide.npv_benefits_low <= narrow.npv_benefits_low + 1e-9
    assert wide.npv_benefits_high >= narrow.npv_benefits_high - 1e-9
    # A range that collapses on the ratio gives the central estimate at both ends.
    if low == high:
        assert narrow.npv_benefits_low == pytest.approx(narrow.npv_benefits)
