"""The contract block of a scenario: validation (all problems at once, Dutch, paths under
``contract.``), the model it produces, and budget behaviour beyond the golden cases."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from pricing.contract import (
    CROSS_AREA, CROSS_TASK, DEFAULT_DISCOUNT_RATE, Contract, all_budgets, budget_json, clause_text, contract_budget,
    function_prices, shown_grouped, shown_years,
)
from pricing.costprice import compute
from pricing.scenario import ScenarioError, read_scenario_file, validate_scenario

ROOT = Path(__file__).resolve().parents[1]
DEMO = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")


def demo() -> dict:
    return copy.deepcopy(DEMO)


def problems(raw: dict) -> dict[str, str]:
    with pytest.raises(ScenarioError) as info:
        validate_scenario(raw)
    return {p.path: p.message for p in info.value.problems}


@pytest.fixture(scope="module")
def demo_result():
    return compute(validate_scenario(demo()))


def test_demo_contract_is_valid_and_complete(demo_result):
    c = demo_result.scenario.contract
    assert isinstance(c, Contract)
    assert c.funding == "taakgericht" and c.years == 4 and c.start == dt.date(2027, 1, 1)
    assert [a.name for a in c.areas] == ["Noord", "Centrum", "Zuid"]
    assert c.areas[0].code == "WK099901" and c.areas[0].population == 21400
    assert len(c.tasks) == 3 and c.tasks[0].indicators[0].baseline == 14
    assert c.tasks[1].social_return.ratio == 1.6 and not c.tasks[1].social_return.ratio_given
    assert c.discount_rate == DEFAULT_DISCOUNT_RATE and not c.discount_given
    assert [o.name for o in c.options] == ["Plus", "Sober"]
    assert c.indexation.base_year == 2026
    assert [(r.year, r.origin) for r in c.indexation.years] == [(y, "aanname") for y in (2027, 2028, 2029, 2030)]
    with pytest.raises(dataclass_error()):
        c.name = "x"


def dataclass_error():
    import dataclasses

    return dataclasses.FrozenInstanceError


def test_required_keys_and_unknown_keys_are_named():
    raw = demo()
    raw["contract"] = {"foo": 1}
    found = problems(raw)
    for key in ("name", "municipality", "funding", "start", "years", "tasks", "staffing"):
        assert f"contract.{key}" in found, key
    assert "onbekende sleutel" in found["contract.foo"]
    assert all(path.startswith("contract") for path in found)


def test_every_problem_is_reported_at_once_with_its_path():
    raw = demo()
    c = raw["contract"]
    c["funding"] = "lumpsum"
    c["years"] = 40
    c["areas"][0]["code"] = "1234"
    c["areas"].append({"name": "Noord"})
    c["staffing"][0]["area"] = "Oost"
    c["staffing"][1]["task"] = "Onbekend"
    c["staffing"][2]["function"] = "Directeur"
    c["staffing"][3]["hours"] = 100
    c["tasks"][0]["indicators"][0]["target"] = "veel"
    c["tasks"][0]["social_return"]["split"] = {"gemeente": 0.5, "uwv": 0.2}
    c["activities"][0]["amount"] = -5
    c["discount_rate"] = 2.25
    found = problems(raw)
    assert "kies uit" in found["contract.funding"]
    assert "valt buiten" in found["contract.years"]
    assert "CBS-code" in found["contract.areas[1].code"]
    assert "twee keer" in found["contract.areas[4].name"]
    assert "Oost" in found["contract.staffing[1].area"]
    assert "Onbekend" in found["contract.staffing[2].task"]
    assert "formatie" in found["contract.staffing[3].function"]
    assert "precies één" in found["contract.staffing[4]"]
    assert "verwacht een getal" in found["contract.tasks[1].indicators[1].target"]
    assert "samen 1" in found["contract.tasks[1].social_return.split"]
    assert "valt buiten" in found["contract.activities[1].amount"]
    assert "valt buiten" in found["contract.discount_rate"]


def test_a_year_without_index_figures_needs_the_user_to_say_so():
    raw = demo()
    del raw["contract"]["indexation"]["assumed_pct"]
    found = problems(raw)
    assert "2027, 2028, 2029, 2030" in found["contract.indexation"] and "assumed_pct" in found["contract.indexation"]
    raw["contract"]["indexation"]["per_year"] = {2027: 0.04, 2028: 0.035, 2029: 0.03, 2030: 0.03}
    c = validate_scenario(raw).contract
    assert [(r.index, r.origin) for r in c.indexation.years] == [(0.04, "opgegeven"), (0.035, "opgegeven"),
                                                                  (0.03, "opgegeven"), (0.03, "opgegeven")]


def test_index_keys_outside_the_term_and_missing_municipal_years_are_refused():
    raw = demo()
    raw["contract"]["indexation"]["per_year"] = {2040: 0.03, "twee": 0.01}
    raw["contract"]["indexation"]["municipal_pct"] = {2027: 0.01}
    found = problems(raw)
    assert "buiten de indexatiejaren" in found["contract.indexation.per_year.2040"]
    assert "geen jaartal" in found["contract.indexation.per_year.twee"]
    assert "2028" in found["contract.indexation.municipal_pct"]


def test_contract_may_not_start_before_the_price_level():
    raw = demo()
    raw["contract"]["start"] = "2025-01-01"
    assert "vóór het prijspeil" in problems(raw)["contract.start"]


def test_a_variant_cannot_remove_more_than_the_basis_has():
    raw = demo()
    raw["contract"]["options"][1]["staffing"][0]["fte"] = -2.5
    raw["contract"]["options"][1]["activities"][0]["amount"] = -20000
    found = problems(raw)
    assert "meer FTE Sociaal werker weg" in found["contract.options[2].staffing"]
    assert "Vrijwilligersvergoedingen" in found["contract.options[2].activities"]


def test_a_variant_needs_changes_and_a_unique_name():
    raw = demo()
    raw["contract"]["options"].append({"name": "Plus"})
    raw["contract"]["options"].append({"name": "basis", "activities": []})
    found = problems(raw)
    assert "staffing en/of activities" in found["contract.options[3]"]
    assert "uniek" in found["contract.options[3].name"]
    assert "uniek" in found["contract.options[4].name"]


def test_functions_are_not_checked_when_the_staff_table_itself_is_invalid():
    raw = demo()
    raw["staff"][0]["scale"] = 99
    found = problems(raw)
    assert "staff[1].scale" in found
    assert not any(p.startswith("contract.staffing") for p in found)


def test_reserved_names_and_texts_that_are_too_long():
    raw = demo()
    raw["contract"]["areas"].append({"name": CROSS_AREA})
    raw["contract"]["tasks"].append({"name": CROSS_TASK})
    raw["contract"]["tasks"][0]["narrative"] = "x" * 5000
    found = problems(raw)
    assert "gereserveerd" in found["contract.areas[4].name"]
    assert "gereserveerd" in found["contract.tasks[4].name"]
    assert "langer dan" in found["contract.tasks[1].narrative"]


def test_prices_come_from_the_cost_price_result_without_recomputing(demo_result):
    prices = function_prices(demo_result)
    for line in demo_result.lines:
        assert prices[line.function].price_per_fte == pytest.approx(line.price_per_fte, rel=1e-12)
        assert prices[line.function].price_per_hour == pytest.approx(line.tariff_per_hour, rel=1e-12)


def test_two_staff_lines_with_one_function_are_priced_at_their_weighted_price():
    raw = demo()
    raw["staff"].append({"function": "Sociaal werker", "scale": 8, "step": 8, "fte": 4.0, "contract": "permanent"})
    result = compute(validate_scenario(raw))
    lines = [l for l in result.lines if l.function == "Sociaal werker"]
    expected = sum(l.budget for l in lines) / sum(l.fte for l in lines)
    assert function_prices(result)["Sociaal werker"].price_per_fte == pytest.approx(expected)


def test_budget_totals_add_up_per_area_task_and_year(demo_result):
    budget = contract_budget(demo_result)
    for k in range(len(budget.years)):
        assert sum(v[k] for v in budget.by_area.values()) == pytest.approx(budget.totals[k])
        assert sum(v[k] for v in budget.by_task.values()) == pytest.approx(budget.totals[k])
        assert budget.staff[k] + budget.activities[k] == pytest.approx(budget.totals[k])
    # Shown (rounded) figures add up too.
    for y in shown_years(budget):
        assert y["staff"] + y["activities"] + (y["settlement"] or 0) == y["total"]
    shown = shown_grouped(budget.by_area, budget.totals)
    for k, y in enumerate(shown_years(budget)):
        assert sum(v[k] for v in shown.values()) == y["total"]
    assert set(budget.by_area) == {"Noord", "Centrum", "Zuid", CROSS_AREA}
    assert set(budget.by_task) == {"Samen redzaam in de wijk", "Bestaanszekerheid", "Jeugd veilig en kansrijk", CROSS_TASK}


def test_first_year_budget_is_fte_times_price_indexed_once(demo_result):
    budget = contract_budget(demo_result)
    prices = function_prices(demo_result)
    base = sum(line.fte * prices[line.function].price_per_fte if line.fte is not None else
               line.hours * prices[line.function].price_per_hour for line in budget.contract.staffing)
    base += sum(a.amount for a in budget.contract.activities)
    assert budget.totals[0] == pytest.approx(base * 1.03944)
    assert budget.totals[1] == pytest.approx(base * 1.03944 ** 2)


def test_variants_add_and_remove(demo_result):
    basis, plus, sober = all_budgets(demo_result)
    prices = function_prices(demo_result)
    extra = prices["Jongerenwerker"].price_per_fte + 0.5 * prices["Opbouwwerker"].price_per_fte + 12000
    assert plus.totals[0] - basis.totals[0] == pytest.approx(extra * 1.03944)
    assert plus.total_fte == pytest.approx(basis.total_fte + 1.5)
    fewer = prices["Sociaal werker"].price_per_fte + 15000
    assert basis.totals[0] - sober.totals[0] == pytest.approx(fewer * 1.03944)
    assert any(line.option == "Plus" for line in plus.lines)
    with pytest.raises(KeyError):
        contract_budget(demo_result, "Luxe")


def test_non_indexation_is_zero_when_the_municipality_follows_the_norm():
    raw = demo()
    raw["contract"]["indexation"]["municipal_pct"] = 0.03944
    budget = contract_budget(compute(validate_scenario(raw)))
    assert all(abs(v) < 1e-6 for v in budget.non_indexation.shortfall)
    raw["contract"]["indexation"].pop("municipal_pct")
    budget = contract_budget(compute(validate_scenario(raw)))
    assert not budget.non_indexation.municipal_given
    assert budget.non_indexation.municipal_pct == (0.0,) * 4
    assert budget.non_indexation.shortfall[0] == pytest.approx(budget.totals[0] - budget.totals[0] / 1.03944)


def test_hiring_beyond_the_staff_table_is_allowed_but_warned():
    raw = demo()
    raw["contract"]["staffing"].append({"area": "Noord", "task": "Bestaanszekerheid", "function": "Teamleider", "fte": 1})
    budget = contract_budget(compute(validate_scenario(raw)))
    assert any("Teamleider" in w and "formatie" in w for w in budget.warnings)


def test_budget_json_is_plain_and_rounded(demo_result):
    doc = budget_json(contract_budget(demo_result))
    assert [y["year"] for y in doc["per_year"]] == [2027, 2028, 2029, 2030]
    assert doc["per_year"][0]["total"] == 4654073.76
    assert doc["total"] == pytest.approx(sum(y["total"] for y in doc["per_year"]), abs=0.02)
    assert set(doc["per_area"]) == {"Noord", "Centrum", "Zuid", CROSS_AREA}
    assert doc["non_indexation"]["fte_lost"][-1] == pytest.approx(3.22, abs=0.01)


def test_clause_text_names_weights_method_and_assumption(demo_result):
    text = " ".join(clause_text(demo_result.scenario.contract))
    assert "90 % OVA" in text and "10 % PPC" in text
    assert "verhoudingsmethode" in text and "aanname van 3,94 %" in text
    assert "geen inhaal" in text and "2027, 2028, 2029, 2030" in text


def test_a_contract_starting_mid_year_is_warned():
    raw = demo()
    raw["contract"]["start"] = "2027-07-01"
    budget = contract_budget(compute(validate_scenario(raw)))
    assert any("1 januari" in w for w in budget.warnings)
    assert budget.contract.end == dt.date(2031, 6, 30)
