"""The spreadsheet export: recalculated by an independent formula engine (pycel), compared with the
engine to the cent, for every step of the chain and the contract budget."""

from __future__ import annotations

import copy
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

pycel = pytest.importorskip("pycel")
from pycel import ExcelCompiler  # noqa: E402

from pricing.contract import contract_budget  # noqa: E402
from pricing.costprice import compute  # noqa: E402
from pricing.evaluation import evaluation_of  # noqa: E402
from pricing.report.xlsx import build_workbook, build_workbook_with_layout  # noqa: E402
from pricing.scenario import load_scenario, read_scenario_file, validate_scenario  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CENT = 0.005

LINE_CHECKS = {
    "monthly": lambda l: l.cost.monthly_salary,
    "salary": lambda l: l.cost.annual_salary,
    "personnel": lambda l: l.cost.personnel_cost_per_fte,
    "productive": lambda l: l.hours.productive,
    "billable": lambda l: l.hours.billable,
    "direct": lambda l: l.direct_cost_per_hour,
    "overhead": lambda l: l.overhead_per_hour,
    "material": lambda l: l.material_per_hour,
    "reporting": lambda l: l.reporting_per_hour,
    "cost_price": lambda l: l.cost_price_per_hour,
    "risk_innovation": lambda l: l.risk_innovation_per_hour,
    "reserve": lambda l: l.reserve_per_hour,
    "tariff": lambda l: l.tariff_per_hour,
    "price": lambda l: l.price_per_fte,
    "budget": lambda l: l.budget,
}
FULL_CHECKS = {
    "ikb": lambda l: l.cost.ikb,
    "ort": lambda l: l.cost.irregular,
    "lbb": lambda l: l.cost.career_budget,
    "sv": lambda l: l.cost.premium_wage,
    "premiums": lambda l: l.cost.employer_premiums,
    "base": lambda l: l.cost.pension_base,
    "pension": lambda l: l.cost.pension,
    "other": lambda l: l.cost.other_personnel,
}


def _compiler(data: bytes, tmp_path: Path, name: str = "model.xlsx") -> ExcelCompiler:
    """pycel over the workbook's formulas alone. pycel takes a cell's cached result where there is one
    and calculates only where there is none, so the cached results (the engine's figures) are left
    out first (openpyxl keeps the formulas and drops the results on saving): every value it gives is
    then its own calculation from the inputs, independent of the engine."""
    path = tmp_path / name
    formulas_only = load_workbook(io.BytesIO(data))
    formulas_only.save(path)
    assert load_workbook(path, data_only=True)["Kostprijs"]["B5"].value is None  # nothing cached left
    return ExcelCompiler(filename=str(path))


def _check_cached_results(data: bytes, xl: ExcelCompiler) -> int:
    """Every formula carries a cached result, and it is what the formula computes: the number a reader
    that does not calculate sees is the one Excel would show."""
    live = load_workbook(io.BytesIO(data))
    cached = load_workbook(io.BytesIO(data), data_only=True)
    checked = 0
    for ws in live:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                where = f"{ws.title}!{cell.coordinate}"
                value = cached[ws.title][cell.coordinate].value
                assert isinstance(value, (int, float)), f"{where} {cell.value}: no cached result ({value!r})"
                assert value == pytest.approx(xl.evaluate(where), rel=1e-9, abs=1e-9), f"{where} {cell.value}"
                checked += 1
    return checked


def _check_chain(xl: ExcelCompiler, result, layout) -> int:
    rows, cols = layout["chain"]["rows"], layout["chain"]["cols"]
    checks = dict(LINE_CHECKS)
    if not result.simple_mode:
        checks.update(FULL_CHECKS)
    else:
        checks["flat"] = lambda l: l.cost.flat_oncost
    compared = 0
    for k, line in enumerate(result.lines):
        for key, expected in checks.items():
            value = xl.evaluate(f"Kostprijs!{cols[k]}{rows[key]}")
            assert value == pytest.approx(expected(line), abs=CENT), f"line {k + 1} {line.function}: {key}"
            compared += 1
    team = layout["chain"]["team"]
    for key in (
        "total_fte",
        "billable_hours",
        "personnel_cost",
        "cost_price_per_hour",
        "tariff_per_hour",
        "price_per_fte",
        "staff_budget",
    ):
        assert xl.evaluate(f"Kostprijs!{team[key]}") == pytest.approx(getattr(result.team, key), abs=CENT), key
    assert xl.evaluate(f"Kostprijs!{layout['chain']['annual_budget']}") == pytest.approx(
        result.team.annual_budget, abs=CENT
    )
    assert xl.evaluate(f"Kostprijs!{layout['chain']['oh_pct']}") == pytest.approx(result.overhead_pct, abs=1e-12)
    return compared


