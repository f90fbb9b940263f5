"""The Python API: the same operations as the app and the CLI, without widgets."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .demo import demo_portfolio
from .errors import StorageError
from .model import Portfolio
from .paths import default_db_path
from .scoring import Ranking, rank, score_table
from .storage import Store


def open_portfolio(path: str | Path | None = None, *, create: bool = True) -> Store:
    """Open (or create, with the built-in criteria) the portfolio at ``path`` or the default place."""
    return Store(path or default_db_path(), create=create)


def create_demo(path: str | Path | None = None, *, force: bool = False) -> Store:
    """Fill ``path`` with the demo portfolio; refuses to replace a real portfolio unless ``force``."""
    store = open_portfolio(path)
    if not force and not store.is_demo() and store.client_count():
        count = store.client_count()
        store.close()
        raise StorageError(f"{store.path} already holds your portfolio ({count} clients): nothing was replaced; use --force to replace it with the demo, or choose another file with --db")
    store.replace_all(demo_portfolio())
    return store


def rank_portfolio(portfolio: Portfolio | Store, weights: Mapping[str, Any] | None = None) -> Ranking:
    """Rank a portfolio's clients, optionally with other weights than the saved ones."""
    if isinstance(portfolio, Store):
        portfolio = portfolio.portfolio()
    return rank(score_table(portfolio.clients, portfolio.criteria), portfolio.criteria, weights)
