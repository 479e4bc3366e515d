"""The multi-year budget of the chosen variant: key figures, the step-drift switch, the table per
year, the clause in words, the chart, and the tabs (budget_tabs.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from pricing.contract_text import clause_text, origin_text, shown_grouped, shown_years
from pricing.money import format_eur, format_pct
from pricing.paths import set_path
from ui import charts, components, state
from ui.contract.budget_tabs import budget_tabs
from ui.literal import literal

if TYPE_CHECKING:
    from pricing.contract import ContractBudget
    from pricing.evaluation import Evaluation, VariantEvaluation

PALETTE = ["#1d5c63", "#5b9aa0", "#a3c9cc", "#e0a458", "#c06c50", "#7d7d7d", "#3b6e8f", "#9c6ade"]


def _md(text: str) -> str:
    """Clause text for st.markdown: characters markdown would read as markup are escaped."""
    for char in "\\`*_{}[]<>()#+-.!|$~":
        text = text.replace(char, "\\" + char)
    return text


def _chart(budget: ContractBudget, by: str) -> go.Figure:
    groups = budget.by_area if by == "area" else budget.by_task
    shown = shown_grouped(groups, budget.totals)
    years = [str(y) for y in budget.years]
    fig = go.Figure()
    for i, (name, values) in enumerate(shown.items()):
        fig.add_bar(
            name=name,
            x=years,
            y=[float(v) for v in values],
            marker_color=PALETTE[i % len(PALETTE)],
            hovertext=[format_eur(v) for v in values],
            hoverinfo="name+text",
        )
    fig.update_layout(
        barmode="stack",
        height=380,
        margin=dict(l=10, r=10, t=30, b=10),
        separators=",.",
        # Years as categories: plotly reads '2027' as a number and, with one or two bars, put ticks
        # between the years (2.026,5 in Dutch separators).
        xaxis=dict(type="category"),
        yaxis=dict(
            title="€ per jaar", **charts.eur_axis(max(float(t) for t in budget.totals) if budget.totals else 1.0)
        ),
        legend=dict(orientation="h", y=-0.15),
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return fig


def _toggle_step_drift() -> None:
    set_path(state.raw(), ("contract", "step_drift"), bool(st.session_state["w_contract_step_drift"]))


def _chosen_variant(evaluation: Evaluation) -> VariantEvaluation:
    """The variant the person chose (a choice only when there is more than the basic contract)."""
    variants = evaluation.variants
    labels = [v.label for v in variants]
    choice = (
        st.radio(
            "Variant",
            labels,
            horizontal=True,
            key="k_contract_variant",
            format_func=literal,
            help="Varianten bewerkt u hierboven onder Varianten.",
        )
        if len(labels) > 1
        else labels[0]
    )
    return variants[labels.index(choice)] if choice in labels else variants[0]


def _key_figures(budget: ContractBudget) -> None:
    first = shown_years(budget)[0]
    # Whole euros: amounts in the millions with cents do not fit a metric; the tables show cents.
    # The NPV's label names its price level; give that column room so the label is not cut off.
    cols = st.columns([1, 1.1, 1.5, 1.1])
    cols[0].metric(f"Budget {budget.years[0]}", format_eur(first["total"], 0))
    cols[1].metric(f"Totaal {budget.years[0]}-{budget.years[-1]}", format_eur(budget.grand_total, 0))
    cols[2].metric(
        budget.npv_label,
        format_eur(budget.npv, 0),
        help=f"Reële discontovoet {format_pct(budget.discount_rate, 2)} over de jaarbedragen in prijzen "
        f"van {budget.base_year} (elk jaarbedrag gedeeld door zijn prijsfactor); eerste jaar "
        "onverdisconteerd.",
    )
    cols[3].metric(
        "Kosten van niet-indexeren",
        format_eur(budget.non_indexation.total, 0),
        help="Cumulatief tekort als de gemeente met haar eigen percentage indexeert in plaats van de norm.",
    )


def _year_table(budget: ContractBudget) -> None:
    settle = budget.contract.indexation.definitive == "settle"
    drift = budget.drift if any(abs(d) > 0.005 for d in budget.drift) else ()
    rows = []
    for k, y in enumerate(shown_years(budget)):
        row = {
            "Jaar": str(y["year"]),
            "Index": "basisjaar" if y["index"] is None else format_pct(y["index"], 3),
            "Herkomst": origin_text(y),
            **({"Tredeverhoging (in formatie)": format_eur(drift[k])} if drift and k < len(drift) else {}),
            "Formatie": format_eur(y["staff"]),
            "Activiteiten": format_eur(y["activities"]),
        }
        if settle:
            row["Nacalculatie"] = "volgt" if y["settlement"] is None else format_eur(y["settlement"])
        row["Totaal"] = format_eur(y["total"])
        rows.append(row)
    components.static_table(pd.DataFrame(rows), key="table_contract_years")


def budget_section(evaluation: Evaluation) -> ContractBudget:
    """The chosen variant's budget, shown; returned for the downloads of that variant."""
    chosen = _chosen_variant(evaluation)
    budget = chosen.budget
    c = budget.contract
    _key_figures(budget)
    st.toggle(
        "Jaarlijkse tredeverhoging meerekenen (cao art. 6.5)",
        value=c.step_drift,
        key="w_contract_step_drift",
        on_change=_toggle_step_drift,
        help="Iedereen onder het schaalmaximum stijgt elk 1 januari één trede (vanaf 2025 door tot U1 en U2). "
        "Zet uit als verloop van personeel de stijging in de praktijk opheft.",
    )
    _year_table(budget)
    with st.expander("Indexatieclausule in woorden", expanded=False):
        st.markdown("\n".join(f"- {_md(t)}" for t in clause_text(c)))
    by = st.radio("Grafiek per", ["gebied", "opgave"], horizontal=True, key="k_contract_chart_by")
    group = "area" if by == "gebied" else "task"
    # Keyed by what the chart draws: editing the contract's texts makes a new Evaluation, not new figures.
    groups = budget.by_area if group == "area" else budget.by_task
    drawn = (budget.years, budget.totals, tuple(groups.items()))
    figure = state.per_content(f"contract_chart_{group}", drawn, lambda: _chart(budget, group))
    st.plotly_chart(figure, key="chart_contract_years", config={"displayModeBar": False})
    budget_tabs(chosen)
    for warning in budget.warnings:
        st.caption(f"Let op: {literal(warning)}")
    return budget
