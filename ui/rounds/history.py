"""The history in a workspace: its scenarios, the versions of the chosen one, and opening, restoring
or exporting a version; below it the chosen version's stored figures, two versions compared and the
presentation choice."""

from __future__ import annotations

import datetime as dt
import functools
import re
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from pricing.money import format_date_nl, format_eur
from pricing.scenario import ScenarioError
from pricing.store import StoreError, VersionInfo, WorkspaceSession
from ui import components, state
from ui.rounds.comparison import comparison_section
from ui.rounds.messages import remember, say
from ui.rounds.presentation_choice import presentation_section
from ui.rounds.save import editor_book, show_saved, version_meta
from ui.rounds.stored_figures import stored_figures
from ui.rounds.workspace import open_workspace_session

# The versions table's columns: their widths add up to the page's width at 1280 px (818 px).
VERSION_COLUMNS = {
    "Versie": st.column_config.NumberColumn(width=58),
    "Ronde": st.column_config.NumberColumn(width=58),
    "Rol": st.column_config.TextColumn(width=80),
    "Auteur": st.column_config.TextColumn(width=90),
    "Gebaseerd op": st.column_config.TextColumn(width=96),
    "Notitie": st.column_config.TextColumn(width=112),
    "Tijd": st.column_config.TextColumn(width=95),
    "Teamtarief (opgeslagen)": st.column_config.TextColumn(
        "Teamtarief", width=90, help="Het teamtarief per uur zoals het bij het opslaan van de versie is berekend."
    ),
    "Parametereditie": st.column_config.TextColumn("Editie", width=65, help="De parametereditie van de berekening."),
    "Herkomst": st.column_config.TextColumn(width=72, help="Voor een geïmporteerde versie: waar ze vandaan komt."),
}
_LOCAL: ZoneInfo | None
try:
    _LOCAL = ZoneInfo("Europe/Amsterdam")
except Exception:  # no time-zone data on this machine: show UTC and say so
    _LOCAL = None


def _when(moment: dt.datetime) -> str:
    local = moment.astimezone(_LOCAL) if _LOCAL else moment
    return f"{format_date_nl(local.date())} {local:%H:%M}" + ("" if _LOCAL else " UTC")


# ---- callbacks (they run before the page is drawn, so the page shows their outcome) -------------


def _picked() -> tuple[int, int]:
    """The scenario and version chosen in the history, read when a button is clicked: arguments
    bound when the button was drawn would still hold a choice changed since (or moved by a save)."""
    return st.session_state["k_rd_scenario"], st.session_state["k_rd_version"]


def _open_version(names: dict[int, str]) -> None:
    sid, number = _picked()
    name = names[sid]
    try:
        raw = open_workspace_session().load(sid, number)
    except StoreError as exc:
        say(exc)
        return
    state.load_raw(raw, f"Opslag: {name}, versie {number}")
    st.session_state["stored"] = (sid, number)
    remember("success", f"Versie {number} van '{name}' geopend om verder te bewerken.")


def _restore() -> None:
    sid, number = _picked()
    try:
        result = open_workspace_session().restore(sid, number, book=editor_book(), **version_meta())
        # The editor keeps what it holds (unsaved work is never replaced unasked), so say what it is
        # based on: saving it as it is would make a version after the restored one.
        base = st.session_state.get("stored")
        editor = (
            f" De editor bevat nog de eigen inhoud (gebaseerd op versie {base[1]}); kies 'Openen in editor' om met "
            f"versie {result.version.number} verder te werken."
            if base is not None and base[0] == sid
            else ""
        )
        remember(
            "success",
            f"Versie {number} is teruggezet als versie {result.version.number}; de geschiedenis blijft bewaard."
            + show_saved(sid, result.version.number)
            + editor,
        )
    except (StoreError, ScenarioError) as exc:  # a version valid when saved may fail today's rules
        say(exc)


# ---- the history ----------------------------------------------------------------------------------


def _origin_text(version: VersionInfo) -> str:
    """Where an imported version comes from, who imported it and when; empty for a version saved here."""
    if not version.provenance_text:
        return ""
    when = f" op {_when(version.imported_at)}" if version.imported_at is not None else ""
    return f"{version.provenance_text} door {version.imported_by}{when}"


def _file_name(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "scenario"


def history_section(ws: WorkspaceSession) -> None:
    scenarios = ws.list_scenarios()
    st.subheader("Scenario's in deze werkruimte")
    if not scenarios:
        st.info("Nog geen scenario's opgeslagen in deze werkruimte.")
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Scenario": s.name,
                    "Nieuwste versie": s.head,
                    "Ronde": s.head_round,
                    "Laatst opgeslagen": _when(s.updated_at),
                }
                for s in scenarios
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    names = {s.id: s.name for s in scenarios}
    chosen = st.selectbox("Scenario", list(names), format_func=names.__getitem__, key="k_rd_scenario")
    versions = ws.versions(chosen)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Versie": v.number,
                    "Ronde": v.round,
                    "Rol": v.role,
                    "Auteur": v.author,
                    # Text only: a column mixing "" and numbers cannot be sent to the browser (Arrow).
                    "Gebaseerd op": "—" if v.based_on is None else f"versie {v.based_on}",
                    "Notitie": v.note,
                    "Tijd": _when(v.created_at),
                    "Teamtarief (opgeslagen)": "" if v.tariff is None else format_eur(v.tariff),
                    "Parametereditie": v.edition_id or "",
                    "Herkomst": _origin_text(v),
                }
                for v in reversed(versions)
            ]
        ),
        hide_index=True,
        width="stretch",
        # Sized to fit the page from 1280 px wide without a sideways scroll; a note, an author or the
        # time wraps onto a second line. Short headers; the full names are in the help.
        row_height=components.WRAP_ROW_HEIGHT,
        column_config=VERSION_COLUMNS,
    )
    numbers = [v.number for v in versions]
    cols = st.columns([0.8, 0.9, 1.1, 1.3], vertical_alignment="bottom")  # each label whole from 1280 px
    pick = cols[0].selectbox("Versie", numbers[::-1], key="k_rd_version")
    cols[1].button("Openen in editor", key="btn_rd_open", on_click=_open_version, args=(names,))
    cols[2].button(
        "Terugzetten als nieuwste",
        key="btn_rd_restore",
        on_click=_restore,
        help="Maakt een nieuwe versie met de inhoud van deze versie; niets wordt overschreven.",
    )
    # The export is built when the button is clicked, not on every rerun of the page.
    cols[3].download_button(
        "Exporteren met geschiedenis",
        data=functools.partial(ws.export, chosen),
        file_name=_file_name(names[chosen]) + "-geschiedenis.json",
        mime="application/json",
        key="dl_rd_export",
        icon=":material/download:",
        on_click="ignore",
    )
    stored_figures(ws, chosen, pick)
    comparison_section(ws, chosen, numbers)
    presentation_section(ws, names)
