"""The cost-price chain (docs/methode.md section 3), per staff line and for the team.

Salary -> IKB, irregular hours, career budget -> employer premiums, pension, other personnel costs
= personnel cost per FTE -> productivity correction -> overhead, material and reporting costs
= cost price -> risk, innovation and reserve build-up = realistic tariff per billable hour.

Each step is a small function of amounts and rates, in the module of its part of the chain: the
rates of the date (:mod:`pricing.chain_rates`, looked up once per scenario date into
:class:`Rates`, so the same numbers, with their sources, are used for every line and listed in the
result), the salaries from the CAO table (:mod:`pricing.salary_lookup`), salary to personnel cost
(:mod:`pricing.personnel_cost`), the hours (:mod:`pricing.hours`), direct cost to tariff per hour
(:mod:`pricing.hourly_chain`), the reserve build-up (:mod:`pricing.reserve`) and the used values
(:mod:`pricing.used_values`). This module runs them: :func:`compute` returns one frozen
:class:`CostPriceResult` that the app, the tariff check, the PDF and the spreadsheet all read, and
it re-exports the names the chain's readers import from here.
"""

from __future__ import annotations

import datetime as dt

from msgspec.structs import replace

from pricing.chain_rates import Rates, lookup_rates
from pricing.hourly_chain import hourly_chain
from pricing.hours import Hours, line_hours, productive_hours
from pricing.model.scenario import Norms, Scenario, StaffLine
from pricing.money import format_date_nl
from pricing.parameters import ParameterBook, load_parameter_book
from pricing.personnel_cost import (
    PersonnelCost,
    cost_key,
    holiday_allowance,
    organisation_cao_costs,
    ort_cap_text,
    pension_base,
    personnel_cost,
    year_end_payment,
)
from pricing.rate_parameters import RATE_PARAMETERS
from pricing.record import Record
from pricing.reserve import ReserveBuildUp, reserve_build_up
from pricing.salary_lookup import (
    january_salary,
    ort_cap_salary,
    pension_on_the_date_text,
    salary_for,
    uncapped_ort_text,
)
from pricing.used_values import (
    NORM_LABELS,
    PENSIONABLE_ALLOWANCES_SOURCE,
    UsedValue,
    norm_values,
    reserve_used,
    used_values,
)

# What the chain's readers (pricing/, ui/, tests/, bench/) import from here: the result types and
# compute, and the names of the chain's modules they read.
__all__ = [
    "NORM_LABELS",
    "PENSIONABLE_ALLOWANCES_SOURCE",
    "RATE_PARAMETERS",
    "CostPriceResult",
    "Hours",
    "LineResult",
    "PersonnelCost",
    "Rates",
    "ReserveBuildUp",
    "TeamResult",
    "UsedValue",
    "compute",
    "holiday_allowance",
    "norm_values",
    "pension_base",
    "personnel_cost",
    "productive_hours",
    "with_productive_hours",
    "year_end_payment",
]


class LineResult(Record, frozen=True):
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


class TeamResult(Record, frozen=True):
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


class CostPriceResult(Record, frozen=True):
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


# One staff line's personnel cost with the line and its own warnings.
Personnel = tuple[StaffLine, PersonnelCost, tuple[str, ...]]


