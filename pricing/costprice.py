"""The cost-price chain (docs/methode.md section 3), per staff line and for the team.

Salary -> IKB, irregular hours, career budget -> employer premiums, pension, other personnel costs
= personnel cost per FTE -> productivity correction -> overhead, material and reporting costs
= cost price -> risk, innovation and reserve build-up = realistic tariff per billable hour.

Each step is a small function of amounts and rates; the rates are looked up once per scenario date
into :class:`Rates`, so the same numbers (with their sources) are used for every line and are
listed in the result. :func:`compute` returns one frozen :class:`CostPriceResult` that the app, the
tariff check, the PDF and the spreadsheet all read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypedDict

from pricing.model.scenario import Norms, Scenario, StaffLine
from pricing.ort_cap import cap_cell_problem
from pricing.parameters import (
    ParameterBook,
    ParameterFileError,
    ParameterNotCovered,
    ParameterValue,
    load_parameter_book,
    references_text,
)
from pricing.rate_parameters import RATE_PARAMETERS  # noqa: F401  (re-exported: readers use costprice.RATE_PARAMETERS)

# ----------------------------------------------------------------------------------------------
# Rates for one date


@dataclass(frozen=True)
class UsedValue:
    """A number the chain used, with where it came from."""

    key: str
    label: str
    value: object
    unit: str
    origin: str  # "parameter" (from pricing/parameters) or "scenario" (given by the user)
    status: str  # sourced | derived | assumption | scenario
    source: str
    effective: dt.date | None
    note: str = ""

    @classmethod
    def of_parameter(cls, pv: ParameterValue) -> UsedValue:
        """A parameter value used as the edition gives it."""
        return cls(
            pv.name, pv.description, pv.value, pv.unit, "parameter", pv.status, pv.source_text, pv.effective, pv.note
        )


# The pension base's allowances are a model choice, cited as such (docs/methode.md section 3.6).
PENSIONABLE_ALLOWANCES_SOURCE = (
    "Aanname van dit model: vakantietoeslag, eindejaarsuitkering en ORT tellen mee voor de "
    "pensioengrondslag, zoals PFZW uitlegt in 'Hoe bereken ik de pensioenpremie' op pfzw.nl; te "
    "bevestigen met het pensioenreglement van PFZW, dat niet openbaar te raadplegen was"
)


@dataclass(frozen=True)
class Rates:
    monthly_factor: float
    holiday_pct: float
    year_end_pct: float
    ikb_extra_pct: float
    ikb_health: float
    career_pct: float
    awf_permanent: float
    awf_flexible: float
    aof_large: float
    aof_small: float
    whk: float
    childcare: float
    zvw: float
    max_premium_wage: float
    op_np: float
    franchise: float
    pension_share: float
    ap: float
    ap_franchise: float
    wia: float
    wia_threshold: float
    wia_share: float
    max_pensionable: float
    entry_fractions: tuple[float, ...]
    floor_hourly: float
    minimum_wage_hourly: float
    labour_market_pct: float
    labour_market_lowest_scale: float
    labour_market_highest_scale: float
    ort_cap_scale: float
    ort_cap_step: float
    fcb_pct: float
    on_call_weekday_hours: float
    on_call_weekend_hours: float


def lookup_rates(
    book: ParameterBook, on: dt.date, whk_override: float | None = None
) -> tuple[Rates, tuple[ParameterValue, ...]]:
    """All statutory and CAO rates in force on ``on``, and the parameter values they came from."""
    found = {field: book.get(name, on) for field, name in RATE_PARAMETERS.items()}
    values = {field: pv.value for field, pv in found.items()}
    if whk_override is not None:
        values["whk"] = whk_override
    return Rates(**values), tuple(found.values())


# ----------------------------------------------------------------------------------------------
# Per FTE: salary to personnel cost


@dataclass(frozen=True)
class PersonnelCost:
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


def ort_cap_salary(book: ParameterBook, on: dt.date, rates: Rates) -> float | None:
    """S_cap = 12 x monthly salary of scale 5 step 11 at the date (CAO art. 6.12 A.3), or None when
    the table does not cover the date (a scenario of own salaries only; :func:`compute` then says
    that the ORT is uncapped). A cap cell the table lacks is the edition's fault and refused: an
    edition is checked when it loads (pricing.ort_cap), this holds a book built in code to it too."""
    table = book.salary
    scale, step = int(rates.ort_cap_scale), int(rates.ort_cap_step)
    missing = cap_cell_problem(table, scale, step)
    if missing is not None:
        raise ParameterFileError(
            f"'ort_cap_scale' en 'ort_cap_step' noemen schaal {scale} trede {step} als grens van de "
            f"onregelmatigheidstoeslag (cao art. 6.12), maar {missing}."
        )
    try:
        cell = table.lookup(scale, step, on, rates.monthly_factor)
    except ParameterNotCovered:
        return None
    return annual_salary(cell.monthly)


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
    """Steps 1-8 for one full-time FTE of a staff line; ``ort_cap`` is :func:`ort_cap_salary`,
    ``january_monthly`` the monthly salary of 1 January of the year (the pension base, PFZW)."""
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
        _rates_variant(rates, ("uncapped",), lambda: replace(rates, max_pensionable=float("inf"))),
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


# ----------------------------------------------------------------------------------------------
# Hours


@dataclass(frozen=True)
class Hours:
    """Hours per full-time FTE per year (docs/methode.md section 3.9)."""

    contract: float
    leave: float | None
    public_holidays: float | None
    sick: float | None
    training: float | None
    meetings: float | None
    productive: float
    billable: float
    method: str  # "uren", "productiviteit" or "productieve uren"
    billable_basis: str  # "productive" or "client_bound"
    vitality: float | None = None  # vitality hours (CAO art. 3.3), by the line's age band or the average
    on_call: float = 0.0  # paid free time for on-call duty (CAO art. 5.4 / 6.13)

    @property
    def productivity(self) -> float:
        return self.productive / self.contract

    @property
    def non_productive(self) -> float:
        return self.contract - self.productive


def productive_hours(norms: Norms) -> Hours:
    """Productive and billable hours per FTE from the hours breakdown, a productivity or a direct figure."""
    h = norms.hours
    if h is not None:
        method, contract, productive = "uren", h.contract, h.productive
    elif norms.productivity is not None:
        method, contract = "productiviteit", norms.contract_hours
        productive = contract * norms.productivity
    else:
        # The scenario's validation gives the norms an hours breakdown, a productivity or productive
        # hours (validate_scenario refuses norms with none of the three).
        assert norms.productive_hours is not None
        method, contract, productive = "productieve uren", norms.contract_hours, norms.productive_hours
    billable = productive * norms.client_bound_share if norms.billable == "client_bound" else productive
    return Hours(
        contract=contract,
        productive=productive,
        billable=billable,
        method=method,
        billable_basis=norms.billable,
        leave=h.leave if h is not None else None,
        public_holidays=h.public_holidays if h is not None else None,
        sick=h.sick_hours if h is not None else None,
        training=h.training if h is not None else None,
        meetings=h.meetings if h is not None else None,
        vitality=h.vitality if h is not None else None,
    )


def vitality_hours(line: StaffLine, default: float, book: ParameterBook, on: dt.date) -> float:
    """Vitality hours per FTE (CAO art. 3.3 A, the career budget's second part: paid time by age):
    the line's age band, or the organisation average when the line gives none."""
    if line.age_band is None:
        return default
    from pricing.scenario import VITALITY_PARAMETERS

    hours: float = book.value(VITALITY_PARAMETERS[line.age_band], on)  # a number (book.value is untyped)
    return hours


def on_call_hours(line: StaffLine, rates: Rates) -> float:
    """Paid free time for on-call duty per FTE per year (CAO art. 5.4 / 6.13): 1 h per weekday on
    call, 2 h per Saturday, Sunday or holiday."""
    return line.on_call_weekdays * rates.on_call_weekday_hours + line.on_call_weekend_days * rates.on_call_weekend_hours


def line_hours(line: StaffLine, base: Hours, norms: Norms, rates: Rates, book: ParameterBook, on: dt.date) -> Hours:
    """The organisation's hours with this line's vitality and on-call hours (hours breakdown only;
    a productivity or productive hours given directly already hold the organisation's average)."""
    if base.method != "uren":
        return base
    vitality = vitality_hours(line, base.vitality or 0.0, book, on)
    on_call = on_call_hours(line, rates)
    productive = base.productive + (base.vitality or 0.0) - vitality - on_call
    billable = productive * norms.client_bound_share if norms.billable == "client_bound" else productive
    return replace(base, productive=productive, billable=billable, vitality=vitality, on_call=on_call)


# ----------------------------------------------------------------------------------------------
# Per hour: direct cost to tariff


def overhead_per_hour(direct: float, pct: float, convention: str) -> float:
    """Overhead per hour: mark-up ``D x pct``, or share of integral cost ``D / (1 - pct) - D``."""
    if convention == "share":
        return direct / (1.0 - pct) - direct
    return direct * pct


@dataclass(frozen=True)
class LineResult:
    """One staff line through the whole chain; amounts per FTE per year or per billable hour."""

    function: str
    scale: int
    step: str
    fte: float
    contract: str
    irregular_pct: float
    cost: PersonnelCost
    hours: Hours
    direct_cost_per_hour: float
    overhead_per_hour: float
    material_per_hour: float
    reporting_per_hour: float
    cost_price_per_hour: float
    risk_innovation_per_hour: float
    reserve_per_hour: float
    tariff_per_hour: float
    price_per_fte: float
    budget: float  # fte x price per FTE
    warnings: tuple[str, ...]


class HourlyChain(TypedDict):
    """What :func:`hourly_chain` gives for one FTE: the per-hour steps and the price per FTE."""

    direct_cost_per_hour: float
    overhead_per_hour: float
    material_per_hour: float
    reporting_per_hour: float
    cost_price_per_hour: float
    risk_innovation_per_hour: float
    reserve_per_hour: float
    tariff_per_hour: float
    price_per_fte: float


def hourly_chain(
    personnel: float, hours: Hours, norms: Norms, overhead_pct: float, convention: str, reserve_pct: float
) -> HourlyChain:
    """Steps 10-15 for one FTE: direct cost, overhead, material, cost price, surcharges, tariff.

    Every per-hour amount is per *billable* hour (the chain's step 9 speaks of "productive hours"; with
    billable = productive the two are the same). Dividing by billable hours and multiplying the
    tariff by billable hours again makes the price per FTE recover every cost exactly, also when
    only client-bound hours are billed. ``reserve_pct`` is the reserve surcharge on the cost price.
    """
    direct = personnel / hours.billable
    overhead = overhead_per_hour(direct, overhead_pct, convention)
    material = norms.material_per_fte / hours.billable
    reporting = norms.reporting_per_fte / hours.billable
    cost_price = direct + overhead + material + reporting
    risk_innovation = cost_price * (norms.risk_pct + norms.innovation_pct)
    reserve = cost_price * reserve_pct
    tariff = cost_price + risk_innovation + reserve
    return HourlyChain(
        direct_cost_per_hour=direct,
        overhead_per_hour=overhead,
        material_per_hour=material,
        reporting_per_hour=reporting,
        cost_price_per_hour=cost_price,
        risk_innovation_per_hour=risk_innovation,
        reserve_per_hour=reserve,
        tariff_per_hour=tariff,
        price_per_fte=tariff * hours.billable,
    )


# ----------------------------------------------------------------------------------------------
# Team and result


@dataclass(frozen=True)
class TeamResult:
    """The staffing as a whole. Per-hour figures are weighted by FTE x billable hours."""

    total_fte: float
    billable_hours: float  # sum of FTE x billable hours per year
    personnel_cost: float  # sum of FTE x personnel cost per FTE
    direct_cost_per_hour: float
    overhead_per_hour: float
    material_per_hour: float
    reporting_per_hour: float
    cost_price_per_hour: float
    risk_innovation_per_hour: float
    reserve_per_hour: float
    tariff_per_hour: float
    price_per_fte: float  # staff budget / total FTE
    staff_budget: float
    activity_budget: float
    annual_budget: float


@dataclass(frozen=True)
class ReserveBuildUp:
    """Reserve build-up: the organisation's yearly need, of which this offer carries its share.

    With the organisation's whole turnover given, the surcharge on the cost price is need / turnover,
    so this offer carries the share of the need that its own cost base is of the turnover. Without a
    turnover the offer carries the whole need (the surcharge collects exactly the yearly amount)."""

    target: float
    current: float
    years: int
    annual_amount: float  # (target - current) / years, the organisation's yearly need
    surcharge: float  # on the cost price per hour
    turnover: float
    turnover_source: str  # "opgegeven" or "berekend"
    pct_of_turnover: float  # the annual amount as a share of turnover (a key figure to show)
    offer_amount: float = 0.0  # what this offer collects per year (= annual_amount without a turnover)
    whole_need: bool = True  # True when no turnover was given and this offer carries all of it


@dataclass(frozen=True)
class CostPriceResult:
    """Everything the chain computed for one scenario; read by every consumer, never recomputed."""

    scenario: Scenario
    date: dt.date
    rates: Rates
    hours: Hours
    lines: tuple[LineResult, ...]
    team: TeamResult
    overhead_pct: float
    overhead_convention: str
    overhead_source: str  # "percentage" or "kostenregels"
    reserve: ReserveBuildUp | None
    used: tuple[UsedValue, ...]
    warnings: tuple[str, ...]
    simple_mode: bool
    book: ParameterBook | None = None  # the edition (with the scenario's forecast) it was computed with
    # 12 x the monthly salary of scale 5 step 11 at the date (ORT cap, CAO art. 6.12), None if unknown.
    ort_cap_salary: float | None = None

    def with_staff(self, staff: tuple[StaffLine, ...]) -> CostPriceResult:
        """The same scenario priced with other staff lines (same date and edition), e.g. the steps a
        line reaches over the contract years (pricing.step_drift)."""
        return compute(replace(self.scenario, staff=tuple(staff)), self.book)


def wage_floor_hourly(rates: Rates) -> float:
    """The lowest hourly wage a table cell may pay: the CAO floor (EUR 14.00 from 1 January 2024)
    and never below the statutory minimum wage per hour (Wet minimumloon; Nedflex: "indien de
    loontabel uit de cao onder het wettelijk minimumloon is, dient het wettelijk minimumloon
    gehanteerd te worden")."""
    return max(rates.floor_hourly, rates.minimum_wage_hourly)


def _salary_for(line: StaffLine, book: ParameterBook, on: dt.date, rates: Rates) -> tuple[float, str, tuple[str, ...]]:
    if line.monthly_salary is not None:
        return line.monthly_salary, "eigen opgave", ()
    found = book.salary.lookup(line.scale, line.step, on, rates.monthly_factor)
    floor = wage_floor_hourly(rates)
    if found.hourly + 1e-9 < floor:
        which = "het wettelijk minimumloon" if rates.minimum_wage_hourly >= rates.floor_hourly else "het cao-bodemloon"
        warning = (
            f"{line.function} (schaal {line.scale} trede {line.step}): het cao-uurloon van "
            f"{_eur(found.hourly)} ligt op {_date(on)} onder {which} van {_eur(floor)} per uur; "
            f"gerekend met {_eur(floor)} per uur ({_eur(floor * rates.monthly_factor)} per maand)."
        )
        return (
            floor * rates.monthly_factor,
            "minimumloon" if "minimumloon" in which else "cao-bodem",
            found.warnings + (warning,),
        )
    source = "cao-tabel (afgeleide trede)" if found.status == "derived" else "cao-tabel"
    return found.monthly, source, found.warnings


# (id(rates), *key) -> (rates, its variant, what the key's other ids belong to)
_RATES_VARIANTS: dict[tuple[object, ...], tuple[Rates, Rates, tuple[object, ...]]] = {}


def _rates_variant(rates: Rates, key: tuple[object, ...], build: Callable[[], Rates], *keep: object) -> Rates:
    """``build()``, a variant of ``rates`` (dataclasses.replace), made once per rates object and
    ``key`` instead of once per staff line: replace on Rates costs more than the rest of a line's
    chain. Entries hold ``rates`` (and ``keep``), so the ids in the key stay theirs; at most 64."""
    full = (id(rates), *key)
    hit = _RATES_VARIANTS.get(full)
    if hit is None or hit[0] is not rates:
        if len(_RATES_VARIANTS) >= 64:
            _RATES_VARIANTS.clear()
        hit = (rates, build(), keep)
        _RATES_VARIANTS[full] = hit
    return hit[1]


def _january_salary(line: StaffLine, book: ParameterBook, on: dt.date, rates: Rates, monthly: float) -> float | None:
    """The monthly salary of 1 January of the year (PFZW fixes the pensionable salary then; a rise
    during the year counts from the next 1 January). From the table on 1 January (with the wage
    floor of that date); an own salary is taken back by the CAO rises after 1 January. None when
    the edition does not reach back to 1 January: the pension then rests on the date's salary,
    which :func:`compute` says."""
    january = dt.date(on.year, 1, 1)
    table = book.salary
    if line.monthly_salary is not None:
        factor = 1.0
        for rise in table.rises_on(on):
            if january < rise.effective <= on and rise.effective > table.effective:
                factor *= 1.0 + rise.pct
        return monthly / factor
    try:
        jan_rates = _rates_variant(
            rates,
            ("january", id(book), january),
            lambda: replace(
                rates,
                floor_hourly=book.value("floor_hourly", january),
                minimum_wage_hourly=book.value("statutory_minimum_wage_hourly", january),
            ),
            book,
        )
        return _salary_for(line, book, january, jan_rates)[0]
    except ParameterNotCovered:  # the table, floor or minimum wage starts after 1 January
        return None


def reserve_need(target: float, current: float, years: int) -> float:
    """The organisation's yearly reserve need (target - current) / years; a reserve at or above
    its target needs nothing (docs/methode.md section 3.14)."""
    return max(target - current, 0.0) / years


def reserve_surcharge(annual: float, turnover: float | None, cost_base: float) -> float:
    """The reserve surcharge on the cost price: the yearly need divided by the organisation's whole
    turnover, so this offer carries its share; without a turnover the whole need over this offer's
    cost base (sum of FTE x billable hours x cost price), which collects exactly the yearly need."""
    return annual / turnover if turnover is not None else annual / cost_base


def _weighted(lines: tuple[LineResult, ...], attribute: str, total_hours: float) -> float:
    # ``attribute`` names one of LineResult's per-hour amounts (getattr is untyped)
    weighted: float = sum(getattr(l, attribute) * l.fte * l.hours.billable for l in lines) / total_hours
    return weighted


def compute(scenario: Scenario, book: ParameterBook | None = None) -> CostPriceResult:
    """Run the chain for every staff line and the team."""
    book = book or load_parameter_book()
    if scenario.forecast is not None:
        book = scenario.forecast.apply(book)
    on = scenario.date
    norms = scenario.norms
    rates, rate_values = lookup_rates(book, on, scenario.whk_pct)
    hours = productive_hours(norms)

    personnel = []
    warnings: list[str] = []
    seen: set[str] = set()  # the warnings so far, for a constant-time check (a line can bring its own)
    cap = ort_cap_salary(book, on, rates)
    org_per_fte = organisation_cao_costs(norms, sum(l.fte for l in scenario.staff))
    # Lines equal in what the personnel cost reads share it (and the ORT-cap text after the
    # function's name): an organisation of 2,000 lines has a few hundred distinct ones.
    costs: dict[tuple[object, ...], tuple[PersonnelCost, str | None]] = {}
    full_mode = norms.flat_oncost_pct is None  # simple mode has neither ORT nor a pension of its own
    if cap is None and full_mode and any(l.irregular_pct for l in scenario.staff):
        warnings.append(_uncapped_ort_text(book, on, rates))
    january_unknown = False
    for line in scenario.staff:
        monthly, source, line_warnings = _salary_for(line, book, on, rates)
        january = _january_salary(line, book, on, rates, monthly)
        january_unknown = january_unknown or january is None
        key = (*_cost_key(line), monthly, source, january)
        known = costs.get(key)
        if known is None:
            cost = personnel_cost(
                line, monthly, source, rates, norms, scenario.employer_large, cap, january, org_per_fte
            )
            known = costs[key] = (cost, _ort_cap_text(cost, rates))
        cost, bites = known
        if bites:
            line_warnings = line_warnings + (f"{line.function}: {bites}",)
        for w in line_warnings:
            if w not in seen:
                seen.add(w)
                warnings.append(w)
        personnel.append((line, cost, line_warnings))

    if january_unknown and full_mode:
        warnings.append(_pension_on_the_date_text(book, on))
    if norms.overhead_lines:
        direct_total = sum(line.fte * cost.personnel_cost_per_fte for line, cost, _ in personnel)
        overhead_pct = sum(l.amount for l in norms.overhead_lines) / direct_total
        convention, overhead_source = "markup", "kostenregels"
    else:
        # Norms without overhead lines have a percentage (validate_scenario refuses them otherwise).
        assert norms.overhead_pct is not None
        overhead_pct, convention, overhead_source = norms.overhead_pct, norms.overhead_convention, "percentage"

    # Lines with the same age band and on-call days have the same hours.
    hours_of: dict[tuple[str | None, float, float], Hours] = {}

    def build(reserve_pct: float) -> tuple[LineResult, ...]:
        built = []
        for line, cost, line_warnings in personnel:
            hours_key = (line.age_band, line.on_call_weekdays, line.on_call_weekend_days)
            own = hours_of.get(hours_key)
            if own is None:
                own = hours_of[hours_key] = line_hours(line, hours, norms, rates, book, on)
            per_hour = hourly_chain(cost.personnel_cost_per_fte, own, norms, overhead_pct, convention, reserve_pct)
            built.append(
                LineResult(
                    function=line.function,
                    scale=line.scale,
                    step=line.step,
                    fte=line.fte,
                    contract=line.contract,
                    irregular_pct=line.irregular_pct,
                    cost=cost,
                    hours=own,
                    budget=line.fte * per_hour["price_per_fte"],
                    warnings=line_warnings,
                    **per_hour,
                )
            )
        return tuple(built)

    lines = build(0.0)
    reserve = None
    if norms.reserve is not None:
        r = norms.reserve
        annual = reserve_need(r.target, r.current, r.years)
        cost_base = sum(l.fte * l.cost_price_per_hour * l.hours.billable for l in lines)
        surcharge = reserve_surcharge(annual, r.turnover, cost_base)
        if r.turnover is not None:
            turnover, turnover_source = r.turnover, "opgegeven"
        else:
            turnover = sum(l.budget for l in lines) + scenario.activity_budget + annual
            turnover_source = "berekend"
        if r.target <= r.current:
            warnings.append(
                "De huidige reserve is al gelijk aan of hoger dan het doel: geen opslag voor reserveopbouw."
            )
        elif r.turnover is None:
            warnings.append(
                f"Reserveopbouw zonder jaaromzet: deze offerte draagt de hele jaarlijkse reservebehoefte van "
                f"{_eur(annual)}. Geef de jaaromzet van de hele organisatie op, dan draagt de offerte alleen haar "
                f"aandeel (behoefte / omzet als opslag op de kostprijs)."
            )
        reserve = ReserveBuildUp(
            r.target,
            r.current,
            r.years,
            annual,
            surcharge,
            turnover,
            turnover_source,
            annual / turnover,
            offer_amount=surcharge * cost_base,
            whole_need=r.turnover is None,
        )
        if surcharge:
            lines = build(surcharge)

    total_fte = sum(l.fte for l in lines)
    total_hours = sum(l.fte * l.hours.billable for l in lines)
    staff_budget = sum(l.budget for l in lines)
    team = TeamResult(
        total_fte=total_fte,
        billable_hours=total_hours,
        personnel_cost=sum(l.fte * l.cost.personnel_cost_per_fte for l in lines),
        direct_cost_per_hour=_weighted(lines, "direct_cost_per_hour", total_hours),
        overhead_per_hour=_weighted(lines, "overhead_per_hour", total_hours),
        material_per_hour=_weighted(lines, "material_per_hour", total_hours),
        reporting_per_hour=_weighted(lines, "reporting_per_hour", total_hours),
        cost_price_per_hour=_weighted(lines, "cost_price_per_hour", total_hours),
        risk_innovation_per_hour=_weighted(lines, "risk_innovation_per_hour", total_hours),
        reserve_per_hour=_weighted(lines, "reserve_per_hour", total_hours),
        tariff_per_hour=staff_budget / total_hours,
        price_per_fte=staff_budget / total_fte,
        staff_budget=staff_budget,
        activity_budget=scenario.activity_budget,
        annual_budget=staff_budget + scenario.activity_budget,
    )
    if norms.flat_oncost_pct is not None and any(l.irregular_pct for l in scenario.staff):
        warnings.append(
            "Eenvoudige modus: de onregelmatigheidstoeslag per regel wordt niet apart berekend; hij moet in het opslagpercentage zitten."
        )
    if (
        any(l.monthly_salary is None for l in scenario.staff)
        and book.salary.rises
        and on >= book.salary.rises[-1].effective
    ):
        warnings.append(
            f"Salarissen uit de cao-tabel van {_date(book.salary.effective)} met de bekende verhogingen tot en met "
            f"{_date(book.salary.rises[-1].effective)}; de cao loopt tot {_date(book.salary.covered_until)} en latere "
            f"cao-verhogingen zijn onbekend. Controleer of er een nieuwere tabel is."
        )
    used = _used_values(scenario, book, rate_values, overhead_source) + _reserve_used(scenario, reserve)
    return CostPriceResult(
        scenario=scenario,
        date=on,
        rates=rates,
        hours=hours,
        lines=lines,
        team=team,
        overhead_pct=overhead_pct,
        overhead_convention=convention,
        overhead_source=overhead_source,
        reserve=reserve,
        used=used,
        warnings=tuple(warnings),
        simple_mode=norms.flat_oncost_pct is not None,
        book=book,
        ort_cap_salary=cap,
    )


def _cost_key(line: StaffLine) -> tuple[object, ...]:
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


def _ort_cap_text(cost: PersonnelCost, rates: Rates) -> str | None:
    """What follows a line's function in the warning that the ORT cap of CAO art. 6.12 lowers its
    irregular-hours allowance; None when it does not."""
    if cost.irregular + 0.005 >= cost.irregular_uncapped or cost.ort_cap_salary is None:
        return None
    return (
        f"de onregelmatigheidstoeslag wordt betaald over ten hoogste het loon van schaal "
        f"{int(rates.ort_cap_scale)} trede {int(rates.ort_cap_step)} (cao art. 6.12; {_eur(cost.ort_cap_salary)} per jaar"
        f"{' met de arbeidsmarkttoeslag' if cost.labour_market_pct else ''}); het salaris ligt daarboven, dus "
        f"{_eur(cost.irregular_uncapped - cost.irregular)} per FTE per jaar minder ORT dan over het eigen salaris."
    )


def _uncapped_ort_text(book: ParameterBook, on: dt.date, rates: Rates) -> str:
    """The warning that the ORT is paid over the whole salary because the table, which holds the cap
    of CAO art. 6.12, does not cover the date (a scenario of own salaries only)."""
    return (
        f"De grens van de onregelmatigheidstoeslag (cao art. 6.12: ten hoogste het loon van schaal "
        f"{int(rates.ort_cap_scale)} trede {int(rates.ort_cap_step)}) is op {_date(on)} niet bekend: de "
        f"cao-salaristabel van deze parametereditie geldt vanaf {_date(book.salary.first_date)}. De "
        f"onregelmatigheidstoeslag is daarom over het hele eigen salaris berekend; ligt dat boven die "
        f"grens, dan is de toeslag te hoog."
    )


def _pension_on_the_date_text(book: ParameterBook, on: dt.date) -> str:
    """The warning that the pension base rests on the date's salary, because the edition does not
    reach back to 1 January, the day PFZW fixes the pensionable salary."""
    return (
        f"Pensioen: PFZW rekent met het salaris van 1 januari {on.year}, maar deze parametereditie dekt "
        f"die dag niet (de cao-salaristabel geldt vanaf {_date(book.salary.first_date)}, of het bodemloon of "
        f"minimumloon ontbreekt daar). De pensioengrondslag is berekend met het salaris van {_date(on)}; "
        f"is het salaris sinds 1 januari gestegen, dan is het pensioen iets te hoog."
    )


def _date(value: dt.date) -> str:
    from pricing.money import format_date_nl

    return format_date_nl(value)


def _eur(value: float) -> str:
    from pricing.money import format_eur

    return format_eur(value)


NORM_LABELS = {
    "hours.contract": ("Contracturen per FTE per jaar", "hours_per_year"),
    "hours.leave": ("Verlofuren", "hours_per_year"),
    "hours.public_holidays": ("Feestdaguren", "hours_per_year"),
    "hours.sick_pct": ("Ziekteverzuim", "fraction"),
    "hours.training": ("Scholingsuren", "hours_per_year"),
    "hours.meetings": ("Overleg- en intervisie-uren", "hours_per_year"),
    "hours.vitality": ("Vitaliteitsuren (gemiddelde per FTE, cao art. 3.3)", "hours_per_year"),
    "productivity": ("Productiviteit", "fraction"),
    "productive_hours": ("Productieve uren per FTE", "hours_per_year"),
    "client_bound_share": ("Aandeel cliëntgebonden uren", "fraction"),
    "other_personnel_pct": ("Overige personeelskosten", "fraction"),
    "overhead.pct": ("Overhead", "fraction"),
    "material_per_fte": ("Materiële kosten per FTE", "eur_per_year"),
    "reporting_per_fte": ("Kosten gemeentelijke verplichtingen per FTE", "eur_per_year"),
    "union_fee_reimbursement": (
        "Vergoeding vakbondscontributie per jaar (organisatie; cao Sociaal Werk 2025-2027)",
        "eur_per_year",
    ),
    "internship_pay": (
        "Stagevergoeding per jaar (organisatie; recht op stagevergoeding vanaf 1 januari 2026)",
        "eur_per_year",
    ),
    "risk_pct": ("Opslag risico", "fraction"),
    "innovation_pct": ("Opslag innovatie", "fraction"),
    "flat_oncost_pct": ("Vaste opslag werkgeverslasten (eenvoudige modus)", "fraction"),
    "activity_budget": ("Activiteitenbudget per jaar", "eur_per_year"),
}


# Why these organisation-level costs are in the chain (the CAO article), shown with their value.
ORG_CAO_COSTS = {
    "union_fee_reimbursement": "Cao Sociaal Werk 2025-2027, artikel vakbondscontributie: de werkgever vergoedt vanaf 2026 "
    "de vakbondscontributie van leden.",
    "internship_pay": "Cao Sociaal Werk 2025-2027: recht op stagevergoeding vanaf 1 januari 2026.",
}


def norm_values(scenario: Scenario) -> dict[str, float]:
    """The scenario's norms as flat keys (the keys used in NORM_LABELS and the benchmark sets)."""
    n = scenario.norms
    values: dict[str, float] = {}
    if n.hours is not None:
        for key in ("contract", "leave", "public_holidays", "sick_pct", "training", "meetings", "vitality"):
            values[f"hours.{key}"] = getattr(n.hours, key)
    if n.productivity is not None:
        values["productivity"] = n.productivity
    if n.productive_hours is not None:
        values["productive_hours"] = n.productive_hours
    if n.billable == "client_bound":
        values["client_bound_share"] = n.client_bound_share
    if n.flat_oncost_pct is not None:
        values["flat_oncost_pct"] = n.flat_oncost_pct
    else:
        values["other_personnel_pct"] = n.other_personnel_pct
    if n.overhead_pct is not None:
        values["overhead.pct"] = n.overhead_pct
    values["material_per_fte"] = n.material_per_fte
    values["reporting_per_fte"] = n.reporting_per_fte
    values["union_fee_reimbursement"] = n.union_fee_reimbursement
    values["internship_pay"] = n.internship_pay
    values["risk_pct"] = n.risk_pct
    values["innovation_pct"] = n.innovation_pct
    values["activity_budget"] = scenario.activity_budget
    return values


def _counted_zero(key: str) -> str:
    """Why a norm the scenario left out, with no parameter behind it, counts 0: a CAO cost with no
    known amount (the user fills it in), or any other norm (not budgeted separately)."""
    if key in ORG_CAO_COSTS:
        return (
            ORG_CAO_COSTS[key]
            + " Geen standaardbedrag: niet opgegeven, dus 0; vul het bedrag van de eigen organisatie in."
        )
    return "Aanname van dit model: niet opgegeven in het scenario, dus 0 (niet apart begroot)"


def _used_values(
    scenario: Scenario, book: ParameterBook, rate_values: tuple[ParameterValue, ...], overhead_source: str
) -> tuple[UsedValue, ...]:
    used = []
    for key, value in norm_values(scenario).items():
        label, unit = NORM_LABELS[key]
        default = scenario.defaults.get(key)
        given = (
            key in scenario.given_norms
            or key.split(".")[0] in scenario.given_norms
            or (key == "activity_budget" and scenario.activity_budget_given)
        )
        if default is not None:
            used.append(
                UsedValue(
                    key,
                    label,
                    value,
                    unit,
                    "parameter",
                    default.status,
                    default.source_text,
                    default.effective,
                    default.note,
                )
            )
        elif not given:  # left out, with no parameter behind it: the model counts 0
            used.append(UsedValue(key, label, value, unit, "parameter", "assumption", _counted_zero(key), None))
        else:
            used.append(
                UsedValue(
                    key,
                    label,
                    value,
                    unit,
                    "scenario",
                    "scenario",
                    f"opgegeven in scenario '{scenario.name}'",
                    None,
                    scenario.deviation_reasons.get(key, ""),
                )
            )
    if scenario.norms.flat_oncost_pct is None:
        pensionable = scenario.norms.pensionable_allowances
        given = "pensionable_allowances" in scenario.given_norms
        used.append(
            UsedValue(
                "pensionable_allowances",
                "Vakantietoeslag, eindejaarsuitkering en ORT tellen mee voor het pensioen",
                "ja" if pensionable else "nee",
                "choice",
                "scenario" if given else "parameter",
                "scenario" if given else "assumption",
                f"opgegeven in scenario '{scenario.name}'" if given else PENSIONABLE_ALLOWANCES_SOURCE,
                None,
            )
        )
        for pv in rate_values:
            if scenario.whk_pct is not None and pv.name == "whk":
                used.append(
                    UsedValue(
                        "whk",
                        pv.description,
                        scenario.whk_pct,
                        pv.unit,
                        "scenario",
                        "scenario",
                        "eigen Whk-premie van de werkgever",
                        None,
                    )
                )
                continue
            used.append(UsedValue.of_parameter(pv))
    else:
        pv = next(p for p in rate_values if p.name == "monthly_hours_factor")
        used.append(UsedValue.of_parameter(pv))
    table = book.salary
    if any(l.monthly_salary is None for l in scenario.staff):
        used.append(
            UsedValue(
                "cao_salary_table",
                "CAO Sociaal Werk salaristabel (uurlonen)",
                _date(table.effective),
                "table",
                "parameter",
                table.status,
                references_text(table.references),
                table.effective,
                table.note,
            )
        )
        for rise in table.rises_on(scenario.date):
            contained = rise.effective <= table.effective
            taken_out = contained and scenario.date < rise.effective
            if taken_out or (not contained and rise.effective <= scenario.date):
                label = (
                    f"Cao-verhoging per {_date(rise.effective)} (al in de tabel; voor deze datum eruit gehaald)"
                    if taken_out
                    else f"Structurele cao-verhoging per {_date(rise.effective)}"
                )
                used.append(
                    UsedValue(
                        f"cao_rise_{rise.effective.isoformat()}",
                        label,
                        rise.pct,
                        "fraction",
                        "parameter",
                        rise.status,
                        references_text(rise.references),
                        rise.effective,
                        rise.note,
                    )
                )
        if any(
            l.monthly_salary is None and table.has_step(l.step) and l.step in table.derived_steps
            for l in scenario.staff
        ):
            used.append(
                UsedValue(
                    "cao_salary_above_step_8",
                    "Treden boven 8 en uitlooptreden U1/U2 (schalen 1-5)",
                    "volgende sport van de gedeelde ladder",
                    "table",
                    "parameter",
                    table.derived_status,
                    references_text(table.derived_references),
                    table.effective,
                    table.derived_note,
                )
            )
    return tuple(used)


def _reserve_used(scenario: Scenario, reserve: ReserveBuildUp | None) -> tuple[UsedValue, ...]:
    """The reserve inputs as used values, so the JSON, the PDF appendix and the xlsx list them."""
    if reserve is None:
        return ()
    given = f"opgegeven in scenario '{scenario.name}'"
    rows: list[tuple[str, str, object, str, str]] = [
        ("reserve.target", "Reserveopbouw: doelreserve", reserve.target, "eur", given),
        ("reserve.current", "Reserveopbouw: huidige reserve", reserve.current, "eur", given),
        ("reserve.years", "Reserveopbouw: in jaren", float(reserve.years), "count", given),
    ]
    if reserve.whole_need:
        rows.append(
            (
                "reserve.turnover",
                "Reserveopbouw: jaaromzet van de organisatie",
                "niet opgegeven",
                "choice",
                "niet opgegeven: deze offerte draagt de hele jaarlijkse behoefte",
            )
        )
    else:
        rows.append(
            ("reserve.turnover", "Reserveopbouw: jaaromzet van de organisatie", reserve.turnover, "eur_per_year", given)
        )
    return tuple(
        UsedValue(key, label, value, unit, "scenario", "scenario", source, None)
        for key, label, value, unit, source in rows
    )


def with_productive_hours(scenario: Scenario, productive: float) -> Scenario:
    """The same scenario with the productive hours per FTE set directly (other norms unchanged)."""
    norms = replace(scenario.norms, hours=None, productivity=None, productive_hours=productive)
    return replace(scenario, norms=norms)