def _check_contract(xl: ExcelCompiler, layout) -> None:
    c, budget = layout["contract"], layout["budget"]
    for k, col in enumerate(c["year_cols"]):
        for key, values in (("staff", budget.staff), ("activities", budget.activities), ("total", budget.totals)):
            assert xl.evaluate(f"Contract!{col}{c['totals'][key]}") == pytest.approx(values[k], abs=CENT), (key, k)
        settlement = budget.settlements[k] or 0.0
        assert xl.evaluate(f"Contract!{col}{c['totals']['settlement']}") == pytest.approx(settlement, abs=CENT)
        ni = budget.non_indexation
        assert xl.evaluate(f"Contract!{col}{c['shortfall']}") == pytest.approx(ni.shortfall[k], abs=CENT)
        assert xl.evaluate(f"Contract!{col}{c['cumulative']}") == pytest.approx(ni.cumulative[k], abs=CENT)
        assert xl.evaluate(f"Contract!{col}{c['fte_lost']}") == pytest.approx(ni.fte_lost[k] or 0.0, abs=1e-6)
        # The NPV's real amounts: totals in base-year prices, as the engine deflates them.
        assert xl.evaluate(f"Contract!{col}{c['real_total']}") == pytest.approx(budget.real_totals[k], abs=CENT)
    assert xl.evaluate(f"Contract!{c['npv']}") == pytest.approx(budget.npv, abs=CENT)


def test_demo_workbook_recalculates_to_the_engine_to_the_cent(tmp_path):
    result = compute(load_scenario(ROOT / "examples" / "voorbeeld.yaml"))
    data, layout = build_workbook_with_layout(result)
    xl = _compiler(data, tmp_path)
    assert _check_chain(xl, result, layout) == len(result.lines) * (len(LINE_CHECKS) + len(FULL_CHECKS))
    _check_contract(xl, layout)
    assert _check_cached_results(data, xl) > 500


def test_every_formula_branch_recalculates_to_the_engine(tmp_path):
    """Overhead from cost lines, reserve build-up, client-bound hours, productivity, share convention,
    simple mode, own salaries, an entry-scheme pension and a contract with settlement and hours."""
    base = read_scenario_file(ROOT / "examples" / "gemeente.yaml")
    variants = []
    a = copy.deepcopy(base)
    a["norms"] = {
        "productivity": 0.78,
        "billable": "client_bound",
        "client_bound_share": 0.72,
        "overhead": {"lines": [{"name": "Management", "amount": 250000}, {"name": "ICT", "amount": 90000}]},
        "reserve": {"target": 600000, "current": 350000, "years": 5},
    }
    a["staff"][0]["pension_entry_step"] = 3
    variants.append(a)
    b = copy.deepcopy(base)
    b["norms"] = {
        "productive_hours": 1450,
        "flat_oncost_pct": 0.42,
        "overhead": {"pct": 0.22, "convention": "share"},
        "reserve": {"target": 500000, "current": 100000, "years": 4, "turnover": 5000000},
    }
    b["employer"] = {"large": False}
    b["norms"]["internship_pay"] = 5000
    variants.append(b)
    # The CAO rules per line: headcount, age band, on-call days, not primary process, ORT above the
    # cap, a step from the ladder, an own salary in a year with a rise after 1 January, a 2024 date
    # (pension base on the 1 January 2024 table).
    c = copy.deepcopy(base)
    c["date"] = "2026-12-01"
    c["staff"][0].update(persons=c["staff"][0]["fte"] * 1.5, age_band="50+", irregular_pct=0.12)
    c["norms"]["union_fee_reimbursement"] = 9000
    c["norms"]["internship_pay"] = 12000
    c["staff"][1].update(on_call={"weekdays": 26, "weekend_days": 13}, primary_process=False)
    c["staff"].append(
        {
            "function": "Beheerder",
            "scale": 5,
            "step": "U1",
            "fte": 1,
            "contract": "permanent",
            "persons": 2,
            "monthly_salary": 3900,
        }
    )
    variants.append(c)
    d = copy.deepcopy(base)
    d["date"] = "2024-09-01"
    d["norms"] = {"reserve": {"target": 500000, "current": 100000, "years": 4}}
    variants.append(d)
    case = read_scenario_file(ROOT / "tests" / "cases" / "contract_catch_up_and_settlement.yaml")["scenario"]
    variants.append(case)
    for n, raw in enumerate(variants):
        result = compute(validate_scenario(raw))
        data, layout = build_workbook_with_layout(result)
        xl = _compiler(data, tmp_path, f"variant{n}.xlsx")
        assert _check_chain(xl, result, layout) > 0
        if "contract" in layout:
            _check_contract(xl, layout)
        assert _check_cached_results(data, xl) > 0


