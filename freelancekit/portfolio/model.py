"""The freelancer's portfolio as plain data, and the only way values get into it.

``make_*`` functions turn raw input (a form, a CSV row, an API call) into
validated dataclasses, collecting every problem at once so a user can fix them
all in one go.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from freelancekit.errors import InvalidInput, Problem
from freelancekit.language.numerals import DIGITS
from freelancekit.portfolio import validation as v
from freelancekit.portfolio.rates import UserRate, parse_currency
from freelancekit.portfolio.titles import parse_title

Kind = Literal["rating", "number"]
Direction = Literal["higher", "lower"]
_WORD = re.compile(r"\w+")


def service_key(name: str) -> str:
    """The form two service names share when they mean the same service.

    Case, spacing, ``&``/``and`` and a plural ``s`` do not matter, so a client
    typed as buying "blog post" is never offered "Blog posts".
    """
    words = _WORD.findall(unicodedata.normalize("NFKC", name).casefold().replace("&", " and "))
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words)


KINDS: tuple[str, ...] = ("rating", "number")
DIRECTIONS: tuple[str, ...] = ("higher", "lower")
LOCALES: tuple[str, ...] = ("en", "ar")

# CSV columns that are not criteria, in file order (docs/data.md, "Files in and out").
CLIENT_TEXT_FIELDS: tuple[str, ...] = ("name", "contact_name", "email", "industry", "services", "notes", "last_win")
# Client fields that go into an email header (a draft's To: name and Subject:): checked as header text.
HEADER_FIELDS: frozenset[str] = frozenset({"name", "contact_name"})
LIMITS = {"name": 200, "contact_name": 200, "industry": 200, "notes": 10_000, "last_win": 1_000, "service": 100, "working_on": 200}
MAX_SERVICES = 30
MAX_PACKAGES = 3


@dataclass(frozen=True)
class Service:
    name: str  # its English name ("" = named in Arabic only: ``name_ar`` stands for it everywhere)
    value: str = ""  # one-line value statement: why a client would want it
    price_hint: str = ""  # free text such as "from $300/month"
    name_ar: str = ""  # its Arabic name ("" = Arabic drafts use ``name``); clients may list it by either
    value_ar: str = ""  # its value statement in Arabic ("" = Arabic drafts use ``value``)

    @property
    def title(self) -> str:
        """The name it is known by whatever the language (packages, lists, outcomes): the English one, else the Arabic."""
        return self.name or self.name_ar

    def label(self, locale: str) -> str:
        """Its name in a draft of ``locale``: the one in that language when given, else the other's (docs/drafts.md)."""
        return self.name_ar if locale == "ar" and self.name_ar else self.title

    def value_in(self, locale: str) -> str:
        """Its value statement in ``locale`` (the other language's only when this one was left empty)."""
        if locale == "ar":
            return self.value_ar or self.value
        return self.value or self.value_ar

    @property
    def keys(self) -> frozenset[str]:
        """Every ``service_key`` a client's list may name it by (its name in each language)."""
        return frozenset(service_key(n) for n in (self.name, self.name_ar) if n)


@dataclass(frozen=True)
class Package:
    """One good/better/best level: some of the profile's services at one price (rules: docs/drafts.md)."""

    name: str
    services: tuple[str, ...]
    price: float
    price_note: str = ""  # what the price covers, such as "per month"
    separate_price: float | None = None  # what the same services cost one by one (shows the saving)
    name_ar: str = ""  # its Arabic name ("" = Arabic drafts use ``name``)

    def label(self, locale: str) -> str:
        return self.name_ar if locale == "ar" and self.name_ar else self.name

    @property
    def saving(self) -> float | None:
        """How much less the package costs than its services one by one; None when not given."""
        if self.separate_price is None or self.separate_price <= self.price:
            return None
        return round(self.separate_price - self.price, 2)


