"""Loading an edition: a folder, one bundle file or an upload of files, each validated into a
ParameterBook; the shipped edition once per process; an edition written out as one bundle.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml
from msgspec.structs import replace

from pricing.loading import MAX_FILE_BYTES
from pricing.parameters.book import ParameterBook
from pricing.parameters.cache import read_folder
from pricing.parameters.edition import fingerprint_of, parse_edition
from pricing.parameters.files import (
    EDITION_FILE,
    FORECAST_FILE,
    PARAMETER_DIR,
    SALARY_FILE,
    ParameterFileError,
    parse_strict_yaml_text,
)
from pricing.parameters.forecasts import parse_forecast
from pricing.parameters.salary_table import parse_salary_table
from pricing.parameters.values import Parameter, parse_parameter

BUNDLE_MAX_BYTES = MAX_FILE_BYTES  # the one file limit (pricing.loading)
_FILE_KEYS = {"description", "parameters"}  # of a generic topic file


def load_parameter_book(directory: Path | str | None = None) -> ParameterBook:
    """Load and validate an edition: a folder of YAML files or one bundle file (default: shipped)."""
    if directory is None:
        return _default_book()
    return load_edition(Path(directory))


@functools.lru_cache(maxsize=1)
def _default_book() -> ParameterBook:
    return _load(PARAMETER_DIR)


def default_parameter_book() -> ParameterBook:
    """The shipped edition (loaded once per process)."""
    return _default_book()


def load_edition(path: Path | str) -> ParameterBook:
    """A folder in the shipped layout, or one bundle file (see the package docstring)."""
    path = Path(path)
    if path.is_dir():
        return _load(path)
    if path.is_file():
        if path.stat().st_size > BUNDLE_MAX_BYTES:
            raise ParameterFileError(
                f"{path.name}: bestand is groter dan {BUNDLE_MAX_BYTES // 1_000_000} MB; "
                f"een parametereditie is veel kleiner"
            )
        return load_edition_bytes(path.read_bytes(), path.name, directory=path)
    raise ParameterFileError(f"{path}: deze map of dit bestand bestaat niet")


def load_edition_bytes(data: bytes, name: str, directory: Path | None = None) -> ParameterBook:
    """An edition bundle from bytes (an uploaded file): ``{file name: file content}``."""
    if len(data) > BUNDLE_MAX_BYTES:
        raise ParameterFileError(f"{name}: bestand is groter dan {BUNDLE_MAX_BYTES // 1_000_000} MB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ParameterFileError(f"{name}: het bestand is geen UTF-8-tekst") from None
    raw = parse_strict_yaml_text(text, name)
    if not isinstance(raw, dict) or not raw or not all(isinstance(k, str) and k.endswith(".yaml") for k in raw):
        raise ParameterFileError(
            f"{name}: een parametereditie in één bestand is een mapping van bestandsnaam naar inhoud, "
            f"bijvoorbeeld 'edition.yaml:', 'cao_salary.yaml:', 'pension.yaml:' ... op het hoogste niveau"
        )
    return _build(dict(raw), origin=name, directory=directory or Path(name), bundle=name)


def load_edition_files(files: dict[str, bytes]) -> ParameterBook:
    """An edition from the files of a folder (an upload of several files): one bundle file alone is
    read as a bundle; otherwise every file is a topic file, ``edition.yaml`` among them."""
    if len(files) == 1:
        name, data = next(iter(files.items()))
        return load_edition_bytes(data, name)
    if sum(len(data) for data in files.values()) > BUNDLE_MAX_BYTES:
        raise ParameterFileError(f"de bestanden zijn samen groter dan {BUNDLE_MAX_BYTES // 1_000_000} MB")
    raws = {}
    for name, data in sorted(files.items()):
        if not name.endswith(".yaml"):
            raise ParameterFileError(f"{name}: een parameterbestand eindigt op .yaml")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise ParameterFileError(f"{name}: het bestand is geen UTF-8-tekst") from None
        raws[name] = parse_strict_yaml_text(text, name)
    return _build(raws, origin=f"{len(files)} bestanden", directory=Path("upload"))


def edition_bundle_text(directory: Path | str | None = None) -> str:
    """The edition in ``directory`` (default: the shipped one) as one bundle file, to download or reuse."""
    raws, _ = read_folder(Path(directory) if directory is not None else PARAMETER_DIR)
    head = (
        "# Parametereditie in één bestand: per bestandsnaam (edition.yaml, forecast.yaml, cao_salary.yaml,\n"
        "# ...) de inhoud van dat bestand. Pas waarden aan, geef de editie een eigen id en changelog, en\n"
        "# laad het bestand in de app (zijbalk, Parametereditie) of met --parameters.\n"
    )
    return head + yaml.safe_dump(raws, allow_unicode=True, sort_keys=False, width=100)


def _load(directory: Path) -> ParameterBook:
    origin = "meegeleverd" if directory == PARAMETER_DIR else directory.name
    raws, fingerprint = read_folder(directory)
    return _build(raws, origin=origin, directory=directory, fingerprint=fingerprint)


def _build(
    raws: dict[str, Any], origin: str, directory: Path, bundle: str | None = None, fingerprint: str | None = None
) -> ParameterBook:
    try:
        return _build_inner(raws, origin, directory, fingerprint or fingerprint_of(raws))
    except ParameterFileError as exc:
        if bundle and not str(exc).startswith(bundle):
            raise ParameterFileError(f"{bundle}: {exc}") from None
        raise


def _build_inner(raws: dict[str, Any], origin: str, directory: Path, fingerprint: str) -> ParameterBook:
    parameters: dict[str, Parameter] = {}
    salary = None
    if EDITION_FILE not in raws:
        raise ParameterFileError(
            f"{EDITION_FILE} ontbreekt: een parametereditie heeft een naam, een "
            f"publicatiedatum en een wijzigingslijst nodig (id, title, published, changelog)"
        )
    edition = parse_edition(raws[EDITION_FILE], fingerprint, origin)
    for name in sorted(raws):
        raw = raws[name]
        if name in (EDITION_FILE, FORECAST_FILE):
            continue
        if name == SALARY_FILE:
            salary = parse_salary_table(raw, name)
            continue
        if not isinstance(raw, dict):
            raise ParameterFileError(f"{name}: verwacht een mapping met 'description' en 'parameters'")
        unknown = set(raw) - _FILE_KEYS
        if unknown:
            raise ParameterFileError(f"{name}: onbekende sleutel(s) {sorted(unknown)}")
        if not isinstance(raw.get("parameters"), dict):
            raise ParameterFileError(f"{name}: 'parameters' ontbreekt of is geen mapping")
        for pname, body in raw["parameters"].items():
            if pname in parameters:
                raise ParameterFileError(f"{name}: parameter '{pname}' staat ook in {parameters[pname].file}")
            parameters[pname] = parse_parameter(pname, body, name)
    if salary is None:
        raise ParameterFileError(f"{SALARY_FILE} ontbreekt in de parametereditie")
    if directory != PARAMETER_DIR:
        missing = sorted(set(_default_book().parameters) - set(parameters))
        if missing:
            raise ParameterFileError(
                f"de parametereditie mist parameter(s) {missing}; een editie moet alle parameters van "
                f"de meegeleverde editie bevatten"
            )
    forecast = None
    if raws.get(FORECAST_FILE) is not None:
        forecast = parse_forecast(raws[FORECAST_FILE], parameters, salary)
        for pname, fv in forecast.values.items():
            parameters[pname] = replace(parameters[pname], forecast=fv)
        if forecast.salary is not None:
            salary = replace(salary, forecast=forecast.salary)
    book = ParameterBook(parameters=parameters, salary=salary, directory=directory, edition=edition, forecast=forecast)
    return book.checked()
