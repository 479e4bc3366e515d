"""A version as stored: its checked metadata, canonical content and checksum, its stored outcome,
and the one insert that writes it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

import sqlalchemy as sa

from pricing.parameters import ParameterBook, ParameterNotCovered
from pricing.scenario import _plain
from pricing.store import outcome as outcomes
from pricing.store.errors import StoreError
from pricing.store.migrations import versions
from pricing.store.records import ROLES, VersionInfo, VersionRow, now, version_info


def canonical_content(raw: dict[str, Any]) -> str:
    """The stored text of a scenario: JSON in the scenario's own key order, dates as ISO text."""
    return json.dumps(_plain(raw), ensure_ascii=False, allow_nan=False)


def content_hash(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def check_meta(author: Any, role: Any, note: Any, round: Any) -> None:
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


def validated_content(raw: Any, book: ParameterBook | None = None) -> tuple[str, outcomes.StoredOutcome]:
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


def inserted_id(result: sa.CursorResult[Any]) -> int:
    """The primary key of the row a single-row INSERT just wrote."""
    key = result.inserted_primary_key
    assert key is not None  # set for every single-row INSERT
    new_id: int = key[0]
    return new_id


def insert_version(
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
    created = now() if created_at is None else dt.datetime.fromisoformat(created_at).astimezone(dt.UTC)
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
        content_hash=content_hash(content),
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
    return version_info(values)


def stored_outcome(row: VersionRow) -> outcomes.StoredOutcome | None:
    """The edition and figures a version row was saved with, checked against their checksum."""
    if row["figures"] is None:
        return None
    edition = outcomes.EditionStamp(row["edition_id"], row["edition_published"], row["edition_fingerprint"])
    if outcomes.outcome_hash(edition, row["figures"], row["result"]) != row["outcome_hash"]:
        raise StoreError(
            f"De opgeslagen cijfers van versie {row['number']} zijn beschadigd (controlegetal klopt niet)."
        )
    return outcomes.load_outcome(edition.id, edition.published, edition.fingerprint, row["figures"], row["result"])
