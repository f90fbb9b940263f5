"""Jupyter's kernel manager for the app's pages: it gives a page the kernel ``serve`` keeps waiting.

See ``cli/waiting_kernel.py``: when there is a waiting process, it becomes the
page's kernel; when there is none (the hub, a reload right after another, a
process that died), the kernel starts as Jupyter starts it.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from jupyter_client.provisioning import LocalProvisioner
from jupyter_server.services.kernels.kernelmanager import ServerKernelManager

from freelancekit.cli import waiting_kernel

__all__ = ["WaitingKernelManager"]


class WaitingKernelManager(ServerKernelManager):
    """Jupyter's kernel manager, which takes the waiting process when there is one (``waiting_kernel.SERVER``)."""

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        # jupyter_client: "override in a subclass to launch kernel subprocesses differently"
        kernels, provisioner = waiting_kernel.SERVER, self.provisioner
        # only Jupyter's own local provisioner: another one (a kernelspec's) starts its kernels its own way
        local = type(provisioner) is LocalProvisioner
        process = kernels.take(kernel_cmd, dict(kw.get("env") or os.environ), kw.get("cwd")) if local and kernels.running else None
        if process is None or provisioner is None:
            await super()._async_launch_kernel(kernel_cmd, **kw)
            return
        # what LocalProvisioner.launch_kernel records of the process it starts, for poll, signals and kill
        provisioner.process = process  # type: ignore[attr-defined]
        provisioner.pid = process.pid  # type: ignore[attr-defined]
        provisioner.pgid = process.pid  # type: ignore[attr-defined]  # it was started in a session of its own
        provisioner.cwd = kw.get("cwd") or Path.cwd()  # type: ignore[attr-defined]
        self._reconcile_connection_info(provisioner.connection_info)
