"""The buyer's one-page "Tariefcheck" PDF: the verdict on an offered tariff, the figures behind it,
the implied productivity and overhead against the benchmark bands, the rules, the sources, the
parameter edition and the date. Everything is read from the check and the result; nothing is
recomputed here. Typography from pricing.report.pdf_style (the offer's fonts and styles).
"""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from pricing.benchmark import BandCheck
from pricing.costprice import CostPriceResult
from pricing.money import format_date_nl, format_eur, format_number, format_pct
from pricing.record import Record
from pricing.report.pdf_style import FONT, _kv_table, _styles, _table, esc, register_fonts
from pricing.tariff_check import TariffCheck

VERDICT_COLOURS = {"realistic": "#2e7d32", "tight": "#e65100", "below_cost": "#c62828"}
POSITION_TEXT = {"within": "binnen de band", "below": "onder de band", "above": "boven de band", "none": "geen band"}


class TariffCheckReport(Record, frozen=True):
    """What the page shows, in the words of the page."""

    check: TariffCheck
    result: CostPriceResult
    staffing: str  # which staffing the check uses, in words
    bands: tuple[BandCheck, ...]  # implied productivity and overhead against their bands
    edition: str  # the parameter edition, as its label
    generated: dt.date


def figure_rows(report: TariffCheckReport) -> list[tuple[str, str]]:
    c, r = report.check, report.result
    unit = "per uur" if c.per == "hour" else "per FTE per jaar"
    conv = "opslag" if c.overhead_convention == "markup" else "aandeel"
    return [
        (
            "Aangeboden tarief",
            f"{format_eur(c.offered_input)} {unit}"
            + ("" if c.per == "hour" else f" (= {format_eur(c.offered)} per declarabel uur)"),
        ),
        (
            "Reëel tarief van deze formatie",
            f"{format_eur(c.realistic)} per uur · {format_eur(c.realistic_per_fte)} per FTE",
        ),
        ("Kostprijs", f"{format_eur(c.cost_price)} per uur"),
        ("Verschil per uur", f"{format_eur(c.gap_per_hour)} ({format_pct(c.gap_pct)})"),
        ("Verschil per jaar (hele formatie)", format_eur(c.gap_per_year, 0)),
        (
            "Ontbrekende uren sociaal werk per jaar",
            "geen"
            if c.hours_short_per_year <= 0
            else f"{format_number(c.hours_short_per_year, 0)} uur (ongeveer {format_number(c.fte_short, 1)} FTE)",
        ),
        (
            "Benodigde productiviteit",
            f"{format_pct(c.implied_productivity)} "
            f"({format_number(c.implied_productive_hours, 0)} productieve uren per FTE; nu "
            f"{format_pct(r.hours.productivity)})",
        ),
        (
            f"Overhead die past ({conv})",
            "past niet: zelfs zonder overhead dekt het tarief de overige kosten niet"
            if c.implied_overhead_pct is None
            else f"{format_pct(c.implied_overhead_pct)} (nu {format_pct(r.overhead_pct)})",
        ),
    ]


def band_rows(report: TariffCheckReport) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [("Wat het tarief vraagt", "Waarde", "Band", "Oordeel", "Soort band")]
    for b in report.bands:
        if b.band is None:
            continue
        rows.append(
            (
                b.label,
                format_pct(b.value),
                b.band.text(),
                b.light_label if b.favourable else POSITION_TEXT[b.position],
                f"{b.band.kind_label}; {b.band.direction_label}",
            )
        )
    return rows


def band_source_texts(report: TariffCheckReport) -> list[str]:
    return [f"{b.band.label}: {b.band.source_text}" for b in report.bands if b.band is not None]


def assumption_labels(report: TariffCheckReport) -> list[str]:
    """The values that are an assumption of the model (their reasoning is in the offer's appendix)."""
    return [u.label for u in report.result.used if u.status == "assumption"]


