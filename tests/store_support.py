"""A private PostgreSQL server for the store tests, started from Debian's postgresql binaries.

The tests need a real PostgreSQL, not a mock. Set REELE_PRIJS_TEST_POSTGRES_URL to use an existing
server; otherwise this starts a throw-away cluster (initdb + pg_ctl) on a free localhost port, as the
'postgres' system user when the tests run as root (initdb refuses root). In CI (CI=true) a missing
PostgreSQL is a failure, not a skip.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid

import pytest

URL_ENV = "REELE_PRIJS_TEST_POSTGRES_URL"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _bin_dir() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return os.path.dirname(found[-1]) if found else None


class PrivatePostgres:
    def __init__(self):
        self.bin = _bin_dir()
        if self.bin is None:
            message = "PostgreSQL ontbreekt (Debian-pakket 'postgresql'); .ci/run installeert het."
            if os.environ.get("CI") == "true":
                pytest.fail(message)
            pytest.skip(message)
        self.root = tempfile.mkdtemp(prefix="reele-prijs-pg-")
        self.data = os.path.join(self.root, "data")
        self.port = _free_port()
        self.as_user = []
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
            os.chmod(self.root, 0o700)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        try:
            self._run("initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
            options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100"
            self._run("pg_ctl", "-D", self.data, "-o", options, "-l", os.path.join(self.root, "log"), "-w", "start")
        except Exception:
            shutil.rmtree(self.root, ignore_errors=True)
            raise

    def _run(self, tool: str, *args: str) -> None:
        done = subprocess.run(
            [*self.as_user, os.path.join(self.bin, tool), *args], capture_output=True, text=True, timeout=120
        )
        if done.returncode != 0:  # say why: a bare CalledProcessError hides PostgreSQL's own message
            raise RuntimeError(f"{tool} faalde ({done.returncode}): {(done.stderr or done.stdout).strip()[-2000:]}")

    def new_database(self) -> str:
        name = "t_" + uuid.uuid4().hex[:12]
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", self.data, "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


class ExistingPostgres:
    def __init__(self, url: str):
        self.url = url

    def new_database(self) -> str:
        import sqlalchemy as sa

        name = "t_" + uuid.uuid4().hex[:12]
        engine = sa.create_engine(self.url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        engine.dispose()
        return str(sa.engine.make_url(self.url).set(database=name).render_as_string(hide_password=False))

    def stop(self) -> None:
        pass
