"""Two scenarios compared: every differing assumption with its euro effect on the team tariff.

Method (a bridge, also called a step-by-step substitution): start from scenario A, take over the
assumptions of scenario B one group at a time in the order of the cost-price chain, and recompute
the team tariff with the engine after each group. The effect of a group is the change in tariff at
its step, so the effects add up exactly to the total gap (tariff B - tariff A). The effect of a
group depends on the order (e.g. a lower overhead % weighs less once salaries are lower), which is
why the order is fixed and stated: :data:`GROUPS`.

Entry point: :func:`compare_scenarios` (raw dicts or validated Scenarios in, a frozen
:class:`Comparison` out). Negotiation rounds (issue 5) can chain calls: round n vs round n+1.
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

from pricing.costprice import CostPriceResult, compute
from pricing.model.scenario import Norms, Scenario, StaffLine
from pricing.money import allocate_rounding, format_date_nl, format_eur, format_number, format_pct, round_half_up
from pricing.parameters import ParameterBook, ParameterNotCovered
from pricing.paths import get_path, set_path
from pricing.record import Record
from pricing.scenario import CONTRACT_LABELS, Problem, ScenarioError, validate_scenario


class Group(Record, frozen=True):
    key: str
    label: str
    paths: tuple[tuple[str, ...], ...]  # raw-dict paths taken over together
    short: str = ""  # for chart axes

    @property
    def short_label(self) -> str:
        return self.short or self.label


# Chain order (docs/methode.md section 3): date/table, staff, employer, premiums and pension, other
# personnel costs, hours, billable definition, overhead, material, reporting, risk, innovation,
# reserve, activity budget.
GROUPS: tuple[Group, ...] = (
    Group("date", "Peildatum (cao-tabel, premies, pensioen)", (("date",),), "Peildatum"),
    Group("staff", "Formatie: functies, salarissen en FTE", (("staff",),), "Formatie"),
    Group("employer", "Werkgever (groot of klein, Aof-premie)", (("employer", "large"),), "Werkgever"),
    Group(
        "premiums",
        "Premie- en pensioeninstellingen",
        (("employer", "whk_pct"), ("norms", "pensionable_allowances"), ("norms", "flat_oncost_pct")),
        "Premies, pensioen",
    ),
    Group("other_personnel", "Overige personeelskosten", (("norms", "other_personnel_pct"),), "Overige pers.kosten"),
    Group(
        "hours",
        "Uren en productiviteit",
        (("norms", "hours"), ("norms", "productivity"), ("norms", "productive_hours")),
        "Uren",
    ),
    Group(
        "billable", "Definitie declarabele uren", (("norms", "billable"), ("norms", "client_bound_share")), "Declarabel"
    ),
    Group("overhead", "Overhead", (("norms", "overhead"),)),
    Group("material", "Materiële kosten", (("norms", "material_per_fte"),), "Materieel"),
    Group("reporting", "Kosten gemeentelijke verplichtingen", (("norms", "reporting_per_fte"),), "Verplichtingen"),
    Group("risk", "Opslag risico", (("norms", "risk_pct"),), "Risico"),
    Group("innovation", "Opslag innovatie", (("norms", "innovation_pct"),), "Innovatie"),
    Group("reserve", "Reserveopbouw", (("norms", "reserve"),), "Reserve"),
    Group("activity", "Activiteitenbudget", (("activity_budget",),), "Activiteiten"),
)
ORDER_TEXT = (
    "Volgorde van vervanging (de keten van de kostprijs): "
    + " → ".join(g.label for g in GROUPS)
    + ". Per stap worden de aannames van B overgenomen in A en wordt het teamtarief opnieuw berekend; "
    "het effect van een stap hangt af van de volgorde, de som is altijd precies het totale verschil."
)


class CompareError(ValueError):
    """A scenario or an intermediate step is invalid; ``problems`` lists them (Dutch)."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        self.problems = list(problems or [])
        text = message + ("".join(f"\n- {p}" for p in self.problems))
        super().__init__(text)


class Difference(Record, frozen=True):
    label: str
    a: str
    b: str


