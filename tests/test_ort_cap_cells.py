"""The ORT cap's cell (CAO art. 6.12 A.3) and the pension's 1 January salary: a figure the edition
cannot give is refused or said, never silently replaced by a higher one.

Before, any LookupError of the cap's lookup meant "no cap": an edition whose table lacked the cap's
cell priced the irregular-hours allowance over the whole salary without a word, and a table that
did not reach back to 1 January put the pension on the date's salary without a word."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
from msgspec.structs import replace

from pricing.costprice import compute
from pricing.parameters import ParameterFileError, load_parameter_book
from pricing.scenario import validate_scenario

SHIPPED = load_parameter_book()
ONE = {
    "name": "Een regel",
    "organisation": "X",
    "date": "2026-07-01",
    "employer": {"large": True},
    "staff": [
        {"function": "Sociaal werker", "scale": 8, "step": 5, "fte": 1, "contract": "permanent", "irregular_pct": 0.1}
    ],
}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edition_whose_cap_names_an_empty_cell_is_refused_naming_the_parameters(param_dir):
    # Scale 6 is not known above step 8 (cao_salary.yaml): its step 11 has no amount.
    _edit(param_dir / "cao_rules.yaml", "      2023-07-01: 5\n", "      2023-07-01: 6\n")
    with pytest.raises(ParameterFileError) as refused:
        load_parameter_book(param_dir)
    message = str(refused.value)
    assert message.startswith("cao_rules.yaml: 'ort_cap_scale' en 'ort_cap_step'")
    assert "vanaf 1 juli 2023 schaal 6 trede 11" in message
    assert "schaal 6 trede 11 heeft geen bedrag in de salaristabel (cao_salary.yaml)" in message


def test_a_later_cap_step_the_table_does_not_have_is_refused_with_its_date(param_dir):
    _edit(param_dir / "cao_rules.yaml", "      2023-07-01: 11\n", "      2023-07-01: 11\n      2026-01-01: 14\n")
    with pytest.raises(ParameterFileError, match="vanaf 1 januari 2026 schaal 5 trede 14") as refused:
        load_parameter_book(param_dir)
    assert "trede 14 staat niet in de salaristabel" in str(refused.value)


def test_a_forecast_cap_on_an_empty_cell_is_refused_naming_the_forecast(param_dir):
    # Scale 1 ends at step 9: the forecast's scale 1 with the edition's step 11 names no amount.
    _edit(param_dir / "forecast.yaml", "  ort_cap_scale:\n", "  ort_cap_scale:\n    value: 1\n")
    with pytest.raises(ParameterFileError) as refused:
        load_parameter_book(param_dir)
    message = str(refused.value)
    assert message.startswith("forecast.yaml: ") and "in de prognose schaal 1 trede 11" in message


def test_the_shipped_edition_and_a_valid_cap_change_load(param_dir):
    _edit(param_dir / "cao_rules.yaml", "      2023-07-01: 11\n", "      2023-07-01: 11\n      2026-01-01: 12\n")
    assert load_parameter_book(param_dir).value("ort_cap_step", dt.date(2026, 7, 1)) == 12


def test_a_book_built_in_code_without_the_cap_cell_is_refused_not_priced_uncapped():
    table = SHIPPED.salary
    scale_5 = list(table.scales[5])
    scale_5[table.steps.index("11")] = None
    book = replace(SHIPPED, salary=replace(table, scales={**table.scales, 5: tuple(scale_5)}))
    scenario = validate_scenario(ONE, book)
    with pytest.raises(ParameterFileError, match="schaal 5 trede 11 heeft geen bedrag"):
        compute(scenario, book)


def _late_table_book(first: dt.date):
    """The shipped edition with a salary table that starts on ``first`` (its other figures from 2024)."""
    return replace(SHIPPED, salary=replace(SHIPPED.salary, valid_from=first))


def test_own_salaries_before_the_table_say_that_the_ort_is_uncapped():
    book = _late_table_book(dt.date(2024, 7, 1))
    raw = copy.deepcopy(ONE)
    raw["date"] = "2024-03-01"
    raw["staff"][0]["monthly_salary"] = 6000
    result = compute(validate_scenario(raw, book), book)
    line = result.lines[0]
    assert result.ort_cap_salary is None and line.cost.irregular == pytest.approx(0.1 * line.cost.annual_salary)
    said = [w for w in result.warnings if "grens van de onregelmatigheidstoeslag" in w]
    assert said and "1 maart 2024 niet bekend" in said[0] and "vanaf 1 juli 2024" in said[0]
    # Without irregular hours there is nothing to cap, and nothing to say.
    raw["staff"][0]["irregular_pct"] = 0
    assert not any("onregelmatigheidstoeslag" in w for w in compute(validate_scenario(raw, book), book).warnings)


def test_a_table_that_does_not_reach_1_january_says_the_pension_rests_on_the_dates_salary():
    book = _late_table_book(dt.date(2024, 7, 1))
    raw = copy.deepcopy(ONE)
    raw["date"] = "2024-09-01"
    result = compute(validate_scenario(raw, book), book)
    cost = result.lines[0].cost
    assert cost.pension_salary == pytest.approx(cost.annual_salary)  # the date's salary, as before
    said = [w for w in result.warnings if w.startswith("Pensioen: PFZW rekent met het salaris van 1 januari 2024")]
    assert said and "vanaf 1 juli 2024" in said[0] and "1 september 2024" in said[0]


def test_a_covered_scenario_says_neither():
    warnings = compute(validate_scenario(ONE)).warnings
    assert not any("niet bekend" in w or w.startswith("Pensioen: PFZW") for w in warnings)
