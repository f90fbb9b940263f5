"""The pay criterion in the profile's currency, so "SAR 200" and "USD 60" are compared as money (docs/currencies.md).

A client's typed pay rate is in the currency they pay in; before a ranking
compares it, it is converted at today's rate. A client whose currency has no
rate gets no pay value (left out of the pay comparison, as a missing value is)
and is named in ``PayConversion.missing``, never compared raw.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np

from freelancekit.portfolio.model import Client, Portfolio
from freelancekit.portfolio.rates import Rate, Rates

PAY_KEY = "hourly_rate"  # the one built-in criterion that is an amount of money per hour


@dataclass(frozen=True)
class PayConversion:
    """How the pay rates of one ranking were converted."""

    currency: str  # the profile's: what every compared pay rate is in
    day: date
    rates: Mapping[str, Rate] = field(default_factory=dict)  # each client currency that was converted, and its rate
    missing: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # currency with no rate -> the clients paying in it
    currency_of: Mapping[str, str] = field(default_factory=dict)  # client name -> their currency, for those not in the profile's

    @property
    def not_compared(self) -> tuple[str, ...]:
        """The clients left out of the pay comparison, by name."""
        return tuple(n for names in self.missing.values() for n in names)


def convert_column(values: np.ndarray, foreign: Sequence[tuple[int, str, str]], profile_currency: str, rates: Rates,
                   day: date) -> PayConversion:
    """Convert, in place, the pay ``values`` of the clients paying in another currency.

    ``foreign`` is ``(row in values, name, currency)`` for just those clients: a
    portfolio in one currency costs nothing. One rate per currency, one numpy
    multiplication per currency: 100 000 clients in four currencies add ~6 ms
    (benchmarks/bench_currency.py).
    """
    by_currency: dict[str, list[int]] = {}
    names: dict[str, list[str]] = {}
    for row, name, code in foreign:
        by_currency.setdefault(code, []).append(row)
        names.setdefault(code, []).append(name)
    used: dict[str, Rate] = {}
    missing: dict[str, tuple[str, ...]] = {}
    for code, rows in by_currency.items():
        rate = rates.rate(code, profile_currency, day)
        at = np.asarray(rows, dtype=np.int64)
        if rate is None:
            values[at] = np.nan
            missing[code] = tuple(sorted(names[code], key=str.casefold))
        else:
            values[at] *= rate.factor
            used[code] = rate
    currency_of = {n: code for code, ns in names.items() for n in ns}
    return PayConversion(profile_currency, day, used, missing, currency_of)


def convert_portfolio(portfolio: Portfolio, day: date | None = None) -> tuple[Portfolio, PayConversion]:
    """The portfolio with every client's pay rate in the profile's currency (nothing is saved)."""
    day = day or date.today()
    own = portfolio.profile.currency
    keys = {c.key for c in portfolio.criteria}
    foreign = [(i, c.name, c.currency) for i, c in enumerate(portfolio.clients) if c.currency and c.currency != own]
    if PAY_KEY not in keys or not foreign:
        return portfolio, convert_column(np.zeros(0), [], own, Rates(portfolio.rates), day)
    pay = np.array([np.nan if c.values.get(PAY_KEY) is None else c.values[PAY_KEY] for c in portfolio.clients], dtype=float)
    conversion = convert_column(pay, foreign, own, Rates(portfolio.rates), day)
    clients = list(portfolio.clients)
    for i, _, _ in foreign:
        clients[i] = _with_pay(clients[i], pay[i])
    return replace(portfolio, clients=tuple(clients)), conversion


def _with_pay(client: Client, value: float) -> Client:
    return replace(client, values={**client.values, PAY_KEY: None if np.isnan(value) else float(value)})
