"""Reading an edition folder through a cache of its parsed data, keyed by the files' bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from pricing.parameters.edition import fingerprint_of
from pricing.parameters.files import ParameterFileError, parse_strict_yaml_text, read_parameter_file

CACHE_VERSION = 1
CACHE_ENV = "REELE_PRIJS_CACHE_DIR"  # a folder for the parsed-data cache; "off" disables it


def _cache_dir() -> Path | None:
    configured = os.environ.get(CACHE_ENV)
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reele-prijs"


def _tagged(value: Any) -> Any:
    """Lossless JSON form of parsed YAML (dates and non-string keys kept), for the cache."""
    if isinstance(value, dict):
        return {"$m": [[_tagged(k), _tagged(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return [_tagged(v) for v in value]
    if isinstance(value, dt.datetime):
        return {"$t": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$d": value.isoformat()}
    return value


def _untag_object(obj: dict[str, Any]) -> Any:
    """``json.loads`` object hook: rebuild mappings with their own keys, and dates (bottom-up)."""
    if "$m" in obj:
        return {(_untag_object(k) if isinstance(k, dict) else k): v for k, v in obj["$m"]}
    if "$d" in obj:
        return dt.date.fromisoformat(obj["$d"])
    if "$t" in obj:
        return dt.datetime.fromisoformat(obj["$t"])
    return obj


def read_folder(directory: Path) -> tuple[dict[str, Any], str]:
    """Parsed YAML per file name, and its fingerprint. Both are cached by the sha256 of the files'
    bytes, so a changed byte (or a changed file list) reads the YAML again; validation always runs."""
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise ParameterFileError(f"geen parameterbestanden gevonden in {directory}")
    contents = [(p.name, read_parameter_file(p)) for p in files]
    digest = hashlib.sha256(f"v{CACHE_VERSION}".encode())
    for name, data in contents:
        digest.update(name.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    key = digest.hexdigest()
    cache = _cache_dir()
    cache_file = cache / f"edition-{key}.json" if cache is not None else None
    if cache_file is not None:
        try:
            stored = json.loads(cache_file.read_text(encoding="utf-8"), object_hook=_untag_object)
            if stored.get("key") == key:
                return stored["raws"], stored["fingerprint"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # no or unreadable cache: parse the YAML
    raws = {}
    for name, data in contents:
        raws[name] = parse_strict_yaml_text(data, name) if data else None
    fingerprint = fingerprint_of(raws)
    if cache_file is not None:
        try:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(
                json.dumps({"key": key, "fingerprint": fingerprint, "raws": _tagged(raws)}), encoding="utf-8"
            )
            os.replace(tmp, cache_file)
        except (OSError, TypeError, ValueError):
            pass  # a read-only home or odd data: simply no cache
    return raws, fingerprint
