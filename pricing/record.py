"""The base of every frozen value class: ``class LineResult(Record, frozen=True)`` instead of a frozen dataclass.

A :class:`Record` behaves as ``@dataclass(frozen=True)`` did here: fields from the annotations in
order, defaults, positional or keyword construction, equality and hash by type and fields, a repr
with every field, and an ``AttributeError`` on any assignment. Copies with changes are made with
``msgspec.structs.replace``, the field names are ``cls.__struct_fields__``; a class that keeps
:func:`functools.cached_property` values declares ``dict=True``. Each class says ``frozen=True``
again although it inherits it: mypy reads a subclass without it as a mutable one
(tests/test_architecture.py holds every Record frozen and keeps ``dataclasses`` out).

Why msgspec's ``Struct`` and not the standard library's dataclasses: Python 3.11 compiles six
generated methods per frozen dataclass when its module is imported (about 0,4 ms a class on a quiet
machine, roughly 30 ms of every ``costprice`` start-up for the classes on its path), where a
``Struct`` is built in C in about 20 microseconds; instances are made faster too (docs/performance.md).
"""

from __future__ import annotations

import msgspec


class Record(msgspec.Struct, frozen=True):
    """A frozen value: equal to another of its type with equal fields, never changed in place."""
