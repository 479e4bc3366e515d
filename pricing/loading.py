"""One bounded, strict reader for every YAML and JSON file a user or the project hands us.

Scenario files, benchmark sets, parameter files and store exports all pass through
:func:`load_yaml` or :func:`load_json`. The reader

* refuses a file over :data:`MAX_FILE_BYTES` (the same limit as the app's upload box and the CLI)
  or with more than :data:`MAX_LINES` lines before parsing it;
* builds values from libyaml's event stream (the C parser where available) and stops at the first
  event over a limit: nesting depth, number of values (an alias counts every value it repeats, so
  "billion laughs" documents are refused at once), number of aliases, length of one text;
* reads numbers by one explicit schema, the same for YAML and JSON: decimal integers and decimal
  fractions (``1.5``, ``1e30``) only. YAML 1.1 forms that PyYAML would silently convert are
  refused: octal (``010``), sexagesimal (``1:30``), hexadecimal, binary, underscores, ``yes``/``no``
  as booleans, ``.inf``/``.nan``. A number with a dot followed by exactly three digits
  (``85.000``) reads as 85 in YAML and 85000 in Dutch; it is refused as ambiguous;
* refuses duplicate keys (YAML and JSON), keys that are lists or mappings, and explicit tags.

Every refusal is a :class:`LoadError` with a Dutch message that names the limit or the rule, the
line and the path of the value; a message never shows a whole value.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import re
from typing import TYPE_CHECKING, Any, NoReturn

import yaml

if TYPE_CHECKING:
    from pathlib import Path

# One limit for every file: the app's upload box (.streamlit/config.toml maxUploadSize), the CLI
# and this reader. Scenario, staff and benchmark files are a few kB; exports with history stay
# well below it.
MAX_FILE_BYTES = 5_000_000
MAX_FILE_MB = MAX_FILE_BYTES // 1_000_000
MAX_LINES = 200_000
MAX_DEPTH = 32
MAX_NODES = 50_000  # values after expanding aliases (a 2,000-line staff table is about 22,000)
MAX_ALIASES = 200
MAX_STRING = 20_000  # characters in one text or key
MAX_NUMBER_DIGITS = 1000  # characters in one written number (10^400 still reaches validation)

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(0|[1-9][0-9]*)?(\.[0-9]*)?([eE][-+]?[0-9]+)?")
_THOUSANDS = re.compile(r"[-+]?[1-9][0-9]{0,2}(\.[0-9]{3})+")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YAML11 = yaml.resolver.Resolver()


# Control characters other than tab and line breaks: a file may write them as escapes ("\x1b[31m"),
# which the YAML and JSON readers then accept, and they would reach a terminal, the PDF and the xlsx
# as they are (a NUL, an ANSI colour code).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_character(value: str) -> dict[str, Any] | None:
    """The first control character in ``value`` as the values of the "control_character" rule
    (its code point and its place, counted from 1), or None."""
    found = _CONTROL.search(value)
    if found is None:
        return None
    return {"code": f"U+{ord(found.group()):04X}", "place": found.start() + 1}


def control_character_in(data: Any, path: str = "") -> tuple[str, dict[str, Any]] | None:
    """The first key or text in loaded ``data`` (mappings and lists, any depth) that holds a control
    character: its path and the "control_character" rule's values; None when there is none. For
    files read without a model of their own (a parameter edition, a benchmark set)."""
    if isinstance(data, str):
        found = control_character(data)
        return (path, found) if found is not None else None
    if isinstance(data, dict):
        for key, value in data.items():
            where = f"{path}.{key}" if path else str(key)
            found = control_character(key) if isinstance(key, str) else None
            if found is not None:
                return (ascii(where)[1:-1], found)
            inner = control_character_in(value, where)
            if inner is not None:
                return inner
    elif isinstance(data, list):
        for i, value in enumerate(data):
            inner = control_character_in(value, f"{path}[{i + 1}]")
            if inner is not None:
                return inner
    return None


def control_character_text(found: dict[str, Any]) -> str:
    """The Dutch message of the "control_character" rule (as pricing.input_errors.RULES words it)."""
    return (
        f"bevat op teken {found['place']} een onzichtbaar stuurteken ({found['code']}) dat in tekst niet is "
        "toegestaan; verwijder het, of typ de tekst op die plaats opnieuw"
    )


class LoadError(ValueError):
    """A file is refused; ``message`` is Dutch, ``path`` and ``line`` say where (when known)."""

    def __init__(self, message: str, path: str = "", line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        super().__init__(self.text())

    def where(self) -> str:
        """'regel 12, staff[1].fte', or as much of it as is known."""
        return ", ".join(part for part in (f"regel {self.line}" if self.line else "", self.path) if part)

    def text(self) -> str:
        return f"{self.message} ({self.where()})" if self.where() else self.message


def _nl(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def snippet(text: str, limit: int = 40) -> str:
    """At most ``limit`` characters of ``text`` for a message (cut first, then quoted)."""
    cut = text[: limit + 1]
    return repr(cut if len(cut) <= limit else cut[: limit - 3] + "...")


# Why a file cannot be read, in Dutch: the operating system's own text (error.strerror) is English.
_OS_REASONS = {
    errno.ENOENT: "het bestand of een map op het pad bestaat niet",
    errno.EISDIR: "het is een map, geen bestand",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EACCES: "geen leesrechten",
    errno.EPERM: "geen leesrechten",
    errno.ENAMETOOLONG: "de naam is te lang voor het bestandssysteem",
    errno.ELOOP: "een koppeling op het pad verwijst in een kring",
    errno.EIO: "leesfout van de schijf",
}


def os_reason(error: OSError) -> str:
    """Why ``error`` stopped a read, in Dutch (the operating system's error name for a rare one)."""
    reason = _OS_REASONS.get(error.errno) if error.errno is not None else None
    if reason is not None:
        return reason
    name = errno.errorcode.get(error.errno, "") if error.errno is not None else ""
    return f"het besturingssysteem weigert het lezen{f' ({name})' if name else ''}"


def read_file_bytes(path: Path) -> bytes:
    """The bytes of the file at ``path``, refused with a Dutch LoadError when it does not exist, is no
    file (a folder, a device), is over MAX_FILE_BYTES or cannot be read (no rights, a name too long).
    The one reader of a user's or an edition's file; its size is checked before a byte is read."""
    try:
        if not path.exists():
            raise LoadError(f"bestand '{path}' bestaat niet")
        if not path.is_file():
            raise LoadError(f"'{path}' is geen bestand")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise LoadError(f"bestand is groter dan de grens van {MAX_FILE_MB} MB")
        return path.read_bytes()
    except OSError as error:
        raise LoadError(f"bestand '{path}' kan niet worden gelezen: {os_reason(error)}") from None


def decode(data: bytes | str, what: str = "bestand") -> str:
    """Bytes to text within the size and line limits; refuses non-UTF-8 at once."""
    if isinstance(data, (bytes, bytearray)):
        if len(data) > MAX_FILE_BYTES:
            raise LoadError(f"{what} is groter dan de grens van {MAX_FILE_MB} MB")
        try:
            text = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise LoadError(f"{what} is geen UTF-8-tekst") from None
    else:
        text = data
        if len(text) > MAX_FILE_BYTES:
            raise LoadError(f"{what} is groter dan de grens van {MAX_FILE_MB} MB")
    if text.count("\n") >= MAX_LINES:
        raise LoadError(f"{what} heeft meer dan {_nl(MAX_LINES)} regels (de grens)")
    return text


# ----------------------------------------------------------------------------------------------
# Numbers: one schema for YAML and JSON


def _ambiguous_thousands(text: str) -> LoadError:
    whole = text.replace(".", "")
    as_read = f"{float(text):g}".replace(".", ",")
    return LoadError(
        f"{text} is dubbelzinnig: in het Nederlands {whole}, maar YAML en JSON lezen {as_read}; schrijf "
        f"{whole} (zonder punt) voor een bedrag, of {text}0 als u {as_read} bedoelt"
    )


def read_number(text: str, *, thousands_check: bool = True) -> int | float:
    """A written number (YAML plain scalar or JSON number) by the one schema; LoadError otherwise."""
    if len(text) > MAX_NUMBER_DIGITS:
        raise LoadError(f"getal van meer dan {_nl(MAX_NUMBER_DIGITS)} tekens")
    if thousands_check and _THOUSANDS.fullmatch(text):
        raise _ambiguous_thousands(text)
    if _INT.fullmatch(text):
        return int(text)
    return float(text)


def _is_number(text: str) -> bool:
    if _INT.fullmatch(text):
        return True
    match = _FLOAT.fullmatch(text)
    if not match or not any(ch.isdigit() for ch in (match.group(1) or "") + (match.group(2) or "")):
        return False
    return bool(match.group(2) or match.group(3))  # a fraction or an exponent


def _yaml11_refusal(text: str, tag: str) -> LoadError | None:
    """A message when PyYAML (YAML 1.1) would have read ``text`` as something our schema does not."""
    kind = tag.rsplit(":", 1)[-1]
    if kind == "bool":
        return LoadError(
            f"{snippet(text)} is als ja/nee dubbelzinnig; schrijf true of false, of zet tekst tussen aanhalingstekens"
        )
    if kind not in ("int", "float"):
        return None
    stripped = text.lstrip("+-")
    if ":" in text:
        return LoadError(
            f"{snippet(text)} is dubbelzinnig (YAML 1.1 leest dit als een getal in zestigtallen); "
            f"schrijf een decimaal getal zoals 1.5, of zet tekst tussen aanhalingstekens"
        )
    if stripped.lower().startswith(("0x", "0o", "0b")) or "_" in text:
        return LoadError(
            f"{snippet(text)} is geen decimaal getal; schrijf het getal in gewone cijfers "
            f"zonder voorvoegsel of liggende streepjes"
        )
    if stripped.startswith("0") and stripped[1:2].isdigit():
        return LoadError(
            f"{snippet(text)} met een voorloopnul is dubbelzinnig (YAML 1.1 leest dit als "
            f"octaal getal); schrijf {stripped.lstrip('0') or '0'} zonder voorloopnul, of zet "
            f"tekst tussen aanhalingstekens"
        )
    if stripped.lower().lstrip(".") in ("inf", "nan"):
        return LoadError(f"{snippet(text)} is geen eindig getal")
    return LoadError(f"{snippet(text)} is geen getal in de toegestane schrijfwijze (zoals 12, 0.25 of 1e6)")


def _plain_scalar(text: str, thousands_check: bool) -> Any:
    first = text[:1]
    if first.isalpha() and first not in "yYnNtTfFoO":
        return text  # ordinary text: no null, boolean, number or date starts with this letter
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.fullmatch(text):
        if len(text) > MAX_NUMBER_DIGITS:
            raise LoadError(f"getal van meer dan {_nl(MAX_NUMBER_DIGITS)} tekens")
        return int(text)
    if _is_number(text):
        return read_number(text, thousands_check=thousands_check)
    tag = _YAML11.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]  # unannotated in types-PyYAML
    if tag == "tag:yaml.org,2002:timestamp":
        if not _DATE.fullmatch(text):
            raise LoadError(
                f"{snippet(text)}: schrijf een datum als JJJJ-MM-DD (zonder tijd), of zet tekst tussen aanhalingstekens"
            )
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise LoadError(f"{text} is geen bestaande datum") from None
    refusal = _yaml11_refusal(text, tag)
    if refusal is not None:
        raise refusal
    return text


