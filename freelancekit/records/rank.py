"""Rank a portfolio: from a store, with the criteria switched to "from my records" measured (docs/records.md),
and every client's pay rate in the profile's currency (docs/currencies.md).

The common case (no criterion from records) reads just names and values and
imports no pandas, so the command line's ``rank`` starts quickly.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from freelancekit.errors import StorageError
from freelancekit.portfolio.model import Portfolio
from freelancekit.portfolio.pay import PAY_KEY, PayConversion, convert_portfolio, rates_for
from freelancekit.portfolio.rates import Rates
from freelancekit.portfolio.storage import Store
from freelancekit.ranking.scoring import Ranking, rank, score_table, table_from_rows

if TYPE_CHECKING:
    from freelancekit.records.ranking import Provenance


def _uses_records(store: Store) -> bool:
    """Whether a criterion is switched to "from my records" (docs/records.md); asked without importing pandas."""
    return bool(store._read("SELECT 1 FROM criterion_source WHERE source = 'records' LIMIT 1"))


def rank_with_currencies(portfolio: Portfolio | Store, weights: Mapping[str, Any] | None = None, *,
                         today: date | None = None) -> tuple[Ranking, PayConversion]:
    """``rank_portfolio`` and how its pay rates were converted (which clients could not be compared)."""
    today = today or date.today()
    if isinstance(portfolio, Store):
        if not _uses_records(portfolio):  # the common case: read just names and values (100 000 clients: 3x quicker)
            store = portfolio
            own = store.profile().currency
            asked: dict[str, Any] = {}

            def factors(codes: list[str]) -> dict[str, float | None]:
                found, missing = rates_for(codes, own, Rates(store.user_rates()), today)
                asked.update(found=found, missing=missing)
                return {**{c: r.factor for c, r in found.items()}, **dict.fromkeys(missing)}

            criteria, rows = store.scoring_rows(factors, PAY_KEY)
            missing = asked.get("missing") or []
            names: dict[str, list[str]] = {}
            for name, code in store.clients_paying_in(missing) if missing else ():
                names.setdefault(code, []).append(name)
            # the typed amounts the export shows next to the converted ones: read when an export asks (ranking.money)
            typed = _typed_pay(store, own) if "found" in asked else None
            conversion = PayConversion(own, today, asked.get("found", {}), {c: tuple(n) for c, n in names.items()}, load_typed=typed)
            return rank(table_from_rows(rows, criteria, pay=conversion), criteria, weights), conversion
        from freelancekit.records.ranking import with_records

        converted, conversion = convert_portfolio(portfolio.portfolio(), today)
        portfolio, provenance = with_records(portfolio, converted, today=today)
        conversion = measured_pay(conversion, provenance)
    else:
        portfolio, conversion = convert_portfolio(portfolio, today)
    table = score_table(portfolio.clients, portfolio.criteria, pay=conversion)
    return rank(table, portfolio.criteria, weights), conversion


def _typed_pay(store: Store, own: str) -> Callable[[], dict[str, tuple[str, float | None]]]:
    """How to read the clients' typed pay later: from ``store``, or, once it is closed, from its file opened to read."""

    def load() -> dict[str, tuple[str, float | None]]:
        try:
            return store.pay_in_other_currencies(own, PAY_KEY)
        except StorageError:  # closed after ranking (``with open_portfolio() as store``, then the export)
            with Store(store.path, create=False, read_only=True) as again:
                return again.pay_in_other_currencies(own, PAY_KEY)

    return load


def measured_pay(conversion: PayConversion, provenance: Provenance | None) -> PayConversion:
    """``conversion`` knowing which clients' pay rate comes from their records (each record converted at its own day's rate)."""
    if provenance is None or PAY_KEY not in provenance.switched:
        return conversion
    measured = frozenset(n for n in provenance.measured if provenance.of(n, PAY_KEY) is not None)
    return replace(conversion, measured=measured) if measured else conversion


def rank_portfolio(portfolio: Portfolio | Store, weights: Mapping[str, Any] | None = None) -> Ranking:
    """Rank a portfolio's clients, optionally with other weights than the saved ones.

    From a ``Store``, the criteria switched to "from my records" use the measured
    values (docs/records.md); a ``Portfolio`` is ranked as it is. Pay rates are
    compared in the profile's currency (docs/currencies.md).
    """
    return rank_with_currencies(portfolio, weights)[0]