@dataclass(frozen=True)
class Profile:
    name: str = ""
    email: str = ""
    signature: str = ""
    currency: str = "USD"
    locale: str = "en"
    services: tuple[Service, ...] = ()
    revision: int = 0
    packages: tuple[Package, ...] = ()
    digits: str = "latn"  # how numbers are written in Arabic: "latn" (123) or "arab" (١٢٣); English always 123

    def service_names(self) -> list[str]:
        return [s.title for s in self.services]

    def service(self, name: str) -> Service | None:
        """The profile's service a name means, by its name in either language (``service_key``)."""
        key = service_key(name)
        return next((s for s in self.services if key in s.keys), None)


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    kind: Kind = "rating"
    direction: Direction = "higher"
    weight: float = 1.0
    lo: int = 1
    hi: int = 5
    builtin: bool = False
    revision: int = 0


@dataclass(frozen=True)
class Client:
    name: str
    contact_name: str = ""
    email: str = ""
    industry: str = ""
    services: tuple[str, ...] = ()
    notes: str = ""
    last_win: str = ""
    start_date: date | None = None
    values: Mapping[str, float | None] = field(default_factory=dict)
    id: int | None = None
    revision: int = 0
    last_win_date: date | None = None  # when the last win happened: a recent one makes a good moment to ask
    working_on: str = ""  # what they are working on now, in words the client would use ("a spring campaign")
    language: str = ""  # the language their drafts are written in ("" = the profile's)
    currency: str = ""  # the ISO 4217 code they pay in ("" = the profile's; docs/currencies.md)
    title: str = ""  # the contact's title as a code ("dr_f", titles.TITLES): how a formal draft greets them; "" = not known

    @property
    def key(self) -> str:
        return v.name_key(self.name)

    @property
    def saved_id(self) -> int:
        """The id of a client read from the store (one being typed, never saved, has none: a bug to ask)."""
        if self.id is None:
            raise ValueError(f"client {self.name!r} is not saved")
        return self.id


@dataclass(frozen=True)
class Portfolio:
    profile: Profile
    criteria: tuple[Criterion, ...]
    clients: tuple[Client, ...]
    is_demo: bool = False
    rates: tuple[UserRate, ...] = ()  # the rates the user typed for currencies the app brings none for

    def criterion(self, key: str) -> Criterion:
        for c in self.criteria:
            if c.key == key:
                return c
        raise InvalidInput(Problem("criterion", code="criterion.unknown", value=key, choices=[c.key for c in self.criteria]))


def builtin_criteria() -> tuple[Criterion, ...]:
    """The five built-in criteria every new portfolio starts with (docs/data.md)."""
    return (
        Criterion("hourly_rate", "Pay rate", "number", "higher", 1.0, builtin=True),
        Criterion("on_time_payment", "On-time payment", builtin=True),
        Criterion("ease", "Ease of working with", builtin=True),
        Criterion("enjoyment", "Enjoyment of the work", builtin=True),
        Criterion("learning", "Learning new skills", builtin=True),
    )


class _Collector:
    """Runs field checks and keeps every problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def check(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except InvalidInput as exc:
            self.problems.extend(exc.problems)
            return None

    def done(self) -> None:
        if self.problems:
            raise InvalidInput(self.problems)


def parse_services(value: Any, field: str = "services", row: int | None = None) -> tuple[str, ...]:
    """A list (or a ``;``-separated string) of service names, de-duplicated case-insensitively."""
    if value is None or value == "":
        return ()
    if not isinstance(value, (str, list, tuple)):  # a number, a dict, a set...: not a list of names
        raise v.refuse(field, "services.not_names", row)
    items: Iterable[Any] = value.split(";") if isinstance(value, str) else value
    if isinstance(value, str) and len(value) > LIMITS["service"] * MAX_SERVICES * 2:
        raise v.refuse(field, "services.too_long", row, maximum=MAX_SERVICES)
    seen: dict[str, str] = {}
    for item in items:
        name = v.clean_text(item, field, row=row, max_length=LIMITS["service"])
        if ";" in name:
            raise v.refuse(field, "services.semicolon_in_name", row, value=name)
        if name and v.name_key(name) not in seen:
            seen[v.name_key(name)] = name
    if len(seen) > MAX_SERVICES:
        raise v.refuse(field, "services.too_many", row, count=len(seen), maximum=MAX_SERVICES)
    return tuple(seen.values())


def parse_win_date(value: Any, field: str = "last_win_date", *, row: int | None = None, today: date | None = None) -> date | None:
    """When the last win happened: a date, today at the latest (a win in the future is a typo)."""
    day = v.parse_date(value, field, row=row)
    limit = today or date.today()
    if day is not None and day > limit:
        raise v.refuse(field, "win_date.in_future", row, value=day.isoformat(), today=limit.isoformat())
    return day


def parse_client_language(value: Any, field: str = "language", *, row: int | None = None) -> str:
    """The language of a client's drafts: 'en', 'ar', or empty for the profile's language."""
    text = value.strip().lower() if isinstance(value, str) else value
    if text in (None, ""):
        return ""
    if text not in LOCALES:
        shown = text if isinstance(text, str) and len(text) < 40 else "?"
        raise v.refuse(field, "language.unknown", row, value=shown)
    return text


def parse_value(criterion: Criterion, value: Any, row: int | None = None) -> float | None:
    """One criterion value for one client, by the criterion's kind."""
    if criterion.kind == "rating":
        return v.parse_rating(value, criterion.key, criterion.lo, criterion.hi, row=row)
    return v.parse_number(value, criterion.key, row=row)


