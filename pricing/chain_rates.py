"""The rates of the cost-price chain for one date (docs/methode.md section 3): every statutory and
CAO rate the chain reads, looked up once per scenario date into :class:`Rates`, so every staff line
uses the same numbers, and the variants of those rates a line's chain needs (made once, not per line).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pricing.parameters import ParameterBook, ParameterValue
from pricing.rate_parameters import RATE_PARAMETERS
from pricing.record import Record


class Rates(Record, frozen=True):
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


def wage_floor_hourly(rates: Rates) -> float:
    """The lowest hourly wage a table cell may pay: the CAO floor (EUR 14.00 from 1 January 2024)
    and never below the statutory minimum wage per hour (Wet minimumloon; Nedflex: "indien de
    loontabel uit de cao onder het wettelijk minimumloon is, dient het wettelijk minimumloon
    gehanteerd te worden")."""
    return max(rates.floor_hourly, rates.minimum_wage_hourly)


# (id(rates), *key) -> (rates, its variant, what the key's other ids belong to)
_RATES_VARIANTS: dict[tuple[object, ...], tuple[Rates, Rates, tuple[object, ...]]] = {}


def rates_variant(rates: Rates, key: tuple[object, ...], build: Callable[[], Rates], *keep: object) -> Rates:
    """``build()``, a variant of ``rates`` (msgspec.structs.replace), made once per rates object and
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
