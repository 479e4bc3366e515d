"""Task- and area-based contracts: the model, its validation and the multi-year budget.

"Het nieuwe contracteren" (docs/methode.md section 6): agreements per societal task (opgave) and per area
(wijk), staffed with FTE per function from the scenario's staff table (or hours), plus activity
budgets, a funding variant, a term and an indexation clause. The budget rests on the prices the
cost-price chain computed (price per FTE and per billable hour per function); this module never
recomputes the chain, it multiplies those prices by the contract's quantities and index factors.

Indexation (docs/methode.md sections 5.4 and 6). The price level of the cost price is the calendar year of the scenario
date (the base year). Contract year k is priced at calendar year ``start.year + k``; every calendar
year after the base year is indexed on 1 January with

* the weighted provisional OVA/PPC figure of that year (``w_Y``), plus
* the catch-up for the previous year's gap between provisional and definitive figures (``c_Y``,
  ratio or additive), unless the clause says definitive figures change nothing (``none``).

That is VNG's provider index (``pricing.indexation.provider_index``). One clause option departs
from it on purpose: ``first_year_catch_up``. Default ``false``: the first index year after the base
year gets no catch-up, because the base price is built bottom-up from the CAO wages in force on the
scenario date, not from a tariff that was indexed with provisional figures, so there is no gap
between provisional and definitive figures to repair; adding VNG's catch-up would pay the base
year's wage rise twice. ``true`` follows VNG to the letter (e.g. when the municipality insists on
its standard method, or the base price is an existing tariff). Either way the clause says it in
words, with the reason, and the cost of non-indexation compares with the index of this clause.

When a year's provisional figures are known but the previous year's definitive ones are not, the
year is indexed with its weighted provisional figure and the catch-up is marked pending (it follows
once the definitive figures are published); ``assumed_pct`` is used only for years without any
figure of their own. With ``definitive: settle`` (nacalculatie) a contract year whose index rested
on provisional figures is also settled once the definitive figures are known:
``amount_Y x catch_up(prov_Y, def_Y)``. Index figures come from the parameter data, from figures the
contract supplies, or from an assumed percentage the contract states; each year says which
(``data``, ``opgegeven``, ``aanname``). A year without any of these is a validation problem: an
index is never invented.

Net present value uses ``numpy_financial.npv`` with the standard discount rate, which is a real
rate (Werkgroep discontovoet 2020). Real rates discount real amounts, so each year's nominal
(indexed) amount is first deflated with the contract's own cumulative index factor, i.e. expressed
in prices of the base year; amounts of contract year k are then discounted by ``(1 + r) ** k``, so
the first year counts in full (values at the start of the contract, in base-year prices).

The ``contract:`` block of a scenario file (examples/voorbeeld.yaml has a full example)::

    contract:
      name, municipality            required text
      round, description            optional text (round: the tender round on the cover)
      funding                       inspanningsgericht | outputgericht | taakgericht
      start                         ISO date; years: 1-15
      discount_rate                 optional fraction, default 0.0225 (Werkgroep discontovoet 2020)
      areas:      [{name, code?, population?}]        code: CBS WKggggww or BUggggwwbb
      tasks:      [{name, target_group?, effects?: [text], narrative?, reporting?,
                    indicators?: [{name, unit?, baseline?, target?, source?}],
                    social_return?: {ratio?, benefit_years?, split?: {gemeente, zorgverzekeraar,
                                     uwv, inwoners, overig}}}]      (see pricing.social_return)
      staffing:   [{area?, task?, function, fte | hours}]   function from the staff table;
                                                            no area/task = cross-area/cross-task
      activities: [{area?, task?, name, amount}]            per year, base-year price level
      indexation: {wage_weight?, catch_up?: ratio | additive,
                   definitive?: next_year | settle | none,
                   first_year_catch_up?: false | true      (default false, see above)
                   reference_month?: 1-12                  (default 9: September of the year before)
                   assumed_pct?, per_year?: {year: fraction},
                   figures?: {year: {ova_provisional, ppc_provisional, ova_definitive, ppc_definitive}},
                   municipal_pct?: fraction | {year: fraction}}
      options:    [{name, description?, staffing?: [...signed fte/hours], activities?: [...signed]}]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pricing.indexation import catch_up as catch_up_formula
from pricing.indexation import weighted_index
from pricing.money import allocate_rounding, format_number, format_pct, round_half_up
from pricing.parameters import ParameterBook, ParameterNotCovered, load_parameter_book
from pricing.dates import parse_date
from pricing.fields import number_in_range
from pricing.finance import deflate, net_present_value
from pricing.model.contract import (  # noqa: F401  (the contract's types, re-exported for its readers)
    CROSS_AREA, CROSS_TASK, FUNDING_VARIANTS, VNG_WAGE_WEIGHT, ActivityLine, Area, Contract, ContractIndexation,
    Indicator, Option, SocialReturnInput, StaffingLine, Task, UnknownVariant, YearIndex,
)
from pricing.social_return import validate_social_return

# ----------------------------------------------------------------------------------------------
# Vocabulary


DEFINITIVE_RULES: dict[str, str] = {
    "next_year": "inhaal in de indexatie van het volgende jaar (methode VNG)",
    "settle": "nacalculatie over het afgelopen jaar én inhaal in de indexatie van het volgende jaar",
    "none": "geen inhaal: de voorlopige cijfers gelden als definitief",
}
CATCH_UP_LABELS = {"ratio": "verhoudingsmethode (1+definitief)/(1+voorlopig) - 1",
                   "additive": "optelmethode definitief - voorlopig"}
ORIGIN_LABELS = {"data": "bron (parameterdata)", "opgegeven": "opgegeven in het contract",
                 "data/opgegeven": "deels data, deels opgegeven", "aanname": "aanname",
                 "basis": "prijspeil basisjaar"}
INDEX_FIGURES = ("ova_provisional", "ppc_provisional", "ova_definitive", "ppc_definitive")

# Documented default discount rate for the NPV. [S] Werkgroep discontovoet 2020, adopted by the
# cabinet, in force 1 January 2021: standard discount rate 2.25 % for social cost-benefit analyses
# (rwseconomie.nl/discontovoet). It is a real rate, so the NPV discounts the budget deflated to
# base-year prices (see the module docstring), and every place that shows it says so.
DEFAULT_DISCOUNT_RATE = 0.0225
DISCOUNT_SOURCE = ("Werkgroep discontovoet 2020 (kabinetsbesluit, geldt vanaf 1 januari 2021): "
                   "standaarddiscontovoet 2,25 % voor maatschappelijke kosten-batenanalyses")

# The first index year gets no catch-up unless the clause asks for it (module docstring: the base
# price is bottom-up, so there is no provisional-definitive gap to repair).
DEFAULT_FIRST_YEAR_CATCH_UP = False
# [A] Reference month (peilmaand): the month, in the year before the index year, whose published
# OVA/PPC figures set the index per 1 January. September is this model's default, not a sourced
# rule: late enough for next year's figures, early enough to agree the tariff before 1 January.
# Parties may agree another month; the clause always prints the month it uses.
DEFAULT_REFERENCE_MONTH = 9

CONTRACT_KEYS = ("name", "municipality", "round", "funding", "start", "years", "discount_rate",
                 "areas", "tasks", "staffing", "activities", "indexation", "options", "description")
TASK_KEYS = ("name", "target_group", "effects", "indicators", "narrative", "reporting", "social_return")
INDICATOR_KEYS = ("name", "unit", "baseline", "target", "source")
AREA_KEYS = ("name", "code", "population")
STAFFING_KEYS = ("area", "task", "function", "fte", "hours")
ACTIVITY_KEYS = ("area", "task", "name", "amount")
INDEXATION_KEYS = ("wage_weight", "catch_up", "definitive", "first_year_catch_up", "reference_month",
                   "assumed_pct", "per_year", "figures", "municipal_pct")
OPTION_KEYS = ("name", "description", "staffing", "activities")

# CBS area codes: WK + 4-digit municipality + 2-digit district; BU + municipality + district + 2.
CBS_CODE = re.compile(r"^(WK\d{6}|BU\d{8})$")
MAX_YEARS = 15
LONG_TEXT = 4000


# ----------------------------------------------------------------------------------------------
# Validation


_number = number_in_range  # short name inside this module


def _long_text(c, value: Any, path: str, *, required: bool = False) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            c.add(path, "is verplicht en mag niet leeg zijn")
        return ""
    if not isinstance(value, str):
        c.add(path, f"verwacht tekst, gevonden: {value!r}")
        return ""
    if len(value) > LONG_TEXT:
        c.add(path, f"tekst is langer dan {LONG_TEXT} tekens")
        return ""
    return value.strip()


def _mapping(c, value: Any, path: str, keys: tuple[str, ...], what: str) -> dict | None:
    if not isinstance(value, dict):
        c.add(path, f"verwacht een mapping met {what}")
        return None
    c.unknown_keys(value, keys, path)
    return value


def _list(c, value: Any, path: str, what: str, *, required: bool) -> list:
    if value is None:
        if required:
            c.add(path, f"ontbreekt; verwacht een lijst met {what}")
        return []
    if not isinstance(value, list) or (required and not value):
        c.add(path, f"verwacht een {'niet-lege ' if required else ''}lijst met {what}")
        return []
    return value


def validate_contract(raw: Any, c, staff: tuple = (), date: dt.date | None = None,
                      book: ParameterBook | None = None) -> Contract | None:
    """Validate the scenario's ``contract:`` block; problems go to the scenario's collector ``c``.

    ``staff`` is the scenario's validated staff table (functions are looked up there; empty when
    the staff table itself was invalid, in which case function names are not checked), ``date``
    the scenario date (its year is the price level of the budget). Returns None on any problem.
    """
    before = len(c.problems)
    raw = _mapping(c, raw, "contract", CONTRACT_KEYS, "name, municipality, funding, start, years, areas, tasks en staffing")
    if raw is None:
        return None
    for key in ("name", "municipality", "funding", "start", "years", "tasks", "staffing"):
        if raw.get(key) is None:
            c.add(f"contract.{key}", "is verplicht en ontbreekt")
    name = c.text(raw.get("name"), "contract.name") if raw.get("name") is not None else None
    municipality = (c.text(raw.get("municipality"), "contract.municipality")
                    if raw.get("municipality") is not None else None)
    round_ = c.text(raw.get("round"), "contract.round", required=False) or ""
    description = _long_text(c, raw.get("description"), "contract.description")
    funding = (c.choice(raw.get("funding"), "contract.funding", tuple(FUNDING_VARIANTS))
               if raw.get("funding") is not None else None)
    start = parse_date(raw["start"], c, "contract.start") if raw.get("start") is not None else None
    years = (_number(c, raw["years"], "contract.years", 1, MAX_YEARS, integer=True)
             if raw.get("years") is not None else None)
    discount_given = raw.get("discount_rate") is not None
    discount = (_number(c, raw["discount_rate"], "contract.discount_rate", -0.05, 0.25)
                if discount_given else DEFAULT_DISCOUNT_RATE)

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
        c.add("contract.start", f"het contract begint in {start.year}, vóór het prijspeil van de kostprijs "
              f"({base_year}, het jaar van de peildatum); kies een peildatum in of vóór het eerste contractjaar")
    elif start is not None and years is not None and base_year is not None:
        indexation = validate_indexation(raw.get("indexation"), c, base_year, start.year + int(years) - 1,
                                         book or load_parameter_book())

    if len(c.problems) != before:
        return None
    return Contract(
        name=name, municipality=municipality, round=round_, funding=funding, start=start,
        years=int(years), discount_rate=discount, discount_given=discount_given,
        description=description, areas=areas, tasks=tasks, staffing=staffing,
        activities=activities, indexation=indexation, options=options,
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
                c.add(f"{path}.code", f"{row['code']!r} is geen CBS-code; verwacht WK + 6 cijfers (wijk) "
                      "of BU + 8 cijfers (buurt), bijvoorbeeld WK036301")
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
        for j, effect in enumerate(_list(c, row.get("effects"), f"{path}.effects", "gewenste effecten (tekst)", required=False)):
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
                values[key] = (_number(c, ind[key], f"{ipath}.{key}", -1e12, 1e12)
                               if ind.get(key) is not None else None)
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


def _validate_staffing(raw: Any, c, base: str, refs: _Refs, *, signed: bool, required: bool) -> tuple[StaffingLine, ...]:
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
            c.add(f"{path}.function", f"functie '{function}' staat niet in de formatie van de organisatie "
                  f"(pagina Organisatie & formatie); bekend: {_listed(refs.functions)}")
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
    for i, row in enumerate(_list(c, raw, "contract.options", "varianten (name, description, staffing, activities)", required=False)):
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
            c.add(path, "een variant voegt formatie of activiteiten toe of haalt ze weg; geef formatie en/of activiteiten op")
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
                c.add(f"{path}.staffing", f"variant haalt meer {'FTE' if unit == 'fte' else 'uren'} {function} weg "
                      f"({area or CROSS_AREA}, {task or CROSS_TASK}) dan de basis heeft")
        amounts: dict[tuple, float] = {}
        for line in activities + extra_act:
            key = (line.area, line.task, line.name)
            amounts[key] = amounts.get(key, 0.0) + line.amount
        for (area, task, aname), total in amounts.items():
            if total < -0.005:
                c.add(f"{path}.activities", f"variant haalt meer weg van activiteit '{aname}' dan de basis begroot")
        if len(c.problems) == before:
            out.append(Option(name, description, extra_staff, extra_act))
    return tuple(out)


def _year_key(c, key: Any, path: str, first: int, last: int) -> int | None:
    try:
        year = int(key) if not isinstance(key, bool) else None
    except (TypeError, ValueError):
        year = None
    if year is None or str(key).strip() != str(year):
        c.add(path, f"{key!r} is geen jaartal")
        return None
    if not first <= year <= last:
        c.add(path, f"{year} ligt buiten de indexatiejaren van dit contract ({first} t/m {last})")
        return None
    return year


def validate_indexation(raw: Any, c, base_year: int, last_year: int, book: ParameterBook) -> ContractIndexation | None:
    """The ``indexation`` clause for prices at ``base_year`` and contract years up to ``last_year``.

    Problems go to the collector ``c`` (``add``, ``choice``, ``unknown_keys``, ``problems``); every
    year from ``base_year + 1`` to ``last_year`` is resolved to an index or reported. Public so the
    clause can be checked on its own, e.g. for base years the cost-price parameters do not cover.
    """
    raw = {} if raw is None else raw
    raw = _mapping(c, raw, "contract.indexation", INDEXATION_KEYS, "de indexatieclausule")
    if raw is None:
        return None
    before = len(c.problems)
    weight = raw.get("wage_weight")
    weight_given = weight is not None
    if weight is None:
        weight = book.value("wage_weight_default", dt.date(base_year, 1, 1))
    else:
        weight = _number(c, weight, "contract.indexation.wage_weight", 0, 1)
    method = c.choice(raw.get("catch_up", "ratio"), "contract.indexation.catch_up", tuple(CATCH_UP_LABELS))
    definitive = c.choice(raw.get("definitive", "next_year"), "contract.indexation.definitive", tuple(DEFINITIVE_RULES))
    first_catch_up = raw.get("first_year_catch_up")
    first_given = first_catch_up is not None
    if first_catch_up is None:
        first_catch_up = DEFAULT_FIRST_YEAR_CATCH_UP
    elif not isinstance(first_catch_up, bool):
        c.add("contract.indexation.first_year_catch_up",
              f"verwacht ja of nee (true of false), gevonden: {first_catch_up!r}")
    month_given = raw.get("reference_month") is not None
    month = DEFAULT_REFERENCE_MONTH
    if month_given:
        value = _number(c, raw["reference_month"], "contract.indexation.reference_month", 1, 12, integer=True)
        month = int(value) if value is not None else month
    assumed = None
    if raw.get("assumed_pct") is not None:
        assumed = _number(c, raw["assumed_pct"], "contract.indexation.assumed_pct", -0.2, 0.3)
    first = base_year + 1
    per_year: dict[int, float] = {}
    if raw.get("per_year") is not None:
        if not isinstance(raw["per_year"], dict):
            c.add("contract.indexation.per_year", "verwacht een mapping van jaar naar indexatie (fractie, 0,035 = 3,5 %)")
        else:
            for key, value in raw["per_year"].items():
                path = f"contract.indexation.per_year.{key}"
                year = _year_key(c, key, path, first, last_year)
                pct = _number(c, value, path, -0.2, 0.3)
                if year is not None and pct is not None:
                    per_year[year] = pct
    figures: dict[int, dict[str, float]] = {}
    if raw.get("figures") is not None:
        if not isinstance(raw["figures"], dict):
            c.add("contract.indexation.figures", "verwacht per jaar {ova_provisional, ppc_provisional, ova_definitive, ppc_definitive}")
        else:
            for key, body in raw["figures"].items():
                path = f"contract.indexation.figures.{key}"
                year = _year_key(c, key, path, base_year, last_year + 1)
                body = _mapping(c, body, path, INDEX_FIGURES, ", ".join(INDEX_FIGURES))
                if year is None or body is None:
                    continue
                figures[year] = {}
                for name in INDEX_FIGURES:
                    if body.get(name) is not None:
                        value = _number(c, body[name], f"{path}.{name}", -0.2, 0.3)
                        if value is not None:
                            figures[year][name] = value
    municipal: dict[int, float] = {}
    municipal_given = raw.get("municipal_pct") is not None
    years = range(first, last_year + 1)
    if not municipal_given:
        municipal = {y: 0.0 for y in years}
    elif isinstance(raw["municipal_pct"], dict):
        own = len(c.problems)
        for key, value in raw["municipal_pct"].items():
            path = f"contract.indexation.municipal_pct.{key}"
            year = _year_key(c, key, path, first, last_year)
            pct = _number(c, value, path, -0.2, 0.3)
            if year is not None and pct is not None:
                municipal[year] = pct
        missing = [str(y) for y in years if y not in municipal]
        if missing and len(c.problems) == own:
            c.add("contract.indexation.municipal_pct", f"geef voor elk indexatiejaar een percentage op; ontbreekt: {', '.join(missing)}")
    else:
        pct = _number(c, raw["municipal_pct"], "contract.indexation.municipal_pct", -0.2, 0.3)
        if pct is not None:
            municipal = {y: pct for y in years}
    if len(c.problems) != before or weight is None or method is None or definitive is None:
        return None

    resolved, missing_years = [], []
    for year in years:
        found = _resolve_year(year, year == first and not first_catch_up, weight, method, definitive, per_year,
                              figures, assumed, book, base_year)
        if found is None:
            missing_years.append(str(year))
        else:
            resolved.append(found)
    if missing_years:
        listed = ", ".join(missing_years)
        c.add("contract.indexation", f"voor {listed} zijn geen voorlopige OVA/PPC-cijfers bekend. Vul bij "
              "'Aangenomen index voor jaren zonder cijfers' een percentage in (het wordt als aanname getoond), "
              "of leg in het scenariobestand de indexatie of de OVA/PPC-cijfers per jaar vast")
    settlement = {}
    if definitive == "settle":
        for row in resolved:
            if row.weighted_provisional is None:
                continue  # the year's index was not a provisional figure: nothing to settle
            gap = _catch_up_over(row.year, weight, method, figures, book)
            if gap is not None:
                settlement[row.year] = gap[0]
    if len(c.problems) != before:
        return None
    return ContractIndexation(
        wage_weight=weight, catch_up=method, definitive=definitive, first_year_catch_up=first_catch_up,
        reference_month=month, reference_month_given=month_given, assumed_pct=assumed,
        per_year=per_year, figures=figures, municipal_pct=municipal, municipal_given=municipal_given,
        base_year=base_year, years=tuple(resolved), settlement_catch_up=settlement, wage_weight_given=weight_given,
        first_year_catch_up_given=first_given,
    )


def _figure(year: int, name: str, figures: dict, book: ParameterBook) -> tuple[float, str] | None:
    """One OVA/PPC figure for a year: the contract's own, else the parameter data of that year."""
    own = figures.get(year, {}).get(name)
    if own is not None:
        return own, "opgegeven"
    try:
        pv = book.get(name, dt.date(year, 1, 1))
    except ParameterNotCovered:
        return None
    if pv.effective.year != year:
        return None  # a lookup would return an older year's figure: that is not this year's
    return pv.value, "data"


