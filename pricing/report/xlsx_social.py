"""The sheet "Maatschappelijk rendement": per task the estimated ratio of benefits to costs, its range
(or "niet bekend") and source, and the net present values as formulas on the ratios, which are inputs
on the Invoer sheet."""

from __future__ import annotations

from pricing.contract import ContractBudget
from pricing.finance import net_present_value
from pricing.report.xlsx_sheet import Sheet, SocialCells, letter
from pricing.report.xlsx_style import EUR, NUM, PCT
from pricing.social_return import CAVEAT, UNKNOWN_SPLIT, SocialReturn, range_note

SOCIAL_HEADER = [
    "Opgave",
    "Verhouding",
    "Ondergrens",
    "Bovengrens",
    "Bron verhouding",
    "Soort",
    "Baten gespreid over (jaren)",
    "Kosten (CW)",
    "Baten (CW, schatting)",
    "Baten bij ondergrens (CW, schatting)",
    "Baten bij bovengrens (CW, schatting)",
    "Saldo (CW, schatting)",
    "Saldo bij ondergrens (CW, schatting)",
    "Saldo bij bovengrens (CW, schatting)",
    "Aandeel gemeente in de baten",
    "Saldo gemeente (CW, schatting)",
]
NOT_KNOWN = "niet bekend"
ESTIMATE = "schatting"


def _social_inputs(inv: Sheet, budget: ContractBudget, estimates: tuple[SocialReturn, ...]) -> list[dict[str, str]]:
    """The social-return inputs on the Invoer sheet, per task: the ratio, the ends of its range (or that
    there is none: "niet bekend", not an input) and the municipality's share of the benefits when the
    task splits them; returns each task's addresses."""
    inv.row += 1
    inv.header(inv.row, ["Maatschappelijk rendement (schatting): verhouding per opgave", "Waarde", "Bron"])
    inv.row += 1
    number = {task.name: k for k, task in enumerate(budget.contract.tasks, start=1)}
    out = []
    for sr in estimates:
        k = number[sr.task]
        path = f"contract.tasks[{k}].social_return"
        refs = {
            "ratio": inv.input_row(
                f"sr{k}_ratio", f"{sr.task}: verhouding baten / kosten (schatting)", sr.ratio, NUM, sr.source
            )
        }
        range_source = sr.own_source.text if sr.own_source is not None else ""
        for end, value, label in (("low", sr.ratio_low, "ondergrens"), ("high", sr.ratio_high, "bovengrens")):
            if value is None:
                inv.text(inv.row, 1, f"{sr.task}: {label} van de verhouding")
                inv.text(inv.row, 2, NOT_KNOWN)
                inv.text(inv.row, 3, "geen bandbreedte opgegeven; de spreiding staat niet in de bronnen van dit model")
                inv.row += 1
            else:
                refs[end] = inv.input_row(
                    f"sr{k}_{end}", f"{sr.task}: {label} van de verhouding (schatting)", value, NUM, range_source
                )
        if sr.split_given:
            refs["gemeente"] = inv.input_row(
                f"sr{k}_gemeente",
                f"{sr.task}: aandeel van de gemeente in de baten",
                sr.shares.get("gemeente", 0.0),
                PCT,
                f"scenario ({path}.split.gemeente)",
            )
        out.append(refs)
    return out


