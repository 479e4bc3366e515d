"""Page 6: Vergelijken (two scenarios, every differing assumption with its euro effect)."""

from __future__ import annotations

import copy

import pandas as pd
import streamlit as st

from pricing.compare import CompareError, Comparison, compare_scenarios
from pricing.display import shown_team
from pricing.money import format_eur, format_pct
from pricing.scenario import dump_scenario
from ui import charts, components, state

SOURCES = {
    "gemeente": "Voorbeeld gemeente (examples/gemeente.yaml)",
    "copy": "Kopie van het huidige scenario (daarna bewerken)",
    "file": "Bestand openen",
}


def _set_b(raw: dict, origin: str) -> None:
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


def _open_b_file() -> None:
    upload = st.session_state.get("up_compare_b")
    if upload is None:
        return
    raw, problems = state.read_scenario_upload(upload.getvalue(), upload.name)
    if problems:
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


def current_comparison() -> Comparison | CompareError | None:
    """The comparison of the last valid scenario (A) with scenario B, once per change."""
    b = st.session_state.get("compare_b")
    if b is None:
        return None
    ev = state.evaluate()
    key = (st.session_state.get("eval_key"), state._canonical(b))
    cached = st.session_state.get("compare_cache")
    if cached is not None and cached[0] == key:
        return cached[1]
    try:
        value = compare_scenarios(ev.scenario, b)
    except CompareError as exc:
        value = exc
    st.session_state["compare_cache"] = (key, value)
    return value


def steps_table(comparison: Comparison) -> pd.DataFrame:
    rows = []
    for s in comparison.steps:
        rows.append({
            "Stap": str(s.position),
            "Aanname": s.label,
            "Effect €/uur": ("+" if s.shown_effect > 0 else "") + format_eur(s.shown_effect),
            "Effect jaarbudget": format_eur(s.budget_effect, 0),
            "A": "; ".join(f"{d.label}: {d.a}" for d in s.differences),
            "B": "; ".join(f"{d.label}: {d.b}" for d in s.differences),
        })
    rows.append({"Stap": "", "Aanname": "Totaal verschil (B − A)", "Effect €/uur": format_eur(comparison.shown_gap),
                 "Effect jaarbudget": format_eur(comparison.budget_gap, 0), "A": "", "B": ""})
    return pd.DataFrame(rows)


def render_comparison_summary(comparison: Comparison, *, big: bool = False) -> None:
    ta, tb = shown_team(comparison.result_a.team), shown_team(comparison.result_b.team)
    cols = st.columns(3)
    suffix = "" if big else " / uur"
    cols[0].metric(f"A · {comparison.name_a}", format_eur(ta["tariff_per_hour"]) + suffix)
    cols[1].metric(f"B · {comparison.name_b}", format_eur(tb["tariff_per_hour"]) + suffix)
    cols[2].metric("Verschil B − A per uur", format_eur(comparison.shown_gap),
                   f"{format_eur(comparison.budget_gap, 0)} per jaar", delta_color="off")
    st.plotly_chart(charts.bridge(comparison, big=big, height=520 if big else 440),
                    key="chart_bridge_big" if big else "chart_bridge", config={"displayModeBar": False})


def render_compare() -> None:
    components.page_header(
        "Vergelijken",
        "Scenario A is het huidige scenario; scenario B bijvoorbeeld de aannames van de gemeente. Elk verschil "
        "krijgt zijn effect in euro per uur.",
    )
    left, right = st.columns([3, 2])
    with left:
        choice = state.value_widget(st.radio, "Scenario B", "compare_source", default="gemeente",
                                    options=list(SOURCES), format_func=SOURCES.get, horizontal=True)
        if choice == "file":
            st.file_uploader("Scenario B openen (YAML of JSON)", type=["yaml", "yml", "json"], key="up_compare_b",
                             on_change=_open_b_file)
        else:
            st.button("Laad als scenario B", key="btn_load_b", on_click=_load_b, type="primary")
    with right:
        if st.session_state.get("compare_b") is not None:
            st.caption(f"B: {st.session_state.get('compare_b_origin', '')}")
    for p in st.session_state.get("compare_b_problems", []):
        st.error(p, icon=":material/block:")

    result = current_comparison()
    if result is None:
        st.info("Kies en laad scenario B om te vergelijken.", icon=":material/compare_arrows:")
        return
    if isinstance(result, CompareError):
        st.error(str(result), icon=":material/warning:")
        return
    comparison = result
    render_comparison_summary(comparison)
    st.caption(comparison.order_text)
    st.dataframe(steps_table(comparison), hide_index=True, key="table_bridge",
                 column_config={"Stap": st.column_config.TextColumn(width=45),
                                "Aanname": st.column_config.TextColumn(width="medium"),
                                "A": st.column_config.TextColumn(width="medium"),
                                "B": st.column_config.TextColumn(width="medium")})
    if comparison.formal_only:
        st.caption("Anders vastgelegd maar met dezelfde waarde (geen effect): " + ", ".join(comparison.formal_only) + ".")
    ra, rb = comparison.result_a, comparison.result_b
    with st.expander("Kerncijfers naast elkaar", expanded=False):
        ta, tb = shown_team(ra.team), shown_team(rb.team)
        rows = [
            ("Kostprijs per uur", format_eur(ta["cost_price_per_hour"]), format_eur(tb["cost_price_per_hour"])),
            ("Reëel tarief per uur", format_eur(ta["tariff_per_hour"]), format_eur(tb["tariff_per_hour"])),
            ("Productiviteit", format_pct(ra.hours.productivity), format_pct(rb.hours.productivity)),
            ("Overhead", f"{format_pct(ra.overhead_pct)} ({'opslag' if ra.overhead_convention == 'markup' else 'aandeel'})",
             f"{format_pct(rb.overhead_pct)} ({'opslag' if rb.overhead_convention == 'markup' else 'aandeel'})"),
            ("Prijs per FTE", format_eur(ta["price_per_fte"]), format_eur(tb["price_per_fte"])),
            ("Jaarbudget", format_eur(ta["annual_budget"]), format_eur(tb["annual_budget"])),
        ]
        st.dataframe(pd.DataFrame(rows, columns=["", "A", "B"]), hide_index=True, key="table_side_by_side")
    with st.expander("Scenario B bewerken (YAML)", expanded=False):
        st.caption("Pas de aannames van B aan en klik op Toepassen; een ongeldig scenario wordt geweigerd met de lijst fouten.")
        if "k_compare_b_text" not in st.session_state:
            st.session_state["k_compare_b_text"] = dump_scenario(st.session_state["compare_b"])
        st.text_area("Scenario B", key="k_compare_b_text", height=320, label_visibility="collapsed")
        st.button("Toepassen", key="btn_apply_b", on_click=_apply_b_text)
