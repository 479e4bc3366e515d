"""The contract as it is shown: rounded yearly figures that add up, the JSON of the budget, the
indexation clause in words, and the names the contract page gives its fields in messages."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pricing.model.contract import (
    CATCH_UP_LABELS,
    DEFINITIVE_RULES,
    ORIGIN_LABELS,
    Contract,
)
from pricing.money import allocate_rounding, format_pct, round_half_up

if TYPE_CHECKING:  # only for the annotations: pricing.contract re-exports this module's names
    from pricing.contract import ContractBudget
    from pricing.scenario import Problem

# ----------------------------------------------------------------------------------------------
# Shown figures


def shown_years(budget: ContractBudget) -> list[dict[str, Any]]:
    """Per year the shown amounts (cents, half-up); staff + activities + settlement add up to the total."""
    out = []
    for k, year in enumerate(budget.years):
        settlement = budget.settlements[k]
        parts = [budget.staff[k], budget.activities[k], settlement or 0.0]
        staff, acts, settle = allocate_rounding(parts, budget.totals[k])
        row = budget.year_index[k]
        out.append(
            {
                "year": year,
                "index": row.index if row else None,
                "origin": row.origin if row else "basis",
                "catch_up_pending": bool(row and row.catch_up_pending),
                "source_text": row.source_text if row else "",
                "source": row.source if row else "",
                "source_status": row.source_status if row else "",
                "factor": budget.factors[k],
                "staff": staff,
                "activities": acts,
                "settlement": settle if settlement is not None else None,
                "total": round_half_up(budget.totals[k]),
            }
        )
    return out


def origin_text(shown_year: dict[str, Any]) -> str:
    """The origin of a year's index in words, with a pending catch-up said out loud."""
    text = ORIGIN_LABELS[shown_year["origin"]]
    if shown_year.get("catch_up_pending"):
        text += "; inhaal volgt"
    return text + (f"; {shown_year['source_text']}" if shown_year.get("source_text") else "")


def shown_grouped(groups: dict[str, tuple[float, ...]], totals: tuple[float, ...]) -> dict[str, list[Decimal]]:
    """Rows per area or task, rounded so each year's column adds up to the shown year total."""
    names = list(groups)
    columns = []
    for k, total in enumerate(totals):
        columns.append(allocate_rounding([groups[name][k] for name in names], total))
    return {name: [columns[k][i] for k in range(len(totals))] for i, name in enumerate(names)}


def budget_json(budget: ContractBudget) -> dict[str, Any]:
    """The ``budget --json`` document: money in euros rounded to the cent, rates as fractions."""
    years = shown_years(budget)
    area_rows = shown_grouped(budget.by_area, budget.totals)
    task_rows = shown_grouped(budget.by_task, budget.totals)
    ni = budget.non_indexation
    c = budget.contract
    return {
        "contract": c.name,
        "municipality": c.municipality,
        "variant": budget.label,
        "funding": c.funding,
        "start": c.start.isoformat(),
        "years": c.years,
        "base_year": budget.base_year,
        "per_year": [
            {
                "year": y["year"],
                "index": y["index"],
                "index_origin": y["origin"],
                "catch_up_pending": y["catch_up_pending"],
                # The contract's own source of the year's figure (indexation.sources), with its
                # status (given, provisional or assumption); null when the contract states none.
                "index_source": ({"text": y["source"], "status": y["source_status"]} if y["source"] else None),
                "factor": y["factor"],
                "staff": float(y["staff"]),
                "activities": float(y["activities"]),
                "settlement": None if y["settlement"] is None else float(y["settlement"]),
                "total": float(y["total"]),
            }
            for y in years
        ],
        "per_area": {name: [float(v) for v in values] for name, values in area_rows.items()},
        "per_task": {name: [float(v) for v in values] for name, values in task_rows.items()},
        "total": float(round_half_up(budget.grand_total)),
        "total_fte": round(budget.total_fte, 4),
        "prices": [
            {
                "function": p.function,
                "price_per_fte": float(round_half_up(p.price_per_fte)),
                "price_per_hour": float(round_half_up(p.price_per_hour)),
            }
            for p in budget.prices
        ],
        "npv": float(round_half_up(budget.npv)),
        "npv_price_level": budget.base_year,  # the NPV discounts amounts in prices of this year
        "real_totals": [float(round_half_up(v)) for v in budget.real_totals],
        "discount_rate": budget.discount_rate,
        "non_indexation": {
            "municipal_pct": list(ni.municipal_pct),
            "municipal_given": ni.municipal_given,
            "shortfall": [float(round_half_up(v)) for v in ni.shortfall],
            "cumulative": [float(round_half_up(v)) for v in ni.cumulative],
            "fte_lost": [None if v is None else round(v, 2) for v in ni.fte_lost],
        },
        "step_drift": {
            "on": budget.step_drift,
            "per_year": [float(round_half_up(v)) for v in budget.drift] if budget.drift else [0.0] * c.years,
        },
        "warnings": list(budget.warnings),
    }


