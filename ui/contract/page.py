"""Page: Contract & offerte — tasks, areas and staffing of the contract, the multi-year budget, and
the offer PDF and the spreadsheet model to download: the order of the page's sections.

Everything typed goes into ``st.session_state["raw"]["contract"]`` (the scenario being edited, see
ui/state.py); the budget and the downloads read the last valid result."""

from __future__ import annotations

import streamlit as st
from streamlit.elements.lib.mutable_expander_container import ExpanderContainer

from pricing.contract_text import problem_text
from ui import components, state
from ui.contract.budget import budget_section
from ui.contract.downloads import downloads_section
from ui.contract.fields import raw_contract, staff_functions, start_contract
from ui.contract.general import general_section
from ui.contract.grids import areas_editor, indicator_editor, tasks_editor
from ui.contract.indexation import indexation_section
from ui.contract.lines import line_editor
from ui.contract.references import references_section
from ui.editor_paths import is_social_return_path, is_variant_path, shown_by_editors
from ui.index_editor import year_index_editor
from ui.literal import literal
from ui.problem_text import problems_at
from ui.social_return_editor import social_return_editor
from ui.variants_editor import variants_editor


def _open_on_new_problems(key: str, paths: list[str]) -> None:
    """Open the expander ``key`` when its problems (``paths``) change to a non-empty set, and otherwise
    leave it as the person left it. (Passing ``expanded=<has problems>`` instead would give the
    expander a new identity whenever that flips: Streamlit derives it from ``expanded``, so it closed
    under the person's hands the moment they fixed its last error.)"""
    paths = sorted(paths)
    if paths and st.session_state.get(f"{key}_problems") != paths:
        st.session_state[key] = True
    st.session_state[f"{key}_problems"] = paths


def _lazy_expander(label: str, key: str, paths: list[str]) -> ExpanderContainer:
    """A closed expander whose content the page builds only once it is open (a closed expander's
    tables would still be built and sent on every rerun); opened when its problems appear, so a
    person who made an error keeps their place."""
    _open_on_new_problems(key, paths)
    return st.expander(label, key=key, on_change="rerun")


def _offer_a_contract() -> None:
    st.info("Dit scenario heeft nog geen contract.", icon=":material/description:")
    st.button(
        "Contract toevoegen",
        key="contract_add",
        on_click=start_contract,
        type="primary",
        help="Begint met het voorbeeldcontract als de functies overeenkomen, anders met een leeg contract.",
    )


def _tables(functions: list[str]) -> None:
    with st.expander("Algemeen", expanded=True):
        general_section()
    st.subheader("Opgaven")
    tasks_editor()
    st.caption("Indicatoren per opgave (tellen): nulmeting en streefwaarde.")
    indicator_editor()
    st.subheader("Gebieden")
    areas_editor()
    st.subheader("Formatie per gebied en opgave")
    line_editor("staffing", "Functie", functions)
    st.subheader("Activiteitenbudgetten")
    line_editor("activities", "Activiteit", functions)


def _expanders_and_problems(functions: list[str]) -> None:
    # Varianten, the social-return estimate and the clause are opened to change something: closed
    # they are not built; opened when they get a problem (their messages stand inside), and while
    # closed their problems are listed below with the others.
    contract_problems = [p.path for p in problems_at("contract")]
    variants = _lazy_expander(
        "Varianten", "exp_contract_variants", [p for p in contract_problems if is_variant_path(p)]
    )
    variants_drawn = bool(variants.open)  # None only for an expander that tracks no state
    if variants_drawn:
        with variants:
            variants_editor(functions)
    returns = _lazy_expander(
        "Maatschappelijk rendement per opgave (schatting)",
        "exp_contract_social_return",
        [p for p in contract_problems if is_social_return_path(p)],
    )
    returns_drawn = bool(returns.open)
    if returns_drawn:
        with returns:
            social_return_editor()
    clause = _lazy_expander(
        "Indexatieclausule", "exp_contract_indexation", [p.path for p in problems_at("contract.indexation")]
    )
    index_drawn = False
    if clause.open:
        with clause:
            indexation_section()
            st.markdown(
                "**Per contractjaar**: een vaste index (opgegeven), eigen OVA/PPC-cijfers (voorlopig of "
                "definitief) en wat de gemeente indexeert. Leeg = de gepubliceerde cijfers of de aangenomen index."
            )
            index_drawn = year_index_editor(state.contract_evaluation())
    problems = problems_at("contract")
    for p in problems:
        if shown_by_editors(p.path, index_drawn, variants_drawn=variants_drawn, returns_drawn=returns_drawn):
            continue  # shown under the table it belongs to
        # The field as this page names it, not the file path (contract.staffing[3].fte).
        st.error(literal(problem_text(p)), icon=":material/warning:")


def _budget_and_downloads() -> None:
    ev = state.evaluate()  # again: the tables above may have written an edit into the scenario
    shown = state.contract_evaluation(ev)
    st.subheader("Meerjarenbegroting")
    if shown is None or shown.result.scenario.contract is None:
        st.warning("Nog geen geldige contractbegroting: los de fouten hierboven op.", icon=":material/warning:")
        return
    if ev.problems:
        st.caption(
            "De begroting hieronder hoort bij de laatste geldige invoer"
            + (
                " van het contract; de kostprijs op de andere pagina's volgt de formatie zoals die nu is."
                if state.contract_detached()
                else "."
            )
        )
    budget = budget_section(shown)
    downloads_section(ev.evaluation, budget.option)


def render_contract() -> None:
    ev = components.page_header(
        "Contract & offerte",
        "Opgaven, gebieden en formatie van het contract, de meerjarenbegroting met indexatie, en de offerte "
        "(PDF) en het rekenmodel (xlsx) om te downloaden.",
    )
    if not raw_contract():
        _offer_a_contract()
        return
    references_section(ev)
    functions = staff_functions()
    _tables(functions)
    _expanders_and_problems(functions)
    _budget_and_downloads()
