"""Offer PDF, sections 2 and 3: tasks and areas; staffing and activities."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import cm, mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
)

from pricing.contract_text import shown_grouped
from pricing.money import format_eur, format_number
from pricing.report.pdf_content import OfferContent
from pricing.report.pdf_style import (
    Styles,
    _heading,
    _table,
    esc,
    fte_text,
)


def task_rows(content: OfferContent) -> list[dict[str, Any]]:
    """Per task: name, target group, effects, indicator rows, narrative and reporting."""
    out = []
    contract = content.contract
    assert contract is not None  # the contract sections are drawn only with a contract
    for task in contract.tasks:
        out.append(
            {
                "name": task.name,
                "target_group": task.target_group,
                "effects": list(task.effects),
                "indicators": [(i.name, i.unit, _num(i.baseline), _num(i.target), i.source) for i in task.indicators],
                "narrative": task.narrative,
                "reporting": task.reporting,
            }
        )
    return out


def _num(value: float | None) -> str:
    if value is None:
        return "–"
    return format_number(value, 0 if float(value).is_integer() else 2)


def area_rows(content: OfferContent) -> list[tuple[str, ...]]:
    b = content.budget
    assert b is not None  # the contract sections are drawn only with a contract
    shown = shown_grouped(b.by_area, b.totals)
    fte: dict[str, float] = {}
    for line in b.lines:
        if line.kind == "formatie":
            fte[line.area_label] = fte.get(line.area_label, 0.0) + line.fte
    contract = content.contract
    assert contract is not None  # the contract sections are drawn only with a contract
    codes = {a.name: a for a in contract.areas}
    rows: list[tuple[str, ...]] = [("Gebied", "CBS-code", "Inwoners", "FTE", f"Budget {b.years[0]}")]
    for name, values in shown.items():
        area = codes.get(name)
        rows.append(
            (
                name,
                (area.code or "–") if area else "–",
                format_number(area.population, 0) if area and area.population is not None else "–",
                fte_text(fte.get(name, 0.0)),
                format_eur(values[0]),
            )
        )
    return rows


def staffing_rows(content: OfferContent) -> list[tuple[str, ...]]:
    b = content.budget
    assert b is not None  # the contract sections are drawn only with a contract
    rows: list[tuple[str, ...]] = [
        ("Gebied", "Opgave", "Functie", "FTE", "Uren", "Prijs per FTE", f"Per jaar ({b.base_year})")
    ]
    for line in b.lines:
        if line.kind != "formatie":
            continue
        price = format_eur(line.unit_price) + (" /uur" if line.hours is not None else "")
        rows.append(
            (
                line.area_label,
                line.task_label,
                line.label + (f" [{line.option}]" if line.option else ""),
                fte_text(line.fte),
                format_number(line.hours, 0) if line.hours is not None else "–",
                price,
                format_eur(line.base_amount),
            )
        )
    staff_lines = [l for l in b.lines if l.kind == "formatie"]
    rows.append(
        (
            "Totaal",
            "",
            "",
            fte_text(sum(l.fte for l in staff_lines)),
            "",
            "",
            format_eur(sum(l.base_amount for l in staff_lines)),
        )
    )
    return rows


def activity_rows(content: OfferContent) -> list[tuple[str, ...]]:
    b = content.budget
    assert b is not None  # the contract sections are drawn only with a contract
    rows: list[tuple[str, ...]] = [("Gebied", "Opgave", "Activiteit", f"Per jaar ({b.base_year})")]
    acts = [l for l in b.lines if l.kind == "activiteit"]
    for line in acts:
        rows.append(
            (
                line.area_label,
                line.task_label,
                line.label + (f" [{line.option}]" if line.option else ""),
                format_eur(line.base_amount),
            )
        )
    rows.append(("Totaal", "", "", format_eur(sum(l.base_amount for l in acts))))
    return rows


def _tasks_and_areas(content: OfferContent, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [_heading("2. Opgaven en gebieden", styles)]
    story.append(
        Paragraph(
            "Per opgave de doelgroep, de gewenste effecten, de indicatoren waarop geteld wordt "
            "(nulmeting en streefwaarde) en hoe het verhaal wordt verteld.",
            styles["body"],
        )
    )
    for n, task in enumerate(task_rows(content), start=1):
        block: list[Flowable] = [_heading(f"2.{n} {task['name']}", styles, "h3")]
        if task["target_group"]:
            block.append(Paragraph(f"<b>Doelgroep:</b> {esc(task['target_group'])}", styles["body"]))
        if task["effects"]:
            block.append(Paragraph("<b>Gewenste effecten</b>", styles["body"]))
            block += [Paragraph(esc(e), styles["bullet"], bulletText="•") for e in task["effects"]]
        if task["indicators"]:
            rows = [("Indicator (tellen)", "Eenheid", "Nulmeting", "Streefwaarde", "Bron")] + task["indicators"]
            block.append(Spacer(1, 2 * mm))
            block.append(_table(rows, (5.8 * cm, 2.0 * cm, 2.0 * cm, 2.4 * cm, 4.8 * cm), styles, numeric_from=None))
        if task["narrative"]:
            block.append(Spacer(1, 2 * mm))
            block.append(Paragraph(f"<b>Vertellen:</b> {esc(task['narrative'])}", styles["body"]))
        if task["reporting"]:
            block.append(Paragraph(f"<b>Rapportage:</b> {esc(task['reporting'])}", styles["body"]))
        story.append(KeepTogether(block))
    story.append(_heading("Gebieden", styles, "h2"))
    story.append(_table(area_rows(content), (5 * cm, 2.6 * cm, 2.4 * cm, 2.2 * cm, 4.8 * cm), styles, numeric_from=2))
    return story


def _staffing(content: OfferContent, styles: Styles) -> list[Flowable]:
    b = content.budget
    assert b is not None  # the contract sections are drawn only with a contract
    rows = staffing_rows(content)
    story: list[Flowable] = [
        _heading("3. Formatie en activiteiten", styles),
        Paragraph(
            esc(
                f"Inzet per gebied en opgave, in FTE of declarabele uren per jaar, tegen de prijs per FTE "
                f"of per uur van de functie, per jaar op prijspeil {b.base_year}; de meerjarenbegroting "
                f"indexeert deze bedragen."
            ),
            styles["body"],
        ),
        _table(
            rows,
            (2.6 * cm, 3.7 * cm, 3.4 * cm, 1.1 * cm, 1.1 * cm, 2.4 * cm, 2.7 * cm),
            styles,
            numeric_from=3,
            bold_rows=(len(rows) - 1,),
        ),
    ]
    acts = activity_rows(content)
    story += [
        _heading("Activiteitenbudgetten", styles, "h2"),
        _table(acts, (2.6 * cm, 3.7 * cm, 8.0 * cm, 2.7 * cm), styles, numeric_from=3, bold_rows=(len(acts) - 1,)),
    ]
    return story
