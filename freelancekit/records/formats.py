"""The record formats we read, and which one a file is, told from its whole header.

A header cell is compared after ``normalise``: case folded, a byte-order mark,
underscores and repeated spaces gone, so ``Invoice_Number``, ``invoice number``
and ``INVOICE  NUMBER`` are one column. Each format lists, per field we use,
the header names it may have (the first is the one its exporter writes), and
its *signatures*: sets of columns a real export of it always has. A file is a
format when one of its signatures is all in the header; one column never
decides (a payment list also has "Invoice Number"). When several fit, the one
with the larger signature wins, and a payment list wins a tie, so a payment
list is never read as invoices. A file that fits none is refused with the
columns it has: its columns can then be named with a mapping (``mapping.py``).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from freelancekit.records.problems import RecordsFileError, format_name, format_names, problem

TIME_FORMATS = ("toggl", "harvest", "clockify")
INVOICE_FORMATS = ("invoiceninja", "invoiceninja_payments", "zoho", "invoicely", "invoices")
FORMATS: tuple[str, ...] = (*TIME_FORMATS, *INVOICE_FORMATS)


def normalise(header: str) -> str:
    text = unicodedata.normalize("NFKC", header).replace("\ufeff", "").replace("_", " ")
    return re.sub(r"\s+", " ", text).strip().casefold()


@dataclass(frozen=True)
class Format:
    key: str
    kind: str  # "time", "invoices", "payments", or "refused" (NAMED_ONLY)
    fields: dict[str, tuple[str, ...]]  # field -> accepted (normalised) header names, or prefixes ending in "("
    required: tuple[str, ...]
    signatures: tuple[frozenset[str], ...] = ()
    dates: tuple[str, ...] = ()  # the fields holding dates (their order is decided once per file: cells.date_order)
    times: tuple[str, ...] = ("%H:%M:%S", "%H:%M")
    mapped: bool = False  # made from a mapping (mapping.py), not a known export

    def find(self, columns: Sequence[str]) -> dict[str, int]:
        """field -> index of the file's column holding it (normalised names)."""
        found: dict[str, int] = {}
        for name, aliases in self.fields.items():
            for alias in aliases:
                hit = next((i for i, c in enumerate(columns) if c == alias or (alias.endswith("(") and c.startswith(alias))), None)
                if hit is not None:
                    found[name] = hit
                    break
        return found

    def missing(self, columns: Sequence[str]) -> list[str]:
        found = self.find(columns)
        return [self.fields[f][0] for f in self.required if f not in found]

    def fit(self, columns: set[str]) -> int:
        """The size of the largest of its signatures all in ``columns`` (0: none is)."""
        return max((len(s) for s in self.signatures if s <= columns), default=0)


def _sig(*names: str) -> frozenset[str]:
    return frozenset(names)


_12H = ("%I:%M:%S %p", "%I:%M %p", "%H:%M:%S", "%H:%M")

# Sources of every header below: tests/fixtures/records/SOURCES.md.
TOGGL = Format("toggl", "time", {
    "client": ("client",), "project": ("project",), "description": ("description",),
    "billable": ("billable",), "start_date": ("start date",), "start_time": ("start time",),
    "end_date": ("end date",), "end_time": ("end time",), "duration": ("duration",),
    "amount": ("amount (", "amount"), "user": ("user",), "currency": ("currency",),  # "Amount", "Currency": records.export's
}, ("start_date", "start_time", "duration"),
    (_sig("project", "start date", "start time", "end date", "end time", "duration"),),
    ("start_date", "end_date"), _12H)

HARVEST = Format("harvest", "time", {
    "client": ("client",), "project": ("project",), "description": ("notes",), "date": ("date", "spent date"),
    "hours": ("hours",), "billable": ("billable?", "billable"), "amount": ("billable amount",), "currency": ("currency",),
    "rate": ("billable rate",),
}, ("date", "hours"), (_sig("date", "client", "project", "task", "notes", "hours"),), ("date",))

CLOCKIFY = Format("clockify", "time", {
    "client": ("client",), "project": ("project",), "description": ("description",), "billable": ("billable",),
    "start_date": ("start date",), "start_time": ("start time",), "end_date": ("end date",), "end_time": ("end time",),
    "decimal": ("duration (decimal)",), "duration": ("duration (h)",), "amount": ("billable amount (",),
}, ("start_date", "start_time", "decimal"),
    (_sig("project", "start date", "start time", "end date", "end time", "duration (decimal)"),),
    ("start_date", "end_date"), _12H)

# v5 writes each column with its entity's name before it ("Invoice Invoice Number"); an older v5
# and v4 do not ("Invoice Number"); v4 also writes title lines above the header and one row per line item.
INVOICE_NINJA = Format("invoiceninja", "invoices", {
    "client": ("client name", "client", "name"), "number": ("invoice invoice number", "invoice number"),
    "amount": ("invoice amount", "amount"), "balance": ("invoice balance", "balance"),
    "paid": ("invoice paid to date", "paid to date", "paid"), "issued": ("invoice date", "date"),
    "due": ("invoice due date", "due date"), "status": ("invoice status", "status"),
    "currency": ("client currency", "invoice currency", "currency"),
}, ("client", "number", "amount", "issued"), (
    _sig("client name", "invoice invoice number", "invoice amount", "invoice date"),  # v5
    _sig("invoice number", "amount", "balance", "date", "due date"),  # v5 with plain labels
    _sig("client", "invoice number", "amount", "paid", "invoice date", "due date"),  # v4
), ("issued", "due"))

