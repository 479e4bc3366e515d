"""Every number a result used, with where it came from (:class:`UsedValue`): the scenario's norms
(given, a dated default, or counted 0), the rates, the CAO salary table and its rises, and the
reserve inputs. The JSON, the PDF appendix and the xlsx list them.
"""

from __future__ import annotations

import datetime as dt

from pricing.model.scenario import Scenario
from pricing.money import format_date_nl
from pricing.parameters import ParameterBook, ParameterValue, references_text
from pricing.record import Record
from pricing.reserve import ReserveBuildUp


class UsedValue(Record, frozen=True):
    """A number the chain used, with where it came from."""

    key: str
    label: str
    value: object
    unit: str
    origin: str  # "parameter" (from pricing/parameters) or "scenario" (given by the user)
    status: str  # sourced | derived | assumption | scenario
    source: str
    effective: dt.date | None
    note: str = ""

    @classmethod
    def of_parameter(cls, pv: ParameterValue) -> UsedValue:
        """A parameter value used as the edition gives it."""
        return cls(
            pv.name, pv.description, pv.value, pv.unit, "parameter", pv.status, pv.source_text, pv.effective, pv.note
        )


# The pension base's allowances are a model choice, cited as such (docs/methode.md section 3.6).
PENSIONABLE_ALLOWANCES_SOURCE = (
    "Aanname van dit model: vakantietoeslag, eindejaarsuitkering en ORT tellen mee voor de "
    "pensioengrondslag, zoals PFZW uitlegt in 'Hoe bereken ik de pensioenpremie' op pfzw.nl; te "
    "bevestigen met het pensioenreglement van PFZW, dat niet openbaar te raadplegen was"
)


NORM_LABELS = {
    "hours.contract": ("Contracturen per FTE per jaar", "hours_per_year"),
    "hours.leave": ("Verlofuren", "hours_per_year"),
    "hours.public_holidays": ("Feestdaguren", "hours_per_year"),
    "hours.sick_pct": ("Ziekteverzuim", "fraction"),
    "hours.training": ("Scholingsuren", "hours_per_year"),
    "hours.meetings": ("Overleg- en intervisie-uren", "hours_per_year"),
    "hours.vitality": ("Vitaliteitsuren (gemiddelde per FTE, cao art. 3.3)", "hours_per_year"),
    "productivity": ("Productiviteit", "fraction"),
    "productive_hours": ("Productieve uren per FTE", "hours_per_year"),
    "client_bound_share": ("Aandeel cliëntgebonden uren", "fraction"),
    "other_personnel_pct": ("Overige personeelskosten", "fraction"),
    "overhead.pct": ("Overhead", "fraction"),
    "material_per_fte": ("Materiële kosten per FTE", "eur_per_year"),
    "reporting_per_fte": ("Kosten gemeentelijke verplichtingen per FTE", "eur_per_year"),
    "union_fee_reimbursement": (
        "Vergoeding vakbondscontributie per jaar (organisatie; cao Sociaal Werk 2025-2027)",
        "eur_per_year",
    ),
    "internship_pay": (
        "Stagevergoeding per jaar (organisatie; recht op stagevergoeding vanaf 1 januari 2026)",
        "eur_per_year",
    ),
    "risk_pct": ("Opslag risico", "fraction"),
    "innovation_pct": ("Opslag innovatie", "fraction"),
    "flat_oncost_pct": ("Vaste opslag werkgeverslasten (eenvoudige modus)", "fraction"),
    "activity_budget": ("Activiteitenbudget per jaar", "eur_per_year"),
}


# Why these organisation-level costs are in the chain (the CAO article), shown with their value.
ORG_CAO_COSTS = {
    "union_fee_reimbursement": "Cao Sociaal Werk 2025-2027, artikel vakbondscontributie: de werkgever vergoedt vanaf 2026 "
    "de vakbondscontributie van leden.",
    "internship_pay": "Cao Sociaal Werk 2025-2027: recht op stagevergoeding vanaf 1 januari 2026.",
}


def norm_values(scenario: Scenario) -> dict[str, float]:
    """The scenario's norms as flat keys (the keys used in NORM_LABELS and the benchmark sets)."""
    n = scenario.norms
    values: dict[str, float] = {}
    if n.hours is not None:
        for key in ("contract", "leave", "public_holidays", "sick_pct", "training", "meetings", "vitality"):
            values[f"hours.{key}"] = getattr(n.hours, key)
    if n.productivity is not None:
        values["productivity"] = n.productivity
    if n.productive_hours is not None:
        values["productive_hours"] = n.productive_hours
    if n.billable == "client_bound":
        values["client_bound_share"] = n.client_bound_share
    if n.flat_oncost_pct is not None:
        values["flat_oncost_pct"] = n.flat_oncost_pct
    else:
        values["other_personnel_pct"] = n.other_personnel_pct
    if n.overhead_pct is not None:
        values["overhead.pct"] = n.overhead_pct
    values["material_per_fte"] = n.material_per_fte
    values["reporting_per_fte"] = n.reporting_per_fte
    values["union_fee_reimbursement"] = n.union_fee_reimbursement
    values["internship_pay"] = n.internship_pay
    values["risk_pct"] = n.risk_pct
    values["innovation_pct"] = n.innovation_pct
    values["activity_budget"] = scenario.activity_budget
    return values


