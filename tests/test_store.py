"""The scenario store against real SQLite and real PostgreSQL (no database mocks)."""

from __future__ import annotations

import copy
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from pricing.scenario import ScenarioError, read_scenario_file
from pricing.store import AccessDenied, ScenarioStore, StoreError, migrations, signing

ROOT = Path(__file__).resolve().parents[1]
DEMO = read_scenario_file(ROOT / "tests" / "fixtures" / "organisation.yaml")
CODE = "geheim-2026"


TEST_COST = 2**10  # scrypt work factor for tests; the default (2**17) is pinned in its own test


@pytest.fixture
def store(store_url):
    store = ScenarioStore(store_url, access_cost=TEST_COST)
    store.create_workspace("de-brug", "Welzijn De Brug", CODE)
    yield store
    store.dispose()


@pytest.fixture
def ws(store):
    return store.open_workspace("de-brug", CODE)


def edited(fte: float) -> dict:
    raw = copy.deepcopy(DEMO)
    raw["staff"][0]["fte"] = fte
    return raw


def test_access_code_is_required_and_stored_hashed(store):
    with pytest.raises(AccessDenied, match="onjuist"):
        store.open_workspace("de-brug", "fout-fout")
    with pytest.raises(AccessDenied, match="onjuist"):
        store.open_workspace("bestaat-niet", CODE)
    with store.engine.connect() as conn:
        stored = conn.execute(sa.text("select access_hash from workspaces")).scalar_one()
    assert CODE not in stored and stored.startswith("scrypt$")
    with pytest.raises(StoreError, match="minstens 8"):
        store.create_workspace("ander", "Ander", "kort")
    assert store.create_workspace("de-brug", "Dubbel", CODE) is False  # taken: nothing changes
    assert store.workspace_names() == [("de-brug", "Welzijn De Brug")]


def test_every_save_is_an_immutable_version_with_round_role_author_note_time(ws):
    sid, first = ws.create_scenario("Offerte 2026", DEMO, author="Anna de Vries", role="aanbieder", note="Eerste bod")
    second = ws.save(sid, edited(10.0), base_version=1, author="Bert Jansen", role="gemeente", note="Tegenbod", round=2)
    assert (first.version.number, second.version.number) == (1, 2)
    history = ws.versions(sid)
    assert [(v.number, v.round, v.role, v.author, v.note) for v in history] == [
        (1, 1, "aanbieder", "Anna de Vries", "Eerste bod"),
        (2, 2, "gemeente", "Bert Jansen", "Tegenbod"),
    ]
    assert history[0].created_at <= history[1].created_at and history[0].created_at.tzinfo is not None
    assert ws.load(sid, 1)["staff"][0]["fte"] == 12.0
    assert ws.load(sid)["staff"][0]["fte"] == 10.0
    assert ws.list_scenarios()[0].head == 2 and ws.list_scenarios()[0].head_round == 2


def test_second_saver_from_the_same_version_is_told_and_both_are_kept(ws):
    sid, _ = ws.create_scenario("Offerte", DEMO, author="Anna", role="aanbieder")
    first = ws.save(sid, edited(11.0), base_version=1, author="Anna", role="aanbieder")
    second = ws.save(sid, edited(9.0), base_version=1, author="Bert", role="gemeente")
    assert not first.conflict and second.conflict
    assert "intussen" in second.message and "versie 3" in second.message
    assert [ws.load(sid, n)["staff"][0]["fte"] for n in (2, 3)] == [11.0, 9.0]


def test_concurrent_saves_lose_nothing(store, ws):
    sid, _ = ws.create_scenario("Druk", DEMO, author="Anna", role="aanbieder")
    errors, saved = [], []

    def worker(k):
        session = store.open_workspace("de-brug", CODE)
        for j in range(4):
            try:
                result = session.save(
                    sid, edited(1 + k + j / 10), base_version=1, author=f"Gebruiker {k}", role="aanbieder"
                )
                saved.append(result.version.number)
            except Exception as error:  # the assertion below reports any
                errors.append(repr(error))

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = [v.number for v in ws.versions(sid)]
    assert numbers == list(range(1, 26)) and sorted(saved) == list(range(2, 26))


