"""The types of a task- and area-based contract (validated by :mod:`pricing.contract`) and the
vocabulary they print with. See the module docstring of :mod:`pricing.contract` for the model."""

from __future__ import annotations

import datetime as dt

from pricing.fields import shown_value
from pricing.money import MONTHS_NL, format_date_nl
from pricing.record import Record

FUNDING_VARIANTS: dict[str, tuple[str, str]] = {
    # Names from "Inzicht in tarieven" (2021), docs/methode.md section 2; the invoicing consequences are
    # this project's plain reading of each variant.
    "inspanningsgericht": (
        "Inspanningsgericht (bekostiging van inzet)",
        "De gemeente betaalt de ingezette uren tegen het uurtarief per functie. Facturatie per maand "
        "of kwartaal op basis van de urenregistratie; de begroting is het plafond.",
    ),
    "outputgericht": (
        "Outputgericht (bekostiging per product)",
        "De gemeente betaalt per geleverd product of traject tegen een vaste prijs. De prijs per "
        "product is het uurtarief maal de normtijd per product; producten en normtijden worden in "
        "het contract vastgelegd. Facturatie per geleverde eenheid.",
    ),
    "taakgericht": (
        "Taakgericht (taakbudget of lumpsum)",
        "De gemeente betaalt een vast budget voor de opgave, in termijnen (bijvoorbeeld per kwartaal "
        "een kwart van het jaarbudget). Verantwoording over effecten en indicatoren (tellen) en het "
        "verhaal (vertellen), niet over uren.",
    ),
}
# VNG advises 90 % OVA / 10 % PPC (docs/methode.md section 5.4). Only this weight may be attributed to VNG; any
# other weight is the scenario's own choice and is shown as such.
VNG_WAGE_WEIGHT = 0.9
DEFINITIVE_RULES: dict[str, str] = {
    "next_year": "inhaal in de indexatie van het volgende jaar (methode VNG)",
    "settle": "nacalculatie over het afgelopen jaar én inhaal in de indexatie van het volgende jaar",
    "none": "geen inhaal: de voorlopige cijfers gelden als definitief",
}
CATCH_UP_LABELS = {
    "ratio": "verhoudingsmethode (1+definitief)/(1+voorlopig) - 1",
    "additive": "optelmethode definitief - voorlopig",
}
ORIGIN_LABELS = {
    "data": "bron (parameterdata)",
    "opgegeven": "opgegeven in het contract",
    "data/opgegeven": "deels data, deels opgegeven",
    "aanname": "aanname",
    "basis": "prijspeil basisjaar",
}
INDEX_FIGURES = ("ova_provisional", "ppc_provisional", "ova_definitive", "ppc_definitive")
# The status a contract gives the source of a year's own index figure (``indexation.sources``).
INDEX_SOURCE_STATUS = {"given": "vastgesteld", "provisional": "voorlopig", "assumption": "aanname"}

# Documented default discount rate for the NPV. [S] Werkgroep discontovoet 2020, adopted by the
# cabinet, in force 1 January 2021: standard discount rate 2.25 % for social cost-benefit analyses
# (rwseconomie.nl/discontovoet). It is a real rate, so the NPV discounts the budget deflated to
# base-year prices (see the module docstring), and every place that shows it says so.
DEFAULT_DISCOUNT_RATE = 0.0225
DISCOUNT_SOURCE = (
    "Werkgroep discontovoet 2020 (kabinetsbesluit, geldt vanaf 1 januari 2021): "
    "standaarddiscontovoet 2,25 % voor maatschappelijke kosten-batenanalyses"
)

# The first index year gets no catch-up unless the clause asks for it (module docstring: the base
# price is bottom-up, so there is no provisional-definitive gap to repair).
DEFAULT_FIRST_YEAR_CATCH_UP = False
# [A] Reference month (peilmaand): the month, in the year before the index year, whose published
# OVA/PPC figures set the index per 1 January. September is this model's default, not a sourced
# rule: late enough for next year's figures, early enough to agree the tariff before 1 January.
# Parties may agree another month; the clause always prints the month it uses.
DEFAULT_REFERENCE_MONTH = 9


CROSS_AREA = "Wijkoverstijgend"
CROSS_TASK = "Taakoverstijgend"


class Indicator(Record, frozen=True):
    name: str
    unit: str
    baseline: float | None
    target: float | None
    source: str = ""


class RatioSource(Record, frozen=True):
    """Where a task's own return ratio (and its range) comes from: a publication (title, link,
    date), or an assumption of the organisation with its reasoning."""

    title: str = ""
    href: str = ""
    date: dt.date | None = None
    assumption: bool = False
    reasoning: str = ""

    @property
    def text(self) -> str:
        """The source in one line, as the app and the offer print it."""
        if self.assumption:
            return "aanname van de organisatie" + (f": {self.reasoning}" if self.reasoning else "")
        parts = [self.title]
        if self.date is not None:
            parts.append(format_date_nl(self.date))
        if self.href:
            parts.append(self.href)
        text = ", ".join(parts)
        return text + (f" ({self.reasoning})" if self.reasoning else "")


class SocialReturnInput(Record, frozen=True):
    """Social return settings for one task (see pricing.social_return)."""

    ratio: float
    ratio_given: bool  # False: the SEOR default was used
    benefit_years: int
    split: dict[str, float]
    split_given: bool
    low: float | None = None  # the range of the ratio, both or neither
    high: float | None = None
    source: RatioSource | None = None  # None: SEOR for the default ratio, none given for an own one


