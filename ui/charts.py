"""Plotly figures (waterfall and bridge); amounts come rounded from pricing/, labels in Dutch."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import plotly.graph_objects as go

from pricing.breakdown import WaterfallStep
from pricing.compare import BridgeStep, Comparison
from pricing.money import format_eur, format_number, round_half_up

UP = "#c0504d"  # costs that raise the tariff
DOWN = "#4f81bd"
TOTAL = "#3b3b3b"
FONT = "Source Sans Pro, sans-serif"


def _layout(fig: go.Figure, height: int, big: bool) -> go.Figure:
    size = 18 if big else 13
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=10, t=30, b=10),
        showlegend=False,
        font=dict(family=FONT, size=size),
        yaxis=dict(title="€ per declarabel uur", tickprefix="€ ", separatethousands=True),
        separators=",.",
        plot_bgcolor="rgba(0,0,0,0)",
    )
    fig.update_xaxes(tickangle=0, automargin=True)
    return fig


# Axis labels short enough to sit side by side on a laptop and a projector.
_SHORT = {
    "Loopbaanbudget": "Loopbaan-<br>budget",
    "Werkgeverspremies": "Premies",
    "Overige personeelskosten": "Overige<br>pers.kosten",
    "Vaste opslag werkgeverslasten": "Vaste<br>opslag",
    "Directe kosten": "<b>Directe<br>kosten</b>",
    "Risico + innovatie": "Risico +<br>innovatie",
    "Verplichtingen": "Verplich-<br>tingen",
    "Kostprijs": "<b>Kostprijs</b>",
    "Reëel tarief": "<b>Reëel<br>tarief</b>",
}


def tariff_waterfall(steps: tuple[WaterfallStep, ...], *, big: bool = False, height: int = 420) -> go.Figure:
    labels = [_SHORT.get(s.label, s.label) for s in steps]
    fig = go.Figure(
        go.Waterfall(
            orientation="v",
            measure=["total" if s.kind == "total" else "relative" for s in steps],
            x=labels,
            y=[float(s.amount) for s in steps],
            text=[format_eur(s.amount) for s in steps],
            textinfo="text",
            textposition="outside",
            cliponaxis=False,
            connector=dict(line=dict(color="#999", width=1)),
            increasing=dict(marker=dict(color=UP)),
            decreasing=dict(marker=dict(color=DOWN)),
            totals=dict(marker=dict(color=TOTAL)),
            hoverinfo="x+text",
        )
    )
    top = max(float(s.amount) for s in steps)
    fig.update_yaxes(range=[0, top * 1.15])
    fig = _layout(fig, height, big)
    # Fifteen bars do not leave each label its width next to the sidebar at 1280 px: the browser
    # then stands the labels upright instead of letting them run into each other.
    fig.layout.xaxis.tickangle = None  # unset is plotly's 'auto'
    fig.update_xaxes(autotickangles=[0, -90])
    return fig


def bridge(comparison: Comparison, *, big: bool = False, height: int = 440) -> go.Figure:
    """From A's tariff to B's: one bar per differing group of assumptions, in chain order."""
    start = round_half_up(comparison.tariff_a)
    end = round_half_up(comparison.tariff_b)
    names = [f"A: {comparison.name_a}"] + [s.short for s in comparison.steps] + [f"B: {comparison.name_b}"]
    values = [float(start)] + [float(s.shown_effect) for s in comparison.steps] + [float(end)]
    texts = [format_eur(start)] + [_signed(s.shown_effect) for s in comparison.steps] + [format_eur(end)]
    fig = go.Figure(
        go.Waterfall(
            orientation="v",
            measure=["absolute"] + ["relative"] * len(comparison.steps) + ["total"],
            x=[_wrap(names[0], 14)] + [_step_label(s) for s in comparison.steps] + [_wrap(names[-1], 14)],
            y=values,
            text=texts,
            textinfo="text",
            textposition="outside",
            cliponaxis=False,
            textfont=dict(size=18 if big else 12),
            connector=dict(line=dict(color="#999", width=1)),
            increasing=dict(marker=dict(color=UP)),
            decreasing=dict(marker=dict(color=DOWN)),
            totals=dict(marker=dict(color=TOTAL)),
            hoverinfo="x+text",
        )
    )
    fig.update_yaxes(range=list(bridge_axis(comparison)))
    return _layout(fig, height, big)


def bridge_axis(comparison: Comparison) -> tuple[float, float]:
    """The bridge's vertical axis: zoomed on the bars (from a little under the lowest running total
    to a little over the highest), so steps of cents stay visible; it starts at 0 only when the
    bars come near it, which :func:`bridge_axis_note` tells the reader."""
    start, end = float(round_half_up(comparison.tariff_a)), float(round_half_up(comparison.tariff_b))
    running, totals = start, [start, end]
    for s in comparison.steps:
        running += float(s.shown_effect)
        totals.append(running)
    floor, ceiling = min(totals), max(totals)
    pad = max((ceiling - floor) * 0.35, 1.0)
    return max(floor - pad, 0.0), ceiling + pad * 0.6


def bridge_axis_note(comparison: Comparison) -> str | None:
    """The reader's warning when the axis does not start at 0: bar heights do not compare, amounts do."""
    bottom = bridge_axis(comparison)[0]
    if bottom <= 0:
        return None
    return (
        f"De verticale as begint bij {format_eur(bottom)}, niet bij € 0, zodat ook verschillen van enkele "
        f"centen zichtbaar zijn: vergelijk de bedragen bij de staven, niet hun hoogte."
    )


_VALUE = re.compile(r"^-?(€\s?)?-?[\d.]+(,\d+)?(\s?%)?")


def eur_axis(top: float, ticks: int = 5) -> dict[str, Any]:
    """A euro axis with Dutch tick labels: ``€ 500.000``, ``€ 1 mln``, ``€ 2,5 mln`` (Plotly's own
    would read ``€ 1M``)."""
    top = max(float(top), 1.0)
    raw = top / ticks
    magnitude = 10 ** (len(str(int(raw))) - 1)
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    values = [step * i for i in range(int(top // step) + 2)]
    return dict(tickmode="array", tickvals=values, ticktext=[eur_short(v) for v in values])


def eur_short(value: float) -> str:
    """An axis amount in Dutch: millions as ``€ 1,5 mln``, smaller amounts in full."""
    if abs(value) >= 1_000_000:
        millions = value / 1_000_000
        places = 0 if float(millions).is_integer() else (1 if float(millions * 10).is_integer() else 2)
        return f"€ {format_number(millions, places)} mln"
    return format_eur(value, 0)


def _step_label(step: BridgeStep) -> str:
    """A step's axis label with the two assumption values under it, A over B (25,0 % / 20,0 %)."""
    label = _wrap(step.short, 11)
    if not step.differences:
        return label
    d = step.differences[0]
    more = " …" if len(step.differences) > 1 else ""
    return f"{label}<br><i>{_short_value(d.a)} /<br>{_short_value(d.b)}{more}</i>"


def _short_value(text: str, width: int = 10) -> str:
    """The leading figure of an assumption's value ("25,0 %" of "25,0 % als opslag ..."), or the
    text itself, cut to ``width``; whole euros lose their cents."""
    text = str(text)
    found = _VALUE.match(text)
    if found and any(ch.isdigit() for ch in found.group(0)):
        value = found.group(0).strip()
        return value[:-3] if value.startswith("€") and value.endswith(",00") else value
    return text if len(text) <= width else text[: width - 1] + "…"


def _signed(value: Decimal) -> str:
    return ("+" if value > 0 else "") + format_eur(value)


def _wrap(text: str, width: int = 14) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)
