"""The app shows sources a user can follow and bands that know their favourable side: a sick-leave
norm below the sector range is favourable (green, no reason asked), above it a deviation; the Toets
page says which sick-leave figure is the price norm and which the measured rate; the norms and cost
price pages point to the method document's sections."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app_support import _app, goto


def _table(at: AppTest, column: str):
    for frame in at.dataframe:
        if column in frame.value.columns:
            return frame.value
    raise AssertionError(f"no table with column {column!r}")


def _set_sick(at: AppTest, fraction: float) -> AppTest:
    # Through the scenario itself, so the test does not depend on the kind of entry widget.
    at.session_state["raw"].setdefault("norms", {}).setdefault("hours", {})["sick_pct"] = fraction
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def test_sick_leave_below_the_band_is_favourable_and_asks_no_reason():
    at = _set_sick(goto(_app(), "Normen & opslagen"), 0.05)
    assert "**onder de band: gunstig**" in _captions(at)
    assert "lager is gunstig" in _captions(at)
    assert not [t for t in at.text_input if t.key == "w_reason_hours.sick_pct"]
    goto(at, "Toets")
    row = _table(at, "Norm").set_index("Norm").loc["Ziekteverzuim"]
    assert (row["Licht"], row["Oordeel"], row["Gunstige kant"]) == ("groen", "onder de band: gunstig", "lager")
    note = next(i.value for i in at.info if "Twee verzuimcijfers" in i.value)
    assert "5,0 %" in note and "6,8 %" in note and "werkelijke verzuim" in note
    assert "Het werkelijke verzuim ligt hoger" in note  # 6,8 % measured against a 5,0 % norm


def test_sick_leave_above_the_band_is_a_deviation_that_needs_a_reason():
    at = _set_sick(goto(_app(), "Normen & opslagen"), 0.09)
    assert [t for t in at.text_input if t.key == "w_reason_hours.sick_pct"]
    goto(at, "Toets")
    row = _table(at, "Norm").set_index("Norm").loc["Ziekteverzuim"]
    assert (row["Licht"], row["Oordeel"]) == ("rood", "buiten de band, toelichting ontbreekt")
    note = next(i.value for i in at.info if "Twee verzuimcijfers" in i.value)
    assert "9,0 %" in note and "ligt hoger" not in note


def test_pages_point_to_the_method_sections_and_list_followable_sources():
    at = goto(_app(), "Normen & opslagen")
    captions = _captions(at)
    for section in ("§3.9", "§3.11", "§3.12", "§3.14"):
        assert f"Methode: zie docs/methode.md {section}" in captions or f"{section} (" in captions, section
    assert "DOMAIN" not in captions and "tests/" not in captions
    cited = [c.value for c in at.caption if "Bron" in c.value or "bron" in c.value or "aanname" in c.value]
    assert cited and not [c for c in cited if ".yaml" in c or ".md" in c.replace("docs/methode.md", "")]
    goto(at, "Kostprijs")
    assert "Methode: zie docs/methode.md §3" in _captions(at)
    used = _table(at, "Methode")
    assert used["Methode"].str.startswith("§").all()
    sources = next(m.value for m in at.markdown if m.value.startswith("**Bronnen in deze berekening**"))
    assert "https://www.pfzw.nl/werkgevers/premie-en-betalen/premiepercentages-en-franchises.html" in sources
    assert "DOMAIN" not in sources and "tests/" not in sources


def test_the_buyers_check_pdf_says_a_favourable_side():
    """A band that calls high productivity favourable (an own set may) marks the implied value so."""
    import copy
    import datetime as dt

    import yaml

    from pricing.benchmark import DEFAULT_SET, check_value, parse_benchmark_set
    from pricing.costprice import compute
    from pricing.report.tariff_check_pdf import TariffCheckReport, band_rows
    from pricing.scenario import read_scenario_file, validate_scenario
    from pricing.tariff_check import check_tariff

    own = yaml.safe_load(DEFAULT_SET.read_text(encoding="utf-8"))
    own["bands"]["productivity"]["favourable"] = "high"
    bset = parse_benchmark_set(yaml.safe_dump(own), "eigen.yaml")
    result = compute(
        validate_scenario(copy.deepcopy(read_scenario_file(DEFAULT_SET.parents[1] / "examples" / "voorbeeld.yaml")))
    )
    check = check_tariff(result, 62.5, "hour")  # asks for a productivity above the band
    band = check_value("productivity", check.implied_productivity, bset, {}, derived=True)
    rows = band_rows(
        TariffCheckReport(
            check=check,
            result=result,
            staffing="formatie van de aanbieder",
            bands=(band,),
            edition="editie",
            generated=dt.date(2026, 12, 1),
        )
    )
    assert rows[1][3] == "boven de band: gunstig" and "hoger is gunstig" in rows[1][4]
