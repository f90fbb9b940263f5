"""Each client's pay as the ranking's exports show it: converted, as typed, and the rate between (docs/currencies.md).

The same keys as the records summary's (``currency`` = what the compared
figure is in, ``paid_in`` = the client's own, ``<figure>_original`` = as
written in it, ``needs_rate``), plus the rate used: its factor (1 ``paid_in``
= ``rate`` ``currency``), day and source.
A client whose currency has no rate gets no converted figure, never the typed
one; its ``needs_rate`` names the currency.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from freelancekit.portfolio.pay import PayConversion

# "pay_rate", not the criterion's key: in the CSV a column named by a criterion's key holds its points
MONEY_KEYS: tuple[str, ...] = ("currency", "paid_in", "pay_rate", "pay_rate_original", "rate", "rate_day", "rate_source", "needs_rate")
AMOUNT_KEYS = frozenset({"pay_rate", "pay_rate_original", "rate"})  # numbers; the other keys are text


def money_columns(pay: PayConversion, names: Sequence[str], order: Sequence[int], converted: Sequence[float] | None) -> dict[str, list[Any]]:
    """``MONEY_KEYS`` -> one value per client in ``order`` (None = null).

    ``converted``: the pay column as ranked, by table row (None: the ranking has no pay criterion).
    A client in the profile's currency is its own original at rate 1 ("same"); only the clients
    paying in another currency are looked at one by one, so 100 000 clients in one currency cost
    a few list copies.
    """
    n = len(order)
    known = converted is not None
    own = pay.currency
    figure: list[float | None] = [None] * n if converted is None else [None if (x := converted[i]) != x else x for i in order]
    paid_in = [own] * n
    original = list(figure)
    rate: list[float | None] = [1.0 if known else None] * n
    day: list[str | None] = [pay.day.isoformat() if known else None] * n
    source: list[str | None] = ["same" if known else None] * n
    needs = [""] * n
    if pay.paid_in or pay.measured:
        place = dict(zip([names[i] for i in order], range(n)))
        # each currency's rate written once, not once per client (75 000 clients in 3 currencies: 3 lookups)
        written = {code: (r.factor, r.day.isoformat(), "+".join(sorted(r.sources))) for code, r in pay.rates.items()}
        for name in pay.measured:  # measured from the records: each record was converted at its own day's rate
            if name in place:
                source[place[name]] = "records"
        for name, (code, typed) in pay.paid_in.items():
            p = place.get(name)
            if p is None:
                continue
            paid_in[p] = code
            if not known:
                continue
            if name in pay.measured:  # no one typed amount nor one rate: the figure is the records' own
                original[p] = rate[p] = day[p] = None
                continue
            got = written.get(code)
            # read after the ranking (PayConversion.paid_in): an amount changed since is not this figure's, so not shown
            ranked = figure[p]
            stale = got is not None and ranked is not None and typed is not None and not math.isclose(typed * got[0], ranked, rel_tol=1e-9)
            original[p] = None if stale else typed
            if got is None:
                figure[p] = rate[p] = day[p] = source[p] = None
                needs[p] = code
            else:
                rate[p], day[p], source[p] = got
    return {"currency": [own] * n, "paid_in": paid_in, "pay_rate": figure, "pay_rate_original": original, "rate": rate,
            "rate_day": day, "rate_source": source, "needs_rate": needs}
