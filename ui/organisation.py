"""Page 1: Organisatie & formatie (name, date, employer, and the staff table)."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pandas as pd
import streamlit as st

from pricing.breakdown import (
    COLUMNS,
    INFO_SALARY_COLUMN,
    StaffTableError,
    ignored_columns,
    read_staff_table,
    staff_from_table,
)
from pricing.model.scenario import StaffLine
from pricing.money import format_eur, format_number
from pricing.numbers import format_dutch_input
from pricing.paths import set_path
from pricing.safety import neutralise_cell, text_cells_as_strings
from pricing.scenario import CONTRACT_LABELS, RANGES, ScenarioError, validate_scenario
from ui import bindings, components, grids, staff_grid, state
from ui.guard import unexpected
from ui.literal import literal
from ui.problem_text import problem_text, problems_at, show_problems


def _date_of(raw: dict[str, Any]) -> dt.date | None:
    value = raw.get("date")
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _import_staff() -> None:
    upload = st.session_state.get("up_staff")
    if upload is None:
        return
    try:
        records = read_staff_table(upload.getvalue(), upload.name)
    except StaffTableError as exc:
        st.session_state["staff_import_problems"] = [str(exc)]
        return
    try:
        rows, problems = staff_from_table(records)
        if not rows and not problems:
            problems = ["Het bestand bevat geen regels."]
        if not problems:
            trial = dict(state.raw(), staff=rows)
            try:
                validate_scenario(trial)
            except ScenarioError as exc:
                problems = [problem_text(p) for p in exc.problems if p.path.startswith("staff")]
    except Exception:  # noqa: BLE001  (no traceback reaches a user)
        problems = [unexpected("het importeren van de formatie")]
    if problems:
        st.session_state["staff_import_problems"] = problems
        st.session_state.pop("staff_import_note", None)
        return
    st.session_state.pop("staff_import_problems", None)
    ignored = ignored_columns(records)
    note = f"{len(rows)} regels geïmporteerd uit '{upload.name}'."
    if ignored:
        note += " Genegeerde kolommen (niet nodig voor de kostprijs): " + ", ".join(ignored) + "."
    st.session_state["staff_import_note"] = note
    set_path(state.raw(), ("staff",), rows)
    grids.renew_staff_editor()


# Typed as text in the grid: a browser's number cell reads the Dutch comma and dot by its own locale
# (0.30 became 30 FTE in nl-NL). The import's parser (pricing/numbers.py) reads what is typed.
_TEXT_NUMBERS = {
    "Schaal": 0,
    "FTE": 2,
    "Eigen maandsalaris": 2,
    "ORT %": 2,
    "Personen": 2,
    "Consignatie werkdagen": 1,
    "Consignatie weekend- en feestdagen": 1,
}


def _as_text(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for column, places in _TEXT_NUMBERS.items():
        value = out.get(column)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            out[column] = format_dutch_input(value, places)
    return out


# Grid rows of the shared table rows (staff_grid.staff_table_rows), by identity: after an edit of one
# line only that line is formatted again. Entries hold their row, so an id stays its row's.
_TEXT_ROWS: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}


def _grid_rows(base: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if len(_TEXT_ROWS) > 20_000:
        _TEXT_ROWS.clear()
    out = []
    for row in base:
        hit = _TEXT_ROWS.get(id(row))
        if hit is None or hit[0] is not row:
            hit = (row, _as_text(row))
            _TEXT_ROWS[id(row)] = hit
        out.append(hit[1])
    return out


def _grid_frame(base: list[dict[str, Any]]) -> pd.DataFrame:
    """The editor's table of the rows it was given, built once per set of rows: they stay the same
    while the page is shown (the editor copies the table before it applies its edits)."""
    kept = st.session_state.get("staff_frame")
    if kept is None or kept[0] is not base:
        frame = pd.DataFrame(_grid_rows(base), columns=list(COLUMNS.values()) + ["Maandsalaris", "Bron salaris"])
        kept = (base, frame)
        st.session_state["staff_frame"] = kept
    return kept[1]


# The grid fits a 1400 px screen with the columns every organisation fills; the CAO details most
# leave empty (headcount, primary process, age band, on-call days) are one toggle away. Hidden
# columns keep their values: edits are folded into the full rows (staff_grid.apply_staff_edits).
_BASIC_COLUMNS = ["Functie", "Schaal", "Trede", "FTE", "Contract", "Eigen maandsalaris", "ORT %"]
_DETAIL_COLUMNS = [
    "Personen",
    "Primair proces",
    "Leeftijdsgroep",
    "Consignatie werkdagen",
    "Consignatie weekend- en feestdagen",
]
_RESULT_COLUMNS = ["Maandsalaris", "Bron salaris"]


def _staff_columns(more: bool) -> list[str]:
    """The grid's columns in order: the first ones stay in place whether or not the details show."""
    return _BASIC_COLUMNS + (_DETAIL_COLUMNS if more else []) + _RESULT_COLUMNS


