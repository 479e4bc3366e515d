"""Scenario files: reading, validation and the resolved, frozen scenario the chain computes on.

A scenario is what an organisation (or a municipality) assumes: who works there, the norms for
hours and mark-ups, and the date that selects the parameters. Validation collects every problem at
once, in Dutch, with the path of the field and what is allowed; nothing is clipped or guessed.
Norms the scenario leaves out are filled from the dated parameters and remembered as defaults, so
every consumer can show where a figure came from.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from msgspec.structs import replace
from pydantic import ValidationError

from pricing.contract_validation import validate_contract
from pricing.dates import parse_date  # noqa: F401  (scenario readers use scenario.parse_date)
from pricing.fields import format_bound, shown_value
from pricing.forecast import date_coverage_problem
from pricing.input_errors import control_character, dutch_problems, printable, rule_text
from pricing.loading import LoadError, dump_yaml, load_text, read_file_bytes
from pricing.memo import Memo, content_key, identity
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
from pricing.rate_parameters import PRICED_PARAMETERS
from pricing.record import Record
from pricing.scenario_input import MAX_STAFF_LINES as MAX_STAFF_LINES  # re-exported for the chain
from pricing.scenario_input import MAX_TOTAL_FTE, HoursInput, NormsInput, OverheadInput, ScenarioInput, StaffLineInput
from pricing.scenario_input import RANGES as RANGES  # re-exported for the app
from pricing.used_values import NORM_LABELS

CONTRACT_LABELS = {"permanent": "vast", "flexible": "flexibel"}
# Age band -> parameter with its vitality hours (CAO art. 3.3 A).
VITALITY_PARAMETERS = {
    "<30": "vitality_hours_under_30",
    "30-39": "vitality_hours_30_39",
    "40-44": "vitality_hours_40_44",
    "45-49": "vitality_hours_45_49",
    "50+": "vitality_hours_50_plus",
}
MIN_PRODUCTIVE_HOURS = 100.0  # below this a tariff per hour is meaningless (and divisions explode)


class Problem(Record, frozen=True):
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


def read_scenario_file(path: str | Path) -> dict[str, Any]:
    """Read a YAML or JSON scenario file into a plain dict (not yet validated)."""
    path = Path(path)
    try:
        data = read_file_bytes(path)
    except LoadError as error:
        raise ScenarioError([Problem("", error.message)]) from None
    return parse_scenario_text(data, path.name)


def parse_scenario_text(data: bytes | str, filename: str = "scenario.yaml") -> dict[str, Any]:
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


def dump_scenario(raw: dict[str, Any]) -> str:
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
# Validation: the input models of pricing.scenario_input check keys, types, ranges and choices
# (their messages come from the one Dutch map in pricing.input_errors); this module runs them part
# by part, so one bad block never hides the problems of another, and resolves what the scenario
# leaves out from the dated parameters.


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        # A path holds the file's own keys, which may hold an ESC that would recolour a terminal.
        self.problems.append(Problem(printable(path), message))

    def model(self, model: Any, value: Any, prefix: str = "", context: dict[str, Any] | None = None) -> Any:
        """``value`` validated by the input ``model`` (pricing.scenario_input); None, with its
        problems collected at their paths under ``prefix``, when it is invalid."""
        try:
            return model.model_validate(value, context=context)
        except ValidationError as error:
            for path, message in dutch_problems(error, model, prefix):
                self.add(path, message)
            return None

    def unknown_keys(self, raw: dict[str, Any], allowed: tuple[str, ...], path: str) -> None:
        for key in raw:
            if key not in allowed:
                name = str(key) if len(str(key)) <= 40 else str(key)[:37] + "..."
                where = f"{path}.{name}" if path else name
                self.add(where, f"onbekende sleutel; toegestaan zijn: {', '.join(allowed)}")

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
        found = control_character(value)
        if found is not None:
            self.add(path, rule_text("control_character", **found))
            return None
        return value.strip()

    def choice(self, value: Any, path: str, options: tuple[str, ...]) -> str | None:
        if not isinstance(value, str) or value not in options:
            self.add(path, f"{_short(value)} is niet toegestaan; kies uit: {', '.join(options)}")
            return None
        return value


_short = shown_value  # short name inside this module
_num_nl = format_bound


def validate_scenario(
    raw: Any, book: ParameterBook | None = None, remembered: Memo[StaffLine] | None = None
) -> Scenario:
    """Validate a scenario dict and resolve its defaults; raises ScenarioError with every problem.
    ``remembered`` (:func:`remembered_lines`) keeps valid staff lines for the next call."""
    book = book or load_parameter_book()
    c = _Collector()
    if not isinstance(raw, dict):
        raise ScenarioError([Problem("", ScenarioInput.shape)])
    top: ScenarioInput | None = c.model(ScenarioInput, raw)
    date = parse_date(raw.get("date"), c, "date") if "date" in raw else None
    from pricing.forecast import validate_scenario_forecast

    forecast = validate_scenario_forecast(raw.get("forecast"), c, book)
    if forecast is not None:
        book = forecast.apply(book)
    if date is not None and not _date_is_covered(date, book, c):
        date = None  # one problem at 'date' instead of one per parameter

    before_staff = len(c.problems)
    staff = _validate_staff(raw.get("staff"), c, book, date, remembered)
    staff_ok = len(c.problems) == before_staff
    norms_raw = raw.get("norms")
    norms_raw = {} if norms_raw is None else norms_raw
    defaults: dict[str, ParameterValue] = {}
    norms = None
    if not isinstance(norms_raw, dict):
        c.add("norms", NormsInput.shape)
    elif date is not None:
        norms = _validate_norms(norms_raw, c, book, date, defaults)

    _check_reason_keys(raw.get("deviation_reasons"), c)

    contract = None
    if raw.get("contract") is not None:
        # With an invalid staff table the contract's function names are not cross-checked, so one
        # bad FTE does not cascade into a false "function not in the staffing" per contract line.
        contract = validate_contract(raw["contract"], c, staff=staff if staff_ok else (), date=date, book=book)

    if c.problems or top is None:
        raise ScenarioError(c.problems)
    # No problem collected means both were validated: a date left out, unreadable or not covered by
    # the parameters is a problem above, and so is every way _validate_norms returns None.
    assert date is not None and norms is not None
    indexation = None
    if top.indexation is not None:
        weight = top.indexation.wage_weight
        weight = book.value("wage_weight_default", date) if weight is None else weight
        indexation = IndexationClause(weight, top.indexation.catch_up)
    return Scenario(
        name=top.name,
        organisation=top.organisation,
        date=date,
        employer_large=top.employer.large,
        whk_pct=top.employer.whk_pct,
        staff=staff,
        norms=norms,
        activity_budget=top.activity_budget or 0.0,
        indexation=indexation,
        deviation_reasons={str(k): v for k, v in (top.deviation_reasons or {}).items() if v},
        defaults=defaults,
        contract=contract,
        given_norms=frozenset(norms_raw),
        activity_budget_given=top.activity_budget is not None,
        forecast=forecast,
    )


def _check_reason_keys(raw: Any, c: _Collector) -> None:
    """A reason explains a norm outside its benchmark band, so it is keyed by that norm
    (``overhead.pct``); any other key was kept silently before, and the check then found no reason
    under the norm's own key (a typo such as ``overhead_pct`` turned orange into red). The mapping's
    shape is ScenarioInput's."""
    if not isinstance(raw, dict):
        return
    for key in raw:
        if key not in NORM_LABELS:
            c.add(
                f"deviation_reasons.{str(key)[:40]}",
                f"onbekende sleutel {shown_value(key)}; een toelichting hoort bij een norm, toegestaan zijn: "
                + ", ".join(NORM_LABELS),
            )


