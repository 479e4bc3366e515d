"""The scenario store (see the package docstring for the rules it keeps)."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import math
import os
import re
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import event, exc

from pricing.loading import LoadError, load_json
from pricing.parameters import ParameterBook, ParameterNotCovered
from pricing.scenario import ScenarioError, _plain
from pricing.store import logins, migrations, signing
from pricing.store import outcome as outcomes
from pricing.store.migrations import scenarios, versions, workspaces

if TYPE_CHECKING:
    from pricing.compare import Comparison

T = TypeVar("T")
# A row of the versions table as read (sa.RowMapping) or as just inserted (the values written).
VersionRow = sa.RowMapping | Mapping[str, Any]

DATABASE_URL_ENV = "REELE_PRIJS_DATABASE_URL"
DEFAULT_SQLITE = Path(__file__).resolve().parents[2] / "data" / "reele_prijs.sqlite"
ROLES = ("aanbieder", "gemeente")
EXPORT_FORMAT = "reele-prijs-scenario-export"
EXPORT_VERSION = 1
MAX_VERSIONS_IN_EXPORT = 10_000
MAX_VERSION_NUMBER = 2**31 - 1  # fits every database's INTEGER; 2**63 from a forged export is refused
VERIFIED, UNVERIFIED = "imported-verified", "imported-unverified"
PROVENANCE_LABELS = {VERIFIED: "geïmporteerd, geverifieerd", UNVERIFIED: "geïmporteerd, niet geverifieerd"}
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
_SAVE_ATTEMPTS = 20
_MIGRATION_LOCK = 0x5245454C  # PostgreSQL advisory-lock key for schema upgrades ("REEL")


class StoreError(Exception):
    """A problem with the store, explained in Dutch for the user."""


class AccessDenied(StoreError):
    pass


@dataclass(frozen=True)
class VersionInfo:
    scenario_id: int
    number: int
    round: int
    role: str
    author: str
    note: str
    based_on: int | None
    created_at: dt.datetime
    content_hash: str
    edition_id: str | None = None  # the parameter edition it was priced with (None: saved before figures were kept)
    tariff: float | None = None  # the stored team tariff per hour
    provenance: str | None = None  # None: saved here; VERIFIED or UNVERIFIED: imported
    imported_by: str | None = None
    imported_at: dt.datetime | None = None

    @property
    def provenance_text(self) -> str:
        return PROVENANCE_LABELS.get(self.provenance or "", "")


@dataclass(frozen=True)
class ScenarioInfo:
    id: int
    name: str
    head: int
    head_round: int
    updated_at: dt.datetime


@dataclass(frozen=True)
class SaveResult:
    version: VersionInfo
    conflict: bool  # someone saved a newer version after the one this save was based on
    message: str


def default_database_url() -> str:
    url = os.environ.get(DATABASE_URL_ENV, "").strip()
    if url:
        return url
    DEFAULT_SQLITE.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_SQLITE}"


ACCESS_COST = 2**17  # scrypt N; OWASP's recommended minimum with r=8, p=1 (about 0.5-1 s here)
_SCRYPT_MAXMEM = 256 * 1024 * 1024


def hash_access_code(code: str, *, salt: bytes | None = None, n: int = ACCESS_COST) -> str:
    """scrypt hash of an access code, with its parameters and salt, for storage."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(code.encode("utf-8"), salt=salt, n=n, r=8, p=1, maxmem=_SCRYPT_MAXMEM, dklen=32)
    return f"scrypt${n}$8$1${salt.hex()}${digest.hex()}"


