"""Prove that ``src/grprojects`` has no import cycle, counting imports inside functions.

Run it as a script (``python tests/architecture/import_cycles.py``: prints each cycle
and exits 1) or through pytest. Every ``import`` and ``from … import`` anywhere in a
module counts, in a function body too, except those under ``if TYPE_CHECKING:``,
which never run. ``from . import name`` counts as an import of the submodule
``name`` when there is one, else of the package. Importing a submodule is not
counted as importing its package's ``__init__`` (Python runs it first, but the
package cannot see the submodule's names before it asks for them).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

PACKAGE = "grprojects"
SOURCE = Path(__file__).resolve().parents[2] / "src" / PACKAGE


def module_name(path: Path) -> str:
    """The dotted name of the module at ``path`` under ``src``."""
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement below ``node``, leaving out ``if TYPE_CHECKING:`` bodies."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for other in child.orelse:
                yield from _imports_of(other)
            continue
        yield from _imports_of(child)


def _imports_of(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
    yield from _imports(node)


def imported(path: Path, known: set[str]) -> set[str]:
    """The package's modules that the module at ``path`` imports."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            stem = node.module or ""
            if node.level:
                stem = f"{base}.{stem}" if stem else base
            targets = [f"{stem}.{alias.name}" for alias in node.names]
            targets = [t if t in known else stem for t in targets]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    """Each module of the package and the package modules it imports."""
    paths = sorted(SOURCE.rglob("*.py"))
    known = {module_name(p) for p in paths}
    return {module_name(p): imported(p, known) for p in paths}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def main() -> int:
    found = cycles(import_graph())
    for component in found:
        print("import cycle:", " ↔ ".join(component))
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
