"""``python -m pricing offer`` and ``budget``: files written, JSON totals, Dutch errors, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pricing.cli import main
from pricing.contract import contract_budget
from pricing.costprice import compute
from pricing.scenario import load_scenario, read_scenario_file

ROOT = Path(__file__).resolve().parents[1]
DEMO = str(ROOT / "examples" / "voorbeeld.yaml")
GEMEENTE = str(ROOT / "examples" / "gemeente.yaml")


def test_offer_writes_pdf_and_workbook_as_a_user_runs_it(tmp_path):
    pdf, xlsx = tmp_path / "offerte.pdf", tmp_path / "model.xlsx"
    done = subprocess.run(
        [sys.executable, "-m", "pricing", "offer", DEMO, "-o", str(pdf), "--xlsx", str(xlsx)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and xlsx.read_bytes().startswith(b"PK")
    assert "Offerte geschreven naar" in done.stdout and "Rekenmodel geschreven naar" in done.stdout


def test_offer_for_a_variant_and_without_a_contract(tmp_path, capsys):
    from pypdf import PdfReader

    assert main(["offer", DEMO, "-o", str(tmp_path / "plus.pdf"), "--variant", "Plus"]) == 0
    text = " ".join(p.extract_text() for p in PdfReader(str(tmp_path / "plus.pdf")).pages[:1])
    assert "Plus" in text
    assert main(["offer", GEMEENTE, "-o", str(tmp_path / "kostprijs.pdf")]) == 0
    assert (tmp_path / "kostprijs.pdf").exists()


def test_budget_json_has_year_area_and_task_totals(capsys):
    assert main(["budget", DEMO, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    budget = contract_budget(compute(load_scenario(DEMO)))
    assert [y["year"] for y in doc["per_year"]] == [2027, 2028, 2029, 2030]
    for k, year in enumerate(doc["per_year"]):
        assert year["total"] == pytest.approx(budget.totals[k], abs=0.005)
        assert sum(v[k] for v in doc["per_area"].values()) == pytest.approx(year["total"], abs=1e-6)
        assert sum(v[k] for v in doc["per_task"].values()) == pytest.approx(year["total"], abs=1e-6)
    assert doc["npv"] == pytest.approx(budget.npv, abs=0.005)
    assert doc["variant"] == "Basis"


def test_budget_json_says_where_each_years_index_comes_from(tmp_path, capsys):
    """Per year the index's origin and, where the contract states one (indexation.sources), its
    own source text and status, as the app and the offer PDF show them; null for the other years."""
    import yaml

    case = read_scenario_file(ROOT / "tests" / "cases" / "contract_catch_up_and_settlement.yaml")["scenario"]
    case["contract"]["indexation"] = {
        "wage_weight": 0.9,
        "catch_up": "ratio",
        "definitive": "next_year",
        "assumed_pct": 0.03,
        "sources": {2026: {"text": "CPB, augustusraming 2025", "status": "assumption"}},
    }
    path = tmp_path / "bronnen.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["budget", str(path), "--json"]) == 0
    years = {y["year"]: y for y in json.loads(capsys.readouterr().out)["per_year"]}
    assert years[2026]["index_origin"] == "aanname"
    assert years[2026]["index_source"] == {"text": "CPB, augustusraming 2025", "status": "assumption"}
    assert years[2025]["index_source"] is None and years[2025]["index_origin"] == "data"


def test_budget_table_is_dutch(capsys):
    assert main(["budget", DEMO, "--variant", "Sober"]) == 0
    out = capsys.readouterr().out
    assert "(Sober)" in out and "Gebied" in out and "Opgave" in out
    assert "Contante waarde in prijzen van 2026: €" in out and "reële discontovoet 2,25 %" in out
    assert "Kosten van niet-indexeren" in out and "aanname" in out


@pytest.mark.parametrize(
    "args, message",
    [
        (["budget", GEMEENTE], "geen contract-blok"),
        (["budget", DEMO, "--variant", "Luxe"], "variant 'Luxe' bestaat niet"),
        (["offer", DEMO, "-o", "/nonexistent-dir/offerte.pdf"], "de map bestaat niet"),
        (["offer", DEMO], "Ongeldige aanroep"),
    ],
)
def test_user_errors_exit_2_with_a_dutch_message(args, message, capsys):
    assert main(args) == 2
    assert message in capsys.readouterr().err
