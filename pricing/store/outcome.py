"""What a stored version agreed: its parameter edition and computed figures, and how today differs.

Every version stores, at save time, the edition it was priced with (id, publication date,
fingerprint) and its computed result: the key figures and the full result as JSON (the document of
``costprice --json`` without the sensitivity analysis). Opening a version shows those stored
figures; :func:`recheck` computes the same scenario with the edition in use now and, when the
numbers differ, explains the gap as a bridge in the manner of :mod:`pricing.compare`: starting
from the stored result, each changed parameter value is taken over from the current edition one at
a time, the engine recomputes the tariff after each, and the effects add up exactly to the gap.

The bridge needs no copy of the old edition: the stored result lists every parameter value the
chain used (``parameters``: the rates, the norm defaults and the CAO rises applied), so the current
edition with those values put back reproduces the stored price. What the values cannot explain (a
different salary table itself, or a change in the app's own calculation rules) is shown as its own
first step, "Rekenregels van de app of afronding", so nothing is hidden and the steps still add up.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any

import msgspec

from pricing.costprice import CostPriceResult, compute
from pricing.display import result_json, shown_team
from pricing.model.scenario import Scenario
from pricing.money import allocate_rounding, format_date_nl, format_eur, format_number, format_pct, round_half_up
from pricing.parameters import (
    Parameter,
    ParameterBook,
    ParameterFileError,
    ParameterNotCovered,
    SalaryTable,
    load_parameter_book,
)
from pricing.record import Record
from pricing.scenario import ScenarioError, validate_scenario

# The key figures stored beside the full result (shown values: cents, FTE to 4 places).
KEY_FIGURES = {
    "tariff_per_hour": "Teamtarief per uur",
    "cost_price_per_hour": "Kostprijs per uur",
    "price_per_fte": "Prijs per FTE",
    "annual_budget": "Jaarbudget",
    "total_fte": "FTE",
    "billable_hours": "Declarabele uren (team)",
}
SALARY_GROUP = "cao_salary"
RESIDUAL_LABEL = "Rekenregels van de app of afronding"
_CONSTANT_FROM = dt.date(1900, 1, 1)
_CONSTANT_UNTIL = dt.date(9999, 12, 31)


class EditionStamp(Record, frozen=True):
    id: str
    published: str | None  # ISO date
    fingerprint: str

    @property
    def label(self) -> str:
        if not self.published:  # a parameter folder without an edition file
            return f"parameters zonder editienaam ({self.id}, vingerafdruk {self.fingerprint[:12]})"
        published = format_date_nl(dt.date.fromisoformat(self.published))
        return f"editie {self.id}, gepubliceerd {published} (vingerafdruk {self.fingerprint[:12]})"


class StoredOutcome(Record, frozen=True):
    """The figures a version was saved with."""

    edition: EditionStamp
    figures: dict[str, Any]  # KEY_FIGURES as shown, and the exact tariff and salaries
    result: dict[str, Any]
    provisional: bool  # priced (partly) on a forecast

    @property
    def tariff(self) -> float:
        tariff: float = self.figures["tariff_per_hour"]
        return tariff


def edition_stamp(book: ParameterBook) -> EditionStamp:
    """The edition of a parameter book: its own (``book.edition``) or, for a book without one, the
    folder's name with a fingerprint of the parsed parameter data."""
    edition = getattr(book, "edition", None)
    if edition is not None:
        return EditionStamp(str(edition.id), edition.published.isoformat(), str(edition.fingerprint))
    data = repr((sorted(book.parameters.items()), book.salary)).encode("utf-8")
    return EditionStamp(f"map {book.directory.name}"[:80], None, hashlib.sha256(data).hexdigest())


def provisional(document: dict[str, Any]) -> bool:
    return bool(document.get("provisional")) or bool(document.get("forecast"))


