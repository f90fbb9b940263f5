"""A real ``freelancekit serve``: the Backup button downloads the latest save, and once the server
is stopped the portfolio file alone (copied by hand, without its -wal) holds every save."""
from __future__ import annotations

import shutil
import sqlite3

import pytest
from app_page import click, css, open_tab, set_weight
from live_app import open_app, serve_app, stop_process_tree

from freelancekit.ui import dom

pytestmark = [pytest.mark.browser]


def weight_in(db, key: str) -> float:
    """A criterion's weight as the file alone says (immutable: no side file is read)."""
    con = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True)
    try:
        return con.execute("SELECT weight FROM criteria WHERE key = ?", (key,)).fetchone()[0]
    finally:
        con.close()


def test_backup_download_and_the_file_alone_after_stop(tmp_path, page):
    db = tmp_path / "portfolio.sqlite"
    with serve_app(db) as app:
        open_app(page, app.url)
        open_tab(page, "criteria")
        set_weight(page, "learning", 7.5)  # the latest save

        with page.expect_download(timeout=60_000) as info:
            click(page, dom.BACKUP)
            page.locator(f"{css(dom.BACKUP_DOWNLOAD)}").first.click()
        download = tmp_path / info.value.suggested_filename
        info.value.save_as(download)
        assert download.name.startswith("portfolio-backup-") and weight_in(download, "learning") == 7.5

        stop_process_tree(app.proc)  # as Ctrl+C / SIGTERM would
        assert app.proc.returncode is not None
    by_hand = tmp_path / "copied" / "portfolio.sqlite"
    by_hand.parent.mkdir()
    shutil.copy2(db, by_hand)  # the file only, no -wal
    assert weight_in(by_hand, "learning") == 7.5
