"""Page 6: Vergelijken (two scenarios, every differing assumption with its euro effect)."""

from __future__ import annotations

import copy
from typing import Any

import pandas as pd
import streamlit as st

from pricing.compare import BridgeStep, CompareError, Comparison, compare_scenarios
from pricing.display import shown_team
from pricing.money import format_eur, format_pct
from pricing.scenario import dump_scenario
from pricing.store import StoreError
from ui import bindings, charts, components, state
from ui.literal import literal

SOURCES = {
    "gemeente": "Voorbeeld gemeente (examples/gemeente.yaml)",
    "copy": "Kopie van het huidige scenario (daarna bewerken)",
    "stored": "Opgeslagen versie (werkruimte)",
    "file": "Bestand openen",
}


def _set_b(raw: dict[str, Any], origin: str) -> None:
    st.session_state["compare_b"] = copy.deepcopy(raw)
    st.session_state["compare_b_origin"] = origin
    st.session_state["k_compare_b_text"] = dump_scenario(raw)
    st.session_state.pop("compare_b_problems", None)


def _load_b() -> None:
    choice = st.session_state.get("k_compare_source", "gemeente")
    if choice == "gemeente":
        _set_b(state.municipality_raw(), SOURCES["gemeente"])
    elif choice == "copy":
        b = copy.deepcopy(state.raw())
        b["name"] = f"Kopie van {b.get('name') or 'scenario'}"
        _set_b(b, "Kopie van het huidige scenario")


def _load_stored_b() -> None:
    ws = st.session_state.get("workspace")
    choice = st.session_state.get("k_compare_stored")
    if ws is None or not choice:
        return
    sid, number, label = choice
    try:
        raw = ws.load(sid, number)
    except StoreError as exc:
        st.session_state["compare_b_problems"] = [str(exc)]
        return
    _set_b(raw, f"Opgeslagen: {label}")


def _stored_choices() -> list[tuple[int, int, str]]:
    ws = st.session_state.get("workspace")
    if ws is None:
        return []
    out = []
    try:
        for info in ws.list_scenarios():
            for v in reversed(ws.versions(info.id)):
                out.append((info.id, v.number, f"{info.name}, versie {v.number} (ronde {v.round}, {v.role})"))
    except StoreError:
        return []
    return out


def _open_b_file() -> None:
    upload = st.session_state.get("up_compare_b")
    if upload is None:
        return
    raw, problems = state.read_scenario_upload(upload.getvalue(), upload.name)
    if raw is None:
        st.session_state["compare_b_problems"] = problems
        return
    _set_b(raw, f"Bestand: {upload.name}")


def _apply_b_text() -> None:
    text = st.session_state.get("k_compare_b_text", "")
    raw, problems = state.read_scenario_upload(text.encode("utf-8"), "b.yaml")
    if problems:
        st.session_state["compare_b_problems"] = problems
        return
    st.session_state["compare_b"] = raw
    st.session_state["compare_b_origin"] = "Bewerkt in de app"
    st.session_state.pop("compare_b_problems", None)


def editing_b() -> bool:
    """True while scenario B is in the forms (A parked) - see :func:`start_editing_b`."""
    return st.session_state.get("parked_a") is not None


def start_editing_b() -> None:
    """Put scenario B into the forms of every page (A is parked), so B is edited like A."""
    ss = st.session_state
    if ss.get("compare_b") is None or editing_b():
        return
    ss["parked_a"] = (copy.deepcopy(state.raw()), ss.get("raw_origin", ""))
    state.load_raw(ss["compare_b"], "Scenario B (u bewerkt B; A staat apart)")


def stop_editing_b() -> None:
    """Take the forms' scenario back as B and return A to the forms."""
    ss = st.session_state
    parked = ss.pop("parked_a", None)
    if parked is None:
        return
    ss["compare_b"] = copy.deepcopy(state.raw())
    ss["compare_b_origin"] = "Bewerkt met de formulieren"
    ss["k_compare_b_text"] = dump_scenario(ss["compare_b"])
    state.load_raw(parked[0], parked[1])


def editing_b_banner() -> None:
    """At the top of every page while B is in the forms: what is being edited, and the way back to A."""
    if not editing_b():
        return
    with st.container(border=True):
        left, right = st.columns([3, 1], vertical_alignment="center")
        left.warning(
            "U bewerkt **scenario B**, niet A. Wat u hier wijzigt, geldt voor B; A staat apart tot u op "
            "'Klaar met B' klikt.",
            icon=":material/edit:",
        )
        right.button("Klaar met B: terug naar A", key="btn_stop_b_page", on_click=stop_editing_b, type="primary")


