"""Financial-health key figures from a few annual-account figures, against signalling values.

The signalling values are generic, not sector-specific (docs/methode.md section 8); where no public
signalling value is known the figure is still computed and shown as such, never judged against an
invented threshold. Definitions (all fractions):

- solvency = equity / total assets
- current ratio = current assets / current liabilities
- resistance capacity = equity / total income
- net margin = result / total income
- overhead share = overhead costs / total costs, with total costs = income - result
- flexible share = hired-staff costs / total costs
- sick leave = as entered (percentage of contract hours)
"""

from __future__ import annotations

import math
from typing import Any

from pricing.money import format_number, format_pct
from pricing.record import Record

GENERIC_SOURCE = (
    "Aanname van dit model: generieke signaleringswaarden uit de financiële analyse van "
    "non-profitorganisaties, niet specifiek voor het sociaal werk (geen openbare sectornorm gevonden); "
    "sectorcijfers welzijnswerk om mee te vergelijken: CBS StatLine 81278ned, "
    "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/81278ned"
)


class HealthInputError(ValueError):
    """Inputs that cannot give key figures; ``problems`` maps field -> Dutch message."""

    def __init__(self, problems: dict[str, str]):
        self.problems = dict(problems)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.problems.items()))


class AnnualAccounts(Record, frozen=True):
    """Figures from one annual account, in euros (sick leave as a fraction)."""

    equity: float
    total_assets: float
    current_assets: float
    current_liabilities: float
    income: float
    result: float
    overhead_costs: float
    hired_staff_costs: float
    sick_leave_pct: float


INPUT_LABELS = {
    "equity": "Eigen vermogen",
    "total_assets": "Balanstotaal",
    "current_assets": "Vlottende activa",
    "current_liabilities": "Kortlopende schulden",
    "income": "Totale baten",
    "result": "Resultaat",
    "overhead_costs": "Overheadkosten",
    "hired_staff_costs": "Kosten ingehuurd personeel",
    "sick_leave_pct": "Ziekteverzuim",
}

# A fictional example for the demo organisation (about EUR 4.5 m turnover), so the page is never
# empty; labelled as such in the app.
DEMO_ACCOUNTS = AnnualAccounts(
    equity=820_000,
    total_assets=2_600_000,
    current_assets=1_900_000,
    current_liabilities=1_450_000,
    income=4_600_000,
    result=25_000,
    overhead_costs=1_050_000,
    hired_staff_costs=310_000,
    sick_leave_pct=0.068,
)


class Signal(Record, frozen=True):
    """A signalling value: ``low``/``high`` bounds of the healthy range (None = open)."""

    low: float | None
    high: float | None
    text: str
    source: str
    # Between ``warn_low`` and ``low`` the light is orange instead of red (a published range such
    # as "25-30 %" has a strict and a lenient end).
    warn_low: float | None = None


SIGNALS: dict[str, Signal | None] = {
    "solvency": Signal(0.30, None, "≥ 25-30 %", GENERIC_SOURCE, warn_low=0.25),
    "current_ratio": Signal(1.0, None, "≥ 1,0", GENERIC_SOURCE),
    "resistance": Signal(0.10, 0.40, "10-40 %", GENERIC_SOURCE),
    "net_margin": Signal(-0.01, 0.01, "ongeveer -1 % tot +1 %", GENERIC_SOURCE),
    "overhead_share": None,
    "flexible_share": None,
    "sick_leave": Signal(
        None,
        0.072,
        "sector 6,4-7,2 %",
        "Sociaal Werk werkt!, verzuim in het sociaal werk (6,4-7,2 %) (2020), https://www.sociaalwerk-werkt.nl/; "
        "sectorgemiddelde, geen norm",
    ),
}
NO_SIGNAL = "geen signaleringswaarde bekend"


