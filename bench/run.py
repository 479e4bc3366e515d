"""Benchmark of the engine: prints min / median / max wall time per case.

    python bench/run.py [--repeat N]

Cases: the demo scenario (validation + chain, from the already-read file), and a synthetic
organisation of 2,000 staff lines with a 10-year tariff projection. Targets on a 2-core machine:
demo under 5 ms median, 2,000 lines under 250 ms median (docs/performance.md records the figures).
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pricing.costprice import compute  # noqa: E402
from pricing.indexation import project_tariff  # noqa: E402
from pricing.parameters import load_parameter_book  # noqa: E402
from pricing.scenario import read_scenario_file, validate_scenario  # noqa: E402


def synthetic(lines: int) -> dict:
    raw = copy.deepcopy(read_scenario_file(ROOT / "examples" / "voorbeeld.yaml"))
    raw.pop("contract", None)  # its staffing names the demo's functions, not these synthetic ones
    steps = ["start", 0, 1, 2, 3, 4, 5, 6, 7, 8]
    raw["staff"] = [
        {
            "function": f"Functie {i}",
            "scale": 4 + i % 9,
            "step": steps[i % len(steps)],
            "fte": 0.5 + (i % 7) * 0.1,
            "contract": "permanent" if i % 5 else "flexible",
            "irregular_pct": (i % 4) * 0.01,
        }
        for i in range(lines)
    ]
    return raw


def demo_case(raw):
    return compute(validate_scenario(raw)).team.tariff_per_hour


def large_case(raw):
    result = compute(validate_scenario(raw))
    return project_tariff(result.team.tariff_per_hour, 2026, [(0.035, "aanname")] * 10)


def measure(label: str, func, arg, repeat: int, *, cpu: bool = False) -> None:
    """Wall time per call; with ``cpu`` also the process's CPU time per call (on a shared machine the CPU
    time says what the code costs, the wall time what a user waits)."""
    func(arg)  # warm-up: parameter files load once per process
    times, cpu_times = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        func(arg)
        times.append((time.perf_counter() - start) * 1000)
        cpu_times.append((time.process_time() - start_cpu) * 1000)
    print(
        f"{label:<48} min {min(times):8.2f} ms  median {statistics.median(times):8.2f} ms  "
        f"max {max(times):8.2f} ms  (n={repeat})"
    )
    if cpu:
        print(
            f"{'  CPU':<48} min {min(cpu_times):8.2f} ms  median {statistics.median(cpu_times):8.2f} ms  "
            f"max {max(cpu_times):8.2f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    load_parameter_book()
    demo = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
    measure("demo scenario: validate + chain (8 lines)", demo_case, demo, args.repeat * 4)
    measure("2,000 lines: validate + chain + 10-year projection", large_case, synthetic(2000), args.repeat)


if __name__ == "__main__":
    main()
