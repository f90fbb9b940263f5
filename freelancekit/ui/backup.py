"""The shell's Backup button: a consistent copy of the portfolio, downloaded from the page.

The copy is made with SQLite's backup API (``Store.backup_bytes``, the same as
``freelancekit backup``), so it is complete and consistent even while another
tab or the command line is saving. The page gets it as a download link that
carries the file itself: Voila serves no files (see ``cli/serve.py``).
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import ipywidgets as w

from freelancekit.language import i18n
from freelancekit.ui import dom
from freelancekit.ui.common import NO_MATH, AppState, Notice, data_uri_link, guarded

SQLITE_MIME = "application/vnd.sqlite3"
# the copy travels base64 in one widget message; above this it is the CLI's job
MAX_DOWNLOAD_BYTES = 40 * 2**20


def backup_filename(portfolio: Path, when: datetime) -> str:
    """``portfolio-backup-2026-12-02-1655.sqlite``: sorts by time, never overwrites an older download."""
    return f"{portfolio.stem}-backup-{when:%Y-%m-%d-%H%M%S}.sqlite"


def human_size(n: int) -> str:
    for unit in ("bytes", "KB", "MB"):
        if n < 1024 or unit == "MB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} MB"  # pragma: no cover


class BackupControl:
    """A Backup button and, once clicked, the link to download the copy it made."""

    def __init__(self, state: AppState):
        self.state = state
        loc = state.locale
        look = state.look
        self.button = look.button(i18n.t("backup.button", loc), dom.BACKUP, css={"width": "auto"}, icon="download",
                                  tooltip=i18n.t("backup.tooltip", loc))
        self.button.on_click(self.make)
        self._link: w.HTML | None = None
        self.notice = Notice(state, dom.notice(dom.BACKUP))  # "ready" or "too big", beside the button
        self.widget = look.hbox([self.button, self.notice.widget], css={"align_items": "center"})

    @property
    def link(self) -> w.HTML:
        """The download link, made when first asked for: every widget at start delays the first slider (ui/shown.py)."""
        if self._link is None:
            self._link = self.state.look.html("", dom.BACKUP_LINK)
            self.widget.children = (self.button, self._link, self.notice.widget)
        return self._link

    @guarded
    def make(self, _b: Any = None) -> None:
        loc = self.state.locale
        data = self.state.store.backup_bytes()
        if len(data) > MAX_DOWNLOAD_BYTES:
            if self._link is not None:
                self._link.value = ""  # an earlier copy's link would read as this one's
            self.notice.error(i18n.t("backup.too_big", loc, size=human_size(len(data))))
            return
        now = datetime.now().astimezone()
        name = backup_filename(self.state.store.path, now)
        text = i18n.t("backup.link", loc, filename=name, size=human_size(len(data)))
        self.link.value = f'<span class="{NO_MATH}">{data_uri_link(data, SQLITE_MIME, name, text, dom.BACKUP_DOWNLOAD)}</span>'
        self.notice.info(i18n.t("backup.ready", loc, time=f"{now:%H:%M:%S}"))
