"""The export file of a scenario with its whole history: writing it, reading and checking it, and
importing it as a new scenario (signed by this server: history kept; otherwise: a new history,
marked unverified). The signature itself is pricing/store/signing.py."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from pricing.loading import LoadError, load_json
from pricing.parameters import ParameterBook
from pricing.record import Record
from pricing.scenario import ScenarioError
from pricing.store import outcome as outcomes
from pricing.store import signing, version_rows
from pricing.store.errors import StoreError
from pricing.store.migrations import scenarios
from pricing.store.records import UNVERIFIED, VERIFIED, VersionRow, as_utc, now

EXPORT_FORMAT = "reele-prijs-scenario-export"
EXPORT_VERSION = 1
MAX_VERSIONS_IN_EXPORT = 10_000
MAX_VERSION_NUMBER = 2**31 - 1  # fits every database's INTEGER; 2**63 from a forged export is refused


# -- writing --------------------------------------------------------------------------------------
def export_document(name: str, rows: Sequence[VersionRow]) -> dict[str, Any]:
    """The export of a scenario called ``name`` with its version ``rows`` (oldest first), unsigned;
    a damaged version stops the export."""
    for r in rows:
        if version_rows.content_hash(r["content"]) != r["content_hash"]:
            raise StoreError(f"Versie {r['number']} is beschadigd (controlegetal klopt niet); export afgebroken.")
    return {
        "format": EXPORT_FORMAT,
        "format_version": EXPORT_VERSION,
        "name": name,
        "exported_at": now().isoformat(),
        "versions": [_export_entry(r) for r in rows],
    }


def signed_file(document: dict[str, Any], key: bytes) -> bytes:
    """The export file: the document signed with this server's ``key``, as JSON."""
    return json.dumps(signing.sign(document, key), ensure_ascii=False, indent=1).encode("utf-8")


def _export_entry(row: VersionRow) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "number": row["number"],
        "round": row["round"],
        "role": row["role"],
        "author": row["author"],
        "note": row["note"],
        "based_on": row["based_on"],
        "created_at": as_utc(row["created_at"]).isoformat(),
        "content_hash": row["content_hash"],
        "scenario": json.loads(row["content"]),
    }
    if row["provenance"] == UNVERIFIED:  # carried along, so a later import cannot launder it
        entry["provenance"] = row["provenance"]
    stored = version_rows.stored_outcome(row)
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


# -- reading --------------------------------------------------------------------------------------
def read_export(data: bytes) -> dict[str, Any]:
    """The document in an export file, its shape and every version's metadata checked."""
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
        numbers.append(_checked_entry_number(entry, f"Exportbestand, versie {i + 1}"))
    if len(set(numbers)) != len(numbers):
        raise StoreError("Exportbestand: versienummers komen dubbel voor.")
    return document


def _checked_entry_number(entry: Any, where: str) -> int:
    """The version number of one entry of an export, after checking everything but its scenario's
    content (that is validated like any save)."""
    if not isinstance(entry, dict):
        raise StoreError(f"{where}: verwacht een object.")
    number = entry.get("number")
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= MAX_VERSION_NUMBER:
        raise StoreError(f"{where}: versienummer ontbreekt of is ongeldig.")
    try:
        version_rows.check_meta(entry.get("author"), entry.get("role"), entry.get("note", ""), entry.get("round"))
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
    return number


# -- importing ------------------------------------------------------------------------------------
class ImportPlan(Record, frozen=True):
    """Everything an import writes, validated before anything is stored."""

    verified: bool  # signed by this server: the history is kept as it was
    importer: str
    name: str  # the name asked for; a free one is chosen next to it when it is taken
    entries: list[dict[str, Any]]  # by version number
    contents: list[tuple[str, outcomes.StoredOutcome]]  # per entry: stored text and outcome
    imported_at: dt.datetime


def plan_import(
    document: dict[str, Any], *, verified: bool, importer: Any, name: str | None, book: ParameterBook | None
) -> ImportPlan:
    """Validate every version of a read export (``read_export``) with ``book``; every problem is
    reported at once and nothing is stored."""
    if not isinstance(importer, str) or not importer.strip() or len(importer) > 200:
        raise StoreError("Wie importeert: vul uw naam in bij Auteur (ten hoogste 200 tekens).")
    importer = importer.strip()
    entries = sorted(document["versions"], key=lambda e: e["number"])
    contents = []
    problems = []
    for i, entry in enumerate(entries):
        try:
            content, outcome = version_rows.validated_content(entry["scenario"], book)
        except ScenarioError as error:
            problems.append(f"versie {entry.get('number', i + 1)}: " + "; ".join(str(p) for p in error.problems[:5]))
            continue
        if entry.get("content_hash") is not None and entry["content_hash"] != version_rows.content_hash(content):
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
    return ImportPlan(verified, importer, target.strip(), entries, contents, now())


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


def insert_import(conn: sa.Connection, workspace_id: int, plan: ImportPlan) -> int:
    """Write a planned import as a new scenario of the workspace (inside the caller's write
    transaction); its id."""
    scenario_id = version_rows.inserted_id(
        conn.execute(
            scenarios.insert().values(
                workspace_id=workspace_id, name=_free_name(conn, workspace_id, plan.name), created_at=plan.imported_at
            )
        )
    )
    for position, (entry, (content, outcome)) in enumerate(zip(plan.entries, plan.contents), start=1):
        if plan.verified:
            version_rows.insert_version(
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
                imported_by=plan.importer,
                imported_at=plan.imported_at,
            )
        else:
            version_rows.insert_version(
                conn,
                scenario_id,
                position,
                entry["round"],
                entry["role"],
                plan.importer,
                _unverified_note(entry),
                position - 1 if position > 1 else None,
                content,
                outcome,
                provenance=UNVERIFIED,
                imported_by=plan.importer,
                imported_at=plan.imported_at,
            )
    return scenario_id


def _free_name(conn: sa.Connection, workspace_id: int, wanted: str) -> str:
    """``wanted``, or ``wanted (2)``, ``(3)``, ... when the workspace has a scenario by that name."""
    taken = {r.name for r in conn.execute(sa.select(scenarios.c.name).where(scenarios.c.workspace_id == workspace_id))}
    chosen = wanted
    suffix = 2
    while chosen in taken:
        chosen = f"{wanted} ({suffix})"
        suffix += 1
    return chosen


def _unverified_note(entry: dict[str, Any]) -> str:
    """The note of an unverified version: what the file claimed about it, then its own note."""
    claimed = (
        f"Geïmporteerd, niet geverifieerd; volgens het bestand versie {entry['number']} "
        f"van {entry['author'][:100]}, {entry['created_at'][:25]}."
    )
    return (claimed + (" " + entry["note"] if entry.get("note") else ""))[:5000]
