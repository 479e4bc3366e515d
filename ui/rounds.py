"""Page: Versies & rondes. The scenario store in the app: workspaces, negotiation rounds,
comparing and restoring versions, export and import with history, the presentation choice.

Everything stored goes through pricing.store (validation, immutability, conflict notices); this
page only collects the inputs and shows what the store answers, in Dutch.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import re
from typing import TypedDict
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from pricing.compare import Comparison
from pricing.money import format_date_nl, format_eur
from pricing.parameters import ParameterBook
from pricing.scenario import ScenarioError
from pricing.store import ROLES, ScenarioStore, StoreError, VersionInfo, WorkspaceSession, default_database_url
from pricing.store.outcome import Recheck
from ui import bindings, components, state
from ui.compare import STEPS_COLUMNS, render_comparison_summary, steps_table
from ui.guard import unexpected
from ui.literal import literal
from ui.problem_text import problem_text

ROLE_LABELS = {"aanbieder": "aanbieder", "gemeente": "gemeente"}
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
CREATION_ENV = "REELE_PRIJS_WORKSPACE_CREATION"  # "on"/"off"; default: on only for an app on localhost
_LOCAL: ZoneInfo | None
try:
    _LOCAL = ZoneInfo("Europe/Amsterdam")
except Exception:  # no time-zone data on this machine: show UTC and say so
    _LOCAL = None


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


def _open_workspace_session() -> WorkspaceSession:
    """The workspace a button's callback acts on. The buttons are drawn only while one is open,
    but a click sent from a page drawn before 'Sluiten' still arrives: then a Dutch message, via
    the callbacks' StoreError handling, instead of a traceback."""
    ws = workspace()
    if ws is None:
        raise StoreError("Er is geen werkruimte geopend; open eerst een werkruimte.")
    return ws


def _when(moment: dt.datetime) -> str:
    local = moment.astimezone(_LOCAL) if _LOCAL else moment
    return f"{format_date_nl(local.date())} {local:%H:%M}" + ("" if _LOCAL else " UTC")


def _remember(kind: str, text: str) -> None:
    st.session_state["rounds_message"] = (kind, text)


def _say(problem: Exception) -> None:
    if isinstance(problem, ScenarioError):
        _remember(
            "error",
            "Niet opgeslagen, het scenario is ongeldig:\n\n"
            + "\n".join(f"- {problem_text(p)}" for p in problem.problems),
        )
    else:
        _remember("error", str(problem))


# ---- callbacks (they run before the page is drawn, so the page shows their outcome) -------------


def _open_workspace() -> None:
    store = _store(default_database_url())
    slug = st.session_state.get("k_ws_slug", "").strip()
    try:
        st.session_state["workspace"] = store.open_workspace(
            slug, st.session_state.get("k_ws_code", ""), client=_client()
        )
        st.session_state.pop("stored", None)
        _remember("success", f"Werkruimte '{slug}' geopend.")
    except StoreError as exc:
        _say(exc)
    st.session_state["k_ws_code"] = ""  # never keep a code on screen


def _create_workspace() -> None:
    store = _store(default_database_url())
    ss = st.session_state
    code, again = ss.get("k_new_code", ""), ss.get("k_new_code2", "")
    slug = ss.get("k_new_slug", "").strip()
    if code != again:
        _remember("error", "De twee toegangscodes zijn niet gelijk.")
        return
    try:
        store.create_workspace(slug, ss.get("k_new_name", ""), code)
        # The same answer whether or not the code was free, so the form does not reveal which
        # workspaces exist; a taken code then simply does not open with the new access code.
        _remember(
            "success",
            f"Aanvraag voor werkruimte '{slug}' verwerkt. Was deze code nog vrij, dan is de werkruimte "
            "nu aangemaakt: open haar hierboven met de toegangscode die u koos. Opent zij niet, kies dan "
            "een andere code. Bewaar de toegangscode: hij is alleen als hash opgeslagen en niet terug te halen.",
        )
        ss["k_ws_slug"] = slug
    except StoreError as exc:
        _say(exc)
    ss["k_new_code"] = ss["k_new_code2"] = ""


