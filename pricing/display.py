"""Rounded, shown figures from a result: the one place that decides what a consumer prints.

Amounts are rounded half-up to the cent with :func:`allocate_rounding`, so the shown components of
the personnel cost add up to the shown personnel cost, and the shown per-hour components add up to
the shown tariff. The JSON of the command line, the app's tables and the PDF all use these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from pricing.costprice import CostPriceResult, LineResult, TeamResult
from pricing.money import allocate_rounding, round_half_up

if TYPE_CHECKING:
    from pricing.evaluation import Evaluation

_Row = TypeVar("_Row")

PERSONNEL_PARTS = (
    "annual_salary",
    "ikb",
    "irregular",
    "career_budget",
    "employer_premiums",
    "pension",
    "other_personnel",
    "flat_oncost",
    "org_cao_costs",
)
HOURLY_PARTS = (
    "direct_cost_per_hour",
    "overhead_per_hour",
    "material_per_hour",
    "reporting_per_hour",
    "risk_innovation_per_hour",
    "reserve_per_hour",
)
COST_PRICE_PARTS = HOURLY_PARTS[:4]

LABELS = {
    "monthly_salary": "Maandsalaris",
    "annual_salary": "Jaarsalaris (12 x maandsalaris)",
    "ikb": "Individueel keuzebudget (IKB)",
    "irregular": "Onregelmatigheidstoeslag (ORT)",
    "career_budget": "Loopbaanbudget",
    "employer_premiums": "Werkgeverspremies",
    "pension": "Pensioen (werkgeversdeel PFZW)",
    "other_personnel": "Overige personeelskosten",
    "flat_oncost": "Vaste opslag werkgeverslasten",
    "org_cao_costs": "Vakbondscontributie en stagevergoeding (organisatie)",
    "personnel_cost_per_fte": "Personeelskosten per FTE",
    "productive_hours": "Productieve uren per FTE",
    "billable_hours": "Declarabele uren per FTE",
    "direct_cost_per_hour": "Directe kosten per uur",
    "overhead_per_hour": "Overhead per uur",
    "material_per_hour": "Materiële kosten per uur",
    "reporting_per_hour": "Kosten verplichtingen per uur",
    "cost_price_per_hour": "Kostprijs per uur",
    "risk_innovation_per_hour": "Risico en innovatie per uur",
    "reserve_per_hour": "Reserveopbouw per uur",
    "tariff_per_hour": "Reëel tarief per uur",
    "price_per_fte": "Prijs per FTE per jaar",
}


def _allocated(values: dict[str, float], total_key: str, total: float) -> dict[str, Decimal]:
    keys = list(values)
    shown = allocate_rounding([values[k] for k in keys], total)
    out = dict(zip(keys, shown))
    out[total_key] = round_half_up(total)
    return out


def _hourly(source: LineResult | TeamResult) -> dict[str, Decimal]:
    """Two levels: cost-price parts add up to the shown cost price; surcharges to the rest of the tariff."""
    cost = _allocated(
        {k: getattr(source, k) for k in COST_PRICE_PARTS}, "cost_price_per_hour", source.cost_price_per_hour
    )
    tariff = round_half_up(source.tariff_per_hour)
    surcharges = ("risk_innovation_per_hour", "reserve_per_hour")
    rest = float(tariff - cost["cost_price_per_hour"])
    shown = allocate_rounding([getattr(source, k) for k in surcharges], rest)
    return {**cost, **dict(zip(surcharges, shown)), "tariff_per_hour": tariff}


def shown_line(line: LineResult) -> dict[str, Decimal]:
    """The line's amounts as shown: cents, components adding up to their totals."""
    return {**_shown_per_fte(line), "budget": round_half_up(line.budget)}


def _per_fte_key(line: LineResult) -> tuple[float, ...]:
    """Every figure :func:`_shown_per_fte` reads: lines equal in these are shown alike."""
    cost, hours = line.cost, line.hours
    return (
        *(getattr(cost, k) for k in PERSONNEL_PARTS),
        cost.personnel_cost_per_fte,
        cost.monthly_salary,
        hours.productive,
        hours.billable,
        *(getattr(line, k) for k in HOURLY_PARTS),
        line.cost_price_per_hour,
        line.tariff_per_hour,
        line.price_per_fte,
    )


def shown_lines(lines: tuple[LineResult, ...]) -> list[dict[str, Decimal]]:
    """:func:`shown_line` of every line. Lines with the same per-FTE figures (the same scale, step,
    contract and allowances; a 2,000-line organisation has a few hundred such groups at most) are
    rounded once; only their budget (FTE x price per FTE) is rounded per line."""
    return [{**row, "budget": round_half_up(line.budget)} for line, row in _per_fte_rows(lines, _shown_per_fte)]


