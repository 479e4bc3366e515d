"""Saving the scenario in the editor: as a new scenario, as the next version of the stored scenario
it is based on, with author, role, round and note; after a save the round counts up."""

from __future__ import annotations

import hashlib
from typing import TypedDict

import streamlit as st

from pricing.parameters import ParameterBook
from pricing.scenario import ScenarioError
from pricing.store import ROLES, StoreError, WorkspaceSession
from ui import bindings, state
from ui.literal import literal
from ui.rounds.messages import remember, say
from ui.rounds.workspace import open_workspace_session

ROLE_LABELS = {"aanbieder": "aanbieder", "gemeente": "gemeente"}


def editor_book() -> ParameterBook:
    """The parameter edition the editor computes with: saves are priced with it."""
    return state.book()


class VersionMeta(TypedDict):
    author: str
    role: str
    note: str


def version_meta() -> VersionMeta:
    # Author and role are session values (bindings.bind), so they stay when the page is left.
    values = st.session_state["values"]
    return VersionMeta(
        author=values.get("rd_author") or "",
        role=values.get("rd_role") or ROLES[0],
        note=st.session_state.get("k_rd_note", ""),
    )


def _round() -> int:
    value = st.session_state["values"].get("rd_round")
    return int(value) if isinstance(value, (int, float)) and value >= 1 else 1


def show_saved(sid: int, number: int) -> str:
    """Put the history below on the version just saved (the pickers kept the choice made before it,
    so the page showed another version's figures right after a save); the sentence saying so."""
    st.session_state["k_rd_scenario"] = sid
    st.session_state["k_rd_version"] = number
    return f" Hieronder is versie {number} gekozen."


def _next_round(saved: int) -> None:
    """After a save the next version is the next round (the field can still be changed)."""
    st.session_state["values"]["rd_round"] = saved + 1
    bindings.forget_widget("rd_round", store="values")  # shows the new round, and no echo of the old one
    st.session_state["k_rd_note"] = ""


def _scenario_name() -> str:
    return str(state.raw().get("name") or "")


def name_key(name: str) -> str:
    """The key of the field 'Of opslaan als nieuw scenario met de naam' while the scenario is called ``name``."""
    return "k_rd_name_" + hashlib.sha256(name.encode()).hexdigest()[:12]


# ---- callbacks (they run before the page is drawn, so the page shows their outcome) -------------


def _save_new() -> None:
    name = str(st.session_state.get(name_key(_scenario_name())) or "").strip()
    try:
        ws = open_workspace_session()
        number = _round()
        sid, result = ws.create_scenario(name, state.raw(), round=number, book=editor_book(), **version_meta())
        st.session_state["stored"] = (sid, result.version.number)
        remember("success", result.message + show_saved(sid, result.version.number))
        _next_round(number)
    except (StoreError, ScenarioError) as exc:
        say(exc)


def _save_version() -> None:
    sid, base = st.session_state["stored"]
    try:
        ws = open_workspace_session()
        number = _round()
        result = ws.save(sid, state.raw(), base_version=base, round=number, book=editor_book(), **version_meta())
        st.session_state["stored"] = (sid, result.version.number)
        shown = show_saved(sid, result.version.number)
        remember("warning" if result.conflict else "success", result.message + shown)
        _next_round(number)
    except (StoreError, ScenarioError) as exc:
        say(exc)


# ---- the panel ------------------------------------------------------------------------------------


def save_panel(ws: WorkspaceSession, ev: state.EditView) -> None:
    st.subheader("Opslaan als versie")
    stored = st.session_state.get("stored")
    cols = st.columns([2, 1, 1])
    with cols[0]:
        bindings.bind(
            st.text_input,
            "Auteur",
            ("rd_author",),
            key="rd_author",
            store="values",
            current="",
            placeholder="naam van wie opslaat",
            max_chars=120,
        )
    with cols[1]:
        bindings.bind(
            st.selectbox,
            "Rol",
            ("rd_role",),
            key="rd_role",
            store="values",
            current=ROLES[0],
            options=ROLES,
            format_func=ROLE_LABELS.get,
        )
    with cols[2]:
        bindings.number_field(
            "Ronde",
            ("rd_round",),
            key="rd_round",
            store="values",
            current=1,
            min_value=1,
            max_value=1000,
            integer=True,
            places=0,
        )
    st.text_area(
        "Notitie bij deze versie",
        key="k_rd_note",
        height=68,
        placeholder="bijvoorbeeld: tegenbod gemeente, overhead 22 %",
    )
    if ev.problems:
        st.warning(
            f"Het scenario in de editor bevat {len(ev.problems)} fout(en); alleen een geldig scenario kan worden "
            "opgeslagen. Herstel eerst de fouten.",
            icon=":material/warning:",
        )
        return
    if stored:
        sid, base = stored
        name = next((info.name for info in ws.list_scenarios() if info.id == sid), "het opgeslagen scenario")
        st.caption(
            f"De editor is gebaseerd op versie {base} van '{literal(name)}'. Opslaan maakt een nieuwe versie; "
            "bestaande versies veranderen nooit."
        )
        st.button("Nieuwe versie opslaan", key="btn_rd_save", on_click=_save_version, type="primary")
    cols = st.columns([3, 1], vertical_alignment="bottom")
    # The scenario's name is the field's own default, not a value written into the session before
    # the widget: such a value reaches the browser only in the run that wrote it, so a rerun that
    # overtook that run (a field left with Tab while the page was still drawing) could leave the
    # field empty ("Naam van het scenario: verplicht"). A renamed or newly loaded scenario gets a
    # fresh field (its key follows the name), so the browser shows the new name too.
    cols[0].text_input(
        "Of opslaan als nieuw scenario met de naam",
        value=_scenario_name(),
        key=name_key(_scenario_name()),
        max_chars=200,
    )
    cols[1].button("Als nieuw scenario", key="btn_rd_new", on_click=_save_new)
