"""What the store hands out about its versions and scenarios, and how a stored row becomes one."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from pricing.record import Record

# A row of the versions table as read (sa.RowMapping) or as just inserted (the values written).
VersionRow = sa.RowMapping | Mapping[str, Any]

ROLES = ("aanbieder", "gemeente")
VERIFIED, UNVERIFIED = "imported-verified", "imported-unverified"
PROVENANCE_LABELS = {VERIFIED: "geïmporteerd, geverifieerd", UNVERIFIED: "geïmporteerd, niet geverifieerd"}


class VersionInfo(Record, frozen=True):
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


class ScenarioInfo(Record, frozen=True):
    id: int
    name: str
    head: int
    head_round: int
    updated_at: dt.datetime


class SaveResult(Record, frozen=True):
    version: VersionInfo
    conflict: bool  # someone saved a newer version after the one this save was based on
    message: str


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def as_utc(value: dt.datetime) -> dt.datetime:
    # SQLite returns naive datetimes; they were written as UTC.
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def version_info(row: VersionRow) -> VersionInfo:
    figures = row.get("figures")
    return VersionInfo(
        scenario_id=row["scenario_id"],
        number=row["number"],
        round=row["round"],
        role=row["role"],
        author=row["author"],
        note=row["note"],
        based_on=row["based_on"],
        created_at=as_utc(row["created_at"]),
        content_hash=row["content_hash"],
        edition_id=row.get("edition_id"),
        tariff=json.loads(figures)["tariff_per_hour"] if figures else None,
        provenance=row.get("provenance"),
        imported_by=row.get("imported_by"),
        imported_at=as_utc(row["imported_at"]) if row.get("imported_at") else None,
    )
