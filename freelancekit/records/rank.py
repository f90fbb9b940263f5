"""Rank a portfolio: from a store, with the criteria switched to "from my records" measured (docs/records.md),
and every client's pay rate in the profile's currency (docs/currencies.md).

The common case (no criterion from records) reads just names and values and
imports no pandas, so the command line's ``rank`` starts quickly.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import numpy as np

from freelancekit.portfolio.model import Portfolio
from freelancekit.portfolio.pay import PAY_KEY, PayConversion, convert_column, convert_portfolio
from freelancekit.portfolio.rates import Rates
from freelancekit.portfolio.storage import Store
from freelancekit.ranking.scoring import Ranking, rank, score_table, table_from_arrays


def _uses_records(store: Store) -> bool:
    """Whether a criterion is switched to "from my records" (docs/records.md); asked without importing pandas."""
    return bool(store._read("SELECT 1 FROM criterion_source WHERE source = 'records' LIMIT 1"))


def rank_with_currencies(portfolio: Portfolio | Store, weights: Mapping[str, Any] | None = None, *,
                         today: date | None = None) -> tuple[Ranking, PayConversion]:
    """``rank_portfolio`` and how its pay rates were converted (which clients could not be compared)."""
    today = today or date.today()
    if isinstance(portfolio, Store):
        if not _uses_records(portfolio):  # the common case: read just names and values (100 000 clients: 3x quicker)
            profile = portfolio.profile()
            criteria, rows = portfolio.scoring_rows()
            foreign = portfolio.clients_in_other_currencies(profile.currency)
            values = np.array([r[2:] for r in rows], dtype=np.float64).reshape(len(rows), len(criteria))  # None -> NaN
            keys = [c.key for c in criteria]
            rates = Rates(portfolio.user_rates() if foreign else ())
            if foreign and PAY_KEY in keys:
                at = np.searchsorted(np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)), [f[0] for f in foreign])
                pay = values[:, keys.index(PAY_KEY)].copy()
                conversion = convert_column(pay, [(int(i), name, code) for i, (_, name, code) in zip(at, foreign)],
                                            profile.currency, rates, today)
                values[:, keys.index(PAY_KEY)] = pay
            else:
                conversion = convert_column(np.zeros(0), [], profile.currency, rates, today)
            table = table_from_arrays([r[1] for r in rows], values, keys, [r[0] for r in rows])
            return rank(table, criteria, weights), conversion
        from freelancekit.records.ranking import with_records

        converted, conversion = convert_portfolio(portfolio.portfolio(), today)
        portfolio = with_records(portfolio, converted, today=today)[0]
    else:
        portfolio, conversion = convert_portfolio(portfolio, today)
    return rank(score_table(portfolio.clients, portfolio.criteria), portfolio.criteria, weights), conversion


def rank_portfolio(portfolio: Portfolio | Store, weights: Mapping[str, Any] | None = None) -> Ranking:
    """Rank a portfolio's clients, optionally with other weights than the saved ones.

    From a ``Store``, the criteria switched to "from my records" use the measured
    values (docs/records.md); a ``Portfolio`` is ranked as it is. Pay rates are
    compared in the profile's currency (docs/currencies.md).
    """
    return rank_with_currencies(portfolio, weights)[0]
