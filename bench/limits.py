"""How fast the limits refuse hostile files (min/median/max over repeats), for docs/robustness.md.

    python bench/limits.py [--repeat 7]

Cases: a "billion laughs" alias bomb (9 KB), a 100,000-row staff CSV and xlsx, a file just over
the 5 MB limit, JSON nested 100,000 deep, a YAML list of 50,001 values. Each must be refused;
the time is from bytes in hand to the Dutch refusal.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pricing.breakdown import StaffTableError, read_staff_table
from pricing.loading import MAX_FILE_BYTES, MAX_NODES
from pricing.scenario import ScenarioError, parse_scenario_text
from tests.test_loading import _bomb, _xlsx_with_rows


def cases() -> dict:
    csv = ("Functie;Schaal;Trede;FTE;Contract\n" + "Sociaal werker;8;5;1;vast\n" * 100_000).encode()
    xlsx = _xlsx_with_rows(100_000)
    return {
        "alias bomb (YAML, 9 levels)": (lambda: parse_scenario_text(_bomb().encode(), "bom.yaml"), ScenarioError),
        "staff CSV, 100.000 rows": (lambda: read_staff_table(csv, "formatie.csv"), StaffTableError),
        "staff xlsx, 100.000 rows": (lambda: read_staff_table(xlsx, "formatie.xlsx"), StaffTableError),
        "file over 5 MB": (lambda: parse_scenario_text(b"#" * (MAX_FILE_BYTES + 1), "x.yaml"), ScenarioError),
        "JSON nested 100.000 deep": (
            lambda: parse_scenario_text(b"[" * 100_000 + b"]" * 100_000, "x.json"),
            ScenarioError,
        ),
        "YAML list of 50.001 values": (
            lambda: parse_scenario_text(("x: [" + ",".join(["1"] * (MAX_NODES + 1)) + "]").encode(), "x.yaml"),
            ScenarioError,
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    report = {}
    for name, (run, refusal) in cases().items():
        times, cpu = [], []
        for _ in range(args.repeat):
            begin, begin_cpu = time.perf_counter(), time.process_time()
            try:
                run()
            except refusal:
                pass
            else:
                raise SystemExit(f"{name}: not refused")
            times.append(time.perf_counter() - begin)
            cpu.append(time.process_time() - begin_cpu)
        report[name] = {
            "min_s": round(min(times), 4),
            "median_s": round(statistics.median(times), 4),
            "max_s": round(max(times), 4),
            "cpu_median_s": round(statistics.median(cpu), 4),
        }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
