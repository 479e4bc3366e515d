"""Which scenario of the workspace the presentation mode shows: a stored scenario's newest version,
or the scenario in the editor."""

from __future__ import annotations

import streamlit as st

from pricing.store import StoreError, WorkspaceSession
from ui.rounds.messages import remember, say
from ui.rounds.workspace import open_workspace_session


def _set_presentation(sid: int | None) -> None:
    try:
        open_workspace_session().set_presentation(sid)
        remember(
            "success", "Presentatiemodus toont nu " + ("het gekozen scenario." if sid else "het scenario in de editor.")
        )
    except StoreError as exc:
        say(exc)


def presentation_section(ws: WorkspaceSession, names: dict[int, str]) -> None:
    st.subheader("Presentatiemodus")
    current = ws.presentation_scenario()
    options = [None] + list(names)
    st.selectbox(
        "Welk scenario toont de presentatiemodus?",
        options,
        index=options.index(current) if current in options else 0,
        format_func=lambda sid: "het scenario in de editor" if sid is None else f"{names[sid]} (nieuwste versie)",
        key="k_rd_presentation",
    )
    st.button(
        "Kiezen voor presentatie",
        key="btn_rd_present",
        on_click=lambda: _set_presentation(st.session_state.get("k_rd_presentation")),
    )
