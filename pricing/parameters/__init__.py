"""Dated, sourced parameters: loading, validation and lookup by date.

Every figure the engine uses lives in a YAML file in this folder, one topic per file. A value is
keyed by the date it takes effect and carries its status (sourced, derived or assumption) and its
references. A lookup returns the latest value on or before the date asked, but only while the date
lies inside the parameter's ``covered_until`` horizon: beyond it the lookup refuses with a sentence
naming the parameter and the file to extend, instead of silently reusing an older year.

File schema (generic files)::

    description: <text>
    parameters:
      <name>:
        description: <text>
        unit: <unit>
        status: sourced | derived | assumption     # default for the values below
        note: <text>                               # optional
        reference: [{title: <text>, href: <url>, date: <publication date or year>}]
                                                   # required, may be overridden per value; an
                                                   # assumption of this model is cited as
                                                   # {title: "Aanname van dit model", reasoning: <why>}
        covered_until: <date>
        values:
          <date>: <number or list>                 # shorthand, inherits status/reference
          <date>: {value: ..., status: ..., note: ..., reference: [...]}

``cao_salary.yaml`` has its own schema, read by :class:`SalaryTable`.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

PARAMETER_DIR = Path(__file__).resolve().parent
SALARY_FILE = "cao_salary.yaml"
STATUSES = ("sourced", "derived", "assumption")
STATUS_LABELS = {"sourced": "bron", "derived": "afgeleid", "assumption": "aanname"}
UNITS = (
    "fraction",
    "fraction_list",
    "eur_per_year",
    "eur_per_hour",
    "hours_per_year",
    "hours_per_month",
)

_FILE_KEYS = {"description", "parameters"}
_PARAM_KEYS = {"description", "unit", "status", "note", "reference", "covered_until", "values"}
_REQUIRED_PARAM_KEYS = {"description", "unit", "status", "reference", "covered_until", "values"}
_VALUE_KEYS = {"value", "status", "note", "reference"}
_REFERENCE_KEYS = {"title", "href", "date", "reasoning"}
# The title of a reference that is this model's own assumption (no public source): its ``reasoning``
# says, in Dutch, why the value was chosen (docs/methode.md, "Bronnen en aannames").
ASSUMPTION_LABEL = "Aanname van dit model"


class ParameterFileError(ValueError):
    """A parameter file is malformed; the message names the file and how to fix it."""


class ParameterNotCovered(LookupError):
    """A date lies outside what the parameter data covers."""


class StrictLoader(yaml.SafeLoader):
    """Safe YAML loader that refuses duplicate mapping keys (PyYAML keeps the last one silently)."""


def _construct_mapping_without_duplicates(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise ParameterFileError(
                f"dubbele sleutel {key!r} op regel {key_node.start_mark.line + 1}"
            )
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping_without_duplicates
)


def read_strict_yaml(path: Path) -> Any:
    """Read a YAML file safely, refusing duplicate keys and impossible dates."""
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=StrictLoader)
    except ParameterFileError as exc:
        raise ParameterFileError(f"{path.name}: {exc}") from None
    except ValueError as exc:  # e.g. 2024-13-01 is matched as a date and then fails to build
        raise ParameterFileError(f"{path.name}: ongeldige datum of waarde ({exc})") from None
    except yaml.YAMLError as exc:
        raise ParameterFileError(f"{path.name}: geen geldige YAML ({exc})") from None


@dataclass(frozen=True)
class Reference:
    """A public source (title, link, date) or this model's assumption with its reasoning."""

    title: str
    href: str
    date: str = ""  # as shown: "30 oktober 2025", "2026"
    reasoning: str = ""  # only for an assumption of this model

    @property
    def is_assumption(self) -> bool:
        return self.title == ASSUMPTION_LABEL

    @property
    def text(self) -> str:
        """The reference as plain text, e.g. ``Titel (2026), https://...``."""
        return reference_text(self.title, self.href, self.date, self.reasoning)

    @property
    def markdown(self) -> str:
        """The reference as Markdown with the title as a link (for the app)."""
        return reference_markdown(self.title, self.href, self.date, self.reasoning)


