"""Validation of a scenario's ``contract`` block: every problem at once, in Dutch, at its field path.

The file format is described in :mod:`pricing.contract`; the indexation clause is validated and
resolved per year by :mod:`pricing.contract_indexation`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from pricing.contract_indexation import IndexationCollector, validate_indexation
from pricing.dates import parse_date
from pricing.input_errors import dutch_problems, rule_text
from pricing.model.contract import (
    CROSS_AREA,
    CROSS_TASK,
    DEFAULT_DISCOUNT_RATE,
    ActivityLine,
    Area,
    Contract,
    Indicator,
    Option,
    RatioSource,
    SocialReturnInput,
    StaffingLine,
    Task,
)
from pricing.model.scenario import StaffLine
from pricing.parameters import ParameterBook, load_parameter_book
from pricing.social_return import DEFAULT_BENEFIT_YEARS, SEOR_RATIO

if TYPE_CHECKING:
    from pricing.contract_input import (
        ActivityInput,
        AreaInput,
        OptionInput,
        SocialReturnBlockInput,
        StaffingLineInput,
        TaskInput,
    )

_M = TypeVar("_M", bound=BaseModel)

# A contract is priced from the cost price's year (the price level) onwards, every later year indexed
# by a stated figure or an assumed percentage. Tenders are priced a few years ahead at most; a start
# decades later is a typing error, and one far enough off made the indexed amounts grow past what a
# float can split into cents (a budget that never finished, 2950) or past the calendar (9999).
MAX_START_AFTER_PRICE_LEVEL = 10


def validate_contract(
    raw: Any,
    c: IndexationCollector,
    staff: Sequence[StaffLine] = (),
    date: dt.date | None = None,
    book: ParameterBook | None = None,
) -> Contract | None:
    """Validate the scenario's ``contract:`` block; problems go to the scenario's collector ``c``.

    ``staff`` is the scenario's validated staff table (functions are looked up there; empty when
    the staff table itself was invalid, in which case function names are not checked), ``date``
    the scenario date (its year is the price level of the budget). Returns None on any problem.

    The input models of pricing.contract_input check each part (imported here, on first use, so a
    scenario without a contract never builds them); the rules across lines are checked below.
    """
    from pricing import contract_input as m

    before = len(c.problems)
    top, bad = _validated(c, m.ContractInput, raw, "contract")
    if not isinstance(raw, dict):
        return None
    start = parse_date(raw["start"], c, "contract.start") if raw.get("start") is not None else None
    years = top.years if top is not None else (raw["years"] if "years" not in bad else None)

    areas = _areas(m.AreaInput, _rows(raw, "areas", bad), c)
    tasks = _tasks(m.TaskInput, _rows(raw, "tasks", bad), c)
    # With problems in the staff table some functions are missing from ``staff``: do not blame the contract.
    staff_ok = bool(staff) and not any(p.path == "staff" or p.path.startswith("staff[") for p in c.problems)
    context = {
        "areas": {a.name for a in areas},
        "tasks": {t.name for t in tasks},
        "functions": {line.function for line in staff},
        "check_functions": staff_ok,
    }
    staffing = _staffing(m.StaffingLineInput, _rows(raw, "staffing", bad), c, "contract.staffing", context)
    activities = _activities(m.ActivityInput, _rows(raw, "activities", bad), c, "contract.activities", context)
    options = _options(m.OptionInput, _rows(raw, "options", bad), c, context, staffing, activities)

    indexation = None
    base_year = date.year if date is not None else None
    if start is not None and base_year is not None and start.year < base_year:
        c.add("contract.start", rule_text("start_before_base_year", start=start.year, base=base_year))
    elif start is not None and base_year is not None and start.year > base_year + MAX_START_AFTER_PRICE_LEVEL:
        latest = base_year + MAX_START_AFTER_PRICE_LEVEL
        most = MAX_START_AFTER_PRICE_LEVEL
        c.add("contract.start", rule_text("start_too_late", start=start.year, base=base_year, most=most, latest=latest))
    elif start is not None and years is not None and base_year is not None:
        last_year = start.year + int(years) - 1
        indexation = validate_indexation(raw.get("indexation"), c, base_year, last_year, book or load_parameter_book())

    # Without a date (only ever with a problem at 'date') there is no price level to index from.
    if len(c.problems) != before or top is None or start is None or indexation is None:
        return None
    return Contract(
        name=top.name,
        municipality=top.municipality,
        round=top.round or "",
        funding=top.funding,
        start=start,
        years=int(top.years),
        discount_rate=DEFAULT_DISCOUNT_RATE if top.discount_rate is None else top.discount_rate,
        discount_given=top.discount_rate is not None,
        description=top.description or "",
        areas=areas,
        tasks=tasks,
        staffing=staffing,
        activities=activities,
        indexation=indexation,
        options=options,
        step_drift=top.step_drift,
    )


def _validated(
    c: IndexationCollector, model: type[_M], value: Any, path: str, context: dict[str, Any] | None = None
) -> tuple[_M | None, frozenset[str]]:
    """``value`` validated by ``model`` and no keys with a problem; or None, with the problems
    collected at their paths under ``path``, and the keys that have one (a line with a bad amount
    still has a good name, which the rules across lines use, as they always did)."""
    try:
        return model.model_validate(value, context=context), frozenset()
    except ValidationError as error:
        for where, message in dutch_problems(error, model, path):
            c.add(where, message)
        return None, frozenset(str(e["loc"][0]) for e in error.errors(include_url=False) if e["loc"])


def _rows(raw: dict[str, Any], key: str, bad: Collection[str]) -> list[Any]:
    """The lines of one of the contract's lists; none when it is not a list (already reported)."""
    rows = raw.get(key)
    return rows if isinstance(rows, list) and key not in bad else []


