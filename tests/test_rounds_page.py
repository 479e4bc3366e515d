"""The page 'Versies & rondes' through AppTest, against a real SQLite store in a temporary folder."""

from __future__ import annotations

import functools
import json
import sqlite3

import pytest

from pricing.parameters import load_parameter_book
from pricing.store import DATABASE_URL_ENV, ScenarioStore
from pricing.store.access_codes import ACCESS_COST
from tests.app_support import _app, goto, metric
from ui.rounds import workspace as rounds_workspace
from ui.rounds.save import name_key

CODE = "geheim-2026"
# scrypt work factor for the page's store in these tests: the pages' behaviour does not depend on it,
# and the real cost (2**17, about 0.4-1 s per hash) made each workspace created and opened cost
# seconds. test_the_page_hashes_access_codes_at_the_production_cost runs the page at the real cost.
TEST_COST = 2**10


@pytest.fixture
def page_store(monkeypatch, tmp_path) -> str:
    """The page's store in a temporary SQLite file, hashing at TEST_COST; its URL."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    monkeypatch.setenv(DATABASE_URL_ENV, url)
    monkeypatch.setenv("REELE_PRIJS_WORKSPACE_CREATION", "on")
    monkeypatch.setattr(rounds_workspace, "ScenarioStore", functools.partial(ScenarioStore, access_cost=TEST_COST))
    return url


@pytest.fixture
def app(page_store):
    return goto(_app(), "Versies & rondes")


def texts(at) -> str:
    return " ".join(e.value for kind in (at.success, at.warning, at.error, at.info) for e in kind)


def create_workspace(at):
    at.text_input(key="k_new_slug").input("de-brug")
    at.text_input(key="k_new_name").input("Welzijn De Brug")
    at.text_input(key="k_new_code").input(CODE)
    at.text_input(key="k_new_code2").input(CODE)
    at.button(key="btn_ws_create").click().run()
    assert not at.exception and "verwerkt" in texts(at)
    assert at.text_input(key="k_ws_slug").value == "de-brug"
    at.text_input(key="k_ws_code").input(CODE)
    at.button(key="btn_ws_open").click().run()
    assert "Werkruimte 'de-brug' geopend" in texts(at)
    return at


def test_the_page_hashes_access_codes_at_the_production_cost(monkeypatch, tmp_path):
    """Nothing configured (the other tests lower the cost): the page's store stores the code as a
    scrypt hash at ACCESS_COST, and opens the workspace with it."""
    path = tmp_path / "store.sqlite"
    monkeypatch.setenv(DATABASE_URL_ENV, f"sqlite:///{path}")
    monkeypatch.setenv("REELE_PRIJS_WORKSPACE_CREATION", "on")
    create_workspace(goto(_app(), "Versies & rondes"))
    with sqlite3.connect(path) as db:
        (stored,) = db.execute("SELECT access_hash FROM workspaces WHERE slug = 'de-brug'").fetchone()
    assert ACCESS_COST == 2**17 and stored.startswith(f"scrypt${ACCESS_COST}$8$1$")


def test_a_workspace_is_needed_and_a_wrong_code_is_refused(app):
    assert any(t.label == "Toegangscode" for t in app.text_input)
    app.text_input(key="k_ws_slug").input("bestaat-niet")
    app.text_input(key="k_ws_code").input("verkeerd-1")
    app.button(key="btn_ws_open").click().run()
    assert "Werkruimte of toegangscode onjuist" in texts(app)
    assert app.text_input(key="k_ws_code").value == ""  # the code is not kept on screen


def test_rounds_are_saved_compared_restored_and_exported(app):
    at = create_workspace(app)
    at.text_input(key="k_rd_author").input("Anna de Vries")
    at.text_area(key="k_rd_note").input("Eerste bod")
    at.button(key="btn_rd_new").click().run()
    assert "opgeslagen als versie 1" in texts(at)

    # Round 2: the municipality lowers the overhead; saved as version 2 with its own role and note.
    at.session_state["raw"]["norms"]["overhead"]["pct"] = 0.20
    at.selectbox(key="k_rd_role").set_value("gemeente")
    at.text_input(key="k_rd_round").set_value("7").run()  # a round typed (the app had moved on to 2)
    assert any(c.value == "Gelezen als **7**" for c in at.caption), [c.value for c in at.caption]
    at.text_input(key="k_rd_round").set_value("2").run()
    at.text_input(key="k_rd_author").input("Bert Jansen")
    at.text_area(key="k_rd_note").input("Tegenbod gemeente")
    at.button(key="btn_rd_save").click().run()
    assert "Opgeslagen als versie 2" in texts(at)
    # The round moves on to 3, and the field's echo no longer says it read the round typed before.
    assert at.text_input(key="k_rd_round").value == "3"
    assert not any(c.value.startswith("Gelezen als") for c in at.caption), [c.value for c in at.caption]

    versions = [f.value for f in at.dataframe if "Versie" in f.value.columns][0]
    assert list(versions["Versie"]) == [2, 1] and list(versions["Ronde"]) == [2, 1]
    assert list(versions["Rol"]) == ["gemeente", "aanbieder"] and versions["Notitie"][0] == "Tegenbod gemeente"
    assert metric(at, "Verschil B − A per uur").startswith("-€")  # 25 % -> 20 % overhead lowers the tariff

    at.selectbox(key="k_rd_version").set_value(1)
    at.button(key="btn_rd_restore").click().run()
    assert "teruggezet als versie 3" in texts(at)
    # The editor keeps its content (based on version 2), and the message says so and how to go on.
    assert "De editor bevat nog de eigen inhoud (gebaseerd op versie 2); kies 'Openen in editor'" in texts(at)

    assert at.get("download_button")  # export with history is offered
    store = ScenarioStore(at.session_state["workspace"].store.url)
    ws = store.open_workspace("de-brug", CODE)
    sid = ws.list_scenarios()[0].id
    document = json.loads(ws.export(sid))
    assert [v["number"] for v in document["versions"]] == [1, 2, 3]
    assert ws.load(sid, 3) == ws.load(sid, 1)


def test_saving_from_an_old_version_keeps_both_and_tells(app):
    at = create_workspace(app)
    at.text_input(key="k_rd_author").input("Anna")
    at.button(key="btn_rd_new").click().run()
    at.button(key="btn_rd_save").click().run()  # version 2, based on 1
    at.selectbox(key="k_rd_version").set_value(1)
    at.button(key="btn_rd_open").click().run()  # the editor is now based on version 1
    assert "Versie 1" in texts(at)
    at.button(key="btn_rd_save").click().run()
    assert "intussen door iemand anders opgeslagen" in texts(at) and "versie 3" in texts(at)


def test_an_invalid_scenario_cannot_be_saved(app):
    at = create_workspace(app)
    at.session_state["raw"]["staff"][0]["fte"] = -1
    at.run()
    assert any("alleen een geldig scenario kan worden opgeslagen" in w.value for w in at.warning)
    assert not [b for b in at.button if b.key in ("btn_rd_new", "btn_rd_save")]


def test_presentation_shows_only_the_chosen_scenario(app):
    at = create_workspace(app)
    at.text_input(key="k_rd_author").input("Anna")
    at.text_input(key=name_key(at.session_state["raw"]["name"])).input("Gekozen offerte")
    at.button(key="btn_rd_new").click().run()
    at.selectbox(key="k_rd_presentation").set_value(at.session_state["stored"][0])
    at.button(key="btn_rd_present").click().run()
    at.session_state["raw"]["organisation"] = "Niet deze organisatie"
    at.toggle(key="presentation").set_value(True).run()
    assert not at.exception
    assert any("Gekozen voor de presentatie: Gekozen offerte" in c.value for c in at.caption)
    assert at.title[0].value != "Niet deze organisatie"


def test_creating_answers_the_same_whether_or_not_the_code_exists(app):
    ScenarioStore(access_cost=TEST_COST).create_workspace("bestaat-al", "Iemand anders", "hun-eigen-code")
    answers = []
    for slug in ("bestaat-al", "nog-vrij"):
        app.text_input(key="k_new_slug").input(slug)
        app.text_input(key="k_new_name").input("Mijn organisatie")
        app.text_input(key="k_new_code").input(CODE)
        app.text_input(key="k_new_code2").input(CODE)
        app.button(key="btn_ws_create").click().run()
        answers.append(texts(app).replace(slug, "<code>"))
    assert answers[0] == answers[1] and "bestaat" not in answers[0]


def test_creation_is_off_by_default_on_a_server(monkeypatch, tmp_path):
    monkeypatch.setenv(DATABASE_URL_ENV, f"sqlite:///{tmp_path / 'store.sqlite'}")
    monkeypatch.delenv("REELE_PRIJS_WORKSPACE_CREATION", raising=False)
    at = goto(_app(), "Versies & rondes")  # AppTest: no server.address, as on a server open to the network
    assert not [b for b in at.button if b.key == "btn_ws_create"]
    assert any("maakt de beheerder" in c.value and "python -m pricing workspace create" in c.value for c in at.caption)


def test_the_name_field_follows_the_scenario_after_an_invalid_first_visit_and_another_page(app):
    at = create_workspace(app)
    at.session_state["raw"]["staff"][0]["fte"] = -1  # invalid on the first visit: nothing can be saved
    at.run()
    at.session_state["raw"]["staff"][0]["fte"] = 12
    at.session_state["raw"]["name"] = "Bod 2027"
    goto(at, "Kostprijs")
    goto(at, "Versies & rondes")
    assert at.text_input(key=name_key("Bod 2027")).value == "Bod 2027"
    at.text_input(key="k_rd_author").input("Anna")
    at.button(key="btn_rd_new").click().run()
    assert "opgeslagen als versie 1" in texts(at), texts(at)
    at.button(key="btn_rd_save").click().run()  # two saves in a row
    assert "Opgeslagen als versie 2" in texts(at), texts(at)
    goto(at, "Kostprijs")
    goto(at, "Versies & rondes")
    assert at.text_input(key=name_key("Bod 2027")).value == "Bod 2027"
    at.button(key="btn_rd_save").click().run()  # and one after another page
    assert "Opgeslagen als versie 3" in texts(at), texts(at)
    at.session_state["raw"]["name"] = "Tegenbod"
    at.run()
    assert at.text_input(key=name_key("Tegenbod")).value == "Tegenbod"  # a renamed scenario, a fresh field
    at.button(key="btn_rd_new").click().run()
    assert "opgeslagen als versie 1" in texts(at) and "Tegenbod" in texts(at), texts(at)


def test_after_a_save_the_history_shows_the_version_just_saved(app):
    at = create_workspace(app)
    at.text_input(key="k_rd_author").input("Anna")
    at.button(key="btn_rd_new").click().run()
    assert at.selectbox(key="k_rd_version").value == 1
    at.session_state["raw"]["norms"]["overhead"]["pct"] = 0.20
    at.button(key="btn_rd_save").click().run()
    # The picker was left on version 1, so the page showed version 1's figures right after saving 2.
    assert at.selectbox(key="k_rd_version").value == 2
    assert "Opgeslagen als versie 2. Hieronder is versie 2 gekozen." in texts(at)
    assert any(m.value == "**Opgeslagen cijfers van versie 2**" for m in at.markdown)
    at.selectbox(key="k_rd_version").set_value(1)
    at.button(key="btn_rd_restore").click().run()
    assert at.selectbox(key="k_rd_version").value == 3 and "Hieronder is versie 3 gekozen" in texts(at)
    # A new scenario is chosen in the scenario picker too, on its first version.
    at.session_state["raw"]["name"] = "Tweede"
    at.run()
    at.button(key="btn_rd_new").click().run()
    first, second = (s.id for s in at.session_state["workspace"].list_scenarios())
    assert at.session_state["stored"] == (second, 1) and first != second
    assert at.selectbox(key="k_rd_scenario").value == second
    assert at.selectbox(key="k_rd_version").value == 1
    assert "Scenario 'Tweede' opgeslagen als versie 1. Hieronder is versie 1 gekozen." in texts(at)


def test_the_versions_table_fits_the_page_from_1280_px(app):
    """After a save the versions table has ten columns; their widths add up to the page's 818 px at
    1280 px (no sideways scroll, as the user saw at 1400 px), and the rows are tall enough for a
    note, an author or the time to wrap (Streamlit wraps text in rows taller than 4rem = 64 px)."""
    at = create_workspace(app)
    at.text_input(key="k_rd_author").input("Anna de Vries")
    at.text_area(key="k_rd_note").input("Eerste bod aan de gemeente")
    at.button(key="btn_rd_new").click().run()
    table = next(f for f in at.dataframe if "Gebaseerd op" in f.value.columns)
    widths = {k: v.get("width") for k, v in json.loads(table.proto.columns).items() if k != "_index"}
    assert set(widths) == set(table.value.columns) and all(isinstance(w, int) for w in widths.values()), widths
    assert sum(widths.values()) <= 818
    assert table.proto.row_height > 64
    assert table.value["Notitie"].iloc[0] == "Eerste bod aan de gemeente"


def test_a_stored_version_the_current_edition_cannot_bridge_shows_a_dutch_message(app, cap_6_8_dir):
    # Saved on the shipped ORT cap (scale 5 step 11), opened with an edition whose cap is scale 6
    # step 8: the bridge puts the stored step 11 back beside scale 6, a cell without an amount.
    # Before, that raised ParameterFileError through the page (a traceback).
    at = create_workspace(app)
    at.text_input(key="k_rd_author").input("Anna")
    at.button(key="btn_rd_new").click().run()
    assert "opgeslagen als versie 1" in texts(at)
    at.session_state["parameter_book"] = load_parameter_book(cap_6_8_dir)
    at.run()
    assert not at.exception
    assert any(m.value == "**Opgeslagen cijfers van versie 1**" for m in at.markdown)
    warning = next(w.value for w in at.warning if "Opgeslagen (afgesproken) teamtarief" in w.value)
    assert "Het verschil is niet per parameter uit te splitsen" in warning and "schaal 6 trede 11" in warning


def test_a_click_that_arrives_after_the_workspace_closed_gets_a_dutch_message(app):
    # The save buttons are drawn only while a workspace is open, but a click sent from a page drawn
    # before the workspace was closed still runs its callback. Before, that callback called the
    # missing workspace (None) and the user saw an AttributeError traceback.
    at = create_workspace(app)
    at.text_input(key="k_rd_author").input("Anna")
    at.button(key="btn_rd_new").click().run()
    assert "opgeslagen als versie 1" in texts(at)
    del at.session_state["workspace"]
    at.button(key="btn_rd_save").click().run()
    assert not at.exception
    assert "Er is geen werkruimte geopend; open eerst een werkruimte." in texts(at)
    assert any(t.label == "Toegangscode" for t in at.text_input)  # the page asks to open one again


def test_restoring_a_version_that_no_longer_validates_says_why(app, monkeypatch):
    # A version saved before a rule was added (an unknown deviation_reasons key, a control character)
    # raised ScenarioError out of the restore button: the page broke instead of saying why.
    from pricing.scenario import Problem, ScenarioError
    from pricing.store import WorkspaceSession

    at = create_workspace(app)
    at.text_input(key="k_rd_author").input("Anna")
    at.button(key="btn_rd_new").click().run()

    def refused(self, *args, **kwargs):
        raise ScenarioError([Problem("deviation_reasons.overhead_pct", "onbekende sleutel 'overhead_pct'")])

    monkeypatch.setattr(WorkspaceSession, "restore", refused)
    at.button(key="btn_rd_restore").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "onbekende sleutel 'overhead_pct'" in texts(at)