class Task(Record, frozen=True):
    name: str
    target_group: str
    effects: tuple[str, ...]
    indicators: tuple[Indicator, ...]
    narrative: str
    reporting: str = ""
    social_return: SocialReturnInput | None = None


class Area(Record, frozen=True):
    name: str
    code: str | None = None
    population: int | None = None


class StaffingLine(Record, frozen=True):
    area: str | None  # None: cross-area (wijkoverstijgend)
    task: str | None  # None: cross-task (taakoverstijgend)
    function: str
    fte: float | None
    hours: float | None  # billable hours per year, instead of FTE


class ActivityLine(Record, frozen=True):
    area: str | None
    task: str | None
    name: str
    amount: float  # per year, at the base year's price level


class Option(Record, frozen=True):
    """A variant on top of the basic contract: signed changes of staffing and activities."""

    name: str
    description: str
    staffing: tuple[StaffingLine, ...]
    activities: tuple[ActivityLine, ...]


class YearIndex(Record, frozen=True):
    """The index applied on 1 January of ``year`` (a fraction), and where it came from."""

    year: int
    index: float
    weighted_provisional: float | None
    catch_up: float | None
    origin: str  # data | opgegeven | data/opgegeven | aanname
    note: str = ""
    # True when the catch-up over the previous year is due but its definitive figures are not known
    # yet: the index is the weighted provisional figure alone, and the catch-up follows later.
    catch_up_pending: bool = False
    # The contract's own source of this year's figure and its status (given | provisional |
    # assumption, INDEX_SOURCE_STATUS); empty when the contract states none.
    source: str = ""
    source_status: str = ""

    @property
    def source_text(self) -> str:
        """The contract's own source in words, with its status; empty without one."""
        if not self.source:
            return ""
        return f"bron: {self.source} ({INDEX_SOURCE_STATUS.get(self.source_status, self.source_status)})"


class ContractIndexation(Record, frozen=True):
    wage_weight: float
    catch_up: str  # ratio | additive
    definitive: str  # next_year | settle | none
    first_year_catch_up: bool  # VNG's catch-up also in the first index year after the base year
    reference_month: int  # 1-12, in the year before the index year
    reference_month_given: bool
    assumed_pct: float | None
    per_year: dict[int, float]
    figures: dict[int, dict[str, float]]
    municipal_pct: dict[int, float]  # the municipality's own indexation per year (non-indexation)
    municipal_given: bool
    base_year: int
    years: tuple[YearIndex, ...]  # base_year+1 .. last contract year, resolved at validation
    settlement_catch_up: dict[int, float]  # year -> catch-up over that year (settle only)
    wage_weight_given: bool = True
    first_year_catch_up_given: bool = False

    @property
    def follows_vng_weight(self) -> bool:
        return abs(self.wage_weight - VNG_WAGE_WEIGHT) < 1e-9

    @property
    def wage_weight_source(self) -> str:
        """Where the weight comes from, in words; VNG only for VNG's own 90/10."""
        if self.follows_vng_weight:
            return "VNG-advies (90 % OVA, 10 % PPC)"
        if self.wage_weight_given:
            return "een weging opgegeven in het scenario (eigen keuze; de VNG adviseert 90 % OVA en 10 % PPC)"
        return "de standaardweging uit de parameterdata (de VNG adviseert 90 % OVA en 10 % PPC)"

    @property
    def reference_month_name(self) -> str:
        return MONTHS_NL[self.reference_month - 1]

    @property
    def norm_label(self) -> str:
        """What the cost of non-indexation compares with: this clause's own index."""
        if self.definitive == "none":
            return "de indexatie volgens deze clausule (gewogen voorlopige cijfers, zonder inhaal)"
        return (
            "de indexatie volgens deze clausule (VNG-methode, ook met inhaal in het eerste indexatiejaar)"
            if self.first_year_catch_up
            else "de indexatie volgens deze clausule (VNG-methode, zonder inhaal in het eerste indexatiejaar)"
        )


class Contract(Record, frozen=True):
    name: str
    municipality: str
    round: str
    funding: str
    start: dt.date
    years: int
    discount_rate: float
    discount_given: bool
    description: str
    areas: tuple[Area, ...]
    tasks: tuple[Task, ...]
    staffing: tuple[StaffingLine, ...]
    activities: tuple[ActivityLine, ...]
    indexation: ContractIndexation
    options: tuple[Option, ...] = ()
    # Step drift (CAO art. 6.5): every employee below the scale maximum rises one step each 1 January.
    step_drift: bool = True

    @property
    def contract_years(self) -> tuple[int, ...]:
        return tuple(self.start.year + k for k in range(self.years))

    @property
    def end(self) -> dt.date:
        try:
            return self.start.replace(year=self.start.year + self.years) - dt.timedelta(days=1)
        except ValueError:  # 29 February
            return dt.date(self.start.year + self.years, 2, 28)

    @property
    def funding_label(self) -> str:
        return FUNDING_VARIANTS[self.funding][0]

    def option(self, name: str) -> Option:
        for option in self.options:
            if option.name == name:
                return option
        known = ", ".join(o.name for o in self.options) or "geen"
        raise UnknownVariant(f"variant {shown_value(name)} bestaat niet; bekend: {known}")


class UnknownVariant(KeyError, ValueError):
    """A variant name the contract does not have. A KeyError for lookups, a ValueError for callers
    that treat it as bad input; ``str()`` gives the Dutch sentence without KeyError's quotes."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "onbekende variant"