# ----------------------------------------------------------------------------------------------
# YAML


class _Frame:
    """An open list or mapping while the events are read; ``slot`` is its key or index in its parent."""

    __slots__ = ("anchor", "has_key", "is_list", "key", "nodes", "slot", "value")

    def __init__(self, value: Any, slot: object, anchor: str | None) -> None:
        self.value = value  # the list or dict being filled
        self.slot = slot
        self.nodes = 0
        self.key: Any = None
        self.has_key = False
        self.anchor = anchor
        self.is_list = isinstance(value, list)


def _slot_text(slot: object) -> str:
    if isinstance(slot, int) and not isinstance(slot, bool):
        return f"[{slot + 1}]"
    key = str(slot)
    return "." + (key if len(key) <= 40 else key[:37] + "...")


def _path(stack: list[_Frame], child: bool = True) -> str:
    """The path of the value being read (``child``) or of the innermost open collection; built only
    for a message, never per value."""
    slots = [frame.slot for frame in stack[1:]]
    if child and stack:
        top = stack[-1]
        if top.is_list:
            slots.append(len(top.value))
        elif top.has_key:
            slots.append(top.key)
    path = "".join(_slot_text(slot) for slot in slots).lstrip(".")
    return path if len(path) <= 120 else "..." + path[-117:]


