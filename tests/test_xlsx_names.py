"""The workbook names its input cells, so an auditor can read and change inputs by name: the cost-price
inputs on Invoer and every input of the contract (hours, FTE and amounts per line, step-drift factors,
index, settlement and municipal index per year, the discount rate, the social-return ratios, their
ranges and the municipality's share), each name pointing at the cell that holds that input."""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path

import openpyxl
import pytest
import yaml
from openpyxl.utils.cell import range_boundaries

from pricing.evaluation import Evaluation, evaluate
from pricing.report.xlsx import build_workbook
from pricing.scenario import load_scenario, read_scenario_file, validate_scenario

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases"
INPUT_FILL = "FFF4D6"


def _workbook(evaluation: Evaluation, option: str | None = None) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(build_workbook(evaluation, option=option)))


def _value(wb: openpyxl.Workbook, name: str) -> object:
    ((sheet, cell),) = wb.defined_names[name].destinations
    return wb[sheet][cell.replace("$", "")].value


def _range_case() -> Evaluation:
    """contract_given_and_assumed_index.yaml with the social return of contract_social_return_range.yaml."""
    case = yaml.safe_load((CASES / "contract_social_return_range.yaml").read_text(encoding="utf-8"))
    raw = read_scenario_file(CASES / case["scenario_from"])["scenario"]
    raw["contract"]["tasks"][0]["social_return"] = case["social_return"]
    return evaluate(validate_scenario(raw))


def test_input_cells_have_names_that_point_at_their_values():
    evaluation = evaluate(load_scenario(ROOT / "examples" / "voorbeeld.yaml"))
    wb = _workbook(evaluation)
    names = wb.defined_names
    assert "invoer_other_pct" in names and "invoer_h_contract" in names
    assert _value(wb, "invoer_other_pct") == evaluation.scenario.norms.other_personnel_pct
    assert _value(wb, "invoer_h_contract") == evaluation.result.hours.contract
    assert all(name.startswith("invoer_") for name in names)


def _expected_contract_inputs(evaluation: Evaluation, option: str | None = None) -> dict[str, float]:
    """Every contract input by its workbook name, with the engine's value for it."""
    budget = evaluation.budget(option)
    variant = evaluation.variant(option)
    assert budget is not None and variant is not None
    contract = budget.contract
    ix = contract.indexation
    expected: dict[str, float] = {"invoer_discount": contract.discount_rate}
    for k, line in enumerate(budget.lines, start=1):
        if line.kind == "activiteit":
            expected[f"invoer_c{k}_amount"] = line.base_amount
        elif line.hours is not None:
            expected[f"invoer_c{k}_hours"] = line.hours
        else:
            expected[f"invoer_c{k}_fte"] = line.fte
    functions = list(dict.fromkeys(line.function for line in evaluation.result.lines))
    for n, function in enumerate(functions, start=1):
        factors = budget.drift_factors.get(function, (1.0,) * len(budget.years))
        for k, year in enumerate(budget.years):
            expected[f"invoer_drift_f{n}_{year}"] = factors[k]
    for k, year in enumerate(budget.years):
        row = budget.year_index[k]
        expected[f"invoer_st{year}"] = ix.settlement_catch_up.get(year, 0.0) if ix.definitive == "settle" else 0.0
        if row is not None:
            expected[f"invoer_ix{year}"] = row.index
            expected[f"invoer_mu{year}"] = budget.non_indexation.municipal_pct[k]
    tasks = {task.name: k for k, task in enumerate(contract.tasks, start=1)}
    for sr in variant.social:
        k = tasks[sr.task]
        expected[f"invoer_sr{k}_ratio"] = sr.ratio
        if sr.ratio_low is not None and sr.ratio_high is not None:
            expected[f"invoer_sr{k}_low"] = sr.ratio_low
            expected[f"invoer_sr{k}_high"] = sr.ratio_high
        if sr.split_given:
            expected[f"invoer_sr{k}_gemeente"] = sr.shares.get("gemeente", 0.0)
    return expected


