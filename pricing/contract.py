"""Task- and area-based contracts: the multi-year budget, and the contract file format.

The contract's types are in :mod:`pricing.model.contract`, its validation in
:mod:`pricing.contract_validation`, the indexation clause in :mod:`pricing.contract_indexation`,
the shown figures and field names in :mod:`pricing.contract_text`, the NPV in :mod:`pricing.finance`.

"Het nieuwe contracteren" (docs/methode.md section 6): agreements per societal task (opgave) and per area
(wijk), staffed with FTE per function from the scenario's staff table (or hours), plus activity
budgets, a funding variant, a term and an indexation clause. The budget rests on the prices the
cost-price chain computed (price per FTE and per billable hour per function); this module never
recomputes the chain, it multiplies those prices by the contract's quantities and index factors.

Indexation (docs/methode.md sections 5.4 and 6). The price level of the cost price is the calendar year of the scenario
date (the base year). Contract year k is priced at calendar year ``start.year + k``; every calendar
year after the base year is indexed on 1 January with

* the weighted provisional OVA/PPC figure of that year (``w_Y``), plus
* the catch-up for the previous year's gap between provisional and definitive figures (``c_Y``,
  ratio or additive), unless the clause says definitive figures change nothing (``none``).

That is VNG's provider index (``pricing.indexation.provider_index``). One clause option departs
from it on purpose: ``first_year_catch_up``. Default ``false``: the first index year after the base
year gets no catch-up, because the base price is built bottom-up from the CAO wages in force on the
scenario date, not from a tariff that was indexed with provisional figures, so there is no gap
between provisional and definitive figures to repair; adding VNG's catch-up would pay the base
year's wage rise twice. ``true`` follows VNG to the letter (e.g. when the municipality insists on
its standard method, or the base price is an existing tariff). Either way the clause says it in
words, with the reason, and the cost of non-indexation compares with the index of this clause.

When a year's provisional figures are known but the previous year's definitive ones are not, the
year is indexed with its weighted provisional figure and the catch-up is marked pending (it follows
once the definitive figures are published); ``assumed_pct`` is used only for years without any
figure of their own. With ``definitive: settle`` (nacalculatie) a contract year whose index rested
on provisional figures is also settled once the definitive figures are known:
``amount_Y x catch_up(prov_Y, def_Y)``. Index figures come from the parameter data, from figures the
contract supplies, or from an assumed percentage the contract states; each year says which
(``data``, ``opgegeven``, ``aanname``). A year without any of these is a validation problem: an
index is never invented.

Net present value (``numpy_financial.npv``'s convention) uses the standard discount rate, which is a real
rate (Werkgroep discontovoet 2020). Real rates discount real amounts, so each year's nominal
(indexed) amount is first deflated with the contract's own cumulative index factor, i.e. expressed
in prices of the base year; amounts of contract year k are then discounted by ``(1 + r) ** k``, so
the first year counts in full (values at the start of the contract, in base-year prices).

The ``contract:`` block of a scenario file (examples/voorbeeld.yaml has a full example)::

    contract:
      name, municipality            required text
      round, description            optional text (round: the tender round on the cover)
      funding                       inspanningsgericht | outputgericht | taakgericht
      start                         ISO date; years: 1-15
      discount_rate                 optional fraction, default 0.0225 (Werkgroep discontovoet 2020)
      areas:      [{name, code?, population?}]        code: CBS WKggggww or BUggggwwbb
      tasks:      [{name, target_group?, effects?: [text], narrative?, reporting?,
                    indicators?: [{name, unit?, baseline?, target?, source?}],
                    social_return?: {ratio?, range?: {low, high}, source?: {title, href?, date?} |
                                     {assumption: true, reasoning}, benefit_years?,
                                     split?: {gemeente, zorgverzekeraar, uwv, inwoners, overig}}}]
                                                                     (see pricing.social_return)
      staffing:   [{area?, task?, function, fte | hours}]   function from the staff table;
                                                            no area/task = cross-area/cross-task
      activities: [{area?, task?, name, amount}]            per year, base-year price level
      indexation: {wage_weight?, catch_up?: ratio | additive,
                   definitive?: next_year | settle | none,
                   first_year_catch_up?: false | true      (default false, see above)
                   reference_month?: 1-12                  (default 9: September of the year before)
                   assumed_pct?, per_year?: {year: fraction},
                   figures?: {year: {ova_provisional, ppc_provisional, ova_definitive, ppc_definitive}},
                   municipal_pct?: fraction | {year: fraction},
                   sources?: {year: {text, status: given | provisional | assumption}}}
                                                            the source of a year's own figure
      options:    [{name, description?, staffing?: [...signed fte/hours], activities?: [...signed]}]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from msgspec import field

from pricing.finance import deflate, net_present_value  # noqa: F401  (net_present_value: re-exported)
from pricing.model.contract import (  # noqa: F401  (the contract's types and vocabulary, re-exported)
    CATCH_UP_LABELS,
    CROSS_AREA,
    CROSS_TASK,
    DEFAULT_DISCOUNT_RATE,
    DEFAULT_FIRST_YEAR_CATCH_UP,
    DEFAULT_REFERENCE_MONTH,
    DEFINITIVE_RULES,
    DISCOUNT_SOURCE,
    FUNDING_VARIANTS,
    INDEX_FIGURES,
    ORIGIN_LABELS,
    VNG_WAGE_WEIGHT,
    ActivityLine,
    Area,
    Contract,
    ContractIndexation,
    Indicator,
    Option,
    SocialReturnInput,
    StaffingLine,
    Task,
    UnknownVariant,
    YearIndex,
)
from pricing.money import format_number
from pricing.parameters import ParameterNotCovered  # noqa: F401  (re-exported for the contract's readers)
from pricing.record import Record

if TYPE_CHECKING:
    from pricing.costprice import CostPriceResult, LineResult

# ----------------------------------------------------------------------------------------------
# Budget


class FunctionPrice(Record, frozen=True):
    """The price a function is contracted at, from the cost-price result (base year)."""

    function: str
    price_per_fte: float
    price_per_hour: float
    billable_hours: float
    staff_fte: float  # FTE of this function in the scenario's staff table


class BudgetLine(Record, frozen=True):
    kind: str  # formatie | activiteit
    area: str | None
    task: str | None
    label: str  # function or activity name
    fte: float  # FTE (hours converted at the function's billable hours); 0 for activities
    hours: float | None  # hours as given
    unit_price: float  # price per FTE, per hour, or 1 for an amount (base year)
    base_amount: float  # per year at the base year's price level
    amounts: tuple[float, ...]  # per contract year, indexed
    option: str | None = None  # the variant that added this line

    @property
    def area_label(self) -> str:
        return self.area or CROSS_AREA

    @property
    def task_label(self) -> str:
        return self.task or CROSS_TASK


class NonIndexation(Record, frozen=True):
    """What it costs when the municipality indexes below the norm."""

    municipal_pct: tuple[float, ...]  # per contract year: the municipality's index applied that year
    municipal_given: bool
    norm: tuple[float, ...]  # budget per contract year with the norm index (incl. settlements)
    municipal: tuple[float, ...]  # budget per contract year with the municipality's index
    shortfall: tuple[float, ...]
    cumulative: tuple[float, ...]
    price_per_fte: tuple[float, ...]  # contract-average price per FTE per year (norm)
    fte_lost: tuple[float | None, ...]  # shortfall / price per FTE

    @property
    def total(self) -> float:
        return self.cumulative[-1] if self.cumulative else 0.0


class ContractBudget(Record, frozen=True):
    contract: Contract
    option: str | None  # None: the basic contract
    base_year: int
    years: tuple[int, ...]
    year_index: tuple[YearIndex | None, ...]  # index applied on 1 Jan of each contract year (None: base year)
    factors: tuple[float, ...]  # cumulative price factor per contract year vs the base year
    prices: tuple[FunctionPrice, ...]
    lines: tuple[BudgetLine, ...]
    staff: tuple[float, ...]  # staffing per year
    activities: tuple[float, ...]
    settlements: tuple[float | None, ...]  # nacalculatie per year (None: not yet known)
    totals: tuple[float, ...]  # staff + activities + known settlements
    by_area: dict[str, tuple[float, ...]]
    by_task: dict[str, tuple[float, ...]]
    total_fte: float
    real_totals: tuple[float, ...]  # totals deflated with the contract's own factors: base-year prices
    npv: float  # of real_totals at the (real) discount rate: base-year prices
    discount_rate: float
    non_indexation: NonIndexation
    warnings: tuple[str, ...]
    # Step drift (CAO art. 6.5): the EUR effect per contract year inside ``staff`` (0 when switched off).
    step_drift: bool = False
    drift: tuple[float, ...] = ()
    drift_factors: dict[str, tuple[float, ...]] = field(default_factory=dict)  # per function, per year

    @property
    def grand_total(self) -> float:
        return sum(self.totals)

    @property
    def npv_label(self) -> str:
        """The name every output gives the NPV, so nobody reads it as a nominal sum."""
        return f"Contante waarde in prijzen van {self.base_year}"

    @property
    def label(self) -> str:
        return self.option or "Basis"

    def yearly_price_per_fte(self, price: FunctionPrice) -> tuple[float, ...]:
        """A function's price per FTE in each contract year: its base-year price times the year's factor."""
        return tuple(price.price_per_fte * f for f in self.factors)

    @property
    def staff_hours(self) -> float:
        """The contract's staffing in billable hours per year (FTE lines at their function's billable hours)."""
        billable = {p.function: p.billable_hours for p in self.prices}
        return sum(
            l.hours if l.hours is not None else l.fte * billable[l.label] for l in self.lines if l.kind == "formatie"
        )

    @property
    def first_year_hourly_rate(self) -> float:
        """The staffing's average price per billable hour in the first contract year (0 without hours)."""
        hours = self.staff_hours
        base_staff = sum(l.base_amount for l in self.lines if l.kind == "formatie")
        return base_staff / hours * self.factors[0] if hours else 0.0