def test_restore_makes_an_old_version_the_newest_without_losing_history(ws):
    sid, _ = ws.create_scenario("Offerte", DEMO, author="Anna", role="aanbieder")
    ws.save(sid, edited(5.0), base_version=1, author="Bert", role="gemeente")
    restored = ws.restore(sid, 1, author="Anna", role="aanbieder")
    assert restored.version.number == 3 and "Teruggezet naar versie 1" in restored.version.note
    assert ws.load(sid, 3) == ws.load(sid, 1) and ws.load(sid, 2)["staff"][0]["fte"] == 5.0


def test_compare_two_versions_gives_the_eur_effect(ws):
    sid, _ = ws.create_scenario("Offerte", DEMO, author="Anna", role="aanbieder")
    raw = edited(12.0)
    raw["norms"]["overhead"]["pct"] = 0.20
    ws.save(sid, raw, base_version=1, author="Bert", role="gemeente")
    comparison = ws.compare(sid, 1, 2)
    assert comparison.total_gap < 0
    assert sum(step.effect for step in comparison.steps) == pytest.approx(comparison.total_gap)


def test_invalid_scenarios_are_not_stored(ws):
    sid, _ = ws.create_scenario("Offerte", DEMO, author="Anna", role="aanbieder")
    bad = edited(-3.0)
    with pytest.raises(ScenarioError):
        ws.save(sid, bad, base_version=1, author="Anna", role="aanbieder")
    nan = edited(float("nan"))
    with pytest.raises(ScenarioError):
        ws.save(sid, nan, base_version=1, author="Anna", role="aanbieder")
    with pytest.raises(StoreError, match="Rol"):
        ws.save(sid, DEMO, base_version=1, author="Anna", role="koning")
    assert [v.number for v in ws.versions(sid)] == [1]


def test_workspaces_are_kept_apart(store, ws):
    store.create_workspace("gemeente-x", "Gemeente X", "ander-geheim")
    other = store.open_workspace("gemeente-x", "ander-geheim")
    sid, _ = ws.create_scenario("Offerte", DEMO, author="Anna", role="aanbieder")
    assert other.list_scenarios() == []
    for action in (
        lambda: other.load(sid),
        lambda: other.versions(sid),
        lambda: other.set_presentation(sid),
        lambda: other.save(sid, DEMO, base_version=1, author="X", role="gemeente"),
    ):
        with pytest.raises(StoreError, match="bestaat niet in werkruimte 'gemeente-x'"):
            action()


def test_presentation_shows_only_the_chosen_scenario(ws):
    sid, _ = ws.create_scenario("Offerte", DEMO, author="Anna", role="aanbieder")
    assert ws.presentation_scenario() is None
    ws.set_presentation(sid)
    assert ws.presentation_scenario() == sid
    ws.set_presentation(None)
    assert ws.presentation_scenario() is None


def test_export_and_import_with_the_whole_history(store, ws):
    sid, _ = ws.create_scenario("Offerte", DEMO, author="Anna", role="aanbieder", note="Łódź & <b>R&D</b>")
    ws.save(sid, edited(8.0), base_version=1, author="Bert", role="gemeente", round=2)
    data = ws.export(sid)
    store.create_workspace("elders", "Elders", "nog-een-code")
    elsewhere = store.open_workspace("elders", "nog-een-code")
    new_id = elsewhere.import_export(data)
    assert [(v.number, v.round, v.author) for v in elsewhere.versions(new_id)] == [(1, 1, "Anna"), (2, 2, "Bert")]
    assert elsewhere.versions(new_id)[0].note == "Łódź & <b>R&D</b>"
    assert elsewhere.load(new_id, 2) == ws.load(sid, 2)
    assert ws.list_scenarios()[-1].name == "Offerte" and ws.import_export(data) != sid  # name clash gets a suffix
    assert any(s.name == "Offerte (2)" for s in ws.list_scenarios())


