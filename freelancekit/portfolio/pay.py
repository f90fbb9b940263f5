"""The pay criterion in the profile's currency, so "SAR 200" and "USD 60" are compared as money (docs/currencies.md).

A client's typed pay rate is in the currency they pay in; before a ranking
compares it, it is converted at today's rate. A client whose currency has no
rate gets no pay value (left out of the pay comparison, as a missing value is)
and is named in ``PayConversion.missing``, never compared raw.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from freelancekit.portfolio.model import Portfolio
from freelancekit.portfolio.rates import Rate, Rates

PAY_KEY = "hourly_rate"  # the one built-in criterion that is an amount of money per hour


@dataclass(frozen=True)
class PayConversion:
    """How the pay rates of one ranking were converted."""

    currency: str  # the profile's: what every compared pay rate is in
    day: date
    rates: Mapping[str, Rate] = field(default_factory=dict)  # each other currency a client pays in, and its rate
    missing: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # currency with no rate -> the clients paying in it
    # client name -> (their currency, their pay rate as typed in it), for each client paying in another currency:
    # what the ranking's export shows next to the converted figure (docs/currencies.md, "The ranking")
    typed: Mapping[str, tuple[str, float | None]] = field(default_factory=dict)
    measured: frozenset[str] = frozenset()  # the clients whose pay rate was measured from records (already in ``currency``)
    # or, from a saved portfolio, how to read them when an export first asks: reading them with every ranking
    # cost ~40 % more than the ranking of 100 000 clients three quarters of whom pay in another currency
    load_typed: Callable[[], Mapping[str, tuple[str, float | None]]] | None = field(default=None, compare=False, repr=False)

    @cached_property
    def paid_in(self) -> Mapping[str, tuple[str, float | None]]:
        """``typed``, read once when first asked for (``ranking.money`` checks each against the figure ranked)."""
        return dict(self.load_typed()) if self.load_typed is not None else self.typed

    @property
    def not_compared(self) -> tuple[str, ...]:
        """The clients left out of the pay comparison, by name."""
        return tuple(n for names in self.missing.values() for n in names)


def rates_for(codes: Iterable[str], target: str, rates: Rates, day: date) -> tuple[dict[str, Rate], list[str]]:
    """The rate of each currency into ``target`` on ``day``, and the currencies that have none."""
    found: dict[str, Rate] = {}
    missing: list[str] = []
    for code in codes:
        rate = rates.rate(code, target, day)
        if rate is None:
            missing.append(code)
        else:
            found[code] = rate
    return found, missing


def convert_portfolio(portfolio: Portfolio, day: date | None = None) -> tuple[Portfolio, PayConversion]:
    """The portfolio with every client's pay rate in the profile's currency (nothing is saved)."""
    day = day or date.today()
    own = portfolio.profile.currency
    foreign = {c.currency for c in portfolio.clients if c.currency and c.currency != own}
    if not foreign or PAY_KEY not in {c.key for c in portfolio.criteria}:
        return portfolio, PayConversion(own, day)
    found, no_rate = rates_for(sorted(foreign), own, Rates(portfolio.rates), day)
    clients = []
    paid_in: dict[str, tuple[str, float | None]] = {}
    for c in portfolio.clients:
        pay = c.values.get(PAY_KEY)
        if c.currency and c.currency != own:
            paid_in[c.name] = (c.currency, pay)
            if pay is not None:
                rate = found.get(c.currency)
                c = replace(c, values={**c.values, PAY_KEY: None if rate is None else pay * rate.factor})
        clients.append(c)
    missing = {code: tuple(sorted((c.name for c in portfolio.clients if c.currency == code), key=str.casefold)) for code in no_rate}
    return replace(portfolio, clients=tuple(clients)), PayConversion(own, day, found, missing, paid_in)
