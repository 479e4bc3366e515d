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

Editions. The files of one folder form one named, dated *edition*: ``edition.yaml`` names it (id,
title, published date, changelog per changed value with its source) and ``forecast.yaml`` states
the forecast used for dates beyond a parameter's ``covered_until`` (see :class:`Forecast`). The
edition's *fingerprint* is the sha256 of a canonical JSON form of the parsed data of every topic
file and the forecast (not ``edition.yaml``), so comments, key order and number spelling do not
change it and any value does. An edition can also be one *bundle* file: a YAML mapping from each
file name (``edition.yaml``, ``cao_salary.yaml``, ...) to that file's content; it has the same
fingerprint as the folder it was made from (:func:`edition_bundle_text` writes one).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from pricing.loading import MAX_FILE_BYTES, LoadError, load_yaml

PARAMETER_DIR = Path(__file__).resolve().parent
SALARY_FILE = "cao_salary.yaml"
EDITION_FILE = "edition.yaml"
FORECAST_FILE = "forecast.yaml"
STATUSES = ("sourced", "derived", "assumption")
# The one label set for where a value comes from, in every view (app, PDF, spreadsheet); "scenario" is
# a value the user typed, which no parameter file carries.
STATUS_LABELS = {"sourced": "bron", "derived": "afgeleid", "assumption": "aanname", "scenario": "eigen invoer"}
UNITS = (
    "fraction",
    "fraction_list",
    "eur_per_year",
    "eur_per_hour",
    "hours_per_year",
    "hours_per_month",
    "hours_per_day",
    "count",
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


def read_strict_yaml(path: Path) -> Any:
    """Read a parameter file through the project's one bounded reader (pricing.loading).

    Duplicate keys, YAML 1.1 number forms (octal, sexagesimal), impossible dates and files over
    the limits are refused with a ParameterFileError naming the file. Fractions with three
    decimals (0.055, 4.697) are plain decimals here: parameter files hold no Dutch-written amounts.
    """
    try:
        if Path(path).stat().st_size > MAX_FILE_BYTES:
            raise ParameterFileError(f"{Path(path).name}: bestand is groter dan de grens")
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ParameterFileError(f"{Path(path).name}: kan niet worden gelezen ({exc.strerror})") from None
    try:
        return load_yaml(data, thousands_check=False)
    except LoadError as exc:
        raise ParameterFileError(f"{Path(path).name}: {exc.text()}") from None


@dataclass(frozen=True)
class Reference:
    """A public source (title, link, date) or this model's assumption with its reasoning."""

    title: str
    href: str
    date: str = ""  # as shown: "30 oktober 2025", "2026"
    reasoning: str = ""  # only for an assumption of this model

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


_URL = re.compile(r"https?://[^\s;,]+")


def markdown_text(text: str) -> str:
    """Plain text (e.g. a joined source text) for Markdown: markup escaped, bare links kept
    intact so the app shows them clickable."""
    out, last = [], 0
    for match in _URL.finditer(text):
        out.append(_md_escape(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_md_escape(text[last:]))
    return "".join(out)


def references_text(refs: Iterable[Reference]) -> str:
    return "; ".join(ref.text for ref in refs)


def references_markdown(refs: Iterable[Reference]) -> str:
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
    forecast: bool = False  # True: not published, priced on the edition's stated forecast

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
    forecast: ForecastValue | None = None  # used for dates after covered_until, up to its horizon

    @property
    def horizon(self) -> dt.date:
        """The last date this parameter can be priced on: published data, then the forecast."""
        return self.forecast.horizon if self.forecast is not None else self.covered_until

    def at(self, on: dt.date) -> ParameterValue:
        """The value in force on ``on``; beyond ``covered_until`` the forecast value, if any."""
        if on > self.covered_until:
            if self.forecast is not None and on <= self.forecast.horizon:
                return self.forecast.parameter_value(self)
            raise ParameterNotCovered(
                not_covered_message(self.name, self.description, self.covered_until, on, self.forecast)
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
                f"waarde. Kies een latere datum of laad een parametereditie die deze datum dekt."
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
        refs.append(
            Reference(
                title=title.strip(),
                href=str(item.get("href") or "").strip(),
                date=_reference_date(item.get("date")),
                reasoning=str(item.get("reasoning") or "").strip(),
            )
        )
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
                name=name,
                value=value,
                effective=effective,
                unit=unit,
                status=v_status,
                references=v_refs,
                description=str(raw["description"]),
                note=note,
                file=file,
            )
        )
    values.sort(key=lambda v: v.effective)
    return Parameter(
        name=name,
        description=str(raw["description"]),
        unit=unit,
        covered_until=covered_until,
        file=file,
        values=tuple(values),
    )


@dataclass(frozen=True)
class SalaryRise:
    effective: dt.date
    pct: float
    status: str
    references: tuple[Reference, ...]
    note: str = ""
    uncertain_from: dt.date | None = None
    forecast: bool = False  # an assumed rise of the edition's forecast, not an agreed one


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
    status: str = "sourced"  # "derived" for a cell above step 8 taken from the shared ladder


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
    forecast: SalaryForecast | None = None  # assumed rises after covered_until, up to its horizon
    # The first date the table describes: before ``effective`` the rises dated on or before
    # ``effective`` (already contained in the table) are divided out again.
    valid_from: dt.date | None = None
    # Steps above 8 taken from the shared ladder (``above_step_8``): their status, source and the
    # known maximum step per scale (a null cell of such a scale lies beyond its maximum).
    derived_steps: tuple[str, ...] = ()
    maxima: dict[int, int] = field(default_factory=dict)
    derived_status: str = "derived"
    derived_references: tuple[Reference, ...] = ()
    derived_note: str = ""
    # Lookups already made (the same cells on the same date for every line of a large table); a
    # result is frozen, so one object serves every caller. Not part of the table's value.
    _lookups: dict[tuple[object, ...], SalaryLookup] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def first_date(self) -> dt.date:
        return self.valid_from or self.effective

    @property
    def horizon(self) -> dt.date:
        return self.forecast.horizon if self.forecast is not None else self.covered_until

    def rises_on(self, on: dt.date) -> tuple[SalaryRise, ...]:
        """The agreed rises, plus the forecast's assumed rises when ``on`` lies beyond coverage."""
        if on > self.covered_until and self.forecast is not None:
            return self.rises + self.forecast.rises
        return self.rises

    def has_step(self, step: int | str) -> bool:
        return str(step) in self.steps

    def scale_steps(self, scale: int) -> tuple[str, ...] | None:
        """The steps of ``scale`` in order up to U2, or None when its maximum is not known."""
        if scale not in self.maxima:
            return None
        top = str(self.maxima[scale])
        numbered = self.steps[: self.steps.index(top) + 1]
        return numbered + tuple(s for s in self.steps if s.startswith("U"))

    def next_step(self, scale: int, step: int | str) -> str | None:
        """The step after ``step`` on the yearly step date (CAO art. 6.5), or None at the end or
        where the scale's maximum is not known (scales 6-14 above the highest known step)."""
        label = str(step)
        sequence = self.scale_steps(scale)
        if sequence is None:
            known = [s for s in self.steps if s not in self.derived_steps]
            if label not in known or label == known[-1]:
                return None
            return known[known.index(label) + 1]
        if label not in sequence or label == sequence[-1]:
            return None
        return sequence[sequence.index(label) + 1]

    def lookup(self, scale: int, step: int | str, on: dt.date, monthly_factor: float) -> SalaryLookup:
        """Hourly and monthly salary for a cell on a date, with the rises since the table date.

        Rises are multiplied in full precision; the real CAO tables round each published amount,
        so an official table for a later date can differ by a cent: import it to use it exactly.
        """
        key = (type(scale), scale, type(step), step, on, monthly_factor)
        try:
            found = self._lookups.get(key)
        except TypeError:  # an unhashable cell from unchecked input: looked up (and refused) as such
            return self._lookup(scale, step, on, monthly_factor)
        if found is None:
            found = self._lookup(scale, step, on, monthly_factor)
            if len(self._lookups) < 4096:
                self._lookups[key] = found
        return found

    def _lookup(self, scale: int, step: int | str, on: dt.date, monthly_factor: float) -> SalaryLookup:
        if on < self.first_date:
            raise ParameterNotCovered(
                f"De cao-salaristabel ({self.file}) geldt vanaf "
                f"{format_date(self.first_date)}; voor {format_date(on)} is geen tabel aanwezig. "
                f"Geef per functie een eigen maandsalaris op of laad een parametereditie met een oudere tabel."
            )
        if on > self.horizon:
            raise ParameterNotCovered(
                not_covered_message(
                    "cao_salary",
                    "cao-salaristabel met de structurele verhogingen",
                    self.covered_until,
                    on,
                    self.forecast,
                    own_salary=True,
                )
            )
        if scale not in self.scales:
            raise KeyError(f"schaal {scale} bestaat niet in de tabel")
        label = str(step)
        if label not in self.steps:
            raise KeyError(f"trede {label} bestaat niet in de tabel")
        base = self.scales[scale][self.steps.index(label)]
        if base is None:
            if scale in self.maxima and label in self.derived_steps:
                raise LookupError(
                    f"schaal {scale} loopt tot trede {self.maxima[scale]}, daarna U1 en U2; "
                    f"trede {label} bestaat niet in die schaal"
                )
            raise LookupError(f"schaal {scale} trede {label} is onbekend in de tabel")
        factor = 1.0
        applied = []
        warnings = []
        for rise in self.rises_on(on):
            if rise.effective <= self.effective:  # contained in the table: undo it before its date
                if on < rise.effective:
                    factor /= 1.0 + rise.pct
                continue
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
            scale=scale,
            step=label,
            table_hourly=base,
            factor=factor,
            hourly=hourly,
            monthly=hourly * monthly_factor,
            rises=tuple(applied),
            warnings=tuple(warnings),
            status=self.derived_status if label in self.derived_steps else self.status,
        )


