"""The Invoer sheet: every input of the cost-price chain with its source (employer, the rates and
limits on the date, the norms, and per staff line its own), each a yellow input cell that the
formulas of the other sheets refer to."""

from __future__ import annotations

from pricing.costprice import PENSIONABLE_ALLOWANCES_SOURCE, CostPriceResult
from pricing.money import format_date_nl
from pricing.parameters import STATUS_LABELS
from pricing.rate_parameters import RATE_PARAMETERS
from pricing.report.xlsx_sheet import Refs, Sheet
from pricing.report.xlsx_style import EUR, NUM, PCT

RATE_LABELS = {
    "monthly_factor": "Deler maandsalaris naar uurloon (cao art. 6.12)",
    "holiday_pct": "Vakantietoeslag (IKB), fractie van S",
    "year_end_pct": "Eindejaarsuitkering (IKB), fractie van S + VT",
    "ikb_extra_pct": "IKB extra, fractie van S + VT",
    "ikb_health": "IKB bijdrage zorgverzekering per jaar",
    "career_pct": "Loopbaanbudget, fractie van S + VT + EJU + ORT",
    "awf_permanent": "AWf-premie vast contract",
    "awf_flexible": "AWf-premie flexibel contract",
    "aof_large": "Aof-premie grote werkgever",
    "aof_small": "Aof-premie kleine werkgever",
    "whk": "Whk-premie",
    "childcare": "Werkgeversheffing kinderopvang",
    "zvw": "Werkgeversheffing Zvw",
    "max_premium_wage": "Maximum premieloon",
    "op_np": "PFZW premie OP/NP (totaal)",
    "franchise": "PFZW franchise",
    "pension_share": "Werkgeversdeel OP/NP",
    "ap": "PFZW AP-premie (werkgever)",
    "ap_franchise": "Franchise AP-premie",
    "wia": "WIA-excedentpremie",
    "wia_threshold": "Drempel WIA-excedent",
    "wia_share": "Werkgeversdeel WIA-excedent",
    "max_pensionable": "Maximum pensioengevend salaris",
    "floor_hourly": "Cao-bodemloon per uur",
    "minimum_wage_hourly": "Wettelijk minimumloon per uur",
    "labour_market_pct": "Arbeidsmarkttoeslag middeninkomens (cao art. 6.6), fractie van het salaris",
    "labour_market_lowest_scale": "Arbeidsmarkttoeslag: laagste schaal",
    "labour_market_highest_scale": "Arbeidsmarkttoeslag: hoogste schaal",
    "ort_cap_scale": "ORT-maximum: schaal (cao art. 6.12)",
    "ort_cap_step": "ORT-maximum: trede (cao art. 6.12)",
    "fcb_pct": "Sectorbijdrage FCB, fractie van S + IKB + ORT",
    "on_call_weekday_hours": "Consignatie: uren vrije tijd per werkdag (cao art. 5.4)",
    "on_call_weekend_hours": "Consignatie: uren vrije tijd per weekend- of feestdag (cao art. 5.4)",
}
RATE_FORMATS = {
    "ikb_health": EUR,
    "max_premium_wage": EUR,
    "franchise": EUR,
    "ap_franchise": EUR,
    "wia_threshold": EUR,
    "max_pensionable": EUR,
    "monthly_factor": NUM,
    "floor_hourly": EUR,
    "minimum_wage_hourly": EUR,
    "labour_market_lowest_scale": "0",
    "labour_market_highest_scale": "0",
    "ort_cap_scale": "0",
    "ort_cap_step": "0",
    "on_call_weekday_hours": NUM,
    "on_call_weekend_hours": NUM,
}


def _sources(result: CostPriceResult) -> dict[str, str]:
    out: dict[str, str] = {}
    for u in result.used:
        out[u.key] = f"{u.source} [{STATUS_LABELS.get(u.status, u.status)}]"
    return out