def _weighted(year: int, kind: str, weight: float, figures: dict, book: ParameterBook) -> tuple[float, set] | None:
    ova = _figure(year, f"ova_{kind}", figures, book)
    ppc = _figure(year, f"ppc_{kind}", figures, book)
    if ova is None or ppc is None:
        return None
    return weighted_index(ova[0], ppc[0], weight), {ova[1], ppc[1]}


def _catch_up_over(year: int, weight: float, method: str, figures: dict, book: ParameterBook) -> tuple[float, set] | None:
    """The catch-up for ``year``'s gap between its weighted provisional and definitive figures."""
    prov = _weighted(year, "provisional", weight, figures, book)
    final = _weighted(year, "definitive", weight, figures, book)
    if prov is None or final is None:
        return None
    return catch_up_formula(prov[0], final[0], method), prov[1] | final[1]


def _origin(origins: set) -> str:
    return "data/opgegeven" if len(origins) > 1 else next(iter(origins))


def _resolve_year(year: int, skip_catch_up: bool, weight: float, method: str, definitive: str, per_year: dict,
                  figures: dict, assumed: float | None, book: ParameterBook, base_year: int) -> YearIndex | None:
    """The index on 1 January of ``year``; None when no figure of any kind is known.

    ``skip_catch_up``: the first index year of a clause without first-year catch-up. The assumed
    percentage stands in only for a year without provisional figures of its own: a year whose
    provisional figures are known keeps them even when last year's definitive ones are missing
    (its catch-up is then pending, never assumed).
    """
    if year in per_year:
        return YearIndex(year, per_year[year], None, None, "opgegeven", "indexatie voor dit jaar opgegeven in het contract")
    current = _weighted(year, "provisional", weight, figures, book)
    if current is None:
        if assumed is not None:
            return YearIndex(year, assumed, None, None, "aanname",
                             "geen voorlopige OVA/PPC-cijfers voor dit jaar: aangenomen percentage uit het contract")
        return None
    origin = _origin(current[1])
    if definitive == "none":
        return YearIndex(year, current[0], current[0], None, origin, "geen inhaal volgens de clausule")
    if skip_catch_up:
        return YearIndex(year, current[0], current[0], None, origin,
                         f"geen inhaal over {year - 1}: het prijspeil {base_year} is bottom-up berekend op de "
                         "cao-lonen en rust niet op voorlopige cijfers")
    gap = _catch_up_over(year - 1, weight, method, figures, book)
    if gap is None:
        return YearIndex(year, current[0], current[0], None, origin,
                         f"gewogen voorlopig {year}; de inhaal over {year - 1} volgt zodra de definitieve "
                         f"OVA/PPC-cijfers van {year - 1} bekend zijn (nog niet meegerekend)", catch_up_pending=True)
    return YearIndex(year, current[0] + gap[0], current[0], gap[0], _origin(current[1] | gap[1]),
                     f"gewogen voorlopig {year} plus inhaal over {year - 1}")


