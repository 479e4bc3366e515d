"""The last line of defence for upload and import callbacks: a failure nobody foresaw is logged
for the operator (with its traceback, on the server only) and explained to the user in Dutch. And
the page guard: a page with nothing to compute shows why, in Dutch, instead of its figures."""

from __future__ import annotations

import logging

import streamlit as st
from streamlit.navigation.page import StreamlitPage

_LOG = logging.getLogger("reele_prijs.app")


class NothingToCompute(LookupError):
    """No evaluation to show: neither the scenario being edited nor the demo computes with the
    session's edition. ui/state.evaluate() raises it instead of returning a view without figures,
    so every page reads a real Evaluation; :func:`show_page` shows the Dutch message it carries."""


def show_page(page: StreamlitPage) -> None:
    """Run ``page``; when it has nothing to compute, the reason instead of (the rest of) the page.
    The sidebar is drawn before, so the edition can be changed from there."""
    try:
        page.run()
    except NothingToCompute as exc:
        st.error(f"**Geen berekening mogelijk.** {exc}", icon=":material/block:")


def unexpected(what: str) -> str:
    """Log the exception being handled; the Dutch sentence to show instead of a traceback."""
    _LOG.exception("Onverwachte fout bij %s", what)
    return (
        f"{what[:1].upper()}{what[1:]} is niet gelukt door een fout in het programma. Er is niets "
        f"gewijzigd. Meld dit bij de beheerder, met het bestand als dat kan."
    )
