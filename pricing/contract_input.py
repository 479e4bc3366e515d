"""The contract block's input as pydantic v2 models: keys, types, ranges, choices and references.

Like pricing.scenario_input for the rest of the scenario: the models check what the file says, and
every message a user sees comes from the one Dutch map in pricing.input_errors. pricing.
contract_validation runs them part by part (the top level, then each area, task, staffing line,
activity and variant), so one bad line never hides the problems of another, and keeps the rules
across lines by hand (unique names, a variant removing no more than the basis has). A task's
social return is a nested model; its rules across keys (the range around the ratio, a range with a
source, shares adding up to 1) are wrap validators that run once the fields they read are valid,
beside the fields' own problems.

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

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from pricing.dates import parse_date
from pricing.fields import LONG_TEXT
from pricing.input_errors import RULES, InputModel, Nl, rule
from pricing.model.contract import FUNDING_VARIANTS
from pricing.money import format_number
from pricing.scenario_input import Number, _init_details, _with_rules, choice, text
from pricing.social_return import ACTORS, MAX_RATIO, RANGE_KEYS, SEOR_RATIO, SOURCE_KEYS, SR_KEYS

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


# Text (at most 500 characters, stripped; a blank required one refused, a blank optional one None)
# and free text (at most LONG_TEXT characters, a message naming the bound as it always did).
Text = Annotated[str, text()]
OptionalText = Annotated[str | None, text(required=False)]
LongText = Annotated[str | None, text(LONG_TEXT, required=False), BeforeValidator(_long)]


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
Reference = Annotated[str | None, text(), AfterValidator(_reference)]

Years = Annotated[float, Number("number", 1, MAX_YEARS, integer=True)]
DiscountRate = Annotated[float, Number("number", -0.05, 0.25)]
Population = Annotated[float, Number("number", 0, 2_000_000, integer=True)]
IndicatorValue = Annotated[float, Number("number", -1e12, 1e12)]
Fte = Annotated[float, Number("number", 0, 500, exclusive_low=True)]
SignedFte = Annotated[float, Number("number", -500, 500)]
Hours = Annotated[float, Number("number", 0, 1e6, exclusive_low=True)]
SignedHours = Annotated[float, Number("number", -1e6, 1e6)]


def _amount_given(value: Any) -> Any:
    if value is None:
        raise rule("amount_missing")
    return value


Amount = Annotated[float, Number("number", 0, 1e9), BeforeValidator(_amount_given)]
SignedAmount = Annotated[float, Number("number", -1e9, 1e9), BeforeValidator(_amount_given)]


def _given(value: Any) -> Any:
    """An explicit null on a required key is the same as leaving it out."""
    if value is None:
        raise PydanticCustomError("missing", "missing")
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
# A task's social return (pricing.social_return computes it)

Ratio = Annotated[float, Number("number", 0, MAX_RATIO)]
Share = Annotated[float, Number("number", 0, 1)]
BenefitYears = Annotated[float, Number("number", 1, 30, integer=True)]


def _end_given(value: Any) -> Any:
    if value is None:
        raise rule("range_end_missing")
    return value


RangeEnd = Annotated[Ratio, BeforeValidator(_end_given)]


def _web_link(href: str | None) -> str | None:
    if href and not href.startswith(("https://", "http://")):
        raise rule("web_link", value=href)
    return href


class _DateProblem:
    """A collector for pricing.dates.parse_date that turns its Dutch problem into a rule error."""

    def add(self, path: str, message: str) -> None:
        raise rule("date", text=message)

    def unknown_keys(self, raw: dict[str, Any], allowed: tuple[str, ...], path: str) -> None:
        raise NotImplementedError  # parse_date checks no keys


def _a_date(value: Any) -> Any:
    return None if value is None else parse_date(value, _DateProblem(), "")


def _after_rules(data: Any, handler: Any, rules: Any) -> Any:
    """Run the model's own validation, then ``rules(data, errors)`` (InitErrorDetails) on what it
    found: for the rules that hold only when some fields are valid, reported beside the fields' own
    problems."""
    try:
        result, errors, details = handler(data), [], []
    except ValidationError as error:
        result, errors, details = None, error.errors(include_url=False), _init_details(error)
    extra = rules(data, errors) if isinstance(data, dict) else []
    if details or extra:
        raise ValidationError.from_exception_data("rules", [*details, *extra])
    return result


def _problems_in(errors: list[Any], key: str, *, unknown_keys: bool = False) -> bool:
    """Has ``key`` a problem (an unknown key inside it counts only with ``unknown_keys``)?"""
    return any(
        e["loc"][:1] == (key,) and (unknown_keys or not (e["type"] == "extra_forbidden" and len(e["loc"]) == 2))
        for e in errors
    )


class RangeInput(InputModel):
    allowed: ClassVar[tuple[str, ...]] = RANGE_KEYS
    shape: ClassVar[str] = "verwacht een mapping met low en high (de laagste en hoogste verhouding)"

    low: RangeEnd = Field(default=None, validate_default=True)
    high: RangeEnd = Field(default=None, validate_default=True)


class SourceInput(InputModel):
    allowed: ClassVar[tuple[str, ...]] = SOURCE_KEYS
    shape: ClassVar[str] = f"verwacht een mapping met {', '.join(SOURCE_KEYS)}"

    title: LongText = None
    href: Annotated[LongText, AfterValidator(_web_link)] = None
    date: Annotated[Any, AfterValidator(_a_date)] = None
    assumption: Annotated[bool, Nl(message="verwacht ja of nee (true of false), gevonden: {shown}")] = False
    reasoning: LongText = None

    @model_validator(mode="wrap")
    @classmethod
    def title_or_reasoning(cls, data: Any, handler: Any) -> Any:
        return _after_rules(data, handler, _source_rules)


def _text_given(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _source_rules(data: dict[str, Any], errors: list[Any]) -> list[Any]:
    """A publication needs its title, an assumption its reasoning (once the fields are valid;
    an unknown key does not stop the check)."""
    if any(e["type"] != "extra_forbidden" for e in errors):
        return []
    if data.get("assumption", False) and not _text_given(data.get("reasoning")):
        return [{"type": rule("assumption_reasoning"), "loc": ("reasoning",), "input": data.get("reasoning")}]
    if not data.get("assumption", False) and not _text_given(data.get("title")):
        return [{"type": rule("source_title"), "loc": ("title",), "input": data.get("title")}]
    return []


SPLIT_SHAPE = RULES["split_empty"]({"actors": ", ".join(ACTORS)})


def _not_empty(value: Any) -> Any:
    if isinstance(value, dict) and not value:
        raise rule("split_empty", actors=", ".join(ACTORS))
    return value


class SplitInput(InputModel):
    """The shares per actor; an actor left out has none (None), an explicit null is refused."""

    allowed: ClassVar[tuple[str, ...]] = tuple(ACTORS)
    shape: ClassVar[str] = SPLIT_SHAPE

    gemeente: Annotated[Share | None, BeforeValidator(_given)] = None
    zorgverzekeraar: Annotated[Share | None, BeforeValidator(_given)] = None
    uwv: Annotated[Share | None, BeforeValidator(_given)] = None
    inwoners: Annotated[Share | None, BeforeValidator(_given)] = None
    overig: Annotated[Share | None, BeforeValidator(_given)] = None


class SocialReturnBlockInput(InputModel):
    """A task's ``social_return`` block; ``true`` (or an empty mapping) takes every default."""

    allowed: ClassVar[tuple[str, ...]] = SR_KEYS
    shape: ClassVar[str] = "verwacht een mapping met ratio, benefit_years en split (of true voor de standaard)"

    ratio: Ratio | None = None
    range: RangeInput | None = None
    source: SourceInput | None = None
    benefit_years: BenefitYears | None = None
    split: Annotated[SplitInput | None, BeforeValidator(_not_empty)] = None

    @model_validator(mode="wrap")
    @classmethod
    def rules_across_keys(cls, data: Any, handler: Any) -> Any:
        return _after_rules(data, handler, _social_rules)