# ----------------------------------------------------------------------------------------------
# Budget


@dataclass(frozen=True)
class FunctionPrice:
    """The price a function is contracted at, from the cost-price result (base year)."""

    function: str
    price_per_fte: float
    price_per_hour: float
    billable_hours: float
    staff_fte: float  # FTE of this function in the scenario's staff table


@dataclass(frozen=True)
class BudgetLine:
    kind: str  # formatie | activiteit
    area: str | None
    task: str | None
    label: str  # function or activity name
    fte: float  # FTE (hours converted at the function's billable hours); 0 for activities
    hours: float | None  # hours as given
    unit_price: float  # price per FTE, per hour, or 1 for an amount (base year)
    base_amount: float  # per year at the base year's price level
    amounts: tuple[float, ...]  # per contract year, indexed
    option: str | None = None  # the variant that added this line

    @property
    def area_label(self) -> str:
        return self.area or CROSS_AREA

    @property
    def task_label(self) -> str:
        return self.task or CROSS_TASK


@dataclass(frozen=True)
class NonIndexation:
    """What it costs when the municipality indexes below the norm."""

    municipal_pct: tuple[float, ...]  # per contract year: the municipality's index applied that year
    municipal_given: bool
    norm: tuple[float, ...]  # budget per contract year with the norm index (incl. settlements)
    municipal: tuple[float, ...]  # budget per contract year with the municipality's index
    shortfall: tuple[float, ...]
    cumulative: tuple[float, ...]
    price_per_fte: tuple[float, ...]  # contract-average price per FTE per year (norm)
    fte_lost: tuple[float | None, ...]  # shortfall / price per FTE

    @property
    def total(self) -> float:
        return self.cumulative[-1] if self.cumulative else 0.0


