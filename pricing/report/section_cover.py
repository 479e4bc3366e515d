"""Offer PDF, cover and section 1 (summary, with the invoicing terms)."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.units import cm
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Spacer,
)

from pricing.contract_text import shown_years
from pricing.display import shown_team
from pricing.model.contract import FUNDING_VARIANTS
from pricing.money import allocate_rounding, format_date_nl, format_eur, format_number, format_pct
from pricing.report import edition_report
from pricing.report.pdf_content import OfferContent, _municipal_text
from pricing.report.pdf_style import (
    Styles,
    _heading,
    _kv_table,
    esc,
    fte_text,
)
from pricing.report.sensitivity_report import band_summary


def cover_rows(content: OfferContent) -> list[tuple[str, str]]:
    s, c = content.scenario, content.contract
    rows = [("Organisatie", s.organisation)]
    if c is not None:
        rows += [("Gemeente", c.municipality), ("Contract", c.name)]
        if c.round:
            rows.append(("Ronde", c.round))
        rows.append(("Looptijd", f"{format_date_nl(c.start)} t/m {format_date_nl(c.end)} ({c.years} jaar)"))
        if content.budget is not None and content.budget.option:
            rows.append(("Variant", content.budget.option))
    rows += [
        ("Scenario", s.name),
        ("Peildatum kostprijs", format_date_nl(s.date)),
        ("Datum offerte", format_date_nl(content.generated)),
    ]
    e = content.evaluation.edition
    if e is not None:
        rows.append(
            (
                "Parametereditie",
                f"{edition_report.edition_text(content.evaluation)}; vingerafdruk {e.short_fingerprint}",
            )
        )
    if content.evaluation.provisional:
        rows.append(("Status prijs", "VOORLOPIG: rust op een prognose (zie de bijlage)"))
    return rows


def summary_rows(content: OfferContent) -> list[tuple[str, str]]:
    r = content.result
    team = shown_team(r.team)
    rows = [
        ("Reëel tarief per uur (team)", format_eur(team["tariff_per_hour"])),
    ]
    if content.evaluation.tariff_band is not None:
        rows.append(("Risicoband tarief (10e-90e percentiel)", band_summary(content.evaluation.tariff_band)))
    rows += [
        ("Kostprijs per uur (team)", format_eur(team["cost_price_per_hour"])),
        ("Prijs per FTE per jaar (team)", format_eur(team["price_per_fte"])),
        ("Formatie van de organisatie", fte_text(r.team.total_fte) + " FTE"),
        ("Declarabele uren per FTE", format_number(r.hours.billable, 1)),
        (
            "Overhead",
            f"{format_pct(r.overhead_pct)} als "
            + (
                "opslag op de directe kosten"
                if r.overhead_convention == "markup"
                else "aandeel van de integrale kosten"
            ),
        ),
    ]
    b = content.budget
    if b is not None:
        c = b.contract
        first = shown_years(b)[0]
        rows += [
            ("Bekostiging", c.funding_label),
            ("Formatie in het contract", fte_text(b.total_fte) + " FTE"),
            (f"Contractbudget {b.years[0]}", format_eur(first["total"])),
            (f"Contractbudget {b.years[0]}-{b.years[-1]} (totaal)", format_eur(b.grand_total)),
            (b.npv_label, f"{format_eur(b.npv)} (reële discontovoet {format_pct(b.discount_rate, 2)})"),
            (
                "Kosten van niet-indexeren (cumulatief)",
                f"{format_eur(b.non_indexation.total)} bij {_municipal_text(b)}",
            ),
        ]
        lost = b.non_indexation.fte_lost[-1]
        if lost is not None:
            rows.append((f"Verlies aan sociaal werk in {b.years[-1]}", f"{format_number(lost, 2)} FTE"))
        for sr in content.social:
            rows.append(
                (
                    f"Maatschappelijk rendement {sr.task} (schatting)",
                    f"baten {format_eur(sr.npv_benefits)}"
                    + (
                        f" (bandbreedte {format_eur(sr.npv_benefits_low)} tot {format_eur(sr.npv_benefits_high)})"
                        if sr.npv_benefits_low is not None and sr.npv_benefits_high is not None
                        else ""
                    )
                    + f" tegen kosten {format_eur(sr.npv_costs)} (contante waarde in prijzen van {sr.price_year})",
                )
            )
    return rows


def _cover(content: OfferContent, styles: Styles) -> list[Flowable]:
    c = content.contract
    title = "Offerte" if c is not None else "Kostprijsonderbouwing"
    story: list[Flowable] = [Spacer(1, 3.5 * cm), Paragraph(esc(title), styles["title"])]
    if c is not None:
        story.append(Paragraph(esc(c.name), styles["subtitle"]))
        story.append(Paragraph(esc(f"Aan: {c.municipality}"), styles["subtitle"]))
    story.append(Paragraph(esc(f"Van: {content.scenario.organisation}"), styles["subtitle"]))
    story.append(Spacer(1, 1.2 * cm))
    story.append(_kv_table(cover_rows(content), styles, widths=(4.5 * cm, 12.5 * cm)))
    if content.evaluation.provisional:
        story.append(Spacer(1, 0.6 * cm))
        story.append(
            Paragraph("<b>" + esc(edition_report.provisional_text(content.evaluation)) + "</b>", styles["body"])
        )
    story.append(Spacer(1, 1.2 * cm))
    story.append(
        Paragraph(
            "Deze offerte rekent de reële prijs uit volgens Wmo 2015 art. 2.6.6 en het Uitvoeringsbesluit Wmo 2015 "
            "art. 5.4: cao-lonen, redelijke overhead, niet-productieve uren, reis- en opleidingskosten, indexatie en de "
            "kosten van gemeentelijke verplichtingen. Elk cijfer staat met zijn bron in de bijlage; aannames zijn als "
            "zodanig gemarkeerd.",
            styles["body"],
        )
    )
    if c is not None and c.description:
        story.append(Paragraph(esc(c.description), styles["body"]))
    return story


def _summary(content: OfferContent, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [
        _heading("1. Samenvatting", styles),
        _kv_table(summary_rows(content), styles, widths=(7.5 * cm, 9.5 * cm)),
    ]
    warnings = list(content.result.warnings) + (list(content.budget.warnings) if content.budget else [])
    if warnings:
        story.append(_heading("Let op", styles, "h3"))
        story += [Paragraph(esc(w), styles["bullet"], bulletText="•") for w in warnings]
    if content.budget is not None:
        c = content.contract
        assert c is not None  # a budget is only made for a contract
        label, meaning = FUNDING_VARIANTS[c.funding]
        story.append(_heading(f"Bekostiging: {label}", styles, "h3"))
        story.append(Paragraph(esc(meaning), styles["body"]))
        story.append(Paragraph(esc(_invoicing_text(content)), styles["body"]))
    return story


def _invoicing_text(content: OfferContent) -> str:
    b = content.budget
    assert b is not None  # the contract sections are drawn only with a contract
    first = shown_years(b)[0]
    hours, rate = b.staff_hours, b.first_year_hourly_rate
    if b.contract.funding == "taakgericht":
        terms = quarterly_instalments(first["total"])
        if len(set(terms)) == 1:
            return (
                f"Facturatie {b.years[0]}: vier kwartaaltermijnen van {format_eur(terms[0])} (een kwart van "
                f"het jaarbudget van {format_eur(first['total'])})."
            )
        return (
            f"Facturatie {b.years[0]}: vier kwartaaltermijnen van "
            + ", ".join(format_eur(t) for t in terms[:-1])
            + f" en {format_eur(terms[-1])} (samen precies het "
            f"jaarbudget van {format_eur(first['total'])}; de overblijvende centen gaan naar de eerste termijnen)."
        )
    if b.contract.funding == "inspanningsgericht":
        return (
            f"Facturatie {b.years[0]}: ingezette uren tegen het uurtarief per functie (gemiddeld "
            f"{format_eur(rate)} per uur), tot een plafond van {format_number(hours, 0)} uur en "
            f"{format_eur(first['total'])} inclusief activiteiten."
        )
    return (
        f"Facturatie {b.years[0]}: per product tegen uurtarief maal normtijd; het gemiddelde uurtarief van de "
        f"formatie is {format_eur(rate)}. Leg producten en normtijden vast in het contract."
    )


def quarterly_instalments(total: Decimal) -> list[Decimal]:
    """Four instalments of a shown annual total that add up to it to the cent (a quarter each, the
    cents left over handed out by pricing.money.allocate_rounding; larger instalments first)."""
    parts = allocate_rounding([total / 4] * 4, total)
    return sorted(parts, reverse=True)
