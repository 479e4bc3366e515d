"""The offer PDF: a document a director can hand to the municipality.

Built from reportlab platypus flowables (no drawing at absolute coordinates except the running
footer), with DejaVu Sans embedded so every character prints (ł, ź, €, ≥). Every section has a
``*_rows`` function that returns the table rows it prints as plain strings; the builders turn those
rows into tables. Tests check the rows and the text pypdf extracts, so a section's content is
testable without parsing PDF drawing operators.

User text (names, functions, areas, indicators, reasons) is escaped before it enters a Paragraph:
``<b>`` prints as ``<b>``, ``R&D`` as ``R&D``. Figures are read from the computed results
(:class:`pricing.costprice.CostPriceResult`, :class:`pricing.contract.ContractBudget`) and shown
with the engine's declared rounding (``pricing.display``, ``pricing.money``); nothing is recomputed.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm, mm
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    BaseDocTemplate, CondPageBreak, Frame, KeepTogether, NextPageTemplate, PageBreak, PageTemplate,
    Paragraph, Spacer, Table, TableStyle,
)

from pricing.contract import (
    DISCOUNT_SOURCE, FUNDING_VARIANTS, ORIGIN_LABELS, ContractBudget, clause_text, origin_text,
    shown_grouped, shown_years,
)
from pricing.display import LABELS, PERSONNEL_PARTS, shown_line, shown_team
from pricing.evaluation import Evaluation, evaluation_of
from pricing.report import edition_report
from pricing.report.output import write_output
from pricing.report.pdf_style import (  # noqa: F401  (re-exported: tests and section modules read them here)
    ACCENT, FONT, FONT_BOLD, FONT_DIR, GRID, LIGHT, _heading, _kv_table, _styles, _table, esc, esc_plain, fte_text, pct,
    register_fonts,
)
from pricing.report.sensitivity_report import band_summary
from pricing.report.sensitivity_report import pdf_section as sensitivity_section
from pricing.money import allocate_rounding, format_date_nl, format_eur, format_number, format_pct, format_unit, round_half_up
from pricing import method
from pricing.parameters import STATUS_LABELS
from pricing.social_return import ACTORS, CAVEAT, SocialReturn, range_note

MAX_YEAR_COLUMNS = 6
# A variant description longer than this is printed below the variants table, where it can flow over
# pages; inside a table cell a long text cannot split and reportlab stops with a LayoutError.
MAX_CELL_TEXT = 300

# ----------------------------------------------------------------------------------------------
# Formatting helpers


def _whole(fraction: float) -> bool:
    """A fraction that is a whole percentage (0.9 -> 90 %)."""
    return abs(fraction * 100 - round(fraction * 100)) < 1e-9


def value_text(value: object, unit: str) -> str:
    """A parameter value in Dutch, by its unit, spelled out as the appendix prints it."""
    return format_unit(value, unit, pct_places=None, long=True)


# ----------------------------------------------------------------------------------------------
# Content


@dataclass(frozen=True)
class OfferContent:
    """What the offer prints: the one Evaluation, the chosen variant and the offer date."""

    evaluation: Evaluation
    option: str | None  # the chosen variant (None: the basic contract)
    generated: dt.date

    @property
    def result(self):
        return self.evaluation.result

    @property
    def scenario(self):
        return self.evaluation.scenario

    @property
    def contract(self):
        return self.evaluation.contract

    @property
    def budget(self) -> ContractBudget | None:
        return self.evaluation.budget(self.option)

    @property
    def variants(self) -> tuple[ContractBudget, ...]:
        return self.evaluation.budgets

    @property
    def social(self) -> tuple[SocialReturn, ...]:
        chosen = self.evaluation.variant(self.option)
        return chosen.social if chosen else ()

    @property
    def checks(self) -> tuple:
        return self.evaluation.checks

    @property
    def benchmark_name(self) -> str:
        return self.evaluation.benchmark_set.name


def offer_content(source, option: str | None = None, generated: dt.date | None = None,
                  benchmark_set=None) -> OfferContent:
    """The offer's content for an :class:`Evaluation` (or a bare cost-price result, evaluated here).

    ``benchmark_set`` only applies to a bare result; an Evaluation already carries the set the user chose.
    """
    evaluation = source if isinstance(source, Evaluation) else evaluation_of(source, benchmark_set=benchmark_set)
    if evaluation.contract is None and option:
        raise ValueError(f"het scenario heeft geen contract, dus ook geen variant '{option}'")
    if option:
        evaluation.contract.option(option)  # an unknown name raises UnknownVariant with a Dutch message
    return OfferContent(evaluation, option or None, generated or dt.date.today())


# -- rows per section (plain strings; tests read these) ----------------------------------------


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
    rows += [("Scenario", s.name), ("Peildatum kostprijs", format_date_nl(s.date)),
             ("Datum offerte", format_date_nl(content.generated))]
    e = content.evaluation.edition
    if e is not None:
        rows.append(("Parametereditie",
                     f"{edition_report.edition_text(content.evaluation)}; vingerafdruk {e.short_fingerprint}"))
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
        ("Overhead", f"{format_pct(r.overhead_pct)} als "
                     + ("opslag op de directe kosten" if r.overhead_convention == "markup" else "aandeel van de integrale kosten")),
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
            ("Kosten van niet-indexeren (cumulatief)",
             f"{format_eur(b.non_indexation.total)} bij {_municipal_text(b)}"),
        ]
        lost = b.non_indexation.fte_lost[-1]
        if lost is not None:
            rows.append((f"Verlies aan sociaal werk in {b.years[-1]}", f"{format_number(lost, 2)} FTE"))
        for sr in content.social:
            rows.append((f"Maatschappelijk rendement {sr.task} (schatting)",
                         f"baten {format_eur(sr.npv_benefits)} tegen kosten {format_eur(sr.npv_costs)} "
                         f"(contante waarde in prijzen van {sr.price_year})"))
    return rows


def _municipal_text(b: ContractBudget) -> str:
    values = sorted(set(b.non_indexation.municipal_pct[k] for k, row in enumerate(b.year_index) if row is not None))
    if not values:
        return "geen indexatiemoment"
    if not b.non_indexation.municipal_given:
        return "gemeentelijke indexatie 0 % (niet opgegeven)"
    if len(values) == 1:
        return f"gemeentelijke indexatie {format_pct(values[0], 2)} per jaar"
    return "gemeentelijke indexatie " + " tot ".join((format_pct(values[0], 2), format_pct(values[-1], 2)))


def task_rows(content: OfferContent) -> list[dict]:
    """Per task: name, target group, effects, indicator rows, narrative and reporting."""
    out = []
    for task in content.contract.tasks:
        out.append({
            "name": task.name,
            "target_group": task.target_group,
            "effects": list(task.effects),
            "indicators": [
                (i.name, i.unit, _num(i.baseline), _num(i.target), i.source) for i in task.indicators
            ],
            "narrative": task.narrative,
            "reporting": task.reporting,
        })
    return out


def _num(value: float | None) -> str:
    if value is None:
        return "–"
    return format_number(value, 0 if float(value).is_integer() else 2)


def area_rows(content: OfferContent) -> list[tuple[str, ...]]:
    b = content.budget
    shown = shown_grouped(b.by_area, b.totals)
    fte: dict[str, float] = {}
    for line in b.lines:
        if line.kind == "formatie":
            fte[line.area_label] = fte.get(line.area_label, 0.0) + line.fte
    codes = {a.name: a for a in content.contract.areas}
    rows = [("Gebied", "CBS-code", "Inwoners", "FTE", f"Budget {b.years[0]}")]
    for name, values in shown.items():
        area = codes.get(name)
        rows.append((name, (area.code or "–") if area else "–",
                     format_number(area.population, 0) if area and area.population is not None else "–",
                     fte_text(fte.get(name, 0.0)), format_eur(values[0])))
    return rows


def staffing_rows(content: OfferContent) -> list[tuple[str, ...]]:
    b = content.budget
    rows = [("Gebied", "Opgave", "Functie", "FTE", "Uren", "Prijs per FTE", f"Per jaar ({b.base_year})")]
    for line in b.lines:
        if line.kind != "formatie":
            continue
        price = format_eur(line.unit_price) + (" /uur" if line.hours is not None else "")
        rows.append((line.area_label, line.task_label, line.label + (f" [{line.option}]" if line.option else ""),
                     fte_text(line.fte), format_number(line.hours, 0) if line.hours is not None else "–",
                     price, format_eur(line.base_amount)))
    staff_lines = [l for l in b.lines if l.kind == "formatie"]
    rows.append(("Totaal", "", "", fte_text(sum(l.fte for l in staff_lines)), "", "",
                 format_eur(sum(l.base_amount for l in staff_lines))))
    return rows


def activity_rows(content: OfferContent) -> list[tuple[str, ...]]:
    b = content.budget
    rows = [("Gebied", "Opgave", "Activiteit", f"Per jaar ({b.base_year})")]
    acts = [l for l in b.lines if l.kind == "activiteit"]
    for line in acts:
        rows.append((line.area_label, line.task_label, line.label + (f" [{line.option}]" if line.option else ""),
                     format_eur(line.base_amount)))
    rows.append(("Totaal", "", "", format_eur(sum(l.base_amount for l in acts))))
    return rows


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
    shown = [shown_line(line) for line in r.lines]
    keys = [(k, label) for k, label in COSTPRICE_ROWS
            if any(s[k] != 0 for s in shown) or k in _BOLD_KEYS or k in ("overhead_per_hour", "direct_cost_per_hour")]
    tables = []
    for start in range(0, len(r.lines), 4):
        chunk = list(range(start, min(start + 4, len(r.lines))))
        header = ("Opbouw per FTE / per uur",) + tuple(
            f"{r.lines[i].function}\nschaal {r.lines[i].scale}, trede {r.lines[i].step}\n{r.lines[i].cost.salary_source}"
            for i in chunk)
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
    want = ("cao_salary_table", "ikb_holiday_pct", "ikb_year_end_pct", "career_budget_pct", "aof_large", "zvw_employer",
            "op_np_total", "franchise", "hours.contract", "hours.sick_pct", "overhead.pct", "material_per_fte", "risk_pct")
    used = {u.key: u for u in content.result.used}
    rows = [("Stap", "Bron")]
    for key in want:
        u = used.get(key)
        if u is not None:
            rows.append((u.label, f"{u.source} [{STATUS_LABELS.get(u.status, u.status)}]"))
    return rows


def benchmark_rows(content: OfferContent) -> list[tuple[str, ...]]:
    from pricing.benchmark import format_value

    rows = [("Norm", "Waarde", "Band", "Oordeel", "Toelichting bij afwijking")]
    for check in content.checks:
        if check.band is None:
            continue
        rows.append((check.label + (" (afgeleid)" if check.derived else ""), format_value(check.value, check.unit),
                     check.band.text() if check.band else "–", check.light_label, check.reason or "–"))
    return rows


def compliance_rows(content: OfferContent, law: str) -> list[tuple[str, ...]]:
    """One law's elements (Wmo a-f or Jeugdwet a-d) plus the lines beyond them; they add up to the
    tariff per hour, which the last row shows."""
    elements = content.evaluation.wmo if law == "Wmo" else content.evaluation.jeugdwet
    rows = [("El.", "Omschrijving", "Per uur", "Gedekt", "Toelichting")]
    for line in elements:
        rows.append((line.code, line.label if line.law else f"{line.label} (boven het wettelijk minimum)",
                     format_eur(line.per_hour) if line.per_hour else "–",
                     "ja" if line.covered else "nee", line.explanation))
    rows.append(("", "Reëel tarief per uur (team)", format_eur(shown_team(content.result.team)["tariff_per_hour"]),
                 "", ""))
    return rows


def year_rows(content: OfferContent) -> list[tuple[str, ...]]:
    b = content.budget
    settle = b.contract.indexation.definitive == "settle"
    rows = [("Jaar", "Index", "Herkomst", "Factor", "Formatie", "Activiteiten") + (("Nacalculatie",) if settle else ())
            + ("Totaal",)]
    for y in shown_years(b):
        settlement = y["settlement"]
        rows.append((str(y["year"]), pct(y["index"], 3) if y["index"] is not None else "basisjaar",
                     origin_text(y), format_number(y["factor"], 4), format_eur(y["staff"]),
                     format_eur(y["activities"]))
                    + (("volgt" if settlement is None else format_eur(settlement),) if settle else ())
                    + (format_eur(y["total"]),))
    rows.append(("Totaal", "", "", "", format_eur(sum(b.staff)), format_eur(sum(b.activities)))
                + ((format_eur(sum(s or 0.0 for s in b.settlements)),) if settle else ())
                + (format_eur(b.grand_total),))
    return rows


def grouped_rows(content: OfferContent, by: str) -> list[list[tuple[str, ...]]]:
    """Budget per area or per task per year, in tables of at most MAX_YEAR_COLUMNS years."""
    b = content.budget
    groups = b.by_area if by == "area" else b.by_task
    shown = shown_grouped(groups, b.totals)
    title = "Gebied" if by == "area" else "Opgave"
    tables = []
    for start in range(0, len(b.years), MAX_YEAR_COLUMNS):
        idx = range(start, min(start + MAX_YEAR_COLUMNS, len(b.years)))
        last = idx[-1] == len(b.years) - 1
        rows = [(title,) + tuple(str(b.years[k]) for k in idx) + (("Totaal",) if last else ())]
        for name, values in shown.items():
            rows.append((name,) + tuple(format_eur(values[k]) for k in idx)
                        + ((format_eur(sum(values, Decimal(0))),) if last else ()))
        rows.append(("Totaal",) + tuple(format_eur(b.totals[k]) for k in idx)
                    + ((format_eur(sum(round_half_up(t) for t in b.totals)),) if last else ()))
        tables.append(rows)
    return tables


def price_basis_rows(content: OfferContent) -> list[list[tuple[str, ...]]]:
    """The price per FTE and per hour the budget rests on, per function, indexed per contract year
    (tables of at most MAX_YEAR_COLUMNS years)."""
    b = content.budget
    used = {l.label for l in b.lines if l.kind == "formatie"}
    tables = []
    for start in range(0, len(b.years), MAX_YEAR_COLUMNS):
        idx = range(start, min(start + MAX_YEAR_COLUMNS, len(b.years)))
        rows = [("Functie", f"Per uur ({b.base_year})", f"Per FTE ({b.base_year})")
                + tuple(f"Per FTE {b.years[k]}" for k in idx)]
        for p in b.prices:
            if p.function in used:
                yearly = b.yearly_price_per_fte(p)
                rows.append((p.function, format_eur(p.price_per_hour), format_eur(p.price_per_fte))
                            + tuple(format_eur(yearly[k]) for k in idx))
        tables.append(rows)
    return tables


def non_indexation_rows(content: OfferContent) -> list[tuple[str, ...]]:
    b = content.budget
    ni = b.non_indexation
    rows = [("Jaar", "Index gemeente", "Budget norm", "Budget gemeente", "Tekort", "Cumulatief", "FTE minder")]
    for k, year in enumerate(b.years):
        indexed = b.year_index[k] is not None
        rows.append((str(year), pct(ni.municipal_pct[k], 2) if indexed else "basisjaar", format_eur(ni.norm[k]),
                     format_eur(ni.municipal[k]), format_eur(ni.shortfall[k]), format_eur(ni.cumulative[k]),
                     "–" if ni.fte_lost[k] is None else format_number(ni.fte_lost[k], 2)))
    return rows


def option_rows(content: OfferContent) -> list[tuple[str, ...]]:
    """One row per variant; a description too long for a cell points to :func:`option_notes`."""
    base = content.variants[0]
    rows = [("Variant", "Omschrijving", "FTE", f"Budget {base.years[0]}", "Totaal looptijd", "Verschil met basis",
             f"Contante waarde (prijzen {base.base_year})")]
    descriptions = {o.name: o.description for o in content.contract.options}
    for b in content.variants:
        diff = b.grand_total - base.grand_total
        if b.option is None:
            description = "Het contract zoals hierboven begroot."
        else:
            description = descriptions.get(b.option) or "–"
            if len(description) > MAX_CELL_TEXT:
                description = "Zie de toelichting onder de tabel."
        rows.append((b.label, description, fte_text(b.total_fte), format_eur(b.totals[0]),
                     format_eur(b.grand_total), "–" if b.option is None else format_eur(diff), format_eur(b.npv)))
    return rows


def option_notes(content: OfferContent) -> list[tuple[str, str]]:
    """(variant, description) for the descriptions too long for the table; printed as paragraphs."""
    return [(o.name, o.description) for o in content.contract.options if len(o.description) > MAX_CELL_TEXT]


def social_rows(sr: SocialReturn) -> list[tuple[str, ...]]:
    rows = [("Jaar", f"Kosten (prijzen {sr.price_year})", f"Baten (schatting, prijzen {sr.price_year})")]
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


def parameter_rows(content: OfferContent) -> list[tuple[str, ...]]:
    """Every parameter the offer uses, with value, date, source and whether it is an assumption."""
    rows = [("Parameter", "Waarde", "Datum", "Bron", "Aanname", "Methode")]
    book = content.evaluation.book
    for u in content.result.used:
        rows.append((u.label, value_text(u.value, u.unit), format_date_nl(u.effective) if u.effective else "–",
                     u.source + (f" ({u.note})" if u.note else ""), "ja" if u.status == "assumption" else "nee",
                     method.pointer_text(method.section_for_used(u, book))))
    b = content.budget
    if b is not None:
        c = b.contract
        ix = c.indexation
        rows.append(("Discontovoet contante waarde (reëel)", format_pct(c.discount_rate, 2), "–",
                     ("opgegeven in het contract" if c.discount_given else DISCOUNT_SOURCE)
                     + f"; toegepast op de jaarbedragen in prijzen van {b.base_year}", "nee"))
        rows.append(("Weging indexatie (aandeel OVA)", format_pct(ix.wage_weight, 1 if not _whole(ix.wage_weight) else 0),
                     "–", f"indexatieclausule van het contract: {ix.wage_weight_source}",
                     "nee" if ix.follows_vng_weight else "ja"))
        rows.append(("Inhaal in het eerste indexatiejaar", "ja (VNG-methode)" if ix.first_year_catch_up else "nee",
                     "–", ("indexatieclausule van het contract" if ix.first_year_catch_up_given else
                           "standaardkeuze van dit model") + (
                         "" if ix.first_year_catch_up else
                         f"; prijspeil {ix.base_year} bottom-up berekend, dus geen verschil om in te halen"),
                     "nee" if ix.first_year_catch_up_given else "ja"))
        rows.append(("Peilmaand indexatie", ix.reference_month_name, "–",
                     "cijfers zoals gepubliceerd in deze maand van het jaar vóór het indexatiejaar; "
                     + ("opgegeven in het contract" if ix.reference_month_given else
                        "standaardkeuze van dit model, geen bron"), "nee" if ix.reference_month_given else "ja"))
        for row in ix.years:
            parts = []
            if row.weighted_provisional is not None:
                parts.append(f"gewogen voorlopig {pct(row.weighted_provisional, 3)}")
            if row.catch_up is not None:
                parts.append(f"inhaal {pct(row.catch_up, 3)}")
            elif row.catch_up_pending:
                parts.append("inhaal volgt")
            rows.append((f"Indexatie {row.year}", pct(row.index, 3), f"1 januari {row.year}",
                         f"{ORIGIN_LABELS[row.origin]}" + (f"; {', '.join(parts)}" if parts else "")
                         + (f"; {row.note}" if row.note else ""),
                         "ja" if row.origin == "aanname" else "nee"))
        if ix.municipal_given:
            rows.append(("Indexatie door de gemeente (vergelijking)",
                         _municipal_text(b).replace("gemeentelijke indexatie ", ""), "–",
                         "opgegeven in het contract", "nee"))
        else:
            rows.append(("Indexatie door de gemeente (vergelijking)", "0 %", "–",
                         "niet opgegeven: vergelijking met geen indexatie", "ja"))
        for sr in content.social:
            rows.append((f"Rendementsverhouding {sr.task}", format_number(sr.ratio, 2).rstrip("0").rstrip(","), "–",
                         f"{sr.source}; bandbreedte niet bekend", "ja", method.pointer_text("9")))
    # The contract's indexation and valuation rows are explained in the method's section 6.
    return [row if len(row) == 6 else (*row, method.pointer_text("6")) for row in rows]


# ----------------------------------------------------------------------------------------------
# Flowables


OUTLINE_LEVELS = {"h1": 0, "h2": 1}  # section and subsection headings become PDF bookmarks


class _OfferDocument(BaseDocTemplate):
    """The document template: every section heading becomes a bookmark in the PDF's outline."""

    def afterFlowable(self, flowable) -> None:
        if isinstance(flowable, Paragraph) and flowable.style.name in OUTLINE_LEVELS:
            self.canv.mark_heading(flowable.getPlainText(), OUTLINE_LEVELS[flowable.style.name])