def _date_is_covered(date: dt.date, book: ParameterBook, c: _Collector) -> bool:
    """Is every statutory and CAO rate the chain needs known on ``date``? One problem if not."""
    problem = date_coverage_problem(book, PRICED_PARAMETERS, date)
    if problem is None:
        return True
    c.add("date", problem)
    return False


def remembered_lines() -> Memo[StaffLine]:
    """A memo of valid staff lines for :func:`validate_scenario`: a process that validates scenario
    after scenario (the app, on every edit) passes one, so only the lines that changed are validated
    again (pricing/memo.py). 8,192 lines are four organisations of the 2,000-line maximum."""
    return Memo(8_192)


def _validate_staff(
    raw: Any, c: _Collector, book: ParameterBook, date: dt.date | None, remembered: Memo[StaffLine] | None
) -> tuple[StaffLine, ...]:
    """The staff lines, each checked by StaffLineInput (or found in ``remembered``, valid before with
    the same content, edition and date); the table's own shape (a non-empty list of at most
    MAX_STAFF_LINES) is ScenarioInput's."""
    if not isinstance(raw, list) or not 0 < len(raw) <= MAX_STAFF_LINES:
        return ()
    context = {"book": book, "date": date}

    def staff_line(row: Any, path: str) -> StaffLine | None:
        line: StaffLineInput | None = c.model(StaffLineInput, row, path, context)
        if line is None:
            return None
        return StaffLine(
            function=line.function,
            scale=line.scale,
            step=str(line.step),
            fte=line.fte,
            contract=line.contract,
            monthly_salary=line.monthly_salary,
            irregular_pct=line.irregular_pct or 0.0,
            pension_entry_step=line.pension_entry_step,
            primary_process=line.primary_process,
            persons=line.persons,
            age_band=line.age_band,
            on_call_weekdays=line.on_call.weekdays if line.on_call else 0.0,
            on_call_weekend_days=line.on_call.weekend_days if line.on_call else 0.0,
        )

    edition = identity(book)
    lines: list[StaffLine] = []
    for i, row in enumerate(raw):
        row_key = content_key(row) if remembered is not None and type(row) is dict else None
        key = None if row_key is None else (edition, date, row_key)
        line = None if key is None or remembered is None else remembered.get(key)
        if line is None:
            line = staff_line(row, f"staff[{i + 1}]")
            if line is None:
                continue  # its problems are reported; a line with a problem is never remembered
            if key is not None and remembered is not None:
                remembered.put(key, line)
        lines.append(line)
    total = sum(line.fte for line in lines)
    if total > MAX_TOTAL_FTE:
        c.add("staff", f"samen {_num_nl(round(total, 1))} FTE; de grens is {_num_nl(MAX_TOTAL_FTE)} FTE per scenario")
    return tuple(lines)


