"""Page: Versies & rondes. The scenario store in the app: workspaces, negotiation rounds,
comparing and restoring versions, export and import with history, the presentation choice.

Everything stored goes through pricing.store (validation, immutability, conflict notices); this
page only collects the inputs and shows what the store answers, in Dutch. The order of its parts.
"""

from __future__ import annotations

import streamlit as st

from ui import state
from ui.compare import editing_b_banner
from ui.forecast import provisional_banner
from ui.literal import literal
from ui.rounds.history import history_section
from ui.rounds.importing import import_section
from ui.rounds.messages import show_message
from ui.rounds.save import save_panel
from ui.rounds.workspace import close_workspace, login_section, open_store, workspace


def render_rounds() -> None:
    editing_b_banner()  # saving now saves B
    st.title("Versies & rondes")
    provisional_banner(state.evaluate().evaluation)
    st.caption(
        "Elke opgeslagen versie blijft bewaard met ronde, rol, auteur, notitie en tijd. Open, vergelijk of zet "
        "een oude versie terug; exporteer een scenario met zijn hele geschiedenis."
    )
    show_message()
    store = open_store()
    if store is None:
        return
    ws = workspace()
    if ws is None:
        login_section(store)
        return
    cols = st.columns([4, 1], vertical_alignment="center")
    cols[0].markdown(f"Werkruimte **{literal(ws.name)}** ({literal(ws.slug)})")
    cols[1].button("Sluiten", key="btn_ws_close", on_click=close_workspace)
    ev = state.evaluate()
    save_panel(ws, ev)
    history_section(ws)
    import_section()
