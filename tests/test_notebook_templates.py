"""The notebook templates: say what they are for and which cell to edit, short cells, and no client data when saved.

nbval runs each of them on a demo portfolio (notebooks/conftest.py); here we
check the saved files, and that saving through Jupyter strips what a run shows.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest

from freelancekit.portfolio.api import create_demo
from freelancekit.portfolio.demo import demo_portfolio

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = sorted((ROOT / "notebooks").glob("0*.ipynb"))
MAX_CELL_LINES = 12


def client_facts() -> set[str]:
    """Every piece of client data in the demo portfolio a template could leak."""
    facts = set()
    for c in demo_portfolio().clients:
        facts |= {c.name, c.contact_name, c.email, c.notes, c.last_win}
    return {f for f in facts if f and len(f) > 3}


def test_there_are_four_templates():
    assert [p.name for p in TEMPLATES] == ["01_clients_and_ranking.ipynb", "02_what_if_weights.ipynb",
                                           "03_charts.ipynb", "04_draft_for_a_client.ipynb"]


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_a_template_opens_with_its_purpose_and_the_cell_to_edit(path):
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert "**What it is for:**" in first.source and "**Cell to edit:**" in first.source
    assert any(c.cell_type == "markdown" and "Edit this cell" in c.source for c in nb.cells) or "`WEIGHTS =`" in first.source
    assert nb.metadata["freelancekit"]["strip_outputs"] is True


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_code_cells_are_short_and_call_the_package(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert len(cell.source.splitlines()) <= MAX_CELL_LINES, cell.source
            assert "def " not in cell.source and "class " not in cell.source  # logic lives in the package


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_the_saved_template_holds_no_client_data(path):
    text = path.read_text(encoding="utf-8")
    nb = json.loads(text)
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb["cells"] if c["cell_type"] == "code")
    assert "widgets" not in nb["metadata"]
    leaked = [f for f in client_facts() if f in text or json.dumps(f)[1:-1] in text]
    assert not leaked


def _run(path: Path, db: Path) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    os.environ["FREELANCEKIT_DB"] = str(db)
    try:
        NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:
        os.environ.pop("FREELANCEKIT_DB", None)
    return nb


@pytest.mark.slow
def test_saving_a_run_template_through_jupyter_strips_the_client_data(tmp_path):
    """Run a template on the demo (its outputs show clients), save it the way JupyterLab does: no client data on disk."""
    from jupyter_server.services.contents.filemanager import FileContentsManager

    from freelancekit.cli import notebook_privacy

    db = tmp_path / "demo.sqlite"
    create_demo(db).close()
    nb = _run(ROOT / "notebooks" / "01_clients_and_ranking.ipynb", db)
    shown = json.dumps(nb, ensure_ascii=False)
    assert "Brightpath Software" in shown  # the run did show client data

    class Server:  # what the extension loader is given: a server app with a contents manager
        contents_manager = FileContentsManager(root_dir=str(tmp_path))

    notebook_privacy._load_jupyter_server_extension(Server)
    Server.contents_manager.save({"type": "notebook", "format": "json", "content": json.loads(json.dumps(nb))}, "mine.ipynb")
    saved = (tmp_path / "mine.ipynb").read_text(encoding="utf-8")
    assert not [f for f in client_facts() if f in saved or json.dumps(f)[1:-1] in saved]
    assert "workbook.why(ranking, place)" in saved  # the code is kept

    other = json.loads(json.dumps(nb))
    other["metadata"].pop("freelancekit")
    Server.contents_manager.save({"type": "notebook", "format": "json", "content": other}, "not_a_template.ipynb")
    assert "Brightpath Software" in (tmp_path / "not_a_template.ipynb").read_text(encoding="utf-8")  # other notebooks untouched


def test_freelancekit_lab_enables_the_privacy_extension(tmp_path, monkeypatch):
    from jupyter_server.config_manager import BaseJSONConfigManager

    from freelancekit.cli import build_parser
    from freelancekit.cli.lab import lab_command

    args = build_parser().parse_args(["lab", "--db", str(tmp_path / "p.sqlite"), "--no-browser"])
    cmd, env = lab_command(args)
    assert "--ServerApp.ip=127.0.0.1" in cmd and any(x.startswith("--ServerApp.root_dir=") for x in cmd)
    assert Path(cmd[-2].split("=", 1)[1]) == ROOT / "notebooks" or any(str(ROOT / "notebooks") in x for x in cmd)
    assert env["FREELANCEKIT_DB"] == str((tmp_path / "p.sqlite").resolve())
    first = env["JUPYTER_CONFIG_PATH"].split(os.pathsep)[0]
    config = BaseJSONConfigManager(config_dir=first).get("jupyter_server_config")
    assert config["ServerApp"]["jpserver_extensions"] == {"freelancekit.cli.notebook_privacy": True}
