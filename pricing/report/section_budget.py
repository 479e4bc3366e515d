"""Offer PDF, section 7: the multi-year budget, indexation clause and cost of non-indexation."""

from __future__ import annotations

from decimal import Decimal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import cm, mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
)

from pricing.contract import ContractBudget
from pricing.contract_text import clause_text, origin_text, shown_grouped, shown_years
from pricing.model.contract import DISCOUNT_SOURCE
from pricing.money import format_eur, format_number, format_pct, round_half_up
from pricing.report.pdf_content import MAX_YEAR_COLUMNS, OfferContent, _municipal_text
from pricing.report.pdf_style import (
    FONT,
    Styles,
    _heading,
    _table,
    esc,
    pct,
)


def year_rows(content: OfferContent) -> list[tuple[str, ...]]:
    b = content.budget
    assert b is not None  # the contract sections are drawn only with a contract
    settle = b.contract.indexation.definitive == "settle"
    rows: list[tuple[str, ...]] = [
        ("Jaar", "Index", "Herkomst", "Factor", "Formatie", "Activiteiten")
        + (("Nacalculatie",) if settle else ())
        + ("Totaal",)
    ]
    for y in shown_years(b):
        settlement = y["settlement"]
        rows.append(
            (
                str(y["year"]),
                pct(y["index"], 3) if y["index"] is not None else "basisjaar",
                origin_text(y),
                format_number(y["factor"], 4),
                format_eur(y["staff"]),
                format_eur(y["activities"]),
            )
            + (("volgt" if settlement is None else format_eur(settlement),) if settle else ())
            + (format_eur(y["total"]),)
        )
    rows.append(
        ("Totaal", "", "", "", format_eur(sum(b.staff)), format_eur(sum(b.activities)))
        + ((format_eur(sum(s or 0.0 for s in b.settlements)),) if settle else ())
        + (format_eur(b.grand_total),)
    )
    return rows


def grouped_rows(content: OfferContent, by: str) -> list[list[tuple[str, ...]]]:
    """Budget per area or per task per year, in tables of at most MAX_YEAR_COLUMNS years."""
    b = content.budget
    assert b is not None  # the contract sections are drawn only with a contract
    groups = b.by_area if by == "area" else b.by_task
    shown = shown_grouped(groups, b.totals)
    title = "Gebied" if by == "area" else "Opgave"
    tables = []
    for start in range(0, len(b.years), MAX_YEAR_COLUMNS):
        idx = range(start, min(start + MAX_YEAR_COLUMNS, len(b.years)))
        last = idx[-1] == len(b.years) - 1
        rows = [(title,) + tuple(str(b.years[k]) for k in idx) + (("Totaal",) if last else ())]
        for name, values in shown.items():
            rows.append(
                (name,)
                + tuple(format_eur(values[k]) for k in idx)
                + ((format_eur(sum(values, Decimal(0))),) if last else ())
            )
        rows.append(
            ("Totaal",)
            + tuple(format_eur(b.totals[k]) for k in idx)
            + ((format_eur(sum(round_half_up(t) for t in b.totals)),) if last else ())
        )
        tables.append(rows)
    return tables


def price_basis_rows(content: OfferContent) -> list[list[tuple[str, ...]]]:
    """The price per FTE and per hour the budget rests on, per function, indexed per contract year
    (tables of at most MAX_YEAR_COLUMNS years)."""
    b = content.budget
    assert b is not None  # the contract sections are drawn only with a contract
    used = {l.label for l in b.lines if l.kind == "formatie"}
    tables = []
    for start in range(0, len(b.years), MAX_YEAR_COLUMNS):
        idx = range(start, min(start + MAX_YEAR_COLUMNS, len(b.years)))
        rows = [
            ("Functie", f"Per uur ({b.base_year})", f"Per FTE ({b.base_year})")
            + tuple(f"Per FTE {b.years[k]}" for k in idx)
        ]
        for p in b.prices:
            if p.function in used:
                yearly = b.yearly_price_per_fte(p)
                rows.append(
                    (p.function, format_eur(p.price_per_hour), format_eur(p.price_per_fte))
                    + tuple(format_eur(yearly[k]) for k in idx)
                )
        tables.append(rows)
    return tables


def non_indexation_rows(content: OfferContent) -> list[tuple[str, ...]]:
    b = content.budget
    assert b is not None  # the contract sections are drawn only with a contract
    ni = b.non_indexation
    rows: list[tuple[str, ...]] = [
        ("Jaar", "Index gemeente", "Budget norm", "Budget gemeente", "Tekort", "Cumulatief", "FTE minder")
    ]
    for k, year in enumerate(b.years):
        indexed = b.year_index[k] is not None
        rows.append(
            (
                str(year),
                pct(ni.municipal_pct[k], 2) if indexed else "basisjaar",
                format_eur(ni.norm[k]),
                format_eur(ni.municipal[k]),
                format_eur(ni.shortfall[k]),
                format_eur(ni.cumulative[k]),
                "–" if (lost := ni.fte_lost[k]) is None else format_number(lost, 2),
            )
        )
    return rows