@pytest.mark.parametrize(
    "mutate, fragment",
    [
        (lambda d: d.update(format="iets-anders"), "geen scenario-export"),
        (lambda d: d["versions"][0]["scenario"]["staff"][0].update(fte=-1), "ongeldige versies"),
        (lambda d: d["versions"][0].update(role="baas"), "Rol"),
        (lambda d: d["versions"].append(dict(d["versions"][0])), "dubbel"),
        (lambda d: d.update(versions=[]), "minstens één versie"),
    ],
)
def test_import_refuses_bad_exports_and_stores_nothing(ws, mutate, fragment):
    sid, _ = ws.create_scenario("Offerte", DEMO, author="Anna", role="aanbieder")
    document = json.loads(ws.export(sid))
    mutate(document)
    with pytest.raises(StoreError, match=fragment):
        ws.import_export(json.dumps(document).encode())
    assert len(ws.list_scenarios()) == 1


def test_import_refuses_garbage_and_oversized_files(ws):
    for data in (b"\x00\xff garbage", b"[1, 2]", b"{" * 10):
        with pytest.raises(StoreError):
            ws.import_export(data)
    with pytest.raises(StoreError, match="groter dan"):
        ws.import_export(b" " * 20_000_001)


def test_tampered_version_is_reported_not_returned(store, ws):
    sid, _ = ws.create_scenario("Offerte", DEMO, author="Anna", role="aanbieder")
    with store.engine.begin() as conn:
        conn.execute(sa.text("update versions set content = replace(content, '12.0', '99.0')"))
    with pytest.raises(StoreError, match="beschadigd"):
        ws.load(sid, 1)


# ---- files that are not this app's database ----------------------------------------------------


def test_corrupt_sqlite_file_gives_a_clear_message(tmp_path):
    path = tmp_path / "kapot.sqlite"
    path.write_bytes(b"dit is geen database" * 200)
    with pytest.raises(StoreError, match="beschadigd of geen database van deze app"):
        ScenarioStore(f"sqlite:///{path}")
    assert path.read_bytes().startswith(b"dit is geen database")  # nothing overwritten


def test_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "ander.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("create table klanten (id integer)")
    with pytest.raises(StoreError, match="niet van deze app.*klanten"):
        ScenarioStore(f"sqlite:///{path}")


def test_a_refused_sqlite_file_is_left_byte_identical(tmp_path):
    """Refusing a file must not touch it (the store's own connections switch a file to WAL mode)."""
    import hashlib

    foreign = tmp_path / "ander.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("create table klanten (id integer)")
        conn.execute("insert into klanten values (1)")
    text_version = tmp_path / "tekst.sqlite"
    with sqlite3.connect(text_version) as conn:
        conn.execute("create table schema_version (id integer primary key, version integer not null)")
        conn.execute("insert into schema_version values (1, 'een')")
    for path, fragment in ((foreign, "niet van deze app.*klanten"), (text_version, "geen geheel getal \\('een'\\)")):
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        with pytest.raises(StoreError, match=fragment):
            ScenarioStore(f"sqlite:///{path}")
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(path.name)) == [path.name]


def test_default_location_is_a_sqlite_file_and_the_url_comes_from_the_environment(monkeypatch, tmp_path):
    from pricing.store import DATABASE_URL_ENV, default_database_url

    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    assert default_database_url() == f"sqlite:///{ROOT / 'data' / 'reele_prijs.sqlite'}"
    monkeypatch.setenv(DATABASE_URL_ENV, f"sqlite:///{tmp_path / 'x.sqlite'}")
    assert ScenarioStore().url.endswith("x.sqlite")


def test_outside_a_checkout_the_default_file_is_in_the_users_data_folder(monkeypatch, tmp_path):
    """An installed package: the folder above pricing/ is site-packages, no place for user data."""
    from pricing.store.database import default_sqlite_path

    site = tmp_path / "site-packages"
    site.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert default_sqlite_path(site) == tmp_path / "share" / "reele-prijs" / "reele_prijs.sqlite"
    (site / "app.py").write_text("")  # half a checkout is not a checkout
    assert default_sqlite_path(site) == tmp_path / "share" / "reele-prijs" / "reele_prijs.sqlite"
    (site / "pyproject.toml").write_text("")
    assert default_sqlite_path(site) == site / "data" / "reele_prijs.sqlite"


# ---- a process killed in the middle of saving ----------------------------------------------------

