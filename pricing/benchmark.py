"""Benchmark sets, and a scenario's norms held against their bands.

A benchmark set gives, per norm key, a band (low-high) with its sources and whether the band was
published as such or constructed by this project from published points. Files are read like the
parameter files: strict YAML (duplicate keys refused), unknown keys refused, every band needs a
source. All problems in a file are collected at once, in Dutch, so a user who uploads a set can fix
them in one go.

The comparison is deliberately simple: inside the band is green; outside with a reason kept in the
scenario (``deviation_reasons``) is orange; outside without a reason is red. A band may say which
side is favourable (``favourable: low`` for sick leave: less absence is good news, not a deviation
to explain); a value beyond the band on that side is green and labelled favourable
(docs/methode.md section 7).
"""

from __future__ import annotations

import datetime as dt
import math
from importlib import resources
from pathlib import Path
from typing import Any

from pricing.costprice import NORM_LABELS, CostPriceResult, norm_values
from pricing.fields import shown_value
from pricing.loading import LoadError, control_character_in, control_character_text, load_yaml, read_file_bytes
from pricing.model.scenario import Scenario
from pricing.money import format_date_nl, format_unit
from pricing.parameters import Reference
from pricing.record import Record

# The default set is package data, so an installed package finds it from any folder:
# pricing/benchmarks/indicatief.yaml is a symbolic link to benchmarks/indicatief.yaml (the one source,
# which the docs and tests name), and the build follows it, so the wheel holds the file itself.
DEFAULT_SET = resources.files("pricing") / "benchmarks" / "indicatief.yaml"

UNITS = ("fraction", "hours_per_year", "eur_per_year")
KINDS = {
    "published_range": "gepubliceerde bandbreedte",
    "constructed": "band door dit project opgebouwd uit gepubliceerde punten",
}
# Keys a band may use: every flat norm key, plus the effective productivity, which the app also
# derives from an hours breakdown so the band applies whichever way hours were entered.
BAND_KEYS = tuple(NORM_LABELS) + tuple(k for k in ("productivity",) if k not in NORM_LABELS)

_TOP_KEYS = ("name", "description", "bands")
_BAND_KEYS = ("label", "unit", "low", "high", "kind", "note", "sources", "convention", "favourable")
# Overhead bands say whether they are a mark-up on direct costs or a share of integral costs
# (docs/methode.md section 3.11): a scenario's overhead is converted before it is compared.
CONVENTIONS = ("markup", "share")
# Which side of a band is good news: low (below the band needs no reason), high, or neither (both
# sides are deviations to explain). Optional in a file; without it a band is two-sided.
FAVOURABLE = {
    "low": "lager is gunstig: onder de band is geen afwijking",
    "high": "hoger is gunstig: boven de band is geen afwijking",
    "neither": "beide kanten zijn een afwijking die een toelichting vraagt",
}
_SOURCE_KEYS = ("title", "href", "value", "date", "reasoning")

LIGHTS = {
    "green": "binnen de band",
    "orange": "buiten de band, met toelichting",
    "red": "buiten de band, toelichting ontbreekt",
    "none": "geen band in deze set",
}
FAVOURABLE_LABEL = {"below": "onder de band: gunstig", "above": "boven de band: gunstig"}


