"""Benchmark of the command line as a whole process: prints min / median / max wall time.

    python bench/cli.py [--runs N]

Times ``python -m pricing costprice FILE --json`` from outside the process (interpreter start,
imports, parameter files, chain, tornado, risk band, JSON), for the demo scenario and for a
synthetic organisation of 2,000 staff lines (written once to a temporary folder), next to the floor
measured in the same run: a bare ``python -c "import yaml"`` (interpreter plus the YAML library),
and that floor plus pydantic validating one strict, deferred model with one constrained field (what
any validation through pydantic costs a process before it checks a single scenario key; the
scenario and contract are validated by pydantic models since issue 10).
The runs are interleaved, so a busy machine slows them all alike; the ratio to the floor is the
figure to compare across machines. Each child's CPU time (user + system) is printed too: on a
shared machine it leaves out the waiting for a core that the wall time includes.

``--instructions`` also counts the instructions each case executes, once, under valgrind's callgrind
(about a minute): the same figure on a busy machine as on a quiet one, so two versions can be
compared while other work runs.

Every child runs without PYTHONDONTWRITEBYTECODE (a user's install has compiled .pyc files) after
one warm-up run that writes them. Targets (issue 10): demo under 150 ms, 2,000 lines under 0.35 s,
with a floor of about 25 ms on a quiet machine.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.run import synthetic

TARGETS_MS = {"demo": 150.0, "2,000 lines": 350.0}
PYDANTIC_FLOOR = (
    "import yaml\n"
    "from typing import Annotated\n"
    "from pydantic import BaseModel, ConfigDict, Field\n"
    "class One(BaseModel):\n"
    "    model_config = ConfigDict(extra='forbid', strict=True, frozen=True, defer_build=True)\n"
    "    fte: Annotated[float, Field(gt=0, le=500)]\n"
    "One.model_validate({'fte': 1.0})\n"
)
QUIET_FLOOR_MS = 25.0


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(ROOT)
    return env


def _once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall time, CPU time of the child: user + system), in ms."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return elapsed, cpu


def _instructions(argv: list[str], env: dict[str, str]) -> int:
    """Instructions the process executes (valgrind's callgrind): independent of the machine's load."""
    with tempfile.TemporaryDirectory(prefix="bench-cli-cg-") as out:
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}/callgrind.out", *argv],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"valgrind {' '.join(argv)} failed: {done.stderr[-2000:]}")
    return int(found.group(1))


def _line(name: str, times: list[float], floor: float) -> str:
    median = statistics.median(times)
    return (
        f"{name:<34} min {min(times):7.1f}  median {median:7.1f}  max {max(times):7.1f} ms  "
        f"{median / floor:5.2f}x floor"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--instructions", action="store_true", help="also count instructions (valgrind)")
    args = parser.parse_args()
    if args.instructions and shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind (apt-get install valgrind)")
    env = _environment()
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        large = Path(tmp) / "2000.yaml"
        large.write_text(yaml.safe_dump(synthetic(2000), allow_unicode=True, sort_keys=False), encoding="utf-8")
        cases = {
            "floor: python -c 'import yaml'": [sys.executable, "-c", "import yaml"],
            # What validating through pydantic costs before any of the project's models exist.
            "floor + pydantic (one model)": [sys.executable, "-c", PYDANTIC_FLOOR],
            "demo": [sys.executable, "-m", "pricing", "costprice", "examples/voorbeeld.yaml", "--json"],
            "2,000 lines": [sys.executable, "-m", "pricing", "costprice", str(large), "--json"],
        }
        for argv in cases.values():
            _once(argv, env)  # warm-up: writes the .pyc files
        times: dict[str, list[float]] = {name: [] for name in cases}
        cpu: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(args.runs):
            for name, argv in cases.items():
                wall, used = _once(argv, env)
                times[name].append(wall)
                cpu[name].append(used)
        counted = {name: _instructions(argv, env) for name, argv in cases.items()} if args.instructions else {}
    floor_name = next(iter(cases))
    floor = statistics.median(times[floor_name])
    print(
        f"Whole process, {args.runs} interleaved runs each, .pyc files present "
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    for name, values in times.items():
        print(_line(name, values, floor))
    # CPU time does not count the waiting for a core that a shared machine adds to the wall time.
    print("CPU time of each child (user + system):")
    cpu_floor = statistics.median(cpu[floor_name])
    for name, values in cpu.items():
        print(_line(name, values, cpu_floor))
    if counted:
        print("Instructions executed, one run each under callgrind (independent of the load):")
        floor_count = counted[floor_name]
        for name, count in counted.items():
            print(f"{name:<34} {count / 1e6:9.1f} million  {count / floor_count:5.2f}x floor")
    for name, target in TARGETS_MS.items():
        median = statistics.median(times[name])
        scaled = median / floor * QUIET_FLOOR_MS
        verdict = "OK" if median <= target else ("OK at a quiet floor" if scaled <= target else "BOVEN DOEL")
        print(
            f"target {name}: {target:.0f} ms; median {median:.1f} ms, {scaled:.1f} ms scaled to a "
            f"{QUIET_FLOOR_MS:.0f} ms floor: {verdict}"
        )


if __name__ == "__main__":
    main()