class _NumberedCanvas(pdfcanvas.Canvas):
    """Keeps every page until the end so the footer can say ``pagina x van y``."""

    def __init__(self, *args, footer_left: str = "", **kwargs):
        # Without an initial font every page would reference Helvetica, unembedded.
        kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
        super().__init__(*args, **kwargs)
        self._pages = []
        self._footer_left = footer_left
        self._headings: list[tuple[int, str, int]] = []  # (page index, title, outline level)

    def mark_heading(self, title: str, level: int) -> None:
        """Bookmark a heading on the page being drawn; written when the pages are (see save)."""
        self._headings.append((len(self._pages), title, level))

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        # A bookmark points at the page the PDF writer is on, so it is set while each kept page is
        # written, not while it was drawn.
        total = len(self._pages)
        headings = self._headings
        for index, state in enumerate(self._pages):
            self.__dict__.update(state)
            for number, (page, title, level) in enumerate(headings):
                if page == index:
                    self.bookmarkPage(f"sectie-{number}")
                    self.addOutlineEntry(title, f"sectie-{number}", level=level)
            self._footer(total)
            super().showPage()
        super().save()

    def _footer(self, total: int) -> None:
        width, _ = A4
        self.saveState()
        self.setFont(FONT, 7.5)
        self.setFillColor(colors.HexColor("#555555"))
        self.drawString(2 * cm, 1.2 * cm, esc_plain(self._footer_left)[:110])
        self.drawRightString(width - 2 * cm, 1.2 * cm, f"pagina {self._pageNumber} van {total}")
        self.setStrokeColor(GRID)
        self.line(2 * cm, 1.5 * cm, width - 2 * cm, 1.5 * cm)
        self.restoreState()


