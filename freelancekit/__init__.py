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
    "Opportunity": "opportunities", "suggest": "opportunities", "build_index": "opportunities",
    "Draft": "drafting", "DraftSet": "drafting", "compose_draft": "drafting", "draft_top_three": "drafting",
    "edit_draft": "drafting", "set_status": "drafting", "save_draft": "drafting", "load_drafts": "drafting",
    "load_draft": "drafting", "lint_draft": "drafting", "set_template": "drafting", "reset_template": "drafting",
    "template_names": "drafting", "default_template": "drafting",
    "to_eml": "mailexport", "read_eml": "mailexport", "mailto_link": "mailexport", "read_mailto": "mailexport",
    "to_text": "mailexport", "to_zip": "mailexport", "export_drafts": "mailexport", "LinkTooLong": "mailexport",
    "safe_filename": "safe_files", "write_new_file": "safe_files",
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
