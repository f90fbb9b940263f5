"""``lab``: the notebook templates in JupyterLab, on this computer only, saved without outputs.

JupyterLab starts in the templates' folder on 127.0.0.1 with our config
folder first on ``JUPYTER_CONFIG_PATH``: it enables
``freelancekit.cli.notebook_privacy``, which saves the templates without their
outputs (docs/notebooks.md). ``--db`` reaches the templates through
``FREELANCEKIT_DB``, as for every other command.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from freelancekit.cli import Say, add_db_option

CONFIG_DIR = Path(__file__).resolve().parent / "jupyter_config"


def register(sub: argparse._SubParsersAction, say: Say) -> None:
    p = sub.add_parser("lab", help=say("cli.help.lab"))
    add_db_option(p, say)
    p.add_argument("--port", type=int, metavar="N", help=say("cli.help.lab.port"))
    p.add_argument("--no-browser", action="store_true", help=say("cli.help.no_browser"))
    p.set_defaults(func=run)


def templates_dir() -> Path:
    from freelancekit.cli.serve import app_notebook

    return app_notebook().parent


def lab_command(args: argparse.Namespace) -> tuple[list[str], dict[str, str]]:
    """The JupyterLab command line and environment ``lab`` runs."""
    cmd = [sys.executable, "-m", "jupyterlab", "--ServerApp.ip=127.0.0.1", f"--ServerApp.root_dir={templates_dir()}"]
    if args.port:
        cmd.append(f"--ServerApp.port={args.port}")
    if args.no_browser:
        cmd.append("--no-browser")
    env = dict(os.environ)
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(x for x in (str(CONFIG_DIR), env.get("JUPYTER_CONFIG_PATH", "")) if x)
    if args.db:
        env["FREELANCEKIT_DB"] = str(Path(args.db).expanduser().resolve())
    return cmd, env


def run(args: argparse.Namespace) -> int:
    cmd, env = lab_command(args)
    try:
        return subprocess.call(cmd, env=env)
    except KeyboardInterrupt:
        return 130
