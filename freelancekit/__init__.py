"""freelancekit: grow income from the clients you already have.

The packages, lowest first; each imports only from the ones before it
(``tests/test_layers.py`` checks it, ``docs/architecture.md`` draws it):

- ``language``  catalogs, plurals, numbers, dates, lists, money, bidi, the wording of errors
- ``errors``    our exceptions: a code and the facts
- ``portfolio`` the model, validation, the portfolio file (storage and migrations), the demo
- ``files``     client files in and out (CSV/XLSX, encodings, headers), safe writes
- ``ranking``   scoring, how sure, why, the ranking's export
- ``records``   time entries, invoices and payments: import, measures, measured criteria
- ``drafts``    opportunities, packages, drafts, follow-ups, mail export, templates
- ``ui``        the Voila app's views (ipywidgets); ``workbook`` the notebooks' helpers
- ``cli``       the command line; ``hub`` each user's server under JupyterHub

``import freelancekit`` is cheap: the submodules (and pandas/numpy) load on
first use, so the CLI starts fast and the core never pulls in widgets.
"""
from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "open_portfolio": "portfolio.api", "create_demo": "portfolio.api", "rank_portfolio": "records.rank",
    "Store": "portfolio.storage", "ImportResult": "portfolio.storage",
    "Client": "portfolio.model", "Criterion": "portfolio.model", "Profile": "portfolio.model", "Service": "portfolio.model", "Portfolio": "portfolio.model",
    "make_client": "portfolio.model", "make_profile": "portfolio.model", "make_criterion": "portfolio.model", "builtin_criteria": "portfolio.model",
    "rank": "ranking.scoring", "score_table": "ranking.scoring", "Ranking": "ranking.scoring",
    "import_clients": "files.importer", "import_path": "files.importer", "parse_file": "files.importer",
    "export_file": "files.exporter", "to_csv_bytes": "files.exporter", "to_xlsx_bytes": "files.exporter",
    "demo_portfolio": "portfolio.demo",
    "Opportunity": "drafts.opportunities", "suggest": "drafts.opportunities", "build_index": "drafts.opportunities",
    "Draft": "drafts.drafting", "DraftSet": "drafts.drafting", "compose_draft": "drafts.drafting", "draft_top_three": "drafts.drafting",
    "edit_draft": "drafts.drafting", "set_status": "drafts.drafting", "save_draft": "drafts.drafting", "load_drafts": "drafts.drafting",
    "load_draft": "drafts.drafting", "lint_draft": "drafts.drafting", "set_template": "drafts.drafting", "reset_template": "drafts.drafting",
    "template_names": "drafts.drafting", "default_template": "drafts.drafting",
    "to_eml": "drafts.mailexport", "read_eml": "drafts.mailexport", "mailto_link": "drafts.mailexport", "read_mailto": "drafts.mailexport",
    "to_text": "drafts.mailexport", "to_zip": "drafts.mailexport", "export_drafts": "drafts.mailexport", "LinkTooLong": "drafts.mailexport",
    "safe_filename": "files.safe_files", "write_new_file": "files.safe_files",
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
