"""The tasks, indicators and areas tables of the contract, and how a table's edit goes back into
the contract.

Each table editor keeps its key, and the rows it was given, while the contract holds what the table
itself wrote (``ui.grids.steady_grid``): its edits, relative to those rows, are folded in again with
every edit and an edit typed meanwhile is not lost. The table starts afresh when its part changed
elsewhere. A row keeps its identity through an edit (``_by_origin``), so a renamed area or task is
renamed in every line that uses it and a deleted task does not hand its indicators to the next."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from pricing.contract_refs import rename_reference
from ui import components, state
from ui.cells import grid_number, kept_rows, numbers_as_text, plain
from ui.contract.fields import rows_of, set_part
from ui.grids import dynamic_grid, grid_applied, grid_edits, grid_wrote, steady_grid, warn_unplaced

# The text grids on this page fit its content width at 1280 px (818 px; 938 px at 1400 px): the
# configured widths of a grid's columns add up to at most 818 px, less the 32 px marker column of a
# grid that adds rows (wider pages share out the rest). Long texts wrap: Streamlit wraps a cell's text
# once a row is taller than 4rem; six lines per task row hold the demo's longest text (121 characters).
TASK_ROW_HEIGHT = 128


def fold(
    grid: str,
    key: str,
    new: list[dict[str, Any]],
    content: Callable[[], Any],
    renames: dict[str, str] | None = None,
    kind: str = "",
) -> None:
    """Write the edited table ``grid`` back into ``contract.<key>`` (a name it typed over renamed in
    every line that uses it) and start a fresh run, in which the grid keeps its key: ``content`` is
    its part of the scenario as it reads it."""
    if new == rows_of(key):
        return
    if renames:
        renamed = state.raw()
        for old, name in renames.items():
            renamed = rename_reference(renamed, kind, old, name)
        state.raw()["contract"] = renamed["contract"]
    set_part(key, new)
    grid_wrote(grid, content())
    st.rerun()


def tasks_editor() -> None:
    key, tasks = steady_grid("contract_tasks", rows_of("tasks"))
    frame = pd.DataFrame(
        [
            {
                "Opgave": t.get("name"),
                "Doelgroep": t.get("target_group"),
                "Gewenste effecten (scheiden met ;)": "; ".join(
                    str(e) for e in t.get("effects") or [] if e is not None
                ),
                "Vertellen (verhaal)": t.get("narrative"),
                "Rapportage (tellen)": t.get("reporting"),
                "Maatschappelijk rendement": isinstance(t.get("social_return"), dict) or t.get("social_return") is True,
            }
            for t in tasks
        ],
        columns=[
            "Opgave",
            "Doelgroep",
            "Gewenste effecten (scheiden met ;)",
            "Vertellen (verhaal)",
            "Rapportage (tellen)",
            "Maatschappelijk rendement",
        ],
    )
    edited = dynamic_grid(
        frame,
        key,
        # Every column fits the page from 1280 px wide (no sideways scroll; wider pages share out the
        # rest), and the rows are tall enough for the long texts to wrap onto lines of their own
        # (Streamlit wraps text once a row is taller than 4rem); a cell opened shows all of its text.
        row_height=TASK_ROW_HEIGHT,
        height="content",  # every row in sight: taller rows would scroll inside the grid
        column_config={
            "Opgave": st.column_config.TextColumn(width=130),
            "Doelgroep": st.column_config.TextColumn(width=100),
            "Gewenste effecten (scheiden met ;)": st.column_config.TextColumn(
                "Gewenste effecten", width=158, help="Scheid de effecten met een puntkomma (;)."
            ),
            "Vertellen (verhaal)": st.column_config.TextColumn(width=158),
            "Rapportage (tellen)": st.column_config.TextColumn(
                "Rapportage", width=140, help="Tellen: hoe over de indicatoren wordt gerapporteerd."
            ),
            "Maatschappelijk rendement": st.column_config.CheckboxColumn(
                "Rendement",
                width=100,
                help="Maatschappelijk rendement: schat het (standaard 1,6 keer de kosten, SEOR 2020)",
                default=False,
            ),
        },
    )
    new = []
    edited_keys = ("name", "target_group", "effects", "narrative", "reporting", "social_return")
    # Which task each edited row was: the editor drops its deleted rows and appends the added ones
    # after the rows it kept (in their order), so the i-th row is the i-th task not deleted. Matching
    # by position in the new table would hand a deleted task's indicators to its successor.
    kept = kept_rows(grid_edits("contract_tasks"), len(tasks))
    for i, row in enumerate(edited.to_dict("records")):
        # Keep what this table does not show (indicators, social-return settings) from the row it was.
        old = tasks[kept[i]] if i < len(kept) else {}
        task = {"name": plain(row.get("Opgave"))}
        for field, column in (
            ("target_group", "Doelgroep"),
            ("narrative", "Vertellen (verhaal)"),
            ("reporting", "Rapportage (tellen)"),
        ):
            if plain(row.get(column)) is not None:
                task[field] = plain(row.get(column))
        effects = [
            e.strip() for e in str(plain(row.get("Gewenste effecten (scheiden met ;)")) or "").split(";") if e.strip()
        ]
        if effects:
            task["effects"] = effects
        task.update({k: v for k, v in old.items() if k not in edited_keys})
        if bool(plain(row.get("Maatschappelijk rendement"))):
            task["social_return"] = old.get("social_return") if isinstance(old.get("social_return"), dict) else {}
        new.append(task)
    renames = _renamed("contract_tasks", len(tasks), rows_of("tasks"), new)
    fold("contract_tasks", "tasks", new, lambda: rows_of("tasks"), renames, "task")


def _by_origin(
    edits: dict[str, Any] | None, count: int, rows: list[dict[str, Any]]
) -> dict[tuple[str, int], dict[str, Any]]:
    """The rows of a grid after ``edits`` (the ``count`` rows it was given, less the deleted ones, then
    the added ones), each under the row it comes from: ("given", i) or ("added", j)."""
    kept = kept_rows(edits, count)
    origins = [("given", i) for i in kept] + [("added", j) for j in range(len(rows) - len(kept))]
    return dict(zip(origins, rows))


def _renamed(grid: str, count: int, now: list[dict[str, Any]], new: list[dict[str, Any]]) -> dict[str, str]:
    """Old -> new names of the areas or tasks table's latest edit: a row's name as the contract holds
    it (with the table's earlier edits) against the name in the same row of the edited table."""
    before = _by_origin(grid_applied(grid), count, now)
    after = _by_origin(grid_edits(grid), count, new)
    renames = {}
    for origin, item in after.items():
        old, name = before.get(origin, {}).get("name"), item.get("name")
        if isinstance(old, str) and isinstance(name, str) and old != name:
            renames[old] = name
    return renames


def indicator_editor() -> None:
    key, tasks = steady_grid("contract_indicators", rows_of("tasks"))
    names = [t.get("name") for t in tasks if t.get("name")]
    rows = []
    for t in tasks:
        for ind in t.get("indicators") or []:
            if isinstance(ind, dict):
                rows.append(
                    {
                        "Opgave": t.get("name"),
                        "Indicator": ind.get("name"),
                        "Eenheid": ind.get("unit"),
                        "Nulmeting": ind.get("baseline"),
                        "Streefwaarde": ind.get("target"),
                        "Bron": ind.get("source"),
                    }
                )
    frame = pd.DataFrame(rows, columns=["Opgave", "Indicator", "Eenheid", "Nulmeting", "Streefwaarde", "Bron"])
    frame = numbers_as_text(frame, ["Nulmeting", "Streefwaarde"])
    edited = dynamic_grid(
        frame,
        key,
        row_height=components.WRAP_ROW_HEIGHT,
        height="content",  # every row in sight: taller rows would scroll inside the grid
        column_config={
            # Not required: see grids.warn_unplaced.
            "Opgave": st.column_config.SelectboxColumn(options=names, width=160),
            "Indicator": st.column_config.TextColumn(width=200),
            "Eenheid": st.column_config.TextColumn(width=85),
            "Nulmeting": st.column_config.TextColumn(help="Bijvoorbeeld 1.250 of 12,5", width=100),
            "Streefwaarde": st.column_config.TextColumn(help="Bijvoorbeeld 1.250 of 12,5", width=105),
            "Bron": st.column_config.TextColumn(width=130),
        },
    )
    grouped: dict[str, list[dict[str, Any]]] = {n: [] for n in names}
    unplaced: list[int] = []
    for number, row in enumerate(edited.to_dict("records"), start=1):
        task = plain(row.get("Opgave"))
        if task not in grouped:
            unplaced.append(number)
            continue
        ind = {"name": plain(row.get("Indicator"))}
        for field, column in (("unit", "Eenheid"), ("source", "Bron")):
            if plain(row.get(column)) is not None:
                ind[field] = plain(row.get(column))
        for field, column in (("baseline", "Nulmeting"), ("target", "Streefwaarde")):
            if grid_number(row.get(column)) is not None:
                ind[field] = grid_number(row.get(column))
        grouped[task].append(ind)
    warn_unplaced("Indicatoren", unplaced, "de opgave waar de indicator bij hoort")
    new = []
    for t in tasks:
        t = dict(t)
        if t.get("name") in grouped:
            if grouped[t["name"]]:
                t["indicators"] = grouped[t["name"]]
            else:
                t.pop("indicators", None)
        new.append(t)
    fold("contract_indicators", "tasks", new, lambda: rows_of("tasks"))


def areas_editor() -> None:
    editor_key, areas = steady_grid("contract_areas", rows_of("areas"))
    frame = pd.DataFrame(
        [{"Gebied": a.get("name"), "CBS-code": a.get("code"), "Inwoners": a.get("population")} for a in areas],
        columns=["Gebied", "CBS-code", "Inwoners"],
    )
    frame = numbers_as_text(frame, ["Inwoners"])
    edited = dynamic_grid(
        frame,
        editor_key,
        column_config={
            "CBS-code": st.column_config.TextColumn(help="WK + 6 cijfers (wijk) of BU + 8 cijfers (buurt)"),
            "Inwoners": st.column_config.TextColumn(help="Bijvoorbeeld 12.500"),
        },
    )
    new = []
    for row in edited.to_dict("records"):
        area = {"name": plain(row.get("Gebied"))}
        if plain(row.get("CBS-code")) is not None:
            area["code"] = plain(row.get("CBS-code"))
        population = grid_number(row.get("Inwoners"), "whole")
        if population is not None:
            area["population"] = population
        new.append(area)
    renames = _renamed("contract_areas", len(areas), rows_of("areas"), new)
    fold("contract_areas", "areas", new, lambda: rows_of("areas"), renames, "area")