def _cover(content: OfferContent, styles) -> list:
    c = content.contract
    title = "Offerte" if c is not None else "Kostprijsonderbouwing"
    story = [Spacer(1, 3.5 * cm), Paragraph(esc(title), styles["title"])]
    if c is not None:
        story.append(Paragraph(esc(c.name), styles["subtitle"]))
        story.append(Paragraph(esc(f"Aan: {c.municipality}"), styles["subtitle"]))
    story.append(Paragraph(esc(f"Van: {content.scenario.organisation}"), styles["subtitle"]))
    story.append(Spacer(1, 1.2 * cm))
    story.append(_kv_table(cover_rows(content), styles, widths=(4.5 * cm, 12.5 * cm)))
    if content.evaluation.provisional:
        story.append(Spacer(1, 0.6 * cm))
        story.append(Paragraph("<b>" + esc(edition_report.provisional_text(content.evaluation)) + "</b>", styles["body"]))
    story.append(Spacer(1, 1.2 * cm))
    story.append(Paragraph(
        "Deze offerte rekent de reële prijs uit volgens Wmo 2015 art. 2.6.6 en het Uitvoeringsbesluit Wmo 2015 "
        "art. 5.4: cao-lonen, redelijke overhead, niet-productieve uren, reis- en opleidingskosten, indexatie en de "
        "kosten van gemeentelijke verplichtingen. Elk cijfer staat met zijn bron in de bijlage; aannames zijn als "
        "zodanig gemarkeerd.", styles["body"]))
    if c is not None and c.description:
        story.append(Paragraph(esc(c.description), styles["body"]))
    return story


