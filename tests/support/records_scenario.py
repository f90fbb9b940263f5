"""A Toggl report and an invoice list for the demo portfolio, dated relative to today (the app measures
the 12 months up to today), and what switching Pay rate to the records must do to the ranking.

With only Pay rate weighted, the typed rates rank Sentinel Cyber (110) first. The records measure
Green Roots Foundation at 3 000 / 10 h = 300 an hour (typed: 40) and Sentinel Cyber at 500 / 10 h = 50,
so "from my records" puts Green Roots first and Sentinel Cyber below every client rated above 50.
"""
from __future__ import annotations

from datetime import date, timedelta

TOGGL_HEAD = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (USD)"


def _day(days_ago: int) -> str:
    return (date.today() - timedelta(days=days_ago)).isoformat()


def toggl_file() -> bytes:
    lines = ["\ufeff" + TOGGL_HEAD]
    for n, client in enumerate(("Green Roots Foundation", "sentinel  cyber", "Acme Unlisted")):
        for k in range(2):
            d = _day(40 + 10 * n + k)
            lines.append(f"Ann,ann@example.com,{client},Work,,Task {k},Yes,{d},09:00:00,{d},14:00:00,05:00:00,,250.00")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def invoices_file() -> bytes:
    lines = ["client,invoice,issued,due,amount,paid_on,paid_amount",
             f"Green Roots Foundation,GR-1,{_day(60)},{_day(30)},3000.00,{_day(35)},3000.00",
             f"Sentinel Cyber,SC-1,{_day(60)},{_day(30)},500.00,{_day(20)},200.00",
             f"Sentinel Cyber,SC-1,{_day(60)},{_day(30)},500.00,{_day(10)},300.00"]
    return ("\n".join(lines) + "\n").encode("utf-8")


PAY_RATE_ONLY = {"hourly_rate": 1, "on_time_payment": 0, "ease": 0, "enjoyment": 0, "learning": 0}
TYPED_FIRST = "Sentinel Cyber"
MEASURED_FIRST = "Green Roots Foundation"
MEASURED = {"Green Roots Foundation": 300.0, "Sentinel Cyber": 50.0}  # from 2 entries + 1 invoice each
