"""Which currency each record is in, and its factor into the profile's, on whole columns (docs/records.md, "Currencies").

A record's currency is a small number (its client's, or its own when the export names one) and its
day a day number. A factor is asked of ``Rates`` once per (currency, day) the records use and spread
back to the rows by integer indexing: no pass over the rows in Python. ``measures.summary_frame``
does this on the client numbers it makes anyway, so converting costs a few numpy passes over the
records (benchmarks/bench_currency.py).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from freelancekit.portfolio.rates import Rates

_DENSE = 1 << 24  # (currency, day) pairs numbered densely up to 16 M cells (a few currencies over decades); beyond: factorized


@dataclass(frozen=True)
class Money:
    """What the records' amounts are brought into: the profile's currency, each client's own, the rates."""

    currency: str  # the profile's
    currency_of: Mapping[str, str]  # portfolio client name -> the currency they pay in ('' or missing = the profile's)
    rates: Rates


@dataclass(frozen=True)
class RowMoney:
    """Each invoice's and time entry's currency (a number into ``codes``) and factor into the profile's currency.

    ``factor`` is NaN where the currency has no rate on that day; ``codes[profile]`` is the profile's currency.
    """

    codes: np.ndarray  # object: currency codes
    profile: int
    invoice: np.ndarray  # int64 per invoice
    time: np.ndarray  # int64 per time entry
    invoice_factor: np.ndarray
    time_factor: np.ndarray
    money: Money
    per_client: np.ndarray | None = None  # each client's currency number, when no record names its own

    def at(self, code_at: np.ndarray, days: np.ndarray) -> np.ndarray:
        """The factor of each (currency number, day) pair, e.g. a payment at its own day in its invoice's currency."""
        return factors(code_at, self.codes, days, self.profile, self.money)


def own_codes(frame: pd.DataFrame) -> np.ndarray | None:
    """A record table's own ``currency`` column as codes ('' = not named), or None when no row names one."""
    column = frame.get("currency")
    if column is None or not len(column):
        return None
    values = column.to_numpy(dtype=object)
    if not np.count_nonzero(values):  # no code at all (NaN counts, and is sorted out below): 0.9 ms for 100 000 rows, a third of a compare
        return None
    given = pd.notna(values) & values.astype(bool)
    return np.where(given, values, "") if given.any() else None


def row_money(money: Money, clients: pd.Index, invoice_client: np.ndarray, time_client: np.ndarray,
              invoices: pd.DataFrame, time: pd.DataFrame) -> RowMoney | None:
    """Every record's currency and factor, from client numbers into ``clients`` (None: all in the profile's currency).

    An invoice's or time entry's own currency (the export's) wins over its client's. An invoice is
    converted at its issue date, a time entry at its day; a time entry with no amount needs no rate.
    """
    own_inv, own_time = own_codes(invoices), own_codes(time)
    client_codes = [money.currency_of.get(name) or money.currency for name in clients]
    if own_inv is None and own_time is None and all(c == money.currency for c in client_codes):
        return None  # one currency: nothing to convert (the common case)
    names = list(dict.fromkeys([money.currency, *client_codes]))
    for own in (own_inv, own_time):
        if own is not None:
            names += [c for c in pd.unique(own[own != ""]) if c not in names]
    number = {c: i for i, c in enumerate(names)}
    per_client = np.array([number[c] for c in client_codes] + [0], dtype=np.int64)  # -1 (no client): the profile's
    inv_code, time_code = per_client[invoice_client], per_client[time_client]
    for code_at, own in ((inv_code, own_inv), (time_code, own_time)):
        if own is not None:
            at = np.flatnonzero(own != "")
            code_at[at] = [number[c] for c in own[at]]
    codes = np.array(names, dtype=object)
    inv_days = invoices["issued"].to_numpy(dtype="datetime64[D]")
    time_days = time["start"].to_numpy(dtype="datetime64[D]")
    return RowMoney(codes, 0, inv_code, time_code, factors(inv_code, codes, inv_days, 0, money),
                    factors(time_code, codes, time_days, 0, money), money,
                    per_client if own_inv is None and own_time is None else None)


def factors(code_at: np.ndarray, codes: np.ndarray, days: np.ndarray, profile: int, money: Money) -> np.ndarray:
    """The factor of each (currency number, day) into the profile's currency; NaN where there is no rate.

    The distinct pairs are found as currency x days-in-range + day with ``bincount`` (no hashing, no
    mask: ~1 ms for 100 000 rows), each currency's days asked of ``Rates.factors`` at once, and the
    factors spread back with one gather; a pair in the profile's currency asks nothing.
    """
    if not len(code_at):
        return np.zeros(0)
    day_numbers = days.astype("datetime64[D]").astype(np.int64)
    first = int(day_numbers.min())
    span = int(day_numbers.max()) - first + 1
    key = code_at * span + (day_numbers - first)
    if len(codes) * span > _DENSE:  # decades of days in many currencies: hash the pairs instead
        pair_at, pairs = pd.factorize(key, sort=True)
        return _rates(np.asarray(pairs), span, first, codes, profile, money)[pair_at]
    pairs = np.flatnonzero(np.bincount(key, minlength=len(codes) * span))
    table = np.empty(len(codes) * span)
    table[pairs] = _rates(pairs, span, first, codes, profile, money)
    return table[key]


def _rates(pairs: np.ndarray, span: int, first: int, codes: np.ndarray, profile: int, money: Money) -> np.ndarray:
    """Rates of sorted pair numbers, asked per currency (a handful) with all of its days at once."""
    code_of, day_of = np.divmod(pairs, span)
    per = np.ones(len(pairs))
    bounds = np.flatnonzero(np.diff(code_of)) + 1
    for lo, hi in zip([0, *bounds.tolist()], [*bounds.tolist(), len(pairs)]):
        if code_of[lo] != profile:
            per[lo:hi] = money.rates.factors(codes[code_of[lo]], money.currency, day_of[lo:hi] + first)
    return per


def client_currencies(rows: RowMoney, n: int, invoice_client: np.ndarray, time_client: np.ndarray,
                      billable: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per client number: the currency their records are in ('' when several) and one they need a rate for ('' none).

    Counted as distinct (client, currency) numbers with ``bincount``; a time entry that is not
    billable carries no amount, so it needs no rate.
    """
    k = len(rows.codes)
    clients = np.concatenate([invoice_client, time_client]).astype(np.int64)
    code_at = np.concatenate([rows.invoice, rows.time])
    if rows.per_client is not None:  # no record names its own currency: each client's records are in the client's
        paid_in = rows.codes[rows.per_client[:n]]
    else:
        seen = np.bincount(clients * k + code_at, minlength=n * k).reshape(n, k) > 0
        paid_in = np.where(seen.sum(axis=1) > 1, "", rows.codes[seen.argmax(axis=1)]).astype(object)
    missing = np.isnan(np.concatenate([rows.invoice_factor, rows.time_factor]))
    if not missing.any():
        return paid_in, np.full(n, "", dtype=object)
    missing &= np.concatenate([np.ones(len(invoice_client), dtype=bool), billable])
    lacking = np.bincount(clients[missing] * k + code_at[missing], minlength=n * k).reshape(n, k) > 0
    return paid_in, np.where(lacking.any(axis=1), rows.codes[lacking.argmax(axis=1)], "").astype(object)
