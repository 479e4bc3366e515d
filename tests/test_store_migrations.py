"""Alembic migrations of the store: fresh installs, databases made before Alembic, later revisions.

Real SQLite and the private PostgreSQL (tests/store_support.py); no database mocks.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from pricing.store import ScenarioStore, StoreError, migrations
from tests.store_legacy import CODE, FIXTURE, content_hash, legacy_rows, scenario_of, write_legacy_store

TEST_COST = 2**10


def _legacy_url(kind: str, tmp_path, postgres_server=None) -> tuple[str, dict]:
    if kind == "sqlite":
        path = tmp_path / "old.sqlite"
        shutil.copy(FIXTURE, path)
        return f"sqlite:///{path}", legacy_rows()
    url = postgres_server.new_database()
    return url, write_legacy_store(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def legacy(request, tmp_path):
    server = request.getfixturevalue("postgres_server") if request.param == "postgresql" else None
    return _legacy_url(request.param, tmp_path, server)


def test_a_fresh_database_is_built_to_the_newest_revision(store_url):
    store = ScenarioStore(store_url, access_cost=TEST_COST)
    assert store.schema_revision == migrations.head()
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version FROM schema_version")).scalar_one() == 2
    store.dispose()
    again = ScenarioStore(store_url, access_cost=TEST_COST)  # reopening changes nothing
    assert again.schema_revision == migrations.head()
    again.dispose()


def test_migrations_build_exactly_the_live_tables(store_url):
    """The revision chain and the table definitions the queries use describe the same schema."""
    store = ScenarioStore(store_url, access_cost=TEST_COST)
    with store.engine.connect() as conn:
        differences = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), migrations.metadata
        )
    store.dispose()
    assert [
        d
        for d in differences
        if not (isinstance(d, tuple) and d[0] == "remove_table" and d[1].name == "alembic_version")
    ] == []


def test_a_database_made_before_alembic_keeps_every_version(legacy):
    url, before = legacy
    store = ScenarioStore(url, access_cost=TEST_COST)
    assert store.schema_revision == migrations.head()
    ws = store.open_workspace("de-brug", CODE)  # the stored scrypt hash still opens it
    old_versions = [r for r in before["versions"] if r["scenario_id"] == 1]
    assert [(v.number, v.round, v.role, v.author, v.note, v.based_on, v.content_hash) for v in ws.versions(1)] == [
        (r["number"], r["round"], r["role"], r["author"], r["note"], r["based_on"], r["content_hash"])
        for r in old_versions
    ]
    for row in before["versions"]:
        assert content_hash(row["content"]) == row["content_hash"]
        assert ws.load(row["scenario_id"], row["number"]) == scenario_of(row)
    assert [s.name for s in ws.list_scenarios()] == ["Offerte 2026", "Variant"]
    assert ws.presentation_scenario() == 1
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM versions")).scalar_one() == len(before["versions"])
        assert conn.execute(sa.text("SELECT version FROM schema_version")).scalar_one() == 2
    assert ws.outcome(1, 4) is None and ws.recheck(1, 4) is None  # saved without figures: none are invented
    after = ws.save(1, ws.load(1), base_version=4, author="Anna", role="aanbieder")
    assert after.version.number == 5 and not after.conflict and ws.outcome(1, 5).tariff == after.version.tariff
    new_id, _ = ws.create_scenario("Nieuw na upgrade", ws.load(1), author="Anna", role="aanbieder")
    assert new_id == 3
    store.dispose()


def test_the_baseline_is_what_the_old_code_wrote(tmp_path):
    """Revision 0001 alone (without Alembic's table) is the schema the code before Alembic wrote."""

    def schema(path):
        with sqlite3.connect(path) as conn:
            return sorted(sql for (sql,) in conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"))

    write_legacy_store(f"sqlite:///{tmp_path / 'frozen.sqlite'}")
    assert schema(tmp_path / "frozen.sqlite") == schema(FIXTURE)


def test_a_revision_added_later_runs_on_fresh_and_on_old_databases(tmp_path, monkeypatch, legacy):
    """The failure that moved the store to Alembic: adding a column broke every fresh install."""
    scripts = tmp_path / "scripts"
    shutil.copytree(migrations.SCRIPT_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    head = migrations.head()
    (scripts / "versions" / "9999_label.py").write_text(
        '"""Test revision: a label per scenario."""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        f"revision = '9999'\ndown_revision = {head!r}\nbranch_labels = None\ndepends_on = None\n\n\n"
        "def upgrade():\n"
        "    with op.batch_alter_table('scenarios') as batch:\n"
        "        batch.add_column(sa.Column('label', sa.String(50), nullable=True))\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(migrations, "SCRIPT_DIR", scripts)
    migrations.script_directory.cache_clear()
    try:
        fresh = ScenarioStore(f"sqlite:///{tmp_path / 'fresh.sqlite'}", access_cost=TEST_COST)
        url, before = legacy
        old = ScenarioStore(url, access_cost=TEST_COST)
        for store in (fresh, old):
            assert store.schema_revision == "9999"
            assert "label" in {c["name"] for c in sa.inspect(store.engine).get_columns("scenarios")}
        assert len(old.open_workspace("de-brug", CODE).versions(1)) == 4
        fresh.dispose()
        old.dispose()
    finally:
        migrations.script_directory.cache_clear()


def test_a_database_from_a_newer_app_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "s.sqlite"
    ScenarioStore(f"sqlite:///{path}", access_cost=TEST_COST).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'abcdef123456'")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(StoreError, match="schemarevisie abcdef123456.*Werk de app bij"):
        ScenarioStore(f"sqlite:///{path}")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_newer_legacy_schema_version_is_refused(tmp_path):
    path = tmp_path / "s.sqlite"
    shutil.copy(FIXTURE, path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(StoreError, match="schemaversie 99"):
        ScenarioStore(f"sqlite:///{path}")


def test_an_old_app_refuses_an_upgraded_database(tmp_path):
    """The marker revision sets schema_version to 2: the pre-Alembic code (LATEST = 1) refused any
    database with a higher number ('nieuwer dan deze versie van de app kent')."""
    path = tmp_path / "s.sqlite"
    shutil.copy(FIXTURE, path)
    ScenarioStore(f"sqlite:///{path}", access_cost=TEST_COST).dispose()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(2,)]
