"""A file above the upload limit is refused in the page, before it is sent: a clear message, not a silent drop.

The browser would send it to the kernel in one websocket message; above the
server's message limit that message is dropped without a word. The page checks
the size first, says what to do instead, and sends nothing; a file within the
limit afterwards is previewed as usual.
"""
from __future__ import annotations

import pytest
from app_page import css, open_tab
from live_app import open_app

from freelancekit.ui import dom
from freelancekit.ui.import_view import UPLOAD_LIMIT_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SMALL_CSV = b"name,hourly_rate\nSmall File Co,50\n"


def choose_file(page, name: str, data: bytes) -> None:
    with page.expect_file_chooser() as chooser:
        page.locator(f"{css(dom.IMPORT_UPLOAD)} >> visible=true").first.click()
    chooser.value.set_files(files=[{"name": name, "mimeType": "text/csv", "buffer": data}])


def test_too_big_upload_is_refused_in_the_page_and_nothing_is_sent(live_app, page):
    open_app(page, live_app.url)
    open_tab(page, "import")
    received = []  # every websocket frame the page sends from now on
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: received.append(len(payload))))
    page.reload()  # so the kernel's websocket is opened after the listener is in place
    open_app(page, live_app.url)
    open_tab(page, "import")

    # a file within the limit first: previewed, ready to import
    choose_file(page, "small.csv", SMALL_CSV)
    preview = page.locator(css(dom.IMPORT_PREVIEW))
    preview.filter(has_text="Small File Co").wait_for(state="visible")

    name = 'big <b>"$x$"</b> $&.csv'  # shown as text, and not read as a replacement pattern
    choose_file(page, name, b"x" * (UPLOAD_LIMIT_BYTES + 1024))
    guard = page.locator(css(dom.UPLOAD_GUARD))
    guard.filter(has_text="MB").wait_for(state="visible")
    assert guard.inner_text() == (f"“{name}” is 10.0 MB: files up to 10 MB can be uploaded here. "
                                  "Split it, or use the command line: freelancekit import FILE.")
    assert guard.locator("b").count() == 0
    # the older file's preview and Import button are gone: "Import" cannot mean another file than the chosen one
    preview.wait_for(state="hidden")
    assert not page.locator(css(dom.IMPORT_CONFIRM)).is_visible()
    page.wait_for_timeout(500)
    assert max(received, default=0) < UPLOAD_LIMIT_BYTES  # the file never left the page

    # the app goes on working: a file within the limit is previewed again, and the refusal is gone
    choose_file(page, "small.csv", SMALL_CSV.replace(b"Small File Co", b"Second Small Co"))
    preview.filter(has_text="Second Small Co").wait_for(state="visible")
    assert guard.inner_text() == ""
    assert page.locator(css(dom.IMPORT_CONFIRM)).is_visible()