def fill_social(
    ss: Sheet, inv: Sheet, budget: ContractBudget, estimates: tuple[SocialReturn, ...], discount: str
) -> dict[str, SocialCells]:
    """The sheet "Maatschappelijk rendement": per task the ratio, its range and source (all labelled an
    estimate) and the net present values of costs and benefits as live formulas on the Invoer ratios;
    below, per task and year the costs (the budget's, in base-year prices) and the benefits. Returns
    the cells of each task's row."""
    refs = _social_inputs(inv, budget, estimates)
    for col, width in zip("ABCDEFGHIJKLMNOP", (30, 12, 12, 12, 60, 11, 12, 16, 16, 16, 16, 16, 16, 16, 12, 18)):
        ss.width(col, width)
    ss.text(1, 1, "Maatschappelijk rendement per opgave (schatting)", bold=True)
    ss.text(2, 1, CAVEAT)
    ss.text(
        3,
        1,
        f"CW: contante waarde in prijzen van {budget.base_year}, met de reële discontovoet van het contract "
        "(Invoer), eerste jaar onverdisconteerd. De verhoudingen en bandbreedtes zijn invoer op het blad Invoer.",
    )
    head = 5
    ss.header(head, SOCIAL_HEADER)
    first_detail = head + len(estimates) + 3
    horizon = max(len(sr.years) for sr in estimates)
    ss.header(
        first_detail - 1, ["Opgave", "Reeks"] + [str(budget.years[0] + j) for j in range(horizon)] + ["Contante waarde"]
    )
    cells: dict[str, SocialCells] = {}
    for i, (sr, ref) in enumerate(zip(estimates, refs)):
        r = head + 1 + i
        d = first_detail + 3 * i  # the task's rows: costs, benefits per 1.00 of ratio, benefits
        n = len(sr.years)
        cols = [letter(3 + j) for j in range(n)]
        npv_col = letter(3 + horizon)

        def npv(row: int, cols: list[str] = cols) -> str:
            rest = f"+NPV({discount},{cols[1]}{row}:{cols[-1]}{row})" if len(cols) > 1 else ""
            return f"{cols[0]}{row}{rest}"

        unit = [sum(sr.costs[max(0, j - sr.benefit_years + 1) : j + 1]) / sr.benefit_years for j in range(n)]
        ss.text(d, 1, sr.task)
        ss.text(d, 2, f"Kosten (prijzen {sr.price_year}, uit de begroting)")
        ss.text(d + 1, 2, "Baten per 1,00 verhouding (kosten gespreid)")
        ss.text(d + 2, 2, "Baten (schatting)")
        for j, col in enumerate(cols):
            ss.value(d, 3 + j, sr.costs[j], EUR)
            window = f"{cols[max(0, j - sr.benefit_years + 1)]}{d}:{col}{d}"
            ss.formula(d + 1, 3 + j, f"SUM({window})/$G${r}", EUR, value=unit[j])
            ss.formula(d + 2, 3 + j, f"{ref['ratio']}*{col}{d + 1}", EUR, value=sr.benefits[j])
        unit_npv = net_present_value(sr.discount_rate, unit)  # the engine's NPV over this sheet-only row
        ss.formula(d, 3 + horizon, npv(d), EUR, value=sr.npv_costs)
        ss.formula(d + 1, 3 + horizon, npv(d + 1), EUR, value=unit_npv)
        ss.formula(d + 2, 3 + horizon, npv(d + 2), EUR, value=sr.npv_benefits)
        costs, benefits, per_unit = f"{npv_col}{d}", f"{npv_col}{d + 2}", f"{npv_col}{d + 1}"

        ss.text(r, 1, sr.task)
        ss.formula(r, 2, ref["ratio"], NUM, value=sr.ratio)
        ss.text(r, 5, sr.source)
        ss.text(r, 6, ESTIMATE)
        ss.value(r, 7, sr.benefit_years, "0")
        ss.formula(r, 8, costs, EUR, value=sr.npv_costs)
        ss.formula(r, 9, benefits, EUR, value=sr.npv_benefits)
        ss.formula(r, 12, f"I{r}-H{r}", EUR, value=sr.net)
        ends = (
            (3, 10, 13, "low", sr.ratio_low, sr.npv_benefits_low),
            (4, 11, 14, "high", sr.ratio_high, sr.npv_benefits_high),
        )
        for ratio_col, benefit_col, net_col, end, ratio, npv_end in ends:
            if ratio is None or npv_end is None:
                for c in (ratio_col, benefit_col, net_col):
                    ss.text(r, c, NOT_KNOWN)
                continue
            ss.formula(r, ratio_col, ref[end], NUM, value=ratio)
            ss.formula(r, benefit_col, f"{ref[end]}*{per_unit}", EUR, value=npv_end)
            ss.formula(r, net_col, f"{letter(benefit_col)}{r}-H{r}", EUR, value=npv_end - sr.npv_costs)
        if sr.municipality_net is None:
            ss.text(r, 15, "onbekend")
            ss.text(r, 16, "onbekend: geen verdeling over partijen")
        else:
            ss.formula(r, 15, ref["gemeente"], PCT, value=sr.shares.get("gemeente", 0.0))
            ss.formula(r, 16, f"O{r}*I{r}-H{r}", EUR, value=sr.municipality_net)
        cells[sr.task] = SocialCells(row=r, costs=f"C{d}", benefits=f"C{d + 2}")
    r = first_detail + 3 * len(estimates) + 1
    for note in (range_note(estimates), UNKNOWN_SPLIT if any(sr.municipality_net is None for sr in estimates) else ""):
        if note:
            ss.text(r, 1, note)
            r += 1
    ss.ws.freeze_panes(head, 1)
    return cells
