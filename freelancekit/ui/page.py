"""The app's page (``notebooks/app.ipynb``): its box is shown at once and the app is built into it just after the cell.

Voila sends the page only once the notebook's cells have run, and the browser
then spends a second or more loading its scripts before it asks the kernel for
the widgets. Building the app after the cell lets that loading and the kernel's
own work (importing, reading the portfolio, scoring, making the widgets) run
side by side, so the first slider is usable sooner
(``benchmarks/bench_app_tti.py``). The page cannot get the widgets half built:
the kernel answers its request once the build is done.

This module imports only ipywidgets and the class names, so the cell itself is quick.
"""
from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from pathlib import Path

import ipywidgets as w

from freelancekit.ui import dom
from freelancekit.ui.shown import later

__all__ = ["build_into", "show"]

log = logging.getLogger("freelancekit.ui")


def show(db_path: str | Path | None = None, views: Sequence[str] | None = None) -> None:
    """Display the app's box now and build the app into it after this cell."""
    from IPython.display import display

    root = w.VBox()
    root.add_class(dom.APP)
    display(root)
    later(0, lambda: build_into(root, db_path, views))


def build_into(root: w.VBox, db_path: str | Path | None = None, views: Sequence[str] | None = None) -> None:
    """The app in ``root``; a portfolio that cannot be opened is said in the box instead (no traceback on the page)."""
    try:
        from freelancekit.ui.app import App, open_store

        App(open_store(db_path), tuple(views) if views else None, root=root)
    except Exception as exc:  # noqa: BLE001 - the page's last line of defence: say it, log it
        from freelancekit.errors import FreelancekitError
        from freelancekit.language import i18n, wording

        if not isinstance(exc, FreelancekitError):
            log.exception("the app could not be built")
        # the user's language is kept in the portfolio, which could not be read: both languages, each in its direction
        lines = "".join(f'<p lang="{loc}" dir="{"rtl" if i18n.is_rtl(loc) else "ltr"}">{html.escape(wording.error_text(exc, loc))}</p>'
                        for loc in ("en", "ar"))
        message = w.HTML(value=f'<div class="fk-status-err" role="alert">{lines}</div>')
        message.add_class(dom.STATUS)
        message.add_class(dom.STATUS_ERROR)
        root.children = [message]
