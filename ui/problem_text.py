"""The scenario's problems as the screens say them: each field named the way its page names it
(staff columns, norms, contract fields), fractions typed in percent said in percent."""

from __future__ import annotations

import streamlit as st

from pricing.fields import format_bound
from pricing.numbers import DutchNumberError, parse_dutch_number
from pricing.scenario import RANGES, Problem
from ui.literal import literal

_FIELD_LABELS = {
    "staff": "Formatie",
    "name": "Naam scenario",
    "organisation": "Organisatie",
    "date": "Peildatum",
    "employer.large": "Werkgever",
    "employer.whk_pct": "Whk-premie",
    "function": "functie",
    "scale": "schaal",
    "step": "trede",
    "fte": "FTE",
    "contract": "contract",
    "monthly_salary": "eigen maandsalaris",
    "irregular_pct": "ORT %",
    "pension_entry_step": "pensioeninstap",
}


# Norm and contract path parts as the screens name them (the file keys stay for YAML users).
_NORM_EXTRA = {
    "overhead.convention": "Rekenwijze overhead",
    "overhead.lines": "Overheadkostenregels",
    "billable": "Declarabele uren",
    "reserve": "Reserveopbouw",
    "reserve.target": "Reserve: doel",
    "reserve.current": "Reserve: huidige reserve",
    "reserve.years": "Reserve: aantal jaren",
    "reserve.turnover": "Reserve: omzet",
    "hours": "Urenopbouw",
    "pensionable_allowances": "Pensioengevende toeslagen",
}


def problems_at(prefix: str) -> list[Problem]:
    """Problems whose path is ``prefix`` or lies below it."""
    out = []
    for p in st.session_state.get("problems", ()):
        if p.path == prefix or p.path.startswith(prefix + ".") or p.path.startswith(prefix + "["):
            out.append(p)
    return out


_STAFF_KEYS = {
    "(monthly_salary)": "in de kolom Eigen maandsalaris",
    "(irregular_pct)": "in de kolom ORT %",
    "(pension_entry_step)": "in de kolom Pensioeninstap",
}


def _without_file_keys(message: str) -> str:
    """Staff messages name the table's columns, not the scenario file's keys."""
    for key, column in _STAFF_KEYS.items():
        message = message.replace(key, column)
    return message


# Staff fields the grid and the staff import take in percent while the scenario keeps a fraction
# (ORT % 4 is irregular_pct 0,04): their messages say the typed value and the range in percent.
_PERCENT_FIELDS = ("irregular_pct",)


def _percent(fraction: float) -> str:
    return f"{format_bound(fraction * 100)} %"


def _in_percent(message: str, field: str) -> str:
    """``message`` about fraction ``field`` with its range and leading value said in percent."""
    return in_percent(message, *RANGES[field])


def in_percent(message: str, low: float, high: float) -> str:
    """``message`` about a fraction allowed from ``low`` to ``high``, for a field typed in percent:
    its range and leading value said in percent (0,3 -> 30 %)."""
    message = message.replace(
        f"van {format_bound(low)} tot en met {format_bound(high)}", f"van {_percent(low)} tot en met {_percent(high)}"
    )
    value, found, rest = message.partition(" valt buiten het toegestane bereik")
    if found:
        try:
            message = _percent(float(parse_dutch_number(value))) + found + rest
        except DutchNumberError:  # a value shown in short scientific form: left as it is
            pass
    return message


def problem_text(p: Problem) -> str:
    """A problem as a Dutch sentence that names the field the way the screen does."""
    path = p.path
    if path.startswith("staff["):
        index = path[6 : path.index("]")]
        rest = path[path.index("]") + 2 :] if "]." in path else ""
        field = _FIELD_LABELS.get(rest, rest)
        where = f"Regel {index}" + (f", {field}" if field else "")
        message = _in_percent(p.message, rest) if rest in _PERCENT_FIELDS else p.message
        return f"{where}: {_without_file_keys(message)}"
    if path == "contract" or path.startswith("contract."):
        from pricing.contract_text import problem_text as contract_problem_text

        return contract_problem_text(p)
    label = _FIELD_LABELS.get(path)
    if label is None and path.startswith("norms."):
        from pricing.costprice import NORM_LABELS

        key = path[6:]
        label = NORM_LABELS[key][0] if key in NORM_LABELS else _NORM_EXTRA.get(key, key)
    return f"{label or path or 'Scenario'}: {p.message}"


def show_problems(prefix: str) -> None:
    for p in problems_at(prefix):
        st.error(literal(problem_text(p)), icon=":material/warning:")
