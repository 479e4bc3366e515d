"""Logins that hold under attack: bounded hashing and failed attempts counted in the database.

- **Bounded hashing.** Checking an access code costs a scrypt hash of 128 MiB (n = 2**17, r = 8).
  At most :data:`CONCURRENT_HASHES` run at once in a process; further attempts wait their turn
  (up to :attr:`LoginPolicy.hash_wait` seconds, then get a Dutch "try again" message), so parallel
  attempts cannot exhaust the server's memory.
- **Counted in the database.** Every failed attempt is counted per workspace name and per client
  address in the table ``login_failures``: shared by every server process and surviving
  restarts. A correct code clears the address's count. Names and addresses are stored as SHA-256
  hashes, never as text. (Attempts in flight at the same moment are not yet counted; the hashing
  slots bound how many those can be.)
- **Growing delays, no lock.** After a number of free attempts each further one must wait a delay
  that doubles per failure, up to a ceiling: short for a workspace (an attacker who rotates
  addresses can slow its owner down by at most :attr:`LoginPolicy.workspace_ceiling` seconds,
  never lock them out), long for one address. The correct code is accepted as soon as the delay
  has passed. A count older than :attr:`LoginPolicy.forget_after` starts again.
- **Unknown names** are counted and delayed exactly like existing ones, and cost the same hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import threading
from collections.abc import Callable
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy import exc

from pricing.record import Record
from pricing.store.migrations import login_failures

T = TypeVar("T")

CONCURRENT_HASHES = 2  # scrypt hashes at once per process (each 128 MiB at the default cost)
_HASHING = threading.BoundedSemaphore(CONCURRENT_HASHES)


class LoginPolicy(Record, frozen=True):
    free_per_workspace: int = 10
    free_per_address: int = 5
    first_delay: float = 1.0  # seconds, after the free attempts; doubles per further attempt
    workspace_ceiling: float = 60.0
    address_ceiling: float = 900.0
    forget_after: float = 3600.0  # seconds without an attempt after which a count starts again
    hash_wait: float = 30.0  # longest wait for a free hashing slot


class Busy(Exception):
    """No hashing slot came free in time."""


def bounded_hash(work: Callable[[], T], wait: float) -> T:
    """Run ``work()`` (a scrypt hash) in one of the process's few hashing slots."""
    if not _HASHING.acquire(timeout=wait):
        raise Busy()
    try:
        return work()
    finally:
        _HASHING.release()


def subject(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}:{value}".encode("utf-8", "surrogatepass")).hexdigest()


def delay(failures: int, free: int, first: float, ceiling: float) -> float:
    """Seconds to wait after the last attempt, for a count of ``failures`` attempts."""
    if failures < free:
        return 0.0
    return min(ceiling, first * 2.0 ** min(failures - free, 60))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def wait_for(conn: sa.Connection, keys: list[tuple[str, str, int, float]], policy: LoginPolicy) -> float:
    """Seconds an attempt must still wait, for every (kind, subject, free, ceiling); 0: go ahead."""
    now = _now()
    wait = 0.0
    for kind, key, free, ceiling in keys:
        row = (
            conn.execute(
                sa.select(login_failures).where(login_failures.c.kind == kind, login_failures.c.subject == key)
            )
            .mappings()
            .first()
        )
        if row is None or now - _utc(row["last_attempt"]) > dt.timedelta(seconds=policy.forget_after):
            continue
        ready = _utc(row["last_attempt"]) + dt.timedelta(
            seconds=delay(row["failures"], free, policy.first_delay, ceiling)
        )
        wait = max(wait, (ready - now).total_seconds())
    return math.ceil(wait) if wait > 0 else 0.0


def register_failure(conn: sa.Connection, keys: list[tuple[str, str, int, float]], policy: LoginPolicy) -> None:
    """Count a failed attempt for every subject; inside the caller's write transaction. Rows are
    locked in the order given (workspace, then address), so concurrent counts queue."""
    now = _now()
    forget = dt.timedelta(seconds=policy.forget_after)
    for kind, key, _free, _ceiling in keys:
        query = sa.select(login_failures).where(login_failures.c.kind == kind, login_failures.c.subject == key)
        row = conn.execute(query.with_for_update() if conn.dialect.name == "postgresql" else query).mappings().first()
        if row is None:
            conn.execute(login_failures.insert().values(kind=kind, subject=key, failures=1, last_attempt=now))
            continue
        stale = now - _utc(row["last_attempt"]) > forget
        conn.execute(
            login_failures.update()
            .where(login_failures.c.kind == kind, login_failures.c.subject == key)
            .values(failures=1 if stale else login_failures.c.failures + 1, last_attempt=now)
        )
    # Forget stale counts of others (rows nobody has tried for a while).
    conn.execute(
        login_failures.delete().where(
            login_failures.c.last_attempt < now - forget,
            sa.not_(
                sa.tuple_(login_failures.c.kind, login_failures.c.subject).in_([(k, key) for k, key, _, _ in keys])
            ),
        )
    )


def register_success(conn: sa.Connection, address_key: str) -> None:
    """A correct code: the address starts again. The workspace's count stays and fades after
    ``forget_after``: otherwise every login of the owner would hand an attacker who rotates
    addresses a new set of free attempts (its delay is capped low, so the owner hardly notices)."""
    conn.execute(
        login_failures.delete().where(login_failures.c.kind == "address", login_failures.c.subject == address_key)
    )


def is_race(error: exc.IntegrityError) -> bool:
    """Two processes inserted the first count for the same subject at once."""
    return "login_failures" in str(error.orig) or "pk_login_failures" in str(error.orig)
