"""Reading parameter files strictly: where the shipped edition lives, its file names, the two errors
and the checks every part of an edition shares (dates, numbers, mappings, the not-covered sentence).
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

from pricing.loading import LoadError, control_character_in, control_character_text, load_yaml, read_file_bytes

PARAMETER_DIR = Path(__file__).resolve().parent
SALARY_FILE = "cao_salary.yaml"
EDITION_FILE = "edition.yaml"
FORECAST_FILE = "forecast.yaml"


class ParameterFileError(ValueError):
    """A parameter file is malformed; the message names the file and how to fix it."""


class ParameterNotCovered(LookupError):
    """A date lies outside what the parameter data covers."""


def read_strict_yaml(path: Path) -> Any:
    """Read a parameter file through the project's one bounded reader (pricing.loading).

    Duplicate keys, YAML 1.1 number forms (octal, sexagesimal), impossible dates and files over
    the limits are refused with a ParameterFileError naming the file. Fractions with three
    decimals (0.055, 4.697) are plain decimals here: parameter files hold no Dutch-written amounts.
    """
    return parse_strict_yaml_text(read_parameter_file(Path(path)), Path(path).name)


def read_parameter_file(path: Path) -> bytes:
    """The bytes of one file of an edition (pricing.loading's bounded reader); a ParameterFileError
    naming the file when it is no file, too large or unreadable."""
    try:
        return read_file_bytes(path)
    except LoadError as exc:
        raise ParameterFileError(f"{path.name}: {exc.message}") from None


def parse_strict_yaml_text(text: bytes | str, name: str) -> Any:
    """YAML text parsed like :func:`read_strict_yaml` (the bounded reader); ``name`` is used in messages."""
    try:
        data = load_yaml(text, thousands_check=False)
    except LoadError as exc:
        raise ParameterFileError(f"{name}: {exc.text()}") from None
    # A title, source or note reaches the terminal, the PDF and the xlsx as it is written.
    found = control_character_in(data)
    if found is not None:
        raise ParameterFileError(f"{name}: {found[0]}: {control_character_text(found[1])}")
    return data


def format_date(value: dt.date) -> str:
    """Dutch long date, e.g. ``1 juli 2026``."""
    from pricing.money import format_date_nl

    return format_date_nl(value)


def require_date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ParameterFileError(f"{where}: {value!r} is geen datum in de vorm JJJJ-MM-DD")
    return value


def check_number(value: Any, unit: str, where: str) -> Any:
    if unit == "fraction_list":
        if not isinstance(value, list) or not value:
            raise ParameterFileError(f"{where}: verwacht een lijst met getallen")
        return tuple(check_number(v, "fraction", where) for v in value)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ParameterFileError(f"{where}: waarde {value!r} is geen eindig getal")
    return float(value)


def checked_mapping(raw: Any, allowed: set[str], where: str) -> dict[str, Any]:
    """``raw`` as a mapping with only ``allowed`` keys, or a Dutch refusal naming ``where``."""
    if not isinstance(raw, dict):
        raise ParameterFileError(f"{where}: verwacht een mapping met {sorted(allowed)}")
    unknown = set(raw) - allowed
    if unknown:
        raise ParameterFileError(f"{where}: onbekende sleutel(s) {sorted(map(str, unknown))}")
    return raw


FORECAST_ROUTE = (
    "Geef een prognose op (in de app op het formulier 'Prognose voor jaren zonder gepubliceerde "
    "cijfers', in een scenariobestand onder 'forecast:') of laad een parametereditie die deze datum dekt."
)


def not_covered_message(
    name: str, description: str, covered_until: dt.date, on: dt.date, forecast: Any, own_salary: bool = False
) -> str:
    """Why ``on`` cannot be priced for one parameter, and the ways forward (never: edit files)."""
    head = (
        f"Voor {format_date(on)} ontbreekt '{name}' ({description}): gepubliceerde cijfers lopen tot "
        f"en met {format_date(covered_until)}"
    )
    salary = " of geef per functie een eigen maandsalaris op" if own_salary else ""
    if forecast is not None:
        return (
            f"{head} en de prognose tot en met {format_date(forecast.horizon)}. Kies een datum tot en "
            f"met {format_date(forecast.horizon)}{salary}, of laad een parametereditie die "
            f"{format_date(on)} dekt."
        )
    return f"{head} en deze parametereditie heeft er geen prognose voor. {FORECAST_ROUTE}" + (
        " U kunt ook per functie een eigen maandsalaris opgeven." if own_salary else ""
    )
