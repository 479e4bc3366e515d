"""Benchmark of scenario validation alone: prints min / median / max wall time per case.

    python bench/validation.py [--repeat N] [--old PATH]

Cases: the demo scenario (examples/voorbeeld.yaml, from the already-read file) and the synthetic
2,000-line organisation of bench/run.py. ``--old PATH`` also times another copy of
pricing/scenario.py (for instance the hand-written validators of an earlier commit, written out with
``git show COMMIT:pricing/scenario.py > PATH``) on the same input, for a before/after comparison.
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--old", type=Path, help="another pricing/scenario.py to time on the same input")
    args = parser.parse_args()
    book = load_parameter_book()
    demo = scenario.read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
    large = synthetic(2000)
    modules = [("", scenario)]
    if args.old:
        spec = importlib.util.spec_from_file_location("old_scenario", args.old)
        old = importlib.util.module_from_spec(spec)
        sys.modules["old_scenario"] = old
        spec.loader.exec_module(old)
        modules = [(" (old)", old), (" (new)", scenario)]
    for suffix, module in modules:
        measure(f"demo{suffix}", module.validate_scenario, demo, book, args.repeat)
        measure(f"2,000 staff lines{suffix}", module.validate_scenario, large, book, max(5, args.repeat // 3))


if __name__ == "__main__":
    main()
