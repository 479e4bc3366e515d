"""Tornado and risk band (pricing.sensitivity, pricing.risk_band, pricing.tariff_model): golden case, engine
reruns, properties, percentiles."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from pricing.cli import main
from pricing.costprice import compute
from pricing.risk_band import DEFAULT_SEED, band_ranges, draw, percentiles, tariff_band
from pricing.scenario import read_scenario_file, validate_scenario
from pricing.sensitivity import UNITS, apply, apply_all, assumptions, result_book, sensitivity, tariff_at
from pricing.tariff_model import TariffModel

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "voorbeeld.yaml"
CASES = sorted((Path(__file__).parent / "cases").glob("sensitivity_*.yaml"))


@pytest.fixture(scope="module")
def demo_raw():
    return read_scenario_file(DEMO)


@pytest.fixture(scope="module")
def demo(demo_raw):
    return compute(validate_scenario(demo_raw))


def _case(path: Path) -> dict:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert case.get("source") and case["kind"] == "sensitivity", path.name
    return case


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_tornado(path):
    case = _case(path)
    result = compute(validate_scenario(case["scenario"]))
    tol = case["tolerance"]
    assert result.team.tariff_per_hour == pytest.approx(case["expected_tariff"], abs=tol)
    sens = sensitivity(result)
    got = {b.assumption.key: b for b in sens.bars}
    assert list(got) == list(case["expected_bars"])  # same assumptions, same order
    for key, (low, high, at_low, at_high) in case["expected_bars"].items():
        bar = got[key]
        assert (bar.assumption.low, bar.assumption.high) == (pytest.approx(low), pytest.approx(high)), key
        assert bar.tariff_at_low == pytest.approx(at_low, abs=tol), key
        assert bar.tariff_at_high == pytest.approx(at_high, abs=tol), key


def _raw_with(raw: dict, key: str, value: float, convention: str) -> dict:
    """The scenario file with one norm changed, written as a user would write it."""
    raw = copy.deepcopy(raw)
    norms = raw.setdefault("norms", {})
    if key == "productivity":
        norms.pop("hours", None)
        norms.pop("productive_hours", None)
        norms["productivity"] = value
    elif key == "hours.sick_pct":
        norms.setdefault("hours", {})["sick_pct"] = value
    elif key == "overhead.pct":
        norms["overhead"] = {"pct": value, "convention": convention}
    else:
        norms[key] = value
    return raw


def test_each_bar_is_the_engine_rerun_on_the_changed_file(demo_raw, demo):
    """Every bar's ends equal the engine run on a scenario file with that one value changed."""
    sens = sensitivity(demo)
    checked = 0
    for bar in sens.bars:
        a = bar.assumption
        for value, tariff, budget in (
            (a.low, bar.tariff_at_low, bar.budget_at_low),
            (a.high, bar.tariff_at_high, bar.budget_at_high),
        ):
            if a.year is not None:
                raw = copy.deepcopy(demo_raw)
                per_year = raw["contract"]["indexation"].setdefault("per_year", {})
                per_year[a.year] = value
                from pricing.contract import contract_budget

                budget_result = contract_budget(compute(validate_scenario(raw)))
                position = budget_result.years.index(a.year)
                expected = demo.team.tariff_per_hour * budget_result.factors[position]
            else:
                rerun = compute(validate_scenario(_raw_with(demo_raw, a.key, value, demo.overhead_convention)))
                expected = rerun.team.tariff_per_hour
                assert budget == pytest.approx(rerun.team.staff_budget, abs=0.01)
            assert tariff == pytest.approx(expected, abs=0.01), (a.key, value)
            checked += 1
    assert checked >= 14


def test_bars_are_sorted_by_size_and_cover_the_required_assumptions(demo):
    sens = sensitivity(demo)
    widths = [b.width for b in sens.bars]
    assert widths == sorted(widths, reverse=True)
    keys = {b.assumption.key for b in sens.bars}
    assert {
        "productivity",
        "hours.sick_pct",
        "overhead.pct",
        "other_personnel_pct",
        "material_per_fte",
        "risk_pct",
        "innovation_pct",
        "index.2027",
    } <= keys
    for bar in sens.bars:
        assert bar.assumption.source
        assert "DOMAIN" not in bar.assumption.source and "DOMAIN" not in bar.assumption.note
        if not bar.assumption.sourced:
            assert "aanname" in bar.assumption.source.lower()


