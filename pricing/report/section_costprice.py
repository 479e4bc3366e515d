"""Offer PDF, section 4: the cost price per function, step by step."""

from __future__ import annotations

from reportlab.lib.units import cm, mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
)

from pricing.display import LABELS, PERSONNEL_PARTS, shown_lines, shown_team
from pricing.money import format_date_nl, format_eur, format_number, format_pct
from pricing.parameters import STATUS_LABELS
from pricing.report.pdf_content import OfferContent
from pricing.report.pdf_style import (
    Styles,
    _heading,
    _table,
    esc,
)

COSTPRICE_ROWS = (
    ("monthly_salary", "Maandsalaris"),
    *[(k, LABELS[k]) for k in PERSONNEL_PARTS],
    ("personnel_cost_per_fte", LABELS["personnel_cost_per_fte"]),
    ("billable_hours", LABELS["billable_hours"]),
    ("direct_cost_per_hour", LABELS["direct_cost_per_hour"]),
    ("overhead_per_hour", LABELS["overhead_per_hour"]),
    ("material_per_hour", LABELS["material_per_hour"]),
    ("reporting_per_hour", LABELS["reporting_per_hour"]),
    ("cost_price_per_hour", LABELS["cost_price_per_hour"]),
    ("risk_innovation_per_hour", LABELS["risk_innovation_per_hour"]),
    ("reserve_per_hour", LABELS["reserve_per_hour"]),
    ("tariff_per_hour", LABELS["tariff_per_hour"]),
    ("price_per_fte", LABELS["price_per_fte"]),
)


_BOLD_KEYS = {"personnel_cost_per_fte", "cost_price_per_hour", "tariff_per_hour", "price_per_fte"}


def costprice_rows(content: OfferContent) -> list[list[tuple[str, ...]]]:
    """The chain per function, in tables of at most four functions; rows that are zero everywhere
    (e.g. the flat on-cost outside simple mode) are left out."""
    r = content.result
    shown = shown_lines(r.lines)
    keys = [
        (k, label)
        for k, label in COSTPRICE_ROWS
        if any(s[k] != 0 for s in shown) or k in _BOLD_KEYS or k in ("overhead_per_hour", "direct_cost_per_hour")
    ]
    tables = []
    for start in range(0, len(r.lines), 4):
        chunk = list(range(start, min(start + 4, len(r.lines))))
        header = ("Opbouw per FTE / per uur",) + tuple(
            f"{r.lines[i].function}\nschaal {r.lines[i].scale}, trede {r.lines[i].step}\n{r.lines[i].cost.salary_source}"
            for i in chunk
        )
        rows = [header]
        for key, label in keys:
            if key == "billable_hours":
                rows.append((label,) + tuple(format_number(shown[i][key], 1) for i in chunk))
            else:
                rows.append((label,) + tuple(format_eur(shown[i][key]) for i in chunk))
        tables.append(rows)
    return tables


def costprice_source_rows(content: OfferContent) -> list[tuple[str, str]]:
    """The sources the chain's main steps rest on (from result.used)."""
    want = (
        "cao_salary_table",
        "ikb_holiday_pct",
        "ikb_year_end_pct",
        "career_budget_pct",
        "aof_large",
        "zvw_employer",
        "op_np_total",
        "franchise",
        "hours.contract",
        "hours.sick_pct",
        "overhead.pct",
        "material_per_fte",
        "risk_pct",
    )
    used = {u.key: u for u in content.result.used}
    rows = [("Stap", "Bron")]
    for key in want:
        u = used.get(key)
        if u is not None:
            rows.append((u.label, f"{u.source} [{STATUS_LABELS.get(u.status, u.status)}]"))
    return rows


def _costprice(content: OfferContent, styles: Styles, number: int) -> list[Flowable]:
    r = content.result
    story: list[Flowable] = [
        _heading(f"{number}. Kostprijsopbouw per functie", styles),
        Paragraph(
            esc(
                "Van cao-salaris naar reëel tarief volgens de keten van de Berenschot-handreiking (2018): salaris, "
                "IKB, toeslagen, loopbaanbudget, werkgeverspremies, pensioen en overige personeelskosten vormen de "
                "personeelskosten per FTE; gedeeld door de declarabele uren en verhoogd met overhead, materiële "
                "kosten en de opslagen voor risico, innovatie en reserve ontstaat het tarief per uur. Bedragen per "
                f"voltijd-FTE per jaar of per declarabel uur; peildatum {format_date_nl(r.date)}."
            ),
            styles["body"],
        ),
    ]
    for rows in costprice_rows(content):
        width = (17 * cm - 5 * cm) / 4
        bold = tuple(i for i, row in enumerate(rows) if row[0] in {LABELS[k] for k in _BOLD_KEYS})
        story.append(
            KeepTogether(
                [
                    _table(
                        rows,
                        (5 * cm,) + (width,) * (len(rows[0]) - 1),
                        styles,
                        numeric_from=1,
                        bold_rows=bold,
                        head_style="head_light",
                    ),
                    Spacer(1, 3 * mm),
                ]
            )
        )
    team = shown_team(r.team)
    story.append(
        Paragraph(
            esc(
                f"Team (gewogen naar FTE en uren): kostprijs {format_eur(team['cost_price_per_hour'])} per uur, reëel tarief "
                f"{format_eur(team['tariff_per_hour'])} per uur, {format_eur(team['price_per_fte'])} per FTE. Overhead "
                f"{format_pct(r.overhead_pct)} als "
                + (
                    "opslag op de directe kosten"
                    if r.overhead_convention == "markup"
                    else "aandeel van de integrale kosten"
                )
                + (" (opgebouwd uit kostenregels)" if r.overhead_source == "kostenregels" else "")
                + "."
            ),
            styles["body"],
        )
    )
    story.append(_heading("Bronnen van de keten", styles, "h3"))
    story.append(_table(costprice_source_rows(content), (5.2 * cm, 11.8 * cm), styles))
    return story