def _filled_details(rows: list[dict[str, Any]]) -> list[str]:
    """The hidden detail columns that hold a value in some row (named, so nothing is out of sight unseen)."""

    def filled(value: object) -> bool:
        return value is not None and str(value).strip() not in ("", "nan", "None")

    return [c for c in _DETAIL_COLUMNS if any(filled(r.get(c)) for r in rows)]


def _more_columns_toggle() -> bool:
    more = st.toggle(
        "Meer kolommen (cao-details)",
        value=bool(st.session_state.get("staff_more_columns")),
        key="staff_more_toggle",
        help="Personen, primair proces, leeftijdsgroep en consignatiedagen: nodig voor de zorgbijdrage per "
        "persoon, de arbeidsmarkttoeslag, vitaliteitsuren en consignatie (cao sociaal werk). Leeg laten geeft "
        "de standaard die bij elke kolom staat.",
    )
    st.session_state["staff_more_columns"] = more  # kept across pages (a widget's own state is not)
    return more


def _hidden_filled_caption(rows: list[dict[str, Any]]) -> None:
    filled = _filled_details(rows)
    if filled:
        st.caption("Verborgen kolommen met ingevulde waarden (die blijven meetellen): " + ", ".join(filled) + ".")


def _salary_changes(shown: list[dict[str, Any]], current: list[dict[str, Any]]) -> str | None:
    """The monthly salaries the grid's own edits changed, which its result columns (the rows it was
    given) do not show yet; None when there are none, or when the lines no longer pair up (an empty
    added line is not a staff line)."""
    if len(shown) != len(current):
        return None
    changed = [
        f"{literal(str(now.get('Functie') or f'regel {line}'))}: {now['Maandsalaris']} ({now['Bron salaris']})"
        for line, (was, now) in enumerate(zip(shown, current), start=1)
        if (was.get("Maandsalaris"), was.get("Bron salaris")) != (now["Maandsalaris"], now["Bron salaris"])
    ]
    if not changed:
        return None
    return "Maandsalaris na uw wijziging (de tabel toont het bij het opnieuw openen): " + "; ".join(changed) + "."


def _kept_value(line: StaffLine, field: str) -> str | None:
    """The value the last valid staff line has for ``field``, as the grid shows it (None: not shown)."""
    if field == "fte":
        return f"{format_number(line.fte, 2)} FTE"
    if field == "monthly_salary":
        return "het salaris uit de cao-tabel" if line.monthly_salary is None else format_eur(line.monthly_salary)
    if field == "irregular_pct":  # as the ORT % column and the range in the message write it: 0 %, 12,5 %
        return f"{format_dutch_input(round(line.irregular_pct * 100, 8), _TEXT_NUMBERS['ORT %'])} %"
    if field == "scale":
        return f"schaal {line.scale}"
    if field == "step":
        return f"trede {line.step}"
    return None


