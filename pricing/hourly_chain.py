"""Per billable hour, direct cost to tariff (docs/methode.md sections 3.10-3.15): direct cost,
overhead (mark-up or share), material and reporting costs, cost price, risk, innovation and
reserve surcharges, the tariff and the price per FTE.
"""

from __future__ import annotations

from typing import TypedDict

from pricing.hours import Hours
from pricing.model.scenario import Norms


def overhead_per_hour(direct: float, pct: float, convention: str) -> float:
    """Overhead per hour: mark-up ``D x pct``, or share of integral cost ``D / (1 - pct) - D``."""
    if convention == "share":
        return direct / (1.0 - pct) - direct
    return direct * pct


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
