"""Records out of the portfolio, in formats ``records import`` reads back unchanged (docs/records.md, "Export").

Invoices and payments as the generic invoice list (one row per payment, an unpaid
invoice one row with empty payment cells); time entries as a Toggl Track
detailed report (the columns our Toggl reader uses). Text cells are escaped
against spreadsheet formulas like the client export.
"""
from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from freelancekit.files.spreadsheet import escape_formula
from freelancekit.portfolio.storage import Store
from freelancekit.records.batches import TimeBlock
from freelancekit.records.store import SELECT_TIME_BLOCKS

# "currency": the invoice's own, empty for its client's (docs/currencies.md); without it an amount in euros reads back as dollars
INVOICE_HEADER = ("client", "invoice", "issued", "due", "amount", "paid_on", "paid_amount", "currency")
TOGGL_HEADER = ("User", "Email", "Client", "Project", "Task", "Description", "Billable", "Start date", "Start time",
                "End date", "End time", "Duration", "Tags", "Amount", "Currency")  # each entry's own currency: no one code in the header


def _money(x: float) -> str:
    return f"{x:.2f}"


def invoices_csv(store: Store) -> bytes:
    inv = store._read("SELECT id, client, number, issued, due, amount, currency FROM record_invoices ORDER BY issued, client_key, number")
    pays: dict[int, list[tuple[str, float]]] = {}
    for invoice_id, day, amount in store._read("SELECT invoice_id, paid_on, amount FROM record_payments ORDER BY paid_on, id"):
        pays.setdefault(invoice_id, []).append((day, amount))
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(INVOICE_HEADER)
    for invoice_id, client, number, issued, due, amount, currency in inv:
        head = [escape_formula(client), escape_formula(number), issued, due, _money(amount)]
        rows = [(day, _money(paid)) for day, paid in pays.get(invoice_id, [])] or [("", "")]
        for day, paid_text in rows:
            w.writerow([*head, day, paid_text, currency])
    return buf.getvalue().encode("utf-8-sig")


def time_csv(store: Store) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(TOGGL_HEADER)
    for (blob,) in store._read(SELECT_TIME_BLOCKS):
        b = TimeBlock.from_bytes(blob)
        start = pd.to_datetime(b.start, unit="s")
        end = start + pd.to_timedelta(np.round(b.hours * 3600), unit="s")
        for i in range(len(b)):
            secs = int(round(b.hours[i] * 3600))
            amount = "" if np.isnan(b.amount[i]) else _money(float(b.amount[i]))
            w.writerow(["", "", escape_formula(b.clients[b.client[i]]), escape_formula(b.projects[b.project[i]]), "", "",
                        "Yes" if b.billable[i] else "No", start[i].strftime("%Y-%m-%d"), start[i].strftime("%H:%M:%S"),
                        end[i].strftime("%Y-%m-%d"), end[i].strftime("%H:%M:%S"),
                        f"{secs // 3600:02d}:{secs // 60 % 60:02d}:{secs % 60:02d}", "", amount, b.currencies[b.currency[i]]])
    return buf.getvalue().encode("utf-8-sig")


__all__ = ["invoices_csv", "time_csv"]
