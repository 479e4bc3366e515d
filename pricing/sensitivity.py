"""What the price rests on: each assumption with its stated range, and a tornado of them.

Every assumption gets a stated range: its band in the benchmark set where the set has one
(productivity, sick leave, overhead), otherwise a default range of plus or minus 10 % of the value,
visibly an assumption. The index of the first contract year gets a range built from the published
gap between provisional and definitive OVA figures.

:func:`sensitivity` moves one assumption at a time to each end of its range and runs the engine
(:func:`pricing.costprice.compute`) again on the changed scenario, or prices a norm by the closed
form of :mod:`pricing.tariff_model`; the bars are sorted by the width of their effect on the
tariff. The risk band that draws all banded assumptions at once is :mod:`pricing.risk_band`.
"""

from __future__ import annotations

from collections.abc import Callable

from msgspec.structs import replace

from pricing.benchmark import Band, BenchmarkSet, convert_overhead, load_benchmark_set
from pricing.costprice import CostPriceResult, compute, productive_hours
from pricing.model.scenario import Norms, Scenario
from pricing.money import cents, format_unit
from pricing.parameters import ParameterBook
from pricing.record import Record
from pricing.tariff_model import TariffModel

DEFAULT_RELATIVE = 0.10  # plus or minus 10 % of the value where no band is known
# Forecast values that get a bar: statutory premiums and PFZW figures (not CAO rules or shares).
FORECAST_FILES = ("employer_premiums.yaml", "pension.yaml")
FORECAST_SKIP = ("employer_share", "wia_excedent_employer_share")

# The index of a contract year: range around the figure used, from the published gap between
# VNG's provisional and definitive OVA (2023: 4,74 -> 6,36 %; 2024: 4,94 -> 6,00 %).
INDEX_BELOW = 0.010
INDEX_ABOVE = 0.016
INDEX_SOURCE = (
    "Verschil tussen voorlopige en definitieve OVA volgens de VNG (indexatie Wmo en Jeugdwet 2024 en 2025): "
    "2023 +1,62 %-punt (4,74 % → 6,36 %), 2024 +1,06 %-punt (4,94 % → 6,00 %). Bandbreedte −1,0 tot "
    "+1,6 %-punt rond het gebruikte cijfer: aanname op basis van die verschillen"
)
DEFAULT_SOURCE = "Aanname: ±10 % van de gebruikte waarde (geen publieke bandbreedte bekend)"

LABELS = {
    "productivity": "Productiviteit",
    "hours.sick_pct": "Ziekteverzuim",
    "overhead.pct": "Overhead",
    "other_personnel_pct": "Overige personeelskosten",
    "flat_oncost_pct": "Vaste opslag werkgeverslasten",
    "material_per_fte": "Materiële kosten per FTE",
    "reporting_per_fte": "Kosten gemeentelijke verplichtingen per FTE",
    "risk_pct": "Opslag risico",
    "innovation_pct": "Opslag innovatie",
    "client_bound_share": "Aandeel cliëntgebonden uren",
}
UNITS = {
    "productivity": "fraction",
    "hours.sick_pct": "fraction",
    "overhead.pct": "fraction",
    "other_personnel_pct": "fraction",
    "flat_oncost_pct": "fraction",
    "material_per_fte": "eur_per_year",
    "reporting_per_fte": "eur_per_year",
    "risk_pct": "fraction",
    "innovation_pct": "fraction",
    "client_bound_share": "fraction",
}


class Assumption(Record, frozen=True):
    """One assumption with its range; ``key`` names what :func:`apply` changes."""

    key: str
    label: str
    unit: str  # fraction | hours_per_year | eur_per_year
    central: float
    low: float
    high: float
    source: str
    sourced: bool  # the range comes from a public band; False: an assumption
    in_band: bool  # drawn for the risk band
    note: str = ""
    year: int | None = None  # a contract year's index: the bar is on that year's tariff

    def range_text(self) -> str:
        return f"{value_text(self.low, self.unit)} – {value_text(self.high, self.unit)}"

    def with_range(self, low: float, high: float) -> Assumption:
        return replace(self, low=low, high=high)


