"""The house's shape: no import cycle anywhere in ``pricing/`` (function-level imports included, so a
cycle cannot hide inside a function; only imports for type checkers, under ``if TYPE_CHECKING:``,
never run and do not count), no Streamlit inside the engine, and value classes that are frozen
records (pricing/record.py), not dataclasses."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "pricing"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def _runtime_nodes(tree: ast.AST):
    """Every node of ``tree`` except the bodies of ``if TYPE_CHECKING:`` blocks."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if _is_type_checking(node):
            stack.extend(getattr(node, "orelse", []))
            continue
        stack.extend(ast.iter_child_nodes(node))


def _imports(path: Path, modules: set[str]) -> set[str]:
    """Every pricing module that ``path`` imports, wherever in the file the import statement is."""
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            names = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            # 'from pricing.report import pdf' imports the submodule; 'import a.b' imports a and a.b.
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != here:
                found.add(name)
    return found


def import_graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(files)
    graph = {name: _imports(path, modules) for name, path in files.items()}
    # Importing a submodule runs its package's __init__ first; that edge is not a design choice.
    for name, targets in graph.items():
        targets.difference_update({t for t in targets if name.startswith(t + ".")})
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return stack[stack.index(target) :] + [target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_no_import_cycle_in_pricing():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_engine_does_not_import_streamlit():
    offenders = [
        str(p.relative_to(PACKAGE.parent))
        for p in PACKAGE.rglob("*.py")
        if any(
            isinstance(n, (ast.Import, ast.ImportFrom)) and "streamlit" in ast.dump(n)
            for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        )
    ]
    assert offenders == []


def _value_classes(tree: ast.AST) -> list[ast.ClassDef]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]


def test_value_classes_are_frozen_records_not_dataclasses():
    """Every value class of the engine and the app is a frozen Record (pricing/record.py): a
    dataclass would bring back the methods Python compiles at import (docs/performance.md)."""
    import pricing.record
    from pricing.record import Record

    sources = [*PACKAGE.rglob("*.py"), *(PACKAGE.parent / "ui").rglob("*.py"), PACKAGE.parent / "app.py"]
    dataclass_users = [
        str(p.relative_to(PACKAGE.parent))
        for p in sources
        if any(
            isinstance(n, (ast.Import, ast.ImportFrom))
            and ("dataclasses" in {a.name for a in n.names} or getattr(n, "module", None) == "dataclasses")
            for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        )
    ]
    assert dataclass_users == []

    import importlib

    for path in PACKAGE.rglob("*.py"):
        if "schema_migrations" not in path.parts and path.name != "__main__.py":
            importlib.import_module(_module_name(path))
    records = []
    pending = [Record]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            records.append(sub)
            pending.append(sub)
    assert len(records) >= 80, len(records)  # the engine's value classes, found
    assert all(cls.__struct_config__.frozen for cls in records)
    assert pricing.record.Record.__struct_config__.frozen