def _chart(content: OfferContent) -> Drawing:
    b = content.budget
    assert b is not None  # the contract sections are drawn only with a contract
    names = list(b.by_area)
    drawing = Drawing(17 * cm, 6.2 * cm)
    # The renderer's starting font; Helvetica (unembedded) otherwise. Not declared in types-reportlab.
    drawing.initialFontName = FONT  # type: ignore[attr-defined]
    chart = VerticalBarChart()
    # types-reportlab declares these int; reportlab takes any number (points)
    chart.x, chart.y, chart.width, chart.height = 1.8 * cm, 0.8 * cm, 10.5 * cm, 5 * cm  # type: ignore[assignment]
    chart.data = [[b.by_area[n][k] / 1000 for k in range(len(b.years))] for n in names]
    chart.categoryAxis.categoryNames = [str(y) for y in b.years]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = FONT
    chart.barLabels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = lambda v: format_number(v, 0)
    palette = [colors.HexColor(c) for c in ("#1d5c63", "#5b9aa0", "#a3c9cc", "#e0a458", "#c06c50", "#7d7d7d")]
    for i in range(len(names)):
        chart.bars[i].fillColor = palette[i % len(palette)]
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 13.2 * cm, 5.6 * cm  # type: ignore[assignment]  # int in types-reportlab, any number here
    legend.columnMaximum = 12
    legend.deltay = 10
    legend.fontName = FONT
    legend.fontSize = 7
    legend.alignment = "right"
    legend.dx = 8
    legend.dy = 8
    legend.colorNamePairs = [(palette[i % len(palette)], names[i][:28]) for i in range(len(names))]
    drawing.add(legend)
    return drawing


def _budget(content: OfferContent, styles: Styles, number: int) -> list[Flowable]:
    b = content.budget
    assert b is not None  # the contract sections are drawn only with a contract
    c = b.contract
    rows = year_rows(content)
    story: list[Flowable] = [
        _heading(f"{number}. Meerjarenbegroting", styles),
        Paragraph(
            esc(
                f"Begroting per jaar over de looptijd {b.years[0]}-{b.years[-1]}, geïndexeerd vanaf het "
                f"prijspeil {b.base_year}. Variant: {b.label}."
            ),
            styles["body"],
        ),
        _table(
            rows,
            (1.2 * cm, 1.5 * cm, 2.9 * cm, 1.4 * cm, 2.7 * cm, 2.3 * cm, 2.2 * cm, 2.8 * cm)
            if len(rows[0]) == 8
            else (1.3 * cm, 1.7 * cm, 3.4 * cm, 1.6 * cm, 3 * cm, 2.8 * cm, 3.2 * cm),
            styles,
            numeric_from=3,
            bold_rows=(len(rows) - 1,),
            wrap_cols={0, 1, 2},
        ),
        Spacer(1, 3 * mm),
        Paragraph("Budget per jaar per gebied (× € 1.000)", styles["h3"]),
        _chart(content),
    ]
    for by, title in (("area", "Per gebied"), ("task", "Per opgave")):
        story.append(_heading(title, styles, "h3"))
        for rows in grouped_rows(content, by):
            n = len(rows[0]) - 1
            last = rows[0][-1] == "Totaal"
            years = n - 1 if last else n
            widths = (4.2 * cm,) + ((12.8 - (2.8 if last else 0)) * cm / years,) * years + ((2.8 * cm,) if last else ())
            story.append(_table(rows, widths, styles, numeric_from=1, bold_rows=(len(rows) - 1,)))
            story.append(Spacer(1, 2 * mm))
    story.append(_heading("Prijs per FTE en per uur waarop de begroting rust", styles, "h3"))
    for price in price_basis_rows(content):
        n = len(price[0]) - 1
        story += [_table(price, (3.8 * cm,) + ((13.2 * cm) / n,) * n, styles, numeric_from=1), Spacer(1, 2 * mm)]
    story += [CondPageBreak(6 * cm), _heading("Indexatieclausule", styles, "h2")]
    story += [Paragraph(esc(t), styles["bullet"], bulletText="•") for t in clause_text(c)]
    ni_rows = non_indexation_rows(content)
    ni = b.non_indexation
    story += [
        KeepTogether(
            [
                _heading("Kosten van niet-indexeren", styles, "h2"),
                Paragraph(
                    esc(
                        f"Wat het kost als de gemeente indexeert met {_municipal_text(b)} in plaats van de norm: "
                        f"{c.indexation.norm_label}. Het tekort stapelt zich op: na {len(b.years)} jaar "
                        f"{format_eur(ni.total)}. Omgerekend met de gemiddelde prijs per FTE van het contract is dat de "
                        "formatie die de organisatie dan niet meer kan betalen."
                    ),
                    styles["body"],
                ),
                _table(
                    ni_rows,
                    (1.4 * cm, 2.2 * cm, 2.7 * cm, 2.7 * cm, 2.6 * cm, 2.7 * cm, 2.7 * cm),
                    styles,
                    numeric_from=1,
                ),
            ]
        ),
        Spacer(1, 3 * mm),
        _heading(b.npv_label, styles, "h3"),
        Paragraph(
            esc(
                f"De {b.npv_label.lower()} is {format_eur(b.npv)}. De discontovoet van "
                f"{format_pct(b.discount_rate, 2)} is reëel (zonder inflatie), dus eerst gaan de geïndexeerde "
                f"jaarbedragen terug naar prijzen van {b.base_year}: elk jaarbedrag gedeeld door de prijsfactor van "
                f"de indexatie hierboven ({_real_text(b)}). Die bedragen zijn verdisconteerd naar de start met "
                f"{format_pct(b.discount_rate, 2)} per jaar (eerste jaar onverdisconteerd). "
                + ("Discontovoet opgegeven in het contract." if c.discount_given else f"Standaard: {DISCOUNT_SOURCE}.")
            ),
            styles["body"],
        ),
    ]
    return story


def _real_text(b: ContractBudget) -> str:
    """The totals in base-year prices, year by year, for the NPV paragraph."""
    return "; ".join(f"{y}: {format_eur(v)}" for y, v in zip(b.years, b.real_totals))
