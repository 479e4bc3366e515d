"""The Contract sheet: prices per function from the Kostprijs sheet, the step drift, the budget lines
per year, the totals, the net present value and the cost of non-indexation. Its inputs (index,
settlement and municipal index per year, the discount rate) go on the Invoer sheet; the index table at
its foot comes from :mod:`pricing.report.xlsx_reference`."""

from __future__ import annotations

from collections.abc import Callable

from pricing.contract import ContractBudget
from pricing.costprice import CostPriceResult
from pricing.money import format_date_nl
from pricing.parameters import ParameterBook
from pricing.report.xlsx_reference import fill_index_table
from pricing.report.xlsx_sheet import ChainLayout, ContractLayout, Sheet, letter
from pricing.report.xlsx_style import EUR, NUM, PCT3


def fill_contract(
    cs: Sheet, inv: Sheet, result: CostPriceResult, chain: ChainLayout, budget: ContractBudget, book: ParameterBook
) -> ContractLayout:
    """The Contract sheet: prices per function, lines, indexation, totals, NPV, non-indexation."""
    contract = budget.contract
    ix = contract.indexation
    cs.width("A", 24)
    cs.width("B", 26)
    cs.width("C", 26)
    cs.text(1, 1, f"Contract: {contract.name} ({budget.label})", bold=True)
    cs.text(
        2,
        1,
        f"Gemeente: {contract.municipality}; looptijd {contract.years} jaar vanaf "
        f"{format_date_nl(contract.start)}; prijspeil {budget.base_year}",
    )
    # Contract inputs on the Invoer sheet: index per contract year, settlement rate, municipal index.
    inv.row += 1
    inv.header(inv.row, ["Contract: indexatie per contractjaar", "Waarde", "Herkomst"])
    inv.row += 1
    years = contract.contract_years
    index_refs: list[str | None] = []
    settle_refs: list[str] = []
    muni_refs: list[str | None] = []
    for k, year in enumerate(years):
        row = budget.year_index[k]
        if row is None:
            index_refs.append(None)
        else:
            origin = (
                row.origin
                + (
                    "; inhaal over het vorige jaar volgt (nog niet bekend, niet meegerekend)"
                    if row.catch_up_pending
                    else ""
                )
                + (f"; {row.source_text}" if row.source_text else "")
            )
            index_refs.append(inv.input_row(f"ix{year}", f"Indexatie {year}", row.index, PCT3, origin))
    for k, year in enumerate(years):
        rate = ix.settlement_catch_up.get(year, 0.0) if ix.definitive == "settle" else 0.0
        settle_refs.append(
            inv.input_row(
                f"st{year}",
                f"Nacalculatie over {year} (fractie van het jaarbudget)",
                rate,
                PCT3,
                _settlement_note(budget, k, year),
            )
        )
    for k, year in enumerate(years):
        pct = budget.non_indexation.municipal_pct[k]
        muni_refs.append(
            None
            if budget.year_index[k] is None
            else inv.input_row(
                f"mu{year}",
                f"Indexatie door de gemeente {year}",
                pct,
                PCT3,
                "opgegeven" if ix.municipal_given else "niet opgegeven: 0 %",
            )
        )
    rate_ref = inv.input_row(
        "discount",
        "Discontovoet contante waarde (reëel)",
        contract.discount_rate,
        PCT3,
        ("opgegeven in het contract" if contract.discount_given else "standaarddiscontovoet 2,25 %")
        + f"; reëel, dus toegepast op de bedragen in prijzen van {budget.base_year}",
    )

    # Prices per function from the chain: budget and FTE of that function's lines, cell by cell
    # (no SUMIF: a function name could otherwise act as a wildcard or comparison).
    rows = chain["rows"]
    cols = chain["cols"]
    by_function: dict[str, list[str]] = {}
    for k, staff_line in enumerate(result.lines):
        by_function.setdefault(staff_line.function, []).append(cols[k])
    r = 4
    cs.header(r, ["Functie", "Prijs per FTE (basisjaar)", "Prijs per uur (basisjaar)"])
    r += 1
    price_cell = {}
    prices = {p.function: p for p in budget.prices}
    for function, fcols in by_function.items():
        budget_sum = "+".join(f"Kostprijs!{c}{rows['budget']}" for c in fcols)
        fte_sum = "+".join(f"Kostprijs!{c}{rows['fte']}" for c in fcols)
        hours_sum = "+".join(f"Kostprijs!{c}{rows['hours_total']}" for c in fcols)
        cs.text(r, 1, function)
        cs.formula(r, 2, f"({budget_sum})/({fte_sum})", EUR, value=prices[function].price_per_fte)
        cs.formula(r, 3, f"({budget_sum})/({hours_sum})", EUR, value=prices[function].price_per_hour)
        price_cell[function] = (f"$B${r}", f"$C${r}")
        r += 1
    r += 1
    # Step drift (CAO art. 6.5): per function the factor on its price in each contract year, from the
    # chain priced at the step each line has reached by then (1 = no drift or switched off).
    year_cols = [letter(7 + k) for k in range(len(years))]
    ni = budget.non_indexation
    drift_cell = {}
    cs.header(r, ["Tredeverhoging (cao art. 6.5)", "", "", "", "", ""] + [str(y) for y in years])
    r += 1
    for function_no, function in enumerate(by_function, start=1):
        steps = budget.drift_factors.get(function, (1.0,) * len(years))
        cs.text(r, 1, function)
        cs.text(r, 3, "factor op de prijs per FTE" + ("" if budget.step_drift else " (uitgezet)"))
        for k, year in enumerate(years):
            cs.named_input(f"drift_f{function_no}_{year}", r, 7 + k, steps[k], "0.000000")
        drift_cell[function] = r
        r += 1
    r += 1
    # Factor row
    cs.header(r, ["Gebied", "Opgave", "Regel", "FTE", "Uren", "Bedrag basisjaar"] + [str(y) for y in years])
    r += 1
    factor_row = r
    cs.text(r, 3, "Prijsfactor t.o.v. basisjaar")
    for k in range(len(year_cols)):
        prev = f"{year_cols[k - 1]}{r}" if k else "1"
        cs.formula(
            r,
            7 + k,
            prev if index_refs[k] is None else f"{prev}*(1+{index_refs[k]})",
            "0.000000",
            value=budget.factors[k],
        )
    r += 1
    first_line = r
    staff_rows, act_rows = [], []
    staff_labels: list[tuple[int, str]] = []
    for line_no, line in enumerate(budget.lines, start=1):
        cs.text(r, 1, line.area_label)
        cs.text(r, 2, line.task_label)
        cs.text(r, 3, line.label + (f" [{line.option}]" if line.option else ""))
        if line.kind == "formatie":
            per_fte, per_hour = price_cell[line.label]
            if line.hours is not None:
                cs.named_input(f"c{line_no}_hours", r, 5, line.hours, NUM)
                cs.formula(r, 4, f"E{r}*{per_hour}/{per_fte}", NUM, value=line.fte)
                cs.formula(r, 6, f"E{r}*{per_hour}", EUR, value=line.base_amount)
            else:
                cs.named_input(f"c{line_no}_fte", r, 4, line.fte, NUM)
                cs.formula(r, 6, f"D{r}*{per_fte}", EUR, value=line.base_amount)
            staff_rows.append(r)
            staff_labels.append((r, line.label))
        else:
            cs.named_input(f"c{line_no}_amount", r, 6, line.base_amount, EUR)
            act_rows.append(r)
        for k, col in enumerate(year_cols):
            drift = f"*{col}${drift_cell[line.label]}" if line.kind == "formatie" else ""
            cs.formula(r, 7 + k, f"$F{r}*{col}${factor_row}{drift}", EUR, value=line.amounts[k])
        r += 1
    last_line = r - 1
    totals: dict[str, int] = {}

    def total_row(
        label: str, cells_for: Callable[[str], str], key: str, values: tuple[float, ...], bold: bool = False
    ) -> None:
        nonlocal r
        cs.text(r, 3, label, bold=bold)
        for k, col in enumerate(year_cols):
            cs.formula(r, 7 + k, cells_for(col), EUR, bold=bold, value=values[k])
        totals[key] = r
        r += 1

    def sum_of(rows_list: list[int]) -> Callable[[str], str]:
        return lambda col: "+".join(f"{col}{x}" for x in rows_list) if rows_list else "0"

    total_row("Formatie", sum_of(staff_rows), "staff", budget.staff)
    # The step drift inside the staffing: each staffing line's base amount x price factor x (drift - 1).
    drift_terms = {row: drift_cell[label] for row, label in staff_labels}
    total_row(
        "waarvan tredeverhoging (cao art. 6.5)",
        lambda col: "+".join(f"$F{x}*{col}${factor_row}*({col}${d}-1)" for x, d in drift_terms.items()) or "0",
        "drift",
        budget.drift or (0.0,) * len(years),
    )
    total_row("Activiteiten", sum_of(act_rows), "activities", budget.activities)
    cs.text(r, 3, "Nacalculatie")
    for k, col in enumerate(year_cols):
        cs.formula(
            r,
            7 + k,
            f"({col}{totals['staff']}+{col}{totals['activities']})*{settle_refs[k]}",
            EUR,
            value=budget.settlements[k] or 0.0,
        )
    totals["settlement"] = r
    r += 1
    total_row(
        "Totaal",
        lambda col: f"{col}{totals['staff']}+{col}{totals['activities']}+{col}{totals['settlement']}",
        "total",
        budget.totals,
        bold=True,
    )
    first_col, last_col = year_cols[0], year_cols[-1]
    # The discount rate is real: discount the totals in base-year prices (total / price factor).
    cs.text(r, 3, f"Totaal in prijzen van {budget.base_year} (totaal / prijsfactor)")
    real_row = r
    for k, col in enumerate(year_cols):
        cs.formula(r, 7 + k, f"{col}{totals['total']}/{col}{factor_row}", EUR, value=budget.real_totals[k])
    r += 2
    cs.text(r, 3, f"Contante waarde in prijzen van {budget.base_year} (eerste jaar onverdisconteerd)", bold=True)
    if len(year_cols) > 1:
        cs.formula(
            r,
            7,
            f"{first_col}{real_row}+NPV({rate_ref},{year_cols[1]}{real_row}:{last_col}{real_row})",
            EUR,
            bold=True,
            value=budget.npv,
        )
    else:
        cs.formula(r, 7, f"{first_col}{real_row}", EUR, bold=True, value=budget.npv)
    npv_cell = f"G{r}"
    r += 2
    # Non-indexation: the municipality's index compounds on the same base-year budget.
    cs.text(r, 3, "Prijsfactor gemeente")
    muni_factor_row = r
    muni_factors = municipal_factors(budget)
    for k in range(len(year_cols)):
        prev = f"{year_cols[k - 1]}{r}" if k else "1"
        cs.formula(
            r,
            7 + k,
            prev if muni_refs[k] is None else f"{prev}*(1+{muni_refs[k]})",
            "0.000000",
            value=muni_factors[k],
        )
    r += 1
    cs.text(r, 3, "Budget bij indexatie gemeente")
    muni_row = r
    for k, col in enumerate(year_cols):
        # The municipality pays the contracted staffing at its steps too (drift), at its own index.
        cs.formula(
            r,
            7 + k,
            f"(({first_col}{totals['staff']}+{first_col}{totals['activities']}-{first_col}{totals['drift']})"
            f"/{first_col}{factor_row}+{col}{totals['drift']}/{col}{factor_row})*{col}{muni_factor_row}",
            EUR,
            value=ni.municipal[k],
        )
    r += 1
    cs.text(r, 3, "Tekort t.o.v. de norm")
    short_row = r
    for k, col in enumerate(year_cols):
        cs.formula(r, 7 + k, f"{col}{totals['total']}-{col}{muni_row}", EUR, value=ni.shortfall[k])
    r += 1
    cs.text(r, 3, "Tekort cumulatief")
    cum_row = r
    for k, col in enumerate(year_cols):
        cs.formula(
            r, 7 + k, f"{col}{short_row}" + (f"+{year_cols[k - 1]}{r}" if k else ""), EUR, value=ni.cumulative[k]
        )
    r += 1
    cs.text(r, 3, "FTE minder (tekort / gemiddelde prijs per FTE)")
    fte_row = r
    fte_sum = "+".join(f"D{x}" for x in staff_rows) or "0"
    for k, col in enumerate(year_cols):
        cs.formula(
            r,
            7 + k,
            f"IF(({fte_sum})=0,0,{col}{short_row}/({col}{totals['staff']}/({fte_sum})))",
            NUM,
            value=ni.fte_lost[k] or 0.0,
        )
    r += 2
    index_table = fill_index_table(cs, r, budget, index_refs, book)
    cs.ws.set_column(6, 5 + len(year_cols), 16)
    cs.ws.freeze_panes("D5")
    return {
        "year_cols": year_cols,
        "totals": totals,
        "real_total": real_row,
        "npv": npv_cell,
        "shortfall": short_row,
        "cumulative": cum_row,
        "fte_lost": fte_row,
        "lines": (first_line, last_line),
        "factor": factor_row,
        "index_table": index_table,
        "discount": rate_ref,
        "prices": {
            function: (cells[0].replace("$", ""), cells[1].replace("$", "")) for function, cells in price_cell.items()
        },
    }


