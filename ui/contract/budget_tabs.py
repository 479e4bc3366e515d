"""The budget's tabs, of which only the open one is built and sent (a switch of tab reruns the
page): the budget per area and per task, the price per function, the cost of non-indexation and the
social-return estimate."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from pricing.contract_text import shown_grouped
from pricing.money import format_eur, format_number, format_pct
from pricing.social_return import CAVEAT, UNKNOWN_SPLIT, range_note
from ui import components
from ui.literal import literal

if TYPE_CHECKING:
    from pricing.contract import ContractBudget
    from pricing.evaluation import VariantEvaluation
    from pricing.social_return import SocialReturn

BUDGET_TABS = ["Per gebied", "Per opgave", "Prijs per functie", "Niet-indexeren", "Maatschappelijk rendement"]


def budget_tabs(chosen: VariantEvaluation) -> None:
    budget = chosen.budget
    tabs = st.tabs(BUDGET_TABS, key="k_contract_budget_tab", on_change="rerun")
    for tab, groups, title in ((tabs[0], budget.by_area, "Gebied"), (tabs[1], budget.by_task, "Opgave")):
        if tab.open:
            with tab:
                _grouped_table(budget, groups, title)
    if tabs[2].open:
        with tabs[2]:
            _price_table(budget)
    if tabs[3].open:
        with tabs[3]:
            _non_indexation_table(budget)
    if tabs[4].open:
        with tabs[4]:
            _social_return(budget, chosen.social)


def _grouped_table(budget: ContractBudget, groups: dict[str, tuple[float, ...]], title: str) -> None:
    """The budget per area or per task (``title``), a column per year."""
    shown = shown_grouped(groups, budget.totals)
    components.static_table(
        pd.DataFrame(
            [
                {title: name, **{str(y): format_eur(v) for y, v in zip(budget.years, values)}}
                for name, values in shown.items()
            ]
        ),
        key=f"table_contract_{title.lower()}",
    )


def _price_table(budget: ContractBudget) -> None:
    """The price per hour and per FTE of each function the contract uses, and per FTE per year."""
    used = {l.label for l in budget.lines if l.kind == "formatie"}
    st.dataframe(  # a row per function: it grows with the organisation, so it scrolls
        pd.DataFrame(
            [
                {
                    "Functie": p.function,
                    f"Per uur ({budget.base_year})": format_eur(p.price_per_hour),
                    f"Per FTE ({budget.base_year})": format_eur(p.price_per_fte),
                    **{f"Per FTE {y}": format_eur(v) for y, v in zip(budget.years, budget.yearly_price_per_fte(p))},
                }
                for p in budget.prices
                if p.function in used
            ]
        ),
        hide_index=True,
        key="table_contract_prices",
    )


def _non_indexation_table(budget: ContractBudget) -> None:
    """What the budget would be if the municipality indexed by its own percentage, and the shortfall."""
    ni = budget.non_indexation
    components.static_table(
        pd.DataFrame(
            [
                {
                    "Jaar": str(y),
                    "Index gemeente": "basisjaar"
                    if budget.year_index[k] is None
                    else format_pct(ni.municipal_pct[k], 2),
                    "Budget norm": format_eur(ni.norm[k]),
                    "Budget gemeente": format_eur(ni.municipal[k]),
                    "Tekort": format_eur(ni.shortfall[k]),
                    "Cumulatief": format_eur(ni.cumulative[k]),
                    "FTE minder": _fte(ni.fte_lost[k]),
                }
                for k, y in enumerate(budget.years)
            ]
        ),
        key="table_contract_nonindex",
    )
    st.caption(f"Norm: {budget.contract.indexation.norm_label}.")


def _fte(value: float | None) -> str:
    return "—" if value is None else format_number(value, 2)


def _social_return(budget: ContractBudget, estimates: Sequence[SocialReturn]) -> None:
    if not estimates:
        st.caption("Zet bij een opgave 'Rendement' (maatschappelijk rendement) aan voor een schatting.")
    else:
        st.info(CAVEAT, icon=":material/info:")
        _estimate_table(estimates)
        sources = "; ".join(f"{sr.task}: {sr.source}" for sr in estimates)
        st.caption(
            f"CW: contante waarde in prijzen van {budget.base_year} (reële discontovoet "
            f"{format_pct(budget.discount_rate, 2)}, eerste jaar onverdisconteerd). Alle baten en saldi zijn "
            f"schattingen. Bron van de verhouding: {literal(sources)}. {literal(range_note(estimates))}"
        )
        if any(sr.municipality_net is None for sr in estimates):
            st.caption(UNKNOWN_SPLIT)


def _estimate_table(estimates: Sequence[SocialReturn]) -> None:
    """The social-return estimate: a column per task and a row per figure, so the long texts (ranges,
    'onbekend: ...') fit the page's width without a sideways scroll; they wrap onto a second line."""
    per_task = [
        {
            "Opgave": sr.task,
            "Verhouding": format_number(sr.ratio, 2),
            "Bron verhouding": sr.source_short,
            "Bandbreedte": _ends(sr.ratio_low, sr.ratio_high, format_number, "niet bekend"),
            "Kosten (CW)": format_eur(sr.npv_costs),
            "Baten (CW, schatting)": format_eur(sr.npv_benefits),
            "Baten bij bandbreedte": _ends(sr.npv_benefits_low, sr.npv_benefits_high),
            "Saldo (CW)": format_eur(sr.net),
            "Saldo bij bandbreedte": _ends(*(sr.net_range or (None, None))),
            "Saldo gemeente": (
                "onbekend: geen verdeling over partijen"
                if sr.municipality_net is None
                else format_eur(sr.municipality_net)
                + (f" ({_ends(*sr.municipality_net_range)})" if sr.municipality_net_range is not None else "")
            ),
        }
        for sr in estimates
    ]
    table = pd.DataFrame(per_task).set_index("Opgave").T.rename_axis("Schatting").reset_index()
    st.dataframe(
        table,
        hide_index=True,
        key="table_contract_social",
        row_height=components.WRAP_ROW_HEIGHT,  # a long source or range wraps onto a second line
        height="content",  # every row in sight: taller rows would scroll inside the table
        column_config={
            "Schatting": st.column_config.TextColumn(
                width=170,
                help="Bron verhouding: de volledige bron staat onder de tabel. Bandbreedte: laagste en "
                "hoogste verhouding die de opgave opgeeft, met bron; zonder opgave niet bekend (de "
                "spreiding rond de SEOR-verhouding staat niet in de bronnen van dit model).",
            ),
        },
    )


def _ends(low: Any, high: Any, fmt: Callable[[Any], str] = format_eur, unknown: str = "—") -> str:
    """A range as 'low – high' (the social-return table), or ``unknown`` without one."""
    if low is None or high is None:
        return unknown
    return f"{fmt(low)} – {fmt(high)}"
