"""Load test of the real app: browser sessions against two Streamlit processes on one database.

    python bench/load_app.py [--sessions 20] [--seconds 60] [--url URL | --private-postgres] [--ports 8632 8633]

Starts two `streamlit run app.py` processes on the same database (a private PostgreSQL cluster with
--private-postgres), then drives them with the system Chromium through Playwright: half of the
sessions on each process, every session its own browser context (its own Streamlit session). Each
session logs in on the Versies page and loops until the time is up: open the newest version of the
shared scenario in the editor, type a note, and save a new version based on the version it opened
(so sessions collide across processes, and every save must be kept and the collision reported).
At the end the script checks in the database that the versions equal the saves the app reported,
that the numbers run 1..N without gaps or duplicates, and that every version loads with its
checksum. It prints throughput and latency (min / median / p95 / max per cycle) and exits non-zero
on an error or a lost version.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pricing.scenario import read_scenario_file  # noqa: E402
from pricing.store import ScenarioStore  # noqa: E402
from tests.app_server import AppNotStarted, start_app  # noqa: E402

CODE = "belasting-test"
BROWSER = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SAVED = ("Opgeslagen als versie", "intussen door iemand anders opgeslagen")


def start_server(url: str, port: int, log: Path) -> subprocess.Popen:
    try:
        return start_app(url, port, log.open("w"), timeout=120)
    except AppNotStarted:
        raise SystemExit(f"streamlit op poort {port} startte niet; zie {log}") from None


async def log_in(browser, address: str, index: int):
    from playwright.async_api import expect

    context = await browser.new_context(locale="nl-NL", viewport={"width": 1400, "height": 1400})
    page = await context.new_page()
    page.set_default_timeout(180_000)  # 20 sessions on a small machine: the first page can take long
    await page.goto(f"{address}/versies")
    await page.get_by_label("Werkruimte", exact=True).fill("last")
    await page.get_by_label("Toegangscode", exact=True).fill(CODE)
    await page.get_by_label("Toegangscode", exact=True).press("Enter")
    await expect(page.get_by_text("Werkruimte 'last' geopend")).to_be_visible(timeout=180_000)
    await page.get_by_label("Auteur", exact=True).fill(f"Sessie {index}")
    return context, page


async def work(page, index: int, deadline: float) -> tuple[list[float], int, int, list[str]]:
    from playwright.async_api import expect

    cycles, saves, conflicts, errors = [], 0, 0, []
    while time.time() < deadline:
        start = time.perf_counter()
        try:
            await page.get_by_role("button", name="Openen in editor").click()
            await expect(page.get_by_text("geopend om verder te bewerken")).to_be_visible(timeout=120_000)
            note = page.get_by_label("Notitie bij deze versie", exact=True)
            await note.fill(f"sessie {index}, wijziging {len(cycles)}")
            await note.press("Tab")
            await page.get_by_role("button", name="Nieuwe versie opslaan").click()
            answer = page.get_by_text(SAVED[0]).or_(page.get_by_text(SAVED[1]))
            await expect(answer.first).to_be_visible(timeout=120_000)
            saves += 1
            conflicts += SAVED[1] in await answer.first.inner_text()
        except Exception as error:  # counted and reported; the run fails on any
            errors.append(repr(error)[:300])
        cycles.append(time.perf_counter() - start)
    return cycles, saves, conflicts, errors


async def drive(addresses: list[str], sessions: int, seconds: float) -> tuple[list, float]:
    """Log every session in first, then let them all work for ``seconds``."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=BROWSER, args=FLAGS)
        opened = await asyncio.gather(*(log_in(browser, addresses[k % len(addresses)], k) for k in range(sessions)))
        started = time.perf_counter()
        deadline = time.time() + seconds
        results = await asyncio.gather(*(work(page, k, deadline) for k, (_, page) in enumerate(opened)))
        working = time.perf_counter() - started
        await browser.close()
    return results, working


def run(url: str, sessions: int, seconds: float, ports: list[int]) -> int:
    store = ScenarioStore(url, access_cost=2**14)  # a lighter hash than production, so 20 logins fit the run
    store.create_workspace("last", "Belastingtest", CODE)
    ws = store.open_workspace("last", CODE, client="opzet")
    sid, _ = ws.create_scenario(
        "Gedeeld", read_scenario_file(ROOT / "examples" / "voorbeeld.yaml"), author="Opzet", role="aanbieder"
    )
    logs = Path(tempfile.mkdtemp(prefix="load-app-"))
    servers = [start_server(url, port, logs / f"server-{port}.log") for port in ports]
    try:
        out, elapsed = asyncio.run(drive([f"http://127.0.0.1:{port}" for port in ports], sessions, seconds))
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    cycles = sorted(c for v in out for c in v[0])
    saves = sum(v[1] for v in out)
    conflicts = sum(v[2] for v in out)
    errors = [e for v in out for e in v[3]]
    history = ws.versions(sid)
    numbers = [v.number for v in history]
    for version in history:
        ws.load(sid, version.number)  # checks every checksum
    lost = (1 + saves) - len(history)
    gaps = numbers != list(range(1, len(numbers) + 1))
    ms = [c * 1000 for c in cycles] or [0.0]
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    print(
        f"database: {store.engine.dialect.name}; processes: {len(ports)}; sessions: {sessions}; "
        f"duration of the saving phase: {elapsed:.1f} s"
    )
    print(f"saves: {saves}; throughput: {saves / elapsed:.2f} saves/s; told of a concurrent save: {conflicts}")
    print(f"cycle latency ms: min {ms[0]:.0f} / median {statistics.median(ms):.0f} / p95 {p95:.0f} / max {ms[-1]:.0f}")
    print(
        f"versions: {len(history)} (1 + saves = {1 + saves}); lost: {lost}; gaps or duplicates: {gaps}; "
        f"errors: {len(errors)}"
    )
    for error in errors[:5]:
        print("  ", error)
    store.dispose()
    return 1 if errors or lost or gaps else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--url")
    parser.add_argument("--private-postgres", action="store_true")
    parser.add_argument("--ports", type=int, nargs="+", default=[8632, 8633])
    args = parser.parse_args()
    if args.private_postgres:
        from tests.store_support import PrivatePostgres

        server = PrivatePostgres()
        try:
            return run(server.new_database(), args.sessions, args.seconds, args.ports)
        finally:
            server.stop()
    url = args.url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'load.sqlite'}"
    return run(url, args.sessions, args.seconds, args.ports)


if __name__ == "__main__":
    sys.exit(main())
