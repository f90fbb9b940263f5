#!/usr/bin/env python3
"""Set up and run the whole test suite: ``python3 scripts/test.py [pytest args]``.

Installs the package with its test tools into .venv, makes sure a Chromium is
there for the browser tests (Debian's package when we may install it, else
Playwright's own download) and configurable-http-proxy for the JupyterHub test
(npm, into .test-tools/), checks the code (ruff, mypy, then vulture for dead code; settings in
pyproject.toml), then runs pytest with coverage. A lint or type error fails
the run like a failing test (pytest still runs, so one run shows everything).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

from _bootstrap import ROOT, ensure_venv

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
LINTED = ("freelancekit", "tests", "scripts", "benchmarks", "notebooks")


def find_chromium() -> str | None:
    env = os.environ.get("FREELANCEKIT_CHROMIUM")
    if env:
        return env
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def ensure_browser(py: str) -> None:
    """A system Chromium if there is one (or apt can install it), else Playwright's."""
    if find_chromium():
        return
    if sys.platform.startswith("linux") and shutil.which("apt-get") and os.geteuid() == 0:
        print("Installing Chromium from Debian's packages for the browser tests ...", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env, stdin=subprocess.DEVNULL)
        if subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], env=env, stdin=subprocess.DEVNULL).returncode == 0 and find_chromium():
            return
    print("Installing Playwright's Chromium for the browser tests ...", flush=True)
    subprocess.run([py, "-m", "playwright", "install", "chromium"], check=False, stdin=subprocess.DEVNULL)


PROXY_PACKAGE = "configurable-http-proxy@4"
TOOLS = ROOT / ".test-tools"  # npm packages the tests need, installed here (never globally)


def ensure_proxy() -> None:
    """configurable-http-proxy for the JupyterHub test, from npm into .test-tools/, where npm exists."""
    if (TOOLS / "node_modules" / ".bin" / "configurable-http-proxy").exists():
        return
    npm = shutil.which("npm")
    if not npm or not shutil.which("node"):
        print("No node/npm here: the JupyterHub test (tests/hub) will be skipped.", flush=True)
        return
    print("Installing configurable-http-proxy for the JupyterHub test ...", flush=True)
    TOOLS.mkdir(exist_ok=True)
    try:
        subprocess.run([npm, "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund", "--no-save", PROXY_PACKAGE],
                       check=False, stdin=subprocess.DEVNULL, timeout=600)
    except subprocess.TimeoutExpired:
        print("npm took over 10 minutes: the JupyterHub test will be skipped.", flush=True)


def check(py: str) -> int:
    """The linter, the type checker and the dead-code finder (vulture), each as configured in
    pyproject.toml; non-zero if any found something."""
    failed = 0
    for cmd in ([py, "-m", "ruff", "check", *LINTED], [py, "-m", "mypy"], [py, "-m", "vulture"]):
        print("+ " + " ".join(cmd), flush=True)
        if subprocess.call(cmd, cwd=ROOT, stdin=subprocess.DEVNULL) != 0:
            print(f"FAILED: {cmd[2]} found errors (see above)", flush=True)
            failed = 1
    return failed


def main() -> int:
    py = str(ensure_venv("test"))
    ensure_browser(py)
    ensure_proxy()
    args = sys.argv[1:]
    checked = check(py)
    cmd = [py, "-m", "pytest", "--cov=freelancekit", "--cov-report=term", *args]
    print("+ " + " ".join(cmd), flush=True)
    tested = subprocess.call(cmd, cwd=ROOT, stdin=subprocess.DEVNULL)
    return tested or checked


if __name__ == "__main__":
    sys.exit(main())