@dataclass(frozen=True)
class ContractBudget:
    contract: Contract
    option: str | None  # None: the basic contract
    base_year: int
    years: tuple[int, ...]
    year_index: tuple[YearIndex | None, ...]  # index applied on 1 Jan of each contract year (None: base year)
    factors: tuple[float, ...]  # cumulative price factor per contract year vs the base year
    prices: tuple[FunctionPrice, ...]
    lines: tuple[BudgetLine, ...]
    staff: tuple[float, ...]  # staffing per year
    activities: tuple[float, ...]
    settlements: tuple[float | None, ...]  # nacalculatie per year (None: not yet known)
    totals: tuple[float, ...]  # staff + activities + known settlements
    by_area: dict[str, tuple[float, ...]]
    by_task: dict[str, tuple[float, ...]]
    total_fte: float
    real_totals: tuple[float, ...]  # totals deflated with the contract's own factors: base-year prices
    npv: float  # of real_totals at the (real) discount rate: base-year prices
    discount_rate: float
    non_indexation: NonIndexation
    warnings: tuple[str, ...]

    @property
    def grand_total(self) -> float:
        return sum(self.totals)

    @property
    def npv_label(self) -> str:
        """The name every output gives the NPV, so nobody reads it as a nominal sum."""
        return f"Contante waarde in prijzen van {self.base_year}"

    @property
    def label(self) -> str:
        return self.option or "Basis"

    def yearly_price_per_fte(self, price: FunctionPrice) -> tuple[float, ...]:
        """A function's price per FTE in each contract year: its base-year price times the year's factor."""
        return tuple(price.price_per_fte * f for f in self.factors)

    @property
    def staff_hours(self) -> float:
        """The contract's staffing in billable hours per year (FTE lines at their function's billable hours)."""
        billable = {p.function: p.billable_hours for p in self.prices}
        return sum(l.hours if l.hours is not None else l.fte * billable[l.label]
                   for l in self.lines if l.kind == "formatie")

    @property
    def first_year_hourly_rate(self) -> float:
        """The staffing's average price per billable hour in the first contract year (0 without hours)."""
        hours = self.staff_hours
        base_staff = sum(l.base_amount for l in self.lines if l.kind == "formatie")
        return base_staff / hours * self.factors[0] if hours else 0.0


