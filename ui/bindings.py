"""Widget bindings: every input writes into the scenario being edited (or into the session values)
through an ``on_change`` callback, and is re-read from it whenever Streamlit has dropped the
widget's own state (page switch, load, reset); numbers are typed in Dutch notation and read by the
one parser (pricing/numbers.py), a refused number stays in its field with its message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal

import streamlit as st

from pricing.money import format_eur
from pricing.numbers import DutchNumberError, Kind, format_dutch_input, parse_dutch_number
from pricing.paths import get_path, set_path
from ui.state import KEEP_PREFIX, WIDGET_PREFIX, raw


def _root(store: str) -> dict[str, Any]:
    """Where a bound widget writes: the scenario being edited, or the session values."""
    if store == "scenario":
        return raw()
    values: dict[str, Any] = st.session_state["values"]
    return values


def _widget_key(store: str, key: str) -> str:
    return (WIDGET_PREFIX if store == "scenario" else KEEP_PREFIX) + key


def _plain(value: Any, path: tuple[str, ...]) -> Any:
    """A widget's value as the scenario stores it (dates as ISO text, an emptied reason as none)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and path and path[0] == "deviation_reasons" and not value.strip():
        return None
    return value


def _forgotten(wkey: str) -> bool:
    """Was the widget's key dropped (:func:`forget_widget`, a load) since the widget was drawn?
    Streamlit keeps the widget's callback, and a browser that has not yet drawn the run without the
    widget still sends the value it shows: the dropped key holds no old value, so the callback fires,
    and the key no longer reads that value (it reads as empty, or raises). Such a callback must write
    nothing: the scenario holds what replaced the widget (the municipal percentage per year that the
    index table wrote, a loaded file's value)."""
    return wkey not in st.session_state


def _write(wkey: str, store: str, path: tuple[str, ...], from_widget: Callable[[Any], Any]) -> None:
    if _forgotten(wkey):
        return
    set_path(_root(store), path, from_widget(st.session_state[wkey]))


def bind(
    widget: Callable[..., Any],
    label: str,
    path: tuple[str, ...],
    *,
    key: str,
    current: Any = None,
    store: str = "scenario",
    to_widget: Callable[[Any], Any] = lambda v: v,
    from_widget: Callable[[Any], Any] | None = None,
    **kwargs: Any,
) -> Any:
    """A widget bound to a path in the scenario (``store="scenario"``) or in the session values
    (``store="values"``: offered tariff, annual accounts; kept across scenario loads).

    The widget writes through ``on_change`` and is re-read from its path whenever Streamlit has
    dropped its state (page switch, load, reset), showing ``current`` when the path is not set.
    """
    wkey = _widget_key(store, key)
    if wkey not in st.session_state:
        value = get_path(_root(store), path)
        try:
            st.session_state[wkey] = to_widget(current if value is None else value)
        except (TypeError, ValueError):
            st.session_state[wkey] = to_widget(current)
    convert = from_widget or (lambda v: _plain(v, path))
    return widget(label, key=wkey, on_change=_write, args=(wkey, store, path, convert), **kwargs)


# Number fields: text inputs read by the one Dutch parser (pricing/numbers.py), never a number_input
# (a browser's number input drops the Dutch comma and reads the thousands dot as a decimal point).


def _field_errors() -> dict[str, tuple[str, str]]:
    """The refused fields by widget key: (label, Dutch reason)."""
    errors: dict[str, tuple[str, str]] = st.session_state.setdefault("field_errors", {})
    return errors


# A field's unit as the parser's kind, for an example that fits what the field takes.
_KINDS: dict[str, Kind] = {"€": "euro", "uur": "hours", "FTE": "fte", "%": "percent"}


def _echo(value: float, unit: str | None, places: int, fixed_places: bool = False) -> str:
    if unit == "€":
        return format_eur(value, places)
    text = format_dutch_input(value, places, trim_whole=not fixed_places)
    return f"{text} {unit}" if unit else text