def _pct_nl(fraction: float) -> str:
    return f"{fraction * 100:.2f}".rstrip("0").rstrip(".").replace(".", ",") + " %"


_SALARY_KEYS = {"description", "table", "above_step_8", "rises", "covered_until"}
_TABLE_KEYS = {"effective", "valid_from", "unit", "hours_per_week", "status", "reference", "note", "steps", "scales"}
_EXTENSION_KEYS = {"status", "steps", "maxima", "note", "reference", "scales"}
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
        cells: list[float | None] = []
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
                    if rise.get("uncertain_from") is not None
                    else None
                ),
            )
        )
    rises.sort(key=lambda r: r.effective)
    effective = _require_date(table.get("effective"), f"{file}: table.effective")
    valid_from = None
    if table.get("valid_from") is not None:
        valid_from = _require_date(table["valid_from"], f"{file}: table.valid_from")
        if valid_from > effective:
            raise ParameterFileError(f"{file}: table.valid_from ligt na table.effective")
    extension = _parse_extension(raw.get("above_step_8"), steps, scales, file)
    return SalaryTable(
        effective=effective,
        hours_per_week=_check_number(table.get("hours_per_week"), "hours_per_year", file),
        steps=steps + extension["steps"],
        scales={s: row + extension["scales"].get(s, (None,) * len(extension["steps"])) for s, row in scales.items()},
        rises=tuple(rises),
        covered_until=_require_date(raw["covered_until"], f"{file}: covered_until"),
        status=table["status"],
        references=_parse_references(table.get("reference"), f"{file}: table"),
        note=str(table.get("note") or ""),
        file=file,
        valid_from=valid_from,
        derived_steps=extension["steps"],
        maxima=extension["maxima"],
        derived_status=extension["status"],
        derived_references=extension["references"],
        derived_note=extension["note"],
    )


