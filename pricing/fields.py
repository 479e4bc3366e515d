"""Field checks shared by the scenario, contract and social-return validators: numbers within a
range, and values shown in a message without ever rendering a huge value whole."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, Protocol

from pricing.money import format_number

SHOWN_LIMIT = 60


class Collector(Protocol):
    """Where a validator puts its problems: all of them, each at its field path (see scenario._Collector)."""

    def add(self, path: str, message: str) -> None: ...

    def unknown_keys(self, raw: dict[str, Any], allowed: tuple[str, ...], path: str) -> None: ...


LONG_TEXT = 4000  # characters in a free-text field (descriptions, narratives)


def shown_value(value: Any, limit: int = SHOWN_LIMIT) -> str:
    """``value`` as it may appear in a message, cut to ``limit`` characters BEFORE it is rendered.

    Containers show their kind and size, texts their first characters, huge integers their number
    of digits: a message about a huge (or alias-expanded) value costs no more than about a small one.
    """
    if isinstance(value, str):
        text = repr(value[: limit + 1])
    elif isinstance(value, dict):
        return f"een mapping met {len(value)} sleutel(s)"
    elif isinstance(value, (list, tuple, set)):
        return f"een lijst met {len(value)} element(en)"
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**50:
        return f"een getal van {len(str(abs(value))) if value.bit_length() < 14000 else value.bit_length() * 30103 // 100000 + 1} cijfers"
    elif isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    elif value is None or isinstance(value, (bool, int, float)):
        text = repr(value)
    else:
        return f"een waarde van het type {type(value).__name__}"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def format_bound(value: float) -> str:
    """A number in a message: Dutch digits, at most four decimals, no trailing zeros (0,2 not
    0,2000); very large or very small ones in short scientific form (1e+30), never an exception."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**15:
        return shown_value(value) if abs(value) >= 10**50 else f"{float(value):.3g}".replace(".", ",")
    if not math.isfinite(value):
        return shown_value(value)
    if abs(value) >= 1e15 or (value != 0 and abs(value) < 1e-4):
        return f"{value:.3g}".replace(".", ",")
    text = format_number(value, 4)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def number_in_range(
    c: Collector, value: Any, path: str, low: float, high: float, *, integer: bool = False, exclusive_low: bool = False
) -> float | None:
    """``value`` as a float when it is a number within [low, high] (or (low, high]); otherwise a
    Dutch problem at ``path`` on collector ``c`` and None. Numbers of any size (10^400, 1e308, 1e28)
    get the range message; nothing here raises an arithmetic exception."""

    def allowed() -> str:  # built only for a message: formatting both bounds was most of a valid check
        if exclusive_low:
            return f"groter dan {format_bound(low)} en ten hoogste {format_bound(high)}"
        return f"van {format_bound(low)} tot en met {format_bound(high)}"

    if isinstance(value, bool) or not isinstance(value, (int, float)):
        c.add(path, f"verwacht een getal ({allowed()}), gevonden: {shown_value(value)}")
        return None
    if isinstance(value, float) and not math.isfinite(value):
        c.add(path, f"{shown_value(value)} is geen geldig getal; toegestaan: {allowed()}")
        return None
    if integer and isinstance(value, float) and not value.is_integer():
        c.add(path, f"verwacht een geheel getal ({allowed()}), gevonden: {format_bound(value)}")
        return None
    if (value <= low if exclusive_low else value < low) or value > high:  # exact, also for huge ints
        c.add(path, f"{format_bound(value)} valt buiten het toegestane bereik: {allowed()}")
        return None
    return float(value)


def long_text(c: Collector, value: Any, path: str, *, required: bool = False) -> str:
    """Free text of at most LONG_TEXT characters, stripped; empty when left out."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            c.add(path, "is verplicht en mag niet leeg zijn")
        return ""
    if not isinstance(value, str):
        c.add(path, f"verwacht tekst, gevonden: {shown_value(value)}")
        return ""
    if len(value) > LONG_TEXT:
        c.add(path, f"tekst is langer dan {LONG_TEXT} tekens")
        return ""
    return value.strip()


def mapping_field(c: Collector, value: Any, path: str, keys: tuple[str, ...], what: str) -> dict[str, Any] | None:
    """A mapping with only ``keys``; ``what`` names the expected keys in the message."""
    if not isinstance(value, dict):
        c.add(path, f"verwacht een mapping met {what}")
        return None
    c.unknown_keys(value, keys, path)
    return value


def list_field(c: Collector, value: Any, path: str, what: str, *, required: bool) -> list[Any]:
    """A list (non-empty when ``required``) of ``what``; [] with a problem otherwise."""
    if value is None:
        if required:
            c.add(path, f"ontbreekt; verwacht een lijst met {what}")
        return []
    if not isinstance(value, list) or (required and not value):
        c.add(path, f"verwacht een {'niet-lege ' if required else ''}lijst met {what}")
        return []
    return value
