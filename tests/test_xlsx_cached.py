"""The workbook read by programs that do not calculate: pandas and openpyxl with ``data_only=True``
see, at each formula, the number the command line prints (``costprice --json``, ``budget --json``)
to the cent, for the demo, the second example and every scenario of the golden cases; no formula
is without a cached result; and the styles and number formats survive a round trip."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas
import pytest
import yaml
from openpyxl.utils.cell import coordinate_to_tuple

from pricing import cli
from pricing.display import HOURLY_PARTS, PERSONNEL_PARTS
from pricing.evaluation import evaluate
from pricing.money import cents, round_half_up
from pricing.report.xlsx import build_workbook, build_workbook_with_layout
from pricing.report.xlsx_style import EUR, PCT
from pricing.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "voorbeeld.yaml"

# Kostprijs row of the chain -> the key of the same figure per line in ``costprice --json``.
LINE_SITES = {
    "monthly": "monthly_salary",
    "salary": "annual_salary",
    "ikb": "ikb",
    "ort": "irregular",
    "lbb": "career_budget",
    "premiums": "employer_premiums",
    "pension": "pension",
    "other": "other_personnel",
    "flat": "flat_oncost",
    "org": "org_cao_costs",
    "personnel": "personnel_cost_per_fte",
    "productive": "productive_hours",
    "billable": "billable_hours",
    "direct": "direct_cost_per_hour",
    "overhead": "overhead_per_hour",
    "material": "material_per_hour",
    "reporting": "reporting_per_hour",
    "cost_price": "cost_price_per_hour",
    "risk_innovation": "risk_innovation_per_hour",
    "reserve": "reserve_per_hour",
    "tariff": "tariff_per_hour",
    "price": "price_per_fte",
    "fte": "fte",
    "budget": "budget",
}


def _scenario_files(folder: Path) -> list[Path]:
    """The two examples and the scenario of every golden case that has one, each as its own file."""
    files = [DEMO, ROOT / "examples" / "gemeente.yaml"]
    for case in sorted((ROOT / "tests" / "cases").glob("*.yaml")):
        data = yaml.safe_load(case.read_text(encoding="utf-8"))
        if isinstance(data.get("scenario"), dict):
            path = folder / case.name
            path.write_text(yaml.safe_dump(data["scenario"], allow_unicode=True, sort_keys=False), encoding="utf-8")
            files.append(path)
    return files


@pytest.fixture(scope="module")
def scenario_files(tmp_path_factory) -> list[Path]:
    files = _scenario_files(tmp_path_factory.mktemp("cases"))
    assert len(files) >= 20
    return files


def _cli(capsys, *argv: str) -> dict:
    """What the command line prints for ``argv`` (run in this process: the same code, no start-up)."""
    capsys.readouterr()
    assert cli.main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def _line_rounding(field: str) -> str:
    if field == "fte":
        return "exact"
    return "part" if field in PERSONNEL_PARTS or field in HOURLY_PARTS else "cents"


def _sites(layout: dict, costprice: dict, budget: dict | None) -> list[tuple[str, str, float, str]]:
    """(sheet, cell, the CLI's figure, how the CLI rounds it) for every quantity the CLI prints and
    the workbook computes with a formula."""
    chain = layout["chain"]
    rows, cols = chain["rows"], chain["cols"]
    sites = []
    for k, line in enumerate(costprice["lines"]):
        for key, field in LINE_SITES.items():
            if key in rows:
                sites.append(("Kostprijs", f"{cols[k]}{rows[key]}", line[field], _line_rounding(field)))
    for key in chain["team"]:  # total FTE, hours, personnel cost, cost price, tariff, price per FTE, budget
        rounding = {"total_fte": "fte4", "staff_budget": "part"}.get(key, "cents")
        sites.append(("Kostprijs", chain["team"][key], costprice["team"][key], rounding))
    sites.append(("Kostprijs", chain["annual_budget"], costprice["team"]["annual_budget"], "cents"))
    sites.append(("Kostprijs", chain["oh_pct"], costprice["overhead"]["pct"], "exact"))
    if costprice["reserve"] is not None:
        sites.append(("Kostprijs", chain["reserve_pct"], costprice["reserve"]["surcharge_pct"], "exact"))
    if budget is None:
        return sites
    c = layout["contract"]
    for function, (per_fte, per_hour) in c["prices"].items():
        price = next(p for p in budget["prices"] if p["function"] == function)
        sites += [
            ("Contract", per_fte, price["price_per_fte"], "cents"),
            ("Contract", per_hour, price["price_per_hour"], "cents"),
        ]
    ni = budget["non_indexation"]
    for k, col in enumerate(c["year_cols"]):
        year = budget["per_year"][k]
        for key in ("staff", "activities", "settlement", "total"):
            # A settlement still waiting for its figures is null in the JSON and 0 in the workbook.
            rounding = "cents" if key == "total" else "part"
            sites.append(("Contract", f"{col}{c['totals'][key]}", year[key] or 0.0, rounding))
        sites.append(("Contract", f"{col}{c['factor']}", year["factor"], "exact"))
        sites.append(("Contract", f"{col}{c['real_total']}", budget["real_totals"][k], "cents"))
        sites.append(("Contract", f"{col}{c['shortfall']}", ni["shortfall"][k], "cents"))
        sites.append(("Contract", f"{col}{c['cumulative']}", ni["cumulative"][k], "cents"))
        sites.append(("Contract", f"{col}{c['fte_lost']}", ni["fte_lost"][k] or 0.0, "round2"))
        if budget["step_drift"]["on"]:
            sites.append(("Contract", f"{col}{c['totals']['drift']}", budget["step_drift"]["per_year"][k], "cents"))
    sites.append(("Contract", c["npv"], budget["npv"], "cents"))
    return sites


def _agrees(value: float, shown: float, rounding: str) -> bool:
    """Does the workbook's ``value`` show as the CLI's ``shown``, rounded the way the CLI rounds it?

    "part": one of the amounts the CLI rounds so that they add up to their rounded total (the
    components of the personnel cost and of the tariff, staffing + activities + settlement): the
    shown cent is the value rounded down or up, so within one cent."""
    if rounding == "part":
        return abs(value - shown) < 0.01
    rounded = {
        "cents": cents,
        "round2": lambda v: round(v, 2),
        "fte4": lambda v: float(round_half_up(v, 4)),
        "exact": float,
    }[rounding](value)
    return rounded == pytest.approx(shown, rel=1e-12, abs=1e-12)


def test_pandas_and_openpyxl_read_the_cli_numbers_at_every_formula(scenario_files, capsys):
    compared = 0
    for path in scenario_files:
        costprice = _cli(capsys, "costprice", str(path), "--json")
        evaluation = evaluate(load_scenario(path))
        budget = _cli(capsys, "budget", str(path), "--json") if evaluation.contract is not None else None
        data, layout = build_workbook_with_layout(evaluation)
        cached = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        frames = pandas.read_excel(io.BytesIO(data), sheet_name=None, header=None)
        for sheet, cell, expected, rounding in _sites(layout, costprice, budget):
            row, col = coordinate_to_tuple(cell)
            where = f"{path.name} {sheet}!{cell}"
            by_openpyxl = cached[sheet][cell].value
            by_pandas = frames[sheet].iat[row - 1, col - 1]
            assert isinstance(by_openpyxl, float), where
            assert _agrees(by_openpyxl, expected, rounding), (where, by_openpyxl, expected, rounding)
            assert float(by_pandas) == by_openpyxl, where
            compared += 1
    assert compared > 1300  # 1,385 sites over 25 scenarios


def test_the_cli_process_and_the_demo_workbook_agree(tmp_path):
    """The real command, as a user runs it, against the cached results of the demo workbook."""
    run = subprocess.run(
        [sys.executable, "-m", "pricing", "costprice", str(DEMO), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    costprice = json.loads(run.stdout)
    data, layout = build_workbook_with_layout(evaluate(load_scenario(DEMO)))
    kostprijs = pandas.read_excel(io.BytesIO(data), sheet_name="Kostprijs", header=None)
    team = layout["chain"]["team"]
    for key in team:
        row, col = coordinate_to_tuple(team[key])
        assert cents(kostprijs.iat[row - 1, col - 1]) == costprice["team"][key], key
    row, col = coordinate_to_tuple(layout["chain"]["annual_budget"])
    assert cents(kostprijs.iat[row - 1, col - 1]) == costprice["team"]["annual_budget"]


def test_no_formula_is_without_a_cached_result(scenario_files):
    for path in scenario_files:
        for option in [None] + [o.name for o in (load_scenario(path).contract or _NoContract).options]:
            data = build_workbook(evaluate(load_scenario(path)), option=option)
            live = openpyxl.load_workbook(io.BytesIO(data))
            cached = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
            formulas = [
                (ws.title, c.coordinate) for ws in live for row in ws.iter_rows() for c in row if c.data_type == "f"
            ]
            assert formulas, path.name
            missing = [f"{s}!{c}" for s, c in formulas if not isinstance(cached[s][c].value, (int, float))]
            assert not missing, (path.name, option, missing[:10])


class _NoContract:
    options: tuple = ()


def test_styles_number_formats_and_names_survive_in_the_file():
    """Opened as a viewer would: header and input colours, bold totals, number formats, column widths,
    frozen panes, the quote prefix on formula-like user text, and names that point at input cells."""
    evaluation = evaluate(load_scenario(DEMO))
    data, layout = build_workbook_with_layout(evaluation)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.calculation.fullCalcOnLoad  # Excel and LibreOffice recalculate the live formulas on opening
    inv, ks, contract = wb["Invoer"], wb["Kostprijs"], wb["Contract"]
    header = inv["A4"]
    assert header.value == "Algemeen" and header.font.b and header.font.color.rgb.endswith("FFFFFF")
    assert header.fill.fill_type == "solid" and header.fill.fgColor.rgb.endswith("1D5C63")
    assert header.alignment.wrap_text and header.alignment.vertical == "top"
    rows, cols = layout["chain"]["rows"], layout["chain"]["cols"]
    tariff = ks[f"{cols[0]}{rows['tariff']}"]
    assert tariff.number_format == EUR and tariff.font.b
    assert ks[f"{cols[0]}{rows['salary']}"].number_format == EUR and not ks[f"{cols[0]}{rows['salary']}"].font.b
    assert ks[f"{cols[0]}{rows['billable']}"].number_format == "#,##0.00"
    assert ks.freeze_panes == "B5" and contract.freeze_panes == "D5"
    widths = {key: (d.min, d.max, d.width) for key, d in ks.column_dimensions.items() if d.customWidth}
    assert widths["A"][2] >= 70 and widths["B"][:2] == (2, 1 + len(cols)) and widths["B"][2] >= 16
    ((sheet, cell),) = wb.defined_names["invoer_other_pct"].destinations
    assert inv[cell.replace("$", "")].number_format == PCT
    for name, defined in wb.defined_names.items():
        for sheet, cell in defined.destinations:
            first = cell.replace("$", "").split(":")[0]
            target = wb[sheet][first]
            assert sheet == "Invoer" and target.fill.fgColor.rgb.endswith("FFF4D6"), name  # a yellow input cell
    factor = contract[f"G{layout['contract']['factor']}"]
    assert factor.number_format == "0.000000" and factor.value.startswith("=")
