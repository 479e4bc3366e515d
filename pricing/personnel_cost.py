"""Per FTE of one staff line, salary to personnel cost (docs/methode.md sections 3.1-3.8): salary,
IKB, irregular hours (ORT), career budget, employer premiums, pension and other personnel costs,
each a small function of amounts and :class:`~pricing.chain_rates.Rates`, and
:func:`personnel_cost` that runs them in order.
"""

from __future__ import annotations

from msgspec.structs import replace

from pricing.chain_rates import Rates, rates_variant
from pricing.model.scenario import Norms, StaffLine
from pricing.money import format_eur
from pricing.record import Record


class PersonnelCost(Record, frozen=True):
    """Annual amounts per full-time FTE of one staff line (docs/methode.md sections 3.1-3.8)."""

    monthly_salary: float
    salary_source: str  # "cao-tabel" or "eigen opgave"
    hourly_wage: float
    annual_salary: float
    holiday_allowance: float
    year_end_payment: float
    ikb_extra: float
    ikb_health: float
    ikb: float
    irregular: float
    career_budget: float
    premium_wage: float
    premium_rate: float
    employer_premiums: float
    pension_base: float
    pension_op: float
    pension_ap: float
    pension_wia: float
    pension: float
    other_personnel: float
    personnel_cost_per_fte: float
    flat_oncost: float  # simple mode only; 0 otherwise
    # Arbeidsmarkttoeslag middeninkomens inside annual_salary (CAO art. 6.6); 0 where it does not apply.
    labour_market_allowance: float = 0.0
    labour_market_pct: float = 0.0
    # ORT before the cap of CAO art. 6.12 (at most the wage of scale 5 step 11); ``irregular`` is after it.
    irregular_uncapped: float = 0.0
    ort_cap_salary: float | None = None  # the annual salary ORT is paid over at most, on this line
    sector_levy: float = 0.0  # FCB levy, inside employer_premiums
    pension_salary: float = 0.0  # S at the salary of 1 January (PFZW), the pension base's salary
    persons_per_fte: float = 1.0  # headcount / FTE (health contribution and premium cap per person)
    org_cao_costs: float = 0.0  # union-fee reimbursement and internship pay, organisation total / FTE


def annual_salary(monthly: float, labour_market_pct: float = 0.0) -> float:
    """S = 12 x M x (1 + toeslag): the monthly salary is paid 12 times a year, and the
    arbeidsmarkttoeslag middeninkomens (CAO art. 6.6) counts as salary on a primary-process line."""
    return 12.0 * monthly * (1.0 + labour_market_pct)


def labour_market_pct(line: StaffLine, rates: Rates) -> float:
    """The arbeidsmarkttoeslag middeninkomens for a line (CAO art. 6.6): 1.13 % of the salary for
    functions in the primary process in scales 4 to 9; a line that says it is not primary process
    gets none. Without a statement a line in those scales is primary process."""
    in_scales = rates.labour_market_lowest_scale <= line.scale <= rates.labour_market_highest_scale
    primary = line.primary_process if line.primary_process is not None else True
    return rates.labour_market_pct if in_scales and primary else 0.0


def holiday_allowance(salary: float, rates: Rates) -> float:
    """VT = 0.08 x S (IKB, CAO art. 4.2)."""
    return rates.holiday_pct * salary


def year_end_payment(salary: float, holiday: float, rates: Rates) -> float:
    """EJU = 0.083 x (S + VT) (IKB, CAO art. 4.2)."""
    return rates.year_end_pct * (salary + holiday)


def ikb_extra(salary: float, holiday: float, rates: Rates) -> float:
    """X = 0.001 x (S + VT) (IKB, CAO art. 4.2)."""
    return rates.ikb_extra_pct * (salary + holiday)


def irregular_allowance(salary: float, irregular_pct: float, cap: float | None = None) -> float:
    """ORT = organisation-average irregular-hours percentage x min(S, S_cap) (CAO art. 6.12 A.3:
    paid over at most the hourly wage of scale 5 step 11; ``cap`` is that wage per year, times the
    arbeidsmarkttoeslag on a line that has it)."""
    return irregular_pct * (salary if cap is None else min(salary, cap))


def career_budget(salary: float, holiday: float, year_end: float, irregular: float, rates: Rates) -> float:
    """LBB = 0.015 x (S + VT + EJU + ORT) (CAO art. 3.3)."""
    return rates.career_pct * (salary + holiday + year_end + irregular)