def _write_number(
    wkey: str,
    store: str,
    path: tuple[str, ...],
    label: str,
    scale: float,
    places: int,
    min_value: float | None,
    max_value: float | None,
    integer: bool,
    unit: str | None,
    in_force: float | None = None,
    fixed_places: bool = False,
) -> None:
    if _forgotten(wkey):
        return
    if isinstance(get_path(_root(store), path), (dict, list)):
        # A number field stands for a number: a per-year mapping at its path (written by a table,
        # which then replaces the field with a caption) is not its to clear or overwrite, also not
        # when a browser that had not yet redrawn the page sends the old field's state.
        return
    typed = str(st.session_state.get(wkey) or "")
    errors = _field_errors()
    st.session_state.setdefault("field_echo", {}).pop(wkey, None)
    if not typed.strip():
        errors.pop(wkey, None)
        set_path(_root(store), path, None)
        return

    def refuse(reason: str) -> None:
        errors[wkey] = (label, reason)
        # Also as a short toast: the field's own message can be out of sight once the page has moved on.
        st.toast(
            f"{label}: '{typed}' niet overgenomen; {_kept(in_force, unit, places)}. De reden staat bij het veld.",
            icon=":material/edit_off:",
        )

    try:
        # A whole-number field without a unit of its own (a round, a term in years) gives '4' as its
        # example, not an amount in euros.
        kind = _KINDS.get(unit or "") or ("whole" if integer else None)
        value = float(parse_dutch_number(typed, kind=kind))
    except DutchNumberError as exc:
        refuse(str(exc))
        return
    allowed = ""
    if min_value is not None and max_value is not None:
        allowed = f"toegestaan is {_echo(min_value, unit, 0)} tot en met {_echo(max_value, unit, 0)}"
    elif min_value is not None:
        allowed = f"toegestaan is {_echo(min_value, unit, 0)} of meer"
    elif max_value is not None:
        allowed = f"toegestaan is ten hoogste {_echo(max_value, unit, 0)}"
    if (min_value is not None and value < min_value) or (max_value is not None and value > max_value):
        refuse(f"'{typed}' valt buiten het bereik; {allowed}")
        return
    if integer and not value.is_integer():
        refuse(f"'{typed}' is geen geheel getal")
        return
    errors.pop(wkey, None)
    stored = round(value / scale, 10)
    if integer or (scale == 1 and stored.is_integer() and abs(stored) >= 1):
        stored = int(stored)
    set_path(_root(store), path, stored)
    st.session_state[wkey] = format_dutch_input(value, places, trim_whole=not fixed_places)
    st.session_state["field_echo"][wkey] = _echo(value, unit, places, fixed_places)


def refusal_text(label: str, reason: str, previous: float | None, unit: str | None, places: int) -> str:
    """A refused number in Dutch: the field, what was typed and why (``reason`` quotes it), and the
    value that stays in force."""
    return f"{label}: {reason}. Niet overgenomen: {_kept(previous, unit, places)}."


def _kept(previous: float | None, unit: str | None, places: int) -> str:
    if previous is None:
        return "het veld blijft leeg in de berekening"
    return f"de vorige waarde {_echo(previous, unit, places)} blijft gelden"


