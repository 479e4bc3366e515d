"""The contract block's input as pydantic v2 models: keys, types, ranges, choices and references.

Like pricing.scenario_input for the rest of the scenario: the models check what the file says, and
every message a user sees comes from the one Dutch map in pricing.input_errors. pricing.
contract_validation runs them part by part (the top level, then each area, task, staffing line,
activity and variant), so one bad line never hides the problems of another, and keeps the rules
across lines by hand (unique names, a variant removing no more than the basis has).

The references of a line (its area, task and function) are checked against the validation context
``{"areas": set, "tasks": set, "functions": set, "check_functions": bool}``: the names of the
contract's own areas and tasks and of the scenario's staff table.

This module is imported only when a scenario has a contract (pricing.contract_validation imports it
on first use), so a scenario without one never builds these models.
"""

# No ``from __future__ import annotations`` (see pricing.input_errors): real annotations cost
# pydantic no evaluation when the classes are created.
import re
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo, field_validator, model_validator
from pydantic import StringConstraints as Length
from pydantic_core import PydanticCustomError

from pricing.fields import LONG_TEXT
from pricing.input_errors import InputModel, Nl, rule
from pricing.model.contract import FUNDING_VARIANTS
from pricing.scenario_input import _blank_is_none, _refuse_blank, _strip, _whole, _with_rules

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
FUNDINGS = tuple(FUNDING_VARIANTS)
STAFFING_WHAT = "formatieregels (area, task, function, fte of hours)"
ACTIVITY_WHAT = "activiteiten (area, task, name, amount)"


def _long(value: Any) -> Any:
    """Free text is at most LONG_TEXT characters (its message names the bound without a thousands
    separator, as it always did)."""
    if isinstance(value, str) and value.strip() and len(value) > LONG_TEXT:
        raise rule("long_text", limit=LONG_TEXT)
    return value


# Text: required (a blank one refused) or optional (a blank one is None), at most 500 characters.
Bounded = Annotated[str, Length(max_length=500)]
Text = Annotated[Bounded, BeforeValidator(_refuse_blank), AfterValidator(_strip), Nl("text")]
OptionalText = Annotated[Bounded | None, BeforeValidator(_blank_is_none), AfterValidator(_strip), Nl("text")]
LongText = Annotated[
    str | None, BeforeValidator(_long), BeforeValidator(_blank_is_none), AfterValidator(_strip), Nl("text")
]


def _reference(name: str | None, info: ValidationInfo) -> str | None:
    """An area or task reference must name one of the contract's own areas or tasks."""
    if name is None:
        return None
    key, what = ("areas", "gebied") if info.field_name == "area" else ("tasks", "opgave")
    known = _known(info, key)
    if name not in known:
        raise rule("unknown_reference", what=what, name=name, known=listed(known))
    return name


# A reference to an area or task: left out (None), or the name of one of the contract's own.
Reference = Annotated[
    Bounded | None, BeforeValidator(_refuse_blank), AfterValidator(_strip), AfterValidator(_reference), Nl("text")
]

Years = Annotated[
    float,
    Field(ge=1, le=MAX_YEARS, allow_inf_nan=False),
    BeforeValidator(_whole),
    Nl("number", 1, MAX_YEARS, integer=True),
]
DiscountRate = Annotated[float, Field(ge=-0.05, le=0.25, allow_inf_nan=False), Nl("number", -0.05, 0.25)]
Population = Annotated[
    float, Field(ge=0, le=2_000_000, allow_inf_nan=False), BeforeValidator(_whole), Nl("number", 0, 2e6, integer=True)
]
IndicatorValue = Annotated[float, Field(ge=-1e12, le=1e12, allow_inf_nan=False), Nl("number", -1e12, 1e12)]
Fte = Annotated[float, Field(gt=0, le=500, allow_inf_nan=False), Nl("number", 0, 500, exclusive_low=True)]
SignedFte = Annotated[float, Field(ge=-500, le=500, allow_inf_nan=False), Nl("number", -500, 500)]
Hours = Annotated[float, Field(gt=0, le=1e6, allow_inf_nan=False), Nl("number", 0, 1e6, exclusive_low=True)]
SignedHours = Annotated[float, Field(ge=-1e6, le=1e6, allow_inf_nan=False), Nl("number", -1e6, 1e6)]