def premium_rate(rates: Rates, contract: str, employer_large: bool) -> float:
    """AWf (by contract) + Aof (by employer size) + Whk + childcare levy + Zvw employer levy."""
    awf = rates.awf_permanent if contract == "permanent" else rates.awf_flexible
    aof = rates.aof_large if employer_large else rates.aof_small
    return awf + aof + rates.whk + rates.childcare + rates.zvw


def premium_wage(salary: float, ikb: float, irregular: float, rates: Rates, persons_per_fte: float = 1.0) -> float:
    """Wage for social insurance SV = S + IKB + ORT per FTE, capped at the maximum premium wage per
    person: each of the line's persons earns SV x FTE / persons, capped, scaled back to the FTE."""
    return min(salary + ikb + irregular, rates.max_premium_wage * persons_per_fte)


def sector_levy(salary: float, ikb: float, irregular: float, rates: Rates) -> float:
    """FCB levy = 0.086 % of the wage bill S + IKB + ORT (Cao FCB; counted with the premiums)."""
    return rates.fcb_pct * (salary + ikb + irregular)


def health_contribution(rates: Rates, persons_per_fte: float) -> float:
    """IKB health contribution per FTE: EUR 10 a month per employee regardless of hours (CAO art.
    4.2 A.5), so EUR 120 x persons / FTE."""
    return rates.ikb_health * persons_per_fte


def pension_base(
    salary: float, holiday: float, year_end: float, irregular: float, rates: Rates, allowances_pensionable: bool
) -> float:
    """B = min(S + VT + EJU + ORT, max pensionable salary); with allowances not pensionable, min(S, max)."""
    base = salary + holiday + year_end + irregular if allowances_pensionable else salary
    return min(base, rates.max_pensionable)


def pension_employer(
    base: float, rates: Rates, entry_step: int | None, uncapped_base: float | None = None
) -> tuple[float, float, float]:
    """Employer pension premiums (OP/NP share, AP, WIA-excedent) for pension base B (PFZW).

    OP/NP: share x OP x (B - franchise), scaled by the entry-scheme fraction when an entry step is
    given; AP (until 2025): AP x (B - AP franchise), all employer; WIA-excedent (from 2026):
    rate x employer share x (pensionable salary - threshold), over the whole pensionable salary
    above the threshold: PFZW sets no cap at the maximum pensionable salary for this premium, so
    it uses ``uncapped_base`` (B before the maximum) when given.
    """
    fraction = rates.entry_fractions[entry_step - 1] if entry_step else 1.0
    op = fraction * rates.pension_share * rates.op_np * max(base - rates.franchise, 0.0)
    ap = rates.ap * max(base - rates.ap_franchise, 0.0) if rates.ap else 0.0
    wia_base = base if uncapped_base is None else uncapped_base
    wia = rates.wia * rates.wia_share * max(wia_base - rates.wia_threshold, 0.0) if rates.wia else 0.0
    return op, ap, wia


def organisation_cao_costs(norms: Norms, total_fte: float) -> float:
    """Organisation-level CAO costs per FTE: the union-fee reimbursement (CAO 2025-2027, article
    on the union fee) and internship pay (a right from 1 January 2026), as the organisation's
    yearly amounts the user fills in, spread over its FTE. No default amount: 0 until given."""
    amount = norms.union_fee_reimbursement + norms.internship_pay
    return amount / total_fte if total_fte > 0 else 0.0