def current_comparison() -> Comparison | CompareError | None:
    """The comparison of scenario A with scenario B, once per change. While B is in the forms,
    A is the parked scenario and B the one being edited (its last valid state)."""
    ss = st.session_state
    b = ss.get("compare_b")
    if b is None:
        return None
    ev = state.evaluate()
    key: tuple[object, ...]
    if editing_b():
        a, b = ss["parked_a"][0], ev.scenario
        key = ("editing_b", state._canonical(a), ss.get("eval_key"))
    else:
        a = ev.scenario
        key = (ss.get("eval_key"), state._canonical(b))
    cached = ss.get("compare_cache")
    if cached is not None and cached[0] == key:
        kept: Comparison | CompareError = cached[1]
        return kept
    value: Comparison | CompareError
    try:
        value = compare_scenarios(a, b)
    except CompareError as exc:
        value = exc
    ss["compare_cache"] = (key, value)
    return value


def _why(step: BridgeStep) -> str:
    """Why a step moves the hourly tariff but not the annual budget (or the other way round)."""
    tariff_moves = abs(float(step.shown_effect)) >= 0.005
    budget_moves = abs(step.budget_effect) >= 0.5
    if tariff_moves and not budget_moves:
        return (
            "Zelfde kosten per FTE over meer of minder declarabele uren verdeeld: het uurtarief verandert, "
            "het jaarbudget (FTE x prijs per FTE) niet."
        )
    if budget_moves and not tariff_moves:
        return "Verandert het jaarbudget buiten het uurtarief (bijvoorbeeld het activiteitenbudget)."
    return ""


# Widths that fit a 1400 px window next to the sidebar (no column cut off at the right edge); the
# full text of a cell shows on hover.
STEPS_COLUMNS = {
    "Stap": st.column_config.TextColumn(width=40),
    "Aanname": st.column_config.TextColumn(width=170),
    "Effect €/uur": st.column_config.TextColumn(width=80),
    "Effect jaarbudget": st.column_config.TextColumn(width=125),  # its header whole
    "A": st.column_config.TextColumn(width=160),
    "B": st.column_config.TextColumn(width=160),
    "Waarom": st.column_config.TextColumn(width=155),
}


def steps_table(comparison: Comparison) -> pd.DataFrame:
    rows = []
    for s in comparison.steps:
        rows.append(
            {
                "Stap": str(s.position),
                "Aanname": s.label,
                "Effect €/uur": ("+" if s.shown_effect > 0 else "") + format_eur(s.shown_effect),
                "Effect jaarbudget": format_eur(s.budget_effect, 0),
                "A": "; ".join(f"{d.label}: {d.a}" for d in s.differences),
                "B": "; ".join(f"{d.label}: {d.b}" for d in s.differences),
                "Waarom": _why(s),
            }
        )
    rows.append(
        {
            "Stap": "",
            "Aanname": "Totaal verschil (B − A)",
            "Effect €/uur": format_eur(comparison.shown_gap),
            "Effect jaarbudget": format_eur(comparison.budget_gap, 0),
            "A": "",
            "B": "",
            "Waarom": "",
        }
    )
    return pd.DataFrame(rows)


def render_comparison_summary(comparison: Comparison, *, big: bool = False) -> None:
    ta, tb = shown_team(comparison.result_a.team), shown_team(comparison.result_b.team)
    cols = st.columns(3)
    suffix = "" if big else " / uur"
    cols[0].metric(f"A · {literal(comparison.name_a)}", format_eur(ta["tariff_per_hour"]) + suffix)
    cols[1].metric(f"B · {literal(comparison.name_b)}", format_eur(tb["tariff_per_hour"]) + suffix)
    cols[2].metric(
        "Verschil B − A per uur",
        format_eur(comparison.shown_gap),
        f"{format_eur(comparison.budget_gap, 0)} per jaar",
        delta_color="off",
    )
    # Built once per comparison (stored versions' comparisons are kept per session, ui.rounds.comparison).
    figure = state.per_evaluation(
        "bridge_big" if big else "bridge",
        comparison,
        lambda: charts.bridge(comparison, big=big, height=400 if big else 440),
    )
    st.plotly_chart(
        figure,
        key="chart_bridge_big" if big else "chart_bridge",
        config={"displayModeBar": False},
    )
    note = charts.bridge_axis_note(comparison)
    if note is not None:
        st.caption(note)


