"""The one frozen Evaluation: built once per change of input, read by every consumer."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

import pricing.contract
from pricing.benchmark import validate_benchmark_set
from pricing.contract import contract_budget
from pricing.costprice import compute
from pricing.evaluation import Evaluation, evaluate, evaluation_of
from pricing.report import pdf
from pricing.report.xlsx import build_workbook_with_layout
from pricing.scenario import read_scenario_file, validate_scenario
from tests.app_support import APP, goto

ROOT = Path(__file__).resolve().parents[1]
DEMO = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")


@pytest.fixture(scope="module")
def demo() -> Evaluation:
    return evaluate(validate_scenario(copy.deepcopy(DEMO)))


def test_the_evaluation_is_frozen(demo):
    with pytest.raises(AttributeError, match="immutable"):  # a frozen record (pricing.record)
        demo.result = None  # type: ignore[misc]


def test_the_evaluation_holds_every_variant_as_the_budget_function_computes_it(demo):
    result = compute(demo.scenario)
    options = [None] + [o.name for o in demo.contract.options]
    assert [v.option for v in demo.variants] == options
    for variant in demo.variants:
        direct = contract_budget(result, variant.option)
        assert variant.budget.totals == direct.totals
        assert variant.budget.npv == direct.npv
        assert variant.budget.non_indexation.total == direct.non_indexation.total


def test_an_unknown_variant_is_refused_by_name(demo):
    with pytest.raises(pricing.contract.UnknownVariant):
        demo.variant("Bestaat niet")


def test_a_scenario_without_contract_has_no_variants():
    raw = copy.deepcopy(DEMO)
    raw.pop("contract")
    evaluation = evaluate(validate_scenario(raw))
    assert evaluation.variants == () and evaluation.budget() is None


def _other_set():
    raw = yaml.safe_load((ROOT / "benchmarks" / "indicatief.yaml").read_text(encoding="utf-8"))
    raw["name"] = "Eigen set van de gemeente"
    return validate_benchmark_set(raw, "eigen.yaml")


def test_the_offer_reads_the_benchmark_set_of_the_evaluation(demo):
    bset = _other_set()
    own = evaluation_of(demo.result, benchmark_set=bset)
    content = pdf.offer_content(own)
    assert content.benchmark_name == "Eigen set van de gemeente"
    assert content.checks == own.checks


def test_reports_do_not_compute_budgets_themselves(demo, monkeypatch):
    calls = []
    original = pricing.contract.contract_budget
    monkeypatch.setattr(pricing.contract, "contract_budget", lambda *a, **k: calls.append(a) or original(*a, **k))
    pdf.build_offer_pdf(demo)
    build_workbook_with_layout(demo)
    assert calls == []


def _count_budgets(monkeypatch) -> list:
    calls: list = []
    original = pricing.contract.contract_budget
    monkeypatch.setattr(pricing.contract, "contract_budget", lambda *a, **k: calls.append(a) or original(*a, **k))
    return calls


def test_the_app_computes_each_budget_once_per_change_of_input(monkeypatch):
    calls = _count_budgets(monkeypatch)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    # The budgets are computed when first read: the organisation page does not wait for them.
    assert calls == [], "the organisation page computed contract budgets"
    variants = 1 + len(validate_scenario(copy.deepcopy(DEMO)).contract.options)
    goto(at, "Contract & offerte")
    assert len(calls) == variants, f"{len(calls)} budget computations on opening ({variants} variants)"
    at.run()  # a rerun with nothing changed computes nothing
    assert len(calls) == variants, "the unchanged demo was evaluated again"
    at.session_state["raw"] = {**at.session_state["raw"], "name": "Andere naam"}
    at.run()
    assert len(calls) == 2 * variants, (
        f"{len(calls) - variants} budget computations for one change ({variants} variants)"
    )
    goto(at, "Kostprijs")
    goto(at, "Contract & offerte")
    assert len(calls) == 2 * variants
