"""Benchmark of the tornado and the risk band for the demo: prints min / median / max wall time.

    python bench/sensitivity.py [--repeat N]

Measures, from an already computed cost-price result: the tornado (the engine rerun at both ends
of every range), the risk band (20,000 Monte Carlo draws through the closed form) and both
together, and both for the demo priced on 1 July 2027, when 16 forecast values add bars. Target:
both together under 50 ms median for the demo (docs/performance.md records the figures).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pricing.benchmark import load_benchmark_set  # noqa: E402
from pricing.costprice import compute  # noqa: E402
from pricing.parameters import load_parameter_book  # noqa: E402
from pricing.risk_band import tariff_band  # noqa: E402
from pricing.scenario import load_scenario, read_scenario_file, validate_scenario  # noqa: E402
from pricing.sensitivity import assumptions, sensitivity  # noqa: E402


def timed(fn, repeat: int) -> list[float]:
    fn()  # warm-up
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    book = load_parameter_book()
    bset = load_benchmark_set()
    result = compute(load_scenario(ROOT / "examples" / "voorbeeld.yaml", book), book)

    def both():
        chosen = assumptions(result, bset)
        sensitivity(result, bset, book, chosen)
        tariff_band(result, chosen)

    raw = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
    raw["date"] = "2027-07-01"  # beyond the published figures: the price rests on forecasts
    raw.pop("contract")
    later = compute(validate_scenario(raw, book), book)
    cases = {
        "tornado (engine reruns)": lambda: sensitivity(result, bset, book),
        "risk band (20.000 draws)": lambda: tariff_band(result, bset=bset),
        "tornado + band": both,
        "2027: tornado + band": lambda: (sensitivity(later, bset), tariff_band(later, bset=bset)),
    }
    print(f"{'case':28} {'min':>9} {'median':>9} {'max':>9}   n")
    for name, fn in cases.items():
        t = timed(fn, args.repeat)
        print(f"{name:28} {min(t):8.2f}ms {statistics.median(t):8.2f}ms {max(t):8.2f}ms   {len(t)}")


if __name__ == "__main__":
    main()