def _counted_zero(key: str) -> str:
    """Why a norm the scenario left out, with no parameter behind it, counts 0: a CAO cost with no
    known amount (the user fills it in), or any other norm (not budgeted separately)."""
    if key in ORG_CAO_COSTS:
        return (
            ORG_CAO_COSTS[key]
            + " Geen standaardbedrag: niet opgegeven, dus 0; vul het bedrag van de eigen organisatie in."
        )
    return "Aanname van dit model: niet opgegeven in het scenario, dus 0 (niet apart begroot)"


def used_values(
    scenario: Scenario, book: ParameterBook, rate_values: tuple[ParameterValue, ...], overhead_source: str
) -> tuple[UsedValue, ...]:
    used = []
    for key, value in norm_values(scenario).items():
        label, unit = NORM_LABELS[key]
        default = scenario.defaults.get(key)
        given = (
            key in scenario.given_norms
            or key.split(".")[0] in scenario.given_norms
            or (key == "activity_budget" and scenario.activity_budget_given)
        )
        if default is not None:
            used.append(
                UsedValue(
                    key,
                    label,
                    value,
                    unit,
                    "parameter",
                    default.status,
                    default.source_text,
                    default.effective,
                    default.note,
                )
            )
        elif not given:  # left out, with no parameter behind it: the model counts 0
            used.append(UsedValue(key, label, value, unit, "parameter", "assumption", _counted_zero(key), None))
        else:
            used.append(
                UsedValue(
                    key,
                    label,
                    value,
                    unit,
                    "scenario",
                    "scenario",
                    f"opgegeven in scenario '{scenario.name}'",
                    None,
                    scenario.deviation_reasons.get(key, ""),
                )
            )
    if scenario.norms.flat_oncost_pct is None:
        pensionable = scenario.norms.pensionable_allowances
        given = "pensionable_allowances" in scenario.given_norms
        used.append(
            UsedValue(
                "pensionable_allowances",
                "Vakantietoeslag, eindejaarsuitkering en ORT tellen mee voor het pensioen",
                "ja" if pensionable else "nee",
                "choice",
                "scenario" if given else "parameter",
                "scenario" if given else "assumption",
                f"opgegeven in scenario '{scenario.name}'" if given else PENSIONABLE_ALLOWANCES_SOURCE,
                None,
            )
        )
        for pv in rate_values:
            if scenario.whk_pct is not None and pv.name == "whk":
                used.append(
                    UsedValue(
                        "whk",
                        pv.description,
                        scenario.whk_pct,
                        pv.unit,
                        "scenario",
                        "scenario",
                        "eigen Whk-premie van de werkgever",
                        None,
                    )
                )
                continue
            used.append(UsedValue.of_parameter(pv))
    else:
        pv = next(p for p in rate_values if p.name == "monthly_hours_factor")
        used.append(UsedValue.of_parameter(pv))
    table = book.salary
    if any(l.monthly_salary is None for l in scenario.staff):
        used.append(
            UsedValue(
                "cao_salary_table",
                "CAO Sociaal Werk salaristabel (uurlonen)",
                format_date_nl(table.effective),
                "table",
                "parameter",
                table.status,
                references_text(table.references),
                table.effective,
                table.note,
            )
        )
        for rise in table.rises_on(scenario.date):
            contained = rise.effective <= table.effective
            taken_out = contained and scenario.date < rise.effective
            if taken_out or (not contained and rise.effective <= scenario.date):
                label = (
                    f"Cao-verhoging per {format_date_nl(rise.effective)} (al in de tabel; voor deze datum eruit gehaald)"
                    if taken_out
                    else f"Structurele cao-verhoging per {format_date_nl(rise.effective)}"
                )
                used.append(
                    UsedValue(
                        f"cao_rise_{rise.effective.isoformat()}",
                        label,
                        rise.pct,
                        "fraction",
                        "parameter",
                        rise.status,
                        references_text(rise.references),
                        rise.effective,
                        rise.note,
                    )
                )
        if any(
            l.monthly_salary is None and table.has_step(l.step) and l.step in table.derived_steps
            for l in scenario.staff
        ):
            used.append(
                UsedValue(
                    "cao_salary_above_step_8",
                    "Treden boven 8 en uitlooptreden U1/U2 (schalen 1-5)",
                    "volgende sport van de gedeelde ladder",
                    "table",
                    "parameter",
                    table.derived_status,
                    references_text(table.derived_references),
                    table.effective,
                    table.derived_note,
                )
            )
    return tuple(used)


def reserve_used(scenario: Scenario, reserve: ReserveBuildUp | None) -> tuple[UsedValue, ...]:
    """The reserve inputs as used values, so the JSON, the PDF appendix and the xlsx list them."""
    if reserve is None:
        return ()
    given = f"opgegeven in scenario '{scenario.name}'"
    rows: list[tuple[str, str, object, str, str]] = [
        ("reserve.target", "Reserveopbouw: doelreserve", reserve.target, "eur", given),
        ("reserve.current", "Reserveopbouw: huidige reserve", reserve.current, "eur", given),
        ("reserve.years", "Reserveopbouw: in jaren", float(reserve.years), "count", given),
    ]
    if reserve.whole_need:
        rows.append(
            (
                "reserve.turnover",
                "Reserveopbouw: jaaromzet van de organisatie",
                "niet opgegeven",
                "choice",
                "niet opgegeven: deze offerte draagt de hele jaarlijkse behoefte",
            )
        )
    else:
        rows.append(
            ("reserve.turnover", "Reserveopbouw: jaaromzet van de organisatie", reserve.turnover, "eur_per_year", given)
        )
    return tuple(
        UsedValue(key, label, value, unit, "scenario", "scenario", source, None)
        for key, label, value, unit, source in rows
    )