def function_prices(result: CostPriceResult) -> dict[str, FunctionPrice]:
    """Price per FTE and per billable hour per function, read from the cost-price result.

    Several staff lines may share a function name (e.g. two steps); the contract then pays their
    FTE-weighted price: sum of their budgets over their FTE, and over their billable hours.
    """
    grouped: dict[str, list[LineResult]] = {}
    for line in result.lines:
        grouped.setdefault(line.function, []).append(line)
    out = {}
    for function, lines in grouped.items():
        fte = sum(l.fte for l in lines)
        budget = sum(l.budget for l in lines)
        hours = sum(l.fte * l.hours.billable for l in lines)
        out[function] = FunctionPrice(function, budget / fte, budget / hours, hours / fte, fte)
    return out


def _factors(contract: Contract) -> tuple[tuple[YearIndex | None, ...], tuple[float, ...]]:
    ix = contract.indexation
    by_year = {row.year: row for row in ix.years}
    factor = 1.0
    cumulative: dict[int, float] = {}
    for year in range(ix.base_year + 1, contract.contract_years[-1] + 1):
        factor *= 1.0 + by_year[year].index
        cumulative[year] = factor
    rows = tuple(by_year.get(y) for y in contract.contract_years)
    return rows, tuple(cumulative.get(y, 1.0) for y in contract.contract_years)