def value_text(value: float, unit: str) -> str:
    """A range end in Dutch; percentages get a second decimal when the first would hide it (1,35 %)."""
    second = unit == "fraction" and abs(round(value * 1000) - value * 1000) > 1e-6
    return format_unit(value, unit, pct_places=2 if second else 1, eur_places=0 if unit == "eur_per_year" else 2)


class Bar(Record, frozen=True):
    """The tariff (per hour) and the staffing's budget (per year) at both ends of one range."""

    assumption: Assumption
    tariff_central: float
    tariff_at_low: float
    tariff_at_high: float
    budget_central: float
    budget_at_low: float
    budget_at_high: float

    @property
    def width(self) -> float:
        return abs(self.tariff_at_high - self.tariff_at_low)

    @property
    def delta_low(self) -> float:
        return self.tariff_at_low - self.tariff_central

    @property
    def delta_high(self) -> float:
        return self.tariff_at_high - self.tariff_central


class Sensitivity(Record, frozen=True):
    tariff: float
    budget: float
    bars: tuple[Bar, ...]  # widest effect first
    notes: tuple[str, ...]  # what is deliberately not varied, in Dutch


# ----------------------------------------------------------------------------------------------
# Ranges


def _relative(value: float) -> tuple[float, float]:
    return value * (1.0 - DEFAULT_RELATIVE), value * (1.0 + DEFAULT_RELATIVE)


def _band_source(band: Band) -> str:
    return f"{band.source_text} ({band.kind_label})"


def assumptions(result: CostPriceResult, bset: BenchmarkSet | None = None) -> tuple[Assumption, ...]:
    """The assumptions of ``result``'s scenario with their ranges, in a fixed order."""
    bset = bset if bset is not None else load_benchmark_set()
    scenario, norms = result.scenario, result.scenario.norms
    out: list[Assumption] = []

    def add(key: str, central: float, *, in_band: bool = True, band_key: str | None = None, note: str = "") -> None:
        band = bset.bands.get(band_key or key)
        if band is not None:
            low, high = band.low, band.high
            if key == "overhead.pct" and band.convention and band.convention != _overhead_convention(scenario):
                low = convert_overhead(low, band.convention, _overhead_convention(scenario))
                high = convert_overhead(high, band.convention, _overhead_convention(scenario))
            source, sourced = _band_source(band), True
        else:
            low, high = _relative(central)
            source, sourced = DEFAULT_SOURCE, False
        out.append(Assumption(key, LABELS[key], UNITS[key], central, low, high, source, sourced, in_band, note))

    hours = result.hours
    if norms.hours is not None:  # the hours breakdown (hours.method "uren")
        add(
            "productivity",
            hours.productivity,
            note="volgt hier uit de urenopbouw; de balk zet de productiviteit als geheel op de uiteinden van de band.",
        )
        add(
            "hours.sick_pct",
            norms.hours.sick_pct,
            in_band=False,
            note="onderdeel van de productiviteit; in de risicoband varieert de productiviteit als geheel, "
            "zodat het verzuim niet dubbel telt.",
        )
    else:
        add("productivity", hours.productivity)
    if norms.billable == "client_bound":
        add("client_bound_share", norms.client_bound_share)
    overhead_note = (
        "De overhead is opgebouwd uit kostenregels; de balk zet het daaruit volgende "
        "opslagpercentage op de uiteinden van de bandbreedte."
        if norms.overhead_lines
        else ""
    )
    overhead_note = overhead_note[0].lower() + overhead_note[1:] if overhead_note else ""
    add("overhead.pct", result.overhead_pct, note=overhead_note)
    if norms.flat_oncost_pct is not None:
        add("flat_oncost_pct", norms.flat_oncost_pct)
    else:
        add("other_personnel_pct", norms.other_personnel_pct)
    for key in ("material_per_fte", "reporting_per_fte", "risk_pct", "innovation_pct"):
        value = getattr(norms, key)
        if value:
            add(key, value)
    index = index_assumption(scenario)
    if index is not None:
        out.append(index)
    out.extend(forecast_assumptions(result))
    return tuple(out)


