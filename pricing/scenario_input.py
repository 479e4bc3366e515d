"""The scenario file's input as pydantic v2 models: keys, types, ranges and choices, checked strictly.

These models check what a scenario file says; pricing.scenario then resolves what it leaves out
(norms from the dated parameters) into the frozen types of pricing.model.scenario. Every message a
user sees comes from the one Dutch map in pricing.input_errors. Rules that need the CAO salary
table or the scenario's date get them from the validation context (``{"book": ..., "date": ...}``).
"""

import datetime as dt
import math
import re
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Self

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from pricing.indexation import CATCH_UP_METHODS
from pricing.input_errors import RULES, InputModel, Nl, control_character, rule
from pricing.parameters import ParameterBook, ParameterNotCovered

# Bounds on a scenario's size beyond those of the file reader: staff lines and their total FTE.
MAX_STAFF_LINES = 2_000
MAX_TOTAL_FTE = 20_000.0
CONTRACTS = ("permanent", "flexible")
BILLABLE = ("productive", "client_bound")
CONVENTIONS = ("markup", "share")
AGE_BANDS = ("<30", "30-39", "40-44", "45-49", "50+")
MAX_ON_CALL_DAYS = 91  # CAO art. 5.4: at most 7 days on call in 4 weeks, 13 x 7 a year

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

# Allowed ranges, shared by validation and the app (inclusive unless in EXCLUSIVE_LOW).
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


class Number(Nl, frozen=True):
    """A number field's Nl that also carries its constraints: pydantic applies what it yields
    (annotated-types grouped metadata), the Dutch messages read the Nl. A finite int or float, never
    a bool or '12', within its range; whole when ``integer`` (checked before the range)."""

    __is_annotated_types_grouped_metadata__: ClassVar[bool] = True

    def __iter__(self) -> Iterator[object]:
        if self.exclusive_low:
            yield Field(gt=self.low, le=self.high, allow_inf_nan=False)
        else:
            yield Field(ge=self.low, le=self.high, allow_inf_nan=False)
        if self.integer:
            yield BeforeValidator(_whole)


def number(name: str, *, integer: bool = False) -> Number:
    """The constraints and messages of a number within RANGES[name]: ``Annotated[float, number(name)]``."""
    low, high = RANGES[name]
    return Number("number", low=low, high=high, exclusive_low=name in EXCLUSIVE_LOW, integer=integer)


def _whole(value: Any) -> Any:
    """A finite float must be whole (checked before the range, as pydantic's multiple_of is not
    exact for tiny values such as 1e-300)."""
    if isinstance(value, float) and math.isfinite(value) and not value.is_integer():
        raise PydanticCustomError("multiple_of", "multiple_of", {"multiple_of": 1.0})
    return value