def _yellow_cells(wb: openpyxl.Workbook, sheet: str) -> set[str]:
    return {
        c.coordinate
        for row in wb[sheet].iter_rows()
        for c in row
        if c.fill.fill_type == "solid" and c.fill.fgColor.rgb.endswith(INPUT_FILL) and c.value is not None
    }


def _named_cells(wb: openpyxl.Workbook) -> dict[tuple[str, str], str]:
    """(sheet, cell) -> the name that points at it (every cell of a named range)."""
    out = {}
    for name, defined in wb.defined_names.items():
        for sheet, ref in defined.destinations:
            min_col, min_row, max_col, max_row = range_boundaries(ref.replace("$", ""))
            for row in range(min_row, max_row + 1):
                for col in range(min_col, max_col + 1):
                    out[(sheet, f"{openpyxl.utils.get_column_letter(col)}{row}")] = name
    return out


@pytest.mark.parametrize(
    ("label", "option"),
    [("demo", None), ("demo", "Plus"), ("range", None), ("hours_settlement", None)],
)
def test_every_contract_input_has_a_name_that_points_at_that_input(label, option):
    if label == "demo":
        evaluation = evaluate(load_scenario(ROOT / "examples" / "voorbeeld.yaml"))
    elif label == "range":
        evaluation = _range_case()
    else:
        raw = read_scenario_file(CASES / "contract_catch_up_and_settlement.yaml")["scenario"]
        evaluation = evaluate(validate_scenario(raw))
    wb = _workbook(evaluation, option)
    expected = _expected_contract_inputs(evaluation, option)
    for name, value in expected.items():
        assert name in wb.defined_names, name
        ((sheet, cell),) = wb.defined_names[name].destinations
        target = wb[sheet][cell.replace("$", "")]
        assert target.value == pytest.approx(value, rel=1e-12, abs=1e-12), name
        assert target.fill.fgColor.rgb.endswith(INPUT_FILL), name  # a yellow input cell
    # Every yellow cell of the Contract sheet and of Invoer has a name: no input is left unnamed.
    named = _named_cells(wb)
    for sheet in ("Invoer", "Contract"):
        unnamed = sorted(_yellow_cells(wb, sheet) - {cell for s, cell in named if s == sheet})
        assert not unnamed, (sheet, unnamed[:10])
    # The names are unique as Excel compares them (case-insensitive) and all in the one scheme.
    assert len({name.lower() for name in wb.defined_names}) == len(wb.defined_names)
    assert all(name.startswith("invoer_") for name in wb.defined_names)


def test_a_named_contract_input_is_what_the_formulas_read():
    """The Contract sheet's line formulas and the price factor refer to the named cells: the FTE of a
    staffing line and each year's index are read from the cells their names point at."""
    evaluation = evaluate(load_scenario(ROOT / "examples" / "voorbeeld.yaml"))
    wb = _workbook(evaluation)
    contract = wb["Contract"]
    budget = evaluation.budget()
    assert budget is not None
    k, line = next((k, line) for k, line in enumerate(budget.lines, start=1) if line.kind == "formatie")
    ((sheet, cell),) = wb.defined_names[f"invoer_c{k}_fte" if line.hours is None else f"invoer_c{k}_hours"].destinations
    row = int(cell.split("$")[-1])
    assert sheet == "Contract" and str(contract[f"F{row}"].value).startswith(f"={cell.replace('$', '')[0]}{row}*")
    year = next(r.year for r in budget.year_index if r is not None)
    ((sheet, cell),) = wb.defined_names[f"invoer_ix{year}"].destinations
    formulas = [
        c.value for r in contract.iter_rows() for c in r if isinstance(c.value, str) and c.value.startswith("=")
    ]
    assert any(f"{sheet}!{cell}" in f for f in formulas)


def test_no_contract_no_contract_names():
    raw = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
    without = copy.deepcopy(raw)
    del without["contract"]
    wb = _workbook(evaluate(validate_scenario(without)))
    contract_name = re.compile(r"invoer_(c\d+_|ix\d|st\d|mu\d|sr\d|drift_)")
    assert not [n for n in wb.defined_names if contract_name.match(n)]
    assert "Contract" not in wb.sheetnames
    assert "invoer_discount" not in wb.defined_names