class _ClientFields(Mapping[str, Any]):
    """A Client read as the raw mapping ``make_client`` takes: its own fields, no copy."""

    def __init__(self, client: Client):
        self._client = client

    def __getitem__(self, key: str) -> Any:
        try:
            return getattr(self._client, key)
        except AttributeError:
            raise KeyError(key) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._client.__dataclass_fields__)

    def __len__(self) -> int:
        return len(self._client.__dataclass_fields__)


def make_client(
    raw: Mapping[str, Any] | Client,
    criteria: Iterable[Criterion],
    *,
    row: int | None = None,
    id: int | None = None,
    revision: int = 0,
) -> Client:
    """A validated client from raw values keyed by CSV column names, or a Client checked field by field."""
    if isinstance(raw, Client):
        raw = _ClientFields(raw)
    c = _Collector()
    text = {
        f: c.check(v.clean_text, raw.get(f), f, row=row, max_length=LIMITS[f], multiline=f == "notes", required=f == "name",
                   header=f in HEADER_FIELDS)
        for f in ("name", "contact_name", "industry", "notes", "last_win")
    }
    email = c.check(v.clean_email, raw.get("email"), "email", row=row)
    services = c.check(parse_services, raw.get("services"), "services", row)
    start = c.check(v.parse_start_date, raw.get("start_date"), "start_date", row=row)
    win_date = c.check(parse_win_date, raw.get("last_win_date"), row=row)
    working_on = c.check(v.clean_text, raw.get("working_on"), "working_on", row=row, max_length=LIMITS["working_on"])
    language = c.check(parse_client_language, raw.get("language"), row=row)
    currency = c.check(parse_currency, raw.get("currency"), row=row)
    title = c.check(parse_title, raw.get("title"), row=row)
    raw_values = raw.get("values") or {}
    values = {}
    for crit in criteria:
        given = raw_values.get(crit.key, raw.get(crit.key)) if isinstance(raw_values, Mapping) else raw.get(crit.key)
        values[crit.key] = c.check(parse_value, crit, given, row)
    c.done()
    return Client(
        name=text["name"],
        contact_name=text["contact_name"],
        email=email,
        industry=text["industry"],
        services=services,
        notes=text["notes"],
        last_win=text["last_win"],
        start_date=start,
        values=values,
        id=id,
        revision=revision,
        last_win_date=win_date,
        working_on=working_on,
        language=language,
        currency=currency,
        title=title,
    )


