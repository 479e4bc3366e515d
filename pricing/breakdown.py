"""Pure helpers the app needs on top of the engine's result (no Streamlit here).

- :func:`tariff_waterfall`: the team chain from salary to tariff per billable hour, as steps whose
  shown (rounded) amounts add up to the shown direct cost, cost price and tariff.
- :func:`convention_alternative`: the same scenario with the other overhead convention, so the
  euro difference between mark-up and share is the engine's own number.
- Staff table conversion between scenario rows and a table with Dutch headings (editor, CSV,
  Excel), and a per-row monthly-salary preview that works even while another row is invalid.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from msgspec.structs import replace

from pricing.costprice import CostPriceResult, compute
from pricing.display import shown_team
from pricing.loading import MAX_FILE_BYTES, MAX_FILE_MB
from pricing.model.scenario import Scenario
from pricing.money import allocate_rounding
from pricing.numbers import Kind, cell_number, format_dutch_input
from pricing.parameters import ParameterBook, ParameterNotCovered, load_parameter_book
from pricing.record import Record
from pricing.safety import restore_cell
from pricing.scenario import CONTRACT_LABELS, MAX_STAFF_LINES

if TYPE_CHECKING:
    import zipfile

# ----------------------------------------------------------------------------------------------
# Waterfall


class WaterfallStep(Record, frozen=True):
    label: str
    amount: Decimal  # per billable hour, shown precision
    kind: str  # "relative" (a component) or "total" (a subtotal bar)


_PERSONNEL_PARTS = (
    ("annual_salary", "Salaris"),
    ("ikb", "IKB"),
    ("irregular", "ORT"),
    ("career_budget", "Loopbaanbudget"),
    ("employer_premiums", "Werkgeverspremies"),
    ("pension", "Pensioen"),
    ("other_personnel", "Overige personeelskosten"),
    ("flat_oncost", "Vaste opslag werkgeverslasten"),
    ("org_cao_costs", "Vakbondscontributie en stagevergoeding"),
)


def effective_oncost(result: CostPriceResult) -> float:
    """The team's personnel cost over its annual salaries, minus one: the flat on-cost a simple-mode
    scenario would need to reach the same personnel cost (0.4 when there are no salaries)."""
    flat = result.scenario.norms.flat_oncost_pct
    if result.simple_mode:
        assert flat is not None  # simple mode is the mode with a flat on-cost
        return flat
    salary = sum(l.fte * l.cost.annual_salary for l in result.lines)
    return result.team.personnel_cost / salary - 1 if salary else 0.4


def tariff_waterfall(result: CostPriceResult) -> tuple[WaterfallStep, ...]:
    """Salary -> direct cost -> cost price -> realistic tariff, per billable hour (team-weighted).

    The personnel parts per hour are sum(FTE x part per FTE) / team billable hours, which adds up to
    the team's direct cost per hour; all hours per FTE are equal, so nothing is lost in weighting.
    Components that are zero (e.g. ORT in simple mode) are left out.
    """
    team = result.team
    shown = shown_team(team)
    hours = team.billable_hours
    parts = [
        (label, sum(l.fte * getattr(l.cost, attr) for l in result.lines) / hours) for attr, label in _PERSONNEL_PARTS
    ]
    parts = [(label, value) for label, value in parts if abs(value) > 1e-12]
    rounded = allocate_rounding([v for _, v in parts], float(shown["direct_cost_per_hour"]))
    steps = [WaterfallStep(label, amount, "relative") for (label, _), amount in zip(parts, rounded)]
    steps.append(WaterfallStep("Directe kosten", shown["direct_cost_per_hour"], "total"))
    for key, label in (
        ("overhead_per_hour", "Overhead"),
        ("material_per_hour", "Materieel"),
        ("reporting_per_hour", "Verplichtingen"),
    ):
        if shown[key] or key != "reporting_per_hour":
            steps.append(WaterfallStep(label, shown[key], "relative"))
    steps.append(WaterfallStep("Kostprijs", shown["cost_price_per_hour"], "total"))
    steps.append(WaterfallStep("Risico + innovatie", shown["risk_innovation_per_hour"], "relative"))
    if shown["reserve_per_hour"]:
        steps.append(WaterfallStep("Reserve", shown["reserve_per_hour"], "relative"))
    steps.append(WaterfallStep("Reëel tarief", shown["tariff_per_hour"], "total"))
    return tuple(steps)


# ----------------------------------------------------------------------------------------------
# Overhead conventions


def convention_alternative(scenario: Scenario, book: ParameterBook | None = None) -> CostPriceResult | None:
    """The scenario computed with the other overhead convention; None when that is not possible
    (overhead from cost lines, or a percentage of 100 % or more under the share convention)."""
    n = scenario.norms
    if n.overhead_lines or n.overhead_pct is None:
        return None
    other = "share" if n.overhead_convention == "markup" else "markup"
    if other == "share" and n.overhead_pct >= 1:
        return None
    return compute(replace(scenario, norms=replace(n, overhead_convention=other)), book)


CONVENTION_TEXT = {
    "markup": "opslag: overhead = directe kosten × percentage",
    "share": "aandeel: overhead is dat percentage van de integrale kosten, dus directe kosten / (1 − percentage) − directe kosten",
}


# ----------------------------------------------------------------------------------------------
# Staff table (Dutch headings) <-> scenario rows

COLUMNS = {
    "function": "Functie",
    "scale": "Schaal",
    "step": "Trede",
    "fte": "FTE",
    "contract": "Contract",
    "monthly_salary": "Eigen maandsalaris",
    "irregular_pct": "ORT %",
    "pension_entry_step": "Pensioeninstap",
    "persons": "Personen",
    "age_band": "Leeftijdsgroep",
    "primary_process": "Primair proces",
    "on_call_weekdays": "Consignatie werkdagen",
    "on_call_weekend_days": "Consignatie weekend- en feestdagen",
}
_YES_NO = {"ja": True, "nee": False, "true": True, "false": False, "yes": True, "no": False, "1": True, "0": False}
_CONTRACT_IN = {"vast": "permanent", "flexibel": "flexible", "permanent": "permanent", "flexible": "flexible"}
# The number columns of a staff table and the kind each is read as (pricing.numbers): a unit mark
# of another kind is refused, so '0,8 %' in the FTE column is no FTE of 0,8.
_CELL_KINDS: dict[str, Kind] = {
    "scale": "whole",
    "fte": "fte",
    "monthly_salary": "euro",
    "pension_entry_step": "whole",
    "persons": "whole",
}
_ALIASES = {
    "functie": "function",
    "function": "function",
    "schaal": "scale",
    "scale": "scale",
    "trede": "step",
    "step": "step",
    "fte": "fte",
    "contract": "contract",
    "contractvorm": "contract",
    "dienstverband": "contract",
    "eigen maandsalaris": "monthly_salary",
    "monthly_salary": "monthly_salary",
    "ort %": "irregular_pct",
    "ort": "irregular_pct",
    "ort%": "irregular_pct",
    "irregular_pct": "irregular_pct",
    "pensioeninstap": "pension_entry_step",
    "pension_entry_step": "pension_entry_step",
    "personen": "persons",
    "aantal personen": "persons",
    "persons": "persons",
    "medewerkers": "persons",
    "leeftijdsgroep": "age_band",
    "age_band": "age_band",
    "leeftijd": "age_band",
    "primair proces": "primary_process",
    "primary_process": "primary_process",
    "consignatie werkdagen": "on_call_weekdays",
    "on_call_weekdays": "on_call_weekdays",
    "consignatie weekend- en feestdagen": "on_call_weekend_days",
    "consignatie weekenddagen": "on_call_weekend_days",
    "on_call_weekend_days": "on_call_weekend_days",
}


# Headings as HR and salary systems export them (AFAS, Visma/Youforce, Nmbrs and hand-made lists).
_ALIASES.update(
    {
        "functienaam": "function",
        "functieomschrijving": "function",
        "functietitel": "function",
        "salarisschaal": "scale",
        "schaalnummer": "scale",
        "cao-schaal": "scale",
        "salaristrede": "step",
        "periodiek": "step",
        "trede/periodiek": "step",
        "treden": "step",
        "aantal fte": "fte",
        "fte's": "fte",
        "omvang (fte)": "fte",
        "omvang fte": "fte",
        "formatie (fte)": "fte",
        "deeltijdfactor": "fte",
        "werktijdfactor": "fte",
        "soort contract": "contract",
        "type contract": "contract",
        "soort dienstverband": "contract",
        "eigen salaris": "monthly_salary",
        "afwijkend maandsalaris": "monthly_salary",
        "ort-percentage": "irregular_pct",
        "ort percentage": "irregular_pct",
        "onregelmatigheidstoeslag": "irregular_pct",
        "onregelmatigheidstoeslag %": "irregular_pct",
    }
)


_AMBIGUOUS_SALARY = {"maandsalaris", "salaris", "brutosalaris", "bruto maandsalaris", "bruto salaris"}


def ignored_columns(records: list[dict[str, Any]]) -> list[str]:
    """Headings the staff import does not use (a name, a personnel number): ignored, and named so."""
    seen: list[str] = []
    for record in records:
        for heading in record:
            name = str(heading).strip().lower()
            if (
                name not in _ALIASES
                and name not in _IGNORED
                and name not in _AMBIGUOUS_SALARY
                and str(heading) not in seen
            ):
                seen.append(str(heading))
    return seen


# Exported for information only; ignored on import, so a round trip does not turn salaries from the
# CAO table into fixed own salaries. A bare "Maandsalaris" heading is ambiguous and is refused.
INFO_SALARY_COLUMN = "Maandsalaris (berekend, ter informatie)"
_IGNORED = {INFO_SALARY_COLUMN.lower()}


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _int_if_whole(value: Any) -> Any:
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


def _label(labels: Mapping[Any, str], value: Any) -> Any:
    """The label of ``value``, or ``value`` itself when it has none (also a list or mapping typed
    where a word belongs, which no label table can look up)."""
    try:
        return labels.get(value, value)
    except TypeError:  # unhashable
        return value


def staff_row_to_table(row: dict[str, Any]) -> dict[str, Any]:
    """One scenario staff row as a table row (Dutch headings, ORT as a percentage)."""
    irregular = row.get("irregular_pct")
    return {
        COLUMNS["function"]: row.get("function"),
        COLUMNS["scale"]: row.get("scale"),
        COLUMNS["step"]: None if row.get("step") is None else str(row.get("step")),
        COLUMNS["fte"]: row.get("fte"),
        COLUMNS["contract"]: _label(CONTRACT_LABELS, row.get("contract")),
        COLUMNS["monthly_salary"]: row.get("monthly_salary"),
        COLUMNS["irregular_pct"]: None
        if _blank(irregular) or not isinstance(irregular, (int, float))
        else round(irregular * 100, 6),
        COLUMNS["pension_entry_step"]: row.get("pension_entry_step"),
        COLUMNS["persons"]: row.get("persons"),
        COLUMNS["age_band"]: row.get("age_band"),
        COLUMNS["primary_process"]: _label({True: "ja", False: "nee"}, row.get("primary_process")),
        COLUMNS["on_call_weekdays"]: (row.get("on_call") or {}).get("weekdays")
        if isinstance(row.get("on_call"), dict)
        else None,
        COLUMNS["on_call_weekend_days"]: (row.get("on_call") or {}).get("weekend_days")
        if isinstance(row.get("on_call"), dict)
        else None,
    }


class StaffTableError(ValueError):
    """A staff table file cannot be read; the message is Dutch and says why."""


MAX_XLSX_UNPACKED = 50_000_000  # bytes inside an .xlsx (a zip); refuses a zip bomb before parsing
MAX_SHEET_XML = 8_000_000  # bytes of one worksheet's XML: 2,000 rows of even a richly styled sheet
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")


def read_staff_table(data: bytes, filename: str) -> list[dict[str, Any]]:
    """Rows (heading -> cell) of an uploaded staff table, CSV or .xlsx, within the limits.

    The file may hold at most :data:`pricing.scenario.MAX_STAFF_LINES` rows below its heading; a
    longer one is refused before its rows are read, so a 100,000-row file costs well under a second.
    Every failure of the underlying readers becomes a StaffTableError with a Dutch message.
    """
    if len(data) > MAX_FILE_BYTES:
        raise StaffTableError(f"Het bestand is groter dan de grens van {MAX_FILE_MB} MB.")
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _read_xlsx(data)
    if name.endswith(".xls"):
        raise StaffTableError("Oude Excel-bestanden (.xls) worden niet gelezen; sla het bestand op als .xlsx of CSV.")
    return _read_csv(data)


def _too_many(count: int) -> StaffTableError:
    return StaffTableError(
        f"Het bestand heeft meer dan {_nl_int(MAX_STAFF_LINES)} regels (gevonden: {_nl_int(count)} of meer); "
        f"de grens is {_nl_int(MAX_STAFF_LINES)} regels per formatie."
    )


def _nl_int(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _read_csv(data: bytes) -> list[dict[str, Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StaffTableError("Het CSV-bestand is geen UTF-8-tekst; sla het op als 'CSV UTF-8'.") from None
    lines = text.count("\n")
    if lines > MAX_STAFF_LINES + 50:  # blank lines and a heading leave some room
        raise _too_many(lines)
    first = text.split("\n", 1)[0]
    if not first.strip():
        raise StaffTableError(
            "Het bestand is leeg of begint met een lege regel; de eerste regel moet de kolomkoppen bevatten."
        )
    sep = ";" if first.count(";") >= first.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True))
    except csv.Error:
        raise StaffTableError(
            "Het CSV-bestand is niet goed opgebouwd (aanhalingstekens of regeleinden kloppen niet)."
        ) from None
    return _records(rows[0], rows[1:])


def _read_xlsx(data: bytes) -> list[dict[str, Any]]:
    import zipfile

    from openpyxl import load_workbook

    broken = StaffTableError("Het Excel-bestand kan niet worden gelezen: het is beschadigd of geen .xlsx-bestand.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNPACKED:
                raise StaffTableError("Het Excel-bestand is uitgepakt groter dan 50 MB; dat is geen formatie.")
            for info in archive.infolist():
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    _check_sheet_size(archive, info)
    except StaffTableError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError):
        raise broken from None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001  (openpyxl raises many kinds: KeyError, ValueError, XML errors)
        raise broken from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise StaffTableError("Het Excel-bestand bevat geen werkblad.")
        rows: list[tuple[Any, ...]] = []
        for cells in sheet.iter_rows():
            rows.append(tuple(_cell_as_shown(cell) for cell in cells))
            if len(rows) > MAX_STAFF_LINES + 1:
                raise _too_many(len(rows) - 1)
    except StaffTableError:
        raise
    except Exception:  # noqa: BLE001  (a broken sheet fails inside openpyxl in many ways)
        raise broken from None
    finally:
        workbook.close()
    if not rows:
        raise StaffTableError("Het Excel-bestand is leeg; de eerste regel moet de kolomkoppen bevatten.")
    return _records(rows[0], rows[1:])


def _cell_as_shown(cell: Any) -> Any:
    """An Excel cell's value, a percentage as Excel shows it: '5 %' typed in Excel is stored as 0.05
    with a percent format, and read as a bare 0.05 it was 0,05 % ORT (the column is in percent). As
    text with its mark the column's kind reads it, or refuses it where a percentage has no place."""
    value = cell.value
    number_format = getattr(cell, "number_format", None) or ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in number_format:
        return f"{format_dutch_input(round(value * 100, 10), 0)} %"
    return value


