"""The shell's Backup button: a download link carrying a complete, current copy of the portfolio."""
from __future__ import annotations

import base64
import re
import sqlite3

from freelancekit.ui import backup as backup_view
from freelancekit.ui import dom
from freelancekit.ui.common import literal_text


def downloaded(app, tmp_path):
    """The file the link would download, and its name."""
    html = app.backup.link.value
    name = re.search(r'download="([^"]+)"', html).group(1)
    data = base64.b64decode(re.search(r"base64,([^\"]+)\"", html).group(1))
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_backup_button_offers_the_latest_save_as_a_download(app, tmp_path):
    assert app.backup.link.value == "" and dom.BACKUP in app.backup.button._dom_classes
    app.store.add_client({"name": "Saved A Second Ago"})
    app.backup.button.click()
    assert dom.BACKUP_DOWNLOAD in app.backup.link.value and "ready" in app.backup.notice.text  # beside the button
    path = downloaded(app, tmp_path)
    assert re.fullmatch(r"portfolio-backup-\d{4}-\d\d-\d\d-\d{6}\.sqlite", path.name), path.name
    con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    names = {n for (n,) in con.execute("SELECT name FROM clients")}
    con.close()
    assert "Saved A Second Ago" in names and len(names) == 13


def test_backup_in_arabic(demo_db):
    from freelancekit.portfolio.storage import Store
    from freelancekit.ui.app import build

    with Store(demo_db) as s:
        s.save_profile({**s.profile().__dict__, "locale": "ar"})
    app = build(demo_db)
    try:
        assert app.backup.button.description == "نسخة احتياطية"
        app.backup.button.click()
        assert "نزّل" in literal_text(app.backup.link) and "جاهزة" in app.backup.notice.text
    finally:
        app.store.close()


def test_a_portfolio_too_big_for_the_page_points_to_the_cli(app, monkeypatch):
    monkeypatch.setattr(backup_view, "MAX_DOWNLOAD_BYTES", 1000)
    app.backup.button.click()
    assert app.backup.link.value == "" and "freelancekit backup FILE" in app.backup.notice.text


def test_human_size():
    assert [backup_view.human_size(n) for n in (10, 2048, 5 * 2**20)] == ["10 bytes", "2.0 KB", "5.0 MB"]