def _staff_problems(ev: state.EditView) -> None:
    """Each problem in the grid, and what the figures use meanwhile: a refused cell keeps what is
    typed on screen, but every page still computes with the last valid staffing."""
    if state.no_staff():  # the empty state above says what to do first
        return
    raw_staff = state.raw().get("staff") or []
    last = ev.scenario.staff
    for p in problems_at("staff"):
        text = problem_text(p)
        line = re.match(r"staff\[(\d+)\]", p.path)
        if line:  # the grid shows no line numbers: name the line's function too, as the grid shows it
            i = int(line.group(1)) - 1
            row = raw_staff[i] if 0 <= i < len(raw_staff) and isinstance(raw_staff[i], dict) else {}
            function = row.get("function")
            if isinstance(function, str) and function.strip() and text.startswith(f"Regel {i + 1}"):
                text = f"Regel {i + 1} ({function.strip()})" + text[len(f"Regel {i + 1}") :]
        if ev.stale:
            kept = None
            found = re.fullmatch(r"staff\[(\d+)\]\.(\w+)", p.path)
            if found:
                i, field = int(found.group(1)) - 1, found.group(2)
                row = raw_staff[i] if 0 <= i < len(raw_staff) and isinstance(raw_staff[i], dict) else {}
                if i < len(last) and row.get("function") == last[i].function:
                    kept = _kept_value(last[i], field)
            text += (
                f". Niet overgenomen: de berekening gebruikt nog {kept}."
                if kept
                else ". Niet overgenomen: de berekening gebruikt nog de laatste geldige formatie."
            )
        st.error(literal(text), icon=":material/warning:")


def _toggle_whk(sector_whk: float | None) -> None:
    if st.session_state["w_whk_own"]:
        # Start from the sector figure in force, so switching on changes nothing until edited.
        set_path(state.raw(), ("employer", "whk_pct"), sector_whk if sector_whk is not None else 0.0)
    else:
        set_path(state.raw(), ("employer", "whk_pct"), None)
    bindings.forget_widget("whk_pct")


def _export_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    order = list(COLUMNS.values()) + [INFO_SALARY_COLUMN]
    frame = pd.DataFrame(rows, columns=list(COLUMNS.values()) + ["Maandsalaris"])
    return frame.rename(columns={"Maandsalaris": INFO_SALARY_COLUMN})[order]


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    # A function name typed as '=...' must not run as a formula where the CSV is opened.
    safe = frame.map(neutralise_cell)
    text: str = safe.to_csv(sep=";", decimal=",", index=False)  # without a path, to_csv returns the text
    return text.encode("utf-8-sig")


