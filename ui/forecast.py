"""Parameter edition and forecast in the app: the provisional banner (every page), the edition
line, the edition upload in the sidebar, and the form 'Prognose voor jaren zonder gepubliceerde
cijfers' with the EUR effect of each forecast value on the tariff (docs/methode.md section 5.5)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from pricing.costprice import CostPriceResult
from pricing.evaluation import Evaluation
from pricing.forecast import CAO_RISE_KEY, ForecastUse, editable_forecast_keys, value_text
from pricing.money import format_date_nl, format_eur
from pricing.parameters import (
    Edition,
    ParameterBook,
    ParameterFileError,
    default_parameter_book,
    edition_bundle_text,
    load_edition_files,
)
from ui import bindings, state
from ui.components import WRAP_ROW_HEIGHT
from ui.literal import literal
from ui.problem_text import problems_at, show_problems

FORM_TITLE = "Prognose voor jaren zonder gepubliceerde cijfers"


def short_label(description: str) -> str:
    """A parameter's description as a field label: up to its first bracket."""
    return description.split(" (")[0].strip()[:70]


def edition_line(evaluation: Evaluation) -> str:
    """One line naming the edition (and whether the result is provisional)."""
    edition = evaluation.edition
    text = edition.label if edition else "Parametereditie onbekend"
    return text + (" · **voorlopig: rust op een prognose**" if evaluation.provisional else "")


def provisional_banner(evaluation: Evaluation) -> None:
    """On every page: a result built on a forecast says so, with what moves the tariff most."""
    if evaluation.provisional:
        _banner(evaluation.forecast, evaluation.result.date, evaluation.edition)


def provisional_banner_for(result: CostPriceResult) -> None:
    """The same banner for a bare result (a stored version shown in presentation mode)."""
    from pricing.forecast_effects import forecast_uses, result_book

    uses = forecast_uses(result)
    if uses:
        _banner(uses, result.date, result_book(result).edition)


def _banner(uses: Sequence[ForecastUse], date: dt.date, edition: Edition | None) -> None:
    moving = sorted((u for u in uses if u.effect_per_hour), key=lambda u: -abs(u.effect_per_hour or 0.0))
    effect = (
        "; ".join(
            f"{u.label.lower()} {value_text(u.value, u.unit)}: {format_eur(u.effect_per_hour or 0.0)} per uur"
            for u in moving[:3]
        )
        if moving
        else "alle prognosewaarden zijn het laatst bekende cijfer"
    )
    st.warning(
        f"**Voorlopige prijs.** De peildatum {format_date_nl(date)} ligt na de gepubliceerde "
        f"cijfers; {len(uses)} waarde(n) komen uit de prognose van parametereditie {edition.id if edition else ''} "
        f"(aannames). Op het tarief: {effect}. Bekijk of wijzig de prognose op de pagina Kostprijs, onder "
        f"'{FORM_TITLE}'.",
        icon=":material/schedule:",
    )


