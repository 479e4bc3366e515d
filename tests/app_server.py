"""Start the real app for browser tests and load tests: `streamlit run app.py` on one local port with
the project's server settings and its own database, ready once Streamlit's health endpoint says so."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[1]


class AppNotStarted(RuntimeError):
    pass


def start_app(database_url: str, port: int, log: IO[str], *, timeout: float = 90.0) -> subprocess.Popen:
    """The running app process on http://127.0.0.1:``port``; AppNotStarted when it is not healthy in time."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "REELE_PRIJS_DATABASE_URL": database_url},
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return process
        except OSError:
            pass
        time.sleep(0.3)
    process.kill()
    raise AppNotStarted(f"streamlit on port {port} did not start")


def stop_app(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
