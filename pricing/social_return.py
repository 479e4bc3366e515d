"""Social return per task: an estimate of benefits against the contract's costs, per actor.

docs/methode.md section 9. The return ratio is an input. Its default, 1.6, is the average over 32 business
cases in SEOR's meta-analysis for Sociaal Werk werkt! (December 2020); the same study warns that
benefits often land with other payers than the municipality ("wrong pocket") and that a business-
case surplus cannot be scaled up to national level. So the figure is never presented as a fact
about the user's own work: every output carries the label "schatting" and the caveat.

Model (MKBA practice: costs and benefits as net present value, per actor):

* costs of a task per contract year = the task's own budget lines plus a share of the cross-task
  lines (e.g. team leaders), pro rata to the tasks' own budgets;
* benefits of a year's costs = ratio x those costs, spread evenly over ``benefit_years`` years
  starting in that year (1 = in the same year; more years = prevention that pays off later);
* the horizon runs from the first contract year to the last year that still receives benefits;
* both streams are in base-year prices (the task's costs deflated with the contract's own index
  factors, like the contract's NPV) and discounted with the contract's discount rate, a real rate
  (numpy-financial ``npv``, first year undiscounted);
* benefits are split over actors by the fractions the user gives. Without a split the shares are
  unknown, so the municipality's own balance is unknown too (``municipality_net`` is None) rather
  than a share of zero.

The method (docs/methode.md section 9) asks for the ratio with its source and range. SEOR's average is known here; the spread
over the 32 business cases is not, and no range is invented: without a range of its own every output says it is
not known. A task may give its own range (``range: {low, high}``, around the ratio) with a ``source`` (a
publication: ``title``, ``href``, ``date``; or ``assumption: true`` with its ``reasoning``); a range needs a
source. The benefits are linear in the ratio, so the estimate at each end of the range is the same
computation with that end as the ratio (``npv_benefits_low``/``_high``), labelled an estimate like the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from msgspec import field

from pricing.finance import deflate, net_present_value
from pricing.model.contract import CROSS_TASK, RatioSource
from pricing.money import format_number
from pricing.record import Record

if TYPE_CHECKING:
    from pricing.contract import ContractBudget

ACTORS: dict[str, str] = {
    "gemeente": "Gemeente",
    "zorgverzekeraar": "Zorgverzekeraar",
    "uwv": "UWV",
    "inwoners": "Inwoners",
    "overig": "Overig / niet verdeeld",
}
SR_KEYS = ("ratio", "range", "source", "benefit_years", "split")
RANGE_KEYS = ("low", "high")
SOURCE_KEYS = ("title", "href", "date", "assumption", "reasoning")
MAX_RATIO = 10

# [S] SEOR (F. Dekker, A. Franx, E. de Vleeschouwer, K. Zandvliet), Meta-analyse businesscases
# sociaal werk, eindrapport, Rotterdam, 22 December 2020, for Sociaal Werk werkt!; seor.nl.
SEOR_RATIO = 1.6
SEOR_SOURCE = (
    "SEOR, Meta-analyse businesscases sociaal werk, in opdracht van Sociaal Werk werkt! "
    "(22 december 2020), https://www.seor.nl/meta-analyse-business-cases-sociaal-werk/ : "
    "gemiddeld 1,6 keer de kosten over 32 business cases"
)
CAVEAT = (
    "Schatting, geen feit over dit project. De verhouding van 1,6 is een gemiddelde over 32 "
    "business cases van verschillende aanpakken; baten vallen vaak bij andere partijen dan de "
    "gemeente die betaalt (zorgverzekeraar, UWV, inwoners), en een overschot in een business case "
    "is niet op te schalen naar landelijk niveau. Gebruik een eigen verhouding als die onderbouwd is."
)
DEFAULT_BENEFIT_YEARS = 1  # [A] benefits in the same year as the costs, as the ratio is stated
UNKNOWN_SPLIT = (
    "Geen verdeling over partijen opgegeven: welk deel van de baten bij de gemeente zelf terechtkomt is "
    "onbekend, dus het saldo voor de gemeente is niet te berekenen. Alle baten staan onder 'overig / niet "
    "verdeeld'."
)


class SocialReturn(Record, frozen=True):
    task: str
    ratio: float
    ratio_given: bool
    benefit_years: int
    discount_rate: float
    years: tuple[int, ...]  # the horizon
    costs: tuple[float, ...]  # per horizon year
    benefits: tuple[float, ...]
    npv_costs: float
    npv_benefits: float
    by_actor: dict[str, float]  # NPV of benefits per actor
    split_given: bool
    price_year: int = 0  # costs and benefits are in prices of this (the contract's base) year
    # The range of the ratio and the NPV of the benefits at its ends (None without a range).
    ratio_low: float | None = None
    ratio_high: float | None = None
    npv_benefits_low: float | None = None
    npv_benefits_high: float | None = None
    own_source: RatioSource | None = None  # the source the task gives for its own ratio and range
    shares: dict[str, float] = field(default_factory=dict)  # each actor's share of the benefits

    @property
    def has_range(self) -> bool:
        return self.npv_benefits_low is not None and self.npv_benefits_high is not None

    @property
    def net_range(self) -> tuple[float, float] | None:
        """The balance (benefits minus costs, NPV) at the low and the high end of the range."""
        if self.npv_benefits_low is None or self.npv_benefits_high is None:
            return None
        return self.npv_benefits_low - self.npv_costs, self.npv_benefits_high - self.npv_costs

    @property
    def municipality_net_range(self) -> tuple[float, float] | None:
        """The municipality's own balance at both ends; None without a range or without a split."""
        if self.npv_benefits_low is None or self.npv_benefits_high is None or not self.split_given:
            return None
        share = self.shares.get("gemeente", 0.0)
        return share * self.npv_benefits_low - self.npv_costs, share * self.npv_benefits_high - self.npv_costs

    @property
    def net(self) -> float:
        return self.npv_benefits - self.npv_costs

    @property
    def municipality_net(self) -> float | None:
        """The paying municipality's own balance: its share of the benefits minus all the costs.

        None without a split: the municipality's share is then unknown, not zero.
        """
        if not self.split_given:
            return None
        return self.by_actor.get("gemeente", 0.0) - self.npv_costs

    @property
    def source(self) -> str:
        """The source of the ratio: the task's own source, or SEOR for the default ratio."""
        if not self.ratio_given:
            return SEOR_SOURCE
        if self.own_source is not None:
            return self.own_source.text
        return "opgegeven door de organisatie"

    @property
    def source_short(self) -> str:
        """The source in a few words, for a table column (the full text goes with it as help)."""
        if not self.ratio_given:
            return "SEOR 2020, gemiddelde van 32 business cases"
        if self.own_source is not None:
            return "aanname van de organisatie" if self.own_source.assumption else self.own_source.title
        return "eigen opgave van de organisatie"

    @property
    def range_text(self) -> str:
        """The range in words: its ends with the source, or that it is not known."""
        if self.ratio_low is None or self.ratio_high is None:
            return "niet bekend"
        text = f"{format_number(self.ratio_low, 2)} tot {format_number(self.ratio_high, 2)}"
        return text + (f" ({self.own_source.text})" if self.own_source is not None else "")