class KeyFigure(Record, frozen=True):
    key: str
    label: str
    value: float | None  # None when it cannot be computed (division by zero)
    unit: str  # "fraction" or "ratio"
    formula: str
    signal: Signal | None
    light: str  # green | orange | red | none
    assessment: str

    @property
    def shown(self) -> str:
        if self.value is None:
            return "niet te berekenen"
        return format_pct(self.value, 1) if self.unit == "fraction" else format_number(self.value, 2)


class HealthReport(Record, frozen=True):
    accounts: AnnualAccounts
    figures: tuple[KeyFigure, ...]

    def figure(self, key: str) -> KeyFigure:
        return next(f for f in self.figures if f.key == key)


def validate_accounts(values: dict[str, Any]) -> AnnualAccounts:
    """Build AnnualAccounts from a dict; every problem at once, in Dutch."""
    problems: dict[str, str] = {}
    out = {}
    for name in AnnualAccounts.__struct_fields__:
        v = values.get(name)
        label = INPUT_LABELS[name]
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            problems[name] = f"{label}: verwacht een getal"
            continue
        # Result and equity can be negative (a loss, an organisation in trouble); the rest cannot.
        if name not in ("result", "equity") and v < 0:
            problems[name] = f"{label}: mag niet negatief zijn"
            continue
        if name == "sick_leave_pct" and v > 1:
            problems[name] = f"{label}: verwacht een fractie van 0 tot 1 (0,065 = 6,5 %)"
            continue
        out[name] = float(v)
    if not problems:
        if out["equity"] > out["total_assets"]:
            problems["equity"] = "Eigen vermogen: kan niet groter zijn dan het balanstotaal"
        if out["current_assets"] > out["total_assets"]:
            problems["current_assets"] = "Vlottende activa: kunnen niet groter zijn dan het balanstotaal"
    if problems:
        raise HealthInputError(problems)
    return AnnualAccounts(**out)


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def _judge(value: float | None, signal: Signal | None) -> tuple[str, str]:
    if signal is None:
        return "none", NO_SIGNAL
    if value is None:
        return "none", "niet te berekenen (deling door nul)"
    if signal.low is not None and value < signal.low:
        if signal.warn_low is not None and value >= signal.warn_low:
            return "orange", f"aan de onderkant van de signaleringswaarde ({signal.text})"
        return "red", f"onder de signaleringswaarde ({signal.text})"
    if signal.high is not None and value > signal.high:
        return "orange", f"boven de signaleringswaarde ({signal.text})"
    return "green", f"binnen de signaleringswaarde ({signal.text})"


def key_figures(accounts: AnnualAccounts) -> HealthReport:
    a = accounts
    total_costs = a.income - a.result
    raw = (
        ("solvency", "Solvabiliteit", _ratio(a.equity, a.total_assets), "fraction", "eigen vermogen / balanstotaal"),
        (
            "current_ratio",
            "Current ratio (liquiditeit)",
            _ratio(a.current_assets, a.current_liabilities),
            "ratio",
            "vlottende activa / kortlopende schulden",
        ),
        ("resistance", "Weerstandsvermogen", _ratio(a.equity, a.income), "fraction", "eigen vermogen / totale baten"),
        ("net_margin", "Nettomarge", _ratio(a.result, a.income), "fraction", "resultaat / totale baten"),
        (
            "overhead_share",
            "Overheadaandeel",
            _ratio(a.overhead_costs, total_costs),
            "fraction",
            "overheadkosten / totale lasten (baten - resultaat)",
        ),
        (
            "flexible_share",
            "Flexibele schil (inhuur)",
            _ratio(a.hired_staff_costs, total_costs),
            "fraction",
            "kosten ingehuurd personeel / totale lasten",
        ),
        ("sick_leave", "Ziekteverzuim", a.sick_leave_pct, "fraction", "opgegeven verzuimpercentage"),
    )
    figures = []
    for key, label, value, unit, formula in raw:
        signal = SIGNALS[key]
        light, assessment = _judge(value, signal)
        figures.append(KeyFigure(key, label, value, unit, formula, signal, light, assessment))
    return HealthReport(accounts, tuple(figures))
