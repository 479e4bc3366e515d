"""Spreadsheet export of the cost-price chain, with live formulas a controller can audit.

The workbook re-expresses the chain (docs/methode.md section 3) as spreadsheet formulas that refer to an
inputs sheet ("Invoer"): change a premium, a salary or the overhead there and every step
recalculates. It is deliberately a separate expression of the rules, not a dump of the engine's
numbers: a test recalculates the workbook with an independent formula engine and compares every
step with :func:`pricing.costprice.compute` to the cent, so the two keep each other honest.

Each formula is written (with XlsxWriter) together with its cached result: the engine's figure
read from the :class:`~pricing.evaluation.Evaluation`, never a second computation of the chain.
A reader that does not calculate (pandas, a file viewer, openpyxl with ``data_only=True``) so
sees the numbers the command line prints, and Excel or LibreOffice still recalculate on opening.
The few cells the engine keeps no figure for (FTE-weighted products the team column sums, the
pensionable salary before its maximum, the municipality's price factor) get theirs from
:func:`sheet_only_value` and :func:`municipal_factors`, made from the engine's figures.

Sheets: Toelichting (how to read it), Invoer (every input with its source), Kostprijs (the chain,
one column per staff line plus the team), Contract (when the scenario has one: prices per function,
staffing and activities, indexation per year, net present value, cost of non-indexation),
Maatschappelijk rendement (when a task estimates its social return: per task the ratio, its range or
"niet bekend", its source and the label "schatting", with the net present values as formulas on the
ratios), Gevoeligheid (the tornado and the risk band, engine results, not formulas) and Parameters
(every parameter used, with date, source and status).

Every input cell has a workbook name ``invoer_<key>``: the cost-price inputs on Invoer, and the
contract's (``invoer_ix2027`` index, ``invoer_st2027`` settlement, ``invoer_mu2027`` municipal index,
``invoer_discount``, ``invoer_sr1_ratio``/``_low``/``_high``/``_gemeente`` per task on Invoer;
``invoer_c3_fte``/``_hours``/``_amount`` per budget line and ``invoer_drift_f1_2027`` per function and
year on the Contract sheet).

User text is always written as a string cell, so a function named ``=HYPERLINK(...)`` stays text;
text a spreadsheet would read as a formula also gets the quote prefix (:mod:`pricing.safety`).
Only plain cell references and MIN, MAX, IF, SUM, SUMPRODUCT and NPV are used, so LibreOffice,
Excel and Python evaluators agree.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Collection
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, Required, TypedDict

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_cell_to_rowcol, xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from pricing import method
from pricing.contract import ContractBudget
from pricing.costprice import (
    PENSIONABLE_ALLOWANCES_SOURCE,
    CostPriceResult,
    LineResult,
    holiday_allowance,
    pension_base,
    year_end_payment,
)
from pricing.evaluation import Evaluation, evaluation_of
from pricing.finance import net_present_value
from pricing.model.contract import INDEX_SOURCE_STATUS, ORIGIN_LABELS, YearIndex
from pricing.money import format_date_nl
from pricing.parameters import STATUS_LABELS, ParameterBook, ParameterNotCovered, load_parameter_book
from pricing.rate_parameters import RATE_PARAMETERS
from pricing.report.output import write_output
from pricing.report.xlsx_style import EUR, NUM, PCT, PCT3
from pricing.safety import formula_like
from pricing.social_return import CAVEAT, UNKNOWN_SPLIT, SocialReturn, range_note

HEAD_FILL = "#1D5C63"  # header rows: white bold text on dark teal
HEAD_FONT = "#FFFFFF"
INPUT_FILL = "#FFF4D6"  # input cells: pale yellow

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


class _Sheet:
    """Writes label/value rows of one XlsxWriter worksheet and remembers where each named value lives.

    Rows and columns are counted from 1, as a spreadsheet shows them. Every formula is written with
    its cached result (the engine's figure), so a reader that does not calculate sees the numbers.
    """

    def __init__(self, ws: Worksheet, formats: _Formats) -> None:
        self.ws = ws
        self.formats = formats
        self.row = 1
        self.max_row = 0  # the last row written to (what sheets filled by other modules append below)
        self.refs: dict[str, str] = {}

    def _at(self, row: int, col: int) -> tuple[int, int]:
        self.max_row = max(self.max_row, row)
        return row - 1, col - 1

    def text(
        self, row: int, col: int, value: object, *, bold: bool = False, head: bool = False, fill: bool = False
    ) -> None:
        """User or label text, always a string cell, never a formula, whatever the user typed; text a
        spreadsheet would read as a formula also gets the quote prefix (pricing.safety)."""
        r, c = self._at(row, col)
        text = "" if value is None else str(value)
        fmt = self.formats.get(bold=bold, head=head, fill=fill, quote=formula_like(text))
        if text:
            self.ws.write_string(r, c, text, fmt)
        elif fmt is not None:
            self.ws.write_blank(r, c, None, fmt)

    def value(
        self, row: int, col: int, value: float | str | None, fmt: str | None = None, *, is_input: bool = False
    ) -> None:
        if isinstance(value, str):
            self.text(row, col, value, fill=is_input)
            return
        r, c = self._at(row, col)
        style = self.formats.get(num=fmt, fill=is_input)
        if value is None:
            if style is not None:
                self.ws.write_blank(r, c, None, style)
        else:
            self.ws.write_number(r, c, float(value), style)

    def named_input(self, key: str, row: int, col: int, value: float, fmt: str | None) -> str:
        """An input cell anywhere on this sheet, remembered under ``key`` (a workbook name is made of it)."""
        self.value(row, col, value, fmt, is_input=True)
        ref = f"{self.ws.name}!${_letter(col)}${row}"
        self.refs[key] = ref
        return ref

    def formula(
        self, row: int, col: int, text: str, fmt: str | None = None, *, value: float, bold: bool = False
    ) -> None:
        """A live formula with its cached result ``value``: the engine's figure for this cell."""
        r, c = self._at(row, col)
        self.ws.write_formula(r, c, "=" + text, self.formats.get(num=fmt, bold=bold), float(value))

    def formula_row(
        self, row: int, col: int, texts: list[str], values: list[float], fmt: str | None, *, bold: bool = False
    ) -> None:
        """Formulas in consecutive cells of one row from column ``col`` on, each with its cached result, all
        in one format (the chain's steps: one formula per staff line)."""
        r, c = self._at(row, col + len(texts) - 1)
        c -= len(texts) - 1
        style = self.formats.get(num=fmt, bold=bold)
        write = self.ws.write_formula
        for k, (text, value) in enumerate(zip(texts, values, strict=True)):
            write(r, c + k, "=" + text, style, float(value))

    def width(self, col: str, width: float) -> None:
        """Column width in characters (``col`` a letter, as a spreadsheet names it)."""
        index = column_index(col)
        self.ws.set_column(index, index, width)

    def header(self, row: int, values: list[str]) -> None:
        for i, v in enumerate(values, start=1):
            self.text(row, i, v, head=True)

    def input_row(self, key: str, label: str, value: float | str | None, fmt: str | None, source: str = "") -> str:
        """An input on its own row: label in A, value in B (yellow), source in C; returns B's address."""
        self.text(self.row, 1, label)
        self.value(self.row, 2, value, fmt, is_input=True)
        if source:
            self.text(self.row, 3, source)
        ref = f"Invoer!$B${self.row}"
        self.refs[key] = ref
        self.row += 1
        return ref


class _Formats:
    """The workbook's cell formats, each made once (XlsxWriter wants one Format per combination)."""

    def __init__(self, workbook: xlsxwriter.Workbook) -> None:
        self.workbook = workbook
        self.made: dict[tuple[str | None, bool, bool, bool, bool], Format] = {}

    def get(
        self, *, num: str | None = None, bold: bool = False, head: bool = False, fill: bool = False, quote: bool = False
    ) -> Format | None:
        key = (num, bold, head, fill, quote)
        if key == (None, False, False, False, False):
            return None
        if key not in self.made:
            props: dict[str, str | int | bool] = {}
            if num:
                props["num_format"] = num
            if bold or head:
                props["bold"] = True
            if head:
                props.update(font_color=HEAD_FONT, bg_color=HEAD_FILL, pattern=1, text_wrap=True, valign="top")
            elif fill:
                props.update(bg_color=INPUT_FILL, pattern=1)
            if quote:
                props["quote_prefix"] = True
            self.made[key] = self.workbook.add_format(props)
        return self.made[key]


def _letter(col: int) -> str:
    """The letter of column ``col`` counted from 1 (1 = A)."""
    name: str = xl_col_to_name(col - 1)
    return name


def column_index(letters: str) -> int:
    """0-based index of a column letter (A = 0)."""
    index: int = xl_cell_to_rowcol(letters + "1")[1]
    return index


def _sources(result: CostPriceResult) -> dict[str, str]:
    out: dict[str, str] = {}
    for u in result.used:
        out[u.key] = f"{u.source} [{STATUS_LABELS.get(u.status, u.status)}]"
    return out


INPUT_REF = re.compile(r"(Invoer|Contract)!\$[A-Z]+\$\d+(:\$[A-Z]+\$\d+)?")


def _name_inputs(wb: xlsxwriter.Workbook, refs: dict[str, str]) -> None:
    """Every input cell (or range of cells) gets a workbook name (invoer_other_pct is easier to audit
    and to change than Invoer!$B$31); the formulas keep their cell references."""
    for key, ref in refs.items():
        if INPUT_REF.fullmatch(ref):
            wb.define_name("invoer_" + re.sub(r"[^A-Za-z0-9_]", "_", key), "=" + ref)


Refs = dict[str, str]  # an input's key -> its address (Invoer!$B$12)


def _fill_inputs(inv: _Sheet, result: CostPriceResult) -> tuple[Refs, list[Refs]]:
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


# Chain rows: key, label, formula builder, number format. The builder's ``c`` is the column letter of
# the line, ``r`` the row of each key on the Kostprijs sheet, ``i`` the Invoer addresses of that line,
# ``g`` the global inputs.
Builder = Callable[[str, dict[str, int], Refs, Refs], str]
ChainRow = tuple[str, str, Builder, str]


def _chain_rows(simple: bool, method: str, has_lines: bool, has_reserve: bool) -> list[ChainRow]:
    rows: list[ChainRow] = [
        ("monthly", "Maandsalaris M", lambda c, r, i, g: f"{i['monthly']}", EUR),
        (
            "lma_pct",
            "Arbeidsmarkttoeslag: fractie als primair proces en schaal binnen het bereik, anders 0",
            lambda c, r, i, g: (
                f"IF({i['primary']}=1,IF({i['scale']}>={g['labour_market_lowest_scale']},"
                f"IF({i['scale']}<={g['labour_market_highest_scale']},{g['labour_market_pct']},0),0),0)"
            ),
            PCT3,
        ),
        (
            "salary",
            "Jaarsalaris S = 12 x M x (1 + arbeidsmarkttoeslag)",
            lambda c, r, i, g: f"12*{c}{r['monthly']}*(1+{c}{r['lma_pct']})",
            EUR,
        ),
    ]
    if simple:
        rows += [
            (
                "flat",
                "Vaste opslag werkgeverslasten = S x opslag",
                lambda c, r, i, g: f"{c}{r['salary']}*{g['flat_pct']}",
                EUR,
            ),
            ORG_COSTS_ROW,
            (
                "personnel",
                "Personeelskosten per FTE P = S + opslag + vakbondscontributie en stagevergoeding",
                lambda c, r, i, g: f"{c}{r['salary']}+{c}{r['flat']}+{c}{r['org']}",
                EUR,
            ),
        ]
    else:
        rows += [
            ("vt", "Vakantietoeslag VT = 0,08 x S", lambda c, r, i, g: f"{g['holiday_pct']}*{c}{r['salary']}", EUR),
            (
                "eju",
                "Eindejaarsuitkering EJU = 0,083 x (S + VT)",
                lambda c, r, i, g: f"{g['year_end_pct']}*({c}{r['salary']}+{c}{r['vt']})",
                EUR,
            ),
            (
                "x",
                "IKB extra X = 0,001 x (S + VT)",
                lambda c, r, i, g: f"{g['ikb_extra_pct']}*({c}{r['salary']}+{c}{r['vt']})",
                EUR,
            ),
            (
                "ikb",
                "IKB = VT + EJU + X + zorgbijdrage x personen per FTE",
                lambda c, r, i, g: f"{c}{r['vt']}+{c}{r['eju']}+{c}{r['x']}+{g['ikb_health']}*{i['persons']}",
                EUR,
            ),
            (
                "ort",
                "Onregelmatigheidstoeslag ORT = pct x min(S, ORT-maximum x (1 + arbeidsmarkttoeslag))",
                lambda c, r, i, g: (
                    f"{i['irregular']}*IF({g['ort_cap_salary']}>0,MIN({c}{r['salary']},"
                    f"{g['ort_cap_salary']}*(1+{c}{r['lma_pct']})),{c}{r['salary']})"
                ),
                EUR,
            ),
            (
                "lbb",
                "Loopbaanbudget LBB = 0,015 x (S + VT + EJU + ORT)",
                lambda c, r, i, g: f"{g['career_pct']}*({c}{r['salary']}+{c}{r['vt']}+{c}{r['eju']}+{c}{r['ort']})",
                EUR,
            ),
            (
                "sv",
                "Premieloon SV = min(S + IKB + ORT, maximum premieloon x personen per FTE)",
                lambda c, r, i, g: (
                    f"MIN({c}{r['salary']}+{c}{r['ikb']}+{c}{r['ort']},{g['max_premium_wage']}*{i['persons']})"
                ),
                EUR,
            ),
            (
                "rate",
                "Premiepercentage = AWf + Aof + Whk + kinderopvang + Zvw",
                lambda c, r, i, g: (
                    f'IF({i["contract"]}="permanent",{g["awf_permanent"]},{g["awf_flexible"]})'
                    f"+IF({g['large']}=1,{g['aof_large']},{g['aof_small']})"
                    f"+{g['whk']}+{g['childcare']}+{g['zvw']}"
                ),
                "0.0000%",
            ),
            (
                "premiums",
                "Werkgeverspremies = SV x premiepercentage + FCB x (S + IKB + ORT)",
                lambda c, r, i, g: (
                    f"{c}{r['sv']}*{c}{r['rate']}+{g['fcb_pct']}*({c}{r['salary']}+{c}{r['ikb']}+{c}{r['ort']})"
                ),
                EUR,
            ),
            (
                "s_jan",
                "Jaarsalaris op 1 januari S1 = 12 x M / verhogingen sinds 1 januari x (1 + arbeidsmarkttoeslag)",
                lambda c, r, i, g: f"12*{c}{r['monthly']}/{i['january']}*(1+{c}{r['lma_pct']})",
                EUR,
            ),
            (
                "base_full",
                "Pensioengevend salaris = S1 x (1 + VT) x (1 + EJU) + ORT (of S1 als toeslagen niet meetellen)",
                lambda c, r, i, g: (
                    f"IF({g['pensionable']}=1,{c}{r['s_jan']}*(1+{g['holiday_pct']})*(1+{g['year_end_pct']})+{c}{r['ort']},"
                    f"{c}{r['s_jan']})"
                ),
                EUR,
            ),
            (
                "base",
                "Pensioengrondslag B = min(pensioengevend salaris, maximum)",
                lambda c, r, i, g: f"MIN({c}{r['base_full']},{g['max_pensionable']})",
                EUR,
            ),
            (
                "op",
                "Pensioen OP/NP werkgever = instap x aandeel x OP x max(B - franchise, 0)",
                lambda c, r, i, g: (
                    f"{i['entry']}*{g['pension_share']}*{g['op_np']}*MAX({c}{r['base']}-{g['franchise']},0)"
                ),
                EUR,
            ),
            (
                "ap",
                "AP-premie = AP x max(B - AP-franchise, 0)",
                lambda c, r, i, g: f"{g['ap']}*MAX({c}{r['base']}-{g['ap_franchise']},0)",
                EUR,
            ),
            (
                "wia",
                "WIA-excedent = premie x werkgeversdeel x max(pensioengevend salaris zonder maximum - drempel, 0)",
                lambda c, r, i, g: f"{g['wia']}*{g['wia_share']}*MAX({c}{r['base_full']}-{g['wia_threshold']},0)",
                EUR,
            ),
            (
                "pension",
                "Pensioen werkgever = OP/NP + AP + WIA",
                lambda c, r, i, g: f"{c}{r['op']}+{c}{r['ap']}+{c}{r['wia']}",
                EUR,
            ),
            (
                "other",
                "Overige personeelskosten = pct x S",
                lambda c, r, i, g: f"{g['other_pct']}*{c}{r['salary']}",
                EUR,
            ),
            ORG_COSTS_ROW,
            (
                "personnel",
                "Personeelskosten per FTE P = S + IKB + ORT + LBB + premies + pensioen + overig + vakbond/stage",
                lambda c, r, i, g: (
                    f"{c}{r['salary']}+{c}{r['ikb']}+{c}{r['ort']}+{c}{r['lbb']}+{c}{r['premiums']}"
                    f"+{c}{r['pension']}+{c}{r['other']}+{c}{r['org']}"
                ),
                EUR,
            ),
        ]
    if method == "uren":
        rows.append(
            (
                "productive",
                (
                    "Productieve uren = contract - verlof - feestdagen - verzuim x contract - scholing - overleg"
                    " - vitaliteitsuren - consignatie (werkdagen x uren + weekenddagen x uren)"
                ),
                lambda c, r, i, g: (
                    f"{g['h_contract']}-{g['h_leave']}-{g['h_holidays']}-{g['h_sick']}*{g['h_contract']}"
                    f"-{g['h_training']}-{g['h_meetings']}-{i['vitality']}"
                    f"-{i['on_call_wd']}*{g['on_call_weekday_hours']}-{i['on_call_we']}*{g['on_call_weekend_hours']}"
                ),
                NUM,
            )
        )
    elif method == "productiviteit":
        rows.append(
            (
                "productive",
                "Productieve uren = contracturen x productiviteit",
                lambda c, r, i, g: f"{g['h_contract']}*{g['h_productivity']}",
                NUM,
            )
        )
    else:
        rows.append(("productive", "Productieve uren (opgegeven)", lambda c, r, i, g: f"{g['h_productive']}", NUM))
    rows += [
        (
            "billable",
            "Declarabele uren = productieve uren x aandeel declarabel",
            lambda c, r, i, g: f"{c}{r['productive']}*{g['client_share']}",
            NUM,
        ),
        (
            "direct",
            "Directe kosten per uur D = P / declarabele uren",
            lambda c, r, i, g: f"{c}{r['personnel']}/{c}{r['billable']}",
            EUR,
        ),
        (
            "overhead",
            "Overhead per uur: opslag D x pct, of aandeel D / (1 - pct) - D",
            lambda c, r, i, g: (
                f'IF({g["convention"]}="share",{c}{r["direct"]}/(1-{g["oh_pct"]})-{c}{r["direct"]},'
                f"{c}{r['direct']}*{g['oh_pct']})"
            ),
            EUR,
        ),
        (
            "material",
            "Materiële kosten per uur = per FTE / declarabele uren",
            lambda c, r, i, g: f"{g['material']}/{c}{r['billable']}",
            EUR,
        ),
        (
            "reporting",
            "Kosten verplichtingen per uur = per FTE / declarabele uren",
            lambda c, r, i, g: f"{g['reporting']}/{c}{r['billable']}",
            EUR,
        ),
        (
            "cost_price",
            "Kostprijs per uur K = D + overhead + materieel + verplichtingen",
            lambda c, r, i, g: f"{c}{r['direct']}+{c}{r['overhead']}+{c}{r['material']}+{c}{r['reporting']}",
            EUR,
        ),
        (
            "risk_innovation",
            "Risico en innovatie per uur = K x (risico + innovatie)",
            lambda c, r, i, g: f"{c}{r['cost_price']}*({g['risk']}+{g['innovation']})",
            EUR,
        ),
        (
            "reserve",
            "Reserveopbouw per uur = K x reserve-opslag",
            lambda c, r, i, g: f"{c}{r['cost_price']}*{g['reserve_pct']}",
            EUR,
        ),
        (
            "tariff",
            "Reëel tarief per uur T = K + risico en innovatie + reserve",
            lambda c, r, i, g: f"{c}{r['cost_price']}+{c}{r['risk_innovation']}+{c}{r['reserve']}",
            EUR,
        ),
        (
            "price",
            "Prijs per FTE per jaar = T x declarabele uren",
            lambda c, r, i, g: f"{c}{r['tariff']}*{c}{r['billable']}",
            EUR,
        ),
        ("fte", "FTE", lambda c, r, i, g: f"{i['fte']}", NUM),
        ("budget", "Budget = FTE x prijs per FTE", lambda c, r, i, g: f"{c}{r['fte']}*{c}{r['price']}", EUR),
        ("hours_total", "FTE x declarabele uren", lambda c, r, i, g: f"{c}{r['fte']}*{c}{r['billable']}", NUM),
        ("personnel_total", "FTE x personeelskosten", lambda c, r, i, g: f"{c}{r['fte']}*{c}{r['personnel']}", EUR),
        ("cost_total", "FTE x uren x kostprijs", lambda c, r, i, g: f"{c}{r['hours_total']}*{c}{r['cost_price']}", EUR),
    ]
    return rows


# Union-fee reimbursement and internship pay: organisation amounts spread over the FTE (both modes).
ORG_COSTS_ROW: ChainRow = (
    "org",
    "Vakbondscontributie en stagevergoeding per FTE = bedragen organisatie / totaal FTE",
    lambda c, r, i, g: f"({g['union_fee']}+{g['internship']})/({g['fte_total']})",
    EUR,
)


# The engine's figure for each chain row of a staff line: the cached result of that row's formula.
LINE_VALUES: dict[str, Callable[[LineResult], float]] = {
    "monthly": lambda l: l.cost.monthly_salary,
    "lma_pct": lambda l: l.cost.labour_market_pct,
    "salary": lambda l: l.cost.annual_salary,
    "flat": lambda l: l.cost.flat_oncost,
    "org": lambda l: l.cost.org_cao_costs,
    "personnel": lambda l: l.cost.personnel_cost_per_fte,
    "vt": lambda l: l.cost.holiday_allowance,
    "eju": lambda l: l.cost.year_end_payment,
    "x": lambda l: l.cost.ikb_extra,
    "ikb": lambda l: l.cost.ikb,
    "ort": lambda l: l.cost.irregular,
    "lbb": lambda l: l.cost.career_budget,
    "sv": lambda l: l.cost.premium_wage,
    "rate": lambda l: l.cost.premium_rate,
    "premiums": lambda l: l.cost.employer_premiums,
    "s_jan": lambda l: l.cost.pension_salary,
    "base": lambda l: l.cost.pension_base,
    "op": lambda l: l.cost.pension_op,
    "ap": lambda l: l.cost.pension_ap,
    "wia": lambda l: l.cost.pension_wia,
    "pension": lambda l: l.cost.pension,
    "other": lambda l: l.cost.other_personnel,
    "productive": lambda l: l.hours.productive,
    "billable": lambda l: l.hours.billable,
    "direct": lambda l: l.direct_cost_per_hour,
    "overhead": lambda l: l.overhead_per_hour,
    "material": lambda l: l.material_per_hour,
    "reporting": lambda l: l.reporting_per_hour,
    "cost_price": lambda l: l.cost_price_per_hour,
    "risk_innovation": lambda l: l.risk_innovation_per_hour,
    "reserve": lambda l: l.reserve_per_hour,
    "tariff": lambda l: l.tariff_per_hour,
    "price": lambda l: l.price_per_fte,
    "fte": lambda l: l.fte,
    "budget": lambda l: l.budget,
}


def sheet_only_value(key: str, line: LineResult, result: CostPriceResult) -> float:
    """The cached result of a chain row the engine does not keep as a figure of its own: the three
    FTE-weighted products the team column sums, and the pensionable salary before the maximum (the
    engine uses it for the WIA premium without storing it). Made from the engine's figures of the
    line, the last one with the engine's own :func:`~pricing.costprice.pension_base`; nothing of the
    chain is computed again."""
    if key == "hours_total":
        return line.fte * line.hours.billable
    if key == "personnel_total":
        return line.fte * line.cost.personnel_cost_per_fte
    if key == "cost_total":
        return line.fte * line.hours.billable * line.cost_price_per_hour
    if key == "base_full":
        rates, s_jan = result.rates, line.cost.pension_salary
        vt = holiday_allowance(s_jan, rates)
        uncapped = replace(rates, max_pensionable=float("inf"))
        pensionable = result.scenario.norms.pensionable_allowances
        return pension_base(s_jan, vt, year_end_payment(s_jan, vt, rates), line.cost.irregular, uncapped, pensionable)
    raise KeyError(key)


class ChainLayout(TypedDict):
    """Where the Kostprijs sheet holds what: the row of each chain step, the column of each staff line,
    the team's cells, and the Invoer addresses the formulas read (global, and per staff line)."""

    rows: dict[str, int]
    cols: list[str]
    team: dict[str, str]
    annual_budget: str
    oh_pct: str
    reserve_pct: str
    inputs: Refs
    lines: list[Refs]


class ContractLayout(TypedDict):
    """Where the Contract sheet holds what (rows of the totals, the year columns, the cells per function)."""

    year_cols: list[str]
    totals: dict[str, int]
    real_total: int
    npv: str
    shortfall: int
    cumulative: int
    fte_lost: int
    lines: tuple[int, int]
    factor: int
    index_table: dict[int, int]
    discount: str
    prices: dict[str, tuple[str, str]]


class SocialCells(TypedDict):
    """A task's row on the social-return sheet and the first cells of its yearly costs and benefits."""

    row: int
    costs: str
    benefits: str


class Layout(TypedDict, total=False):
    """The map of the workbook :func:`build_workbook_with_layout` returns next to its bytes."""

    chain: Required[ChainLayout]
    contract: ContractLayout
    budget: ContractBudget
    social: dict[str, SocialCells]


def _reserve_surcharge(result: CostPriceResult) -> float:
    reserve = result.reserve
    assert reserve is not None  # the engine builds the reserve exactly when the norms ask for one
    return reserve.surcharge


def _fill_chain(ks: _Sheet, result: CostPriceResult, inputs: Refs, line_refs: list[Refs]) -> ChainLayout:
    """The Kostprijs sheet; returns row numbers, the line columns and the team cells."""
    n = result.scenario.norms
    simple = n.flat_oncost_pct is not None
    rows = _chain_rows(simple, result.hours.method, bool(n.overhead_lines), n.reserve is not None)
    ks.width("A", 70)
    ks.text(1, 1, "Kostprijs: de keten per formatieregel (formules verwijzen naar Invoer)", bold=True)
    ks.text(
        2,
        1,
        "Eenvoudige modus: één opslag vervangt IKB, toeslagen, premies en pensioen."
        if simple
        else "Volledige keten volgens de methode, hoofdstuk 3 (stap 1 t/m 15).",
    )
    header_row = 4
    first = 5
    row_of = {key: first + k for k, (key, *_rest) in enumerate(rows)}
    ncols = len(result.lines)
    cols = [_letter(2 + k) for k in range(ncols)]
    ks.header(header_row, ["Stap"] + [line.function for line in result.lines] + ["Team"])
    ks.ws.set_column(1, ncols, 16)
    last_col = cols[-1]
    team_col = _letter(2 + ncols)
    ks.width(team_col, 18)
    team_result = result.team
    # Overhead and reserve percentages are team-wide: computed once, below the chain.
    extra = first + len(rows) + 1
    g = dict(inputs)
    # The organisation's total FTE is the team column's sum of the FTE row: one short reference in
    # every line's formula (a sum of every line's FTE cell in each would grow with the square of the
    # staff table, and pass Excel's limit of 8,192 characters per formula at a few hundred lines).
    g["fte_total"] = f"${team_col}${row_of['fte']}"
    if n.overhead_lines:
        g["oh_pct"] = f"$B${extra}"
        ks.text(extra, 1, "Overhead uit kostenregels = som kostenregels / som(FTE x personeelskosten)")
        ks.formula(
            extra,
            2,
            f"SUM({g['overhead_lines']})/SUM(B{row_of['personnel_total']}:{last_col}{row_of['personnel_total']})",
            PCT3,
            value=result.overhead_pct,
        )
    else:
        g["oh_pct"] = g["overhead_pct"]
        ks.text(extra, 1, "Overhead (fractie, uit Invoer)")
        ks.formula(extra, 2, g["overhead_pct"], PCT3, value=result.overhead_pct)
    if n.reserve is not None:
        g["reserve_pct"] = f"$B${extra + 1}"
        # The surcharge on the cost price that collects exactly the annual build-up from the staffing.
        ks.text(
            extra + 1,
            1,
            "Reserve-opslag op de kostprijs = max(doel - huidig, 0) / jaren / jaaromzet; "
            "zonder jaaromzet / som(FTE x uren x kostprijs) (de hele behoefte)",
        )
        ks.formula(
            extra + 1,
            2,
            f"MAX({g['res_target']}-{g['res_current']},0)/{g['res_years']}"
            f"/IF({g['res_turnover']}>0,{g['res_turnover']},"
            f"SUM(B{row_of['cost_total']}:{last_col}{row_of['cost_total']}))",
            "0.0000%",
            value=_reserve_surcharge(result),
        )
    else:
        g["reserve_pct"] = "0"
        ks.text(extra + 1, 1, "Reserve-opslag: geen reserveopbouw in het scenario")
        ks.value(extra + 1, 2, 0, PCT)
    for key, label, build, fmt in rows:
        r = row_of[key]
        ks.text(r, 1, label)
        engine_value = LINE_VALUES.get(key)
        ks.formula_row(
            r,
            2,
            [build(col, row_of, refs, g) for col, refs in zip(cols, line_refs, strict=True)],
            [engine_value(line) if engine_value else sheet_only_value(key, line, result) for line in result.lines],
            fmt,
            bold=key in ("personnel", "cost_price", "tariff", "price"),
        )

    # Team column
    def span(key: str) -> str:
        return f"B{row_of[key]}:{last_col}{row_of[key]}"

    team: dict[str, tuple[int, str, str]] = {}
    tc = 2 + ncols
    team["total_fte"] = (row_of["fte"], f"SUM({span('fte')})", NUM)
    team["billable_hours"] = (row_of["hours_total"], f"SUM({span('hours_total')})", NUM)
    team["staff_budget"] = (row_of["budget"], f"SUM({span('budget')})", EUR)
    team["personnel_cost"] = (row_of["personnel_total"], f"SUM({span('personnel_total')})", EUR)
    team["cost_price_per_hour"] = (row_of["cost_total"], f"SUM({span('cost_total')})/SUM({span('hours_total')})", EUR)
    team["tariff_per_hour"] = (row_of["tariff"], f"SUM({span('budget')})/SUM({span('hours_total')})", EUR)
    team["price_per_fte"] = (row_of["price"], f"SUM({span('budget')})/SUM({span('fte')})", EUR)
    for key, (r, text, fmt) in team.items():
        ks.formula(r, tc, text, fmt, bold=True, value=float(getattr(team_result, key)))
    budget_row = extra + 3
    ks.text(budget_row, 1, "Personeelsbudget per jaar", bold=True)
    ks.formula(budget_row, 2, f"{team_col}{row_of['budget']}", EUR, bold=True, value=team_result.staff_budget)
    ks.text(budget_row + 1, 1, "Activiteitenbudget per jaar")
    ks.formula(budget_row + 1, 2, g["activity"], EUR, value=team_result.activity_budget)
    ks.text(budget_row + 2, 1, "Jaarbudget", bold=True)
    ks.formula(budget_row + 2, 2, f"B{budget_row}+B{budget_row + 1}", EUR, bold=True, value=team_result.annual_budget)
    ks.ws.freeze_panes("B5")
    return ChainLayout(
        rows=row_of,
        cols=cols,
        team={k: f"{team_col}{r}" for k, (r, _t, _f) in team.items()},
        annual_budget=f"B{budget_row + 2}",
        oh_pct=f"B{extra}",
        reserve_pct=f"B{extra + 1}",
        inputs=g,
        lines=line_refs,
    )


def _fill_contract(
    cs: _Sheet, inv: _Sheet, result: CostPriceResult, chain: ChainLayout, budget: ContractBudget, book: ParameterBook
) -> ContractLayout:
    """The Contract sheet: prices per function, lines, indexation, totals, NPV, non-indexation."""
    contract = budget.contract
    ix = contract.indexation
    cs.width("A", 24)
    cs.width("B", 26)
    cs.width("C", 26)
    cs.text(1, 1, f"Contract: {contract.name} ({budget.label})", bold=True)
    cs.text(
        2,
        1,
        f"Gemeente: {contract.municipality}; looptijd {contract.years} jaar vanaf "
        f"{format_date_nl(contract.start)}; prijspeil {budget.base_year}",
    )
    # Contract inputs on the Invoer sheet: index per contract year, settlement rate, municipal index.
    inv.row += 1
    inv.header(inv.row, ["Contract: indexatie per contractjaar", "Waarde", "Herkomst"])
    inv.row += 1
    years = contract.contract_years
    index_refs: list[str | None] = []
    settle_refs: list[str] = []
    muni_refs: list[str | None] = []
    for k, year in enumerate(years):
        row = budget.year_index[k]
        if row is None:
            index_refs.append(None)
        else:
            origin = (
                row.origin
                + (
                    "; inhaal over het vorige jaar volgt (nog niet bekend, niet meegerekend)"
                    if row.catch_up_pending
                    else ""
                )
                + (f"; {row.source_text}" if row.source_text else "")
            )
            index_refs.append(inv.input_row(f"ix{year}", f"Indexatie {year}", row.index, PCT3, origin))
    for k, year in enumerate(years):
        rate = ix.settlement_catch_up.get(year, 0.0) if ix.definitive == "settle" else 0.0
        settle_refs.append(
            inv.input_row(
                f"st{year}",
                f"Nacalculatie over {year} (fractie van het jaarbudget)",
                rate,
                PCT3,
                _settlement_note(budget, k, year),
            )
        )
    for k, year in enumerate(years):
        pct = budget.non_indexation.municipal_pct[k]
        muni_refs.append(
            None
            if budget.year_index[k] is None
            else inv.input_row(
                f"mu{year}",
                f"Indexatie door de gemeente {year}",
                pct,
                PCT3,
                "opgegeven" if ix.municipal_given else "niet opgegeven: 0 %",
            )
        )
    rate_ref = inv.input_row(
        "discount",
        "Discontovoet contante waarde (reëel)",
        contract.discount_rate,
        PCT3,
        ("opgegeven in het contract" if contract.discount_given else "standaarddiscontovoet 2,25 %")
        + f"; reëel, dus toegepast op de bedragen in prijzen van {budget.base_year}",
    )

    # Prices per function from the chain: budget and FTE of that function's lines, cell by cell
    # (no SUMIF: a function name could otherwise act as a wildcard or comparison).
    rows = chain["rows"]
    cols = chain["cols"]
    by_function: dict[str, list[str]] = {}
    for k, staff_line in enumerate(result.lines):
        by_function.setdefault(staff_line.function, []).append(cols[k])
    r = 4
    cs.header(r, ["Functie", "Prijs per FTE (basisjaar)", "Prijs per uur (basisjaar)"])
    r += 1
    price_cell = {}
    prices = {p.function: p for p in budget.prices}
    for function, fcols in by_function.items():
        budget_sum = "+".join(f"Kostprijs!{c}{rows['budget']}" for c in fcols)
        fte_sum = "+".join(f"Kostprijs!{c}{rows['fte']}" for c in fcols)
        hours_sum = "+".join(f"Kostprijs!{c}{rows['hours_total']}" for c in fcols)
        cs.text(r, 1, function)
        cs.formula(r, 2, f"({budget_sum})/({fte_sum})", EUR, value=prices[function].price_per_fte)
        cs.formula(r, 3, f"({budget_sum})/({hours_sum})", EUR, value=prices[function].price_per_hour)
        price_cell[function] = (f"$B${r}", f"$C${r}")
        r += 1
    r += 1
    # Step drift (CAO art. 6.5): per function the factor on its price in each contract year, from the
    # chain priced at the step each line has reached by then (1 = no drift or switched off).
    year_cols = [_letter(7 + k) for k in range(len(years))]
    ni = budget.non_indexation
    drift_cell = {}
    cs.header(r, ["Tredeverhoging (cao art. 6.5)", "", "", "", "", ""] + [str(y) for y in years])
    r += 1
    for function_no, function in enumerate(by_function, start=1):
        steps = budget.drift_factors.get(function, (1.0,) * len(years))
        cs.text(r, 1, function)
        cs.text(r, 3, "factor op de prijs per FTE" + ("" if budget.step_drift else " (uitgezet)"))
        for k, year in enumerate(years):
            cs.named_input(f"drift_f{function_no}_{year}", r, 7 + k, steps[k], "0.000000")
        drift_cell[function] = r
        r += 1
    r += 1
    # Factor row
    cs.header(r, ["Gebied", "Opgave", "Regel", "FTE", "Uren", "Bedrag basisjaar"] + [str(y) for y in years])
    r += 1
    factor_row = r
    cs.text(r, 3, "Prijsfactor t.o.v. basisjaar")
    for k in range(len(year_cols)):
        prev = f"{year_cols[k - 1]}{r}" if k else "1"
        cs.formula(
            r,
            7 + k,
            prev if index_refs[k] is None else f"{prev}*(1+{index_refs[k]})",
            "0.000000",
            value=budget.factors[k],
        )
    r += 1
    first_line = r
    staff_rows, act_rows = [], []
    staff_labels: list[tuple[int, str]] = []
    for line_no, line in enumerate(budget.lines, start=1):
        cs.text(r, 1, line.area_label)
        cs.text(r, 2, line.task_label)
        cs.text(r, 3, line.label + (f" [{line.option}]" if line.option else ""))
        if line.kind == "formatie":
            per_fte, per_hour = price_cell[line.label]
            if line.hours is not None:
                cs.named_input(f"c{line_no}_hours", r, 5, line.hours, NUM)
                cs.formula(r, 4, f"E{r}*{per_hour}/{per_fte}", NUM, value=line.fte)
                cs.formula(r, 6, f"E{r}*{per_hour}", EUR, value=line.base_amount)
            else:
                cs.named_input(f"c{line_no}_fte", r, 4, line.fte, NUM)
                cs.formula(r, 6, f"D{r}*{per_fte}", EUR, value=line.base_amount)
            staff_rows.append(r)
            staff_labels.append((r, line.label))
        else:
            cs.named_input(f"c{line_no}_amount", r, 6, line.base_amount, EUR)
            act_rows.append(r)
        for k, col in enumerate(year_cols):
            drift = f"*{col}${drift_cell[line.label]}" if line.kind == "formatie" else ""
            cs.formula(r, 7 + k, f"$F{r}*{col}${factor_row}{drift}", EUR, value=line.amounts[k])
        r += 1
    last_line = r - 1
    totals: dict[str, int] = {}

    def total_row(
        label: str, cells_for: Callable[[str], str], key: str, values: tuple[float, ...], bold: bool = False
    ) -> None:
        nonlocal r
        cs.text(r, 3, label, bold=bold)
        for k, col in enumerate(year_cols):
            cs.formula(r, 7 + k, cells_for(col), EUR, bold=bold, value=values[k])
        totals[key] = r
        r += 1

    def sum_of(rows_list: list[int]) -> Callable[[str], str]:
        return lambda col: "+".join(f"{col}{x}" for x in rows_list) if rows_list else "0"

    total_row("Formatie", sum_of(staff_rows), "staff", budget.staff)
    # The step drift inside the staffing: each staffing line's base amount x price factor x (drift - 1).
    drift_terms = {row: drift_cell[label] for row, label in staff_labels}
    total_row(
        "waarvan tredeverhoging (cao art. 6.5)",
        lambda col: "+".join(f"$F{x}*{col}${factor_row}*({col}${d}-1)" for x, d in drift_terms.items()) or "0",
        "drift",
        budget.drift or (0.0,) * len(years),
    )
    total_row("Activiteiten", sum_of(act_rows), "activities", budget.activities)
    settle_cells = [s for s in settle_refs]
    cs.text(r, 3, "Nacalculatie")
    for k, col in enumerate(year_cols):
        cs.formula(
            r,
            7 + k,
            f"({col}{totals['staff']}+{col}{totals['activities']})*{settle_cells[k]}",
            EUR,
            value=budget.settlements[k] or 0.0,
        )
    totals["settlement"] = r
    r += 1
    total_row(
        "Totaal",
        lambda col: f"{col}{totals['staff']}+{col}{totals['activities']}+{col}{totals['settlement']}",
        "total",
        budget.totals,
        bold=True,
    )
    first_col, last_col = year_cols[0], year_cols[-1]
    # The discount rate is real: discount the totals in base-year prices (total / price factor).
    cs.text(r, 3, f"Totaal in prijzen van {budget.base_year} (totaal / prijsfactor)")
    real_row = r
    for k, col in enumerate(year_cols):
        cs.formula(r, 7 + k, f"{col}{totals['total']}/{col}{factor_row}", EUR, value=budget.real_totals[k])
    r += 2
    cs.text(r, 3, f"Contante waarde in prijzen van {budget.base_year} (eerste jaar onverdisconteerd)", bold=True)
    if len(year_cols) > 1:
        cs.formula(
            r,
            7,
            f"{first_col}{real_row}+NPV({rate_ref},{year_cols[1]}{real_row}:{last_col}{real_row})",
            EUR,
            bold=True,
            value=budget.npv,
        )
    else:
        cs.formula(r, 7, f"{first_col}{real_row}", EUR, bold=True, value=budget.npv)
    npv_cell = f"G{r}"
    r += 2
    # Non-indexation: the municipality's index compounds on the same base-year budget.
    cs.text(r, 3, "Prijsfactor gemeente")
    muni_factor_row = r
    muni_factors = municipal_factors(budget)
    for k in range(len(year_cols)):
        prev = f"{year_cols[k - 1]}{r}" if k else "1"
        cs.formula(
            r,
            7 + k,
            prev if muni_refs[k] is None else f"{prev}*(1+{muni_refs[k]})",
            "0.000000",
            value=muni_factors[k],
        )
    r += 1
    cs.text(r, 3, "Budget bij indexatie gemeente")
    muni_row = r
    for k, col in enumerate(year_cols):
        # The municipality pays the contracted staffing at its steps too (drift), at its own index.
        cs.formula(
            r,
            7 + k,
            f"(({first_col}{totals['staff']}+{first_col}{totals['activities']}-{first_col}{totals['drift']})"
            f"/{first_col}{factor_row}+{col}{totals['drift']}/{col}{factor_row})*{col}{muni_factor_row}",
            EUR,
            value=ni.municipal[k],
        )
    r += 1
    cs.text(r, 3, "Tekort t.o.v. de norm")
    short_row = r
    for k, col in enumerate(year_cols):
        cs.formula(r, 7 + k, f"{col}{totals['total']}-{col}{muni_row}", EUR, value=ni.shortfall[k])
    r += 1
    cs.text(r, 3, "Tekort cumulatief")
    cum_row = r
    for k, col in enumerate(year_cols):
        cs.formula(
            r, 7 + k, f"{col}{short_row}" + (f"+{year_cols[k - 1]}{r}" if k else ""), EUR, value=ni.cumulative[k]
        )
    r += 1
    cs.text(r, 3, "FTE minder (tekort / gemiddelde prijs per FTE)")
    fte_row = r
    fte_sum = "+".join(f"D{x}" for x in staff_rows) or "0"
    for k, col in enumerate(year_cols):
        cs.formula(
            r,
            7 + k,
            f"IF(({fte_sum})=0,0,{col}{short_row}/({col}{totals['staff']}/({fte_sum})))",
            NUM,
            value=ni.fte_lost[k] or 0.0,
        )
    r += 2
    index_table = _fill_index_table(cs, r, budget, index_refs, book)
    cs.ws.set_column(6, 5 + len(year_cols), 16)
    cs.ws.freeze_panes("D5")
    return {
        "year_cols": year_cols,
        "totals": totals,
        "real_total": real_row,
        "npv": npv_cell,
        "shortfall": short_row,
        "cumulative": cum_row,
        "fte_lost": fte_row,
        "lines": (first_line, last_line),
        "factor": factor_row,
        "index_table": index_table,
        "discount": rate_ref,
        "prices": {
            function: (cells[0].replace("$", ""), cells[1].replace("$", "")) for function, cells in price_cell.items()
        },
    }


SOCIAL_HEADER = [
    "Opgave",
    "Verhouding",
    "Ondergrens",
    "Bovengrens",
    "Bron verhouding",
    "Soort",
    "Baten gespreid over (jaren)",
    "Kosten (CW)",
    "Baten (CW, schatting)",
    "Baten bij ondergrens (CW, schatting)",
    "Baten bij bovengrens (CW, schatting)",
    "Saldo (CW, schatting)",
    "Saldo bij ondergrens (CW, schatting)",
    "Saldo bij bovengrens (CW, schatting)",
    "Aandeel gemeente in de baten",
    "Saldo gemeente (CW, schatting)",
]
NOT_KNOWN = "niet bekend"
ESTIMATE = "schatting"


def _social_inputs(inv: _Sheet, budget: ContractBudget, estimates: tuple[SocialReturn, ...]) -> list[dict[str, str]]:
    """The social-return inputs on the Invoer sheet, per task: the ratio, the ends of its range (or that
    there is none: "niet bekend", not an input) and the municipality's share of the benefits when the
    task splits them; returns each task's addresses."""
    inv.row += 1
    inv.header(inv.row, ["Maatschappelijk rendement (schatting): verhouding per opgave", "Waarde", "Bron"])
    inv.row += 1
    number = {task.name: k for k, task in enumerate(budget.contract.tasks, start=1)}
    out = []
    for sr in estimates:
        k = number[sr.task]
        path = f"contract.tasks[{k}].social_return"
        refs = {
            "ratio": inv.input_row(
                f"sr{k}_ratio", f"{sr.task}: verhouding baten / kosten (schatting)", sr.ratio, NUM, sr.source
            )
        }
        range_source = sr.own_source.text if sr.own_source is not None else ""
        for end, value, label in (("low", sr.ratio_low, "ondergrens"), ("high", sr.ratio_high, "bovengrens")):
            if value is None:
                inv.text(inv.row, 1, f"{sr.task}: {label} van de verhouding")
                inv.text(inv.row, 2, NOT_KNOWN)
                inv.text(inv.row, 3, "geen bandbreedte opgegeven; de spreiding staat niet in de bronnen van dit model")
                inv.row += 1
            else:
                refs[end] = inv.input_row(
                    f"sr{k}_{end}", f"{sr.task}: {label} van de verhouding (schatting)", value, NUM, range_source
                )
        if sr.split_given:
            refs["gemeente"] = inv.input_row(
                f"sr{k}_gemeente",
                f"{sr.task}: aandeel van de gemeente in de baten",
                sr.shares.get("gemeente", 0.0),
                PCT,
                f"scenario ({path}.split.gemeente)",
            )
        out.append(refs)
    return out


def _fill_social(
    ss: _Sheet, inv: _Sheet, budget: ContractBudget, estimates: tuple[SocialReturn, ...], discount: str
) -> dict[str, SocialCells]:
    """The sheet "Maatschappelijk rendement": per task the ratio, its range and source (all labelled an
    estimate) and the net present values of costs and benefits as live formulas on the Invoer ratios;
    below, per task and year the costs (the budget's, in base-year prices) and the benefits. Returns
    the cells of each task's row."""
    refs = _social_inputs(inv, budget, estimates)
    for col, width in zip("ABCDEFGHIJKLMNOP", (30, 12, 12, 12, 60, 11, 12, 16, 16, 16, 16, 16, 16, 16, 12, 18)):
        ss.width(col, width)
    ss.text(1, 1, "Maatschappelijk rendement per opgave (schatting)", bold=True)
    ss.text(2, 1, CAVEAT)
    ss.text(
        3,
        1,
        f"CW: contante waarde in prijzen van {budget.base_year}, met de reële discontovoet van het contract "
        "(Invoer), eerste jaar onverdisconteerd. De verhoudingen en bandbreedtes zijn invoer op het blad Invoer.",
    )
    head = 5
    ss.header(head, SOCIAL_HEADER)
    first_detail = head + len(estimates) + 3
    horizon = max(len(sr.years) for sr in estimates)
    ss.header(
        first_detail - 1, ["Opgave", "Reeks"] + [str(budget.years[0] + j) for j in range(horizon)] + ["Contante waarde"]
    )
    cells: dict[str, SocialCells] = {}
    for i, (sr, ref) in enumerate(zip(estimates, refs)):
        r = head + 1 + i
        d = first_detail + 3 * i  # the task's rows: costs, benefits per 1.00 of ratio, benefits
        n = len(sr.years)
        cols = [_letter(3 + j) for j in range(n)]
        npv_col = _letter(3 + horizon)

        def npv(row: int, cols: list[str] = cols) -> str:
            rest = f"+NPV({discount},{cols[1]}{row}:{cols[-1]}{row})" if len(cols) > 1 else ""
            return f"{cols[0]}{row}{rest}"

        unit = [sum(sr.costs[max(0, j - sr.benefit_years + 1) : j + 1]) / sr.benefit_years for j in range(n)]
        ss.text(d, 1, sr.task)
        ss.text(d, 2, f"Kosten (prijzen {sr.price_year}, uit de begroting)")
        ss.text(d + 1, 2, "Baten per 1,00 verhouding (kosten gespreid)")
        ss.text(d + 2, 2, "Baten (schatting)")
        for j, col in enumerate(cols):
            ss.value(d, 3 + j, sr.costs[j], EUR)
            window = f"{cols[max(0, j - sr.benefit_years + 1)]}{d}:{col}{d}"
            ss.formula(d + 1, 3 + j, f"SUM({window})/$G${r}", EUR, value=unit[j])
            ss.formula(d + 2, 3 + j, f"{ref['ratio']}*{col}{d + 1}", EUR, value=sr.benefits[j])
        unit_npv = net_present_value(sr.discount_rate, unit)  # the engine's NPV over this sheet-only row
        ss.formula(d, 3 + horizon, npv(d), EUR, value=sr.npv_costs)
        ss.formula(d + 1, 3 + horizon, npv(d + 1), EUR, value=unit_npv)
        ss.formula(d + 2, 3 + horizon, npv(d + 2), EUR, value=sr.npv_benefits)
        costs, benefits, per_unit = f"{npv_col}{d}", f"{npv_col}{d + 2}", f"{npv_col}{d + 1}"

        ss.text(r, 1, sr.task)
        ss.formula(r, 2, ref["ratio"], NUM, value=sr.ratio)
        ss.text(r, 5, sr.source)
        ss.text(r, 6, ESTIMATE)
        ss.value(r, 7, sr.benefit_years, "0")
        ss.formula(r, 8, costs, EUR, value=sr.npv_costs)
        ss.formula(r, 9, benefits, EUR, value=sr.npv_benefits)
        ss.formula(r, 12, f"I{r}-H{r}", EUR, value=sr.net)
        ends = (
            (3, 10, 13, "low", sr.ratio_low, sr.npv_benefits_low),
            (4, 11, 14, "high", sr.ratio_high, sr.npv_benefits_high),
        )
        for ratio_col, benefit_col, net_col, end, ratio, npv_end in ends:
            if ratio is None or npv_end is None:
                for c in (ratio_col, benefit_col, net_col):
                    ss.text(r, c, NOT_KNOWN)
                continue
            ss.formula(r, ratio_col, ref[end], NUM, value=ratio)
            ss.formula(r, benefit_col, f"{ref[end]}*{per_unit}", EUR, value=npv_end)
            ss.formula(r, net_col, f"{_letter(benefit_col)}{r}-H{r}", EUR, value=npv_end - sr.npv_costs)
        if sr.municipality_net is None:
            ss.text(r, 15, "onbekend")
            ss.text(r, 16, "onbekend: geen verdeling over partijen")
        else:
            ss.formula(r, 15, ref["gemeente"], PCT, value=sr.shares.get("gemeente", 0.0))
            ss.formula(r, 16, f"O{r}*I{r}-H{r}", EUR, value=sr.municipality_net)
        cells[sr.task] = SocialCells(row=r, costs=f"C{d}", benefits=f"C{d + 2}")
    r = first_detail + 3 * len(estimates) + 1
    for note in (range_note(estimates), UNKNOWN_SPLIT if any(sr.municipality_net is None for sr in estimates) else ""):
        if note:
            ss.text(r, 1, note)
            r += 1
    ss.ws.freeze_panes(head, 1)
    return cells


INDEX_TABLE_HEADER = ["Jaar", "Index per 1 januari", "Herkomst", "Status bron", "Bron"]


def _fill_index_table(
    cs: _Sheet, r: int, budget: ContractBudget, index_refs: list[str | None], book: ParameterBook
) -> dict[int, int]:
    """Per contract year the index applied on 1 January (a formula on its Invoer cell), where it comes
    from, and the status and text of its source; returns the row of each year."""
    cs.text(r, 1, "Indexatie per contractjaar: index, herkomst en bron", bold=True)
    r += 1
    cs.header(r, INDEX_TABLE_HEADER)
    r += 1
    rows = {}
    for k, year in enumerate(budget.years):
        row, ref = budget.year_index[k], index_refs[k]
        cs.value(r, 1, year, "0")
        if row is None or ref is None:
            cs.text(r, 2, "basisjaar")
            cs.text(r, 3, ORIGIN_LABELS["basis"])
            cs.text(r, 4, "n.v.t.")
            cs.text(r, 5, f"prijspeil {budget.base_year}: de kostprijs op de peildatum, niet geïndexeerd")
        else:
            cs.formula(r, 2, ref, PCT3, value=row.index)
            cs.text(r, 3, ORIGIN_LABELS[row.origin] + ("; inhaal volgt" if row.catch_up_pending else ""))
            status, source = index_source(row, book)
            cs.text(r, 4, status)
            cs.text(r, 5, source)
        rows[year] = r
        r += 1
    return rows


def index_source(row: YearIndex, book: ParameterBook) -> tuple[str, str]:
    """The status and the text of the source of a year's index: the contract's own source when it
    gives one (vastgesteld, voorlopig or aanname); else the published OVA/PPC figures, the contract's
    clause or its assumed percentage, each said as such."""
    if row.source:
        return INDEX_SOURCE_STATUS.get(row.source_status, row.source_status), row.source
    if row.origin == "aanname":
        return "aanname", "het aangenomen percentage van het contract; geen eigen bron opgegeven"
    if row.origin == "opgegeven":
        return "geen eigen bron", "opgegeven in het contract; geen eigen bron opgegeven"
    try:
        published = book.get("ova_provisional", dt.date(row.year, 1, 1)).source_text
    except ParameterNotCovered:  # a figure the book does not hold: the contract's own
        published = "opgegeven in het contract"
    status = "gepubliceerd" if row.origin == "data" else "deels gepubliceerd, deels opgegeven"
    return status, published


def municipal_factors(budget: ContractBudget) -> tuple[float, ...]:
    """The municipality's price factor per contract year (its index compounded from the base year):
    the one contract figure the engine does not keep, made from the engine's municipal indices."""
    factors, factor = [], 1.0
    for k, pct in enumerate(budget.non_indexation.municipal_pct):
        if budget.year_index[k] is not None:
            factor *= 1 + pct
        factors.append(factor)
    return tuple(factors)


def _settlement_note(budget: ContractBudget, k: int, year: int) -> str:
    """Why the settlement rate of a year is what it is; a pending one says "volgt", as the engine does."""
    if budget.contract.indexation.definitive != "settle":
        return "geen nacalculatie volgens de indexatieclausule"
    if budget.settlements[k] is None:
        return (
            f"volgt zodra de definitieve OVA/PPC-cijfers van {year} bekend zijn; staat tot dan op 0 "
            "(niet meegeteld in het totaal)"
        )
    if year in budget.contract.indexation.settlement_catch_up:
        return "inhaal over het jaar zelf (definitieve tegen voorlopige cijfers)"
    if budget.year_index[k] is None:
        return "basisjaar: niet geïndexeerd, dus geen nacalculatie"
    return "geen nacalculatie: de index van dit jaar is opgegeven of aangenomen, niet voorlopig"


def _fill_parameters(ps: _Sheet, result: CostPriceResult) -> None:
    for col, width in zip("ABCDEFG", (48, 18, 16, 70, 12, 40, 10)):
        ps.width(col, width)
    ps.header(1, ["Parameter", "Waarde", "Ingangsdatum", "Bron", "Status", "Toelichting", "Methode"])
    book = load_parameter_book()
    r = 2
    for u in result.used:
        ps.text(r, 1, u.label)
        if isinstance(u.value, (int, float)) and not isinstance(u.value, bool):
            ps.value(r, 2, u.value, PCT3 if u.unit == "fraction" else NUM)
        else:
            ps.text(r, 2, ", ".join(str(v) for v in u.value) if isinstance(u.value, tuple) else u.value)
        ps.text(r, 3, u.effective.isoformat() if u.effective else "")
        ps.text(r, 4, u.source)
        ps.text(r, 5, STATUS_LABELS.get(u.status, u.status))
        ps.text(r, 6, u.note)
        ps.text(r, 7, method.pointer_text(method.section_for_used(u, book)))
        r += 1


def _fill_readme(rs: _Sheet, result: CostPriceResult, generated: dt.date, sheets: Collection[str]) -> None:
    """The reading guide; it describes only the sheets this workbook has (``sheets``)."""
    s = result.scenario
    rs.width("A", 110)
    lines = [
        ("Reële prijs sociaal werk: rekenmodel", True),
        (
            f"{s.organisation} — scenario '{s.name}', peildatum {format_date_nl(result.date)}; "
            f"gemaakt op {format_date_nl(generated)}.",
            False,
        ),
        ("", False),
        (
            "Dit werkboek rekent de kostprijs en het reële tarief na met formules die naar het blad Invoer verwijzen.",
            False,
        ),
        ("Gele cellen op Invoer zijn invoer: pas ze aan en alle stappen rekenen opnieuw.", False),
        (
            "Elke formule bewaart ook de uitkomst van de rekenkern van de app: een programma dat niet zelf rekent "
            "(een bestandsviewer, een script) toont dezelfde bedragen; Excel en LibreOffice rekenen bij het openen "
            "alles opnieuw uit.",
            False,
        ),
        (
            "Blad Kostprijs: de keten per formatieregel (salaris, IKB, toeslagen, premies, pensioen, uren, overhead, "
            "opslagen, tarief) en het team.",
            False,
        ),
        *(
            [
                (
                    "Blad Contract: prijs per functie, formatie en activiteiten, indexatie per jaar, totalen, de "
                    "contante waarde in prijzen van het basisjaar (de reële discontovoet verdisconteert de totalen "
                    "gedeeld door de prijsfactor) en de kosten van niet-indexeren.",
                    False,
                )
            ]
            if "Contract" in sheets
            else []
        ),
        *(
            [
                (
                    "Blad Maatschappelijk rendement: per opgave de verhouding baten/kosten, de bandbreedte (of "
                    "'niet bekend'), de bron en het label schatting, met de contante waarde van kosten en baten; de "
                    "verhoudingen zijn gele invoer op het blad Invoer.",
                    False,
                )
            ]
            if "Maatschappelijk rendement" in sheets
            else []
        ),
        (
            "Elke invoercel heeft een naam (invoer_...), ook die van het contract: uren, FTE en bedragen per regel, "
            "de index per jaar, de indexatie door de gemeente, de discontovoet en de verhoudingen."
            if "Contract" in sheets
            else "Elke invoercel heeft een naam (invoer_...).",
            False,
        ),
        *(
            [
                (
                    "Blad Gevoeligheid: het tarief per uur met elke aanname apart op de uiteinden van haar "
                    "bandbreedte (met de bron van die bandbreedte) en de risicoband; uitkomsten van de rekenkern, "
                    "geen formules.",
                    False,
                )
            ]
            if "Gevoeligheid" in sheets
            else []
        ),
        (
            "Blad Parameters: elke gebruikte parameter met datum, bron en status (bron, afgeleid, aanname, scenario).",
            False,
        ),
        (method.document_sentence(), False),
        (
            "De uitkomsten zijn getoetst: een test rekent dit werkboek met een onafhankelijke rekenmachine na en vergelijkt "
            "elke stap op de cent met de rekenkern van de app.",
            False,
        ),
    ]
    for i, (text, bold) in enumerate(lines, start=1):
        rs.text(i, 1, text, bold=bold)


def build_workbook(
    source: Evaluation | CostPriceResult,
    target: str | Path | BinaryIO | None = None,
    *,
    option: str | None = None,
    generated: dt.date | None = None,
) -> bytes:
    """Write the workbook for an :class:`Evaluation` (or a cost-price result) and its contract variant
    ``option``; returns the bytes.

    :func:`build_workbook_with_layout` also says where each quantity lives (used by the tests).
    """
    data, _layout = build_workbook_with_layout(source, option=option, generated=generated)
    return write_output(data, target)


def build_workbook_with_layout(
    source: Evaluation | CostPriceResult, *, option: str | None = None, generated: dt.date | None = None
) -> tuple[bytes, Layout]:
    """The workbook bytes and a map of the cells that hold each computed quantity."""
    evaluation = source if isinstance(source, Evaluation) else evaluation_of(source)
    result = evaluation.result
    buffer = io.BytesIO()
    # Text is written as text and numbers as numbers by the calls below, never guessed from a string.
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False})
    formats = _Formats(wb)
    readme = _Sheet(wb.add_worksheet("Toelichting"), formats)
    inv = _Sheet(wb.add_worksheet("Invoer"), formats)
    ks = _Sheet(wb.add_worksheet("Kostprijs"), formats)
    inputs, line_refs = _fill_inputs(inv, result)
    chain = _fill_chain(ks, result, inputs, line_refs)
    layout = Layout(chain=chain)
    named = [inv]
    budget = evaluation.budget(option)
    if budget is not None:
        cs = _Sheet(wb.add_worksheet("Contract"), formats)
        contract = _fill_contract(cs, inv, result, chain, budget, evaluation.book)
        layout["contract"] = contract
        layout["budget"] = budget
        named.append(cs)
        variant = evaluation.variant(option)
        if variant is not None and variant.social:
            ss = _Sheet(wb.add_worksheet("Maatschappelijk rendement"), formats)
            layout["social"] = _fill_social(ss, inv, budget, variant.social, contract["discount"])
    _name_inputs(wb, {key: ref for sheet in named for key, ref in sheet.refs.items()})
    if evaluation.sensitivity is not None:
        from pricing.report.sensitivity_report import fill_sheet as fill_sensitivity

        fill_sensitivity(_Sheet(wb.add_worksheet("Gevoeligheid"), formats), evaluation)
    parameters = _Sheet(wb.add_worksheet("Parameters"), formats)
    _fill_parameters(parameters, result)
    _fill_readme(readme, result, generated or dt.date.today(), [sheet.name for sheet in wb.worksheets()])
    from pricing.report.edition_report import fill_workbook as fill_edition

    fill_edition(readme, parameters, evaluation)
    # Every formula carries the engine's figure as its cached result, for readers that do not
    # calculate (pandas, viewers, openpyxl with data_only=True); XlsxWriter also asks Excel and
    # LibreOffice to recalculate on opening (fullCalcOnLoad), so an edited input flows through.
    wb.close()
    return buffer.getvalue(), layout
