"""One opened workspace: reading, saving and comparing its scenarios' versions, its presentation
choice, and export and import (the file format is pricing/store/export.py)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import exc

from pricing.parameters import ParameterBook
from pricing.scenario import ScenarioError
from pricing.store import export as exports
from pricing.store import outcome as outcomes
from pricing.store import signing
from pricing.store.database import explain, is_number_race, writing
from pricing.store.errors import StoreError
from pricing.store.migrations import scenarios, versions, workspaces
from pricing.store.records import SaveResult, ScenarioInfo, VersionInfo, as_utc, now, version_info
from pricing.store.version_rows import (
    check_meta,
    content_hash,
    insert_version,
    inserted_id,
    stored_outcome,
    validated_content,
)

if TYPE_CHECKING:
    from pricing.compare import Comparison
    from pricing.store.store import ScenarioStore

T = TypeVar("T")
SESSION_TOKEN = object()  # only ScenarioStore.open_workspace holds it
_SAVE_ATTEMPTS = 20


class WorkspaceSession:
    """Everything one opened workspace may do; every query is bound to its id.

    Only :meth:`ScenarioStore.open_workspace` makes one, after checking the access code.
    """

    def __init__(self, store: ScenarioStore, workspace_id: int, slug: str, name: str, *, _token: object = None) -> None:
        if _token is not SESSION_TOKEN:
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
            raise StoreError(explain(error, self.store.url)) from None

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

    @staticmethod
    def _version_rows(conn: sa.Connection, scenario_id: int) -> Sequence[sa.RowMapping]:
        """Every version row of a scenario, oldest first (the caller has checked it is this workspace's)."""
        return (
            conn.execute(sa.select(versions).where(versions.c.scenario_id == scenario_id).order_by(versions.c.number))
            .mappings()
            .all()
        )

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
                return [ScenarioInfo(r.id, r.name, r.head, r.round, as_utc(r.created_at)) for r in conn.execute(query)]

        return self._run(work)

    def versions(self, scenario_id: int) -> list[VersionInfo]:
        def work() -> list[VersionInfo]:
            with self.engine.connect() as conn:
                self._scenario_row(conn, scenario_id)
                rows = self._version_rows(conn, scenario_id)
            return [version_info(r) for r in rows]

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
            if content_hash(row.content) != row.content_hash:
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
            return stored_outcome(row)

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
        check_meta(author, role, note, round)
        if not isinstance(name, str) or not name.strip() or len(name) > 200:
            raise StoreError("Naam van het scenario: verplicht, ten hoogste 200 tekens.")
        content, outcome = validated_content(raw, book)

        def work() -> tuple[int, SaveResult]:
            try:
                with writing(self.engine) as conn:
                    scenario_id = inserted_id(
                        conn.execute(
                            scenarios.insert().values(
                                workspace_id=self.workspace_id, name=name.strip(), created_at=now()
                            )
                        )
                    )
                    info = insert_version(conn, scenario_id, 1, round, role, author, note, None, content, outcome)
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
        check_meta(author, role, note, round if round is not None else 1)
        if isinstance(base_version, bool) or not isinstance(base_version, int) or base_version < 1:
            raise StoreError("Basisversie: het nummer van de versie waarmee u begon (een geheel getal vanaf 1).")
        content, outcome = validated_content(raw, book)

        def work() -> SaveResult:
            for _ in range(_SAVE_ATTEMPTS):
                try:
                    with writing(self.engine) as conn:
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
                        info = insert_version(
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
                    if not is_number_race(error):
                        raise
                    continue  # another save took this number between our read and insert: take the next
                return SaveResult(info, base_version != number - 1, _saved_message(base_version, number))
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
            with writing(self.engine) as conn:
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
                rows = self._version_rows(conn, scenario_id)
            document = exports.export_document(row["name"], rows)
            return exports.signed_file(document, self._signing_key())

        return self._run(work)

    def _signing_key(self) -> bytes:
        try:
            return signing.server_key(self.engine, writing)
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
        document = exports.read_export(data)
        verified = signing.verify(document, self._signing_key())
        plan = exports.plan_import(
            document,
            verified=verified,
            importer=importer if importer is not None else f"werkruimte {self.slug}",
            name=name,
            book=book,
        )

        def work() -> int:
            with writing(self.engine) as conn:
                return exports.insert_import(conn, self.workspace_id, plan)

        return self._run(work)


def _saved_message(base_version: int, number: int) -> str:
    """What a save tells the person: its number, and whether someone saved after their base version."""
    if base_version != number - 1:
        return (
            f"Let op: na versie {base_version} is intussen door iemand anders opgeslagen "
            f"(tot en met versie {number - 1}). Uw werk is bewaard als versie {number}; "
            f"vergelijk de versies voordat u verder onderhandelt."
        )
    return f"Opgeslagen als versie {number}."