def fill_inputs(inv: Sheet, result: CostPriceResult) -> tuple[Refs, list[Refs]]:
    """The Invoer sheet; returns the addresses the other sheets refer to: the global inputs and, per
    staff line, that line's."""
    s = result.scenario
    n = s.norms
    h = result.hours
    sources = _sources(result)
    inv.width("A", 52)
    inv.width("B", 18)
    inv.width("C", 90)
    inv.text(1, 1, "Invoer: alle waarden waarop de keten rust (gele cellen zijn invoer)", bold=True)
    inv.text(2, 1, f"Scenario '{s.name}', {s.organisation}; peildatum {format_date_nl(result.date)}")
    inv.row = 4
    inv.header(inv.row, ["Algemeen", "Waarde", "Bron / toelichting"])
    inv.row += 1
    inv.input_row(
        "large", "Grote werkgever (1 = ja, 0 = nee)", 1 if s.employer_large else 0, "0", "scenario (employer.large)"
    )
    inv.input_row(
        "pensionable",
        "Toeslagen pensioengevend (1 = ja, 0 = nee)",
        1 if n.pensionable_allowances else 0,
        "0",
        f"scenario; standaard {PENSIONABLE_ALLOWANCES_SOURCE}",
    )
    inv.row += 1
    inv.header(inv.row, ["Tarieven en grenzen op de peildatum", "Waarde", "Bron"])
    inv.row += 1
    for field, parameter in RATE_PARAMETERS.items():
        if field == "entry_fractions":
            continue
        value = getattr(result.rates, field)
        inv.input_row(
            field,
            RATE_LABELS[field],
            value,
            RATE_FORMATS.get(field, "0.0000%"),
            sources.get(parameter, sources.get(field, "")),
        )
    inv.input_row(
        "ort_cap_salary",
        "ORT-maximum: jaarsalaris van die schaal en trede op de peildatum (0 = onbekend)",
        result.ort_cap_salary or 0,
        EUR,
        "cao-tabel op de peildatum (12 x maandsalaris)",
    )
    inv.row += 1
    inv.header(inv.row, ["Normen", "Waarde", "Bron"])
    inv.row += 1
    if h.method == "uren":
        assert (
            n.hours is not None
        )  # "uren" is the method exactly when the norms break the hours down (productive_hours)
        inv.input_row("h_contract", "Contracturen per FTE per jaar", h.contract, NUM, sources.get("hours.contract", ""))
        inv.input_row("h_leave", "Verlofuren", h.leave, NUM, sources.get("hours.leave", ""))
        inv.input_row("h_holidays", "Feestdaguren", h.public_holidays, NUM, sources.get("hours.public_holidays", ""))
        inv.input_row(
            "h_sick",
            "Ziekteverzuim (fractie van de contracturen)",
            n.hours.sick_pct,
            PCT,
            sources.get("hours.sick_pct", ""),
        )
        inv.input_row("h_training", "Scholingsuren", h.training, NUM, sources.get("hours.training", ""))
        inv.input_row("h_meetings", "Overleg- en intervisie-uren", h.meetings, NUM, sources.get("hours.meetings", ""))
    elif h.method == "productiviteit":
        inv.input_row("h_contract", "Contracturen per FTE per jaar", h.contract, NUM, "parameter contract_hours")
        inv.input_row("h_productivity", "Productiviteit", n.productivity, PCT, sources.get("productivity", ""))
    else:
        inv.input_row(
            "h_productive", "Productieve uren per FTE", n.productive_hours, NUM, sources.get("productive_hours", "")
        )
    client_bound = n.billable == "client_bound"
    inv.input_row(
        "client_share",
        "Aandeel cliëntgebonden uren (alleen bij declarabel = cliëntgebonden)",
        n.client_bound_share if client_bound else 1.0,
        PCT,
        sources.get("client_bound_share", "") if client_bound else "alle productieve uren declarabel",
    )
    inv.input_row(
        "other_pct",
        "Overige personeelskosten (fractie van S)",
        n.other_personnel_pct,
        PCT,
        sources.get("other_personnel_pct", ""),
    )
    if n.flat_oncost_pct is not None:
        inv.input_row(
            "flat_pct",
            "Vaste opslag werkgeverslasten (eenvoudige modus)",
            n.flat_oncost_pct,
            PCT,
            sources.get("flat_oncost_pct", ""),
        )
    inv.input_row(
        "convention",
        "Overheadconventie (markup = opslag, share = aandeel)",
        result.overhead_convention,
        None,
        "scenario (norms.overhead.convention)",
    )
    if n.overhead_lines:
        first = inv.row
        for cost_line in n.overhead_lines:
            inv.text(inv.row, 1, f"Overhead kostenregel: {cost_line.name}")
            inv.value(inv.row, 2, cost_line.amount, EUR, is_input=True)
            inv.text(inv.row, 3, "scenario (norms.overhead.lines)")
            inv.row += 1
        inv.refs["overhead_lines"] = f"Invoer!$B${first}:$B${inv.row - 1}"
    else:
        inv.input_row("overhead_pct", "Overhead (fractie)", n.overhead_pct, PCT, sources.get("overhead.pct", ""))
    inv.input_row(
        "material", "Materiële kosten per FTE per jaar", n.material_per_fte, EUR, sources.get("material_per_fte", "")
    )
    inv.input_row(
        "reporting",
        "Kosten gemeentelijke verplichtingen per FTE per jaar",
        n.reporting_per_fte,
        EUR,
        sources.get("reporting_per_fte", ""),
    )
    inv.input_row("risk", "Opslag risico", n.risk_pct, PCT, sources.get("risk_pct", ""))
    inv.input_row("innovation", "Opslag innovatie", n.innovation_pct, PCT, sources.get("innovation_pct", ""))
    inv.input_row(
        "union_fee",
        "Vergoeding vakbondscontributie per jaar (organisatie; cao 2025-2027)",
        n.union_fee_reimbursement,
        EUR,
        sources.get("union_fee_reimbursement", ""),
    )
    inv.input_row(
        "internship",
        "Stagevergoeding per jaar (organisatie; recht vanaf 1 januari 2026)",
        n.internship_pay,
        EUR,
        sources.get("internship_pay", ""),
    )
    inv.input_row("activity", "Activiteitenbudget per jaar", s.activity_budget, EUR, sources.get("activity_budget", ""))
    if n.reserve is not None:
        r = n.reserve
        inv.input_row("res_target", "Reserve: doel", r.target, EUR, "scenario (norms.reserve)")
        inv.input_row("res_current", "Reserve: huidig", r.current, EUR, "scenario (norms.reserve)")
        inv.input_row("res_years", "Reserve: jaren", r.years, "0", "scenario (norms.reserve)")
        inv.input_row(
            "res_turnover",
            "Reserve: jaaromzet van de organisatie (0 = niet opgegeven: deze offerte draagt de hele behoefte)",
            r.turnover or 0,
            EUR,
            "scenario (norms.reserve.turnover)",
        )
    inv.row += 1
    inv.header(inv.row, ["Formatie", "Waarde", "Bron"])
    inv.row += 1
    lines: list[Refs] = []
    for i, line in enumerate(result.lines, start=1):
        entry = line_entry_fraction(result, i - 1)
        refs: Refs = {}
        refs["function"] = inv.input_row(f"l{i}_function", f"Regel {i}: functie", line.function, None, "scenario")
        refs["fte"] = inv.input_row(f"l{i}_fte", f"Regel {i}: FTE", line.fte, NUM, "scenario")
        refs["contract"] = inv.input_row(
            f"l{i}_contract", f"Regel {i}: contract (permanent of flexible)", line.contract, None, "scenario"
        )
        refs["monthly"] = inv.input_row(
            f"l{i}_monthly",
            f"Regel {i}: maandsalaris (schaal {line.scale}, trede {line.step})",
            line.cost.monthly_salary,
            EUR,
            "cao-tabel met de bekende verhogingen tot de peildatum"
            if line.cost.salary_source == "cao-tabel"
            else "eigen opgave in het scenario",
        )
        refs["irregular"] = inv.input_row(
            f"l{i}_irregular",
            f"Regel {i}: onregelmatigheidstoeslag (fractie van S)",
            line.irregular_pct,
            PCT,
            "scenario",
        )
        staff = result.scenario.staff[i - 1]
        january = line.cost.pension_salary / 12 / (1 + line.cost.labour_market_pct)
        refs["january"] = inv.input_row(
            f"l{i}_january",
            f"Regel {i}: cao-verhogingen tussen 1 januari en de peildatum (maandsalaris / salaris 1 januari; "
            "PFZW legt de pensioengrondslag op 1 januari vast)",
            line.cost.monthly_salary / january if january else 1.0,
            "0.000000",
            "cao-tabel op 1 januari van het jaar"
            if line.cost.salary_source != "eigen opgave"
            else "eigen opgave, teruggerekend met de cao-verhogingen na 1 januari",
        )
        refs["persons"] = inv.input_row(
            f"l{i}_persons",
            f"Regel {i}: personen per FTE (zorgbijdrage en premiemaximum per persoon)",
            line.cost.persons_per_fte,
            NUM,
            "scenario (persons / fte)" if staff.persons is not None else "niet opgegeven: voltijders",
        )
        refs["vitality"] = inv.input_row(
            f"l{i}_vitality",
            f"Regel {i}: vitaliteitsuren (cao art. 3.3)",
            line.hours.vitality or 0.0,
            NUM,
            f"leeftijdsgroep {staff.age_band}" if staff.age_band else "gemiddelde van de organisatie",
        )
        refs["on_call_wd"] = inv.input_row(
            f"l{i}_oc_wd", f"Regel {i}: consignatiedagen op werkdagen per jaar", staff.on_call_weekdays, NUM, "scenario"
        )
        refs["on_call_we"] = inv.input_row(
            f"l{i}_oc_we",
            f"Regel {i}: consignatiedagen op weekend- en feestdagen per jaar",
            staff.on_call_weekend_days,
            NUM,
            "scenario",
        )
        refs["scale"] = inv.input_row(f"l{i}_scale", f"Regel {i}: schaal", line.scale, "0", "scenario")
        refs["primary"] = inv.input_row(
            f"l{i}_primary",
            f"Regel {i}: primair proces (1 = ja, 0 = nee; cao art. 6.6)",
            0 if staff.primary_process is False else 1,
            "0",
            "scenario" if staff.primary_process is not None else "niet opgegeven: primair proces (standaard)",
        )
        refs["entry"] = inv.input_row(
            f"l{i}_entry",
            f"Regel {i}: fractie pensioenpremie (instapregeling; 1 = volledig)",
            entry,
            PCT,
            "PFZW instapregeling" if entry != 1.0 else "volledige premie",
        )
        lines.append(refs)
    return dict(inv.refs), lines


def line_entry_fraction(result: CostPriceResult, index: int) -> float:
    staff = result.scenario.staff[index]
    if staff.pension_entry_step:
        return result.rates.entry_fractions[staff.pension_entry_step - 1]
    return 1.0
