"""freelancekit: grow income from the clients you already have.

``import freelancekit`` is cheap: the submodules (and pandas/numpy) load on
first use, so the CLI starts fast and the core never pulls in widgets.
"""
from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "open_portfolio": "api", "create_demo": "api", "rank_portfolio": "api",
    "Store": "storage", "ImportResult": "storage",
    "Client": "model", "Criterion": "model", "Profile": "model", "Service": "model", "Portfolio": "model",
    "make_client": "model", "make_profile": "model", "make_criterion": "model", "builtin_criteria": "model",
    "rank": "scoring", "score_table": "scoring", "Ranking": "scoring",
    "import_clients": "importer", "import_path": "importer", "parse_file": "importer",
    "export_file": "exporter", "to_csv_bytes": "exporter", "to_xlsx_bytes": "exporter",
    "demo_portfolio": "demo",
    "FreelancekitError": "errors", "InvalidInput": "errors", "Problem": "errors", "StaleEdit": "errors",
    "NotFound": "errors", "PortfolioBusy": "errors", "StorageError": "errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'freelancekit' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