def _name(row: Any, bad: Collection[str]) -> str | None:
    """The stripped name of a line whose name is valid, even when the rest of the line is not."""
    if not isinstance(row, dict) or "name" in bad or not isinstance(row.get("name"), str):
        return None
    name: str = row["name"].strip()
    return name


def _unique(c: IndexationCollector, names: Sequence[tuple[str, str]], what: str, article: str, reserved: str) -> None:
    """Hand-written rule across lines: each name (path, name) once, and not the reserved name."""
    seen: set[str] = set()
    for path, name in names:
        if name in seen:
            c.add(path, rule_text("duplicate_name", what=what, name=name))
        elif name == reserved:
            c.add(path, rule_text("reserved_name", what=what, article=article, name=name))
        seen.add(name)


def _areas(model: type[AreaInput], rows: list[Any], c: IndexationCollector) -> tuple[Area, ...]:
    out, names = [], []
    for i, row in enumerate(rows):
        path = f"contract.areas[{i + 1}]"
        area, bad = _validated(c, model, row, path)
        name = area.name if area is not None else _name(row, bad)
        if name is not None:
            names.append((f"{path}.name", name))
            code = area.code if area is not None else None
            population = int(area.population) if area is not None and area.population is not None else None
            out.append(Area(name, code, population))
    _unique(c, names, "gebied", "het", CROSS_AREA)
    return tuple(out)


def _tasks(model: type[TaskInput], rows: list[Any], c: IndexationCollector) -> tuple[Task, ...]:
    out, names = [], []
    for i, row in enumerate(rows):
        path = f"contract.tasks[{i + 1}]"
        task, bad = _validated(c, model, row, path)
        name = task.name if task is not None else _name(row, bad)
        if name is None:
            continue
        names.append((f"{path}.name", name))
        if task is None:
            out.append(Task(name, "", (), (), "", "", None))  # a name to refer to; the contract is not built
            continue
        social = None if task.social_return is None else _social_return(task.social_return, row["social_return"])
        indicators = tuple(
            Indicator(i.name, i.unit or "", i.baseline, i.target, i.source or "") for i in task.indicators or ()
        )
        effects = tuple(task.effects or ())
        narrative, reporting = task.narrative or "", task.reporting or ""
        out.append(Task(name, task.target_group or "", effects, indicators, narrative, reporting, social))
    _unique(c, names, "opgave", "de", CROSS_TASK)
    return tuple(out)