def number_field(
    label: str,
    path: tuple[str, ...],
    *,
    key: str,
    current: float | None = None,
    store: str = "scenario",
    scale: float = 1.0,
    places: int = 2,
    min_value: float | None = None,
    max_value: float | None = None,
    integer: bool = False,
    unit: str | None = None,
    help: str | None = None,
    disabled: bool = False,
    placeholder: str | None = None,
    label_visibility: Literal["visible", "hidden", "collapsed"] = "visible",
    fixed_places: bool = False,
) -> float | None:
    """A number typed in Dutch notation, bound to a path (see :func:`bind`), in the unit shown
    (``scale`` 100 shows a fraction as a percentage). Refused input stays in the field with a Dutch
    message naming what was typed; the path keeps its previous value. Returns the value in force
    (in the shown unit) or None. ``fixed_places``: a whole number keeps its ``places`` decimals in
    the field and its echo (``7,00 %``, as the page shows such values), instead of ``7``."""
    wkey = _widget_key(store, key)
    root = _root(store)
    value = get_path(root, path)
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        value = current
    shown = None if value is None else round(float(value) * scale, 8)
    if wkey not in st.session_state:
        st.session_state[wkey] = format_dutch_input(shown, places, trim_whole=not fixed_places)
        _field_errors().pop(wkey, None)
    st.text_input(
        label,
        key=wkey,
        help=help,
        disabled=disabled,
        placeholder=placeholder,
        label_visibility=label_visibility,
        on_change=_write_number,
        args=(wkey, store, path, label, scale, places, min_value, max_value, integer, unit, shown, fixed_places),
    )
    error = _field_errors().get(wkey)
    if error:
        st.error(refusal_text(label, error[1], shown, unit, places), icon=":material/edit_off:")
    else:
        echo = st.session_state.get("field_echo", {}).get(wkey)
        if echo:
            st.caption(f"Gelezen als **{echo}**")
        elif shown is not None and not str(st.session_state.get(wkey) or "").strip():
            # An emptied field of a norm with a default: the figure still counts, so it is named
            # here, not only in the source caption beside it.
            st.caption(
                f"Leeg: gerekend wordt met **{_echo(shown, unit, places, fixed_places)}**, de waarde die geldt "
                "zonder eigen invoer (herkomst ernaast)."
            )
    return shown


def field_problems() -> list[tuple[str, str]]:
    """Typed numbers that were refused (label, Dutch message); the pages say they were not applied."""
    return list(_field_errors().values())


def scenario_number(
    label: str,
    path: tuple[str, ...],
    *,
    key: str,
    current: float | None,
    scale: float = 1.0,
    min_value: float | None = None,
    max_value: float | None = None,
    step: float | None = None,
    fmt: str | None = None,
    help: str | None = None,
    disabled: bool = False,
) -> float | None:
    """A number field bound to a scenario path (the older call form of :func:`number_field`)."""
    places = int(fmt[2]) if fmt and fmt.startswith("%.") and fmt[2].isdigit() else 2
    integer = isinstance(step, int) and isinstance(min_value, int)
    return number_field(
        label,
        path,
        key=key,
        current=current,
        scale=scale,
        places=places,
        min_value=min_value,
        max_value=max_value,
        integer=integer,
        help=help,
        disabled=disabled,
    )


def scenario_widget(
    widget: Callable[..., Any],
    label: str,
    path: tuple[str, ...],
    *,
    key: str,
    current: Any,
    to_widget: Callable[[Any], Any] = lambda v: v,
    **kwargs: Any,
) -> Any:
    """Any other input bound to a scenario path (text, date, toggle, radio with option values)."""
    return bind(widget, label, path, key=key, current=current, to_widget=to_widget, **kwargs)


def value_widget(widget: Callable[..., Any], label: str, name: str, *, default: Any, **kwargs: Any) -> Any:
    """An input bound to a session value (not part of the scenario), kept across pages and loads."""
    st.session_state["values"].setdefault(name, default)
    return bind(widget, label, (name,), key=name, current=default, store="values", **kwargs)


def forget_widget(key: str, store: str = "scenario") -> None:
    """Let a bound field read its path afresh on the next run, after the app itself wrote the path:
    its typed text, its refusal and its echo ('Gelezen als ...', which would still name the old value)."""
    wkey = _widget_key(store, key)
    st.session_state.pop(wkey, None)
    _field_errors().pop(wkey, None)
    st.session_state.get("field_echo", {}).pop(wkey, None)