class BridgeStep(Record, frozen=True):
    key: str
    label: str
    short: str
    position: int  # 1-based place in the chain order
    differences: tuple[Difference, ...]
    tariff_before: float
    tariff_after: float
    budget_before: float
    budget_after: float
    shown_effect: Decimal  # rounded so that the shown steps add up to the shown total gap

    @property
    def effect(self) -> float:
        return self.tariff_after - self.tariff_before

    @property
    def budget_effect(self) -> float:
        return self.budget_after - self.budget_before


class Comparison(Record, frozen=True):
    name_a: str
    name_b: str
    result_a: CostPriceResult
    result_b: CostPriceResult
    steps: tuple[BridgeStep, ...]  # only groups in which A and B differ, in chain order
    # Groups written differently in the files but with the same values (e.g. a default written
    # out explicitly): substituted like the others, with no effect, and not listed as steps.
    formal_only: tuple[str, ...]
    order: tuple[str, ...]  # labels of all groups in substitution order
    order_text: str

    @property
    def tariff_a(self) -> float:
        return self.result_a.team.tariff_per_hour

    @property
    def tariff_b(self) -> float:
        return self.result_b.team.tariff_per_hour

    @property
    def total_gap(self) -> float:
        return self.tariff_b - self.tariff_a

    @property
    def shown_gap(self) -> Decimal:
        return round_half_up(self.tariff_b) - round_half_up(self.tariff_a)

    @property
    def budget_gap(self) -> float:
        return self.result_b.team.annual_budget - self.result_a.team.annual_budget


# ----------------------------------------------------------------------------------------------
# Comparing raw values


