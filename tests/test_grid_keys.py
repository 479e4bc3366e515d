"""The one key rule of the app's grids (ui/grids.py, steady_grid): a grid keeps its key, and the rows
it was given, while the scenario holds what the grid itself wrote, so every edit the browser sends
(the grid's whole state, relative to those rows) reaches the same grid; it is given the scenario's
rows under a new key when they changed elsewhere or when it was not drawn in the last run.

A small app with one grid of names, run by AppTest, and the digest the rule compares."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from tests.app_support import grid_key
from ui.grids import digest


def _names_app() -> None:
    """One grid of names bound to ``rows`` as the app's grids are; drawn while ``shown``."""
    import pandas as pd
    import streamlit as st

    from ui import grids

    ss = st.session_state
    ss.setdefault("rows", [{"Naam": "Noord"}, {"Naam": "Zuid"}])
    if ss.get("shown", True):
        key, given = grids.steady_grid("names", ss["rows"])
        ss["given"] = given
        edited = st.data_editor(pd.DataFrame(given, columns=["Naam"]), key=key, num_rows="dynamic")
        new = [{"Naam": n} for n in edited["Naam"]]
        if new != ss["rows"]:
            ss["rows"] = new
            grids.grid_wrote("names", ss["rows"])
            st.rerun()


def _app() -> AppTest:
    at = AppTest.from_function(_names_app, default_timeout=30)
    at.run()
    assert not at.exception
    return at


def _edits(edited: dict, added: list | None = None) -> dict:
    return {"edited_rows": edited, "added_rows": added or [], "deleted_rows": []}


def test_the_key_stays_across_the_grids_own_edits_and_each_edit_keeps_the_earlier_ones():
    at = _app()
    key = grid_key(at, "names")
    at.session_state[key] = _edits({0: {"Naam": "Oost"}})
    at.run()
    assert grid_key(at, "names") == key
    assert at.session_state["rows"] == [{"Naam": "Oost"}, {"Naam": "Zuid"}]
    # The browser's next state holds both edits, relative to the rows the grid was given.
    at.session_state[key] = _edits({0: {"Naam": "Oost"}, 1: {"Naam": "West"}}, [{"Naam": "Centrum"}])
    at.run()
    assert grid_key(at, "names") == key
    assert at.session_state["given"] == [{"Naam": "Noord"}, {"Naam": "Zuid"}]
    assert at.session_state["rows"] == [{"Naam": "Oost"}, {"Naam": "West"}, {"Naam": "Centrum"}]


def test_rows_changed_elsewhere_give_a_new_grid_with_those_rows():
    at = _app()
    key = grid_key(at, "names")
    at.session_state[key] = _edits({0: {"Naam": "Oost"}})
    at.run()
    at.session_state["rows"] = [{"Naam": "Geladen"}]  # a load, the demo, another table
    at.run()
    assert grid_key(at, "names") != key
    assert at.session_state["given"] == [{"Naam": "Geladen"}]
    assert at.session_state["rows"] == [{"Naam": "Geladen"}]  # the old grid's edit is not written back


def test_a_grid_not_drawn_in_the_last_run_starts_afresh_from_the_rows():
    at = _app()
    key = grid_key(at, "names")
    at.session_state[key] = _edits({0: {"Naam": "Oost"}})
    at.run()
    at.session_state["shown"] = False  # its page or expander closed: the browser forgets its edits
    at.run()
    at.session_state["shown"] = True
    at.run()
    assert grid_key(at, "names") != key
    assert at.session_state["given"] == [{"Naam": "Oost"}, {"Naam": "Zuid"}]
    assert at.session_state["rows"] == [{"Naam": "Oost"}, {"Naam": "Zuid"}]  # not taken back to the old rows


def test_an_unchanged_rerun_keeps_the_key():
    at = _app()
    key = grid_key(at, "names")
    at.run()
    at.run()
    assert grid_key(at, "names") == key


def test_the_digest_tells_apart_what_equality_of_text_would_not():
    assert digest({"a": 1, "b": [1, 2]}) == digest({"b": [1, 2], "a": 1})
    assert digest(dt.date(2024, 5, 1)) != digest("2024-05-01")
    assert digest(1) != digest(1.0) != digest(True)
    assert digest({2026: 0.02}) != digest({"2026": 0.02})
    assert digest({2026: 0.02, "2027": 0.03}) == digest({"2027": 0.03, 2026: 0.02})  # mixed keys: no error
    assert digest([{"x": None}]) != digest([{}])
