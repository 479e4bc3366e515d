"""The buyer's check he can cite: both units, the staffing it uses, bands, and the one-page PDF."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from pricing.benchmark import check_value, load_benchmark_set
from pricing.costprice import compute
from pricing.money import format_eur, format_pct
from pricing.report.tariff_check_pdf import TariffCheckReport, build_tariff_check_pdf
from pricing.scenario import read_scenario_file, validate_scenario
from pricing.tariff_check import check_tariff
from tests.app_support import _app, goto, metric

ROOT = Path(__file__).resolve().parents[1]
DEMO = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
ARTIFACTS = ROOT / "tests" / "artifacts"


def _demo_result():
    return compute(validate_scenario(DEMO))


def _pdf(check, result, bands) -> bytes:
    return build_tariff_check_pdf(
        TariffCheckReport(
            check=check,
            result=result,
            staffing="formatie van de aanbieder",
            bands=bands,
            edition="Parametereditie test",
            generated=dt.date(2026, 12, 1),
        )
    )


def test_switching_the_unit_converts_the_amount():
    at = goto(_app(), "Tariefcheck")
    at.text_input(key="k_tc_offered").set_value("62,50").run()
    billable = _demo_result().hours.billable
    at.radio(key="k_tc_per").set_value("fte").run()
    per_fte = round(62.5 * billable, 2)
    assert at.session_state["values"]["tc_offered"] == pytest.approx(per_fte)
    check = check_tariff(_demo_result(), per_fte, "fte")
    assert metric(at, "Verschil per uur") == format_eur(check.gap_per_hour)
    assert abs(check.offered - 62.5) < 0.005  # the same offer, now per FTE
    at.radio(key="k_tc_per").set_value("hour").run()
    assert at.session_state["values"]["tc_offered"] == pytest.approx(62.5, abs=0.005)


def test_implied_figures_are_held_against_the_bands_with_sources():
    at = goto(_app(), "Tariefcheck")
    at.text_input(key="k_tc_offered").set_value("62,50").run()
    check = check_tariff(_demo_result(), 62.5, "hour")
    bset = load_benchmark_set()
    band = check_value("productivity", check.implied_productivity, bset, {}, derived=True)
    captions = " ".join(c.value for c in at.caption)
    assert f"**{format_pct(check.implied_productivity)}**" in captions
    assert band.band.text() in captions and band.band.source_text in captions


def test_the_reference_staffing_is_one_social_worker_in_scale_8():
    at = goto(_app(), "Tariefcheck")
    at.radio(key="k_tc_staffing").set_value("reference").run()
    raw = {k: v for k, v in DEMO.items() if k != "contract"}
    raw["staff"] = [{"function": "Sociaal werker", "scale": 8, "step": 4, "fte": 1, "contract": "permanent"}]
    expected = compute(validate_scenario(raw)).team.tariff_per_hour
    assert metric(at, "Reëel tarief van deze formatie") == format_eur(expected) + " per uur"
    assert any("referentieformatie: 1 FTE sociaal werker, schaal 8" in c.value for c in at.caption)


def test_the_pdf_is_one_page_with_verdict_rules_sources_and_edition():
    result = _demo_result()
    check = check_tariff(result, 62.5, "hour")
    bset = load_benchmark_set()
    bands = (
        check_value("productivity", check.implied_productivity, bset, {}, derived=True),
        check_value("overhead.pct", check.implied_overhead_pct, bset, {}, derived=True, convention="markup"),
    )
    data = _pdf(check, result, bands)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "tariefcheck.pdf").write_bytes(data)
    if shutil.which("pdftoppm"):  # rendered for a person to look at
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", str(ARTIFACTS / "tariefcheck.pdf"), str(ARTIFACTS / "tariefcheck_pdf")],
            check=True,
        )
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for fragment in (
        "Oordeel: onder kostprijs",
        "€ 62,50",
        "Regels",
        "Bronnen",
        "Parametereditie test",
        "1 december 2026",
        bands[0].band.text(),
    ):
        assert fragment in text, fragment
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "tariefcheck.pdf").write_bytes(data)
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", str(ARTIFACTS / "tariefcheck.pdf"), str(ARTIFACTS / "tariefcheck_pdf")],
            check=True,
        )


def test_an_implausible_offer_is_named_beside_its_verdict_on_the_page_and_in_the_pdf():
    # 95,033 typed per FTE per year is € 95,03, not € 95.033: the verdict alone did not say so.
    at = goto(_app(), "Tariefcheck")
    at.radio(key="k_tc_per").set_value("fte").run()
    at.text_input(key="k_tc_offered").set_value("95,033").run()
    check = check_tariff(_demo_result(), 95.033, "fte")
    warnings = [w.value for w in at.warning]
    assert check.plausibility_note in warnings, warnings
    assert "bedoelde u € 95.033?" in check.plausibility_note
    result = _demo_result()
    bset = load_benchmark_set()
    bands = (check_value("productivity", check.implied_productivity, bset, {}, derived=True),)
    data = _pdf(check, result, bands)
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "van het reële tarief. Zo'n afstand komt vaker van een tik- of eenheidsfout" in text
    (ARTIFACTS / "tariefcheck_implausible.pdf").write_bytes(data)
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "60",
                "-png",
                str(ARTIFACTS / "tariefcheck_implausible.pdf"),
                str(ARTIFACTS / "tariefcheck_implausible"),
            ],
            check=True,
        )
