"""The edition: its name, date and changelog (``edition.yaml``) and the fingerprint of its data."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from pricing.parameters.files import EDITION_FILE, ParameterFileError, checked_mapping, format_date, require_date
from pricing.record import Record


class ChangelogEntry(Record, frozen=True):
    parameter: str
    change: str
    source: str


class Edition(Record, frozen=True):
    """The name, date and fingerprint of the parameter data a result was computed with."""

    id: str
    title: str
    published: dt.date
    description: str
    changelog: tuple[ChangelogEntry, ...]
    fingerprint: str  # sha256 hex of the canonical parameter data
    origin: str  # where it was loaded from: "meegeleverd" or a file/folder name

    @property
    def short_fingerprint(self) -> str:
        return self.fingerprint[:12]

    def as_json(self) -> dict[str, str]:
        """The ``parameters_edition`` member of every JSON output."""
        return {"id": self.id, "published": self.published.isoformat(), "fingerprint": self.fingerprint}

    @property
    def label(self) -> str:
        """One line for a page, a PDF or a spreadsheet."""
        return (
            f"Parametereditie {self.id} ({self.title}, gepubliceerd {format_date(self.published)}), "
            f"vingerafdruk {self.short_fingerprint}"
        )


_EDITION_KEYS = {"id", "title", "published", "description", "changelog"}
_CHANGELOG_KEYS = {"parameter", "change", "source"}
_EDITION_ID_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")


def _text(raw: Any, where: str, max_length: int = 2000) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise ParameterFileError(f"{where}: verwacht een niet-lege tekst")
    if len(raw) > max_length:
        raise ParameterFileError(f"{where}: tekst is langer dan {max_length} tekens")
    return " ".join(raw.split())


def parse_edition(raw: Any, fingerprint: str, origin: str, file: str = EDITION_FILE) -> Edition:
    checked_mapping(raw, _EDITION_KEYS, file)
    for key in ("id", "title", "published", "changelog"):
        if key not in raw:
            raise ParameterFileError(f"{file}: sleutel '{key}' ontbreekt")
    edition_id = raw["id"]
    if not isinstance(edition_id, str) or not 1 <= len(edition_id) <= 40 or set(edition_id) - _EDITION_ID_CHARS:
        raise ParameterFileError(
            f"{file}: id {edition_id!r} moet een tekst van 1-40 letters, cijfers, '.', '-' "
            f"of '_' zijn (zet het tussen aanhalingstekens, bijvoorbeeld \"2026-12\")"
        )
    changelog = raw["changelog"]
    if not isinstance(changelog, list):
        raise ParameterFileError(f"{file}: 'changelog' moet een lijst van wijzigingen zijn")
    entries = []
    for i, item in enumerate(changelog):
        where = f"{file}: changelog[{i + 1}]"
        checked_mapping(item, _CHANGELOG_KEYS, where)
        entries.append(ChangelogEntry(*(_text(item.get(k), f"{where}.{k}") for k in ("parameter", "change", "source"))))
    return Edition(
        id=edition_id,
        title=_text(raw["title"], f"{file}: title", 200),
        published=require_date(raw["published"], f"{file}: published"),
        description=_text(raw["description"], f"{file}: description") if raw.get("description") else "",
        changelog=tuple(entries),
        fingerprint=fingerprint,
        origin=origin,
    )


def _fingerprint_key(key: Any) -> str:
    if isinstance(key, str):
        return "s:" + key
    if isinstance(key, bool) or key is None:
        return "b:" + repr(key)
    if isinstance(key, (int, float)):
        return "n:" + repr(float(key))
    if isinstance(key, (dt.date, dt.datetime)):
        return "d:" + key.isoformat()
    return "o:" + repr(key)


def _fingerprint_form(value: Any) -> Any:
    """Canonical JSON-able form: number spelling, key order and YAML anchors do not matter."""
    if isinstance(value, dict):
        return {_fingerprint_key(k): _fingerprint_form(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fingerprint_form(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return {"num": repr(float(value))}
    if isinstance(value, (dt.date, dt.datetime)):
        return {"date": value.isoformat()}
    return {"other": repr(value)}


def fingerprint_of(raws: dict[str, Any]) -> str:
    """sha256 over the canonical form of the parsed data of every file except ``edition.yaml``."""
    data = {name: raw for name, raw in raws.items() if name != EDITION_FILE}
    text = json.dumps(_fingerprint_form(data), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
