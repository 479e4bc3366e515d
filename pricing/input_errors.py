"""The one Dutch message map for input validated by pydantic models (see pricing.scenario_input).

Pydantic reports an error as a type ("float_type", "literal_error", "extra_forbidden", ...), a
location (("staff", 0, "fte")) and the input. ``dutch_problems`` turns each into the field path the
user sees (``staff[1].fte``) and the Dutch message the hand-written validators gave before: the
allowed range, the allowed choices or the allowed keys come from the field itself (its ``Nl``
metadata and its model), never from pydantic's English text, which is not shown.

The domain checks that pydantic cannot express as a constraint (a scale in the CAO table, a salary
under the floor, the total days on call) raise ``rule(kind, **values)``; their messages are in
``RULES`` below, so every message of the scenario lives in this one module.
"""

# No ``from __future__ import annotations`` here: pydantic evaluates a model's string annotations,
# its base's ClassVars included, once per model class at import (a compile each).
import types
import typing
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from pricing.fields import format_bound, shown_value
from pricing.loading import control_character as control_character  # re-exported for the validators
from pricing.loading import control_character_text
from pricing.record import Record

_num = format_bound
_shown = shown_value


class Nl(Record, frozen=True):
    """What a field's messages need to know: its kind and what is allowed.

    kind: "number" (low/high, exclusive_low, integer), "text", "choice" (options), "list" or "any".
    shape: the message when the value is not a list (for lists). message: one message for every
    error on this field (``{shown}`` is the value found).
    """

    kind: str = "any"
    low: float = 0.0
    high: float = 0.0
    exclusive_low: bool = False
    integer: bool = False
    options: tuple[str, ...] = ()
    shape: str = ""
    too_long: str = ""
    message: str = ""


class InputModel(BaseModel):
    """Base of the input models: strict types (no '12' for 12, no 1 for true), unknown keys refused."""

    # defer_build: a model's validator is built on its first validation, not at import; only the
    # models validated directly (the roots: ScenarioInput, StaffLineInput, NormsInput) get one, the
    # nested ones are built into their root's. A model nobody validates in a run (a block the file
    # leaves out) costs nothing but its class. Construct defaults with ``model_construct()``, which
    # builds nothing, not ``Model()``, which builds the model's own validator.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)
    # Keys listed in the unknown-key message, in the order users know them.
    allowed: ClassVar[tuple[str, ...]] = ()
    # The message when the value is not a mapping at all.
    shape: ClassVar[str] = "verwacht een mapping met sleutels"
    # The message for a required key that is left out; "" = the field's own message for a null value.
    missing: ClassVar[str] = ""
    # Is an explicit null on a required key the same as leaving it out?
    null_is_missing: ClassVar[bool] = False


def rule(kind: str, **values: Any) -> PydanticCustomError:
    """A domain-rule error for a validator to raise; its Dutch text is RULES[kind]. The value found
    is kept as shown in a message (pydantic renders its context, and a huge int cannot be)."""
    if "value" in values:
        values["value"] = shown_value(values["value"])
    return PydanticCustomError(kind, kind, values)


def _steps(v: dict[str, Any]) -> str:
    return ", ".join(v["steps"])


