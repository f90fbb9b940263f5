"""The Python API: the same operations as the app and the CLI, without widgets."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from freelancekit.errors import EXIT_INPUT, StorageError
from freelancekit.portfolio.demo import demo_portfolio, is_untouched_demo
from freelancekit.portfolio.demo_ar import arabic_demo_portfolio
from freelancekit.portfolio.model import Profile, builtin_criteria
from freelancekit.portfolio.paths import default_db_path
from freelancekit.portfolio.storage import Store


def open_portfolio(path: str | Path | None = None, *, create: bool = True) -> Store:
    """Open (or create, with the built-in criteria) the portfolio at ``path`` or the default place."""
    return Store(path or default_db_path(), create=create)


def create_demo(path: str | Path | None = None, *, force: bool = False, locale: str = "en") -> Store:
    """Fill ``path`` with the demo portfolio (the Arabic one for ``locale`` "ar"); refuses to replace a real portfolio unless ``force``."""
    store = open_portfolio(path)
    if not force and holds_user_work(store):
        count = store.client_count()
        store.close()
        raise StorageError(code="demo.would_replace", exit_code=EXIT_INPUT, path=str(store.path), count=count)
    store.replace_all(arabic_demo_portfolio() if locale == "ar" else demo_portfolio())
    return store


def holds_user_work(store: Store) -> bool:
    """Whether replacing the portfolio would lose something the user made.

    Not only clients: a filled-in profile, changed criteria or weights, saved drafts
    or templates, and any edit to the demo count too.
    """
    p = store.portfolio()
    drafts, templates = store.has_drafts(), store.has_templates()
    if p.is_demo:
        shipped = arabic_demo_portfolio() if p.profile.locale == "ar" else None
        return not is_untouched_demo(p, has_drafts=drafts, has_templates=templates, shipped=shipped)
    pristine = (
        not p.clients and not drafts and not templates
        and replace(p.profile, revision=0) == Profile()
        and tuple(replace(c, revision=0) for c in p.criteria) == builtin_criteria()
    )
    return not pristine