def reference_text(title: str, href: str = "", date: str = "", reasoning: str = "") -> str:
    if title == ASSUMPTION_LABEL:
        return f"{ASSUMPTION_LABEL}: {reasoning}" if reasoning else ASSUMPTION_LABEL
    text = title + (f" ({date})" if date else "")
    return text + (f", {href}" if href else "")


def reference_markdown(title: str, href: str = "", date: str = "", reasoning: str = "") -> str:
    if title == ASSUMPTION_LABEL or not href:
        return _md_escape(reference_text(title, "", date, reasoning))
    return f"[{_md_escape(title)}]({href.replace(')', '%29')})" + (f" ({_md_escape(date)})" if date else "")


def _md_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "[]()*_`$<>#|~" else ch for ch in text)


def references_text(refs) -> str:
    return "; ".join(ref.text for ref in refs)


def references_markdown(refs) -> str:
    return "; ".join(ref.markdown for ref in refs)


@dataclass(frozen=True)
class ParameterValue:
    """One value of one parameter, with everything needed to trace it."""

    name: str
    value: Any
    effective: dt.date
    unit: str
    status: str
    references: tuple[Reference, ...]
    description: str
    note: str
    file: str

    @property
    def is_assumption(self) -> bool:
        return self.status == "assumption"

    @property
    def source_text(self) -> str:
        return references_text(self.references)

    @property
    def source_markdown(self) -> str:
        return references_markdown(self.references)


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    unit: str
    covered_until: dt.date
    file: str
    values: tuple[ParameterValue, ...]  # sorted by effective date

    def at(self, on: dt.date) -> ParameterValue:
        """The value in force on ``on``; refuses dates the data does not cover."""
        if on > self.covered_until:
            raise ParameterNotCovered(
                f"Parameter '{self.name}' ({self.description}) is bekend tot en met "
                f"{format_date(self.covered_until)}; voor {format_date(on)} ontbreekt een waarde. "
                f"Vul pricing/parameters/{self.file} aan met een waarde vanaf die datum en "
                f"verschuif 'covered_until'."
            )
        chosen = None
        for candidate in self.values:
            if candidate.effective <= on:
                chosen = candidate
            else:
                break
        if chosen is None:
            raise ParameterNotCovered(
                f"Parameter '{self.name}' ({self.description}) heeft geen waarde vóór "
                f"{format_date(self.values[0].effective)}; voor {format_date(on)} ontbreekt een "
                f"waarde. Vul pricing/parameters/{self.file} aan."
            )
        return chosen


def format_date(value: dt.date) -> str:
    """Dutch long date, e.g. ``1 juli 2026``."""
    from pricing.money import format_date_nl

    return format_date_nl(value)


def _require_date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ParameterFileError(f"{where}: {value!r} is geen datum in de vorm JJJJ-MM-DD")
    return value


def _parse_references(raw: Any, where: str) -> tuple[Reference, ...]:
    if not isinstance(raw, list) or not raw:
        raise ParameterFileError(f"{where}: 'reference' moet een lijst met minstens één bron zijn")
    refs = []
    for item in raw:
        if not isinstance(item, dict):
            raise ParameterFileError(f"{where}: een bron moet 'title' en 'href' hebben")
        unknown = set(item) - _REFERENCE_KEYS
        if unknown:
            raise ParameterFileError(f"{where}: onbekende sleutel(s) in bron: {sorted(unknown)}")
        title = item.get("title")
        if not isinstance(title, str) or not title.strip():
            raise ParameterFileError(f"{where}: elke bron heeft een niet-lege 'title' nodig")
        refs.append(Reference(title=title.strip(), href=str(item.get("href") or "").strip(),
                              date=_reference_date(item.get("date")),
                              reasoning=str(item.get("reasoning") or "").strip()))
    return tuple(refs)