def make_service(raw: Mapping[str, Any], row: int | None = None) -> Service:
    c = _Collector()
    # a service's name goes into a draft's Subject: header; a name in one language is enough (the drafts fall back)
    named_ar = bool(str(raw.get("name_ar") or "").strip())
    name = c.check(v.clean_text, raw.get("name"), "service name", row=row, max_length=LIMITS["service"], required=not named_ar, header=True)
    if name and ";" in name:
        c.problems.append(Problem("service name", row=row, code="service.semicolon", value=name))
    value = c.check(v.clean_text, raw.get("value"), "value statement", row=row, max_length=300)
    price = c.check(v.clean_text, raw.get("price_hint"), "price hint", row=row, max_length=100)
    name_ar = c.check(v.clean_text, raw.get("name_ar"), "service name (Arabic)", row=row, max_length=LIMITS["service"], header=True)
    if name_ar and ";" in name_ar:
        c.problems.append(Problem("service name (Arabic)", row=row, code="service.semicolon", value=name_ar))
    value_ar = c.check(v.clean_text, raw.get("value_ar"), "value statement (Arabic)", row=row, max_length=300)
    c.done()
    return Service(name, value, price, name_ar, value_ar)


def make_profile(raw: Mapping[str, Any], revision: int = 0) -> Profile:
    c = _Collector()
    name = c.check(v.clean_text, raw.get("name"), "name", max_length=200, header=True)  # the drafts' From: name
    email = c.check(v.clean_email, raw.get("email"), "email")
    signature = c.check(v.clean_text, raw.get("signature"), "signature", multiline=True, max_length=2_000)
    currency = c.check(v.clean_currency, raw.get("currency") or "USD", "currency")
    locale = c.check(v.clean_choice, raw.get("locale") or "en", "language", LOCALES)
    services: list[Service] = []
    for part in ("services", "packages"):  # a file 'profile edit' reads may hold anything
        if not isinstance(raw.get(part) or (), (list, tuple)):
            c.problems.append(Problem(part, code="profile.not_a_list"))
    given = raw.get("services")
    listed: Iterable[Any] = given if isinstance(given, (list, tuple)) else ()
    for i, s in enumerate(listed, start=1):
        item = s if isinstance(s, Mapping) else {f: getattr(s, f, "") for f in ("value", "price_hint", "name_ar", "value_ar")} | {"name": getattr(s, "name", s)}
        made = c.check(make_service, item, i)
        if made is not None:
            services.append(made)
    keys = [k for s in services for k in s.keys]
    dupes = sorted({s.title for s in services if any(keys.count(k) > 1 for k in s.keys)})
    if dupes:
        c.problems.append(Problem("services", code="services.duplicate", value=dupes[0]))
    packages = c.check(make_packages, raw.get("packages") if isinstance(raw.get("packages"), (list, tuple)) else (), services)
    digits = c.check(v.clean_choice, raw.get("digits") or "latn", "digits", DIGITS)
    c.done()
    return Profile(name, email, signature, currency, locale, tuple(services), revision, packages, digits)


def _as_mapping(item: Any) -> Mapping[str, Any]:
    if isinstance(item, Mapping):
        return item
    return {f: getattr(item, f, None) for f in ("name", "services", "price", "price_note", "separate_price", "name_ar")}


def without_missing_services(packages: Iterable[Package], service_names: Iterable[str]) -> tuple[Package, ...]:
    """The packages once services were renamed or removed: each keeps the services still offered; an empty one goes.

    Removing the same service from every level keeps them nested (docs/drafts.md).
    """
    known = {service_key(n) for n in service_names}
    kept = [replace(p, services=tuple(s for s in p.services if service_key(s) in known)) for p in packages]
    return tuple(p for p in kept if p.services)


