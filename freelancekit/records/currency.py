"""Records in the profile's currency before anything is added up (docs/records.md, "Currencies").

An invoice is in its own currency (the export's, when it names one) or else its
client's; a time entry likewise. Each invoice is converted at the rate of its
issue date, each payment at the rate of its own day (the paid figure an invoice
file reports, which has no day, at the issue date's), a time entry at the rate
of its day; "paid in full" is still decided in the invoice's own currency. An
amount whose currency has no rate becomes NaN: the client's revenue is then
missing (marked "needs a rate"), never summed as if it were the profile's.

The summary converts inside ``measures.summary_frame`` (``load_money``); the
charts read whole converted tables (``in_profile_currency``).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from freelancekit.portfolio.rates import Rates
from freelancekit.portfolio.storage import Store
from freelancekit.records.measures import RecordSet
from freelancekit.records.money import Money, client_currencies, row_money
from freelancekit.records.store import RecordsPart


@dataclass(frozen=True)
class RecordsConversion:
    currency: str  # the profile's: what the converted figures are in
    needs_rate: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # currency with no rate -> its clients
    # client -> the one other currency all their records are in ("" = several); a client not listed: the profile's
    currency_of: Mapping[str, str] = field(default_factory=dict)


def in_profile_currency(records: RecordSet, currency_of: Mapping[str, str], profile_currency: str,
                        rates: Rates) -> tuple[RecordSet, RecordsConversion]:
    """``records`` with every amount in ``profile_currency``, the amounts as written kept beside (``original_*``).

    ``currency_of``: each portfolio client's currency by name ('' or missing = the profile's).
    ``measures.invoice_status`` reads the written amounts to decide "paid in full".
    """
    money = Money(profile_currency, currency_of, rates)
    inv, time, pay = records.invoices, records.time, records.payments
    clients = pd.Index(sorted(set(time["client"]) | set(inv["client"])), dtype=object)
    inv_client, time_client = clients.get_indexer(inv["client"]), clients.get_indexer(time["client"])
    rows = row_money(money, clients, inv_client, time_client, inv, time)
    if rows is None:
        return records, RecordsConversion(profile_currency)  # one currency: nothing to convert, nothing copied (the common case)
    inv, time, pay = inv.copy(), time.copy(), pay.copy()
    inv["currency"], time["currency"] = rows.codes[rows.invoice], rows.codes[rows.time]
    inv["original_amount"], inv["original_reported"] = inv["amount"].to_numpy(dtype=float), inv["reported_paid"].to_numpy(dtype=float)
    inv["factor"] = rows.invoice_factor
    inv["amount"] = inv["original_amount"].to_numpy() * rows.invoice_factor
    inv["reported_paid"] = inv["original_reported"].to_numpy() * rows.invoice_factor
    time["original_amount"] = time["amount"].to_numpy(dtype=float)
    time["amount"] = time["original_amount"].to_numpy() * rows.time_factor
    at = pd.Index(inv["id"]).get_indexer(pay["invoice_id"].to_numpy())
    known = at >= 0
    pay_factor = np.ones(len(pay))
    pay_factor[known] = rows.at(rows.invoice[at[known]], pay["paid_on"].to_numpy(dtype="datetime64[D]")[known])
    pay["original_amount"] = pay["amount"].to_numpy(dtype=float)
    pay["factor"] = pay_factor
    pay["amount"] = pay["original_amount"].to_numpy() * pay_factor
    paid_in, needs = client_currencies(rows, len(clients), inv_client, time_client, time["billable"].to_numpy(dtype=bool))
    lacking: dict[str, list[str]] = {}
    for name, code in zip(clients, needs):
        if code:
            lacking.setdefault(code, []).append(name)
    one = {name: code for name, code in zip(clients, paid_in) if code != profile_currency}
    conversion = RecordsConversion(profile_currency, {c: tuple(sorted(n, key=str.casefold)) for c, n in lacking.items()}, one)
    return replace(records, invoices=inv, time=time, payments=pay), conversion


def load_money(store: Store) -> tuple[RecordSet, Money]:
    """Every stored record as written, and what ``measures.summary_frame`` needs to bring it into the profile's currency."""
    profile = store.profile()
    money = Money(profile.currency, store.clients_in_other_currencies(profile.currency), Rates(store.user_rates()))
    return RecordsPart(store).load(), money


def load_in_profile_currency(store: Store) -> tuple[RecordSet, RecordsConversion]:
    """Every stored record, its amounts in the profile's currency (what the charts read)."""
    records, money = load_money(store)
    return in_profile_currency(records, money.currency_of, money.currency, money.rates)
