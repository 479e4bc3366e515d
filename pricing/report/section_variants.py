"""Offer PDF, sections 8 and 9: the variants and the social-return estimate."""

from __future__ import annotations

from reportlab.lib.units import cm, mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from pricing.money import format_eur, format_number, format_pct
from pricing.report.pdf_content import MAX_CELL_TEXT, OfferContent
from pricing.report.pdf_style import (
    FONT,
    Styles,
    _heading,
    _table,
    esc,
    fte_text,
)
from pricing.social_return import ACTORS, CAVEAT, SocialReturn, range_note


def option_rows(content: OfferContent) -> list[tuple[str, ...]]:
    """One row per variant; a description too long for a cell points to :func:`option_notes`."""
    base = content.variants[0]
    rows: list[tuple[str, ...]] = [
        (
            "Variant",
            "Omschrijving",
            "FTE",
            f"Budget {base.years[0]}",
            "Totaal looptijd",
            "Verschil met basis",
            f"Contante waarde (prijzen {base.base_year})",
        )
    ]
    contract = content.contract
    assert contract is not None  # the contract sections are drawn only with a contract
    descriptions = {o.name: o.description for o in contract.options}
    for b in content.variants:
        diff = b.grand_total - base.grand_total
        if b.option is None:
            description = "Het contract zoals hierboven begroot."
        else:
            description = descriptions.get(b.option) or "–"
            if len(description) > MAX_CELL_TEXT:
                description = "Zie de toelichting onder de tabel."
        rows.append(
            (
                b.label,
                description,
                fte_text(b.total_fte),
                format_eur(b.totals[0]),
                format_eur(b.grand_total),
                "–" if b.option is None else format_eur(diff),
                format_eur(b.npv),
            )
        )
    return rows


def option_notes(content: OfferContent) -> list[tuple[str, str]]:
    """(variant, description) for the descriptions too long for the table; printed as paragraphs."""
    contract = content.contract
    assert contract is not None  # the contract sections are drawn only with a contract
    return [(o.name, o.description) for o in contract.options if len(o.description) > MAX_CELL_TEXT]


def _options(content: OfferContent, styles: Styles, number: int) -> list[Flowable]:
    rows = option_rows(content)
    story: list[Flowable] = [
        KeepTogether(
            [
                _heading(f"{number}. Varianten", styles),
                Paragraph(
                    "Varianten voegen formatie of activiteiten toe aan de basis of halen ze weg; prijzen en "
                    "indexatie zijn gelijk aan de basis.",
                    styles["body"],
                ),
                _table(
                    rows, (1.6 * cm, 4.5 * cm, 1.1 * cm, 2.3 * cm, 2.5 * cm, 2.5 * cm, 2.5 * cm), styles, numeric_from=2
                ),
            ]
        )
    ]
    # Long descriptions as paragraphs after the table: they may run over pages, a table cell may not.
    # The name is a bold lead-in of the paragraph, not a heading: a heading keeps with its paragraph,
    # which would push a long description to the next page and leave this one half empty.
    notes = option_notes(content)
    if notes:
        story.append(Spacer(1, 2 * mm))
    for name, description in notes:
        story.append(Paragraph(f"<b>Variant {esc(name)}.</b> {esc(description)}", styles["body"]))
    return story


def social_rows(sr: SocialReturn) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [
        ("Jaar", f"Kosten (prijzen {sr.price_year})", f"Baten (schatting, prijzen {sr.price_year})")
    ]
    for k, year in enumerate(sr.years):
        rows.append((str(year), format_eur(sr.costs[k]), format_eur(sr.benefits[k])))
    rows.append(("Contante waarde", format_eur(sr.npv_costs), format_eur(sr.npv_benefits)))
    return rows


def social_actor_rows(sr: SocialReturn) -> list[tuple[str, str, str]]:
    rows = [("Partij", "Aandeel", f"Baten (contante waarde in prijzen van {sr.price_year}, schatting)")]
    total = sr.npv_benefits
    for actor, value in sr.by_actor.items():
        rows.append((ACTORS[actor], format_pct(value / total if total else 0.0, 0), format_eur(value)))
    return rows


def _range_words(sr: SocialReturn) -> str:
    if not sr.has_range:
        return "bandbreedte niet bekend"
    assert sr.ratio_low is not None and sr.ratio_high is not None  # the range was computed from both ends
    words = f"bandbreedte {format_number(sr.ratio_low, 2)} tot {format_number(sr.ratio_high, 2)}"
    if sr.own_source is not None and sr.own_source.text != sr.source:
        words += f", bron van de bandbreedte: {sr.own_source.text}"
    return words


def _range_amounts(sr: SocialReturn) -> str:
    """The estimate at both ends of the task's range, one sentence; empty without a range."""
    if sr.net_range is None or sr.npv_benefits_low is None or sr.npv_benefits_high is None:
        return ""
    low, high = sr.net_range
    text = (
        f" Bij de bandbreedte (schatting): baten {format_eur(sr.npv_benefits_low)} tot {format_eur(sr.npv_benefits_high)}, "
        f"saldo {format_eur(low)} tot {format_eur(high)}"
    )
    if sr.municipality_net_range is not None:
        mlow, mhigh = sr.municipality_net_range
        text += f", voor de gemeente zelf {format_eur(mlow)} tot {format_eur(mhigh)}"
    return text + "."


def _social(content: OfferContent, styles: Styles, number: int) -> list[Flowable]:
    story: list[Flowable] = [
        _heading(f"{number}. Maatschappelijk rendement (schatting)", styles),
        Paragraph(esc(CAVEAT), styles["body"]),
    ]
    # docs/methode.md section 9: the ratio with its source and range. A range is shown only when the task gives
    # one with its source; otherwise it is said to be unknown, never replaced by an invented band.
    story.append(Paragraph(esc(range_note(content.social)), styles["body"]))
    for sr in content.social:
        municipal = (
            f"; voor de gemeente zelf {format_eur(sr.municipality_net)} (haar deel van de baten min alle kosten)."
            if sr.municipality_net is not None
            else "; het saldo voor de gemeente zelf is onbekend, want er is geen verdeling over partijen opgegeven."
        )
        block: list[Flowable] = [
            _heading(sr.task, styles, "h3"),
            Paragraph(
                esc(
                    f"Verhouding baten/kosten {format_number(sr.ratio, 2)} ({sr.source}; {_range_words(sr)}). "
                    f"Baten van een jaar werk verspreid over {sr.benefit_years} jaar; bedragen in prijzen van {sr.price_year}, "
                    f"reële discontovoet {format_pct(sr.discount_rate, 2)}. "
                    f"Saldo (contante waarde in prijzen van {sr.price_year}): {format_eur(sr.net)}"
                    + municipal
                    + _range_amounts(sr)
                ),
                styles["body"],
            ),
        ]
        rows = social_rows(sr)
        actors = social_actor_rows(sr)
        left = _table(rows, (2.6 * cm, 2.6 * cm, 2.8 * cm), styles, numeric_from=1, bold_rows=(len(rows) - 1,))
        right = _table(actors, (3.2 * cm, 1.5 * cm, 3.4 * cm), styles, numeric_from=1)
        block.append(
            Table(
                [[left, right]],
                colWidths=(8.4 * cm, 8.6 * cm),
                style=[
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                ],
            )
        )
        if not sr.split_given:
            block.append(Paragraph("Zonder verdeling staan alle baten onder 'overig / niet verdeeld'.", styles["note"]))
        story.append(KeepTogether(block))
    return story
