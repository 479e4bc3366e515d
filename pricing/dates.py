"""Dates as scenario and contract files give them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pricing.fields import shown_value


def parse_date(value: Any, c, path: str) -> dt.date | None:
    """An ISO date (or a YAML date) from ``value``; a Dutch problem at ``path`` on collector ``c`` otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    c.add(path, f"verwacht een datum als JJJJ-MM-DD, gevonden: {shown_value(value)}")
    return None