def _overhead_convention(scenario: Scenario) -> str:
    """The convention the scenario's overhead is expressed in (cost lines give a mark-up)."""
    return scenario.norms.overhead_convention if scenario.norms.overhead_pct is not None else "markup"


def index_assumption(scenario: Scenario) -> Assumption | None:
    """The index on 1 January of the first contract year with an index, when there is a contract."""
    contract = scenario.contract
    if contract is None or not contract.indexation.years:
        return None
    row = next((r for r in contract.indexation.years if r.year in contract.contract_years), None)
    if row is None:
        return None
    origin = {"aanname": "aangenomen", "opgegeven": "opgegeven", "data": "uit de OVA/PPC-cijfers"}.get(
        row.origin, row.origin
    )
    return Assumption(
        key=f"index.{row.year}",
        label=f"Indexatie {row.year} (tarief {row.year})",
        unit="fraction",
        central=row.index,
        low=row.index - INDEX_BELOW,
        high=row.index + INDEX_ABOVE,
        source=INDEX_SOURCE,
        sourced=False,
        in_band=False,
        year=row.year,
        note=f"effect op het tarief in {row.year} (indexcijfer {origin}); het tarief op de peildatum verandert niet, "
        "daarom zit deze balk niet in de risicoband.",
    )


def forecast_assumptions(result: CostPriceResult) -> tuple[Assumption, ...]:
    """One assumption per forecast value the price rests on (pricing.forecast): statutory premiums,
    PFZW figures and the assumed CAO rise for dates beyond the published figures.

    CAO rules carried over (IKB, career budget, the 50/50 pension split) and norms are left out:
    the norms have their own bars, and a rule is not a figure that moves. The range runs from the
    last published value to twice the assumed change; a value carried over unchanged gets plus or
    minus 10 %. Not drawn for the risk band: these rates enter the personnel cost through caps and
    franchises, not in the closed form.
    """
    from pricing.forecast import CAO_RISE_KEY
    from pricing.forecast_effects import forecast_uses

    out = []
    book = result_book(result)
    for use in forecast_uses(result, book, effects=False):
        if use.key != CAO_RISE_KEY:
            parameter = book.parameters[use.key]
            if parameter.file not in FORECAST_FILES or use.key in FORECAST_SKIP:
                continue
        if isinstance(use.value, bool) or not isinstance(use.value, (int, float)) or not use.value:
            continue
        value, last = float(use.value), float(use.last_known)
        if value != last:
            change = abs(value - last)
            low, high = value - change, value + change
            rule = "van de laatst gepubliceerde waarde tot tweemaal de aangenomen verandering"
        else:
            low, high = value * (1 - DEFAULT_RELATIVE), value * (1 + DEFAULT_RELATIVE)
            rule = "±10 % van de doorgetrokken waarde"
        out.append(
            Assumption(
                key=f"forecast.{use.key}",
                label="Prognose: cao-verhoging na de laatste afspraak"
                if use.key == CAO_RISE_KEY
                else f"Prognose: {_short_label(use.label)}",
                unit=use.unit if use.unit in ("fraction", "eur_per_year", "hours_per_year") else "number",
                central=value,
                low=low,
                high=high,
                source=f"Prognose van de parametereditie: {use.reasoning} Bandbreedte {rule}: aanname",
                sourced=False,
                in_band=False,
                note="prognose, nog geen gepubliceerd cijfer; niet in de risicoband.",
            )
        )
    return tuple(out)


def _short_label(text: str, limit: int = 48) -> str:
    """A parameter description short enough for a chart row: no parenthesis, cut at a word."""
    text = text.split(" (")[0].strip()
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def result_book(result: CostPriceResult) -> ParameterBook:
    from pricing.forecast_effects import result_book as book_of

    return book_of(result)


