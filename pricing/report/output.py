"""Where report bytes go: a path, a writable file object, or nowhere (bytes returned only)."""

from pathlib import Path
from typing import BinaryIO


def write_output(data: bytes, target: str | Path | BinaryIO | None) -> bytes:
    """Write report bytes to ``target`` (a path or a writable file object, or None) and return them."""
    if target is not None:
        if isinstance(target, (str, Path)):
            Path(target).write_bytes(data)
        else:
            target.write(data)
    return data
