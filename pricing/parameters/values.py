"""Parameter values: one dated value with its status and references, a parameter's values over time
with the lookup by date, and how a parameter of a generic file is read (schema in the package's
docstring).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from pricing.parameters.files import (
    ParameterFileError,
    ParameterNotCovered,
    check_number,
    format_date,
    not_covered_message,
    require_date,
)
from pricing.parameters.references import Reference, parse_references, references_markdown, references_text
from pricing.record import Record

if TYPE_CHECKING:
    from pricing.parameters.forecasts import ForecastValue

STATUSES = ("sourced", "derived", "assumption")
# The one label set for where a value comes from, in every view (app, PDF, spreadsheet); "scenario" is
# a value the user typed, which no parameter file carries.
STATUS_LABELS = {"sourced": "bron", "derived": "afgeleid", "assumption": "aanname", "scenario": "eigen invoer"}
UNITS = (
    "fraction",
    "fraction_list",
    "eur_per_year",
    "eur_per_hour",
    "hours_per_year",
    "hours_per_month",
    "hours_per_day",
    "count",
)
_PARAM_KEYS = {"description", "unit", "status", "note", "reference", "covered_until", "values"}
_REQUIRED_PARAM_KEYS = {"description", "unit", "status", "reference", "covered_until", "values"}
_VALUE_KEYS = {"value", "status", "note", "reference"}


class ParameterValue(Record, frozen=True):
    """One value of one parameter, with everything needed to trace it."""

    name: str
    value: Any
    effective: dt.date
    unit: str
    status: str
    references: tuple[Reference, ...]
    description: str
    note: str
    file: str
    forecast: bool = False  # True: not published, priced on the edition's stated forecast

    @property
    def source_text(self) -> str:
        return references_text(self.references)

    @property
    def source_markdown(self) -> str:
        return references_markdown(self.references)


class Parameter(Record, frozen=True):
    name: str
    description: str
    unit: str
    covered_until: dt.date
    file: str
    values: tuple[ParameterValue, ...]  # sorted by effective date
    forecast: ForecastValue | None = None  # used for dates after covered_until, up to its horizon

    @property
    def horizon(self) -> dt.date:
        """The last date this parameter can be priced on: published data, then the forecast."""
        return self.forecast.horizon if self.forecast is not None else self.covered_until

    def at(self, on: dt.date) -> ParameterValue:
        """The value in force on ``on``; beyond ``covered_until`` the forecast value, if any."""
        if on > self.covered_until:
            if self.forecast is not None and on <= self.forecast.horizon:
                return self.forecast.parameter_value(self)
            raise ParameterNotCovered(
                not_covered_message(self.name, self.description, self.covered_until, on, self.forecast)
            )
        chosen = None
        for candidate in self.values:
            if candidate.effective <= on:
                chosen = candidate
            else:
                break
        if chosen is None:
            raise ParameterNotCovered(
                f"Parameter '{self.name}' ({self.description}) heeft geen waarde vóór "
                f"{format_date(self.values[0].effective)}; voor {format_date(on)} ontbreekt een "
                f"waarde. Kies een latere datum of laad een parametereditie die deze datum dekt."
            )
        return chosen


def parse_parameter(name: str, raw: Any, file: str) -> Parameter:
    where = f"{file}: parameter '{name}'"
    if not isinstance(raw, dict):
        raise ParameterFileError(f"{where}: verwacht een mapping met {sorted(_REQUIRED_PARAM_KEYS)}")
    unknown = set(raw) - _PARAM_KEYS
    if unknown:
        raise ParameterFileError(f"{where}: onbekende sleutel(s) {sorted(unknown)}")
    missing = _REQUIRED_PARAM_KEYS - set(raw)
    if missing:
        raise ParameterFileError(f"{where}: ontbrekende sleutel(s) {sorted(missing)}")
    unit = raw["unit"]
    if unit not in UNITS:
        raise ParameterFileError(f"{where}: eenheid {unit!r} onbekend; kies uit {list(UNITS)}")
    status = raw["status"]
    if status not in STATUSES:
        raise ParameterFileError(f"{where}: status {status!r} onbekend; kies uit {list(STATUSES)}")
    references = parse_references(raw["reference"], where)
    covered_until = require_date(raw["covered_until"], f"{where}: covered_until")
    raw_values = raw["values"]
    if not isinstance(raw_values, dict) or not raw_values:
        raise ParameterFileError(f"{where}: 'values' moet minstens één datum met waarde hebben")
    values = []
    for key, entry in raw_values.items():
        effective = require_date(key, f"{where}: values")
        v_where = f"{where} op {key}"
        if isinstance(entry, dict):
            unknown = set(entry) - _VALUE_KEYS
            if unknown:
                raise ParameterFileError(f"{v_where}: onbekende sleutel(s) {sorted(unknown)}")
            if "value" not in entry:
                raise ParameterFileError(f"{v_where}: 'value' ontbreekt")
            v_status = entry.get("status", status)
            if v_status not in STATUSES:
                raise ParameterFileError(f"{v_where}: status {v_status!r} onbekend")
            v_refs = parse_references(entry["reference"], v_where) if "reference" in entry else references
            note = str(entry.get("note") or raw.get("note") or "")
            value = check_number(entry["value"], unit, v_where)
        else:
            v_status, v_refs, note = status, references, str(raw.get("note") or "")
            value = check_number(entry, unit, v_where)
        if effective > covered_until:
            raise ParameterFileError(f"{v_where}: ingangsdatum ligt na covered_until")
        values.append(
            ParameterValue(
                name=name,
                value=value,
                effective=effective,
                unit=unit,
                status=v_status,
                references=v_refs,
                description=str(raw["description"]),
                note=note,
                file=file,
            )
        )
    values.sort(key=lambda v: v.effective)
    return Parameter(
        name=name,
        description=str(raw["description"]),
        unit=unit,
        covered_until=covered_until,
        file=file,
        values=tuple(values),
    )
