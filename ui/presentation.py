"""Page 7: Presentatiemodus (large key figures and the comparison, no inputs; for a projector)."""

from __future__ import annotations

import streamlit as st

from pricing.compare import CompareError
from pricing.costprice import CostPriceResult, compute
from pricing.display import shown_team
from pricing.evaluation import Evaluation, evaluation_of
from pricing.money import format_eur, format_number, format_pct
from pricing.scenario import ScenarioError, validate_scenario
from pricing.store import StoreError, WorkspaceSession
from ui import components, state
from ui import sensitivity as sensitivity_view
from ui.compare import current_comparison, render_comparison_summary
from ui.guard import NothingToCompute
from ui.literal import literal
from ui.tariff_check import offered_check

# Larger type and more air for a wall screen; only applied on this page.
_CSS = """
<style>
[data-testid="stMetricValue"] { font-size: 2.9rem; font-weight: 600; }
[data-testid="stMetricLabel"] p { font-size: 1.35rem; }
[data-testid="stMetricDelta"] { font-size: 1.2rem; }
.block-container { padding-top: 3.2rem; padding-bottom: 0.5rem; max-width: 1500px; }
h1 { font-size: 2.2rem !important; padding-top: 0 !important; }
</style>
"""


def _chosen_for_presentation() -> tuple[CostPriceResult, str] | None:
    """The scenario a workspace has chosen for the projector, as (result, caption); None if none."""
    ws: WorkspaceSession | None = st.session_state.get("workspace")
    if ws is None:
        return None
    try:
        sid = ws.presentation_scenario()
        if sid is None:
            return None
        info = next(s for s in ws.list_scenarios() if s.id == sid)
        result = compute(validate_scenario(ws.load(sid)))
    except (StoreError, ScenarioError, StopIteration) as exc:
        st.warning(f"Het voor de presentatie gekozen scenario kan niet worden getoond: {literal(exc)}")
        return None
    return result, f"Gekozen voor de presentatie: {info.name}, versie {info.head} (ronde {info.head_round})"


VIEWS = {"figures": "Kerncijfers", "bridge": "Van A naar B", "sensitivity": "Gevoeligheid"}


def render_presentation() -> None:
    chosen = _chosen_for_presentation()
    if not chosen and state.no_staff():
        st.info(components.EMPTY_STAFF + " Zet daarvoor de presentatiemodus uit.", icon=":material/group_add:")
        return
    # A scenario chosen from the workspace is shown with its own figures, whatever the editor's state.
    shown: Evaluation
    if chosen:
        result = chosen[0]
        shown = evaluation_of(result)
    else:
        try:
            shown = state.evaluate().evaluation
        except NothingToCompute as exc:
            st.error(f"**Geen berekening mogelijk.** {exc} Zet daarvoor eerst de presentatiemodus uit.")
            return
        result = shown.result
    st.markdown(_CSS, unsafe_allow_html=True)
    comparison = None if chosen else current_comparison()
    if isinstance(comparison, CompareError):
        comparison = None
    views = [v for v in VIEWS if v != "bridge" or comparison is not None]
    head = st.columns([3, 2], vertical_alignment="center")
    head[0].title(literal(result.scenario.organisation))
    view = (
        head[1].segmented_control(
            "Scherm",
            views,
            format_func=VIEWS.__getitem__,
            key="k_presentation_view",
            default="bridge" if comparison is not None else "figures",
            label_visibility="collapsed",
        )
        or views[0]
    )
    if view not in views:
        view = views[0]
    if chosen:
        st.caption(literal(chosen[1]))
    from ui.forecast import provisional_banner, provisional_banner_for

    if chosen:
        provisional_banner_for(result)
    else:
        provisional_banner(shown)
    if view == "bridge" and comparison is not None:  # offered as a view only with a comparison
        render_comparison_summary(comparison, big=True)  # fits one 1280 x 720 screen
        return
    if view == "sensitivity":
        st.subheader("Waar het tarief op rust")
        if shown.tariff_band is not None:
            st.markdown(f"#### {sensitivity_view.band_caption(shown.tariff_band)}")
        sensitivity_view.render_sensitivity(shown, big=True, key="tornado_presentation")
        return
    team = shown_team(result.team)
    conv = "opslag" if result.overhead_convention == "markup" else "aandeel"
    cols = st.columns(3)
    cols[0].metric("Reëel tarief per uur", format_eur(team["tariff_per_hour"]))
    cols[1].metric("Prijs per FTE per jaar", format_eur(team["price_per_fte"], 0))
    cols[2].metric("Jaarbudget", format_eur(team["annual_budget"], 0))
    st.caption(
        f"{literal(result.scenario.name)} · productiviteit {format_pct(result.hours.productivity)} · overhead "
        f"{format_pct(result.overhead_pct)} als {conv} · kostprijs {format_eur(team['cost_price_per_hour'])} per uur"
    )
    if shown.tariff_band is not None:
        st.markdown(f"### {sensitivity_view.band_caption(shown.tariff_band)}")
    check = offered_check(result)
    if check is not None:
        st.divider()
        cols = st.columns(3)
        cols[0].metric("Aangeboden tarief per uur", format_eur(check.offered))
        cols[1].metric("Verschil per uur", format_eur(check.gap_per_hour))
        cols[2].metric(
            "Ontbrekende uren per jaar",
            "geen" if check.hours_short_per_year <= 0 else format_number(check.hours_short_per_year, 0),
        )
        box = {"realistic": st.success, "tight": st.warning, "below_cost": st.error}[check.verdict]
        box(f"#### Oordeel: {check.verdict_label}", icon=":material/balance:")
    if comparison is None and not chosen:
        st.caption("Laad op de pagina Vergelijken een scenario B om hier de brug van A naar B te tonen.")
