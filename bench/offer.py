"""Benchmark of the offer PDF for the demo scenario: prints min / median / max wall time.

    python bench/offer.py [--repeat N] [--xlsx] [--lines 2000]

One run = the contract budgets, social return and benchmark check (offer_content) plus rendering
the PDF, from an already computed cost-price result, as the app's download button and the
``offer`` command do after validation. The first run (font registration, imports) is a warm-up and
is not counted. Target on this 2-core machine: median under 1.5 s for the demo (about 12 pages).
With ``--xlsx`` the spreadsheet export is timed too; with ``--lines N`` also the cost-price offer of a
synthetic organisation of N staff lines (bench/run.py, without a contract), 3 runs. Wall and CPU time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pricing.costprice import compute  # noqa: E402
from pricing.report.pdf import build_offer_pdf  # noqa: E402
from pricing.scenario import load_scenario  # noqa: E402


def _pages(data: bytes) -> int:
    # Counting page objects is enough here and keeps pypdf (a test tool) out of the benchmark.
    return len(re.findall(rb"/Type /Page(?!s)", data))


def _time(label: str, fn, repeat: int) -> None:
    fn()  # warm-up
    times, cpu_times = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - start_cpu)
    for name, values in ((label, times), ("  CPU", cpu_times)):
        print(
            f"{name:<44} min {min(values) * 1000:8.1f} ms  median {statistics.median(values) * 1000:8.1f} ms  "
            f"max {max(values) * 1000:8.1f} ms  (n={repeat})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--xlsx", action="store_true")
    parser.add_argument("--lines", type=int, default=0, help="also a synthetic scenario of this many staff lines")
    args = parser.parse_args()
    result = compute(load_scenario(ROOT / "examples" / "voorbeeld.yaml"))
    data = build_offer_pdf(result, generated=dt.date(2026, 9, 1))
    print(f"demo offer: {_pages(data)} pages, {len(data) / 1024:.0f} kB")
    _time("offer PDF (demo, contract + all sections)", lambda: build_offer_pdf(result, io.BytesIO()), args.repeat)
    if args.lines:
        from bench.run import synthetic
        from pricing.scenario import validate_scenario

        large = compute(validate_scenario(synthetic(args.lines)))
        data = build_offer_pdf(large, generated=dt.date(2026, 9, 1))
        print(f"{args.lines}-line offer: {_pages(data)} pages, {len(data) / 1024:.0f} kB")
        _time(f"offer PDF ({args.lines} staff lines, no contract)", lambda: build_offer_pdf(large, io.BytesIO()), 3)
    if args.xlsx:
        from pricing.report.xlsx import build_workbook

        _time("spreadsheet model (demo)", lambda: build_workbook(result), args.repeat)


if __name__ == "__main__":
    main()
