"""The Python API: the same operations as the app and the CLI, without widgets."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from .demo import demo_portfolio, is_untouched_demo
from .errors import EXIT_INPUT, StorageError
from .model import Portfolio, Profile, builtin_criteria
from .paths import default_db_path
from .scoring import Ranking, rank, score_table, table_from_rows
from .storage import Store


def open_portfolio(path: str | Path | None = None, *, create: bool = True) -> Store:
    """Open (or create, with the built-in criteria) the portfolio at ``path`` or the default place."""
    return Store(path or default_db_path(), create=create)


def create_demo(path: str | Path | None = None, *, force: bool = False) -> Store:
    """Fill ``path`` with the demo portfolio; refuses to replace a real portfolio unless ``force``."""
    store = open_portfolio(path)
    if not force and holds_user_work(store):
        count = store.client_count()
        store.close()
        raise StorageError(code="demo.would_replace", exit_code=EXIT_INPUT, path=str(store.path), count=count)
    store.replace_all(demo_portfolio())
    return store


def holds_user_work(store: Store) -> bool:
    """Whether replacing the portfolio would lose something the user made.

    Not only clients: a filled-in profile, changed criteria or weights, saved drafts
    or templates, and any edit to the demo count too.
    """
    p = store.portfolio()
    drafts, templates = bool(store.drafts.all()), bool(store.drafts.templates())
    if p.is_demo:
        return not is_untouched_demo(p, has_drafts=drafts, has_templates=templates)
    pristine = (
        not p.clients and not drafts and not templates
        and replace(p.profile, revision=0) == Profile()
        and tuple(replace(c, revision=0) for c in p.criteria) == builtin_criteria()
    )
    return not pristine


def _uses_records(store: Store) -> bool:
    """Whether a criterion is switched to "from my records" (docs/records.md); asked without importing pandas."""
    return bool(store._read("SELECT 1 FROM criterion_source WHERE source = 'records' LIMIT 1"))


def rank_portfolio(portfolio: Portfolio | Store, weights: Mapping[str, Any] | None = None) -> Ranking:
    """Rank a portfolio's clients, optionally with other weights than the saved ones.

    From a ``Store``, the criteria switched to "from my records" use the measured
    values (docs/records.md); a ``Portfolio`` is ranked as it is.
    """
    if isinstance(portfolio, Store):
        if not _uses_records(portfolio):  # the common case: read just names and values (100 000 clients: 3x quicker)
            criteria, rows = portfolio.scoring_rows()
            return rank(table_from_rows(rows, criteria), criteria, weights)
        from .records.ranking import with_records

        portfolio = with_records(portfolio)[0]
    return rank(score_table(portfolio.clients, portfolio.criteria), portfolio.criteria, weights)