def function_prices(result) -> dict[str, FunctionPrice]:
    """Price per FTE and per billable hour per function, read from the cost-price result.

    Several staff lines may share a function name (e.g. two steps); the contract then pays their
    FTE-weighted price: sum of their budgets over their FTE, and over their billable hours.
    """
    grouped: dict[str, list] = {}
    for line in result.lines:
        grouped.setdefault(line.function, []).append(line)
    out = {}
    for function, lines in grouped.items():
        fte = sum(l.fte for l in lines)
        budget = sum(l.budget for l in lines)
        hours = sum(l.fte * l.hours.billable for l in lines)
        out[function] = FunctionPrice(function, budget / fte, budget / hours, hours / fte, fte)
    return out


def _factors(contract: Contract) -> tuple[tuple[YearIndex | None, ...], tuple[float, ...]]:
    ix = contract.indexation
    by_year = {row.year: row for row in ix.years}
    factor = 1.0
    cumulative = {}
    for year in range(ix.base_year + 1, contract.contract_years[-1] + 1):
        factor *= 1.0 + by_year[year].index
        cumulative[year] = factor
    rows = tuple(by_year.get(y) for y in contract.contract_years)
    return rows, tuple(cumulative.get(y, 1.0) for y in contract.contract_years)


def contract_budget(result, option: str | None = None) -> ContractBudget:
    """The multi-year budget of the scenario's contract (or of one of its variants)."""
    contract: Contract = result.scenario.contract
    if contract is None:
        raise ValueError("het scenario heeft geen contract")
    prices = function_prices(result)
    staffing, activities = list(contract.staffing), list(contract.activities)
    if option is not None:
        chosen = contract.option(option)
        staffing += list(chosen.staffing)
        activities += list(chosen.activities)
    rows, factors = _factors(contract)
    n = contract.years
    lines = []
    for i, line in enumerate(staffing):
        price = prices[line.function]
        if line.fte is not None:
            fte, unit_price, base = line.fte, price.price_per_fte, line.fte * price.price_per_fte
        else:
            fte, unit_price, base = line.hours / price.billable_hours, price.price_per_hour, line.hours * price.price_per_hour
        lines.append(BudgetLine("formatie", line.area, line.task, line.function, fte, line.hours, unit_price,
                                base, tuple(base * f for f in factors),
                                option if i >= len(contract.staffing) else None))
    for i, line in enumerate(activities):
        lines.append(BudgetLine("activiteit", line.area, line.task, line.name, 0.0, None, 1.0, line.amount,
                                tuple(line.amount * f for f in factors),
                                option if i >= len(contract.activities) else None))

    staff = tuple(sum(l.amounts[k] for l in lines if l.kind == "formatie") for k in range(n))
    acts = tuple(sum(l.amounts[k] for l in lines if l.kind == "activiteit") for k in range(n))
    ix = contract.indexation
    settlements = []
    warnings = []
    for k, year in enumerate(contract.contract_years):
        if ix.definitive != "settle" or rows[k] is None:
            settlements.append(0.0)
        elif year in ix.settlement_catch_up:
            settlements.append((staff[k] + acts[k]) * ix.settlement_catch_up[year])
        elif rows[k].weighted_provisional is None:
            settlements.append(0.0)  # index was given or assumed, not provisional: nothing to settle
        else:
            settlements.append(None)
            warnings.append(f"Nacalculatie over {year} volgt zodra de definitieve OVA/PPC-cijfers van {year} bekend zijn.")
    totals = tuple(staff[k] + acts[k] + (settlements[k] or 0.0) for k in range(n))

    # Settlements belong to the whole year's budget: spread over areas and tasks pro rata.
    def grouped(attr: str, cross: str, names: list[str]) -> dict[str, tuple[float, ...]]:
        out = {name: [0.0] * n for name in names}
        for line in lines:
            key = getattr(line, attr) or cross
            out.setdefault(key, [0.0] * n)
            for k in range(n):
                base_total = staff[k] + acts[k]
                share = 1.0 + ((settlements[k] or 0.0) / base_total if base_total else 0.0)
                out[key][k] += line.amounts[k] * share
        return {k: tuple(v) for k, v in out.items() if any(abs(x) > 1e-9 for x in v) or k in names}

    by_area = grouped("area", CROSS_AREA, [a.name for a in contract.areas])
    by_task = grouped("task", CROSS_TASK, [t.name for t in contract.tasks])

    total_fte = sum(l.fte for l in lines if l.kind == "formatie")
    # Staffing beyond the staff table is allowed (the organisation may hire) but worth saying.
    per_function: dict[str, float] = {}
    for line in lines:
        if line.kind == "formatie":
            per_function[line.label] = per_function.get(line.label, 0.0) + line.fte
    for function, fte in per_function.items():
        have = prices[function].staff_fte
        if fte > have + 1e-6:
            warnings.append(f"Het contract zet {format_number(fte, 2)} FTE {function} in; de formatie van de "
                            f"organisatie heeft er {format_number(have, 2)}.")
    scen_ix = result.scenario.indexation
    if scen_ix is not None and (abs(scen_ix.wage_weight - ix.wage_weight) > 1e-12 or scen_ix.catch_up != ix.catch_up):
        warnings.append("De indexatieclausule van het contract wijkt af van de indexatie in het scenario (weging of inhaalmethode).")
    for r in rows:
        if r is not None and r.catch_up_pending:
            warnings.append(f"De inhaal over {r.year - 1} in de indexatie van {r.year} is nog niet bekend: de definitieve "
                            f"OVA/PPC-cijfers van {r.year - 1} ontbreken. De begroting rekent voor {r.year} met de "
                            "gewogen voorlopige index alleen; de inhaal volgt.")
    if any(r is not None and r.origin == "aanname" for r in rows):
        warnings.append("Eén of meer indexatiejaren rusten op een aangenomen percentage; vervang het door de "
                        "gepubliceerde cijfers zodra die er zijn.")
    if contract.start.month != 1 or contract.start.day != 1:
        warnings.append("Het contract begint niet op 1 januari: elk contractjaar krijgt het prijspeil van het "
                        "kalenderjaar waarin het begint.")

    rate = contract.discount_rate
    real = deflate(totals, factors)
    npv = net_present_value(rate, real)
    non_ix = _non_indexation(contract, staff, acts, totals, rows, total_fte)
    return ContractBudget(
        contract=contract, option=option, base_year=ix.base_year, years=contract.contract_years,
        year_index=rows, factors=factors, prices=tuple(prices.values()), lines=tuple(lines),
        staff=staff, activities=acts, settlements=tuple(settlements), totals=totals,
        by_area=by_area, by_task=by_task, total_fte=total_fte, real_totals=real, npv=npv, discount_rate=rate,
        non_indexation=non_ix, warnings=tuple(warnings),
    )


