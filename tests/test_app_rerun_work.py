"""Work a rerun does once, however many parts of a page read it (AppTest): the scenario as typed is
keyed (its content as MessagePack bytes, linear in its lines) by the sidebar and by the page's header, and every
other part reads the evaluation the page got."""

from __future__ import annotations

import pytest

import ui.state
from tests.app_support import PAGE_TITLES, _app, goto


@pytest.mark.parametrize("title", PAGE_TITLES)
def test_a_rerun_keys_the_scenario_at_most_twice_on_every_page(monkeypatch, title):
    at = goto(_app(), title)
    calls = []
    real = ui.state._canonical
    monkeypatch.setattr(ui.state, "_canonical", lambda value: calls.append(1) or real(value))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    # The contract's tables write an edit into the scenario while the page is drawn, so the budget
    # below them evaluates once more.
    most = 3 if title == "Contract & offerte" else 2
    assert 1 <= len(calls) <= most, f"{title}: the scenario was keyed {len(calls)} times in one rerun"


def test_the_scenario_key_keeps_apart_what_a_cache_must_not_mix_up():
    distinct = [
        {"fte": 1},
        {"fte": 1.0},
        {"fte": True},
        {"fte": "1"},
        {"fte": None},
        {"fte": float("nan")},
        {"fte": 0.0},
        {"fte": -0.0},
        {"fte": 1.0000000000000002},
        {2028: 1},
        {"2028": 1},
        {"fte": [1]},
        {"fte": {"a": 1}},
        {"fte": 10**30},  # beyond MessagePack's 64 bits: keyed by its repr instead
        {"fte": 10**30 + 1},
        {"fte": "\ud800"},  # a lone surrogate, which UTF-8 cannot write
        {"fte": "\ud801"},
    ]
    keys = [ui.state._canonical(v) for v in distinct]
    assert len(set(keys)) == len(keys)
    scenario = {"name": "x", "staff": [{"fte": 0.8, "scale": 8}], "date": "2026-07-01"}
    import copy

    assert ui.state._canonical(scenario) == ui.state._canonical(copy.deepcopy(scenario))
    changed = copy.deepcopy(scenario)
    changed["staff"][0]["fte"] = 0.9
    assert ui.state._canonical(changed) != ui.state._canonical(scenario)
    changed["staff"][0]["fte"] = 0.8  # typed back: the same key again
    assert ui.state._canonical(changed) == ui.state._canonical(scenario)


def test_the_contract_chart_is_drawn_again_only_when_its_figures_change():
    at = goto(_app(), "Contract & offerte")
    assert not at.exception, [e.value for e in at.exception]

    def chart():
        return at.session_state["derived_memo"]["contract_chart_area"][1]

    first = chart()
    at.text_input(key="w_contract_name").set_value("Een andere naam").run()  # a new Evaluation, the same figures
    assert not at.exception, [e.value for e in at.exception]
    assert chart() is first
    at.text_input(key="w_contract_years").set_value("3").run()  # one year fewer: other figures
    assert not at.exception, [e.value for e in at.exception]
    redrawn = chart()
    assert redrawn is not first
    assert len(redrawn.data[0].x) == 3 and len(first.data[0].x) == 4


def test_a_number_too_large_for_the_key_gets_its_dutch_message_not_a_crash():
    """A grid cell turns a typed 100.000.000.000.000.000.000.000 into a whole number before
    validation; the cache key must take it, so every page shows the range message instead."""
    import copy

    from ui.cells import grid_number

    at = _app()
    raw = copy.deepcopy(at.session_state["raw"])
    raw["staff"][0]["fte"] = grid_number("100.000.000.000.000.000.000.000")
    assert isinstance(raw["staff"][0]["fte"], int) and raw["staff"][0]["fte"] > 2**64
    at.session_state["raw"] = raw
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(p.path == "staff[1].fte" for p in at.session_state["problems"])  # lines counted from 1
    for title in PAGE_TITLES:
        at = goto(at, title)
        assert not at.exception, (title, [e.value for e in at.exception])
