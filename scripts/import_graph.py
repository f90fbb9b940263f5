#!/usr/bin/env python3
"""Draw freelancekit's package graph as Mermaid (``python3 scripts/import_graph.py [--write]``).

Reads the imports from the source (``tests/support/import_graph.py``, the same
reading the layering test makes), folds modules into their packages, and prints
the graph; ``--write`` puts it into docs/architecture.md between its markers.
Exits 1 if the layers are broken or two modules import each other.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "support"))

from import_graph import LAYERS, cycles, import_graph, upward_imports  # noqa: E402

DOC = ROOT / "docs" / "architecture.md"
BEGIN, END = "<!-- import graph: begin -->", "<!-- import graph: end -->"


def package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def mermaid(graph: dict[str, set[str]]) -> str:
    """Package -> package edges, each package once, lowest layer at the bottom."""
    edges = sorted({(package(m), package(t)) for m, ts in graph.items() for t in ts if package(m) != package(t)})
    lines = ["```mermaid", "flowchart BT"]
    for layer in LAYERS:
        lines += [f"    {name}" for name in layer]
    lines += [f"    {a} --> {b}" for a, b in edges if a != "freelancekit"]
    return "\n".join([*lines, "```"])


def main(argv: list[str]) -> int:
    graph = import_graph()
    text = mermaid(graph)
    broken, circles = upward_imports(graph), cycles(graph)
    for a, b in broken:
        print(f"layer broken: {a} imports {b}", file=sys.stderr)
    for group in circles:
        print(f"circle: {' <-> '.join(group)}", file=sys.stderr)
    if "--write" in argv:
        doc = DOC.read_text(encoding="utf-8")
        start, end = doc.index(BEGIN) + len(BEGIN), doc.index(END)
        DOC.write_text(doc[:start] + "\n" + text + "\n" + doc[end:], encoding="utf-8")
    else:
        print(text)
    return 1 if broken or circles else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