CLIENT_HEADER_ENV = "REELE_PRIJS_CLIENT_ADDRESS_HEADER"  # e.g. X-Forwarded-For behind a reverse proxy


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


def _close_workspace() -> None:
    for key in ("workspace", "stored", "rounds_compare"):
        st.session_state.pop(key, None)
    _remember("info", "Werkruimte gesloten.")


def _book() -> ParameterBook:
    """The parameter edition the editor computes with: saves are priced with it."""
    return state.evaluate().evaluation.book


class _Meta(TypedDict):
    author: str
    role: str
    note: str


def _meta() -> _Meta:
    # Author and role are session values (bindings.bind), so they stay when the page is left.
    values = st.session_state["values"]
    return _Meta(
        author=values.get("rd_author") or "",
        role=values.get("rd_role") or ROLES[0],
        note=st.session_state.get("k_rd_note", ""),
    )


def _round() -> int:
    value = st.session_state["values"].get("rd_round")
    return int(value) if isinstance(value, (int, float)) and value >= 1 else 1


def _show_saved(sid: int, number: int) -> str:
    """Put the history below on the version just saved (the pickers kept the choice made before it,
    so the page showed another version's figures right after a save); the sentence saying so."""
    st.session_state["k_rd_scenario"] = sid
    st.session_state["k_rd_version"] = number
    return f" Hieronder is versie {number} gekozen."


def _next_round(saved: int) -> None:
    """After a save the next version is the next round (the field can still be changed)."""
    st.session_state["values"]["rd_round"] = saved + 1
    st.session_state.pop(state.KEEP_PREFIX + "rd_round", None)
    st.session_state["k_rd_note"] = ""


def _scenario_name() -> str:
    return str(state.raw().get("name") or "")


def name_key(name: str) -> str:
    """The key of the field 'Of opslaan als nieuw scenario met de naam' while the scenario is called ``name``."""
    return "k_rd_name_" + hashlib.sha256(name.encode()).hexdigest()[:12]


def _save_new() -> None:
    name = str(st.session_state.get(name_key(_scenario_name())) or "").strip()
    try:
        ws = _open_workspace_session()
        number = _round()
        sid, result = ws.create_scenario(name, state.raw(), round=number, book=_book(), **_meta())
        st.session_state["stored"] = (sid, result.version.number)
        _remember("success", result.message + _show_saved(sid, result.version.number))
        _next_round(number)
    except (StoreError, ScenarioError) as exc:
        _say(exc)


def _save_version() -> None:
    sid, base = st.session_state["stored"]
    try:
        ws = _open_workspace_session()
        number = _round()
        result = ws.save(sid, state.raw(), base_version=base, round=number, book=_book(), **_meta())
        st.session_state["stored"] = (sid, result.version.number)
        shown = _show_saved(sid, result.version.number)
        _remember("warning" if result.conflict else "success", result.message + shown)
        _next_round(number)
    except (StoreError, ScenarioError) as exc:
        _say(exc)


def _picked() -> tuple[int, int]:
    """The scenario and version chosen in the history, read when a button is clicked: arguments
    bound when the button was drawn would still hold a choice changed since (or moved by a save)."""
    return st.session_state["k_rd_scenario"], st.session_state["k_rd_version"]


def _open_version(names: dict[int, str]) -> None:
    sid, number = _picked()
    name = names[sid]
    try:
        raw = _open_workspace_session().load(sid, number)
    except StoreError as exc:
        _say(exc)
        return
    state.load_raw(raw, f"Opslag: {name}, versie {number}")
    st.session_state["stored"] = (sid, number)
    _remember("success", f"Versie {number} van '{name}' geopend om verder te bewerken.")


def _restore() -> None:
    sid, number = _picked()
    try:
        result = _open_workspace_session().restore(sid, number, book=_book(), **_meta())
        _remember(
            "success",
            f"Versie {number} is teruggezet als versie {result.version.number}; de geschiedenis blijft bewaard."
            + _show_saved(sid, result.version.number),
        )
    except StoreError as exc:
        _say(exc)