# Domain rules raised by the models' validators: error type -> Dutch message from its values.
RULES: dict[str, Callable[[dict[str, Any]], str]] = {
    "blank": lambda v: "is verplicht en mag niet leeg zijn",
    "control_character": control_character_text,
    "scale_type": lambda v: f"verwacht een schaalnummer {v['low']} t/m {v['high']}, gevonden: {v['value']}",
    "scale_unknown": lambda v: f"schaal {v['value']} bestaat niet; kies {v['low']} t/m {v['high']}",
    "step_type": lambda v: f"verwacht een trede (geheel getal of 'start'), gevonden: {v['value']}",
    "step_range": lambda v: f"trede {v['value']} bestaat niet; treden zijn 'start' of 0 en hoger",
    "step_text": lambda v: f"{v['value']} is geen trede; gebruik 'start', een geheel getal, U1 of U2",
    "step_not_in_table": lambda v: (
        f"trede {v['step']} van schaal {v['scale']} staat niet in de cao-tabel (bekend: {_steps(v)}); "
        "geef een eigen maandsalaris op (monthly_salary) in plaats van te extrapoleren"
    ),
    "step_after_maximum": lambda v: (
        f"schaal {v['scale']} loopt tot trede {v['maximum']}, daarna U1 en U2 (cao art. 6.4-6.5); "
        f"trede {v['step']} bestaat niet in die schaal"
    ),
    "step_unknown_cell": lambda v: (
        f"schaal {v['scale']} trede {v['step']} is onbekend in de cao-tabel; "
        "geef een eigen maandsalaris op (monthly_salary)"
    ),
    "not_covered": lambda v: str(v["text"]),  # a ParameterNotCovered message, already Dutch
    "below_floor": lambda v: (
        f"€ {_num(round(v['monthly'], 2))} per maand ligt onder het {v['name']} van "
        f"€ {_num(round(v['floor'], 2))} (bij 36 uur per week)"
    ),
    "persons_below_fte": lambda v: (
        f"{_num(v['persons'])} personen is minder dan {_num(v['fte'])} FTE; "
        "een persoon werkt ten hoogste 1 FTE (36 uur per week)"
    ),
    "on_call_total": lambda v: (
        f"{_num(v['days'])} dagen consignatie per jaar is meer dan de cao toestaat "
        f"(art. 5.4: ten hoogste 7 dagen per 4 weken, {v['maximum']} per jaar)"
    ),
    "one_of": lambda v: f"geef één van hours, productivity of productive_hours op, niet {' en '.join(v['given'])}",
    "pct_and_lines": lambda v: "geef pct óf lines (kostenregels) op, niet beide",
    "lines_need_markup": lambda v: (
        "kostenregels worden als opslag op de directe personeelskosten verdeeld; gebruik convention: markup"
    ),
    "share_pct": lambda v: "bij convention 'share' (aandeel van de integrale kosten) moet pct kleiner zijn dan 1",
    "not_zero": lambda v: "moet groter dan 0 zijn",
    # The contract block (pricing.contract_input, and its rules across lines in pricing.contract_validation).
    "long_text": lambda v: f"tekst is langer dan {v['limit']} tekens",
    "cbs_code": lambda v: (
        f"{v['value']} is geen CBS-code; verwacht WK + 6 cijfers (wijk) of BU + 8 cijfers (buurt), bijvoorbeeld WK036301"
    ),
    "unknown_reference": lambda v: f"{v['what']} '{v['name']}' staat niet in de lijst; bekend: {v['known']}",
    "unknown_function": lambda v: (
        f"functie '{v['name']}' staat niet in de formatie van de organisatie "
        f"(pagina Organisatie & formatie); bekend: {v['known']}"
    ),
    "fte_or_hours": lambda v: "geef FTE óf uren (declarabele uren per jaar) op, precies één van beide",
    "amount_missing": lambda v: "ontbreekt; bedrag per jaar in euro (prijspeil basisjaar)",
    "staffing_missing": lambda v: (
        "ontbreekt; verwacht een lijst met formatieregels (area, task, function, fte of hours)"
    ),
    "empty_variant": lambda v: (
        "een variant voegt formatie of activiteiten toe of haalt ze weg; geef formatie en/of activiteiten op"
    ),
    "duplicate_name": lambda v: f"{v['what']} '{v['name']}' staat er twee keer in; namen moeten uniek zijn",
    "reserved_name": lambda v: (
        f"'{v['name']}' is gereserveerd voor inzet zonder {v['what']}; laat {v['article']} {v['what']} dan leeg"
    ),
    "duplicate_option": lambda v: f"variant '{v['name']}' bestaat al (of heet 'basis'); namen moeten uniek zijn",
    "removes_staff": lambda v: (
        f"variant haalt meer {v['unit']} {v['function']} weg ({v['area']}, {v['task']}) dan de basis heeft"
    ),
    "removes_activity": lambda v: f"variant haalt meer weg van activiteit '{v['name']}' dan de basis begroot",
    "start_before_base_year": lambda v: (
        f"het contract begint in {v['start']}, vóór het prijspeil van de kostprijs "
        f"({v['base']}, het jaar van de peildatum); kies een peildatum in of vóór het eerste contractjaar"
    ),
    "start_too_late": lambda v: (
        f"het contract begint in {v['start']}, meer dan {v['most']} jaar na het prijspeil van de kostprijs "
        f"({v['base']}, het jaar van de peildatum); kies een begin uiterlijk in {v['latest']}, of een latere peildatum"
    ),
    # A task's social return (pricing.contract_input.SocialReturnBlockInput).
    "range_end_missing": lambda v: "ontbreekt; een bandbreedte heeft zowel low als high",
    "range_low": lambda v: f"{v['end']} is hoger dan de verhouding {v['ratio']}; low is ten hoogste de verhouding",
    "range_high": lambda v: f"{v['end']} is lager dan de verhouding {v['ratio']}; high is minstens de verhouding",
    "range_needs_source": lambda v: (
        "een bandbreedte heeft een bron nodig: een publicatie (title, href, date) of assumption: true met een reasoning"
    ),
    "source_without_ratio": lambda v: (
        "hoort bij een eigen verhouding of een bandbreedte; zonder die twee geldt de SEOR-verhouding met "
        "haar eigen bron: geef een verhouding of een bandbreedte op, of laat de bron weg"
    ),
    "web_link": lambda v: f"verwacht een webadres dat begint met https://, gevonden: {v['value']}",
    "date": lambda v: str(v["text"]),  # a pricing.dates message, already Dutch
    "assumption_reasoning": lambda v: "is verplicht bij een aanname: schrijf waarop de verhouding rust",
    "source_title": lambda v: (
        "is verplicht: de titel van de bron (met href en date), of zet assumption: true met een reasoning"
    ),
    "split_empty": lambda v: f"verwacht een mapping van partij naar aandeel; partijen: {v['actors']}",
    "split_total": lambda v: f"de aandelen tellen op tot {v['total']}; ze moeten samen 1 zijn (100 %)",
    # The scenario's forecast block (pricing.forecast_input, its keys per edition in pricing.forecast).
    "forecast_shape": lambda v: (
        "verwacht een mapping van parameter naar prognosewaarde, bijvoorbeeld "
        "{awf_permanent: 0.0274, cao_rise_pct: 0.031}"
    ),
    "forecast_unknown": lambda v: f"onbekende prognosewaarde; toegestaan zijn: {v['allowed']}",
    "forecast_entry_keys": lambda v: f"onbekende sleutel(s) {v['keys']}; toegestaan zijn: value, reasoning",
    "forecast_value_missing": lambda v: "ontbreekt; geef de aangenomen waarde",
    "forecast_not_in_table": lambda v: (
        f"{v['what']} {v['value']} staat niet in de salaristabel van deze editie; toegestaan zijn: {v['allowed']}"
    ),
}


