"""The cost price mapped onto the legal cost elements of a realistic price.

Wmo 2015 art. 2.6.6 with Uitvoeringsbesluit Wmo 2015 art. 5.4 lid 3 (elements a-f) and Besluit
Jeugdwet art. 2.3 (elements a-d). Every euro of the tariff lands in exactly one line, so the lines
add up to the tariff; lines beyond the legal minimum (material costs, risk, innovation, reserve) are
listed separately. Per hour means per billable hour, team-weighted.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from pricing.costprice import CostPriceResult
from pricing.money import format_number, format_pct, round_half_up
from pricing.record import Record


class ElementLine(Record, frozen=True):
    law: str  # "Wmo", "Jeugdwet" or "" for lines beyond the legal elements
    code: str
    label: str
    per_hour: float
    covered: bool
    explanation: str


ROUNDING_LABEL = "Afrondingsverschil"
ROUNDING_EXPLANATION = (
    "Elke regel is op hele centen afgerond; dit verschil maakt dat de regels optellen tot het tarief zoals "
    "het getoond wordt."
)


def rounding_difference(elements: Sequence[ElementLine], tariff: float) -> Decimal:
    """The tariff as shown (in cents) less the sum of one law's lines as shown, each rounded on its
    own: a cent or two that is shown as a line of its own, so the column adds up to the tariff next
    to the sentence that every euro of it is on exactly one line (37,40 + ... came to 68,54 under a
    tariff of 68,55). Spreading it over the lines instead would show one element differently under
    the Wmo and the Jeugdwet."""
    return round_half_up(tariff, 2) - sum((round_half_up(e.per_hour, 2) for e in elements), Decimal(0))


def _team_parts(result: CostPriceResult) -> dict[str, float]:
    """Team-weighted split of the tariff into wage, non-productive hours, training/travel, etc."""
    hours = result.team.billable_hours
    wage = training = 0.0
    for line in result.lines:
        c = line.cost
        weight = line.fte
        if result.simple_mode:
            wage += weight * c.personnel_cost_per_fte
        else:
            wage += weight * (c.annual_salary + c.ikb + c.irregular + c.employer_premiums + c.pension)
            training += weight * (c.career_budget + c.other_personnel)
    contract_hours = sum(l.fte * l.hours.contract for l in result.lines)
    paid = wage / contract_hours
    return {
        "professional": paid,
        "non_productive": wage / hours - paid,
        "training_travel": training / hours,
    }


def wmo_elements(result: CostPriceResult) -> tuple[ElementLine, ...]:
    t = result.team
    parts = _team_parts(result)
    h = result.hours
    simple = result.simple_mode
    indexation = result.scenario.indexation
    lines = [
        ElementLine(
            "Wmo",
            "a",
            "Kosten van de beroepskracht",
            parts["professional"],
            parts["professional"] > 0,
            "Salaris, IKB, onregelmatigheidstoeslag, werkgeverspremies en pensioen per betaald uur"
            + (" (eenvoudige modus: alle werkgeverslasten via één opslag)" if simple else "")
            + ".",
        ),
        ElementLine(
            "Wmo",
            "b",
            "Redelijke overhead",
            t.overhead_per_hour,
            t.overhead_per_hour > 0,
            f"Overhead {format_pct(result.overhead_pct)} als "
            + (
                "opslag op de directe kosten"
                if result.overhead_convention == "markup"
                else "aandeel van de integrale kosten"
            )
            + (" (uit kostenregels)" if result.overhead_source == "kostenregels" else "")
            + ".",
        ),
        ElementLine(
            "Wmo",
            "c",
            "Niet-productieve uren (verlof, ziekte, scholing, overleg)",
            parts["non_productive"],
            parts["non_productive"] > 0,
            f"Van {format_number(h.contract, 1)} contracturen zijn {format_number(h.billable, 1)} "
            f"declarabel ({format_pct(h.billable / h.contract)}); de loonkosten van de overige uren.",
        ),
        ElementLine(
            "Wmo",
            "d",
            "Reis- en opleidingskosten",
            parts["training_travel"],
            parts["training_travel"] > 0 or simple,
            "Loopbaanbudget en overige personeelskosten (woon-werkverkeer, scholing)."
            if not simple
            else "In de vaste opslag werkgeverslasten; niet apart zichtbaar.",
        ),
        ElementLine(
            "Wmo",
            "e",
            "Indexatie van de reële prijs",
            0.0,
            indexation is not None,
            (
                f"Indexatieclausule: {format_pct(indexation.wage_weight, 0)} loonindex (OVA), "
                f"{format_pct(1 - indexation.wage_weight, 0)} prijsindex (PPC), inhaal "
                f"{'verhoudingsmethode' if indexation.catch_up == 'ratio' else 'optelmethode'}; "
                "geen bedrag per uur maar een jaarlijkse aanpassing."
            )
            if indexation
            else "Geen indexatieclausule in het scenario: leg de index, weging en inhaal vast.",
        ),
        ElementLine(
            "Wmo",
            "f",
            "Kosten van gemeentelijke verplichtingen (verantwoording, administratie)",
            t.reporting_per_hour,
            t.reporting_per_hour > 0,
            "Apart begroot per FTE."
            if t.reporting_per_hour > 0
            else "Niet apart begroot: registratietijd zit in de niet-productieve uren, systemen mogelijk in de overhead. Maak dit zichtbaar.",
        ),
    ]
    lines += _beyond(result)
    return tuple(lines)


def jeugdwet_elements(result: CostPriceResult) -> tuple[ElementLine, ...]:
    t = result.team
    parts = _team_parts(result)
    professionals = parts["professional"] + parts["non_productive"] + parts["training_travel"]
    indexation = result.scenario.indexation
    lines = [
        ElementLine(
            "Jeugdwet",
            "a",
            "Kosten van professionals (cliëntgebonden en niet-cliëntgebonden)",
            professionals,
            professionals > 0,
            "Personeelskosten per declarabel uur, inclusief niet-productieve uren.",
        ),
        ElementLine(
            "Jeugdwet",
            "b",
            "Overige cliëntgebonden kosten",
            t.material_per_hour + t.reporting_per_hour,
            t.material_per_hour + t.reporting_per_hour > 0,
            "Materiële en activiteitenkosten"
            + (" en kosten van verplichtingen" if t.reporting_per_hour > 0 else "")
            + " per declarabel uur.",
        ),
        ElementLine(
            "Jeugdwet",
            "c",
            "Overhead",
            t.overhead_per_hour,
            t.overhead_per_hour > 0,
            f"Overhead {format_pct(result.overhead_pct)}.",
        ),
        ElementLine(
            "Jeugdwet",
            "d",
            "Indexatie",
            0.0,
            indexation is not None,
            "Indexatieclausule in het scenario." if indexation else "Geen indexatieclausule in het scenario.",
        ),
    ]
    lines += _beyond(result, material=False)
    return tuple(lines)


def _beyond(result: CostPriceResult, material: bool = True) -> list[ElementLine]:
    """Lines above the legal minimum elements (material costs are Jeugdwet element b)."""
    t = result.team
    extra = []
    if material:
        extra.append(
            ElementLine(
                "",
                "+",
                "Materiële en activiteitenkosten",
                t.material_per_hour,
                t.material_per_hour > 0,
                "Locaties, activiteiten, vrijwilligersvergoedingen.",
            )
        )
    extra.append(
        ElementLine(
            "",
            "+",
            "Risico en innovatie",
            t.risk_innovation_per_hour,
            t.risk_innovation_per_hour > 0,
            "Opslag op de kostprijs.",
        )
    )
    if t.reserve_per_hour:
        extra.append(ElementLine("", "+", "Reserveopbouw", t.reserve_per_hour, True, "Opslag op de kostprijs."))
    return extra
