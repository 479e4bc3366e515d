"""Forecasts for dates beyond the published figures (docs/methode.md section 5.5): per parameter an
assumed value up to the horizon, the assumed CAO rises, and how ``forecast.yaml`` is read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pricing.parameters.files import FORECAST_FILE, ParameterFileError, check_number, checked_mapping, require_date
from pricing.parameters.references import ASSUMPTION_LABEL, Reference
from pricing.parameters.salary_table import SalaryRise, SalaryTable
from pricing.parameters.values import Parameter, ParameterValue
from pricing.record import Record

FORECAST_LABELS = {"editie": "prognose van de parametereditie", "scenario": "prognose uit het scenario"}


def forecast_references(origin: str, reasoning: str) -> tuple[Reference, ...]:
    """A forecast value's source: an assumption, with its reasoning (no published figure exists)."""
    return (
        Reference(title=ASSUMPTION_LABEL, href="", reasoning=f"{FORECAST_LABELS[origin]} (methode §5.5): {reasoning}"),
    )


class ForecastValue(Record, frozen=True):
    """The assumed value of one parameter for dates after its ``covered_until``."""

    name: str
    value: Any
    reasoning: str
    horizon: dt.date
    last_known: Any  # the last published value, the basis of a carry-over and of its EUR effect
    origin: str = "editie"  # "editie" (the edition's forecast.yaml) or "scenario"

    @property
    def carried_over(self) -> bool:
        return bool(self.value == self.last_known)

    def parameter_value(self, parameter: Parameter) -> ParameterValue:
        refs = forecast_references(self.origin, self.reasoning)
        return ParameterValue(
            name=parameter.name,
            value=self.value,
            effective=parameter.covered_until + dt.timedelta(days=1),
            unit=parameter.unit,
            status="assumption",
            references=refs,
            description=parameter.description,
            note=self.reasoning,
            file=FORECAST_FILE,
            forecast=True,
        )


def _add_months(value: dt.date, months: int) -> dt.date:
    month = value.month - 1 + months
    year = value.year + month // 12
    month = month % 12 + 1
    last_day = [
        31,
        29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return dt.date(year, month, min(value.day, last_day))


class SalaryForecast(Record, frozen=True):
    """Assumed structural CAO rises after the agreed ones: ``pct`` every ``every_months`` from ``first``."""

    pct: float
    first: dt.date
    every_months: int
    horizon: dt.date
    reasoning: str
    origin: str = "editie"

    @property
    def rises(self) -> tuple[SalaryRise, ...]:
        refs = forecast_references(self.origin, self.reasoning)
        out, on = [], self.first
        while on <= self.horizon:
            out.append(
                SalaryRise(
                    effective=on, pct=self.pct, status="assumption", references=refs, note=self.reasoning, forecast=True
                )
            )
            on = _add_months(on, self.every_months)
        return tuple(out)


class Forecast(Record, frozen=True):
    """The edition's forecast: per parameter an assumed value, and the assumed CAO rises."""

    description: str
    horizon: dt.date
    values: dict[str, ForecastValue]
    salary: SalaryForecast | None


_FORECAST_KEYS = {"description", "horizon", "parameters", "cao_rise"}
_FORECAST_VALUE_KEYS = {"value", "reasoning"}
_CAO_FORECAST_KEYS = {"pct", "first", "every_months", "reasoning"}


def _reasoning(raw: Any, where: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise ParameterFileError(
            f"{where}: 'reasoning' ontbreekt; elke prognosewaarde is een aanname en heeft een toelichting nodig"
        )
    return " ".join(raw.split())


def parse_forecast(
    raw: Any, parameters: dict[str, Parameter], salary: SalaryTable, file: str = FORECAST_FILE
) -> Forecast:
    checked_mapping(raw, _FORECAST_KEYS, file)
    horizon = require_date(raw.get("horizon"), f"{file}: horizon")
    values: dict[str, ForecastValue] = {}
    entries = raw.get("parameters") or {}
    if not isinstance(entries, dict):
        raise ParameterFileError(f"{file}: 'parameters' moet een mapping van parameternaam naar prognose zijn")
    for name, entry in entries.items():
        where = f"{file}: parameter '{name}'"
        if name not in parameters:
            raise ParameterFileError(f"{where}: deze parameter bestaat niet in de editie")
        checked_mapping(entry, _FORECAST_VALUE_KEYS, where)
        parameter = parameters[name]
        last = parameter.values[-1].value
        value = check_number(entry["value"], parameter.unit, where) if "value" in entry else last
        values[name] = ForecastValue(
            name=name,
            value=value,
            reasoning=_reasoning(entry.get("reasoning"), where),
            horizon=horizon,
            last_known=last,
        )
    cao = None
    if raw.get("cao_rise") is not None:
        where = f"{file}: cao_rise"
        entry = checked_mapping(raw["cao_rise"], _CAO_FORECAST_KEYS, where)
        pct = check_number(entry.get("pct"), "fraction", where)
        if not 0 <= pct <= 0.2:
            raise ParameterFileError(f"{where}: pct {pct!r} ligt niet tussen 0 en 0,2 (0 % tot 20 % per stap)")
        first = require_date(entry.get("first"), f"{where}: first")
        last_rise = salary.rises[-1].effective if salary.rises else salary.effective
        if first <= last_rise:
            raise ParameterFileError(
                f"{where}: first ({first.isoformat()}) moet na de laatst afgesproken "
                f"verhoging ({last_rise.isoformat()}) liggen"
            )
        every = entry.get("every_months", 12)
        if isinstance(every, bool) or not isinstance(every, int) or not 1 <= every <= 60:
            raise ParameterFileError(f"{where}: every_months moet een geheel aantal maanden van 1 t/m 60 zijn")
        cao = SalaryForecast(
            pct=pct,
            first=first,
            every_months=every,
            horizon=horizon,
            reasoning=_reasoning(entry.get("reasoning"), where),
        )
    return Forecast(description=str(raw.get("description") or ""), horizon=horizon, values=values, salary=cao)
