"""The workbook read by programs that do not calculate: pandas and openpyxl with ``data_only=True``
see, at each formula, the number the command line prints (``costprice --json``, ``budget --json``)
to the cent, for the demo, the second example and every scenario of the golden cases; no formula
is without a cached result; and the styles and number formats survive a round trip."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from dataclasses import dataclass
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


@dataclass(frozen=True)
class _ReadBack:
    """A scenario's workbook (no variant) and how the two readers that do not calculate see it."""

    data: bytes
    layout: dict
    cached: openpyxl.Workbook  # data_only=True: the stored results, not the formulas
    frames: dict[str, pandas.DataFrame]  # every sheet as pandas reads it, header=None


@pytest.fixture(scope="module")
def read_back(scenario_files) -> dict[Path, _ReadBack]:
    """Each scenario's workbook built and read once for the tests below (the reads are most of their time)."""
    books = {}
    for path in scenario_files:
        data, layout = build_workbook_with_layout(evaluate(load_scenario(path)))
        cached = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        frames = pandas.read_excel(io.BytesIO(data), sheet_name=None, header=None)
        books[path] = _ReadBack(data, layout, cached, frames)
    return books


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


def test_pandas_and_openpyxl_read_the_cli_numbers_at_every_formula(scenario_files, read_back, capsys):
    compared = 0
    for path in scenario_files:
        costprice = _cli(capsys, "costprice", str(path), "--json")
        evaluation = evaluate(load_scenario(path))
        budget = _cli(capsys, "budget", str(path), "--json") if evaluation.contract is not None else None
        layout, cached, frames = read_back[path].layout, read_back[path].cached, read_back[path].frames
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


def test_no_formula_is_without_a_cached_result(scenario_files, read_back):
    for path in scenario_files:
        for option in [None] + [o.name for o in (load_scenario(path).contract or _NoContract).options]:
            if option is None:
                data, cached = read_back[path].data, read_back[path].cached
            else:
                data = build_workbook(evaluate(load_scenario(path)), option=option)
                cached = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
            live = openpyxl.load_workbook(io.BytesIO(data))
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
            assert sheet in ("Invoer", "Contract") and target.fill.fgColor.rgb.endswith("FFF4D6"), name  # an input
    factor = contract[f"G{layout['contract']['factor']}"]
    assert factor.number_format == "0.000000" and factor.value.startswith("=")


# ----------------------------------------------------------------------------------------------
# Social return, the index's source per year and the tornado, as a reader that does not calculate sees them

CASES = ROOT / "tests" / "cases"


def _readers(data: bytes, sheet: str) -> tuple[object, pandas.DataFrame]:
    """The sheet as openpyxl with ``data_only=True`` and as pandas read it."""
    cached = openpyxl.load_workbook(io.BytesIO(data), data_only=True)[sheet]
    frame = pandas.read_excel(io.BytesIO(data), sheet_name=sheet, header=None)
    return cached, frame


def _both(cached, frame: pandas.DataFrame, row: int, col: int) -> object:
    """The cell at (row, col) counted from 1, the same for openpyxl and pandas (NaN read as None)."""
    by_openpyxl = cached.cell(row, col).value
    by_pandas = frame.iat[row - 1, col - 1]
    by_pandas = None if isinstance(by_pandas, float) and by_pandas != by_pandas else by_pandas
    if isinstance(by_openpyxl, (int, float)):
        assert float(by_pandas) == float(by_openpyxl), (row, col)
    else:
        assert by_pandas == by_openpyxl, (row, col)
    return by_openpyxl


def _range_case_raw() -> tuple[dict, dict]:
    case = yaml.safe_load((CASES / "contract_social_return_range.yaml").read_text(encoding="utf-8"))
    raw = yaml.safe_load((CASES / case["scenario_from"]).read_text(encoding="utf-8"))["scenario"]
    raw["contract"]["tasks"][0]["social_return"] = case["social_return"]
    return raw, case