def _social_rules(data: dict[str, Any], errors: list[Any]) -> list[Any]:
    """The range around the ratio, a range with a source, a source with a ratio or range, shares
    adding up to 1: each once the fields it reads are valid, as pricing.social_return needs them."""
    found = []
    ratio_given = data.get("ratio") is not None
    ratio = data["ratio"] if ratio_given else SEOR_RATIO
    ends = data.get("range")
    if isinstance(ends, dict) and not _problems_in(errors, "range") and not _problems_in(errors, "ratio"):
        shown = format_number(ratio, 2)
        if ends["low"] > ratio:
            found.append(
                _at(("range", "low"), "range_low", ends["low"], end=format_number(ends["low"], 2), ratio=shown)
            )
        elif ends["high"] < ratio:
            found.append(
                _at(("range", "high"), "range_high", ends["high"], end=format_number(ends["high"], 2), ratio=shown)
            )
    if ends is not None and data.get("source") is None:
        found.append(_at(("source",), "range_needs_source", None))
    source_ok = data.get("source") is not None and not _problems_in(errors, "source")
    if source_ok and not ratio_given and ends is None:
        found.append(_at(("source",), "source_without_ratio", data["source"]))
    split = data.get("split")
    own = [e for e in errors if not (e["type"] == "extra_forbidden" and len(e["loc"]) == 1)]
    if isinstance(split, dict) and split and not own and not found:
        total = sum(share for actor, share in split.items() if actor in ACTORS)
        if abs(total - 1.0) > 0.0005:
            found.append(_at(("split",), "split_total", split, total=format_number(total, 3)))
    return found


def _at(loc: tuple[str, ...], kind: str, value: Any, **values: Any) -> dict[str, Any]:
    return {"type": rule(kind, **values), "loc": loc, "input": value}


def _default_social_return(value: Any) -> Any:
    return {} if value is True else value


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
    """A task, with its social return (pricing.social_return computes it)."""

    allowed: ClassVar[tuple[str, ...]] = TASK_KEYS
    shape: ClassVar[str] = "verwacht een mapping met name, target_group, effects, indicators en narrative"

    name: Text
    target_group: OptionalText = None
    effects: Annotated[list[Text] | None, Nl("list", shape="verwacht een lijst met gewenste effecten (tekst)")] = None
    indicators: Annotated[list[IndicatorInput] | None, Nl("list", shape="verwacht een lijst met indicatoren")] = None
    narrative: LongText = None
    reporting: LongText = None
    social_return: Annotated[SocialReturnBlockInput | None, BeforeValidator(_default_social_return)] = None


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
    funding: Annotated[str, choice(FUNDINGS)]
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
