"""Scenario files: reading, validation and the resolved, frozen scenario the chain computes on.

A scenario is what an organisation (or a municipality) assumes: who works there, the norms for
hours and mark-ups, and the date that selects the parameters. Validation collects every problem at
once, in Dutch, with the path of the field and what is allowed; nothing is clipped or guessed.
Norms the scenario leaves out are filled from the dated parameters and remembered as defaults, so
every consumer can show where a figure came from.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pricing.contract import validate_contract
from pricing.dates import parse_date  # noqa: F401  (scenario readers use scenario.parse_date)
from pricing.fields import format_bound, number_in_range, shown_value
from pricing.forecast import date_coverage_problem
from pricing.indexation import CATCH_UP_METHODS
from pricing.loading import MAX_FILE_BYTES, MAX_FILE_MB, LoadError, dump_yaml, load_text
from pricing.model.contract import Contract  # noqa: F401  (re-exported)
from pricing.model.scenario import (  # noqa: F401  (the scenario's types, re-exported for its readers)
    HoursNorm,
    IndexationClause,
    Norms,
    OverheadLine,
    Reserve,
    Scenario,
    StaffLine,
)
from pricing.parameters import (
    ParameterBook,
    ParameterNotCovered,
    ParameterValue,
    load_parameter_book,
)
from pricing.rate_parameters import RATE_PARAMETERS

# Bounds on a scenario's size beyond those of the file reader: staff lines and their total FTE.
MAX_STAFF_LINES = 2_000
MAX_TOTAL_FTE = 20_000.0
CONTRACTS = ("permanent", "flexible")
CONTRACT_LABELS = {"permanent": "vast", "flexible": "flexibel"}
BILLABLE = ("productive", "client_bound")
CONVENTIONS = ("markup", "share")

TOP_KEYS = (
    "name",
    "organisation",
    "date",
    "employer",
    "staff",
    "norms",
    "activity_budget",
    "indexation",
    "deviation_reasons",
    "description",
    "contract",
    "forecast",
)
STAFF_KEYS = (
    "function",
    "scale",
    "step",
    "fte",
    "contract",
    "monthly_salary",
    "irregular_pct",
    "pension_entry_step",
    "primary_process",
    "persons",
    "age_band",
    "on_call",
)
NORM_KEYS = (
    "hours",
    "productivity",
    "productive_hours",
    "billable",
    "client_bound_share",
    "other_personnel_pct",
    "overhead",
    "material_per_fte",
    "reporting_per_fte",
    "risk_pct",
    "innovation_pct",
    "reserve",
    "flat_oncost_pct",
    "pensionable_allowances",
    "union_fee_reimbursement",
    "internship_pay",
)
HOURS_KEYS = ("contract", "leave", "public_holidays", "sick_pct", "training", "meetings", "vitality")
AGE_BANDS = ("<30", "30-39", "40-44", "45-49", "50+")
# Age band -> parameter with its vitality hours (CAO art. 3.3 A).
VITALITY_PARAMETERS = {
    "<30": "vitality_hours_under_30",
    "30-39": "vitality_hours_30_39",
    "40-44": "vitality_hours_40_44",
    "45-49": "vitality_hours_45_49",
    "50+": "vitality_hours_50_plus",
}
MAX_ON_CALL_DAYS = 91  # CAO art. 5.4: at most 7 days on call in 4 weeks, 13 x 7 a year

# Allowed ranges, shared by validation and the app (inclusive unless *_exclusive).
# Upper bounds catch typing errors (a percentage typed as 25 instead of 0.25), not policy.
RANGES: dict[str, tuple[float, float]] = {
    "fte": (0.0, 500.0),
    "monthly_salary": (0.0, 30000.0),
    "irregular_pct": (0.0, 0.45),
    "whk_pct": (0.0, 0.15),
    "hours.contract": (100.0, 2400.0),
    "hours.leave": (0.0, 600.0),
    "hours.public_holidays": (0.0, 200.0),
    "hours.sick_pct": (0.0, 0.5),
    "hours.training": (0.0, 600.0),
    "hours.meetings": (0.0, 600.0),
    "hours.vitality": (0.0, 100.0),
    "persons": (0.0, 10000.0),
    "on_call_days": (0.0, 91.0),
    "productivity": (0.1, 1.0),
    "productive_hours": (100.0, 2400.0),
    "client_bound_share": (0.05, 1.0),
    "other_personnel_pct": (0.0, 0.5),
    "overhead.pct": (0.0, 3.0),
    "material_per_fte": (0.0, 200000.0),
    "reporting_per_fte": (0.0, 200000.0),
    "union_fee_reimbursement": (0.0, 1e8),
    "internship_pay": (0.0, 1e8),
    "risk_pct": (0.0, 0.25),
    "innovation_pct": (0.0, 0.25),
    "flat_oncost_pct": (0.0, 2.0),
    "activity_budget": (0.0, 1e9),
    "reserve.amount": (0.0, 1e10),
    "reserve.years": (1.0, 30.0),
    "overhead.line": (0.0, 1e9),
    "wage_weight": (0.0, 1.0),
}
EXCLUSIVE_LOW = {"fte", "monthly_salary"}
MIN_PRODUCTIVE_HOURS = 100.0  # below this a tariff per hour is meaningless (and divisions explode)


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ScenarioError(ValueError):
    """The scenario is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(self.text())

    def text(self) -> str:
        lines = [f"Het scenario bevat {len(self.problems)} fout(en):"]
        lines += [f"- {p}" for p in self.problems]
        return "\n".join(lines)