def test_social_return_sheet_reads_the_engine_estimates_with_and_without_a_range(tmp_path):
    """Ratio, range (or "niet bekend"), source and the "schatting" label per task, and the estimates in
    euros, as the engine has them; the range case also against its hand calculation."""
    raw, case = _range_case_raw()
    path = tmp_path / "range.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    checked = {"range": 0, "none": 0}
    for scenario in (DEMO, path):
        evaluation = evaluate(load_scenario(scenario))
        data, layout = build_workbook_with_layout(evaluation)
        cached, frame = _readers(data, "Maatschappelijk rendement")
        header = [_both(cached, frame, 5, col) for col in range(1, 17)]
        assert header[:6] == ["Opgave", "Verhouding", "Ondergrens", "Bovengrens", "Bron verhouding", "Soort"]
        variant = evaluation.variant()
        assert variant is not None and variant.social
        for sr in variant.social:
            r = int(layout["social"][sr.task]["row"])
            cells = {name: _both(cached, frame, r, col) for col, name in enumerate(header, start=1)}
            assert cells["Opgave"] == sr.task and cells["Soort"] == "schatting"
            assert cells["Verhouding"] == sr.ratio and cells["Bron verhouding"] == sr.source
            assert cells["Baten gespreid over (jaren)"] == sr.benefit_years
            assert cents(cells["Kosten (CW)"]) == cents(sr.npv_costs)
            assert cents(cells["Baten (CW, schatting)"]) == cents(sr.npv_benefits)
            assert cents(cells["Saldo (CW, schatting)"]) == cents(sr.net)
            if sr.has_range:
                assert (cells["Ondergrens"], cells["Bovengrens"]) == (sr.ratio_low, sr.ratio_high)
                assert cents(cells["Baten bij ondergrens (CW, schatting)"]) == cents(sr.npv_benefits_low)
                assert cents(cells["Baten bij bovengrens (CW, schatting)"]) == cents(sr.npv_benefits_high)
                low, high = sr.net_range
                assert cents(cells["Saldo bij ondergrens (CW, schatting)"]) == cents(low)
                assert cents(cells["Saldo bij bovengrens (CW, schatting)"]) == cents(high)
                expected = case["expected"]  # the hand calculation of tests/cases/contract_social_return_range.yaml
                assert cents(cells["Baten bij ondergrens (CW, schatting)"]) == expected["npv_benefits_low"]
                assert cents(cells["Baten bij bovengrens (CW, schatting)"]) == expected["npv_benefits_high"]
                assert cents(cells["Saldo bij bovengrens (CW, schatting)"]) == expected["net_high"]
                assert "aanname van de organisatie" in cells["Bron verhouding"]
                checked["range"] += 1
            else:
                for name in header[2:4] + header[9:11] + header[12:14]:
                    assert cells[name] == "niet bekend", name
                checked["none"] += 1
            if sr.municipality_net is None:
                assert cells["Saldo gemeente (CW, schatting)"].startswith("onbekend")
            else:
                assert cells["Aandeel gemeente in de baten"] == sr.shares["gemeente"]
                assert cents(cells["Saldo gemeente (CW, schatting)"]) == cents(sr.municipality_net)
            # The yearly rows: the budget's costs per task and the benefits, per horizon year.
            for series, values in (("costs", sr.costs), ("benefits", sr.benefits)):
                row, col = coordinate_to_tuple(layout["social"][sr.task][series])
                shown = [_both(cached, frame, row, col + j) for j in range(len(values))]
                assert shown == pytest.approx(list(values), rel=1e-12, abs=1e-6), (sr.task, series)
    assert checked == {"range": 1, "none": 2}


def _sourced_index_raw() -> dict:
    """contract_given_and_assumed_index.yaml over four years, each index year's own source with another status."""
    raw = yaml.safe_load((CASES / "contract_given_and_assumed_index.yaml").read_text(encoding="utf-8"))["scenario"]
    c = raw["contract"]
    c["years"] = 4
    c.pop("options")
    ix = c["indexation"]
    ix["per_year"] = {2027: 0.03, 2028: 0.028}
    ix["municipal_pct"] = {2027: 0.0, 2028: 0.01, 2029: 0.015}
    ix["sources"] = {
        2027: {"text": "Brief van de gemeente van 12 november 2026", "status": "given"},
        2028: {"text": "Voorlopig cijfer uit het bestuurlijk overleg", "status": "provisional"},
        2029: {"text": "Eigen raming van de organisatie", "status": "assumption"},
    }
    return raw


