"""The figures a version was saved with, and what the parameter edition the editor computes with
makes of the same version: the same figures, or the difference parameter by parameter."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pricing.money import format_eur
from pricing.parameters import ParameterBook
from pricing.store import StoreError, WorkspaceSession
from pricing.store.outcome import Recheck
from ui.literal import literal
from ui.rounds.save import editor_book


def stored_figures(ws: WorkspaceSession, sid: int, number: int) -> None:
    """The figures version ``number`` was saved with and what the current edition makes of it."""
    try:
        check = _recheck(ws, sid, number)
    except StoreError as exc:
        st.error(literal(exc))
        return
    st.markdown(f"**Opgeslagen cijfers van versie {number}**")
    if check is None:
        st.caption(
            "Deze versie is opgeslagen voordat de app de berekende cijfers en de parametereditie bewaarde; "
            "open haar in de editor om haar met de huidige parameters te berekenen."
        )
        return
    stored = check.stored
    cols = st.columns(3)
    for col, (key, label) in zip(
        cols,
        (
            ("tariff_per_hour", "Teamtarief per uur"),
            ("price_per_fte", "Prijs per FTE"),
            ("annual_budget", "Jaarbudget"),
        ),
    ):
        col.metric(label, format_eur(stored.figures[key]))
    st.caption(
        f"Berekend bij het opslaan met {stored.edition.label}"
        + ("; op een prognose (voorlopig)." if stored.provisional else ".")
    )
    if check.current is not None and not check.differs:
        st.success(literal(check.summary()), icon=":material/check:")
        return
    st.warning(literal(check.summary()), icon=":material/difference:")
    if check.steps:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Parameter": step.label,
                        "Opgeslagen": step.old,
                        "Huidige editie": step.new,
                        "Effect op teamtarief": format_eur(step.shown_effect),
                    }
                    for step in check.steps
                ]
            ),
            hide_index=True,
            width="stretch",
        )
        st.caption(
            "Per veranderde parameter overgenomen uit de huidige editie, in deze volgorde; na elke stap is het "
            "teamtarief opnieuw berekend, zodat de effecten optellen tot het verschil."
        )


def _recheck(ws: WorkspaceSession, scenario_id: int, number: int) -> Recheck | None:
    """A stored version rechecked with the session's edition, once per session and edition: a
    version never changes, so neither does what the edition makes of it."""
    cache: dict[tuple[str, int, int, int], tuple[ParameterBook, Recheck | None]]
    cache = st.session_state.setdefault("rounds_rechecks", {})
    book = editor_book()
    key = (ws.slug, scenario_id, number, id(book))
    hit = cache.get(key)
    if hit is None or hit[0] is not book:  # the entry holds its edition, so the id stays its own
        hit = (book, ws.recheck(scenario_id, number, book))
        cache[key] = hit
    return hit[1]
