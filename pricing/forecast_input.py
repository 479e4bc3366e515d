"""A scenario's forecast values as pydantic v2 models: each value's type and range per unit, an
entry's keys and its reasoning (the forecast block of pricing.forecast).

Like pricing.scenario_input: the models check what the file says and every message comes from the
one Dutch map in pricing.input_errors. Which keys the block may have and the unit of each (so which
model checks it) depend on the parameter edition; pricing.forecast checks that by hand and runs
the model of the key's unit on each value, a plain value as ``{"value": ...}``.

This module is imported only when a scenario has a forecast block (pricing.forecast imports it on
first use), and each model builds its validator on its first validation (``defer_build``).
"""

# No ``from __future__ import annotations`` (see pricing.input_errors).
from typing import Annotated, Any, ClassVar

from pydantic import ValidationError, create_model, model_validator

from pricing.input_errors import InputModel, rule
from pricing.scenario_input import Number, text

ENTRY_KEYS = ("value", "reasoning")
MAX_REASONING = 1000


class _EntryInput(InputModel):
    """``{value: ..., reasoning: ...}``: an unknown key is the entry's only problem, then a left-out
    value (the reasoning is not read without it), then the value and the reasoning together."""

    allowed: ClassVar[tuple[str, ...]] = ENTRY_KEYS

    # The reasoning first: its problem is listed before the value's, as it always was.
    reasoning: Annotated[str | None, text(MAX_REASONING, required=False)] = None
    value: float

    @model_validator(mode="wrap")
    @classmethod
    def keys_first(cls, data: Any, handler: Any) -> Any:
        if isinstance(data, dict):
            unknown = set(data) - set(ENTRY_KEYS)
            if unknown:
                keys = ", ".join(sorted(map(str, unknown)))
                details = [{"type": rule("forecast_entry_keys", keys=keys), "loc": (), "input": data}]
                raise ValidationError.from_exception_data("rules", details)  # type: ignore[arg-type]
            if "value" not in data:
                details = [{"type": rule("forecast_value_missing"), "loc": ("value",), "input": data}]
                raise ValidationError.from_exception_data("rules", details)  # type: ignore[arg-type]
        return handler(data)


def _entry(name: str, low: float, high: float, *, integer: bool = False) -> type[_EntryInput]:
    """The entry model of one unit: its value within [low, high] (whole with ``integer``)."""
    value = Annotated[float, Number("number", low, high, integer=integer)]
    return create_model(name, __base__=_EntryInput, __module__=__name__, value=(value, ...))


# One model per unit a forecast value may have, with its allowed range (a typing-error guard); a
# count (a CAO scale or step number, cao_rules.yaml) is whole, and must also be a scale or step of
# the edition's salary table (checked against the table in pricing.forecast, which the model does
# not know). The assumed CAO rise has a unit of its own (pricing.forecast.CAO_RISE_KEY).
ENTRIES: dict[str, type[_EntryInput]] = {
    "fraction": _entry("FractionEntry", 0.0, 1.0),
    "eur_per_year": _entry("EurPerYearEntry", 0.0, 1_000_000.0),
    "eur_per_hour": _entry("EurPerHourEntry", 0.0, 1_000.0),
    "hours_per_month": _entry("HoursPerMonthEntry", 1.0, 744.0),
    "hours_per_year": _entry("HoursPerYearEntry", 0.0, 8784.0),
    "hours_per_day": _entry("HoursPerDayEntry", 0.0, 24.0),
    "count": _entry("CountEntry", 0.0, 100.0, integer=True),
    "cao_rise_pct": _entry("CaoRiseEntry", 0.0, 0.2),
}