class BenchmarkFileError(ValueError):
    """A benchmark set file is invalid; ``problems`` lists every problem (Dutch)."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("Benchmarkset ongeldig:\n" + "\n".join(f"- {p}" for p in self.problems))


class BandSource(Reference, frozen=True):
    """A band's source (title, link, date, or this model's assumption) and its published point."""

    value: float | None = None  # the published point, where the source gives one


class Band(Record, frozen=True):
    key: str
    label: str
    unit: str
    low: float
    high: float
    kind: str
    note: str
    sources: tuple[BandSource, ...]
    convention: str | None = None  # overhead only: markup or share
    favourable: str = "neither"  # low | high | neither

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def direction_label(self) -> str:
        return FAVOURABLE[self.favourable]

    @property
    def source_text(self) -> str:
        return "; ".join(s.text for s in self.sources)

    @property
    def source_markdown(self) -> str:
        return "; ".join(s.markdown for s in self.sources)

    def text(self) -> str:
        """The band as shown, e.g. ``72,8 % – 83,0 %``."""
        return f"{format_value(self.low, self.unit)} – {format_value(self.high, self.unit)}"

    def position(self, value: float) -> str:
        # A tolerance well below any shown precision: 0.2 typed as 20 % must count as inside 20 %.
        eps = 1e-9 * max(1.0, abs(self.high))
        if value < self.low - eps:
            return "below"
        if value > self.high + eps:
            return "above"
        return "within"


class BenchmarkSet(Record, frozen=True):
    name: str
    description: str
    bands: dict[str, Band]
    origin: str  # file name, for the UI


def format_value(value: float, unit: str) -> str:
    """A norm value in Dutch, by unit (fractions as %, hours, euros)."""
    return format_unit(value, unit)


# ----------------------------------------------------------------------------------------------
# Loading


def load_benchmark_set(path: str | Path | None = None) -> BenchmarkSet:
    """The set in the file at ``path``; without a path, the default set the package ships."""
    if path is None:
        return parse_benchmark_set(DEFAULT_SET.read_bytes(), DEFAULT_SET.name)
    path = Path(path)
    try:
        data = read_file_bytes(path)
    except LoadError as error:
        raise BenchmarkFileError([error.message]) from None
    return parse_benchmark_set(data, path.name)


def parse_benchmark_set(data: bytes | str, origin: str = "benchmarkset.yaml") -> BenchmarkSet:
    """Parse and validate a benchmark set; raises BenchmarkFileError listing every problem."""
    try:
        raw = load_yaml(data)
    except LoadError as exc:
        raise BenchmarkFileError([str(exc)]) from None
    # A set's name and labels reach the offer PDF as they are written.
    found = control_character_in(raw)
    if found is not None:
        raise BenchmarkFileError([f"{found[0]}: {control_character_text(found[1])}"])
    return validate_benchmark_set(raw, origin)


def validate_benchmark_set(raw: Any, origin: str = "benchmarkset.yaml") -> BenchmarkSet:
    problems: list[str] = []
    if not isinstance(raw, dict):
        raise BenchmarkFileError(["verwacht een mapping met name, description en bands"])
    for key in raw:
        if key not in _TOP_KEYS:
            problems.append(f"{key}: onbekende sleutel; toegestaan zijn: {', '.join(_TOP_KEYS)}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append("name: is verplicht (tekst)")
    description = raw.get("description", "")
    if description is not None and not isinstance(description, str):
        problems.append("description: verwacht tekst")
    bands_raw = raw.get("bands")
    bands: dict[str, Band] = {}
    if not isinstance(bands_raw, dict) or not bands_raw:
        problems.append("bands: verwacht een niet-lege mapping van normsleutel naar band")
        bands_raw = {}
    for key, body in bands_raw.items():
        band = _validate_band(str(key), body, problems)
        if band is not None:
            bands[band.key] = band
    if problems:
        raise BenchmarkFileError(problems)
    assert isinstance(name, str)  # a problem was added otherwise
    return BenchmarkSet(name=name.strip(), description=(description or "").strip(), bands=bands, origin=origin)


def _finite_number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _validate_band(key: str, body: Any, problems: list[str]) -> Band | None:
    where = f"bands.{key}"
    before = len(problems)
    if key not in BAND_KEYS:
        problems.append(f"{where}: onbekende normsleutel; gebruik een van: {', '.join(BAND_KEYS)}")
    if not isinstance(body, dict):
        problems.append(f"{where}: verwacht een mapping met {', '.join(_BAND_KEYS)}")
        return None
    for k in body:
        if k not in _BAND_KEYS:
            problems.append(f"{where}.{k}: onbekende sleutel; toegestaan zijn: {', '.join(_BAND_KEYS)}")
    label = body.get("label")
    if not isinstance(label, str) or not label.strip():
        problems.append(f"{where}.label: is verplicht (tekst)")
    unit = body.get("unit")
    if unit not in UNITS:
        problems.append(f"{where}.unit: {shown_value(unit)} is niet toegestaan; kies uit: {', '.join(UNITS)}")
    kind = body.get("kind")
    if kind not in KINDS:
        problems.append(f"{where}.kind: {shown_value(kind)} is niet toegestaan; kies uit: {', '.join(KINDS)}")
    low, high = _finite_number(body.get("low")), _finite_number(body.get("high"))
    if low is None:
        problems.append(f"{where}.low: verwacht een getal")
    if high is None:
        problems.append(f"{where}.high: verwacht een getal")
    if low is not None and high is not None:
        if low > high:
            problems.append(f"{where}: low ({low}) is groter dan high ({high})")
        if unit == "fraction" and not (0 <= low <= 3 and 0 <= high <= 3):
            problems.append(f"{where}: een fractie ligt tussen 0 en 3 (0,25 = 25 %), gevonden {low}-{high}")
    note = body.get("note", "")
    if note is not None and not isinstance(note, str):
        problems.append(f"{where}.note: verwacht tekst")
    sources = _validate_sources(body.get("sources"), where, problems)
    convention = body.get("convention")
    if key == "overhead.pct" and convention not in CONVENTIONS:
        problems.append(
            f"{where}.convention: verplicht voor overhead; kies markup (opslag op directe kosten) of "
            f"share (aandeel van de integrale kosten)"
        )
    elif key != "overhead.pct" and convention is not None:
        problems.append(f"{where}.convention: alleen voor overhead.pct")
    favourable = body.get("favourable", "neither")
    if favourable not in FAVOURABLE:
        problems.append(
            f"{where}.favourable: {shown_value(favourable)} is niet toegestaan; kies low (lager is gunstig), "
            f"high (hoger is gunstig) of neither (beide kanten vragen een toelichting)"
        )
    if len(problems) != before:
        return None
    # No problem was added, so every check above passed (the type checker cannot follow the count).
    assert isinstance(label, str) and isinstance(unit, str) and isinstance(kind, str)
    assert low is not None and high is not None
    return Band(
        key=key,
        label=label.strip(),
        unit=unit,
        low=low,
        high=high,
        kind=kind,
        note=(note or "").strip(),
        sources=sources,
        convention=convention,
        favourable=favourable,
    )


def convert_overhead(pct: float, from_convention: str, to_convention: str) -> float:
    """The same overhead amount in the other convention: share s = m / (1 + m), mark-up m = s / (1 - s)."""
    if from_convention == to_convention:
        return pct
    if from_convention == "share":
        return pct / (1.0 - pct)
    return pct / (1.0 + pct)


def _validate_sources(raw: Any, where: str, problems: list[str]) -> tuple[BandSource, ...]:
    if not isinstance(raw, list) or not raw:
        problems.append(f"{where}.sources: elke band heeft minstens één bron nodig (title, href)")
        return ()
    out = []
    for i, item in enumerate(raw):
        sw = f"{where}.sources[{i + 1}]"
        if not isinstance(item, dict):
            problems.append(f"{sw}: verwacht een mapping met title en href")
            continue
        for k in item:
            if k not in _SOURCE_KEYS:
                problems.append(f"{sw}.{k}: onbekende sleutel; toegestaan zijn: {', '.join(_SOURCE_KEYS)}")
        title = item.get("title")
        if not isinstance(title, str) or not title.strip():
            problems.append(f"{sw}.title: is verplicht (tekst)")
            continue
        href = item.get("href") or ""
        if not isinstance(href, str):
            problems.append(f"{sw}.href: verwacht tekst (een link) of leeg")
            continue
        date = item.get("date")
        date = "" if date is None else (format_date_nl(date) if isinstance(date, dt.date) else str(date).strip())
        reasoning = item.get("reasoning") or ""
        if not isinstance(reasoning, str):
            problems.append(f"{sw}.reasoning: verwacht tekst")
            continue
        value = None
        if item.get("value") is not None:
            value = _finite_number(item["value"])
            if value is None:
                problems.append(f"{sw}.value: verwacht een getal")
                continue
        out.append(
            BandSource(title=title.strip(), href=href.strip(), date=date, reasoning=reasoning.strip(), value=value)
        )
    return tuple(out)


# ----------------------------------------------------------------------------------------------
# Comparing a scenario


class BandCheck(Record, frozen=True):
    key: str
    label: str
    value: float
    unit: str
    derived: bool  # the value is computed (e.g. productivity from the hours), not typed
    band: Band | None
    position: str  # within | below | above | none
    reason: str
    light: str  # green | orange | red | none
    favourable: bool = False  # outside the band on the side the band calls favourable

    @property
    def light_label(self) -> str:
        if self.favourable:
            return FAVOURABLE_LABEL[self.position]
        return LIGHTS[self.light]

    @property
    def outside(self) -> bool:
        return self.position in ("below", "above")

    @property
    def needs_reason(self) -> bool:
        """Outside the band on a side that is a deviation (not the favourable side)."""
        return self.outside and not self.favourable


def benchmark_values(scenario: Scenario, result: CostPriceResult | None = None) -> dict[str, tuple[float, bool]]:
    """Norm key -> (value, derived). Adds the effective productivity and overhead where derived."""
    values = {k: (float(v), False) for k, v in norm_values(scenario).items()}
    if result is not None:
        if "productivity" not in values:
            values["productivity"] = (result.hours.productivity, True)
        if "overhead.pct" not in values:
            # Overhead built bottom-up from cost lines: the equivalent mark-up is what compares.
            values["overhead.pct"] = (result.overhead_pct, True)
    return values


def check_value(
    key: str,
    value: float,
    bset: BenchmarkSet,
    reasons: dict[str, str],
    derived: bool = False,
    convention: str | None = None,
) -> BandCheck:
    """``value`` against its band; an overhead in another convention than the band's is converted."""
    band = bset.bands.get(key)
    label, unit = NORM_LABELS.get(key, (band.label if band else key, band.unit if band else "fraction"))
    reason = (reasons or {}).get(key, "").strip()
    if band is None:
        return BandCheck(key, label, value, unit, derived, None, "none", reason, "none")
    if band.convention and convention and convention != band.convention:
        value = convert_overhead(value, convention, band.convention)
        label += " (omgerekend naar " + ("opslag" if band.convention == "markup" else "aandeel") + ")"
        derived = True
    position = band.position(value)
    favourable = (position, band.favourable) in (("below", "low"), ("above", "high"))
    if position == "within" or favourable:
        light = "green"
    else:
        light = "orange" if reason else "red"
    return BandCheck(key, label, value, band.unit, derived, band, position, reason, light, favourable)


def compare_to_set(scenario: Scenario, result: CostPriceResult | None, bset: BenchmarkSet) -> tuple[BandCheck, ...]:
    """Every norm of the scenario against the set; banded norms first, in the set's order."""
    values = benchmark_values(scenario, result)
    checks = []
    # Overhead from cost lines is already a mark-up (benchmark_values); a percentage has its convention.
    convention = scenario.norms.overhead_convention if scenario.norms.overhead_pct is not None else "markup"
    for key in bset.bands:
        if key in values:
            value, derived = values[key]
            checks.append(
                check_value(
                    key, value, bset, scenario.deviation_reasons, derived, convention if key == "overhead.pct" else None
                )
            )
    for key, (value, derived) in values.items():
        if key not in bset.bands:
            checks.append(check_value(key, value, bset, scenario.deviation_reasons, derived))
    return tuple(checks)


def missing_reasons(checks: tuple[BandCheck, ...]) -> tuple[str, ...]:
    """Keys of norms outside their band that still need a reason."""
    return tuple(c.key for c in checks if c.light == "red")
