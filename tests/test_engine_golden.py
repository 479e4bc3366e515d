"""Golden cases: expected values from independent sources, stored as data in tests/cases/."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import yaml

from pricing.costprice import compute
from pricing.indexation import provider_index
from pricing.parameters import load_parameter_book
from pricing.scenario import ScenarioError, validate_scenario

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))
ENGINE_KINDS = {"costprice", "pension_entry", "salary_derivation", "floor", "provider_index"}


def _load(path: Path) -> dict:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert case.get("name"), f"{path.name}: every golden case needs a 'name' sentence"
    return case


# Each file read once for all the parametrizations below (pure-Python YAML; five kinds would read
# every file five times at collection).
_LOADED = [_load(path) for path in CASES]


def _cases(kind: str):
    out = []
    for case in _LOADED:
        if case["kind"] == kind:
            out.append(pytest.param(case, id=case["name"]))
    return out


def test_every_case_has_a_known_kind_and_names_its_source():
    engine_cases = [p for p in CASES if _load(p)["kind"] in ENGINE_KINDS]
    assert len(engine_cases) >= 8
    for path in engine_cases:
        text = path.read_text(encoding="utf-8")
        source = _load(path).get("source")
        assert isinstance(source, str) and len(source.strip()) > 20, (
            f"{path.name}: a golden case needs a 'source:' key naming the independent source of its values"
        )
        assert "# Source" in text or "# Expected values" in text or "# Sources" in text, (
            f"{path.name}: say in a comment which independent source produced the expected values"
        )


def _line_value(line, key):
    if key == "productive_hours":
        return line.hours.productive
    if hasattr(line.cost, key):
        return getattr(line.cost, key)
    return getattr(line, key)


@pytest.mark.parametrize("case", _cases("costprice"))
def test_costprice_case(case):
    result = compute(validate_scenario(case["scenario"]))
    line = result.lines[0]
    if case.get("expect_warning"):
        assert any(case["expect_warning"] in w for w in result.warnings), result.warnings
    for key, expected in case["expected_line"].items():
        assert _line_value(line, key) == pytest.approx(expected, abs=case["tolerance"]), key
    for number, values in (case.get("expected_lines") or {}).items():
        for key, expected in values.items():
            assert _line_value(result.lines[number - 1], key) == pytest.approx(expected, abs=case["tolerance"]), (
                number,
                key,
            )
    for key, expected in (case.get("expected_team") or {}).items():
        assert getattr(result.team, key) == pytest.approx(expected, abs=case["tolerance"]), key


@pytest.mark.parametrize("case", _cases("pension_entry"))
def test_pension_entry_case(case):
    for step, expected in case["expected_pension_by_step"].items():
        raw = dict(case["scenario"])
        raw["staff"] = [dict(raw["staff"][0], pension_entry_step=step)]
        line = compute(validate_scenario(raw)).lines[0]
        assert line.cost.pension_op == pytest.approx(expected, abs=case["tolerance"]), step


def _half_up(value: Decimal, quantum: str) -> Decimal:
    return value.quantize(Decimal(quantum), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("case", _cases("salary_derivation"))
def test_salary_table_matches_its_2021_derivation(case):
    table = load_parameter_book().salary
    floor = Decimal(str(case["floor_hourly"]))
    for scale, monthly in case["monthly_2021_start"].items():
        amount = Decimal(monthly)
        for rise in case["rises"]:
            amount = _half_up(amount * (1 + Decimal(str(rise))), "1")
        hourly = max(_half_up(amount / case["monthly_factor"], "0.01"), floor)
        expected = Decimal(str(case["hourly_2024_start"][scale]))
        assert hourly == expected, f"scale {scale}: derived {hourly}, published {expected}"
        # The parameter file holds the published table: check it against the source as well.
        assert Decimal(str(table.scales[scale][table.steps.index("start")])) == expected, scale


@pytest.mark.parametrize("case", _cases("floor"))
def test_floor_case(case):
    book = load_parameter_book()
    on = case["date"]
    floor_monthly = book.value("floor_hourly", on) * book.value("monthly_hours_factor", on)
    assert floor_monthly == pytest.approx(case["expected_floor_monthly"], abs=0.005)
    start = book.salary.lookup(1, "start", on, book.value("monthly_hours_factor", on))
    assert start.monthly == pytest.approx(case["expected_scale1_start_monthly"], abs=0.005)
    raw = {
        "name": "Bodem",
        "organisation": "X",
        "date": on.isoformat(),
        "employer": {"large": True},
        "staff": [
            {
                "function": "F",
                "scale": 1,
                "step": "start",
                "fte": 1,
                "contract": "permanent",
                "monthly_salary": case["below_floor_monthly"],
            }
        ],
    }
    with pytest.raises(ScenarioError) as info:
        validate_scenario(raw)
    assert info.value.problems[0].path == "staff[1].monthly_salary"
    assert "bodemloon" in info.value.problems[0].message


@pytest.mark.parametrize("case", _cases("provider_index"))
def test_provider_index_case(case):
    tolerance = case["tolerance_pct"] / 100
    exact = provider_index(case["year"], wage_weight=case["wage_weight"], method=case["method"])
    for key, expected in case["expected_pct"].items():
        assert getattr(exact, key) == pytest.approx(expected / 100, abs=tolerance), key
    rounded = provider_index(
        case["year"], wage_weight=case["wage_weight"], method=case["method"], round_intermediates=True
    )
    for key, expected in case["expected_rounded_pct"].items():
        assert getattr(rounded, key) == pytest.approx(expected / 100, abs=1e-9), key
    published = load_parameter_book().get("vng_provider_index", __import__("datetime").date(case["year"], 6, 1))
    assert published.effective.year == case["year"]
    if case.get("published_rounding") == "result_only":  # VNG rounded only the final figure
        assert round(exact.provider_index * 100, 2) / 100 == pytest.approx(published.value, abs=1e-9)
        assert rounded.provider_index != pytest.approx(published.value, abs=1e-9)
    else:
        assert rounded.provider_index == pytest.approx(published.value, abs=1e-9)
