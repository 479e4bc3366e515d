"""The contract block of a scenario: validation (all problems at once, Dutch, paths under
``contract.``), the model it produces, and budget behaviour beyond the golden cases."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from pricing.contract import (
    CROSS_AREA,
    CROSS_TASK,
    DEFAULT_DISCOUNT_RATE,
    Contract,
    all_budgets,
    budget_json,
    clause_text,
    contract_budget,
    function_prices,
    shown_grouped,
    shown_years,
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
    """The demo without step drift: these tests check indexation, variants and NPV on their own
    (step drift has its own golden cases and the drift test below)."""
    raw = demo()
    raw["contract"]["step_drift"] = False
    return compute(validate_scenario(raw))


def test_demo_budget_applies_step_drift_by_default_and_says_so():
    on = contract_budget(compute(validate_scenario(demo())))
    raw = demo()
    raw["contract"]["step_drift"] = False
    off = contract_budget(compute(validate_scenario(raw)))
    assert on.step_drift and not off.step_drift and off.drift == (0.0,) * 4
    for k in range(4):
        assert on.totals[k] - off.totals[k] == pytest.approx(on.drift[k], rel=1e-9)
    assert 0 < on.drift[0] < on.drift[1] < on.drift[2] < on.drift[3]
    assert any("tredeverhoging (cao art. 6.5)" in w for w in on.warnings)
    assert any("niet bekend" in w and "trede 8" in w for w in on.warnings)  # scales 6-14 stop at step 8
    assert not any("art. 6.5" in w for w in off.warnings)
    # A municipality following the norm index also pays the drift: no shortfall from it.
    base = (off.staff[0] + off.activities[0]) / off.factors[0]
    for k in range(4):
        municipal_factor = off.non_indexation.municipal[k] / base
        assert on.non_indexation.municipal[k] - off.non_indexation.municipal[k] == pytest.approx(
            on.drift[k] / on.factors[k] * municipal_factor, rel=1e-9
        )


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
    with pytest.raises(AttributeError, match="immutable"):  # a frozen record (pricing.record)
        c.name = "x"


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
    message = found["contract.indexation"]
    assert "2027, 2028, 2029, 2030" in message
    # The field as the page names it, not the file key.
    assert "'Aangenomen index voor jaren zonder cijfers'" in message
    assert "assumed_pct" not in message and "indexation." not in message and "per_year" not in message
    raw["contract"]["indexation"]["per_year"] = {2027: 0.04, 2028: 0.035, 2029: 0.03, 2030: 0.03}
    c = validate_scenario(raw).contract
    assert [(r.index, r.origin) for r in c.indexation.years] == [
        (0.04, "opgegeven"),
        (0.035, "opgegeven"),
        (0.03, "opgegeven"),
        (0.03, "opgegeven"),
    ]


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


@pytest.mark.parametrize("year", [2037, 2950, 3200, 9999])
def test_contract_may_start_at_most_ten_years_after_the_price_level(year):
    # 2950 made `budget` run without end (cents of amounts near 1e35 handed out one at a time),
    # 3200 stopped it with decimal.InvalidOperation, 9999 the cost price with a date past 9999.
    raw = demo()
    raw["contract"]["start"] = f"{year}-01-01"
    found = problems(raw)["contract.start"]
    assert f"begint in {year}, meer dan 10 jaar na het prijspeil" in found
    assert "uiterlijk in 2036" in found


def test_contract_may_start_ten_years_after_the_price_level():
    raw = demo()
    raw["contract"]["start"] = "2036-01-01"
    assert validate_scenario(raw).contract.start == dt.date(2036, 1, 1)


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
    assert "formatie en/of activiteiten" in found["contract.options[3]"]
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
    assert set(budget.by_task) == {
        "Samen redzaam in de wijk",
        "Bestaanszekerheid",
        "Jeugd veilig en kansrijk",
        CROSS_TASK,
    }


def test_first_year_budget_is_fte_times_price_indexed_once(demo_result):
    budget = contract_budget(demo_result)
    prices = function_prices(demo_result)
    base = sum(
        line.fte * prices[line.function].price_per_fte
        if line.fte is not None
        else line.hours * prices[line.function].price_per_hour
        for line in budget.contract.staffing
    )
    base += sum(a.amount for a in budget.contract.activities)
    assert budget.totals[0] == pytest.approx(base * 1.03944)
    assert budget.totals[1] == pytest.approx(base * 1.03944**2)


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
    # A function name with dots must survive the number formatting of the sentence.
    for line in raw["staff"] + raw["contract"]["staffing"]:
        if line.get("function") == "Teamleider":
            line["function"] = "Teamleider t.b.v. wijkteams"
    raw["contract"]["staffing"].append(
        {"area": "Noord", "task": "Bestaanszekerheid", "function": "Teamleider t.b.v. wijkteams", "fte": 1.5}
    )
    budget = contract_budget(compute(validate_scenario(raw)))
    (warning,) = [w for w in budget.warnings if "Teamleider" in w and w.startswith("Het contract zet")]
    assert warning == (
        "Het contract zet 4,50 FTE Teamleider t.b.v. wijkteams in; de formatie van de organisatie heeft er 3,00."
    )


def test_budget_json_is_plain_and_rounded(demo_result):
    doc = budget_json(contract_budget(demo_result))
    assert [y["year"] for y in doc["per_year"]] == [2027, 2028, 2029, 2030]
    assert doc["per_year"][0]["total"] == 4609763.73
    assert doc["total"] == pytest.approx(sum(y["total"] for y in doc["per_year"]), abs=0.02)
    assert set(doc["per_area"]) == {"Noord", "Centrum", "Zuid", CROSS_AREA}
    assert doc["non_indexation"]["fte_lost"][-1] == pytest.approx(3.22, abs=0.01)


def test_clause_text_names_weights_method_and_assumption(demo_result):
    text = " ".join(clause_text(demo_result.scenario.contract))
    assert "90 % OVA" in text and "10 % PPC" in text and "zoals de VNG adviseert" in text
    # The assumption with the precision of the budget table (3,944 %), not rounded to 3,94 %.
    assert "verhoudingsmethode" in text and "aanname van 3,944 %" in text
    assert "2027, 2028, 2029, 2030" in text
    # First year without catch-up, in words, with the reason.
    assert "Eerste indexatie (2027): zonder inhaal over 2026, in afwijking van de VNG-methode" in text
    assert "bottom-up berekend uit de cao-lonen" in text
    # Reference month: the default, stated as the model's own choice.
    assert "Peilmaand" in text and "september van het jaar ervoor" in text and "aanname" in text


def test_a_contract_starting_mid_year_is_warned():
    raw = demo()
    raw["contract"]["start"] = "2027-07-01"
    budget = contract_budget(compute(validate_scenario(raw)))
    assert any("1 januari" in w for w in budget.warnings)
    assert budget.contract.end == dt.date(2031, 6, 30)


# -- indexation clause options (first-year catch-up, reference month, wage weight) -------------


def _simple_raw(**indexation) -> dict:
    """The small contract of the golden cases (price per FTE 90,000), priced at 2024, 2025-2026."""
    case = read_scenario_file(ROOT / "tests" / "cases" / "contract_catch_up_and_settlement.yaml")["scenario"]
    case["contract"]["indexation"] = {"wage_weight": 0.9, "catch_up": "ratio", "definitive": "next_year", **indexation}
    return case


@pytest.mark.parametrize(
    "key, value, words",
    [
        ("first_year_catch_up", "ja", "verwacht ja of nee"),
        ("first_year_catch_up", 1, "verwacht ja of nee"),
        ("reference_month", 13, "valt buiten"),
        ("reference_month", 0, "valt buiten"),
        ("reference_month", 9.5, "geheel getal"),
        ("reference_month", "september", "verwacht een getal"),
    ],
)
def test_clause_options_are_validated(key, value, words):
    raw = _simple_raw(**{key: value})
    found = problems(raw)
    assert words in found[f"contract.indexation.{key}"], found


def test_first_year_catch_up_is_an_explicit_choice_said_in_words():
    # Default: no catch-up in 2025 (the first index year), with the reason.
    off = validate_scenario(_simple_raw(figures={2026: {"ova_provisional": 0.04, "ppc_provisional": 0.02}}))
    ix = off.contract.indexation
    assert ix.first_year_catch_up is False
    assert ix.years[0].catch_up is None and ix.years[0].index == pytest.approx(0.03944, abs=1e-12)
    text = " ".join(clause_text(off.contract))
    assert "zonder inhaal over 2024, in afwijking van de VNG-methode" in text and "dubbel" in text
    # On: 2025 carries the catch-up over 2024, hand-calculated as 1.0571 / 1.04697 - 1.
    on = validate_scenario(
        _simple_raw(first_year_catch_up=True, figures={2026: {"ova_provisional": 0.04, "ppc_provisional": 0.02}})
    )
    ix = on.contract.indexation
    assert ix.years[0].catch_up == pytest.approx(0.009675539891305, abs=1e-12)
    text = " ".join(clause_text(on.contract))
    assert "Eerste indexatie (2025): zoals de VNG-methode bevat die ook de inhaal over 2024" in text
    assert "in afwijking" not in text


def test_the_cost_of_non_indexation_compares_with_the_clause_it_has():
    """A municipality that indexes exactly like the clause causes no shortfall, with or without the
    first-year catch-up; the label says which norm it is."""
    figures = {2026: {"ova_provisional": 0.04, "ppc_provisional": 0.02}}
    # Hand values: 2025 3.944 % (+0.9675539891 % catch-up when on); 2026 3.8 % (catch-up pending).
    for first, first_index in ((False, 0.03944), (True, 0.049115539891305)):
        raw = _simple_raw(first_year_catch_up=first, figures=figures, municipal_pct={2025: first_index, 2026: 0.038})
        budget = contract_budget(compute(validate_scenario(raw)))
        assert all(abs(v) < 1e-6 for v in budget.non_indexation.shortfall), first
        label = budget.contract.indexation.norm_label
        assert ("ook met inhaal" in label) if first else ("zonder inhaal in het eerste" in label)
    # The other clause's index is not the norm: a municipality following VNG to the letter pays more
    # than a clause without first-year catch-up asks, so the "shortfall" is negative.
    raw = _simple_raw(figures=figures, municipal_pct={2025: 0.049115539891305, 2026: 0.038})
    budget = contract_budget(compute(validate_scenario(raw)))
    assert budget.non_indexation.shortfall[0] == pytest.approx(240000 * (0.03944 - 0.049115539891305), abs=0.01)


def test_provisional_figures_are_kept_when_last_years_definitive_ones_are_missing():
    """No assumed_pct needed: 2026 has its own provisional figures, only the catch-up over 2025 waits."""
    raw = _simple_raw(figures={2026: {"ova_provisional": 0.04, "ppc_provisional": 0.02}})
    contract = validate_scenario(raw).contract  # no validation problem
    row = contract.indexation.years[1]
    assert row.year == 2026 and row.index == pytest.approx(0.038, abs=1e-12)
    assert row.catch_up is None and row.catch_up_pending and row.origin == "opgegeven"
    assert "inhaal over 2025 volgt" in row.note
    budget = contract_budget(compute(validate_scenario(raw)))
    assert any("inhaal over 2025" in w and "nog niet bekend" in w for w in budget.warnings)
    assert "Nog niet bekend: de inhaal over 2025 (in de indexatie van 2026)" in " ".join(clause_text(contract))
    assert shown_years(budget)[1]["catch_up_pending"] is True
    # A year without any figure still needs the user to say so: the assumption is not invented.
    found = problems(_simple_raw(figures={2026: {"ova_provisional": 0.04}}))
    assert "2026" in found["contract.indexation"]


def test_wage_weight_is_attributed_to_vng_only_at_90_percent():
    vng = validate_scenario(
        _simple_raw(wage_weight=0.9, figures={2026: {"ova_provisional": 0.04, "ppc_provisional": 0.02}})
    )
    assert vng.contract.indexation.follows_vng_weight
    assert "zoals de VNG adviseert" in " ".join(clause_text(vng.contract))
    own = validate_scenario(
        _simple_raw(wage_weight=0.8, figures={2026: {"ova_provisional": 0.04, "ppc_provisional": 0.02}})
    )
    ix = own.contract.indexation
    text = " ".join(clause_text(own.contract))
    assert not ix.follows_vng_weight
    assert "80 % OVA (loonkosten) en 20 % PPC (prijzen)" in text
    assert "zoals de VNG adviseert" not in text and "opgegeven in het scenario (eigen keuze" in text


def test_reference_month_given_is_printed_without_the_default_remark():
    raw = _simple_raw(reference_month=10, figures={2026: {"ova_provisional": 0.04, "ppc_provisional": 0.02}})
    contract = validate_scenario(raw).contract
    assert contract.indexation.reference_month == 10 and contract.indexation.reference_month_given
    text = " ".join(clause_text(contract))
    assert "gepubliceerd in oktober van het jaar ervoor" in text and "standaardkeuze" not in text


def test_npv_discounts_amounts_in_base_year_prices(demo_result):
    """The 2.25 % rate is real: the demo's totals deflated with its own factors (1.03944^k, k = 1..4
    over the 2026 price level) are level, so the NPV is that level times the annuity factor."""
    budget = contract_budget(demo_result)
    level = budget.totals[0] / 1.03944
    for k in range(4):
        assert budget.real_totals[k] == pytest.approx(level, rel=1e-12)
    annuity = 1 + 1 / 1.0225 + 1 / 1.0225**2 + 1 / 1.0225**3
    assert budget.npv == pytest.approx(level * annuity, rel=1e-12)
    assert budget.npv_label == "Contante waarde in prijzen van 2026"
    doc = budget_json(budget)
    assert doc["npv_price_level"] == 2026 and doc["npv"] == pytest.approx(level * annuity, abs=0.005)


def test_unknown_variant_is_a_dutch_key_and_value_error(demo_result):
    from pricing.contract import UnknownVariant

    with pytest.raises(UnknownVariant) as info:
        demo_result.scenario.contract.option("Luxe")
    assert isinstance(info.value, KeyError) and isinstance(info.value, ValueError)
    assert str(info.value) == "variant 'Luxe' bestaat niet; bekend: Plus, Sober"


@pytest.mark.parametrize(
    "path, label",
    [
        ("contract.municipality", "Gemeente"),
        ("contract.staffing[3].fte", "Formatie per gebied en opgave, regel 3, FTE"),
        ("contract.tasks[1].indicators[2].target", "Opgaven, regel 1, indicator 2, Streefwaarde"),
        (
            "contract.tasks[2].social_return.split.uwv",
            "Opgaven, regel 2, maatschappelijk rendement, verdeling over partijen, UWV",
        ),
        ("contract.indexation.assumed_pct", "Indexatieclausule, Aangenomen index voor jaren zonder cijfers (%)"),
        ("contract.indexation.first_year_catch_up", "Indexatieclausule, Inhaal in het eerste indexatiejaar"),
        ("contract.options[2].activities", "Variant 2 (scenariobestand), activiteiten"),
        ("contract.foo", "Contract, onderdeel 'foo'"),
    ],
)
def test_problem_paths_read_as_the_page_names_the_field(path, label):
    from pricing.contract import field_label

    assert field_label(path) == label


def test_every_contract_problem_of_a_broken_demo_reads_without_file_keys():
    from pricing.contract import problem_text

    raw = demo()
    c = raw["contract"]
    c["municipality"] = ""
    c["staffing"][2]["fte"] = -1
    c["staffing"][3]["hours"] = 100
    c["tasks"][0]["indicators"][0]["target"] = "veel"
    c["indexation"]["wage_weight"] = 2
    c["indexation"].pop("assumed_pct")
    with pytest.raises(ScenarioError) as info:
        validate_scenario(raw)
    texts = [problem_text(p) for p in info.value.problems if p.path.startswith("contract")]
    assert len(texts) == 5
    for text in texts:
        assert "contract." not in text and "staffing" not in text and "indexation" not in text, text
        assert "[" not in text.split(":")[0], text


@pytest.mark.parametrize(
    "sources, path, words",
    [
        ({2026: {"text": "CPB"}}, "2026.status", "ontbreekt; kies uit: given (vastgesteld), provisional (voorlopig)"),
        ({2026: {"text": "CPB", "status": "definitief"}}, "2026.status", "'definitief' is niet toegestaan"),
        ({2026: {"text": "CPB", "status": ["given"]}}, "2026.status", "is niet toegestaan; kies uit: given"),
        ({2026: {"text": "CPB", "status": {"given": 1}}}, "2026.status", "is niet toegestaan; kies uit: given"),
        ({2026: {"status": "given"}}, "2026.text", "is verplicht"),
        ({2026: {"text": "CPB", "status": "given", "link": "x"}}, "2026.link", "onbekende sleutel"),
        ({2031: {"text": "CPB", "status": "given"}}, "2031", "buiten de indexatiejaren"),
        ({2026: "CPB"}, "2026", "verwacht een mapping met text en status"),
        # The one text the contract's hand-written validation reads: it took an escape such as this.
        (
            {2026: {"text": "CPB\x1b[31m", "status": "given"}},
            "2026.text",
            "op teken 4 een onzichtbaar stuurteken (U+001B)",
        ),
        # 2025 rests on the published figures, which carry their own source: no second source claimed.
        ({2025: {"text": "eigen bron", "status": "given"}}, "2025", "rust op de gepubliceerde OVA/PPC-cijfers"),
    ],
)
def test_the_source_of_a_years_own_index_figure_is_validated(sources, path, words):
    found = problems(_simple_raw(assumed_pct=0.03, sources=sources))
    assert words in found[f"contract.indexation.sources.{path}"], found


def test_the_source_of_an_assumed_year_is_kept_with_its_status():
    c = validate_scenario(
        _simple_raw(assumed_pct=0.03, sources={"2026": {"text": "CPB, augustusraming 2025", "status": "assumption"}})
    ).contract
    rows = {r.year: r for r in c.indexation.years}
    assert rows[2026].origin == "aanname" and rows[2026].source_text == "bron: CPB, augustusraming 2025 (aanname)"
    assert rows[2025].source == "" and rows[2025].source_text == ""
