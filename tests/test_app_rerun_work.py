"""Work a rerun does once, however many parts of a page read it (AppTest): the scenario as typed is
keyed (canonical JSON, linear in its lines) by the sidebar and by the page's header, and every
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
