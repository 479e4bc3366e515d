"""Field checks shared by the scenario, contract and social-return validators: numbers within a
range, and values shown in a message without ever rendering a huge value whole."""

from __future__ import annotations

import math
from typing import Any

from pricing.money import format_number

SHOWN_LIMIT = 60


def shown_value(value: Any, limit: int = SHOWN_LIMIT) -> str:
    """``value`` as it may appear in a message: repr, cut to ``limit`` characters.

    Long strings and containers are cut before they are rendered, so a message about a huge value
    costs no more than a message about a small one.
    """
    if isinstance(value, str):
        text = repr(value[: limit + 1])
    elif isinstance(value, dict):
        return f"een mapping met {len(value)} sleutels"
    elif isinstance(value, (list, tuple, set)):
        return f"een lijst met {len(value)} elementen"
    elif isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 4 * limit:
        return "een getal met honderden cijfers"
    else:
        try:
            text = repr(value)
        except ValueError:  # an integer with more digits than Python will print
            return "een getal met duizenden cijfers"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def format_bound(value: float) -> str:
    """A bound in a message: Dutch digits, at most four decimals, no trailing zeros (0,2 not 0,2000)."""
    text = format_number(value, 4)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def number_in_range(c, value: Any, path: str, low: float, high: float, *, integer: bool = False,
                    exclusive_low: bool = False) -> float | None:
    """A number within [low, high] (or (low, high]); a Dutch problem on collector ``c`` otherwise."""
    allowed = (f"groter dan {format_bound(low)} en ten hoogste {format_bound(high)}" if exclusive_low
               else f"van {format_bound(low)} tot en met {format_bound(high)}")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        c.add(path, f"verwacht een getal ({allowed}), gevonden: {shown_value(value)}")
        return None
    if isinstance(value, int) and abs(value) > 10 ** 15:  # beyond any range here; float() could overflow
        c.add(path, f"{shown_value(value)} valt buiten het toegestane bereik: {allowed}")
        return None
    if not math.isfinite(value):
        c.add(path, f"{value} is geen geldig getal; toegestaan: {allowed}")
        return None
    if integer and int(value) != value:
        c.add(path, f"verwacht een geheel getal ({allowed}), gevonden: {format_bound(value)}")
        return None
    if (value <= low if exclusive_low else value < low) or value > high:
        c.add(path, f"{format_bound(value)} valt buiten het toegestane bereik: {allowed}")
        return None
    return float(value)