INVOICE_NINJA_PAYMENTS = Format("invoiceninja_payments", "payments", {
    "client": ("client name", "client", "name"), "date": ("payment date", "date"), "amount": ("payment amount", "amount"),
    "refunded": ("payment refunded", "refunded"),
    "reference": ("payment transaction reference", "transaction reference", "reference"),
    "invoice": ("invoice invoice number", "invoice number"),
}, ("client", "date", "amount"), (
    _sig("client name", "payment date", "payment amount"),  # v5
    _sig("client", "invoice number", "amount", "date"),  # v4
    _sig("client", "date", "amount", "transaction reference"),
), ("date",))

ZOHO = Format("zoho", "invoices", {
    "client": ("customer name",), "number": ("invoice number",), "amount": ("total",), "balance": ("balance",),
    "issued": ("invoice date",), "due": ("due date",), "status": ("invoice status",),
}, ("client", "number", "amount", "issued"),
    (_sig("invoice date", "invoice number", "invoice status", "customer name", "due date", "total", "balance"),),
    ("issued", "due"))

INVOICELY = Format("invoicely", "invoices", {
    "client": ("client",), "number": ("details",), "amount": ("total",), "issued": ("date",), "due": ("due",),
    "status": ("status",),
}, ("client", "number", "amount", "issued"), (_sig("date", "due", "details", "client", "status", "total"),), ("issued", "due"))

GENERIC_ARABIC = {  # docs/records.md, "The generic invoice list"
    "client": "العميل", "invoice": "رقم الفاتورة", "issued": "تاريخ الإصدار", "due": "تاريخ الاستحقاق",
    "amount": "المبلغ", "paid_on": "تاريخ الدفع", "paid_amount": "المبلغ المدفوع",
}
GENERIC = Format("invoices", "invoices", {
    "client": ("client", "العميل"), "invoice": ("invoice", "رقم الفاتورة"), "issued": ("issued", "تاريخ الإصدار"),
    "due": ("due", "تاريخ الاستحقاق"), "amount": ("amount", "المبلغ"), "paid_on": ("paid on", "تاريخ الدفع"),
    "paid_amount": ("paid amount", "المبلغ المدفوع"), "currency": ("currency", "العملة"),
}, ("client", "invoice", "issued", "due", "amount", "paid_on", "paid_amount"), (
    _sig("client", "invoice", "issued", "due", "amount"),
    _sig(*(normalise(n) for n in GENERIC_ARABIC.values() if n not in ("تاريخ الدفع", "المبلغ المدفوع"))),
), ("issued", "due", "paid_on"))

WAVE = Format("wave", "refused", {}, (), (
    _sig("transaction id", "transaction date", "account name", "customer", "invoice number", "amount (one column)"),))
FRESHBOOKS = Format("freshbooks", "refused", {}, (), (
    _sig("client name", "invoice #", "date issued", "invoice status", "date paid", "line total"),))

BY_KEY: dict[str, Format] = {f.key: f for f in (TOGGL, HARVEST, CLOCKIFY, INVOICE_NINJA, INVOICE_NINJA_PAYMENTS, ZOHO, INVOICELY,
                                                GENERIC, WAVE, FRESHBOOKS)}
_CLIENT_LIST = {"name", "contact_name", "contact name", "email", "industry", "services"}


def detect(columns: Sequence[str], source: str | None = None, names: Sequence[str] = ()) -> Format:
    """The format of a file with these (normalised) header cells, or ``source`` when given.

    ``names`` are the header cells as written, for the message when no format fits.
    """
    if source is not None:
        if source not in FORMATS:
            raise RecordsFileError(problem("unknown_source", source=source, choices=list(FORMATS)))
        fmt = BY_KEY[source]
    else:
        cols = set(columns)
        fits = [(f.fit(cols), f.kind == "payments", f) for f in BY_KEY.values()]
        best = max(fits, key=lambda x: (x[0], x[1]))
        if best[0] == 0:
            if "name" in cols and len(cols & _CLIENT_LIST) >= 2 or cols == {"name"}:
                raise RecordsFileError(problem("client_list", 1, "header"))
            seen = [n.lstrip("\ufeff").strip() for n in (names or columns) if n.strip()]
            raise RecordsFileError(problem("unknown_format", 1, "header", columns=seen[:12], formats=format_names(FORMATS)))
        fmt = best[2]
    if fmt.kind == "refused":
        raise RecordsFileError(problem(f"{fmt.key}_refused", 1, "header"))
    missing = fmt.missing(columns)
    if missing:
        raise RecordsFileError(problem("missing_columns", 1, "header", format=format_name(fmt.key), columns=missing))
    return fmt
