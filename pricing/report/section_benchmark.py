"""Offer PDF, sections 5 and 6: the benchmark check and the statutory cost elements."""

from __future__ import annotations

from reportlab.lib.units import cm, mm
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Spacer,
)

from pricing.compliance import ROUNDING_EXPLANATION, ROUNDING_LABEL, rounding_difference
from pricing.display import shown_team
from pricing.money import format_eur
from pricing.report.pdf_content import OfferContent
from pricing.report.pdf_style import (
    Styles,
    _heading,
    _table,
    esc,
)


def benchmark_rows(content: OfferContent) -> list[tuple[str, ...]]:
    from pricing.benchmark import format_value

    rows: list[tuple[str, ...]] = [("Norm", "Waarde", "Band", "Oordeel", "Toelichting bij afwijking")]
    for check in content.checks:
        if check.band is None:
            continue
        rows.append(
            (
                check.label + (" (afgeleid)" if check.derived else ""),
                format_value(check.value, check.unit),
                check.band.text() if check.band else "–",
                check.light_label,
                check.reason or "–",
            )
        )
    return rows


def _benchmark(content: OfferContent, styles: Styles, number: int) -> list[Flowable]:
    rows = benchmark_rows(content)
    return [
        _heading(f"{number}. Onderbouwing met benchmarks", styles),
        Paragraph(
            esc(
                f"De normen van deze offerte naast de banden van de benchmarkset '{content.benchmark_name}'. "
                "Waar een norm buiten de band valt, staat de reden die de organisatie daarvoor geeft."
            ),
            styles["body"],
        ),
        _table(rows, (4.4 * cm, 2.3 * cm, 2.8 * cm, 3.2 * cm, 4.3 * cm), styles),
        Spacer(1, 2 * mm),
        _table(band_source_rows(content), (4.4 * cm, 12.6 * cm), styles),
        Spacer(1, 2 * mm),
        Paragraph(esc(unbanded_text(content)), styles["note"]),
    ]


def band_source_rows(content: OfferContent) -> list[tuple[str, str]]:
    rows = [("Band", "Bron en soort band")]
    for check in content.checks:
        if check.band is not None:
            b = check.band
            rows.append(
                (b.label, f"{b.source_text} ({b.kind_label}; {b.direction_label})" + (f". {b.note}" if b.note else ""))
            )
    return rows


def unbanded_text(content: OfferContent) -> str:
    from pricing.benchmark import format_value

    rest = [f"{c.label} {format_value(c.value, c.unit)}" for c in content.checks if c.band is None]
    if not rest:
        return ""
    return (
        "Zonder band in deze set (dus niet getoetst): " + "; ".join(rest) + ". De banden zijn indicatief, geen "
        "kwartielen van een referentiegroep."
    )


def compliance_rows(content: OfferContent, law: str) -> list[tuple[str, ...]]:
    """One law's elements (Wmo a-f or Jeugdwet a-d) plus the lines beyond them; they add up to the
    tariff per hour, which the last row shows."""
    elements = content.evaluation.wmo if law == "Wmo" else content.evaluation.jeugdwet
    rows: list[tuple[str, ...]] = [("El.", "Omschrijving", "Per uur", "Gedekt", "Toelichting")]
    for line in elements:
        rows.append(
            (
                line.code,
                line.label if line.law else f"{line.label} (boven het wettelijk minimum)",
                format_eur(line.per_hour) if line.per_hour else "–",
                "ja" if line.covered else "nee",
                line.explanation,
            )
        )
    difference = rounding_difference(elements, content.result.team.tariff_per_hour)
    if difference:
        rows.append(("", ROUNDING_LABEL, format_eur(difference), "", ROUNDING_EXPLANATION))
    rows.append(
        ("", "Reëel tarief per uur (team)", format_eur(shown_team(content.result.team)["tariff_per_hour"]), "", "")
    )
    return rows


def _compliance(content: OfferContent, styles: Styles, number: int) -> list[Flowable]:
    story: list[Flowable] = [
        _heading(f"{number}. Wettelijke kostenelementen", styles),
        Paragraph(
            "Wmo 2015 art. 2.6.6 met Uitvoeringsbesluit Wmo 2015 art. 5.4 lid 3 (elementen a-f) en Besluit "
            "Jeugdwet art. 2.3 (elementen a-d): welk deel van het tarief per uur elk element dekt. Per wet "
            "tellen de regels op tot het tarief.",
            styles["body"],
        ),
    ]
    for law, title in (("Wmo", "Wmo 2015 (a-f)"), ("Jeugdwet", "Jeugdwet (a-d)")):
        rows = compliance_rows(content, law)
        story += [
            _heading(title, styles, "h3"),
            _table(rows, (0.8 * cm, 5.2 * cm, 1.7 * cm, 1.3 * cm, 8.0 * cm), styles, bold_rows=(len(rows) - 1,)),
        ]
    return story
