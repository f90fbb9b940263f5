"""The first run's starter services: a short list per kind of freelancer, picked with one click each.

A starter service is a catalog text (its name and the value line a client reads,
in English and in Arabic) and a typical price in the profile's currency, which the
user can edit before picking it. Picking adds one ``Service`` to the profile with
both languages filled, so drafts in either language name it properly; picking it
again changes nothing (a name in either language is a service's identity, case and
spacing aside).
The lists are deliberately short (three each): the first run asks for the
services a client already buys or might buy, not a catalogue.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from freelancekit.language import i18n
from freelancekit.language.phrasing import money
from freelancekit.portfolio import validation as v
from freelancekit.portfolio.model import Profile, Service

KINDS: tuple[str, ...] = ("writer", "designer", "developer", "assistant", "marketer")


@dataclass(frozen=True)
class Starter:
    """One starter service: its catalog key (``starter.<key>`` and ``starter.<key>.value``) and a typical price."""

    key: str
    price: float


# typical prices of a small job or a month's retainer, in the profile's currency (rounded: the user edits them)
STARTERS: dict[str, tuple[Starter, ...]] = {
    "writer": (Starter("writer.blog", 300), Starter("writer.newsletter", 400), Starter("writer.case_study", 600)),
    "designer": (Starter("designer.logo", 800), Starter("designer.social", 350), Starter("designer.website", 1500)),
    "developer": (Starter("developer.maintenance", 500), Starter("developer.feature", 1200), Starter("developer.audit", 900)),
    "assistant": (Starter("assistant.inbox", 400), Starter("assistant.calendar", 300), Starter("assistant.bookkeeping", 450)),
    "marketer": (Starter("marketer.ads", 700), Starter("marketer.seo", 600), Starter("marketer.email", 500)),
}


def starter_name(starter: Starter, locale: str) -> str:
    return i18n.t(f"starter.{starter.key}", locale)


def starter_value(starter: Starter, locale: str) -> str:
    """The one line a client reads: why they would want it."""
    return i18n.t(f"starter.{starter.key}.value", locale)


def price_hint(amount: str, currency: str, locale: str, digits: str | None = None) -> str:
    """'from $300' / 'من 300 دولار أمريكي' for a typed amount; the text as typed when it is not a number."""
    try:
        number = float(amount.replace(",", "").strip())
    except ValueError:
        return amount.strip()
    return i18n.t("starter.price_from", locale, price=money(number, currency, locale, digits))


def as_service(starter: Starter, price: str, currency: str, locale: str, digits: str | None = None) -> Service:
    """The profile service a pick adds, named in English and in Arabic, at the price shown (or as edited) in the user's language."""
    return Service(starter_name(starter, "en"), starter_value(starter, "en"), price_hint(price, currency, locale, digits),
                   starter_name(starter, "ar"), starter_value(starter, "ar"))


def is_named(service: Service, name: str) -> bool:
    """Whether ``name`` is ``service``'s name in either language (the first run shows the page's language only)."""
    return v.name_key(name) in {v.name_key(n) for n in (service.name, service.name_ar) if n}


def has_service(profile: Profile, name: str) -> bool:
    return any(is_named(s, name) for s in profile.services)


def with_service(profile: Profile, service: Service) -> Profile:
    """The profile with ``service`` added at the end; unchanged when a service of that name is there already."""
    if any(has_service(profile, n) for n in (service.name, service.name_ar) if n):
        return profile
    return replace(profile, services=(*profile.services, service))


def without_service(profile: Profile, name: str) -> Profile:
    """The profile without the service named ``name`` (a second click on a picked starter takes it back)."""
    return replace(profile, services=tuple(s for s in profile.services if not is_named(s, name)))
