"""Productive and billable hours per full-time FTE (docs/methode.md section 3.9): the
organisation's hours from the norms, and per staff line its own vitality and on-call hours.
"""

from __future__ import annotations

import datetime as dt

from msgspec.structs import replace

from pricing.chain_rates import Rates
from pricing.model.scenario import Norms, StaffLine
from pricing.parameters import ParameterBook
from pricing.record import Record


class Hours(Record, frozen=True):
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
