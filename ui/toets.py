"""Page 4: Toets (the scenario's norms against the benchmark bands; financial-health key figures)."""

from __future__ import annotations

from dataclasses import asdict

import pandas as pd
import streamlit as st

from pricing.benchmark import LIGHTS, format_value
from pricing.financial_health import DEMO_ACCOUNTS, INPUT_LABELS, HealthInputError, key_figures, validate_accounts
from ui import components, state


def render_toets() -> None:
    ev = components.page_header(
        "Toets",
        "De normen van het scenario naast de benchmarkbanden, en de financiële gezondheid van de organisatie.",
    )
    bset = st.session_state["benchmark_set"]
    st.subheader(f"Normen tegen de benchmark ({bset.name})")
    if bset.description:
        st.caption(bset.description)
    checks = ev.evaluation.checks
    banded = [c for c in checks if c.band is not None]
    rows = [{
        "Licht": components.status_word(c.light),
        "Norm": c.label + (" (berekend)" if c.derived else ""),
        "Scenario": format_value(c.value, c.unit),
        "Band": c.band.text(),
        "Oordeel": LIGHTS[c.light],
        "Toelichting": c.reason,
        "Soort band": "gepubliceerd" if c.band.kind == "published_range" else "opgebouwd",
    } for c in banded]
    if rows:
        st.dataframe(components.colored_table(pd.DataFrame(rows)), hide_index=True, key="table_benchmark",
                     height=36 * (len(rows) + 1) + 20,
                     column_config={"Licht": st.column_config.TextColumn(width="small"),
                                    "Norm": st.column_config.TextColumn(width="medium"),
                                    "Toelichting": st.column_config.TextColumn(width="medium")})
        for c in banded:
            st.caption(f"**{c.band.label}** — {c.band.kind_label}. Bronnen: {c.band.source_text}. {c.band.note}")
    unbanded = [c for c in checks if c.band is None]
    if unbanded:
        with st.expander(f"Normen zonder band in deze set ({len(unbanded)})"):
            st.markdown(" · ".join(f"{c.label}: {format_value(c.value, c.unit)}" for c in unbanded))
    red = [c for c in checks if c.light == "red"]
    if red:
        st.markdown("**Toelichting ontbreekt** — geef kort aan waarom het scenario buiten de band ligt; "
                    "de reden wordt met het scenario bewaard.")
        for c in red:
            components.reason_input(c.key, "onder" if c.position == "below" else "boven")
    else:
        st.caption(":green[●] groen: binnen de band · :orange[●] oranje: buiten de band met toelichting · "
                   ":red[●] rood: buiten de band zonder toelichting · :gray[○] geen band in deze set")

    st.subheader("Financiële gezondheid")
    st.caption("Uit de jaarrekening. Voorbeeldcijfers zijn fictief; vervang ze door die van uw organisatie. "
               "Signaleringswaarden zijn generiek, niet specifiek voor het sociaal werk.")
    demo = asdict(DEMO_ACCOUNTS)
    values = {}
    cols = st.columns(3)
    for i, (name, label) in enumerate(INPUT_LABELS.items()):
        with cols[i % 3]:
            if name == "sick_leave_pct":
                pct = state.value_widget(st.number_input, f"{label} (%)", f"fh_{name}", default=demo[name] * 100,
                                         min_value=0.0, max_value=100.0, step=0.1, format="%.1f")
                values[name] = None if pct is None else pct / 100
            else:
                values[name] = state.value_widget(
                    st.number_input, f"{label} (€)", f"fh_{name}", default=float(demo[name]),
                    min_value=None if name in ("result", "equity") else 0.0, step=10000.0, format="%.0f",
                )
    try:
        report = key_figures(validate_accounts(values))
    except HealthInputError as exc:
        for message in exc.problems.values():
            st.error(message, icon=":material/warning:")
        report = st.session_state.get("last_health")
        if report is None:
            return
        st.caption("Hieronder de kengetallen bij de laatste geldige invoer.")
    st.session_state["last_health"] = report
    st.dataframe(components.colored_table(pd.DataFrame([
        {"Licht": components.status_word(f.light), "Kengetal": f.label, "Waarde": f.shown,
         "Signaleringswaarde": f.signal.text if f.signal else "geen signaleringswaarde bekend",
         "Oordeel": f.assessment.split(" (")[0], "Berekening": f.formula}
        for f in report.figures
    ])), hide_index=True, key="table_health", height=36 * (len(report.figures) + 1) + 20,
        column_config={"Licht": st.column_config.TextColumn(width="small")})
    sources = []
    for f in report.figures:
        if f.signal and f.signal.source not in sources:
            sources.append(f.signal.source)
    st.caption("Bronnen signaleringswaarden: " + " · ".join(sources)
               + ". Voor overheadaandeel en flexibele schil is geen signaleringswaarde bekend; het kengetal staat er "
                 "ter informatie (vergelijk de overhead met de band hierboven, die gaat over de opslag in het tarief).")
