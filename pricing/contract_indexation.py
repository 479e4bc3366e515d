"""The contract's indexation clause: validated, and resolved into the index applied on 1 January of
every contract year (weighted OVA/PPC figures, catch-up, given or assumed figures). The method is
described in the module docstring of :mod:`pricing.contract` and in docs/methode.md section 6.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Protocol

from msgspec.structs import replace

from pricing.fields import Collector, number_in_range, shown_value
from pricing.fields import mapping_field as _mapping
from pricing.indexation import catch_up as catch_up_formula
from pricing.indexation import weighted_index
from pricing.model.contract import (
    CATCH_UP_LABELS,
    DEFAULT_FIRST_YEAR_CATCH_UP,
    DEFAULT_REFERENCE_MONTH,
    DEFINITIVE_RULES,
    INDEX_FIGURES,
    INDEX_SOURCE_STATUS,
    ContractIndexation,
    YearIndex,
)
from pricing.parameters import ParameterBook, ParameterNotCovered

if TYPE_CHECKING:
    from pricing.scenario import Problem


class IndexationCollector(Collector, Protocol):
    """What the clause's validation asks of its collector (scenario._Collector): problems so far,
    a choice from a list, and free text."""

    problems: list[Problem]

    def choice(self, value: Any, path: str, options: tuple[str, ...]) -> str | None: ...

    def text(self, value: Any, path: str, *, required: bool = True, max_length: int = 500) -> str | None: ...


_number = number_in_range  # short name inside this module
# Allowed range of every index figure and municipal percentage, as fractions (-20 % to +30 % a
# year): a guard against typing errors, not a forecast. The app's index table, typed in percent,
# says the same range in percent (ui/index_editor.py).
INDEX_PCT_RANGE = (-0.2, 0.3)
INDEXATION_KEYS = (
    "wage_weight",
    "catch_up",
    "definitive",
    "first_year_catch_up",
    "reference_month",
    "assumed_pct",
    "per_year",
    "figures",
    "municipal_pct",
    "sources",
)
INDEX_SOURCE_KEYS = ("text", "status")


def _year_key(c: Collector, key: Any, path: str, first: int, last: int) -> int | None:
    try:
        year = int(key) if not isinstance(key, bool) else None
    except (TypeError, ValueError):
        year = None
    if year is None or str(key).strip() != str(year):
        c.add(path, f"{shown_value(key)} is geen jaartal")
        return None
    if not first <= year <= last:
        c.add(path, f"{year} ligt buiten de indexatiejaren van dit contract ({first} t/m {last})")
        return None
    return year


def validate_indexation(
    raw: Any, c: IndexationCollector, base_year: int, last_year: int, book: ParameterBook
) -> ContractIndexation | None:
    """The ``indexation`` clause for prices at ``base_year`` and contract years up to ``last_year``.

    Problems go to the collector ``c`` (``add``, ``choice``, ``unknown_keys``, ``problems``); every
    year from ``base_year + 1`` to ``last_year`` is resolved to an index or reported. Public so the
    clause can be checked on its own, e.g. for base years the cost-price parameters do not cover.
    """
    raw = {} if raw is None else raw
    raw = _mapping(c, raw, "contract.indexation", INDEXATION_KEYS, "de indexatieclausule")
    if raw is None:
        return None
    before = len(c.problems)
    weight = raw.get("wage_weight")
    weight_given = weight is not None
    if weight is None:
        weight = book.value("wage_weight_default", dt.date(base_year, 1, 1))
    else:
        weight = _number(c, weight, "contract.indexation.wage_weight", 0, 1)
    method = c.choice(raw.get("catch_up", "ratio"), "contract.indexation.catch_up", tuple(CATCH_UP_LABELS))
    definitive = c.choice(raw.get("definitive", "next_year"), "contract.indexation.definitive", tuple(DEFINITIVE_RULES))
    first_catch_up = raw.get("first_year_catch_up")
    first_given = first_catch_up is not None
    if first_catch_up is None:
        first_catch_up = DEFAULT_FIRST_YEAR_CATCH_UP
    elif not isinstance(first_catch_up, bool):
        c.add(
            "contract.indexation.first_year_catch_up",
            f"verwacht ja of nee (true of false), gevonden: {shown_value(first_catch_up)}",
        )
    month_given = raw.get("reference_month") is not None
    month = DEFAULT_REFERENCE_MONTH
    if month_given:
        value = _number(c, raw["reference_month"], "contract.indexation.reference_month", 1, 12, integer=True)
        month = int(value) if value is not None else month
    assumed = None
    if raw.get("assumed_pct") is not None:
        assumed = _number(c, raw["assumed_pct"], "contract.indexation.assumed_pct", *INDEX_PCT_RANGE)
    first = base_year + 1
    per_year: dict[int, float] = {}
    if raw.get("per_year") is not None:
        if not isinstance(raw["per_year"], dict):
            c.add(
                "contract.indexation.per_year", "verwacht een mapping van jaar naar indexatie (fractie, 0,035 = 3,5 %)"
            )
        else:
            for key, value in raw["per_year"].items():
                path = f"contract.indexation.per_year.{key}"
                year = _year_key(c, key, path, first, last_year)
                pct = _number(c, value, path, *INDEX_PCT_RANGE)
                if year is not None and pct is not None:
                    per_year[year] = pct
    figures: dict[int, dict[str, float]] = {}
    if raw.get("figures") is not None:
        if not isinstance(raw["figures"], dict):
            c.add(
                "contract.indexation.figures",
                "verwacht per jaar {ova_provisional, ppc_provisional, ova_definitive, ppc_definitive}",
            )
        else:
            for key, body in raw["figures"].items():
                path = f"contract.indexation.figures.{key}"
                year = _year_key(c, key, path, base_year, last_year + 1)
                body = _mapping(c, body, path, INDEX_FIGURES, ", ".join(INDEX_FIGURES))
                if year is None or body is None:
                    continue
                figures[year] = {}
                for name in INDEX_FIGURES:
                    if body.get(name) is not None:
                        value = _number(c, body[name], f"{path}.{name}", *INDEX_PCT_RANGE)
                        if value is not None:
                            figures[year][name] = value
    municipal: dict[int, float] = {}
    municipal_given = raw.get("municipal_pct") is not None
    years = range(first, last_year + 1)
    if not municipal_given:
        municipal = {y: 0.0 for y in years}
    elif isinstance(raw["municipal_pct"], dict):
        own = len(c.problems)
        for key, value in raw["municipal_pct"].items():
            path = f"contract.indexation.municipal_pct.{key}"
            year = _year_key(c, key, path, first, last_year)
            pct = _number(c, value, path, *INDEX_PCT_RANGE)
            if year is not None and pct is not None:
                municipal[year] = pct
        missing = [str(y) for y in years if y not in municipal]
        if missing and len(c.problems) == own:
            c.add(
                "contract.indexation.municipal_pct",
                f"geef voor elk indexatiejaar een percentage op; ontbreekt: {', '.join(missing)}",
            )
    else:
        pct = _number(c, raw["municipal_pct"], "contract.indexation.municipal_pct", *INDEX_PCT_RANGE)
        if pct is not None:
            municipal = {y: pct for y in years}
    sources = _validate_sources(c, raw.get("sources"), first, last_year)
    if len(c.problems) != before or weight is None or method is None or definitive is None:
        return None

    resolved, missing_years = [], []
    for year in years:
        found = _resolve_year(
            year,
            year == first and not first_catch_up,
            weight,
            method,
            definitive,
            per_year,
            figures,
            assumed,
            book,
            base_year,
        )
        if found is None:
            missing_years.append(str(year))
        elif year in sources:
            if found.origin == "data":
                c.add(
                    f"contract.indexation.sources.{year}",
                    f"{year} rust op de gepubliceerde OVA/PPC-cijfers, die hun eigen bron hebben; geef een bron "
                    "alleen bij een eigen cijfer (vaste index, OVA/PPC-cijfers of het aangenomen percentage)",
                )
            text, status = sources[year]
            resolved.append(replace(found, source=text, source_status=status))
        else:
            resolved.append(found)
    if missing_years:
        listed = ", ".join(missing_years)
        c.add(
            "contract.indexation",
            f"voor {listed} zijn geen voorlopige OVA/PPC-cijfers bekend. Vul bij "
            "'Aangenomen index voor jaren zonder cijfers' een percentage in (het wordt als aanname getoond), "
            "of leg in het scenariobestand de indexatie of de OVA/PPC-cijfers per jaar vast",
        )
    settlement = {}
    if definitive == "settle":
        for row in resolved:
            if row.weighted_provisional is None:
                continue  # the year's index was not a provisional figure: nothing to settle
            gap = _catch_up_over(row.year, weight, method, figures, book)
            if gap is not None:
                settlement[row.year] = gap[0]
    if len(c.problems) != before:
        return None
    return ContractIndexation(
        wage_weight=weight,
        catch_up=method,
        definitive=definitive,
        first_year_catch_up=first_catch_up,
        reference_month=month,
        reference_month_given=month_given,
        assumed_pct=assumed,
        per_year=per_year,
        figures=figures,
        municipal_pct=municipal,
        municipal_given=municipal_given,
        base_year=base_year,
        years=tuple(resolved),
        settlement_catch_up=settlement,
        wage_weight_given=weight_given,
        first_year_catch_up_given=first_given,
    )


def _validate_sources(c: IndexationCollector, raw: Any, first: int, last_year: int) -> dict[int, tuple[str, str]]:
    """``sources: {year: {text, status}}``: where a year's own index figure comes from, and whether it
    is given, provisional or an assumption."""
    out: dict[int, tuple[str, str]] = {}
    if raw is None:
        return out
    if not isinstance(raw, dict):
        c.add("contract.indexation.sources", "verwacht per jaar {text, status}")
        return out
    statuses = ", ".join(f"{k} ({v})" for k, v in INDEX_SOURCE_STATUS.items())
    for key, body in raw.items():
        path = f"contract.indexation.sources.{key}"
        year = _year_key(c, key, path, first, last_year)
        body = _mapping(c, body, path, INDEX_SOURCE_KEYS, "text en status")
        if year is None or body is None:
            continue
        text = c.text(body.get("text"), f"{path}.text")
        status = body.get("status")
        if status is None:
            c.add(f"{path}.status", f"ontbreekt; kies uit: {statuses}")
        elif not isinstance(status, str) or status not in INDEX_SOURCE_STATUS:  # a list or mapping: not hashable
            c.add(f"{path}.status", f"{shown_value(status)} is niet toegestaan; kies uit: {statuses}")
        elif text is not None:
            out[year] = (text, status)
    return out


def _figure(
    year: int, name: str, figures: dict[int, dict[str, float]], book: ParameterBook
) -> tuple[float, str] | None:
    """One OVA/PPC figure for a year: the contract's own, else the parameter data of that year."""
    own = figures.get(year, {}).get(name)
    if own is not None:
        return own, "opgegeven"
    try:
        pv = book.get(name, dt.date(year, 1, 1))
    except ParameterNotCovered:
        return None
    if pv.effective.year != year:
        return None  # a lookup would return an older year's figure: that is not this year's
    return pv.value, "data"