def _non_indexation(contract: Contract, staff, acts, totals, rows, total_fte: float) -> NonIndexation:
    """Norm budget vs the budget indexed at the municipality's percentage, per contract year.

    The norm is this clause's own index (with or without first-year catch-up, pending catch-ups not
    counted, settlements included), i.e. the contract's totals. Both start from the same base-year
    budget; the municipality's index compounds like the norm's.
    FTE lost = shortfall / the contract's average price per FTE in that year (norm prices).
    """
    ix = contract.indexation
    n = contract.years
    base_totals = [staff[k] + acts[k] for k in range(n)]
    # Undo the norm factors to get the base-year budget (the same for every year).
    _, factors = _factors(contract)
    base = base_totals[0] / factors[0] if factors[0] else 0.0
    municipal_factor = 1.0
    muni_factors = {}
    for year in range(ix.base_year + 1, contract.contract_years[-1] + 1):
        municipal_factor *= 1.0 + ix.municipal_pct.get(year, 0.0)
        muni_factors[year] = municipal_factor
    municipal = tuple(base * muni_factors.get(y, 1.0) for y in contract.contract_years)
    applied = tuple(ix.municipal_pct.get(y, 0.0) if rows[k] is not None else 0.0
                    for k, y in enumerate(contract.contract_years))
    shortfall = tuple(totals[k] - municipal[k] for k in range(n))
    cumulative, running = [], 0.0
    for value in shortfall:
        running += value
        cumulative.append(running)
    price = tuple(staff[k] / total_fte if total_fte > 0 else 0.0 for k in range(n))
    lost = tuple(shortfall[k] / price[k] if price[k] > 0 else None for k in range(n))
    return NonIndexation(applied, ix.municipal_given, tuple(totals), municipal, shortfall, tuple(cumulative), price, lost)


def all_budgets(result) -> tuple[ContractBudget, ...]:
    """The basic contract and every variant."""
    contract = result.scenario.contract
    return (contract_budget(result),) + tuple(contract_budget(result, o.name) for o in contract.options)


# ----------------------------------------------------------------------------------------------
# Shown figures


def shown_years(budget: ContractBudget) -> list[dict]:
    """Per year the shown amounts (cents, half-up); staff + activities + settlement add up to the total."""
    out = []
    for k, year in enumerate(budget.years):
        settlement = budget.settlements[k]
        parts = [budget.staff[k], budget.activities[k], settlement or 0.0]
        staff, acts, settle = allocate_rounding(parts, budget.totals[k])
        row = budget.year_index[k]
        out.append({
            "year": year,
            "index": row.index if row else None,
            "origin": row.origin if row else "basis",
            "catch_up_pending": bool(row and row.catch_up_pending),
            "factor": budget.factors[k],
            "staff": staff, "activities": acts,
            "settlement": settle if settlement is not None else None,
            "total": round_half_up(budget.totals[k]),
        })
    return out


def origin_text(shown_year: dict) -> str:
    """The origin of a year's index in words, with a pending catch-up said out loud."""
    text = ORIGIN_LABELS[shown_year["origin"]]
    return text + "; inhaal volgt" if shown_year.get("catch_up_pending") else text


