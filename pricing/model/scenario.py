"""The types of a validated scenario (built by :mod:`pricing.scenario`, read by the chain): staff
lines, norms and the scenario itself. Frozen; every default is resolved at validation."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from msgspec import field

from pricing.model.contract import Contract
from pricing.parameters import ParameterValue
from pricing.record import Record

if TYPE_CHECKING:
    from pricing.forecast import ScenarioForecast


class StaffLine(Record, frozen=True):
    function: str
    scale: int
    step: str
    fte: float
    contract: str
    monthly_salary: float | None = None
    irregular_pct: float = 0.0
    pension_entry_step: int | None = None
    # Primary process (CAO art. 6.6, arbeidsmarkttoeslag in scales 4-9); None = not stated, which
    # the chain reads as primary process.
    primary_process: bool | None = None
    # Headcount on the line (health contribution and premium-wage cap are per person); None = the
    # line counts as full-timers (persons = FTE).
    persons: float | None = None
    # Age band for the vitality hours (CAO art. 3.3); None = the organisation's average.
    age_band: str | None = None
    # Days on call per year (CAO art. 5.4 / 6.13), per FTE.
    on_call_weekdays: float = 0.0
    on_call_weekend_days: float = 0.0


class HoursNorm(Record, frozen=True):
    contract: float
    leave: float
    public_holidays: float
    sick_pct: float
    training: float
    meetings: float
    vitality: float = 0.0  # organisation-average vitality hours per FTE (CAO art. 3.3)

    @property
    def sick_hours(self) -> float:
        return self.sick_pct * self.contract

    @property
    def productive(self) -> float:
        return (
            self.contract
            - self.leave
            - self.public_holidays
            - self.sick_hours
            - self.training
            - self.meetings
            - self.vitality
        )


class OverheadLine(Record, frozen=True):
    name: str
    amount: float
    note: str = ""  # where the amount comes from (annual accounts, budget line), optional


class Reserve(Record, frozen=True):
    target: float
    current: float
    years: int
    turnover: float | None = None


class Norms(Record, frozen=True):
    contract_hours: float
    hours: HoursNorm | None
    productivity: float | None
    productive_hours: float | None
    billable: str
    client_bound_share: float
    other_personnel_pct: float
    overhead_pct: float | None
    overhead_convention: str
    overhead_lines: tuple[OverheadLine, ...]
    material_per_fte: float
    reporting_per_fte: float
    risk_pct: float
    innovation_pct: float
    reserve: Reserve | None
    flat_oncost_pct: float | None
    pensionable_allowances: bool
    # Organisation-level CAO costs per year without a known amount (the user fills them in):
    # the union-fee reimbursement (CAO 2025-2027) and internship pay (a right from 1 January 2026).
    union_fee_reimbursement: float = 0.0
    internship_pay: float = 0.0


class IndexationClause(Record, frozen=True):
    wage_weight: float
    catch_up: str


class Scenario(Record, frozen=True):
    name: str
    organisation: str
    date: dt.date
    employer_large: bool
    whk_pct: float | None
    staff: tuple[StaffLine, ...]
    norms: Norms
    activity_budget: float
    indexation: IndexationClause | None
    deviation_reasons: dict[str, str] = field(default_factory=dict)
    # Norms taken from the parameter files because the scenario left them out, by norm key.
    defaults: dict[str, ParameterValue] = field(default_factory=dict)
    # Task- and area-based contract (pricing.contract.Contract), when the scenario has one.
    contract: Contract | None = None
    # Norm keys the scenario itself gave (the rest came from parameters or built-in choices).
    given_norms: frozenset[str] = frozenset()
    activity_budget_given: bool = False
    # The scenario's own forecast values (pricing.forecast.ScenarioForecast), replacing the edition's.
    forecast: ScenarioForecast | None = None