def _normalise(value: Any) -> Any:
    """Values as they compare: dates as ISO text, ints and floats alike."""
    if isinstance(value, dict):
        return {str(k): _normalise(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_normalise(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    return value


def group_differs(a: dict[str, Any], b: dict[str, Any], group: Group) -> bool:
    return any(_normalise(get_path(a, p)) != _normalise(get_path(b, p)) for p in group.paths)


def substitute(a: dict[str, Any], b: dict[str, Any], group: Group) -> dict[str, Any]:
    """A copy of ``a`` with the assumptions of ``group`` taken from ``b`` (absent in b: removed)."""
    out = copy.deepcopy(a)
    for path in group.paths:
        set_path(out, path, get_path(b, path))
    return out


def scenario_to_raw(s: Scenario) -> dict[str, Any]:
    """A validated scenario back as a scenario dict, defaults written out explicitly."""
    n = s.norms
    norms: dict[str, Any] = {}
    if n.hours is not None:
        norms["hours"] = {
            k: getattr(n.hours, k) for k in ("contract", "leave", "public_holidays", "sick_pct", "training", "meetings")
        }
    elif n.productivity is not None:
        norms["productivity"] = n.productivity
    else:
        norms["productive_hours"] = n.productive_hours
    norms["billable"] = n.billable
    norms["client_bound_share"] = n.client_bound_share
    norms["other_personnel_pct"] = n.other_personnel_pct
    if n.overhead_lines:
        norms["overhead"] = {"lines": [{"name": l.name, "amount": l.amount} for l in n.overhead_lines]}
    else:
        norms["overhead"] = {"pct": n.overhead_pct, "convention": n.overhead_convention}
    norms["material_per_fte"] = n.material_per_fte
    norms["reporting_per_fte"] = n.reporting_per_fte
    norms["risk_pct"] = n.risk_pct
    norms["innovation_pct"] = n.innovation_pct
    if n.reserve is not None:
        r = n.reserve
        norms["reserve"] = {"target": r.target, "current": r.current, "years": r.years}
        if r.turnover is not None:
            norms["reserve"]["turnover"] = r.turnover
    if n.flat_oncost_pct is not None:
        norms["flat_oncost_pct"] = n.flat_oncost_pct
    norms["pensionable_allowances"] = n.pensionable_allowances
    staff = []
    for line in s.staff:
        row: dict[str, Any] = {
            "function": line.function,
            "scale": line.scale,
            "step": int(line.step) if str(line.step).isdigit() else line.step,
            "fte": line.fte,
            "contract": line.contract,
        }
        if line.monthly_salary is not None:
            row["monthly_salary"] = line.monthly_salary
        if line.irregular_pct:
            row["irregular_pct"] = line.irregular_pct
        if line.pension_entry_step is not None:
            row["pension_entry_step"] = line.pension_entry_step
        staff.append(row)
    employer: dict[str, Any] = {"large": s.employer_large}
    if s.whk_pct is not None:
        employer["whk_pct"] = s.whk_pct
    raw: dict[str, Any] = {
        "name": s.name,
        "organisation": s.organisation,
        "date": s.date.isoformat(),
        "employer": employer,
        "staff": staff,
        "norms": norms,
        "activity_budget": s.activity_budget,
    }
    if s.indexation is not None:
        raw["indexation"] = {"wage_weight": s.indexation.wage_weight, "catch_up": s.indexation.catch_up}
    if s.deviation_reasons:
        raw["deviation_reasons"] = dict(s.deviation_reasons)
    return raw


# ----------------------------------------------------------------------------------------------
# Describing differences (from validated scenarios, so defaults count as the values they are)


def _pct(v: float | None) -> str:
    return "—" if v is None else format_pct(v, 1)


def _staff_label(line: StaffLine) -> str:
    salary = f", eigen salaris {format_eur(line.monthly_salary)}" if line.monthly_salary is not None else ""
    return (
        f"schaal {line.scale} trede {line.step}, {format_number(line.fte, 2)} FTE, "
        f"{CONTRACT_LABELS.get(line.contract, line.contract)}{salary}"
    )


def _staff_differences(a: Scenario, b: Scenario) -> list[Difference]:
    out = []
    names_a = [l.function for l in a.staff]
    names_b = [l.function for l in b.staff]
    unique = len(set(names_a)) == len(names_a) and len(set(names_b)) == len(names_b)
    if unique:
        pairs = [
            (a.staff[names_a.index(n)] if n in names_a else None, b.staff[names_b.index(n)] if n in names_b else None)
            for n in names_a + [n for n in names_b if n not in names_a]
        ]
    else:
        size = max(len(a.staff), len(b.staff))
        pairs = [
            (a.staff[i] if i < len(a.staff) else None, b.staff[i] if i < len(b.staff) else None) for i in range(size)
        ]
    for la, lb in pairs:
        if la is None:
            assert lb is not None  # every pair holds at least one line
            out.append(Difference(lb.function, "niet aanwezig", _staff_label(lb)))
        elif lb is None:
            out.append(Difference(la.function, _staff_label(la), "niet aanwezig"))
        else:
            parts_a, parts_b = [], []
            if (la.scale, la.step) != (lb.scale, lb.step):
                parts_a.append(f"schaal {la.scale} trede {la.step}")
                parts_b.append(f"schaal {lb.scale} trede {lb.step}")
            if la.fte != lb.fte:
                parts_a.append(f"{format_number(la.fte, 2)} FTE")
                parts_b.append(f"{format_number(lb.fte, 2)} FTE")
            if la.contract != lb.contract:
                parts_a.append(CONTRACT_LABELS[la.contract])
                parts_b.append(CONTRACT_LABELS[lb.contract])
            if la.monthly_salary != lb.monthly_salary:
                parts_a.append(
                    "cao-tabel" if la.monthly_salary is None else f"eigen salaris {format_eur(la.monthly_salary)}"
                )
                parts_b.append(
                    "cao-tabel" if lb.monthly_salary is None else f"eigen salaris {format_eur(lb.monthly_salary)}"
                )
            if la.irregular_pct != lb.irregular_pct:
                parts_a.append(f"ORT {_pct(la.irregular_pct)}")
                parts_b.append(f"ORT {_pct(lb.irregular_pct)}")
            if la.pension_entry_step != lb.pension_entry_step:
                parts_a.append(f"pensioeninstap {la.pension_entry_step or 'geen'}")
                parts_b.append(f"pensioeninstap {lb.pension_entry_step or 'geen'}")
            if parts_a or (not unique and la.function != lb.function):
                label = la.function if la.function == lb.function else f"{la.function} / {lb.function}"
                out.append(Difference(label, ", ".join(parts_a) or la.function, ", ".join(parts_b) or lb.function))
    return out


def _hours_text(s: Scenario) -> list[tuple[str, str]]:
    n = s.norms
    if n.hours is not None:
        h = n.hours
        return [
            ("Methode", "urenopbouw"),
            ("Contracturen", format_number(h.contract, 1)),
            ("Verlofuren", format_number(h.leave, 1)),
            ("Feestdaguren", format_number(h.public_holidays, 1)),
            ("Ziekteverzuim", _pct(h.sick_pct)),
            ("Scholingsuren", format_number(h.training, 1)),
            ("Overleguren", format_number(h.meetings, 1)),
            ("Productiviteit", _pct(h.productive / h.contract)),
        ]
    if n.productivity is not None:
        return [("Methode", "productiviteit direct"), ("Productiviteit", _pct(n.productivity))]
    # Neither an hours build-up nor a productivity: validation requires the productive hours.
    assert n.productive_hours is not None
    return [
        ("Methode", "productieve uren direct"),
        ("Productieve uren", format_number(n.productive_hours, 1)),
        ("Productiviteit", _pct(n.productive_hours / n.contract_hours)),
    ]


def _pairs(a: list[tuple[str, str]], b: list[tuple[str, str]]) -> list[Difference]:
    da, db = dict(a), dict(b)
    labels = [k for k, _ in a] + [k for k, _ in b if k not in da]
    return [Difference(k, da.get(k, "—"), db.get(k, "—")) for k in labels if da.get(k, "—") != db.get(k, "—")]


def _overhead_text(s: Scenario) -> list[tuple[str, str]]:
    n = s.norms
    if n.overhead_lines:
        return [("Overhead", f"kostenregels, totaal {format_eur(sum(l.amount for l in n.overhead_lines))}")]
    conv = "opslag op directe kosten" if n.overhead_convention == "markup" else "aandeel integrale kosten"
    return [("Overhead", f"{_pct(n.overhead_pct)} als {conv}")]


def _reserve_text(s: Scenario) -> str:
    r = s.norms.reserve
    if r is None:
        return "geen"
    return f"doel {format_eur(r.target, 0)}, huidig {format_eur(r.current, 0)}, in {r.years} jaar"


def describe(group: Group, a: Scenario, b: Scenario) -> tuple[Difference, ...]:
    na, nb = a.norms, b.norms
    k = group.key
    if k == "date":
        out = _pairs([("Peildatum", format_date_nl(a.date))], [("Peildatum", format_date_nl(b.date))])
    elif k == "staff":
        out = _staff_differences(a, b)
    elif k == "employer":
        size = {True: "grote werkgever", False: "kleine werkgever"}
        out = _pairs([("Werkgever", size[a.employer_large])], [("Werkgever", size[b.employer_large])])
    elif k == "premiums":

        def rows(s: Scenario) -> list[tuple[str, str]]:
            return [
                ("Whk-premie", "sectorgemiddelde" if s.whk_pct is None else format_pct(s.whk_pct, 2)),
                ("Toeslagen pensioengevend", "ja" if s.norms.pensionable_allowances else "nee"),
                (
                    "Eenvoudige modus (vaste opslag)",
                    "nee" if s.norms.flat_oncost_pct is None else _pct(s.norms.flat_oncost_pct),
                ),
            ]

        out = _pairs(rows(a), rows(b))
    elif k == "other_personnel":
        out = _pairs(
            [("Overige personeelskosten", _pct(na.other_personnel_pct))],
            [("Overige personeelskosten", _pct(nb.other_personnel_pct))],
        )
    elif k == "hours":
        out = _pairs(_hours_text(a), _hours_text(b))
    elif k == "billable":

        def billable_rows(n: Norms) -> list[tuple[str, str]]:
            basis = "alle productieve uren" if n.billable == "productive" else "alleen cliëntgebonden uren"
            r = [("Declarabel", basis)]
            if n.billable == "client_bound":
                r.append(("Aandeel cliëntgebonden", _pct(n.client_bound_share)))
            return r

        out = _pairs(billable_rows(na), billable_rows(nb))
    elif k == "overhead":
        out = _pairs(_overhead_text(a), _overhead_text(b))
    elif k == "material":
        out = _pairs(
            [("Materiële kosten per FTE", format_eur(na.material_per_fte))],
            [("Materiële kosten per FTE", format_eur(nb.material_per_fte))],
        )
    elif k == "reporting":
        out = _pairs(
            [("Verplichtingen per FTE", format_eur(na.reporting_per_fte))],
            [("Verplichtingen per FTE", format_eur(nb.reporting_per_fte))],
        )
    elif k == "risk":
        out = _pairs([("Risico", _pct(na.risk_pct))], [("Risico", _pct(nb.risk_pct))])
    elif k == "innovation":
        out = _pairs([("Innovatie", _pct(na.innovation_pct))], [("Innovatie", _pct(nb.innovation_pct))])
    elif k == "reserve":
        out = _pairs([("Reserveopbouw", _reserve_text(a))], [("Reserveopbouw", _reserve_text(b))])
    else:
        out = _pairs(
            [("Activiteitenbudget", format_eur(a.activity_budget))],
            [("Activiteitenbudget", format_eur(b.activity_budget))],
        )
    return tuple(out)


# ----------------------------------------------------------------------------------------------
# The comparison


# Parts of a scenario that do not enter the tariff. The contract is left out on purpose: it refers
# to staff functions, so taking over B's staff could make A's contract invalid halfway the bridge.
NON_TARIFF_KEYS = ("contract",)


def _as_raw(s: dict[str, Any] | Scenario) -> dict[str, Any]:
    if isinstance(s, Scenario):
        return scenario_to_raw(s)
    if not isinstance(s, dict):
        raise CompareError("Een scenario moet een mapping (scenariobestand) of een gevalideerd scenario zijn.")
    return {k: copy.deepcopy(v) for k, v in s.items() if k not in NON_TARIFF_KEYS}


def _run(raw: dict[str, Any], book: ParameterBook | None, what: str) -> tuple[Scenario, CostPriceResult]:
    try:
        scenario = validate_scenario(raw, book)
        return scenario, compute(scenario, book)
    except ScenarioError as exc:
        raise CompareError(f"{what} is ongeldig:", exc.problems) from None
    except ParameterNotCovered as exc:
        raise CompareError(f"{what} kan niet worden berekend: {exc}") from None


def compare_scenarios(
    a: dict[str, Any] | Scenario, b: dict[str, Any] | Scenario, book: ParameterBook | None = None
) -> Comparison:
    """Bridge from scenario A's team tariff to B's, one group of assumptions at a time.

    Raises CompareError (Dutch, with the problems) when A, B or an intermediate scenario is invalid.
    """
    raw_a, raw_b = _as_raw(a), _as_raw(b)
    scen_a, res_a = _run(raw_a, book, "Scenario A")
    scen_b, res_b = _run(raw_b, book, "Scenario B")
    current_raw, current_s, current_r = raw_a, scen_a, res_a
    pending = []
    formal: list[str] = []
    for position, group in enumerate(GROUPS, start=1):
        if not group_differs(current_raw, raw_b, group):
            continue
        next_raw = substitute(current_raw, raw_b, group)
        next_s, next_r = _run(next_raw, book, f"Het tussenscenario na stap {position} ({group.label})")
        diffs = describe(group, current_s, next_s)
        if diffs or next_r.team.tariff_per_hour != current_r.team.tariff_per_hour:
            pending.append((group, position, diffs, current_r, next_r))
        else:
            formal.append(group.label)
        current_raw, current_s, current_r = next_raw, next_s, next_r
    effects = [after.team.tariff_per_hour - before.team.tariff_per_hour for _, _, _, before, after in pending]
    shown_gap = round_half_up(res_b.team.tariff_per_hour) - round_half_up(res_a.team.tariff_per_hour)
    shown = allocate_rounding(effects, float(shown_gap)) if effects else []
    steps = tuple(
        BridgeStep(
            key=g.key,
            label=g.label,
            short=g.short_label,
            position=pos,
            differences=diffs,
            tariff_before=before.team.tariff_per_hour,
            tariff_after=after.team.tariff_per_hour,
            budget_before=before.team.annual_budget,
            budget_after=after.team.annual_budget,
            shown_effect=shown[i],
        )
        for i, (g, pos, diffs, before, after) in enumerate(pending)
    )
    return Comparison(
        name_a=scen_a.name,
        name_b=scen_b.name,
        result_a=res_a,
        result_b=res_b,
        steps=steps,
        formal_only=tuple(formal),
        order=tuple(g.label for g in GROUPS),
        order_text=ORDER_TEXT,
    )
