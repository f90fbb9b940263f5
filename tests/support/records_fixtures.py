"""Record files as the tools export them, with their quirks, and the figures they give worked out by hand.

Window for the hand-computed figures: 2026-01-01 to 2026-03-31 (today = 2026-03-31).
The worked figures are in ``EXPECTED``; each file's comment says where its numbers go.
"""
from __future__ import annotations

from datetime import date

SINCE, UNTIL = date(2026, 1, 1), date(2026, 3, 31)

# Toggl: byte-order mark, the exporter's header, Duration HH:MM:SS, an entry past midnight,
# the client spelt in another case, one entry before the window.
TOGGL = (
    "\ufeffUser,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (USD)\r\n"
    "Ann Lee,ann@example.com,Acme Corp,Website,,Home page copy,Yes,2026-01-05,09:00:00,2026-01-05,11:30:00,02:30:00,,125.00\r\n"
    "Ann Lee,ann@example.com,acme  corp,Website,,Call,No,2026-02-10,10:00:00,2026-02-10,11:00:00,01:00:00,,0.00\r\n"
    "Ann Lee,ann@example.com,Acme Corp,Website,,Brief,Yes,2025-12-20,09:00:00,2025-12-20,11:00:00,02:00:00,,100.00\r\n"
    "Ann Lee,ann@example.com,Beta Labs,Blog,,\"Post, part 1\",Yes,2026-03-01,23:00:00,2026-03-02,01:15:00,02:15:00,,112.50\r\n"
).encode("utf-8")

# Harvest in a German locale: ';', decimal commas, header case as that export writes it; its Currency cell names the
# currency before the code, here the profile's own (USD), so the hand-computed figures need no rate.
HARVEST = (
    "DATE;CLIENT;Project;Project Code;Task;Notes;HOURS;Hours Rounded;Billable?;Invoiced?;Approved?;First Name;Last Name;"
    "Roles;Employee?;Billable Rate;Billable Amount;Cost Rate;Cost Amount;Currency;External Reference URL\n"
    "2026-02-03;Gamma GmbH;Translation;GT-1;Writing;Katalog;1,75;1,75;Yes;No;No;Ann;Lee;;Yes;80,00;140,00;0,00;0,00;United States Dollar - USD;\n"
    "2026-03-15;Gamma GmbH;Translation;GT-1;Meetings;Abstimmung;2,5;2,5;No;No;No;Ann;Lee;;Yes;0,00;0,00;0,00;0,00;United States Dollar - USD;\n"
).encode("utf-8")

# Clockify: US dates, 12-hour times, the currency in the header.
CLOCKIFY = (
    "Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,End Date,End Time,"
    "Duration (h),Duration (decimal),Billable Rate (USD),Billable Amount (USD)\n"
    "Blog,Beta Labs,Edit,,Ann Lee,,ann@example.com,,Yes,01/15/2026,01:30 PM,01/15/2026,03:00 PM,01:30:00,1.50,80.00,120.00\n"
    "Blog,Beta Labs,Review,,Ann Lee,,ann@example.com,,Yes,03/31/2026,11:00 AM,03/31/2026,12:00 PM,01:00:00,1.00,80.00,80.00\n"
).encode("utf-8")

# Invoice Ninja invoices with translated-style labels (underscores, lower case); a draft left out.
NINJA_INVOICES = (
    "client_name,invoice_number,amount,balance,paid_to_date,date,due_date,status\n"
    "Acme Corp,INV-000,200.00,200.00,0.00,2025-12-01,2025-12-31,Sent\n"
    "Acme Corp,INV-001,\"1,000.00\",0.00,\"1,000.00\",2026-01-10,2026-02-09,Paid\n"
    "Acme Corp,INV-002,500.00,500.00,0.00,2026-03-01,2026-03-15,Sent\n"
    "Acme Corp,INV-003,300.00,300.00,0.00,2026-03-25,2026-04-24,Sent\n"
    "Acme Corp,INV-004,999.00,999.00,0.00,2026-03-26,2026-04-25,Draft\n"
).encode("utf-8")

# Invoice Ninja payments: no invoice number, matched oldest first:
# 200 pays INV-000; 600 then 400 pay INV-001 in full on 2026-02-12 (3 days after its due date).
NINJA_PAYMENTS = (
    "Client,Date,Amount,Transaction Reference,Method\n"
    "Acme Corp,2026-01-20,200.00,T-1,Bank transfer\n"
    "Acme Corp,2026-02-05,600.00,T-2,Bank transfer\n"
    "Acme Corp,2026-02-12,400.00,T-3,Bank transfer\n"
).encode("utf-8")

# The generic list: B-1 paid in two parts, in full on its due date; B-2 partly paid; B-3 not paid; B-4 not yet due.
GENERIC = (
    "client,invoice,issued,due,amount,paid_on,paid_amount\n"
    "Beta Labs,B-1,2026-01-05,2026-02-04,1200.00,2026-02-01,600.00\n"
    "Beta Labs,B-1,2026-01-05,2026-02-04,1200.00,2026-02-04,600.00\n"
    "Beta Labs,B-2,2026-02-10,2026-03-12,800.00,2026-03-20,300.00\n"
    "Beta Labs,B-3,2026-03-05,2026-03-20,400.00,,\n"
    "Beta Labs,B-4,2026-03-10,2026-04-09,250.00,,\n"
).encode("utf-8")

ALL = (("toggl", TOGGL), ("harvest", HARVEST), ("clockify", CLOCKIFY), ("invoiceninja", NINJA_INVOICES),
       ("invoiceninja_payments", NINJA_PAYMENTS), ("invoices", GENERIC))

# By hand, with the portfolio client "ACME corp" (Acme Corp matches it) and "Beta Labs":
# ACME corp: invoices in the window INV-001/002/003 = 1800; hours 2.5 + 1 = 3.5 (billable 2.5);
#   due: INV-001 (paid in full 02-12, due 02-09: 3 days late), INV-002 (unpaid, due 03-15: 16 days);
#   open: INV-002 500 + INV-003 300 = 800.
# Beta Labs: B-1..B-4 = 2650; hours 2.25 + 1.5 + 1 = 4.75 (all billable);
#   due: B-1 (on time, 0), B-2 (not in full: 31 - 12 = 19), B-3 (unpaid: 31 - 20 = 11); open 500 + 400 + 250.
# Gamma GmbH (no invoices): revenue = billable amounts 140; hours 4.25 (billable 1.75).
TOTAL = 1800 + 2650 + 140
EXPECTED = [
    {"client": "Beta Labs", "revenue": 2650.0, "hours": 4.75, "billable_hours": 4.75, "effective_rate": 2650 / 4.75,
     "invoices": 4, "on_time_pct": 100 / 3, "avg_days_late": 10.0, "max_days_late": 19.0, "open_balance": 1150.0,
     "income_share": 2650 / TOTAL},
    {"client": "ACME corp", "revenue": 1800.0, "hours": 3.5, "billable_hours": 2.5, "effective_rate": 1800 / 3.5,
     "invoices": 3, "on_time_pct": 0.0, "avg_days_late": 9.5, "max_days_late": 16.0, "open_balance": 800.0,
     "income_share": 1800 / TOTAL},
    {"client": "Gamma GmbH", "revenue": 140.0, "hours": 4.25, "billable_hours": 1.75, "effective_rate": 140 / 4.25,
     "invoices": 0, "on_time_pct": None, "avg_days_late": None, "max_days_late": None, "open_balance": 0.0,
     "income_share": 140 / TOTAL},
]
