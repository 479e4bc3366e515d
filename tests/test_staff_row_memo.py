"""The staff grid's per-row memo (ui.staff_grid) answers only for a row equal in every value and type:
a row converted before never stands in for a row that differs from it, nested values included."""

from __future__ import annotations

import datetime as dt

import pytest
import streamlit as st

from ui import staff_grid

ROW = {"function": "Sociaal werker", "scale": 8, "step": 5, "fte": 1.0, "contract": "permanent"}


@pytest.mark.parametrize("first, then", [(1, True), (True, 1), (1, 1.0), (1.0, 1)])
def test_a_row_differing_only_inside_its_on_call_days_is_converted_on_its_own(monkeypatch, first, then):
    monkeypatch.setattr(st, "session_state", {})
    monkeypatch.setattr(staff_grid, "_TABLE_ROWS", {})
    on = dt.date(2026, 7, 1)
    shown = []
    for value in (first, then):
        monkeypatch.setattr(staff_grid, "raw", lambda value=value: {"staff": [{**ROW, "on_call": {"weekdays": value}}]})
        (row,) = staff_grid.staff_table_rows(on)
        shown.append(row["Consignatie werkdagen"])
    assert [type(v) for v in shown] == [type(first), type(then)]


@pytest.mark.parametrize("first, then", [(1, True), (1, 1.0)])
def test_nested_values_of_another_type_are_another_key(first, then):
    assert staff_grid._frozen({**ROW, "on_call": {"weekdays": first}}) != staff_grid._frozen(
        {**ROW, "on_call": {"weekdays": then}}
    )