def _parse_extension(
    raw: Any, steps: tuple[str, ...], scales: dict[int, tuple[float | None, ...]], file: str
) -> dict[str, Any]:
    """The optional ``above_step_8`` block: derived cells above the table's last step."""
    empty = {"steps": (), "scales": {}, "maxima": {}, "status": "derived", "references": (), "note": ""}
    if raw is None:
        return empty
    where = f"{file}: above_step_8"
    if not isinstance(raw, dict):
        raise ParameterFileError(f"{where}: verwacht een mapping")
    unknown = set(raw) - _EXTENSION_KEYS
    if unknown:
        raise ParameterFileError(f"{where}: onbekende sleutel(s) {sorted(unknown)}")
    if raw.get("status") not in STATUSES:
        raise ParameterFileError(f"{where}: status moet een van {list(STATUSES)} zijn")
    ext_steps = tuple(str(s) for s in raw.get("steps") or ())
    if not ext_steps or len(set(ext_steps)) != len(ext_steps) or set(ext_steps) & set(steps):
        raise ParameterFileError(f"{where}: steps moet een lijst nieuwe, unieke treden zijn")
    maxima = {}
    for scale, top in (raw.get("maxima") or {}).items():
        if scale not in scales or str(top) not in steps + ext_steps:
            raise ParameterFileError(f"{where}: maximum {top!r} voor schaal {scale!r} past niet bij de tabel")
        maxima[scale] = top
    rows = {}
    for scale, row in (raw.get("scales") or {}).items():
        if scale not in scales or scale not in maxima:
            raise ParameterFileError(
                f"{where}: schaal {scale!r} heeft een maximum in 'maxima' en een rij in de tabel nodig"
            )
        if not isinstance(row, list) or len(row) != len(ext_steps):
            raise ParameterFileError(
                f"{where}: schaal {scale} moet {len(ext_steps)} bedragen hebben (null voor buiten de schaal)"
            )
        rows[scale] = tuple(None if c is None else _check_number(c, "eur_per_hour", where) for c in row)
    return {
        "steps": ext_steps,
        "scales": rows,
        "maxima": maxima,
        "status": raw["status"],
        "references": _parse_references(raw.get("reference"), where),
        "note": str(raw.get("note") or ""),
    }


