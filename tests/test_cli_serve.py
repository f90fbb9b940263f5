"""``freelancekit serve``: the checks made before the server starts, and its launch settings."""
from __future__ import annotations

import socket

import pytest

from freelancekit.cli import main, serve


@pytest.fixture()
def busy_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s.getsockname()[1]


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_port_in_use_is_one_line_exit_2(busy_port, tmp_path, capsys):
    assert main(["serve", "--no-browser", "--port", str(busy_port), "--db", str(tmp_path / "p.sqlite")]) == 2
    assert f"port {busy_port}" in _one_line_error(capsys)
    assert not (tmp_path / "p.sqlite").exists()  # nothing created when the server cannot start


@pytest.mark.parametrize("content", [b"not a database at all", b"\x00" * 200])
def test_bad_db_is_one_line_exit_2(tmp_path, capsys, content):
    bad = tmp_path / "notes.sqlite"
    bad.write_bytes(content)
    assert main(["serve", "--no-browser", "--port", str(serve.choose_port(None)), "--db", str(bad)]) == 2
    assert "not a freelancekit portfolio" in _one_line_error(capsys)


def test_db_that_is_a_folder_is_refused(tmp_path, capsys):
    assert main(["serve", "--no-browser", "--db", str(tmp_path)]) == 2
    assert "folder" in _one_line_error(capsys)


def test_bad_port_number(tmp_path, capsys):
    assert main(["serve", "--no-browser", "--port", "70000", "--db", str(tmp_path / "p.sqlite")]) == 2
    assert "1 to 65535" in _one_line_error(capsys)


def test_first_run_at_the_default_place_creates_the_demo_and_later_runs_keep_the_portfolio(tmp_path, monkeypatch):
    from freelancekit.portfolio.api import open_portfolio

    db = tmp_path / "new" / "portfolio.sqlite"
    monkeypatch.setenv("FREELANCEKIT_DB", str(db))
    assert serve.prepare_portfolio(None) == db.resolve()
    with open_portfolio(db, create=False) as store:
        assert store.is_demo() and store.client_count() == 12
        store.start_empty()
    serve.prepare_portfolio(None)  # an empty portfolio of the user's own is not replaced
    with open_portfolio(db, create=False) as store:
        assert not store.is_demo() and store.client_count() == 0


def test_a_new_db_named_with_db_starts_empty_for_the_guided_first_run(tmp_path):
    from freelancekit.portfolio.api import open_portfolio

    db = tmp_path / "mine.sqlite"
    assert serve.prepare_portfolio(str(db)) == db.resolve()
    with open_portfolio(db, create=False) as store:
        assert not store.is_demo() and store.client_count() == 0


def test_the_hub_starts_each_new_user_on_the_demo_even_with_a_named_file(tmp_path):
    from freelancekit.portfolio.api import open_portfolio

    db = tmp_path / "user" / "portfolio.sqlite"
    serve.prepare_portfolio(str(db), new_is_empty=False)
    with open_portfolio(db, create=False) as store:
        assert store.is_demo()


def test_choose_port_prefers_the_default_and_never_returns_a_busy_one(busy_port):
    port = serve.choose_port(None)
    assert port != busy_port and serve.port_is_free(port)
    assert serve.choose_port(port) == port


def test_launch_settings_keep_the_server_private():
    c = serve.voila_config(8866)
    assert c.Voila.ip == "127.0.0.1" and c.Voila.port_retries == 0
    assert c.Voila.tornado_settings["allow_remote_access"] is False
    vc = c.VoilaConfiguration
    assert vc.show_tracebacks is False and vc.strip_sources is True
    assert vc.file_allowlist == [] and vc.preheat_kernel is False and vc.progressive_rendering is False


def test_a_closed_page_can_stop_its_kernel_and_forgotten_ones_are_culled():
    """The page gets its _xsrf cookie (so its shutdown post passes, XSRF checking left on); the culler is the backstop."""
    c = serve.voila_config(8866)
    assert c.VoilaConfiguration.prelaunch_hook is serve.prepare_page  # sets the xsrf cookie first (set_xsrf_cookie)
    assert not c.Voila.tornado_settings.get("disable_check_xsrf")
    km = c.MappingKernelManager
    assert km.cull_idle_timeout == serve.CULL_IDLE_S and km.cull_connected is False and km.cull_busy is False
    assert 0 < km.cull_interval <= serve.CULL_IDLE_S
    assert serve.voila_config(8866, cull_idle_s=4).MappingKernelManager.cull_interval == 2

    class Handler:
        reads = 0

        @property
        def xsrf_token(self):
            Handler.reads += 1
            return b"token"

    assert serve.set_xsrf_cookie(Handler(), notebook=None, cwd="/") is None and Handler.reads == 1