def _summary(content: OfferContent, styles) -> list:
    story = [_heading("1. Samenvatting", styles),
             _kv_table(summary_rows(content), styles, widths=(7.5 * cm, 9.5 * cm))]
    warnings = list(content.result.warnings) + (list(content.budget.warnings) if content.budget else [])
    if warnings:
        story.append(_heading("Let op", styles, "h3"))
        story += [Paragraph(esc(w), styles["bullet"], bulletText="•") for w in warnings]
    if content.budget is not None:
        c = content.contract
        label, meaning = FUNDING_VARIANTS[c.funding]
        story.append(_heading(f"Bekostiging: {label}", styles, "h3"))
        story.append(Paragraph(esc(meaning), styles["body"]))
        story.append(Paragraph(esc(_invoicing_text(content)), styles["body"]))
    return story


def _invoicing_text(content: OfferContent) -> str:
    b = content.budget
    first = shown_years(b)[0]
    hours, rate = b.staff_hours, b.first_year_hourly_rate
    if b.contract.funding == "taakgericht":
        terms = quarterly_instalments(first["total"])
        if len(set(terms)) == 1:
            return (f"Facturatie {b.years[0]}: vier kwartaaltermijnen van {format_eur(terms[0])} (een kwart van "
                    f"het jaarbudget van {format_eur(first['total'])}).")
        return (f"Facturatie {b.years[0]}: vier kwartaaltermijnen van "
                + ", ".join(format_eur(t) for t in terms[:-1]) + f" en {format_eur(terms[-1])} (samen precies het "
                f"jaarbudget van {format_eur(first['total'])}; de overblijvende centen gaan naar de eerste termijnen).")
    if b.contract.funding == "inspanningsgericht":
        return (f"Facturatie {b.years[0]}: ingezette uren tegen het uurtarief per functie (gemiddeld "
                f"{format_eur(rate)} per uur), tot een plafond van {format_number(hours, 0)} uur en "
                f"{format_eur(first['total'])} inclusief activiteiten.")
    return (f"Facturatie {b.years[0]}: per product tegen uurtarief maal normtijd; het gemiddelde uurtarief van de "
            f"formatie is {format_eur(rate)}. Leg producten en normtijden vast in het contract.")


