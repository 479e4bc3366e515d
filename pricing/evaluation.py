"""The one frozen evaluation of a scenario, built once per change of input and read by every consumer.

Data flows one way: a validated :class:`~pricing.scenario.Scenario` goes into :func:`evaluate`,
which runs the cost-price chain, the benchmark check against the chosen set, the Wmo/Jeugdwet
mapping, every contract variant's multi-year budget (with its NPV and cost of non-indexation) and
the social-return estimates, exactly once. The app, the offer PDF, the spreadsheet, the command
line and the store only read the resulting :class:`Evaluation`; none of them calls the budget,
benchmark or compliance functions itself (a test counts the budget computations per change).
"""

from __future__ import annotations

from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from pricing.benchmark import BandCheck, BenchmarkSet, compare_to_set, load_benchmark_set
from pricing.compliance import ElementLine, jeugdwet_elements, wmo_elements
from pricing.costprice import CostPriceResult, compute
from pricing.forecast import ForecastUse
from pricing.forecast_effects import forecast_uses
from pricing.model.contract import Contract, UnknownVariant
from pricing.model.scenario import Scenario
from pricing.parameters import Edition, ParameterBook, load_parameter_book
from pricing.record import Record
from pricing.risk_band import TariffBand
from pricing.risk_band import tariff_band as risk_band
from pricing.sensitivity import Assumption, Sensitivity, assumptions, sensitivity
from pricing.social_return import SocialReturn, social_return

if TYPE_CHECKING:  # the contract's budgets and annual accounts: imported where used (see below)
    from pricing.contract import ContractBudget
    from pricing.financial_health import AnnualAccounts, HealthReport


class VariantEvaluation(Record, frozen=True):
    """One contract variant (or the basic contract): its budget and its social-return estimates."""

    budget: ContractBudget
    social: tuple[SocialReturn, ...]

    @property
    def option(self) -> str | None:
        return self.budget.option

    @property
    def label(self) -> str:
        return self.budget.label


class Evaluation(Record, frozen=True, dict=True):  # dict: room for the cached_property values below
    """Everything computed for one scenario, one parameter edition and one benchmark set."""

    result: CostPriceResult
    book: ParameterBook
    benchmark_set: BenchmarkSet
    checks: tuple[BandCheck, ...]
    wmo: tuple[ElementLine, ...]
    jeugdwet: tuple[ElementLine, ...]
    health: HealthReport | None = None  # financial-health key figures, when annual accounts are given
    sensitivity: Sensitivity | None = None  # tornado: the tariff at both ends of each assumption's range
    # Every forecast value the result rests on, with its EUR effect per hour (docs/methode.md section 5.5); empty: definitive.
    forecast: tuple[ForecastUse, ...] = ()
    ranges: tuple[Assumption, ...] = ()  # the assumptions' ranges the tornado and the risk band use

    # The contract's variants and the risk band are computed on first reading and then kept (the
    # contract page, the Kostprijs page, the reports and the store read them; an edit on another
    # page does not wait for them): each is still computed once per Evaluation, so once per change
    # of input, and every consumer reads the same object.

    @cached_property
    def variants(self) -> tuple[VariantEvaluation, ...]:
        """Every contract variant's budget and social-return estimates, the basic contract first;
        empty without a contract."""
        if self.result.scenario.contract is None:
            return ()
        # imported here: only the contract's readers (the contract page, the reports, the budget
        # command) ask for the variants; costprice never does, and pricing.contract with its text
        # and finance modules costs about 4 ms of its start-up
        from pricing.contract import all_budgets

        return tuple(VariantEvaluation(b, social_return(b)) for b in all_budgets(self.result))

    @cached_property
    def tariff_band(self) -> TariffBand | None:
        """The risk band (p10-p50-p90) over the same ranges as the tornado."""
        return risk_band(self.result, self.ranges)

    @cached_property
    def convention_alternative(self) -> CostPriceResult | None:
        """The same scenario with the other overhead convention (the Normen page compares the two).

        Computed on first reading and then kept: it is a second run of the chain, which the command
        line, the reports and most pages never read (about a third of an FTE edit at 2,000 lines).
        """
        # imported here: the command line never reads it, and pricing.breakdown (csv, the breakdown
        # table and its records) costs about 6 ms of every costprice start-up
        from pricing.breakdown import convention_alternative

        return convention_alternative(self.scenario, self.book)

    @property
    def edition(self) -> Edition | None:
        """The parameter edition (name, date, fingerprint) the result was computed with."""
        return self.book.edition

    @property
    def provisional(self) -> bool:
        return bool(self.forecast)

    @property
    def scenario(self) -> Scenario:
        return self.result.scenario

    @property
    def contract(self) -> Contract | None:
        return self.scenario.contract

    @property
    def budgets(self) -> tuple[ContractBudget, ...]:
        return tuple(v.budget for v in self.variants)

    def variant(self, option: str | None = None) -> VariantEvaluation | None:
        """The basic contract (``option`` None) or the named variant; None without a contract.

        An unknown variant name raises :class:`~pricing.contract.UnknownVariant` (a Dutch message).
        """
        contract = self.contract
        if contract is None or not self.variants:
            return None
        if option is None:
            return self.variants[0]
        contract.option(option)  # raises UnknownVariant with the names that do exist
        return next(v for v in self.variants if v.option == option)

    def budget(self, option: str | None = None) -> ContractBudget | None:
        chosen = self.variant(option)
        return chosen.budget if chosen else None


def evaluate(
    scenario: Scenario,
    book: ParameterBook | None = None,
    benchmark_set: BenchmarkSet | None = None,
    accounts: AnnualAccounts | None = None,
) -> Evaluation:
    """Compute everything for ``scenario`` once (see the module docstring)."""
    book = book or load_parameter_book()
    return evaluation_of(compute(scenario, book), book, benchmark_set, accounts)


def evaluation_of(
    result: CostPriceResult,
    book: ParameterBook | None = None,
    benchmark_set: BenchmarkSet | None = None,
    accounts: AnnualAccounts | None = None,
) -> Evaluation:
    """The evaluation around an already computed cost-price result (the chain is not run again)."""
    book = book or getattr(result, "book", None) or load_parameter_book()
    bset = benchmark_set or _default_benchmark_set()
    ranges = assumptions(result, bset)
    return Evaluation(
        result=result,
        book=book,
        benchmark_set=bset,
        checks=compare_to_set(result.scenario, result, bset),
        wmo=wmo_elements(result),
        jeugdwet=jeugdwet_elements(result),
        health=_health(accounts),
        sensitivity=sensitivity(result, bset, book, ranges),
        forecast=forecast_uses(result, result.book or book),
        ranges=ranges,
    )


def _health(accounts: AnnualAccounts | None) -> HealthReport | None:
    if accounts is None:
        return None
    from pricing.financial_health import key_figures

    return key_figures(accounts)


@lru_cache(maxsize=1)
def _default_benchmark_set() -> BenchmarkSet:
    return load_benchmark_set()


__all__ = ["Evaluation", "UnknownVariant", "VariantEvaluation", "evaluate", "evaluation_of"]