def _weighted(
    year: int, kind: str, weight: float, figures: dict[int, dict[str, float]], book: ParameterBook
) -> tuple[float, set[str]] | None:
    ova = _figure(year, f"ova_{kind}", figures, book)
    ppc = _figure(year, f"ppc_{kind}", figures, book)
    if ova is None or ppc is None:
        return None
    return weighted_index(ova[0], ppc[0], weight), {ova[1], ppc[1]}


def _catch_up_over(
    year: int, weight: float, method: str, figures: dict[int, dict[str, float]], book: ParameterBook
) -> tuple[float, set[str]] | None:
    """The catch-up for ``year``'s gap between its weighted provisional and definitive figures."""
    prov = _weighted(year, "provisional", weight, figures, book)
    final = _weighted(year, "definitive", weight, figures, book)
    if prov is None or final is None:
        return None
    return catch_up_formula(prov[0], final[0], method), prov[1] | final[1]


def _origin(origins: set[str]) -> str:
    return "data/opgegeven" if len(origins) > 1 else next(iter(origins))


def _resolve_year(
    year: int,
    skip_catch_up: bool,
    weight: float,
    method: str,
    definitive: str,
    per_year: dict[int, float],
    figures: dict[int, dict[str, float]],
    assumed: float | None,
    book: ParameterBook,
    base_year: int,
) -> YearIndex | None:
    """The index on 1 January of ``year``; None when no figure of any kind is known.

    ``skip_catch_up``: the first index year of a clause without first-year catch-up. The assumed
    percentage stands in only for a year without provisional figures of its own: a year whose
    provisional figures are known keeps them even when last year's definitive ones are missing
    (its catch-up is then pending, never assumed).
    """
    if year in per_year:
        return YearIndex(
            year, per_year[year], None, None, "opgegeven", "indexatie voor dit jaar opgegeven in het contract"
        )
    current = _weighted(year, "provisional", weight, figures, book)
    if current is None:
        if assumed is not None:
            return YearIndex(
                year,
                assumed,
                None,
                None,
                "aanname",
                "geen voorlopige OVA/PPC-cijfers voor dit jaar: aangenomen percentage uit het contract",
            )
        return None
    origin = _origin(current[1])
    if definitive == "none":
        return YearIndex(year, current[0], current[0], None, origin, "geen inhaal volgens de clausule")
    if skip_catch_up:
        return YearIndex(
            year,
            current[0],
            current[0],
            None,
            origin,
            f"geen inhaal over {year - 1}: het prijspeil {base_year} is bottom-up berekend op de "
            "cao-lonen en rust niet op voorlopige cijfers",
        )
    gap = _catch_up_over(year - 1, weight, method, figures, book)
    if gap is None:
        return YearIndex(
            year,
            current[0],
            current[0],
            None,
            origin,
            f"gewogen voorlopig {year}; de inhaal over {year - 1} volgt zodra de definitieve "
            f"OVA/PPC-cijfers van {year - 1} bekend zijn (nog niet meegerekend)",
            catch_up_pending=True,
        )
    return YearIndex(
        year,
        current[0] + gap[0],
        current[0],
        gap[0],
        _origin(current[1] | gap[1]),
        f"gewogen voorlopig {year} plus inhaal over {year - 1}",
    )
