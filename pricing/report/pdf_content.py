"""The offer's content: the one Evaluation, the chosen variant and the offer date, and how values print."""

from __future__ import annotations

import datetime as dt

from pricing.benchmark import BandCheck, BenchmarkSet
from pricing.contract import (
    ContractBudget,
)
from pricing.costprice import CostPriceResult
from pricing.evaluation import Evaluation, evaluation_of
from pricing.model.contract import Contract
from pricing.model.scenario import Scenario
from pricing.money import format_pct, format_unit
from pricing.record import Record
from pricing.social_return import SocialReturn

MAX_YEAR_COLUMNS = 6


# A variant description longer than this is printed below the variants table, where it can flow over
# pages; inside a table cell a long text cannot split and reportlab stops with a LayoutError.
MAX_CELL_TEXT = 300


def _whole(fraction: float) -> bool:
    """A fraction that is a whole percentage (0.9 -> 90 %)."""
    return abs(fraction * 100 - round(fraction * 100)) < 1e-9


def value_text(value: object, unit: str) -> str:
    """A parameter value in Dutch, by its unit, spelled out as the appendix prints it."""
    return format_unit(value, unit, pct_places=None, long=True)


class OfferContent(Record, frozen=True):
    """What the offer prints: the one Evaluation, the chosen variant and the offer date."""

    evaluation: Evaluation
    option: str | None  # the chosen variant (None: the basic contract)
    generated: dt.date

    @property
    def result(self) -> CostPriceResult:
        return self.evaluation.result

    @property
    def scenario(self) -> Scenario:
        return self.evaluation.scenario

    @property
    def contract(self) -> Contract | None:
        return self.evaluation.contract

    @property
    def budget(self) -> ContractBudget | None:
        return self.evaluation.budget(self.option)

    @property
    def variants(self) -> tuple[ContractBudget, ...]:
        return self.evaluation.budgets

    @property
    def social(self) -> tuple[SocialReturn, ...]:
        chosen = self.evaluation.variant(self.option)
        return chosen.social if chosen else ()

    @property
    def checks(self) -> tuple[BandCheck, ...]:
        return self.evaluation.checks

    @property
    def benchmark_name(self) -> str:
        return self.evaluation.benchmark_set.name


def offer_content(
    source: Evaluation | CostPriceResult,
    option: str | None = None,
    generated: dt.date | None = None,
    benchmark_set: BenchmarkSet | None = None,
) -> OfferContent:
    """The offer's content for an :class:`Evaluation` (or a bare cost-price result, evaluated here).

    ``benchmark_set`` only applies to a bare result; an Evaluation already carries the set the user chose.
    """
    evaluation = source if isinstance(source, Evaluation) else evaluation_of(source, benchmark_set=benchmark_set)
    if evaluation.contract is None and option:
        raise ValueError(f"het scenario heeft geen contract, dus ook geen variant '{option}'")
    if option and evaluation.contract is not None:
        evaluation.contract.option(option)  # an unknown name raises UnknownVariant with a Dutch message
    return OfferContent(evaluation, option or None, generated or dt.date.today())


def _municipal_text(b: ContractBudget) -> str:
    values = sorted(set(b.non_indexation.municipal_pct[k] for k, row in enumerate(b.year_index) if row is not None))
    if not values:
        return "geen indexatiemoment"
    if not b.non_indexation.municipal_given:
        return "gemeentelijke indexatie 0 % (niet opgegeven)"
    if len(values) == 1:
        return f"gemeentelijke indexatie {format_pct(values[0], 2)} per jaar"
    return "gemeentelijke indexatie " + " tot ".join((format_pct(values[0], 2), format_pct(values[-1], 2)))
