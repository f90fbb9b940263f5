"""The package map is a rule: a package imports only from the packages below it, and no two modules import each other.

Every import counts, wherever it is written (top of the module, inside a
function, under ``TYPE_CHECKING``): a lower package that needs something from a
higher one gets it passed in, or the thing moves down. The map is
``freelancekit/__init__.py``'s docstring and docs/architecture.md.
"""
from __future__ import annotations

from import_graph import LAYERS, cycles, import_graph, layer_of, upward_imports

import freelancekit


def test_every_package_and_top_module_has_a_place_in_the_layers():
    graph = import_graph()
    unplaced = sorted({m for m in graph if m != "freelancekit" and layer_of(m) is None})
    assert unplaced == [], f"add these to LAYERS (tests/support/import_graph.py) and to docs/architecture.md: {unplaced}"


def test_no_package_imports_a_higher_one():
    assert upward_imports(import_graph()) == []


def test_no_two_modules_import_each_other():
    assert cycles(import_graph()) == []


def test_the_package_docstring_lists_the_layers_in_order():
    doc = freelancekit.__doc__ or ""
    positions = [doc.index(f"``{name}``") for layer in LAYERS for name in layer]
    assert positions == sorted(positions)


def test_the_rule_catches_an_upward_import_and_a_circle():
    graph = {"freelancekit.portfolio.model": {"freelancekit.ui.app"}, "freelancekit.ui.app": {"freelancekit.portfolio.model"}}
    assert upward_imports(graph) == [("freelancekit.portfolio.model", "freelancekit.ui.app")]
    assert cycles(graph) == [["freelancekit.portfolio.model", "freelancekit.ui.app"]]


def test_the_picture_in_docs_is_the_current_graph():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    drawn = subprocess.run([sys.executable, str(root / "scripts" / "import_graph.py")], capture_output=True, text=True, timeout=60)
    assert drawn.returncode == 0, drawn.stderr
    assert drawn.stdout.strip() in (root / "docs" / "architecture.md").read_text(encoding="utf-8"), \
        "run python3 scripts/import_graph.py --write"
