"""The contract's variants (the contract page): their name and description, and per variant what it
adds to or removes from the basis's staffing and activities; written as the contract's ``options``."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import streamlit as st

from ui import grids, state
from ui.cells import NONE, grid_number, kept_rows, numbers_as_text, plain
from ui.literal import literal
from ui.problem_text import problems_at

KINDS = ("Formatie", "Activiteit")
CHANGE_COLUMNS = (
    "Variant",
    "Soort",
    "Gebied",
    "Opgave",
    "Functie of activiteit",
    "FTE (±)",
    "Uren (±)",
    "Bedrag per jaar (±)",
)
_OPTION_PATH = re.compile(
    r"contract\.options\[(\d+)\](?:\.(name|description|staffing|activities))?(?:\[(\d+)\])?(?:\.(\w+))?$"
)
_CHANGE_FIELDS = {
    "fte": "FTE",
    "hours": "uren",
    "amount": "bedrag",
    "area": "gebied",
    "task": "opgave",
    "function": "functie",
    "name": "activiteit",
}


def _options() -> list[dict[str, Any]]:
    contract = state.raw().get("contract")
    value = contract.get("options") if isinstance(contract, dict) else None
    return [o for o in value if isinstance(o, dict)] if isinstance(value, list) else []


def _write_options(options: list[dict[str, Any]]) -> None:
    contract = state.raw().setdefault("contract", {})
    if options:
        contract["options"] = options
    else:
        contract.pop("options", None)


def variants_editor(functions: list[str]) -> None:
    """The contract's variants (name, description) and, per variant, what it adds or removes."""
    key, options = grids.steady_grid("contract_options", _options())
    frame = pd.DataFrame(
        [{"Naam": o.get("name"), "Omschrijving": o.get("description")} for o in options],
        columns=["Naam", "Omschrijving"],
    )
    edited = grids.dynamic_grid(
        frame,
        key,
        width="stretch",
        column_config={"Omschrijving": st.column_config.TextColumn(width="large")},
    )
    kept = kept_rows(grids.grid_edits("contract_options"), len(options))
    new = []
    for i, row in enumerate(edited.to_dict("records")):
        # Keep the variant's changes (the second table) from the row it was.
        option = dict(options[kept[i]]) if i < len(kept) else {}
        for field, column in (("name", "Naam"), ("description", "Omschrijving")):
            value = plain(row.get(column))
            if value is None:
                option.pop(field, None)
            else:
                option[field] = value
        new.append(option)
    if new != _options():
        _write_options(new)
        grids.grid_wrote("contract_options", _options())
        st.rerun()

    options = _options()  # as the scenario has them now (the grid above shows the rows it was given)
    if not [o for o in options if o.get("name")]:
        _option_problems(options)
        return
    change_key, (options, areas, tasks) = grids.steady_grid("contract_option_changes", _change_content())
    names = [o.get("name") for o in options if o.get("name")]
    areas, tasks = [NONE, *areas], [NONE, *tasks]
    rows = []
    for o in options:
        for kind, field in (("Formatie", "staffing"), ("Activiteit", "activities")):
            for line in o.get(field) or []:
                if not isinstance(line, dict):
                    continue
                rows.append(
                    {
                        "Variant": o.get("name"),
                        "Soort": kind,
                        "Gebied": line.get("area") or NONE,
                        "Opgave": line.get("task") or NONE,
                        "Functie of activiteit": line.get("function" if kind == "Formatie" else "name"),
                        "FTE (±)": line.get("fte"),
                        "Uren (±)": line.get("hours"),
                        "Bedrag per jaar (±)": line.get("amount"),
                    }
                )
    st.caption(
        "Wat elke variant aan de basis toevoegt (positief) of weghaalt (negatief): formatie in FTE of uren, "
        "activiteiten in euro per jaar."
    )
    changes = grids.dynamic_grid(
        numbers_as_text(pd.DataFrame(rows, columns=list(CHANGE_COLUMNS)), list(CHANGE_COLUMNS[5:])),
        change_key,
        width="stretch",
        # Sized so the table fits its expander at 1400 px (904 px) without a sideways scroll (choice cells
        # do not wrap).
        column_config={
            # Variant and Soort not required (see grids.warn_unplaced); a new row's area and task
            # start on "—", the choice shown, as in the basis's tables.
            "Variant": st.column_config.SelectboxColumn(options=names, width=80),
            "Soort": st.column_config.SelectboxColumn(options=list(KINDS), width=85),
            "Gebied": st.column_config.SelectboxColumn(options=areas, default=NONE, required=True, width=85),
            "Opgave": st.column_config.SelectboxColumn(options=tasks, default=NONE, required=True, width=170),
            "Functie of activiteit": st.column_config.TextColumn(
                width=167,
                help=f"Formatie: een functie uit de formatie ({', '.join(functions[:6])}{' …' if len(functions) > 6 else ''}); "
                "activiteit: de naam van het activiteitenbudget.",
            ),
            "FTE (±)": st.column_config.TextColumn(width=85, help="Bijvoorbeeld 1,5 of -0,5"),
            "Uren (±)": st.column_config.TextColumn(width=85, help="Declarabele uren per jaar, in plaats van FTE"),
            "Bedrag per jaar (±)": st.column_config.TextColumn(
                "Bedrag (±)", width=105, help="Bedrag per jaar in euro, bijvoorbeeld 12.000 of -15.000"
            ),
        },
    )
    by_name: dict[str, dict[str, list[dict[str, Any]]]] = {n: {"staffing": [], "activities": []} for n in names}
    unplaced: list[int] = []
    for number, row in enumerate(changes.to_dict("records"), start=1):
        variant = plain(row.get("Variant"))
        if variant not in by_name or plain(row.get("Soort")) not in KINDS:
            unplaced.append(number)
            continue
        change: dict[str, Any] = {}
        for field, column in (("area", "Gebied"), ("task", "Opgave")):
            value = plain(row.get(column))
            if value not in (None, NONE):
                change[field] = value
        if plain(row.get("Soort")) == "Activiteit":
            change["name"] = plain(row.get("Functie of activiteit"))
            change["amount"] = grid_number(row.get("Bedrag per jaar (±)"), "euro")
            by_name[variant]["activities"].append(change)
        else:
            change["function"] = plain(row.get("Functie of activiteit"))
            amounts = {
                "fte": grid_number(row.get("FTE (±)"), "fte"),
                "hours": grid_number(row.get("Uren (±)"), "hours"),
            }
            change.update({field: value for field, value in amounts.items() if value is not None})
            by_name[variant]["staffing"].append(change)
    grids.warn_unplaced("Wijzigingen per variant", unplaced, "de variant en de soort (formatie of activiteit)")
    rebuilt = []
    for o in options:
        o = dict(o)
        if o.get("name") in by_name:
            for field in ("staffing", "activities"):
                if by_name[o["name"]][field]:
                    o[field] = by_name[o["name"]][field]
                else:
                    o.pop(field, None)
        rebuilt.append(o)
    if rebuilt != _options():
        _write_options(rebuilt)
        grids.grid_wrote("contract_option_changes", _change_content())
        st.rerun()
    _option_problems(_options())


def _change_content() -> list[Any]:
    """What the variants' changes table shows: the variants, and the names its cells choose from."""
    contract = state.raw().get("contract") or {}
    return [
        _options(),
        [a.get("name") for a in contract.get("areas") or [] if isinstance(a, dict) and a.get("name")],
        [t.get("name") for t in contract.get("tasks") or [] if isinstance(t, dict) and t.get("name")],
    ]


def _option_problems(options: list[dict[str, Any]]) -> None:
    for p in problems_at("contract.options"):
        match = _OPTION_PATH.match(p.path)
        if not match:
            st.error(literal(f"Varianten: {p.message}"), icon=":material/warning:")
            continue
        index, part, line, field = match.groups()
        i = int(index) - 1
        name = options[i].get("name") if i < len(options) and options[i].get("name") else f"{index}"
        where = f"Variant {name}"
        if part in ("name", "description"):
            where += ", " + ("naam" if part == "name" else "omschrijving")
        elif part:
            where += ", " + ("formatieregel" if part == "staffing" else "activiteit") + (f" {line}" if line else "")
            if field:
                where += f", {_CHANGE_FIELDS.get(field, field)}"
        st.error(literal(f"{where}: {p.message}"), icon=":material/warning:")
