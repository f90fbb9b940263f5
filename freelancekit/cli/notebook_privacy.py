"""Notebook templates are saved without their outputs, so client data never lands in the file.

A template carries ``"freelancekit": {"strip_outputs": true}`` in its
notebook metadata. This module is a Jupyter server extension (enabled by
``jupyter_server_config.d/freelancekit.json``, which the package installs):
it registers a pre-save hook that, for such notebooks only, clears every code
cell's outputs and execution count and drops saved widget state before the
file is written. JupyterLab keeps showing the outputs; the saved file has none.
Other notebooks are saved untouched. Documented in docs/notebooks.md.
"""
from __future__ import annotations

from typing import Any

FLAG = "strip_outputs"


def is_template(nb: dict[str, Any]) -> bool:
    meta = nb.get("metadata") or {}
    return bool((meta.get("freelancekit") or {}).get(FLAG))


def strip_outputs(nb: dict[str, Any]) -> dict[str, Any]:
    """``nb`` (a notebook as a dict, changed in place) without outputs, execution counts or widget state."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cell.get("metadata", {}).pop("execution", None)
    (nb.get("metadata") or {}).pop("widgets", None)
    return nb


def pre_save_hook(model: dict[str, Any], **_kwargs: Any) -> None:
    """The contents manager's hook: strip a template before it is written."""
    content = model.get("content")
    if model.get("type") == "notebook" and isinstance(content, dict) and is_template(content):
        strip_outputs(content)


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "freelancekit.cli.notebook_privacy"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    serverapp.contents_manager.register_pre_save_hook(pre_save_hook)