def test_the_workbook_is_live_an_input_change_flows_through_like_in_the_engine(tmp_path):
    raw = read_scenario_file(ROOT / "examples" / "gemeente.yaml")
    result = compute(validate_scenario(raw))
    data, layout = build_workbook_with_layout(result)
    xl = _compiler(data, tmp_path)
    cell = layout["chain"]["lines"][0]["monthly"].replace("$", "")
    before = xl.evaluate(f"Kostprijs!{layout['chain']['team']['tariff_per_hour']}")
    xl.set_value(cell, 4500.0)
    after = xl.evaluate(f"Kostprijs!{layout['chain']['team']['tariff_per_hour']}")
    raw["staff"][0]["monthly_salary"] = 4500.0
    expected = compute(validate_scenario(raw)).team.tariff_per_hour
    assert after != pytest.approx(before, abs=0.01)
    assert after == pytest.approx(expected, abs=CENT)


def test_user_text_stays_text_and_sheets_are_there(tmp_path):
    raw = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
    hostile = '=HYPERLINK("http://x","klik")'
    raw["staff"][0]["function"] = hostile
    for line in raw["contract"]["staffing"] + [l for o in raw["contract"]["options"] for l in o.get("staffing", [])]:
        if line["function"] == "Sociaal werker":
            line["function"] = hostile
    raw["contract"]["areas"][0]["name"] = "<b>R&D</b> Łódź"
    for line in raw["contract"]["staffing"] + raw["contract"]["activities"]:
        if line.get("area") == "Noord":
            line["area"] = "<b>R&D</b> Łódź"
    result = compute(validate_scenario(raw))
    buffer = io.BytesIO()
    data = build_workbook(result, buffer)
    assert buffer.getvalue() == data
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == [
        "Toelichting",
        "Invoer",
        "Kostprijs",
        "Contract",
        "Maatschappelijk rendement",
        "Gevoeligheid",
        "Parameters",
    ]
    texts = [c for ws in wb for row in ws.iter_rows() for c in row if c.value == hostile]
    assert texts and all(c.data_type == "s" for c in texts)
    assert any(c.value == "<b>R&D</b> Łódź" for row in wb["Contract"].iter_rows() for c in row)
    # Every formula refers to cells, never to a user string.
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    assert "HYPERLINK" not in str(c.value) and "Łódź" not in str(c.value)


def test_a_variant_workbook_holds_the_variant_budget(tmp_path):
    result = compute(load_scenario(ROOT / "examples" / "voorbeeld.yaml"))
    data, layout = build_workbook_with_layout(result, option="Plus")
    assert layout["budget"].option == "Plus"
    assert layout["budget"].totals == contract_budget(result, "Plus").totals
    xl = _compiler(data, tmp_path)
    _check_contract(xl, layout)
    assert _check_cached_results(data, xl) > 0


