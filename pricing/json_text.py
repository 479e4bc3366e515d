"""The command line's JSON text: ``json.dumps(doc, ensure_ascii=False, indent=2)``, character for
character, written out for the documents the commands print.

With ``indent`` set, the standard library encodes in pure Python (its C encoder writes only one-line
JSON), one generator step per value; at 2,000 staff lines that was about a fifth of ``costprice
--json``. This writer walks the same document directly and formats every value as the standard
library does (strings with its own C escaper, floats and ints with their ``repr``, ``NaN`` and
``Infinity`` as it writes them, keys converted by the same rules); tests/test_json_text.py holds it
against ``json.dumps`` on generated documents. A container of scalars, and a list of records of
scalars (the staff lines, the used values), is written by one call of the C encoder and given its
line breaks afterwards.
"""

from __future__ import annotations

import json.encoder
from typing import Any

_escape = json.encoder.encode_basestring  # the C escaper (the one json.dumps uses with ensure_ascii=False)
_INFINITY = float("inf")
_float_repr = float.__repr__
_int_repr = int.__repr__


def dumps_indented(doc: Any) -> str:
    """``json.dumps(doc, ensure_ascii=False, indent=2)``."""
    out: list[str] = []
    _value(doc, out, "\n")
    return "".join(out)


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return _float_repr(value)


def _scalar(value: Any) -> str | None:
    """The text of a value that is not a container (json.dumps's order of checks); None otherwise."""
    if isinstance(value, str):
        return _escape(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return _int_repr(value)
    if isinstance(value, float):
        return _float(value)
    return None


def _key(key: Any) -> str:
    """A mapping key as json.dumps converts it: a str as it is, a number, bool or None as its JSON
    text (the same rules as for values), anything else refused with a TypeError."""
    if isinstance(key, str):
        return key
    text = _scalar(key)
    if text is None:
        raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")
    return text


_SCALARS = frozenset({str, int, float, bool, type(None)})
# One-line C encoders whose item separator is a line break plus an indent: for a container of
# scalars only, their output is the indented text but for the line breaks after "[" or "{" and
# before "]" or "}". Keyed by that separator's indent.
_flat: dict[str, Any] = {}


def _flat_encoder(inner: str) -> Any:
    encoder = _flat.get(inner)
    if encoder is None:
        encoder = _flat[inner] = json.encoder.JSONEncoder(ensure_ascii=False, separators=("," + inner, ": ")).encode
    return encoder


def _value(value: Any, out: list[str], newline: str) -> None:
    """Append ``value``'s text to ``out``; ``newline`` is a line break plus the current indent."""
    text = _scalar(value)
    if text is not None:
        out.append(text)
        return
    is_list = isinstance(value, (list, tuple))
    if not is_list and not isinstance(value, dict):
        raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")
    if not value:
        out.append("[]" if is_list else "{}")
        return
    inner = newline + "  "
    items = value if is_list else value.values()
    if _SCALARS.issuperset(map(type, items)):
        text = _flat_encoder(inner)(value)
        out.append(text[0] + inner + text[1:-1] + newline + text[-1])
        return
    if is_list and _flat_records(value):
        out.append(_records_text(value, newline))
        return
    if is_list:
        separator = "[" + inner
        for item in value:
            out.append(separator)
            separator = "," + inner
            _value(item, out, inner)
        out.append(newline + "]")
        return
    separator = "{" + inner
    for key, item in value.items():
        out.append(separator)
        separator = "," + inner
        out.append(_escape(_key(key)))
        out.append(": ")
        _value(item, out, inner)
    out.append(newline + "}")


def _flat_records(value: list[Any] | tuple[Any, ...]) -> bool:
    """Is ``value`` a list of non-empty mappings of scalars only (the staff lines, the used values)?"""
    return all(isinstance(item, dict) and item and _SCALARS.issuperset(map(type, item.values())) for item in value)


def _records_text(records: list[Any] | tuple[Any, ...], newline: str) -> str:
    """The indented text of a list of flat records, from one call of a C encoder.

    The encoder separates the members of a record, and the records, by a comma, a line break and
    the members' indent. An encoded string never holds a bare line break (it is escaped) and a
    member starts with its key's quote, so such a separator followed by "{" is one between two
    records: one replace gives those their line breaks and indents.
    """
    inner = newline + "  "
    member = inner + "  "
    text: str = _flat_encoder(member)(records)  # '[{"a": 1,<member>"b": 2},<member>{"a": 3,<member>"b": 4}]'
    body = text[2:-2].replace("}," + member + "{", inner + "}," + inner + "{" + member)
    return "[" + inner + "{" + member + body + inner + "}" + newline + "]"