def rule_text(kind: str, **values: Any) -> str:
    """The Dutch message of a rule that a validator checks by hand, across lines (see RULES)."""
    return RULES[kind](values)


def _allowed(meta: Nl) -> str:
    low, high = _num(meta.low), _num(meta.high)
    return f"groter dan {low} en ten hoogste {high}" if meta.exclusive_low else f"van {low} tot en met {high}"


def _number_message(kind: str, value: Any, meta: Nl) -> str:
    allowed = _allowed(meta)
    if kind in ("float_type", "int_type"):
        if isinstance(value, int) and not isinstance(value, bool):  # too large for a float: out of range
            return f"{_num(value)} valt buiten het toegestane bereik: {allowed}"
        return f"verwacht een getal ({allowed}), gevonden: {_shown(value)}"
    if kind == "finite_number":
        return f"{_shown(value)} is geen geldig getal; toegestaan: {allowed}"
    if kind == "multiple_of":
        return f"verwacht een geheel getal ({allowed}), gevonden: {_num(value)}"
    return f"{_num(value)} valt buiten het toegestane bereik: {allowed}"  # greater_than(_equal), less_than_equal


def _text_message(kind: str, value: Any, ctx: dict[str, Any]) -> str:
    if value is None:
        return RULES["blank"]({})
    if kind in ("string_too_long", "too_long"):
        return f"tekst is langer dan {_num(ctx['max_length'])} tekens"
    return f"verwacht tekst, gevonden: {_shown(value)}"


class _Where(Record, frozen=True):
    path: str
    model: type[InputModel] | None  # the model the last key belongs to (or would belong to)
    field: FieldInfo | None
    annotation: Any  # what is expected at the location