def range_note(estimates: Sequence[SocialReturn]) -> str:
    """One sentence on the range of every ratio shown, naming the tasks (docs/methode.md section 9 asks for the
    range; none is known here, so the sentence says that instead of showing one)."""
    seor = [sr.task for sr in estimates if not sr.ratio_given and not sr.has_range]
    own = [sr.task for sr in estimates if sr.ratio_given and not sr.has_range]
    given = [f"{sr.task} {sr.range_text}" for sr in estimates if sr.has_range]
    parts = []
    if given:
        parts.append("opgegeven (schatting): " + "; ".join(given))
    if seor:
        parts.append(
            f"voor de SEOR-verhouding ({', '.join(seor)}) is de spreiding over de 32 business cases "
            "(laagste en hoogste waarde) in de bronnen van dit model niet bekend"
        )
    if own:
        parts.append(f"voor de eigen verhouding ({', '.join(own)}) is geen bandbreedte opgegeven")
    if not parts:
        return ""
    tail = ""
    if seor or own:
        tail = " Daarom staat hier geen bandbreedte." if not given else " Voor die opgaven staat hier geen bandbreedte."
    return "Bandbreedte: " + "; ".join(parts) + "." + tail


def task_costs(budget: ContractBudget) -> dict[str, tuple[float, ...]]:
    """Per task its costs per contract year, including a pro-rata share of cross-task lines."""
    tasks = [t.name for t in budget.contract.tasks]
    own = {name: budget.by_task.get(name, (0.0,) * len(budget.years)) for name in tasks}
    cross = budget.by_task.get(CROSS_TASK, (0.0,) * len(budget.years))
    out = {}
    for name in tasks:
        values = []
        for k in range(len(budget.years)):
            direct = sum(own[t][k] for t in tasks)
            share = own[name][k] / direct if direct else 0.0
            values.append(own[name][k] + share * cross[k])
        out[name] = tuple(values)
    return out


def social_return(budget: ContractBudget) -> tuple[SocialReturn, ...]:
    """The estimate for every task of the contract that has social return switched on."""
    costs_by_task = task_costs(budget)
    out = []
    for task in budget.contract.tasks:
        sr = task.social_return
        if sr is None:
            continue
        # Real amounts: the discount rate is real (see pricing.contract.net_present_value).
        costs = list(deflate(costs_by_task[task.name], budget.factors))
        horizon = len(costs) + sr.benefit_years - 1
        costs += [0.0] * (horizon - len(costs))
        benefits = _benefits(costs, sr.ratio, sr.benefit_years)
        rate = budget.discount_rate
        npv_costs = net_present_value(rate, costs)
        npv_benefits = net_present_value(rate, benefits)
        ends: tuple[float | None, float | None] = (None, None)
        if sr.low is not None and sr.high is not None:
            low, high = (net_present_value(rate, _benefits(costs, r, sr.benefit_years)) for r in (sr.low, sr.high))
            ends = (low, high)
        by_actor = {actor: npv_benefits * share for actor, share in sr.split.items()}
        first = budget.years[0]
        out.append(
            SocialReturn(
                task=task.name,
                ratio=sr.ratio,
                ratio_given=sr.ratio_given,
                benefit_years=sr.benefit_years,
                discount_rate=rate,
                years=tuple(range(first, first + horizon)),
                costs=tuple(costs),
                benefits=tuple(benefits),
                npv_costs=npv_costs,
                npv_benefits=npv_benefits,
                by_actor=by_actor,
                split_given=sr.split_given,
                price_year=budget.base_year,
                ratio_low=sr.low,
                ratio_high=sr.high,
                npv_benefits_low=ends[0],
                npv_benefits_high=ends[1],
                own_source=sr.source,
                shares=dict(sr.split),
            )
        )
    return tuple(out)


def _benefits(costs: list[float], ratio: float, benefit_years: int) -> list[float]:
    """Benefits per horizon year: ratio x each year's costs, spread evenly over ``benefit_years``
    years from that year (``costs`` already runs over the whole horizon)."""
    horizon = len(costs)
    benefits = [0.0] * horizon
    for k, cost in enumerate(costs):
        for j in range(benefit_years):
            if k + j < horizon:
                benefits[k + j] += ratio * cost / benefit_years
    return benefits
