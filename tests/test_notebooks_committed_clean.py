"""Notebooks are committed without outputs: no stale results, no private data in git."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for folder in ("notebooks", "freelancekit", "benchmarks") for p in (ROOT / folder).rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)


def test_the_app_and_the_template_notebooks_exist():
    names = {p.name for p in NOTEBOOKS if p.parent == ROOT / "notebooks"}
    assert {"app.ipynb", "01_clients_and_ranking.ipynb", "02_what_if_weights.ipynb", "03_charts.ipynb",
            "04_draft_for_a_client.ipynb"} <= names, names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.relative_to(ROOT).as_posix() for p in NOTEBOOKS])
def test_notebook_has_no_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    dirty = [i for i, cell in enumerate(nb.cells)
             if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)]
    assert not dirty, f"{path.name}: cells {dirty} carry outputs; clear them before committing"
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3", "the kernel must be the standard python3"
