"""Which of the freelancer's services each client could buy next, and why (docs/drafts.md, "What an email offers").

Fit (0-100) uses only what the portfolio already knows:

* **co-occurrence** (weight 0.45): of the *other* clients who buy one of this
  client's services, the share who also buy the candidate (the best of the
  client's services counts), smoothed towards the candidate's overall
  popularity so one lone client does not decide;
* **industry** (0.25): the share of other clients in the same industry who buy it
  (smoothed the same way);
* **popularity** (0.15): the share of all other clients who buy it;
* **upsell** (0.15): the candidate is a bigger version of something the client
  buys (their names share a word, e.g. *Blog posts* -> *Blog management*);
  otherwise it is a cross-sell.

**Outcomes** (docs/drafts.md, "Learning from outcomes"): when drafts were
marked won or declined, a service's fit is multiplied by
``(won + 2) / (won + declined + 2)``, counted over clients of the same industry
(all clients when this one has no industry). It only ever lowers a fit: two
declines and no win make it half as strong, a service that is won as often as
declined keeps most of it.

The portfolio is indexed once (a client x service matrix and its co-occurrence
counts, numpy), so suggesting for three clients of a 1 000-client portfolio
costs well under a millisecond each.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from freelancekit.language.bidi import isolate
from freelancekit.language.i18n import t
from freelancekit.language.l10n import plural
from freelancekit.portfolio.model import Client, Portfolio, Service, service_key

Kind = Literal["upsell", "cross-sell"]
WEIGHTS = {"co": 0.45, "industry": 0.25, "popularity": 0.15, "upsell": 0.15}
PRIOR = 2.0  # pseudo-clients pulling small samples towards overall popularity
_WORD = re.compile(r"\w+")
_STOP = frozenset({"and", "the", "for", "with", "your", "per", "from", "of", "to", "a", "an", "&", "و", "في", "من", "على"})


def _stems(name: str) -> set[str]:
    return {w for w in service_key(name).split() if len(w) >= 3 and w not in _STOP}


@dataclass(frozen=True)
class Opportunity:
    """One service a client does not buy yet, with its fit and the evidence behind it."""

    service: Service
    kind: Kind
    fit: float  # 0-100, higher fits better
    builds_on: str  # the client's current service it grows from or pairs with ('' if none)
    peers: int  # other clients buying ``builds_on`` who also buy this service
    peer_base: int  # other clients buying ``builds_on``
    industry_peers: int  # other clients of the same industry who buy this service
    industry_base: int  # other clients of the same industry
    reason: str  # one line for the freelancer, in the portfolio's language
    won: int = 0  # times similar clients took it when offered (see outcome_factor)
    declined: int = 0  # times similar clients declined it

    @property
    def name(self) -> str:
        return self.service.title


@dataclass(frozen=True)
class ServiceIndex:
    """The portfolio's services as a client x service matrix, built once per portfolio."""

    services: tuple[Service, ...]
    keys: tuple[str, ...]
    client_rows: dict[int, int]  # client id -> row, for the saved clients
    bought: np.ndarray  # (n, m) bool
    counts: np.ndarray  # (m,) clients buying each service
    co: np.ndarray  # (m, m) clients buying both
    industry_counts: dict[str, np.ndarray]  # industry key -> (m,) buyers in that industry
    industry_sizes: dict[str, int]
    unsaved_rows: dict[int, int] = field(default_factory=dict)  # id(client) -> row: a client never saved has no id but itself


def industry_key(text: str) -> str:
    """The form two industries share when they are the same ("B2B  SaaS" = "b2b saas")."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


_industry_key = industry_key
OUTCOME_PRIOR = 2.0  # pseudo-wins: one decline alone does not sink a service


def outcome_factor(outcomes: Mapping[tuple[str, str], tuple[int, int]] | None, industry: str, service: str) -> tuple[float, int, int]:
    """The multiplier for a service's fit from what similar clients did with it, and the (won, declined) behind it."""
    if not outcomes:
        return 1.0, 0, 0
    key, ind = service_key(service), industry_key(industry)
    pairs = [wd for (i, s), wd in outcomes.items() if s == key and (i == ind or not ind)]
    won, declined = sum(w for w, _ in pairs), sum(d for _, d in pairs)
    return (won + OUTCOME_PRIOR) / (won + declined + OUTCOME_PRIOR), won, declined


