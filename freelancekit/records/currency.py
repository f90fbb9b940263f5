"""Records in the profile's currency before anything is added up (docs/records.md, "Currencies").

An invoice is in its own currency (the export's, when it names one) or else its
client's; a time entry in its client's. Each invoice is converted at the rate of
its issue date, and its payments and reported paid amount with it, so "paid in
full" is still decided in one currency; a time entry at the rate of its day. An
amount whose currency has no rate becomes NaN: the client's revenue is then
missing (marked "needs a rate"), never summed as if it were the profile's.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from freelancekit.portfolio.rates import Rates
from freelancekit.portfolio.storage import Store
from freelancekit.records.measures import RecordSet
from freelancekit.records.store import RecordsPart


@dataclass(frozen=True)
class RecordsConversion:
    currency: str  # the profile's: what the summary's figures are in
    needs_rate: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # currency with no rate -> its clients
    currency_of: Mapping[str, str] = field(default_factory=dict)  # client -> the one currency of all their records ("" = several)


def _factors(codes: np.ndarray, days: np.ndarray, target: str, rates: Rates) -> np.ndarray:
    """The factor of each (currency, day) pair into ``target``; NaN where there is no rate. One rate per distinct pair."""
    if not len(codes):
        return np.zeros(0)
    keys = pd.MultiIndex.from_arrays([codes, days])
    codes_at, uniques = pd.factorize(keys)
    per = np.array([np.nan if (r := rates.rate(code, target, pd.Timestamp(day).date())) is None else r.factor
                    for code, day in uniques], dtype=float)
    return per[codes_at]


def in_profile_currency(records: RecordSet, currency_of: Mapping[str, str], profile_currency: str,
                        rates: Rates) -> tuple[RecordSet, RecordsConversion]:
    """``records`` with every amount in ``profile_currency``, plus the original amounts (``original_amount``) and currencies.

    ``currency_of``: each portfolio client's currency by name ('' or missing = the profile's).
    """
    def currency(clients: pd.Series, own: pd.Series | None = None) -> np.ndarray:
        by_client = clients.map(lambda n: currency_of.get(n) or profile_currency).to_numpy(dtype=object)
        if own is None:
            return by_client
        own_codes = own.fillna("").to_numpy(dtype=object)
        return np.where(own_codes != "", own_codes, by_client)

    inv, time, pay = records.invoices.copy(), records.time.copy(), records.payments.copy()
    inv["currency"] = currency(inv["client"], inv["currency"] if "currency" in inv else None)
    time["currency"] = currency(time["client"])
    inv_cur, time_cur = inv["currency"].to_numpy(dtype=object), time["currency"].to_numpy(dtype=object)
    inv["original_amount"] = inv["amount"].to_numpy(dtype=float)
    time["original_amount"] = time["amount"].to_numpy(dtype=float)
    foreign_inv, foreign_time = inv_cur != profile_currency, time_cur != profile_currency
    inv_factor = np.ones(len(inv))
    time_factor = np.ones(len(time))
    # only the records in another currency are looked up (a portfolio in one currency costs two comparisons)
    inv_factor[foreign_inv] = _factors(inv_cur[foreign_inv], inv["issued"].to_numpy(dtype="datetime64[D]")[foreign_inv],
                                       profile_currency, rates)
    time_factor[foreign_time] = _factors(time_cur[foreign_time], time["start"].to_numpy(dtype="datetime64[D]")[foreign_time],
                                         profile_currency, rates)
    inv["factor"] = inv_factor
    inv["amount"] = inv["original_amount"] * inv_factor
    inv["reported_paid"] = inv["reported_paid"].to_numpy(dtype=float) * inv_factor
    time["amount"] = time["original_amount"] * time_factor
    at = pd.Index(inv["id"]).get_indexer(pay["invoice_id"].to_numpy())
    pay["amount"] = pay["amount"].to_numpy(dtype=float) * np.where(at >= 0, inv_factor[np.clip(at, 0, None)] if len(inv) else 1.0, 1.0)
    needs: dict[str, set[str]] = {}
    for clients, codes, factors in ((inv["client"], inv_cur, inv_factor), (time["client"], time_cur, time_factor)):
        missing = np.isnan(factors) & (time["billable"].to_numpy(dtype=bool) if codes is time_cur else True)
        for name, code in zip(clients.to_numpy(dtype=object)[missing], codes[missing]):
            needs.setdefault(code, set()).add(name)
    both = pd.concat([pd.DataFrame({"client": inv["client"], "currency": inv_cur}),
                      pd.DataFrame({"client": time["client"], "currency": time_cur})])
    distinct = both.drop_duplicates().groupby("client")["currency"]
    one = {name: (codes.iloc[0] if len(codes) == 1 else "") for name, codes in distinct}
    conversion = RecordsConversion(profile_currency, {c: tuple(sorted(n, key=str.casefold)) for c, n in needs.items()}, one)
    return replace(records, invoices=inv, time=time, payments=pay), conversion


def load_in_profile_currency(store: Store) -> tuple[RecordSet, RecordsConversion]:
    """Every stored record, its amounts in the profile's currency (what every summary and measured criterion reads)."""
    profile = store.profile()
    currency_of = {name: code for _, name, code in store.clients_in_other_currencies(profile.currency)}
    return in_profile_currency(RecordsPart(store).load(), currency_of, profile.currency, Rates(store.user_rates()))
