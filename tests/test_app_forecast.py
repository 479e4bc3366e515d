"""The app on a forecast (AppTest): every page shows the provisional banner, the Kostprijs page the
edition and the forecast form; a refused edition file changes nothing."""

from __future__ import annotations

import copy
import functools

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


def _shifted_edition(years: int, edition_id: str) -> bytes:
    """The shipped edition as one bundle file with every date ``years`` earlier (a multiple of four
    keeps 29 February a date): the same figures, valid only long before the demo's peildatum."""
    import datetime as dt

    import yaml

    from pricing.parameters import edition_bundle_text

    def shift(value):
        if isinstance(value, dt.date):
            return value.replace(year=value.year - years)
        if isinstance(value, dict):
            return {shift(k): shift(v) for k, v in value.items()}
        if isinstance(value, list):
            return [shift(v) for v in value]
        return value

    bundle = shift(yaml.safe_load(edition_bundle_text()))
    bundle["edition.yaml"]["id"] = edition_id
    return yaml.safe_dump(bundle, allow_unicode=True, sort_keys=False).encode("utf-8")


@functools.cache
def _old_edition() -> tuple[str, bytes, str]:
    """An edition covering 2012-2018, as an upload; made on first use, not at collection, where it
    cost 0.45 s in every worker."""
    return ("oud.yaml", _shifted_edition(12, "2014-12"), "application/x-yaml")


def _load_edition(at, upload):
    at.file_uploader(key="up_edition").set_value(upload).run()
    return at


def _edition_id(at) -> str:
    return at.session_state["parameter_book"].edition.id


def test_an_edition_under_which_neither_scenario_nor_demo_computes_is_refused():
    """Demo scenario (peildatum 1 juli 2026) and an edition covering 2012-2018: nothing can be computed
    with it, so it is refused in the sidebar, naming what it covers, and the shipped edition stays."""
    at = _app()
    for title in PAGES:
        goto(at, title)
        if "edition_problem" in at.session_state:
            del at.session_state["edition_problem"]  # each page's upload is refused anew
        _load_edition(at, _old_edition())
        assert not at.exception, (title, [e.value for e in at.exception])
        assert _edition_id(at) == "2026-12", title
        refusal = [e.value for e in at.sidebar.error if "'oud.yaml' is geweigerd" in e.value]
        assert refusal, title
        assert "Met deze editie is niets te berekenen" in refusal[0]
        assert "1 januari 2012 tot en met 31 december 2018" in refusal[0]  # what the edition covers
        assert "de peildatum van het scenario (1 juli 2026) valt daarbuiten" in refusal[0]
        assert "en die van het voorbeeldscenario (1 juli 2026) ook" in refusal[0]
        assert "U rekent verder met parametereditie 2026-12" in refusal[0]
        assert not _nothing_to_compute(at), f"{title}: the page still shows its figures"


def _nothing_to_compute(at) -> list[str]:
    """The page guard's message (ui/guard.py), shown instead of a page's figures."""
    return [e.value for e in at.main.error if "Geen berekening mogelijk" in e.value]


def test_an_edition_that_covers_the_scenarios_date_but_not_the_demos_still_loads():
    at = _on("2014-07-01")  # the demo's organisation, priced on a date only the old edition covers
    _load_edition(at, _old_edition())
    assert not at.exception, [e.value for e in at.exception]
    assert _edition_id(at) == "2014-12"
    assert "edition_problem" not in at.session_state
    for title in PAGES:
        goto(at, title)
        assert not _nothing_to_compute(at), title
    goto(at, "Kostprijs")
    assert any("Parametereditie 2014-12" in c.value for c in at.caption)
    assert at.session_state["last_valid"].result.date.isoformat() == "2014-07-01"


def test_an_edition_that_covers_the_demos_date_but_not_the_scenarios_still_loads():
    """The scenario's date lies outside the new edition; the pages show the demo on it, as before."""
    renamed = _shifted_edition(0, "2026-12-herzien")
    at = _on("2014-07-01")
    _load_edition(at, ("herzien.yaml", renamed, "application/x-yaml"))
    assert not at.exception, [e.value for e in at.exception]
    assert _edition_id(at) == "2026-12-herzien"
    goto(at, "Kostprijs")
    assert not _nothing_to_compute(at)
    assert at.session_state["last_valid"].result.date.isoformat() == "2026-07-01"  # the demo