def _source_picker() -> None:
    choice = bindings.value_widget(
        st.radio,
        "Scenario B",
        "compare_source",
        default="gemeente",
        options=list(SOURCES),
        format_func=SOURCES.get,
        horizontal=True,
    )
    if choice == "file":
        st.file_uploader(
            "Scenario B openen (YAML of JSON)", type=["yaml", "yml", "json"], key="up_compare_b", on_change=_open_b_file
        )
    elif choice == "stored":
        stored = _stored_choices()
        if not stored:
            st.caption(
                "Open eerst een werkruimte op de pagina Versies & rondes; daarna staan de opgeslagen versies hier."
            )
        else:
            st.selectbox("Versie", stored, format_func=lambda c: c[2], key="k_compare_stored")
            st.button("Laad als scenario B", key="btn_load_stored_b", on_click=_load_stored_b, type="primary")
    else:
        st.button("Laad als scenario B", key="btn_load_b", on_click=_load_b, type="primary")


def render_compare() -> None:
    components.page_header(
        "Vergelijken",
        "Scenario A is het huidige scenario; scenario B bijvoorbeeld de aannames van de gemeente. Elk verschil "
        "krijgt zijn effect in euro per uur.",
    )
    if editing_b():
        st.caption("De vergelijking hieronder volgt uw wijzigingen in B.")
    else:
        left, right = st.columns([3, 2])
        with left:
            _source_picker()
        with right:
            if st.session_state.get("compare_b") is not None:
                st.caption(literal(f"B: {st.session_state.get('compare_b_origin', '')}"))
                st.button(
                    "B bewerken met de formulieren",
                    key="btn_edit_b",
                    on_click=start_editing_b,
                    icon=":material/edit:",
                    help="Zet B in de formulieren van alle pagina's (formatie, normen, contract); A staat "
                    "zolang apart. Met 'Klaar met B' komt A terug.",
                )
    for p in st.session_state.get("compare_b_problems", []):
        st.error(literal(p), icon=":material/block:")

    result = current_comparison()
    if result is None:
        st.info("Kies en laad scenario B om te vergelijken.", icon=":material/compare_arrows:")
        return
    if isinstance(result, CompareError):
        st.error(literal(result), icon=":material/warning:")
        return
    comparison = result
    render_comparison_summary(comparison)
    st.caption(comparison.order_text)
    st.dataframe(
        steps_table(comparison), hide_index=True, key="table_bridge", width="stretch", column_config=STEPS_COLUMNS
    )
    if comparison.formal_only:
        st.caption(
            literal(
                "Anders vastgelegd maar met dezelfde waarde (geen effect): " + ", ".join(comparison.formal_only) + "."
            )
        )
    ra, rb = comparison.result_a, comparison.result_b
    with st.expander("Kerncijfers naast elkaar", expanded=False):
        ta, tb = shown_team(ra.team), shown_team(rb.team)
        rows = [
            ("Kostprijs per uur", format_eur(ta["cost_price_per_hour"]), format_eur(tb["cost_price_per_hour"])),
            ("Reëel tarief per uur", format_eur(ta["tariff_per_hour"]), format_eur(tb["tariff_per_hour"])),
            ("Productiviteit", format_pct(ra.hours.productivity), format_pct(rb.hours.productivity)),
            (
                "Overhead",
                f"{format_pct(ra.overhead_pct)} ({'opslag' if ra.overhead_convention == 'markup' else 'aandeel'})",
                f"{format_pct(rb.overhead_pct)} ({'opslag' if rb.overhead_convention == 'markup' else 'aandeel'})",
            ),
            ("Prijs per FTE", format_eur(ta["price_per_fte"]), format_eur(tb["price_per_fte"])),
            ("Jaarbudget", format_eur(ta["annual_budget"]), format_eur(tb["annual_budget"])),
        ]
        components.static_table(pd.DataFrame(rows, columns=["", "A", "B"]), key="table_side_by_side")
    with st.expander("Scenario B als tekst (YAML, voor gevorderden)", expanded=False):
        st.caption(
            "Pas de aannames van B aan en klik op Toepassen; een ongeldig scenario wordt geweigerd met de lijst fouten."
        )
        if "k_compare_b_text" not in st.session_state:
            st.session_state["k_compare_b_text"] = dump_scenario(st.session_state["compare_b"])
        st.text_area("Scenario B", key="k_compare_b_text", height=320, label_visibility="collapsed")
        st.button("Toepassen", key="btn_apply_b", on_click=_apply_b_text)
