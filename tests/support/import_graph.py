"""freelancekit's import graph, read from the source with ``ast`` (nothing is imported), and its layering rule.

Shared by tests/test_layers.py and scripts/import_graph.py (which draws it).
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "freelancekit"

# lowest first; a package may import from the layers before its own only (one layer's packages not from each other)
LAYERS: tuple[tuple[str, ...], ...] = (
    ("language",),
    ("errors",),
    ("portfolio",),
    ("files",),
    ("ranking",),
    ("records",),
    ("drafts",),
    ("ui",),
    ("workbook", "cli"),
    ("hub",),
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    """Every importable module of the package (a folder whose name is not an identifier holds data, not code)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if all(part.isidentifier() for part in path.relative_to(PACKAGE.parent).parts[:-1]):
            found[_module_name(path)] = path
    return found


def import_graph() -> dict[str, set[str]]:
    """module -> the package's modules it imports, anywhere in its source."""
    mods = modules()
    graph: dict[str, set[str]] = {}
    for name, path in mods.items():
        here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = ".".join(here[: len(here) - node.level + 1]) if node.level else ""
                target = ".".join(p for p in (base, node.module or "") if p)
                named = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in mods]
                targets.update(named or ([target] if target in mods else []))
            elif isinstance(node, ast.Import):
                targets.update(a.name for a in node.names if a.name in mods)
        graph[name] = targets - {name, "freelancekit"}
    return graph


def layer_of(module: str) -> int | None:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else None
    return next((i for i, layer in enumerate(LAYERS) if top in layer), None)


def upward_imports(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(importer, imported) pairs that break the layers: the imported package is not below the importer's."""
    bad = []
    for module, targets in sorted(graph.items()):
        for target in sorted(targets):
            if module.split(".")[:2] == target.split(".")[:2]:
                continue  # within one package (or one top-level module)
            mine, theirs = layer_of(module), layer_of(target)
            if mine is not None and theirs is not None and theirs >= mine:
                bad.append((module, target))
    return bad


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import each other, directly or around a circle (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)
