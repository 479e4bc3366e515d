"""Signed exports: an HMAC-SHA256 over the export's content, keyed by a key the server keeps.

The key comes from the environment variable ``REELE_PRIJS_SIGNING_KEY`` (at least 32 characters;
every server process of one installation must get the same) or, without it, from the database:
the first export creates a random 256-bit key in the table ``server_secrets``, shared by every
process on that database. An import whose signature verifies with this server's key keeps its
history (authors, times, numbers, stored figures); any other file is imported as a new scenario
whose history is marked "geïmporteerd, niet geverifieerd".

The signature covers the canonical JSON of the whole document without its ``signature`` member
(keys sorted, no spaces), so whitespace and key order of the file do not matter and every other
change does. ``key_id`` names the key (the first 16 hex digits of its SHA-256) without revealing it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import sqlalchemy as sa
from sqlalchemy import exc

from pricing.store.migrations import server_secrets

SIGNING_KEY_ENV = "REELE_PRIJS_SIGNING_KEY"
MIN_KEY_LENGTH = 32
ALGORITHM = "HMAC-SHA256"
_SECRET_NAME = "export-signing-key"


class SigningKeyError(ValueError):
    """The signing key in the environment is unusable (Dutch message)."""


def _canonical(document: dict[str, Any]) -> bytes:
    body = {k: v for k, v in document.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def key_id(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:16]


def sign(document: dict[str, Any], key: bytes) -> dict[str, Any]:
    """The document with its ``signature`` member."""
    mac = hmac.new(key, _canonical(document), hashlib.sha256).hexdigest()
    return {**document, "signature": {"algorithm": ALGORITHM, "key_id": key_id(key), "value": mac}}


def verify(document: dict[str, Any], key: bytes) -> bool:
    """Does the document carry a valid signature made with ``key``?"""
    signature = document.get("signature")
    if not isinstance(signature, dict) or signature.get("algorithm") != ALGORITHM:
        return False
    value = signature.get("value")
    if not isinstance(value, str) or signature.get("key_id") != key_id(key):
        return False
    try:
        expected = hmac.new(key, _canonical(document), hashlib.sha256).hexdigest()
    except (TypeError, ValueError):
        return False
    return hmac.compare_digest(expected, value)


def server_key(engine: sa.Engine, writing: Callable[[sa.Engine], AbstractContextManager[sa.Connection]]) -> bytes:
    """This server's signing key: from the environment, else from (or first made in) the database.

    ``writing`` is the store's write-transaction context manager.
    """
    given = os.environ.get(SIGNING_KEY_ENV, "")
    if given:
        if len(given.strip()) < MIN_KEY_LENGTH:
            raise SigningKeyError(
                f"De sleutel in {SIGNING_KEY_ENV} is korter dan {MIN_KEY_LENGTH} tekens; "
                "kies een lange willekeurige tekst, bijvoorbeeld uit 'openssl rand -hex 32'."
            )
        return given.strip().encode("utf-8")
    with engine.connect() as conn:
        found = conn.execute(sa.select(server_secrets.c.value).where(server_secrets.c.name == _SECRET_NAME)).scalar()
    if found is None:
        try:
            with writing(engine) as conn:
                conn.execute(
                    server_secrets.insert().values(
                        name=_SECRET_NAME, value=secrets.token_hex(32), created_at=dt.datetime.now(dt.UTC)
                    )
                )
        except exc.IntegrityError:
            pass  # another process made it at the same moment: use theirs
        with engine.connect() as conn:
            found = conn.execute(
                sa.select(server_secrets.c.value).where(server_secrets.c.name == _SECRET_NAME)
            ).scalar_one()
    stored: str = found
    return stored.encode("utf-8")