def test_npv_and_pending_settlement_are_labelled_as_the_engine_shows_them(tmp_path):
    """The NPV row names its price level; a settlement still waiting for definitive figures says
    "volgt" (the engine's word) instead of "geen nacalculatie"."""
    raw = read_scenario_file(ROOT / "tests" / "cases" / "contract_catch_up_and_settlement.yaml")["scenario"]
    result = compute(validate_scenario(raw))
    data, layout = build_workbook_with_layout(result)
    wb = load_workbook(io.BytesIO(data))
    notes = {row[0].value: row[2].value for row in wb["Invoer"].iter_rows() if row[0].value}
    assert notes["Nacalculatie over 2025 (fractie van het jaarbudget)"].startswith("inhaal over het jaar zelf")
    assert notes["Nacalculatie over 2026 (fractie van het jaarbudget)"].startswith("volgt zodra")
    labels = [c.value for row in wb["Contract"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "Contante waarde in prijzen van 2024 (eerste jaar onverdisconteerd)" in labels
    # Hand value from tests/cases/contract_catch_up_and_settlement.yaml: 476,579.8285.
    xl = _compiler(data, tmp_path)
    assert xl.evaluate(f"Contract!{layout['contract']['npv']}") == pytest.approx(476579.8285, abs=CENT)


def test_the_social_return_sheet_recalculates_to_the_engine_and_follows_its_ratio(tmp_path):
    """pycel over the social-return formulas: the NPVs at the ratio and at both ends of the range are the
    engine's (and the hand values of tests/cases/contract_social_return_range.yaml); a ratio typed on
    Invoer flows through as the engine computes it with that ratio."""
    import yaml

    case = yaml.safe_load((ROOT / "tests" / "cases" / "contract_social_return_range.yaml").read_text(encoding="utf-8"))
    raw = read_scenario_file(ROOT / "tests" / "cases" / case["scenario_from"])["scenario"]
    raw["contract"]["tasks"][0]["social_return"] = copy.deepcopy(case["social_return"])
    result = compute(validate_scenario(raw))
    data, layout = build_workbook_with_layout(result)
    xl = _compiler(data, tmp_path)
    row = layout["social"]["T"]["row"]
    sheet = "'Maatschappelijk rendement'"
    expected = case["expected"]
    assert xl.evaluate(f"{sheet}!H{row}") == pytest.approx(expected["npv_costs"], abs=0.01)
    assert xl.evaluate(f"{sheet}!I{row}") == pytest.approx(expected["npv_benefits"], abs=0.01)
    assert xl.evaluate(f"{sheet}!J{row}") == pytest.approx(expected["npv_benefits_low"], abs=0.01)
    assert xl.evaluate(f"{sheet}!K{row}") == pytest.approx(expected["npv_benefits_high"], abs=0.01)
    assert xl.evaluate(f"{sheet}!M{row}") == pytest.approx(expected["net_low"], abs=0.01)
    assert xl.evaluate(f"{sheet}!P{row}") == pytest.approx(expected["municipality_net"], abs=0.01)
    assert _check_cached_results(data, xl) > 0
    ((where, cell),) = load_workbook(io.BytesIO(data)).defined_names["invoer_sr1_ratio"].destinations
    xl.set_value(f"{where}!{cell.replace('$', '')}", 1.9)
    raw["contract"]["tasks"][0]["social_return"]["ratio"] = 1.9
    (again,) = evaluation_of(compute(validate_scenario(raw))).variants[0].social
    assert xl.evaluate(f"{sheet}!I{row}") == pytest.approx(again.npv_benefits, abs=CENT)
    assert xl.evaluate(f"{sheet}!P{row}") == pytest.approx(again.municipality_net, abs=CENT)


@pytest.mark.parametrize("example", ["voorbeeld.yaml", "gemeente.yaml"])
def test_the_reading_guide_describes_exactly_the_sheets_the_workbook_has(example):
    wb = load_workbook(io.BytesIO(build_workbook(compute(load_scenario(ROOT / "examples" / example)))))
    guide = " ".join(str(c.value) for row in wb["Toelichting"].iter_rows() for c in row if c.value)
    described = {name for name in ("Contract", "Maatschappelijk rendement", "Gevoeligheid") if f"Blad {name}" in guide}
    assert described == {"Contract", "Maatschappelijk rendement", "Gevoeligheid"} & set(wb.sheetnames)
    assert ("ook die van het contract" in guide) == ("Contract" in wb.sheetnames)
