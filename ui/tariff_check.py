"""Page 5: Tariefcheck (the municipal buyer's view of an offered tariff)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from pricing.benchmark import BandCheck, check_value
from pricing.costprice import CostPriceResult, compute
from pricing.money import format_eur, format_number, format_pct
from pricing.parameters import ParameterNotCovered
from pricing.scenario import ScenarioError, validate_scenario
from pricing.tariff_check import TariffCheck, TariffInputError, check_tariff
from ui import bindings, components, state
from ui.literal import literal

VERDICT_BOX = {"realistic": st.success, "tight": st.warning, "below_cost": st.error}


def offered_check(result: CostPriceResult) -> TariffCheck | None:
    """The check for the offered tariff in the session, or None when nothing was entered."""
    values = st.session_state.get("values", {})
    offered = values.get("tc_offered")
    if offered is None:
        return None
    try:
        return check_tariff(result, float(offered), values.get("tc_per", "hour"))
    except TariffInputError:
        return None


def _switch_unit(per: str, result: CostPriceResult) -> str:
    """Switching per hour / per FTE converts the amount typed, so the offer stays the same offer."""
    values = st.session_state["values"]
    offered = values.get("tc_offered")
    if isinstance(offered, (int, float)) and values.get("tc_per", "hour") != per:
        billable = result.hours.billable
        values["tc_offered"] = round(offered * billable, 2) if per == "fte" else round(offered / billable, 2)
        bindings.forget_widget("tc_offered", store="values")  # re-read the converted amount
    return per


REFERENCE = {"function": "Sociaal werker", "scale": 8, "step": 4, "fte": 1, "contract": "permanent"}
REFERENCE_TEXT = (
    "referentieformatie: 1 FTE sociaal werker, schaal 8, trede 4 (aanname van dit model: het midden "
    "van schaal 8), met de normen van dit scenario"
)
STAFFING = {
    "provider": "Formatie van de aanbieder (dit scenario)",
    "reference": "Referentie: 1 FTE sociaal werker, schaal 8",
}


def _reference_result(ev: state.EditView) -> CostPriceResult | None:
    """The scenario's norms with the reference staffing (one social worker, scale 8), no contract."""
    raw = {k: v for k, v in state.raw().items() if k != "contract"}
    if ev.stale:  # the typed input is invalid: the reference uses the last valid scenario's own file
        return None
    raw["staff"] = [dict(REFERENCE)]
    try:
        return compute(validate_scenario(raw, state.book()), state.book())
    except (ScenarioError, ParameterNotCovered):
        return None


def _band_checks(check: TariffCheck, result: CostPriceResult) -> tuple[BandCheck, ...]:
    """The implied productivity and overhead against the benchmark bands of the session's set."""
    bset = st.session_state["benchmark_set"]
    out = [check_value("productivity", check.implied_productivity, bset, {}, derived=True)]
    if check.implied_overhead_pct is not None:
        out.append(
            check_value(
                "overhead.pct", check.implied_overhead_pct, bset, {}, derived=True, convention=check.overhead_convention
            )
        )
    return tuple(out)


def _pdf(
    *,
    check: TariffCheck,
    result: CostPriceResult,
    staffing: str,
    bands: tuple[BandCheck, ...],
    edition: str,
    generated: dt.date,
) -> Callable[[], bytes]:
    """Built when the button is clicked (reportlab is imported only then)."""

    def build() -> bytes:
        from pricing.report.tariff_check_pdf import TariffCheckReport, build_tariff_check_pdf

        report = TariffCheckReport(
            check=check, result=result, staffing=staffing, bands=bands, edition=edition, generated=generated
        )
        return build_tariff_check_pdf(report)

    return build


