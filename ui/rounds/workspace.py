"""The scenario store of this server and the workspace opened in this browser session: logging in
with the access code, creating a workspace (where allowed) and closing it again."""

from __future__ import annotations

import os

import streamlit as st

from pricing.store import ScenarioStore, StoreError, WorkspaceSession, default_database_url
from ui.literal import literal
from ui.rounds.messages import remember, say

CREATION_ENV = "REELE_PRIJS_WORKSPACE_CREATION"  # "on"/"off"; default: on only for an app on localhost
CLIENT_HEADER_ENV = "REELE_PRIJS_CLIENT_ADDRESS_HEADER"  # e.g. X-Forwarded-For behind a reverse proxy


@st.cache_resource(show_spinner=False)
def _store(url: str) -> ScenarioStore:
    return ScenarioStore(url)


def open_store() -> ScenarioStore | None:
    """The store for this server, or None after showing why it cannot be opened."""
    try:
        return _store(default_database_url())
    except StoreError as exc:
        st.error(f"De scenario-opslag kan niet worden geopend: {literal(exc)}", icon=":material/database:")
        return None


def workspace() -> WorkspaceSession | None:
    """The workspace session opened in this browser session, if any."""
    ws: WorkspaceSession | None = st.session_state.get("workspace")
    return ws


def open_workspace_session() -> WorkspaceSession:
    """The workspace a button's callback acts on. The buttons are drawn only while one is open,
    but a click sent from a page drawn before 'Sluiten' still arrives: then a Dutch message, via
    the callbacks' StoreError handling, instead of a traceback."""
    ws = workspace()
    if ws is None:
        raise StoreError("Er is geen werkruimte geopend; open eerst een werkruimte.")
    return ws


# ---- callbacks (they run before the page is drawn, so the page shows their outcome) -------------


def _open_workspace() -> None:
    store = _store(default_database_url())
    slug = st.session_state.get("k_ws_slug", "").strip()
    try:
        st.session_state["workspace"] = store.open_workspace(
            slug, st.session_state.get("k_ws_code", ""), client=_client()
        )
        st.session_state.pop("stored", None)
        remember("success", f"Werkruimte '{slug}' geopend.")
    except StoreError as exc:
        say(exc)
    st.session_state["k_ws_code"] = ""  # never keep a code on screen


def _create_workspace() -> None:
    store = _store(default_database_url())
    ss = st.session_state
    code, again = ss.get("k_new_code", ""), ss.get("k_new_code2", "")
    slug = ss.get("k_new_slug", "").strip()
    if code != again:
        remember("error", "De twee toegangscodes zijn niet gelijk.")
        return
    try:
        store.create_workspace(slug, ss.get("k_new_name", ""), code)
        # The same answer whether or not the code was free, so the form does not reveal which
        # workspaces exist; a taken code then simply does not open with the new access code.
        remember(
            "success",
            f"Aanvraag voor werkruimte '{slug}' verwerkt. Was deze code nog vrij, dan is de werkruimte "
            "nu aangemaakt: open haar hierboven met de toegangscode die u koos. Opent zij niet, kies dan "
            "een andere code. Bewaar de toegangscode: hij is alleen als hash opgeslagen en niet terug te halen.",
        )
        ss["k_ws_slug"] = slug
    except StoreError as exc:
        say(exc)
    ss["k_new_code"] = ss["k_new_code2"] = ""


def _client() -> str | None:
    """The address a login attempt comes from, for counting failed attempts per address.

    Without setting: the address Streamlit sees (behind a reverse proxy that is the proxy's, so all
    users would share one count). With REELE_PRIJS_CLIENT_ADDRESS_HEADER set to a header the proxy
    writes (X-Forwarded-For: its last entry, the one the proxy itself added; or X-Real-IP), that
    header. Only set it when every request passes the proxy, or a client can pick its own address.
    """
    try:
        header = os.environ.get(CLIENT_HEADER_ENV, "").strip()
        if header:
            value = st.context.headers.get(header) or ""
            return value.split(",")[-1].strip() or None
        return st.context.ip_address
    except Exception:  # an older Streamlit or no browser session (AppTest): counted as unknown
        return None


def _creation_allowed() -> bool:
    """Creating workspaces in the app: off by default on a server, on for a local app.

    REELE_PRIJS_WORKSPACE_CREATION=on or off decides; without it, creation is on only when the
    app listens on this computer alone (server.address localhost or 127.0.0.1).
    """
    setting = os.environ.get(CREATION_ENV, "").strip().lower()
    if setting in ("on", "off"):
        return setting == "on"
    return str(st.get_option("server.address") or "") in ("localhost", "127.0.0.1", "::1")


def close_workspace() -> None:
    for key in ("workspace", "stored", "rounds_compare"):
        st.session_state.pop(key, None)
    remember("info", "Werkruimte gesloten.")


# ---- the login ------------------------------------------------------------------------------------


def login_section(store: ScenarioStore) -> None:
    st.subheader("Werkruimte openen")
    st.caption(
        "Een werkruimte hoort bij één organisatie (of één gemeente); alleen wie de toegangscode kent, "
        "ziet de scenario's erin."
    )
    # Forms: a password field is only sent with its form (or on Enter), not when the user clicks
    # a button straight after typing it.
    with st.form("f_ws_open", border=False):
        cols = st.columns([2, 2, 1], vertical_alignment="bottom")
        cols[0].text_input("Werkruimte", key="k_ws_slug", placeholder="bijvoorbeeld welzijn-de-brug")
        cols[1].text_input("Toegangscode", key="k_ws_code", type="password")
        cols[2].form_submit_button("Openen", key="btn_ws_open", on_click=_open_workspace, type="primary")
    if not _creation_allowed():
        st.caption(
            "Nieuwe werkruimten maakt de beheerder van deze server aan, met "
            "`python -m pricing workspace create` (zie docs/store.md)."
        )
        return
    with st.expander("Nieuwe werkruimte aanmaken"), st.form("f_ws_create", border=False):
        halves = st.columns(2)
        halves[0].text_input("Code (kleine letters, cijfers, streepjes)", key="k_new_slug")
        halves[1].text_input("Naam van de organisatie", key="k_new_name")
        halves[0].text_input("Toegangscode (minstens 8 tekens)", key="k_new_code", type="password")
        halves[1].text_input("Herhaal de toegangscode", key="k_new_code2", type="password")
        st.form_submit_button("Aanmaken", key="btn_ws_create", on_click=_create_workspace)
