"""Access codes of workspaces: stored only as scrypt hashes, with their parameters and salt."""

from __future__ import annotations

import hashlib
import hmac
import secrets

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
