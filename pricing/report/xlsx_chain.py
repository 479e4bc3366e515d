"""The Kostprijs sheet: the chain's formulas (:mod:`pricing.report.xlsx_chain_rows`) in one column per
staff line, each with the engine's figure as its cached result, the team column, the team-wide
overhead and reserve percentages and the annual budget."""

from __future__ import annotations

from collections.abc import Callable

from msgspec.structs import replace

from pricing.costprice import CostPriceResult, LineResult, holiday_allowance, pension_base, year_end_payment
from pricing.report.xlsx_chain_rows import chain_rows
from pricing.report.xlsx_sheet import ChainLayout, Refs, Sheet, letter
from pricing.report.xlsx_style import EUR, NUM, PCT, PCT3

# The engine's figure for each chain row of a staff line: the cached result of that row's formula.
LINE_VALUES: dict[str, Callable[[LineResult], float]] = {
    "monthly": lambda l: l.cost.monthly_salary,
    "lma_pct": lambda l: l.cost.labour_market_pct,
    "salary": lambda l: l.cost.annual_salary,
    "flat": lambda l: l.cost.flat_oncost,
    "org": lambda l: l.cost.org_cao_costs,
    "personnel": lambda l: l.cost.personnel_cost_per_fte,
    "vt": lambda l: l.cost.holiday_allowance,
    "eju": lambda l: l.cost.year_end_payment,
    "x": lambda l: l.cost.ikb_extra,
    "ikb": lambda l: l.cost.ikb,
    "ort": lambda l: l.cost.irregular,
    "lbb": lambda l: l.cost.career_budget,
    "sv": lambda l: l.cost.premium_wage,
    "rate": lambda l: l.cost.premium_rate,
    "premiums": lambda l: l.cost.employer_premiums,
    "s_jan": lambda l: l.cost.pension_salary,
    "base": lambda l: l.cost.pension_base,
    "op": lambda l: l.cost.pension_op,
    "ap": lambda l: l.cost.pension_ap,
    "wia": lambda l: l.cost.pension_wia,
    "pension": lambda l: l.cost.pension,
    "other": lambda l: l.cost.other_personnel,
    "productive": lambda l: l.hours.productive,
    "billable": lambda l: l.hours.billable,
    "direct": lambda l: l.direct_cost_per_hour,
    "overhead": lambda l: l.overhead_per_hour,
    "material": lambda l: l.material_per_hour,
    "reporting": lambda l: l.reporting_per_hour,
    "cost_price": lambda l: l.cost_price_per_hour,
    "risk_innovation": lambda l: l.risk_innovation_per_hour,
    "reserve": lambda l: l.reserve_per_hour,
    "tariff": lambda l: l.tariff_per_hour,
    "price": lambda l: l.price_per_fte,
    "fte": lambda l: l.fte,
    "budget": lambda l: l.budget,
}


def sheet_only_value(key: str, line: LineResult, result: CostPriceResult) -> float:
    """The cached result of a chain row the engine does not keep as a figure of its own: the three
    FTE-weighted products the team column sums, and the pensionable salary before the maximum (the
    engine uses it for the WIA premium without storing it). Made from the engine's figures of the
    line, the last one with the engine's own :func:`~pricing.costprice.pension_base`; nothing of the
    chain is computed again."""
    if key == "hours_total":
        return line.fte * line.hours.billable
    if key == "personnel_total":
        return line.fte * line.cost.personnel_cost_per_fte
    if key == "cost_total":
        return line.fte * line.hours.billable * line.cost_price_per_hour
    if key == "base_full":
        rates, s_jan = result.rates, line.cost.pension_salary
        vt = holiday_allowance(s_jan, rates)
        uncapped = replace(rates, max_pensionable=float("inf"))
        pensionable = result.scenario.norms.pensionable_allowances
        return pension_base(s_jan, vt, year_end_payment(s_jan, vt, rates), line.cost.irregular, uncapped, pensionable)
    raise KeyError(key)


def _reserve_surcharge(result: CostPriceResult) -> float:
    reserve = result.reserve
    assert reserve is not None  # the engine builds the reserve exactly when the norms ask for one
    return reserve.surcharge


