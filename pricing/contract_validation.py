"""Validation of a scenario's ``contract`` block: every problem at once, in Dutch, at its field path.

The file format is described in :mod:`pricing.contract`; the indexation clause is validated and
resolved per year by :mod:`pricing.contract_indexation`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pricing.contract_indexation import validate_indexation
from pricing.dates import parse_date
from pricing.fields import list_field as _list
from pricing.fields import long_text as _long_text
from pricing.fields import mapping_field as _mapping
from pricing.fields import number_in_range, shown_value
from pricing.model.contract import (
    CROSS_AREA,
    CROSS_TASK,
    DEFAULT_DISCOUNT_RATE,
    FUNDING_VARIANTS,
    ActivityLine,
    Area,
    Contract,
    Indicator,
    Option,
    StaffingLine,
    Task,
)
from pricing.parameters import ParameterBook, load_parameter_book
from pricing.social_return import validate_social_return

CONTRACT_KEYS = (
    "name",
    "municipality",
    "round",
    "funding",
    "start",
    "years",
    "discount_rate",
    "areas",
    "tasks",
    "staffing",
    "activities",
    "indexation",
    "options",
    "description",
    "step_drift",
)
TASK_KEYS = ("name", "target_group", "effects", "indicators", "narrative", "reporting", "social_return")
INDICATOR_KEYS = ("name", "unit", "baseline", "target", "source")
AREA_KEYS = ("name", "code", "population")
STAFFING_KEYS = ("area", "task", "function", "fte", "hours")
ACTIVITY_KEYS = ("area", "task", "name", "amount")
OPTION_KEYS = ("name", "description", "staffing", "activities")

# CBS area codes: WK + 4-digit municipality + 2-digit district; BU + municipality + district + 2.
CBS_CODE = re.compile(r"^(WK\d{6}|BU\d{8})$")
MAX_YEARS = 15


# ----------------------------------------------------------------------------------------------
# Validation


_number = number_in_range  # short name inside this module


def validate_contract(
    raw: Any, c, staff: tuple = (), date: dt.date | None = None, book: ParameterBook | None = None
) -> Contract | None:
    """Validate the scenario's ``contract:`` block; problems go to the scenario's collector ``c``.

    ``staff`` is the scenario's validated staff table (functions are looked up there; empty when
    the staff table itself was invalid, in which case function names are not checked), ``date``
    the scenario date (its year is the price level of the budget). Returns None on any problem.
    """
    before = len(c.problems)
    raw = _mapping(
        c, raw, "contract", CONTRACT_KEYS, "name, municipality, funding, start, years, areas, tasks en staffing"
    )
    if raw is None:
        return None
    for key in ("name", "municipality", "funding", "start", "years", "tasks", "staffing"):
        if raw.get(key) is None:
            c.add(f"contract.{key}", "is verplicht en ontbreekt")
    name = c.text(raw.get("name"), "contract.name") if raw.get("name") is not None else None
    municipality = (
        c.text(raw.get("municipality"), "contract.municipality") if raw.get("municipality") is not None else None
    )
    round_ = c.text(raw.get("round"), "contract.round", required=False) or ""
    description = _long_text(c, raw.get("description"), "contract.description")
    funding = (
        c.choice(raw.get("funding"), "contract.funding", tuple(FUNDING_VARIANTS))
        if raw.get("funding") is not None
        else None
    )
    start = parse_date(raw["start"], c, "contract.start") if raw.get("start") is not None else None
    years = (
        _number(c, raw["years"], "contract.years", 1, MAX_YEARS, integer=True) if raw.get("years") is not None else None
    )
    discount_given = raw.get("discount_rate") is not None
    discount = (
        _number(c, raw["discount_rate"], "contract.discount_rate", -0.05, 0.25)
        if discount_given
        else DEFAULT_DISCOUNT_RATE
    )

    step_drift = raw.get("step_drift", True)
    if not isinstance(step_drift, bool):
        c.add("contract.step_drift", "verwacht true (jaarlijkse trede-verhoging meerekenen, cao art. 6.5) of false")
        step_drift = True

    areas = _validate_areas(raw.get("areas"), c)
    tasks = _validate_tasks(raw.get("tasks"), c)
    area_names = {a.name for a in areas}
    task_names = {t.name for t in tasks}
    functions = {line.function for line in staff}
    # With problems in the staff table some functions are missing from ``staff``: do not blame the contract.
    staff_ok = bool(staff) and not any(p.path == "staff" or p.path.startswith("staff[") for p in c.problems)
    refs = _Refs(area_names, task_names, functions, check_functions=staff_ok)
    staffing = _validate_staffing(raw.get("staffing"), c, "contract.staffing", refs, signed=False, required=True)
    activities = _validate_activities(raw.get("activities"), c, "contract.activities", refs, signed=False)
    options = _validate_options(raw.get("options"), c, refs, staffing, activities)

    indexation = None
    base_year = date.year if date is not None else None
    if start is not None and base_year is not None and start.year < base_year:
        c.add(
            "contract.start",
            f"het contract begint in {start.year}, vóór het prijspeil van de kostprijs "
            f"({base_year}, het jaar van de peildatum); kies een peildatum in of vóór het eerste contractjaar",
        )
    elif start is not None and years is not None and base_year is not None:
        indexation = validate_indexation(
            raw.get("indexation"), c, base_year, start.year + int(years) - 1, book or load_parameter_book()
        )

    if len(c.problems) != before:
        return None
    return Contract(
        name=name,
        municipality=municipality,
        round=round_,
        funding=funding,
        start=start,
        years=int(years),
        discount_rate=discount,
        discount_given=discount_given,
        description=description,
        areas=areas,
        tasks=tasks,
        staffing=staffing,
        activities=activities,
        indexation=indexation,
        options=options,
        step_drift=step_drift,
    )


@dataclass(frozen=True)
class _Refs:
    areas: set
    tasks: set
    functions: set
    check_functions: bool


def _validate_areas(raw: Any, c) -> tuple[Area, ...]:
    out, seen = [], set()
    for i, row in enumerate(_list(c, raw, "contract.areas", "gebieden (name, code, population)", required=False)):
        path = f"contract.areas[{i + 1}]"
        row = _mapping(c, row, path, AREA_KEYS, "name en eventueel code en population")
        if row is None:
            continue
        name = c.text(row.get("name"), f"{path}.name")
        code = None
        if row.get("code") is not None:
            code = str(row["code"]).strip().upper()
            if not CBS_CODE.match(code):
                c.add(
                    f"{path}.code",
                    f"{shown_value(row['code'])} is geen CBS-code; verwacht WK + 6 cijfers (wijk) "
                    "of BU + 8 cijfers (buurt), bijvoorbeeld WK036301",
                )
                code = None
        population = None
        if row.get("population") is not None:
            value = _number(c, row["population"], f"{path}.population", 0, 2_000_000, integer=True)
            population = int(value) if value is not None else None
        if name is not None:
            if name in seen:
                c.add(f"{path}.name", f"gebied '{name}' staat er twee keer in; namen moeten uniek zijn")
            elif name in (CROSS_AREA,):
                c.add(f"{path}.name", f"'{name}' is gereserveerd voor inzet zonder gebied; laat het gebied dan leeg")
            seen.add(name)
            out.append(Area(name, code, population))
    return tuple(out)


def _validate_tasks(raw: Any, c) -> tuple[Task, ...]:

    out, seen = [], set()
    for i, row in enumerate(_list(c, raw, "contract.tasks", "opgaven", required=raw is not None)):
        path = f"contract.tasks[{i + 1}]"
        row = _mapping(c, row, path, TASK_KEYS, "name, target_group, effects, indicators en narrative")
        if row is None:
            continue
        name = c.text(row.get("name"), f"{path}.name")
        target = c.text(row.get("target_group"), f"{path}.target_group", required=False) or ""
        effects = []
        for j, effect in enumerate(
            _list(c, row.get("effects"), f"{path}.effects", "gewenste effecten (tekst)", required=False)
        ):
            text = c.text(effect, f"{path}.effects[{j + 1}]")
            if text:
                effects.append(text)
        indicators = []
        for j, ind in enumerate(_list(c, row.get("indicators"), f"{path}.indicators", "indicatoren", required=False)):
            ipath = f"{path}.indicators[{j + 1}]"
            ind = _mapping(c, ind, ipath, INDICATOR_KEYS, "name, unit, baseline en target")
            if ind is None:
                continue
            iname = c.text(ind.get("name"), f"{ipath}.name")
            unit = c.text(ind.get("unit"), f"{ipath}.unit", required=False) or ""
            source = c.text(ind.get("source"), f"{ipath}.source", required=False) or ""
            values = {}
            for key in ("baseline", "target"):
                values[key] = _number(c, ind[key], f"{ipath}.{key}", -1e12, 1e12) if ind.get(key) is not None else None
            if iname is not None:
                indicators.append(Indicator(iname, unit, values["baseline"], values["target"], source))
        narrative = _long_text(c, row.get("narrative"), f"{path}.narrative")
        reporting = _long_text(c, row.get("reporting"), f"{path}.reporting")
        social = None
        if row.get("social_return") is not None:
            social = validate_social_return(row["social_return"], c, f"{path}.social_return")
        if name is not None:
            if name in seen:
                c.add(f"{path}.name", f"opgave '{name}' staat er twee keer in; namen moeten uniek zijn")
            elif name == CROSS_TASK:
                c.add(f"{path}.name", f"'{name}' is gereserveerd voor inzet zonder opgave; laat de opgave dan leeg")
            seen.add(name)
            out.append(Task(name, target, tuple(effects), tuple(indicators), narrative, reporting, social))
    return tuple(out)


def _listed(names, limit: int = 12) -> str:
    """Known names for a message; a long list is cut (a 2,000-line staff table would flood it)."""
    names = sorted(names)
    if not names:
        return "geen"
    more = len(names) - limit
    return ", ".join(names[:limit]) + (f" en {more} andere" if more > 0 else "")


def _reference(c, row: dict, key: str, path: str, known: set, what: str) -> tuple[bool, str | None]:
    """An optional area/task reference; (ok, name)."""
    if row.get(key) is None:
        return True, None
    name = c.text(row[key], f"{path}.{key}")
    if name is None:
        return False, None
    if name not in known:
        c.add(f"{path}.{key}", f"{what} '{name}' staat niet in de lijst; bekend: {_listed(known)}")
        return False, None
    return True, name


def _validate_staffing(
    raw: Any, c, base: str, refs: _Refs, *, signed: bool, required: bool
) -> tuple[StaffingLine, ...]:
    out = []
    rows = _list(c, raw, base, "formatieregels (area, task, function, fte of hours)", required=required)
    limit = (-500.0 if signed else 0.0), 500.0
    hour_limit = (-1_000_000.0 if signed else 0.0), 1_000_000.0
    for i, row in enumerate(rows):
        path = f"{base}[{i + 1}]"
        row = _mapping(c, row, path, STAFFING_KEYS, "area, task, function en fte of hours")
        if row is None:
            continue
        before = len(c.problems)
        _, area = _reference(c, row, "area", path, refs.areas, "gebied")
        _, task = _reference(c, row, "task", path, refs.tasks, "opgave")
        function = c.text(row.get("function"), f"{path}.function")
        if function is not None and refs.check_functions and function not in refs.functions:
            c.add(
                f"{path}.function",
                f"functie '{function}' staat niet in de formatie van de organisatie "
                f"(pagina Organisatie & formatie); bekend: {_listed(refs.functions)}",
            )
        fte = hours = None
        if (row.get("fte") is None) == (row.get("hours") is None):
            c.add(path, "geef FTE óf uren (declarabele uren per jaar) op, precies één van beide")
        elif row.get("fte") is not None:
            fte = _number(c, row["fte"], f"{path}.fte", *limit, exclusive_low=not signed)
        else:
            hours = _number(c, row["hours"], f"{path}.hours", *hour_limit, exclusive_low=not signed)
        if len(c.problems) == before:
            out.append(StaffingLine(area, task, function, fte, hours))
    return tuple(out)


def _validate_activities(raw: Any, c, base: str, refs: _Refs, *, signed: bool) -> tuple[ActivityLine, ...]:
    out = []
    low = -1e9 if signed else 0.0
    for i, row in enumerate(_list(c, raw, base, "activiteiten (area, task, name, amount)", required=False)):
        path = f"{base}[{i + 1}]"
        row = _mapping(c, row, path, ACTIVITY_KEYS, "area, task, name en amount")
        if row is None:
            continue
        before = len(c.problems)
        _, area = _reference(c, row, "area", path, refs.areas, "gebied")
        _, task = _reference(c, row, "task", path, refs.tasks, "opgave")
        name = c.text(row.get("name"), f"{path}.name")
        if row.get("amount") is None:
            c.add(f"{path}.amount", "ontbreekt; bedrag per jaar in euro (prijspeil basisjaar)")
            amount = None
        else:
            amount = _number(c, row["amount"], f"{path}.amount", low, 1e9)
        if len(c.problems) == before:
            out.append(ActivityLine(area, task, name, amount))
    return tuple(out)


def _validate_options(raw: Any, c, refs: _Refs, staffing, activities) -> tuple[Option, ...]:
    out, seen = [], set()
    for i, row in enumerate(
        _list(c, raw, "contract.options", "varianten (name, description, staffing, activities)", required=False)
    ):
        path = f"contract.options[{i + 1}]"
        row = _mapping(c, row, path, OPTION_KEYS, "name, description, staffing en activities")
        if row is None:
            continue
        before = len(c.problems)
        name = c.text(row.get("name"), f"{path}.name")
        if name is not None:
            if name in seen or name.lower() == "basis":
                c.add(f"{path}.name", f"variant '{name}' bestaat al (of heet 'basis'); namen moeten uniek zijn")
            seen.add(name)
        description = _long_text(c, row.get("description"), f"{path}.description")
        extra_staff = _validate_staffing(row.get("staffing"), c, f"{path}.staffing", refs, signed=True, required=False)
        extra_act = _validate_activities(row.get("activities"), c, f"{path}.activities", refs, signed=True)
        if row.get("staffing") is None and row.get("activities") is None:
            c.add(
                path,
                "een variant voegt formatie of activiteiten toe of haalt ze weg; geef formatie en/of activiteiten op",
            )
        if len(c.problems) != before:
            continue
        # A variant may remove what the basis has, not more: the result per line may not go below zero.
        totals: dict[tuple, float] = {}
        for line in staffing + extra_staff:
            for unit, qty in (("fte", line.fte), ("hours", line.hours)):
                if qty is not None:
                    key = (line.area, line.task, line.function, unit)
                    totals[key] = totals.get(key, 0.0) + qty
        for (area, task, function, unit), total in totals.items():
            if total < -1e-9:
                c.add(
                    f"{path}.staffing",
                    f"variant haalt meer {'FTE' if unit == 'fte' else 'uren'} {function} weg "
                    f"({area or CROSS_AREA}, {task or CROSS_TASK}) dan de basis heeft",
                )
        amounts: dict[tuple, float] = {}
        for line in activities + extra_act:
            key = (line.area, line.task, line.name)
            amounts[key] = amounts.get(key, 0.0) + line.amount
        for (_area, _task, aname), total in amounts.items():
            if total < -0.005:
                c.add(f"{path}.activities", f"variant haalt meer weg van activiteit '{aname}' dan de basis begroot")
        if len(c.problems) == before:
            out.append(Option(name, description, extra_staff, extra_act))
    return tuple(out)