def municipal_factors(budget: ContractBudget) -> tuple[float, ...]:
    """The municipality's price factor per contract year (its index compounded from the base year):
    the one contract figure the engine does not keep, made from the engine's municipal indices."""
    factors, factor = [], 1.0
    for k, pct in enumerate(budget.non_indexation.municipal_pct):
        if budget.year_index[k] is not None:
            factor *= 1 + pct
        factors.append(factor)
    return tuple(factors)


def _settlement_note(budget: ContractBudget, k: int, year: int) -> str:
    """Why the settlement rate of a year is what it is; a pending one says "volgt", as the engine does."""
    if budget.contract.indexation.definitive != "settle":
        return "geen nacalculatie volgens de indexatieclausule"
    if budget.settlements[k] is None:
        return (
            f"volgt zodra de definitieve OVA/PPC-cijfers van {year} bekend zijn; staat tot dan op 0 "
            "(niet meegeteld in het totaal)"
        )
    if year in budget.contract.indexation.settlement_catch_up:
        return "inhaal over het jaar zelf (definitieve tegen voorlopige cijfers)"
    if budget.year_index[k] is None:
        return "basisjaar: niet geïndexeerd, dus geen nacalculatie"
    return "geen nacalculatie: de index van dit jaar is opgegeven of aangenomen, niet voorlopig"
