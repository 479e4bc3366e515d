"""Dates as scenario and contract files give them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pricing.fields import Collector, shown_value

# Only the one written form: Python would also take 20260701 or 2026-W27-3, which no user means.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(value: Any, c: Collector, path: str) -> dt.date | None:
    """An ISO date (or a YAML date) from ``value``; a Dutch problem at ``path`` on collector ``c`` otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:  # Python's English message is not shown: say it in Dutch
            c.add(
                path,
                f"{shown_value(value.strip())} is geen bestaande datum; schrijf een datum als "
                f"JJJJ-MM-DD met maand 1-12 en een dag binnen die maand",
            )
            return None
    c.add(path, f"verwacht een datum als JJJJ-MM-DD, gevonden: {shown_value(value)}")
    return None
