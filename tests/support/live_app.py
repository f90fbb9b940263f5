"""A real ``freelancekit serve`` and a real Chromium, for browser and hardening tests.

Plain functions and context managers (no fixtures), so the conftests, the
benchmarks and ``scripts/screenshots.py`` start the app exactly the same way.
Every wait here has a bound; every process started here is stopped here, by
its own process id (and the ids of its children), never by name.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from freelancekit.ui.page import KERNEL_LOG_ENV

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
START_TIMEOUT_S = 90.0
STOP_TIMEOUT_S = 15.0
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
# the server logs a failing test keeps (browser_fixtures.keep_evidence): those of the servers running now,
# and of the servers stopped by an exception (a test's own ``with serve_app(...)`` block that failed)
RUNNING_LOGS: dict[int, Path] = {}  # port -> log
FAILED_LOGS: list[Path] = []


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def freelancekit_command() -> list[str]:
    """The installed console script next to this Python, else the module."""
    script = Path(sys.executable).parent / "freelancekit"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "freelancekit.cli"]


@dataclass
class LiveApp:
    url: str
    port: int
    db: Path
    proc: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def _wait_listening(app: LiveApp, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.proc.poll() is not None:
            raise RuntimeError(f"freelancekit serve exited with {app.proc.returncode}:\n{app.output()[-3000:]}")
        try:
            with socket.create_connection((HOST, app.port), timeout=1):
                pass
            # the port answers: check the server really is Voila serving (static file, no kernel started)
            with urllib.request.urlopen(f"{app.url}voila/static/voila.js", timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"freelancekit serve did not answer on {app.url} within {timeout:.0f} s:\n{app.output()[-3000:]}")


def stop_process_tree(proc: subprocess.Popen, timeout: float = STOP_TIMEOUT_S) -> None:
    """SIGTERM our server's process group (Voila then shuts its kernels down), then SIGKILL leftovers."""
    if proc.poll() is not None:
        return
    import psutil

    try:
        children = psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=timeout)
    _, alive = psutil.wait_procs(children, timeout=timeout)
    for child in alive:  # kernels live in their own session; they are still our children's
        with contextlib.suppress(psutil.NoSuchProcess):
            child.kill()


def page_kernels(server_pid: int) -> list:
    """The server's kernels (``psutil.Process``): its child processes running ipykernel, listening on their ports.

    The process ``serve`` keeps waiting for the next page (cli/waiting_kernel.py) is not one
    until a page takes it: it has imported ipykernel but opened no port.
    """
    import psutil

    try:
        children = psutil.Process(server_pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    found = []
    for child in children:
        try:
            cmdline = " ".join(child.cmdline())
            if ("ipykernel" in cmdline or "waiting_kernel" in cmdline) and any(
                    c.status == psutil.CONN_LISTEN for c in child.net_connections(kind="tcp")):
                found.append(child)
        except psutil.Error:  # it ended while we looked
            continue
    return found


def kernel_log(log: Path) -> Path:
    """Where the server's kernels write the app's errors with their tracebacks (ui/page.py, KERNEL_LOG_ENV)."""
    return log.with_suffix(".kernel.log")


@contextlib.contextmanager
def serve_app(db: Path, *, notebook: Path | None = None, extra_env: dict[str, str] | None = None,
              extra_args: list[str] | None = None, timeout: float = START_TIMEOUT_S, demo: bool = True) -> Iterator[LiveApp]:
    """``freelancekit serve --no-browser`` on a free loopback port; stopped on exit.

    A ``db`` that does not exist yet is filled with the demo first (what most tests start
    from); ``demo=False`` leaves it to ``serve``, which starts a named new file empty (the guided first run).
    """
    if demo and not Path(db).exists():
        from freelancekit.portfolio.api import create_demo

        create_demo(db).close()
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="fk-serve-", suffix=".log")[1])
    cmd = [*freelancekit_command(), "serve", "--no-browser", "--port", str(port), "--db", str(db)]
    if notebook is not None:
        cmd += ["--notebook", str(notebook)]
    cmd += extra_args or []
    env = {**os.environ, KERNEL_LOG_ENV: str(kernel_log(log)), **(extra_env or {})}
    env.pop("FREELANCEKIT_DB", None)  # --db is the only source of truth for the server
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    app = LiveApp(url=f"http://{HOST}:{port}/", port=port, db=Path(db), proc=proc, log=log)
    RUNNING_LOGS[port] = log
    failed = True
    try:
        _wait_listening(app, timeout)
        yield app
        failed = False
    finally:
        stop_process_tree(proc)
        RUNNING_LOGS.pop(port, None)
        if failed:
            FAILED_LOGS.append(log)  # kept until the failure's evidence is saved
        else:
            for path in (log, kernel_log(log)):
                with contextlib.suppress(OSError):
                    path.unlink()


# -- the browser ------------------------------------------------------------------
def find_chromium() -> str | None:
    """A system Chromium: $FREELANCEKIT_CHROMIUM, /usr/bin/chromium, or one on PATH."""
    env = os.environ.get("FREELANCEKIT_CHROMIUM", "").strip()
    if env:
        return env
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


class NoBrowser(RuntimeError):
    """Neither a system Chromium nor Playwright's own could be started."""


def launch_chromium(playwright):
    """A headless Chromium: the system one if there is one, else Playwright's download."""
    exe = find_chromium()
    kwargs = {"headless": True, "args": CHROMIUM_FLAGS, "timeout": 60_000}
    try:
        if exe:
            return playwright.chromium.launch(executable_path=exe, **kwargs)
        return playwright.chromium.launch(**kwargs)
    except Exception as exc:  # playwright raises its own Error for a missing browser
        where = exe or "Playwright's Chromium (run: python -m playwright install chromium)"
        raise NoBrowser(f"no usable Chromium: {where}: {str(exc).splitlines()[0]}") from exc


# -- waiting for the app in a page -------------------------------------------------------
APP_READY_TIMEOUT_MS = 90_000


def open_app(page, url: str, timeout_ms: int = APP_READY_TIMEOUT_MS) -> None:
    """Navigate and wait until the app's root widget is on screen (the kernel has run the notebook)."""
    from freelancekit.ui import dom

    page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
    page.wait_for_selector(f".{dom.APP}", state="visible", timeout=timeout_ms)


def screenshot(page, name: str, directory: Path = SCREENSHOTS) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
