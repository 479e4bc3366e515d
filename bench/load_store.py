"""Load test of the scenario store on this machine: concurrent sessions open, edit and save.

    python bench/load_store.py [--sessions 20] [--seconds 60] [--url URL | --private-postgres]

Each session is its own process with its own database connection. It opens the workspace with its
access code, then loops until the time is up: list the scenarios, load the newest version of one
of them, change an FTE, validate and compute it with the engine, and save it based on the version it
loaded (so sessions collide, and the store must keep every save and report the collision). At the end
the script checks that the number of versions equals the number of saves reported, that every
scenario's version numbers run 1..N without gaps, and that every version loads with its checksum. It
prints throughput and latency and exits non-zero on any error or lost version. Traffic stays on this
machine: SQLite is a local file, PostgreSQL listens on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import copy
import multiprocessing as mp
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pricing.costprice import compute  # noqa: E402
from pricing.scenario import read_scenario_file, validate_scenario  # noqa: E402
from pricing.store import ScenarioStore  # noqa: E402

CODE = "belasting-test"
SCENARIOS = 4


def session(url: str, index: int, deadline: float, queue) -> None:
    cycles, saves, conflicts, errors = [], 0, 0, []
    try:
        ws = ScenarioStore(url).open_workspace("last", CODE)
        while time.time() < deadline:
            start = time.perf_counter()
            try:
                listed = ws.list_scenarios()
                target = listed[(index + len(cycles)) % len(listed)]
                raw = ws.load(target.id)
                raw["staff"][0]["fte"] = round(1 + (index * 7 + len(cycles)) % 40 * 0.5, 1)
                compute(validate_scenario(raw))
                result = ws.save(
                    target.id,
                    raw,
                    base_version=target.head,
                    author=f"Sessie {index}",
                    role="aanbieder",
                    note=f"wijziging {len(cycles)}",
                )
                saves += 1
                conflicts += result.conflict
            except Exception as error:  # counted and reported; the run fails on any
                errors.append(repr(error))
            cycles.append(time.perf_counter() - start)
    except Exception as error:
        errors.append(repr(error))
    queue.put((cycles, saves, conflicts, errors))


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--url")
    parser.add_argument("--private-postgres", action="store_true")
    args = parser.parse_args()
    server = None
    if args.private_postgres:
        from tests.store_support import PrivatePostgres

        server = PrivatePostgres()
        url = server.new_database()
    else:
        url = args.url or f"sqlite:///{tempfile.mkdtemp()}/load.sqlite"
    try:
        store = ScenarioStore(url)
        store.create_workspace("last", "Belastingtest", CODE)
        ws = store.open_workspace("last", CODE)
        demo = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
        for k in range(SCENARIOS):
            ws.create_scenario(f"Scenario {k + 1}", copy.deepcopy(demo), author="Start", role="aanbieder")
        queue = mp.Queue()
        deadline = time.time() + args.seconds
        workers = [mp.Process(target=session, args=(url, i, deadline, queue)) for i in range(args.sessions)]
        started = time.time()
        for w in workers:
            w.start()
        results = [queue.get(timeout=args.seconds + 120) for _ in workers]
        for w in workers:
            w.join(timeout=30)
        elapsed = time.time() - started
        cycles = [c for r in results for c in r[0]]
        saves = sum(r[1] for r in results)
        conflicts = sum(r[2] for r in results)
        errors = [e for r in results for e in r[3]]
        total_versions, gaps = 0, []
        for info in ws.list_scenarios():
            numbers = [v.number for v in ws.versions(info.id)]
            total_versions += len(numbers)
            if numbers != list(range(1, len(numbers) + 1)):
                gaps.append(info.name)
            for n in numbers:
                ws.load(info.id, n)
        lost = SCENARIOS + saves - total_versions
        kind = url.split(":", 1)[0]
        ms = [c * 1000 for c in cycles] or [0.0]
        print(f"database: {kind}; sessions: {args.sessions}; duration: {elapsed:.1f} s")
        print(
            f"open-edit-compute-save cycles: {len(cycles)}; saves: {saves}; throughput: {saves / elapsed:.1f} saves/s"
        )
        print(
            f"cycle latency ms: min {min(ms):.1f}  median {statistics.median(ms):.1f}  "
            f"p95 {percentile(ms, 0.95):.1f}  max {max(ms):.1f}"
        )
        print(f"saves told of a concurrent save (kept as a new version): {conflicts}")
        print(f"errors: {len(errors)}; lost versions: {lost}; scenarios with gaps: {len(gaps)}")
        for error in errors[:5]:
            print(f"  error: {error}")
        store.dispose()
        return 0 if not errors and lost == 0 and not gaps else 1
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