def personnel_cost(
    line: StaffLine,
    monthly: float,
    salary_source: str,
    rates: Rates,
    norms: Norms,
    employer_large: bool,
    ort_cap: float | None = None,
    january_monthly: float | None = None,
    org_per_fte: float = 0.0,
) -> PersonnelCost:
    """Steps 1-8 for one full-time FTE of a staff line; ``ort_cap`` is
    :func:`pricing.salary_lookup.ort_cap_salary`, ``january_monthly`` the monthly salary of 1 January
    of the year (the pension base, PFZW)."""
    lma_pct = labour_market_pct(line, rates)
    per_person = (line.persons / line.fte) if line.persons is not None else 1.0
    salary = annual_salary(monthly, lma_pct)
    lma = salary - annual_salary(monthly)
    hourly = monthly / rates.monthly_factor
    if norms.flat_oncost_pct is not None:
        # Simple mode: one on-cost percentage replaces IKB, ORT, LBB, premiums, pension and other.
        oncost = salary * norms.flat_oncost_pct
        return PersonnelCost(
            monthly_salary=monthly,
            salary_source=salary_source,
            hourly_wage=hourly,
            annual_salary=salary,
            holiday_allowance=0.0,
            year_end_payment=0.0,
            ikb_extra=0.0,
            ikb_health=0.0,
            ikb=0.0,
            irregular=0.0,
            career_budget=0.0,
            premium_wage=0.0,
            premium_rate=0.0,
            employer_premiums=0.0,
            pension_base=0.0,
            pension_op=0.0,
            pension_ap=0.0,
            pension_wia=0.0,
            pension=0.0,
            other_personnel=0.0,
            personnel_cost_per_fte=salary + oncost + org_per_fte,
            flat_oncost=oncost,
            labour_market_allowance=lma,
            labour_market_pct=lma_pct,
            org_cao_costs=org_per_fte,
        )
    vt = holiday_allowance(salary, rates)
    eju = year_end_payment(salary, vt, rates)
    extra = ikb_extra(salary, vt, rates)
    health = health_contribution(rates, per_person)
    ikb = vt + eju + extra + health
    line_cap = None if ort_cap is None else ort_cap * (1.0 + lma_pct)
    ort = irregular_allowance(salary, line.irregular_pct, line_cap)
    ort_uncapped = irregular_allowance(salary, line.irregular_pct)
    lbb = career_budget(salary, vt, eju, ort, rates)
    sv = premium_wage(salary, ikb, ort, rates, per_person)
    rate = premium_rate(rates, line.contract, employer_large)
    levy = sector_levy(salary, ikb, ort, rates)
    premiums = sv * rate + levy
    # PFZW fixes the pensionable salary at 1 January: S, VT and EJU at that salary, ORT as it is.
    s_jan = annual_salary(january_monthly if january_monthly is not None else monthly, lma_pct)
    vt_jan = holiday_allowance(s_jan, rates)
    eju_jan = year_end_payment(s_jan, vt_jan, rates)
    base = pension_base(s_jan, vt_jan, eju_jan, ort, rates, norms.pensionable_allowances)
    uncapped = pension_base(
        s_jan,
        vt_jan,
        eju_jan,
        ort,
        rates_variant(rates, ("uncapped",), lambda: replace(rates, max_pensionable=float("inf"))),
        norms.pensionable_allowances,
    )
    op, ap, wia = pension_employer(base, rates, line.pension_entry_step, uncapped)
    pension = op + ap + wia
    other = norms.other_personnel_pct * salary
    total = salary + ikb + ort + lbb + premiums + pension + other + org_per_fte
    return PersonnelCost(
        monthly_salary=monthly,
        salary_source=salary_source,
        hourly_wage=hourly,
        annual_salary=salary,
        holiday_allowance=vt,
        year_end_payment=eju,
        ikb_extra=extra,
        ikb_health=health,
        ikb=ikb,
        irregular=ort,
        career_budget=lbb,
        premium_wage=sv,
        premium_rate=rate,
        employer_premiums=premiums,
        pension_base=base,
        pension_op=op,
        pension_ap=ap,
        pension_wia=wia,
        pension=pension,
        other_personnel=other,
        personnel_cost_per_fte=total,
        flat_oncost=0.0,
        labour_market_allowance=lma,
        labour_market_pct=lma_pct,
        irregular_uncapped=ort_uncapped,
        ort_cap_salary=line_cap,
        sector_levy=levy,
        pension_salary=s_jan,
        persons_per_fte=per_person,
        org_cao_costs=org_per_fte,
    )


def cost_key(line: StaffLine) -> tuple[object, ...]:
    """Every field of ``line`` that :func:`personnel_cost` reads (besides the salaries it is given):
    all but the function's name, and the FTE only where the headcount is given (persons per FTE)."""
    return (
        line.scale,
        line.step,
        line.contract,
        line.monthly_salary,
        line.irregular_pct,
        line.pension_entry_step,
        line.primary_process,
        line.persons,
        None if line.persons is None else line.fte,
    )


def ort_cap_text(cost: PersonnelCost, rates: Rates) -> str | None:
    """What follows a line's function in the warning that the ORT cap of CAO art. 6.12 lowers its
    irregular-hours allowance; None when it does not."""
    if cost.irregular + 0.005 >= cost.irregular_uncapped or cost.ort_cap_salary is None:
        return None
    return (
        f"de onregelmatigheidstoeslag wordt betaald over ten hoogste het loon van schaal "
        f"{int(rates.ort_cap_scale)} trede {int(rates.ort_cap_step)} (cao art. 6.12; {format_eur(cost.ort_cap_salary)} per jaar"
        f"{' met de arbeidsmarkttoeslag' if cost.labour_market_pct else ''}); het salaris ligt daarboven, dus "
        f"{format_eur(cost.irregular_uncapped - cost.irregular)} per FTE per jaar minder ORT dan over het eigen salaris."
    )