def quarterly_instalments(total: Decimal) -> list[Decimal]:
    """Four instalments of a shown annual total that add up to it to the cent (a quarter each, the
    cents left over handed out by pricing.money.allocate_rounding; larger instalments first)."""
    parts = allocate_rounding([total / 4] * 4, total)
    return sorted(parts, reverse=True)


def _tasks_and_areas(content: OfferContent, styles) -> list:
    story = [_heading("2. Opgaven en gebieden", styles)]
    story.append(Paragraph("Per opgave de doelgroep, de gewenste effecten, de indicatoren waarop geteld wordt "
                           "(nulmeting en streefwaarde) en hoe het verhaal wordt verteld.", styles["body"]))
    for n, task in enumerate(task_rows(content), start=1):
        block = [_heading(f"2.{n} {task['name']}", styles, "h3")]
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
    story.append(_table(area_rows(content), (5 * cm, 2.6 * cm, 2.4 * cm, 2.2 * cm, 4.8 * cm), styles,
                        numeric_from=2))
    return story


def _staffing(content: OfferContent, styles) -> list:
    b = content.budget
    rows = staffing_rows(content)
    story = [_heading("3. Formatie en activiteiten", styles),
             Paragraph(esc(f"Inzet per gebied en opgave, in FTE of declarabele uren per jaar, tegen de prijs per FTE "
                           f"of per uur van de functie, per jaar op prijspeil {b.base_year}; de meerjarenbegroting "
                           f"indexeert deze bedragen."), styles["body"]),
             _table(rows, (2.6 * cm, 3.7 * cm, 3.4 * cm, 1.1 * cm, 1.1 * cm, 2.4 * cm, 2.7 * cm), styles,
                    numeric_from=3, bold_rows=(len(rows) - 1,))]
    acts = activity_rows(content)
    story += [_heading("Activiteitenbudgetten", styles, "h2"),
              _table(acts, (2.6 * cm, 3.7 * cm, 8.0 * cm, 2.7 * cm), styles, numeric_from=3,
                     bold_rows=(len(acts) - 1,))]
    return story