SAVER = """
import sys
sys.path.insert(0, {root!r})
import sqlalchemy as sa
from pricing.scenario import read_scenario_file
from pricing.store import ScenarioStore
raw = read_scenario_file({demo!r})
raw["staff"] = raw["staff"] * 150  # 1,200 staff lines: a large version, whose rows are large writes
store = ScenarioStore({url!r}, access_cost=1024)
ws = store.open_workspace("de-brug", {code!r})
head = ws.versions({sid})[-1].number
raw["staff"][0]["fte"] = 1 + head % 30
ws.save({sid}, raw, base_version=head, author="Saver", role="aanbieder")  # one whole save first
events = commits = 0

def event(kind):
    global events
    events += 1
    if events == {stop_at}:
        print(kind, commits, flush=True)
        sys.stdin.readline()  # the parent kills this process here, inside the second save

@sa.event.listens_for(store.engine, "before_cursor_execute")
def before_statement(*_):
    event("statement")

@sa.event.listens_for(store.engine, "commit")
def before_commit(_):
    global commits
    event("commit")  # every row of this transaction written, none committed
    commits += 1

raw["staff"][0]["fte"] = 2 + head % 30
ws.save({sid}, raw, base_version=head + 1, author="Saver", role="aanbieder")
print("saved", commits, flush=True)
"""


def _kill_a_saver(script: str) -> tuple[str, int]:
    """Start a process that saves once and then runs its second save up to one event (a statement
    or a commit); kill it there. Where it stopped, and how many commits its second save had made
    by then; ("saved", n) when the save ran to its end before that event."""
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    kind, commits = child.stdout.readline().decode().split()
    if kind == "saved":
        assert child.wait() == 0, child.stderr.read()
    else:
        assert kind in ("statement", "commit") and child.poll() is None, child.stderr.read()
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    return kind, int(commits)


def test_a_process_killed_mid_save_leaves_every_version_intact(store_url, ws):
    """A large save is killed before each statement and each commit of its second save, through
    the whole save and not only its first transaction (the write lock held, rows half written, every
    row written but not committed), until a child runs it to the end: no version is lost, none is
    half there, and the numbers stay consecutive. The child says where it stopped, so the kill lands
    inside the write every time instead of after a guessed delay. A kill during the commit itself is
    the database's atomic commit, which no test here can time."""
    sid, _ = ws.create_scenario("Offerte", DEMO, author="Anna", role="aanbieder")
    stops = []
    for stop_at in range(2, 60):  # after the first event (the transaction's first statement)
        script = SAVER.format(
            root=str(ROOT),
            demo=str(ROOT / "tests" / "fixtures" / "organisation.yaml"),
            url=store_url,
            code=CODE,
            sid=sid,
            stop_at=stop_at,
        )
        stops.append(_kill_a_saver(script))
        if stops[-1][0] == "saved":
            break
    kinds = [kind for kind, _ in stops]
    assert kinds[-1] == "saved" and "commit" in kinds and kinds.count("statement") >= 2, stops
    reopened = ScenarioStore(store_url, access_cost=TEST_COST).open_workspace("de-brug", CODE)
    history = reopened.versions(sid)
    numbers = [v.number for v in history]
    assert numbers == list(range(1, len(history) + 1))
    # Each child's first save, and the last child's second; a kill after one of the save's commits
    # (none today: a save is one transaction) may leave what that commit wrote, whole.
    whole = 1 + len(stops) + 1
    after_a_commit = sum(1 for kind, commits in stops[:-1] if commits > 0)
    assert whole <= len(history) <= whole + after_a_commit, (numbers, stops)
    for version in history:
        reopened.load(sid, version.number)  # checks the content hash of every version
    after = reopened.save(sid, DEMO, base_version=history[-1].number, author="Anna", role="aanbieder")
    assert after.version.number == len(history) + 1 and not after.conflict


# ---- hardening found in review ------------------------------------------------------------------


def test_default_access_cost_is_owasp_scrypt():
    from pricing.store.access_codes import ACCESS_COST, hash_access_code, verify_access_code

    assert ACCESS_COST == 2**17
    stored = hash_access_code("een-lange-code")
    assert stored.startswith("scrypt$131072$8$1$") and verify_access_code("een-lange-code", stored)
    assert not verify_access_code("een-andere-code", stored)


