"""Layout rules the code must keep: every module imports; no import cycles; no private names
imported across modules.

Why a test: a cycle (``a`` imports ``b`` imports ``a``) works until someone imports ``b``
first, and a ``_private`` name used elsewhere is an interface nobody documented. Both are
found from the source alone: the import graph is built with `ast` from every ``import``
statement in ``selftaught/`` -- module-level and function-level alike (a lazy import is
still a dependency), but not those under ``if TYPE_CHECKING:``, which never run.

Scope: every package. (`EXCLUDED` once left out ``selftaught.textbook``, whose formats
imported each other; their shared pieces now live in ``selftaught.textbook.parsing``.)
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import selftaught

ROOT = Path(selftaught.__file__).resolve().parent
EXCLUDED: tuple[str, ...] = ()
"""Packages outside this test's scope (see the module docstring)."""


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _excluded(name: str) -> bool:
    return any(name == e or name.startswith(e + ".") for e in EXCLUDED)


MODULES: dict[str, Path] = {
    _module_name(p): p for p in sorted(ROOT.rglob("*.py")) if not _excluded(_module_name(p))
}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(path: Path, name: str) -> list[tuple[str, list[str], int]]:
    """``(imported module, names imported from it, line)`` for every import that runs."""
    tree = ast.parse(path.read_text(), filename=str(path))
    is_package = path.name == "__init__.py"
    found: list[tuple[str, list[str], int]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for statement in node.orelse:
                visit(statement)
            return
        if isinstance(node, ast.Import):
            found.extend((alias.name, [], node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name if is_package else name.rpartition(".")[0]
                for _ in range(node.level - 1):
                    package = package.rpartition(".")[0]
                base = f"{package}.{base}" if base else package
            found.append((base, [alias.name for alias in node.names], node.lineno))
        for grandchild in ast.iter_child_nodes(node):
            visit(grandchild)

    visit(tree)
    return found


def _edges() -> dict[str, set[str]]:
    """Module -> the ``selftaught`` modules it imports (``from pkg import sub`` -> ``pkg.sub``)."""
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for module, names, _line in _imports(path, name):
            if not module.startswith("selftaught"):
                continue
            targets = [f"{module}.{n}" for n in names if f"{module}.{n}" in MODULES]
            if len(targets) < len(names) or not names:
                targets.append(module)  # some names are attributes of the module itself
            graph[name].update(t for t in targets if t in MODULES and t != name)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return components


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_imports(name: str) -> None:
    assert importlib.import_module(name).__name__ == name


def test_every_module_is_found() -> None:
    """The ast walk sees the same modules as the import system (nothing skipped silently)."""
    walked = {m.name for m in pkgutil.walk_packages(selftaught.__path__, "selftaught.")}
    assert {n for n in walked if not _excluded(n)} == set(MODULES) - {"selftaught"}


def test_no_import_cycles() -> None:
    cycles = _cycles(_edges())
    assert not cycles, "import cycles (each line: modules that import each other):\n" + \
        "\n".join(" <-> ".join(c) for c in cycles)


def test_no_private_names_across_modules() -> None:
    """``from selftaught.x import _name`` in another module: make it public (and document it)."""
    found = [
        f"{path.relative_to(ROOT.parent)}:{line}: {n} from {module}"
        for name, path in MODULES.items()
        for module, names, line in _imports(path, name)
        if module.startswith("selftaught") and module != name
        for n in names
        if n.startswith("_") and not n.startswith("__")
        and f"{module}.{n}" not in MODULES  # a private *module* is imported by its package
    ]
    assert not found, "private names imported across modules:\n" + "\n".join(found)


def test_cycle_finder_finds_a_cycle() -> None:
    """The checker itself: a two-module cycle and a three-module one are reported."""
    graph = {"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"e"}, "e": {"c"}, "f": {"a"}}
    assert _cycles(graph) == [["a", "b"], ["c", "d", "e"]]
