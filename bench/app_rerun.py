"""Benchmark (not a test): median time of an app rerun after one widget change, demo scenario.

Measured with streamlit.testing.v1.AppTest in one process, next to the rerun of a bare one-widget
Streamlit script, so both carry the same harness overhead. Target: ours at most bare + 100 ms.

    python bench/app_rerun.py [--runs 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

BARE = """
import streamlit as st
value = st.number_input("x", key="x", value=1.0)
st.write(value * 2)
"""


def _page(at: AppTest, title: str) -> None:
    for page_hash, info in at._registered_pages.items():
        if info.get("page_name") == title:
            at._page_hash = page_hash
            at.run()
            return
    raise SystemExit(f"page {title!r} not found")


def _time(at: AppTest, change, runs: int) -> list[float]:
    times = []
    for i in range(runs):
        change(at, i)
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
        assert not at.exception, [e.value for e in at.exception]
    return times


def _line(name: str, times: list[float]) -> str:
    return f"{name:<44} min {min(times):7.1f}  median {statistics.median(times):7.1f}  max {max(times):7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    bare = AppTest.from_string(BARE, default_timeout=30).run()
    bare_times = _time(bare, lambda at, i: at.number_input(key="x").set_value(2.0 + i), args.runs)

    results = {"bare one-widget script": bare_times}
    # The pages where a widget change is most expensive: inputs with sources and bands; charts.
    for title, key, values in (
        ("Normen & opslagen", "w_overhead__pct", lambda i: 20.0 + (i % 10)),
        ("Tariefcheck", "k_tc_offered", lambda i: 60.0 + i),
    ):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
        _page(at, title)
        results[f"app: {title} ({key})"] = _time(
            at, lambda at, i, key=key, values=values: at.number_input(key=key).set_value(values(i)), args.runs)

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    _page(at, "Organisatie & formatie")

    def edit_fte(at, i):
        key = f"staff_editor_{at.session_state['staff_version']}"
        at.session_state[key] = {"edited_rows": {0: {"FTE": 10.0 + i % 5}}, "added_rows": [], "deleted_rows": []}

    results["app: Organisatie & formatie (FTE cell)"] = _time(at, edit_fte, args.runs)

    print(f"App rerun after one widget change, {args.runs} runs each (AppTest, same process)")
    for name, times in results.items():
        print(_line(name, times))
    base = statistics.median(bare_times)
    worst = max(statistics.median(t) for n, t in results.items() if n.startswith("app"))
    verdict = "OK" if worst <= base + 100 else "BOVEN DOEL"
    print(f"target: app median <= bare median + 100 ms = {base + 100:.1f} ms; slowest app page {worst:.1f} ms: {verdict}")


if __name__ == "__main__":
    main()
