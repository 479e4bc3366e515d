"""The hypothesis example counts: full in CI, without ``-m`` and with ``-m fuzz``; a tenth in the loop."""

from __future__ import annotations

import pytest

from tests import example_counts
from tests.example_counts import choose_for_run, examples


@pytest.fixture
def restore_the_run_choice(request):
    """Each case chooses again; the run's own choice is put back afterwards."""
    saved = example_counts._full
    yield
    example_counts._full = saved


@pytest.mark.parametrize("markexpr", ["", "  ", "fuzz", "fuzz and not browser", "not browser or fuzz"])
def test_a_full_run_draws_the_full_counts(monkeypatch, restore_the_run_choice, markexpr):
    monkeypatch.delenv("CI", raising=False)
    choose_for_run(markexpr)
    assert [examples(n) for n in (1000, 400, 20, 6)] == [1000, 400, 20, 6]


@pytest.mark.parametrize("ci", ["true", "1", "TRUE"])
def test_ci_draws_the_full_counts_even_in_the_loop(monkeypatch, restore_the_run_choice, ci):
    monkeypatch.setenv("CI", ci)
    choose_for_run("not browser and not postgres")
    assert examples(400) == 400


@pytest.mark.parametrize("markexpr", ["not browser and not postgres", "not browser and not postgres and not fuzz"])
def test_the_loop_draws_a_tenth_and_at_least_five(monkeypatch, restore_the_run_choice, markexpr):
    monkeypatch.setenv("CI", "false")
    choose_for_run(markexpr)
    assert [examples(n) for n in (1000, 400, 100, 20, 6, 3)] == [100, 40, 10, 5, 5, 3]
