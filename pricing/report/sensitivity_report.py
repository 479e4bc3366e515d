"""The tornado and the risk band in the offer PDF (a section with a drawn chart and a table) and in
the xlsx (a sheet "Gevoeligheid"). Figures are read from the Evaluation; nothing is recomputed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import cm, mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from pricing.evaluation import Evaluation
from pricing.money import cents, format_eur
from pricing.report.pdf_style import Styles
from pricing.report.xlsx_style import EUR, NUM, PCT, SheetWriter
from pricing.risk_band import TariffBand
from pricing.sensitivity import Assumption, Sensitivity

LOW_COLOUR = colors.HexColor("#4f81bd")  # the tariff with the assumption at the low end of its range
HIGH_COLOUR = colors.HexColor("#c0504d")
BAND_COLOUR = colors.HexColor("#e8f0f0")
MAX_BARS = 10  # the drawing shows the widest bars; the table lists all

INTRO = (
    "Hoe gevoelig is het tarief per uur voor de aannames eronder? Elke balk zet één aanname op de onder- en "
    "bovengrens van haar bandbreedte en rekent de hele keten opnieuw door; de andere aannames blijven gelijk. "
    "De grootste invloed staat bovenaan. Een bandbreedte uit de benchmarkset heeft een bron; de andere zijn "
    "een aanname (±10 % van de gebruikte waarde)."
)


def band_summary(band: TariffBand) -> str:
    """The band as one summary line: ``€ 67,02 – € 73,43 per uur (mediaan € 70,35)``."""
    return f"{format_eur(band.p10)} – {format_eur(band.p90)} per uur (mediaan {format_eur(band.p50)})"


def sensitivity_rows(sens: Sensitivity) -> list[tuple[str, ...]]:
    """The tornado as a table of plain strings, widest effect first."""
    from pricing.sensitivity import value_text

    rows: list[tuple[str, ...]] = [
        ("Aanname", "Gebruikt", "Bandbreedte", "Tarief laag", "Tarief hoog", "Verschil", "Bron van de bandbreedte")
    ]
    for bar in sens.bars:
        a = bar.assumption
        rows.append(
            (
                a.label,
                value_text(a.central, a.unit),
                a.range_text(),
                format_eur(bar.tariff_at_low),
                format_eur(bar.tariff_at_high),
                format_eur(bar.width),
                short_source(a),
            )
        )
    return rows


def short_source(a: Assumption) -> str:
    """The range's source in a table cell; a band's full sources are in the benchmark section."""
    if a.sourced:
        return "band uit de benchmarkset (bronnen: zie de onderbouwing met benchmarks)"
    if a.year is not None:
        return "aanname op basis van de VNG-cijfers (zie onder de tabel)"
    return "aanname: ±10 % van de gebruikte waarde"


def tornado_drawing(sens: Sensitivity, band: TariffBand | None, font: str, width: float = 17 * cm) -> Drawing:
    """The tornado drawn with reportlab shapes: effect on the tariff per hour, in euros, around 0."""
    label_w, row_h, top, bottom = 5.2 * cm, 0.62 * cm, 0.5 * cm, 1.3 * cm
    bars = sens.bars[:MAX_BARS]
    height = top + bottom + row_h * len(bars)
    drawing = Drawing(width, height, initialFontName=font)
    deltas = [d for b in bars for d in (b.delta_low, b.delta_high)] + [0.0]
    if band is not None:
        deltas += [band.p10 - band.tariff, band.p90 - band.tariff]
    lo, hi = min(deltas), max(deltas)
    span = (hi - lo) or 1.0
    lo, hi = lo - 0.12 * span, hi + 0.12 * span
    plot_w = width - label_w - 0.3 * cm

    def x(value: float) -> float:
        return label_w + (value - lo) / (hi - lo) * plot_w

    axis_y = bottom - 0.2 * cm
    if band is not None:
        drawing.add(
            Rect(
                x(band.p10 - band.tariff),
                axis_y,
                x(band.p90 - band.tariff) - x(band.p10 - band.tariff),
                height - top - axis_y,
                fillColor=BAND_COLOUR,  # type: ignore[arg-type]  # types-reportlab: Rect's **kw lacks Unpack
                strokeColor=None,  # type: ignore[arg-type]  # as fillColor
            )
        )
    for i, bar in enumerate(bars):
        y = height - top - (i + 1) * row_h + 0.12 * cm
        h = row_h - 0.24 * cm
        label = bar.assumption.label if len(bar.assumption.label) <= 44 else bar.assumption.label[:43] + "…"
        drawing.add(String(0, y + h / 2 - 2.5, label, fontName=font, fontSize=7.5))
        for delta, colour, tariff in (
            (bar.delta_low, LOW_COLOUR, bar.tariff_at_low),
            (bar.delta_high, HIGH_COLOUR, bar.tariff_at_high),
        ):
            left, right = sorted((x(0.0), x(delta)))
            drawing.add(
                Rect(
                    left,
                    y,
                    max(right - left, 0.4),
                    h,
                    fillColor=colour,  # type: ignore[arg-type]  # types-reportlab: Rect's **kw lacks Unpack
                    strokeColor=None,  # type: ignore[arg-type]  # as fillColor
                )
            )
            anchor: Literal["start", "end"] = "end" if delta < 0 else "start"
            tx = left - 2 if delta < 0 else right + 2
            if abs(delta) > 0.004:
                drawing.add(
                    String(tx, y + h / 2 - 2.5, format_eur(tariff), fontName=font, fontSize=6.5, textAnchor=anchor)
                )
    drawing.add(Line(x(0.0), axis_y, x(0.0), height - top, strokeColor=colors.black, strokeWidth=0.8))
    drawing.add(Line(label_w, axis_y, width - 0.3 * cm, axis_y, strokeColor=colors.grey, strokeWidth=0.5))
    step = _tick_step(hi - lo)
    tick = step * int(lo / step)
    while tick <= hi:
        if tick >= lo:
            drawing.add(Line(x(tick), axis_y, x(tick), axis_y - 3, strokeColor=colors.grey, strokeWidth=0.5))
            text = ("+" if tick > 0 else "") + format_eur(tick, 0)
            drawing.add(String(x(tick), axis_y - 11, text, fontName=font, fontSize=6.5, textAnchor="middle"))
        tick += step
    drawing.add(
        String(
            label_w + plot_w / 2,
            0.05 * cm,
            f"Verschil met het tarief van {format_eur(sens.tariff)} per uur (€)",
            fontName=font,
            fontSize=7,
            textAnchor="middle",
        )
    )
    return drawing


def _tick_step(span: float) -> float:
    for step in (0.5, 1, 2, 5, 10, 20, 50):
        if span / step <= 8:
            return step
    return 100.0


def pdf_section(
    evaluation: Evaluation,
    styles: Styles,
    number: int,
    *,
    table: Callable[..., Flowable],
    heading: Callable[[str, Styles], Flowable],
    esc: Callable[[object], str],
) -> list[Flowable]:
    """The PDF section "Gevoeligheid en risicoband", built with the offer's own ``table``,
    ``heading`` and ``esc`` helpers (passed in, so this module does not import the offer's)."""
    sens, band = evaluation.sensitivity, evaluation.tariff_band
    assert sens is not None and band is not None  # the offer adds this section only when both are there
    legend = (
        "Blauw: de aanname op de ondergrens van haar bandbreedte; rood: op de bovengrens. "
        "Het lichte vlak is de risicoband (10e tot 90e percentiel). De balk voor de indexatie geldt "
        "voor het tarief in dat contractjaar."
        + (
            f" De tekening toont de {MAX_BARS} grootste; de tabel alle {len(sens.bars)}."
            if len(sens.bars) > MAX_BARS
            else ""
        )
    )
    story = [
        heading(f"{number}. Gevoeligheid en risicoband", styles),
        Paragraph(esc(INTRO), styles["body"]),
        KeepTogether([tornado_drawing(sens, band, styles["body"].fontName), Paragraph(esc(legend), styles["note"])]),
        Spacer(1, 3 * mm),
        table(
            sensitivity_rows(sens),
            (3.4 * cm, 1.6 * cm, 2.7 * cm, 1.5 * cm, 1.5 * cm, 1.6 * cm, 4.7 * cm),
            styles,
            wrap_cols=(0, 2, 6),
        ),
        Spacer(1, 2 * mm),
        Paragraph(
            esc(f"Risicoband: {band_summary(band)}. {band.sentence()} Methode: {band.method}, seed {band.seed}."),
            styles["body"],
        ),
    ]
    story += [Paragraph(esc(n), styles["note"]) for n in sens.notes]
    story += [
        Paragraph(esc(f"Bron bandbreedte {b.assumption.label}: {b.assumption.source}."), styles["note"])
        for b in sens.bars
        if b.assumption.year is not None
    ]
    return story


TORNADO_HEADER = [
    "Aanname",
    "Gebruikt",
    "Ondergrens",
    "Bovengrens",
    "Tarief bij ondergrens",
    "Tarief bij bovengrens",
    "Formatie per jaar bij ondergrens",
    "Formatie per jaar bij bovengrens",
    "Jaar",
    "Bron van de bandbreedte",
    "Tarief bij de gebruikte waarde",
    "Verschil (breedte van de balk)",
    "In de risicoband",
]


def fill_sheet(sheet: SheetWriter, evaluation: Evaluation) -> None:
    """The sheet "Gevoeligheid": one row per bar (numbers, not text; money rounded to the cent as
    ``costprice --json`` rounds it), then the band."""
    sens, band = evaluation.sensitivity, evaluation.tariff_band
    assert sens is not None and band is not None  # the caller adds this sheet only when both are there
    for col, width in zip("ABCDEFGHIJKLM", (40, 12, 12, 12, 16, 16, 18, 18, 10, 90, 16, 16, 12)):
        sheet.width(col, width)
    sheet.text(
        1,
        1,
        "Gevoeligheid van het tarief per uur: elke aanname apart op de uiteinden van haar bandbreedte, "
        "de keten opnieuw doorgerekend (grootste effect eerst).",
        bold=True,
    )
    sheet.header(3, TORNADO_HEADER)
    r = 4
    for bar in sens.bars:
        a = bar.assumption
        fmt = PCT if a.unit == "fraction" else (EUR if a.unit == "eur_per_year" else NUM)
        sheet.text(r, 1, a.label)
        sheet.value(r, 2, a.central, fmt)
        sheet.value(r, 3, a.low, fmt)
        sheet.value(r, 4, a.high, fmt)
        sheet.value(r, 5, cents(bar.tariff_at_low), EUR)
        sheet.value(r, 6, cents(bar.tariff_at_high), EUR)
        sheet.value(r, 7, cents(bar.budget_at_low), EUR)
        sheet.value(r, 8, cents(bar.budget_at_high), EUR)
        if a.year is not None:
            sheet.value(r, 9, a.year, "0")
        sheet.text(r, 10, a.source)
        sheet.value(r, 11, cents(bar.tariff_central), EUR)
        sheet.value(r, 12, cents(bar.width), EUR)
        sheet.text(r, 13, "ja" if a.in_band else "nee")
        r += 1
    r += 1
    sheet.text(r, 1, "Risicoband (tarief per uur)", bold=True)
    for label, value in (
        ("10e percentiel", band.p10),
        ("50e percentiel (mediaan)", band.p50),
        ("90e percentiel", band.p90),
        ("Tarief (gebruikte waarden)", band.tariff),
    ):
        r += 1
        sheet.text(r, 1, label)
        sheet.value(r, 2, cents(value), EUR)
    r += 1
    sheet.text(r, 1, "Methode")
    sheet.text(r, 2, f"{band.method}; seed {band.seed}")
    r += 1
    sheet.text(r, 1, "Wat de band betekent")
    sheet.text(r, 2, band.sentence())
    for note in sens.notes:
        r += 1
        sheet.text(r, 1, "Toelichting")
        sheet.text(r, 2, note)
