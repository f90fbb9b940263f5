"""What the running server exposes.

The server is a real ``freelancekit serve``. To make the file probes mean
something, the worst case is set up: the portfolio, its WAL, its backups and
an export all sit in the very folder Voila serves from (the notebook's).
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import json
import re
import shutil
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import nbformat
import pytest
from live_app import ROOT, serve_app

pytestmark = pytest.mark.slow
SQLITE_MAGIC = b"SQLite format 3\x00"
EXPORT_MARKER = "export-marker-7f3c"
TRACEBACK_MARKER = "traceback-marker-91ad"
TEMPLATE_STATIC_TRAVERSAL = "voila/templates/lab/static/%2e%2e/"


def _write_notebook(path: Path, source: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def exposed(tmp_path_factory):
    """A server whose notebook folder also holds the portfolio, its WAL and backups, and an export."""
    from freelancekit.files.exporter import export_file
    from freelancekit.portfolio.api import create_demo

    folder = tmp_path_factory.mktemp("served")
    app_nb = ROOT / "notebooks" / "app.ipynb"
    notebook = folder / "app.ipynb"
    if app_nb.exists():
        shutil.copy(app_nb, notebook)
    else:  # the server settings under test do not depend on the notebook's content
        _write_notebook(notebook, "import ipywidgets\nipywidgets.IntSlider()")
    db = folder / "portfolio.sqlite"
    with create_demo(db) as store:
        store.auto_backup()
        store.backup(folder / "copy.sqlite")
        p = store.portfolio()
        store.update_client(p.clients[0].id, {**_raw(p.clients[0]), "notes": EXPORT_MARKER}, p.clients[0].revision)
        p = store.portfolio()
        export_file(p.clients, p.criteria, folder / "clients.csv")
        export_file(p.clients, p.criteria, folder / "clients.xlsx")
        hold = sqlite3.connect(db)  # keep the WAL and shm files on disk while probing
        hold.execute("SELECT count(*) FROM clients").fetchone()
        with serve_app(db, notebook=notebook) as app:
            yield app, folder
        hold.close()


def _raw(client) -> dict:
    return {
        "name": client.name, "contact_name": client.contact_name, "email": client.email,
        "industry": client.industry, "services": ";".join(client.services), "notes": client.notes,
        "last_win": client.last_win, "start_date": client.start_date.isoformat() if client.start_date else "",
        "values": dict(client.values),
    }


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _secret_files(folder: Path) -> list[str]:
    names = [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.suffix != ".ipynb"]
    assert {"portfolio.sqlite", "portfolio.sqlite-wal", "clients.csv", "clients.xlsx", "copy.sqlite"} <= set(names), names
    assert any(n.startswith("portfolio.sqlite.backups/") for n in names), names
    return names


PREFIXES = (
    "", "files/", "voila/files/", "api/contents/", "voila/api/contents/", "static/", "voila/static/",
    "voila/templates/lab/static/", "voila/labextensions/", "voila/api/themes/", "voila/tree/", "voila/render/",
    "tree/", "view/", "edit/", "nbconvert/html/", "voila/files/./", "voila/files/%2e%2e/served/",
    "voila/static/../../", TEMPLATE_STATIC_TRAVERSAL + "%2e%2e/%2e%2e/",
    "voila/templates/%2e%2e/static/", "voila/templates/%2e%2e%2f%2e%2e%2f%2e%2e/static/",
)


def test_portfolio_wal_backups_and_exports_are_never_served(exposed):
    app, folder = exposed
    csv_text = (folder / "clients.csv").read_bytes()
    assert EXPORT_MARKER.encode() in csv_text
    probes = []
    for name in _secret_files(folder):
        for prefix in PREFIXES:
            probes.append(prefix + urllib.parse.quote(name))
        probes.append("voila/files/" + urllib.parse.quote(str(folder / name).lstrip("/")))
        probes.append("voila/files//" + urllib.parse.quote(str(folder / name).lstrip("/")))
    probes += ["api/contents", "voila/api/contents", "api/contents?content=1", "voila/files/"]
    leaks = []
    for probe in probes:
        status, body = _get(app.url + probe)
        if SQLITE_MAGIC in body or EXPORT_MARKER.encode() in body or body.startswith(b"PK\x03\x04"):
            leaks.append(f"{probe} -> {status} leaked file content")
        elif b"Traceback" in body:
            leaks.append(f"{probe} -> {status} shows a traceback")
        elif status in (403, 404):
            continue
        elif status == 500 and probe.startswith("voila/templates/"):
            continue  # Voila's template handler asserts on '..' (a generic 500 page, nothing read)
        else:
            leaks.append(f"{probe} -> {status}")
    assert not leaks, "served paths:\n" + "\n".join(leaks)


def test_listens_on_loopback_only(exposed):
    import psutil

    app, _ = exposed
    server = psutil.Process(app.proc.pid)
    procs = [server, *server.children(recursive=True)]
    listening = [c.laddr for p in procs for c in p.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN]
    http = [a for a in listening if a.port == app.port]
    assert http, f"the server is not listening on {app.port}: {listening}"
    assert all(a.ip == "127.0.0.1" for a in listening), f"something listens beyond loopback: {listening}"


def test_foreign_host_header_is_refused(exposed):
    """A DNS-rebinding page reaches 127.0.0.1 under its own host name; the server must refuse it."""
    app, _ = exposed
    status, body = _get(app.url, headers={"Host": f"attacker.example:{app.port}"})
    assert status == 403
    assert b"kernelId" not in body
    status, _ = _get(app.url, headers={"Host": f"localhost:{app.port}"})
    assert status == 200


# -- code execution from the page ------------------------------------------------------------------
def _kernel_id(url: str) -> str:
    status, body = _get(url)
    assert status == 200, status
    match = re.search(rb'"kernelId":\s*"([0-9a-f-]{36})"', body)
    assert match, "no kernel id in the page"
    return match.group(1).decode()


def _message(msg_type: str, content: dict, session: str) -> dict:
    return {
        "header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "page", "session": session,
                   "date": "", "version": "5.3"},
        "parent_header": {}, "metadata": {}, "content": content, "buffers": [], "channel": "shell",
    }


def _v1_frame(msg: dict) -> bytes:
    """The binary framing the JupyterLab front end uses (v1.kernel.websocket.jupyter.org)."""
    from jupyter_server.services.kernels.connection.base import serialize_msg_to_ws_v1

    return serialize_msg_to_ws_v1(msg, msg["channel"], pack=lambda part: json.dumps(part).encode())


def _v1_header(frame: bytes) -> dict:
    from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1

    _, parts = deserialize_msg_from_ws_v1(frame)
    return json.loads(parts[0])


async def _try_execute(ws_url: str, canary: Path, subprotocol: str | None) -> list[str]:
    """Send execute_request (would write the canary) then kernel_info_request; return reply types seen."""
    from tornado.websocket import websocket_connect

    session = uuid.uuid4().hex
    conn = await asyncio.wait_for(websocket_connect(f"{ws_url}?session_id={session}",
                                                    subprotocols=[subprotocol] if subprotocol else None), 30)
    code = f"open({str(canary)!r}, 'w').write('pwned')"
    execute = _message("execute_request", {"code": code, "silent": False, "store_history": False,
                                           "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}, session)
    info = _message("kernel_info_request", {}, session)
    seen: list[str] = []
    for msg in (execute, info):
        conn.write_message(_v1_frame(msg) if subprotocol else json.dumps(msg), binary=bool(subprotocol))
    deadline = asyncio.get_running_loop().time() + 30
    while "kernel_info_reply" not in seen and asyncio.get_running_loop().time() < deadline:
        frame = await asyncio.wait_for(conn.read_message(), 30)
        if frame is None:
            break
        header = _v1_header(frame) if isinstance(frame, bytes) else json.loads(frame)["header"]
        seen.append(header["msg_type"])
    await asyncio.sleep(2)  # had the execute been forwarded, it ran before kernel_info (one shell queue)
    conn.close()
    return seen


@pytest.mark.parametrize("subprotocol", [None, "v1.kernel.websocket.jupyter.org"], ids=["json", "v1-binary"])
def test_code_sent_from_the_page_is_never_executed(exposed, tmp_path, subprotocol):
    app, _ = exposed
    kernel = _kernel_id(app.url)
    canary = tmp_path / "canary.txt"
    ws_url = app.url.replace("http://", "ws://") + f"api/kernels/{kernel}/channels"
    with concurrent.futures.ThreadPoolExecutor(1) as pool:  # its own event loop, beside Playwright's
        seen = pool.submit(asyncio.run, _try_execute(ws_url, canary, subprotocol)).result(timeout=120)
    assert "kernel_info_reply" in seen, f"the websocket did not work as the page uses it: {seen}"
    assert "execute_reply" not in seen
    assert not canary.exists(), "code sent over the kernel websocket was executed"
    assert 'Received message of type "execute_request", which is not allowed' in app.output()


# -- no tracebacks in the page -----------------------------------------------------------------------
def test_a_failing_cell_shows_no_traceback(tmp_path):
    notebook = _write_notebook(tmp_path / "broken.ipynb", f"raise ValueError({TRACEBACK_MARKER!r})")
    with serve_app(tmp_path / "portfolio.sqlite", notebook=notebook) as app:
        status, body = _get(app.url)
    text = body.decode("utf-8", "replace")
    assert status == 200
    assert TRACEBACK_MARKER not in text
    assert "Traceback" not in text and "ValueError" not in text
    assert "There was an error when executing cell" in text  # Voila's friendly placeholder
