"""The ParameterBook: all parameters of one edition by name, its salary table and its forecast."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from msgspec.structs import replace

from pricing.ort_cap import edition_cap_problem
from pricing.parameters.edition import Edition
from pricing.parameters.files import FORECAST_FILE, PARAMETER_DIR, ParameterFileError, ParameterNotCovered
from pricing.parameters.forecasts import Forecast, ForecastValue, SalaryForecast
from pricing.parameters.salary_table import SalaryTable
from pricing.parameters.values import Parameter, ParameterValue
from pricing.record import Record


class ParameterBook(Record, frozen=True):
    """All parameters of one edition, by name, the CAO salary table, and the edition's forecast."""

    parameters: dict[str, Parameter]
    salary: SalaryTable
    directory: Path = PARAMETER_DIR
    edition: Edition | None = None
    forecast: Forecast | None = None

    def get(self, name: str, on: dt.date) -> ParameterValue:
        try:
            parameter = self.parameters[name]
        except KeyError:
            where = f"parametereditie {self.edition.id}" if self.edition else "de parametereditie"
            raise ParameterNotCovered(f"Parameter '{name}' bestaat niet in {where}") from None
        return parameter.at(on)

    def value(self, name: str, on: dt.date) -> Any:
        return self.get(name, on).value

    def checked(self) -> ParameterBook:
        """This book, when its ORT cap names a salary cell with an amount on every date and in its
        forecast (pricing.ort_cap); else ParameterFileError. The one check every book goes through:
        an edition loaded from files (pricing.parameters.bundle), a forecast applied
        (:meth:`with_forecast`) and the edition rebuilt with a stored version's values
        (pricing.store.outcome). Without it the chain would find no cap at pricing time."""
        problem = edition_cap_problem(self.parameters, self.salary, FORECAST_FILE)
        if problem is not None:
            raise ParameterFileError(problem)
        return self

    def on_forecast(self, name: str, on: dt.date) -> bool:
        """Does the value of ``name`` on ``on`` rest on the forecast?"""
        return on > self.parameters[name].covered_until

    @property
    def forecast_horizon(self) -> dt.date | None:
        return self.forecast.horizon if self.forecast is not None else None

    def with_forecast(
        self,
        values: dict[str, Any] | None = None,
        reasons: dict[str, str] | None = None,
        cao_rise_pct: float | None = None,
    ) -> ParameterBook:
        """The same edition with some forecast values replaced (a scenario's own forecast); raises
        ParameterFileError when the ORT cap then names a cell without an amount (:meth:`checked`)."""
        values, reasons = values or {}, reasons or {}
        if not values and cao_rise_pct is None:
            return self
        horizon = self.forecast_horizon or dt.date(
            max(p.covered_until for p in self.parameters.values()).year + 4, 12, 31
        )
        parameters = dict(self.parameters)
        forecast_values = dict(self.forecast.values) if self.forecast else {}
        for name, value in values.items():
            parameter = parameters[name]
            fv = ForecastValue(
                name=name,
                value=value,
                horizon=horizon,
                last_known=parameter.values[-1].value,
                origin="scenario",
                reasoning=reasons.get(name) or "Opgegeven in het scenario (aanname van de gebruiker).",
            )
            parameters[name] = replace(parameter, forecast=fv)
            forecast_values[name] = fv
        salary = self.salary
        salary_forecast = self.forecast.salary if self.forecast else None
        if cao_rise_pct is not None:
            base = salary_forecast or SalaryForecast(
                pct=0.0,
                first=salary.covered_until + dt.timedelta(days=1),
                every_months=12,
                horizon=horizon,
                reasoning="",
            )
            salary_forecast = replace(
                base,
                pct=cao_rise_pct,
                origin="scenario",
                reasoning=reasons.get("cao_rise_pct") or "Opgegeven in het scenario (aanname van de gebruiker).",
            )
            salary = replace(salary, forecast=salary_forecast)
        forecast = Forecast(
            description=self.forecast.description if self.forecast else "",
            horizon=horizon,
            values=forecast_values,
            salary=salary_forecast,
        )
        return replace(self, parameters=parameters, salary=salary, forecast=forecast).checked()