def build_index(portfolio: Portfolio) -> ServiceIndex:
    """Index a portfolio once; pass the result to ``suggest`` for every client."""
    services = portfolio.profile.services
    keys = tuple(service_key(s.title) for s in services)
    col = {k: j for j, s in enumerate(services) for k in s.keys}  # a client may list a service by either language's name
    n, m = len(portfolio.clients), len(services)
    bought = np.zeros((n, m), dtype=bool)
    industries: list[str] = []
    for i, client in enumerate(portfolio.clients):
        for name in client.services:
            j = col.get(service_key(name))
            if j is not None:
                bought[i, j] = True
        industries.append(_industry_key(client.industry))
    as_int = bought.astype(np.int64)
    industry_counts: dict[str, np.ndarray] = {}
    industry_sizes: dict[str, int] = {}
    if n:
        ind = np.array(industries, dtype=object)
        for key in set(industries):
            if key:
                rows = ind == key
                industry_counts[key] = as_int[rows].sum(axis=0)
                industry_sizes[key] = int(rows.sum())
    return ServiceIndex(
        services, keys, {c.id: i for i, c in enumerate(portfolio.clients) if c.id is not None}, bought,
        as_int.sum(axis=0), as_int.T @ as_int, industry_counts, industry_sizes,
        {id(c): i for i, c in enumerate(portfolio.clients) if c.id is None},
    )


def buys(client: Client, service_name: str) -> bool:
    """Whether the client already buys this service (by ``service_key``)."""
    key = service_key(service_name)
    return any(service_key(s) == key for s in client.services)


def buys_service(client: Client, service: Service) -> bool:
    """Whether the client already buys this service, listed by its name in either language."""
    own = {service_key(s) for s in client.services}
    return bool(own & service.keys)


def _own_row(portfolio: Portfolio, index: ServiceIndex, client: Client) -> int | None:
    """The client's row in the index: a saved client by its id, while it is as the portfolio holds it.

    Any equal object counts (a client list read again holds new objects); an edited
    copy is scored as a client outside the portfolio. A client never saved (an
    in-memory portfolio) has no id and is found as the very object.
    """
    if client.id is None:
        return index.unsaved_rows.get(id(client))
    row = index.client_rows.get(client.id)
    return row if row is not None and portfolio.clients[row] == client else None


def _row_for(index: ServiceIndex, client: Client, row: int | None) -> np.ndarray:
    if row is not None:
        return index.bought[row]
    own = {service_key(s) for s in client.services}
    return np.array([bool(own & s.keys) for s in index.services], dtype=bool)


