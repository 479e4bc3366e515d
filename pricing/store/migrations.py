"""The store's tables and their Alembic migrations, run by the store itself when it opens a database.

The tables below are the schema at the newest revision; the queries use them. How a database gets
there is the revision chain in ``schema_migrations/versions/`` (Alembic), one linear history:

- an empty database is built by running every revision, starting from the baseline (``0001``),
  which writes out the schema as it was before Alembic, never from these live definitions;
- a database made before Alembic (a ``schema_version`` table with version 1 and no
  ``alembic_version``) is stamped with the baseline and then upgraded, keeping every row;
- a database at a revision this code does not know (made by a newer app) is refused.

Everything runs inside the caller's write transaction, so an upgrade is applied completely or not
at all (SQLite and PostgreSQL both have transactional DDL). To change the schema, add a revision
file (see docs/store.md, "Schema changes") and change the tables here to match; the test
``test_migrations_build_exactly_the_live_tables`` compares the two.
"""

from __future__ import annotations

import functools
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

SCRIPT_DIR = Path(__file__).resolve().parent / "schema_migrations"
BASELINE = "0001"
LEGACY_VERSION = 1  # the schema_version a database made before Alembic records

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
)

workspaces = sa.Table(
    "workspaces",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("slug", sa.String(64), nullable=False, unique=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("access_hash", sa.String(300), nullable=False),
    sa.Column("presentation_scenario_id", sa.Integer, nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

scenarios = sa.Table(
    "scenarios",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("workspace_id", sa.Integer, sa.ForeignKey("workspaces.id"), nullable=False, index=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("workspace_id", "name", name="uq_scenario_name"),
)

versions = sa.Table(
    "versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("scenario_id", sa.Integer, sa.ForeignKey("scenarios.id"), nullable=False, index=True),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("round", sa.Integer, nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("based_on", sa.Integer, nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("content", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    # What was agreed (revision 0003; NULL for versions saved before it): the parameter edition,
    # the key figures and the full result as JSON, and a checksum over them.
    sa.Column("edition_id", sa.String(80), nullable=True),
    sa.Column("edition_published", sa.String(10), nullable=True),
    sa.Column("edition_fingerprint", sa.String(64), nullable=True),
    sa.Column("figures", sa.Text, nullable=True),
    sa.Column("result", sa.Text, nullable=True),
    sa.Column("outcome_hash", sa.String(64), nullable=True),
    # Where it came from (revision 0005): NULL saved here, "imported-verified" from an export this
    # server signed, "imported-unverified" from any other file; who imported it and when.
    sa.Column("provenance", sa.String(20), nullable=True),
    sa.Column("imported_by", sa.String(200), nullable=True),
    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=True),
    sa.UniqueConstraint("scenario_id", "number", name="uq_version_number"),
)


# Revision 0004: failed login attempts per workspace name and per client address (hashed).
login_failures = sa.Table(
    "login_failures",
    metadata,
    sa.Column("kind", sa.String(10), nullable=False),
    sa.Column("subject", sa.String(64), nullable=False),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("last_attempt", sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint("kind", "subject", name="pk_login_failures"),
)


# Revision 0005: the key that signs exports, when none is given in the environment.
server_secrets = sa.Table(
    "server_secrets",
    metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("value", sa.String(128), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)


@functools.lru_cache(maxsize=1)
def script_directory() -> ScriptDirectory:
    return ScriptDirectory(str(SCRIPT_DIR))


def head() -> str:
    current = script_directory().get_current_head()
    assert current is not None  # the package ships its migration scripts
    return current


def known_revisions() -> set[str]:
    return {script.revision for script in script_directory().walk_revisions()}


def current_revision(conn: sa.Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def alembic_config(conn: sa.Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_DIR))
    config.attributes["connection"] = conn
    return config


def stamp_baseline(conn: sa.Connection) -> None:
    """Record that a database made before Alembic is at the baseline revision (changes no table)."""
    command.stamp(alembic_config(conn), BASELINE)


def upgrade(conn: sa.Connection) -> None:
    """Run every revision above the database's current one, inside the caller's transaction."""
    command.upgrade(alembic_config(conn), "head")