def test_overhead_band_follows_the_scenarios_convention():
    case = _case(CASES[0])
    raw = copy.deepcopy(case["scenario"])
    raw["norms"]["overhead"] = {"pct": 0.2, "convention": "share"}
    result = compute(validate_scenario(raw))
    overhead = next(a for a in assumptions(result) if a.key == "overhead.pct")
    # The indicative band is a mark-up 20-33 %: as a share of integral cost s = m / (1 + m).
    assert overhead.low == pytest.approx(0.2 / 1.2)
    assert overhead.high == pytest.approx(0.33 / 1.33)


@settings(max_examples=25, deadline=None)
@given(index=st.integers(min_value=0, max_value=5), below=st.floats(0, 0.5), above=st.floats(0, 0.5))
def test_widening_a_range_never_narrows_its_bar(index, below, above):
    case = _case(CASES[0])
    result = compute(validate_scenario(case["scenario"]))
    chosen = assumptions(result)
    a = chosen[index % len(chosen)]
    span = a.high - a.low
    wider = a.with_range(max(a.low - below * span, 0.0), a.high + above * span)
    if a.key == "productivity":
        wider = wider.with_range(wider.low, min(wider.high, 1.0))
    narrow = sensitivity(result, chosen=(a,)).bars[0]
    wide = sensitivity(result, chosen=(wider,)).bars[0]
    assert wide.width >= narrow.width - 1e-9


# ----------------------------------------------------------------------------------------------
# The closed form against the engine


def _variants(demo_raw):
    def changed(edit):
        raw = copy.deepcopy(demo_raw)
        edit(raw)
        return raw

    yield "demo", demo_raw
    yield "share", changed(lambda r: r["norms"].update(overhead={"pct": 0.2, "convention": "share"}))
    yield (
        "cost lines",
        changed(
            lambda r: r["norms"].update(
                overhead={
                    "lines": [{"name": "Management", "amount": 600000}, {"name": "Huisvesting", "amount": 250000}]
                }
            )
        ),
    )
    yield "client-bound", changed(lambda r: r["norms"].update(billable="client_bound", client_bound_share=0.7))
    yield "simple mode", changed(lambda r: r["norms"].update(flat_oncost_pct=0.35, productivity=0.76))
    yield (
        "reserve",
        changed(
            lambda r: r["norms"].update(
                reserve={"target": 900000, "current": 300000, "years": 5}, reporting_per_fte=800
            )
        ),
    )


@pytest.mark.parametrize("name", ["demo", "share", "cost lines", "client-bound", "simple mode", "reserve"])
def test_closed_form_equals_the_engine_at_drawn_points(demo_raw, name):
    raw = dict(_variants(demo_raw))[name]
    result = compute(validate_scenario(raw))
    chosen = assumptions(result)
    samples = draw(chosen, 12, seed=7)
    assert samples, "nothing drawn"
    fast = TariffModel.of(result).tariff(samples)
    for i in range(12):
        values = {k: float(v[i]) for k, v in samples.items()}
        engine = compute(apply_all(result.scenario, values, result.hours.contract)).team.tariff_per_hour
        assert round(fast[i], 2) == round(engine, 2), (name, values)
        assert fast[i] == pytest.approx(engine, abs=1e-6)
    assert TariffModel.of(result).tariff({})[0] == pytest.approx(result.team.tariff_per_hour, abs=1e-9)


@pytest.mark.parametrize("name", ["demo", "share", "cost lines", "client-bound", "simple mode", "reserve"])
def test_tornado_bars_equal_engine_reruns_at_both_ends(demo_raw, name):
    """The bars the closed form prices are the engine's tariff and staff budget at each range end."""
    result = compute(validate_scenario(dict(_variants(demo_raw))[name]))
    bars = sensitivity(result).bars
    assert bars
    for bar in bars:
        a = bar.assumption
        for value, tariff, budget in (
            (a.low, bar.tariff_at_low, bar.budget_at_low),
            (a.high, bar.tariff_at_high, bar.budget_at_high),
        ):
            engine_tariff, engine_budget = tariff_at(result, a, value, result_book(result))
            assert tariff == pytest.approx(engine_tariff, abs=1e-6), (name, a.key, value)
            assert budget == pytest.approx(engine_budget, abs=1e-4), (name, a.key, value)


