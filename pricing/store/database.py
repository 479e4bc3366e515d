"""The database under the store: where it is, the engine, write transactions, recognising and
upgrading the schema on opening, and database errors explained in Dutch."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import platformdirs
import sqlalchemy as sa
from sqlalchemy import event, exc

from pricing.store import migrations
from pricing.store.errors import StoreError

DATABASE_URL_ENV = "REELE_PRIJS_DATABASE_URL"
SQLITE_FILE_NAME = "reele_prijs.sqlite"
_SOURCE_ROOT = Path(__file__).resolve().parents[2]
_MIGRATION_LOCK = 0x5245454C  # PostgreSQL advisory-lock key for schema upgrades ("REEL")


def default_sqlite_path(source_root: Path = _SOURCE_ROOT) -> Path:
    """Where the SQLite file lives when no database URL is set.

    Run from a checkout of the repository (``streamlit run app.py``), it is ``data/`` beside ``app.py``,
    as the README says. Run from an installed package, the folder above ``pricing/`` is site-packages,
    which a package upgrade replaces and a user often may not write to; there it is the user's own data
    folder (``~/.local/share/reele-prijs`` on Linux, the matching folders on macOS and Windows).
    """
    if (source_root / "app.py").is_file() and (source_root / "pyproject.toml").is_file():
        return source_root / "data" / SQLITE_FILE_NAME
    return platformdirs.user_data_path("reele-prijs", appauthor=False) / SQLITE_FILE_NAME


def default_database_url() -> str:
    url = os.environ.get(DATABASE_URL_ENV, "").strip()
    if url:
        return url
    path = default_sqlite_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def make_engine(url: str) -> sa.Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_settings(dbapi_connection: sqlite3.Connection, _record: object) -> None:
            # Let SQLAlchemy, not the driver, open transactions (see _begin below).
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: sa.Connection) -> None:
            write = conn.get_execution_options().get("reele_prijs_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine
    return sa.create_engine(url, pool_pre_ping=True)


@contextlib.contextmanager
def writing(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A write transaction. On SQLite it takes the write lock at its start (BEGIN IMMEDIATE), so
    concurrent writers queue instead of failing half-way; reads keep a plain deferred BEGIN and
    never block a writer in WAL mode."""
    with engine.connect() as conn:
        conn.execution_options(reele_prijs_write=True)
        with conn.begin():
            yield conn


# -- schema on opening ----------------------------------------------------------------------------
def prepare(engine: sa.Engine, url: str) -> None:
    """Recognise the database at ``url`` and bring its schema to the newest revision."""
    # A SQLite file is looked at read-only first: a file that is not this app's database is
    # refused before anything (WAL mode included) is written to it.
    if engine.dialect.name == "sqlite":
        _inspect_sqlite_file(url)
    # Two processes may open an empty database at once: the loser of the race retries and
    # then finds the tables the winner made.
    for attempt in range(3):
        try:
            _prepare_once(engine)
            return
        except (exc.IntegrityError, exc.ProgrammingError, exc.OperationalError):
            if attempt == 2:
                raise
            time.sleep(0.2 * (attempt + 1))


def _prepare_once(engine: sa.Engine) -> None:
    with writing(engine) as conn:
        if conn.dialect.name == "postgresql":  # one upgrader at a time; released at commit
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        tables = set(sa.inspect(conn).get_table_names())
        kind = recognise(
            tables, lambda table, column: conn.execute(sa.text(f"SELECT {column} FROM {table}")).scalars().all()
        )
        if kind == "legacy":
            migrations.stamp_baseline(conn)
        elif kind == "alembic" and migrations.current_revision(conn) == migrations.head():
            return
        migrations.upgrade(conn)


def recognise(tables: set[str], read_all: Callable[[str, str], Sequence[Any]]) -> str:
    """What a database is: "empty", "legacy" (before Alembic), "alembic", or refused (StoreError).

    ``read_all(table, column)`` returns that column of every row of the table.
    """
    if "alembic_version" in tables:
        revisions = read_all("alembic_version", "version_num")
        known = migrations.known_revisions()
        if len(revisions) != 1 or revisions[0] not in known:
            raise StoreError(
                f"Deze database heeft schemarevisie {', '.join(map(str, revisions)) or 'onbekend'}, die deze versie "
                "van de app niet kent (een nieuwere app heeft haar bijgewerkt). Werk de app bij; er is niets gewijzigd."
            )
        return "alembic"
    if "schema_version" in tables:
        found = read_all("schema_version", "version")
        if not found:
            raise StoreError("De database mist haar schemaversie; herstel een reservekopie of kies een lege database.")
        value = found[0]
        if isinstance(value, bool) or not isinstance(value, int):
            raise StoreError(
                f"De schemaversie in deze database is geen geheel getal ({str(value)[:40]!r}); het bestand is "
                "beschadigd of niet van deze app. Herstel een reservekopie of kies een ander bestand; er is niets gewijzigd."
            )
        if value > migrations.LEGACY_VERSION:
            raise StoreError(
                f"Deze database heeft schemaversie {value}, nieuwer dan deze versie van de app kent. Werk de app bij."
            )
        if value < migrations.LEGACY_VERSION or not {"workspaces", "scenarios", "versions"} <= tables:
            raise StoreError(
                "De database is half aangemaakt (tabellen ontbreken); herstel een reservekopie of kies een lege database."
            )
        return "legacy"
    if tables:
        raise StoreError(
            "Deze database is niet van deze app: er staan andere tabellen in "
            f"({', '.join(sorted(tables)[:5])}). Kies een ander databasebestand of een lege database; er is niets gewijzigd."
        )
    return "empty"


def _inspect_sqlite_file(url: str) -> None:
    """Recognise an existing SQLite file through a read-only connection, so a refused file stays
    byte-identical (the store's own connections switch the file to WAL mode)."""
    try:
        path = sa.engine.make_url(url).database
    except (exc.ArgumentError, ValueError):
        return
    if (
        not path
        or path == ":memory:"
        or path.startswith("file:")
        or not os.path.isfile(path)
        or os.path.getsize(path) == 0
    ):
        return
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    try:
        with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=30)) as conn:
            tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            recognise(tables, lambda table, column: [row[0] for row in conn.execute(f"SELECT {column} FROM {table}")])
    except sqlite3.DatabaseError as error:
        raise StoreError(explain(error, url)) from None


# -- errors ---------------------------------------------------------------------------------------
def is_number_race(error: exc.IntegrityError) -> bool:
    """True when another save took the same version number first (the unique constraint)."""
    text = str(error.orig)
    return "uq_version_number" in text or "versions.scenario_id, versions.number" in text


def explain(error: Exception, url: str) -> str:
    """A database error in Dutch, naming the database without its password."""
    text = str(getattr(error, "orig", error)).lower()
    try:
        where = sa.engine.make_url(url).render_as_string(hide_password=True)
    except (exc.ArgumentError, ValueError):
        where = "ongeldige database-URL"
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return (
            f"Het databasebestand ({where}) is beschadigd of geen database van deze app. "
            "Herstel een reservekopie of kies een ander bestand; er is niets overschreven."
        )
    if "unable to open" in text or "could not connect" in text or "connection refused" in text:
        return f"De database ({where}) is niet bereikbaar. Controleer {DATABASE_URL_ENV}."
    if "locked" in text or "busy" in text:
        return "De database is bezet door een andere gebruiker; probeer het over een paar seconden opnieuw."
    detail = str(getattr(error, "orig", error)).splitlines()[0][:200]
    return f"Databasefout in {where}; er is niets half opgeslagen. Technische melding voor de beheerder: {detail}"
