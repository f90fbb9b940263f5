"""Which clients get a draft card, and what the freelancer chose for each (services, tone, packages).

Apart from the card so the view can keep each client's choices across
redraws, and a card can tell a saved draft's choices from the ones shown,
without either knowing the other's widgets.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from freelancekit.drafts.drafting import TONES, Draft
from freelancekit.drafts.fitting import best_services
from freelancekit.portfolio.model import service_key
from freelancekit.ui.common import AppState

if TYPE_CHECKING:
    from collections.abc import Sequence

    from freelancekit.drafts.opportunities import Opportunity
    from freelancekit.portfolio.model import Client, Package

TOP = 3
MAX_PICKS = 3


@dataclass(frozen=True)
class Choices:
    """What the freelancer chose for one client: services (None = best fit), tone, packages."""

    services: tuple[str, ...] | None = None
    tone: str = "warm"
    packages: bool = True

    @classmethod
    def of(cls, draft: Draft) -> Choices:
        return cls(tuple(draft.offers) or None, draft.tone if draft.tone in TONES else "warm",
                   draft.packages or len(draft.offers) != MAX_PICKS)

    def same_as(self, other: Choices) -> bool:
        """Same services (in any order), tone, and packages where they apply (three services)."""
        mine = frozenset(service_key(s) for s in self.services or ())
        theirs = frozenset(service_key(s) for s in other.services or ())
        packages_apply = len(mine) == MAX_PICKS
        return (mine, self.tone, packages_apply and self.packages) == (theirs, other.tone, packages_apply and other.packages)


def first_picks(suggestions: Sequence[Opportunity], client: Client, packages: Sequence[Package] = ()) -> tuple[str, ...]:
    """What a new card ticks: what its draft offers (the last package offered, else the best one or two
    fitting services), so a low-pressure email does not offer three services unless the freelancer adds one."""
    if packages:
        return tuple(packages[-1].services)
    return tuple(o.name for o in best_services(suggestions, client))


def top_clients(state: AppState, n: int = TOP) -> list[Client]:
    """The ``n`` best-ranked clients with the current weights (raises InvalidInput when all weights are 0)."""
    table = state.score_table()
    if not table.names:
        return []
    by_id = {c.id: c for c in state.clients()}
    return [by_id[table.ids[i]] for i in state.ranking().order[:n].tolist()]