def compute(scenario: Scenario, book: ParameterBook | None = None) -> CostPriceResult:
    """Run the chain for every staff line and the team."""
    book = book or load_parameter_book()
    if scenario.forecast is not None:
        book = scenario.forecast.apply(book)
    on = scenario.date
    norms = scenario.norms
    rates, rate_values = lookup_rates(book, on, scenario.whk_pct)
    hours = productive_hours(norms)
    cap = ort_cap_salary(book, on, rates)
    personnel, warnings = _personnel(scenario, book, rates, cap)
    overhead_pct, convention, overhead_source = _overhead(norms, personnel)

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
        cost_base = sum(l.fte * l.cost_price_per_hour * l.hours.billable for l in lines)
        staff_budget = sum(l.budget for l in lines)
        reserve, said = reserve_build_up(norms.reserve, cost_base, staff_budget, scenario.activity_budget)
        if said is not None:
            warnings.append(said)
        if reserve.surcharge:
            lines = build(reserve.surcharge)

    warnings.extend(_scenario_warnings(scenario, book))
    used = used_values(scenario, book, rate_values, overhead_source) + reserve_used(scenario, reserve)
    return CostPriceResult(
        scenario=scenario,
        date=on,
        rates=rates,
        hours=hours,
        lines=lines,
        team=_team(lines, scenario.activity_budget),
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


def _personnel(
    scenario: Scenario, book: ParameterBook, rates: Rates, cap: float | None
) -> tuple[list[Personnel], list[str]]:
    """Steps 1-8 for every staff line, and the result's warnings so far, each once: the ORT cap
    unknown, each line's own (salary floor, the ORT cap lowering its ORT), the pension base on the
    date's salary."""
    norms = scenario.norms
    personnel: list[Personnel] = []
    warnings: list[str] = []
    seen: set[str] = set()  # the warnings so far, for a constant-time check (a line can bring its own)
    org_per_fte = organisation_cao_costs(norms, sum(l.fte for l in scenario.staff))
    # Lines equal in what the personnel cost reads share it (and the ORT-cap text after the
    # function's name): an organisation of 2,000 lines has a few hundred distinct ones.
    costs: dict[tuple[object, ...], tuple[PersonnelCost, str | None]] = {}
    full_mode = norms.flat_oncost_pct is None  # simple mode has neither ORT nor a pension of its own
    if cap is None and full_mode and any(l.irregular_pct for l in scenario.staff):
        warnings.append(uncapped_ort_text(book, scenario.date, rates))
    january_unknown = False
    for line in scenario.staff:
        monthly, source, line_warnings = salary_for(line, book, scenario.date, rates)
        january = january_salary(line, book, scenario.date, rates, monthly)
        january_unknown = january_unknown or january is None
        key = (*cost_key(line), monthly, source, january)
        known = costs.get(key)
        if known is None:
            cost = personnel_cost(
                line, monthly, source, rates, norms, scenario.employer_large, cap, january, org_per_fte
            )
            known = costs[key] = (cost, ort_cap_text(cost, rates))
        cost, bites = known
        if bites:
            line_warnings = line_warnings + (f"{line.function}: {bites}",)
        for w in line_warnings:
            if w not in seen:
                seen.add(w)
                warnings.append(w)
        personnel.append((line, cost, line_warnings))
    if january_unknown and full_mode:
        warnings.append(pension_on_the_date_text(book, scenario.date))
    return personnel, warnings


def _overhead(norms: Norms, personnel: list[Personnel]) -> tuple[float, str, str]:
    """The overhead percentage, its convention and where it comes from: the cost lines over the
    direct personnel cost (a mark-up), or the norms' percentage with its convention."""
    if norms.overhead_lines:
        direct_total = sum(line.fte * cost.personnel_cost_per_fte for line, cost, _ in personnel)
        return sum(l.amount for l in norms.overhead_lines) / direct_total, "markup", "kostenregels"
    # Norms without overhead lines have a percentage (validate_scenario refuses them otherwise).
    assert norms.overhead_pct is not None
    return norms.overhead_pct, norms.overhead_convention, "percentage"


def _team(lines: tuple[LineResult, ...], activity_budget: float) -> TeamResult:
    total_fte = sum(l.fte for l in lines)
    total_hours = sum(l.fte * l.hours.billable for l in lines)
    staff_budget = sum(l.budget for l in lines)
    return TeamResult(
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
        activity_budget=activity_budget,
        annual_budget=staff_budget + activity_budget,
    )


def _weighted(lines: tuple[LineResult, ...], attribute: str, total_hours: float) -> float:
    # ``attribute`` names one of LineResult's per-hour amounts (getattr is untyped)
    weighted: float = sum(getattr(l, attribute) * l.fte * l.hours.billable for l in lines) / total_hours
    return weighted


def _scenario_warnings(scenario: Scenario, book: ParameterBook) -> list[str]:
    """The warnings about the scenario as a whole: ORT in simple mode, and table salaries on a
    date after the last known CAO rise."""
    warnings = []
    if scenario.norms.flat_oncost_pct is not None and any(l.irregular_pct for l in scenario.staff):
        warnings.append(
            "Eenvoudige modus: de onregelmatigheidstoeslag per regel wordt niet apart berekend; hij moet in het opslagpercentage zitten."
        )
    table = book.salary
    if (
        any(l.monthly_salary is None for l in scenario.staff)
        and table.rises
        and scenario.date >= table.rises[-1].effective
    ):
        warnings.append(
            f"Salarissen uit de cao-tabel van {format_date_nl(table.effective)} met de bekende verhogingen tot en met "
            f"{format_date_nl(table.rises[-1].effective)}; de cao loopt tot {format_date_nl(table.covered_until)} en latere "
            f"cao-verhogingen zijn onbekend. Controleer of er een nieuwere tabel is."
        )
    return warnings


def with_productive_hours(scenario: Scenario, productive: float) -> Scenario:
    """The same scenario with the productive hours per FTE set directly (other norms unchanged)."""
    norms = replace(scenario.norms, hours=None, productivity=None, productive_hours=productive)
    return replace(scenario, norms=norms)