# ----------------------------------------------------------------------------------------------
# Forecasts for dates beyond the published figures (docs/methode.md section 5.5)

FORECAST_LABELS = {"editie": "prognose van de parametereditie", "scenario": "prognose uit het scenario"}


def forecast_references(origin: str, reasoning: str) -> tuple[Reference, ...]:
    """A forecast value's source: an assumption, with its reasoning (no published figure exists)."""
    return (
        Reference(title=ASSUMPTION_LABEL, href="", reasoning=f"{FORECAST_LABELS[origin]} (methode §5.5): {reasoning}"),
    )


FORECAST_ROUTE = (
    "Geef een prognose op (in de app op het formulier 'Prognose voor jaren zonder gepubliceerde "
    "cijfers', in een scenariobestand onder 'forecast:') of laad een parametereditie die deze datum dekt."
)


@dataclass(frozen=True)
class ForecastValue:
    """The assumed value of one parameter for dates after its ``covered_until``."""

    name: str
    value: Any
    reasoning: str
    horizon: dt.date
    last_known: Any  # the last published value, the basis of a carry-over and of its EUR effect
    origin: str = "editie"  # "editie" (the edition's forecast.yaml) or "scenario"

    @property
    def carried_over(self) -> bool:
        return bool(self.value == self.last_known)

    def parameter_value(self, parameter: Parameter) -> ParameterValue:
        refs = forecast_references(self.origin, self.reasoning)
        return ParameterValue(
            name=parameter.name,
            value=self.value,
            effective=parameter.covered_until + dt.timedelta(days=1),
            unit=parameter.unit,
            status="assumption",
            references=refs,
            description=parameter.description,
            note=self.reasoning,
            file=FORECAST_FILE,
            forecast=True,
        )


