"""Benchmark of scenario validation alone: prints min / median / max wall time per case.

    python bench/validation.py [--repeat N] [--old PATH]

Cases: the demo scenario (examples/voorbeeld.yaml, from the already-read file) and the synthetic
2,000-line organisation of bench/run.py. ``--old PATH`` also times another copy of
pricing/scenario.py (for instance the hand-written validators of an earlier commit, written out with
``git show COMMIT:pricing/scenario.py > PATH``) on the same input, for a before/after comparison.
The contract block is also timed on its own (``validate_contract``, the demo's contract and the same
contract with 2,000 staffing lines); to compare it with an earlier commit, run this script in a
worktree of that commit (``git worktree add /tmp/before COMMIT``) next to this one.
The forecast block is timed on its own too (``validate_scenario_forecast``, every editable forecast
value set, half of them with a reasoning); ``--old-forecast PATH`` also times another copy of
pricing/forecast.py (``git show COMMIT:pricing/forecast.py > PATH``) on the same block.
The parameter book is loaded once, before timing; importing pydantic is measured separately
(``python -X importtime``, see docs/performance.md).
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import synthetic  # noqa: E402

from pricing import scenario  # noqa: E402
from pricing.parameters import load_parameter_book  # noqa: E402


def measure(label: str, validate, raw: dict, book, repeat: int) -> None:
    validate(copy.deepcopy(raw), book)  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        validate(raw, book)
        times.append((time.perf_counter() - start) * 1000)
    print(f"{label:<34} min {min(times):8.2f} ms  median {statistics.median(times):8.2f} ms  max {max(times):8.2f} ms")


def contract_cases(demo: dict, book) -> tuple[dict, dict, tuple, object]:
    """The demo's contract, the same with 2,000 staffing lines, and the staff table they refer to."""
    valid = scenario.validate_scenario(copy.deepcopy(demo), book)
    large = copy.deepcopy(demo["contract"])
    lines = large["staffing"]
    large["staffing"] = [_smaller(lines[i % len(lines)], i) for i in range(2000)]
    return demo["contract"], large, valid.staff, valid.date


def _smaller(line: dict, i: int) -> dict:
    """A copy of a staffing line with a small quantity (2,000 of them stay a plausible contract)."""
    key = "fte" if line.get("fte") is not None else "hours"
    return dict(line, **{key: 0.01 + (i % 7) / 100 if key == "fte" else 10.0 + i % 7})


def measure_contract(label: str, validate, raw: dict, staff: tuple, date, book, repeat: int) -> None:
    def run(contract: dict, _book) -> None:
        c = scenario._Collector()
        result = validate(contract, c, staff=staff, date=date, book=book)
        assert result is not None and not c.problems, c.problems

    measure(label, run, raw, book, repeat)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--old", type=Path, help="another pricing/scenario.py to time on the same input")
    parser.add_argument("--old-forecast", type=Path, help="another pricing/forecast.py to time on the same block")
    args = parser.parse_args()
    book = load_parameter_book()
    demo = scenario.read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
    large = synthetic(2000)
    modules = [("", scenario)]
    if args.old:
        modules = [(" (old)", _load("old_scenario", args.old)), (" (new)", scenario)]
    for suffix, module in modules:
        measure(f"demo{suffix}", module.validate_scenario, demo, book, args.repeat)
        measure(f"2,000 staff lines{suffix}", module.validate_scenario, large, book, max(5, args.repeat // 3))
    from pricing import contract_validation

    contract, big, staff, date = contract_cases(demo, book)
    validate = contract_validation.validate_contract
    measure_contract("contract block", validate, contract, staff, date, book, args.repeat)
    measure_contract("contract, 2,000 lines", validate, big, staff, date, book, max(5, args.repeat // 3))
    from pricing import forecast

    forecasts = [("", forecast)]
    if args.old_forecast:
        forecasts = [(" (old)", _load("old_forecast", args.old_forecast)), (" (new)", forecast)]
    block = forecast_case(book)
    for suffix, module in forecasts:
        measure_forecast(f"forecast block{suffix}", module.validate_scenario_forecast, block, book, args.repeat)


def forecast_case(book) -> dict:
    """Every forecast value a user may set, at its edition's forecast (or last) value; every other
    one as an entry with a reasoning."""
    from pricing.forecast import CAO_RISE_KEY, editable_forecast_keys

    block: dict = {}
    for i, key in enumerate(editable_forecast_keys(book)):
        if key == CAO_RISE_KEY:
            value = 0.03
        else:
            parameter = book.parameters[key]
            value = parameter.forecast.value if parameter.forecast is not None else parameter.values[-1].value
        block[key] = {"value": value, "reasoning": f"Verwachting {i}"} if i % 2 else value
    return block


def measure_forecast(label: str, validate, raw: dict, book, repeat: int) -> None:
    def run(block: dict, _book) -> None:
        c = scenario._Collector()
        result = validate(block, c, book)
        assert result is not None and not c.problems, c.problems

    measure(label, run, raw, book, repeat)


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    main()