def test_a_refusal_for_an_invalid_scenario_names_its_problem_and_the_demos_date():
    at = _on("2014-07-01")
    at.session_state["raw"]["staff"][0]["fte"] = "veel"
    at.run()
    _load_edition(at, _old_edition())
    assert _edition_id(at) == "2026-12"
    (refusal,) = [e.value for e in at.sidebar.error if "'oud.yaml' is geweigerd" in e.value]
    assert "het scenario is nu niet te berekenen (Regel 1, FTE: verwacht een getal" in refusal
    assert "de peildatum van het voorbeeldscenario (1 juli 2026) valt daarbuiten" in refusal


def test_a_session_whose_edition_computes_nothing_shows_a_dutch_message_on_every_page():
    """Built without the upload (the refusal is not the only way in): every page says why it has no
    figures instead of raising, and the sidebar's button brings the shipped edition back."""
    from pricing.parameters import load_edition_bytes

    at = _app()
    at.session_state["parameter_book"] = load_edition_bytes(_old_edition()[1], "oud.yaml")
    for title in PAGES:
        goto(at, title)  # asserts no exception
        (message,) = _nothing_to_compute(at)
        assert "Met parametereditie 2014-12 is niets te berekenen" in message, title
        assert "1 januari 2012 tot en met 31 december 2018" in message
        assert "de peildatum van het scenario (1 juli 2026) valt daarbuiten" in message
    at.button(key="btn_default_edition").click().run()
    assert not at.exception
    assert _edition_id(at) == "2026-12" and not _nothing_to_compute(at)


def _own_forecast_on(date: str):
    """The demo's organisation with a staff line of its own and a forecast of its own, on ``date``."""
    at = _on(date)
    at.session_state["raw"]["staff"][0]["fte"] = 3.0  # not the demo's figures
    at.session_state["raw"]["forecast"] = {"cao_rise_pct": 0.03}
    at.run()
    return at


def _another_benchmark_set(at):
    from pricing.benchmark import load_benchmark_set

    at.session_state["benchmark_set"] = load_benchmark_set()  # a new object: what loading a set gives
    at.run()
    at.run()


def test_another_benchmark_set_keeps_the_last_valid_figures_of_a_scenario_with_its_own_forecast():
    """With its own forecast a result carries the forecast-applied book; the figures compared anew
    against another set must stay the session's edition's, not fall back to the demo's."""
    at = _own_forecast_on("2026-07-01")
    goto(at, "Kostprijs")
    mine = at.session_state["last_valid"].result.team.tariff_per_hour
    at.session_state["raw"]["staff"][0]["fte"] = "veel"  # invalid: the last valid figures stay
    at.run()
    _another_benchmark_set(at)
    assert not at.exception, [e.value for e in at.exception]
    shown = at.session_state["last_valid"]
    assert shown.result.team.tariff_per_hour == mine
    assert shown.benchmark_set is at.session_state["benchmark_set"]
    assert shown.book is at.session_state["parameter_book"]


def test_on_an_edition_covering_only_the_scenarios_date_another_set_still_shows_its_figures():
    at = _own_forecast_on("2014-07-01")
    _load_edition(at, _old_edition())
    assert _edition_id(at) == "2014-12"
    at.session_state["raw"]["staff"][0]["fte"] = "veel"
    at.run()
    _another_benchmark_set(at)
    for title in PAGES:
        goto(at, title)
        assert not _nothing_to_compute(at), title


def _computing_nothing():
    from pricing.parameters import load_edition_bytes

    at = _app()
    at.session_state["parameter_book"] = load_edition_bytes(_old_edition()[1], "oud.yaml")
    return at


def test_a_callback_in_a_session_computing_nothing_gives_no_traceback():
    """Streamlit runs a widget's callback before the script, outside the page guard: a radio drawn
    while figures were shown, clicked once nothing computes any more."""
    from pricing.parameters import load_edition_bytes

    at = _app()
    goto(at, "Normen & opslagen")
    radio = at.radio(key="w_hours_method")
    at.session_state["parameter_book"] = load_edition_bytes(_old_edition()[1], "oud.yaml")
    assert radio.value == "hours"
    radio.set_value("productivity").run()
    assert not at.exception, [e.value for e in at.exception]
    assert _nothing_to_compute(at)


def test_presentation_mode_in_a_session_computing_nothing_says_how_to_get_out():
    at = _computing_nothing()
    at.run()
    at.toggle(key="presentation").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    (message,) = _nothing_to_compute(at)
    assert "Zet daarvoor eerst de presentatiemodus uit." in message
