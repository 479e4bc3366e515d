"""Schema and its migrations: the documented path for changing the store's tables.

The database records its schema version in ``schema_version``. ``MIGRATIONS`` is an ordered list of
(version, description, function); opening a store applies every migration above the recorded
version, each in its own transaction, and refuses a database whose version is newer than this code
knows. To change the schema: add a function that alters the tables with SQLAlchemy (working on both
SQLite and PostgreSQL), append it with the next number, and add a test that opens a database made at
the previous version (see tests/test_store.py::test_migration_from_version_1).
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
)

workspaces = sa.Table(
    "workspaces", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("slug", sa.String(64), nullable=False, unique=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("access_hash", sa.String(300), nullable=False),
    sa.Column("presentation_scenario_id", sa.Integer, nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

scenarios = sa.Table(
    "scenarios", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("workspace_id", sa.Integer, sa.ForeignKey("workspaces.id"), nullable=False, index=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("workspace_id", "name", name="uq_scenario_name"),
)

versions = sa.Table(
    "versions", metadata,
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
    sa.UniqueConstraint("scenario_id", "number", name="uq_version_number"),
)


def _create_version_1(connection: sa.Connection) -> None:
    metadata.create_all(connection, tables=[workspaces, scenarios, versions])


# (version, description, function). Append only; never edit a migration that has shipped.
MIGRATIONS = [
    (1, "werkruimten, scenario's en onveranderlijke versies", _create_version_1),
]
LATEST = MIGRATIONS[-1][0]
