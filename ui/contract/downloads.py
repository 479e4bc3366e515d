"""The offer PDF and the spreadsheet model, built on click from the Evaluation the page shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import streamlit as st

from ui import state

if TYPE_CHECKING:
    from pricing.evaluation import Evaluation


def _offer_pdf(evaluation: Evaluation, option: str | None) -> Callable[[], bytes]:
    """Built when the button is clicked (Streamlit runs the callable), not on every rerun."""

    def build() -> bytes:
        from pricing.report.pdf import build_offer_pdf

        return build_offer_pdf(evaluation, option=option)

    return build


def _workbook(evaluation: Evaluation, option: str | None) -> Callable[[], bytes]:
    def build() -> bytes:
        from pricing.report.xlsx import build_workbook

        return build_workbook(evaluation, option=option)

    return build


def downloads_section(evaluation: Evaluation, option: str | None) -> None:
    """The two downloads of the variant ``option`` (None: the basic contract), or why they are away."""
    st.subheader("Downloads")
    if state.contract_detached():
        st.info(
            "De offerte en het rekenmodel komen terug zodra het contract geen fouten meer bevat "
            "(zie de meldingen op deze pagina).",
            icon=":material/link_off:",
        )
        return
    c1, c2 = st.columns(2)
    # Built on click from the Evaluation the page shows; a download needs no rerun of the page.
    with c1:
        st.download_button(
            "Offerte (PDF)",
            data=_offer_pdf(evaluation, option),
            file_name="offerte.pdf",
            mime="application/pdf",
            key="download_offer_pdf",
            icon=":material/picture_as_pdf:",
            on_click="ignore",
        )
    with c2:
        st.download_button(
            "Rekenmodel (xlsx)",
            data=_workbook(evaluation, option),
            file_name="rekenmodel.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="download_offer_xlsx",
            icon=":material/table_view:",
            on_click="ignore",
        )