def load_yaml(data: bytes | str, *, what: str = "bestand", thousands_check: bool = True) -> Any:
    """Parse one YAML document within the limits and by the number schema; LoadError otherwise."""
    text = decode(data, what)
    stack: list[_Frame] = []
    anchors: dict[str, tuple[Any, int]] = {}
    result: list[Any] = []
    total = aliases = documents = 0
    line = None  # for a parser error without a position
    # Plain scalars already read, by their text: a file repeats its keys and most of its values
    # (a 2,000-line staff table has 12,000 keys in six spellings), and reading one by the schema
    # costs several regular expressions. Only values go in; a refusal is raised again each time.
    plain: dict[str, Any] = {}
    scalar, alias = yaml.ScalarEvent, yaml.AliasEvent
    seq_start, map_start = yaml.SequenceStartEvent, yaml.MappingStartEvent
    ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    # Dispatched on type(event) below, for speed; mypy cannot narrow through that, so each
    # branch reads the attributes of its own event class.
    event: Any
    try:
        for event in yaml.parse(text, Loader=_Loader):
            kind = type(event)
            if kind is scalar:
                total += 1
                if total > MAX_NODES:
                    raise LoadError(f"meer dan {_nl(MAX_NODES)} waarden (de grens)", _path(stack), _line(event))
                if event.tag is not None and event.tag != "!":
                    raise LoadError(
                        f"labels zoals {snippet(event.tag, 30)} zijn niet toegestaan", _path(stack), _line(event)
                    )
                if len(event.value) > MAX_STRING:
                    raise LoadError(
                        f"tekst van meer dan {_nl(MAX_STRING)} tekens (de grens)", _path(stack), _line(event)
                    )
                value = event.value
                if event.tag is None and event.implicit[0]:  # a plain scalar: read by the schema
                    text = value
                    value = plain.get(text, plain)  # the dict itself stands for "not read yet"
                    if value is plain:
                        try:
                            value = plain[text] = _plain_scalar(text, thousands_check)
                        except LoadError as error:
                            raise LoadError(error.message, _path(stack), _line(event)) from None
                top = stack[-1] if stack else None
                if event.anchor is not None or top is None:
                    _add(stack, result, value, 1, anchors, event.anchor, event)
                elif top.is_list:  # the common cases inline, as _add does them
                    top.value.append(value)
                    top.nodes += 1
                elif not top.has_key:
                    top.key, top.has_key = value, True
                    top.nodes += 1
                else:
                    _add_to_mapping(stack, top, value, 1, event)
            elif kind is seq_start or kind is map_start:
                total += 1
                parent = stack[-1] if stack else None
                if total > MAX_NODES:
                    raise LoadError(f"meer dan {_nl(MAX_NODES)} waarden (de grens)", _path(stack), _line(event))
                if parent is not None and not parent.is_list and not parent.has_key:
                    raise LoadError(
                        "een lijst of mapping als sleutel is niet toegestaan; een sleutel is een naam of getal",
                        _path(stack),
                        _line(event),
                    )
                if event.tag is not None and event.tag != "!":
                    raise LoadError(
                        f"labels zoals {snippet(event.tag, 30)} zijn niet toegestaan", _path(stack), _line(event)
                    )
                if len(stack) >= MAX_DEPTH:
                    raise LoadError(f"meer dan {MAX_DEPTH} niveaus diep genest (de grens)", _path(stack), _line(event))
                slot = None if parent is None else (len(parent.value) if parent.is_list else parent.key)
                stack.append(_Frame([] if kind is seq_start else {}, slot, event.anchor))
            elif kind in ends:
                frame = stack.pop()
                stack.append(frame)
                if frame.has_key:
                    raise LoadError("sleutel zonder waarde", _path(stack, child=False), _line(event))
                stack.pop()
                _add(stack, result, frame.value, frame.nodes + 1, anchors, frame.anchor, event)
            elif kind is alias:
                aliases += 1
                if aliases > MAX_ALIASES:
                    raise LoadError(
                        f"meer dan {MAX_ALIASES} verwijzingen (*) naar ankers (de grens)", _path(stack), _line(event)
                    )
                if event.anchor not in anchors:
                    raise LoadError(
                        f"verwijzing *{snippet(event.anchor, 20)[1:-1]} naar een onbekend of nog niet afgesloten anker",
                        _path(stack),
                        _line(event),
                    )
                value, size = anchors[event.anchor]
                total += size
                if total > MAX_NODES:
                    raise LoadError(
                        f"meer dan {_nl(MAX_NODES)} waarden, verwijzingen meegeteld (de grens)",
                        _path(stack),
                        _line(event),
                    )
                if stack and not stack[-1].is_list and not stack[-1].has_key and isinstance(value, (list, dict)):
                    raise LoadError("een lijst of mapping als sleutel is niet toegestaan", _path(stack), _line(event))
                _add(stack, result, value, size, None, None, event)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise LoadError(
                        "het bestand bevat meer dan één YAML-document (---); verwacht er één", "", _line(event)
                    )
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        at = mark.line + 1 if mark is not None else line
        raise LoadError(
            f"geen geldige YAML: {_problem_nl(error.problem or error.context or '', _YAML_PROBLEMS)}", "", at
        ) from None
    except yaml.reader.ReaderError as error:
        at = text.count("\n", 0, error.position) + 1 if isinstance(error.position, int) else line
        raise LoadError(
            "geen geldige YAML: een stuurteken of ander teken dat in YAML niet is toegestaan", "", at
        ) from None
    except yaml.YAMLError:
        raise LoadError("geen geldige YAML", "", line) from None
    return result[0] if result else None


