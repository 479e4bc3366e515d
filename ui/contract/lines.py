"""The staffing and activities tables of the contract: lines per area and task, a function with FTE
or hours, or an activity with an amount per year."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from pricing.model.contract import CROSS_AREA, CROSS_TASK
from ui.cells import NONE, grid_number, numbers_as_text, plain
from ui.contract.fields import names_of, rows_of
from ui.contract.grids import fold
from ui.grids import dynamic_grid, steady_grid


def line_editor(key: str, name_column: str, functions: list[str]) -> None:
    """Staffing (function with FTE or hours) or activities (name with amount) per area and task."""
    grid = f"contract_{key}"
    editor_key, (lines, areas, tasks) = steady_grid(grid, _line_content(key))
    areas, tasks = [NONE, *areas], [NONE, *tasks]
    # A name that no longer exists stays selectable, so the editor does not blank it before the
    # mapping at the top of the page has renamed it.
    areas += sorted({line["area"] for line in lines if isinstance(line.get("area"), str)} - set(areas))
    tasks += sorted({line["task"] for line in lines if isinstance(line.get("task"), str)} - set(tasks))
    if key == "staffing":
        functions = list(functions) + sorted(
            {line["function"] for line in lines if isinstance(line.get("function"), str)} - set(functions)
        )
    staffing = key == "staffing"
    columns = ["Gebied", "Opgave", name_column] + (["FTE", "Uren"] if staffing else ["Bedrag per jaar"])
    # The column is called "Bedrag per jaar" in euros, at the price level of the scenario date.
    rows = []
    for line in lines:
        row = {
            "Gebied": line.get("area") or NONE,
            "Opgave": line.get("task") or NONE,
            name_column: line.get("function" if staffing else "name"),
        }
        if staffing:
            row["FTE"], row["Uren"] = line.get("fte"), line.get("hours")
        else:
            row["Bedrag per jaar"] = line.get("amount")
        rows.append(row)
    frame = pd.DataFrame(rows, columns=columns)
    for column in columns[3:]:
        frame = numbers_as_text(frame, [column])
    # A new row starts on "—" (no area or task: the choice shown, not an empty cell read as one) and
    # with its function empty: a required empty cell would keep the row in the browser, shown in the
    # grid but counted nowhere; sent as it is, validation names the function it lacks.
    config = {
        "Gebied": st.column_config.SelectboxColumn(
            options=areas, default=NONE, required=True, help=f"{NONE} = {CROSS_AREA.lower()}"
        ),
        "Opgave": st.column_config.SelectboxColumn(
            options=tasks, default=NONE, required=True, help=f"{NONE} = {CROSS_TASK.lower()}"
        ),
    }
    if staffing:
        config[name_column] = st.column_config.SelectboxColumn(
            options=functions, help="Functie uit de formatie (pagina Organisatie & formatie)"
        )
        config["FTE"] = st.column_config.TextColumn(help="Bijvoorbeeld 2,5")
        config["Uren"] = st.column_config.TextColumn(
            help="Declarabele uren per jaar, in plaats van FTE; bijvoorbeeld 1.250"
        )
    else:
        config["Bedrag per jaar"] = st.column_config.TextColumn(
            help="In euro per jaar, prijspeil van de peildatum; bijvoorbeeld 25.000 of 2.500,50"
        )
    edited = dynamic_grid(
        frame,
        editor_key,
        column_config=config,
    )
    new: list[dict[str, Any]] = []
    for row in edited.to_dict("records"):
        line = {}
        area, task = plain(row.get("Gebied")), plain(row.get("Opgave"))
        if area not in (None, NONE):
            line["area"] = area
        if task not in (None, NONE):
            line["task"] = task
        if staffing:
            line["function"] = plain(row.get(name_column))
            amounts = {"fte": grid_number(row.get("FTE"), "fte"), "hours": grid_number(row.get("Uren"), "hours")}
            line.update({field: value for field, value in amounts.items() if value is not None})
        else:
            line["name"] = plain(row.get(name_column))
            line["amount"] = grid_number(row.get("Bedrag per jaar"), "euro")
        new.append(line)
    fold(grid, key, new, lambda: _line_content(key))


def _line_content(key: str) -> list[Any]:
    """What the staffing or activities table shows: its lines, and the names its area and task cells
    choose from (a new name elsewhere gives the table afresh, with the name to choose)."""
    return [
        rows_of(key),
        names_of("areas"),
        names_of("tasks"),
    ]