def _per_fte_rows(
    lines: tuple[LineResult, ...], per_fte: Callable[[LineResult], _Row]
) -> Iterator[tuple[LineResult, _Row]]:
    """(line, ``per_fte(line)``) for every line, ``per_fte`` called once per group of lines equal in
    :func:`_per_fte_key`."""
    done: dict[tuple[float, ...], _Row] = {}
    for line in lines:
        key = _per_fte_key(line)
        row = done.get(key)
        if row is None:
            row = done[key] = per_fte(line)
        yield line, row


def _per_fte_floats(line: LineResult) -> dict[str, float]:
    return {k: float(v) for k, v in _shown_per_fte(line).items()}


def _shown_per_fte(line: LineResult) -> dict[str, Decimal]:
    """The line's shown amounts per FTE and per hour (everything but its budget)."""
    cost = line.cost
    personnel = _allocated(
        {k: getattr(cost, k) for k in PERSONNEL_PARTS}, "personnel_cost_per_fte", cost.personnel_cost_per_fte
    )
    hourly = _hourly(line)
    return {
        "monthly_salary": round_half_up(cost.monthly_salary),
        **personnel,
        "productive_hours": round_half_up(line.hours.productive),
        "billable_hours": round_half_up(line.hours.billable),
        **hourly,
        "price_per_fte": round_half_up(line.price_per_fte),
    }


def shown_team(team: TeamResult) -> dict[str, Decimal]:
    hourly = _hourly(team)
    budget = _allocated(
        {"staff_budget": team.staff_budget, "activity_budget": team.activity_budget},
        "annual_budget",
        team.annual_budget,
    )
    return {
        "total_fte": round_half_up(team.total_fte, 4),
        "billable_hours": round_half_up(team.billable_hours),
        "personnel_cost": round_half_up(team.personnel_cost),
        **hourly,
        "price_per_fte": round_half_up(team.price_per_fte),
        **budget,
    }


def evaluation_json(evaluation: Evaluation) -> dict[str, Any]:
    """The ``costprice --json`` document of an :class:`~pricing.evaluation.Evaluation`."""
    from pricing.risk_band import band_json
    from pricing.sensitivity import sensitivity_json

    doc = result_json(evaluation.result)
    # evaluate() computes both for every scenario; only the field types allow None.
    assert evaluation.sensitivity is not None and evaluation.tariff_band is not None
    doc["sensitivity"] = sensitivity_json(evaluation.sensitivity)
    doc["tariff_band"] = band_json(evaluation.tariff_band)
    return doc


def edition_json(result: CostPriceResult, effects: bool = True) -> dict[str, Any]:
    """``parameters_edition``, ``provisional`` and ``forecast``: the members every JSON output carries."""
    from pricing.forecast_effects import forecast_uses, result_book

    book = result_book(result)
    uses = forecast_uses(result, book, effects=effects)
    return {
        "parameters_edition": book.edition.as_json() if book.edition else None,
        "provisional": bool(uses),
        "forecast": [u.as_json() for u in uses],
    }


def result_json(result: CostPriceResult) -> dict[str, Any]:
    """The ``costprice --json`` document: money as numbers in euros, rounded to the cent."""
    lines = []
    for line, shown in _per_fte_rows(result.lines, _per_fte_floats):
        lines.append(
            {
                "function": line.function,
                "scale": line.scale,
                "step": line.step,
                "fte": line.fte,
                "contract": line.contract,
                "salary_source": line.cost.salary_source,
                **shown,
                "budget": float(round_half_up(line.budget)),
            }
        )
    team = {k: float(v) for k, v in shown_team(result.team).items()}
    return {
        **edition_json(result),
        "scenario": result.scenario.name,
        "organisation": result.scenario.organisation,
        "date": result.date.isoformat(),
        "overhead": {
            "pct": result.overhead_pct,
            "convention": result.overhead_convention,
            "source": result.overhead_source,
        },
        "hours": {
            "contract": result.hours.contract,
            "productive": result.hours.productive,
            "billable": result.hours.billable,
            "method": result.hours.method,
            "billable_basis": result.hours.billable_basis,
        },
        "lines": lines,
        "team": team,
        "reserve": None
        if result.reserve is None
        else {
            "target": result.reserve.target,
            "current": result.reserve.current,
            "years": result.reserve.years,
            "turnover": None if result.reserve.whole_need else result.reserve.turnover,
            "annual_need": float(round_half_up(result.reserve.annual_amount)),
            "surcharge_pct": result.reserve.surcharge,
            "offer_amount": float(round_half_up(result.reserve.offer_amount)),
            "whole_need": result.reserve.whole_need,
        },
        "warnings": list(result.warnings),
        "parameters": [
            {
                "key": u.key,
                "label": u.label,
                "value": u.value,
                "unit": u.unit,
                "origin": u.origin,
                "status": u.status,
                "source": u.source,
                "effective": u.effective.isoformat() if u.effective else None,
            }
            for u in result.used
        ],
    }