def _costprice(content: OfferContent, styles, number: int) -> list:
    r = content.result
    story = [_heading(f"{number}. Kostprijsopbouw per functie", styles),
             Paragraph(esc(
                 "Van cao-salaris naar reëel tarief volgens de keten van de Berenschot-handreiking (2018): salaris, "
                 "IKB, toeslagen, loopbaanbudget, werkgeverspremies, pensioen en overige personeelskosten vormen de "
                 "personeelskosten per FTE; gedeeld door de declarabele uren en verhoogd met overhead, materiële "
                 "kosten en de opslagen voor risico, innovatie en reserve ontstaat het tarief per uur. Bedragen per "
                 f"voltijd-FTE per jaar of per declarabel uur; peildatum {format_date_nl(r.date)}."), styles["body"])]
    for rows in costprice_rows(content):
        width = (17 * cm - 5 * cm) / 4
        bold = tuple(i for i, row in enumerate(rows) if row[0] in {LABELS[k] for k in _BOLD_KEYS})
        story.append(KeepTogether([_table(rows, (5 * cm,) + (width,) * (len(rows[0]) - 1), styles, numeric_from=1,
                                          bold_rows=bold, head_style="head_light"), Spacer(1, 3 * mm)]))
    team = shown_team(r.team)
    story.append(Paragraph(esc(
        f"Team (gewogen naar FTE en uren): kostprijs {format_eur(team['cost_price_per_hour'])} per uur, reëel tarief "
        f"{format_eur(team['tariff_per_hour'])} per uur, {format_eur(team['price_per_fte'])} per FTE. Overhead "
        f"{format_pct(r.overhead_pct)} als "
        + ("opslag op de directe kosten" if r.overhead_convention == "markup" else "aandeel van de integrale kosten")
        + (" (opgebouwd uit kostenregels)" if r.overhead_source == "kostenregels" else "") + "."), styles["body"]))
    story.append(_heading("Bronnen van de keten", styles, "h3"))
    story.append(_table(costprice_source_rows(content), (5.2 * cm, 11.8 * cm), styles))
    return story