def contract_budget(result: CostPriceResult, option: str | None = None) -> ContractBudget:
    """The multi-year budget of the scenario's contract (or of one of its variants)."""
    contract = result.scenario.contract
    if contract is None:
        raise ValueError("het scenario heeft geen contract")
    prices = function_prices(result)
    staffing, activities = list(contract.staffing), list(contract.activities)
    if option is not None:
        chosen = contract.option(option)
        staffing += list(chosen.staffing)
        activities += list(chosen.activities)
    rows, factors = _factors(contract)
    n = contract.years
    drift = None
    if contract.step_drift:
        from pricing.step_drift import step_drift

        drift = step_drift(result, contract.contract_years)
    lines = []
    drift_amounts = [0.0] * n
    for i, staffing_line in enumerate(staffing):
        price = prices[staffing_line.function]
        if staffing_line.fte is not None:
            fte, unit_price = staffing_line.fte, price.price_per_fte
            base = staffing_line.fte * price.price_per_fte
        else:
            hours = staffing_line.hours
            assert hours is not None  # validation requires fte or hours on every staffing line
            fte, unit_price, base = (
                hours / price.billable_hours,
                price.price_per_hour,
                hours * price.price_per_hour,
            )
        steps = drift.factors[staffing_line.function] if drift is not None else (1.0,) * n
        amounts = tuple(base * f * s for f, s in zip(factors, steps))
        for k in range(n):
            drift_amounts[k] += base * factors[k] * (steps[k] - 1.0)
        lines.append(
            BudgetLine(
                "formatie",
                staffing_line.area,
                staffing_line.task,
                staffing_line.function,
                fte,
                staffing_line.hours,
                unit_price,
                base,
                amounts,
                option if i >= len(contract.staffing) else None,
            )
        )
    for i, activity in enumerate(activities):
        lines.append(
            BudgetLine(
                "activiteit",
                activity.area,
                activity.task,
                activity.name,
                0.0,
                None,
                1.0,
                activity.amount,
                tuple(activity.amount * f for f in factors),
                option if i >= len(contract.activities) else None,
            )
        )

    staff = tuple(sum(l.amounts[k] for l in lines if l.kind == "formatie") for k in range(n))
    acts = tuple(sum(l.amounts[k] for l in lines if l.kind == "activiteit") for k in range(n))
    ix = contract.indexation
    settlements: list[float | None] = []
    warnings = list(drift.warnings) if drift is not None else []
    if drift is not None and any(abs(a) > 0.005 for a in drift_amounts):
        warnings.append(
            "De begroting rekent met de jaarlijkse tredeverhoging (cao art. 6.5): iedereen onder het "
            "schaalmaximum stijgt elk 1 januari één trede, vanaf 2025 door tot U1 en U2. Zet dit uit "
            "(step_drift: false) als verloop van personeel de stijging opheft."
        )
    for k, year in enumerate(contract.contract_years):
        row = rows[k]
        if ix.definitive != "settle" or row is None:
            settlements.append(0.0)
        elif year in ix.settlement_catch_up:
            settlements.append((staff[k] + acts[k]) * ix.settlement_catch_up[year])
        elif row.weighted_provisional is None:
            settlements.append(0.0)  # index was given or assumed, not provisional: nothing to settle
        else:
            settlements.append(None)
            warnings.append(
                f"Nacalculatie over {year} volgt zodra de definitieve OVA/PPC-cijfers van {year} bekend zijn."
            )
    totals = tuple(staff[k] + acts[k] + (settlements[k] or 0.0) for k in range(n))

    # Settlements belong to the whole year's budget: spread over areas and tasks pro rata.
    def grouped(attr: str, cross: str, names: list[str]) -> dict[str, tuple[float, ...]]:
        out = {name: [0.0] * n for name in names}
        for line in lines:
            key = getattr(line, attr) or cross
            out.setdefault(key, [0.0] * n)
            for k in range(n):
                base_total = staff[k] + acts[k]
                share = 1.0 + ((settlements[k] or 0.0) / base_total if base_total else 0.0)
                out[key][k] += line.amounts[k] * share
        return {k: tuple(v) for k, v in out.items() if any(abs(x) > 1e-9 for x in v) or k in names}

    by_area = grouped("area", CROSS_AREA, [a.name for a in contract.areas])
    by_task = grouped("task", CROSS_TASK, [t.name for t in contract.tasks])

    total_fte = sum(l.fte for l in lines if l.kind == "formatie")
    # Staffing beyond the staff table is allowed (the organisation may hire) but worth saying.
    per_function: dict[str, float] = {}
    for line in lines:
        if line.kind == "formatie":
            per_function[line.label] = per_function.get(line.label, 0.0) + line.fte
    for function, fte in per_function.items():
        have = prices[function].staff_fte
        if fte > have + 1e-6:
            warnings.append(
                f"Het contract zet {format_number(fte, 2)} FTE {function} in; de formatie van de "
                f"organisatie heeft er {format_number(have, 2)}."
            )
    scen_ix = result.scenario.indexation
    if scen_ix is not None and (abs(scen_ix.wage_weight - ix.wage_weight) > 1e-12 or scen_ix.catch_up != ix.catch_up):
        warnings.append(
            "De indexatieclausule van het contract wijkt af van de indexatie in het scenario (weging of inhaalmethode)."
        )
    for r in rows:
        if r is not None and r.catch_up_pending:
            warnings.append(
                f"De inhaal over {r.year - 1} in de indexatie van {r.year} is nog niet bekend: de definitieve "
                f"OVA/PPC-cijfers van {r.year - 1} ontbreken. De begroting rekent voor {r.year} met de "
                "gewogen voorlopige index alleen; de inhaal volgt."
            )
    if any(r is not None and r.origin == "aanname" for r in rows):
        warnings.append(
            "Eén of meer indexatiejaren rusten op een aangenomen percentage; vervang het door de "
            "gepubliceerde cijfers zodra die er zijn."
        )
    if contract.start.month != 1 or contract.start.day != 1:
        warnings.append(
            "Het contract begint niet op 1 januari: elk contractjaar krijgt het prijspeil van het "
            "kalenderjaar waarin het begint."
        )

    rate = contract.discount_rate
    real = deflate(totals, factors)
    npv = net_present_value(rate, real)
    non_ix = _non_indexation(contract, staff, acts, totals, rows, total_fte, tuple(drift_amounts))
    return ContractBudget(
        contract=contract,
        option=option,
        base_year=ix.base_year,
        years=contract.contract_years,
        year_index=rows,
        factors=factors,
        prices=tuple(prices.values()),
        lines=tuple(lines),
        staff=staff,
        activities=acts,
        settlements=tuple(settlements),
        totals=totals,
        by_area=by_area,
        by_task=by_task,
        total_fte=total_fte,
        real_totals=real,
        npv=npv,
        discount_rate=rate,
        non_indexation=non_ix,
        warnings=tuple(warnings),
        step_drift=contract.step_drift,
        drift=tuple(drift_amounts),
        drift_factors=dict(drift.factors) if drift is not None else {},
    )


