"""Reserve build-up (docs/methode.md section 3.14): the organisation's yearly need and the
surcharge on the cost price through which this offer carries its share of it.
"""

from __future__ import annotations

from pricing.model.scenario import Reserve
from pricing.money import format_eur
from pricing.record import Record


class ReserveBuildUp(Record, frozen=True):
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


def reserve_need(target: float, current: float, years: int) -> float:
    """The organisation's yearly reserve need (target - current) / years; a reserve at or above
    its target needs nothing (docs/methode.md section 3.14)."""
    return max(target - current, 0.0) / years


def reserve_surcharge(annual: float, turnover: float | None, cost_base: float) -> float:
    """The reserve surcharge on the cost price: the yearly need divided by the organisation's whole
    turnover, so this offer carries its share; without a turnover the whole need over this offer's
    cost base (sum of FTE x billable hours x cost price), which collects exactly the yearly need."""
    return annual / turnover if turnover is not None else annual / cost_base


def reserve_build_up(
    reserve: Reserve, cost_base: float, staff_budget: float, activity_budget: float
) -> tuple[ReserveBuildUp, str | None]:
    """The reserve build-up of an offer and, when there is one, the warning the result gives with it.

    ``cost_base`` is the offer's sum of FTE x billable hours x cost price per hour and
    ``staff_budget`` its staff budget, both before the reserve surcharge; without a turnover the
    organisation's turnover is taken as this offer's budget plus the yearly need."""
    annual = reserve_need(reserve.target, reserve.current, reserve.years)
    surcharge = reserve_surcharge(annual, reserve.turnover, cost_base)
    if reserve.turnover is not None:
        turnover, turnover_source = reserve.turnover, "opgegeven"
    else:
        turnover = staff_budget + activity_budget + annual
        turnover_source = "berekend"
    warning = None
    if reserve.target <= reserve.current:
        warning = "De huidige reserve is al gelijk aan of hoger dan het doel: geen opslag voor reserveopbouw."
    elif reserve.turnover is None:
        warning = (
            f"Reserveopbouw zonder jaaromzet: deze offerte draagt de hele jaarlijkse reservebehoefte van "
            f"{format_eur(annual)}. Geef de jaaromzet van de hele organisatie op, dan draagt de offerte alleen haar "
            f"aandeel (behoefte / omzet als opslag op de kostprijs)."
        )
    build_up = ReserveBuildUp(
        reserve.target,
        reserve.current,
        reserve.years,
        annual,
        surcharge,
        turnover,
        turnover_source,
        annual / turnover,
        offer_amount=surcharge * cost_base,
        whole_need=reserve.turnover is None,
    )
    return build_up, warning
