"""The staff editor: the grid's rows from the raw staff (with each line's monthly salary), and its
edits folded into the raw scenario before anything is computed. Rows converted once are kept
(per row, and per place while the grid keeps its rows), so an edit of one line of 2,000 converts
one row."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from pricing.breakdown import COLUMNS, salary_preview, staff_from_table, staff_row_to_table
from pricing.contract_refs import rename_reference
from pricing.money import format_eur
from pricing.parameters import ParameterBook
from pricing.paths import set_path
from ui.grids import NO_EDITS, STAFF_GRID, grid_applied, grid_edits, renew_staff_editor
from ui.state import book, raw

# The line 'Voorbeeldregel toevoegen' puts into an empty staff table: one social worker, scale 8.
SAMPLE_STAFF_LINE = {"function": "Sociaal werker", "scale": 8, "step": 4, "fte": 1, "contract": "permanent"}


def add_sample_staff_line() -> None:
    rows = [dict(r) for r in raw().get("staff") or [] if isinstance(r, dict)]
    set_path(raw(), ("staff",), rows + [dict(SAMPLE_STAFF_LINE)])
    renew_staff_editor()


def staff_page_shown(shown: bool) -> None:
    """Called once a run, before the page runs: whether it is the staff grid's page. The browser
    forgets a grid's edits when its page is left, so the grid shown again starts afresh."""
    ss = st.session_state
    if shown and ss.get("staff_page_left"):
        renew_staff_editor()
    ss["staff_page_left"] = not shown


def staff_table_rows(on: dt.date | None) -> list[dict[str, Any]]:
    """The editor's rows from the raw staff, with the resulting monthly salary per line."""
    last = st.session_state.get("last_valid")
    # The book of the last valid result holds the scenario's own forecast (an assumed CAO rise).
    edition = last.result.book if last is not None and last.book is book() and last.result.book else book()
    memo = _TABLE_ROWS.get((id(edition), on))
    if memo is None or memo[0] is not edition:
        if len(_TABLE_ROWS) >= 8:
            _TABLE_ROWS.clear()
        memo = (edition, {})
        _TABLE_ROWS[(id(edition), on)] = memo
    rows = []
    for row in raw().get("staff") or []:
        if not isinstance(row, dict):
            continue
        key = _frozen(row)
        table = memo[1].get(key) if key is not None else None
        if table is None:
            table = staff_row_to_table(row)
            preview = salary_preview(row, on, edition)
            # Shown as text: the editor's number formats cannot write Dutch amounts.
            table["Maandsalaris"] = format_eur(preview.monthly) if preview.monthly is not None else "—"
            table["Bron salaris"] = preview.source
            if key is not None and len(memo[1]) < _ROWS_KEPT:
                memo[1][key] = table
        rows.append(table)
    return rows


# Per-row results kept across reruns and sessions (pure functions of the row, the date and the
# edition): after an edit of one line of a 2,000-line table only that line is converted again.
# The rows handed out are shared: callers copy a row before changing it.
_ROWS_KEPT = 20_000
_TABLE_ROWS: dict[
    tuple[int, dt.date | None], tuple[ParameterBook, dict[tuple[Any, ...], dict[str, Any]]]
] = {}  # (edition, date) -> staff row -> table row
_UNSEEN = object()  # not in the memo (None is a converted empty row)
_STAFF_ROWS: dict[tuple[Any, ...], dict[str, Any] | None] = {}  # grid row -> staff row (None: an empty row, skipped)


def _frozen(row: dict[str, Any]) -> tuple[Any, ...] | None:
    """A hashable stand-in for a flat staff or grid row (keys, values and their types: 1, 1.0 and
    True stay apart, also inside a nested mapping such as the on-call days, whose items are sorted),
    or None when a value cannot be hashed (such a row is simply converted every time)."""
    values = tuple(row.values())
    key = (tuple(row), values, tuple(map(type, values)))
    try:
        hash(key)
    except TypeError:
        try:
            key = (
                tuple(row),
                tuple(("mapping", _typed_items(v)) if isinstance(v, dict) else v for v in values),
                key[2],
            )
            hash(key)
        except TypeError:
            return None
    return key


def _typed_items(mapping: dict[str, Any]) -> tuple[Any, ...]:
    # Keys are unique, so sorting never compares the types or values after them.
    return tuple(sorted((k, type(v), v) for k, v in mapping.items()))