def _forecast_book(book: ParameterBook, key: str, value: float) -> ParameterBook:
    """``book`` with the forecast value of ``key`` (a parameter, or the CAO rise) set to ``value``."""
    from pricing.forecast import CAO_RISE_KEY

    # A forecast assumption exists only where the price rests on the book's forecast of ``key``
    # (forecast_assumptions reads forecast_uses), so that forecast is there.
    if key == CAO_RISE_KEY:
        table = book.salary
        assert table.forecast is not None
        return replace(book, salary=replace(table, forecast=replace(table.forecast, pct=value)))
    forecast = book.parameters[key].forecast
    assert forecast is not None
    return book.with_forecast({key: value}, {key: forecast.reasoning})


# ----------------------------------------------------------------------------------------------
# Applying one value


# The norms an assumption sets as they are (the rest of UNITS is handled in apply).
_NUMBER_NORMS: dict[str, Callable[[Norms, float], Norms]] = {
    "other_personnel_pct": lambda norms, value: replace(norms, other_personnel_pct=value),
    "flat_oncost_pct": lambda norms, value: replace(norms, flat_oncost_pct=value),
    "material_per_fte": lambda norms, value: replace(norms, material_per_fte=value),
    "reporting_per_fte": lambda norms, value: replace(norms, reporting_per_fte=value),
    "risk_pct": lambda norms, value: replace(norms, risk_pct=value),
    "innovation_pct": lambda norms, value: replace(norms, innovation_pct=value),
    "client_bound_share": lambda norms, value: replace(norms, client_bound_share=value),
}


def apply(scenario: Scenario, key: str, value: float, contract_hours: float | None = None) -> Scenario:
    """``scenario`` with the assumption ``key`` set to ``value`` (norm keys only)."""
    norms = scenario.norms
    if key == "productivity":
        hours = (
            contract_hours
            if contract_hours is not None
            else (norms.hours.contract if norms.hours else norms.contract_hours)
        )
        norms = replace(norms, hours=None, productivity=value, productive_hours=None, contract_hours=hours)
    elif key == "hours.sick_pct":
        # The sick-leave assumption exists only with an hours breakdown (assumptions()).
        assert norms.hours is not None
        norms = replace(norms, hours=replace(norms.hours, sick_pct=value))
    elif key == "overhead.pct":
        norms = replace(
            norms, overhead_pct=value, overhead_lines=(), overhead_convention=_overhead_convention(scenario)
        )
    elif key in _NUMBER_NORMS:
        norms = _NUMBER_NORMS[key](norms, value)
    else:
        raise KeyError(key)
    return replace(scenario, norms=norms)


def apply_all(scenario: Scenario, values: dict[str, float], contract_hours: float | None = None) -> Scenario:
    for key, value in values.items():
        scenario = apply(scenario, key, value, contract_hours)
    return scenario


def tariff_at(
    result: CostPriceResult, assumption: Assumption, value: float, book: ParameterBook
) -> tuple[float, float]:
    """(team tariff per hour, staff budget per year) with ``assumption`` at ``value``, by the engine."""
    scenario = result.scenario
    if assumption.year is not None:
        factor = _index_factor(scenario, assumption.year, value)
        return result.team.tariff_per_hour * factor, result.team.staff_budget * factor
    if assumption.key.startswith("forecast."):
        # The result's own book already holds the scenario's forecast; the bare scenario keeps it so.
        changed = compute(
            replace(scenario, forecast=None),
            _forecast_book(result_book(result), assumption.key.split(".", 1)[1], value),
        )
    else:
        changed = compute(apply(scenario, assumption.key, value, result.hours.contract), book)
    return changed.team.tariff_per_hour, changed.team.staff_budget


def _sick_shift(result: CostPriceResult, sick_pct: float) -> float:
    """Productive hours per FTE gained (negative: lost) with the sick leave at ``sick_pct``: the
    organisation's hours breakdown again; every line's own hours move by the same amount."""
    norms = apply(result.scenario, "hours.sick_pct", sick_pct).norms
    return productive_hours(norms).productive - result.hours.productive


