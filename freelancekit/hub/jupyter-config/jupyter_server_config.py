"""Jupyter Server config file for a user's server under JupyterHub (``python -m freelancekit.hub`` passes it)."""
from freelancekit.hub.server import configure

configure(get_config())  # type: ignore[name-defined]  # noqa: F821 - traitlets defines get_config in config files
