"""Golden cases for the contract budget, indexation and social return (tests/cases/contract_*.yaml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from pricing.contract import contract_budget, validate_indexation
from pricing.costprice import compute
from pricing.indexation import provider_index
from pricing.scenario import validate_scenario
from pricing.social_return import social_return

CASES_DIR = Path(__file__).parent / "cases"
CASES = sorted(CASES_DIR.glob("contract_*.yaml"))


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# Each file read once for the three parametrizations below (it was read three times per use at
# collection, in every worker: 0.4 s).
_LOADED = [_load(path) for path in CASES]


def _params(kind: str):
    return [pytest.param(case, id=case["name"]) for case in _LOADED if case["kind"] == kind]


def _approx_list(actual, expected, tolerance, what):
    assert len(actual) == len(expected), what
    for k, (a, e) in enumerate(zip(actual, expected)):
        if e is None:
            assert a is None, f"{what}[{k}]"
        else:
            assert a == pytest.approx(e, abs=tolerance), f"{what}[{k}]"


def test_contract_cases_exist_and_name_their_source():
    assert len(CASES) >= 3
    for path in CASES:
        text = path.read_text(encoding="utf-8")
        case = _load(path)
        assert case.get("name") and case.get("kind", "").startswith("contract_"), path.name
        assert "# Expected values" in text or "# Source" in text, f"{path.name}: name the independent source"


@pytest.mark.parametrize("case", _params("contract_budget"))
def test_contract_budget_case(case):
    result = compute(validate_scenario(case["scenario"]))
    budget = contract_budget(result)
    exp, tol = case["expected"], case["tolerance"]
    if case.get("expect_warning"):
        assert any(case["expect_warning"] in w.lower() for w in budget.warnings), budget.warnings
    for function, price in (exp.get("price_per_fte") or {}).items():
        found = next(p for p in budget.prices if p.function == function)
        assert found.price_per_fte == pytest.approx(price, abs=tol)
    if "index" in exp:
        actual = [row.index if row else None for row in budget.year_index]
        _approx_list(actual, exp["index"], 1e-10, "index")
        origins = [row.origin if row else "basis" for row in budget.year_index]
        assert origins == exp["index_origin"]
    if "catch_up_pending" in exp:
        assert [bool(row and row.catch_up_pending) for row in budget.year_index] == exp["catch_up_pending"]
    # A contract year that follows VNG's method must carry the engine's provider index for that year.
    ix = budget.contract.indexation
    for year in case.get("provider_index_years") or []:
        row = next(r for r in budget.year_index if r is not None and r.year == year)
        engine = provider_index(year, wage_weight=ix.wage_weight, method=ix.catch_up)
        assert row.index == pytest.approx(engine.provider_index, abs=1e-12), year
    for key in ("staff", "activities", "settlements", "totals", "real_totals", "drift"):
        if key in exp:
            _approx_list(getattr(budget, key), exp[key], tol, key)
    if "grand_total" in exp:
        assert budget.grand_total == pytest.approx(exp["grand_total"], abs=tol)
    for attr in ("by_area", "by_task"):
        for name, values in (exp.get(attr) or {}).items():
            _approx_list(getattr(budget, attr)[name], values, tol, f"{attr}.{name}")
    assert budget.npv == pytest.approx(exp["npv"], abs=tol)
    ni = budget.non_indexation
    for key, values in exp["non_indexation"].items():
        _approx_list(getattr(ni, key), values, 1e-6 if key == "fte_lost" else tol, f"non_indexation.{key}")
    if "option" in exp:
        variant = contract_budget(result, exp["option"]["name"])
        _approx_list(variant.totals, exp["option"]["totals"], tol, "option.totals")


@pytest.mark.parametrize("case", _params("contract_social_return"))
def test_social_return_case(case):
    raw = _load(CASES_DIR / case["scenario_from"])["scenario"]
    raw["contract"]["tasks"][0]["social_return"] = case["social_return"]
    budget = contract_budget(compute(validate_scenario(raw)))
    (sr,) = social_return(budget)
    exp, tol = case["expected"], case["tolerance"]
    assert list(sr.years) == exp["years"]
    if "costs" in exp:
        _approx_list(sr.costs, exp["costs"], tol, "costs")
    _approx_list(sr.benefits, exp["benefits"], tol, "benefits")
    assert sr.npv_costs == pytest.approx(exp["npv_costs"], abs=tol)
    assert sr.npv_benefits == pytest.approx(exp["npv_benefits"], abs=tol)
    assert sr.by_actor["gemeente"] == pytest.approx(exp["gemeente"], abs=tol)
    assert sr.municipality_net == pytest.approx(exp["municipality_net"], abs=tol)
    if "npv_benefits_low" not in exp:
        assert not sr.has_range and sr.net_range is None and sr.range_text == "niet bekend"
        return
    assert sr.npv_benefits_low == pytest.approx(exp["npv_benefits_low"], abs=tol)
    assert sr.npv_benefits_high == pytest.approx(exp["npv_benefits_high"], abs=tol)
    assert sr.net_range == pytest.approx((exp["net_low"], exp["net_high"]), abs=tol)
    assert sr.municipality_net_range == pytest.approx(
        (exp["municipality_net_low"], exp["municipality_net_high"]), abs=tol
    )


class _Collector:
    """The few collector methods the clause validation uses (problems as (path, message))."""

    def __init__(self):
        self.problems = []

    def add(self, path, message):
        self.problems.append((path, message))

    def unknown_keys(self, raw, allowed, path):
        for key in raw:
            if key not in allowed:
                self.add(f"{path}.{key}", "onbekende sleutel")

    def choice(self, value, path, options):
        if value not in options:
            self.add(path, "niet toegestaan")
            return None
        return value


def _clause(case, indexation):
    date = case["date"] if isinstance(case["date"], dt.date) else dt.date.fromisoformat(case["date"])
    start = case["contract"]["start"]
    start = start if isinstance(start, dt.date) else dt.date.fromisoformat(start)
    c = _Collector()
    from pricing.parameters import load_parameter_book

    ix = validate_indexation(
        indexation, c, date.year, start.year + case["contract"]["years"] - 1, load_parameter_book()
    )
    assert not c.problems and ix is not None, c.problems
    return ix


@pytest.mark.parametrize("case", _params("contract_indexation"))
def test_contract_indexation_case(case):
    ix = _clause(case, case["contract"]["indexation"])
    exp = case["expected"]
    _approx_list([r.index for r in ix.years], exp["index"], case["tolerance"], "index")
    _approx_list([r.catch_up for r in ix.years], exp["catch_up"], case["tolerance"], "catch_up")
    assert [r.origin for r in ix.years] == exp["index_origin"]
    for year in case["provider_index_years"]:
        row = next(r for r in ix.years if r.year == year)
        engine = provider_index(year, wage_weight=ix.wage_weight, method=ix.catch_up)
        assert row.index == pytest.approx(engine.provider_index, abs=1e-12), year
    # The same clause without first-year catch-up: only the first year changes.
    other = case.get("without_first_year_catch_up")
    if other:
        ix = _clause(case, {**case["contract"]["indexation"], "first_year_catch_up": False})
        _approx_list([r.index for r in ix.years], other["index"], case["tolerance"], "index without")
        _approx_list([r.catch_up for r in ix.years], other["catch_up"], case["tolerance"], "catch_up without")