def test_voila_standalone_refuses_execute_requests():
    """Our launch relies on Voila's standalone kernel manager allowing only widget traffic."""
    import inspect

    from voila.app import Voila

    source = inspect.getsource(Voila.init_settings)
    allowed = source[source.index("allowed_message_types"):source.index("]", source.index("allowed_message_types"))]
    assert "comm_msg" in allowed and "execute_request" not in allowed


def test_the_app_notebook_ships_with_the_repository():
    path = serve.app_notebook()
    assert path.name == "app.ipynb" and path.parent.name == "notebooks"


def test_the_page_template_is_ours_and_links_no_cdn(monkeypatch):
    """Voila's "lab" page links Font Awesome from a CDN; ours extends it without those links."""
    import os

    from voila.paths import collect_template_paths

    assert serve.voila_config(8866).VoilaConfiguration.template == serve.TEMPLATE
    monkeypatch.setenv("JUPYTER_PATH", "/elsewhere")
    serve.use_our_template()
    serve.use_our_template()  # idempotent: listed once, first
    assert os.environ["JUPYTER_PATH"].split(os.pathsep) == [str(serve.template_data_dir()), "/elsewhere"]
    paths = collect_template_paths(["voila", "nbconvert"], serve.TEMPLATE, prune=True)
    ours = serve.template_data_dir() / "voila" / "templates" / serve.TEMPLATE
    assert paths[0] == str(ours) and any(p.endswith("/voila/templates/lab") for p in paths)
    page = (ours / "index.html.j2").read_text()
    assert "extends 'lab/index.html.j2'" in page and "<link" not in page and "https://" not in page


def test_each_page_gets_the_portfolio_language_title_and_loading_message(tmp_path, monkeypatch):
    from types import SimpleNamespace

    from freelancekit.cli import serve
    from freelancekit.portfolio.paths import ENV_VAR
    from freelancekit.portfolio.storage import Store

    db = tmp_path / "p.sqlite"
    with Store(db) as s:
        s.save_profile({"name": "Maya", "locale": "ar"})
    monkeypatch.setenv(ENV_VAR, str(db))
    handler = SimpleNamespace(xsrf_token="t")
    nb = SimpleNamespace(metadata={})
    serve.prepare_page(handler, nb)
    assert nb.metadata["title"] == "freelancekit"
    assert nb.metadata["freelancekit"] == {"lang": "ar", "dir": "rtl", "title": "freelancekit", "loading": "جارٍ فتح محفظتك…"}
    with Store(db) as s:
        s.save_profile({"name": "Maya", "locale": "en"})
    serve.prepare_page(handler, nb)  # read again for every page: the language switch is followed on reload
    assert nb.metadata["freelancekit"]["lang"] == "en" and nb.metadata["freelancekit"]["loading"] == "Opening your portfolio…"
    assert serve.page_language(str(tmp_path / "missing.sqlite"))["lang"] == "en"


def test_the_app_is_compiled_once_so_no_page_load_compiles_it_again(monkeypatch, tmp_path):
    """Each page's kernel imports the app; where Python writes no bytecode by itself, serve writes it first."""
    import importlib.util
    import sys
    from pathlib import Path

    import freelancekit

    package = Path(freelancekit.__file__).parent
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path))  # the checkout's own caches stay as they are
    serve.compile_app()
    for module in ("ui/app.py", "ui/ranking_view.py", "ranking/scoring.py"):
        assert Path(importlib.util.cache_from_source(str(package / module))).is_file()


def test_a_package_that_cannot_be_compiled_still_serves(monkeypatch):
    import compileall

    def refused(*_args, **_kwargs):
        raise PermissionError("read-only install")

    monkeypatch.setattr(compileall, "compile_dir", refused)
    serve.compile_app()  # no error: the kernels compile as they import, as before
