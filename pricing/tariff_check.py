"""Tariff check for a municipal buyer: is an offered tariff realistic, and what would it demand?

The verdict's thresholds come from the chain itself, not from a chosen margin:
- realistisch: the offer covers the realistic tariff (cost price plus risk, innovation, reserve);
- krap: it covers the cost price but not the surcharges for risk, innovation and reserves;
- onder kostprijs: it does not cover the cost price.
"""

from __future__ import annotations

from pricing.costprice import CostPriceResult
from pricing.fields import shown_value
from pricing.money import format_eur, format_number
from pricing.numbers import format_dutch_input
from pricing.record import Record

VERDICTS = {
    "realistic": "realistisch",
    "tight": "krap",
    "below_cost": "onder kostprijs",
}
VERDICT_RULES = (
    "realistisch: aangeboden tarief ≥ reëel tarief (kostprijs + risico, innovatie en reserve); "
    "krap: ≥ kostprijs maar < reëel tarief; onder kostprijs: < kostprijs. "
    "Vergelijking op de cent nauwkeurig."
)
TOLERANCE = 0.005  # half a cent: amounts are agreed in cents
# An offer under a quarter of the realistic tariff, or over four times it, comes more often from a
# typing or unit slip (95,033 typed for 95.033, an amount per FTE entered as one per hour) than from
# an offer, so the check says so beside its verdict, which it leaves as it is. The bounds are this
# tool's own choice, no sourced figure: wide enough that no real negotiation gap reaches them.
PLAUSIBLE_RATIO = (0.25, 4.0)


class TariffInputError(ValueError):
    """An offered tariff that cannot be checked (message in Dutch)."""


class TariffCheck(Record, frozen=True):
    offered_input: float
    per: str  # "hour" or "fte"
    offered: float  # per billable hour
    offered_per_fte: float
    realistic: float
    realistic_per_fte: float
    cost_price: float
    gap_per_hour: float  # offered - realistic; negative means the offer falls short
    gap_pct: float  # gap as a fraction of the realistic tariff
    gap_per_year: float  # gap per hour x billable hours of the whole staffing
    implied_productive_hours: float  # per FTE, at which the realistic tariff equals the offer
    implied_productivity: float  # implied productive hours / contract hours
    implied_overhead_pct: float | None  # overhead (scenario's convention) that fits; None if nothing fits
    overhead_convention: str
    verdict: str  # realistic | tight | below_cost
    verdict_label: str
    hours_short_per_year: float  # shortfall expressed in billable hours at the realistic tariff
    fte_short: float  # the same in FTE
    productivity_feasible: bool  # can the implied productive hours be worked at all?
    productivity_note: str
    plausibility_note: str | None = None  # the offer is far from the realistic tariff: check the input
    rules: str = VERDICT_RULES


