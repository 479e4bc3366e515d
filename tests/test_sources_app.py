"""The app shows sources a user can follow and bands that know their favourable side: a sick-leave
norm below the sector range is favourable (green, no reason asked), above it a deviation; the Toets
page says which sick-leave figure is the price norm and which the measured rate; the norms and cost
price pages point to the method document's sections."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app_support import _app, goto, read_only_tables


def _table(at: AppTest, column: str):
    for value in read_only_tables(at):
        if column in value.columns:
            return value
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


def _shown_text(at: AppTest) -> str:
    return "\n".join([c.value for c in at.caption] + [m.value for m in at.markdown] + [e.label for e in at.expander])


def test_pages_point_to_the_method_sections_and_list_followable_sources():
    at = goto(_app(), "Normen & opslagen")
    captions = _captions(at)
    methods = [e.label for e in at.expander if "Methode §" in e.label]
    for section in ("§3.9", "§3.11", "§3.12", "§3.14"):
        assert any(f"Methode {section} (" in label for label in methods), (section, methods)
    assert "DOMAIN" not in captions and "tests/" not in captions
    cited = [c.value for c in at.caption if "Bron" in c.value or "bron" in c.value or "aanname" in c.value]
    assert cited and not [c for c in cited if ".yaml" in c or ".md" in c]
    goto(at, "Kostprijs")
    assert any("Methode §3 (De kostprijsketen per formatieregel), §4 (Rekenvoorbeeld)" in e.label for e in at.expander)
    assert not [f for f in at.dataframe if "Methode" in f.value.columns]  # built only once opened
    at.session_state["exp_costprice_used"] = True  # what a click on the expander sets
    at.run()
    used = _table(at, "Methode")
    assert used["Methode"].str.startswith("§").all()
    sources = next(m.value for m in at.markdown if m.value.startswith("**Bronnen in deze berekening**"))
    assert "https://www.pfzw.nl/werkgevers/premie-en-betalen/premiepercentages-en-franchises.html" in sources
    assert "DOMAIN" not in sources and "tests/" not in sources


def test_the_method_text_opens_in_the_page_and_no_page_names_a_repository_file():
    """A user of the app has no repository: no page names docs/methode.md; the method section opens
    in the page itself (its text is built only once opened)."""
    at = _app()
    for title in ("Normen & opslagen", "Kostprijs", "Toets"):
        goto(at, title)
        assert "docs/methode.md" not in _shown_text(at), title
    goto(at, "Normen & opslagen")
    assert "1.878 contracturen" not in _shown_text(at)
    at.session_state["exp_method_3_9"] = True  # what a click on the expander sets
    at.run()
    assert not at.exception
    assert "Vertrekpunt: **1.878 contracturen** per voltijd-FTE" in _shown_text(at)
    assert "docs/methode.md" not in _shown_text(at)


def test_a_published_method_document_is_linked_next_to_the_section(monkeypatch):
    monkeypatch.setenv("REELE_PRIJS_REPOSITORY_URL", "https://example.org/org/reele-prijs")
    at = goto(_app(), "Normen & opslagen")
    assert (
        "[§3.9 (Stap 9: productieve en declarabele uren)](https://example.org/org/reele-prijs/blob/main/"
        "docs/methode.md#39-stap-9-productieve-en-declarabele-uren)" in _captions(at)
    )


def test_the_buyers_check_pdf_says_a_favourable_side():
    """A band that calls high productivity favourable (an own set may) marks the implied value so."""
    import copy
    import datetime as dt
    from pathlib import Path

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
        validate_scenario(
            copy.deepcopy(read_scenario_file(Path(__file__).resolve().parents[1] / "examples" / "voorbeeld.yaml"))
        )
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
