"""Forecasts for dates without published figures (docs/methode.md section 5.5): which values a result rests on,
the scenario's own forecast values, and how much of the tariff each forecast value carries.

A parameter edition states a default forecast (``pricing/parameters/forecast.yaml``); the loader
attaches it to each parameter, so a lookup beyond ``covered_until`` returns the forecast value,
marked ``forecast=True`` and ``status="assumption"``. A scenario may replace forecast values under
its ``forecast:`` key (``{parameter: value}`` or ``{parameter: {value: ..., reasoning: ...}}``, plus
``cao_rise_pct`` for the assumed CAO rise); this module validates that key and lists, for one
result, every forecast value it used with its reasoning and its effect on the tariff per hour.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Set as AbstractSet
from typing import Any

from pricing.fields import Collector
from pricing.memo import Memo, content_key, identity
from pricing.money import format_date_nl, format_unit
from pricing.ort_cap import CAP_SCALE, CAP_STEP, CAPS, forecast_cap_problem
from pricing.parameters import FORECAST_ROUTE, ParameterBook
from pricing.rate_parameters import PRICED_PARAMETERS
from pricing.record import Record

CAO_RISE_KEY = "cao_rise_pct"
CAO_RISE_LABEL = "Aangenomen structurele cao-verhoging na de laatst afgesproken verhoging"


class ScenarioForecast(Record, frozen=True):
    """The forecast values a scenario gives itself, replacing the edition's."""

    values: dict[str, float]
    reasons: dict[str, str]
    cao_rise_pct: float | None = None

    def apply(self, book: ParameterBook) -> ParameterBook:
        """``book`` with these values; the same object again for the same book and values, so what
        is remembered for an edition (pricing/memo.py) holds for a scenario with a forecast too."""
        key = (identity(book), content_key(self.values), content_key(self.reasons), content_key(self.cao_rise_pct))
        applied = _APPLIED.get(key)
        if applied is None:
            applied = book.with_forecast(self.values, self.reasons, self.cao_rise_pct)
            _APPLIED.put(key, applied)
        return applied


_APPLIED: Memo[ParameterBook] = Memo(64)


class ForecastUse(Record, frozen=True):
    """One forecast value a result rests on."""

    key: str  # parameter name, or cao_rise_pct
    label: str
    value: Any
    unit: str
    reasoning: str
    origin: str  # "editie" or "scenario"
    last_known: Any  # the last published value (0 for the CAO rise: no rise)
    from_date: dt.date  # the first date on which the forecast replaces published figures
    effect_per_hour: float | None = None  # tariff with this value minus tariff with last_known

    def as_json(self) -> dict[str, Any]:
        value = list(self.value) if isinstance(self.value, tuple) else self.value
        last = list(self.last_known) if isinstance(self.last_known, tuple) else self.last_known
        return {
            "key": self.key,
            "label": self.label,
            "value": value,
            "unit": self.unit,
            "reasoning": self.reasoning,
            "origin": self.origin,
            "last_known": last,
            "from": self.from_date.isoformat(),
            "effect_per_hour": None if self.effect_per_hour is None else round(self.effect_per_hour, 2),
        }


def editable_forecast_keys(book: ParameterBook) -> list[str]:
    """Forecast values a user may set: the statutory, PFZW and CAO rates the chain reads, and the CAO rise."""
    from pricing.rate_parameters import RATE_PARAMETERS

    names = [
        n
        for n in dict.fromkeys(RATE_PARAMETERS.values())
        if n in book.parameters and book.parameters[n].unit != "fraction_list"
    ]
    return names + [CAO_RISE_KEY]


def validate_scenario_forecast(raw: Any, c: Collector, book: ParameterBook) -> ScenarioForecast | None:
    """The scenario's ``forecast:`` key; problems go to the collector ``c`` with Dutch messages.

    Each value is checked by the model of its unit (pricing.forecast_input, imported here on first
    use, so a scenario without a forecast never builds them); which keys are allowed and the unit
    of each come from the parameter edition and are checked here.
    """
    if raw is None:
        return None
    from pydantic import ValidationError

    from pricing.forecast_input import ENTRIES
    from pricing.input_errors import dutch_problems, rule_text

    if not isinstance(raw, dict):
        c.add("forecast", rule_text("forecast_shape"))
        return None
    allowed = editable_forecast_keys(book)
    values: dict[str, float] = {}
    reasons: dict[str, str] = {}
    cao = None
    for key, entry in raw.items():
        path = f"forecast.{key}"
        if key not in allowed:
            c.add(path, rule_text("forecast_unknown", allowed=", ".join(allowed)))
            continue
        model = ENTRIES[CAO_RISE_KEY if key == CAO_RISE_KEY else book.parameters[key].unit]
        plain = not isinstance(entry, dict)
        try:
            valid = model.model_validate({"value": entry} if plain else entry)
        except ValidationError as error:
            # A plain value's problems are at the key itself, an entry's at its value or reasoning.
            for where, message in dutch_problems(error, model, path):
                c.add(path if plain else where, message)
            continue
        outside = _outside_salary_table(key, valid.value, book)
        if outside is not None:
            c.add(path if plain else f"{path}.value", outside)
            continue
        if key == CAO_RISE_KEY:
            cao = valid.value
        else:
            values[key] = valid.value
        if valid.reasoning:
            reasons[key] = valid.reasoning
    cell = forecast_cap_problem(values, book.parameters, book.salary)
    if cell is not None:
        c.add(f"forecast.{CAP_STEP if CAP_STEP in values else CAP_SCALE}", cell)
        for key in CAPS:  # refused: the rest is checked on the edition's cap
            values.pop(key, None)
    if not values and cao is None:
        return None
    return ScenarioForecast(values=values, reasons=reasons, cao_rise_pct=cao)