def _index_factor(scenario: Scenario, year: int, value: float | None) -> float:
    """The cumulative price factor of contract year ``year``, with that year's index set to ``value``."""
    # Only an index assumption has a year, and index_assumption() makes one only with a contract.
    assert scenario.contract is not None
    factor = 1.0
    for row in scenario.contract.indexation.years:
        if row.year > year:
            break
        factor *= 1.0 + (value if row.year == year and value is not None else row.index)
    return factor


def sensitivity(
    result: CostPriceResult,
    bset: BenchmarkSet | None = None,
    book: ParameterBook | None = None,
    chosen: tuple[Assumption, ...] | None = None,
) -> Sensitivity:
    """One bar per assumption: the tariff at both ends of its range; widest effect first.

    A norm the closed form covers (:class:`TariffModel`, held against the engine by the tests) is
    priced by it: an engine rerun per bar end would cost 14 runs of the whole chain, about a second
    for 2,000 staff lines. Sick leave moves every line's productive hours by one amount (its hours
    breakdown again); forecast values rerun the engine (:func:`tariff_at`).
    """
    book = book or result_book(result)
    chosen = chosen if chosen is not None else assumptions(result, bset)
    model = TariffModel.of(result)
    bars = []
    for a in chosen:
        if a.year is None and a.key in model.central:
            (t_low, b_low), (t_high, b_high) = model.at(a.key, a.low), model.at(a.key, a.high)
        elif a.key == "hours.sick_pct":
            (t_low, b_low), (t_high, b_high) = (
                model.at("productive_shift", _sick_shift(result, v)) for v in (a.low, a.high)
            )
        else:
            t_low, b_low = tariff_at(result, a, a.low, book)
            t_high, b_high = tariff_at(result, a, a.high, book)
        factor = _index_factor(result.scenario, a.year, None) if a.year is not None else 1.0
        bars.append(
            Bar(
                a, result.team.tariff_per_hour * factor, t_low, t_high, result.team.staff_budget * factor, b_low, b_high
            )
        )
    bars.sort(key=lambda b: -b.width)
    idle = [b for b in bars if b.assumption.key.startswith("forecast.") and b.width < 0.005]
    bars = [b for b in bars if b not in idle]
    notes = [f"{b.assumption.label}: {b.assumption.note}" for b in bars if b.assumption.note]
    if idle:
        notes.append(
            f"Niet getoond: {len(idle)} prognosewaarde(n) zonder effect op dit tarief ("
            + "; ".join(b.assumption.label.removeprefix("Prognose: ") for b in idle)
            + ")."
        )
    if any(b.assumption.key.startswith("forecast.") for b in bars):
        notes.append(
            "Gepubliceerde cao-lonen, premies en pensioenpremies worden niet gevarieerd; alleen de "
            "prognosewaarden voor de jaren waarvoor nog geen cijfers zijn gepubliceerd."
        )
    else:
        notes.append(
            "Cao-lonen, wettelijke premies en pensioenpremies worden niet gevarieerd: dat zijn "
            "gepubliceerde cijfers, geen aannames van de organisatie."
        )
    return Sensitivity(result.team.tariff_per_hour, result.team.staff_budget, tuple(bars), tuple(notes))


def sensitivity_json(sens: Sensitivity) -> list[dict[str, object]]:
    """The ``"sensitivity"`` list of ``costprice --json``: money rounded to the cent."""
    out: list[dict[str, object]] = []
    for bar in sens.bars:
        a = bar.assumption
        out.append(
            {
                "assumption": a.label,
                "key": a.key,
                "unit": a.unit,
                "central": a.central,
                "low": a.low,
                "high": a.high,
                "source": a.source,
                "sourced": a.sourced,
                "tariff_at_low": cents(bar.tariff_at_low),
                "tariff_at_high": cents(bar.tariff_at_high),
                "tariff_central": cents(bar.tariff_central),
                "budget_at_low": cents(bar.budget_at_low),
                "budget_at_high": cents(bar.budget_at_high),
                "year": a.year,
                "in_band": a.in_band,
            }
        )
    return out