def _strip(annotation: Any) -> Any:
    """The type inside Annotated[...] and Optional[...]."""
    while True:
        if typing.get_origin(annotation) is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        if typing.get_origin(annotation) in (typing.Union, types.UnionType):
            inner = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(inner) == 1:
                annotation = inner[0]
                continue
        return annotation


def _metadata(field: FieldInfo | None, annotation: Any) -> Nl:
    """The field's Nl: on the field itself, or inside its Annotated[...] / Optional[...] type."""
    for item in field.metadata if field is not None else []:
        if isinstance(item, Nl):
            return item
    todo = [annotation]
    while todo:
        kind = todo.pop(0)
        origin = typing.get_origin(kind)
        if origin is typing.Annotated:
            args = typing.get_args(kind)
            for item in args[1:]:
                if isinstance(item, Nl):
                    return item
            todo.append(args[0])
        elif origin in (typing.Union, types.UnionType):
            todo.extend(typing.get_args(kind))
    return Nl()


def printable(text: str) -> str:
    """``text`` for a problem's path or a message: escaped when it holds what a page or a terminal
    cannot show as it is (a lone surrogate, which Streamlit cannot even send; an ESC that recolours
    a terminal)."""
    return text if text.isprintable() else ascii(text)[1:-1]


def _key(key: Any) -> str:
    name = str(key)
    return printable(name if len(name) <= 40 else name[:37] + "...")


def _locate(root: Any, loc: tuple[Any, ...], prefix: str) -> _Where:
    path, model, field, annotation = prefix, None, None, root
    for part in loc:
        kind = _strip(annotation)
        origin = typing.get_origin(kind)
        if isinstance(kind, type) and issubclass(kind, InputModel):
            model = kind
            field = kind.model_fields.get(str(part))
            annotation = field.annotation if field is not None else Any
            path = f"{path}.{_key(part)}" if path else _key(part)
        elif origin is list and isinstance(part, int):
            annotation = typing.get_args(kind)[0]
            field, path = None, f"{path}[{part + 1}]"
        else:  # a mapping's key
            args = typing.get_args(kind)
            annotation = args[1] if origin is dict and len(args) == 2 else Any
            field, path = None, f"{path}.{_key(part)}" if path else _key(part)
    return _Where(path, model, field, annotation)


def _message(error: Any, where: _Where) -> str:
    kind, value, ctx = error["type"], error["input"], error.get("ctx") or {}
    if kind in RULES:
        return RULES[kind](ctx)
    if kind == "string_unicode":  # a lone surrogate (JSON's "\ud800"), in a text or in a key
        return f"{_shown(value)} bevat een teken dat geen geldige Unicode-tekst is (een losse surrogaat); verwijder het"
    model = where.model
    if kind in ("extra_forbidden", "invalid_key") and model is not None:
        return f"onbekende sleutel; toegestaan zijn: {', '.join(model.allowed)}"
    target = _strip(where.annotation)
    if kind in ("model_type", "model_attributes_type", "dict_type") and isinstance(target, type):
        if issubclass(target, InputModel):
            return target.shape
    meta = _metadata(where.field, where.annotation)
    if meta.shape and kind in ("dict_type", "list_type", "too_short"):
        return meta.shape
    if meta.message:
        return meta.message.format(shown=_shown(value) if kind != "missing" else "niets")
    if model is not None and (kind == "missing" or (value is None and model.null_is_missing)):
        if model.missing:
            return model.missing
        kind, value = "missing", None
    if meta.kind == "list" and kind == "too_long":
        return meta.too_long.format(count=_num(ctx["actual_length"]), limit=_num(ctx["max_length"]))
    if meta.kind == "number":
        return _number_message("float_type" if kind == "missing" else kind, value, meta)
    if meta.kind == "text":
        return _text_message(kind, None if kind == "missing" else value, ctx)
    if meta.kind == "choice":
        return f"{_shown(value)} is niet toegestaan; kies uit: {', '.join(meta.options)}"
    if kind == "missing":
        return "ontbreekt"
    return f"ongeldige waarde: {_shown(value)}"  # a pydantic error type this map does not know


def dutch_problems(error: ValidationError, root: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(path, Dutch message) for every error of ``error``; ``root`` is the model (or list type)
    that was validated and ``prefix`` its path in the scenario ("" for the top level)."""
    for item in error.errors(include_url=False):
        where = _locate(root, tuple(item["loc"]), prefix)
        yield where.path, _message(item, where)