# ----------------------------------------------------------------------------------------------
# Reading files


def read_scenario_file(path: str | Path) -> dict:
    """Read a YAML or JSON scenario file into a plain dict (not yet validated)."""
    path = Path(path)
    if not path.exists():
        raise ScenarioError([Problem("", f"bestand '{path}' bestaat niet")])
    if not path.is_file():
        raise ScenarioError([Problem("", f"'{path}' is geen bestand")])
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ScenarioError([Problem("", f"bestand is groter dan de grens van {MAX_FILE_MB} MB")])
        data = path.read_bytes()
    except OSError as error:
        raise ScenarioError([Problem("", f"bestand '{path}' kan niet worden gelezen ({error.strerror})")]) from None
    return parse_scenario_text(data, path.name)


def parse_scenario_text(data: bytes | str, filename: str = "scenario.yaml") -> dict:
    """Parse scenario text (YAML, or JSON by extension) within the limits of pricing.loading."""
    try:
        raw = load_text(data, filename)
    except LoadError as error:
        raise ScenarioError([Problem(error.path, _located(error))]) from None
    if not isinstance(raw, dict):
        raise ScenarioError([Problem("", "het bestand moet een scenario (een mapping met sleutels) bevatten")])
    return raw


def _located(error: LoadError) -> str:
    return f"{error.message} (regel {error.line})" if error.line else error.message


def dump_scenario(raw: dict) -> str:
    """Scenario dict as YAML text, keys in file order, dates ISO."""
    return dump_yaml(_plain(raw))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars from a data editor
        return value.item()
    return value


# ----------------------------------------------------------------------------------------------
# Validation


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def unknown_keys(self, raw: dict, allowed: tuple[str, ...], path: str) -> None:
        for key in raw:
            if key not in allowed:
                name = str(key) if len(str(key)) <= 40 else str(key)[:37] + "..."
                where = f"{path}.{name}" if path else name
                self.add(where, f"onbekende sleutel; toegestaan zijn: {', '.join(allowed)}")

    def number(self, value: Any, path: str, rule: str, *, integer: bool = False) -> float | None:
        low, high = RANGES[rule]
        return number_in_range(self, value, path, low, high, integer=integer, exclusive_low=rule in EXCLUSIVE_LOW)

    def text(self, value: Any, path: str, *, required: bool = True, max_length: int = 500) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(path, "is verplicht en mag niet leeg zijn")
            return None
        if not isinstance(value, str):
            self.add(path, f"verwacht tekst, gevonden: {_short(value)}")
            return None
        if len(value) > max_length:
            self.add(path, f"tekst is langer dan {_num_nl(max_length)} tekens")
            return None
        return value.strip()

    def choice(self, value: Any, path: str, options: tuple[str, ...]) -> str | None:
        if not isinstance(value, str) or value not in options:
            self.add(path, f"{_short(value)} is niet toegestaan; kies uit: {', '.join(options)}")
            return None
        return value