def test_cost_lines_left_alone_keep_their_amount(demo_raw):
    raw = dict(_variants(demo_raw))["cost lines"]
    result = compute(validate_scenario(raw))
    model = TariffModel.of(result)
    values = {"other_personnel_pct": np.array([0.05])}
    engine = compute(apply_all(result.scenario, {"other_personnel_pct": 0.05})).team.tariff_per_hour
    assert model.tariff(values)[0] == pytest.approx(engine, abs=1e-6)


def test_apply_sets_each_norm_it_names_and_nothing_else(demo):
    """Every assumption key of UNITS changes its own norm: a number norm to the value itself."""
    norms = demo.scenario.norms
    for key in UNITS:
        changed = apply(demo.scenario, key, 0.123).norms
        if key == "productivity":
            assert (changed.productivity, changed.hours, changed.productive_hours) == (0.123, None, None)
        elif key == "hours.sick_pct":
            assert changed.hours == replace(norms.hours, sick_pct=0.123)
        elif key == "overhead.pct":
            assert (changed.overhead_pct, changed.overhead_lines) == (0.123, ())
        else:
            assert changed == replace(norms, **{key: 0.123}), key
    with pytest.raises(KeyError):
        apply(demo.scenario, "not_a_norm", 0.1)


# ----------------------------------------------------------------------------------------------
# The band


def test_band_is_reproducible_with_its_seed(demo):
    first, second = tariff_band(demo), tariff_band(demo)
    assert (first.p10, first.p50, first.p90) == (second.p10, second.p50, second.p90)
    assert first.seed == DEFAULT_SEED
    other = tariff_band(demo, seed=DEFAULT_SEED + 1)
    assert (other.p10, other.p90) != (first.p10, first.p90)
    assert first.p10 < demo.team.tariff_per_hour < first.p90
    assert first.p10 <= first.p50 <= first.p90


def test_band_collapses_to_the_tariff_with_zero_ranges(demo):
    flat = tuple(a.with_range(a.central, a.central) for a in assumptions(demo))
    band = tariff_band(demo, chosen=flat)
    for value in (band.p10, band.p50, band.p90):
        assert value == pytest.approx(demo.team.tariff_per_hour, abs=1e-9)


def test_band_percentiles_match_a_direct_engine_computation():
    """Small case: the engine run on every draw, percentiles taken directly."""
    case = _case(CASES[0])
    result = compute(validate_scenario(case["scenario"]))
    chosen = assumptions(result)
    band = tariff_band(result, chosen=chosen, draws=150, seed=3)
    samples = draw(chosen, 150, seed=3)
    engine = [
        compute(
            apply_all(result.scenario, {k: float(v[i]) for k, v in samples.items()}, result.hours.contract)
        ).team.tariff_per_hour
        for i in range(150)
    ]
    expected = np.percentile(engine, [10, 50, 90])
    assert (band.p10, band.p50, band.p90) == pytest.approx(tuple(expected), abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=60),
    st.lists(st.floats(0, 100), min_size=1, max_size=5),
)
def test_percentiles_equal_numpy_percentile_to_the_bit(values, percents):
    assert percentiles(np.array(values), tuple(percents)) == tuple(float(v) for v in np.percentile(values, percents))


def test_band_percentile_of_one_linear_assumption_matches_the_triangle():
    """One assumption that enters linearly (material): p10 follows the triangular quantile."""
    case = _case(CASES[0])
    result = compute(validate_scenario(case["scenario"]))
    material = next(a for a in assumptions(result) if a.key == "material_per_fte")
    band = tariff_band(result, chosen=(material,), draws=200_000, seed=11)
    low, mode, high = material.low, material.central, material.high
    q10 = low + np.sqrt(0.1 * (high - low) * (mode - low))  # inverse CDF below the mode
    at_q10 = compute(apply_all(result.scenario, {"material_per_fte": q10})).team.tariff_per_hour
    assert band.p10 == pytest.approx(at_q10, abs=0.005)
    assert band.p50 == pytest.approx(result.team.tariff_per_hour, abs=0.005)  # symmetric triangle


