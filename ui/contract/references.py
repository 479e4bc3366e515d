"""Names the contract refers to that do not exist (with a one-step mapping), the contract's FTE
against the organisation's, and removing the contract."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from pricing.contract_refs import KINDS, broken_references, rename_reference, staffing_fte
from pricing.money import format_eur, format_number
from ui import state
from ui.contract.fields import names_of, remove_contract, staff_functions

if TYPE_CHECKING:
    from streamlit.delta_generator import DeltaGenerator


def _map_references(broken: dict[str, list[str]]) -> None:
    """Rename every broken name to the one chosen for it (names left unchosen stay as they are)."""
    raw = state.raw()
    for kind, names in broken.items():
        for old in names:
            new = st.session_state.get(f"k_map_{kind}_{old}")
            if new:
                raw = rename_reference(raw, kind, old, new)
    state.raw()["contract"] = raw["contract"]


def references_section(view: state.EditView) -> None:
    """Broken references with a one-step mapping, the contract's FTE against the organisation's,
    and removing the contract."""
    result = view.result
    raw = state.raw()
    broken = broken_references(raw)
    choices = {"function": staff_functions(), "area": names_of("areas"), "task": names_of("tasks")}
    if broken:
        st.error(
            "Het contract verwijst naar namen die er niet (meer) zijn. Kies per naam waar die voortaan "
            "naar verwijst; alle regels met die naam gaan dan mee.",
            icon=":material/link_off:",
        )
        with st.form("f_map_references", border=True):
            for kind, names in broken.items():
                for old in names:
                    c1, c2 = st.columns([3, 3], vertical_alignment="bottom")
                    c1.markdown(f"{KINDS[kind].capitalize()} **{old}** bestaat niet")
                    c2.selectbox(
                        f"Wordt ({KINDS[kind]})",
                        choices[kind],
                        key=f"k_map_{kind}_{old}",
                        index=None,
                        placeholder=f"kies een {KINDS[kind]}",
                    )
            st.form_submit_button("Verwijzingen vervangen", on_click=_map_references, args=(broken,), type="primary")
    org_fte = result.team.total_fte
    # The contract as validation took it over (the last valid one while it has a problem), like the
    # budget below: the raw one would count a refused 3.500 FTE.
    shown = state.contract_evaluation(view)
    contract = shown.result.scenario.contract if shown is not None else None
    if contract is None:
        return _remove_only()
    wanted = staffing_fte(contract.staffing, result.hours.billable)
    diff = wanted - org_fte
    price = float(result.team.price_per_fte)
    cols = st.columns([1, 1, 1.4, 1])
    cols[0].metric("FTE in het contract", format_number(wanted, 2))
    cols[1].metric("FTE in de formatie", format_number(org_fte, 2))
    cols[2].metric(
        "Verschil (contract − formatie)",
        f"{format_number(diff, 2)} FTE",
        f"{format_eur(diff * price, 0)} per jaar",
        delta_color="off",
        help="Tegen de gemiddelde prijs per FTE van de formatie "
        f"({format_eur(price, 0)}). Meer FTE in het contract dan in de formatie betekent werk "
        "waarvoor nog geen mensen zijn; minder betekent mensen buiten dit contract.",
    )
    _remove_popover(cols[3])


def _remove_only() -> None:
    """Without a valid contract there is no FTE to compare; removing it stays possible."""
    _remove_popover(st.columns([3.4, 1])[1])


def _remove_popover(column: DeltaGenerator) -> None:
    with column.popover("Contract verwijderen", icon=":material/delete:"):
        st.caption("Het scenario houdt zijn formatie en normen; opgaven, gebieden en de begroting vervallen.")
        st.button("Ja, verwijderen", key="btn_contract_remove", on_click=remove_contract, type="primary")
