"""Fuzz run: generated hostile scenario files through loader, validation, engine, contract and PDF text.

    python bench/fuzz.py [--examples 25000] [--seed 11] [--out /tmp/fuzz] [--pdf-every 250]

Every input must compute or be refused with Dutch problems (tests/fuzz_support.run_pipeline); any
other exception is a failure, and so is a case over 2 s. Every ``--pdf-every``-th computed case also
renders the whole offer PDF. The run prints a JSON summary (inputs, computed, refused, failures by
kind, min/median/max seconds per case, the slowest case) and saves failing and slowest inputs in
``--out``. Figures are reported in docs/robustness.md.
"""

from __future__ import annotations

import argparse
import collections
import json
import statistics
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fuzz_support import over_generated_files, run_pipeline

LIMIT_SECONDS = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=25_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", default="/tmp/fuzz")
    parser.add_argument("--pdf-every", type=int, default=250)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    outcomes: collections.Counter = collections.Counter()
    failures: dict[str, int] = collections.Counter()
    times: list[float] = []
    slowest = [0.0, b"", ""]
    pdfs: list[float] = []
    progress = [lambda: None]
    _warm_up()
    started = time.perf_counter()

    @over_generated_files(args.examples, args.seed)
    def run(case):
        data, filename = case
        begin = time.perf_counter()
        try:
            outcome = run_pipeline(data, filename)
            if outcome == "computed" and args.pdf_every and outcomes["computed"] % args.pdf_every == 0:
                pdf_begin = time.perf_counter()
                _pdf(data, filename)
                pdfs.append(time.perf_counter() - pdf_begin)
                begin += pdfs[-1]  # a whole offer PDF is timed on its own
        except Exception as exc:  # noqa: BLE001  (recorded, not raised: the run reports every kind)
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            kind = f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}"
            if failures[kind] == 0:
                (out / f"failure-{len(failures) + 1}{Path(filename).suffix}").write_bytes(data)
                (out / f"failure-{len(failures) + 1}.txt").write_text(
                    kind + "\n" + "".join(traceback.format_exception(exc)), encoding="utf-8"
                )
            failures[kind] += 1
            outcome = "failed"
        elapsed = time.perf_counter() - begin
        times.append(elapsed)
        outcomes[outcome] += 1
        if elapsed > LIMIT_SECONDS:
            outcomes["over_2_s"] += 1
        if elapsed > slowest[0]:
            slowest[:] = [elapsed, data, filename]
        if len(times) % 1000 == 0:
            print(f"{len(times)} inputs, {dict(outcomes)}, {time.perf_counter() - started:.0f} s", file=sys.stderr)
            progress[0]()  # a summary so far, in case the run is stopped

    def summary() -> dict:
        return {
            "inputs": len(times),
            "computed": outcomes["computed"],
            "refused": outcomes["refused"],
            "failed": outcomes["failed"],
            "over_2_s": outcomes["over_2_s"],
            "whole_pdfs": len(pdfs),
            "pdf_seconds_max": round(max(pdfs), 3) if pdfs else None,
            "failures": dict(failures),
            "seconds_per_case": {
                "min": round(min(times), 4),
                "median": round(statistics.median(times), 4),
                "max": round(max(times), 3),
            },
            "slowest_case": {
                "seconds": round(slowest[0], 3),
                "bytes": len(slowest[1]),
                "file": str(out / f"slowest{Path(slowest[2]).suffix}"),
            },
            "total_seconds": round(time.perf_counter() - started, 1),
            "seed": args.seed,
        }

    def save() -> None:
        (out / f"slowest{Path(slowest[2]).suffix}").write_bytes(slowest[1])
        (out / "partial.json").write_text(json.dumps(summary(), indent=2), encoding="utf-8")

    progress[0] = save
    run()
    save()
    print(json.dumps(summary(), indent=2))
    return 1 if outcomes["failed"] or outcomes["over_2_s"] else 0


def _warm_up() -> None:
    """Import and compute once before timing, so no case pays for the imports."""
    from pricing.loading import dump_yaml
    from tests.fuzz_support import BASES

    for base in BASES:
        _pdf(dump_yaml(base).encode("utf-8"), "base.yaml")


def _pdf(data: bytes, filename: str) -> None:
    from pricing.evaluation import evaluate
    from pricing.report.pdf import build_offer_pdf
    from pricing.scenario import parse_scenario_text, validate_scenario

    evaluation = evaluate(validate_scenario(parse_scenario_text(data, filename)))
    assert build_offer_pdf(evaluation).startswith(b"%PDF")


if __name__ == "__main__":
    raise SystemExit(main())
