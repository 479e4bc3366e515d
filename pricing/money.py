"""Declared rounding and Dutch formatting of amounts.

The engine computes in binary floating point at full precision (float, chosen once: the chain is a
few dozen multiplications, far inside float's 15-16 significant digits). Figures are rounded only
where they are shown or agreed, half-up to the cent, through Decimal so 0.125 becomes 0.13. Where a
total is shown with its components, :func:`allocate_rounding` makes the rounded parts add up to the
rounded total.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal

CENT = Decimal("0.01")


def to_decimal(value: float | Decimal) -> Decimal:
    # repr() gives the shortest string that round-trips, so 2.675 stays 2.675 and rounds to 2.68.
    return value if isinstance(value, Decimal) else Decimal(repr(float(value)))


_QUANTA = {places: Decimal(1).scaleb(-places) for places in range(7)}
_CONTEXT_28 = Context(prec=28)  # built once: a Context per call was about a third of the rounding's time


def round_half_up(value: float | Decimal, places: int = 2) -> Decimal:
    if not isinstance(value, Decimal) and not math.isfinite(value):
        raise ValueError(f"bedrag {value!r} is geen eindig getal")
    quantum = _QUANTA.get(places) or Decimal(1).scaleb(-places)
    exact = to_decimal(value)
    # Enough digits for any finite float (up to 1e308): quantize never raises InvalidOperation.
    digits = exact.adjusted() + places + 2
    context = _CONTEXT_28 if digits <= 28 else Context(prec=digits)
    result = exact.quantize(quantum, rounding=ROUND_HALF_UP, context=context)
    return result + 0 if result != 0 else abs(result)  # no negative zero


def cents(value: float) -> float:
    """Half-up rounding to the cent, as a float for JSON."""
    return float(round_half_up(value, 2))


def allocate_rounding(
    parts: Sequence[float | Decimal], total: float | Decimal | None = None, places: int = 2
) -> list[Decimal]:
    """Round ``parts`` so that they add up exactly to the rounded ``total``.

    Largest-remainder method: round every part down, then hand the missing units to the parts with
    the largest remainders. ``total`` defaults to the sum of the parts; then every shown part lies
    within one unit of the last place of its exact value. A ``total`` far from the sum spreads the
    difference over the parts one unit at a time.
    """
    if total is None:
        total = sum(parts)
    quantum = _QUANTA.get(places) or Decimal(1).scaleb(-places)
    target = round_half_up(total, places)
    exact = [to_decimal(p) for p in parts]
    floors = [e.quantize(quantum, rounding=ROUND_FLOOR) for e in exact]
    missing = int(((target - sum(floors, Decimal(0))) / quantum).to_integral_value())
    if missing == 0:  # the floors already add up to the total (no unit to hand out)
        return [r + 0 if r != 0 else abs(r) for r in floors]
    remainders = [e - f for e, f in zip(exact, floors)]
    order = sorted(range(len(parts)), key=remainders.__getitem__, reverse=missing > 0)
    result = list(floors)
    step = quantum if missing > 0 else -quantum
    for k in range(abs(missing)):
        i = order[k % len(order)]
        result[i] += step
    return [r + 0 if r != 0 else abs(r) for r in result]


def _group(integer_part: str) -> str:
    out: list[str] = []
    while len(integer_part) > 3:
        out.insert(0, integer_part[-3:])
        integer_part = integer_part[:-3]
    out.insert(0, integer_part)
    return ".".join(out)


def format_number(value: float | Decimal, places: int = 2) -> str:
    """Dutch number: thousands with a dot, decimals with a comma, half-up."""
    rounded = round_half_up(value, places)
    if rounded == 0:
        rounded = abs(rounded)
    sign = "-" if rounded < 0 else ""
    text = f"{abs(rounded):.{places}f}"
    integer, _, fraction = text.partition(".")
    return sign + _group(integer) + ("," + fraction if places else "")


def format_eur(value: float | Decimal, places: int = 2) -> str:
    """``€ 1.234,56``; negative as ``-€ 1.234,56``; never ``€ -0,00``."""
    text = format_number(value, places)
    if text.startswith("-"):
        return "-€ " + text[1:]
    return "€ " + text


def format_pct(fraction: float, places: int = 1) -> str:
    """A fraction as a Dutch percentage: 0.125 -> ``12,5 %``."""
    return format_number(fraction * 100, places) + " %"


def _exact_pct(fraction: float | Decimal) -> str:
    """A percentage with as many decimals as it has, one to three: 25,0 %, 1,35 %, 0,086 %."""
    text = format_number(float(fraction) * 100, 3).rstrip("0")
    return (text + "0" if text.endswith(",") else text) + " %"


def format_unit(
    value: object,
    unit: str,
    *,
    pct_places: int | None = 1,
    eur_places: int = 2,
    long: bool = False,
    other_places: int = 2,
) -> str:
    """A value in Dutch by its unit: the one formatter for parameter, norm, band and forecast values.

    ``pct_places`` None shows a percentage exactly (one to three decimals); ``long`` spells the unit
    out ("per jaar", "uur per jaar"), as the PDF appendix does. A list is shown item by item (a
    ``fraction_list`` as percentages); text is shown as given.
    """
    if value is None:
        return "—"
    if isinstance(value, (tuple, list)):
        item_unit = "fraction" if unit == "fraction_list" else unit
        return ", ".join(
            format_unit(
                v, item_unit, pct_places=pct_places, eur_places=eur_places, long=long, other_places=other_places
            )
            for v in value
        )
    if isinstance(value, (str, bool)) or not isinstance(value, (int, float, Decimal)):
        return str(value)
    if unit == "fraction":
        return _exact_pct(value) if pct_places is None else format_pct(float(value), pct_places)
    if unit == "eur":
        return format_eur(value, eur_places)
    if unit in ("eur_per_year", "eur_per_hour"):
        return format_eur(value, eur_places) + ((" per jaar" if unit == "eur_per_year" else " per uur") if long else "")
    if unit == "hours_per_year":
        return format_number(value, 1) + (" uur per jaar" if long else " uur")
    if unit == "hours_per_month":
        return format_number(value, 0) + " uur per maand"
    if unit == "hours_per_day":
        return format_number(value, 1) + " uur per dag"
    if unit == "count":
        return format_number(value, 0)
    return format_number(value, other_places)


MONTHS_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def format_date_nl(value: dt.date) -> str:
    return f"{value.day} {MONTHS_NL[value.month - 1]} {value.year}"