def check_tariff(result: CostPriceResult, offered: float, per: str = "hour") -> TariffCheck:
    """Compare an offered tariff (per billable hour, or per FTE per year) with the scenario."""
    if per not in ("hour", "fte"):
        raise TariffInputError("Eenheid moet 'hour' (per uur) of 'fte' (per FTE per jaar) zijn.")
    if (
        isinstance(offered, bool)
        or not isinstance(offered, (int, float))
        or offered != offered
        or offered in (float("inf"), float("-inf"))
    ):
        raise TariffInputError(f"Aangeboden tarief: {shown_value(offered)} is geen geldig bedrag.")
    if offered <= 0:
        raise TariffInputError("Aangeboden tarief: moet groter dan € 0 zijn.")
    if offered < 0.01:  # a tariff is stated in cents; less reads as a unit mistake, not a price
        raise TariffInputError("Aangeboden tarief: is minder dan een cent; geef een tarief van minstens € 0,01.")
    limit = 10_000 if per == "hour" else 10_000_000
    if offered > limit:
        raise TariffInputError(
            f"Aangeboden tarief: {format_eur(offered)} is onwaarschijnlijk hoog (maximaal {format_eur(limit, 0)} "
            f"{'per uur' if per == 'hour' else 'per FTE'}); controleer de eenheid."
        )
    team = result.team
    hours = result.hours
    offered_hour = offered if per == "hour" else offered / hours.billable
    realistic = team.tariff_per_hour
    gap = offered_hour - realistic
    # The whole tariff is (constant per FTE) / billable hours, so the billable hours at which the
    # realistic tariff equals the offer follow directly; tests confirm this against the chain.
    implied_billable = realistic * hours.billable / offered_hour
    implied_productive = implied_billable / (hours.billable / hours.productive)
    implied_overhead = _implied_overhead(result, offered_hour)
    if offered_hour >= realistic - TOLERANCE:
        verdict = "realistic"
    elif offered_hour >= team.cost_price_per_hour - TOLERANCE:
        verdict = "tight"
    else:
        verdict = "below_cost"
    short_hours = max(-gap, 0.0) * team.billable_hours / realistic
    feasible = implied_productive <= hours.contract
    if not feasible:
        note = (
            f"Onhaalbaar: bij dit tarief zouden per FTE {format_number(implied_productive, 0)} productieve uren "
            f"nodig zijn, meer dan de {format_number(hours.contract, 0)} contracturen."
        )
    elif implied_productive > hours.productive:
        note = (
            "Vraagt meer productieve uren dan de norm: minder verlof, verzuim, scholing of overleg "
            "dan het scenario aanneemt."
        )
    else:
        note = "Haalbaar binnen de huidige urennorm."
    return TariffCheck(
        offered_input=float(offered),
        per=per,
        offered=offered_hour,
        offered_per_fte=offered_hour * hours.billable,
        realistic=realistic,
        realistic_per_fte=realistic * hours.billable,
        cost_price=team.cost_price_per_hour,
        gap_per_hour=gap,
        gap_pct=gap / realistic,
        gap_per_year=gap * team.billable_hours,
        implied_productive_hours=implied_productive,
        implied_productivity=implied_productive / hours.contract,
        implied_overhead_pct=implied_overhead,
        overhead_convention=result.overhead_convention,
        verdict=verdict,
        verdict_label=VERDICTS[verdict],
        hours_short_per_year=short_hours,
        fte_short=short_hours / hours.billable,
        productivity_feasible=feasible,
        productivity_note=note,
        plausibility_note=_plausibility_note(float(offered), per, offered_hour, realistic, hours.billable),
    )


def _plausibility_note(offered: float, per: str, offered_hour: float, realistic: float, billable: float) -> str | None:
    """A note when the offer lies outside PLAUSIBLE_RATIO of the realistic tariff, naming the
    reading that would fit (thousands typed with a comma, the other unit), if one does; None otherwise."""
    low, high = PLAUSIBLE_RATIO
    ratio = offered_hour / realistic
    if low <= ratio <= high:
        return None
    typed = f"€ {format_dutch_input(offered)}"  # as read, not rounded to cents: 95,033 is the point
    shown = f"{typed} {'per uur' if per == 'hour' else 'per FTE per jaar'}"
    note = (
        f"Let op: het aangeboden tarief ({shown}) is {format_number(ratio * 100, 0 if ratio >= 0.1 else 2)} % "
        "van het reële tarief. Zo'n afstand komt vaker van een tik- of eenheidsfout dan van een aanbod; "
        "controleer het bedrag en de eenheid."
    )
    readings = []
    # (An amount per FTE typed as one per hour is above the hourly ceiling: refused before this.)
    if per == "fte" and low <= ratio * billable <= high:
        readings.append(f"als bedrag per uur ({typed}) past het wel: kies dan 'per uur'")
    # 95,033 read as 95,03: a whole number of thousands typed with a decimal comma.
    thousands = offered * 1000
    if (
        offered >= 1
        and thousands != int(offered) * 1000
        and abs(thousands - round(thousands)) < 1e-6
        and low <= ratio * 1000 <= high
    ):
        readings.append(
            f"bedoelde u {format_eur(round(thousands), 0)}? Een komma staat voor de decimalen; schrijf duizendtallen "
            "met een punt (95.033) of zonder scheiding (95033)"
        )
    if readings:
        joined = "; of ".join(readings)
        note += " " + joined[0].upper() + joined[1:] + "."
    return note


def _implied_overhead(result: CostPriceResult, offered_hour: float) -> float | None:
    """Overhead percentage (in the scenario's convention) at which the team tariff equals the offer.

    Everything else stays as it is, including the surcharge percentages for risk, innovation and
    reserve. Returns None when not even zero overhead fits (the offer is below the other costs).
    """
    team = result.team
    norms = result.scenario.norms
    surcharge = norms.risk_pct + norms.innovation_pct + (result.reserve.surcharge if result.reserve else 0.0)
    available = offered_hour / (1.0 + surcharge) - team.material_per_hour - team.reporting_per_hour
    direct = team.direct_cost_per_hour
    if available < direct:
        return None
    if result.overhead_convention == "share":
        return 1.0 - direct / available
    return available / direct - 1.0