def test_draw_order_does_not_depend_on_the_bar_order(demo):
    chosen = assumptions(demo)
    assert [a.key for a in band_ranges(chosen)] == sorted(a.key for a in chosen if a.in_band)
    a = draw(chosen, 50, 1)
    b = draw(tuple(reversed(chosen)), 50, 1)
    assert all(np.array_equal(a[k], b[k]) for k in a)


def test_band_sentence_says_what_it_is_not(demo):
    text = tariff_band(demo).sentence()
    assert "geen betrouwbaarheidsinterval" in text and "8 van de 10" in text


# ----------------------------------------------------------------------------------------------
# Forecast values and the command line


def test_costprice_json_carries_sensitivity_and_band(capsys):
    assert main(["costprice", str(DEMO), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    first = doc["sensitivity"][0]
    assert {"assumption", "low", "high", "source", "tariff_at_low", "tariff_at_high"} <= set(first)
    assert set(doc["tariff_band"]) >= {"p10", "p50", "p90", "method", "seed"}
    assert doc["tariff_band"]["p10"] < doc["team"]["tariff_per_hour"] < doc["tariff_band"]["p90"]


# ----------------------------------------------------------------------------------------------
# Offer PDF and spreadsheet


def test_offer_pdf_and_xlsx_carry_the_tornado_and_the_band(demo):
    import io

    import pypdf
    from openpyxl import load_workbook

    from pricing.evaluation import evaluation_of
    from pricing.report.pdf import build_offer_pdf, offer_content, summary_rows
    from pricing.report.sensitivity_report import sensitivity_rows
    from pricing.report.xlsx import build_workbook

    ev = evaluation_of(demo)
    rows = sensitivity_rows(ev.sensitivity)
    assert len(rows) == len(ev.sensitivity.bars) + 1
    assert rows[1][0] == ev.sensitivity.bars[0].assumption.label
    summary = dict(summary_rows(offer_content(ev)))
    band = ev.tariff_band
    assert summary["Risicoband tarief (10e-90e percentiel)"].startswith(f"€ {band.p10:.2f}".replace(".", ","))
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(build_offer_pdf(ev))).pages)
    assert "Gevoeligheid en risicoband" in text and "geen betrouwbaarheidsinterval" in text
    ws = load_workbook(io.BytesIO(build_workbook(ev)))["Gevoeligheid"]
    by_label = {ws.cell(r, 1).value: r for r in range(4, 4 + len(ev.sensitivity.bars))}
    for bar in ev.sensitivity.bars:
        r = by_label[bar.assumption.label]
        assert ws.cell(r, 5).value == pytest.approx(bar.tariff_at_low, abs=0.005)
        assert ws.cell(r, 6).value == pytest.approx(bar.tariff_at_high, abs=0.005)
        assert ws.cell(r, 10).value == bar.assumption.source


def test_forecast_values_get_bars_equal_to_the_scenarios_own_forecast(demo_raw):
    """A 2027 price rests on forecasts: each forecast bar equals the engine run on a scenario file
    that sets that forecast value itself (its ``forecast:`` key), a route independent of the bar."""
    raw = copy.deepcopy(demo_raw)
    raw["date"] = "2027-07-01"
    raw.pop("contract")
    result = compute(validate_scenario(raw))
    sens = sensitivity(result)
    forecast = [b for b in sens.bars if b.assumption.key.startswith("forecast.")]
    keys = {b.assumption.key for b in forecast}
    assert {"forecast.cao_rise_pct", "forecast.zvw_employer"} <= keys
    for bar in forecast:
        name = bar.assumption.key.split(".", 1)[1]
        for value, tariff in ((bar.assumption.low, bar.tariff_at_low), (bar.assumption.high, bar.tariff_at_high)):
            own = dict(raw, forecast={name: value})
            assert tariff == pytest.approx(compute(validate_scenario(own)).team.tariff_per_hour, abs=0.01), name
    cao = next(b for b in forecast if b.assumption.key == "forecast.cao_rise_pct")
    assert cao.assumption.low == pytest.approx(0.0)  # from the last agreed (no further rise)
    assert not any(b.assumption.in_band for b in forecast)
    assert all(b.width >= 0.005 for b in forecast)  # values without effect are named in a note instead
