"""The kernel ``serve`` keeps waiting: a page's kernel is that process, with the app already imported.

A real kernel is started through the kernel manager Voila uses (no browser): the
page's kernel must be the waiting process, run the kernel's code, read what is
current (nothing of the page has run before it is asked for), and stop like any
other; a waiting process that is gone leaves the kernel to start as usual.
"""
from __future__ import annotations

import asyncio
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import psutil
import pytest

from freelancekit.cli import waiting_kernel
from freelancekit.cli.kernel_manager import WaitingKernelManager
from freelancekit.cli.waiting_kernel import WaitingKernels

pytestmark = pytest.mark.slow
TIMEOUT_S = 60


@pytest.fixture
def waiting(monkeypatch):
    kernels = WaitingKernels(next_after_s=0.1)
    monkeypatch.setattr(waiting_kernel, "SERVER", kernels)
    yield kernels
    kernels.stop()


async def _run(km: WaitingKernelManager, code: str) -> str:
    """What ``code`` prints in the kernel of ``km``."""
    kc = km.client()
    kc.start_channels()
    try:
        await kc.wait_for_ready(timeout=TIMEOUT_S)
        out: list[str] = []

        def keep(msg):
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])

        await kc.execute_interactive(code, output_hook=keep, timeout=TIMEOUT_S)
        return "".join(out)
    finally:
        kc.stop_channels()


def _kernel_says(code: str, tmp_path) -> tuple[str, int | None]:
    """In a thread of its own: the browser tests' Playwright may hold this thread's event loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, _in_a_kernel(code, tmp_path)).result(timeout=2 * TIMEOUT_S)


async def _in_a_kernel(code: str, tmp_path) -> tuple[str, int | None]:
    km = WaitingKernelManager(kernel_name="python3")
    await km.start_kernel(cwd=str(tmp_path), env={"FK_TEST_ASKED": "now"})
    pid = km.provisioner.pid
    try:
        return await _run(km, code), pid
    finally:
        await km.shutdown_kernel(now=False)
        assert not km.has_kernel


def test_the_pages_kernel_is_the_waiting_process_with_the_app_imported(waiting, tmp_path):
    waiting.start()
    waiting_pid = waiting.process.pid
    code = ("import os, sys; print(os.getpid(), 'freelancekit.ui.app' in sys.modules, 'numpy' in sys.modules,"
            " os.environ.get('FK_TEST_ASKED'), os.getcwd())")
    said, pid = _kernel_says(code, tmp_path)
    assert pid == waiting_pid
    assert said.split() == [str(waiting_pid), "True", "True", "now", str(tmp_path)]  # the page's env and folder
    assert not psutil.pid_exists(waiting_pid)  # stopped with the page's kernel
    assert waiting.process is not None and waiting.process.pid != waiting_pid  # the next one, a moment later


def test_without_a_waiting_process_the_kernel_starts_as_usual(waiting, tmp_path):
    waiting.start()
    waiting.process.kill()
    waiting.process.wait(timeout=TIMEOUT_S)
    said, _ = _kernel_says("import sys; print('freelancekit.ui.app' in sys.modules)", tmp_path)
    assert said.split() == ["False"]  # an ordinary kernel: nothing imported ahead
    assert waiting.process is not None and waiting.process.poll() is None  # and another one waits for the next page


def test_a_stopped_server_leaves_no_waiting_process(waiting):
    waiting.start()
    process = waiting.process
    waiting.stop()
    assert process.poll() is not None
    assert waiting.process is None and not waiting.running


def test_only_this_pythons_ipykernel_is_taken(waiting):
    python = waiting.python
    assert waiting._kernel_args([python, "-m", "ipykernel_launcher", "-f", "k.json"]) == ["-f", "k.json"]
    assert waiting._kernel_args(["/usr/bin/other-python", "-m", "ipykernel_launcher", "-f", "k.json"]) is None
    assert waiting._kernel_args([python, "-m", "another_kernel", "-f", "k.json"]) is None
    assert waiting.take([python, "-m", "another_kernel"], {}, None) is None  # nothing waiting, nothing to give


def test_a_waiting_process_whose_server_is_gone_exits():
    """Its stdin ends when the server does, killed or not."""
    process = subprocess.Popen([sys.executable, "-m", "freelancekit.cli.waiting_kernel"], stdin=subprocess.PIPE)
    process.stdin.close()
    assert process.wait(timeout=TIMEOUT_S) == 0


BUILD_AFTER_PRELOADED = """
import importlib, sys
from freelancekit.cli.waiting_kernel import PRELOADED
for name in PRELOADED:
    importlib.import_module(name)
before = set(sys.modules)
import ipywidgets as w
from freelancekit.ui import page
page.build_into(w.VBox(), sys.argv[1])
print(" ".join(sorted(set(sys.modules) - before)))
"""


@pytest.mark.parametrize("portfolio", ["demo", "empty"])
def test_the_first_page_imports_nothing_the_waiting_kernel_has_not(portfolio, tmp_path):
    """Else that page's kernel imports it while the browser loads the page, on the same cores."""
    from freelancekit.portfolio.api import create_demo, open_portfolio

    db = tmp_path / "portfolio.sqlite"
    (create_demo(db) if portfolio == "demo" else open_portfolio(db)).close()
    done = subprocess.run([sys.executable, "-c", BUILD_AFTER_PRELOADED, str(db)], capture_output=True, text=True,
                          timeout=TIMEOUT_S, check=True)
    assert done.stdout.split() == []