def clause_text(contract: Contract) -> list[str]:
    """The indexation clause in words (Dutch), one paragraph per item (docs/methode.md section 6: index, weights,
    provisional vs definitive, catch-up method and reference month)."""
    ix = contract.indexation
    years = contract.contract_years
    indexed = [row.year for row in ix.years]
    weight = (
        f"{format_pct(ix.wage_weight, 0)} OVA (loonkosten) en {format_pct(1 - ix.wage_weight, 0)} PPC (prijzen)"
        if _whole_pct(ix.wage_weight)
        else f"{format_pct(ix.wage_weight, 1)} OVA (loonkosten) en {format_pct(1 - ix.wage_weight, 1)} PPC (prijzen)"
    )
    source = "zoals de VNG adviseert" if ix.follows_vng_weight else ix.wage_weight_source
    text = [
        f"Prijspeil: de tarieven in deze offerte zijn berekend op het prijspeil {ix.base_year} "
        f"(cao-lonen en premies op de peildatum van de kostprijs).",
        f"Index: de gewogen index voor aanbieders, {weight}, {source}. De tarieven worden per "
        f"1 januari van elk contractjaar geïndexeerd"
        + (
            f"; indexatiejaren {', '.join(str(y) for y in indexed)}."
            if indexed
            else f"; binnen de looptijd ({years[0]}-{years[-1]}) valt geen indexatiemoment na het basisjaar."
        ),
        f"Peilmaand: de indexatie per 1 januari van een jaar gebruikt de OVA/PPC-cijfers zoals gepubliceerd in "
        f"{ix.reference_month_name} van het jaar ervoor (het voorlopige cijfer van het jaar zelf en het laatst "
        "bekende cijfer van het jaar ervoor)"
        + (
            "."
            if ix.reference_month_given
            else f"; {ix.reference_month_name} is de standaardkeuze van dit model (aanname, geen bron); partijen kunnen "
            "een andere maand afspreken."
        ),
        f"Voorlopige en definitieve cijfers: geïndexeerd wordt met de voorlopige cijfers van het jaar. "
        f"Als de definitieve cijfers bekend zijn: {DEFINITIVE_RULES[ix.definitive]}"
        + (f", berekend met de {CATCH_UP_LABELS[ix.catch_up]}." if ix.definitive != "none" else "."),
    ]
    if ix.definitive != "none" and indexed:
        first = indexed[0]
        if ix.first_year_catch_up:
            text.append(
                f"Eerste indexatie ({first}): zoals de VNG-methode bevat die ook de inhaal over "
                f"{first - 1} (het verschil tussen de voorlopige en definitieve cijfers van {first - 1}). "
                f"Partijen kiezen daarvoor omdat de tarieven op prijspeil {ix.base_year} behandeld worden "
                "als een tarief dat met voorlopige cijfers is geïndexeerd."
            )
        else:
            text.append(
                f"Eerste indexatie ({first}): zonder inhaal over {first - 1}, in afwijking van de "
                f"VNG-methode. Reden: het prijspeil {ix.base_year} is bottom-up berekend uit de cao-lonen op "
                "de peildatum en rust niet op voorlopige indexcijfers, dus er is geen verschil tussen "
                "voorlopig en definitief in te halen; inhaal zou die loonstijging dubbel betalen. Vanaf "
                "het tweede indexatiejaar geldt de inhaal wel."
            )
    pending = [r for r in ix.years if r.catch_up_pending]
    if pending:
        text.append(
            "Nog niet bekend: de inhaal over "
            + ", ".join(f"{r.year - 1} (in de indexatie van {r.year})" for r in pending)
            + ". De begroting rekent daar met het gewogen voorlopige cijfer alleen; de inhaal volgt zodra de "
            "definitieve cijfers gepubliceerd zijn."
        )
    given = [f"{y}: {format_pct(p, 3)}" for y, p in sorted(ix.per_year.items())]
    if given:
        text.append("Vastgelegde indexatie per jaar: " + "; ".join(given) + ".")
    if ix.assumed_pct is not None and any(r.origin == "aanname" for r in ix.years):
        assumed_years = ", ".join(str(r.year) for r in ix.years if r.origin == "aanname")
        text.append(
            f"Voor {assumed_years} zijn nog geen OVA/PPC-cijfers gepubliceerd. De begroting rekent daar "
            f"met een aanname van {format_pct(ix.assumed_pct, 3)}; de werkelijke indexatie volgt de "
            "gepubliceerde cijfers."
        )
    text.append(
        "De cao-verhoging is de andere kant van de looncomponent: blijft de index achter bij de cao, "
        "dan gaat dat ten koste van de formatie. Partijen bespreken dat in het kwartaaloverleg."
    )
    return text


