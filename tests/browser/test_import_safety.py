"""Importing a real spreadsheet in a real browser (docs/data.md): a re-import merges and shows old -> new,
Undo this import restores the exact portfolio, European UTF-8 and Arabic headers (CSV and XLSX) import,
a header-shaped contact is refused naming its row and column."""
from __future__ import annotations

import pytest
from app_page import click, css, open_tab, wait_for
from live_app import open_app, screenshot
from workbooks import xlsx_bytes as _xlsx

from freelancekit.files.exporter import to_csv_bytes
from freelancekit.portfolio.storage import Store
from freelancekit.ui import dom

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def upload(page, name: str, data: bytes) -> None:
    with page.expect_file_chooser() as chooser:
        click(page, dom.IMPORT_UPLOAD)
    chooser.value.set_files(files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}])


def confirm_and_wait(page, text: str) -> None:
    page.locator(f"{css(dom.IMPORT_CONFIRM)} >> visible=true").first.click()
    page.locator(css(dom.IMPORT_MESSAGE), has_text=text).first.wait_for(state="visible")


def export(db) -> bytes:
    with Store(db, create=False) as store:
        p = store.portfolio()
    return to_csv_bytes(p.clients, p.criteria)


def client(db, name):
    with Store(db, create=False) as store:
        return store.client_by_name(name)


@pytest.fixture()
def import_page(live_app, page):
    open_app(page, live_app.url)
    open_tab(page, "import")
    return page


def test_reimport_shows_what_changes_keeps_empty_cells_and_undo_restores(live_app, import_page):
    page, db = import_page, live_app.db
    before, saved = export(db), client(db, "Sentinel Cyber")
    upload(page, "update.csv", b"name,email,hourly_rate,notes,ease\nSentinel Cyber,new@sentinel.example,,,\n")
    changes = page.locator(f"{css(dom.IMPORT_CHANGES)} tr{css(dom.IMPORT_CHANGE)}")
    changes.first.wait_for(state="visible")
    assert changes.count() == 1  # the empty cells change nothing
    cells = changes.first.locator("td").all_inner_texts()
    assert cells == ["2", "Sentinel Cyber", "Email", saved.email, "new@sentinel.example"]
    screenshot(page, "import-merge-preview")
    confirm_and_wait(page, "1 updated")
    after = client(db, "Sentinel Cyber")
    assert (after.email, after.notes, after.values) == ("new@sentinel.example", saved.notes, saved.values)
    click(page, dom.IMPORT_UNDO)
    page.locator(css(dom.IMPORT_MESSAGE), has_text="was undone").first.wait_for(state="visible")
    assert export(db) == before
    page.locator(css(dom.IMPORT_UNDO)).first.wait_for(state="hidden")


def test_a_utf8_file_with_european_letters_imports(live_app, import_page):
    page = import_page
    upload(page, "europe.csv", "name,contact_name,notes\nGroß Ørsted,José Muñoz,ça va ñ é\n".encode())
    confirm_and_wait(page, "1 added")
    c = client(live_app.db, "Groß Ørsted")
    assert (c.contact_name, c.notes) == ("José Muñoz", "ça va ñ é")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_arabic_header_sheet_imports(live_app, import_page, fmt):
    page = import_page
    header = ["الاسم", "البريد الإلكتروني", "أجر الساعة", "سهولة التعامل", "ملاحظات"]
    row = [f"مكتبة النور {fmt}", "n@noor.example", "45", "4", "عميل قديم"]
    data = _xlsx([header, row]) if fmt == "xlsx" else "\n".join(",".join(r) for r in (header, row)).encode("utf-8-sig")
    upload(page, f"arabic.{fmt}", data)
    confirm_and_wait(page, "1 added")
    c = wait_for(lambda: client(live_app.db, row[0]), "the imported client")
    assert (c.email, c.values["hourly_rate"], c.values["ease"], c.notes) == ("n@noor.example", 45.0, 4.0, "عميل قديم")


def test_a_header_shaped_contact_is_refused_with_row_and_column(live_app, import_page):
    page = import_page
    upload(page, "bad.csv", b"name,contact_name\nFine Co,Lina\nBad Co,=?utf-8?q?x=0ABcc:_a@b.c?=\n")
    problems = page.locator(f"{css(dom.IMPORT_ERRORS)} {css(dom.IMPORT_PROBLEM)}")
    problems.first.wait_for(state="visible")
    assert problems.all_inner_texts() == [
        "row 3, column contact_name: contains text shaped like '=?charset?q?...?=', which email programs decode "
        "into hidden text: please rewrite that part"]
    assert page.locator(f"{css(dom.IMPORT_CONFIRM)} button, button{css(dom.IMPORT_CONFIRM)}").first.is_disabled()


def test_one_clients_refused_contact_leaves_the_other_drafts_in_the_zip(tmp_path, page):
    """A portfolio saved before the rule (contact written straight into the file) still gives the other two drafts."""
    import sqlite3

    from live_app import serve_app

    from freelancekit.portfolio.api import create_demo
    from freelancekit.records.rank import rank_portfolio

    db = tmp_path / "portfolio.sqlite"
    with create_demo(db) as store:
        spoiled = rank_portfolio(store).records()[1]["name"]
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE clients SET contact_name = ? WHERE name = ?", ("=?utf-8?q?x=0ABcc:_a@b.c?=", spoiled))
    conn.close()
    with serve_app(db) as app:
        open_app(page, app.url)
        open_tab(page, "drafts")
        box = page.locator(css(dom.DRAFT_ZIP_BOX), has_text="Not in the zip").first
        box.wait_for(state="visible")
        assert f"the email to “{spoiled}” (Contact person:" in box.inner_text()
        assert box.locator(css(dom.DRAFT_ZIP)).count() == 1  # the zip of the other two is offered
        screenshot(page, "drafts-zip-left-out")
