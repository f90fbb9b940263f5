"""Shared by scripts/start.py and scripts/test.py: a project venv that installs itself.

Only the standard library is used here, so a fresh machine with nothing but
Python 3.11 can run both commands.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("FREELANCEKIT_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def python() -> Path:
    return BIN / ("python.exe" if os.name == "nt" else "python")


def ensure_venv(extras: str = "") -> Path:
    """Create .venv and install the package (with ``extras``) unless it is already current."""
    if sys.version_info < (3, 11):
        sys.exit(f"freelancekit needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not python().exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    spec = f".[{extras}]" if extras else "."
    stamp = VENV / f".freelancekit-{extras or 'app'}.stamp"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + spec.encode()).hexdigest()
    if not stamp.exists() or stamp.read_text() != digest:
        print(f"Installing freelancekit{f' with {extras} tools' if extras else ''} (first run takes a few minutes) ...", flush=True)
        run([python(), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
        run([python(), "-m", "pip", "install", "--quiet", "-e", spec])
        stamp.write_text(digest)
    return python()


def run(cmd: list, **kwargs) -> None:
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT, **kwargs)