def _check_sheet_size(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Count a worksheet's rows on its raw XML while it is decompressed (a byte search), so a huge
    sheet is refused after its first 2,000 rows and before openpyxl parses anything."""
    if info.file_size > MAX_SHEET_XML:
        raise StaffTableError(
            "Het werkblad is groter dan de grens van 8 MB aan gegevens; een formatie van "
            f"{_nl_int(MAX_STAFF_LINES)} regels past daar ruim in."
        )
    rows, tail = 0, b""
    with archive.open(info) as handle:
        while chunk := handle.read(1 << 16):
            block = tail + chunk
            # A row tag split over two chunks is counted once: the tail (shorter than any tag) is
            # searched again with the next chunk, and what it matched alone is taken off.
            rows += len(_ROW_TAG.findall(block)) - len(_ROW_TAG.findall(tail))
            tail = block[-16:]
            if rows > MAX_STAFF_LINES + 1:
                raise _too_many(rows - 1)


def _records(heading: Sequence[Any], body: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
    names = ["" if cell is None else str(cell).strip() for cell in heading]
    seen = set()
    for name in names:
        if name and name.lower() in seen:
            raise StaffTableError(f"De kolom '{name[:40]}' komt twee keer voor.")
        seen.add(name.lower())
    if len(body) > MAX_STAFF_LINES:
        raise _too_many(len(body))
    records = []
    for row in body:
        record = {name: (row[i] if i < len(row) else None) for i, name in enumerate(names) if name}
        extra = [cell for i, cell in enumerate(row) if (i >= len(names) or not names[i]) and not _blank(cell)]
        if extra:
            raise StaffTableError("Een regel heeft een waarde in een kolom zonder kolomkop.")
        records.append(record)
    return records


def staff_from_table(records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """Table rows (Dutch or English headings) to scenario staff rows.

    Returns the rows and the problems that stop a conversion (a contract that is neither vast nor
    flexibel). Columns it does not know are ignored (see :func:`ignored_columns`). Ranges are left to scenario validation, which names the field.
    Completely empty rows are skipped: an editor's fresh row is not a staff line yet.
    """
    problems: list[str] = []
    rows: list[dict[str, Any]] = []
    for i, record in enumerate(records, start=1):
        mapped: dict[str, Any] = {}
        for heading, value in record.items():
            name = str(heading).strip().lower()
            if name in _IGNORED:
                continue
            key = _ALIASES.get(name)
            if key is None:
                continue
            mapped[key] = restore_cell(value)
        if all(_blank(v) for v in mapped.values()):
            continue
        row: dict[str, Any] = {}
        if not _blank(mapped.get("function")):
            row["function"] = str(mapped["function"]).strip()
        for key, kind in _CELL_KINDS.items():
            if not _blank(mapped.get(key)):
                value = cell_number(mapped[key], kind)
                row[key] = _int_if_whole(value) if key in ("scale", "pension_entry_step") else value
        if not _blank(mapped.get("step")):
            text = str(mapped["step"]).strip()
            if text.upper() in ("U1", "U2"):
                row["step"] = text.upper()
            else:
                step = cell_number(mapped["step"], "whole") if not text.isalpha() else text.lower()
                row["step"] = _int_if_whole(step)
        if not _blank(mapped.get("age_band")):
            row["age_band"] = str(mapped["age_band"]).strip()
        if not _blank(mapped.get("primary_process")):
            value = mapped["primary_process"]
            text = str(value).strip().lower()
            row["primary_process"] = value if isinstance(value, bool) else _YES_NO.get(text, text)
        days = {k: mapped.get(f"on_call_{k}") for k in ("weekdays", "weekend_days")}
        if any(not _blank(v) for v in days.values()):
            row["on_call"] = {k: _int_if_whole(cell_number(v, "whole")) for k, v in days.items() if not _blank(v)}
        if not _blank(mapped.get("contract")):
            text = str(mapped["contract"]).strip().lower()
            if text in _CONTRACT_IN:
                row["contract"] = _CONTRACT_IN[text]
            else:
                problems.append(f"Regel {i}: contract '{mapped['contract']}' is onbekend; kies vast of flexibel")
                row["contract"] = text
        if not _blank(mapped.get("irregular_pct")):
            value = cell_number(mapped["irregular_pct"], "percent")
            row["irregular_pct"] = value / 100 if isinstance(value, (int, float)) else value
        rows.append(row)
    # Other columns (a name, a personnel number) are ignored; ignored_columns() names them. A bare
    # salary column is not: it could be meant as an own salary, and ignoring it would change figures.
    ambiguous = sorted({str(h) for r in records for h in r if str(h).strip().lower() in _AMBIGUOUS_SALARY})
    if ambiguous:
        problems.insert(
            0,
            f"Kolom '{ambiguous[0]}' is dubbelzinnig: is dat het salaris uit de cao-tabel of een eigen "
            "maandsalaris? Noem de kolom 'Eigen maandsalaris' als de lonen afwijken van de cao-tabel, "
            "of laat de kolom weg; het salaris volgt dan uit schaal en trede.",
        )
    return rows, problems


class SalaryPreview(Record, frozen=True):
    monthly: float | None
    source: str  # "cao-tabel", "eigen opgave" or a Dutch reason why there is none


def salary_preview(row: dict[str, Any], on: dt.date | None, book: ParameterBook | None = None) -> SalaryPreview:
    """Monthly salary a staff row gets, independent of the other rows' validity."""
    own = row.get("monthly_salary")
    if isinstance(own, (int, float)) and not isinstance(own, bool) and math.isfinite(own) and own > 0:
        return SalaryPreview(float(own), "eigen opgave")
    if on is None:
        return SalaryPreview(None, "geen geldige peildatum")
    book = book or load_parameter_book()
    scale, step = row.get("scale"), row.get("step")
    if not isinstance(scale, int) or isinstance(scale, bool) or step is None:
        return SalaryPreview(None, "schaal en trede nodig")
    try:
        factor = book.value("monthly_hours_factor", on)
        found = book.salary.lookup(scale, step, on, factor)
    except (KeyError, LookupError, ParameterNotCovered):
        return SalaryPreview(None, "niet in de cao-tabel; geef een eigen maandsalaris op")
    return SalaryPreview(found.monthly, "cao-tabel")


# ----------------------------------------------------------------------------------------------
# The CAO rules' own amounts


class RuleEffect(Record, frozen=True):
    rule: str
    article: str
    amount: float  # team total per year: EUR (direct, before overhead and surcharges) or hours
    unit: str  # "eur" or "hours"
    explanation: str


def cao_rule_effects(result: CostPriceResult) -> tuple[RuleEffect, ...]:
    """What each CAO rule contributes to the team, read from the engine's figures (no new
    arithmetic beyond FTE-weighted sums): money per year before overhead and surcharges, or the
    hours that leave the productive hours. Rules that do not apply to any line are left out."""
    lines = result.lines
    fte = [l.fte for l in lines]

    def total(values: Iterable[float]) -> float:
        return sum(f * v for f, v in zip(fte, values))

    rows = [
        (
            "Arbeidsmarkttoeslag middeninkomens",
            "cao art. 6.6",
            total(l.cost.labour_market_allowance for l in lines),
            "eur",
            "1,13 % van het salaris in het primair proces (schalen 4-9); vakantietoeslag, eindejaarsuitkering, "
            "loopbaanbudget, premies en pensioen lopen erover mee.",
        ),
        (
            "Maximum onregelmatigheidstoeslag",
            "cao art. 6.12",
            -total(l.cost.irregular_uncapped - l.cost.irregular for l in lines),
            "eur",
            "ORT wordt betaald over ten hoogste het loon van schaal 5 trede 11; dit is de ORT die daardoor niet betaald wordt.",
        ),
        (
            "Sectorbijdrage FCB",
            "cao FCB",
            total(l.cost.sector_levy for l in lines),
            "eur",
            "0,086 % van de loonsom, bij de werkgeverspremies.",
        ),
        (
            "Zorgbijdrage per persoon",
            "cao art. 4.2",
            total(l.cost.ikb_health - result.rates.ikb_health for l in lines),
            "eur",
            "€ 10 per maand per medewerker, ongeacht de uren: meer personen dan FTE kost meer.",
        ),
        (
            "Vakbondscontributie en stagevergoeding",
            "cao 2025-2027",
            total(l.cost.org_cao_costs for l in lines),
            "eur",
            "Bedragen van de organisatie, verdeeld over de FTE.",
        ),
        (
            "Vitaliteitsuren",
            "cao art. 3.3",
            total(l.hours.vitality or 0.0 for l in lines),
            "hours",
            "Betaalde uren naar leeftijd; ze gaan af van de productieve uren, dus het uur wordt duurder.",
        ),
        (
            "Consignatie",
            "cao art. 5.4 / 6.13",
            total(l.hours.on_call for l in lines),
            "hours",
            "1 uur vrije tijd per werkdag en 2 uur per weekend- of feestdag consignatie; af van de productieve uren.",
        ),
    ]
    return tuple(
        RuleEffect(rule, article, amount, unit, text)
        for rule, article, amount, unit, text in rows
        if abs(amount) > 0.005
    )
