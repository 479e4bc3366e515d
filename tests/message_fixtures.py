"""Recorded Dutch messages for the message-regression tests (contract and forecast blocks).

A fixture file keeps each distinct message once and, per generated case, its problems as
``[path, message index]``. Recording adds the cases not yet in the file and keeps what the recorded
ones gave on the day they were recorded: the file is the old code's word, not the current code's.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

Problems = list[list[str]]


def read_recorded(path: Path) -> dict[str, Problems]:
    """The recorded problems per case."""
    recorded = json.loads(path.read_text(encoding="utf-8"))
    messages = recorded["messages"]
    return {name: [[where, messages[i]] for where, i in problems] for name, problems in recorded["cases"].items()}


def record_new_cases(path: Path, names: Iterable[str], problems_of: Callable[[str], Problems]) -> None:
    """Write ``path`` with every case in ``names``: recorded ones as recorded, new ones as the code gives."""
    recorded = read_recorded(path) if path.exists() else {}
    cases = {name: recorded[name] if name in recorded else problems_of(name) for name in sorted(names)}
    messages = sorted({message for problems in cases.values() for _, message in problems})
    index = {message: i for i, message in enumerate(messages)}
    compact = {name: [[where, index[message]] for where, message in problems] for name, problems in cases.items()}
    lines = [json.dumps(message, ensure_ascii=False) for message in messages]
    rows = [f"{json.dumps(name, ensure_ascii=False)}: {json.dumps(problems)}" for name, problems in compact.items()]
    text = '{"messages": [\n' + ",\n".join(lines) + '\n],\n"cases": {\n' + ",\n".join(rows) + "\n}}\n"
    path.write_text(text, encoding="utf-8")
