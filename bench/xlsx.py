"""Benchmark of the spreadsheet export: prints min / median / max wall time per case.

    python bench/xlsx.py [--repeat N]

One run = writing the workbook (every sheet, formulas with their cached values) from an already
built Evaluation, as the app's download button and the ``offer --xlsx`` command do. Cases: the demo
scenario (with its contract) and a synthetic organisation of 2,000 staff lines (bench/run.py). The
first run (imports) is a warm-up and is not counted. Wall and CPU time are printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.run import measure, synthetic  # noqa: E402
from pricing.evaluation import evaluate  # noqa: E402
from pricing.report.xlsx import build_workbook  # noqa: E402
from pricing.scenario import load_scenario, validate_scenario  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    demo = evaluate(load_scenario(ROOT / "examples" / "voorbeeld.yaml"))
    print(f"demo workbook: {len(build_workbook(demo)) / 1024:.0f} kB")
    measure("xlsx (demo, with contract)", build_workbook, demo, args.repeat, cpu=True)
    large = evaluate(validate_scenario(synthetic(2000)))
    print(f"2,000-line workbook: {len(build_workbook(large)) / 1024:.0f} kB")
    measure("xlsx (2,000 staff lines)", build_workbook, large, max(3, args.repeat // 3), cpu=True)


if __name__ == "__main__":
    main()