def _line(event: yaml.Event) -> int | None:
    return event.start_mark.line + 1 if event.start_mark is not None else None


def _add(
    stack: list[_Frame],
    result: list[Any],
    value: Any,
    size: int,
    anchors: dict[str, tuple[Any, int]] | None,
    anchor: str | None,
    event: yaml.Event,
) -> None:
    if anchor is not None and anchors is not None:
        if anchor in anchors:
            raise LoadError(f"anker &{snippet(anchor, 20)[1:-1]} komt twee keer voor", _path(stack), _line(event))
        anchors[anchor] = (value, size)
    if not stack:
        result.append(value)
        return
    frame = stack[-1]
    if frame.is_list:
        frame.nodes += size
        frame.value.append(value)
    elif not frame.has_key:
        frame.nodes += size
        frame.key, frame.has_key = value, True
    else:
        _add_to_mapping(stack, frame, value, size, event)


def _add_to_mapping(stack: list[_Frame], frame: _Frame, value: Any, size: int, event: yaml.Event) -> None:
    """``value`` under the key ``frame`` holds; refuses a key that is there already."""
    frame.nodes += size
    try:
        duplicate = frame.key in frame.value
    except TypeError:
        raise LoadError(
            "een lijst of mapping als sleutel is niet toegestaan", _path(stack, child=False), _line(event)
        ) from None
    if duplicate:
        raise LoadError(f"dubbele sleutel {snippet(str(frame.key))}", _path(stack, child=False), _line(event))
    frame.value[frame.key] = value
    frame.key, frame.has_key = None, False