def _whole_pct(fraction: float) -> bool:
    return abs(fraction * 100 - round(fraction * 100)) < 1e-9


# ----------------------------------------------------------------------------------------------
# Field names as the contract page shows them (problems on screen name fields, not file keys)


_SECTIONS = {
    "areas": ("Gebieden", {"name": "Gebied", "code": "CBS-code", "population": "Inwoners"}),
    "tasks": (
        "Opgaven",
        {
            "name": "Opgave",
            "target_group": "Doelgroep",
            "effects": "Gewenste effecten",
            "narrative": "Vertellen (verhaal)",
            "reporting": "Rapportage (tellen)",
            "indicators": "Indicator",
            "social_return": "Maatschappelijk rendement",
        },
    ),
    "staffing": (
        "Formatie per gebied en opgave",
        {"area": "Gebied", "task": "Opgave", "function": "Functie", "fte": "FTE", "hours": "Uren"},
    ),
    "activities": (
        "Activiteitenbudgetten",
        {"area": "Gebied", "task": "Opgave", "name": "Activiteit", "amount": "Bedrag per jaar"},
    ),
    "options": (
        "Variant (scenariobestand)",
        {"name": "naam", "description": "omschrijving", "staffing": "formatie", "activities": "activiteiten"},
    ),
}
_FIELDS = {
    "name": "Naam van het contract",
    "municipality": "Gemeente",
    "round": "Ronde (aanbesteding, inschrijving)",
    "funding": "Bekostiging",
    "start": "Startdatum",
    "years": "Looptijd (jaren)",
    "discount_rate": "Discontovoet (%)",
    "description": "Omschrijving van het contract",
    "indexation": "Indexatieclausule",
}
_INDEXATION_FIELDS = {
    "wage_weight": "Gewicht loonindex OVA (%)",
    "catch_up": "Inhaalmethode",
    "definitive": "Als definitieve cijfers komen",
    "first_year_catch_up": "Inhaal in het eerste indexatiejaar",
    "reference_month": "Peilmaand",
    "assumed_pct": "Aangenomen index voor jaren zonder cijfers (%)",
    "municipal_pct": "Indexatie die de gemeente toepast (%)",
    "per_year": "Indexatie per jaar (scenariobestand)",
    "figures": "OVA/PPC-cijfers (scenariobestand)",
    "sources": "Bron van het eigen indexcijfer per jaar",
}
_INDICATOR_FIELDS = {
    "name": "Indicator",
    "unit": "Eenheid",
    "baseline": "Nulmeting",
    "target": "Streefwaarde",
    "source": "Bron",
}
_SOCIAL_FIELDS = {
    "ratio": "verhouding baten/kosten",
    "benefit_years": "jaren waarover de baten vallen",
    "split": "verdeling over partijen",
    "range": "bandbreedte",
    "low": "laagste verhouding",
    "high": "hoogste verhouding",
    "source": "bron",
    "title": "titel",
    "href": "link",
    "date": "datum",
    "assumption": "aanname",
    "reasoning": "onderbouwing",
}
_FIGURE_NAMES = {
    "ova_provisional": "OVA voorlopig",
    "ppc_provisional": "PPC voorlopig",
    "ova_definitive": "OVA definitief",
    "ppc_definitive": "PPC definitief",
}
# Social-return actors as the screen names them (here, so field_label needs no import of social_return).
ACTOR_NAMES = {
    "gemeente": "gemeente",
    "zorgverzekeraar": "zorgverzekeraar",
    "uwv": "UWV",
    "inwoners": "inwoners",
    "overig": "overig",
}
_SEGMENT = re.compile(r"^([A-Za-z_]+)(?:\[(\d+)\])?$")


