"""The tornado and the risk band in the app (AppTest): cost-price page and presentation mode."""

from __future__ import annotations

import json
from pathlib import Path

from pricing.costprice import compute
from pricing.money import format_eur
from pricing.risk_band import tariff_band
from pricing.scenario import read_scenario_file, validate_scenario
from pricing.sensitivity import sensitivity
from tests.app_support import _app, goto, read_only_tables

DEMO = Path(__file__).resolve().parents[1] / "examples" / "voorbeeld.yaml"


def _tornado(at, key: str) -> dict:
    charts = [c for c in at.get("plotly_chart") if c.proto.id.endswith(f"-{key}")]
    assert charts, "tornado chart not drawn"
    return json.loads(charts[0].proto.spec)


def test_costprice_page_shows_the_band_next_to_the_tariff_and_the_tornado():
    result = compute(validate_scenario(read_scenario_file(DEMO)))
    band, sens = tariff_band(result), sensitivity(result)
    at = goto(_app(), "Kostprijs")
    texts = " ".join(m.value for m in at.markdown)
    assert f"Risicoband {format_eur(band.p10)} – {format_eur(band.p90)} per uur" in texts
    assert any("geen betrouwbaarheidsinterval" in c.value for c in at.caption)
    spec = _tornado(at, "chart_tornado")
    bars = [t for t in spec["data"] if t["type"] == "bar"]
    low = bars[0]
    # Widest bar on top: plotly lists bars bottom-up, so the last entry is the widest assumption.
    assert low["y"][-1].startswith(sens.bars[0].assumption.label)
    assert low["text"][-1] == format_eur(sens.bars[0].tariff_at_low)
    assert "€" in spec["layout"]["xaxis"]["title"]["text"]


def test_presentation_mode_shows_the_tornado_large():
    at = _app()
    at.toggle(key="presentation").set_value(True).run()
    at.session_state["k_presentation_view"] = "sensitivity"  # the screen "Gevoeligheid"
    at.run()
    assert not at.exception
    assert any("Waar het tarief op rust" in h.value for h in at.subheader)
    spec = _tornado(at, "chart_tornado_presentation")
    assert spec["layout"]["font"]["size"] == 18


def test_the_ranges_table_under_the_tornado_is_built_only_once_opened():
    sens = sensitivity(compute(validate_scenario(read_scenario_file(DEMO))))
    at = goto(_app(), "Kostprijs")
    assert any(e.label == "Bandbreedtes, bronnen en uitkomsten" for e in at.expander)
    assert not [f for f in read_only_tables(at) if "Bandbreedte" in f.columns]
    at.session_state["exp_tornado_ranges"] = True  # what a click on the expander sets
    at.run()
    ranges = next(f for f in read_only_tables(at) if "Bandbreedte" in f.columns)
    assert list(ranges["Aanname"]) == [b.assumption.label for b in sens.bars]
    assert list(ranges["Tarief laag"]) == [format_eur(b.tariff_at_low) for b in sens.bars]
