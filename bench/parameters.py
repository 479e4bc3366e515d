"""Time to load the shipped parameter edition in a fresh process: prints min / median / max.

    python bench/parameters.py [--repeat N]

Each run is a new Python process that imports the loader and loads the shipped edition once, as
the app and the command line do; the time measured is the load alone (imports excluded), read
from inside that process. Two cases: with the parsed-data cache warm (the normal case after the
first run: YAML is not parsed again while the files' bytes are unchanged; validation always runs)
and with the cache off (YAML parsed every time). Target: under 10 ms per process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = (
    f"import time, sys; sys.path.insert(0, {str(ROOT)!r})\n"
    "import pricing.parameters as p\n"
    "t = time.perf_counter(); book = p.load_parameter_book(); "
    "print((time.perf_counter() - t) * 1000, book.edition.fingerprint)\n"
)


def run(env: dict, repeat: int) -> tuple[list[float], str]:
    times, fingerprint = [], ""
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True)
        ms, fingerprint = out.stdout.split()
        times.append(float(ms))
    return times, fingerprint


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        warm = dict(os.environ, REELE_PRIJS_CACHE_DIR=cache)
        run(warm, 1)  # fills the cache
        cases = [("cache warm", warm), ("cache off", dict(os.environ, REELE_PRIJS_CACHE_DIR="off"))]
        for label, env in cases:
            times, fingerprint = run(env, args.repeat)
            print(
                f"load shipped edition, {label:<10} min {min(times):7.2f} ms  median {statistics.median(times):7.2f} ms  "
                f"max {max(times):7.2f} ms  (n={args.repeat}, fingerprint {fingerprint[:12]})"
            )


if __name__ == "__main__":
    main()
