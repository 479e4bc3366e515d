"""Page 4: Toets (the scenario's norms against the benchmark bands; financial-health key figures)."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from msgspec.structs import asdict

from pricing.benchmark import format_value
from pricing.financial_health import (
    DEMO_ACCOUNTS,
    INPUT_LABELS,
    HealthInputError,
    HealthReport,
    key_figures,
    validate_accounts,
)
from pricing.money import format_pct
from ui import bindings, components, state
from ui.literal import literal


def render_toets() -> None:
    ev = components.page_header(
        "Toets",
        "De normen van het scenario naast de benchmarkbanden, en de financiële gezondheid van de organisatie.",
    )
    bset = st.session_state["benchmark_set"]
    st.subheader(f"Normen tegen de benchmark ({literal(bset.name)})")
    components.method_caption("7")
    if bset.description:
        st.caption(bset.description)
    checks = ev.evaluation.checks
    banded = [(c, c.band) for c in checks if c.band is not None]
    rows = [
        {
            "Licht": components.status_word(c.light),
            "Norm": c.label + (" (berekend)" if c.derived else ""),
            "Scenario": format_value(c.value, c.unit),
            "Band": band.text(),
            "Oordeel": c.light_label,
            "Gunstige kant": {"low": "lager", "high": "hoger"}.get(band.favourable, "geen"),
            "Toelichting": c.reason,
            "Soort band": "gepubliceerd" if band.kind == "published_range" else "opgebouwd",
        }
        for c, band in banded
    ]
    if rows:
        # Static: one row per benchmark norm, a bounded handful; its long judgements and reasons wrap.
        components.static_table(pd.DataFrame(rows), key="table_benchmark", light="Licht")
        for _, band in banded:
            st.caption(
                f"**{band.label}** — {band.kind_label}; {band.direction_label}. "
                f"Bronnen: {band.source_markdown}. {band.note}"
            )
    unbanded = [c for c in checks if c.band is None]
    if unbanded:
        with st.expander(f"Normen zonder band in deze set ({len(unbanded)})"):
            st.markdown(" · ".join(f"{c.label}: {format_value(c.value, c.unit)}" for c in unbanded))
    red = [c for c in checks if c.light == "red"]
    if red:
        st.markdown(
            "**Toelichting ontbreekt** — geef kort aan waarom het scenario buiten de band ligt; "
            "de reden wordt met het scenario bewaard."
        )
        for c in red:
            components.reason_input(c.key, "onder" if c.position == "below" else "boven")
    else:
        st.caption(
            ":green[●] groen: binnen de band, of erbuiten aan de gunstige kant · :orange[●] oranje: buiten "
            "de band met toelichting · :red[●] rood: buiten de band zonder toelichting · :gray[○] geen band "
            "in deze set"
        )

    st.subheader("Financiële gezondheid")
    components.method_caption("8")
    st.caption(
        "Uit de jaarrekening. Voorbeeldcijfers zijn fictief; vervang ze door die van uw organisatie. "
        "Signaleringswaarden zijn generiek, niet specifiek voor het sociaal werk."
    )
    demo = asdict(DEMO_ACCOUNTS)
    values = {}
    cols = st.columns(3)
    for i, (name, label) in enumerate(INPUT_LABELS.items()):
        with cols[i % 3]:
            if name == "sick_leave_pct":
                pct = bindings.number_field(
                    f"{label} (%)",
                    (f"fh_{name}",),
                    key=f"fh_{name}",
                    store="values",
                    current=demo[name] * 100,
                    min_value=0.0,
                    max_value=100.0,
                    places=1,
                    unit="%",
                )
                values[name] = None if pct is None else pct / 100
            else:
                values[name] = bindings.number_field(
                    f"{label} (€)",
                    (f"fh_{name}",),
                    key=f"fh_{name}",
                    store="values",
                    current=float(demo[name]),
                    min_value=None if name in ("result", "equity") else 0.0,
                    places=0,
                    unit="€",
                )
    try:
        report = key_figures(validate_accounts(values))
    except HealthInputError as exc:
        for message in exc.problems.values():
            st.error(message, icon=":material/warning:")
        last: HealthReport | None = st.session_state.get("last_health")
        if last is None:
            return
        report = last
        st.caption("Hieronder de kengetallen bij de laatste geldige invoer.")
    st.session_state["last_health"] = report
    components.static_table(
        pd.DataFrame(
            [
                {
                    "Licht": components.status_word(f.light),
                    "Kengetal": f.label,
                    "Waarde": f.shown,
                    "Signaleringswaarde": f.signal.text if f.signal else "geen signaleringswaarde bekend",
                    "Oordeel": f.assessment.split(" (")[0],
                    "Berekening": f.formula,
                }
                for f in report.figures
            ]
        ),
        key="table_health",
        light="Licht",
    )
    _sick_leave_note(ev, report)
    sources = []
    for f in report.figures:
        if f.signal and f.signal.source not in sources:
            sources.append(f.signal.source)
    st.caption(
        "Bronnen signaleringswaarden: "
        + " · ".join(sources)
        + ". Voor overheadaandeel en flexibele schil is geen signaleringswaarde bekend; het kengetal staat er "
        "ter informatie (vergelijk de overhead met de band hierboven, die gaat over de opslag in het tarief)."
    )


def _sick_leave_note(ev: state.EditView, report: HealthReport) -> None:
    """Two sick-leave figures on one page: say which is the price norm and which the measured rate."""
    measured = report.figure("sick_leave").value
    hours = ev.scenario.norms.hours if ev.scenario is not None else None
    norm = hours.sick_pct if hours is not None else None
    if norm is None:
        text = "Het productiviteitscijfer van het scenario is direct opgegeven, dus zonder apart verzuimpercentage."
    else:
        text = (
            f"De kostprijs rekent met **{format_pct(norm, 1)}** (de norm op de pagina Normen & opslagen, "
            "tabel hierboven)."
        )
        if measured is not None and measured > norm + 1e-9:
            text += (
                " Het werkelijke verzuim ligt hoger: het tarief dekt dan niet alle verzuimuren. Pas de norm aan "
                "of licht het verschil toe."
            )
    st.info(
        f"**Twee verzuimcijfers.** *Ziekteverzuim* in de kengetallen ({format_pct(measured, 1) if measured is not None else '—'}) "
        "is het werkelijke verzuim van de organisatie uit de eigen registratie of het jaarverslag, naast het "
        f"sectorgemiddelde. {text}",
        icon=":material/info:",
    )