def verify_access_code(code: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        candidate = hashlib.scrypt(
            code.encode("utf-8"),
            salt=bytes.fromhex(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=_SCRYPT_MAXMEM,
            dklen=len(digest) // 2,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(candidate.hex(), digest)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _as_utc(value: dt.datetime) -> dt.datetime:
    # SQLite returns naive datetimes; they were written as UTC.
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def canonical_content(raw: dict[str, Any]) -> str:
    """The stored text of a scenario: JSON in the scenario's own key order, dates as ISO text."""
    return json.dumps(_plain(raw), ensure_ascii=False, allow_nan=False)


def _hash(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


class ScenarioStore:
    """A connection to one database holding any number of workspaces."""

    def __init__(
        self, url: str | None = None, *, access_cost: int = ACCESS_COST, login_policy: logins.LoginPolicy | None = None
    ):
        self.url = url or default_database_url()
        self.access_cost = access_cost
        self.login_policy = login_policy or logins.LoginPolicy()
        try:
            self.engine = _make_engine(self.url)
        except (exc.ArgumentError, ValueError) as error:
            raise StoreError(
                f"De database-URL in {DATABASE_URL_ENV} is ongeldig ({error}). "
                "Voorbeeld: postgresql+psycopg://gebruiker:wachtwoord@localhost/reele_prijs"
            ) from None
        except ImportError as error:
            raise StoreError(f"Het stuurprogramma voor deze database ontbreekt ({error.name}).") from None
        try:
            self._prepare()
        except StoreError:
            raise
        except exc.SQLAlchemyError as error:
            raise StoreError(_explain(error, self.url)) from None

    # -- schema ---------------------------------------------------------------------------------
    def _prepare(self) -> None:
        # A SQLite file is looked at read-only first: a file that is not this app's database is
        # refused before anything (WAL mode included) is written to it.
        if self.engine.dialect.name == "sqlite":
            _inspect_sqlite_file(self.url)
        # Two processes may open an empty database at once: the loser of the race retries and
        # then finds the tables the winner made.
        for attempt in range(3):
            try:
                self._prepare_once()
                return
            except (exc.IntegrityError, exc.ProgrammingError, exc.OperationalError):
                if attempt == 2:
                    raise
                time.sleep(0.2 * (attempt + 1))

    def _prepare_once(self) -> None:
        with _writing(self.engine) as conn:
            if conn.dialect.name == "postgresql":  # one upgrader at a time; released at commit
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            tables = set(sa.inspect(conn).get_table_names())
            kind = _recognise(
                tables, lambda table, column: conn.execute(sa.text(f"SELECT {column} FROM {table}")).scalars().all()
            )
            if kind == "legacy":
                migrations.stamp_baseline(conn)
            elif kind == "alembic" and migrations.current_revision(conn) == migrations.head():
                return
            migrations.upgrade(conn)

    @property
    def schema_revision(self) -> str | None:
        """The Alembic revision the database is at."""
        try:
            with self.engine.connect() as conn:
                return migrations.current_revision(conn)
        except exc.SQLAlchemyError as error:
            raise StoreError(_explain(error, self.url)) from None

    # -- workspaces -----------------------------------------------------------------------------
    def create_workspace(self, slug: str, name: str, access_code: str) -> bool:
        """Create a workspace; True if it was made, False if the code was taken already.

        Both cases cost the same hash, so a caller that shows the same answer for both (the app
        does) reveals nothing about which workspaces exist. The administrator's CLI says which.
        """
        if not isinstance(slug, str) or not _SLUG.match(slug):
            raise StoreError(
                "Werkruimte-code: gebruik 2-63 kleine letters, cijfers of streepjes, bijvoorbeeld 'welzijn-de-brug'."
            )
        if not isinstance(name, str) or not name.strip() or len(name) > 200:
            raise StoreError("Naam van de werkruimte: verplicht, ten hoogste 200 tekens.")
        if not isinstance(access_code, str) or len(access_code) < 8:
            raise StoreError("Toegangscode: minstens 8 tekens.")
        access_hash = self._hash(lambda: hash_access_code(access_code, n=self.access_cost))
        try:
            with _writing(self.engine) as conn:
                conn.execute(
                    workspaces.insert().values(slug=slug, name=name.strip(), access_hash=access_hash, created_at=_now())
                )
        except exc.IntegrityError:
            return False
        except exc.SQLAlchemyError as error:
            raise StoreError(_explain(error, self.url)) from None
        return True

    def _hash(self, work: Callable[[], T]) -> T:
        try:
            return logins.bounded_hash(work, self.login_policy.hash_wait)
        except logins.Busy:
            raise AccessDenied(
                "Er worden nu veel aanmeldingen tegelijk gecontroleerd; probeer het over een minuut opnieuw."
            ) from None

    def _login_keys(self, workspace_key: str, address_key: str) -> list[tuple[str, str, int, float]]:
        policy = self.login_policy
        return [
            ("workspace", workspace_key, policy.free_per_workspace, policy.workspace_ceiling),
            ("address", address_key, policy.free_per_address, policy.address_ceiling),
        ]

    def _register_failure(self, keys: list[tuple[str, str, int, float]]) -> None:
        for attempt in range(3):
            try:
                with _writing(self.engine) as conn:
                    logins.register_failure(conn, keys, self.login_policy)
                return
            except exc.IntegrityError as error:
                if attempt == 2 or not logins.is_race(error):
                    raise

    def open_workspace(self, slug: str, access_code: str, *, client: str | None = None) -> WorkspaceSession:
        """Open a workspace with its access code. ``client`` is the address the attempt comes from
        (the app passes the browser's); failed attempts are counted and delayed per workspace name
        and per address in the database (pricing/store/logins.py)."""
        slug, client = str(slug)[:200], str(client or "onbekend")[:200]
        address_key = logins.subject("address", client)
        keys = self._login_keys(logins.subject("workspace", slug), address_key)
        try:
            with self.engine.connect() as conn:
                wait = logins.wait_for(conn, keys, self.login_policy)
                row = (
                    None
                    if wait
                    else conn.execute(sa.select(workspaces).where(workspaces.c.slug == slug)).mappings().first()
                )
        except exc.SQLAlchemyError as error:
            raise StoreError(_explain(error, self.url)) from None
        if wait:
            raise AccessDenied(f"Te veel onjuiste pogingen; probeer het over {_seconds(wait)} opnieuw.")
        # An unknown workspace costs the same scrypt work as a wrong code and gets the same answer,
        # so neither the message nor the time tells which workspaces exist.
        if row is not None:
            stored = row["access_hash"]
        else:
            stored = _DUMMY_HASHES.get(self.access_cost) or _DUMMY_HASHES.setdefault(
                self.access_cost, self._hash(lambda: hash_access_code("onbekende werkruimte", n=self.access_cost))
            )
        correct = self._hash(lambda: verify_access_code(str(access_code), stored))
        try:
            if not correct or row is None:
                self._register_failure(keys)
                raise AccessDenied("Werkruimte of toegangscode onjuist.")
            with _writing(self.engine) as conn:
                logins.register_success(conn, address_key)
        except exc.SQLAlchemyError as error:
            raise StoreError(_explain(error, self.url)) from None
        return WorkspaceSession(self, row["id"], row["slug"], row["name"], _token=_SESSION_TOKEN)

    def workspace_names(self) -> list[tuple[str, str]]:
        """Every workspace's code and name: for the server's administrator (the CLI), never the app."""
        try:
            with self.engine.connect() as conn:
                return [
                    (r.slug, r.name)
                    for r in conn.execute(sa.select(workspaces.c.slug, workspaces.c.name).order_by(workspaces.c.slug))
                ]
        except exc.SQLAlchemyError as error:
            raise StoreError(_explain(error, self.url)) from None

    def dispose(self) -> None:
        self.engine.dispose()


_SESSION_TOKEN = object()
_DUMMY_HASHES: dict[int, str] = {}


class WorkspaceSession:
    """Everything one opened workspace may do; every query is bound to its id.

    Only :meth:`ScenarioStore.open_workspace` makes one, after checking the access code.
    """

    def __init__(self, store: ScenarioStore, workspace_id: int, slug: str, name: str, *, _token: object = None) -> None:
        if _token is not _SESSION_TOKEN:
            raise TypeError("Open een werkruimte met ScenarioStore.open_workspace(slug, toegangscode).")
        self.store = store
        self.workspace_id = workspace_id
        self.slug = slug
        self.name = name

    @property
    def engine(self) -> sa.Engine:
        return self.store.engine

    def _run(self, work: Callable[[], T]) -> T:
        try:
            return work()
        except (StoreError, ScenarioError):
            raise
        except exc.SQLAlchemyError as error:
            raise StoreError(_explain(error, self.store.url)) from None

    def _scenario_row(self, conn: sa.Connection, scenario_id: int) -> sa.RowMapping:
        row = (
            conn.execute(
                sa.select(scenarios).where(scenarios.c.id == scenario_id, scenarios.c.workspace_id == self.workspace_id)
            )
            .mappings()
            .first()
        )
        if row is None:
            raise StoreError(f"Scenario {scenario_id} bestaat niet in werkruimte '{self.slug}'.")
        return row

    # -- reading --------------------------------------------------------------------------------
    def list_scenarios(self) -> list[ScenarioInfo]:
        def work() -> list[ScenarioInfo]:
            head = (
                sa.select(versions.c.scenario_id, sa.func.max(versions.c.number).label("head"))
                .group_by(versions.c.scenario_id)
                .subquery()
            )
            query = (
                sa.select(scenarios.c.id, scenarios.c.name, head.c.head, versions.c.round, versions.c.created_at)
                .join(head, head.c.scenario_id == scenarios.c.id)
                .join(versions, sa.and_(versions.c.scenario_id == scenarios.c.id, versions.c.number == head.c.head))
                .where(scenarios.c.workspace_id == self.workspace_id)
                .order_by(scenarios.c.name)
            )
            with self.engine.connect() as conn:
                return [ScenarioInfo(r.id, r.name, r.head, r.round, _as_utc(r.created_at)) for r in conn.execute(query)]

        return self._run(work)

    def versions(self, scenario_id: int) -> list[VersionInfo]:
        def work() -> list[VersionInfo]:
            with self.engine.connect() as conn:
                self._scenario_row(conn, scenario_id)
                rows = (
                    conn.execute(
                        sa.select(versions).where(versions.c.scenario_id == scenario_id).order_by(versions.c.number)
                    )
                    .mappings()
                    .all()
                )
            return [_version_info(r) for r in rows]

        return self._run(work)

    def load(self, scenario_id: int, number: int | None = None) -> dict[str, Any]:
        """The raw scenario dict of a version (default: the newest)."""

        def work() -> dict[str, Any]:
            with self.engine.connect() as conn:
                self._scenario_row(conn, scenario_id)
                query = sa.select(versions.c.content, versions.c.content_hash, versions.c.number).where(
                    versions.c.scenario_id == scenario_id
                )
                query = (
                    query.where(versions.c.number == number)
                    if number is not None
                    else query.order_by(versions.c.number.desc()).limit(1)
                )
                row = conn.execute(query).first()
            if row is None:
                raise StoreError(f"Versie {number} van scenario {scenario_id} bestaat niet.")
            if _hash(row.content) != row.content_hash:
                raise StoreError(
                    f"Versie {row.number} van scenario {scenario_id} is beschadigd (controlegetal klopt niet)."
                )
            raw: dict[str, Any] = json.loads(row.content)
            return raw

        return self._run(work)

    def outcome(self, scenario_id: int, number: int) -> outcomes.StoredOutcome | None:
        """The edition and figures a version was saved with (None: saved before they were kept)."""

        def work() -> outcomes.StoredOutcome | None:
            with self.engine.connect() as conn:
                self._scenario_row(conn, scenario_id)
                row = (
                    conn.execute(
                        sa.select(versions).where(versions.c.scenario_id == scenario_id, versions.c.number == number)
                    )
                    .mappings()
                    .first()
                )
            if row is None:
                raise StoreError(f"Versie {number} van scenario {scenario_id} bestaat niet.")
            return _stored_outcome(row)

        return self._run(work)

    def recheck(self, scenario_id: int, number: int, book: ParameterBook | None = None) -> outcomes.Recheck | None:
        """The stored figures of a version beside those of the current edition ``book``, with the
        bridge per changed parameter when they differ (None: the version has no stored figures)."""
        stored = self.outcome(scenario_id, number)
        if stored is None:
            return None
        return outcomes.recheck(stored, self.load(scenario_id, number), book)

    # -- writing --------------------------------------------------------------------------------
    def create_scenario(
        self,
        name: str,
        raw: dict[str, Any],
        *,
        author: str,
        role: str,
        note: str = "",
        round: int = 1,
        book: ParameterBook | None = None,
    ) -> tuple[int, SaveResult]:
        """A new scenario with its first version, priced with ``book`` (default: the shipped edition)."""
        _check_meta(author, role, note, round)
        if not isinstance(name, str) or not name.strip() or len(name) > 200:
            raise StoreError("Naam van het scenario: verplicht, ten hoogste 200 tekens.")
        content, outcome = _validated_content(raw, book)

        def work() -> tuple[int, SaveResult]:
            try:
                with _writing(self.engine) as conn:
                    scenario_id = _inserted_id(
                        conn.execute(
                            scenarios.insert().values(
                                workspace_id=self.workspace_id, name=name.strip(), created_at=_now()
                            )
                        )
                    )
                    info = _insert_version(conn, scenario_id, 1, round, role, author, note, None, content, outcome)
            except exc.IntegrityError:
                raise StoreError(f"Er bestaat al een scenario '{name.strip()}' in deze werkruimte.") from None
            return scenario_id, SaveResult(info, False, f"Scenario '{name.strip()}' opgeslagen als versie 1.")

        return self._run(work)

    def save(
        self,
        scenario_id: int,
        raw: dict[str, Any],
        *,
        base_version: int,
        author: str,
        role: str,
        note: str = "",
        round: int | None = None,
        book: ParameterBook | None = None,
    ) -> SaveResult:
        """Add a version, priced with ``book`` (default: the shipped edition). ``base_version`` is the
        version the editor started from.

        If someone saved after ``base_version``, this save is still kept (as the next number) and the
        result says so: no silent overwrite, no lost work.
        """
        _check_meta(author, role, note, round if round is not None else 1)
        if isinstance(base_version, bool) or not isinstance(base_version, int) or base_version < 1:
            raise StoreError("Basisversie: het nummer van de versie waarmee u begon (een geheel getal vanaf 1).")
        content, outcome = _validated_content(raw, book)

        def work() -> SaveResult:
            for _ in range(_SAVE_ATTEMPTS):
                try:
                    with _writing(self.engine) as conn:
                        self._scenario_row(conn, scenario_id)
                        head = conn.execute(
                            sa.select(versions.c.number, versions.c.round)
                            .where(versions.c.scenario_id == scenario_id)
                            .order_by(versions.c.number.desc())
                            .limit(1)
                        ).first()
                        assert head is not None  # a scenario is created with its first version
                        if base_version > head.number:
                            raise StoreError(
                                f"Basisversie {base_version} bestaat niet; de nieuwste versie is {head.number}."
                            )
                        number = head.number + 1
                        info = _insert_version(
                            conn,
                            scenario_id,
                            number,
                            round if round is not None else head.round,
                            role,
                            author,
                            note,
                            base_version,
                            content,
                            outcome,
                        )
                except exc.IntegrityError as error:
                    if not _is_number_race(error):
                        raise
                    continue  # another save took this number between our read and insert: take the next
                conflict = base_version != number - 1
                if conflict:
                    message = (
                        f"Let op: na versie {base_version} is intussen door iemand anders opgeslagen "
                        f"(tot en met versie {number - 1}). Uw werk is bewaard als versie {number}; "
                        f"vergelijk de versies voordat u verder onderhandelt."
                    )
                else:
                    message = f"Opgeslagen als versie {number}."
                return SaveResult(info, conflict, message)
            raise StoreError(
                "Opslaan lukte niet door gelijktijdige wijzigingen; probeer het opnieuw. Er is niets verloren."
            )

        return self._run(work)

    def compare(self, scenario_id: int, number_a: int, number_b: int) -> Comparison:
        """Each changed assumption between two versions with its EUR effect (pricing.compare)."""
        from pricing.compare import compare_scenarios

        return compare_scenarios(self.load(scenario_id, number_a), self.load(scenario_id, number_b))

    def restore(
        self,
        scenario_id: int,
        number: int,
        *,
        author: str,
        role: str,
        note: str = "",
        book: ParameterBook | None = None,
    ) -> SaveResult:
        """Make an old version the newest again, as a new version (history stays intact), priced
        with ``book`` like any save; the old version keeps its own stored figures."""
        raw = self.load(scenario_id, number)
        head = self.versions(scenario_id)[-1].number
        return self.save(
            scenario_id,
            raw,
            base_version=head,
            author=author,
            role=role,
            note=note or f"Teruggezet naar versie {number}",
            book=book,
        )

    # -- presentation ---------------------------------------------------------------------------
    def set_presentation(self, scenario_id: int | None) -> None:
        def work() -> None:
            with _writing(self.engine) as conn:
                if scenario_id is not None:
                    self._scenario_row(conn, scenario_id)
                conn.execute(
                    workspaces.update()
                    .where(workspaces.c.id == self.workspace_id)
                    .values(presentation_scenario_id=scenario_id)
                )

        self._run(work)

    def presentation_scenario(self) -> int | None:
        def work() -> int | None:
            with self.engine.connect() as conn:
                chosen: int | None = conn.execute(
                    sa.select(workspaces.c.presentation_scenario_id).where(workspaces.c.id == self.workspace_id)
                ).scalar_one()
                return chosen

        return self._run(work)

    # -- export and import ----------------------------------------------------------------------
    def export(self, scenario_id: int) -> bytes:
        """The scenario with its whole history as a JSON file."""

        def work() -> bytes:
            with self.engine.connect() as conn:
                row = self._scenario_row(conn, scenario_id)
                rows = (
                    conn.execute(
                        sa.select(versions).where(versions.c.scenario_id == scenario_id).order_by(versions.c.number)
                    )
                    .mappings()
                    .all()
                )
            for r in rows:
                if _hash(r["content"]) != r["content_hash"]:
                    raise StoreError(
                        f"Versie {r['number']} is beschadigd (controlegetal klopt niet); export afgebroken."
                    )
            document = {
                "format": EXPORT_FORMAT,
                "format_version": EXPORT_VERSION,
                "name": row["name"],
                "exported_at": _now().isoformat(),
                "versions": [_export_entry(r) for r in rows],
            }
            return json.dumps(signing.sign(document, self._signing_key()), ensure_ascii=False, indent=1).encode("utf-8")

        return self._run(work)

    def _signing_key(self) -> bytes:
        try:
            return signing.server_key(self.engine, _writing)
        except signing.SigningKeyError as error:
            raise StoreError(str(error)) from None

    def import_export(
        self, data: bytes, *, name: str | None = None, importer: str | None = None, book: ParameterBook | None = None
    ) -> int:
        """Import an exported scenario with its history as a new scenario; everything validated first.

        An export signed by this server (pricing/store/signing.py) keeps its history: numbers,
        rounds, roles, authors, times and the figures each version was saved with. Any other file
        (unsigned, altered, or signed by another server) is imported as a new history: versions
        numbered 1, 2, ... in the file's order, saved now by ``importer``, priced with ``book``,
        each marked "geïmporteerd, niet geverifieerd" with what the file claimed in its note.
        Both record who imported it (``importer``, default: the workspace) and when.
        """
        document = _read_export(data)
        verified = signing.verify(document, self._signing_key())
        importer = importer if importer is not None else f"werkruimte {self.slug}"
        if not isinstance(importer, str) or not importer.strip() or len(importer) > 200:
            raise StoreError("Wie importeert: vul uw naam in bij Auteur (ten hoogste 200 tekens).")
        importer = importer.strip()
        entries = sorted(document["versions"], key=lambda e: e["number"])
        contents = []
        problems = []
        for i, entry in enumerate(entries):
            try:
                content, outcome = _validated_content(entry["scenario"], book)
            except ScenarioError as error:
                problems.append(
                    f"versie {entry.get('number', i + 1)}: " + "; ".join(str(p) for p in error.problems[:5])
                )
                continue
            if entry.get("content_hash") is not None and entry["content_hash"] != _hash(content):
                problems.append(
                    f"versie {entry['number']}: controlegetal klopt niet; het bestand is na de export gewijzigd"
                )
                continue
            if verified and entry.get("outcome") is not None:
                outcome = _imported_outcome(entry["outcome"], entry["number"])
            contents.append((content, outcome))
        if problems:
            raise StoreError("Het exportbestand bevat ongeldige versies:\n- " + "\n- ".join(problems[:20]))
        target = name if name is not None else document["name"]
        if not isinstance(target, str) or not target.strip() or len(target.strip()) > 190:
            raise StoreError("Naam van het scenario: verplicht, ten hoogste 190 tekens.")
        target = target.strip()
        now = _now()

        def work() -> int:
            chosen = target
            with _writing(self.engine) as conn:
                taken = {
                    r.name
                    for r in conn.execute(
                        sa.select(scenarios.c.name).where(scenarios.c.workspace_id == self.workspace_id)
                    )
                }
                suffix = 2
                while chosen in taken:
                    chosen = f"{target} ({suffix})"
                    suffix += 1
                scenario_id = _inserted_id(
                    conn.execute(scenarios.insert().values(workspace_id=self.workspace_id, name=chosen, created_at=now))
                )
                for position, (entry, (content, outcome)) in enumerate(zip(entries, contents), start=1):
                    if verified:
                        _insert_version(
                            conn,
                            scenario_id,
                            entry["number"],
                            entry["round"],
                            entry["role"],
                            entry["author"],
                            entry.get("note", ""),
                            entry.get("based_on"),
                            content,
                            outcome,
                            created_at=entry["created_at"],
                            provenance=UNVERIFIED if entry.get("provenance") == UNVERIFIED else VERIFIED,
                            imported_by=importer,
                            imported_at=now,
                        )
                    else:
                        claimed = (
                            f"Geïmporteerd, niet geverifieerd; volgens het bestand versie {entry['number']} "
                            f"van {entry['author'][:100]}, {entry['created_at'][:25]}."
                        )
                        note = (claimed + (" " + entry["note"] if entry.get("note") else ""))[:5000]
                        _insert_version(
                            conn,
                            scenario_id,
                            position,
                            entry["round"],
                            entry["role"],
                            importer,
                            note,
                            position - 1 if position > 1 else None,
                            content,
                            outcome,
                            provenance=UNVERIFIED,
                            imported_by=importer,
                            imported_at=now,
                        )
            return scenario_id

        return self._run(work)


def _inserted_id(result: sa.CursorResult[Any]) -> int:
    """The primary key of the row a single-row INSERT just wrote."""
    key = result.inserted_primary_key
    assert key is not None  # set for every single-row INSERT
    new_id: int = key[0]
    return new_id


def _seconds(wait: float) -> str:
    wait = int(wait)
    if wait < 120:
        return f"{wait} seconde" + ("" if wait == 1 else "n")
    return f"{math.ceil(wait / 60)} minuten"


def _check_meta(author: Any, role: Any, note: Any, round: Any) -> None:
    problems = []
    if not isinstance(author, str) or not author.strip() or len(author) > 200:
        problems.append("Auteur: verplicht, ten hoogste 200 tekens.")
    if role not in ROLES:
        problems.append(f"Rol: kies uit {', '.join(ROLES)}.")
    if not isinstance(note, str) or len(note) > 5000:
        problems.append("Notitie: tekst van ten hoogste 5.000 tekens.")
    if isinstance(round, bool) or not isinstance(round, int) or not 1 <= round <= 1000:
        problems.append("Ronde: een geheel getal van 1 tot en met 1.000.")
    if problems:
        raise StoreError(" ".join(problems))


def _validated_content(raw: Any, book: ParameterBook | None = None) -> tuple[str, outcomes.StoredOutcome]:
    """The stored text of a valid scenario and its outcome computed with ``book``; raises
    ScenarioError with every problem, so nothing invalid is stored."""
    try:
        outcome = outcomes.compute_outcome(raw, book)  # validates first
    except ParameterNotCovered as error:
        raise StoreError(f"Niet opgeslagen: de prijs is met deze parameters niet te berekenen. {error}") from None
    try:
        return canonical_content(raw), outcome
    except ValueError:
        raise StoreError("Het scenario bevat een ongeldig getal (NaN of oneindig).") from None


def _insert_version(
    conn: sa.Connection,
    scenario_id: int,
    number: int,
    round: int,
    role: str,
    author: str,
    note: str,
    based_on: int | None,
    content: str,
    outcome: outcomes.StoredOutcome | None,
    created_at: str | None = None,
    provenance: str | None = None,
    imported_by: str | None = None,
    imported_at: dt.datetime | None = None,
) -> VersionInfo:
    created = _now() if created_at is None else dt.datetime.fromisoformat(created_at).astimezone(dt.UTC)
    values: dict[str, Any] = dict(
        scenario_id=scenario_id,
        number=number,
        round=round,
        role=role,
        author=author.strip(),
        note=note,
        based_on=based_on,
        created_at=created,
        content=content,
        content_hash=_hash(content),
        provenance=provenance,
        imported_by=imported_by,
        imported_at=imported_at,
    )
    if outcome is not None:
        figures, document = outcomes.dump_outcome(outcome)
        values.update(
            edition_id=outcome.edition.id,
            edition_published=outcome.edition.published,
            edition_fingerprint=outcome.edition.fingerprint,
            figures=figures,
            result=document,
            outcome_hash=outcomes.outcome_hash(outcome.edition, figures, document),
        )
    conn.execute(versions.insert().values(**values))
    return _version_info(values)


def _stored_outcome(row: VersionRow) -> outcomes.StoredOutcome | None:
    if row["figures"] is None:
        return None
    edition = outcomes.EditionStamp(row["edition_id"], row["edition_published"], row["edition_fingerprint"])
    if outcomes.outcome_hash(edition, row["figures"], row["result"]) != row["outcome_hash"]:
        raise StoreError(
            f"De opgeslagen cijfers van versie {row['number']} zijn beschadigd (controlegetal klopt niet)."
        )
    return outcomes.load_outcome(edition.id, edition.published, edition.fingerprint, row["figures"], row["result"])


def _version_info(row: VersionRow) -> VersionInfo:
    figures = row.get("figures")
    return VersionInfo(
        scenario_id=row["scenario_id"],
        number=row["number"],
        round=row["round"],
        role=row["role"],
        author=row["author"],
        note=row["note"],
        based_on=row["based_on"],
        created_at=_as_utc(row["created_at"]),
        content_hash=row["content_hash"],
        edition_id=row.get("edition_id"),
        tariff=json.loads(figures)["tariff_per_hour"] if figures else None,
        provenance=row.get("provenance"),
        imported_by=row.get("imported_by"),
        imported_at=_as_utc(row["imported_at"]) if row.get("imported_at") else None,
    )


def _export_entry(row: VersionRow) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "number": row["number"],
        "round": row["round"],
        "role": row["role"],
        "author": row["author"],
        "note": row["note"],
        "based_on": row["based_on"],
        "created_at": _as_utc(row["created_at"]).isoformat(),
        "content_hash": row["content_hash"],
        "scenario": json.loads(row["content"]),
    }
    if row["provenance"] == UNVERIFIED:  # carried along, so a later import cannot launder it
        entry["provenance"] = row["provenance"]
    stored = _stored_outcome(row)
    if stored is not None:
        entry["outcome"] = {
            "edition": {
                "id": stored.edition.id,
                "published": stored.edition.published,
                "fingerprint": stored.edition.fingerprint,
            },
            "figures": stored.figures,
            "result": stored.result,
        }
    return entry


def _imported_outcome(raw: Any, number: int) -> outcomes.StoredOutcome:
    """The stored figures of a version in a verified export (signed by this server)."""
    try:
        edition = raw["edition"]
        stamp = outcomes.EditionStamp(str(edition["id"])[:80], edition["published"], str(edition["fingerprint"])[:64])
        if not isinstance(raw["figures"], dict) or not isinstance(raw["result"], dict):
            raise TypeError
        float(raw["figures"]["tariff_per_hour"])
        return outcomes.StoredOutcome(stamp, raw["figures"], raw["result"], outcomes.provisional(raw["result"]))
    except (KeyError, TypeError, ValueError):
        raise StoreError(f"Exportbestand, versie {number}: de opgeslagen cijfers zijn onvolledig.") from None


def _read_export(data: bytes) -> dict[str, Any]:
    if not isinstance(data, (bytes, bytearray)):
        raise StoreError("Exportbestand: verwacht de inhoud van een bestand.")
    try:
        document = load_json(data, what="exportbestand", thousands_check=False)  # written by a machine
    except LoadError as error:
        raise StoreError(f"Exportbestand: {error}.") from None
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise StoreError("Dit bestand is geen scenario-export van deze app.")
    if document.get("format_version") != EXPORT_VERSION:
        raise StoreError(
            f"Exportversie {document.get('format_version')!r} wordt niet ondersteund (verwacht {EXPORT_VERSION})."
        )
    if not isinstance(document.get("name"), str) or not document["name"].strip():
        raise StoreError("Exportbestand: de naam van het scenario ontbreekt.")
    entries = document.get("versions")
    if not isinstance(entries, list) or not entries or len(entries) > MAX_VERSIONS_IN_EXPORT:
        raise StoreError("Exportbestand: verwacht een lijst met minstens één versie.")
    numbers = []
    for i, entry in enumerate(entries):
        where = f"Exportbestand, versie {i + 1}"
        if not isinstance(entry, dict):
            raise StoreError(f"{where}: verwacht een object.")
        number = entry.get("number")
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= MAX_VERSION_NUMBER:
            raise StoreError(f"{where}: versienummer ontbreekt of is ongeldig.")
        try:
            _check_meta(entry.get("author"), entry.get("role"), entry.get("note", ""), entry.get("round"))
        except StoreError as error:
            raise StoreError(f"{where}: {error}") from None
        based_on = entry.get("based_on")
        if based_on is not None and (
            isinstance(based_on, bool) or not isinstance(based_on, int) or not 1 <= based_on <= MAX_VERSION_NUMBER
        ):
            raise StoreError(f"{where}: 'based_on' moet een versienummer zijn.")
        try:
            stamp = dt.datetime.fromisoformat(str(entry.get("created_at")))
        except ValueError:
            raise StoreError(f"{where}: ongeldige datum/tijd.") from None
        if stamp.tzinfo is None:
            raise StoreError(f"{where}: datum/tijd zonder tijdzone.")
        if not isinstance(entry.get("scenario"), dict):
            raise StoreError(f"{where}: het scenario ontbreekt.")
        numbers.append(number)
    if len(set(numbers)) != len(numbers):
        raise StoreError("Exportbestand: versienummers komen dubbel voor.")
    return document


def _recognise(tables: set[str], read_all: Callable[[str, str], Sequence[Any]]) -> str:
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
            _recognise(tables, lambda table, column: [row[0] for row in conn.execute(f"SELECT {column} FROM {table}")])
    except sqlite3.DatabaseError as error:
        raise StoreError(_explain(error, url)) from None


@contextlib.contextmanager
def _writing(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A write transaction. On SQLite it takes the write lock at its start (BEGIN IMMEDIATE), so
    concurrent writers queue instead of failing half-way; reads keep a plain deferred BEGIN and
    never block a writer in WAL mode."""
    with engine.connect() as conn:
        conn.execution_options(reele_prijs_write=True)
        with conn.begin():
            yield conn


def _make_engine(url: str) -> sa.Engine:
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


def _is_number_race(error: exc.IntegrityError) -> bool:
    text = str(error.orig)
    return "uq_version_number" in text or "versions.scenario_id, versions.number" in text


def _explain(error: Exception, url: str) -> str:
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