def field_label(path: str) -> str:
    """A problem path (``contract.staffing[3].fte``) as the contract page names the field
    (``Formatie per gebied en opgave, regel 3, FTE``). Unknown parts are quoted, never dropped."""
    parts = path.split(".")
    if parts[0] != "contract":
        return path
    parts = parts[1:]
    if not parts:
        return "Contract"
    head = _SEGMENT.match(parts[0])
    if head is None:
        return f"Contract, onderdeel '{parts[0]}'"
    key, index = head.group(1), head.group(2)
    rest = parts[1:]
    if key == "indexation":
        if not rest:
            return _FIELDS["indexation"]
        label = _INDEXATION_FIELDS.get(rest[0], f"onderdeel '{rest[0]}'")
        extra = [_FIGURE_NAMES.get(r, r) for r in rest[1:]]
        return ", ".join([_FIELDS["indexation"], label] + extra)
    if key in _SECTIONS:
        section, fields = _SECTIONS[key]
        if key == "options":
            out = [f"Variant {index} (scenariobestand)" if index else section]
        else:
            out = [section + (f", regel {index}" if index else "")]
        while rest:
            seg = _SEGMENT.match(rest[0])
            name, sub = (seg.group(1), seg.group(2)) if seg else (rest[0], None)
            if key == "tasks" and name == "indicators":
                out.append("indicator" + (f" {sub}" if sub else ""))
                fields = _INDICATOR_FIELDS
            elif key == "tasks" and name == "social_return":
                out.append("maatschappelijk rendement")
                fields = _SOCIAL_FIELDS
            elif key == "options" and name in ("staffing", "activities"):
                out.append(fields[name] + (f", regel {sub}" if sub else ""))
                fields = _SECTIONS[name][1]
            elif name == "effects":
                out.append("gewenst effect" + (f" {sub}" if sub else ""))
            else:
                out.append(fields.get(name, ACTOR_NAMES.get(name, f"'{name}'")) + (f" {sub}" if sub else ""))
            rest = rest[1:]
        return ", ".join(out)
    return _FIELDS.get(key, f"Contract, onderdeel '{key}'")


def problem_text(problem: Problem) -> str:
    """A contract problem as a Dutch sentence for the screen: the field as the page names it, then the
    message. The file path stays on the Problem for the command line and file users."""
    return f"{field_label(problem.path)}: {problem.message}"