def make_packages(raw: Iterable[Any], services: Iterable[Service]) -> tuple[Package, ...]:
    """The profile's good/better/best packages, checked against its services.

    Rules (docs/drafts.md): at most three, each with a unique name, one or more
    of the profile's own services and a price; each level holds every service
    of the level before it (so an email names each service once: "everything
    in Good, plus ..."); a separate price, when given, is above the package price.
    """
    items = list(raw)
    if not items:
        return ()
    problems: list[Problem] = []
    if len(items) > MAX_PACKAGES:
        raise v.refuse("packages", "packages.too_many", maximum=MAX_PACKAGES, count=len(items) - MAX_PACKAGES)
    by_key = {k: s.title for s in services for k in s.keys}
    made: list[Package] = []
    for i, item in enumerate(items, start=1):
        c = _Collector()
        m = _as_mapping(item)
        name = c.check(v.clean_text, m.get("name"), "package name", row=i, max_length=60, required=True)
        names = c.check(parse_services, m.get("services"), "package services", i) or ()
        price = c.check(v.parse_number, m.get("price"), "package price", row=i, required=True)
        note = c.check(v.clean_text, m.get("price_note"), "package price note", row=i, max_length=60)
        separate = c.check(v.parse_number, m.get("separate_price"), "separate price", row=i)
        name_ar = c.check(v.clean_text, m.get("name_ar"), "package name (Arabic)", row=i, max_length=60)
        chosen = []
        for n in names:
            if service_key(n) not in by_key:
                c.problems.append(Problem("package services", row=i, code="packages.not_a_service", value=n))
            else:
                chosen.append(by_key[service_key(n)])
        if not names and not any(p.field == "package services" for p in c.problems):
            c.problems.append(Problem("package services", row=i, code="packages.no_service"))
        if price is not None and separate is not None and separate <= price:
            c.problems.append(Problem("separate price", row=i, code="packages.separate_price", value=separate, minimum=price))
        if made and chosen and not {service_key(s) for s in made[-1].services} <= {service_key(s) for s in chosen}:
            missing = [s for s in made[-1].services if service_key(s) not in {service_key(x) for x in chosen}]
            c.problems.append(Problem("package services", row=i, code="packages.not_nested", name=made[-1].name, missing=missing))
        if name and any(v.name_key(p.name) == v.name_key(name) for p in made):
            c.problems.append(Problem("package name", row=i, code="packages.name_twice", value=name))
        problems += c.problems
        if not c.problems:
            made.append(Package(name, tuple(chosen), price, note, separate, name_ar or ""))
    if problems:
        raise InvalidInput(problems)
    return tuple(made)


def make_criterion(
    raw: Mapping[str, Any], taken: Iterable[str] = (), *, builtin: bool = False, revision: int = 0
) -> Criterion:
    """A validated criterion; a missing key is derived from the label."""
    c = _Collector()
    label = c.check(v.clean_text, raw.get("label"), "label", max_length=60, required=True)
    taken_set = set(taken)
    key = raw.get("key")
    if key in (None, ""):
        key = v.slugify_key(label or "", taken_set | set(CLIENT_TEXT_FIELDS) | {"start_date"})
    else:
        key = c.check(v.clean_key, key, "key")
        if key in CLIENT_TEXT_FIELDS or key == "start_date":
            c.problems.append(Problem("key", code="criterion.key_is_column", value=key))
    kind = c.check(v.clean_choice, raw.get("kind") or "rating", "kind", KINDS)
    direction = c.check(v.clean_choice, raw.get("direction") or "higher", "direction", DIRECTIONS)
    weight = c.check(v.parse_weight, raw.get("weight", 1), "weight")
    lo = c.check(v.parse_number, raw.get("lo", 1), "scale from", minimum=-100, maximum=100, required=True)
    hi = c.check(v.parse_number, raw.get("hi", 5), "scale to", minimum=-100, maximum=100, required=True)
    if lo is not None and hi is not None and (not lo.is_integer() or not hi.is_integer() or hi <= lo):
        c.problems.append(Problem("scale", code="criterion.scale", minimum=lo, maximum=hi))
    c.done()
    return Criterion(key, label, kind, direction, weight, int(lo), int(hi), builtin, revision)


def with_weights(criteria: Iterable[Criterion], weights: Mapping[str, Any]) -> tuple[Criterion, ...]:
    """The criteria with some weights replaced (validated); unknown keys are an error."""
    criteria = tuple(criteria)
    known = {c.key for c in criteria}
    unknown = [k for k in weights if k not in known]
    if unknown:
        raise v.refuse("weight", "weight.unknown_criterion", value=unknown[0], choices=sorted(known))
    return tuple(replace(c, weight=v.parse_weight(weights[c.key], c.key)) if c.key in weights else c for c in criteria)
