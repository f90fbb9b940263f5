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
import os
from collections.abc import Sequence
from pathlib import Path

import ipywidgets as w

from freelancekit.ui import dom
from freelancekit.ui.shown import later

__all__ = ["KERNEL_LOG_ENV", "build_into", "show"]

log = logging.getLogger("freelancekit.ui")
# a file the page's kernel appends its errors to, with their tracebacks. Without it they go to the
# kernel's stderr, which Voila sends to the page and the page does not show. The browser tests set
# it, so a failure's evidence holds the kernel's side (tests/support/live_app.py)
KERNEL_LOG_ENV = "FREELANCEKIT_KERNEL_LOG"


def show(db_path: str | Path | None = None, views: Sequence[str] | None = None) -> None:
    """Display the app's box now and build the app into it after this cell."""
    from IPython.display import display

    _log_to_file(os.environ.get(KERNEL_LOG_ENV))
    root = w.VBox()
    root.add_class(dom.APP)
    display(root)
    later(0, lambda: build_into(root, db_path, views))


def _log_to_file(path: str | None) -> None:
    """The app's log (``freelancekit.*``) also into the file ``path``, once per kernel."""
    logger = logging.getLogger("freelancekit")
    if not path or any(getattr(h, "baseFilename", None) == os.path.abspath(path) for h in logger.handlers):
        return
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter(f"%(asctime)s kernel {os.getpid()} %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)


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