def outcome_of(result: CostPriceResult, book: ParameterBook) -> StoredOutcome:
    """What a save stores for ``result``, computed with ``book``."""
    document = result_json(result)
    team = shown_team(result.team)
    figures: dict[str, Any] = {key: float(team[key]) for key in KEY_FIGURES}
    # Unrounded, so that a bridge to another edition starts from exactly this price.
    figures["tariff_exact"] = result.team.tariff_per_hour
    figures["monthly_salary_exact"] = [line.cost.monthly_salary for line in result.lines]
    return StoredOutcome(edition_stamp(book), figures, document, provisional(document))


def compute_outcome(raw: dict[str, Any], book: ParameterBook | None = None) -> StoredOutcome:
    """Validate and compute a raw scenario with ``book`` (default: the shipped edition).

    Raises ScenarioError (invalid) or ParameterNotCovered (the edition does not cover the date).
    """
    book = book or load_parameter_book()
    return outcome_of(compute(validate_scenario(raw, book), book), book)


def dump_outcome(outcome: StoredOutcome) -> tuple[str, str]:
    """The stored text of the figures and of the full result."""
    figures = json.dumps(outcome.figures, sort_keys=True)
    document = json.dumps({"provisional": outcome.provisional, **outcome.result}, ensure_ascii=False, allow_nan=False)
    return figures, document


def load_outcome(
    edition_id: str, published: str | None, fingerprint: str, figures: str, document: str
) -> StoredOutcome:
    result = json.loads(document)
    return StoredOutcome(
        EditionStamp(edition_id, published, fingerprint), json.loads(figures), result, provisional(result)
    )


