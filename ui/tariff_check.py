"""Page 5: Tariefcheck (the municipal buyer's view of an offered tariff)."""

from __future__ import annotations

import streamlit as st

from pricing.money import format_eur, format_number, format_pct
from pricing.tariff_check import TariffInputError, check_tariff
from ui import components, state

VERDICT_BOX = {"realistic": st.success, "tight": st.warning, "below_cost": st.error}


def offered_check(result):
    """The check for the offered tariff in the session, or None when nothing was entered."""
    values = st.session_state.get("values", {})
    offered = values.get("tc_offered")
    if offered is None:
        return None
    try:
        return check_tariff(result, float(offered), values.get("tc_per", "hour"))
    except TariffInputError:
        return None


def _switch_unit(per: str, result) -> str:
    """Switching per hour / per FTE converts the amount typed, so the offer stays the same offer."""
    values = st.session_state["values"]
    offered = values.get("tc_offered")
    if isinstance(offered, (int, float)) and values.get("tc_per", "hour") != per:
        billable = result.hours.billable
        values["tc_offered"] = round(offered * billable, 2) if per == "fte" else round(offered / billable, 2)
        st.session_state.pop(state.KEEP_PREFIX + "tc_offered", None)  # re-read the converted amount
    return per


def render_tariff_check() -> None:
    ev = components.page_header(
        "Tariefcheck",
        "Voor de inkoper: is een aangeboden tarief reëel voor deze formatie, en wat zou het vragen?",
    )
    result = ev.result
    team = result.team
    c1, c2, c3 = st.columns([2, 2, 3])
    with c1:
        per = state.value_widget(st.radio, "Aangeboden tarief", "tc_per", default="hour",
                                 options=["hour", "fte"], horizontal=True,
                                 format_func={"hour": "per uur", "fte": "per FTE per jaar"}.get,
                                 from_widget=lambda v: _switch_unit(v, result))
    with c2:
        offered = state.number_field(
            "Bedrag (€ " + ("per uur" if per == "hour" else "per FTE per jaar") + ")", ("tc_offered",),
            key="tc_offered", store="values", min_value=0.0, max_value=10_000_000.0, unit="€",
            placeholder="bijv. 64,00" if per == "hour" else "bijv. 90.000",
        )
    with c3:
        st.metric("Reëel tarief van dit scenario", format_eur(team.tariff_per_hour) + " per uur",
                  help=f"Kostprijs {format_eur(team.cost_price_per_hour)} per uur; prijs per FTE "
                       f"{format_eur(team.price_per_fte)}.")
    if offered is None:
        st.info("Vul een aangeboden tarief in om de toets te zien.", icon=":material/edit:")
        return
    try:
        check = check_tariff(result, float(offered), per)
    except TariffInputError as exc:
        st.error(str(exc), icon=":material/warning:")
        return

    box = VERDICT_BOX[check.verdict]
    box(f"Oordeel: **{check.verdict_label}** — aangeboden {format_eur(check.offered)} per uur, "
        f"reëel {format_eur(check.realistic)}, kostprijs {format_eur(check.cost_price)}.", icon=":material/balance:")
    m = st.columns(4)
    m[0].metric("Verschil per uur", format_eur(check.gap_per_hour), f"{format_pct(check.gap_pct)}",
                delta_color="normal")
    m[1].metric("Verschil per jaar (hele formatie)", format_eur(check.gap_per_year, 0))
    m[2].metric("Benodigde productiviteit", format_pct(check.implied_productivity),
                f"nu {format_pct(result.hours.productivity)}", delta_color="off", delta_arrow="off")
    conv = "opslag" if check.overhead_convention == "markup" else "aandeel"
    m[3].metric(f"Overhead die past ({conv})",
                "past niet" if check.implied_overhead_pct is None else format_pct(check.implied_overhead_pct),
                f"nu {format_pct(result.overhead_pct)}", delta_color="off", delta_arrow="off")
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
        + ("niet passen: zelfs zonder overhead dekt het tarief de overige kosten niet."
           if check.implied_overhead_pct is None else f"**{format_pct(check.implied_overhead_pct)}** moeten zijn.")
    )
    if not check.productivity_feasible:
        st.warning(check.productivity_note, icon=":material/block:")
    else:
        st.caption(check.productivity_note)
    st.caption(f"Regels: {check.rules}")
