"""The CAO salary table (``cao_salary.yaml``): hourly amounts per scale and step, the agreed rises and
the derived steps above 8, the lookup of one cell on a date, and how the file is read.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import TYPE_CHECKING, Any

from msgspec import field

from pricing.parameters.files import (
    SALARY_FILE,
    ParameterFileError,
    ParameterNotCovered,
    check_number,
    format_date,
    not_covered_message,
    require_date,
)
from pricing.parameters.references import Reference, parse_references
from pricing.parameters.values import STATUSES
from pricing.record import Record

if TYPE_CHECKING:
    from pricing.parameters.forecasts import SalaryForecast


class SalaryRise(Record, frozen=True):
    effective: dt.date
    pct: float
    status: str
    references: tuple[Reference, ...]
    note: str = ""
    uncertain_from: dt.date | None = None
    forecast: bool = False  # an assumed rise of the edition's forecast, not an agreed one


class SalaryLookup(Record, frozen=True):
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


class SalaryTable(Record, frozen=True, dict=True):  # dict: room for the lookups kept below
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

    @cached_property
    def _lookups(self) -> dict[tuple[object, ...], SalaryLookup]:
        """Lookups already made (the same cells on the same date for every line of a large table); a
        result is frozen, so one object serves every caller. Not a field: not part of the table's value."""
        return {}

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


def parse_salary_table(raw: Any, file: str) -> SalaryTable:
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
                cells.append(check_number(cell, "eur_per_hour", f"{file}: schaal {scale}"))
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
                effective=require_date(rise.get("effective"), f"{where}: effective"),
                pct=check_number(rise.get("pct"), "fraction", where),
                status=rise["status"],
                references=parse_references(rise.get("reference"), where),
                note=str(rise.get("note") or ""),
                uncertain_from=(
                    require_date(rise["uncertain_from"], f"{where}: uncertain_from")
                    if rise.get("uncertain_from") is not None
                    else None
                ),
            )
        )
    rises.sort(key=lambda r: r.effective)
    effective = require_date(table.get("effective"), f"{file}: table.effective")
    valid_from = None
    if table.get("valid_from") is not None:
        valid_from = require_date(table["valid_from"], f"{file}: table.valid_from")
        if valid_from > effective:
            raise ParameterFileError(f"{file}: table.valid_from ligt na table.effective")
    extension = _parse_extension(raw.get("above_step_8"), steps, scales, file)
    return SalaryTable(
        effective=effective,
        hours_per_week=check_number(table.get("hours_per_week"), "hours_per_year", file),
        steps=steps + extension["steps"],
        scales={s: row + extension["scales"].get(s, (None,) * len(extension["steps"])) for s, row in scales.items()},
        rises=tuple(rises),
        covered_until=require_date(raw["covered_until"], f"{file}: covered_until"),
        status=table["status"],
        references=parse_references(table.get("reference"), f"{file}: table"),
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
        rows[scale] = tuple(None if c is None else check_number(c, "eur_per_hour", where) for c in row)
    return {
        "steps": ext_steps,
        "scales": rows,
        "maxima": maxima,
        "status": raw["status"],
        "references": parse_references(raw.get("reference"), where),
        "note": str(raw.get("note") or ""),
    }