def render_forecast_form(ev: state.EditView, lazy: bool = False) -> None:
    """The one form where a user sees and changes every forecast value; writes the scenario's ``forecast:``.

    ``lazy``: the fields stand in an expander whose content is built only while it is open.
    """
    evaluation = ev.evaluation
    book = state.book()
    st.subheader(FORM_TITLE)
    forecast = book.forecast
    if forecast is None:
        st.caption(
            "Deze parametereditie heeft geen prognose: data na de gepubliceerde cijfers worden geweigerd, "
            "tenzij u hieronder zelf een prognosewaarde opgeeft."
        )
    else:
        published = min(p.covered_until for p in book.parameters.values() if p.forecast is not None)
        st.caption(
            f"Voor data na de gepubliceerde cijfers (na {format_date_nl(published)}, tot en met "
            f"{format_date_nl(forecast.horizon)}) rekent parametereditie {_edition_of(book).id} met de prognose "
            "hieronder. Elke waarde is een aanname met toelichting; een eigen waarde wordt met het scenario bewaard."
        )
    # What moves the tariff first, then the CAO rise, then the carried-over values in the edition's order.
    uses = sorted(evaluation.forecast, key=lambda u: (-abs(u.effect_per_hour or 0.0), u.key != CAO_RISE_KEY))
    if uses:
        st.dataframe(
            [
                {
                    "Prognosewaarde": u.label,
                    "Waarde": value_text(u.value, u.unit),
                    "Laatst bekend": value_text(u.last_known, u.unit) if u.key != CAO_RISE_KEY else "geen verhoging",
                    "Effect op het tarief": format_eur(u.effect_per_hour or 0.0) + " per uur",
                    "Herkomst": "eigen prognose" if u.origin == "scenario" else "editie",
                    "Toelichting": u.reasoning,
                }
                for u in uses
            ],
            hide_index=True,
            key="table_forecast",
            # Sized to fit the page from 1280 px wide (818 px) without a sideways scroll; a long label
            # or reasoning wraps onto a second line (Streamlit wraps in rows above 4rem).
            row_height=WRAP_ROW_HEIGHT,
            height="content",
            column_config={
                "Prognosewaarde": st.column_config.TextColumn(width=190),
                "Waarde": st.column_config.TextColumn(width=70),
                "Laatst bekend": st.column_config.TextColumn("Bekend", width=90, help="Laatst bekend cijfer"),
                "Effect op het tarief": st.column_config.TextColumn(
                    "Effect", width=110, help="Effect op het tarief (zie de toelichting onder de tabel)"
                ),
                "Herkomst": st.column_config.TextColumn(width=95),
                "Toelichting": st.column_config.TextColumn(width=250),
            },
        )
        st.caption(
            "Effect op het tarief: het reële tarief per uur met deze prognosewaarde min het tarief met het "
            "laatst bekende cijfer (bij de cao-verhoging: zonder aangenomen verhoging), de rest gelijk."
        )
    else:
        st.caption(
            "De peildatum van dit scenario valt binnen de gepubliceerde cijfers: de berekening gebruikt "
            "geen prognose. U kunt de prognose hieronder toch instellen voor latere data."
        )
    show_problems("forecast")
    fields: DeltaGenerator
    if lazy:
        # A definitive price does not rest on these fields: they are drawn only when opened (34 fields
        # were about half of the Kostprijs page's rerun); opened at once when the scenario sets some.
        expander = st.expander(
            "Prognosewaarden bekijken of wijzigen",
            expanded=bool(state.raw().get("forecast")) or bool(problems_at("forecast")),
            key="exp_forecast_fields",
            on_change="rerun",
        )
        if not expander.open:
            return
        fields = expander
    else:
        fields = st.container(border=True)
    with fields:
        keys = editable_forecast_keys(book)
        cao = book.salary.forecast
        st.markdown(
            "**Aangenomen cao-verhoging** na de laatst afgesproken verhoging"
            + (f" (elke {cao.every_months} maanden vanaf {format_date_nl(cao.first)})" if cao else "")
        )
        _percent_field(
            "Cao-verhoging per stap (%)",
            CAO_RISE_KEY,
            current=cao.pct if cao else 0.0,
            max_value=20.0,
            help=cao.reasoning if cao else None,
        )
        st.markdown("**Premies, maxima, PFZW- en cao-cijfers** (standaard: het laatst bekende cijfer)")
        cols = st.columns(3)
        for i, key in enumerate(k for k in keys if k != CAO_RISE_KEY):
            parameter = book.parameters[key]
            fv = parameter.forecast
            current = fv.value if fv is not None else parameter.values[-1].value
            percent = parameter.unit == "fraction"
            help = fv.reasoning if fv is not None else "Geen prognose in deze editie."
            with cols[i % 3]:
                if percent:
                    _percent_field(f"{short_label(parameter.description)} (%)", key, current=current, help=help)
                else:
                    bindings.scenario_number(
                        short_label(parameter.description),
                        ("forecast", key),
                        key=f"fc_{key}",
                        current=current,
                        min_value=0.0,
                        step=1.0,
                        fmt="%.0f",
                        help=help,
                    )
        if isinstance(state.raw().get("forecast"), dict) and state.raw()["forecast"]:
            st.button(
                "Prognose van de editie herstellen",
                key="btn_forecast_reset",
                on_click=_reset_forecast,
                icon=":material/restart_alt:",
            )


def _edition_of(book: ParameterBook) -> Edition:
    """The edition of a book the app computes with. Every such book is built from an edition file
    (shipped or loaded, pricing.parameters.bundle), so it has one; only a book made by hand lacks it."""
    if book.edition is None:
        raise ValueError("Parameterboek zonder editie: de app laadt alleen edities met edition.yaml")
    return book.edition