def _non_indexation(
    contract: Contract,
    staff: tuple[float, ...],
    acts: tuple[float, ...],
    totals: tuple[float, ...],
    rows: tuple[YearIndex | None, ...],
    total_fte: float,
    drift: tuple[float, ...] = (),
) -> NonIndexation:
    """Norm budget vs the budget indexed at the municipality's percentage, per contract year.

    The norm is this clause's own index (with or without first-year catch-up, pending catch-ups not
    counted, settlements included), i.e. the contract's totals. Both start from the same base-year
    budget; the municipality's index compounds like the norm's.
    FTE lost = shortfall / the contract's average price per FTE in that year (norm prices).
    Step drift (CAO art. 6.5) is part of what the contract pays, not of the index: the municipal
    budget carries it too, at the municipality's own index, so a municipality that follows the
    norm index has no shortfall.
    """
    ix = contract.indexation
    n = contract.years
    base_totals = [staff[k] + acts[k] for k in range(n)]
    # Undo the norm factors to get the base-year budget (the same for every year).
    _, factors = _factors(contract)
    drift = tuple(drift) or (0.0,) * n
    base = (base_totals[0] - drift[0]) / factors[0] if factors[0] else 0.0
    municipal_factor = 1.0
    muni_factors = {}
    for year in range(ix.base_year + 1, contract.contract_years[-1] + 1):
        municipal_factor *= 1.0 + ix.municipal_pct.get(year, 0.0)
        muni_factors[year] = municipal_factor
    municipal = tuple(
        (base + (drift[k] / factors[k] if factors[k] else 0.0)) * muni_factors.get(y, 1.0)
        for k, y in enumerate(contract.contract_years)
    )
    applied = tuple(
        ix.municipal_pct.get(y, 0.0) if rows[k] is not None else 0.0 for k, y in enumerate(contract.contract_years)
    )
    shortfall = tuple(totals[k] - municipal[k] for k in range(n))
    cumulative, running = [], 0.0
    for value in shortfall:
        running += value
        cumulative.append(running)
    price = tuple(staff[k] / total_fte if total_fte > 0 else 0.0 for k in range(n))
    lost = tuple(shortfall[k] / price[k] if price[k] > 0 else None for k in range(n))
    return NonIndexation(
        applied, ix.municipal_given, tuple(totals), municipal, shortfall, tuple(cumulative), price, lost
    )


def all_budgets(result: CostPriceResult) -> tuple[ContractBudget, ...]:
    """The basic contract and every variant."""
    contract = result.scenario.contract
    if contract is None:
        raise ValueError("het scenario heeft geen contract")  # as contract_budget says
    return (contract_budget(result),) + tuple(contract_budget(result, o.name) for o in contract.options)


# Re-exported so ``from pricing.contract import ...`` keeps working for every reader: the validation,
# the indexation clause and the shown figures live in their own modules.
from pricing.contract_indexation import (  # noqa: E402,F401
    INDEXATION_KEYS,
    validate_indexation,
)
from pricing.contract_text import (  # noqa: E402,F401
    ACTOR_NAMES,
    budget_json,
    clause_text,
    field_label,
    origin_text,
    problem_text,
    shown_grouped,
    shown_years,
)
from pricing.contract_validation import validate_contract  # noqa: E402,F401
