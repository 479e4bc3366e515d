"""The cell of the salary table that caps the irregular-hours allowance (ORT, CAO art. 6.12 A.3:
paid over at most the hourly wage of one scale and step, ``ort_cap_scale`` and ``ort_cap_step``).

The chain looks that cell up for every priced date. A cell the table does not have would leave the
ORT uncapped, a higher price with no word to the user, so an edition whose cap parameters name such
a cell (on any date, or in its forecast) is refused when it loads, naming the parameters, and so is
a scenario whose own forecast of the cap does (this module owns both checks).

No runtime import of pricing.parameters (which calls this module while it builds an edition): the
types are for the type checker only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from pricing.money import format_date_nl

if TYPE_CHECKING:
    from pricing.parameters import Parameter, SalaryTable

CAP_SCALE, CAP_STEP = "ort_cap_scale", "ort_cap_step"
CAPS = (CAP_SCALE, CAP_STEP)


def cap_cell_problem(table: SalaryTable, scale: int, step: int, where: str | None = None) -> str | None:
    """Why ``table`` has no amount for scale ``scale`` step ``step`` (Dutch), or None when it has one;
    ``where`` names the table in the message (default: "de salaristabel (its file)")."""
    where = where or f"de salaristabel ({table.file})"
    if scale not in table.scales:
        return f"schaal {scale} staat niet in {where}"
    if not table.has_step(step):
        return f"trede {step} staat niet in {where}"
    if table.scales[scale][table.steps.index(str(step))] is None:
        return f"schaal {scale} trede {step} heeft geen bedrag in {where}"
    return None


def forecast_cap_problem(
    values: Mapping[str, float], parameters: Mapping[str, Parameter], table: SalaryTable
) -> str | None:
    """A Dutch message when a scenario's forecast ORT cap (scale and step, the edition's latest value
    for the one not forecast) names a cell the table leaves empty: the scale stops below that step.
    A scale or step the table does not have is refused per value before (pricing.forecast)."""
    if CAP_SCALE not in values and CAP_STEP not in values:
        return None
    scale, step = (int(values[key]) if key in values else int(parameters[key].values[-1].value) for key in CAPS)
    if scale not in table.scales or not table.has_step(step):
        return None  # already refused per value
    problem = cap_cell_problem(table, scale, step, "de salaristabel van deze editie")
    if problem is None:
        return None
    return (
        f"{problem}; de onregelmatigheidstoeslag kan dan niet worden begrensd; kies een schaal en trede met een bedrag"
    )


def edition_cap_problem(parameters: Mapping[str, Parameter], table: SalaryTable, forecast_file: str) -> str | None:
    """A Dutch message (file and parameters first, as every edition problem) when the ORT cap names,
    on any date of its values or in the edition's forecast, a cell without an amount; else None."""
    if CAP_SCALE not in parameters or CAP_STEP not in parameters:
        return None  # a missing parameter is refused by the edition's own check
    scale, step = parameters[CAP_SCALE], parameters[CAP_STEP]
    for when, scale_value, step_value in _cap_cells(scale, step):
        problem = cap_cell_problem(table, int(scale_value), int(step_value))
        if problem is None:
            continue
        file = scale.file if scale.file == step.file else f"{scale.file} en {step.file}"
        if when is None:
            file, when_text = forecast_file, "in de prognose"
        else:
            when_text = f"vanaf {format_date_nl(when)}"
        return (
            f"{file}: '{CAP_SCALE}' en '{CAP_STEP}' noemen {when_text} schaal {int(scale_value)} trede "
            f"{int(step_value)} als grens van de onregelmatigheidstoeslag (cao art. 6.12), maar {problem}; "
            f"zonder dat bedrag kan de toeslag niet worden begrensd. Vul die cel in de salaristabel in of "
            f"kies een schaal en trede met een bedrag."
        )
    return None


def _cap_cells(scale: Parameter, step: Parameter) -> list[tuple[dt.date | None, float, float]]:
    """(date, scale, step) for each date on which either parameter gets a value (the pair then in
    force), and (None, scale, step) for the forecast when the edition forecasts either of them."""
    cells: list[tuple[dt.date | None, float, float]] = []
    dates = sorted({v.effective for v in scale.values} | {v.effective for v in step.values})
    for when in dates:
        scale_now = [v.value for v in scale.values if v.effective <= when]
        step_now = [v.value for v in step.values if v.effective <= when]
        if scale_now and step_now:  # before both have a value the date is not covered at all
            cells.append((when, scale_now[-1], step_now[-1]))
    if scale.forecast is not None or step.forecast is not None:
        cells.append(
            (
                None,
                scale.forecast.value if scale.forecast is not None else scale.values[-1].value,
                step.forecast.value if step.forecast is not None else step.values[-1].value,
            )
        )
    return cells