def _benchmark(content: OfferContent, styles, number: int) -> list:
    rows = benchmark_rows(content)
    return [
        _heading(f"{number}. Onderbouwing met benchmarks", styles),
        Paragraph(esc(f"De normen van deze offerte naast de banden van de benchmarkset '{content.benchmark_name}'. "
                      "Waar een norm buiten de band valt, staat de reden die de organisatie daarvoor geeft."),
                  styles["body"]),
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
            rows.append((b.label, f"{b.source_text} ({b.kind_label}; {b.direction_label})"
                         + (f". {b.note}" if b.note else "")))
    return rows


def unbanded_text(content: OfferContent) -> str:
    from pricing.benchmark import format_value

    rest = [f"{c.label} {format_value(c.value, c.unit)}" for c in content.checks if c.band is None]
    if not rest:
        return ""
    return ("Zonder band in deze set (dus niet getoetst): " + "; ".join(rest) + ". De banden zijn indicatief, geen "
            "kwartielen van een referentiegroep.")


def _compliance(content: OfferContent, styles, number: int) -> list:
    story = [
        _heading(f"{number}. Wettelijke kostenelementen", styles),
        Paragraph("Wmo 2015 art. 2.6.6 met Uitvoeringsbesluit Wmo 2015 art. 5.4 lid 3 (elementen a-f) en Besluit "
                  "Jeugdwet art. 2.3 (elementen a-d): welk deel van het tarief per uur elk element dekt. Per wet "
                  "tellen de regels op tot het tarief.", styles["body"]),
    ]
    for law, title in (("Wmo", "Wmo 2015 (a-f)"), ("Jeugdwet", "Jeugdwet (a-d)")):
        rows = compliance_rows(content, law)
        story += [_heading(title, styles, "h3"),
                  _table(rows, (0.8 * cm, 5.2 * cm, 1.7 * cm, 1.3 * cm, 8.0 * cm), styles, bold_rows=(len(rows) - 1,))]
    return story


def _chart(content: OfferContent) -> Drawing:
    b = content.budget
    names = list(b.by_area)
    drawing = Drawing(17 * cm, 6.2 * cm)
    drawing.initialFontName = FONT  # the renderer's starting font; Helvetica (unembedded) otherwise
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 1.8 * cm, 0.8 * cm, 10.5 * cm, 5 * cm
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
    legend.x, legend.y = 13.2 * cm, 5.6 * cm
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


def _budget(content: OfferContent, styles, number: int) -> list:
    b = content.budget
    c = b.contract
    rows = year_rows(content)
    story = [_heading(f"{number}. Meerjarenbegroting", styles),
             Paragraph(esc(f"Begroting per jaar over de looptijd {b.years[0]}-{b.years[-1]}, geïndexeerd vanaf het "
                           f"prijspeil {b.base_year}. Variant: {b.label}."), styles["body"]),
             _table(rows, (1.2 * cm, 1.5 * cm, 2.9 * cm, 1.4 * cm, 2.7 * cm, 2.3 * cm, 2.2 * cm, 2.8 * cm)
                    if len(rows[0]) == 8 else (1.3 * cm, 1.7 * cm, 3.4 * cm, 1.6 * cm, 3 * cm, 2.8 * cm, 3.2 * cm),
                    styles, numeric_from=3, bold_rows=(len(rows) - 1,), wrap_cols={0, 1, 2}),
             Spacer(1, 3 * mm),
             Paragraph("Budget per jaar per gebied (× € 1.000)", styles["h3"]),
             _chart(content)]
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
    story += [KeepTogether([
        _heading("Kosten van niet-indexeren", styles, "h2"),
        Paragraph(esc(
            f"Wat het kost als de gemeente indexeert met {_municipal_text(b)} in plaats van de norm: "
            f"{c.indexation.norm_label}. Het tekort stapelt zich op: na {len(b.years)} jaar "
            f"{format_eur(ni.total)}. Omgerekend met de gemiddelde prijs per FTE van het contract is dat de "
            "formatie die de organisatie dan niet meer kan betalen."), styles["body"]),
        _table(ni_rows, (1.4 * cm, 2.2 * cm, 2.7 * cm, 2.7 * cm, 2.6 * cm, 2.7 * cm, 2.7 * cm), styles,
               numeric_from=1)]),
        Spacer(1, 3 * mm),
        _heading(b.npv_label, styles, "h3"),
        Paragraph(esc(
            f"De {b.npv_label.lower()} is {format_eur(b.npv)}. De discontovoet van "
            f"{format_pct(b.discount_rate, 2)} is reëel (zonder inflatie), dus eerst gaan de geïndexeerde "
            f"jaarbedragen terug naar prijzen van {b.base_year}: elk jaarbedrag gedeeld door de prijsfactor van "
            f"de indexatie hierboven ({_real_text(b)}). Die bedragen zijn verdisconteerd naar de start met "
            f"{format_pct(b.discount_rate, 2)} per jaar (eerste jaar onverdisconteerd; numpy-financial). "
            + ("Discontovoet opgegeven in het contract." if c.discount_given else
               f"Standaard: {DISCOUNT_SOURCE}.")), styles["body"]),
    ]
    return story


def _real_text(b: ContractBudget) -> str:
    """The totals in base-year prices, year by year, for the NPV paragraph."""
    return "; ".join(f"{y}: {format_eur(v)}" for y, v in zip(b.years, b.real_totals))


def _options(content: OfferContent, styles, number: int) -> list:
    rows = option_rows(content)
    story = [KeepTogether([
        _heading(f"{number}. Varianten", styles),
        Paragraph("Varianten voegen formatie of activiteiten toe aan de basis of halen ze weg; prijzen en "
                  "indexatie zijn gelijk aan de basis.", styles["body"]),
        _table(rows, (1.6 * cm, 4.5 * cm, 1.1 * cm, 2.3 * cm, 2.5 * cm, 2.5 * cm, 2.5 * cm), styles,
               numeric_from=2)])]
    # Long descriptions as paragraphs after the table: they may run over pages, a table cell may not.
    # The name is a bold lead-in of the paragraph, not a heading: a heading keeps with its paragraph,
    # which would push a long description to the next page and leave this one half empty.
    notes = option_notes(content)
    if notes:
        story.append(Spacer(1, 2 * mm))
    for name, description in notes:
        story.append(Paragraph(f"<b>Variant {esc(name)}.</b> {esc(description)}", styles["body"]))
    return story


def _social(content: OfferContent, styles, number: int) -> list:
    story = [_heading(f"{number}. Maatschappelijk rendement (schatting)", styles),
             Paragraph(esc(CAVEAT), styles["body"])]
    # docs/methode.md section 9: the ratio with its source and range. The range is not known here: said once for
    # all tasks that share the source, never replaced by an invented band.
    story.append(Paragraph(esc(range_note(content.social)), styles["body"]))
    for sr in content.social:
        municipal = (f"; voor de gemeente zelf {format_eur(sr.municipality_net)} (haar deel van de baten min alle "
                     "kosten)." if sr.municipality_net is not None else
                     "; het saldo voor de gemeente zelf is onbekend, want er is geen verdeling over partijen opgegeven.")
        block = [_heading(sr.task, styles, "h3"),
                 Paragraph(esc(
                     f"Verhouding baten/kosten {format_number(sr.ratio, 2)} ({sr.source}; bandbreedte niet bekend). "
                     f"Baten van een jaar werk verspreid over {sr.benefit_years} jaar; bedragen in prijzen van {sr.price_year}, "
                     f"reële discontovoet {format_pct(sr.discount_rate, 2)}. "
                     f"Saldo (contante waarde in prijzen van {sr.price_year}): {format_eur(sr.net)}" + municipal),
                           styles["body"])]
        rows = social_rows(sr)
        actors = social_actor_rows(sr)
        left = _table(rows, (2.6 * cm, 2.6 * cm, 2.8 * cm), styles, numeric_from=1, bold_rows=(len(rows) - 1,))
        right = _table(actors, (3.2 * cm, 1.5 * cm, 3.4 * cm), styles, numeric_from=1)
        block.append(Table([[left, right]], colWidths=(8.4 * cm, 8.6 * cm),
                           style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("FONTNAME", (0, 0), (-1, -1), FONT)]))
        if not sr.split_given:
            block.append(Paragraph("Zonder verdeling staan alle baten onder 'overig / niet verdeeld'.", styles["note"]))
        story.append(KeepTogether(block))
    return story


