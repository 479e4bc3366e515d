"""Benchmark (not a test): what one more element costs a rerun in a real browser.

    python bench/browser_elements.py [--runs 8] [--counts 0,25,50,100,200]

The bare one-widget app of bench/browser_interactions.py, and copies of it that write N more short
Markdown elements after the number input (N from --counts), each served by its own Streamlit server
with the project's settings (.streamlit/config.toml, through tests/app_server.py). Chromium
(Playwright, nl-NL) types a new number and waits, every animation frame, until the result written
after the last element shows. Prints min / median / max per N, the median's ratio to the bare app's
(N = 0, the same run) and the slope: milliseconds per element by least squares over the medians.

Why it matters: Streamlit sends every element of a page to the browser on every rerun, one message
each, however little changed; the issue-10 target "within 2x of the bare app" is therefore also a
bound on how many elements a page may write. Runs are interleaved across the servers, so a busy
machine slows them all alike.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.browser_interactions import CHROMIUM, CHROMIUM_ARGS, _bare_change, _idle, _serve  # noqa: E402
from tests.app_server import free_port, stop_app  # noqa: E402

# The bare app of bench/browser_interactions.py (its _bare_change types the number and waits for
# the "Uitkomst" line), with the extra elements between the field and that line.
SCRIPT = """import streamlit as st

value = st.number_input("Getal", key="x", value=1.0)
for i in range({count}):
    st.markdown(f"Regel {{i}} met wat tekst, **vet** en een getal: {{value * i:.1f}}")
st.write(f"Uitkomst {{value * 2:.1f}}")
"""


def _slope(points: list[tuple[int, float]]) -> float:
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / sum((x - mean_x) ** 2 for x, _ in points)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--counts", default="0,25,50,100,200", help="numbers of extra elements, 0 included")
    args = parser.parse_args()
    counts = sorted({0, *(int(c) for c in args.counts.split(","))})
    with tempfile.TemporaryDirectory(prefix="bench-elements-") as tmp_name:
        tmp = Path(tmp_name)
        env = {**os.environ, "REELE_PRIJS_DATABASE_URL": f"sqlite:///{tmp / 'store.db'}"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        servers = {}
        try:
            for count in counts:
                script = tmp / f"elements_{count}.py"
                script.write_text(SCRIPT.format(count=count), encoding="utf-8")
                port = free_port()
                servers[count] = (_serve(script, port, tmp / f"elements_{count}.log", env), port)
            times: dict[int, list[float]] = {count: [] for count in counts}
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                pages = {}
                for count, (_, port) in servers.items():
                    page = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="nl-NL").new_page()
                    page.goto(f"http://127.0.0.1:{port}")
                    page.get_by_label("Getal").wait_for(timeout=120_000)
                    _idle(page)
                    _bare_change(page, -1)  # warm-up
                    pages[count] = page
                for run in range(args.runs):
                    for count in counts:
                        times[count].append(_bare_change(pages[count], run))
                browser.close()
        finally:
            for proc, _ in servers.values():
                stop_app(proc)
    bare = statistics.median(times[0])
    print(
        f"One rerun in Chromium until the element after the last shows, {args.runs} interleaved runs each "
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    for count in counts:
        t = times[count]
        median = statistics.median(t)
        name = "bare app" if count == 0 else f"bare app + {count} elements"
        print(f"{name:<28} min {min(t):6.0f}  median {median:6.0f}  max {max(t):6.0f} ms  {median / bare:5.2f}x bare")
    slope = _slope([(count, statistics.median(times[count])) for count in counts])
    print(
        f"slope: {slope:.2f} ms per element; 2x the bare app leaves room for about "
        f"{max(0, int(bare / slope)) if slope > 0 else 0} elements"
    )


if __name__ == "__main__":
    main()