def shown_grouped(groups: dict[str, tuple[float, ...]], totals: tuple[float, ...]) -> dict[str, list]:
    """Rows per area or task, rounded so each year's column adds up to the shown year total."""
    names = list(groups)
    columns = []
    for k, total in enumerate(totals):
        columns.append(allocate_rounding([groups[name][k] for name in names], total))
    return {name: [columns[k][i] for k in range(len(totals))] for i, name in enumerate(names)}


def budget_json(budget: ContractBudget) -> dict:
    """The ``budget --json`` document: money in euros rounded to the cent, rates as fractions."""
    years = shown_years(budget)
    area_rows = shown_grouped(budget.by_area, budget.totals)
    task_rows = shown_grouped(budget.by_task, budget.totals)
    ni = budget.non_indexation
    c = budget.contract
    return {
        "contract": c.name,
        "municipality": c.municipality,
        "variant": budget.label,
        "funding": c.funding,
        "start": c.start.isoformat(),
        "years": c.years,
        "base_year": budget.base_year,
        "per_year": [
            {"year": y["year"], "index": y["index"], "index_origin": y["origin"],
             "catch_up_pending": y["catch_up_pending"], "factor": y["factor"],
             "staff": float(y["staff"]), "activities": float(y["activities"]),
             "settlement": None if y["settlement"] is None else float(y["settlement"]),
             "total": float(y["total"])}
            for y in years
        ],
        "per_area": {name: [float(v) for v in values] for name, values in area_rows.items()},
        "per_task": {name: [float(v) for v in values] for name, values in task_rows.items()},
        "total": float(round_half_up(budget.grand_total)),
        "total_fte": round(budget.total_fte, 4),
        "prices": [
            {"function": p.function, "price_per_fte": float(round_half_up(p.price_per_fte)),
             "price_per_hour": float(round_half_up(p.price_per_hour))}
            for p in budget.prices
        ],
        "npv": float(round_half_up(budget.npv)),
        "npv_price_level": budget.base_year,  # the NPV discounts amounts in prices of this year
        "real_totals": [float(round_half_up(v)) for v in budget.real_totals],
        "discount_rate": budget.discount_rate,
        "non_indexation": {
            "municipal_pct": list(ni.municipal_pct),
            "municipal_given": ni.municipal_given,
            "shortfall": [float(round_half_up(v)) for v in ni.shortfall],
            "cumulative": [float(round_half_up(v)) for v in ni.cumulative],
            "fte_lost": [None if v is None else round(v, 2) for v in ni.fte_lost],
        },
        "warnings": list(budget.warnings),
    }


def clause_text(contract: Contract) -> list[str]:
    """The indexation clause in words (Dutch), one paragraph per item (docs/methode.md section 6: index, weights,
    provisional vs definitive, catch-up method and reference month)."""
    ix = contract.indexation
    years = contract.contract_years
    indexed = [row.year for row in ix.years]
    weight = (f"{format_pct(ix.wage_weight, 0)} OVA (loonkosten) en {format_pct(1 - ix.wage_weight, 0)} PPC (prijzen)"
              if _whole_pct(ix.wage_weight) else
              f"{format_pct(ix.wage_weight, 1)} OVA (loonkosten) en {format_pct(1 - ix.wage_weight, 1)} PPC (prijzen)")
    source = "zoals de VNG adviseert" if ix.follows_vng_weight else ix.wage_weight_source
    text = [
        f"Prijspeil: de tarieven in deze offerte zijn berekend op het prijspeil {ix.base_year} "
        f"(cao-lonen en premies op de peildatum van de kostprijs).",
        f"Index: de gewogen index voor aanbieders, {weight}, {source}. De tarieven worden per "
        f"1 januari van elk contractjaar geïndexeerd"
        + (f"; indexatiejaren {', '.join(str(y) for y in indexed)}." if indexed else
           f"; binnen de looptijd ({years[0]}-{years[-1]}) valt geen indexatiemoment na het basisjaar."),
        f"Peilmaand: de indexatie per 1 januari van een jaar gebruikt de OVA/PPC-cijfers zoals gepubliceerd in "
        f"{ix.reference_month_name} van het jaar ervoor (het voorlopige cijfer van het jaar zelf en het laatst "
        "bekende cijfer van het jaar ervoor)"
        + ("." if ix.reference_month_given else
           f"; {ix.reference_month_name} is de standaardkeuze van dit model (aanname, geen bron); partijen kunnen "
           "een andere maand afspreken."),
        f"Voorlopige en definitieve cijfers: geïndexeerd wordt met de voorlopige cijfers van het jaar. "
        f"Als de definitieve cijfers bekend zijn: {DEFINITIVE_RULES[ix.definitive]}"
        + (f", berekend met de {CATCH_UP_LABELS[ix.catch_up]}." if ix.definitive != "none" else "."),
    ]
    if ix.definitive != "none" and indexed:
        first = indexed[0]
        if ix.first_year_catch_up:
            text.append(f"Eerste indexatie ({first}): zoals de VNG-methode bevat die ook de inhaal over "
                        f"{first - 1} (het verschil tussen de voorlopige en definitieve cijfers van {first - 1}). "
                        f"Partijen kiezen daarvoor omdat de tarieven op prijspeil {ix.base_year} behandeld worden "
                        "als een tarief dat met voorlopige cijfers is geïndexeerd.")
        else:
            text.append(f"Eerste indexatie ({first}): zonder inhaal over {first - 1}, in afwijking van de "
                        f"VNG-methode. Reden: het prijspeil {ix.base_year} is bottom-up berekend uit de cao-lonen op "
                        "de peildatum en rust niet op voorlopige indexcijfers, dus er is geen verschil tussen "
                        "voorlopig en definitief in te halen; inhaal zou die loonstijging dubbel betalen. Vanaf "
                        "het tweede indexatiejaar geldt de inhaal wel.")
    pending = [r for r in ix.years if r.catch_up_pending]
    if pending:
        text.append("Nog niet bekend: de inhaal over "
                    + ", ".join(f"{r.year - 1} (in de indexatie van {r.year})" for r in pending)
                    + ". De begroting rekent daar met het gewogen voorlopige cijfer alleen; de inhaal volgt zodra de "
                    "definitieve cijfers gepubliceerd zijn.")
    given = [f"{y}: {format_pct(p, 3)}" for y, p in sorted(ix.per_year.items())]
    if given:
        text.append("Vastgelegde indexatie per jaar: " + "; ".join(given) + ".")
    if ix.assumed_pct is not None and any(r.origin == "aanname" for r in ix.years):
        assumed_years = ", ".join(str(r.year) for r in ix.years if r.origin == "aanname")
        text.append(f"Voor {assumed_years} zijn nog geen OVA/PPC-cijfers gepubliceerd. De begroting rekent daar "
                    f"met een aanname van {format_pct(ix.assumed_pct, 3)}; de werkelijke indexatie volgt de "
                    "gepubliceerde cijfers.")
    text.append("De cao-verhoging is de andere kant van de looncomponent: blijft de index achter bij de cao, "
                "dan gaat dat ten koste van de formatie. Partijen bespreken dat in het kwartaaloverleg.")
    return text


