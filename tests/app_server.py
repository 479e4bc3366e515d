"""Start the real app for browser tests and load tests: `streamlit run app.py` on one local port with
the project's server settings and its own database, ready once Streamlit's health endpoint says so
and the port is its own (on a shared machine another test run may take a free port first)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[1]


class AppNotStarted(RuntimeError):
    pass


class PortTaken(AppNotStarted):
    pass


def free_port() -> int:
    """A local port no one listens on now (the system's choice)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _listens_on(pid: int, port: int) -> bool:
    """Whether process ``pid`` holds the listening TCP socket on ``port`` (Linux: /proc)."""
    table = Path("/proc/net/tcp")
    if not table.exists():
        return True  # no way to tell; the health answer has to do
    listening = set()
    for line in table.read_text().splitlines()[1:]:
        fields = line.split()
        if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
            listening.add(f"socket:[{fields[9]}]")
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            if os.readlink(fd) in listening:
                return True
        except OSError:
            continue
    return False


def start_app_on_free_port(database_url: str, log: IO[str], *, timeout: float = 90.0) -> tuple[subprocess.Popen, int]:
    """The running app process and its port; a port someone else took first is given up for another."""
    for _ in range(2):
        port = free_port()
        try:
            return start_app(database_url, port, log, timeout=timeout), port
        except PortTaken:
            continue
    port = free_port()
    return start_app(database_url, port, log, timeout=timeout), port


def start_app(
    database_url: str,
    port: int,
    log: IO[str],
    *,
    timeout: float = 90.0,
    script: str | Path = "app.py",
    env: dict[str, str] | None = None,
) -> subprocess.Popen:
    """The running app process on http://127.0.0.1:``port``; AppNotStarted when it is not healthy in
    time, PortTaken when another process answers on that port. ``script`` (default the app) runs
    from the repository root, so it reads the project's server settings; ``env`` replaces the
    process environment (the database URL is set in it either way)."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
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
        env={**(os.environ if env is None else env), "REELE_PRIJS_DATABASE_URL": database_url},
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                healthy = answer.read().strip() == b"ok"
        except OSError:
            healthy = False
        if healthy:
            if _listens_on(process.pid, port):
                return process
            process.kill()
            process.wait()
            raise PortTaken(f"port {port} is another process's")
        time.sleep(0.3)
    process.kill()
    process.wait()
    if _answers(port):  # ours gave up on the port someone else holds
        raise PortTaken(f"port {port} is another process's")
    raise AppNotStarted(f"streamlit on port {port} did not start")


def stop_app(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
