"""Results remembered by the exact content they were computed from.

In the app every edit validates the whole scenario again, and a 2,000-line organisation has 1,999
staff lines that did not change: each costs a pydantic validation and a frozen ``StaffLine``. A
line's validation reads only the line, the parameter edition and the scenario date, so a line
equal in all three gives the same ``StaffLine``: given a memo (the app passes one),
``pricing.scenario.validate_scenario`` hands that back instead of validating again. A command-line
run validates once and passes none (keying 2,000 lines costs about 5 ms it would never win back).
A scenario's own forecast applied to the same edition gives the same edition object again
(``pricing.forecast``), so its staff lines stay remembered too.

"Equal" is strict: ``1`` and ``1.0``, ``True`` and ``1``, ``0.0`` and ``-0.0`` are different keys
(pydantic's strict mode tells some of them apart), and so are the same keys in another order. A value holding anything but plain YAML/JSON data (text, numbers, booleans,
None, dates, lists and mappings of them) has no key and is not remembered. An edition is keyed by
identity (:func:`identity`: the same loaded object), and the key holds it, so its identity cannot
pass to another edition while the entry lives.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any, Generic, TypeVar

V = TypeVar("V")

_SCALARS = frozenset({str, int, float, bool, type(None), dt.date})
_TEXT = frozenset({str})


class _Identity:
    """A key part equal only to itself: an edition, which holds dicts and cannot be hashed."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Identity) and other.value is self.value


def identity(value: object) -> Hashable:
    """A key part for ``value`` by identity, holding it."""
    return _Identity(value)


def content_key(value: Any) -> Hashable | None:
    """A key equal for two values only when they are the same plain data, types included; None for
    anything else. The key is the value's ``repr``: for plain data it spells every type (``1``,
    ``1.0``, ``True``, ``'1'``, ``-0.0``, ``datetime.date(2027, 1, 1)``), and it is computed in C,
    about ten times faster than a key built value by value."""
    return repr(value) if _plain(value) else None


def _plain(value: Any) -> bool:
    kind = type(value)
    if kind is dict:
        return set(map(type, value)) <= _TEXT and _all_plain(value.values())
    if kind is list:
        return _all_plain(value)
    return kind in _SCALARS


def _all_plain(values: Any) -> bool:
    if set(map(type, values)) <= _SCALARS:  # the common case, checked without a call per value
        return True
    return all(map(_plain, values))


class Memo(Generic[V]):
    """A bounded map (least recently used out first) from a key to a remembered result; safe to
    share between the app's sessions, which run in threads."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._values: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            if len(self._values) > self._size:
                self._values.popitem(last=False)

    def __len__(self) -> int:
        return len(self._values)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