def source_rows(report: TariffCheckReport, limit: int = 4) -> list[tuple[str, str]]:
    """The published sources the cost price rests on (the first ``limit``), one line each."""
    seen, rows = set(), []
    for used in report.result.used:
        if used.status != "sourced" or not used.source or used.source in seen:
            continue
        seen.add(used.source)
        rows.append((used.label, used.source))
        if len(rows) == limit:
            break
    return rows


def build_tariff_check_pdf(report: TariffCheckReport) -> bytes:
    """One A4 page; the content is kept short enough to fit (tests render it and count the pages)."""
    register_fonts()
    styles = _styles()
    c = report.check
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=1.8 * cm,
        rightMargin=1.8 * cm,
        topMargin=0.9 * cm,
        bottomMargin=0.8 * cm,
        title="Tariefcheck",
        author="Reële prijs sociaal werk",
        subject=f"Tariefcheck {report.result.scenario.organisation}",
    )
    width = A4[0] - 3.6 * cm
    scenario = report.result.scenario
    story: list[Flowable] = [
        Paragraph("Tariefcheck", styles["h1"]),
        Paragraph(
            esc(f"{scenario.organisation} · {scenario.name} · peildatum {format_date_nl(scenario.date)}"),
            styles["subtitle"],
        ),
        Paragraph(esc(f"Formatie van de toets: {report.staffing}"), styles["body"]),
    ]
    verdict = Table(
        [
            [
                Paragraph(
                    f"<b>Oordeel: {esc(c.verdict_label)}</b> — aangeboden {esc(format_eur(c.offered))} "
                    f"per uur, reëel {esc(format_eur(c.realistic))}, kostprijs {esc(format_eur(c.cost_price))}.",
                    styles["body"],
                )
            ]
        ],
        colWidths=[width],
    )
    verdict.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, colors.HexColor(VERDICT_COLOURS[c.verdict])),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f7f7f7")),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("FONTNAME", (0, 0), (-1, -1), FONT),
            ]
        )
    )
    story += [Spacer(1, 4), verdict]
    if c.plausibility_note:
        story.append(Paragraph(esc(c.plausibility_note), styles["note"]))
    story += [
        Spacer(1, 6),
        Paragraph("De cijfers", styles["h2"]),
        _kv_table(figure_rows(report), styles, widths=(6.2 * cm, width - 6.2 * cm)),
        Paragraph(esc(c.productivity_note), styles["note"]),
    ]
    bands = band_rows(report)
    if len(bands) > 1:
        story += [
            Paragraph("Tegen de benchmarkbanden", styles["h2"]),
            _table(bands, (4.6 * cm, 1.8 * cm, 2.8 * cm, 2.4 * cm, width - 11.6 * cm), styles),
        ]
        tiny = ParagraphStyle("tiny", parent=styles["note"], fontSize=6.5, leading=7.6)
        story += [Paragraph(esc("Bronnen van de band " + band), tiny) for band in band_source_texts(report)]
    assumptions = assumption_labels(report)
    story += [
        Paragraph("Regels", styles["h2"]),
        Paragraph(esc(c.rules), styles["small"]),
        Paragraph("Bronnen van de kostprijs", styles["h2"]),
        _table(
            [("Parameter", "Bron (de eerste vier; alle bronnen staan in de offerte)")] + source_rows(report),
            (4.2 * cm, width - 4.2 * cm),
            styles,
            font_size=7,
        ),
    ]
    if assumptions:
        story.append(
            Paragraph(
                esc(
                    "Aanname van dit model (met redenering in de offerte en de methodebeschrijving): "
                    + ", ".join(assumptions)
                    + "."
                ),
                styles["note"],
            )
        )
    story += [
        Spacer(1, 4),
        Paragraph(
            esc(
                f"{report.edition}. Opgesteld op {format_date_nl(report.generated)} met "
                "Reële prijs sociaal werk. De rekenregels staan in de methodebeschrijving van het "
                "model (kostprijsketen en tariefcheck)."
            ),
            styles["note"],
        ),
    ]
    doc.build(story)
    return buffer.getvalue()