def test_index_per_year_has_its_status_and_source_on_the_contract_sheet(tmp_path, capsys):
    raw = _sourced_index_raw()
    path = tmp_path / "sources.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    budget_json = _cli(capsys, "budget", str(path), "--json")
    evaluation = evaluate(load_scenario(path))
    budget = evaluation.budget()
    assert budget is not None
    data, layout = build_workbook_with_layout(evaluation)
    cached, frame = _readers(data, "Contract")
    rows = layout["contract"]["index_table"]
    first = min(rows.values())
    assert [_both(cached, frame, first - 1, col) for col in range(1, 6)] == [
        "Jaar",
        "Index per 1 januari",
        "Herkomst",
        "Status bron",
        "Bron",
    ]
    seen = {}
    for k, shown in enumerate(budget_json["per_year"]):
        r = rows[shown["year"]]
        year, index, origin, status, source = (_both(cached, frame, r, col) for col in range(1, 6))
        assert year == shown["year"]
        row = budget.year_index[k]
        if shown["index"] is None:  # the base year
            assert row is None and index == "basisjaar" and status == "n.v.t."
            continue
        assert index == shown["index"]  # the CLI's figure, exactly
        assert origin.startswith({"opgegeven": "opgegeven", "aanname": "aanname"}[shown["index_origin"]])
        seen[status] = source
        assert source == row.source
    assert seen == {
        "vastgesteld": "Brief van de gemeente van 12 november 2026",
        "voorlopig": "Voorlopig cijfer uit het bestuurlijk overleg",
        "aanname": "Eigen raming van de organisatie",
    }
    # The Invoer row of each index names its source too.
    invoer = openpyxl.load_workbook(io.BytesIO(data), data_only=True)["Invoer"]
    notes = {row[0].value: row[2].value for row in invoer.iter_rows() if row[0].value}
    assert notes["Indexatie 2028"].endswith("bron: Voorlopig cijfer uit het bestuurlijk overleg (voorlopig)")


def test_index_without_own_source_says_where_it_comes_from():
    """The demo: published figures or the assumed percentage, each with its status in words."""
    evaluation = evaluate(load_scenario(DEMO))
    data, layout = build_workbook_with_layout(evaluation)
    cached, frame = _readers(data, "Contract")
    statuses = set()
    for r in layout["contract"]["index_table"].values():
        status, source = _both(cached, frame, r, 4), _both(cached, frame, r, 5)
        assert status and source, r
        statuses.add(status)
    assert statuses <= {"n.v.t.", "gepubliceerd", "deels gepubliceerd, deels opgegeven", "aanname", "geen eigen bron"}


def test_the_tornado_sheet_is_costprice_json_sensitivity(scenario_files, read_back, capsys):
    """Issue 12 item 1: the tornado as a table; row by row what ``costprice --json`` says under "sensitivity"."""
    compared = 0
    for path in scenario_files:
        doc = _cli(capsys, "costprice", str(path), "--json")
        cached, frame = read_back[path].cached["Gevoeligheid"], read_back[path].frames["Gevoeligheid"]
        header = [_both(cached, frame, 3, col) for col in range(1, 14)]
        assert len(doc["sensitivity"]) > 0, path.name
        for i, bar in enumerate(doc["sensitivity"]):
            cells = dict(zip(header, (_both(cached, frame, 4 + i, col) for col in range(1, 14))))
            where = (path.name, bar["assumption"])
            assert cells["Aanname"] == bar["assumption"] and cells["Bron van de bandbreedte"] == bar["source"], where
            for column, key in (("Gebruikt", "central"), ("Ondergrens", "low"), ("Bovengrens", "high")):
                assert cells[column] == pytest.approx(bar[key], rel=1e-12), where
            for column, key in (
                ("Tarief bij ondergrens", "tariff_at_low"),
                ("Tarief bij bovengrens", "tariff_at_high"),
                ("Tarief bij de gebruikte waarde", "tariff_central"),
                ("Formatie per jaar bij ondergrens", "budget_at_low"),
                ("Formatie per jaar bij bovengrens", "budget_at_high"),
            ):
                assert cells[column] == bar[key], (where, column)
            width = abs(bar["tariff_at_high"] - bar["tariff_at_low"])
            assert cells["Verschil (breedte van de balk)"] == pytest.approx(width, abs=0.011), where
            assert cells["Jaar"] == bar["year"]
            assert cells["In de risicoband"] == ("ja" if bar["in_band"] else "nee")
            compared += 1
        assert _both(cached, frame, 4 + len(doc["sensitivity"]), 1) is None, path.name  # no row beyond the bars
    assert compared > 150  # 175 bars over the 32 scenarios
