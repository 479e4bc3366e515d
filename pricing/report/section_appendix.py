"""Offer PDF, appendix (parameters, edition, forecasts) and the signature block."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import cm, mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from pricing import method
from pricing.model.contract import DISCOUNT_SOURCE, ORIGIN_LABELS
from pricing.money import format_date_nl, format_number, format_pct
from pricing.report import edition_report
from pricing.report.pdf_content import OfferContent, _municipal_text, _whole, value_text
from pricing.report.pdf_style import (
    FONT,
    Styles,
    _heading,
    _table,
    esc,
    pct,
)


def parameter_rows(content: OfferContent) -> list[tuple[str, ...]]:
    """Every parameter the offer uses, with value, date, source and whether it is an assumption."""
    rows: list[tuple[str, ...]] = [("Parameter", "Waarde", "Datum", "Bron", "Aanname", "Methode")]
    book = content.evaluation.book
    for u in content.result.used:
        rows.append(
            (
                u.label,
                value_text(u.value, u.unit),
                format_date_nl(u.effective) if u.effective else "–",
                u.source + (f" ({u.note})" if u.note else ""),
                "ja" if u.status == "assumption" else "nee",
                method.pointer_text(method.section_for_used(u, book)),
            )
        )
    b = content.budget
    if b is not None:
        c = b.contract
        ix = c.indexation
        rows.append(
            (
                "Discontovoet contante waarde (reëel)",
                format_pct(c.discount_rate, 2),
                "–",
                ("opgegeven in het contract" if c.discount_given else DISCOUNT_SOURCE)
                + f"; toegepast op de jaarbedragen in prijzen van {b.base_year}",
                "nee",
            )
        )
        rows.append(
            (
                "Weging indexatie (aandeel OVA)",
                format_pct(ix.wage_weight, 1 if not _whole(ix.wage_weight) else 0),
                "–",
                f"indexatieclausule van het contract: {ix.wage_weight_source}",
                "nee" if ix.follows_vng_weight else "ja",
            )
        )
        rows.append(
            (
                "Inhaal in het eerste indexatiejaar",
                "ja (VNG-methode)" if ix.first_year_catch_up else "nee",
                "–",
                (
                    "indexatieclausule van het contract"
                    if ix.first_year_catch_up_given
                    else "standaardkeuze van dit model"
                )
                + (
                    ""
                    if ix.first_year_catch_up
                    else f"; prijspeil {ix.base_year} bottom-up berekend, dus geen verschil om in te halen"
                ),
                "nee" if ix.first_year_catch_up_given else "ja",
            )
        )
        rows.append(
            (
                "Peilmaand indexatie",
                ix.reference_month_name,
                "–",
                "cijfers zoals gepubliceerd in deze maand van het jaar vóór het indexatiejaar; "
                + (
                    "opgegeven in het contract"
                    if ix.reference_month_given
                    else "standaardkeuze van dit model, geen bron"
                ),
                "nee" if ix.reference_month_given else "ja",
            )
        )
        for row in ix.years:
            parts = []
            if row.weighted_provisional is not None:
                parts.append(f"gewogen voorlopig {pct(row.weighted_provisional, 3)}")
            if row.catch_up is not None:
                parts.append(f"inhaal {pct(row.catch_up, 3)}")
            elif row.catch_up_pending:
                parts.append("inhaal volgt")
            rows.append(
                (
                    f"Indexatie {row.year}",
                    pct(row.index, 3),
                    f"1 januari {row.year}",
                    f"{ORIGIN_LABELS[row.origin]}"
                    + (f"; {', '.join(parts)}" if parts else "")
                    + (f"; {row.note}" if row.note else "")
                    + (f"; {row.source_text}" if row.source_text else ""),
                    "ja" if row.origin == "aanname" or row.source_status == "assumption" else "nee",
                )
            )
        if ix.municipal_given:
            rows.append(
                (
                    "Indexatie door de gemeente (vergelijking)",
                    _municipal_text(b).replace("gemeentelijke indexatie ", ""),
                    "–",
                    "opgegeven in het contract",
                    "nee",
                )
            )
        else:
            rows.append(
                (
                    "Indexatie door de gemeente (vergelijking)",
                    "0 %",
                    "–",
                    "niet opgegeven: vergelijking met geen indexatie",
                    "ja",
                )
            )
        for sr in content.social:
            rows.append(
                (
                    f"Rendementsverhouding {sr.task}",
                    format_number(sr.ratio, 2).rstrip("0").rstrip(","),
                    "–",
                    f"{sr.source}; bandbreedte niet bekend",
                    "ja",
                    method.pointer_text("9"),
                )
            )
    # The contract's indexation and valuation rows are explained in the method's section 6.
    return [row if len(row) == 6 else (*row, method.pointer_text("6")) for row in rows]


def _appendix(content: OfferContent, styles: Styles, number: int) -> list[Flowable]:
    rows = parameter_rows(content)
    # A source shared by consecutive rows (the premiums of one year) is printed once.
    shown = rows[:2] + [
        (*row[:3], "idem (bron als de regel erboven)" if row[3] == before[3] else row[3], *row[4:])
        for before, row in zip(rows[1:], rows[2:])
    ]
    return [
        _heading("Bijlage. Gebruikte parameters", styles),
        Paragraph(
            "Elke parameter waarop deze offerte rust, met waarde, ingangsdatum, bron en of het een aanname "
            "is. Aannames kan de gemeente of de organisatie vervangen door eigen cijfers. "
            + esc(method.document_sentence()),
            styles["body"],
        ),
        _table(shown, (3.8 * cm, 2.0 * cm, 2.3 * cm, 5.5 * cm, 1.8 * cm, 1.6 * cm), styles),
    ] + _edition_appendix(content, styles)


def _edition_appendix(content: OfferContent, styles: Styles) -> list[Flowable]:
    """The edition with its full fingerprint and, for a provisional price, every forecast value."""
    ev = content.evaluation
    e = ev.edition
    story: list[Flowable] = []
    if e is not None:
        story.append(
            Paragraph(
                esc(
                    f"Parametereditie {edition_report.edition_text(ev)}; vingerafdruk van de "
                    f"parametergegevens (sha256): {e.fingerprint}."
                ),
                styles["note"],
            )
        )
    if ev.provisional:
        story += [
            _heading("Prognosewaarden (voorlopige prijs)", styles, "h2"),
            Paragraph(
                esc(
                    edition_report.provisional_text(ev) + " Effect €/uur: het tarief met deze waarde "
                    "min het tarief met het laatst bekende cijfer (cao-verhoging: zonder verhoging)."
                ),
                styles["body"],
            ),
            _table(edition_report.forecast_rows(ev), (6.0 * cm, 1.6 * cm, 1.8 * cm, 1.7 * cm, 5.9 * cm), styles),
        ]
    return story


def signature_rows(content: OfferContent) -> list[tuple[str, str]]:
    c = content.contract
    left = f"Namens {content.scenario.organisation}"
    right = f"Namens {c.municipality}" if c is not None else "Namens de gemeente"
    return [(left, right)] + [(f, f) for f in ("Naam", "Functie", "Plaats", "Datum", "Handtekening")]


def _signature(content: OfferContent, styles: Styles) -> list[Flowable]:
    rows = signature_rows(content)
    left, right = rows[0]
    data = [[Paragraph(f"<b>{esc(left)}</b>", styles["body"]), "", Paragraph(f"<b>{esc(right)}</b>", styles["body"])]]
    for a, b in rows[1:]:
        data.append([Paragraph(esc(a), styles["small"]), "", Paragraph(esc(b), styles["small"])])
    heights = [None] + [0.9 * cm] * (len(data) - 2) + [1.8 * cm]
    table = Table(data, colWidths=(8 * cm, 1 * cm, 8 * cm), rowHeights=heights)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("LINEBELOW", (0, 1), (0, -1), 0.5, colors.black),
                ("LINEBELOW", (2, 1), (2, -1), 0.5, colors.black),
            ]
        )
    )
    return [
        CondPageBreak(8 * cm),
        _heading("Ondertekening", styles, "h2"),
        Paragraph(
            "Partijen verklaren zich akkoord met deze offerte, de begroting en de indexatieclausule.", styles["body"]
        ),
        Spacer(1, 4 * mm),
        table,
    ]
