"""Reading and writing a value at a key path in a raw scenario dict (``("norms", "overhead", "pct")``).

Shared by the scenario comparison (substituting B's assumptions into A) and the app (widgets bound to
a path). ``None`` means "not given": reading a missing or null key gives the default, and writing
``None`` removes the key together with any mapping it leaves empty, because ``{"norms": {}}`` and no
``norms`` at all mean the same to validation.
"""

from __future__ import annotations

import copy
from typing import Any


def get_path(data: dict[str, Any], path: tuple[str, ...], default: Any = None) -> Any:
    node: Any = data
    for part in path:
        if not isinstance(node, dict) or node.get(part) is None:
            return default
        node = node[part]
    return node


def set_path(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    """Set ``value`` (copied, so the source is never shared) or, for ``None``, remove the key."""
    if value is None:
        _remove(data, path)
        return
    node = data
    for part in path[:-1]:
        if not isinstance(node.get(part), dict):
            node[part] = {}
        node = node[part]
    node[path[-1]] = copy.deepcopy(value)


def _remove(data: dict[str, Any], path: tuple[str, ...]) -> None:
    parents = [data]
    for part in path[:-1]:
        node = parents[-1].get(part)
        if not isinstance(node, dict):
            return
        parents.append(node)
    parents[-1].pop(path[-1], None)
    for depth in range(len(path) - 1, 0, -1):  # prune mappings the removal left empty
        if parents[depth]:
            break
        parents[depth - 1].pop(path[depth - 1], None)
