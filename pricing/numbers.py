"""Numbers as a Dutch user types them, read the same way by the app, the staff import and the CLI.

:func:`parse_dutch_number` accepts ``62,50``, ``3.500``, ``3.850,50``, ``820.000``, ``22,5``,
``22,5 %``, ``€ 62,50``, ``-2,5`` and ``1 234,50``, and the plain ``62.50`` or ``0.30`` only where
the dot cannot be a thousands separator (not followed by exactly three digits). Anything else, or
anything that can be read two ways (``1,234.50`` in English notation, ``1.23,4``), is refused with a Dutch
message that repeats what was typed. A field's ``kind`` (euro, hours, FTE, percent, fraction, a
whole number or a plain number) decides which unit mark it may carry: ``€`` only with an amount in
euros, ``%`` only with a percentage; a mark of another kind is refused with a message that names
what the field holds, and the example a refusal gives fits the field.
Nothing is clipped or rounded here; ranges are the caller's business.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from pricing.money import format_number

# [0-9], not \d: \d (and Decimal) also take Arabic-Indic, fullwidth and other digits, which read
# '١٢' as 12 without a word; the staff step refuses them too.
_GROUPED_DOT = re.compile(r"^[1-9][0-9]{0,2}(\.[0-9]{3})+$")  # 3.500, 820.000, 1.234.567
_GROUPED_SPACE = re.compile(r"^[1-9][0-9]{0,2}( [0-9]{3})+$")  # 1 234 567
_DIGITS = re.compile(r"^[0-9]+$")
_SPACES = ("\u00a0", "\u202f", "\u2009")  # no-break, narrow no-break and thin spaces
_MINUS = ("-", "\u2212", "\u2013")  # hyphen, minus sign, en dash


Kind = Literal["euro", "hours", "fte", "percent", "fraction", "whole", "number"]
# The unit marks a field of each kind may carry around its number; a field of no kind (a table cell
# whose column the caller names later) takes both. A mark of another kind is refused, not dropped:
# '62 %' typed as a tariff in euros is no tariff of € 62.
_MARKS: dict[Kind | None, tuple[str, ...]] = {
    None: ("€", "EUR", "eur", "%"),
    "euro": ("€", "EUR", "eur"),
    "hours": (),
    "fte": (),
    "percent": ("%",),
    "fraction": (),
    "whole": (),
    "number": (),
}
_MARK_NAMES = {"€": "een euroteken", "EUR": "'EUR'", "eur": "'eur'", "%": "een procentteken"}
_FIELD_NAMES: dict[Kind | None, str] = {
    None: "een getal",
    "euro": "een bedrag in euro",
    "hours": "een aantal uren",
    "fte": "een aantal FTE",
    "percent": "een percentage",
    "fraction": "een fractie (0,0418 = 4,18 %)",
    "whole": "een geheel getal",
    "number": "een getal zonder eenheid",
}
# The example a "geen getal" message gives, fitting the field; no kind: the amount example.
EXAMPLES: dict[Kind | None, str] = {
    None: "3.850,50 of 3850,50",
    "euro": "3.850,50 of 3850,50",
    "hours": "1.878 of 7,5",
    "fte": "0,8",
    "percent": "22,5",
    "fraction": "0,0418",
    "whole": "4",
    "number": "1,5",
}


class DutchNumberError(ValueError):
    """A typed number that cannot be read; ``str(exc)`` is the Dutch message for the user."""

    def __init__(self, typed: str, reason: str):
        self.typed = typed
        self.reason = reason
        super().__init__(f"'{typed}' {reason}")


def _no_number(typed: str, kind: Kind | None) -> DutchNumberError:
    return DutchNumberError(typed, f"is geen getal; schrijf bijvoorbeeld {EXAMPLES[kind]}")


def _integer_part(text: str, typed: str, kind: Kind | None) -> str:
    if _DIGITS.match(text):
        return text
    if _GROUPED_DOT.match(text):
        return text.replace(".", "")
    if _GROUPED_SPACE.match(text):
        return text.replace(" ", "")
    raise _no_number(typed, kind)


def parse_dutch_number(
    text: str | int | float | Decimal, *, allow_negative: bool = True, kind: Kind | None = None
) -> Decimal:
    """The number in ``text`` as a Decimal, read in Dutch notation (see the module docstring).
    ``kind`` decides the unit marks the text may carry and the example a refusal gives; without a
    kind (a cell whose column is named later) both the euro and the percent mark are taken.

    Numbers that are already numbers (a spreadsheet cell) pass through unchanged. Raises
    :class:`DutchNumberError` with a Dutch message naming what was typed.
    """
    if isinstance(text, bool):
        raise DutchNumberError(str(text), "is geen getal")
    if isinstance(text, (int, Decimal)):
        value = Decimal(text)
        if not value.is_finite():
            raise DutchNumberError(str(text), "is geen eindig getal")
        return _sign_checked(value, str(text), allow_negative)
    if isinstance(text, float):
        if not math.isfinite(text):
            raise DutchNumberError(str(text), "is geen eindig getal")
        return _sign_checked(Decimal(repr(text)), str(text), allow_negative)
    typed = str(text)
    cleaned = typed
    for space in _SPACES:
        cleaned = cleaned.replace(space, " ")
    cleaned = cleaned.strip()
    for mark in _MARKS[kind]:
        if cleaned.startswith(mark):
            cleaned = cleaned[len(mark) :].strip()
        if cleaned.endswith(mark):
            cleaned = cleaned[: -len(mark)].strip()
    for mark in _MARKS[None]:
        if mark not in _MARKS[kind] and mark in cleaned:
            raise DutchNumberError(
                typed,
                f"heeft {_MARK_NAMES[mark]}, maar hier hoort {_FIELD_NAMES[kind]}; schrijf bijvoorbeeld {EXAMPLES[kind]}",
            )
    if not cleaned:
        raise DutchNumberError(typed, "bevat geen getal")
    negative = False
    if cleaned[0] in _MINUS:
        negative = True
        cleaned = cleaned[1:].strip()
        if cleaned.startswith("€"):
            cleaned = cleaned[1:].strip()
    elif cleaned[0] == "+":  # '+€ 12.000': a variant's change, written with its sign
        cleaned = cleaned[1:].strip()
        if cleaned.startswith("€"):
            cleaned = cleaned[1:].strip()
    if cleaned.count(",") > 1:
        raise DutchNumberError(typed, "heeft meer dan één komma; de komma staat alleen voor de decimalen")
    if "," in cleaned:
        integer, _, fraction = cleaned.partition(",")
        if "." in fraction or " " in fraction:
            raise DutchNumberError(
                typed, "lijkt Engelse notatie; schrijf de decimalen na een komma, bijvoorbeeld 1.234,50"
            )
        if not _DIGITS.match(fraction):
            raise DutchNumberError(typed, "is geen getal; na de komma horen alleen cijfers")
        if not integer:
            integer = "0"
        number = _integer_part(integer, typed, kind) + "." + fraction
    elif "." in cleaned:
        if _GROUPED_DOT.match(cleaned):
            number = cleaned.replace(".", "")  # 3.500 and 820.000: the dot groups thousands
        elif (
            cleaned.count(".") == 1 and all(_DIGITS.match(p) for p in cleaned.split(".") if p) and cleaned.split(".")[1]
        ):
            number = cleaned if not cleaned.startswith(".") else "0" + cleaned  # 62.50, 0.30: a decimal point
        else:
            raise _no_number(typed, kind)
    else:
        number = _integer_part(cleaned, typed, kind)
    try:
        value = Decimal(number)
    except InvalidOperation:  # pragma: no cover - the patterns above only let digits through
        raise DutchNumberError(typed, "is geen getal") from None
    return _sign_checked(-value if negative else value, typed, allow_negative)


def _sign_checked(value: Decimal, typed: str, allow_negative: bool) -> Decimal:
    if value < 0 and not allow_negative:
        raise DutchNumberError(typed, "is negatief; alleen 0 of meer is toegestaan")
    return value


def cell_number(value: Any, kind: Kind | None = None) -> Any:
    """A table cell (grid, CSV, xlsx) read in Dutch notation as a field of ``kind`` (its unit marks
    only: '62 %' in an amount column is no amount): an int when whole, else a float; text that is
    no number is returned as typed, so validation names it with what was typed."""
    if hasattr(value, "item"):  # a numpy scalar from pandas
        value = value.item()
    if isinstance(value, str):
        try:
            value = float(parse_dutch_number(value, kind=kind))
        except DutchNumberError:
            return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


def format_dutch_input(value: float | Decimal | None, places: int = 2, *, trim_whole: bool = True) -> str:
    """A number as a field shows it: ``1.878``, ``6,50``, ``3.850,50``; empty for None.

    Whole numbers lose their decimals when ``trim_whole`` (``1.878``, not ``1.878,00``); other
    values keep at least ``places`` decimals and more when they have them (``0,125``), so what is
    shown reads back as exactly the value in force.
    """
    if value is None:
        return ""
    d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not d.is_finite():
        return ""
    if trim_whole and d == d.to_integral_value():
        return format_number(d, 0)
    exponent = d.normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # a finite Decimal's exponent is a whole number
    return format_number(d, max(places, min(-exponent, 6)))