def outcome_hash(edition: EditionStamp, figures: str, document: str) -> str:
    """Checksum over everything stored about the outcome, so an edited figure is detected."""
    text = json.dumps([edition.id, edition.published, edition.fingerprint, figures, document], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ----------------------------------------------------------------------------------------------
# The same scenario on today's edition


class ParameterStep(Record, frozen=True):
    key: str
    label: str
    old: str
    new: str
    tariff_before: float
    tariff_after: float
    shown_effect: Decimal  # rounded so that the shown steps add up to the shown gap

    @property
    def effect(self) -> float:
        return self.tariff_after - self.tariff_before


class Recheck(Record, frozen=True):
    """The stored outcome beside the outcome of the same scenario with the current edition."""

    stored: StoredOutcome
    current: StoredOutcome | None  # None: the current edition cannot compute this scenario
    problem: str  # why not, or why the gap has no steps, in Dutch ("" when all went well)
    steps: tuple[ParameterStep, ...]

    @property
    def same_edition(self) -> bool:
        return self.current is not None and self.current.edition.fingerprint == self.stored.edition.fingerprint

    @property
    def differs(self) -> bool:
        return self.current is not None and any(
            round_half_up(self.current.figures[k], 4) != round_half_up(self.stored.figures.get(k, 0.0), 4)
            for k in KEY_FIGURES
        )

    @property
    def shown_gap(self) -> Decimal:
        assert self.current is not None  # asked only when the figures differ, so both exist
        return round_half_up(self.current.tariff) - round_half_up(self.stored.tariff)

    @property
    def forecast_resolved(self) -> bool:
        """Priced on a forecast then; the current edition covers the dates with published figures."""
        return self.stored.provisional and self.current is not None and not self.current.provisional

    def summary(self) -> str:
        """One Dutch paragraph: what was stored, what today's edition gives, and whether it differs."""
        old = f"{format_eur(self.stored.tariff)} per uur ({self.stored.edition.label})"
        if self.current is None:
            return f"Opgeslagen teamtarief {old}. Met de huidige parameters is dit scenario niet te berekenen: {self.problem}"
        new = f"{format_eur(self.current.tariff)} per uur ({self.current.edition.label})"
        if not self.differs:
            if self.forecast_resolved:
                return (
                    f"Opgeslagen teamtarief {old}, berekend op een prognose. De huidige {self.current.edition.label} "
                    "dekt de data nu met gepubliceerde cijfers en geeft dezelfde cijfers."
                )
            if self.same_edition:
                return f"Opgeslagen teamtarief {old}; de huidige editie is dezelfde en geeft dezelfde cijfers."
            return f"Opgeslagen teamtarief {old}. De huidige {self.current.edition.label} geeft dezelfde cijfers."
        lead = (
            "Deze versie is berekend op een prognose; de huidige editie dekt de data nu met gepubliceerde cijfers. "
            if self.forecast_resolved
            else ""
        )
        return (
            f"{lead}Opgeslagen (afgesproken) teamtarief {old}; met de huidige editie wordt het {new}: "
            f"verschil {format_eur(self.shown_gap)} per uur. De opgeslagen cijfers blijven de cijfers van deze versie."
            + (f" {self.problem}" if self.problem else "")
        )


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if (
        isinstance(a, (int, float))
        and isinstance(b, (int, float))
        and not isinstance(a, bool)
        and not isinstance(b, bool)
    ):
        return float(a) == float(b)
    return bool(a == b)


def _shown(value: Any, unit: str) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(_shown(v, "fraction" if unit == "fraction_list" else unit) for v in value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "—" if value is None else str(value)
    if unit in ("fraction", "fraction_list"):
        return format_pct(value, 2)
    if unit.startswith("eur"):
        return format_eur(value)
    return format_number(value, 2)


def _used(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["key"]: p for p in document.get("parameters", []) if p.get("origin") == "parameter"}


def _constant(parameter: Parameter, value: Any) -> Parameter:
    """``parameter`` with one value that holds on every date."""
    template = parameter.values[-1]
    if isinstance(value, list):
        value = tuple(value)
    only = msgspec.structs.replace(template, value=value, effective=_CONSTANT_FROM)
    return msgspec.structs.replace(parameter, values=(only,), covered_until=_CONSTANT_UNTIL)


def _salary_as_stored(book: ParameterBook, used: dict[str, dict[str, Any]], on: dt.date) -> SalaryTable:
    """The current salary table with the CAO rises the stored result applied (up to its date) in
    place of the current ones. A different table itself cannot be put back; its effect stays in
    the step "Rekenregels van de app of afronding"."""
    stored = {
        dt.date.fromisoformat(key[len("cao_rise_") :]): p["value"]
        for key, p in used.items()
        if key.startswith("cao_rise_")
    }
    current = {rise.effective: rise for rise in book.salary.rises}
    rises = [rise for rise in book.salary.rises if rise.effective > on]
    for effective, pct in stored.items():
        template = current.get(effective) or (book.salary.rises[0] if book.salary.rises else None)
        if template is None:
            continue
        rises.append(msgspec.structs.replace(template, effective=effective, pct=float(pct), uncertain_from=None))
    return msgspec.structs.replace(book.salary, rises=tuple(sorted(rises, key=lambda r: r.effective)))


def _salary_lines(outcome: StoredOutcome) -> list[tuple[int, float]]:
    exact = outcome.figures.get("monthly_salary_exact") or []
    return [
        (i, exact[i] if i < len(exact) else line["monthly_salary"])
        for i, line in enumerate(outcome.result.get("lines", []))
        if line.get("salary_source") == "cao-tabel"
    ]


def _salary_text(used: dict[str, dict[str, Any]]) -> str:
    table = used.get("cao_salary_table", {}).get("value")
    rises = [
        f"{format_pct(p['value'], 2)} per {format_date_nl(dt.date.fromisoformat(k[len('cao_rise_') :]))}"
        for k, p in used.items()
        if k.startswith("cao_rise_")
    ]
    return (f"tabel {table}" if table else "geen cao-tabel") + (f", verhogingen {'; '.join(rises)}" if rises else "")


def _tariff(raw: dict[str, Any], book: ParameterBook) -> float:
    return compute(validate_scenario(raw, book), book).team.tariff_per_hour


def recheck(stored: StoredOutcome, raw: dict[str, Any], book: ParameterBook | None = None) -> Recheck:
    """The stored outcome of ``raw`` against the current edition ``book`` (default: shipped)."""
    book = book or load_parameter_book()
    try:
        scenario = validate_scenario(raw, book)
        result = compute(scenario, book)
    except ScenarioError as error:
        problems = "; ".join(str(p) for p in error.problems[:3])
        return Recheck(stored, None, f"het scenario is met de huidige parameters ongeldig ({problems}).", ())
    except (ParameterNotCovered, ParameterFileError) as error:
        return Recheck(stored, None, str(error), ())
    current = outcome_of(result, book)
    check = Recheck(stored, current, "", ())
    if not check.differs:
        return check
    try:
        return msgspec.structs.replace(check, steps=_bridge(stored, current, raw, scenario, book))
    except ParameterFileError as error:  # a stored value the current salary table cannot take back
        return msgspec.structs.replace(check, problem=f"Het verschil is niet per parameter uit te splitsen: {error}")


def _bridge(
    stored: StoredOutcome, current: StoredOutcome, raw: dict[str, Any], scenario: Scenario, book: ParameterBook
) -> tuple[ParameterStep, ...]:
    old_used, new_used = _used(stored.result), _used(current.result)
    # Which parameter of the book stands behind each used key: rates by their own name, norm
    # defaults through the scenario's defaults; the salary table and its rises form one group.
    names = {key: pv.name for key, pv in scenario.defaults.items()}
    changes: list[tuple[str, str, str, str]] = []  # (key, label, old shown, new shown)
    overrides: dict[str, Any] = {}
    salary_changed = _salary_lines(stored) != _salary_lines(current)
    for key in list(old_used) + [k for k in new_used if k not in old_used]:
        old, new = old_used.get(key), new_used.get(key)
        if old is not None and new is not None and _same(old["value"], new["value"]):
            continue
        if key == "cao_salary_table" or key.startswith("cao_rise_"):
            salary_changed = True
            continue
        name = names.get(key, key)
        if old is None or new is None or name not in book.parameters:
            continue  # not a value the current edition can take back; it ends up in the residual
        label = (old or new)["label"]
        unit = (old or new).get("unit", "")
        changes.append((key, label, _shown(old["value"], unit), _shown(new["value"], unit)))
        overrides[key] = (name, old["value"])
    if salary_changed:
        changes.insert(
            0, (SALARY_GROUP, "CAO-salarissen (tabel en verhogingen)", _salary_text(old_used), _salary_text(new_used))
        )
    stored_salary = _salary_as_stored(book, old_used, scenario.date)

    def state(taken_back: set[str]) -> ParameterBook:
        """The current edition with the stored values for every change not yet taken over."""
        parameters = dict(book.parameters)
        for key, (name, value) in overrides.items():
            if key not in taken_back:
                parameters[name] = _constant(book.parameters[name], value)
        salary = stored_salary if salary_changed and SALARY_GROUP not in taken_back else book.salary
        # Checked as a loaded edition is: a stored ORT cap (or half of it) may name a cell the
        # current salary table leaves empty, which the chain cannot price (ParameterFileError).
        return msgspec.structs.replace(book, parameters=parameters, salary=salary).checked()

    final = current.figures["tariff_exact"]
    taken: set[str] = set()
    tariffs = [_tariff(raw, state(taken)) if changes else final]
    for key, *_ in changes:
        taken.add(key)
        tariffs.append(_tariff(raw, state(taken)) if len(taken) < len(changes) else final)
    exact = stored.figures.get("tariff_exact", stored.tariff)
    rows = [(RESIDUAL_LABEL, RESIDUAL_LABEL, "", "", exact, tariffs[0])]
    rows += [(key, label, old, new, tariffs[i], tariffs[i + 1]) for i, (key, label, old, new) in enumerate(changes)]
    gap = round_half_up(current.tariff) - round_half_up(stored.tariff)  # the difference of the shown tariffs
    shown = allocate_rounding([after - before for *_, before, after in rows], float(gap))
    steps = [
        ParameterStep(key, label, old, new, before, after, shown[i])
        for i, (key, label, old, new, before, after) in enumerate(rows)
    ]
    if steps[0].shown_effect == 0 and abs(steps[0].effect) < 1e-6:
        steps = steps[1:]  # the values explain the whole gap
    return tuple(steps)