def render_organisation() -> None:
    ev = components.page_header(
        "Organisatie & formatie",
        "Wie werkt er, in welke schaal en trede, hoeveel FTE. Het maandsalaris volgt uit de cao-tabel "
        "op de peildatum, tenzij u een eigen maandsalaris opgeeft.",
        needs_staff=False,
    )
    empty = state.no_staff()
    if empty:
        st.button(
            "Voorbeeldregel toevoegen",
            key="btn_staff_sample",
            on_click=staff_grid.add_sample_staff_line,
            icon=":material/person_add:",
            help="Eén sociaal werker, schaal 8, trede 4, 1 FTE, vast contract; pas de regel daarna aan.",
        )
    else:
        components.kpi_strip(ev.result)
    raw = state.raw()

    st.subheader("Organisatie")
    c1, c2, c3 = st.columns([3, 3, 2])
    with c1:
        bindings.scenario_widget(st.text_input, "Naam scenario", ("name",), key="name", current="", max_chars=120)
        show_problems("name")
    with c2:
        bindings.scenario_widget(
            st.text_input, "Organisatie", ("organisation",), key="organisation", current="", max_chars=120
        )
        show_problems("organisation")
    with c3:
        bindings.scenario_widget(
            st.date_input,
            "Peildatum",
            ("date",),
            key="date",
            current=ev.scenario.date,
            to_widget=lambda v: _date_of({"date": v}) or ev.scenario.date,
            format="DD-MM-YYYY",
            min_value=dt.date(2019, 1, 1),
            max_value=dt.date(2035, 12, 31),
            help="Kiest de cao-tabel, premies en pensioenparameters.",
        )
        show_problems("date")
    c1, c2, _ = st.columns([3, 3, 2])
    with c1:
        bindings.scenario_widget(
            st.radio,
            "Werkgever (Aof-premie)",
            ("employer", "large"),
            key="employer_large",
            current=True,
            options=[True, False],
            format_func=lambda v: "grote werkgever" if v else "kleine werkgever",
            horizontal=True,
        )
        show_problems("employer")
    with c2:
        own_whk = (raw.get("employer") or {}).get("whk_pct") is not None
        sector_whk = ev.result.rates.whk if ev.scenario.whk_pct is None else None
        st.toggle(
            "Eigen Whk-premie",
            value=own_whk,
            key="w_whk_own",
            on_change=_toggle_whk,
            args=(sector_whk,),
            help="Anders geldt het sectorgemiddelde uit de premieparameters.",
        )
        if own_whk:
            bindings.number_field(
                "Whk-premie (%)",
                ("employer", "whk_pct"),
                key="whk_pct",
                scale=100,
                current=ev.result.rates.whk,
                min_value=0.0,
                max_value=RANGES["whk_pct"][1] * 100,
                unit="%",
            )

    st.subheader("Formatie")
    st.caption(
        "Bewerk de cellen direct; voeg regels toe met + onderaan de tabel of verwijder ze door ze te "
        "selecteren. ORT % is het gemiddelde onregelmatigheidspercentage van de functie (0 bij kantoortijden)."
    )
    on = _date_of(raw)
    steps = list(state.book().salary.steps)
    fte_high = RANGES["fte"][1]
    more = _more_columns_toggle()
    # The grid keeps the rows it was given while its page is shown (its edits are relative to them:
    # staff_grid.apply_staff_edits); it is given them anew when it changes shape or its salaries all change.
    shape = (more, on, id(state.book()))
    if st.session_state.get("staff_base") is not None and st.session_state.get("staff_shape") != shape:
        grids.renew_staff_editor()
    if st.session_state.get("staff_base") is None:
        st.session_state["staff_base"] = staff_grid.staff_table_rows(on)
        st.session_state["staff_shape"] = shape
    base = st.session_state["staff_base"]
    shown = staff_grid.staff_rows_shown()
    current = base if shown is base else staff_grid.staff_table_rows(on)  # the rows as the scenario has them now
    if not more:
        _hidden_filled_caption(current)
    frame = _grid_frame(base)
    # The columns shown at first (and the 32 px row markers) fit the page from 1280 px wide (818 px)
    # without a sideways scroll; the details shown on request add their own width.
    st.data_editor(
        frame,
        key=grids.grid_key(grids.STAFF_GRID),
        num_rows="dynamic",
        hide_index=True,
        placeholder="",
        width="stretch",
        column_order=_staff_columns(more),
        disabled=["Maandsalaris", "Bron salaris"],
        column_config={
            # Not required: a new row whose function is still empty is sent as it is, and validation
            # names it ("Functie: verplicht"). A required column keeps such a row in the browser,
            # shown in the grid but counted nowhere, with only a red corner to say so.
            "Functie": st.column_config.TextColumn("Functie", max_chars=80, width=136),
            # Text, like FTE: a number cell clamps to its range without a word (15 became 14,
            # -3 became 3) and drops what it cannot read; validation names a scale outside 1-14.
            "Schaal": st.column_config.TextColumn(
                "Schaal", default="8", required=True, max_chars=10, width=72, help="Cao-schaal 1 tot en met 14."
            ),
            "Trede": st.column_config.SelectboxColumn("Trede", options=steps, default="0", required=True, width=66),
            "FTE": st.column_config.TextColumn(
                "FTE",
                default="1",
                required=True,
                width=56,
                max_chars=20,
                help=f"Bijvoorbeeld 0,8 of 12,5 (groter dan 0, ten hoogste {fte_high:g}).",
            ),
            "Contract": st.column_config.SelectboxColumn(
                "Contract", options=list(CONTRACT_LABELS.values()), width=86, default="vast", required=True
            ),
            "Eigen maandsalaris": st.column_config.TextColumn(
                "Eigen salaris",
                max_chars=20,
                width=108,
                help="Eigen maandsalaris in euro, bijvoorbeeld 3.850,50. Alleen invullen als het salaris afwijkt van "
                "de cao-tabel.",
            ),
            "ORT %": st.column_config.TextColumn(
                "ORT %", width=72, max_chars=20, help="Bijvoorbeeld 4 of 2,5 (procent)."
            ),
            "Personen": st.column_config.TextColumn(
                "Personen",
                width="small",
                max_chars=20,
                help="Aantal medewerkers op deze regel (leeg = voltijders). De zorgbijdrage van € 10 per maand (cao art. 4.2) "
                "en het maximum premieloon gelden per persoon, dus deeltijd kost meer per FTE.",
            ),
            "Primair proces": st.column_config.SelectboxColumn(
                "Primair proces",
                options=["ja", "nee"],
                width="medium",
                help="Arbeidsmarkttoeslag middeninkomens (cao art. 6.6): 1,13 % van het salaris voor functies in het "
                "primair proces in de schalen 4-9. Leeg = ja in die schalen; kies nee voor staf en kantoor.",
            ),
            "Leeftijdsgroep": st.column_config.SelectboxColumn(
                "Leeftijdsgroep",
                options=["<30", "30-39", "40-44", "45-49", "50+"],
                width="medium",
                help="Vitaliteitsuren (cao art. 3.3, loopbaanbudget deel 2): 0 uur onder 30, 7,2 uur 30-39, 14,4 uur 40-44, "
                "21,6 uur 45-49, 36 uur vanaf 50. Leeg = het gemiddelde van de organisatie (aanname 14,4 uur).",
            ),
            "Consignatie werkdagen": st.column_config.TextColumn(
                "Consignatie werkdagen",
                max_chars=20,
                width="medium",
                help="Dagen consignatie per jaar op maandag t/m vrijdag (cao art. 5.4 / 6.13): 1 uur betaalde vrije tijd per dag.",
            ),
            "Consignatie weekend- en feestdagen": st.column_config.TextColumn(
                "Consignatie weekend- en feestdagen",
                max_chars=20,
                width="medium",
                help="Dagen consignatie per jaar op zaterdag, zondag of een feestdag (cao art. 5.4 / 6.13): 2 uur betaalde "
                "vrije tijd per dag; samen ten hoogste 7 dagen per 4 weken.",
            ),
            "Maandsalaris": st.column_config.TextColumn(
                "Maandsalaris", width=92, help="Resultaat: cao-tabel op de peildatum of eigen opgave."
            ),
            "Bron salaris": st.column_config.TextColumn(
                "Bron salaris", width=98, help="Cao-tabel, eigen opgave, of waarom er (nog) geen salaris is."
            ),
        },
    )
    changes = _salary_changes(shown, current)
    if changes:
        st.caption(changes)
    _staff_problems(ev)
    show_problems("contract")  # the contract's staffing refers to these functions
    for p in st.session_state.get("staff_conversion_problems", []):
        st.error(literal(p), icon=":material/warning:")

    if st.session_state.get("staff_import_note"):  # outside the expander, so it is seen after an import
        st.success(st.session_state["staff_import_note"], icon=":material/check:")
    team = ev.result.team
    if not empty:
        st.caption(
            f"Totaal {format_number(team.total_fte, 2)} FTE in {len(ev.result.lines)} "
            f"{'functie' if len(ev.result.lines) == 1 else 'functies'}"
            + (" (laatste geldige invoer)" if ev.stale else "")
            + "."
        )

    with st.expander("Importeren en downloaden", expanded=False):
        st.markdown(
            "Kolommen: "
            + ", ".join(f"`{c}`" for c in COLUMNS.values() if c != "Pensioeninstap")
            + ". Contract: *vast* of *flexibel*; ORT in procenten; getallen zoals u ze typt (3.850,50). "
            "Gangbare kolomnamen uit HR-systemen worden herkend; andere kolommen (naam, personeelsnummer) worden genegeerd."
        )
        st.file_uploader(
            "Formatie importeren (CSV of Excel)", type=["csv", "xlsx"], key="up_staff", on_change=_import_staff
        )
        for p in st.session_state.get("staff_import_problems", []):
            st.error(literal(p), icon=":material/block:")

        c1, c2 = st.columns(2)
        # Built only when clicked (callables run on download), so editing stays fast; from the rows
        # as the scenario has them when the page was drawn.
        c1.download_button(
            "Download CSV",
            data=lambda: _csv_bytes(_export_frame(current)),
            file_name="formatie.csv",
            mime="text/csv",
            key="dl_staff_csv",
            on_click="ignore",
        )
        c2.download_button(
            "Download Excel",
            data=lambda: _excel_bytes(_export_frame(current)),
            file_name="formatie.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="dl_staff_xlsx",
            on_click="ignore",
        )


def _excel_bytes(frame: pd.DataFrame) -> bytes:
    from openpyxl import load_workbook

    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False, sheet_name="Formatie")
    # Text stays text: openpyxl would store a name typed as '=...' as a formula.
    workbook = load_workbook(io.BytesIO(buffer.getvalue()))
    text_cells_as_strings(workbook["Formatie"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