def fill_chain(ks: Sheet, result: CostPriceResult, inputs: Refs, line_refs: list[Refs]) -> ChainLayout:
    """The Kostprijs sheet; returns row numbers, the line columns and the team cells."""
    n = result.scenario.norms
    simple = n.flat_oncost_pct is not None
    rows = chain_rows(simple, result.hours.method)
    ks.width("A", 70)
    ks.text(1, 1, "Kostprijs: de keten per formatieregel (formules verwijzen naar Invoer)", bold=True)
    ks.text(
        2,
        1,
        "Eenvoudige modus: één opslag vervangt IKB, toeslagen, premies en pensioen."
        if simple
        else "Volledige keten volgens de methode, hoofdstuk 3 (stap 1 t/m 15).",
    )
    header_row = 4
    first = 5
    row_of = {key: first + k for k, (key, *_rest) in enumerate(rows)}
    ncols = len(result.lines)
    cols = [letter(2 + k) for k in range(ncols)]
    ks.header(header_row, ["Stap"] + [line.function for line in result.lines] + ["Team"])
    ks.ws.set_column(1, ncols, 16)
    last_col = cols[-1]
    team_col = letter(2 + ncols)
    ks.width(team_col, 18)
    team_result = result.team
    # Overhead and reserve percentages are team-wide: computed once, below the chain.
    extra = first + len(rows) + 1
    g = dict(inputs)
    # The organisation's total FTE is the team column's sum of the FTE row: one short reference in
    # every line's formula (a sum of every line's FTE cell in each would grow with the square of the
    # staff table, and pass Excel's limit of 8,192 characters per formula at a few hundred lines).
    g["fte_total"] = f"${team_col}${row_of['fte']}"
    if n.overhead_lines:
        g["oh_pct"] = f"$B${extra}"
        ks.text(extra, 1, "Overhead uit kostenregels = som kostenregels / som(FTE x personeelskosten)")
        ks.formula(
            extra,
            2,
            f"SUM({g['overhead_lines']})/SUM(B{row_of['personnel_total']}:{last_col}{row_of['personnel_total']})",
            PCT3,
            value=result.overhead_pct,
        )
    else:
        g["oh_pct"] = g["overhead_pct"]
        ks.text(extra, 1, "Overhead (fractie, uit Invoer)")
        ks.formula(extra, 2, g["overhead_pct"], PCT3, value=result.overhead_pct)
    if n.reserve is not None:
        g["reserve_pct"] = f"$B${extra + 1}"
        # The surcharge on the cost price that collects exactly the annual build-up from the staffing.
        ks.text(
            extra + 1,
            1,
            "Reserve-opslag op de kostprijs = max(doel - huidig, 0) / jaren / jaaromzet; "
            "zonder jaaromzet / som(FTE x uren x kostprijs) (de hele behoefte)",
        )
        ks.formula(
            extra + 1,
            2,
            f"MAX({g['res_target']}-{g['res_current']},0)/{g['res_years']}"
            f"/IF({g['res_turnover']}>0,{g['res_turnover']},"
            f"SUM(B{row_of['cost_total']}:{last_col}{row_of['cost_total']}))",
            "0.0000%",
            value=_reserve_surcharge(result),
        )
    else:
        g["reserve_pct"] = "0"
        ks.text(extra + 1, 1, "Reserve-opslag: geen reserveopbouw in het scenario")
        ks.value(extra + 1, 2, 0, PCT)
    for key, label, build, fmt in rows:
        r = row_of[key]
        ks.text(r, 1, label)
        engine_value = LINE_VALUES.get(key)
        ks.formula_row(
            r,
            2,
            [build(col, row_of, refs, g) for col, refs in zip(cols, line_refs, strict=True)],
            [engine_value(line) if engine_value else sheet_only_value(key, line, result) for line in result.lines],
            fmt,
            bold=key in ("personnel", "cost_price", "tariff", "price"),
        )

    # Team column
    def span(key: str) -> str:
        return f"B{row_of[key]}:{last_col}{row_of[key]}"

    team: dict[str, tuple[int, str, str]] = {}
    tc = 2 + ncols
    team["total_fte"] = (row_of["fte"], f"SUM({span('fte')})", NUM)
    team["billable_hours"] = (row_of["hours_total"], f"SUM({span('hours_total')})", NUM)
    team["staff_budget"] = (row_of["budget"], f"SUM({span('budget')})", EUR)
    team["personnel_cost"] = (row_of["personnel_total"], f"SUM({span('personnel_total')})", EUR)
    team["cost_price_per_hour"] = (row_of["cost_total"], f"SUM({span('cost_total')})/SUM({span('hours_total')})", EUR)
    team["tariff_per_hour"] = (row_of["tariff"], f"SUM({span('budget')})/SUM({span('hours_total')})", EUR)
    team["price_per_fte"] = (row_of["price"], f"SUM({span('budget')})/SUM({span('fte')})", EUR)
    for key, (r, text, fmt) in team.items():
        ks.formula(r, tc, text, fmt, bold=True, value=float(getattr(team_result, key)))
    budget_row = extra + 3
    ks.text(budget_row, 1, "Personeelsbudget per jaar", bold=True)
    ks.formula(budget_row, 2, f"{team_col}{row_of['budget']}", EUR, bold=True, value=team_result.staff_budget)
    ks.text(budget_row + 1, 1, "Activiteitenbudget per jaar")
    ks.formula(budget_row + 1, 2, g["activity"], EUR, value=team_result.activity_budget)
    ks.text(budget_row + 2, 1, "Jaarbudget", bold=True)
    ks.formula(budget_row + 2, 2, f"B{budget_row}+B{budget_row + 1}", EUR, bold=True, value=team_result.annual_budget)
    ks.ws.freeze_panes("B5")
    return ChainLayout(
        rows=row_of,
        cols=cols,
        team={k: f"{team_col}{r}" for k, (r, _t, _f) in team.items()},
        annual_budget=f"B{budget_row + 2}",
        oh_pct=f"B{extra}",
        reserve_pct=f"B{extra + 1}",
        inputs=g,
        lines=line_refs,
    )