def _social_return(block: SocialReturnBlockInput, raw: Any) -> SocialReturnInput:
    """A task's validated social-return block with its defaults: the SEOR ratio, benefits in the
    same year, no split (all under 'overig'). The split keeps the file's order of the actors."""
    split = {"overig": 1.0}
    if block.split is not None:
        split = {actor: float(getattr(block.split, actor)) for actor in raw["split"]}
    source = None
    if block.source is not None:
        given = block.source
        title, href, reasoning = given.title or "", given.href or "", given.reasoning or ""
        source = RatioSource(title=title, href=href, date=given.date, assumption=given.assumption, reasoning=reasoning)
    return SocialReturnInput(
        ratio=SEOR_RATIO if block.ratio is None else block.ratio,
        ratio_given=block.ratio is not None,
        benefit_years=DEFAULT_BENEFIT_YEARS if block.benefit_years is None else int(block.benefit_years),
        split=split,
        split_given=block.split is not None,
        low=block.range.low if block.range is not None else None,
        high=block.range.high if block.range is not None else None,
        source=source,
    )


def _staffing(
    model: type[StaffingLineInput], rows: list[Any], c: IndexationCollector, base: str, context: dict[str, Any]
) -> tuple[StaffingLine, ...]:
    out = []
    for i, row in enumerate(rows):
        line, _ = _validated(c, model, row, f"{base}[{i + 1}]", context)
        if line is not None:
            out.append(StaffingLine(line.area, line.task, line.function, line.fte, line.hours))
    return tuple(out)


def _activities(
    model: type[ActivityInput], rows: list[Any], c: IndexationCollector, base: str, context: dict[str, Any]
) -> tuple[ActivityLine, ...]:
    out = []
    for i, row in enumerate(rows):
        line, _ = _validated(c, model, row, f"{base}[{i + 1}]", context)
        if line is not None:
            out.append(ActivityLine(line.area, line.task, line.name, line.amount))
    return tuple(out)


def _options(
    model: type[OptionInput],
    rows: list[Any],
    c: IndexationCollector,
    context: dict[str, Any],
    staffing: tuple[StaffingLine, ...],
    activities: tuple[ActivityLine, ...],
) -> tuple[Option, ...]:
    out, seen = [], set()
    for i, row in enumerate(rows):
        path = f"contract.options[{i + 1}]"
        option, bad = _validated(c, model, row, path, context)
        name = option.name if option is not None else _name(row, bad)
        if name is not None:
            clash = name in seen or name.lower() == "basis"
            seen.add(name)
            if clash:
                c.add(f"{path}.name", rule_text("duplicate_option", name=name))
                continue
        if option is None:
            continue
        extra_staff = tuple(StaffingLine(s.area, s.task, s.function, s.fte, s.hours) for s in option.staffing or ())
        extra_act = tuple(ActivityLine(a.area, a.task, a.name, a.amount) for a in option.activities or ())
        if _removes_too_much(c, path, staffing + extra_staff, activities + extra_act):
            continue
        out.append(Option(option.name, option.description or "", extra_staff, extra_act))
    return tuple(out)


def _removes_too_much(
    c: IndexationCollector, path: str, staffing: tuple[StaffingLine, ...], activities: tuple[ActivityLine, ...]
) -> bool:
    """Hand-written rule across the basis and a variant: a variant may remove what the basis has,
    not more (the result per line may not go below zero). True when it does, with its problems."""
    totals: dict[tuple[str | None, str | None, str, str], float] = {}
    for line in staffing:
        for unit, qty in (("fte", line.fte), ("hours", line.hours)):
            if qty is not None:
                key = (line.area, line.task, line.function, unit)
                totals[key] = totals.get(key, 0.0) + qty
    found = False
    for (area, task, function, unit), total in totals.items():
        if total < -1e-9:
            c.add(
                f"{path}.staffing",
                rule_text(
                    "removes_staff",
                    unit="FTE" if unit == "fte" else "uren",
                    function=function,
                    area=area or CROSS_AREA,
                    task=task or CROSS_TASK,
                ),
            )
            found = True
    amounts: dict[tuple[str | None, str | None, str], float] = {}
    for activity in activities:
        key3 = (activity.area, activity.task, activity.name)
        amounts[key3] = amounts.get(key3, 0.0) + activity.amount
    for (_area, _task, aname), total in amounts.items():
        if total < -0.005:
            c.add(f"{path}.activities", rule_text("removes_activity", name=aname))
            found = True
    return found
