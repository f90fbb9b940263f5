"""Measured values in the ranking: Pay rate from the effective rate, On-time payment from the on-time share.

A criterion switched to "from my records" takes, for each client with the
needed records, the measured value; a client without them keeps the value
the user typed, and ``Provenance`` says which is which and from how many
records (docs/records.md, "Measured criteria").
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from freelancekit.portfolio.model import Criterion, Portfolio
from freelancekit.portfolio.storage import Store
from freelancekit.records.currency import load_money
from freelancekit.records.measures import Window, summary_frame
from freelancekit.records.store import RecordsPart


@dataclass(frozen=True)
class Measured:
    """One client's value of one criterion that came from the records."""

    value: float
    records: int  # how many records it was worked out from


@dataclass(frozen=True)
class Provenance:
    """Which criteria are switched to the records, and per client name the values that were measured."""

    switched: tuple[str, ...]
    measured: dict[str, dict[str, Measured]]

    def of(self, client: str, key: str) -> Measured | None:
        return self.measured.get(client, {}).get(key)



def on_time_as_rating(pct: float, crit: Criterion) -> float:
    """The on-time share on the criterion's scale: 100 % is the top of the scale, 0 % the bottom."""
    return crit.lo + (crit.hi - crit.lo) * pct / 100.0


def measured_values(portfolio: Portfolio, summary: pd.DataFrame, switched: tuple[str, ...]) -> Provenance:
    """The measured value of each switched criterion for each portfolio client that has one."""
    by_name = {row.client: row for row in summary.itertuples(index=False)}
    crits = {c.key: c for c in portfolio.criteria}
    out: dict[str, dict[str, Measured]] = {}
    for client in portfolio.clients:
        row = by_name.get(client.name)
        if row is None:
            continue
        got: dict[str, Measured] = {}
        if "hourly_rate" in switched and "hourly_rate" in crits and pd.notna(row.effective_rate):
            got["hourly_rate"] = Measured(float(row.effective_rate), int(row.time_records + row.invoices))
        if "on_time_payment" in switched and "on_time_payment" in crits and pd.notna(row.on_time_pct):
            got["on_time_payment"] = Measured(on_time_as_rating(float(row.on_time_pct), crits["on_time_payment"]), int(row.due_invoices))
        if got:
            out[client.name] = got
    return Provenance(tuple(k for k in switched if k in crits), out)


def apply(portfolio: Portfolio, provenance: Provenance) -> Portfolio:
    """The portfolio with the measured values in place of the typed ones (nothing is saved)."""
    if not provenance.measured:
        return portfolio
    clients = tuple(
        replace(c, values={**c.values, **{k: m.value for k, m in provenance.measured[c.name].items()}})
        if c.name in provenance.measured else c
        for c in portfolio.clients)
    return replace(portfolio, clients=clients)


def with_records(store: Store, portfolio: Portfolio | None = None, *, today: date | None = None) -> tuple[Portfolio, Provenance]:
    """The portfolio as the ranking sees it: switched criteria measured over the 12 months up to today."""
    portfolio = portfolio or store.portfolio()
    switched = tuple(k for k, s in RecordsPart(store).sources().items() if s == "records")
    if not switched:
        return portfolio, Provenance((), {})
    records, money = load_money(store)
    summary = summary_frame(records, Window.of(today=today), money)
    provenance = measured_values(portfolio, summary, switched)
    return apply(portfolio, provenance), provenance


def with_records_and_summary(store: Store, portfolio: Portfolio, *, today: date | None = None) -> tuple[Portfolio, Provenance, pd.DataFrame]:
    """``with_records`` plus the summary it came from (the app shows both); the summary is empty without records."""
    switched = tuple(k for k, s in RecordsPart(store).sources().items() if s == "records")
    records, money = load_money(store)
    summary = summary_frame(records, Window.of(today=today), money)
    provenance = measured_values(portfolio, summary, switched)
    return apply(portfolio, provenance), provenance, summary