def _import() -> None:
    upload = st.session_state.get("k_rd_import")
    if upload is None:
        return
    try:
        ws = _open_workspace_session()
        sid = ws.import_export(upload.getvalue(), importer=st.session_state.get("k_rd_author", ""), book=_book())
        if ws.versions(sid)[0].provenance_text == "geïmporteerd, geverifieerd":
            _remember(
                "success",
                f"'{upload.name}' geïmporteerd met de hele geschiedenis: de handtekening van deze "
                "server klopt, dus auteurs, tijden en opgeslagen cijfers zijn overgenomen.",
            )
        else:
            _remember(
                "warning",
                f"'{upload.name}' geïmporteerd als nieuw scenario, geïmporteerd, niet geverifieerd: het "
                "bestand is niet door deze server ondertekend of is daarna gewijzigd. De versies staan op "
                "uw naam met de tijd van nu; wat het bestand over auteur en tijd zegt, staat in de notitie.",
            )
    except StoreError as exc:
        _say(exc)
    except Exception:  # noqa: BLE001  (no traceback reaches a user)
        _remember("error", unexpected("het importeren van het exportbestand"))


def _set_presentation(sid: int | None) -> None:
    try:
        _open_workspace_session().set_presentation(sid)
        _remember(
            "success", "Presentatiemodus toont nu " + ("het gekozen scenario." if sid else "het scenario in de editor.")
        )
    except StoreError as exc:
        _say(exc)


# ---- the page --------------------------------------------------------------------------------


def _message() -> None:
    found = st.session_state.pop("rounds_message", None)
    if found:
        kind, text = found
        getattr(st, kind)(text)


def _login(store: ScenarioStore) -> None:
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
        st.caption("Nieuwe werkruimten maakt de beheerder van deze server aan.")
        return
    with st.expander("Nieuwe werkruimte aanmaken"), st.form("f_ws_create", border=False):
        halves = st.columns(2)
        halves[0].text_input("Code (kleine letters, cijfers, streepjes)", key="k_new_slug")
        halves[1].text_input("Naam van de organisatie", key="k_new_name")
        halves[0].text_input("Toegangscode (minstens 8 tekens)", key="k_new_code", type="password")
        halves[1].text_input("Herhaal de toegangscode", key="k_new_code2", type="password")
        st.form_submit_button("Aanmaken", key="btn_ws_create", on_click=_create_workspace)


def _save_panel(ws: WorkspaceSession, ev: state.EditView) -> None:
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


def _origin_text(version: VersionInfo) -> str:
    """Where an imported version comes from, who imported it and when; empty for a version saved here."""
    if not version.provenance_text:
        return ""
    when = f" op {_when(version.imported_at)}" if version.imported_at is not None else ""
    return f"{version.provenance_text} door {version.imported_by}{when}"


def _history(ws: WorkspaceSession) -> None:
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
    _stored_figures(ws, chosen, pick)

    if len(numbers) >= 2:
        st.subheader("Twee versies vergelijken")
        sides = st.columns(2)
        a = sides[0].selectbox("Versie A", numbers, index=len(numbers) - 2, key="k_rd_cmp_a")
        b = sides[1].selectbox("Versie B", numbers, index=len(numbers) - 1, key="k_rd_cmp_b")
        if a == b:
            st.caption("Kies twee verschillende versies.")
        else:
            try:
                comparison = _comparison(ws, chosen, a, b)
            except StoreError as exc:
                st.error(literal(exc))
            else:
                render_comparison_summary(comparison)
                st.caption(
                    "Elke veranderde aanname met haar effect in euro per uur, in de volgorde van de kostprijsketen."
                )
                st.dataframe(steps_table(comparison), hide_index=True, width="stretch", column_config=STEPS_COLUMNS)

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