def _reference_date(value: Any) -> str:
    """A reference's date as shown: a YAML date in Dutch, a year or a text as given."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_date(value)
    return str(value).strip()


def _check_number(value: Any, unit: str, where: str) -> Any:
    if unit == "fraction_list":
        if not isinstance(value, list) or not value:
            raise ParameterFileError(f"{where}: verwacht een lijst met getallen")
        return tuple(_check_number(v, "fraction", where) for v in value)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ParameterFileError(f"{where}: waarde {value!r} is geen eindig getal")
    return float(value)


def _parse_parameter(name: str, raw: Any, file: str) -> Parameter:
    where = f"{file}: parameter '{name}'"
    if not isinstance(raw, dict):
        raise ParameterFileError(f"{where}: verwacht een mapping met {sorted(_REQUIRED_PARAM_KEYS)}")
    unknown = set(raw) - _PARAM_KEYS
    if unknown:
        raise ParameterFileError(f"{where}: onbekende sleutel(s) {sorted(unknown)}")
    missing = _REQUIRED_PARAM_KEYS - set(raw)
    if missing:
        raise ParameterFileError(f"{where}: ontbrekende sleutel(s) {sorted(missing)}")
    unit = raw["unit"]
    if unit not in UNITS:
        raise ParameterFileError(f"{where}: eenheid {unit!r} onbekend; kies uit {list(UNITS)}")
    status = raw["status"]
    if status not in STATUSES:
        raise ParameterFileError(f"{where}: status {status!r} onbekend; kies uit {list(STATUSES)}")
    references = _parse_references(raw["reference"], where)
    covered_until = _require_date(raw["covered_until"], f"{where}: covered_until")
    raw_values = raw["values"]
    if not isinstance(raw_values, dict) or not raw_values:
        raise ParameterFileError(f"{where}: 'values' moet minstens één datum met waarde hebben")
    values = []
    for key, entry in raw_values.items():
        effective = _require_date(key, f"{where}: values")
        v_where = f"{where} op {key}"
        if isinstance(entry, dict):
            unknown = set(entry) - _VALUE_KEYS
            if unknown:
                raise ParameterFileError(f"{v_where}: onbekende sleutel(s) {sorted(unknown)}")
            if "value" not in entry:
                raise ParameterFileError(f"{v_where}: 'value' ontbreekt")
            v_status = entry.get("status", status)
            if v_status not in STATUSES:
                raise ParameterFileError(f"{v_where}: status {v_status!r} onbekend")
            v_refs = _parse_references(entry["reference"], v_where) if "reference" in entry else references
            note = str(entry.get("note") or raw.get("note") or "")
            value = _check_number(entry["value"], unit, v_where)
        else:
            v_status, v_refs, note = status, references, str(raw.get("note") or "")
            value = _check_number(entry, unit, v_where)
        if effective > covered_until:
            raise ParameterFileError(f"{v_where}: ingangsdatum ligt na covered_until")
        values.append(
            ParameterValue(
                name=name, value=value, effective=effective, unit=unit, status=v_status,
                references=v_refs, description=str(raw["description"]), note=note, file=file,
            )
        )
    values.sort(key=lambda v: v.effective)
    return Parameter(
        name=name, description=str(raw["description"]), unit=unit,
        covered_until=covered_until, file=file, values=tuple(values),
    )


@dataclass(frozen=True)
class SalaryRise:
    effective: dt.date
    pct: float
    status: str
    references: tuple[Reference, ...]
    note: str = ""
    uncertain_from: dt.date | None = None


@dataclass(frozen=True)
class SalaryLookup:
    """A monthly salary from the table, with how it was reached."""

    scale: int
    step: str
    table_hourly: float
    factor: float  # product of the rises applied
    hourly: float
    monthly: float
    rises: tuple[SalaryRise, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class SalaryTable:
    effective: dt.date
    hours_per_week: float
    steps: tuple[str, ...]
    scales: dict[int, tuple[float | None, ...]]
    rises: tuple[SalaryRise, ...]
    covered_until: dt.date
    status: str
    references: tuple[Reference, ...]
    note: str
    file: str = SALARY_FILE

    def has_step(self, step: int | str) -> bool:
        return str(step) in self.steps

    def lookup(self, scale: int, step: int | str, on: dt.date, monthly_factor: float) -> SalaryLookup:
        """Hourly and monthly salary for a cell on a date, with the rises since the table date.

        Rises are multiplied in full precision; the real CAO tables round each published amount,
        so an official table for a later date can differ by a cent: import it to use it exactly.
        """
        if on < self.effective:
            raise ParameterNotCovered(
                f"De salaristabel in pricing/parameters/{self.file} geldt vanaf "
                f"{format_date(self.effective)}; voor {format_date(on)} is geen tabel aanwezig. "
                f"Geef per functie een eigen maandsalaris op of voeg een oudere tabel toe."
            )
        if on > self.covered_until:
            raise ParameterNotCovered(
                f"De salaristabel in pricing/parameters/{self.file} is bekend tot en met "
                f"{format_date(self.covered_until)}; latere cao-verhogingen zijn onbekend. "
                f"Voeg de verhogingen toe aan 'rises' of geef een eigen maandsalaris op."
            )
        if scale not in self.scales:
            raise KeyError(f"schaal {scale} bestaat niet in de tabel")
        label = str(step)
        if label not in self.steps:
            raise KeyError(f"trede {label} bestaat niet in de tabel")
        base = self.scales[scale][self.steps.index(label)]
        if base is None:
            raise LookupError(f"schaal {scale} trede {label} is onbekend in de tabel")
        factor = 1.0
        applied = []
        warnings = []
        for rise in self.rises:
            if rise.effective <= on:
                factor *= 1.0 + rise.pct
                applied.append(rise)
            elif rise.uncertain_from is not None and rise.uncertain_from <= on:
                warnings.append(
                    f"De cao-verhoging van {_pct_nl(rise.pct)} (ingangsdatum onbekend, uiterlijk "
                    f"{format_date(rise.effective)}) is voor {format_date(on)} niet meegenomen; "
                    f"mogelijk gold zij al."
                )
        hourly = base * factor
        return SalaryLookup(
            scale=scale, step=label, table_hourly=base, factor=factor, hourly=hourly,
            monthly=hourly * monthly_factor, rises=tuple(applied), warnings=tuple(warnings),
        )


def _pct_nl(fraction: float) -> str:
    return f"{fraction * 100:.2f}".rstrip("0").rstrip(".").replace(".", ",") + " %"


_SALARY_KEYS = {"description", "table", "rises", "covered_until"}
_TABLE_KEYS = {"effective", "unit", "hours_per_week", "status", "reference", "note", "steps", "scales"}
_RISE_KEYS = {"effective", "pct", "status", "reference", "note", "uncertain_from"}


def _parse_salary_table(raw: Any, file: str) -> SalaryTable:
    if not isinstance(raw, dict):
        raise ParameterFileError(f"{file}: verwacht een mapping")
    unknown = set(raw) - _SALARY_KEYS
    if unknown:
        raise ParameterFileError(f"{file}: onbekende sleutel(s) {sorted(unknown)}")
    for key in ("table", "rises", "covered_until"):
        if key not in raw:
            raise ParameterFileError(f"{file}: sleutel '{key}' ontbreekt")
    table = raw["table"]
    if not isinstance(table, dict):
        raise ParameterFileError(f"{file}: 'table' moet een mapping zijn")
    unknown = set(table) - _TABLE_KEYS
    if unknown:
        raise ParameterFileError(f"{file}: onbekende sleutel(s) in table: {sorted(unknown)}")
    if table.get("status") not in STATUSES:
        raise ParameterFileError(f"{file}: table.status moet een van {list(STATUSES)} zijn")
    steps = tuple(str(s) for s in table.get("steps") or ())
    if not steps or len(set(steps)) != len(steps):
        raise ParameterFileError(f"{file}: table.steps moet een lijst unieke treden zijn")
    scales = {}
    for scale, row in (table.get("scales") or {}).items():
        if not isinstance(scale, int) or isinstance(scale, bool):
            raise ParameterFileError(f"{file}: schaal {scale!r} is geen geheel getal")
        if not isinstance(row, list) or len(row) != len(steps):
            raise ParameterFileError(
                f"{file}: schaal {scale} heeft {len(row) if isinstance(row, list) else 0} bedragen, "
                f"verwacht {len(steps)} (één per trede; gebruik null voor onbekend)"
            )
        cells = []
        for cell in row:
            if cell is None:
                cells.append(None)
            else:
                cells.append(_check_number(cell, "eur_per_hour", f"{file}: schaal {scale}"))
        scales[scale] = tuple(cells)
    if not scales:
        raise ParameterFileError(f"{file}: table.scales is leeg")
    rises = []
    for i, rise in enumerate(raw["rises"] or []):
        where = f"{file}: rises[{i}]"
        if not isinstance(rise, dict):
            raise ParameterFileError(f"{where}: verwacht een mapping")
        unknown = set(rise) - _RISE_KEYS
        if unknown:
            raise ParameterFileError(f"{where}: onbekende sleutel(s) {sorted(unknown)}")
        if rise.get("status") not in STATUSES:
            raise ParameterFileError(f"{where}: status moet een van {list(STATUSES)} zijn")
        rises.append(
            SalaryRise(
                effective=_require_date(rise.get("effective"), f"{where}: effective"),
                pct=_check_number(rise.get("pct"), "fraction", where),
                status=rise["status"],
                references=_parse_references(rise.get("reference"), where),
                note=str(rise.get("note") or ""),
                uncertain_from=(
                    _require_date(rise["uncertain_from"], f"{where}: uncertain_from")
                    if rise.get("uncertain_from") is not None else None
                ),
            )
        )
    rises.sort(key=lambda r: r.effective)
    return SalaryTable(
        effective=_require_date(table.get("effective"), f"{file}: table.effective"),
        hours_per_week=_check_number(table.get("hours_per_week"), "hours_per_year", file),
        steps=steps,
        scales=scales,
        rises=tuple(rises),
        covered_until=_require_date(raw["covered_until"], f"{file}: covered_until"),
        status=table["status"],
        references=_parse_references(table.get("reference"), f"{file}: table"),
        note=str(table.get("note") or ""),
        file=file,
    )


@dataclass(frozen=True)
class ParameterBook:
    """All parameters, by name, and the CAO salary table."""

    parameters: dict[str, Parameter]
    salary: SalaryTable
    directory: Path = field(default=PARAMETER_DIR)

    def get(self, name: str, on: dt.date) -> ParameterValue:
        try:
            parameter = self.parameters[name]
        except KeyError:
            raise ParameterNotCovered(f"Parameter '{name}' bestaat niet in pricing/parameters/") from None
        return parameter.at(on)

    def value(self, name: str, on: dt.date) -> Any:
        return self.get(name, on).value


def load_parameter_book(directory: Path | str | None = None) -> ParameterBook:
    """Load and validate every YAML file in ``directory`` (default: this package's folder)."""
    if directory is None:
        return _default_book()
    return _load(Path(directory))


@functools.lru_cache(maxsize=1)
def _default_book() -> ParameterBook:
    return _load(PARAMETER_DIR)


def _load(directory: Path) -> ParameterBook:
    parameters: dict[str, Parameter] = {}
    salary = None
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise ParameterFileError(f"geen parameterbestanden gevonden in {directory}")
    for path in files:
        raw = read_strict_yaml(path)
        if path.name == SALARY_FILE:
            salary = _parse_salary_table(raw, path.name)
            continue
        if not isinstance(raw, dict):
            raise ParameterFileError(f"{path.name}: verwacht een mapping met 'description' en 'parameters'")
        unknown = set(raw) - _FILE_KEYS
        if unknown:
            raise ParameterFileError(f"{path.name}: onbekende sleutel(s) {sorted(unknown)}")
        if not isinstance(raw.get("parameters"), dict):
            raise ParameterFileError(f"{path.name}: 'parameters' ontbreekt of is geen mapping")
        for name, body in raw["parameters"].items():
            if name in parameters:
                raise ParameterFileError(
                    f"{path.name}: parameter '{name}' staat ook in {parameters[name].file}"
                )
            parameters[name] = _parse_parameter(name, body, path.name)
    if salary is None:
        raise ParameterFileError(f"{SALARY_FILE} ontbreekt in {directory}")
    return ParameterBook(parameters=parameters, salary=salary, directory=directory)
