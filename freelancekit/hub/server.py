"""The app as each user's own server under JupyterHub (``deploy/jupyterhub/``).

JupyterHub starts one server per user; ``python -m freelancekit.hub`` is that
server: JupyterHub's single-user Jupyter Server with Voila as an extension, set
up exactly as ``freelancekit serve`` sets up Voila (same template, same
prelaunch hook, no tracebacks, no sources, idle-kernel culling), opening on the
app. The hub checks every request to ``/user/<name>/`` (a user reaches only
their own server); the portfolio is ``$FREELANCEKIT_DB`` or
``freelancekit.sqlite`` in the user's home, so each user has their own file.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

PORTFOLIO_NAME = "freelancekit.sqlite"
APP_URL = "/voila/render/app.ipynb"
CONFIG_FILE = Path(__file__).resolve().parent / "jupyter-config" / "jupyter_server_config.py"  # data, not a module (no import name)


def user_home() -> Path:
    """The folder this user's server works in: ``$HOME`` (set by the spawner), else the current folder."""
    return Path(os.environ.get("HOME") or os.getcwd()).resolve()


def prepare_home(home: Path) -> Path:
    """Put this release's app notebook in the home and open (or create) the portfolio; returns the portfolio path."""
    from freelancekit.cli.serve import app_notebook, compile_app, prepare_portfolio, use_our_template
    from freelancekit.portfolio.paths import ENV_VAR

    home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(app_notebook(), home / "app.ipynb")  # always this release's app, never an old copy
    db = prepare_portfolio(os.environ.get(ENV_VAR) or str(home / PORTFOLIO_NAME), new_is_empty=False)
    os.environ[ENV_VAR] = str(db)  # inherited by the kernels
    compile_app()
    use_our_template()
    return db


def configure(c: Any) -> None:
    """The single-user server's settings: ``freelancekit serve``'s Voila settings, served under the hub."""
    from freelancekit.cli.serve import voila_config

    ours = voila_config(port=0)
    c.VoilaConfiguration.merge(ours.VoilaConfiguration)
    c.MappingKernelManager.merge(ours.MappingKernelManager)
    c.ServerApp.root_dir = str(user_home())
    c.ServerApp.default_url = APP_URL
    # as serve: above the app's 10 MB upload limit, so a too-big file gets the import view's message
    c.ServerApp.tornado_settings = {"websocket_max_message_size": 64 * 2**20}
    c.ServerApp.terminals_enabled = False  # the app, not a shell
    c.ServerApp.open_browser = False
    # a container (or a trial hub run by root) runs the server as root; Jupyter refuses that unless told
    c.ServerApp.allow_root = os.geteuid() == 0


def main(argv: list[str] | None = None) -> None:
    prepare_home(user_home())
    from jupyterhub.singleuser import main as single_user_main

    single_user_main(argv=[f"--config={CONFIG_FILE}", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
