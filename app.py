"""Streamlit entry point: page config, shared state, sidebar, and navigation over the pages in ui/.

Each page is a ``render_*`` function; add a page by adding one ``st.Page`` to ``PAGES``.
"""

import streamlit as st

from ui import staff_grid, state
from ui.compare import render_compare
from ui.contract.page import render_contract
from ui.costprice import render_costprice
from ui.guard import show_page
from ui.norms import render_norms
from ui.organisation import render_organisation
from ui.presentation import render_presentation
from ui.rounds.page import render_rounds
from ui.sidebar import render_sidebar
from ui.tariff_check import render_tariff_check
from ui.toets import render_toets

# On a projector the sidebar folds away; its arrow brings back the switch.
st.set_page_config(
    page_title="Reële prijs sociaal werk",
    page_icon=":material/balance:",
    layout="wide",
    initial_sidebar_state="collapsed" if st.session_state.get("presentation") else "auto",
)

PAGES = [
    st.Page(
        render_organisation,
        title="Organisatie & formatie",
        icon=":material/groups:",
        url_path="organisatie",
        default=True,
    ),
    st.Page(render_norms, title="Normen & opslagen", icon=":material/tune:", url_path="normen"),
    st.Page(render_costprice, title="Kostprijs", icon=":material/euro:", url_path="kostprijs"),
    st.Page(render_toets, title="Toets", icon=":material/fact_check:", url_path="toets"),
    st.Page(render_tariff_check, title="Tariefcheck", icon=":material/price_check:", url_path="tariefcheck"),
    st.Page(render_compare, title="Vergelijken", icon=":material/compare_arrows:", url_path="vergelijken"),
    st.Page(render_contract, title="Contract & offerte", icon=":material/description:", url_path="contract"),
    st.Page(render_rounds, title="Versies & rondes", icon=":material/history:", url_path="versies"),
]
PRESENTATION = st.Page(render_presentation, title="Presentatie", icon=":material/co_present:", url_path="presentatie")

state.init()
# Edits in the staff table are folded into the scenario before anything is computed or drawn.
staff_grid.apply_staff_edits()
presenting = render_sidebar()
page = st.navigation([PRESENTATION] if presenting else PAGES)
staff_grid.staff_page_shown(page is PAGES[0])
show_page(page)  # with nothing to compute (ui/guard.py), a Dutch message instead of the page