def _percent_field(label: str, key: str, *, current: float, help: str | None, max_value: float | None = None) -> None:
    """A forecast percentage as the table above shows it (``value_text``: two decimals, ``7,00 %``):
    the field and its echo keep the two decimals a controller typed, also for a whole number."""
    bindings.number_field(
        label,
        ("forecast", key),
        key=f"fc_{key}",
        current=current,
        scale=100,
        places=2,
        min_value=0.0,
        max_value=max_value,
        unit="%",
        help=help,
        fixed_places=True,
    )


def _reset_forecast() -> None:
    raw = state.raw()
    for key in list(raw.get("forecast") or {}):
        bindings.forget_widget(f"fc_{key}")
    raw.pop("forecast", None)


def _open_edition() -> None:
    uploads = st.session_state.get("up_edition") or []
    if not isinstance(uploads, list):
        uploads = [uploads]
    if not uploads:
        return
    label = uploads[0].name if len(uploads) == 1 else f"{len(uploads)} bestanden"
    try:
        edition = load_edition_files({u.name: u.getvalue() for u in uploads})
        if state.evaluation_with(edition) is None:  # refused: the pages would have no figures to show
            current = _edition_of(state.book()).id
            st.session_state["edition_problem"] = (
                label,
                f"Met deze editie is niets te berekenen: {state.nothing_computes_text(edition)}. "
                f"U rekent verder met parametereditie {current}.",
            )
            return
        st.session_state["parameter_book"] = edition
        st.session_state.pop("edition_problem", None)
    except ParameterFileError as exc:  # nothing changes: the current edition stays
        st.session_state["edition_problem"] = (label, str(exc))
    except Exception:  # noqa: BLE001  (no traceback reaches a user)
        from ui.guard import unexpected

        st.session_state["edition_problem"] = (label, unexpected("het laden van de editie"))


def _default_edition() -> None:
    st.session_state["parameter_book"] = default_parameter_book()
    st.session_state.pop("edition_problem", None)


@st.cache_data(show_spinner=False)
def _shipped_bundle() -> str:
    return edition_bundle_text()


def render_edition_sidebar() -> None:
    """Sidebar block: which edition computes, load another (one file), back to the shipped one."""
    e = _edition_of(state.book())
    st.markdown(
        f"### Parametereditie\n:gray[:small[{literal(e.id)} — {literal(e.title)}, gepubliceerd "
        f"{format_date_nl(e.published)} ({literal(e.origin)}); vingerafdruk {e.short_fingerprint}]]"
    )
    st.file_uploader(
        "Andere editie laden (één editiebestand of alle bestanden van een map)",
        type=["yaml", "yml"],
        key="up_edition",
        on_change=_open_edition,
        accept_multiple_files=True,
        help="Eén editiebestand (per bestandsnaam, zoals edition.yaml en cao_salary.yaml, de inhoud; "
        "download de meegeleverde editie als voorbeeld) of alle .yaml-bestanden van een "
        "parametermap tegelijk.",
    )
    refused = st.session_state.get("edition_problem")
    if refused:
        name, problem = refused
        st.error(
            f"'{literal(name)}' is geweigerd; de editie is niet gewijzigd:\n\n- {literal(problem)}",
            icon=":material/block:",
        )
    cols = st.columns(2)
    # Built on click (the callable), not written into every rerun of every page.
    cols[0].download_button(
        "Editie",
        data=_shipped_bundle,
        file_name="parametereditie-2026-12.yaml" if e.origin == "meegeleverd" else "parametereditie.yaml",
        mime="application/x-yaml",
        key="dl_edition",
        icon=":material/download:",
        help="De meegeleverde parametereditie als één bestand.",
        on_click="ignore",
    )
    if e.origin != "meegeleverd":
        cols[1].button(
            "Meegeleverd",
            key="btn_default_edition",
            on_click=_default_edition,
            help="Terug naar de meegeleverde parametereditie.",
        )
    with st.expander("Wijzigingen in deze editie", expanded=False):
        st.markdown(
            "\n".join(
                f"- **{literal(c.parameter)}**: {literal(c.change)} *Bron: {literal(c.source)}*" for c in e.changelog
            )
        )