def _refuse_blank(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        raise rule("blank")
    return value


def _blank_is_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def _refuse_control(value: Any) -> Any:
    if isinstance(value, str):
        found = control_character(value)
        if found is not None:
            raise rule("control_character", **found)
    return value


class Text(Nl, frozen=True):
    """Text of at most ``max_length`` characters, stripped; a blank required text is refused, a
    blank optional one (``Annotated[str | None, text(required=False)]``) is None."""

    max_length: int = 500
    required: bool = True
    __is_annotated_types_grouped_metadata__: ClassVar[bool] = True

    def __iter__(self) -> Iterator[object]:
        yield Field(max_length=self.max_length)
        yield BeforeValidator(_refuse_blank if self.required else _blank_is_none)
        yield BeforeValidator(_refuse_control)
        yield AfterValidator(_strip)


def text(max_length: int = 500, *, required: bool = True) -> Text:
    return Text("text", max_length=max_length, required=required)


def _strip(value: str | None) -> str | None:
    return value.strip() if value is not None else None


class Choice(Nl, frozen=True):
    """One of ``options`` (a str field: ``Annotated[str, choice(OPTIONS)]``)."""

    __is_annotated_types_grouped_metadata__: ClassVar[bool] = True

    def __iter__(self) -> Iterator[object]:
        yield AfterValidator(self.allowed)

    def allowed(self, value: str) -> str:
        if value not in self.options:
            expected = " or ".join(repr(o) for o in self.options)
            raise PydanticCustomError("literal_error", "literal_error", {"expected": expected})
        return value


def choice(options: tuple[str, ...]) -> Choice:
    return Choice("choice", options=options)


def _context(info: ValidationInfo) -> tuple[ParameterBook, dt.date | None]:
    context = info.context or {}
    return context["book"], context.get("date")


def _whole_number(value: Any) -> int | None:
    """``value`` as an int when it is a whole number (5 or 5.0); None otherwise. Never overflows."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return None


# ----------------------------------------------------------------------------------------------
# Staff lines


class OnCallInput(InputModel):
    allowed: ClassVar[tuple[str, ...]] = ("weekdays", "weekend_days")
    shape: ClassVar[str] = "verwacht {weekdays, weekend_days}: dagen consignatie per jaar"

    weekdays: Annotated[float, number("on_call_days")] = 0.0
    weekend_days: Annotated[float, number("on_call_days")] = 0.0

    @model_validator(mode="after")
    def within_the_cao(self) -> Self:
        total = self.weekdays + self.weekend_days
        if total > MAX_ON_CALL_DAYS:
            raise rule("on_call_total", days=total, maximum=MAX_ON_CALL_DAYS)
        return self


class StaffLineInput(InputModel):
    """One line of the staff table. monthly_salary comes before step: a step outside the CAO
    table is a problem only without an own salary."""

    allowed: ClassVar[tuple[str, ...]] = STAFF_KEYS
    shape: ClassVar[str] = "verwacht een mapping met function, scale, step, fte en contract"
    missing: ClassVar[str] = "ontbreekt; dit veld is verplicht"
    null_is_missing: ClassVar[bool] = True

    function: Annotated[str, text()]
    scale: Any
    monthly_salary: Annotated[float, number("monthly_salary")] | None = None
    step: Any
    fte: Annotated[float, number("fte")]
    contract: Annotated[str, choice(CONTRACTS)]
    irregular_pct: Annotated[float, number("irregular_pct")] | None = None
    pension_entry_step: Annotated[
        int | None,
        Field(ge=1, le=8),
        Nl(message="verwacht instapjaar 1 t/m 8 van de PFZW-instapregeling, gevonden: {shown}"),
    ] = None
    primary_process: Annotated[
        bool | None,
        Nl(message="verwacht true (primair proces) of false (niet primair proces), gevonden: {shown}"),
    ] = None
    persons: Annotated[float, number("persons")] | None = None
    age_band: Annotated[
        Annotated[str, choice(AGE_BANDS)] | None, BeforeValidator(lambda v: None if v is None else str(v).strip())
    ] = None
    on_call: OnCallInput | None = None

    @field_validator("scale", mode="plain")
    @classmethod
    def scale_in_the_table(cls, value: Any, info: ValidationInfo) -> int:
        if value is None:
            raise PydanticCustomError("missing", "missing")
        table = _context(info)[0].salary
        low, high = min(table.scales), max(table.scales)
        whole = _whole_number(value)
        if whole is None:
            raise rule("scale_type", value=value, low=low, high=high)
        if whole not in table.scales:
            raise rule("scale_unknown", value=whole, low=low, high=high)
        return whole

    @field_validator("monthly_salary", mode="after")
    @classmethod
    def not_under_the_floor(cls, monthly: float | None, info: ValidationInfo) -> float | None:
        book, date = _context(info)
        if monthly is None or date is None:
            return monthly
        try:
            factor = book.value("monthly_hours_factor", date)
            cao_floor = book.value("floor_hourly", date) * factor
            legal = book.value("statutory_minimum_wage_hourly", date) * factor
        except ParameterNotCovered:
            return monthly  # no floor known for that date: nothing to hold the salary against
        floor, name = (legal, "wettelijk minimumloon") if legal > cao_floor else (cao_floor, "cao-bodemloon")
        if monthly + 1e-9 < floor:
            raise rule("below_floor", monthly=monthly, floor=floor, name=name)
        return monthly

    @field_validator("step", mode="plain")
    @classmethod
    def a_step_of_the_scale(cls, value: Any, info: ValidationInfo) -> int | str:
        if value is None:
            raise PydanticCustomError("missing", "missing")
        step = _step(value)
        book, date = _context(info)
        scale = info.data.get("scale")
        if scale is None or info.data.get("monthly_salary") is not None:
            return step
        table = book.salary
        if not table.has_step(step):
            raise rule("step_not_in_table", step=step, scale=scale, steps=table.steps)
        if table.scales[scale][table.steps.index(str(step))] is None:
            if scale in table.maxima:
                raise rule("step_after_maximum", step=step, scale=scale, maximum=table.maxima[scale])
            raise rule("step_unknown_cell", step=step, scale=scale)
        if date is not None:
            try:
                table.lookup(scale, step, date, book.value("monthly_hours_factor", date))
            except ParameterNotCovered as exc:
                raise rule("not_covered", text=str(exc)) from None
        return step

    @field_validator("persons", mode="after")
    @classmethod
    def at_least_the_fte(cls, persons: float | None, info: ValidationInfo) -> float | None:
        fte = info.data.get("fte")
        if persons is not None and fte is not None and persons + 1e-9 < fte:
            raise rule("persons_below_fte", persons=persons, fte=fte)
        return persons


def _step(value: Any) -> int | str:
    """A step as the CAO table knows it: a whole number 0-999, 'start', U1 or U2."""
    step = value
    if isinstance(step, float) and _whole_number(step) is not None:
        step = int(step)
    if isinstance(step, bool) or not isinstance(step, (int, str)):
        raise rule("step_type", value=step)
    if isinstance(step, str) and re.fullmatch(r"[0-9]{1,3}", step.strip()):
        step = int(step.strip())  # ASCII digits only: '²' and '٣' are not steps
    if isinstance(step, int):
        if not 0 <= step < 1000:
            raise rule("step_range", value=step)
        return step
    word: str = step.strip()
    if word.upper() in ("U1", "U2"):
        return word.upper()  # the run-out steps (CAO art. 6.5 D)
    if word != "start":
        raise rule("step_text", value=step)
    return "start"


# ----------------------------------------------------------------------------------------------
# Norms: what the scenario gives; pricing.scenario fills the rest from the dated parameters.


def _given(data: Any, keys: tuple[str, ...]) -> list[str]:
    return [k for k in keys if isinstance(data, dict) and data.get(k) is not None]


def _with_rules(data: Any, handler: Any, errors: list[Any]) -> Any:
    """Run the model's own validation and add the cross-field ``errors`` (InitErrorDetails) to its
    errors, so a presence rule is reported together with the fields' own problems."""
    try:
        result = handler(data)
    except ValidationError as error:
        if not errors:
            raise
        raise ValidationError.from_exception_data(error.title, [*_init_details(error), *errors]) from None
    if errors:
        raise ValidationError.from_exception_data("rules", errors)
    return result


def _init_details(error: ValidationError) -> list[InitErrorDetails]:
    details: list[InitErrorDetails] = []
    for item in error.errors(include_url=False):
        kind = item["type"]
        ctx = item.get("ctx") or {}
        if kind in RULES or kind == "missing":
            custom = PydanticCustomError(kind, kind, ctx)
            details.append({"type": custom, "loc": item["loc"], "input": item["input"]})
        else:
            details.append({"type": kind, "loc": item["loc"], "input": item["input"], "ctx": ctx})
    return details


class HoursInput(InputModel):
    allowed: ClassVar[tuple[str, ...]] = HOURS_KEYS
    shape: ClassVar[str] = f"verwacht een mapping met {', '.join(HOURS_KEYS)}"

    contract: Annotated[float, number("hours.contract")] | None = None
    leave: Annotated[float, number("hours.leave")] | None = None
    public_holidays: Annotated[float, number("hours.public_holidays")] | None = None
    sick_pct: Annotated[float, number("hours.sick_pct")] | None = None
    training: Annotated[float, number("hours.training")] | None = None
    meetings: Annotated[float, number("hours.meetings")] | None = None
    vitality: Annotated[float, number("hours.vitality")] | None = None


class OverheadLineInput(InputModel):
    allowed: ClassVar[tuple[str, ...]] = ("name", "amount", "note")
    shape: ClassVar[str] = "verwacht {name, amount}"

    name: Annotated[str, text()]
    amount: Annotated[float, number("overhead.line")]
    note: Annotated[str | None, text(required=False)] = None


class OverheadInput(InputModel):
    allowed: ClassVar[tuple[str, ...]] = ("pct", "convention", "lines")
    shape: ClassVar[str] = "verwacht een mapping met pct en convention (of lines)"

    pct: Annotated[float, number("overhead.pct")] | None = None
    convention: Annotated[str, choice(CONVENTIONS)] = "markup"
    lines: Annotated[
        list[OverheadLineInput] | None,
        Field(min_length=1),
        Nl("list", shape="verwacht een niet-lege lijst met {name, amount}"),
    ] = None

    @model_validator(mode="wrap")
    @classmethod
    def pct_or_lines(cls, data: Any, handler: Any) -> Any:
        errors = []
        if _given(data, ("lines",)):
            if _given(data, ("pct",)):
                errors.append({"type": rule("pct_and_lines"), "loc": (), "input": data})
                data = {k: v for k, v in data.items() if k != "pct"}  # not used, so not checked
            if data.get("convention") == "share":
                errors.append({"type": rule("lines_need_markup"), "loc": ("convention",), "input": "share"})
        elif isinstance(data, dict) and data.get("convention") == "share" and _a_number(data.get("pct"), 1.0, 3.0):
            errors.append({"type": rule("share_pct"), "loc": ("pct",), "input": data["pct"]})
        return _with_rules(data, handler, errors)


def _a_number(value: Any, low: float, high: float) -> bool:
    """Is ``value`` a number within [low, high] (to check a rule on a value that is itself valid)?"""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return low <= value <= high  # False for nan


class ReserveInput(InputModel):
    allowed: ClassVar[tuple[str, ...]] = ("target", "current", "years", "turnover")
    shape: ClassVar[str] = "verwacht {target, current, years} en eventueel turnover"
    missing: ClassVar[str] = "ontbreekt"
    null_is_missing: ClassVar[bool] = True

    target: Annotated[float, number("reserve.amount")]
    current: Annotated[float, number("reserve.amount")]
    years: Annotated[float, number("reserve.years", integer=True)]
    turnover: Annotated[float, number("reserve.amount")] | None = None

    @field_validator("turnover", mode="after")
    @classmethod
    def not_zero(cls, turnover: float | None) -> float | None:
        if turnover == 0:
            raise rule("not_zero")
        return turnover


HOURS_CHOICE = ("hours", "productivity", "productive_hours")


class NormsInput(InputModel):
    allowed: ClassVar[tuple[str, ...]] = NORM_KEYS
    shape: ClassVar[str] = "verwacht een mapping met normen"

    # An empty mapping means: not given (every hour from the parameters). Any other value that is not
    # a mapping (0, '', [], false) is refused with the mapping message, not read as "not given".
    hours: Annotated[HoursInput | None, BeforeValidator(lambda v: None if isinstance(v, dict) and not v else v)] = None
    productivity: Annotated[float, number("productivity")] | None = None
    productive_hours: Annotated[float, number("productive_hours")] | None = None
    billable: Annotated[str, choice(BILLABLE)] = "productive"
    client_bound_share: Annotated[float, number("client_bound_share")] | None = None
    other_personnel_pct: Annotated[float, number("other_personnel_pct")] | None = None
    overhead: OverheadInput | None = None
    material_per_fte: Annotated[float, number("material_per_fte")] | None = None
    reporting_per_fte: Annotated[float, number("reporting_per_fte")] | None = None
    risk_pct: Annotated[float, number("risk_pct")] | None = None
    innovation_pct: Annotated[float, number("innovation_pct")] | None = None
    reserve: ReserveInput | None = None
    flat_oncost_pct: Annotated[float, number("flat_oncost_pct")] | None = None
    pensionable_allowances: Annotated[bool, Nl(message="verwacht true of false")] = True
    union_fee_reimbursement: Annotated[float, number("union_fee_reimbursement")] | None = None
    internship_pay: Annotated[float, number("internship_pay")] | None = None

    @model_validator(mode="wrap")
    @classmethod
    def one_way_to_productive_hours(cls, data: Any, handler: Any) -> Any:
        given = _given(data, HOURS_CHOICE)
        errors = []
        if len(given) > 1:
            errors.append({"type": rule("one_of", given=given), "loc": (), "input": data})
        # Only the first given of productivity, productive_hours, hours is used, so only it is checked.
        unused: set[str] = set()
        if "productivity" in given:
            unused = {"productive_hours", "hours"}
        elif "productive_hours" in given:
            unused = {"hours"}
        if unused:
            data = {k: v for k, v in data.items() if k not in unused}
        return _with_rules(data, handler, errors)


# ----------------------------------------------------------------------------------------------
# The top level: the blocks pricing.scenario validates itself (date, staff, norms, forecast,
# contract) are only checked for presence here.


class EmployerInput(InputModel):
    allowed: ClassVar[tuple[str, ...]] = ("large", "whk_pct")
    shape: ClassVar[str] = "verwacht een mapping, bijvoorbeeld {large: true}"

    large: Annotated[bool, Nl(message="verwacht true (grote werkgever) of false (kleine werkgever)")]
    whk_pct: Annotated[float, number("whk_pct")] | None = None


def _not_null(value: Any) -> Any:
    if value is None:
        raise PydanticCustomError("float_type", "float_type")
    return value


class IndexationInput(InputModel):
    allowed: ClassVar[tuple[str, ...]] = ("wage_weight", "catch_up")
    shape: ClassVar[str] = "verwacht een mapping met wage_weight en catch_up"

    # None when left out (the edition's default weight); an explicit null is refused as a float is.
    wage_weight: Annotated[float | None, number("wage_weight"), BeforeValidator(_not_null)] = None
    catch_up: Annotated[str, choice(CATCH_UP_METHODS)] = "ratio"


class ScenarioInput(InputModel):
    allowed: ClassVar[tuple[str, ...]] = TOP_KEYS
    shape: ClassVar[str] = "het scenario moet een mapping met sleutels zijn"
    missing: ClassVar[str] = "ontbreekt; deze sleutel is verplicht"

    name: Annotated[str, text()]
    organisation: Annotated[str, text()]
    date: Any
    employer: EmployerInput
    staff: Annotated[
        list[Any],
        Field(min_length=1, max_length=MAX_STAFF_LINES),
        Nl(
            "list",
            shape="verwacht een niet-lege lijst met functies",
            too_long="{count} regels; de grens is {limit} regels per scenario "
            "(vat functies met dezelfde schaal en trede samen)",
        ),
    ]
    norms: Any = None
    activity_budget: Annotated[float, number("activity_budget")] | None = None
    indexation: IndexationInput | None = None
    deviation_reasons: Annotated[
        dict[Any, Annotated[str | None, text(required=False)]] | None,
        Nl(shape="verwacht een mapping van parameter naar toelichting"),
    ] = None
    description: Annotated[str | None, text(2000, required=False)] = None
    contract: Any = None
    forecast: Any = None
