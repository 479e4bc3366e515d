"""Benchmark (not a test): what one component costs a page switch in a real browser.

    python bench/browser_components.py [--runs 7] [--count 4]

The bare two-page app of bench/browser_interactions.py (Streamlit's own navigation, each page a
title, a number input and a closing line), and copies of it whose second page also draws
``--count`` copies of one kind of component the app's pages use: a short Markdown line, a
read-only table (st.dataframe, eight rows of five columns, as the budget and price tables), the
same table as Streamlit's static table (st.table, plain and as a pandas Styler with right-aligned,
coloured cells), as an HTML string through st.markdown and through st.html (as ui/components.py's
static_table draws it), as a Markdown pipe table, a data editor of the same size (as the input
grids), a Plotly bar chart (as the waterfall, tornado and contract charts) and a metric. Each copy
of the app runs on its own Streamlit server with the project's settings (tests/app_server.py);
Chromium (Playwright, nl-NL) clicks from the first page to the second and waits, every animation
frame, until the second page's title and closing line show. The runs are interleaved across the
servers (run 1 of every kind, then run 2, ...), so a busy machine slows them all alike. Prints
min / median / max per kind and what one component adds to the bare switch (median minus the bare
median, divided by --count).

Why it matters: a page switch in the app is many times a bare one (bench/browser_interactions.py),
while a page sends only some 30-50 elements (bench/page_messages.py): the cost is in which
components a page draws, and this says which.
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

from bench.browser_interactions import CHROMIUM, CHROMIUM_ARGS, _measure, _open, _serve, _switch  # noqa: E402
from tests.app_server import free_port, stop_app  # noqa: E402

SCRIPT = """import pandas as pd
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(initial_sidebar_state="expanded")
FRAME = pd.DataFrame({{f"Kolom {{c}}": [f"€ {{r * 1000 + c:,}}" for r in range(8)] for c in range(5)}})
STYLED = FRAME.style.set_properties(**{{"text-align": "right"}}).map(
    lambda v: "color: #2e7d32; font-weight: 600" if v.endswith("1") else "", subset=["Kolom 1"]
)
HTML = FRAME.to_html(index=False)
PIPES = "\\n".join(
    ["| " + " | ".join(FRAME.columns) + " |", "|" + " ---: |" * len(FRAME.columns)]
    + ["| " + " | ".join(row) + " |" for row in FRAME.itertuples(index=False)]
)


def component(i):
{body}


def first():
    st.title("Een")
    st.number_input("Getal", key="x", value=1.0)
    st.write("Einde van Een")


def second():
    st.title("Twee")
    st.number_input("Getal", key="y", value=1.0)
    for i in range({count}):
        component(i)
    st.write("Einde van Twee")


st.navigation([st.Page(first, title="Een"), st.Page(second, title="Twee", url_path="twee")]).run()
"""
KINDS = {
    "bare (no component)": "    pass",
    "Markdown line": '    st.markdown(f"Regel {i} met wat tekst, **vet** en een getal.")',
    "metric": '    st.metric(f"Tarief {i}", "€ 71,14")',
    "table, st.dataframe (8 x 5)": '    st.dataframe(FRAME, hide_index=True, key=f"t{i}")',
    "table, st.table (8 x 5)": "    st.table(FRAME, hide_index=True)",
    "table, st.table Styler (8 x 5)": "    st.table(STYLED, hide_index=True)",
    "table, st.markdown HTML (8 x 5)": "    st.markdown(HTML, unsafe_allow_html=True)",
    "table, st.markdown pipes (8 x 5)": "    st.markdown(PIPES)",
    "table, st.html (8 x 5)": "    st.html(HTML)",
    "data editor (8 x 5)": '    st.data_editor(FRAME, hide_index=True, key=f"e{i}")',
    "Plotly bar chart": (
        '    st.plotly_chart(go.Figure(go.Bar(x=list("abcdefgh"), y=list(range(8)))), key=f"c{i}",\n'
        '                    config={"displayModeBar": False})'
    ),
}
BARE = "bare (no component)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--count", type=int, default=4, help="copies of the component on the second page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-components-") as tmp_name:
        tmp = Path(tmp_name)
        env = {**os.environ, "REELE_PRIJS_DATABASE_URL": f"sqlite:///{tmp / 'store.db'}"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        servers = {}
        try:
            for n, (kind, body) in enumerate(KINDS.items()):
                script = tmp / f"kind_{n}.py"
                script.write_text(SCRIPT.format(body=body, count=0 if kind == BARE else args.count), encoding="utf-8")
                port = free_port()
                servers[kind] = (_serve(script, port, tmp / f"kind_{n}.log", env), port)
            results: dict[str, list[float]] = {kind: [] for kind in servers}
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                switch = _switch("Twee", "Einde van Twee", ("Een", "Einde van Een"))
                pages = {}
                for kind, (_, port) in servers.items():
                    page = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="nl-NL").new_page()
                    page.set_default_timeout(120_000)
                    _open(page, f"http://127.0.0.1:{port}", "Een", "Einde van Een")
                    _measure(page, switch, 0)  # the warm-up only
                    pages[kind] = page
                for run in range(args.runs):
                    for kind, page in pages.items():
                        results[kind].append(switch(page, run))
                browser.close()
        finally:
            for proc, _ in servers.values():
                stop_app(proc)
    bare = statistics.median(results[BARE])
    print(
        f"Page switch with {args.count} copies of one component on the page switched to, {args.runs} runs each "
        f"after one warm-up (Chromium headless; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    for kind, times in results.items():
        median = statistics.median(times)
        each = "" if kind == BARE else f"  {(median - bare) / args.count:6.1f} ms per component"
        print(f"{kind:<30} min {min(times):6.0f}  median {median:6.0f}  max {max(times):6.0f} ms{each}")


if __name__ == "__main__":
    main()