def suggest(
    portfolio: Portfolio, client: Client, *, index: ServiceIndex | None = None, limit: int | None = None,
    outcomes: Mapping[tuple[str, str], tuple[int, int]] | None = None,
) -> list[Opportunity]:
    """The profile's services this client does not buy yet, best fit first.

    ``client`` may be one of ``portfolio.clients`` or an edited copy of one.
    """
    index = index or build_index(portfolio)
    m = len(index.services)
    if not m:
        return []
    own_row = _own_row(portfolio, index, client)
    mine = _row_for(index, client, own_row)
    in_portfolio = own_row is not None
    # counts of the *other* clients: remove this client's own contribution
    mine_int = mine.astype(np.int64) if in_portfolio else np.zeros(m, dtype=np.int64)
    others = len(portfolio.clients) - (1 if in_portfolio else 0)
    counts = index.counts - mine_int
    popularity = counts / others if others > 0 else np.zeros(m)
    current = np.flatnonzero(mine)
    co_share = popularity.copy()
    best_base = np.full(m, -1)
    if current.size:
        # rows: current services c; other clients buying c and s (s is not bought by this client, so no correction)
        both = index.co[current]  # (k, m)
        base = (index.counts[current] - (1 if in_portfolio else 0))[:, None]  # (k, 1)
        smoothed = (both + PRIOR * popularity) / (base + PRIOR)
        pick = smoothed.argmax(axis=0)
        co_share = smoothed[pick, np.arange(m)]
        best_base = current[pick]
    ind_key = _industry_key(client.industry)
    ind_counts = index.industry_counts.get(ind_key)
    if ind_key and ind_counts is not None:
        ind_counts = ind_counts - mine_int
        ind_size = index.industry_sizes[ind_key] - (1 if in_portfolio else 0)
    else:
        ind_counts, ind_size = np.zeros(m, dtype=np.int64), 0
    ind_share = (ind_counts + PRIOR * popularity) / (ind_size + PRIOR)
    stems = [(_stems(s), s) for s in client.services]
    results = []
    for j in np.flatnonzero(~mine).tolist():
        service = index.services[j]
        if buys_service(client, service):  # free-text spelling of a profile service
            continue
        # by either of its names: a client lists services in its own language ("مقالات المدونة" grows into "إدارة المدونة")
        names = _stems(service.name) | _stems(service.name_ar)
        grows_from = next((name for st, name in stems if st & names), "")
        fit = 100 * (
            WEIGHTS["co"] * co_share[j] + WEIGHTS["industry"] * ind_share[j]
            + WEIGHTS["popularity"] * popularity[j] + WEIGHTS["upsell"] * bool(grows_from)
        )
        b = int(best_base[j])
        pairs_with = grows_from or (index.services[b].title if b >= 0 else (client.services[0] if client.services else ""))
        peer_base = int(index.counts[b]) - (1 if in_portfolio else 0) if b >= 0 else 0
        peers = int(index.co[b, j]) if b >= 0 else 0
        kind: Kind = "upsell" if grows_from else "cross-sell"
        factor, won, declined = outcome_factor(outcomes, client.industry, service.title)
        opp = Opportunity(service, kind, round(float(fit * factor), 1), pairs_with, peers, peer_base,
                          int(ind_counts[j]), ind_size, "", won, declined)
        results.append((-opp.fit, j, opp))
    results.sort(key=lambda t: (t[0], t[1]))
    out = [o for _, _, o in results]
    out = [_with_reason(o, client, portfolio.profile.locale) for o in out]
    return out[:limit] if limit is not None else out


def _with_reason(o: Opportunity, client: Client, locale: str) -> Opportunity:
    from dataclasses import replace

    return replace(o, reason=explain(o, client, locale))


def explain(o: Opportunity, client: Client, locale: str = "en") -> str:
    """One line for the freelancer: upsell or cross-sell, and the portfolio evidence.

    Evidence is what other clients do buy: "0 of 8 … also buy it" says nothing
    a freelancer can use, so a count of 0 is left out.
    """
    service = isolate(o.builds_on, locale)
    parts = [t("opportunity.upsell", locale, service=service) if o.kind == "upsell" else t("opportunity.cross_sell", locale)]
    if o.peers:
        parts.append(plural("opportunity.peers", o.peer_base, locale, peers=o.peers, service=service))
    if o.industry_peers:
        parts.append(plural("opportunity.industry_peers", o.industry_base, locale, peers=o.industry_peers,
                            industry=isolate(client.industry, locale)))
    if o.declined:
        parts.append(plural("opportunity.declined", o.declined, locale))
    if not o.peers and not o.industry_peers:
        parts.append(t("opportunity.no_evidence", locale))
    return t("opportunity.reason", locale, evidence=t("where.separator", locale).join(parts), fit=fit_words(o.fit, locale))


FIT_FLOORS = ((60, "opportunity.fit.strong"), (35, "opportunity.fit.good"), (15, "opportunity.fit.try"), (0, "opportunity.fit.long_shot"))


def fit_words(fit: float, locale: str = "en") -> str:
    """A fit (0-100) as a freelancer would say it: strong from 60, good from 35, worth a try from 15, else a long shot."""
    key = next((key for floor, key in FIT_FLOORS if fit >= floor), FIT_FLOORS[-1][1])
    return t(key, locale)


__all__ = ["Opportunity", "ServiceIndex", "build_index", "buys", "buys_service", "explain", "fit_words", "industry_key", "outcome_factor", "service_key",
           "suggest"]