def _outside_salary_table(key: str, value: float, book: ParameterBook) -> str | None:
    """A Dutch message when a forecast scale or step number (unit ``count``, cao_rules.yaml) is not
    in the edition's salary table. The chain looks such a number up in the table; one that is not
    there would silently mean "no cap" (ORT) or "no scale" (labour-market allowance)."""
    from pricing.input_errors import rule_text

    parameter = book.parameters.get(key)
    if parameter is None or parameter.unit != "count":
        return None
    if key.endswith("_scale"):
        scales = sorted(book.salary.scales)
        if int(value) in scales:
            return None
        return rule_text("forecast_not_in_table", what="schaal", value=int(value), allowed=_ranges(scales))
    if key.endswith("_step"):
        steps = sorted(int(label) for label in book.salary.steps if label.isdigit())
        if int(value) in steps:
            return None
        return rule_text("forecast_not_in_table", what="trede", value=int(value), allowed=_ranges(steps))
    return None


def _ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> '1 tot en met 3, 5'."""
    parts: list[str] = []
    start = previous = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == previous + 1:
            previous = n
            continue
        parts.append(str(start) if start == previous else f"{start} tot en met {previous}")
        if n is not None:
            start = previous = n
    return ", ".join(parts)


def priced_dates(book: ParameterBook, names: AbstractSet[str] = PRICED_PARAMETERS) -> tuple[dt.date, dt.date]:
    """The first and last date on which every parameter in ``names`` can be priced with ``book``,
    its forecast included, and the last on which the salary table can: by default the peildata a cost
    price can have. The table's first date is not a bound: lines with their own monthly salary price
    before it (the lines that read the table are refused there, each with its own message)."""
    first = max(book.parameters[n].values[0].effective for n in names)
    last = min([book.parameters[n].horizon for n in names] + [book.salary.horizon])
    return first, last


def date_coverage_problem(book: ParameterBook, names: AbstractSet[str], date: dt.date) -> str | None:
    """None when every parameter in ``names`` (and the salary table) can be priced on ``date``
    (:func:`priced_dates`); otherwise one Dutch sentence naming what is missing and the forecast route."""
    first, _ = priced_dates(book, names)
    if date < first:
        return (
            f"de peildatum {format_date_nl(date)} ligt vóór de oudste gegevens van deze "
            f"parametereditie; kies een datum vanaf {format_date_nl(first)}"
        )
    missing = sorted(n for n in names if book.parameters[n].horizon < date)
    salary_missing = book.salary.horizon < date
    if not missing and not salary_missing:
        return None
    labels = [f"'{n}'" for n in missing] + (["de cao-verhogingen (salaristabel)"] if salary_missing else [])
    published = min(
        [book.parameters[n].covered_until for n in missing] + ([book.salary.covered_until] if salary_missing else [])
    )
    head = (
        f"voor de peildatum {format_date_nl(date)} ontbreken gepubliceerde cijfers (bekend tot en met "
        f"{format_date_nl(published)}) voor {', '.join(labels[:6])}"
        + (f" en {len(labels) - 6} andere" if len(labels) > 6 else "")
    )
    if (
        book.forecast is not None
        and all(book.parameters[n].forecast is not None for n in missing)
        and (not salary_missing or book.salary.forecast is not None)
    ):
        return (
            f"{head}, en de prognose van deze parametereditie loopt tot en met "
            f"{format_date_nl(book.forecast.horizon)}; kies een datum tot en met die dag of laad een "
            f"parametereditie die {format_date_nl(date)} dekt"
        )
    return f"{head}, en deze parametereditie heeft daarvoor geen prognose. {FORECAST_ROUTE}"


def value_text(value: Any, unit: str) -> str:
    """A forecast value as shown (percentages with two decimals, euros, other numbers)."""
    if isinstance(value, tuple):
        return format_unit(value, "fraction_list", pct_places=0)
    return format_unit(value, unit, pct_places=2, eur_places=0 if unit == "eur_per_year" else 2, other_places=1)