def _amount_given(value: Any) -> Any:
    if value is None:
        raise rule("amount_missing")
    return value


Amount = Annotated[
    float, Field(ge=0, le=1e9, allow_inf_nan=False), BeforeValidator(_amount_given), Nl("number", 0, 1e9)
]
SignedAmount = Annotated[
    float, Field(ge=-1e9, le=1e9, allow_inf_nan=False), BeforeValidator(_amount_given), Nl("number", -1e9, 1e9)
]


def _given(value: Any) -> Any:
    """An explicit null on a required key is the same as leaving it out."""
    if value is None:
        raise PydanticCustomError("missing", "missing")
    return value


def _funding(value: str) -> str:
    if value not in FUNDINGS:
        raise PydanticCustomError("literal_error", "literal_error")
    return value


def listed(names: set[str], limit: int = 12) -> str:
    """Known names for a message; a long list is cut (a 2,000-line staff table would flood it)."""
    ordered = sorted(names)
    if not ordered:
        return "geen"
    more = len(ordered) - limit
    return ", ".join(ordered[:limit]) + (f" en {more} andere" if more > 0 else "")


def _known(info: ValidationInfo, key: str) -> set[str]:
    context = info.context or {}
    known: set[str] = context.get(key, set())
    return known


# ----------------------------------------------------------------------------------------------
# Areas and tasks


class AreaInput(InputModel):
    allowed: ClassVar[tuple[str, ...]] = AREA_KEYS
    shape: ClassVar[str] = "verwacht een mapping met name en eventueel code en population"

    name: Text
    code: str | None = None
    population: Population | None = None

    @field_validator("code", mode="plain")
    @classmethod
    def a_cbs_code(cls, value: Any) -> str | None:
        if value is None:
            return None
        code = str(value).strip().upper()
        if not CBS_CODE.match(code):
            raise rule("cbs_code", value=value)
        return code


class IndicatorInput(InputModel):
    allowed: ClassVar[tuple[str, ...]] = INDICATOR_KEYS
    shape: ClassVar[str] = "verwacht een mapping met name, unit, baseline en target"

    name: Text
    unit: OptionalText = None
    baseline: IndicatorValue | None = None
    target: IndicatorValue | None = None
    source: OptionalText = None


class TaskInput(InputModel):
    """A task; its social_return block is validated by pricing.social_return."""

    allowed: ClassVar[tuple[str, ...]] = TASK_KEYS
    shape: ClassVar[str] = "verwacht een mapping met name, target_group, effects, indicators en narrative"

    name: Text
    target_group: OptionalText = None
    effects: Annotated[list[Text] | None, Nl("list", shape="verwacht een lijst met gewenste effecten (tekst)")] = None
    indicators: Annotated[list[IndicatorInput] | None, Nl("list", shape="verwacht een lijst met indicatoren")] = None
    narrative: LongText = None
    reporting: LongText = None
    social_return: Any = None


# ----------------------------------------------------------------------------------------------
# Staffing lines and activities: unsigned in the basis, signed in a variant (which may remove)


class _LineInput(InputModel):
    """A staffing line or activity: in an area and for a task, each left out for cross-area or
    cross-task lines."""

    area: Reference = None
    task: Reference = None


class StaffingLineInput(_LineInput):
    allowed: ClassVar[tuple[str, ...]] = STAFFING_KEYS
    shape: ClassVar[str] = "verwacht een mapping met area, task, function en fte of hours"

    function: Text
    fte: Fte | None = None
    hours: Hours | None = None

    @field_validator("function", mode="after")
    @classmethod
    def in_the_staff_table(cls, function: str, info: ValidationInfo) -> str:
        context = info.context or {}
        functions = _known(info, "functions")
        if context.get("check_functions") and function not in functions:
            raise rule("unknown_function", name=function, known=listed(functions))
        return function

    @model_validator(mode="wrap")
    @classmethod
    def fte_or_hours(cls, data: Any, handler: Any) -> Any:
        if not isinstance(data, dict) or (data.get("fte") is None) != (data.get("hours") is None):
            return handler(data)
        # Neither or both: the quantity is not read, so neither is checked.
        errors = [{"type": rule("fte_or_hours"), "loc": (), "input": data}]
        return _with_rules({k: v for k, v in data.items() if k not in ("fte", "hours")}, handler, errors)


