"""After the first records import: switch Pay rate and On-time payment to "from my records" where the records measure them.

The guided first run does this itself (and says so, with one click to undo):
a criterion is switched only when it exists, is still "my rating", and the
records measure it for at least one client; a criterion no client has the
records for would change nothing but the label (docs/records.md).
"""
from __future__ import annotations

from dataclasses import dataclass

from freelancekit.portfolio.records_schema import has_records
from freelancekit.portfolio.storage import Store
from freelancekit.records.measures import Window, summary_frame
from freelancekit.records.ranking import measured_values
from freelancekit.records.store import MEASURED_CRITERIA, RecordsPart


@dataclass(frozen=True)
class Switched:
    """What ``switch_measured`` changed: the criteria switched, and for how many clients each is measured."""

    keys: tuple[str, ...]
    measured: dict[str, int]
    clients: int


def measurable(store: Store) -> dict[str, int]:
    """Per measured criterion of this portfolio, how many clients the records measure it for (0 when none)."""
    portfolio = store.portfolio()
    keys = tuple(k for k in MEASURED_CRITERIA if any(c.key == k for c in portfolio.criteria))
    if not keys or not has_records(store.conn):
        return {k: 0 for k in keys}
    summary = summary_frame(RecordsPart(store).load(), Window.of())
    provenance = measured_values(portfolio, summary, keys)
    return {k: sum(1 for per in provenance.measured.values() if k in per) for k in keys}


def switch_measured(store: Store) -> Switched:
    """Switch to the records every measured criterion still on "my rating" that the records measure for someone."""
    counts = measurable(store)
    sources = RecordsPart(store).sources()
    keys = tuple(k for k, n in counts.items() if n > 0 and sources.get(k) == "rating")
    for key in keys:
        RecordsPart(store).set_source(key, "records")
    return Switched(keys, {k: counts[k] for k in keys}, store.client_count())


def undo_switch(store: Store, switched: Switched) -> None:
    """Back to "my rating" for the criteria ``switch_measured`` switched (a criterion removed since is left alone)."""
    existing = {c.key for c in store.criteria()}
    for key in switched.keys:
        if key in existing:
            RecordsPart(store).set_source(key, "rating")