def render_tariff_check() -> None:
    ev = components.page_header(
        "Tariefcheck",
        "Voor de inkoper: is een aangeboden tarief reëel voor deze formatie, en wat zou het vragen?",
    )
    which = bindings.value_widget(
        st.radio,
        "Met welke formatie toetst u?",
        "tc_staffing",
        default="provider",
        options=list(STAFFING),
        format_func=STAFFING.get,
        horizontal=True,
        help="De formatie van de aanbieder (het scenario in deze app, bijvoorbeeld uit haar "
        "bestand), of een referentie als u die formatie niet kent.",
    )
    result = ev.result
    staffing_text = (
        f"formatie van de aanbieder: {format_number(result.team.total_fte, 2)} FTE in "
        f"{len(result.lines)} functies ({result.scenario.organisation})"
    )
    if which == "reference":
        reference = _reference_result(ev)
        if reference is None:
            st.warning(
                "De referentieformatie kan niet worden berekend zolang de invoer fouten bevat; de toets "
                "gebruikt de formatie van de aanbieder.",
                icon=":material/warning:",
            )
        else:
            result, staffing_text = reference, REFERENCE_TEXT
    st.caption(f"De toets gebruikt de {staffing_text}.")
    team = result.team
    c1, c2, c3 = st.columns([2, 2, 3])
    with c1:
        per = bindings.value_widget(
            st.radio,
            "Aangeboden tarief",
            "tc_per",
            default="hour",
            options=["hour", "fte"],
            horizontal=True,
            format_func={"hour": "per uur", "fte": "per FTE per jaar"}.get,
            from_widget=lambda v: _switch_unit(v, result),
        )
    with c2:
        offered = bindings.number_field(
            "Bedrag (€ " + ("per uur" if per == "hour" else "per FTE per jaar") + ")",
            ("tc_offered",),
            key="tc_offered",
            store="values",
            min_value=0.0,
            max_value=10_000_000.0,
            unit="€",
            placeholder="bijv. 64,00" if per == "hour" else "bijv. 90.000",
        )
    with c3:
        st.metric(
            "Reëel tarief van deze formatie",
            format_eur(team.tariff_per_hour) + " per uur",
            help=f"Kostprijs {format_eur(team.cost_price_per_hour)} per uur; prijs per FTE "
            f"{format_eur(team.price_per_fte)}.",
        )
    if offered is None:
        st.info("Vul een aangeboden tarief in om de toets te zien.", icon=":material/edit:")
        return
    try:
        check = check_tariff(result, float(offered), per)
    except TariffInputError as exc:
        st.error(literal(exc), icon=":material/warning:")
        return

    box = VERDICT_BOX[check.verdict]
    offered_text = (
        f"{format_eur(check.offered)} per uur"
        if per == "hour"
        else f"{format_eur(check.offered_input)} per FTE per jaar = {format_eur(check.offered)} per uur"
    )
    box(
        f"Oordeel: **{check.verdict_label}** — aangeboden {offered_text}, "
        f"reëel {format_eur(check.realistic)}, kostprijs {format_eur(check.cost_price)}.",
        icon=":material/balance:",
    )
    if check.plausibility_note:
        st.warning(check.plausibility_note, icon=":material/help:")
    m = st.columns(4)
    m[0].metric(
        "Verschil per uur", format_eur(check.gap_per_hour), f"{format_pct(check.gap_pct)}", delta_color="normal"
    )
    m[1].metric(
        "Verschil per jaar (hele formatie)",
        format_eur(check.gap_per_year, 0),
        help="Het verschil per uur maal de declarabele uren van de hele formatie, gerekend met het "
        f"onafgeronde reële tarief (€ {format_number(result.team.tariff_per_hour, 4)} per uur): een verschil "
        "van minder dan een halve cent per uur staat links als € 0,00 en telt over een jaar toch op.",
    )
    m[2].metric(
        "Benodigde productiviteit",
        format_pct(check.implied_productivity),
        f"nu {format_pct(result.hours.productivity)}",
        delta_color="off",
        delta_arrow="off",
    )
    conv = "opslag" if check.overhead_convention == "markup" else "aandeel"
    m[3].metric(
        f"Overhead die past ({conv})",
        "past niet" if check.implied_overhead_pct is None else format_pct(check.implied_overhead_pct),
        f"nu {format_pct(result.overhead_pct)}",
        delta_color="off",
        delta_arrow="off",
    )
    bands = _band_checks(check, result)
    for b in bands:
        if b.band is None:
            continue
        where = {"within": "binnen", "below": "onder", "above": "boven"}[b.position]
        light = components.LIGHT_ICON["green" if b.position == "within" or b.favourable else "red"]
        st.caption(
            f"{light} {b.label} die dit tarief vraagt: **{format_pct(b.value)}**, {where} de band "
            f"**{b.band.text()}**{' (gunstige kant)' if b.favourable else ''} ({b.band.kind_label}; "
            f"{b.band.direction_label}). Bronnen: {b.band.source_text}."
        )
    if check.hours_short_per_year > 0:
        st.markdown(
            f"Bij dit tarief ontbreekt voor deze formatie jaarlijks het geld voor **{format_number(check.hours_short_per_year, 0)} "
            f"uur sociaal werk** (ongeveer **{format_number(check.fte_short, 1)} FTE**), gerekend tegen het reële tarief."
        )
    else:
        st.markdown("Het aangeboden tarief dekt het reële tarief: er ontbreken geen uren sociaal werk.")
    st.markdown(
        f"Om op dit tarief uit te komen zou een medewerker **{format_number(check.implied_productive_hours, 0)} "
        f"productieve uren** per jaar moeten maken (nu {format_number(result.hours.productive, 0)}), of zou de overhead "
        + (
            "niet passen: zelfs zonder overhead dekt het tarief de overige kosten niet."
            if check.implied_overhead_pct is None
            else f"**{format_pct(check.implied_overhead_pct)}** moeten zijn."
        )
    )
    if not check.productivity_feasible:
        st.warning(check.productivity_note, icon=":material/block:")
    else:
        st.caption(check.productivity_note)
    st.caption(f"Regels: {check.rules}")
    edition = state.book().edition
    pdf = _pdf(
        check=check,
        result=result,
        staffing=staffing_text,
        bands=bands,
        edition=edition.label if edition is not None else "Parametereditie: meegeleverd",
        generated=dt.date.today(),
    )
    st.download_button(
        "Tariefcheck (PDF, één pagina)",
        data=pdf,
        file_name="tariefcheck.pdf",
        mime="application/pdf",
        key="download_tariff_check_pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
    )