def _add_months(value: dt.date, months: int) -> dt.date:
    month = value.month - 1 + months
    year = value.year + month // 12
    month = month % 12 + 1
    last_day = [
        31,
        29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return dt.date(year, month, min(value.day, last_day))


@dataclass(frozen=True)
class SalaryForecast:
    """Assumed structural CAO rises after the agreed ones: ``pct`` every ``every_months`` from ``first``."""

    pct: float
    first: dt.date
    every_months: int
    horizon: dt.date
    reasoning: str
    origin: str = "editie"

    @property
    def rises(self) -> tuple[SalaryRise, ...]:
        refs = forecast_references(self.origin, self.reasoning)
        out, on = [], self.first
        while on <= self.horizon:
            out.append(
                SalaryRise(
                    effective=on, pct=self.pct, status="assumption", references=refs, note=self.reasoning, forecast=True
                )
            )
            on = _add_months(on, self.every_months)
        return tuple(out)


@dataclass(frozen=True)
class Forecast:
    """The edition's forecast: per parameter an assumed value, and the assumed CAO rises."""

    description: str
    horizon: dt.date
    values: dict[str, ForecastValue]
    salary: SalaryForecast | None


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


def _mapping(raw: Any, allowed: set[str], where: str) -> dict[str, Any]:
    """``raw`` as a mapping with only ``allowed`` keys, or a Dutch refusal naming ``where``."""
    if not isinstance(raw, dict):
        raise ParameterFileError(f"{where}: verwacht een mapping met {sorted(allowed)}")
    unknown = set(raw) - allowed
    if unknown:
        raise ParameterFileError(f"{where}: onbekende sleutel(s) {sorted(map(str, unknown))}")
    return raw


_FORECAST_KEYS = {"description", "horizon", "parameters", "cao_rise"}
_FORECAST_VALUE_KEYS = {"value", "reasoning"}
_CAO_FORECAST_KEYS = {"pct", "first", "every_months", "reasoning"}


def _reasoning(raw: Any, where: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise ParameterFileError(
            f"{where}: 'reasoning' ontbreekt; elke prognosewaarde is een aanname en heeft een toelichting nodig"
        )
    return " ".join(raw.split())


def _parse_forecast(
    raw: Any, parameters: dict[str, Parameter], salary: SalaryTable, file: str = FORECAST_FILE
) -> Forecast:
    _mapping(raw, _FORECAST_KEYS, file)
    horizon = _require_date(raw.get("horizon"), f"{file}: horizon")
    values: dict[str, ForecastValue] = {}
    entries = raw.get("parameters") or {}
    if not isinstance(entries, dict):
        raise ParameterFileError(f"{file}: 'parameters' moet een mapping van parameternaam naar prognose zijn")
    for name, entry in entries.items():
        where = f"{file}: parameter '{name}'"
        if name not in parameters:
            raise ParameterFileError(f"{where}: deze parameter bestaat niet in de editie")
        _mapping(entry, _FORECAST_VALUE_KEYS, where)
        parameter = parameters[name]
        last = parameter.values[-1].value
        value = _check_number(entry["value"], parameter.unit, where) if "value" in entry else last
        values[name] = ForecastValue(
            name=name,
            value=value,
            reasoning=_reasoning(entry.get("reasoning"), where),
            horizon=horizon,
            last_known=last,
        )
    cao = None
    if raw.get("cao_rise") is not None:
        where = f"{file}: cao_rise"
        entry = _mapping(raw["cao_rise"], _CAO_FORECAST_KEYS, where)
        pct = _check_number(entry.get("pct"), "fraction", where)
        if not 0 <= pct <= 0.2:
            raise ParameterFileError(f"{where}: pct {pct!r} ligt niet tussen 0 en 0,2 (0 % tot 20 % per stap)")
        first = _require_date(entry.get("first"), f"{where}: first")
        last_rise = salary.rises[-1].effective if salary.rises else salary.effective
        if first <= last_rise:
            raise ParameterFileError(
                f"{where}: first ({first.isoformat()}) moet na de laatst afgesproken "
                f"verhoging ({last_rise.isoformat()}) liggen"
            )
        every = entry.get("every_months", 12)
        if isinstance(every, bool) or not isinstance(every, int) or not 1 <= every <= 60:
            raise ParameterFileError(f"{where}: every_months moet een geheel aantal maanden van 1 t/m 60 zijn")
        cao = SalaryForecast(
            pct=pct,
            first=first,
            every_months=every,
            horizon=horizon,
            reasoning=_reasoning(entry.get("reasoning"), where),
        )
    return Forecast(description=str(raw.get("description") or ""), horizon=horizon, values=values, salary=cao)


# ----------------------------------------------------------------------------------------------
# Editions: name, date, changelog and fingerprint


@dataclass(frozen=True)
class ChangelogEntry:
    parameter: str
    change: str
    source: str


@dataclass(frozen=True)
class Edition:
    """The name, date and fingerprint of the parameter data a result was computed with."""

    id: str
    title: str
    published: dt.date
    description: str
    changelog: tuple[ChangelogEntry, ...]
    fingerprint: str  # sha256 hex of the canonical parameter data
    origin: str  # where it was loaded from: "meegeleverd" or a file/folder name

    @property
    def short_fingerprint(self) -> str:
        return self.fingerprint[:12]

    def as_json(self) -> dict[str, str]:
        """The ``parameters_edition`` member of every JSON output."""
        return {"id": self.id, "published": self.published.isoformat(), "fingerprint": self.fingerprint}

    @property
    def label(self) -> str:
        """One line for a page, a PDF or a spreadsheet."""
        return (
            f"Parametereditie {self.id} ({self.title}, gepubliceerd {format_date(self.published)}), "
            f"vingerafdruk {self.short_fingerprint}"
        )


_EDITION_KEYS = {"id", "title", "published", "description", "changelog"}
_CHANGELOG_KEYS = {"parameter", "change", "source"}
_EDITION_ID_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")


def _text(raw: Any, where: str, max_length: int = 2000) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise ParameterFileError(f"{where}: verwacht een niet-lege tekst")
    if len(raw) > max_length:
        raise ParameterFileError(f"{where}: tekst is langer dan {max_length} tekens")
    return " ".join(raw.split())


def _parse_edition(raw: Any, fingerprint: str, origin: str, file: str = EDITION_FILE) -> Edition:
    _mapping(raw, _EDITION_KEYS, file)
    for key in ("id", "title", "published", "changelog"):
        if key not in raw:
            raise ParameterFileError(f"{file}: sleutel '{key}' ontbreekt")
    edition_id = raw["id"]
    if not isinstance(edition_id, str) or not 1 <= len(edition_id) <= 40 or set(edition_id) - _EDITION_ID_CHARS:
        raise ParameterFileError(
            f"{file}: id {edition_id!r} moet een tekst van 1-40 letters, cijfers, '.', '-' "
            f"of '_' zijn (zet het tussen aanhalingstekens, bijvoorbeeld \"2026-12\")"
        )
    changelog = raw["changelog"]
    if not isinstance(changelog, list):
        raise ParameterFileError(f"{file}: 'changelog' moet een lijst van wijzigingen zijn")
    entries = []
    for i, item in enumerate(changelog):
        where = f"{file}: changelog[{i + 1}]"
        _mapping(item, _CHANGELOG_KEYS, where)
        entries.append(ChangelogEntry(*(_text(item.get(k), f"{where}.{k}") for k in ("parameter", "change", "source"))))
    return Edition(
        id=edition_id,
        title=_text(raw["title"], f"{file}: title", 200),
        published=_require_date(raw["published"], f"{file}: published"),
        description=_text(raw["description"], f"{file}: description") if raw.get("description") else "",
        changelog=tuple(entries),
        fingerprint=fingerprint,
        origin=origin,
    )


def _fingerprint_key(key: Any) -> str:
    if isinstance(key, str):
        return "s:" + key
    if isinstance(key, bool) or key is None:
        return "b:" + repr(key)
    if isinstance(key, (int, float)):
        return "n:" + repr(float(key))
    if isinstance(key, (dt.date, dt.datetime)):
        return "d:" + key.isoformat()
    return "o:" + repr(key)


def _fingerprint_form(value: Any) -> Any:
    """Canonical JSON-able form: number spelling, key order and YAML anchors do not matter."""
    if isinstance(value, dict):
        return {_fingerprint_key(k): _fingerprint_form(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fingerprint_form(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return {"num": repr(float(value))}
    if isinstance(value, (dt.date, dt.datetime)):
        return {"date": value.isoformat()}
    return {"other": repr(value)}


def fingerprint_of(raws: dict[str, Any]) -> str:
    """sha256 over the canonical form of the parsed data of every file except ``edition.yaml``."""
    data = {name: raw for name, raw in raws.items() if name != EDITION_FILE}
    text = json.dumps(_fingerprint_form(data), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ----------------------------------------------------------------------------------------------
# The book


@dataclass(frozen=True)
class ParameterBook:
    """All parameters of one edition, by name, the CAO salary table, and the edition's forecast."""

    parameters: dict[str, Parameter]
    salary: SalaryTable
    directory: Path = field(default=PARAMETER_DIR)
    edition: Edition | None = None
    forecast: Forecast | None = None

    def get(self, name: str, on: dt.date) -> ParameterValue:
        try:
            parameter = self.parameters[name]
        except KeyError:
            where = f"parametereditie {self.edition.id}" if self.edition else "de parametereditie"
            raise ParameterNotCovered(f"Parameter '{name}' bestaat niet in {where}") from None
        return parameter.at(on)

    def value(self, name: str, on: dt.date) -> Any:
        return self.get(name, on).value

    def on_forecast(self, name: str, on: dt.date) -> bool:
        """Does the value of ``name`` on ``on`` rest on the forecast?"""
        return on > self.parameters[name].covered_until

    @property
    def forecast_horizon(self) -> dt.date | None:
        return self.forecast.horizon if self.forecast is not None else None

    def with_forecast(
        self,
        values: dict[str, Any] | None = None,
        reasons: dict[str, str] | None = None,
        cao_rise_pct: float | None = None,
    ) -> ParameterBook:
        """The same edition with some forecast values replaced (a scenario's own forecast)."""
        values, reasons = values or {}, reasons or {}
        if not values and cao_rise_pct is None:
            return self
        horizon = self.forecast_horizon or dt.date(
            max(p.covered_until for p in self.parameters.values()).year + 4, 12, 31
        )
        parameters = dict(self.parameters)
        forecast_values = dict(self.forecast.values) if self.forecast else {}
        for name, value in values.items():
            parameter = parameters[name]
            fv = ForecastValue(
                name=name,
                value=value,
                horizon=horizon,
                last_known=parameter.values[-1].value,
                origin="scenario",
                reasoning=reasons.get(name) or "Opgegeven in het scenario (aanname van de gebruiker).",
            )
            parameters[name] = replace(parameter, forecast=fv)
            forecast_values[name] = fv
        salary = self.salary
        salary_forecast = self.forecast.salary if self.forecast else None
        if cao_rise_pct is not None:
            base = salary_forecast or SalaryForecast(
                pct=0.0,
                first=salary.covered_until + dt.timedelta(days=1),
                every_months=12,
                horizon=horizon,
                reasoning="",
            )
            salary_forecast = replace(
                base,
                pct=cao_rise_pct,
                origin="scenario",
                reasoning=reasons.get("cao_rise_pct") or "Opgegeven in het scenario (aanname van de gebruiker).",
            )
            salary = replace(salary, forecast=salary_forecast)
        forecast = Forecast(
            description=self.forecast.description if self.forecast else "",
            horizon=horizon,
            values=forecast_values,
            salary=salary_forecast,
        )
        return replace(self, parameters=parameters, salary=salary, forecast=forecast)


# ----------------------------------------------------------------------------------------------
# Loading: a folder, or one bundle file; the shipped edition through a cache of its parsed data

BUNDLE_MAX_BYTES = MAX_FILE_BYTES  # the one file limit (pricing.loading)
CACHE_VERSION = 1
CACHE_ENV = "REELE_PRIJS_CACHE_DIR"  # a folder for the parsed-data cache; "off" disables it


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
    """A folder in the shipped layout, or one bundle file (see the module docstring)."""
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


def parse_strict_yaml_text(text: str, name: str) -> Any:
    """YAML text parsed like :func:`read_strict_yaml` (the bounded reader); ``name`` is used in messages."""
    try:
        return load_yaml(text, thousands_check=False)
    except LoadError as exc:
        raise ParameterFileError(f"{name}: {exc.text()}") from None


def edition_bundle_text(directory: Path | str | None = None) -> str:
    """The edition in ``directory`` (default: the shipped one) as one bundle file, to download or reuse."""
    raws, _ = _read_folder(Path(directory) if directory is not None else PARAMETER_DIR)
    head = (
        "# Parametereditie in één bestand: per bestandsnaam (edition.yaml, forecast.yaml, cao_salary.yaml,\n"
        "# ...) de inhoud van dat bestand. Pas waarden aan, geef de editie een eigen id en changelog, en\n"
        "# laad het bestand in de app (zijbalk, Parametereditie) of met --parameters.\n"
    )
    return head + yaml.safe_dump(raws, allow_unicode=True, sort_keys=False, width=100)


def _cache_dir() -> Path | None:
    configured = os.environ.get(CACHE_ENV)
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reele-prijs"


def _tagged(value: Any) -> Any:
    """Lossless JSON form of parsed YAML (dates and non-string keys kept), for the cache."""
    if isinstance(value, dict):
        return {"$m": [[_tagged(k), _tagged(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return [_tagged(v) for v in value]
    if isinstance(value, dt.datetime):
        return {"$t": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$d": value.isoformat()}
    return value


def _untag_object(obj: dict[str, Any]) -> Any:
    """``json.loads`` object hook: rebuild mappings with their own keys, and dates (bottom-up)."""
    if "$m" in obj:
        return {(_untag_object(k) if isinstance(k, dict) else k): v for k, v in obj["$m"]}
    if "$d" in obj:
        return dt.date.fromisoformat(obj["$d"])
    if "$t" in obj:
        return dt.datetime.fromisoformat(obj["$t"])
    return obj


def _read_folder(directory: Path) -> tuple[dict[str, Any], str]:
    """Parsed YAML per file name, and its fingerprint. Both are cached by the sha256 of the files'
    bytes, so a changed byte (or a changed file list) reads the YAML again; validation always runs."""
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise ParameterFileError(f"geen parameterbestanden gevonden in {directory}")
    contents = [(p.name, p.read_bytes()) for p in files]
    digest = hashlib.sha256(f"v{CACHE_VERSION}".encode())
    for name, data in contents:
        digest.update(name.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    key = digest.hexdigest()
    cache = _cache_dir()
    cache_file = cache / f"edition-{key}.json" if cache is not None else None
    if cache_file is not None:
        try:
            stored = json.loads(cache_file.read_text(encoding="utf-8"), object_hook=_untag_object)
            if stored.get("key") == key:
                return stored["raws"], stored["fingerprint"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # no or unreadable cache: parse the YAML
    raws = {}
    for name, data in contents:
        raws[name] = parse_strict_yaml_text(data.decode("utf-8"), name) if data else None
    fingerprint = fingerprint_of(raws)
    if cache_file is not None:
        try:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(
                json.dumps({"key": key, "fingerprint": fingerprint, "raws": _tagged(raws)}), encoding="utf-8"
            )
            os.replace(tmp, cache_file)
        except (OSError, TypeError, ValueError):
            pass  # a read-only home or odd data: simply no cache
    return raws, fingerprint


def _load(directory: Path) -> ParameterBook:
    origin = "meegeleverd" if directory == PARAMETER_DIR else directory.name
    raws, fingerprint = _read_folder(directory)
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
    edition = _parse_edition(raws[EDITION_FILE], fingerprint, origin)
    for name in sorted(raws):
        raw = raws[name]
        if name in (EDITION_FILE, FORECAST_FILE):
            continue
        if name == SALARY_FILE:
            salary = _parse_salary_table(raw, name)
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
            parameters[pname] = _parse_parameter(pname, body, name)
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
        forecast = _parse_forecast(raws[FORECAST_FILE], parameters, salary)
        for pname, fv in forecast.values.items():
            q = parameters[pname]  # built directly: dataclasses.replace is slow for 40 parameters
            parameters[pname] = Parameter(
                name=q.name,
                description=q.description,
                unit=q.unit,
                covered_until=q.covered_until,
                file=q.file,
                values=q.values,
                forecast=fv,
            )
        if forecast.salary is not None:
            salary = replace(salary, forecast=forecast.salary)
    from pricing.ort_cap import edition_cap_problem

    cap_problem = edition_cap_problem(parameters, salary, FORECAST_FILE)
    if cap_problem is not None:
        raise ParameterFileError(cap_problem)
    return ParameterBook(parameters=parameters, salary=salary, directory=directory, edition=edition, forecast=forecast)
