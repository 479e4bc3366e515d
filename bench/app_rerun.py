"""Benchmark (not a test): app reruns on every page, next to a bare one-widget script, in one run.

Measured with streamlit.testing.v1.AppTest in one process, so the app and the bare script carry the
same harness overhead. Per page one change a user makes there (or, on a page that only shows
figures, a rerun of it), the rerun that follows timed; min / median / max per case and the ratio of
the median to the bare script's. Also: presentation mode, saving a version on Versies & rondes
(a workspace in a temporary SQLite file), and an FTE edit and an overhead change on a 2,000-line
scenario. Target (issue 10): what a page adds beyond the bare rerun stays small; the browser benchmark
(bench/browser_interactions.py) holds the user-facing targets.

Two figures per case: the wall time of ``AppTest.run()`` (which waits for the script in steps of its
own polling, so it moves in steps of a few milliseconds) and the CPU time of the script's own thread
while it runs (``time.thread_time`` around Streamlit's ``ScriptRunner._run_script``), which leaves out
that polling and the waiting for a core on a shared machine: the steadier figure for a before/after.

    python bench/app_rerun.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from bench.run import synthetic  # noqa: E402

BARE = """
import streamlit as st
value = st.number_input("x", key="x", value=1.0)
st.write(value * 2)
"""
WORKSPACE, CODE = "bench-perf", "benchmark-code-1"


def _app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()


def _page(at: AppTest, title: str) -> AppTest:
    for page_hash, info in at._registered_pages.items():
        if info.get("page_name") == title:
            at._page_hash = page_hash
            at.run()
            return at
    raise SystemExit(f"page {title!r} not found")


# CPU milliseconds of the script thread, one entry per script run (see _count_script_cpu).
_SCRIPT_CPU: list[float] = []
# Per timed run of a case: the wall milliseconds of AppTest.run() and the script thread's CPU milliseconds.
Timing = tuple[list[float], list[float]]


def _count_script_cpu() -> None:
    """Wrap Streamlit's script runner so each script run records its thread's CPU time."""
    from streamlit.runtime.scriptrunner import script_runner

    run_script = script_runner.ScriptRunner._run_script

    def counted(self: object, *args: object, **kwargs: object) -> object:
        start = time.thread_time()
        try:
            return run_script(self, *args, **kwargs)
        finally:
            _SCRIPT_CPU.append((time.thread_time() - start) * 1000)

    script_runner.ScriptRunner._run_script = counted


def _time(at: AppTest, change: Callable[[AppTest, int], None], runs: int) -> Timing:
    change(at, -1)  # warm-up: the first change may fill caches
    at.run()
    times, cpu = [], []
    for i in range(runs):
        change(at, i)
        _SCRIPT_CPU.clear()
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append(sum(_SCRIPT_CPU))
        assert not at.exception, [e.value for e in at.exception]
    return times, cpu


def _text(key: str, value: Callable[[int], str]) -> Callable[[AppTest, int], None]:
    return lambda at, i: at.text_input(key=key).set_value(value(i))


# A new overhead percentage every run (20,5 %, 21,0 %, ...), typed as a user types it.
_OVERHEAD_CHANGE = _text("w_overhead__pct", lambda i: f"{20 + (i + 2) * 0.5:.1f}".replace(".", ","))


def _nothing(at: AppTest, i: int) -> None:
    pass


def _edit_fte(at: AppTest, i: int) -> None:
    key = f"staff_editor_{at.session_state['staff_version']}"
    # A new value every run, so the session's cache of recent Evaluations never answers it.
    fte = f"{3.0 + (i + 2) * 0.1:.1f}".replace(".", ",")
    at.session_state[key] = {"edited_rows": {0: {"FTE": fte}}, "added_rows": [], "deleted_rows": []}


def _variant(at: AppTest, i: int) -> None:
    radio = at.radio(key="k_contract_variant")
    radio.set_value(radio.options[(i + 1) % len(radio.options)])


def _save_version(at: AppTest, i: int) -> None:
    at.text_area(key="k_rd_note").set_value(f"versie {i}")
    at.button(key="btn_rd_save").click()


def _rounds(runs: int) -> dict[str, Timing]:
    from pricing.store import ScenarioStore

    at = _page(_app(), "Versies & rondes")
    store = ScenarioStore(os.environ["REELE_PRIJS_DATABASE_URL"])
    store.create_workspace(WORKSPACE, "Benchmark", CODE)
    at.text_input(key="k_ws_slug").set_value(WORKSPACE)
    at.text_input(key="k_ws_code").set_value(CODE)
    at.button(key="btn_ws_open").click().run()
    at.text_input(key="k_rd_author").set_value("Benchmark").run()  # saved under the scenario's own name
    at.button(key="btn_rd_new").click().run()
    assert "stored" in at.session_state, "the first version was not saved"
    return {
        "Versies & rondes (workspace open, rerun)": _time(at, _nothing, runs),
        "Versies & rondes (save a version)": _time(at, _save_version, runs),
    }


def _large_app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.session_state["raw"] = synthetic(2000)
    at.session_state["raw_origin"] = "benchmark: 2.000 regels"
    at.session_state["staff_version"] = 1
    return at.run()


def _large(runs: int) -> Timing:
    return _time(_page(_large_app(), "Organisatie & formatie"), _edit_fte, runs)


def _large_norm(runs: int) -> Timing:
    return _time(_page(_large_app(), "Normen & opslagen"), _OVERHEAD_CHANGE, runs)


def _line(name: str, times: list[float], bare: float) -> str:
    median = statistics.median(times)
    return (
        f"{name:<46} min {min(times):7.1f}  median {median:7.1f}  max {max(times):7.1f} ms  {median / bare:6.1f}x bare"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--no-large", action="store_true", help="leave out the 2,000-line scenario")
    args = parser.parse_args()
    runs = args.runs
    _count_script_cpu()

    bare = AppTest.from_string(BARE, default_timeout=30).run()
    results = {"bare one-widget script": _time(bare, lambda at, i: at.number_input(key="x").set_value(2.0 + i), runs)}
    cases = (
        ("Organisatie & formatie", "one FTE cell", _edit_fte),
        (
            "Normen & opslagen",
            "overhead %",
            _OVERHEAD_CHANGE,
        ),
        ("Kostprijs", "rerun", _nothing),
        ("Toets", "equity", _text("k_fh_equity", lambda i: f"{900_000 + 1000 * i}")),
        ("Tariefcheck", "offered tariff", _text("k_tc_offered", lambda i: f"{60 + i % 20},50")),
        ("Vergelijken", "rerun", _nothing),
        ("Contract & offerte", "contract name", _text("w_contract_name", lambda i: f"Contract {i}")),
        ("Contract & offerte", "variant", _variant),
    )
    for title, what, change in cases:
        results[f"{title} ({what})"] = _time(_page(_app(), title), change, runs)

    at = _app()
    at.toggle(key="presentation").set_value(True).run()
    results["Presentatie (rerun)"] = _time(at, _nothing, runs)

    with tempfile.TemporaryDirectory(prefix="bench-rerun-") as tmp:
        os.environ["REELE_PRIJS_DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'store.db'}"
        results.update(_rounds(runs))
    if not args.no_large:
        results["Organisatie & formatie, 2,000 lines (FTE)"] = _large(max(3, runs // 3))
        results["Normen & opslagen, 2,000 lines (overhead %)"] = _large_norm(max(3, runs // 3))

    bare_wall, bare_cpu = results["bare one-widget script"]
    print(
        f"App rerun after one change, {runs} runs each (AppTest, same process; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    for name, (wall, _) in results.items():
        print(_line(name, wall, statistics.median(bare_wall)))
    print("CPU time of the script's own thread per rerun (leaves out AppTest's polling and waiting for a core):")
    for name, (_, cpu) in results.items():
        print(_line(name, cpu, statistics.median(bare_cpu)))


if __name__ == "__main__":
    main()
