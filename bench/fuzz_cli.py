"""The fuzz generator through the command line: each file must exit 0, or 2 with a Dutch message.

    python bench/fuzz_cli.py [--examples 300] [--seed 11] [--out /tmp/fuzz-cli]

Each generated file (tests/fuzz_support.scenario_files) is written to disk and run as
``python -m pricing costprice FILE`` (every third one as ``budget FILE``, every fifth as
``check FILE --tariff 75``). A failure is any other exit status, a traceback on stderr, the
catch-all "fout in het programma" message, or a refusal whose message is not Dutch (it must start
with "Fout:" and name what is wrong). Prints a JSON summary; figures in docs/robustness.md.
"""

from __future__ import annotations

import argparse
import collections
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fuzz_support import cli_command, cli_verdict, over_generated_files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=300)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", default="/tmp/fuzz-cli")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    exits: collections.Counter = collections.Counter()
    failures: collections.Counter = collections.Counter()
    times: list[float] = []

    @over_generated_files(args.examples, args.seed)
    def run(case):
        data, filename = case
        index = len(times)
        path = out / f"case-{index}{Path(filename).suffix}"
        path.write_bytes(data)
        begin = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "pricing", *cli_command(index, path)],
            capture_output=True,
            cwd=ROOT,
            timeout=120,
            check=False,
        )
        times.append(time.perf_counter() - begin)
        exits[done.returncode] += 1
        problem = cli_verdict(done)
        if problem:
            failures[problem] += 1
            (out / f"failure-{index}.txt").write_bytes(done.stderr)
        else:
            path.unlink()

    run()
    summary = {
        "files": len(times),
        "exit_codes": {str(k): v for k, v in sorted(exits.items())},
        "failures": dict(failures),
        "seconds_per_run": {
            "min": round(min(times), 2),
            "median": round(statistics.median(times), 2),
            "max": round(max(times), 2),
        },
        "seed": args.seed,
    }
    print(json.dumps(summary, indent=2))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
