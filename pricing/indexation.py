"""Indexation of tariffs: the weighted OVA/PPC index, the catch-up, the provider index, projections.

VNG's method (docs/methode.md sections 5.4 and 6): weight the wage index OVA and the price index PPC (default 90/10);
the provider index for year Y is the weighted provisional figure for Y plus a catch-up for the gap
between Y-1's provisional and definitive weighted figures. Two catch-up methods appear in VNG's
tables: ``ratio`` ``(1+def)/(1+prov) - 1`` and ``additive`` ``def - prov``. A missing figure is
never guessed (nor taken from a forecast): the message names each missing figure and how to give it.
"""

from __future__ import annotations

import datetime as dt

from pricing.fields import format_bound, shown_value
from pricing.money import round_half_up
from pricing.parameters import ParameterBook, ParameterNotCovered, load_parameter_book
from pricing.record import Record

CATCH_UP_METHODS = ("ratio", "additive")
FIGURE_KEYS = (
    "ova_provisional",
    "ppc_provisional",
    "ova_previous_provisional",
    "ppc_previous_provisional",
    "ova_previous_definitive",
    "ppc_previous_definitive",
)
MAX_MUTATION = 0.5  # a yearly index beyond +-50 % is a typing error (a percentage typed as 4.94)


class IndexationError(ValueError):
    """Input that cannot be indexed (message in Dutch)."""


class MissingIndexFigures(IndexationError, ParameterNotCovered):
    """The edition lacks published OVA/PPC figures for the year; the message names each and how to give it."""


FIGURE_LABELS = {
    "ova_provisional": ("OVA voorlopig", 0),
    "ppc_provisional": ("PPC voorlopig", 0),
    "ova_previous_provisional": ("OVA voorlopig", -1),
    "ppc_previous_provisional": ("PPC voorlopig", -1),
    "ova_previous_definitive": ("OVA definitief", -1),
    "ppc_previous_definitive": ("PPC definitief", -1),
}


def figure_option(key: str) -> str:
    """The command-line option that supplies figure ``key``."""
    return "--" + key.replace("_", "-")


class ProviderIndex(Record, frozen=True):
    year: int
    wage_weight: float
    method: str
    rounded: bool
    weighted_provisional: float  # year Y
    previous_provisional: float  # weighted, year Y-1
    previous_definitive: float  # weighted, year Y-1
    catch_up: float
    provider_index: float
    sources: tuple[str, ...]
    user_figures: tuple[str, ...]  # which figures the caller supplied instead of the data