class VariantStaffingLineInput(StaffingLineInput):
    fte: SignedFte | None = None
    hours: SignedHours | None = None


class ActivityInput(_LineInput):
    allowed: ClassVar[tuple[str, ...]] = ACTIVITY_KEYS
    shape: ClassVar[str] = "verwacht een mapping met area, task, name en amount"

    name: Text
    amount: Amount = Field(default=None, validate_default=True)


class VariantActivityInput(ActivityInput):
    amount: SignedAmount = Field(default=None, validate_default=True)


# ----------------------------------------------------------------------------------------------
# Variants and the top level


class OptionInput(InputModel):
    allowed: ClassVar[tuple[str, ...]] = OPTION_KEYS
    shape: ClassVar[str] = "verwacht een mapping met name, description, staffing en activities"

    name: Text
    description: LongText = None
    staffing: Annotated[
        list[VariantStaffingLineInput] | None, Nl("list", shape=f"verwacht een lijst met {STAFFING_WHAT}")
    ] = None
    activities: Annotated[
        list[VariantActivityInput] | None, Nl("list", shape=f"verwacht een lijst met {ACTIVITY_WHAT}")
    ] = None

    @model_validator(mode="wrap")
    @classmethod
    def adds_or_removes(cls, data: Any, handler: Any) -> Any:
        if not isinstance(data, dict) or data.get("staffing") is not None or data.get("activities") is not None:
            return handler(data)
        return _with_rules(data, handler, [{"type": rule("empty_variant"), "loc": (), "input": data}])


class ContractInput(InputModel):
    """The contract's own fields; its areas, tasks, lines and variants are only checked for being
    lists here (pricing.contract_validation validates them line by line), its start date and
    indexation clause by pricing.dates and pricing.contract_indexation."""

    allowed: ClassVar[tuple[str, ...]] = CONTRACT_KEYS
    shape: ClassVar[str] = (
        "verwacht een mapping met name, municipality, funding, start, years, areas, tasks en staffing"
    )
    missing: ClassVar[str] = "is verplicht en ontbreekt"
    null_is_missing: ClassVar[bool] = True

    name: Text
    municipality: Text
    round: OptionalText = None
    funding: Annotated[str, AfterValidator(_funding), Nl("choice", options=FUNDINGS)]
    years: Years
    discount_rate: DiscountRate | None = None
    areas: Annotated[list[Any] | None, Nl("list", shape="verwacht een lijst met gebieden (name, code, population)")] = (
        None
    )
    tasks: Annotated[
        list[Any],
        Field(min_length=1),
        BeforeValidator(_given),
        Nl("list", shape="verwacht een niet-lege lijst met opgaven"),
    ]
    staffing: Annotated[
        list[Any],
        Field(min_length=1),
        BeforeValidator(_given),
        Nl("list", shape=f"verwacht een niet-lege lijst met {STAFFING_WHAT}"),
    ]
    activities: Annotated[list[Any] | None, Nl("list", shape=f"verwacht een lijst met {ACTIVITY_WHAT}")] = None
    indexation: Any = None
    options: Annotated[
        list[Any] | None, Nl("list", shape="verwacht een lijst met varianten (name, description, staffing, activities)")
    ] = None
    description: LongText = None
    step_drift: Annotated[
        bool, Nl(message="verwacht true (jaarlijkse trede-verhoging meerekenen, cao art. 6.5) of false")
    ] = True

    start: Annotated[Any, BeforeValidator(_given)]  # parsed by pricing.dates, like the scenario's date

    @model_validator(mode="wrap")
    @classmethod
    def staffing_given(cls, data: Any, handler: Any) -> Any:
        if not isinstance(data, dict) or data.get("staffing") is not None:
            return handler(data)
        return _with_rules(data, handler, [{"type": rule("staffing_missing"), "loc": ("staffing",), "input": None}])