def _calendar_holidays(
    book: ParameterBook, date: dt.date, defaults: dict[str, ParameterValue], c: _Collector
) -> float | None:
    """Holiday hours of the scenario's year from the calendar: the CAO's eight named days on a
    weekday (art. 5.9 A) x the hours per day; remembered as a derived default."""
    from pricing.holidays import weekday_holidays

    try:
        per_day = book.get("public_holiday_hours_per_day", date)
    except ParameterNotCovered as exc:
        c.add("norms.hours.public_holidays", str(exc))
        return None
    days = weekday_holidays(date.year)
    hours: float = len(days) * per_day.value  # a number of hours (ParameterValue.value is untyped)
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


def _default(
    book: ParameterBook, name: str, date: dt.date, defaults: dict[str, ParameterValue], key: str, c: _Collector
) -> float | None:
    try:
        pv = book.get(name, date)
    except ParameterNotCovered as exc:
        c.add(f"norms.{key}", str(exc))
        return None
    defaults[key] = pv
    value: float = pv.value  # every norm parameter is a number (ParameterValue.value is untyped)
    return value


def _norm(
    given: float | None,
    book: ParameterBook,
    param: str,
    date: dt.date,
    defaults: dict[str, ParameterValue],
    key: str,
    c: _Collector,
) -> float | None:
    """A norm the scenario gave, or its dated default (remembered in ``defaults``)."""
    return given if given is not None else _default(book, param, date, defaults, key, c)


HOURS_PARAMETERS = {
    "contract": "contract_hours",
    "leave": "leave_hours",
    "public_holidays": None,  # from the calendar of the scenario's year
    "sick_pct": "sick_pct",
    "training": "training_hours",
    "meetings": "meeting_hours",
    "vitality": "vitality_hours_default",
}