def _check_mutation(value: object, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise IndexationError(f"{what}: {shown_value(value)} is geen getal.")
    if not -MAX_MUTATION <= value <= MAX_MUTATION:
        hint = f" Bedoelt u {format_bound(value / 100)} ({format_bound(value)} %)?" if 1 < abs(value) <= 50 else ""
        raise IndexationError(
            f"{what}: {format_bound(value)} ligt buiten -0,5 tot 0,5 (een fractie: 0,0494 is 4,94 %).{hint}"
        )


def _shown_number(value: object) -> str:
    """A number in Dutch notation (0,9, not 0.9), anything else as shown_value shows it."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_bound(value)
    return shown_value(value)


def weighted_index(wage: float, price: float, wage_weight: float) -> float:
    """w x OVA + (1 - w) x PPC."""
    return wage_weight * wage + (1.0 - wage_weight) * price


def catch_up(provisional: float, definitive: float, method: str) -> float:
    """Catch-up for last year's gap: ratio ``(1+def)/(1+prov) - 1`` or additive ``def - prov``."""
    if method == "ratio":
        return (1.0 + definitive) / (1.0 + provisional) - 1.0
    if method == "additive":
        return definitive - provisional
    raise IndexationError(f"Inhaalmethode {shown_value(method)} onbekend; kies uit: {', '.join(CATCH_UP_METHODS)}")


def _round_pct(fraction: float) -> float:
    """Round a fraction to two decimals of a percent, as VNG prints its intermediate figures."""
    return float(round_half_up(fraction * 100, 2)) / 100


def provider_index(
    year: int,
    book: ParameterBook | None = None,
    wage_weight: float | None = None,
    method: str = "ratio",
    round_intermediates: bool = False,
    figures: dict[str, float] | None = None,
) -> ProviderIndex:
    """The provider index for ``year`` from the data, or from ``figures`` the caller supplies.

    ``figures`` may hold ``ova_provisional``, ``ppc_provisional`` (year Y) and
    ``ova_previous_provisional``, ``ppc_previous_provisional``, ``ova_previous_definitive``,
    ``ppc_previous_definitive`` (year Y-1), as fractions, overriding or completing the data.
    """
    book = book or load_parameter_book()
    figures = dict(figures or {})
    if method not in CATCH_UP_METHODS:
        raise IndexationError(f"Inhaalmethode {shown_value(method)} onbekend; kies uit: {', '.join(CATCH_UP_METHODS)}")
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise IndexationError(f"Jaar {shown_value(year)} is geen geldig jaartal (2000-2100).")
    for key, value in figures.items():
        if key not in FIGURE_KEYS:
            raise IndexationError(f"Onbekend indexcijfer '{key}'; bekend zijn: {', '.join(FIGURE_KEYS)}.")
        _check_mutation(value, key)
    weight_source = None
    if wage_weight is None:
        try:
            pv = book.get("wage_weight_default", dt.date(year, 1, 1))
        except ParameterNotCovered:
            raise IndexationError(f"Geef het gewicht van de loonindex voor {year} op (bijvoorbeeld 0,9).") from None
        wage_weight = pv.value
        if pv.forecast:
            weight_source = (
                f"gewicht loonindex {wage_weight:g} na {pv.effective.year - 1}: aanname van de prognose".replace(
                    ".", ","
                )
            )
    if isinstance(wage_weight, bool) or not isinstance(wage_weight, (int, float)) or not 0.0 <= wage_weight <= 1.0:
        raise IndexationError(
            f"Gewicht loonindex: {_shown_number(wage_weight)} moet een getal tussen 0 en 1 zijn "
            "(bijvoorbeeld 0,9 voor 90 %)."
        )
    sources: list[str] = []
    supplied: list[str] = []
    missing: list[str] = []

    def figure(key: str, parameter: str, of_year: int) -> float:
        if key in figures:
            supplied.append(key)
            return figures[key]
        try:
            pv = book.get(parameter, dt.date(of_year, 1, 1))
        except ParameterNotCovered:
            pv = None
        # A forecast is never used for an index: carrying a yearly change over is a claim, not a default.
        if pv is None or pv.forecast or pv.effective.year != of_year:
            missing.append(key)
            return 0.0
        if pv.source_text not in sources:
            sources.append(pv.source_text)
        index: float = pv.value
        return index

    ova = figure("ova_provisional", "ova_provisional", year)
    ppc = figure("ppc_provisional", "ppc_provisional", year)
    prev_ova_p = figure("ova_previous_provisional", "ova_provisional", year - 1)
    prev_ppc_p = figure("ppc_previous_provisional", "ppc_provisional", year - 1)
    prev_ova_d = figure("ova_previous_definitive", "ova_definitive", year - 1)
    prev_ppc_d = figure("ppc_previous_definitive", "ppc_definitive", year - 1)

    if missing:
        named = ", ".join(f"{FIGURE_LABELS[k][0]} {year + FIGURE_LABELS[k][1]} ({figure_option(k)})" for k in missing)
        edition = f"parametereditie {book.edition.id}" if book.edition else "de parametereditie"
        raise MissingIndexFigures(
            f"Voor de indexatie {year} ontbreken in {edition} deze gepubliceerde cijfers: {named}. Geef ze op "
            f"als fractie (bijvoorbeeld {figure_option(missing[0])} 0,0418 voor 4,18 %), of laad een parametereditie die ze bevat (--parameters)."
        )
    if weight_source and weight_source not in sources:
        sources.append(weight_source)
    current = weighted_index(ova, ppc, wage_weight)
    prev_p = weighted_index(prev_ova_p, prev_ppc_p, wage_weight)
    prev_d = weighted_index(prev_ova_d, prev_ppc_d, wage_weight)
    if round_intermediates:
        current, prev_p, prev_d = _round_pct(current), _round_pct(prev_p), _round_pct(prev_d)
    extra = catch_up(prev_p, prev_d, method)
    if round_intermediates:
        extra = _round_pct(extra)
    total = current + extra
    if round_intermediates:
        total = _round_pct(total)
    return ProviderIndex(
        year=year,
        wage_weight=wage_weight,
        method=method,
        rounded=round_intermediates,
        weighted_provisional=current,
        previous_provisional=prev_p,
        previous_definitive=prev_d,
        catch_up=extra,
        provider_index=total,
        sources=tuple(sources),
        user_figures=tuple(supplied),
    )


class ProjectionYear(Record, frozen=True):
    year: int
    index: float
    tariff: float
    source: str  # "data", "opgegeven" (user) or "aanname"


def project_tariff(base_tariff: float, first_year: int, indices: list[tuple[float, str]]) -> tuple[ProjectionYear, ...]:
    """A tariff in ``first_year`` indexed year by year; ``indices[k]`` applies in year first_year+k+1.

    Each index comes with its origin, so a projection never hides which years rest on assumptions.
    """
    if isinstance(base_tariff, bool) or not isinstance(base_tariff, (int, float)) or not 0 < base_tariff < 1e9:
        raise IndexationError(f"Basistarief: {shown_value(base_tariff)} moet een bedrag groter dan 0 zijn.")
    rows = [ProjectionYear(first_year, 0.0, base_tariff, "basis")]
    tariff = base_tariff
    for k, (index, origin) in enumerate(indices):
        _check_mutation(index, f"Index voor {first_year + k + 1}")
        tariff *= 1.0 + index
        rows.append(ProjectionYear(first_year + k + 1, index, tariff, origin))
    return tuple(rows)


def indices_for_years(
    years: list[int],
    book: ParameterBook | None = None,
    wage_weight: float | None = None,
    method: str = "ratio",
    assumed: float | None = None,
) -> list[tuple[float, str]]:
    """Provider indices for ``years`` from the data; years without data take ``assumed`` if given.

    Without ``assumed``, a year without data raises the lookup's message naming the parameter.
    """
    out = []
    for year in years:
        try:
            out.append((provider_index(year, book, wage_weight, method).provider_index, "data"))
        except ParameterNotCovered:
            if assumed is None:
                raise
            out.append((assumed, "aanname"))
    return out
