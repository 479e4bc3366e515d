"""What a result rests on where figures are forecast: every forecast value used, and its effect on
the tariff per hour (the chain recomputed with the last known value instead). The engine side of
:mod:`pricing.forecast`, which validates forecasts and must not import the chain (validation comes
before the chain; see tests/test_architecture.py)."""

from __future__ import annotations

import datetime as dt

from msgspec.structs import replace

from pricing.costprice import CostPriceResult, compute
from pricing.forecast import CAO_RISE_KEY, CAO_RISE_LABEL, ForecastUse
from pricing.money import format_date_nl
from pricing.ort_cap import CAP_SCALE, CAP_STEP
from pricing.parameters import ParameterBook, ParameterFileError, default_parameter_book
from pricing.rate_parameters import RATE_PARAMETERS


def forecast_uses(
    result: CostPriceResult, book: ParameterBook | None = None, effects: bool = True
) -> tuple[ForecastUse, ...]:
    """Every forecast value ``result`` rests on, with (optionally) its effect on the tariff per hour."""
    book = book or result_book(result)
    scenario = result.scenario
    on = result.date
    uses: list[ForecastUse] = []
    simple = scenario.norms.flat_oncost_pct is not None
    names = ["monthly_hours_factor"] if simple else list(dict.fromkeys(RATE_PARAMETERS.values()))
    if scenario.whk_pct is not None and "whk" in names:
        names.remove("whk")
    for pv in scenario.defaults.values():
        if pv.forecast and pv.name not in names:
            names.append(pv.name)
    for name in names:
        parameter = book.parameters[name]
        if on <= parameter.covered_until or parameter.forecast is None:
            continue
        fv = parameter.forecast
        uses.append(
            ForecastUse(
                name,
                parameter.description,
                fv.value,
                parameter.unit,
                fv.reasoning,
                fv.origin,
                fv.last_known,
                parameter.covered_until + dt.timedelta(days=1),
            )
        )
    table = book.salary
    if (
        table.forecast is not None
        and on > table.covered_until
        and any(l.monthly_salary is None for l in scenario.staff)
    ):
        sf = table.forecast
        applied = [r for r in sf.rises if r.effective <= on]
        reasoning = sf.reasoning + (
            f" Op {format_date_nl(on)} zijn {len(applied)} aangenomen verhoging(en) toegepast"
            f" (vanaf {format_date_nl(sf.first)})."
            if applied
            else f" De eerste aangenomen verhoging valt op {format_date_nl(sf.first)}, na de peildatum."
        )
        uses.append(
            ForecastUse(
                CAO_RISE_KEY,
                CAO_RISE_LABEL,
                sf.pct,
                "fraction",
                reasoning,
                sf.origin,
                0.0,
                table.covered_until + dt.timedelta(days=1),
            )
        )
    if not effects:
        return tuple(uses)
    tariff = result.team.tariff_per_hour
    bare = replace(scenario, forecast=None)  # the book below already holds the scenario's forecast
    out: list[ForecastUse] = []
    for use in uses:
        if use.value == use.last_known:
            effect = 0.0  # carried over: by definition no part of the tariff rests on a change
        elif use.key == CAO_RISE_KEY:
            assert table.forecast is not None  # the CAO-rise use is only listed with a salary forecast
            other = compute(bare, replace(book, salary=replace(table, forecast=replace(table.forecast, pct=0.0))))
            effect = tariff - other.team.tariff_per_hour
        else:
            effect = tariff - compute(bare, _last_known_book(book, use, uses)).team.tariff_per_hour
        out.append(replace(use, effect_per_hour=effect))
    return tuple(out)


def _last_known_book(book: ParameterBook, use: ForecastUse, uses: list[ForecastUse]) -> ParameterBook:
    """``book`` with the last known value of ``use`` in place of its forecast. An ORT cap scale or
    step cannot always go back alone: with the other's forecast value it may name a cell the table
    leaves empty (scale 6 has no step 11, pricing.ort_cap), so the cap's pair then goes back
    together and the effect is that of the cap as a whole."""
    try:
        return book.with_forecast({use.key: use.last_known}, {use.key: use.reasoning})
    except ParameterFileError:
        if use.key not in (CAP_SCALE, CAP_STEP):
            raise
    pair = [u for u in uses if u.key in (CAP_SCALE, CAP_STEP)]
    return book.with_forecast({u.key: u.last_known for u in pair}, {u.key: u.reasoning for u in pair})


def result_book(result: CostPriceResult) -> ParameterBook:
    """The parameter book a result was computed with (the shipped edition for older results)."""
    return getattr(result, "book", None) or default_parameter_book()


def is_provisional(result: CostPriceResult) -> bool:
    """Does ``result`` rest on at least one forecast value?"""
    return bool(forecast_uses(result, effects=False))