def _staff_rows(editable: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """``staff_from_table(editable)``, converting only rows not seen before. A row with a problem
    (its message names the line number) sends the whole table through the converter."""
    out: list[dict[str, Any]] = []
    for record in editable:
        key = _frozen(record)
        # One read: the memo is shared by every session, and another may clear it between two.
        converted = _STAFF_ROWS.get(key, _UNSEEN) if key is not None else _UNSEEN
        if converted is _UNSEEN:
            rows, problems = staff_from_table([record])
            if problems:
                return staff_from_table(editable)
            converted = rows[0] if rows else None
            if key is not None:
                if len(_STAFF_ROWS) >= _ROWS_KEPT:
                    _STAFF_ROWS.clear()
                _STAFF_ROWS[key] = converted
        if isinstance(converted, dict):  # not None (an empty row); never _UNSEEN here
            out.append(converted)  # shared with the memo: copied where it is stored (apply_staff_edits)
    return out, []


def _grid_after(
    base: list[dict[str, Any]], edits: dict[str, Any]
) -> tuple[dict[int, dict[str, Any]], list[dict[str, Any]]]:
    """The grid's rows after ``edits``: the base rows still there (by their place in the base, edited
    rows as new dicts: the base rows are shared) and the added rows."""
    gone = set(edits["deleted_rows"])
    kept = {i: row for i, row in enumerate(base) if i not in gone}
    for i, changes in edits["edited_rows"].items():
        if i in kept:
            kept[i] = {**kept[i], **changes}
    return kept, edits["added_rows"]


def _renamed_functions(
    before: dict[int, dict[str, Any]], after: dict[int, dict[str, Any]], now: set[Any]
) -> dict[str, str]:
    """Old -> new function names an edit renamed (a name that is gone, typed over in its row)."""
    out = {}
    for i, row in after.items():
        old, new = before.get(i, {}).get("Functie"), row.get("Functie")
        if isinstance(old, str) and isinstance(new, str) and new.strip() and old != new.strip() and old not in now:
            out[old] = new.strip()
    return out


def _editable(row: dict[str, Any]) -> dict[str, Any]:
    """A grid row's editable columns (its result columns left out), as the converter reads them."""
    return {k: row.get(k) for k in COLUMNS.values()}


def _staff_of_grid(
    base: list[dict[str, Any]], after: dict[int, dict[str, Any]], added: list[dict[str, Any]], edited: set[int]
) -> list[dict[str, Any]] | None:
    """The staff rows of the grid's rows (``after``: base rows by their place, ``added``), or None
    when a row has a problem. A base row not edited converts as it did in the last run: its staff
    row is kept per place for as long as the grid keeps these base rows (after an edit of one line
    of 2,000, one row is converted instead of 2,000 looked up)."""
    ss = st.session_state
    kept = ss.get("staff_base_converted")
    if kept is None or kept[0] is not base:
        kept = (base, {})
        ss["staff_base_converted"] = kept
    of_base: dict[int, list[dict[str, Any]]] = kept[1]  # a place's staff row, or none for an empty row
    out = []
    for i, row in after.items():
        if i in edited:
            converted, problems = _staff_rows([_editable(row)])
        elif i in of_base:
            converted, problems = of_base[i], []
        else:
            converted, problems = _staff_rows([_editable(row)])
            if not problems:
                of_base[i] = converted
        if problems:
            return None
        out.extend(converted)
    for row in added:
        converted, problems = _staff_rows([_editable(row)])
        if problems:
            return None
        out.extend(converted)
    return out


def staff_rows_shown() -> list[dict[str, Any]]:
    """The grid's rows as it shows them: the rows it was given (``staff_base``, the same list while
    nothing is edited) with its edits, whose result columns are those of the rows given."""
    ss = st.session_state
    base = ss.get("staff_base") or []
    applied = grid_applied(STAFF_GRID)
    if applied == NO_EDITS:
        return base
    kept, added = _grid_after(base, applied)
    return [*kept.values(), *added]


def apply_staff_edits() -> None:
    """Make the raw staff the grid's rows (``staff_base``) with every edit the editor holds.

    The editor keeps its key while its page is shown, and its state holds all edits since it was
    given its rows; the browser sends that whole state with every edit. So an edit typed while the
    app still runs on the previous one reaches the same widget (a grid shown under a new key after
    every edit dropped such an edit: its state went to the key that was gone). Applying the same
    edits again gives the same staff, so only a changed state is applied.
    """
    ss = st.session_state
    edits = grid_edits(STAFF_GRID)
    base = ss.get("staff_base")
    applied = grid_applied(STAFF_GRID)
    if edits is None or base is None or edits == applied:
        return
    before, _ = _grid_after(base, applied)
    after, added = _grid_after(base, edits)
    staff = _staff_of_grid(base, after, added, set(edits["edited_rows"]))
    problems: list[str] = []
    if staff is None:  # a row with a problem: the whole table through the converter (line numbers)
        editable = [_editable(r) for r in [*after.values(), *added]]
        staff, problems = _staff_rows(editable)
    # Conversion problems (an unknown contract) cannot happen through the editor's select boxes;
    # the rows are kept as typed and scenario validation names anything out of range.
    renamed = _renamed_functions(before, after, {r.get("function") for r in staff})
    # Each row copied (one level deeper for on-call days): the converted rows are shared with the memo.
    raw()["staff"] = [{k: dict(v) if isinstance(v, dict) else v for k, v in row.items()} for row in staff]
    for old, new in renamed.items():  # a renamed function keeps its place in the contract
        ss["raw"] = rename_reference(raw(), "function", old, new)
    ss["staff_conversion_problems"] = problems
    ss["staff_applied"] = edits