_short = shown_value  # short name inside this module


def _whole_number(value: Any) -> int | None:
    """``value`` as an int when it is a whole number (5 or 5.0); None otherwise. Never overflows."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return None


_num_nl = format_bound


def validate_scenario(raw: Any, book: ParameterBook | None = None) -> Scenario:
    """Validate a scenario dict and resolve its defaults; raises ScenarioError with every problem."""
    book = book or load_parameter_book()
    c = _Collector()
    if not isinstance(raw, dict):
        raise ScenarioError([Problem("", "het scenario moet een mapping met sleutels zijn")])
    c.unknown_keys(raw, TOP_KEYS, "")
    for key in ("name", "organisation", "date", "employer", "staff"):
        if key not in raw:
            c.add(key, "ontbreekt; deze sleutel is verplicht")
    name = c.text(raw.get("name"), "name") if "name" in raw else None
    organisation = c.text(raw.get("organisation"), "organisation") if "organisation" in raw else None
    if raw.get("description") is not None:
        c.text(raw["description"], "description", required=False, max_length=2000)
    date = parse_date(raw.get("date"), c, "date") if "date" in raw else None
    from pricing.forecast import validate_scenario_forecast

    forecast = validate_scenario_forecast(raw.get("forecast"), c, book)
    if forecast is not None:
        book = forecast.apply(book)
    if date is not None and not _date_is_covered(date, book, c):
        date = None  # one problem at 'date' instead of one per parameter

    employer_large, whk = None, None
    employer = raw.get("employer")
    if "employer" in raw:
        if not isinstance(employer, dict):
            c.add("employer", "verwacht een mapping, bijvoorbeeld {large: true}")
        else:
            c.unknown_keys(employer, ("large", "whk_pct"), "employer")
            if not isinstance(employer.get("large"), bool):
                c.add("employer.large", "verwacht true (grote werkgever) of false (kleine werkgever)")
            else:
                employer_large = employer["large"]
            if employer.get("whk_pct") is not None:
                whk = c.number(employer["whk_pct"], "employer.whk_pct", "whk_pct")

    before_staff = len(c.problems)
    staff = _validate_staff(raw.get("staff"), c, book, date) if "staff" in raw else ()
    staff_ok = len(c.problems) == before_staff
    norms_raw = raw.get("norms")
    norms_raw = {} if norms_raw is None else norms_raw
    defaults: dict[str, ParameterValue] = {}
    norms = None
    if not isinstance(norms_raw, dict):
        c.add("norms", "verwacht een mapping met normen")
    elif date is not None:
        norms = _validate_norms(norms_raw, c, book, date, defaults)

    activity = 0.0
    if raw.get("activity_budget") is not None:
        activity = c.number(raw["activity_budget"], "activity_budget", "activity_budget") or 0.0

    indexation = None
    if raw.get("indexation") is not None:
        ix = raw["indexation"]
        if not isinstance(ix, dict):
            c.add("indexation", "verwacht een mapping met wage_weight en catch_up")
        else:
            c.unknown_keys(ix, ("wage_weight", "catch_up"), "indexation")
            default_weight = book.value("wage_weight_default", date) if date is not None else 0.9
            weight = c.number(ix.get("wage_weight", default_weight), "indexation.wage_weight", "wage_weight")
            method = c.choice(ix.get("catch_up", "ratio"), "indexation.catch_up", CATCH_UP_METHODS)
            if weight is not None and method is not None:
                indexation = IndexationClause(weight, method)

    reasons: dict[str, str] = {}
    if raw.get("deviation_reasons") is not None:
        dr = raw["deviation_reasons"]
        if not isinstance(dr, dict):
            c.add("deviation_reasons", "verwacht een mapping van parameter naar toelichting")
        else:
            for key, text in dr.items():
                value = c.text(text, f"deviation_reasons.{key}", required=False)
                if value:
                    reasons[str(key)] = value

    contract = None
    if raw.get("contract") is not None:
        # With an invalid staff table the contract's function names are not cross-checked, so one
        # bad FTE does not cascade into a false "function not in the staffing" per contract line.
        contract = validate_contract(raw["contract"], c, staff=staff if staff_ok else (), date=date, book=book)

    if c.problems:
        raise ScenarioError(c.problems)
    return Scenario(
        name=name,
        organisation=organisation,
        date=date,
        employer_large=employer_large,
        whk_pct=whk,
        staff=staff,
        norms=norms,
        activity_budget=activity,
        indexation=indexation,
        deviation_reasons=reasons,
        defaults=defaults,
        contract=contract,
        given_norms=frozenset(norms_raw) if isinstance(norms_raw, dict) else frozenset(),
        activity_budget_given=raw.get("activity_budget") is not None,
        forecast=forecast,
    )


def _date_is_covered(date: dt.date, book: ParameterBook, c: _Collector) -> bool:
    """Is every statutory and CAO rate the chain needs known on ``date``? One problem if not."""
    problem = date_coverage_problem(book, set(RATE_PARAMETERS.values()) | {"floor_hourly", "contract_hours"}, date)
    if problem is None:
        return True
    c.add("date", problem)
    return False


def _validate_staff(raw: Any, c: _Collector, book: ParameterBook, date: dt.date | None):
    if not isinstance(raw, list) or not raw:
        c.add("staff", "verwacht een niet-lege lijst met functies")
        return ()
    if len(raw) > MAX_STAFF_LINES:
        c.add(
            "staff",
            f"{_num_nl(len(raw))} regels; de grens is {_num_nl(MAX_STAFF_LINES)} regels per scenario "
            f"(vat functies met dezelfde schaal en trede samen)",
        )
        return ()
    table = book.salary
    lines = []
    for i, row in enumerate(raw):
        path = f"staff[{i + 1}]"
        if not isinstance(row, dict):
            c.add(path, "verwacht een mapping met function, scale, step, fte en contract")
            continue
        c.unknown_keys(row, STAFF_KEYS, path)
        before = len(c.problems)
        for key in ("function", "scale", "step", "fte", "contract"):
            if key not in row or row[key] is None:
                c.add(f"{path}.{key}", "ontbreekt; dit veld is verplicht")
        function = c.text(row.get("function"), f"{path}.function") if row.get("function") is not None else None
        scale = row.get("scale")
        if scale is not None:
            whole = _whole_number(scale)
            if whole is None:
                c.add(
                    f"{path}.scale",
                    f"verwacht een schaalnummer {min(table.scales)} t/m {max(table.scales)}, gevonden: {_short(scale)}",
                )
                scale = None
            elif whole not in table.scales:
                c.add(
                    f"{path}.scale",
                    f"schaal {_short(whole)} bestaat niet; kies {min(table.scales)} t/m {max(table.scales)}",
                )
                scale = None
            else:
                scale = whole
        step = row.get("step")
        if step is not None:
            if isinstance(step, float) and _whole_number(step) is not None:
                step = int(step)
            if isinstance(step, bool) or not isinstance(step, (int, str)):
                c.add(f"{path}.step", f"verwacht een trede (geheel getal of 'start'), gevonden: {_short(step)}")
                step = None
            elif isinstance(step, str) and re.fullmatch(r"[0-9]{1,3}", step.strip()):
                step = int(step.strip())  # ASCII digits only: '²' and '٣' are not steps
            if isinstance(step, int) and not 0 <= step < 1000:
                c.add(f"{path}.step", f"trede {_short(step)} bestaat niet; treden zijn 'start' of 0 en hoger")
                step = None
            elif isinstance(step, str) and step.strip().upper() in ("U1", "U2"):
                step = step.strip().upper()  # the run-out steps (CAO art. 6.5 D)
            elif isinstance(step, str) and step.strip() != "start":
                c.add(f"{path}.step", f"{_short(step)} is geen trede; gebruik 'start', een geheel getal, U1 of U2")
                step = None
            elif isinstance(step, str):
                step = "start"
        fte = c.number(row["fte"], f"{path}.fte", "fte") if row.get("fte") is not None else None
        contract = (
            c.choice(row.get("contract"), f"{path}.contract", CONTRACTS) if row.get("contract") is not None else None
        )
        monthly = None
        if row.get("monthly_salary") is not None:
            monthly = c.number(row["monthly_salary"], f"{path}.monthly_salary", "monthly_salary")
            if monthly is not None and date is not None:
                _check_floor(monthly, c, f"{path}.monthly_salary", book, date)
        irregular = 0.0
        if row.get("irregular_pct") is not None:
            irregular = c.number(row["irregular_pct"], f"{path}.irregular_pct", "irregular_pct") or 0.0
        entry = None
        if row.get("pension_entry_step") is not None:
            value = row["pension_entry_step"]
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 8:
                c.add(
                    f"{path}.pension_entry_step",
                    f"verwacht instapjaar 1 t/m 8 van de PFZW-instapregeling, gevonden: {_short(value)}",
                )
            else:
                entry = value
        primary = None
        if row.get("primary_process") is not None:
            if not isinstance(row["primary_process"], bool):
                c.add(
                    f"{path}.primary_process",
                    f"verwacht true (primair proces) of false (niet primair proces), gevonden: {_short(row['primary_process'])}",
                )
            else:
                primary = row["primary_process"]
        persons = None
        if row.get("persons") is not None:
            persons = c.number(row["persons"], f"{path}.persons", "persons")
            if persons is not None and fte is not None and persons + 1e-9 < fte:
                c.add(
                    f"{path}.persons",
                    f"{_num_nl(persons)} personen is minder dan {_num_nl(fte)} FTE; "
                    "een persoon werkt ten hoogste 1 FTE (36 uur per week)",
                )
                persons = None
        age_band = None
        if row.get("age_band") is not None:
            age_band = c.choice(str(row["age_band"]).strip(), f"{path}.age_band", AGE_BANDS)
        on_call = (0.0, 0.0)
        if row.get("on_call") is not None:
            oc = row["on_call"]
            if not isinstance(oc, dict):
                c.add(f"{path}.on_call", "verwacht {weekdays, weekend_days}: dagen consignatie per jaar")
            else:
                c.unknown_keys(oc, ("weekdays", "weekend_days"), f"{path}.on_call")
                days = [
                    c.number(oc.get(k, 0), f"{path}.on_call.{k}", "on_call_days") for k in ("weekdays", "weekend_days")
                ]
                if None not in days:
                    if sum(days) > MAX_ON_CALL_DAYS:
                        c.add(
                            f"{path}.on_call",
                            f"{_num_nl(sum(days))} dagen consignatie per jaar is meer dan de cao toestaat "
                            f"(art. 5.4: ten hoogste 7 dagen per 4 weken, {MAX_ON_CALL_DAYS} per jaar)",
                        )
                    else:
                        on_call = (days[0], days[1])
        if monthly is None and scale is not None and step is not None and row.get("monthly_salary") is None:
            if not table.has_step(step):
                c.add(
                    f"{path}.step",
                    f"trede {step} van schaal {scale} staat niet in de cao-tabel (bekend: "
                    f"{', '.join(table.steps)}); geef een eigen maandsalaris op (monthly_salary) in plaats van te extrapoleren",
                )
            elif table.scales[scale][table.steps.index(str(step))] is None and scale in table.maxima:
                c.add(
                    f"{path}.step",
                    f"schaal {scale} loopt tot trede {table.maxima[scale]}, daarna U1 en U2 (cao art. 6.4-6.5); "
                    f"trede {step} bestaat niet in die schaal",
                )
            elif table.scales[scale][table.steps.index(str(step))] is None:
                c.add(
                    f"{path}.step",
                    f"schaal {scale} trede {step} is onbekend in de cao-tabel; geef een eigen maandsalaris op (monthly_salary)",
                )
            elif date is not None:
                try:
                    table.lookup(scale, step, date, book.value("monthly_hours_factor", date))
                except ParameterNotCovered as exc:
                    c.add(f"{path}.step", str(exc))
        if len(c.problems) == before:
            lines.append(
                StaffLine(
                    function=function,
                    scale=scale,
                    step=str(step),
                    fte=fte,
                    contract=contract,
                    monthly_salary=monthly,
                    irregular_pct=irregular,
                    pension_entry_step=entry,
                    primary_process=primary,
                    persons=persons,
                    age_band=age_band,
                    on_call_weekdays=on_call[0],
                    on_call_weekend_days=on_call[1],
                )
            )
    total = sum(line.fte for line in lines)
    if total > MAX_TOTAL_FTE:
        c.add("staff", f"samen {_num_nl(round(total, 1))} FTE; de grens is {_num_nl(MAX_TOTAL_FTE)} FTE per scenario")
    return tuple(lines)


def _check_floor(monthly: float, c: _Collector, path: str, book: ParameterBook, date: dt.date) -> None:
    try:
        factor = book.value("monthly_hours_factor", date)
        cao_floor = book.value("floor_hourly", date) * factor
        legal = book.value("statutory_minimum_wage_hourly", date) * factor
    except ParameterNotCovered:
        return  # no floor known for that date: nothing to hold the salary against
    floor, name = (legal, "wettelijk minimumloon") if legal > cao_floor else (cao_floor, "cao-bodemloon")
    if monthly + 1e-9 < floor:
        c.add(
            path,
            f"€ {_num_nl(round(monthly, 2))} per maand ligt onder het {name} van "
            f"€ {_num_nl(round(floor, 2))} (bij 36 uur per week)",
        )


def _calendar_holidays(book: ParameterBook, date: dt.date, defaults: dict, c: _Collector) -> float | None:
    """Holiday hours of the scenario's year from the calendar: the CAO's eight named days on a
    weekday (art. 5.9 A) x the hours per day; remembered as a derived default."""
    from pricing.holidays import weekday_holidays

    try:
        per_day = book.get("public_holiday_hours_per_day", date)
    except ParameterNotCovered as exc:
        c.add("norms.hours.public_holidays", str(exc))
        return None
    days = weekday_holidays(date.year)
    hours = len(days) * per_day.value
    from pricing.money import format_date_nl

    note = (
        f"{len(days)} feestdagen van de cao op een werkdag in {date.year}: "
        + ", ".join(f"{name} ({format_date_nl(day)})" for name, day in days)
        + f"; {len(days)} x {str(per_day.value).replace('.', ',')} uur."
    )
    defaults["hours.public_holidays"] = replace(
        per_day,
        value=hours,
        unit="hours_per_year",
        status="derived",
        description=f"Feestdaguren {date.year} volgens de kalender (cao art. 5.9 A)",
        note=note,
        effective=dt.date(date.year, 1, 1),
    )
    return hours


def _default(book: ParameterBook, name: str, date: dt.date, defaults: dict, key: str, c: _Collector):
    try:
        pv = book.get(name, date)
    except ParameterNotCovered as exc:
        c.add(f"norms.{key}", str(exc))
        return None
    defaults[key] = pv
    return pv.value


def _norm_number(raw, key, rule, c, book, date, defaults, param):
    if raw.get(key) is not None:
        return c.number(raw[key], f"norms.{key}", rule)
    return _default(book, param, date, defaults, key, c)


def _validate_norms(raw: dict, c: _Collector, book: ParameterBook, date: dt.date, defaults: dict) -> Norms | None:
    c.unknown_keys(raw, NORM_KEYS, "norms")
    contract_hours = _default(book, "contract_hours", date, {}, "hours.contract", c)
    given = [k for k in ("hours", "productivity", "productive_hours") if raw.get(k) is not None]
    if len(given) > 1:
        c.add("norms", f"geef één van hours, productivity of productive_hours op, niet {' en '.join(given)}")
    hours = productivity = productive_hours = None
    if raw.get("productivity") is not None:
        productivity = c.number(raw["productivity"], "norms.productivity", "productivity")
    elif raw.get("productive_hours") is not None:
        productive_hours = c.number(raw["productive_hours"], "norms.productive_hours", "productive_hours")
    else:
        hraw = raw.get("hours") or {}
        if not isinstance(hraw, dict):
            c.add("norms.hours", f"verwacht een mapping met {', '.join(HOURS_KEYS)}")
            hraw = {}
        c.unknown_keys(hraw, HOURS_KEYS, "norms.hours")
        params = {
            "contract": "contract_hours",
            "leave": "leave_hours",
            "public_holidays": None,
            "sick_pct": "sick_pct",
            "training": "training_hours",
            "meetings": "meeting_hours",
            "vitality": "vitality_hours_default",
        }
        values = {}
        for key, param in params.items():
            if hraw.get(key) is not None:
                values[key] = c.number(hraw[key], f"norms.hours.{key}", f"hours.{key}")
            elif key == "public_holidays":
                values[key] = _calendar_holidays(book, date, defaults, c)
            else:
                values[key] = _default(book, param, date, defaults, f"hours.{key}", c)
        if all(v is not None for v in values.values()):
            hours = HoursNorm(**values)
            if hours.productive < MIN_PRODUCTIVE_HOURS:
                c.add(
                    "norms.hours",
                    f"na aftrek van verlof, feestdagen, verzuim, scholing en overleg blijven "
                    f"{_num_nl(round(hours.productive, 1))} productieve uren over; minimaal "
                    f"{_num_nl(MIN_PRODUCTIVE_HOURS)} nodig",
                )
            contract_hours = hours.contract
    if productive_hours is not None and contract_hours is not None and productive_hours > contract_hours:
        c.add(
            "norms.productive_hours",
            f"{_num_nl(productive_hours)} is meer dan de contracturen ({_num_nl(contract_hours)})",
        )

    billable = raw.get("billable", "productive")
    billable = c.choice(billable, "norms.billable", BILLABLE)
    share = _norm_number(raw, "client_bound_share", "client_bound_share", c, book, date, defaults, "client_bound_share")
    other = _norm_number(
        raw, "other_personnel_pct", "other_personnel_pct", c, book, date, defaults, "other_personnel_pct"
    )

    overhead_pct, convention, lines = None, "markup", ()
    oraw = raw.get("overhead")
    oraw = {} if oraw is None else oraw
    if not isinstance(oraw, dict):
        c.add("norms.overhead", "verwacht een mapping met pct en convention (of lines)")
        oraw = {}
    c.unknown_keys(oraw, ("pct", "convention", "lines"), "norms.overhead")
    convention = c.choice(oraw.get("convention", "markup"), "norms.overhead.convention", CONVENTIONS)
    if oraw.get("lines") is not None:
        if oraw.get("pct") is not None:
            c.add("norms.overhead", "geef pct óf lines (kostenregels) op, niet beide")
        if convention == "share":
            c.add(
                "norms.overhead.convention",
                "kostenregels worden als opslag op de directe personeelskosten verdeeld; gebruik convention: markup",
            )
        parsed = []
        if not isinstance(oraw["lines"], list) or not oraw["lines"]:
            c.add("norms.overhead.lines", "verwacht een niet-lege lijst met {name, amount}")
        else:
            for j, line in enumerate(oraw["lines"]):
                lp = f"norms.overhead.lines[{j + 1}]"
                if not isinstance(line, dict):
                    c.add(lp, "verwacht {name, amount}")
                    continue
                c.unknown_keys(line, ("name", "amount", "note"), lp)
                lname = c.text(line.get("name"), f"{lp}.name")
                amount = c.number(line.get("amount"), f"{lp}.amount", "overhead.line")
                note = c.text(line.get("note"), f"{lp}.note", required=False) if line.get("note") is not None else None
                if lname is not None and amount is not None:
                    parsed.append(OverheadLine(lname, amount, note or ""))
        lines = tuple(parsed)
    else:
        if oraw.get("pct") is not None:
            overhead_pct = c.number(oraw["pct"], "norms.overhead.pct", "overhead.pct")
        else:
            overhead_pct = _default(book, "overhead_pct", date, defaults, "overhead.pct", c)
        if convention == "share" and overhead_pct is not None and overhead_pct >= 1:
            c.add(
                "norms.overhead.pct",
                "bij convention 'share' (aandeel van de integrale kosten) moet pct kleiner zijn dan 1",
            )

    material = _norm_number(raw, "material_per_fte", "material_per_fte", c, book, date, defaults, "material_per_fte")
    reporting = (
        c.number(raw["reporting_per_fte"], "norms.reporting_per_fte", "reporting_per_fte")
        if raw.get("reporting_per_fte") is not None
        else 0.0
    )
    org_costs = {
        key: (c.number(raw[key], f"norms.{key}", key) or 0.0) if raw.get(key) is not None else 0.0
        for key in ("union_fee_reimbursement", "internship_pay")
    }
    risk = _norm_number(raw, "risk_pct", "risk_pct", c, book, date, defaults, "risk_pct")
    innovation = _norm_number(raw, "innovation_pct", "innovation_pct", c, book, date, defaults, "innovation_pct")

    reserve = None
    if raw.get("reserve") is not None:
        rraw = raw["reserve"]
        if not isinstance(rraw, dict):
            c.add("norms.reserve", "verwacht {target, current, years} en eventueel turnover")
        else:
            c.unknown_keys(rraw, ("target", "current", "years", "turnover"), "norms.reserve")
            for key in ("target", "current", "years"):
                if rraw.get(key) is None:
                    c.add(f"norms.reserve.{key}", "ontbreekt")
            target = (
                c.number(rraw.get("target"), "norms.reserve.target", "reserve.amount")
                if rraw.get("target") is not None
                else None
            )
            current = (
                c.number(rraw.get("current"), "norms.reserve.current", "reserve.amount")
                if rraw.get("current") is not None
                else None
            )
            years = (
                c.number(rraw.get("years"), "norms.reserve.years", "reserve.years", integer=True)
                if rraw.get("years") is not None
                else None
            )
            turnover = None
            if rraw.get("turnover") is not None:
                turnover = c.number(rraw["turnover"], "norms.reserve.turnover", "reserve.amount")
                if turnover == 0:
                    c.add("norms.reserve.turnover", "moet groter dan 0 zijn")
                    turnover = None
            if None not in (target, current, years):
                reserve = Reserve(target, current, int(years), turnover)

    flat = None
    if raw.get("flat_oncost_pct") is not None:
        flat = c.number(raw["flat_oncost_pct"], "norms.flat_oncost_pct", "flat_oncost_pct")
    pensionable = raw.get("pensionable_allowances", True)
    if not isinstance(pensionable, bool):
        c.add("norms.pensionable_allowances", "verwacht true of false")
        pensionable = True

    if any(v is None for v in (contract_hours, billable, share, other, convention, material, risk, innovation)):
        return None
    if hours is None and productivity is None and productive_hours is None:
        return None
    if overhead_pct is None and not lines:
        return None
    return Norms(
        contract_hours=contract_hours,
        hours=hours,
        productivity=productivity,
        productive_hours=productive_hours,
        billable=billable,
        client_bound_share=share,
        other_personnel_pct=other,
        overhead_pct=overhead_pct,
        overhead_convention=convention,
        overhead_lines=lines,
        material_per_fte=material,
        reporting_per_fte=reporting,
        risk_pct=risk,
        innovation_pct=innovation,
        reserve=reserve,
        flat_oncost_pct=flat,
        pensionable_allowances=pensionable,
        **org_costs,
    )


def load_scenario(path: str | Path, book: ParameterBook | None = None) -> Scenario:
    return validate_scenario(read_scenario_file(path), book)
