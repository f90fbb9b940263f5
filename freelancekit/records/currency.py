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
    # client -> the one other currency all their records are in ("" = several); a client not listed: the profile's
    currency_of: Mapping[str, str] = field(default_factory=dict)


def _factors(code_at: np.ndarray, code_names: np.ndarray, days: np.ndarray, target: str, rates: Rates) -> np.ndarray:
    """The factor of each (currency, day) pair into ``target``; NaN where there is no rate. One rate per distinct pair.

    The pairs are numbered as one int64 each (currency number x 2^32 + day number): factorizing
    100 000 of them is ~2 ms, a pandas MultiIndex of the same pairs ~40 ms.
    """
    if not len(code_at):
        return np.zeros(0)
    day_numbers = days.astype("datetime64[D]").astype(np.int64)
    first = int(day_numbers.min())
    pair_at, pairs = pd.factorize(code_at.astype(np.int64) * (1 << 32) + (day_numbers - first))
    per = np.empty(len(pairs))
    for i, pair in enumerate(pairs.tolist()):
        rate = rates.rate(code_names[pair >> 32], target, np.datetime64((pair & 0xFFFFFFFF) + first, "D").item())
        per[i] = np.nan if rate is None else rate.factor
    return per[pair_at]


def in_profile_currency(records: RecordSet, currency_of: Mapping[str, str], profile_currency: str,
                        rates: Rates) -> tuple[RecordSet, RecordsConversion]:
    """``records`` with every amount in ``profile_currency``, plus the original amounts (``original_amount``) and currencies.

    ``currency_of``: each portfolio client's currency by name ('' or missing = the profile's). Invoices
    and time entries are handled as one column each (their clients factorized once): converting the
    records of 100 000 invoices costs ~10 % of their summary (benchmarks/bench_currency.py).
    """
    own_given = "currency" in records.invoices and records.invoices["currency"].to_numpy(dtype=object).astype(bool).any()
    if not own_given and not any(code and code != profile_currency for code in currency_of.values()):
        return records, RecordsConversion(profile_currency)  # one currency: nothing to convert, nothing copied (the common case)
    inv, time, pay = records.invoices.copy(), records.time.copy(), records.payments.copy()
    n_inv = len(inv)
    clients = np.concatenate([inv["client"].to_numpy(dtype=object), time["client"].to_numpy(dtype=object)])
    client_at, client_names = pd.factorize(clients)
    per_client = np.array([currency_of.get(n) or profile_currency for n in client_names] + [profile_currency], dtype=object)
    # currencies numbered per client (1 000 names), then spread to the rows by an integer index: no second pass over strings
    client_code_at, code_names = pd.factorize(per_client)
    code_at = client_code_at[client_at]  # -1 (no client) takes the last: the profile's
    codes = np.asarray(code_names, dtype=object)[code_at]
    given = inv["currency"].to_numpy(dtype=object).astype(bool) if "currency" in inv else np.zeros(0, dtype=bool)  # '' and None: not given
    if given.any():  # the export's own currency of an invoice wins over its client's
        codes[:n_inv] = np.where(given, inv["currency"].to_numpy(dtype=object), codes[:n_inv])
        code_at, code_names = pd.factorize(codes)
    code_names = np.asarray(code_names, dtype=object)
    foreign = code_at != (list(code_names).index(profile_currency) if profile_currency in code_names else -1)
    factor = np.ones(len(codes))
    if foreign.any():
        days = np.concatenate([inv["issued"].to_numpy(dtype="datetime64[D]"), time["start"].to_numpy(dtype="datetime64[D]")])
        factor[foreign] = _factors(code_at[foreign], code_names, days[foreign], profile_currency, rates)
    inv_factor, time_factor = factor[:n_inv], factor[n_inv:]
    inv["currency"], time["currency"] = codes[:n_inv], codes[n_inv:]
    inv["original_amount"] = inv["amount"].to_numpy(dtype=float)
    time["original_amount"] = time["amount"].to_numpy(dtype=float)
    inv["factor"] = inv_factor
    inv["amount"] = inv["original_amount"].to_numpy() * inv_factor
    inv["reported_paid"] = inv["reported_paid"].to_numpy(dtype=float) * inv_factor
    time["amount"] = time["original_amount"].to_numpy() * time_factor
    if n_inv and len(pay):
        at = pd.Index(inv["id"]).get_indexer(pay["invoice_id"].to_numpy())
        pay["amount"] = pay["amount"].to_numpy(dtype=float) * np.where(at >= 0, inv_factor[np.clip(at, 0, None)], 1.0)
    # a time entry that is not billable carries no amount: no rate is needed for it
    counts = np.isnan(factor) & np.concatenate([np.ones(n_inv, dtype=bool), time["billable"].to_numpy(dtype=bool)])
    needs: dict[str, set[str]] = {}
    for name, code in set(zip(clients[counts], codes[counts])):
        needs.setdefault(code, set()).add(name)
    # each client's currencies, as distinct (client, currency) numbers: the one other currency of a client, or "" for several
    named = client_at >= 0
    seen = np.bincount(client_at[named].astype(np.int64) * len(code_names) + code_at[named], minlength=len(client_names) * len(code_names))
    pair_client, pair_code = np.divmod(np.flatnonzero(seen), len(code_names))
    several = np.bincount(pair_client, minlength=len(client_names)) > 1
    one = {client_names[c]: ("" if several[c] else code_names[k]) for c, k in zip(pair_client.tolist(), pair_code.tolist())
           if several[c] or code_names[k] != profile_currency}
    conversion = RecordsConversion(profile_currency, {c: tuple(sorted(n, key=str.casefold)) for c, n in needs.items()}, one)
    return replace(records, invoices=inv, time=time, payments=pay), conversion


def with_currencies(frame: pd.DataFrame, conversion: RecordsConversion) -> pd.DataFrame:
    """The summary with what its amounts are in (``measures.CURRENCY_KEYS``): the profile's currency, the client's
    own (None when their records are in several), their amounts as written in it, and the currency they need a rate for."""
    out = frame.copy()
    names = out["client"].to_numpy(dtype=object)
    paid_in = np.array([conversion.currency_of.get(n, conversion.currency) for n in names], dtype=object)
    needs = {n: code for code, ns in conversion.needs_rate.items() for n in ns}
    out["currency"] = conversion.currency
    out["paid_in"] = paid_in
    several = paid_in == ""
    for key, converted in (("revenue_original", "revenue"), ("open_balance_original", "open_balance")):
        if key not in out:  # nothing was converted: the amounts as written are the figures themselves
            out[key] = out[converted]
        out[key] = np.where(several, np.nan, out[key].to_numpy(dtype=float))
    out["needs_rate"] = [needs.get(n, "") for n in names]
    return out


def load_in_profile_currency(store: Store) -> tuple[RecordSet, RecordsConversion]:
    """Every stored record, its amounts in the profile's currency (what every summary and measured criterion reads)."""
    profile = store.profile()
    currency_of = store.clients_in_other_currencies(profile.currency)
    return in_profile_currency(RecordsPart(store).load(), currency_of, profile.currency, Rates(store.user_rates()))
