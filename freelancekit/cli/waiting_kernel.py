"""A kernel started before its page is asked for, waiting with the app's modules already imported.

Starting a page's kernel is a good part of the time to the app's first slider
(docs/architecture.md, "A kernel that waits for the next page"): a new Python,
then ipykernel, numpy and the app's modules, all while the browser loads the
page's scripts on the same two cores. ``freelancekit serve`` keeps one process
ahead that has done those imports and then waits on its stdin. When Voila
starts a page's kernel, ``cli.kernel_manager`` hands that process the
kernel's command line, environment and folder instead of starting a new one;
the process becomes an ordinary ipykernel, which Jupyter watches, interrupts
and stops as any other (it is the provisioner's process).

It is not Voila's preheating: nothing of the notebook has run, so the page
reads the portfolio, its language included, as it is when the page is asked
for. The next one is started a little after a page took the last, so its
imports do not compete with the page being drawn. A waiting process whose
server is gone reads the end of its stdin and exits.

This module is also that process's program (``python -m``), so it imports
nothing at its top that the process does not need: no Jupyter server.
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

# the page that took the waiting kernel is usually drawn within this; the next one starts after it
NEXT_AFTER_S = 5.0
# what the app's first page imports, on the demo and on an empty portfolio (tests/test_waiting_kernel.py keeps
# the list whole); no more: a tab's own modules would cost memory in kernels that never open that tab
PRELOADED = ("ipykernel.kernelapp", "numpy", "numpy.random", "babel.dates", "freelancekit.portfolio.api",
             "freelancekit.ui.page", "freelancekit.ui.app", "freelancekit.ui.first_run_services",
             "freelancekit.ui.ranking_view", "freelancekit.ui.ranking_insight", "freelancekit.ui.ranking_upsell",
             "freelancekit.ui.records_insight", "freelancekit.ui.records_sources_view", "freelancekit.ui.rate_grid",
             "freelancekit.ui.criteria_view", "freelancekit.ui.charts", "freelancekit.ranking.robustness",
             "freelancekit.records.rank", "freelancekit.drafts.drafting", "freelancekit.drafts.standing",
             "freelancekit.drafts.followups")
KERNEL_MODULE = "ipykernel_launcher"


class WaitingKernels:
    """At most one process kept waiting; ``take`` gives it a kernel's command line."""

    def __init__(self, python: str = sys.executable, next_after_s: float = NEXT_AFTER_S) -> None:
        self.python = python
        self.next_after_s = next_after_s
        self.process: subprocess.Popen[bytes] | None = None
        self.running = False

    def start(self) -> None:
        """Keep one process waiting from now on (until ``stop``); not on Windows, where a kernel's parent is a handle."""
        self.running = sys.platform != "win32"
        self._start_one()

    def stop(self) -> None:
        """No more waiting processes: the one waiting reads the end of its stdin and exits."""
        self.running = False
        process, self.process = self.process, None
        if process is not None:
            with contextlib.suppress(OSError):
                process.stdin.close()  # type: ignore[union-attr]  # always a pipe (_start_one)
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)

    def take(self, cmd: list[str], env: dict[str, str], cwd: str | None) -> subprocess.Popen[bytes] | None:
        """The waiting process, now running the kernel ``cmd`` names; ``None`` if there is none to give (start one as usual)."""
        args = self._kernel_args(cmd)
        if args is None:
            return None  # not a kernel it can become: it keeps waiting
        process, self.process = self.process, None
        if process is None or process.poll() is not None or process.stdin is None:
            self._next_later()  # none yet (the next is on its way), or it died: another one
            return None
        order = {"args": args, "env": {**env, "JPY_PARENT_PID": str(os.getpid())}, "cwd": str(cwd or os.getcwd())}
        try:
            process.stdin.write(json.dumps(order).encode("utf-8") + b"\n")
            process.stdin.close()
        except OSError:
            return None  # it died just now: the page's kernel starts as usual
        finally:
            self._next_later()
        return process

    def _kernel_args(self, cmd: list[str]) -> list[str] | None:
        """The arguments after ``python -m ipykernel_launcher`` in ``cmd``, if it is that with this Python."""
        if len(cmd) < 3 or cmd[1:3] != ["-m", KERNEL_MODULE]:
            return None
        try:
            same = Path(cmd[0]).resolve() == Path(self.python).resolve()
        except OSError:
            return None
        return cmd[3:] if same else None

    def _next_later(self) -> None:
        if not self.running:
            return
        try:
            asyncio.get_running_loop().call_later(self.next_after_s, self._start_one)
        except RuntimeError:  # no loop (a test, a script): now
            self._start_one()

    def _start_one(self) -> None:
        if not self.running or (self.process is not None and self.process.poll() is None):
            return
        # as jupyter_client starts a kernel: its own session (an interrupt reaches the kernel's children too),
        # and this server as its parent, which ipykernel reads as it is imported and watches (a kernel
        # whose server is gone exits)
        try:
            self.process = subprocess.Popen([self.python, "-m", __name__], stdin=subprocess.PIPE, start_new_session=True,
                                            env={**os.environ, "JPY_PARENT_PID": str(os.getpid())})
        except OSError:
            self.process = None  # (out of processes or files) the pages' kernels start as usual


# the server's one set of waiting kernels: started by ``freelancekit serve`` only (not under the hub, where
# each user's server would keep one more kernel in memory), so elsewhere every kernel starts as usual
SERVER = WaitingKernels()


def wait_then_run() -> None:
    """The waiting process: import, wait for a kernel's command line on stdin, then be that kernel."""
    import importlib

    if sys.path and sys.path[0] in ("", os.getcwd()):
        del sys.path[0]  # as ipykernel_launcher: the kernel's folder is added back by IPython
    for name in PRELOADED:
        try:
            importlib.import_module(name)
        except ImportError:
            continue  # the page's cell meets the same error and says it, as in a kernel started as usual
    line = sys.stdin.buffer.readline()
    if not line:
        return  # the server is gone, or has no page for us
    order = json.loads(line)
    os.environ.clear()
    os.environ.update(order["env"])
    os.chdir(order["cwd"])
    sys.argv = [sys.argv[0], *order["args"]]
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()


if __name__ == "__main__":
    wait_then_run()
