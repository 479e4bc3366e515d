"""The app on a forecast (AppTest): every page shows the provisional banner, the Kostprijs page the
edition and the forecast form; a refused edition file changes nothing."""

from __future__ import annotations

import copy

from pricing.parameters import default_parameter_book
from pricing.scenario import read_scenario_file
from tests.app_support import PAGE_TITLES as PAGES
from tests.app_support import _app, goto


def _on(date: str):
    at = _app()
    raw = copy.deepcopy(read_scenario_file("examples/voorbeeld.yaml"))
    raw["date"] = date
    at.session_state["raw"] = raw
    return at


def _banners(at) -> list[str]:
    return [w.value for w in at.warning if "Voorlopige prijs." in w.value]


def test_every_page_shows_the_provisional_banner_on_a_forecast_date():
    at = _on("2027-07-01")
    for title in PAGES:
        goto(at, title)
        assert _banners(at), f"{title}: no provisional banner"
    goto(at, "Kostprijs")
    assert any("Prognose voor jaren zonder gepubliceerde cijfers" in h.value for h in at.subheader)
    assert any("Parametereditie 2026-12" in c.value and "voorlopig" in c.value for c in at.caption)


def test_no_banner_inside_the_published_figures():
    at = _on("2026-07-01")
    for title in ("Organisatie & formatie", "Kostprijs"):
        goto(at, title)
        assert not _banners(at), title


def test_a_refused_edition_file_changes_nothing(monkeypatch):
    from ui import forecast

    class Upload:
        name = "kapot.yaml"

        def getvalue(self):
            return b"edition.yaml: {id: 2026}\n"

    shipped = default_parameter_book()
    session = {"up_edition": [Upload()], "parameter_book": shipped}
    monkeypatch.setattr(forecast.st, "session_state", session)  # the callback only reads and writes these
    forecast._open_edition()
    assert session["parameter_book"] is shipped
    name, problem = session["edition_problem"]
    assert name == "kapot.yaml" and problem.startswith("kapot.yaml") and "edition.yaml" in problem


def test_on_a_definitive_date_the_forecast_fields_are_built_only_when_opened():
    at = goto(_on("2026-07-01"), "Kostprijs")
    assert any("Prognose voor jaren zonder gepubliceerde cijfers" in h.value for h in at.subheader)
    assert any(e.label == "Prognosewaarden bekijken of wijzigen" for e in at.expander)
    assert not [w for w in at.text_input if str(w.key).startswith("w_fc_")]
    at.session_state["exp_forecast_fields"] = True  # what a click on the expander sets
    at.run()
    fields = [w for w in at.text_input if str(w.key).startswith("w_fc_")]
    assert len(fields) > 10
    fields[0].set_value("3,5").run()
    assert at.session_state["raw"]["forecast"], "the value typed is written to the scenario"
    assert not at.exception


def test_a_forecast_percentage_typed_as_7_00_reads_back_as_7_00_like_the_table():
    """A controller types 7,00 for the Zvw levy: the field keeps 7,00 and says it read 7,00 %, the same
    text the forecast table shows for the value (pricing.forecast.value_text), not a bare 7."""
    from pricing.forecast import value_text

    at = goto(_on("2027-07-01"), "Kostprijs")
    field = at.text_input(key="w_fc_zvw_employer")
    field.set_value("7,00").run()
    assert not at.exception
    assert at.session_state["raw"]["forecast"]["zvw_employer"] == 0.07
    assert at.text_input(key="w_fc_zvw_employer").value == "7,00"
    assert "Gelezen als **7,00 %**" in [c.value for c in at.caption]
    table = next(f.value for f in at.dataframe if "Prognosewaarde" in f.value.columns)
    shown = table.set_index("Prognosewaarde").loc["Werkgeversheffing Zorgverzekeringswet", "Waarde"]
    assert shown == value_text(0.07, "fraction") == "7,00 %"
    at.text_input(key="w_fc_zvw_employer").set_value("6,505").run()  # more decimals stay as typed
    assert at.text_input(key="w_fc_zvw_employer").value == "6,505"
    assert "Gelezen als **6,505 %**" in [c.value for c in at.caption]
    at.text_input(key="w_fc_cao_rise_pct").set_value("3").run()  # a whole number gets the two decimals
    assert at.text_input(key="w_fc_cao_rise_pct").value == "3,00"
    assert "Gelezen als **3,00 %**" in [c.value for c in at.caption]