def _whole_pct(fraction: float) -> bool:
    return abs(fraction * 100 - round(fraction * 100)) < 1e-9


# ----------------------------------------------------------------------------------------------
# Field names as the contract page shows them (problems on screen name fields, not file keys)


_SECTIONS = {
    "areas": ("Gebieden", {"name": "Gebied", "code": "CBS-code", "population": "Inwoners"}),
    "tasks": ("Opgaven", {"name": "Opgave", "target_group": "Doelgroep", "effects": "Gewenste effecten",
                          "narrative": "Vertellen (verhaal)", "reporting": "Rapportage (tellen)",
                          "indicators": "Indicator", "social_return": "Maatschappelijk rendement"}),
    "staffing": ("Formatie per gebied en opgave", {"area": "Gebied", "task": "Opgave", "function": "Functie",
                                                   "fte": "FTE", "hours": "Uren"}),
    "activities": ("Activiteitenbudgetten", {"area": "Gebied", "task": "Opgave", "name": "Activiteit",
                                             "amount": "Bedrag per jaar"}),
    "options": ("Variant (scenariobestand)", {"name": "naam", "description": "omschrijving", "staffing": "formatie",
                                              "activities": "activiteiten"}),
}
_FIELDS = {
    "name": "Naam van het contract", "municipality": "Gemeente", "round": "Ronde (aanbesteding, inschrijving)",
    "funding": "Bekostiging", "start": "Startdatum", "years": "Looptijd (jaren)", "discount_rate": "Discontovoet (%)",
    "description": "Omschrijving van het contract", "indexation": "Indexatieclausule",
}
_INDEXATION_FIELDS = {
    "wage_weight": "Gewicht loonindex OVA (%)", "catch_up": "Inhaalmethode",
    "definitive": "Als definitieve cijfers komen", "first_year_catch_up": "Inhaal in het eerste indexatiejaar",
    "reference_month": "Peilmaand", "assumed_pct": "Aangenomen index voor jaren zonder cijfers (%)",
    "municipal_pct": "Indexatie die de gemeente toepast (%)", "per_year": "Indexatie per jaar (scenariobestand)",
    "figures": "OVA/PPC-cijfers (scenariobestand)",
}
_INDICATOR_FIELDS = {"name": "Indicator", "unit": "Eenheid", "baseline": "Nulmeting", "target": "Streefwaarde",
                     "source": "Bron"}
_SOCIAL_FIELDS = {"ratio": "verhouding baten/kosten", "benefit_years": "jaren waarover de baten vallen",
                  "split": "verdeling over partijen"}
_FIGURE_NAMES = {"ova_provisional": "OVA voorlopig", "ppc_provisional": "PPC voorlopig",
                 "ova_definitive": "OVA definitief", "ppc_definitive": "PPC definitief"}
# Social-return actors as the screen names them (here, so field_label needs no import of social_return).
ACTOR_NAMES = {"gemeente": "gemeente", "zorgverzekeraar": "zorgverzekeraar", "uwv": "UWV", "inwoners": "inwoners",
               "overig": "overig"}
_SEGMENT = re.compile(r"^([A-Za-z_]+)(?:\[(\d+)\])?$")


def field_label(path: str) -> str:
    """A problem path (``contract.staffing[3].fte``) as the contract page names the field
    (``Formatie per gebied en opgave, regel 3, FTE``). Unknown parts are quoted, never dropped."""
    parts = path.split(".")
    if parts[0] != "contract":
        return path
    parts = parts[1:]
    if not parts:
        return "Contract"
    head = _SEGMENT.match(parts[0])
    if head is None:
        return f"Contract, onderdeel '{parts[0]}'"
    key, index = head.group(1), head.group(2)
    rest = parts[1:]
    if key == "indexation":
        if not rest:
            return _FIELDS["indexation"]
        label = _INDEXATION_FIELDS.get(rest[0], f"onderdeel '{rest[0]}'")
        extra = [_FIGURE_NAMES.get(r, r) for r in rest[1:]]
        return ", ".join([_FIELDS["indexation"], label] + extra)
    if key in _SECTIONS:
        section, fields = _SECTIONS[key]
        if key == "options":
            out = [f"Variant {index} (scenariobestand)" if index else section]
        else:
            out = [section + (f", regel {index}" if index else "")]
        while rest:
            seg = _SEGMENT.match(rest[0])
            name, sub = (seg.group(1), seg.group(2)) if seg else (rest[0], None)
            if key == "tasks" and name == "indicators":
                out.append("indicator" + (f" {sub}" if sub else ""))
                fields = _INDICATOR_FIELDS
            elif key == "tasks" and name == "social_return":
                out.append("maatschappelijk rendement")
                fields = _SOCIAL_FIELDS
            elif key == "options" and name in ("staffing", "activities"):
                out.append(fields[name] + (f", regel {sub}" if sub else ""))
                fields = _SECTIONS[name][1]
            elif name == "effects":
                out.append("gewenst effect" + (f" {sub}" if sub else ""))
            else:
                out.append(fields.get(name, ACTOR_NAMES.get(name, f"'{name}'")) + (f" {sub}" if sub else ""))
            rest = rest[1:]
        return ", ".join(out)
    return _FIELDS.get(key, f"Contract, onderdeel '{key}'")


def problem_text(problem) -> str:
    """A contract problem as a Dutch sentence for the screen: the field as the page names it, then the
    message. The file path stays on the Problem for the command line and file users."""
    return f"{field_label(problem.path)}: {problem.message}"
