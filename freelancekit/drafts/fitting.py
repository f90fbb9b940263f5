"""Which offer suits one client: a package most of whose services fit, else the best one or two services
(docs/drafts.md, "What an email offers").

A service *fits* a client when the portfolio backs it (a fit of "worth a
try" or better, ``FITS_FROM``) or when its name or value line shares a word
with what the client is working on or their industry. Offering a package
whose services mostly do not fit is how a coffee roaster got "case studies
that help the sales team close deals": a package needs more than half of
its services to fit, else the client gets the one or two services that do.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from itertools import combinations

from freelancekit.drafts.opportunities import Opportunity, buys_service
from freelancekit.portfolio.model import Client, Package, Profile, service_key

FITS_FROM = 15.0  # opportunities.FIT_FLOORS: "worth a try" and up
WORD_BONUS = 20.0  # a shared word with working_on or the industry counts as much as a fair co-occurrence
MAX_SINGLE = 2  # without a package: the best one or two services
_WORD = re.compile(r"\w{4,}")
_STOP = frozenset({"with", "that", "your", "from", "they", "them", "their", "this", "every", "more", "into", "each", "back",
                   "so", "the", "for", "and", "than", "what", "have", "will", "month", "week", "year"})


# Arabic: the article and the particles fused with it go ("المدونة" meets "مدونة", "بالمحتوى" meets "محتوى"), and
# a word is cut to its first four letters, as Arabic adds its endings ("مدونة", "مدونات", "مدونتك")
_ARABIC_WORD = re.compile("[\u0600-\u06ff]")
_ARTICLE = re.compile("^(?:[وفبك]?ال|لل)")
_STOP_AR = frozenset({"هذه", "هذا", "التي", "الذي", "خلال", "حتى", "عندما", "أكثر", "كانت", "يمكن"})


def _stem(word: str) -> str:
    if not _ARABIC_WORD.match(word):
        return word[:5]
    bare = _ARTICLE.sub("", word)
    return bare[:4] if len(bare) >= 3 else ""


def _words(text: str) -> set[str]:
    """Words of four letters or more, cut to their first five so 'campaign' meets 'campaigns' (Arabic: ``_stem``)."""
    return {_stem(w) for w in _WORD.findall(text.casefold()) if w not in _STOP and w not in _STOP_AR} - {""}


def shared_words(o: Opportunity, client: Client) -> bool:
    """Whether the service's names or value lines share a word with the client's work now or their industry."""
    theirs = _words(f"{client.working_on} {client.industry}")
    s = o.service
    return bool(theirs & _words(f"{s.name} {s.name_ar} {s.value} {s.value_ar}"))


def relevance(o: Opportunity, client: Client) -> float:
    return o.fit + (WORD_BONUS if shared_words(o, client) else 0.0)


def fitting(opportunities: Sequence[Opportunity], client: Client) -> list[Opportunity]:
    """The services that fit this client, most relevant first."""
    fit = [o for o in opportunities if o.fit >= FITS_FROM or shared_words(o, client)]
    return sorted(fit, key=lambda o: -relevance(o, client))


def fitting_packages(profile: Profile, client: Client, fit: Sequence[Opportunity]) -> tuple[Package, ...]:
    """The levels the client can take (buys none of their services) and more than half of whose services fit.

    Levels are nested, so these are the first levels up to the last that fits.
    """
    fits = {service_key(o.name) for o in fit}
    chosen: list[Package] = []
    for p in profile.packages:
        services = [profile.service(s) for s in p.services]
        if any(s is None or buys_service(client, s) for s in services):
            break
        if 2 * sum(service_key(s.title) in fits for s in services if s is not None) <= len(services):
            break
        chosen.append(p)
    return tuple(chosen)


def same_offer(names: Iterable[str]) -> frozenset[str]:
    """What an offer is, to compare two: its services, whatever their order or the language they are named in."""
    return frozenset(service_key(n) for n in names)


def repeats(offers: Iterable[Opportunity], avoid: Collection[tuple[str, ...]]) -> bool:
    """Whether these services are an offer already made (``avoid``), in any order."""
    return same_offer(o.name for o in offers) in {same_offer(a) for a in avoid}


def best_services(opportunities: Sequence[Opportunity], client: Client, avoid: Collection[tuple[str, ...]] = ()) -> list[Opportunity]:
    """The best one or two services: the fitting ones, else the single best.

    When that offer went to a client of another industry (``avoid``), the next pair of fitting services
    in order of relevance (the best kept first while it can be) that none of them got. Comparing the
    offers as ordered tuples and swapping only the last service let the same two services through in
    another order, or a swap land on a third client's offer (tests/test_drafting.py's generated_portfolio, seeds
    0-399 x 2 languages x 2 tones: 28 such pairs of drafts before, none after).
    """
    fit = fitting(opportunities, client)
    if not fit:
        return list(opportunities[:1])
    size = min(MAX_SINGLE, len(fit))
    for pair in combinations(fit, size):  # (0, 1), (0, 2), ... (1, 2): the best service stays while it can
        if not repeats(pair, avoid):
            return list(pair)
    return fit[:size]


__all__ = ["FITS_FROM", "best_services", "fitting", "fitting_packages", "relevance", "repeats", "same_offer", "shared_words"]
