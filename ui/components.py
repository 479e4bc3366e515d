"""Small building blocks shared by the pages: key figures, source labels, benchmark bands."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from pricing.benchmark import BenchmarkSet, check_value
from pricing.costprice import CostPriceResult
from pricing.display import shown_team
from pricing.method import pointer_label, pointer_markdown, section_markdown, section_url
from pricing.model.scenario import Scenario
from pricing.money import format_eur, format_number, format_pct, format_unit  # noqa: F401  (pages use components.format_unit)
from pricing.parameters import STATUS_LABELS, ParameterValue
from pricing.paths import get_path, set_path
from ui import bindings, state
from ui.literal import literal

if TYPE_CHECKING:  # the Styler module pulls in jinja2; only the annotation needs it
    from pandas.io.formats.style import Styler

# A table's row height at which Streamlit wraps a cell's text (rows taller than 4rem): two lines.
WRAP_ROW_HEIGHT = 68
# Coloured dots in Markdown, not emoji: projector PCs often lack an emoji font.
LIGHT_ICON = {"green": ":green[●]", "orange": ":orange[●]", "red": ":red[●]", "none": ":gray[○]"}
LIGHT_WORD = {"green": "groen", "orange": "oranje", "red": "rood", "none": "geen band"}
LIGHT_COLOR = {
    "green": "#2e7d32",
    "orange": "#e65100",
    "red": "#c62828",
    "none": "#9e9e9e",
    "groen": "#2e7d32",
    "oranje": "#e65100",
    "rood": "#c62828",
    "geen band": "#9e9e9e",
    "ja": "#2e7d32",
    "nee": "#c62828",
}


EMPTY_STAFF = (
    "Dit scenario heeft nog geen formatie, dus nog geen kostprijs. Begin op de pagina **Organisatie & "
    "formatie**: voeg een regel toe in de tabel (functie, schaal, trede, FTE), importeer uw formatie "
    "(CSV of Excel) onder *Importeren en downloaden*, of begin met een voorbeeldregel."
)


def _organisation_page() -> st.Page:
    """The page where a scenario without staff begins, as app.py registers it (Streamlit knows a
    page by its url_path; title and icon are the link's label)."""
    from ui.organisation import render_organisation

    return st.Page(
        render_organisation,
        title="Organisatie & formatie",
        icon=":material/groups:",
        url_path="organisatie",
        default=True,
    )


def page_header(title: str, intro: str | None = None, *, needs_staff: bool = True) -> state.EditView:
    """Title, the scenario's validity, and the evaluation every page reads. Without any staff line
    there is nothing to show: a page that ``needs_staff`` says where to begin and stops there."""
    ev = state.evaluate()
    if state.no_staff():
        from ui.compare import editing_b_banner

        editing_b_banner()
        st.title(title)
        st.info(EMPTY_STAFF, icon=":material/group_add:")
        if title != "Organisatie & formatie":
            st.page_link(_organisation_page())
        if needs_staff:
            st.stop()
        return ev
    from ui.compare import editing_b_banner

    editing_b_banner()  # on every page, above its title: the forms hold B, not A
    st.title(title)
    if intro:
        st.caption(intro)
    from ui.forecast import provisional_banner

    provisional_banner(ev.evaluation)
    if ev.problems and state.contract_detached():
        st.warning(
            f"Het contract bevat {len(ev.problems)} fout(en), bijvoorbeeld een functie of gebied dat niet meer "
            "bestaat. De kostprijs hieronder volgt de formatie en normen zoals ze nu zijn; herstel het contract op "
            "de pagina Contract & offerte.",
            icon=":material/link_off:",
        )
    elif ev.problems:
        st.warning(
            f"De invoer bevat {len(ev.problems)} fout(en); de cijfers hieronder horen bij de laatste "
            "geldige invoer. De fouten staan bij de velden (en in de zijbalk).",
            icon=":material/warning:",
        )
    refused = bindings.field_problems()
    if refused:
        st.warning(
            f"{len(refused)} getypt(e) getal(len) niet overgenomen: "
            + "; ".join(label for label, _ in refused)
            + ". De melding staat bij het veld.",
            icon=":material/edit_off:",
        )
    return ev


def kpi_strip(result: CostPriceResult, *, key_prefix: str = "kpi") -> None:
    team = shown_team(result.team)
    cols = st.columns(4)
    cols[0].metric(
        "Reëel tarief per uur (team)",
        format_eur(team["tariff_per_hour"]),
        help="Kostprijs plus risico, innovatie en reserve, per declarabel uur; gewogen over FTE x uren.",
    )
    cols[1].metric("Kostprijs per uur", format_eur(team["cost_price_per_hour"]))
    # The yearly amounts in whole euros: with cents a budget of millions does not fit a quarter of a
    # 1280 px page and was cut off ('€ 4.483.04…'). The cents stand in the per-function table, the
    # PDF and the workbook.
    cols[2].metric(
        "Prijs per FTE per jaar",
        format_eur(team["price_per_fte"], 0),
        help="Afgerond op hele euro's; op de cent in de tabel per functie op de pagina Kostprijs.",
    )
    cols[3].metric(
        "Jaarbudget",
        format_eur(team["annual_budget"], 0),
        help="Personeelsbudget (FTE x prijs per FTE) plus activiteitenbudget, afgerond op hele euro's.",
    )


def default_for(scenario: Scenario, key: str) -> ParameterValue | None:
    """The parameter default for a norm key at the date of ``scenario`` (the page's evaluated one),
    even when the user overrides it."""
    pv = scenario.defaults.get(key)
    if pv is not None:
        return pv
    params = {
        "hours.contract": "contract_hours",
        "hours.leave": "leave_hours",
        "hours.public_holidays": "public_holiday_hours",
        "hours.sick_pct": "sick_pct",
        "hours.training": "training_hours",
        "hours.meetings": "meeting_hours",
        "client_bound_share": "client_bound_share",
        "other_personnel_pct": "other_personnel_pct",
        "overhead.pct": "overhead_pct",
        "material_per_fte": "material_per_fte",
        "risk_pct": "risk_pct",
        "innovation_pct": "innovation_pct",
    }
    if key not in params:
        return None
    try:
        return state.book().get(params[key], scenario.date)
    except LookupError:
        return None


def source_caption(
    scenario: Scenario, key: str, path: tuple[str, ...] | None = None, reset_key: str | None = None
) -> None:
    """Where the value in force comes from: 'bron', 'afgeleid', 'aanname' or 'eigen invoer'; read from
    the page's evaluated ``scenario`` (a page of captions evaluating anew for each would key the
    whole scenario each time: 28 times per rerun on Normen, about 100 ms at 2,000 staff lines)."""
    explicit = path is not None and get_path(state.raw(), path) is not None
    default = default_for(scenario, key)
    if explicit:
        text = "**eigen invoer**"
        if default is not None:
            text += (
                f" · standaard {format_unit(default.value, default.unit)} "
                f"({STATUS_LABELS[default.status]}: {default.source_markdown})"
            )
        cols = st.columns([5, 2]) if reset_key else [st.container()]
        cols[0].caption(text)
        if reset_key and default is not None:
            cols[1].button(
                "Standaard",
                key=f"reset_{reset_key}",
                on_click=_reset,
                args=(path, reset_key),
                help="Verwijder de eigen invoer en gebruik weer de standaardwaarde.",
                type="tertiary",
            )
        return
    if default is not None:
        note = f" · {default.note}" if default.note else ""
        st.caption(f"**{STATUS_LABELS[default.status]}** · {default.source_markdown}{note}")
    elif key in ("reporting_per_fte",):
        st.caption("**niet opgegeven** · 0, tenzij u deze kosten apart begroot")
    else:
        st.caption("**eigen invoer** (uit het scenario)")


def method_caption(*sections: str) -> None:
    """Where the method explains this part, readable here: a user of the app does not have the
    repository, so the sections' text opens in the page (built only while open); with a published
    address configured the caption also links each section there."""
    if any(section_url(s) for s in sections):
        st.caption(":material/menu_book: " + pointer_markdown(*sections))
    method = st.expander(
        f":material/menu_book: Methode {pointer_label(*sections)}",
        key=f"exp_method_{'_'.join(sections).replace('.', '_')}",
        on_change="rerun",
    )
    if method.open:
        with method:
            for section in sections:
                if len(sections) > 1:
                    st.markdown(f"**{pointer_label(section)}**")
                st.markdown(section_markdown(section))


def _reset(path: tuple[str, ...], key: str) -> None:
    set_path(state.raw(), path, None)
    bindings.forget_widget(key)


def band_caption(key: str, value: float | None, bset: BenchmarkSet, *, derived: bool = False) -> None:
    """The benchmark band next to an input; outside the band it asks for a short reason."""
    if value is None:
        return
    band = bset.bands.get(key)
    if band is None:
        return
    reasons = state.raw().get("deviation_reasons") or {}
    convention = None
    if key == "overhead.pct":  # compare in the band's convention (mark-up or share)
        convention = "markup" if derived else (get_path(state.raw(), ("norms", "overhead", "convention")) or "markup")
    check = check_value(key, value, bset, reasons if isinstance(reasons, dict) else {}, derived, convention)
    icon = LIGHT_ICON[check.light]
    side = f" **{check.light_label}**." if check.favourable else ""
    st.caption(
        f"{icon} Benchmark ({literal(bset.name)}): **{band.text()}** — {band.kind_label}; {band.direction_label}.{side} "
        f"Bronnen: {band.source_markdown}.",
        help=band.note or None,
    )
    if check.needs_reason:
        reason_input(key, "onder" if check.position == "below" else "boven")


def reason_input(key: str, where: str) -> None:
    label = f"Toelichting: waarom {where} de band?"
    current = (state.raw().get("deviation_reasons") or {}).get(key, "")
    bindings.scenario_widget(
        st.text_input,
        label,
        ("deviation_reasons", key),
        key=f"reason_{key}",
        current=current or "",
        placeholder="Korte reden, wordt met het scenario bewaard",
        max_chars=300,
    )
    if not current:
        st.caption(":red[●] Buiten de band zonder toelichting; de toets kleurt rood tot er een reden staat.")


def status_word(light: str) -> str:
    return LIGHT_WORD.get(light, "geen band")


def colored_table(frame: pd.DataFrame, column: str = "Licht") -> Styler:
    """A table whose traffic-light column is coloured (a pandas Styler; st.dataframe shows it)."""
    return frame.style.map(lambda v: f"color: {LIGHT_COLOR.get(v, 'inherit')}; font-weight: 600", subset=[column])


# A cell that reads as a figure ("€ 1.234,56", "-€ 5", "3,125 %", "2,00", "12,5 uur", "2027"), or a
# word that stands in a figures column for a missing figure; such columns are right-aligned.
_FIGURE = re.compile(r"^[-+]?(€\s?)?[-+]?\d[\d.,]*(\s?%|\suur)?$")
_NO_FIGURE = frozenset({"", "—", "basisjaar", "volgt"})
# The static tables' look, close to st.dataframe's: thin grey rules, grey headers, figures in
# even-width digits so a column's amounts line up. Greys as translucent black: readable on the
# light theme and on a projector's washed-out white alike.
_STATIC_TABLE_CSS = (
    "<style>"
    ".static-table{border-collapse:collapse;margin:0 0 0.5rem 0;font-size:0.875rem;max-width:100%}"
    ".static-table th,.static-table td{border:1px solid rgba(49,51,63,0.12);padding:0.3rem 0.6rem;"
    "vertical-align:top;line-height:1.4}"
    ".static-table th{font-weight:600;color:rgba(49,51,63,0.75);background:rgba(49,51,63,0.04);text-align:left}"
    ".static-table th[title]{text-decoration:underline dotted;cursor:help}"
    ".static-table .figure{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
    # A figure column's header may wrap (a figure itself never does): else a long header widens the table.
    ".static-table th.figure{white-space:normal}"
    "</style>"
)


def _figures_column(cells: list[str]) -> bool:
    return any(_FIGURE.match(c) for c in cells) and all(_FIGURE.match(c) or c in _NO_FIGURE for c in cells)


# A run of text this long without a space (a source's web address) may break after its / . - _ ? =:
# else the table's narrowest width is its longest address, and it runs past the page's edge.
_LONG_WORD = re.compile(r"\S{25,}")
_BREAK_AFTER = re.compile(r"([/.\-_?=])")


def _breakable(escaped: str) -> str:
    """``escaped`` with a line-break opportunity (<wbr>) after the separators of each long word; an
    escaped entity (&amp;) holds none of them, so none is split."""
    return _LONG_WORD.sub(lambda word: _BREAK_AFTER.sub(r"\1<wbr>", word.group()), escaped)


def _cell(tag: str, text: object, *, figure: bool, color: str | None = None, title: str | None = None) -> str:
    shown = _breakable(html.escape(" ".join(str(text).splitlines())))
    attributes = ' class="figure"' if figure else ""
    if title:
        attributes += f' title="{html.escape(title)}"'
    if color:
        attributes += f' style="color:{color};font-weight:600"'
    return f"<{tag}{attributes}>{shown}</{tag}>"


def static_table_html(
    frame: pd.DataFrame, *, key: str, light: str | None = None, help: Mapping[str, str] | None = None
) -> str:
    """The HTML of :func:`static_table`: every cell escaped, so a name from an uploaded file is text."""
    cells = {column: [str(v) for v in frame[column]] for column in frame.columns}
    # The first column names the row (a year, an area, a law element): left, whatever it holds.
    figure = {column: k > 0 and _figures_column(values) for k, (column, values) in enumerate(cells.items())}
    header = "".join(_cell("th", column, figure=figure[column], title=(help or {}).get(column)) for column in cells)
    rows = "".join(
        "<tr>"
        + "".join(
            _cell(
                "td",
                values[k],
                figure=figure[column],
                color=LIGHT_COLOR.get(values[k], "inherit") if column == light else None,
            )
            for column, values in cells.items()
        )
        + "</tr>"
        for k in range(len(frame))
    )
    return (
        # A table wider than the page (a long contract's years) scrolls sideways in its own box.
        f'{_STATIC_TABLE_CSS}<div style="overflow-x:auto"><table class="static-table" data-key="{html.escape(key)}">'
        f"<thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table></div>"
    )


# Above this many rows a "small" table (areas, tasks: the user's own lists) is drawn as st.dataframe
# after all: a static table does not scroll, and would push the rest of the page far down.
STATIC_TABLE_MAX_ROWS = 30


def static_table(
    frame: pd.DataFrame, *, key: str, light: str | None = None, help: Mapping[str, str] | None = None
) -> None:
    """A small read-only table of formatted texts as static HTML: columns of figures right-aligned,
    the traffic-light column ``light`` coloured, ``help`` as a header's tooltip (dotted underline).

    For tables of a bounded handful of rows (years, law elements, areas): a page switch draws it
    several times faster than st.dataframe's canvas grid, and faster than st.table, which renders
    every cell as Markdown (bench/browser_components.py). A table that grows with the user's data
    (staff lines, versions) stays st.dataframe, which scrolls; so does this one above
    STATIC_TABLE_MAX_ROWS rows."""
    if len(frame) > STATIC_TABLE_MAX_ROWS:
        config = {column: st.column_config.TextColumn(help=text) for column, text in (help or {}).items()}
        st.dataframe(colored_table(frame, light) if light else frame, hide_index=True, key=key, column_config=config)
        return
    st.html(static_table_html(frame, key=key, light=light, help=help))
