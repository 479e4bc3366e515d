"""The workbook names its input cells, so an auditor can read and change inputs by name."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

from pricing.evaluation import evaluate
from pricing.report.xlsx import build_workbook
from pricing.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]


def test_input_cells_have_names_that_point_at_their_values():
    evaluation = evaluate(load_scenario(ROOT / "examples" / "voorbeeld.yaml"))
    wb = openpyxl.load_workbook(io.BytesIO(build_workbook(evaluation)))
    names = wb.defined_names
    assert "invoer_other_pct" in names and "invoer_h_contract" in names

    def value(name: str):
        ((sheet, cell),) = names[name].destinations
        return wb[sheet][cell.replace("$", "")].value

    assert value("invoer_other_pct") == evaluation.scenario.norms.other_personnel_pct
    assert value("invoer_h_contract") == evaluation.result.hours.contract
    assert all(name.startswith("invoer_") for name in names)