_YAML_PROBLEMS = {
    "found character that cannot start any token": "een teken waarmee geen waarde kan beginnen",
    "mapping values are not allowed": "een dubbele punt op een plek waar geen sleutel kan staan "
    "(zet tekst met ': ' tussen aanhalingstekens)",
    "did not find expected comment or line break": "na een waarde staat nog tekst op dezelfde regel",
    "found unexpected end of stream": "het bestand houdt onverwacht op",
    "could not find expected ':'": "een dubbele punt ontbreekt",
    "found undefined alias": "een verwijzing naar een onbekend anker",
    "found unexpected ':'": "een onverwachte dubbele punt",
    "found a tab character": "een tab; gebruik spaties om in te springen",
    "expected <block end>, but found": "de inspringing klopt niet",
    "did not find expected key": "de inspringing klopt niet (een sleutel werd verwacht)",
    "did not find expected node content": "een waarde ontbreekt",
    "did not find expected '-' indicator": "de inspringing van een lijst klopt niet",
    "found unknown escape character": "een onbekende escape (\\) in tekst tussen aanhalingstekens",
    "found unexpected document separator": "een onverwachte documentscheiding (---)",
    "did not find expected ',' or ']'": "een lijst [..] is niet goed afgesloten",
    "did not find expected ',' or '}'": "een mapping {..} is niet goed afgesloten",
    "found control characters": "stuurtekens die in YAML niet zijn toegestaan",
    "special characters are not allowed": "stuurtekens die in YAML niet zijn toegestaan",
    "found incomplete explicit document end marker": "een onvolledige documentafsluiting",
}


def _problem_nl(problem: str, table: dict[str, str]) -> str:
    """A parser's English problem as a Dutch phrase (a general one when it is not in ``table``)."""
    for english, dutch in table.items():
        if english in problem:
            return dutch
    return "de opbouw (inspringing, aanhalingstekens of leestekens) klopt niet"


# ----------------------------------------------------------------------------------------------
# JSON