def _validate_norms(
    raw: dict[str, Any], c: _Collector, book: ParameterBook, date: dt.date, defaults: dict[str, ParameterValue]
) -> Norms | None:
    """The norms: NormsInput checks what is given; the rest comes from the parameters on ``date``,
    and the rules that need those (enough productive hours, productive hours within the contract
    hours, a share convention below 1) are checked here, on the resolved values."""
    given: NormsInput | None = c.model(NormsInput, raw, "norms")
    if given is None:
        return None
    contract_hours = _default(book, "contract_hours", date, {}, "hours.contract", c)
    hours = None
    if given.productivity is None and given.productive_hours is None:
        hraw = given.hours or HoursInput.model_construct()
        values: dict[str, float | None] = {}
        for key, param in HOURS_PARAMETERS.items():
            value: float | None = getattr(hraw, key)
            if value is not None:
                values[key] = value
            elif param is None:
                values[key] = _calendar_holidays(book, date, defaults, c)
            else:
                values[key] = _default(book, param, date, defaults, f"hours.{key}", c)
        known = {k: v for k, v in values.items() if v is not None}
        if len(known) == len(values):
            hours = HoursNorm(**known)
            if hours.productive < MIN_PRODUCTIVE_HOURS:
                c.add(
                    "norms.hours",
                    f"na aftrek van verlof, feestdagen, verzuim, scholing en overleg blijven "
                    f"{_num_nl(round(hours.productive, 1))} productieve uren over; minimaal "
                    f"{_num_nl(MIN_PRODUCTIVE_HOURS)} nodig",
                )
            contract_hours = hours.contract
    productive_hours = given.productive_hours
    if productive_hours is not None and contract_hours is not None and productive_hours > contract_hours:
        c.add(
            "norms.productive_hours",
            f"{_num_nl(productive_hours)} is meer dan de contracturen ({_num_nl(contract_hours)})",
        )
    share = _norm(given.client_bound_share, book, "client_bound_share", date, defaults, "client_bound_share", c)
    other = _norm(given.other_personnel_pct, book, "other_personnel_pct", date, defaults, "other_personnel_pct", c)

    overhead = given.overhead or OverheadInput.model_construct()
    lines: tuple[OverheadLine, ...] = ()
    overhead_pct = None
    if overhead.lines is not None:
        lines = tuple(OverheadLine(line.name, line.amount, line.note or "") for line in overhead.lines)
    else:
        overhead_pct = _norm(overhead.pct, book, "overhead_pct", date, defaults, "overhead.pct", c)
        # A given pct is checked by OverheadInput; a default one is checked here.
        if overhead.convention == "share" and overhead.pct is None and overhead_pct is not None and overhead_pct >= 1:
            c.add(
                "norms.overhead.pct",
                "bij convention 'share' (aandeel van de integrale kosten) moet pct kleiner zijn dan 1",
            )
    material = _norm(given.material_per_fte, book, "material_per_fte", date, defaults, "material_per_fte", c)
    risk = _norm(given.risk_pct, book, "risk_pct", date, defaults, "risk_pct", c)
    innovation = _norm(given.innovation_pct, book, "innovation_pct", date, defaults, "innovation_pct", c)
    reserve = None
    if given.reserve is not None:
        r = given.reserve
        reserve = Reserve(r.target, r.current, int(r.years), r.turnover)

    if (
        contract_hours is None
        or share is None
        or other is None
        or material is None
        or risk is None
        or innovation is None
    ):
        return None
    if hours is None and given.productivity is None and productive_hours is None:
        return None
    if overhead_pct is None and not lines:
        return None
    return Norms(
        contract_hours=contract_hours,
        hours=hours,
        productivity=given.productivity,
        productive_hours=productive_hours,
        billable=given.billable,
        client_bound_share=share,
        other_personnel_pct=other,
        overhead_pct=overhead_pct,
        overhead_convention=overhead.convention,
        overhead_lines=lines,
        material_per_fte=material,
        reporting_per_fte=given.reporting_per_fte or 0.0,
        risk_pct=risk,
        innovation_pct=innovation,
        reserve=reserve,
        flat_oncost_pct=given.flat_oncost_pct,
        pensionable_allowances=given.pensionable_allowances,
        union_fee_reimbursement=given.union_fee_reimbursement or 0.0,
        internship_pay=given.internship_pay or 0.0,
    )


def load_scenario(path: str | Path, book: ParameterBook | None = None) -> Scenario:
    return validate_scenario(read_scenario_file(path), book)
