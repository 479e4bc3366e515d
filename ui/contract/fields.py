"""The contract as the session holds it (``st.session_state["raw"]["contract"]``, see ui/state.py):
reading and writing its parts, widgets bound to its fields, and adding or removing the contract."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st

from ui import bindings, state


def raw_contract() -> dict[str, Any]:
    value = state.raw().get("contract")
    return value if isinstance(value, dict) else {}


def rows_of(key: str) -> list[dict[str, Any]]:
    """The contract's rows under ``key`` (tasks, areas, staffing, activities), each a mapping."""
    value = raw_contract().get(key)
    return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []


def names_of(key: str) -> list[Any]:
    """The names of the contract's areas or tasks, in their order, the unnamed left out."""
    return [row.get("name") for row in rows_of(key) if row.get("name")]


def staff_functions() -> list[str]:
    """The functions of the organisation's staff, each once, sorted: what a contract line can use."""
    functions: set[Any] = {
        r.get("function") for r in state.raw().get("staff") or [] if isinstance(r, dict) and r.get("function")
    }
    return sorted(functions)


def set_part(key: str, value: Any) -> None:
    contract = state.raw().setdefault("contract", {})
    if not isinstance(contract, dict):
        state.raw()["contract"] = contract = {}
    if value is None or value == []:
        contract.pop(key, None)
    else:
        contract[key] = value


def _same(value: Any) -> Any:
    return value


def _bound_at(
    widget: Callable[..., Any],
    label: str,
    path: tuple[str, ...],
    key: str,
    *,
    default: Any,
    to_widget: Callable[[Any], Any] = _same,
    convert: Callable[[Any], Any] = _same,
    **kwargs: Any,
) -> Any:
    return bindings.bind(
        widget, label, path, key=key, current=default, to_widget=to_widget, from_widget=convert, **kwargs
    )


def bound(widget: Callable[..., Any], label: str, key: str, **kwargs: Any) -> Any:
    """A widget bound to ``contract.<key>`` (re-read from the scenario after a load)."""
    return _bound_at(widget, label, ("contract", key), f"contract_{key}", **kwargs)


def bound_ix(widget: Callable[..., Any], label: str, key: str, **kwargs: Any) -> Any:
    """A widget bound to ``contract.indexation.<key>``."""
    return _bound_at(widget, label, ("contract", "indexation", key), f"contract_ix_{key}", **kwargs)


def pct_field(
    label: str,
    path: tuple[str, ...],
    key: str,
    *,
    default: float | None,
    places: int = 2,
    low: float,
    high: float,
    help: str | None = None,
) -> None:
    """A percentage of the contract (stored as a fraction) typed in Dutch notation."""
    bindings.number_field(
        label,
        ("contract", *path),
        key=key,
        current=default,
        scale=100,
        places=places,
        min_value=low,
        max_value=high,
        unit="%",
        help=help,
    )


def _forget_contract_widgets() -> None:
    """Drop the contract's bound widgets, so they are read again from the contract as it is now."""
    for key in [
        k for k in st.session_state.keys() if isinstance(k, str) and k.startswith(f"{state.WIDGET_PREFIX}contract_")
    ]:
        del st.session_state[key]


def start_contract() -> None:
    demo = state.demo_raw().get("contract")
    functions = [r.get("function") for r in state.raw().get("staff") or [] if isinstance(r, dict)]
    if demo and all(line.get("function") in functions for line in demo.get("staffing", [])):
        state.raw()["contract"] = copy.deepcopy(demo)
    else:
        state.raw()["contract"] = {
            "name": "Nieuw contract",
            "municipality": "Gemeente",
            "funding": "taakgericht",
            "start": dt.date(dt.date.today().year + 1, 1, 1).isoformat(),
            "years": 4,
            "areas": [{"name": "Wijk 1"}],
            "tasks": [{"name": "Opgave 1"}],
            "staffing": [{"area": "Wijk 1", "task": "Opgave 1", "function": functions[0], "fte": 1.0}]
            if functions
            else [],
            "indexation": {"assumed_pct": 0.03},
        }
    _forget_contract_widgets()


def remove_contract() -> None:
    state.raw().pop("contract", None)
    _forget_contract_widgets()
