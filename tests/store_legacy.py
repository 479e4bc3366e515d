"""A store database as the app wrote it before Alembic (schema_version 1), for the upgrade tests.

``tests/fixtures/store_before_alembic.sqlite`` was written by that code itself (commit 9194385):
workspaces 'de-brug' (code 'geheim-2026') and 'gemeente-x', scenario 1 'Offerte 2026' with versions
1-4 in rounds 1-4, scenario 2 'Variant' with one version, scenario 1 chosen for the presentation.
For PostgreSQL, :func:`write_legacy_store` builds the schema with the baseline revision alone and
removes Alembic's own table, which leaves what the old code made
(``test_the_baseline_is_what_the_old_code_wrote`` checks this against the file), then copies the
file's rows into it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import sqlalchemy as sa
from alembic import command

from pricing.store import migrations

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "store_before_alembic.sqlite"
CODE = "geheim-2026"

TABLES = ("schema_version", "workspaces", "scenarios", "versions")


def _tables(engine: sa.Engine) -> list[sa.Table]:
    metadata = sa.MetaData()
    metadata.reflect(engine, only=TABLES)
    return [metadata.tables[name] for name in TABLES]


def legacy_rows() -> dict[str, list[dict]]:
    """Every row of the fixture file, table by table (the reference for what an upgrade keeps)."""
    engine = sa.create_engine(f"sqlite:///file:{FIXTURE}?mode=ro&uri=true")
    try:
        with engine.connect() as conn:
            return {
                t.name: [dict(r) for r in conn.execute(sa.select(t).order_by(t.c.id)).mappings()]
                for t in _tables(engine)
            }
    finally:
        engine.dispose()


def write_legacy_store(url: str) -> dict[str, list[dict]]:
    """Create the old schema in an empty database and copy the fixture's rows into it."""
    rows = legacy_rows()
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            command.upgrade(migrations.alembic_config(conn), migrations.BASELINE)
            conn.execute(sa.text("DROP TABLE alembic_version"))
            conn.execute(sa.text("DELETE FROM schema_version"))  # the baseline's own row; the file's follows
        with engine.begin() as conn:
            for table in _tables(engine):
                values = [
                    {k: (v.replace(tzinfo=dt.UTC) if isinstance(v, dt.datetime) else v) for k, v in row.items()}
                    for row in rows[table.name]
                ]
                conn.execute(table.insert(), values)
            if conn.dialect.name == "postgresql":  # inserted ids do not move a sequence
                for name in TABLES[1:]:
                    conn.execute(
                        sa.text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))")
                    )
    finally:
        engine.dispose()
    return rows


def content_hash(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def scenario_of(row: dict) -> dict:
    return json.loads(row["content"])
