"""References from a raw contract to the organisation's functions and to its own areas and tasks.

A contract's staffing names functions of the staff table, and its staffing and activities (also
those of its variants) name its areas and tasks. When the staff table is replaced or a name is
edited these references can break; these pure functions find the broken ones, rename a name
everywhere it is used, and give the FTE the contract asks for next to the organisation's FTE.
They work on raw scenario dicts (valid or not) and never change their input.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pricing.model.contract import StaffingLine

KINDS = {"function": "functie", "area": "gebied", "task": "opgave"}


def _lines(contract: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every staffing and activity line, of the contract and of its variants."""
    holders = [contract] + [o for o in contract.get("options") or [] if isinstance(o, dict)]
    for holder in holders:
        for key in ("staffing", "activities"):
            for line in holder.get(key) or []:
                if isinstance(line, dict):
                    yield line


def _names(items: Any) -> list[str]:
    return [i["name"] for i in items or [] if isinstance(i, dict) and isinstance(i.get("name"), str)]


def broken_references(raw: dict[str, Any]) -> dict[str, list[str]]:
    """Names the contract uses that do not exist (per kind), in the order they first appear."""
    contract = raw.get("contract")
    if not isinstance(contract, dict):
        return {}
    known: dict[str, set[Any]] = {
        "function": {r.get("function") for r in raw.get("staff") or [] if isinstance(r, dict)},
        "area": set(_names(contract.get("areas"))),
        "task": set(_names(contract.get("tasks"))),
    }
    broken: dict[str, list[str]] = {}
    for line in _lines(contract):
        for kind in KINDS:
            name = line.get(kind)
            if isinstance(name, str) and name not in known[kind] and name not in broken.get(kind, []):
                if kind == "function" and "function" not in line:
                    continue
                broken.setdefault(kind, []).append(name)
    return broken


def rename_reference(raw: dict[str, Any], kind: str, old: str, new: str) -> dict[str, Any]:
    """A copy of ``raw`` with every reference of ``kind`` (function, area, task) from ``old`` to
    ``new``; areas and tasks are also renamed in their own lists, functions only in the contract
    (the staff table holds the new name already)."""
    if kind not in KINDS:
        raise ValueError(f"unknown reference kind {kind!r}")
    out = copy.deepcopy(raw)
    contract = out.get("contract")
    if not isinstance(contract, dict) or old == new:
        return out
    for line in _lines(contract):
        if line.get(kind) == old:
            line[kind] = new
    if kind in ("area", "task"):
        for item in contract.get("areas" if kind == "area" else "tasks") or []:
            if isinstance(item, dict) and item.get("name") == old:
                item["name"] = new
    return out


def staffing_fte(staffing: Sequence[StaffingLine], billable_hours_per_fte: float) -> float:
    """FTE a validated contract's own staffing asks for: hours count as FTE at the billable hours
    per FTE. The figure the contract page shows: only what validation took over counts."""
    return sum(line.fte if line.fte is not None else (line.hours or 0.0) / billable_hours_per_fte for line in staffing)
