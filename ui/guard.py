"""The last line of defence for upload and import callbacks: a failure nobody foresaw is logged
for the operator (with its traceback, on the server only) and explained to the user in Dutch."""

from __future__ import annotations

import logging

_LOG = logging.getLogger("reele_prijs.app")


def unexpected(what: str) -> str:
    """Log the exception being handled; the Dutch sentence to show instead of a traceback."""
    _LOG.exception("Onverwachte fout bij %s", what)
    return (
        f"{what[:1].upper()}{what[1:]} is niet gelukt door een fout in het programma. Er is niets "
        f"gewijzigd. Meld dit bij de beheerder, met het bestand als dat kan."
    )
