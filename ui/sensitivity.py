"""Tornado chart and risk band on the cost-price page and in presentation mode.

Reads the Evaluation's sensitivity and tariff band (computed once per input change in
pricing.evaluation); nothing is recomputed here.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from pricing.evaluation import Evaluation
from pricing.money import format_eur
from pricing.risk_band import TariffBand
from pricing.sensitivity import Sensitivity, value_text
from ui import components, state

LOW = "#4f81bd"  # the assumption at the low end of its range
HIGH = "#c0504d"
BAND = "rgba(29, 92, 99, 0.12)"
FONT = "Source Sans Pro, sans-serif"


def band_caption(band: TariffBand) -> str:
    return f"Risicoband {format_eur(band.p10)} – {format_eur(band.p90)} per uur (mediaan {format_eur(band.p50)})"


MAX_BARS = 10  # the chart shows the widest bars; the table below it lists all
# On the projector the heading, the band and the whole chart with its axis and legend fit one
# 1280 x 720 screen: fewer, tighter bars in bigger type.
MAX_BARS_PROJECTOR = 6


def tornado_figure(sens: Sensitivity, band: TariffBand | None = None, *, big: bool = False) -> go.Figure:
    """Horizontal bars: the change of the tariff per hour with each assumption at the ends of its range."""
    shown = MAX_BARS_PROJECTOR if big else MAX_BARS
    bars = list(reversed(sens.bars[:shown]))  # plotly draws the first bar at the bottom: widest on top
    labels = [
        f"{b.assumption.label}<br><span style='font-size:0.8em;color:#555'>{b.assumption.range_text()}</span>"
        for b in bars
    ]
    size = 18 if big else 13
    fig = go.Figure()
    for name, colour, delta, tariff, end in (
        ("Aanname op de ondergrens", LOW, "delta_low", "tariff_at_low", "low"),
        ("Aanname op de bovengrens", HIGH, "delta_high", "tariff_at_high", "high"),
    ):
        fig.add_trace(
            go.Bar(
                y=labels,
                x=[getattr(b, delta) for b in bars],
                orientation="h",
                name=name,
                marker_color=colour,
                text=[format_eur(getattr(b, tariff)) for b in bars],
                textposition="outside",
                cliponaxis=False,
                textfont=dict(size=size - 1, color="#222"),
                customdata=[
                    [value_text(getattr(b.assumption, end), b.assumption.unit), format_eur(getattr(b, tariff))]
                    for b in bars
                ],
                hovertemplate="%{y}<br>bij %{customdata[0]}: tarief %{customdata[1]}<extra></extra>",
            )
        )
    ends = [d for b in bars for d in (b.delta_low, b.delta_high)] + [0.0]
    if band is not None:
        fig.add_vrect(x0=band.p10 - band.tariff, x1=band.p90 - band.tariff, fillcolor=BAND, line_width=0, layer="below")
        # A legend entry for the shaded band (a shape has none of its own).
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name="Risicoband (10e–90e percentiel)",
                marker=dict(symbol="square", size=16, color=BAND),
                hoverinfo="skip",
            )
        )
        ends += [band.p10 - band.tariff, band.p90 - band.tariff]
    span = (max(ends) - min(ends)) or 1.0
    x_range = [min(ends) - 0.2 * span, max(ends) + 0.2 * span]  # room for the amounts beside the bars
    fig.add_vline(x=0, line_color="#333", line_width=1.5)
    fig.update_layout(
        barmode="overlay",
        bargap=0.35,
        height=(54 if big else 52) * len(bars) + (120 if big else 130),
        # On the projector the legend sits above the bars, clear of the axis title under the tighter chart.
        margin=dict(l=10, r=20, t=50 if big else 20, b=10),
        font=dict(family=FONT, size=size),
        separators=",.",
        plot_bgcolor="rgba(0,0,0,0)",
        legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom") if big else dict(orientation="h", y=-0.15, x=0),
        xaxis=dict(
            title=f"Verschil met het tarief van {format_eur(sens.tariff)} per uur (€)",
            tickprefix="€ ",
            zeroline=False,
            gridcolor="#e5e5e5",
            automargin=True,
            range=x_range,
            tickfont=dict(size=size - 2),
        ),
        yaxis=dict(automargin=True, tickfont=dict(size=size, color="#222")),
    )
    return fig


def render_sensitivity(evaluation: Evaluation, *, big: bool = False, key: str = "tornado") -> None:
    """The tornado, the band sentence and (not on the projector) the ranges with their sources."""
    sens, band = evaluation.sensitivity, evaluation.tariff_band
    if sens is None or not sens.bars:
        return
    figure = state.per_evaluation(f"chart_{key}", evaluation, lambda: tornado_figure(sens, band, big=big))
    st.plotly_chart(figure, key=f"chart_{key}", config={"displayModeBar": False})
    shown = MAX_BARS_PROJECTOR if big else MAX_BARS
    if len(sens.bars) > shown:
        st.caption(
            f"De {shown} aannames met de grootste invloed; alle {len(sens.bars)} staan in de tabel"
            + (" op de pagina Kostprijs." if big else " hieronder.")
        )
    if band is not None:
        st.caption(band.sentence())
    if big:
        return
    # Built only while open: closed, its table would still be built, sent and drawn on every rerun.
    ranges = st.expander("Bandbreedtes, bronnen en uitkomsten", key=f"exp_{key}_ranges", on_change="rerun")
    if not ranges.open:
        return
    with ranges:  # one row per assumption of the band: a bounded dozen
        components.static_table(
            pd.DataFrame(
                [
                    {
                        "Aanname": b.assumption.label,
                        "Gebruikt": value_text(b.assumption.central, b.assumption.unit),
                        "Bandbreedte": b.assumption.range_text(),
                        "Tarief laag": format_eur(b.tariff_at_low),
                        "Tarief hoog": format_eur(b.tariff_at_high),
                        "Formatie per jaar laag": format_eur(b.budget_at_low, 0),
                        "Formatie per jaar hoog": format_eur(b.budget_at_high, 0),
                        "Bron": b.assumption.source,
                    }
                    for b in sens.bars
                ]
            ),
            key=f"table_{key}",
        )
        for note in sens.notes:
            st.caption(note)
        if band is not None:
            st.caption(f"Methode: {band.method}; seed {band.seed}.")
