"""In a real browser: import a Toggl report and an invoice list, switch Pay rate to "from my records",
and the ranking changes as the measured values predict (docs/records.md)."""
from __future__ import annotations

import pytest
from app_page import click, css, open_tab, ranked_ids, wait_for, wait_ranked_ids
from live_app import open_app
from records_scenario import MEASURED_FIRST, PAY_RATE_ONLY, TYPED_FIRST, invoices_file, toggl_file

from freelancekit.language import i18n
from freelancekit.portfolio.api import create_demo, open_portfolio
from freelancekit.records.rank import rank_portfolio
from freelancekit.records.store import RecordsPart
from freelancekit.ui import dom

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _ids(db) -> tuple[list[int], dict[str, int]]:
    with open_portfolio(db, create=False) as store:
        ids = {c.name: c.id for c in store.clients()}
        return [ids[n] for n in rank_portfolio(store).top(len(ids))], ids


def _switched(db) -> bool:
    with open_portfolio(db, create=False) as store:
        return RecordsPart(store).sources()["hourly_rate"] == "records"


def _upload(page, name: str, data: bytes) -> None:
    with page.expect_file_chooser() as chooser:
        click(page, dom.RECORDS_UPLOAD)
    chooser.value.set_files(files=[{"name": name, "mimeType": "text/csv", "buffer": data}])
    button = page.locator(f"{css(dom.RECORDS_CONFIRM)} button, button{css(dom.RECORDS_CONFIRM)}").first
    page.wait_for_function("sel => { const b = document.querySelector(sel); return b && !b.disabled; }",
                           arg=f"button{css(dom.RECORDS_CONFIRM)}")
    button.click()
    page.locator(css(dom.RECORDS_MESSAGE), has_text="added").first.wait_for(state="visible")


def test_import_records_and_rank_pay_rate_from_them(fresh_app, page):
    db = fresh_app.db
    create_demo(db, force=True).close()
    with open_portfolio(db, create=False) as store:
        store.set_weights(PAY_RATE_ONLY)
    typed, ids = _ids(db)
    assert typed[0] == ids[TYPED_FIRST]
    open_app(page, fresh_app.url)
    wait_ranked_ids(page, typed)

    open_tab(page, "import")
    _upload(page, "toggl.csv", toggl_file())
    page.locator(css(dom.RECORDS_UNMATCHED), has_text="Acme Unlisted").first.wait_for(state="visible")
    _upload(page, "invoices.csv", invoices_file())

    open_tab(page, "criteria")
    page.locator(f"{css(dom.records_switch('hourly_rate'))} button",
                 has_text=i18n.t("records.ui.from_records", "en")).first.click()
    wait_for(lambda: _switched(db), "the switch to be saved")
    measured, _ = _ids(db)  # what the core ranks from the saved switch and records
    assert measured[0] == ids[MEASURED_FIRST] and measured != typed
    wait_ranked_ids(page, measured)
    assert ranked_ids(page)[0] == ids[MEASURED_FIRST]
    cells = page.locator(f"{css(dom.RANKING_TABLE)} td{css(dom.RECORDS_MEASURED)}")
    assert cells.count() == 2 and cells.first.get_attribute("data-records") == "3"
    page.locator(css(dom.RECORDS_CONCENTRATION), has_text="More than half").first.wait_for(state="visible")


UNKNOWN = ("Customer Name,Invoice #,Invoice Date,Due Date,Total,Notes\n"
           "Sentinel Cyber,A-1,03/02/2026,04/03/2026,900.00,first\n"
           "Sentinel Cyber,A-2,05/03/2026,06/04/2026,300.00,second\n")


def _choose(page, name: str, data: bytes) -> None:
    with page.expect_file_chooser() as chooser:
        click(page, dom.RECORDS_UPLOAD)
    chooser.value.set_files(files=[{"name": name, "mimeType": "text/csv", "buffer": data}])


def _confirm(page) -> None:
    page.wait_for_function("sel => { const b = document.querySelector(sel); return b && !b.disabled; }",
                           arg=f"button{css(dom.RECORDS_CONFIRM)}")
    page.locator(f"button{css(dom.RECORDS_CONFIRM)}").first.click()
    page.locator(css(dom.RECORDS_MESSAGE), has_text="added").first.wait_for(state="visible")


def _invoices(db) -> list[tuple[str, str, str]]:
    with open_portfolio(db, create=False) as store:
        return sorted(store._read("SELECT number, issued, due FROM record_invoices"))


def test_an_unknown_invoice_file_is_mapped_asked_its_date_order_previewed_imported_and_its_mapping_reused(fresh_app, page):
    db = fresh_app.db
    create_demo(db, force=True).close()
    open_app(page, fresh_app.url)
    open_tab(page, "import")
    _choose(page, "unknown.csv", UNKNOWN.encode())
    page.locator(css(dom.RECORDS_COLUMNS), has_text="Customer Name").first.wait_for(state="visible")
    click(page, dom.RECORDS_READ_MAPPED)  # the guesses: Customer Name → client, Invoice # → invoice number, …
    page.locator(css(dom.RECORDS_MESSAGE), has_text="03/02/2026").first.wait_for(state="visible")
    page.locator(f"{css(dom.RECORDS_DATES)} select").first.select_option(label=i18n.t("records.ui.dmy", "en"))
    page.locator(css(dom.RECORDS_PREVIEW), has_text="2 invoices").first.wait_for(state="visible")
    _confirm(page)
    assert _invoices(db) == [("A-1", "2026-02-03", "2026-03-04"), ("A-2", "2026-03-05", "2026-04-06")]  # day first
    # the same header again: read with the remembered columns and date order, no question
    _choose(page, "unknown-2.csv", UNKNOWN.replace("A-2", "A-3").encode())
    _confirm(page)
    assert [n for n, *_ in _invoices(db)] == ["A-1", "A-2", "A-3"]
