"""Importing an export file: one this server signed keeps its history; any other file becomes a new
scenario, marked as imported and not verified."""

from __future__ import annotations

import streamlit as st

from pricing.store import StoreError
from ui.guard import unexpected
from ui.rounds.messages import remember, say
from ui.rounds.save import editor_book
from ui.rounds.workspace import open_workspace_session


def _import() -> None:
    upload = st.session_state.get("k_rd_import")
    if upload is None:
        return
    try:
        ws = open_workspace_session()
        sid = ws.import_export(upload.getvalue(), importer=st.session_state.get("k_rd_author", ""), book=editor_book())
        if ws.versions(sid)[0].provenance_text == "geïmporteerd, geverifieerd":
            remember(
                "success",
                f"'{upload.name}' geïmporteerd met de hele geschiedenis: de handtekening van deze "
                "server klopt, dus auteurs, tijden en opgeslagen cijfers zijn overgenomen.",
            )
        else:
            remember(
                "warning",
                f"'{upload.name}' geïmporteerd als nieuw scenario, geïmporteerd, niet geverifieerd: het "
                "bestand is niet door deze server ondertekend of is daarna gewijzigd. De versies staan op "
                "uw naam met de tijd van nu; wat het bestand over auteur en tijd zegt, staat in de notitie.",
            )
    except StoreError as exc:
        say(exc)
    except Exception:  # noqa: BLE001  (no traceback reaches a user)
        remember("error", unexpected("het importeren van het exportbestand"))


def import_section() -> None:
    st.subheader("Importeren")
    st.caption(
        "Een export die deze server heeft ondertekend, houdt haar geschiedenis; elk ander bestand wordt een "
        "nieuw scenario, gemarkeerd als geïmporteerd, niet geverifieerd, op naam van de auteur hierboven."
    )
    st.file_uploader(
        "Scenario met geschiedenis (JSON-export van deze app)", type=["json"], key="k_rd_import", on_change=_import
    )