def test_a_workspace_session_cannot_be_made_without_the_code(store):
    from pricing.store import WorkspaceSession

    with pytest.raises(TypeError, match="open_workspace"):
        WorkspaceSession(store, 1, "de-brug", "Welzijn De Brug")


def test_base_version_must_exist(ws):
    sid, _ = ws.create_scenario("Offerte", DEMO, author="Anna", role="aanbieder")
    with pytest.raises(StoreError, match="Basisversie 9 bestaat niet"):
        ws.save(sid, DEMO, base_version=9, author="Anna", role="aanbieder")
    with pytest.raises(StoreError, match="Basisversie"):
        ws.save(sid, DEMO, base_version="1", author="Anna", role="aanbieder")


def test_import_accepts_optional_keys_and_keeps_time_zones(store, ws):
    sid, _ = ws.create_scenario("Offerte", DEMO, author="Anna", role="aanbieder")
    document = json.loads(ws.export(sid))
    entry = document["versions"][0]
    del entry["note"], entry["based_on"]
    entry["created_at"] = "2026-03-01T12:00:00+05:00"
    document = signing.sign(document, ws._signing_key())  # as this server would have signed it
    new_id = ws.import_export(json.dumps(document).encode())
    version = ws.versions(new_id)[0]
    assert version.note == "" and version.based_on is None
    assert version.created_at.isoformat() == "2026-03-01T07:00:00+00:00"
    entry["created_at"] = "2026-03-01T12:00:00"
    with pytest.raises(StoreError, match="zonder tijdzone"):
        ws.import_export(json.dumps(document).encode())


@pytest.mark.parametrize("name", ["   ", 42, "x" * 300])
def test_import_refuses_a_bad_name(ws, name):
    sid, _ = ws.create_scenario("Offerte", DEMO, author="Anna", role="aanbieder")
    document = json.loads(ws.export(sid))
    document["name"] = name
    with pytest.raises(StoreError, match="(?i)naam"):
        ws.import_export(json.dumps(document).encode())


def test_an_edited_export_is_refused_by_its_checksum(ws):
    sid, _ = ws.create_scenario("Offerte", DEMO, author="Anna", role="aanbieder")
    document = json.loads(ws.export(sid))
    document["versions"][0]["scenario"]["staff"][0]["fte"] = 20.0  # still a valid scenario
    with pytest.raises(StoreError, match="controlegetal"):
        ws.import_export(json.dumps(document).encode())


def test_a_tampered_version_is_not_exported(store, ws):
    sid, _ = ws.create_scenario("Offerte", DEMO, author="Anna", role="aanbieder")
    with store.engine.begin() as conn:
        conn.execute(sa.text("update versions set content = replace(content, '12.0', '99.0')"))
    with pytest.raises(StoreError, match="beschadigd"):
        ws.export(sid)


def test_a_malformed_database_url_gives_a_dutch_message():
    with pytest.raises(StoreError, match="database-URL .* is ongeldig"):
        ScenarioStore("dit is geen url")


def test_an_open_reader_does_not_block_a_writer_on_sqlite(tmp_path):
    store = ScenarioStore(f"sqlite:///{tmp_path / 's.sqlite'}", access_cost=TEST_COST)
    store.create_workspace("de-brug", "De Brug", CODE)
    ws = store.open_workspace("de-brug", CODE)
    sid, _ = ws.create_scenario("Offerte", DEMO, author="Anna", role="aanbieder")
    with store.engine.connect() as reader:
        reader.execute(sa.text("select count(*) from versions")).scalar_one()  # a read transaction stays open
        other = ScenarioStore(store.url, access_cost=TEST_COST).open_workspace("de-brug", CODE)
        assert other.save(sid, DEMO, base_version=1, author="Bert", role="gemeente").version.number == 2


def test_two_processes_opening_an_empty_database_at_once(store_url):
    script = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r}); from pricing.store import ScenarioStore; "
        f"ScenarioStore({store_url!r}, access_cost=1024); print('ok')"
    )
    children = [
        subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(3)
    ]
    outputs = [child.communicate(timeout=120) for child in children]
    assert all(out.strip() == b"ok" for out, _ in outputs), [err for _, err in outputs]
    assert ScenarioStore(store_url, access_cost=TEST_COST).schema_revision == migrations.head()
