"""What the data lets a draft say about the client and the relationship (docs/drafts.md, "True to the data").

A warm line is a claim: "I've really enjoyed working with you" to a client
rated 2/5 on enjoyment is a line the freelancer must delete before sending.
So every such line is a decision taken here, from the ratings (or the
measured on-time share, when the caller passes the portfolio as
``records.ranking.with_records`` makes it), and the templates only use it.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from freelancekit.language.phrasing import WinAge, win_age
from freelancekit.portfolio.model import Client, Criterion, Package, Portfolio, service_key

HIGH_FROM = 0.75  # of a rating's scale: 4 or 5 on 1-5; only these back a warm line
LOW_UP_TO = 0.25  # 1 or 2 on 1-5: never warm, and not a good moment to ask
WARMTH = ("enjoyment", "ease", "on_time_payment")  # the built-in ratings a warm line or the moment rests on
Reason = Literal["win", "working_on", "quarter"]


def _share(client: Client, criterion: Criterion | None) -> float | None:
    """Where the client's rating sits on its scale, 0 (worst) to 1 (best); None when not rated or not a rating."""
    if criterion is None or criterion.kind != "rating" or criterion.hi <= criterion.lo:
        return None
    value = client.values.get(criterion.key)
    if value is None:
        return None
    share = (float(value) - criterion.lo) / (criterion.hi - criterion.lo)
    return 1 - share if criterion.direction == "lower" else share


@dataclass(frozen=True)
class Standing:
    """The facts a draft may state about one client, each backed by the data."""

    enjoyed: bool  # enjoyment rated high: "I've really enjoyed working with you"
    easy: bool  # ease rated high: "it's always easy to work with you"
    buys: bool  # buys at least one service: "our work on your blog posts", "continue as we are"
    win: WinAge  # recent (the reason to write now), old (named with its date), undated, none
    low: tuple[str, ...]  # the WARMTH ratings at the bottom of their scale, in WARMTH order
    reason: Reason  # why write now: a recent win, what they are working on, else a check-in at the quarter

    @property
    def good_moment(self) -> bool:
        """A recent win with no rating at the bottom: the method's moment to ask (docs/drafts.md, "Timing")."""
        return self.win == "recent" and not self.low

    @property
    def wait_for(self) -> tuple[str, ...]:
        """What would make a good moment: a new win, payments on time, a better working relationship."""
        return (() if self.win == "recent" else ("win",)) + self.low


def standing(criteria: Iterable[Criterion], client: Client, today: date) -> Standing:
    """What may be said about ``client`` on ``today``, its ratings read on ``criteria``'s scales."""
    crits = {c.key: c for c in criteria}
    shares = {key: _share(client, crits.get(key)) for key in WARMTH}
    low = tuple(key for key, s in shares.items() if s is not None and s <= LOW_UP_TO)
    age = win_age(client.last_win, client.last_win_date, today)
    reason: Reason = "win" if age == "recent" and not low else "working_on" if client.working_on.strip() else "quarter"
    return Standing(
        enjoyed=(shares["enjoyment"] or 0) >= HIGH_FROM, easy=(shares["ease"] or 0) >= HIGH_FROM,
        buys=bool(client.services), win=age, low=low, reason=reason,
    )


def package_level_counts(portfolio: Portfolio) -> list[int]:
    """How many clients buy each package level: all its services, and not all of the next level's."""
    levels = [{service_key(s) for s in p.services} for p in portfolio.profile.packages]
    counts = [0] * len(levels)
    for client in portfolio.clients:
        own = {service_key(s) for s in client.services}
        held = [n for n, keys in enumerate(levels) if keys <= own]
        if held:
            counts[held[-1]] += 1
    return counts


def most_chosen(portfolio: Portfolio, packages: tuple[Package, ...]) -> int | None:
    """The level (index into ``packages``) that most of the user's own clients with a package bought, if one did.

    "The one most clients choose" is a claim about other clients: said only
    when at least two clients bought that level and more than half of those
    holding any level did; otherwise the draft says "the one I'd suggest".
    """
    counts = package_level_counts(portfolio)
    names = [p.name for p in portfolio.profile.packages]
    held = sum(counts)
    for n, package in enumerate(packages):
        if package.name in names:
            count = counts[names.index(package.name)]
            if count >= 2 and 2 * count > held:
                return n
    return None


__all__ = ["HIGH_FROM", "LOW_UP_TO", "Standing", "most_chosen", "package_level_counts", "standing"]
