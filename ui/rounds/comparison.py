"""Two stored versions of one scenario compared: the summary and every changed assumption with its
effect, in the order of the cost-price chain."""

from __future__ import annotations

import streamlit as st

from pricing.compare import Comparison
from pricing.store import StoreError, WorkspaceSession
from ui.compare import STEPS_COLUMNS, render_comparison_summary, steps_table
from ui.literal import literal


def _comparison(ws: WorkspaceSession, scenario_id: int, a: int, b: int) -> Comparison:
    """Two stored versions compared once per session: versions never change, so neither does this."""
    cache: dict[tuple[str, int, int, int], Comparison] = st.session_state.setdefault("rounds_comparisons", {})
    key = (ws.slug, scenario_id, a, b)
    if key not in cache:
        cache[key] = ws.compare(scenario_id, a, b)
    return cache[key]


def comparison_section(ws: WorkspaceSession, chosen: int, numbers: list[int]) -> None:
    """Versions A and B of scenario ``chosen`` side by side; nothing while it has one version."""
    if len(numbers) >= 2:
        st.subheader("Twee versies vergelijken")
        sides = st.columns(2)
        a = sides[0].selectbox("Versie A", numbers, index=len(numbers) - 2, key="k_rd_cmp_a")
        b = sides[1].selectbox("Versie B", numbers, index=len(numbers) - 1, key="k_rd_cmp_b")
        if a == b:
            st.caption("Kies twee verschillende versies.")
        else:
            try:
                comparison = _comparison(ws, chosen, a, b)
            except StoreError as exc:
                st.error(literal(exc))
            else:
                render_comparison_summary(comparison)
                st.caption(
                    "Elke veranderde aanname met haar effect in euro per uur, in de volgorde van de kostprijsketen."
                )
                st.dataframe(steps_table(comparison), hide_index=True, width="stretch", column_config=STEPS_COLUMNS)
