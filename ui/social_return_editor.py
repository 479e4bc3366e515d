"""The social-return settings per task (the contract page): ratio, benefit years and the split over
who benefits in one table, the ratio's range and its source in a second; both write the task's
``social_return`` keys."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pandas as pd
import streamlit as st

from pricing.money import MONTHS_NL
from pricing.social_return import ACTORS, CAVEAT, SEOR_RATIO, SEOR_SOURCE
from ui import components, grids, state
from ui.cells import as_mapping, fraction, grid_number, numbers_as_text, pct_cell, plain
from ui.editor_paths import SOCIAL_RETURN_PATH
from ui.literal import literal
from ui.problem_text import problems_at

SR_COLUMNS = {
    "task": "Opgave",
    "ratio": "Verhouding baten/kosten",
    "benefit_years": "Jaren baten",
    **{actor: f"{label} (%)" for actor, label in ACTORS.items()},
}
# The first table's headers as shown (short, so it fits the page from 1280 px wide) and its widths.
SR_SHORT = {"overig": "Overig"}
SR_ACTOR_WIDTH = {"zorgverzekeraar": 128, "uwv": 65, "overig": 88}
# The range of the ratio and its source: a second table, so the first stays readable at 1400 px.
SR_SOURCE_COLUMNS = {
    "task": "Opgave",
    "low": "Laagste",
    "high": "Hoogste",
    "title": "Bron (titel)",
    "href": "Link",
    "date": "Datum bron",
    "assumption": "Aanname",
    "reasoning": "Onderbouwing",
}
SR_LABELS = {
    "ratio": "verhouding",
    "benefit_years": "jaren",
    "split": "verdeling",
    "range": "bandbreedte",
    "low": "laagste verhouding",
    "high": "hoogste verhouding",
    "source": "bron",
    "title": "bron (titel)",
    "href": "link",
    "date": "datum bron",
    "assumption": "aanname",
    "reasoning": "onderbouwing",
    **{a: l.lower() for a, l in ACTORS.items()},
}
_DUTCH_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")
_MONTH_NAMES = {name: k + 1 for k, name in enumerate(MONTHS_NL)}


def _date_cell(value: Any) -> Any:
    """A date from the scenario (a date, or ISO text as a saved file has it) as a Dutch cell
    (1-5-2024); other text as typed."""
    typed = _typed_date(value)
    if isinstance(typed, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", typed):
        day = dt.date.fromisoformat(typed)
        return f"{day.day}-{day.month}-{day.year}"
    return typed


def _typed_date(value: Any) -> Any:
    """A typed date (1-5-2024, 1 mei 2024 or 2024-05-01) as ISO text, as a saved file has it; other
    text is passed on for the validation to refuse with its message, never guessed."""
    if isinstance(value, dt.date):
        return value.isoformat()
    value = plain(value)
    if not isinstance(value, str):
        return value
    match = _DUTCH_DATE.fullmatch(value)
    parts = value.lower().split()
    try:
        if match:
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1))).isoformat()
        if len(parts) == 3 and parts[1] in _MONTH_NAMES and parts[0].isdigit() and parts[2].isdigit():
            return dt.date(int(parts[2]), _MONTH_NAMES[parts[1]], int(parts[0])).isoformat()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value).isoformat()
    except ValueError:  # 31-2-2024: no such day; the validation says so at the field
        pass
    return value


def social_return_editor() -> None:
    """Ratio, benefit years and the split over who benefits, per task that estimates its return."""
    contract = state.raw().get("contract")
    tasks = contract.get("tasks") if isinstance(contract, dict) else None
    tasks = [t for t in tasks if isinstance(t, dict)] if isinstance(tasks, list) else []
    chosen = [
        i for i, t in enumerate(tasks) if isinstance(t.get("social_return"), dict) or t.get("social_return") is True
    ]
    if not chosen:
        st.caption("Geen opgave schat het maatschappelijk rendement; zet het aan in de tabel Opgaven.")
        _social_problems(tasks)
        return
    st.warning(
        "Schatting, geen feit: " + CAVEAT.removeprefix("Schatting, geen feit over dit project. "),
        icon=":material/lightbulb:",
    )
    rows = []
    for i in chosen:
        sr = as_mapping(tasks[i].get("social_return"))
        split = as_mapping(sr.get("split"))
        rows.append(
            {
                SR_COLUMNS["task"]: tasks[i].get("name"),
                SR_COLUMNS["ratio"]: sr.get("ratio") if isinstance(sr.get("ratio"), (int, float, str)) else None,
                SR_COLUMNS["benefit_years"]: sr.get("benefit_years")
                if isinstance(sr.get("benefit_years"), (int, float, str))
                else None,
                **{SR_COLUMNS[a]: pct_cell(split.get(a)) for a in ACTORS},
            }
        )
    # A steady key; the rows are built from the scenario as it is now (a grid of fixed rows stays the same
    # grid, with its edits, while its values change).
    key, _ = grids.steady_grid("contract_social", _social_content(tasks, chosen))
    numbers = [c for k, c in SR_COLUMNS.items() if k != "task"]
    edited = st.data_editor(
        numbers_as_text(pd.DataFrame(rows, columns=list(SR_COLUMNS.values())), numbers),
        hide_index=True,
        key=key,
        width="stretch",
        placeholder="",
        disabled=[SR_COLUMNS["task"]],
        # Short headers and sized columns, so the table fits its expander from 1280 px wide (784 px)
        # without a sideways scroll; the task's name wraps onto a second line. The full names are in the help.
        row_height=components.WRAP_ROW_HEIGHT,  # a task's name wraps onto a second line
        height="content",  # every row in sight: taller rows would scroll inside the grid
        column_config={
            SR_COLUMNS["task"]: st.column_config.TextColumn(width=132),
            SR_COLUMNS["ratio"]: st.column_config.TextColumn(
                "Verhouding",
                width=104,
                help="Verhouding baten/kosten, bijvoorbeeld 1,8. Leeg = de SEOR-verhouding "
                f"{str(SEOR_RATIO).replace('.', ',')} ({SEOR_SOURCE}).",
            ),
            SR_COLUMNS["benefit_years"]: st.column_config.TextColumn(
                "Jaren", width=70, help="Jaren waarover de baten vallen. Leeg = 1 jaar."
            ),
            **{
                SR_COLUMNS[a]: st.column_config.TextColumn(
                    SR_SHORT.get(a, ACTORS[a]),
                    width=SR_ACTOR_WIDTH.get(a, 95),
                    help=f"Aandeel van {ACTORS[a].lower()} in de baten, in procenten, bijvoorbeeld 35 of 12,5. "
                    "Leeg in alle kolommen = geen verdeling.",
                )
                for a in ACTORS
            },
        },
    )
    st.caption("Gemeente t/m Overig: de verdeling van de baten over partijen, in procenten.")
    changed = _social_sources_editor(tasks, chosen, key)
    for i, row in zip(chosen, edited.to_dict("records")):
        old = as_mapping(tasks[i].get("social_return"))
        new = {k: v for k, v in old.items() if k not in ("ratio", "benefit_years", "split")}
        for name in ("ratio", "benefit_years"):
            value = grid_number(row.get(SR_COLUMNS[name]), "number" if name == "ratio" else "whole")
            if value is not None:
                new[name] = value
        split = {a: fraction(row.get(SR_COLUMNS[a])) for a in ACTORS}
        split = {a: v for a, v in split.items() if v is not None}
        if split:
            new["split"] = split
        if new != old:
            tasks[i]["social_return"] = new
            changed = True
    if changed:
        grids.grid_wrote("contract_social", _social_content(tasks, chosen))
        st.rerun()
    _social_problems(tasks)
    st.caption(
        f"Bron van de standaardverhouding: {SEOR_SOURCE}. Een bandbreedte van die verhouding is in de "
        "bronnen van dit model niet bekend; geef een eigen bandbreedte alleen met een bron of als aanname "
        "met onderbouwing. Een eigen verhouding is een opgave van de organisatie."
    )


def _social_content(tasks: list[dict[str, Any]], chosen: list[int]) -> list[Any]:
    """What the two social-return tables show: the settings of the tasks that estimate their return."""
    return [tasks[i].get("social_return") for i in chosen]


def _social_sources_editor(tasks: list[dict[str, Any]], chosen: list[int], key: str) -> bool:
    """The range (lowest, highest ratio) and the source per task; writes ``range`` and ``source``.
    Returns whether anything changed (the caller reruns once for both tables)."""
    st.markdown("**Bandbreedte en bron van de verhouding (schatting)**")
    rows = []
    for i in chosen:
        sr = as_mapping(tasks[i].get("social_return"))
        ends = as_mapping(sr.get("range"))
        source = as_mapping(sr.get("source"))
        rows.append(
            {
                SR_SOURCE_COLUMNS["task"]: tasks[i].get("name"),
                **{SR_SOURCE_COLUMNS[e]: ends.get(e) for e in ("low", "high")},
                **{SR_SOURCE_COLUMNS[f]: source.get(f) for f in ("title", "href", "reasoning")},
                SR_SOURCE_COLUMNS["date"]: _date_cell(source.get("date")),
                SR_SOURCE_COLUMNS["assumption"]: source.get("assumption") is True,
            }
        )
    numbers = [SR_SOURCE_COLUMNS["low"], SR_SOURCE_COLUMNS["high"]]
    frame = numbers_as_text(pd.DataFrame(rows, columns=list(SR_SOURCE_COLUMNS.values())), numbers)
    edited = st.data_editor(
        frame,
        hide_index=True,
        key=f"{key}_sources",
        width="stretch",
        placeholder="",
        disabled=[SR_SOURCE_COLUMNS["task"]],
        # Two-line rows: the task's name, the title, the link and the reasoning wrap instead of being cut
        # off, so the link gets the room the task's name gave up (the columns fit 784 px, from 1280 px).
        row_height=components.WRAP_ROW_HEIGHT,
        height="content",
        column_config={
            SR_SOURCE_COLUMNS["task"]: st.column_config.TextColumn(width=120),
            **{
                c: st.column_config.TextColumn(
                    width=87,
                    help="Laagste en hoogste verhouding baten/kosten, bijvoorbeeld 1,2 en 2,4: de verhouding ligt "
                    "ertussen. Leeg = niet bekend.",
                )
                for c in numbers
            },
            SR_SOURCE_COLUMNS["title"]: st.column_config.TextColumn(
                "Bron", width=78, help="Bron (titel): de titel van de publicatie of studie."
            ),
            SR_SOURCE_COLUMNS["href"]: st.column_config.TextColumn(width=106, help="Webadres, beginnend met https://"),
            SR_SOURCE_COLUMNS["date"]: st.column_config.TextColumn(
                "Datum", width=80, help="Datum van de bron, bijvoorbeeld 22-12-2020 of 22 december 2020."
            ),
            SR_SOURCE_COLUMNS["assumption"]: st.column_config.CheckboxColumn(
                width=95,
                help="Aan: de verhouding en bandbreedte zijn een aanname van de organisatie; schrijf de onderbouwing.",
            ),
            SR_SOURCE_COLUMNS["reasoning"]: st.column_config.TextColumn(
                width=128, help="Waarop de verhouding of de aanname rust."
            ),
        },
    )
    changed = False
    for i, row in zip(chosen, edited.to_dict("records")):
        old = as_mapping(tasks[i].get("social_return"))
        new = {k: v for k, v in old.items() if k not in ("range", "source")}
        ends = {e: grid_number(row.get(SR_SOURCE_COLUMNS[e]), "number") for e in ("low", "high")}
        ends = {e: v for e, v in ends.items() if v is not None}
        if ends:
            new["range"] = ends
        source = {f: plain(row.get(SR_SOURCE_COLUMNS[f])) for f in ("title", "href", "reasoning")}
        source["date"] = _typed_date(row.get(SR_SOURCE_COLUMNS["date"]))
        if plain(row.get(SR_SOURCE_COLUMNS["assumption"])) is True:
            source["assumption"] = True
        old_source = as_mapping(old.get("source"))
        if source["date"] is not None and source["date"] == _typed_date(old_source.get("date")):
            source["date"] = old_source["date"]  # the same day: kept as the file has it (a date or ISO text)
        source = {
            **{k: v for k, v in old_source.items() if k not in SR_SOURCE_COLUMNS},  # keys the table does not show
            **{k: v for k, v in source.items() if v is not None},
        }
        if source:
            new["source"] = source
        if new != old:
            tasks[i]["social_return"] = new
            changed = True
    return changed


def _social_problems(tasks: list[dict[str, Any]]) -> None:
    names = [t.get("name") or f"opgave {i + 1}" for i, t in enumerate(tasks)]
    for p in problems_at("contract.tasks"):
        match = SOCIAL_RETURN_PATH.match(p.path)
        if match:
            index, field = int(match.group(1)) - 1, match.group(2) or ""
            where = f"Maatschappelijk rendement {names[index] if index < len(names) else index + 1}"
            if field:
                where += f", {SR_LABELS.get(field.split('.')[-1], field)}"
            st.error(literal(f"{where}: {p.message}"), icon=":material/warning:")