def load_json(data: bytes | str, *, what: str = "bestand", thousands_check: bool = True) -> Any:
    """Parse JSON within the limits, refusing duplicate keys, NaN/Infinity and ambiguous numbers."""
    text = decode(data, what)
    count = [0]

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        count[0] += len(items) + 1
        if count[0] > MAX_NODES:
            raise LoadError(f"meer dan {_nl(MAX_NODES)} waarden (de grens)")
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                raise LoadError(f"dubbele sleutel {snippet(key)}")
            if len(key) > MAX_STRING:
                raise LoadError(f"sleutel van meer dan {_nl(MAX_STRING)} tekens (de grens)")
            result[key] = value
        return result

    def constant(name: str) -> NoReturn:
        raise LoadError(f"{name} is geen eindig getal")

    def number(text: str) -> int | float:
        count[0] += 1
        if count[0] > MAX_NODES:
            raise LoadError(f"meer dan {_nl(MAX_NODES)} waarden (de grens)")
        return read_number(text, thousands_check=thousands_check)

    try:
        value = json.loads(text, object_pairs_hook=pairs, parse_constant=constant, parse_float=number, parse_int=number)
    except LoadError:
        raise
    except json.JSONDecodeError as error:
        raise LoadError(f"geen geldige JSON: {_problem_nl(error.msg, _JSON_PROBLEMS)}", "", error.lineno) from None
    except RecursionError:
        raise LoadError(f"meer dan {MAX_DEPTH} niveaus diep genest (de grens)") from None
    except ValueError:
        raise LoadError("geen geldige JSON") from None
    _check_tree(value)
    return value


_JSON_PROBLEMS = {
    "Expecting value": "een waarde ontbreekt of is geen JSON-waarde",
    "Expecting property name enclosed in double quotes": "een sleutel moet tussen dubbele aanhalingstekens staan",
    "Expecting ',' delimiter": "een komma ontbreekt",
    "Expecting ':' delimiter": "een dubbele punt ontbreekt",
    "Extra data": "na het einde van de JSON staat nog tekst",
    "Unterminated string": "tekst tussen aanhalingstekens is niet afgesloten",
    "Invalid control character": "een stuurteken in tekst",
    "Invalid \\escape": "een ongeldige escape (\\) in tekst",
    "Invalid \\uXXXX escape": "een ongeldige \\u-escape in tekst",
    "Unexpected UTF-8 BOM": "een BOM-teken (U+FEFF) waar de JSON moet beginnen",
}


def _check_tree(value: Any) -> None:
    """Depth and text length of parsed JSON, iteratively (JSON has no aliases to expand)."""
    pending = [(value, 0)]
    nodes = 0
    while pending:
        item, depth = pending.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise LoadError(f"meer dan {_nl(MAX_NODES)} waarden (de grens)")
        if isinstance(item, str):
            if len(item) > MAX_STRING:
                raise LoadError(f"tekst van meer dan {_nl(MAX_STRING)} tekens (de grens)")
            continue
        if not isinstance(item, (list, dict)):
            continue
        if depth >= MAX_DEPTH:
            raise LoadError(f"meer dan {MAX_DEPTH} niveaus diep genest (de grens)")
        children = item.values() if isinstance(item, dict) else item
        pending.extend((child, depth + 1) for child in children)


def load_text(data: bytes | str, filename: str, *, what: str = "bestand", thousands_check: bool = True) -> Any:
    """YAML or JSON by the file name's extension (.json is JSON, anything else YAML)."""
    if filename.lower().endswith(".json"):
        return load_json(data, what=what, thousands_check=thousands_check)
    return load_yaml(data, what=what, thousands_check=thousands_check)


# ----------------------------------------------------------------------------------------------
# Writing YAML that this reader reads back unchanged


if TYPE_CHECKING:
    _DumperBase = yaml.SafeDumper
else:  # the C emitter where libyaml is installed; the same representers either way
    _DumperBase = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_DumperBase):
    """Safe dumper whose output reads back identically by the schema above."""


def _represent_str(dumper: _Dumper, text: str) -> yaml.ScalarNode:
    try:
        same = _plain_scalar(text, True) == text and not _is_number(text)
    except LoadError:
        same = False
    style = None if same else "'"
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _represent_float(dumper: _Dumper, number: float) -> yaml.ScalarNode:
    node = yaml.representer.SafeRepresenter.represent_float(dumper, number)
    if _THOUSANDS.fullmatch(node.value):
        node.value += "0"  # 151.125 would read back as ambiguous; 151.1250 is the same number
    return node


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(float, _represent_float)


def dump_yaml(value: Any) -> str:
    """``value`` as YAML text, keys in their order, that :func:`load_yaml` reads back as ``value``."""
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