def _stored_figures(ws: WorkspaceSession, sid: int, number: int) -> None:
    """The figures version ``number`` was saved with and what the current edition makes of it."""
    try:
        check = _recheck(ws, sid, number)
    except StoreError as exc:
        st.error(literal(exc))
        return
    st.markdown(f"**Opgeslagen cijfers van versie {number}**")
    if check is None:
        st.caption(
            "Deze versie is opgeslagen voordat de app de berekende cijfers en de parametereditie bewaarde; "
            "open haar in de editor om haar met de huidige parameters te berekenen."
        )
        return
    stored = check.stored
    cols = st.columns(3)
    for col, (key, label) in zip(
        cols,
        (
            ("tariff_per_hour", "Teamtarief per uur"),
            ("price_per_fte", "Prijs per FTE"),
            ("annual_budget", "Jaarbudget"),
        ),
    ):
        col.metric(label, format_eur(stored.figures[key]))
    st.caption(
        f"Berekend bij het opslaan met {stored.edition.label}"
        + ("; op een prognose (voorlopig)." if stored.provisional else ".")
    )
    if check.current is not None and not check.differs:
        st.success(literal(check.summary()), icon=":material/check:")
        return
    st.warning(literal(check.summary()), icon=":material/difference:")
    if check.steps:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Parameter": step.label,
                        "Opgeslagen": step.old,
                        "Huidige editie": step.new,
                        "Effect op teamtarief": format_eur(step.shown_effect),
                    }
                    for step in check.steps
                ]
            ),
            hide_index=True,
            width="stretch",
        )
        st.caption(
            "Per veranderde parameter overgenomen uit de huidige editie, in deze volgorde; na elke stap is het "
            "teamtarief opnieuw berekend, zodat de effecten optellen tot het verschil."
        )


def _file_name(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "scenario"


def _recheck(ws: WorkspaceSession, scenario_id: int, number: int) -> Recheck | None:
    """A stored version rechecked with the session's edition, once per session and edition: a
    version never changes, so neither does what the edition makes of it."""
    cache: dict[tuple[str, int, int, int], tuple[ParameterBook, Recheck | None]]
    cache = st.session_state.setdefault("rounds_rechecks", {})
    book = _book()
    key = (ws.slug, scenario_id, number, id(book))
    hit = cache.get(key)
    if hit is None or hit[0] is not book:  # the entry holds its edition, so the id stays its own
        hit = (book, ws.recheck(scenario_id, number, book))
        cache[key] = hit
    return hit[1]


def _comparison(ws: WorkspaceSession, scenario_id: int, a: int, b: int) -> Comparison:
    """Two stored versions compared once per session: versions never change, so neither does this."""
    cache: dict[tuple[str, int, int, int], Comparison] = st.session_state.setdefault("rounds_comparisons", {})
    key = (ws.slug, scenario_id, a, b)
    if key not in cache:
        cache[key] = ws.compare(scenario_id, a, b)
    return cache[key]


def render_rounds() -> None:
    from ui.compare import editing_b_banner

    editing_b_banner()  # saving now saves B
    st.title("Versies & rondes")
    from ui.forecast import provisional_banner

    provisional_banner(state.evaluate().evaluation)
    st.caption(
        "Elke opgeslagen versie blijft bewaard met ronde, rol, auteur, notitie en tijd. Open, vergelijk of zet "
        "een oude versie terug; exporteer een scenario met zijn hele geschiedenis."
    )
    _message()
    store = open_store()
    if store is None:
        return
    ws = workspace()
    if ws is None:
        _login(store)
        return
    cols = st.columns([4, 1], vertical_alignment="center")
    cols[0].markdown(f"Werkruimte **{literal(ws.name)}** ({literal(ws.slug)})")
    cols[1].button("Sluiten", key="btn_ws_close", on_click=_close_workspace)
    ev = state.evaluate()
    _save_panel(ws, ev)
    _history(ws)
    st.subheader("Importeren")
    st.caption(
        "Een export die deze server heeft ondertekend, houdt haar geschiedenis; elk ander bestand wordt een "
        "nieuw scenario, gemarkeerd als geïmporteerd, niet geverifieerd, op naam van de auteur hierboven."
    )
    st.file_uploader(
        "Scenario met geschiedenis (JSON-export van deze app)", type=["json"], key="k_rd_import", on_change=_import
    )