def _appendix(content: OfferContent, styles, number: int) -> list:
    rows = parameter_rows(content)
    # A source shared by consecutive rows (the premiums of one year) is printed once.
    shown = rows[:2] + [(*row[:3], "idem (bron als de regel erboven)" if row[3] == before[3] else row[3], *row[4:])
                        for before, row in zip(rows[1:], rows[2:])]
    return [_heading("Bijlage. Gebruikte parameters", styles),
            Paragraph("Elke parameter waarop deze offerte rust, met waarde, ingangsdatum, bron en of het een aanname "
                      "is. Aannames kan de gemeente of de organisatie vervangen door eigen cijfers. "
                      + esc(method.document_sentence()), styles["body"]),
            _table(shown, (3.8 * cm, 2.0 * cm, 2.3 * cm, 5.5 * cm, 1.8 * cm, 1.6 * cm), styles)] + _edition_appendix(content, styles)


def _edition_appendix(content: OfferContent, styles) -> list:
    """The edition with its full fingerprint and, for a provisional price, every forecast value."""
    ev = content.evaluation
    e = ev.edition
    story = []
    if e is not None:
        story.append(Paragraph(esc(f"Parametereditie {edition_report.edition_text(ev)}; vingerafdruk van de "
                                   f"parametergegevens (sha256): {e.fingerprint}."), styles["note"]))
    if ev.provisional:
        story += [_heading("Prognosewaarden (voorlopige prijs)", styles, "h2"),
                  Paragraph(esc(edition_report.provisional_text(ev) + " Effect €/uur: het tarief met deze waarde "
                                "min het tarief met het laatst bekende cijfer (cao-verhoging: zonder verhoging)."),
                            styles["body"]),
                  _table(edition_report.forecast_rows(ev), (6.0 * cm, 1.6 * cm, 1.8 * cm, 1.7 * cm, 5.9 * cm), styles)]
    return story


def signature_rows(content: OfferContent) -> list[tuple[str, str]]:
    c = content.contract
    left = f"Namens {content.scenario.organisation}"
    right = f"Namens {c.municipality}" if c is not None else "Namens de gemeente"
    return [(left, right)] + [(f, f) for f in ("Naam", "Functie", "Plaats", "Datum", "Handtekening")]


def _signature(content: OfferContent, styles) -> list:
    rows = signature_rows(content)
    left, right = rows[0]
    data = [[Paragraph(f"<b>{esc(left)}</b>", styles["body"]), "", Paragraph(f"<b>{esc(right)}</b>", styles["body"])]]
    for a, b in rows[1:]:
        data.append([Paragraph(esc(a), styles["small"]), "", Paragraph(esc(b), styles["small"])])
    heights = [None] + [0.9 * cm] * (len(data) - 2) + [1.8 * cm]
    table = Table(data, colWidths=(8 * cm, 1 * cm, 8 * cm), rowHeights=heights)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("LINEBELOW", (0, 1), (0, -1), 0.5, colors.black), ("LINEBELOW", (2, 1), (2, -1), 0.5, colors.black),
    ]))
    return [CondPageBreak(8 * cm), _heading("Ondertekening", styles, "h2"),
            Paragraph("Partijen verklaren zich akkoord met deze offerte, de begroting en de indexatieclausule.",
                      styles["body"]), Spacer(1, 4 * mm), table]


def offer_story(content: OfferContent) -> list:
    register_fonts()
    styles = _styles()
    story = _cover(content, styles) + [NextPageTemplate("body"), PageBreak()]
    story += _summary(content, styles)
    number = 2
    if content.budget is not None:
        story += [PageBreak()] + _tasks_and_areas(content, styles)
        story += [PageBreak()] + _staffing(content, styles)
        number = 4
    story += [PageBreak()] + _costprice(content, styles, number)
    story += [CondPageBreak(9 * cm)] + _benchmark(content, styles, number + 1)
    story += [Spacer(1, 4 * mm)] + _compliance(content, styles, number + 2)
    number += 3
    if content.evaluation.sensitivity is not None:
        story += [CondPageBreak(14 * cm)] + sensitivity_section(content.evaluation, styles, number, table=_table,
                                                                    heading=_heading, esc=esc)
        number += 1
    if content.budget is not None:
        story += [CondPageBreak(13 * cm)] + _budget(content, styles, number)
        number += 1
        if content.contract.options:
            story += [Spacer(1, 4 * mm)] + _options(content, styles, number)
            number += 1
        if content.social:
            story += [CondPageBreak(10 * cm)] + _social(content, styles, number)
            number += 1
    # The appendix follows on the same page when a good part of it fits (no half-empty page before it).
    story += [CondPageBreak(12 * cm)] + _appendix(content, styles, number)
    story += _signature(content, styles)
    return story


def build_offer_pdf(source, target=None, *, option: str | None = None, generated: dt.date | None = None,
                    benchmark_set=None) -> bytes:
    """Render the offer for an :class:`Evaluation` (or a cost-price result) and its contract variant ``option``.

    ``target`` may be a path or a binary file object; the PDF bytes are returned either way.
    """
    content = offer_content(source, option, generated, benchmark_set)
    return render(content, target)


def render(content: OfferContent, target=None) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    c = content.contract
    title = f"Offerte {c.name}" if c is not None else f"Kostprijsonderbouwing {content.scenario.name}"
    doc = _OfferDocument(buffer, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=1.8 * cm,
                          bottomMargin=2 * cm, title=title, author=esc_plain(content.scenario.organisation),
                          initialFontName=FONT,
                          subject="Reële prijs sociaal werk", creator="reële prijs sociaal werk")
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="main")
    doc.addPageTemplates([PageTemplate("cover", frames=[frame]), PageTemplate("body", frames=[frame])])
    footer = f"{content.scenario.organisation} — {c.name if c is not None else content.scenario.name}"
    doc.build(offer_story(content), canvasmaker=lambda *a, **k: _NumberedCanvas(*a, footer_left=footer, **k))
    data = buffer.getvalue()
    return write_output(data, target)
