"""Where report bytes go: a path, a writable file object, or nowhere (bytes returned only)."""

from pathlib import Path


def write_output(data: bytes, target) -> bytes:
    """Write report bytes to ``target`` (a path or a writable file object, or None) and return them."""
    if target is not None:
        if hasattr(target, "write"):
            target.write(data)
        else:
            Path(target).write_bytes(data)
    return data
