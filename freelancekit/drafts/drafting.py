"""Personal upsell/cross-sell email drafts for the top clients (rules: docs/drafts.md).

Entry points (all plain functions; the UI and the CLI call these):

* ``suggest(portfolio, client)`` (from ``opportunities``) - the services a client
  does not buy yet, best fit first, each with a one-line reason; let the
  freelancer pick or drop them and pass the chosen names as ``services``.
* ``compose_draft(portfolio, client, tone="warm", services=None, packages=True,
  templates=None) -> Draft`` - one draft (subject + body) in the profile's locale.
* ``draft_top_three(portfolio, tone="warm", picks=None, ...) -> DraftSet`` - the
  drafts for the three best-ranked clients (clients with nothing left to offer
  are listed in ``DraftSet.skipped`` with the reason).
* ``edit_draft(draft, subject=..., body=..., ...)`` and ``set_status(draft,
  "sent", follow_up=...)`` - validated changes; ``save_draft(store, draft)``,
  ``load_drafts(store)``, ``load_draft(store, client_id)`` - persistence with the
  store's revision check (a stale save raises ``StaleEdit``).
* ``template_names()``, ``default_template(name)``, ``set_template(store, name,
  body)`` (checks the template first), ``reset_template(store, name)`` - per
  portfolio template overrides.
* ``lint_draft(draft)`` - what a reader would notice before sending (unfilled
  placeholders, "None", doubled spaces, empty sentences); empty list = clean.

Templates are Jinja2 files under ``freelancekit/templates/<locale>/<tone>_{subject,body}.j2``
rendered in a ``SandboxedEnvironment`` with ``StrictUndefined`` and no
autoescaping (plain text): a user's template only sees strings and lists and
cannot reach Python internals. Exports (.eml, mailto:, text, zip) live in
``mailexport``.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from freelancekit.drafts.fitting import best_services, fitting, fitting_packages, repeats, same_offer
from freelancekit.drafts.opportunities import Opportunity, ServiceIndex, build_index, buys, industry_key, suggest
from freelancekit.drafts.price_hints import in_currency
from freelancekit.drafts.standing import most_chosen, standing
from freelancekit.drafts.store import DraftsPart
from freelancekit.errors import EXIT_INPUT, FreelancekitError, InvalidInput, Problem
from freelancekit.language import i18n
from freelancekit.language.bidi import is_rtl_locale, isolate, mark_rtl_lines, strip_marks
from freelancekit.language.l10n import join_list
from freelancekit.language.phrasing import call_days, day_name, long_date, money, percent
from freelancekit.portfolio import validation as v
from freelancekit.portfolio.model import Client, Package, Portfolio, Profile, service_key
from freelancekit.portfolio.rates import Rates, natural_price
from freelancekit.portfolio.titles import gender

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

    from freelancekit.portfolio.storage import Store
    from freelancekit.ranking.scoring import Ranking

TONES: tuple[str, ...] = ("warm", "formal")
STATUSES: tuple[str, ...] = ("draft", "sent", "replied", "won", "declined")  # Draft -> Sent -> Replied -> Won / Declined
CLOSED: tuple[str, ...] = ("won", "declined")
LOCALES: tuple[str, ...] = ("en", "ar")
PARTS: tuple[str, ...] = ("subject", "body")
MAX_OFFERS = 3
FOLLOW_UP_DAYS = 7
SUBJECT_MAX, BODY_MAX, TEMPLATE_MAX = 250, 20_000, 20_000
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "sir", "dame", "د", "أ", "م",
                     "السيد", "السيدة", "الأستاذ", "الأستاذة", "الدكتور", "الدكتورة", "المهندس", "المهندسة"})
# words that belong to the family name after them: "Al Sayed", "van der Berg", "bin Zayed"
_SURNAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "abou", "van", "von", "der", "den", "de", "da", "del", "della", "di",
                                "du", "la", "le", "st", "st.", "mac", "ben"})


@dataclass(frozen=True)
class Draft:
    """One client's email draft, as saved with the portfolio."""

    client_id: int | None
    client_name: str
    contact_name: str
    to_email: str
    subject: str
    body: str
    locale: str = "en"
    tone: str = "warm"
    offers: tuple[str, ...] = ()
    packages: bool = False
    status: str = "draft"
    follow_up: date | None = None
    revision: int = 0
    won_what: tuple[str, ...] = ()  # the services or the package the client took (status "won")
    won_value: float | None = None  # what it is worth, in the profile's currency
    closed_on: date | None = None  # the day it was marked won or declined

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED

    def to_data(self) -> dict[str, Any]:
        """A JSON-able dict (what ``Store.drafts.save`` stores); ``revision`` lives in the store."""
        data = asdict(self)
        data.pop("revision")
        data["offers"] = list(self.offers)
        data["follow_up"] = self.follow_up.isoformat() if self.follow_up else None
        data["won_what"] = list(self.won_what)
        data["closed_on"] = self.closed_on.isoformat() if self.closed_on else None
        return data

    @classmethod
    def from_data(cls, data: Mapping[str, Any], revision: int = 0, client_id: int | None = None) -> Draft:
        known = {f for f in cls.__dataclass_fields__ if f != "revision"}
        values = {k: data[k] for k in known if k in data}
        values["offers"] = tuple(values.get("offers") or ())
        values["follow_up"] = v.parse_date(values.get("follow_up"), "follow_up")
        values["won_what"] = tuple(values.get("won_what") or ())
        values["closed_on"] = v.parse_date(values.get("closed_on"), "closed_on")
        if client_id is not None:
            values["client_id"] = client_id
        return cls(**values, revision=revision)


@dataclass(frozen=True)
class DraftSet:
    """The drafts for the top clients, and the clients skipped (name, reason)."""

    drafts: list[Draft]
    skipped: list[tuple[str, FreelancekitError]] = field(default_factory=list)  # the reason words itself: exc.text(locale)


# -- templates -----------------------------------------------------------------
def template_names() -> list[str]:
    """Every template a portfolio may override, such as ``en/warm_body.j2``."""
    return [f"{loc}/{tone}_{part}.j2" for loc in LOCALES for tone in TONES for part in PARTS]


def default_template(name: str) -> str:
    """The template text shipped with freelancekit."""
    _check_template_name(name)
    return resources.files("freelancekit.drafts").joinpath("templates", name).read_text("utf-8")


def _check_template_name(name: str) -> None:
    if name not in template_names():
        raise InvalidInput(Problem("template", code="template.unknown", value=name, choices=list(template_names())))


def _new_environment(overrides: Mapping[str, str]) -> SandboxedEnvironment:
    from jinja2 import ChoiceLoader, DictLoader, FunctionLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    def shipped(name: str) -> str | None:
        return default_template(name) if name in template_names() else None

    return SandboxedEnvironment(
        loader=ChoiceLoader([DictLoader(dict(overrides)), FunctionLoader(shipped)]),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
    )


@lru_cache(maxsize=1)
def _shipped_environment() -> SandboxedEnvironment:
    """Compiled shipped templates are reused (a cache, not state: they never change)."""
    return _new_environment({})


def _environment(overrides: Mapping[str, str] | None) -> SandboxedEnvironment:
    relevant = {k: val for k, val in (overrides or {}).items() if k in template_names()}
    return _new_environment(relevant) if relevant else _shipped_environment()


def _render(env: SandboxedEnvironment, name: str, context: Mapping[str, Any]) -> str:
    from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    try:
        return env.get_template(name).render(context)
    except TemplateSyntaxError as exc:
        raise InvalidInput(Problem("template", code="template.syntax", name=name, line=exc.lineno or 0, detail=exc.message or "")) from None
    except UndefinedError as exc:
        raise InvalidInput(Problem("template", code="template.undefined", name=name, detail=exc.message or "", known=sorted(context))) from None
    except SecurityError:
        raise InvalidInput(Problem("template", code="template.unsafe", name=name)) from None
    except (TemplateError, TypeError, ValueError, ArithmeticError, RecursionError) as exc:
        raise InvalidInput(Problem("template", code="template.failed", name=name, detail=str(exc))) from None


def set_template(store: Store, name: str, body: str) -> None:
    """Save a portfolio's own version of one template, after checking it renders a sample draft."""
    _check_template_name(name)
    text = v.clean_text(body, "template", multiline=True, max_length=TEMPLATE_MAX, required=True)
    locale, tone = name.split("/")[0], name.split("/")[1].split("_")[0]
    from freelancekit.portfolio.demo import demo_portfolio

    sample = demo_portfolio()
    sample = replace(sample, profile=replace(sample.profile, locale=locale))
    compose_draft(sample, sample.clients[0], tone=tone, templates={name: text})  # raises a clear InvalidInput
    DraftsPart(store).save_template(name, text)


def reset_template(store: Store, name: str) -> None:
    """Go back to the shipped template."""
    _check_template_name(name)
    DraftsPart(store).save_template(name, None)


# -- text helpers --------------------------------------------------------------
def without_titles(contact: str) -> str:
    """The contact's name without a title typed into it: 'Dr. Hannah Kim' -> 'Hannah Kim' (the greeting says the title)."""
    words = contact.split()
    while len(words) > 1 and words[0].rstrip(".").casefold() in _TITLES:
        words = words[1:]
    return " ".join(words)


def first_name(contact: str) -> str:
    """The given name to greet someone by: 'Dr. Hannah Kim' -> 'Hannah'."""
    words = without_titles(contact).split()
    return words[0] if words else ""


def surname(contact: str) -> str:
    """The family name a formal English greeting puts after the title: 'Priya Natarajan' -> 'Natarajan',
    'Ahmed Al Sayed' -> 'Al Sayed'; the only name when there is one (docs/drafts.md, "Greetings")."""
    words = without_titles(contact).split()
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in _SURNAME_PARTICLES:
        start -= 1
    return " ".join(words[max(start, 0):])


def _in_text(name: str, locale: str) -> str:
    """A service name inside an English sentence: 'Blog posts' -> 'blog posts', 'SEO refresh' stays."""
    if locale == "en":
        first = name.split(" ", 1)[0]
        if len(first) > 1 and first[0].isupper() and first[1:].islower():
            return name[0].lower() + name[1:]
        return name
    return isolate(name, locale)


def _win(text: str, locale: str) -> str:
    """The last win as the end of a sentence; its full stop stays outside any isolate."""
    if not text.strip():
        return ""
    end = text.strip()[-1] if text.strip()[-1] in "!?؟" else "."
    return isolate(_phrase(text), locale) + end


def _phrase(text: str) -> str:
    """User text placed before our own full stop: without its trailing punctuation."""
    return text.strip().rstrip(".!?…؟;:,،؛ ")


_SPACES = re.compile(r"(?<=\S)[ \u00a0]{2,}")
_DOUBLE_STOP = re.compile(r"(?<![.])\.([\u2069\u200f]*)\.(?![.])")  # "Inc." + our full stop
_BLANKS = re.compile(r"\n{3,}")


def _tidy(text: str) -> str:
    """Template output made neat: no trailing or doubled spaces, at most one blank line in a row."""
    lines = [_DOUBLE_STOP.sub(r".\1", _SPACES.sub(" ", line)).rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip("\n ")


# -- composing -----------------------------------------------------------------
def fitted_packages(portfolio: Portfolio, client: Client, *, index: ServiceIndex | None = None,
                    outcomes: Mapping[tuple[str, str], tuple[int, int]] | None = None) -> tuple[Package, ...]:
    """The package levels a draft offers this client: those it can take and most of whose services fit it."""
    return fitting_packages(portfolio.profile, client, fitting(suggest(portfolio, client, index=index, outcomes=outcomes), client))


def draft_locale(portfolio: Portfolio, client: Client) -> str:
    """The client's own language when set, else the profile's."""
    for loc in (client.language, portfolio.profile.locale):
        if loc in LOCALES:
            return loc
    return "en"


def client_rate(profile: Profile, client: Client, rates: Rates, today: date) -> tuple[float | None, str]:
    """(how many of the client's currency one of the profile's buys, that currency); (None, the profile's) when the
    client pays in the profile's currency or there is no rate for theirs (then prices stay in the profile's)."""
    own, theirs = profile.currency, client.currency or profile.currency
    rate = rates.rate(own, theirs, today) if theirs != own else None
    return (None, own) if rate is None else (rate.factor, theirs)


def in_client_currency(packages: Sequence[Package], profile: Profile, client: Client, rates: Rates, today: date) -> tuple[tuple[Package, ...], str]:
    """The packages priced in the currency the client pays in, each price rounded to a natural one (``rates.natural_price``).

    Prices are set in the profile's currency; with no rate for the client's currency they stay in it,
    so a draft never mixes two currencies (docs/currencies.md).
    """
    factor, currency = client_rate(profile, client, rates, today)
    if factor is None:
        return tuple(packages), currency
    return tuple(replace(p, price=natural_price(p.price * factor),
                         separate_price=None if p.separate_price is None else natural_price(p.separate_price * factor))
                 for p in packages), currency


def _label(profile: Profile, name: str, loc: str) -> str:
    """A service a client buys, by the profile's name for it in ``loc`` (a name the profile lacks stays as typed)."""
    found = profile.service(name)
    return found.label(loc) if found else name


def _package_rows(packages: Sequence[Package], currency: str, profile: Profile, loc: str, most: int | None) -> list[dict[str, Any]]:
    """Each package with only the services it adds to the one before (every service is named once).

    ``recommended``: "most" when most of the user's own clients with a package
    bought this level (``standing.most_chosen``), "suggest" for the middle
    level when no level is backed so, else "". Prices are in ``currency`` (``in_client_currency``).
    """
    rows: list[dict[str, Any]] = []
    before: set[str] = set()
    digits = profile.digits
    middle = (1 if len(packages) <= 3 else len(packages) // 2) if len(packages) >= 2 and most is None else None
    for n, p in enumerate(packages):
        services = [profile.service(s) for s in p.services]
        added = [sv for sv in services if sv is not None and service_key(sv.title) not in before]
        before |= {service_key(sv.title) for sv in services if sv is not None}
        saving = p.saving
        rows.append({
            "name": isolate(p.label(loc), loc),
            "price": isolate(money(p.price, currency, loc, digits), loc),
            "price_note": isolate(_phrase(p.price_note), loc) if p.price_note.strip() else "",
            "includes": isolate(rows[-1]["plain_name"], loc) if rows else "",
            "plain_name": p.label(loc),
            "services": [{"name": _in_text(sv.label(loc), loc), "value": isolate(_phrase(sv.value_in(loc)), loc)} for sv in added],
            "service_names": join_list([_in_text(sv.label(loc), loc) for sv in added], loc),
            "recommended": "most" if n == most else "suggest" if n == middle else "",
            "separate": isolate(money(p.separate_price, currency, loc, digits), loc) if saving and p.separate_price is not None else "",
            "saving": isolate(money(saving, currency, loc, digits), loc) if saving else "",
            "saving_percent": percent(saving, p.separate_price) if saving and p.separate_price else 0,
        })
    return rows


BENEFIT_MAX = 90  # a value line longer than this makes a subject a sentence: the service's name is used instead


def _benefit(offers: Sequence[Opportunity], packages: Sequence[Package], profile: Profile, loc: str) -> str:
    """What the subject promises: the first offered service's value line (a benefit, not a price list)."""
    first = profile.service(packages[0].services[0]) if packages else offers[0].service
    if first is None:
        return ""
    value = _phrase(first.value_in(loc))
    return value if value and len(value) <= BENEFIT_MAX else first.label(loc)


def _question_topic(client: Client, offers: Sequence[Opportunity], profile: Profile, loc: str) -> str:
    """The client's own work the closing question asks about: the current service the offer builds on, else their first."""
    named = [o.builds_on for o in offers if o.builds_on and any(service_key(o.builds_on) == service_key(s) for s in client.services)]
    topic = (named or list(client.services) or [""])[0]
    return _in_text(_label(profile, topic, loc), loc) if topic else ""


def _context(portfolio: Portfolio, client: Client, offers: Sequence[Opportunity], packages: Sequence[Package],
             today: date, loc: str) -> dict[str, Any]:
    """What a template may say, each fact decided here from the data (docs/drafts.md, "True to the data")."""
    profile = portfolio.profile

    def iso(text: str) -> str:
        return isolate(text, loc)

    facts = standing(portfolio.criteria, client, today)
    rates = Rates(portfolio.rates)
    factor, currency = client_rate(profile, client, rates, today)

    def price(hint: str) -> str:  # a price line in the client's currency where it reads as an amount (drafts/price_hints.py)
        return hint if factor is None else in_currency(hint, profile.currency, currency, factor, loc, profile.digits)

    said: set[str] = set()  # "it pairs well with X" once per current service, not on every bullet
    offer_rows: list[dict[str, Any]] = []
    for o in offers:
        pairs = o.builds_on if o.builds_on and service_key(o.builds_on) not in said else ""
        if pairs:
            said.add(service_key(pairs))
        offer_rows.append({
            "name": iso(o.service.label(loc)),
            "value": iso(_phrase(o.service.value_in(loc))),
            "price": iso(_phrase(price(o.service.price_hint))),
            "kind": o.kind,
            "builds_on": _in_text(_label(profile, pairs, loc), loc) if pairs else "",
            "industry_peers": o.industry_peers if client.industry.strip() else 0,
        })
    signature = profile.signature.strip() or profile.name.strip()
    days = call_days(today)
    topic = _question_topic(client, offers, profile, loc)
    titled = bool(client.title and client.contact_name.strip())
    return {
        "client": iso(client.name),
        "industry": iso(_in_text(client.industry.strip(), loc)) if client.industry.strip() else "",
        "contact_first": iso(first_name(client.contact_name)),
        "contact_full": iso(client.contact_name),
        # a known title (and so gender): "Dear Dr Patel," / «حضرة الدكتورة منى الشريف المحترمة،» (docs/drafts.md, "Greetings")
        "title": i18n.t(f"title.word.{client.title}", loc) if titled else "",
        "contact_surname": iso(surname(client.contact_name)) if titled else "",
        "contact_plain": iso(without_titles(client.contact_name)) if titled else "",
        "gender": gender(client.title) if client.contact_name.strip() else "",  # "f", "m" or "": what Arabic words agree with
        "current": join_list([_in_text(_label(profile, sv, loc), loc) for sv in client.services], loc),
        "current_count": len(client.services),
        "buys": facts.buys,  # no services bought: no "continue our work", no "thank you for trusting me with"
        "enjoyed": facts.enjoyed and facts.buys,  # enjoyment rated 4-5 of 5: "I've really enjoyed working with you"
        "easy": facts.easy and facts.buys,  # ease rated 4-5 of 5: "it's always easy working with you"
        "reason": facts.reason,  # "win" (recent, nothing rated low), "working_on", else "quarter": a neutral check-in
        "last_win": _win(client.last_win, loc),
        "win_age": facts.win,
        "win_date": long_date(client.last_win_date, loc, profile.digits) if client.last_win_date else "",
        "working_on": iso(_phrase(client.working_on)) if client.working_on.strip() else "",
        "offers": offer_rows,
        "offer_names": join_list([r["name"] for r in offer_rows], loc),
        "benefit": iso(_benefit(offers, packages, profile, loc)),
        "question_topic": iso(topic) if topic else "",  # the closing open question: about this, else about the client
        "packages": _package_rows(*in_client_currency(packages, profile, client, rates, today), profile, loc,
                                  most_chosen(portfolio, tuple(packages))),
        "call_day_1": day_name(days[0], loc, profile.digits),
        "call_day_2": day_name(days[1], loc, profile.digits),
        "sender": iso(profile.name),
        "signature": "\n".join(iso(line) for line in signature.split("\n")),
        "locale": loc,
    }


def _chosen(client: Client, opportunities: list[Opportunity], services: Iterable[str]) -> list[Opportunity]:
    """The services the freelancer picked, by their name in either language."""
    names = [s for s in services]
    problems = []
    by_key = {k: o for o in opportunities for k in o.service.keys}
    chosen: list[Opportunity] = []
    for name in names:
        o = by_key.get(service_key(name))
        if o is None:
            if buys(client, name):
                problems.append(Problem("services", code="offer.already_bought", client=client.name, value=name))
            else:
                problems.append(Problem("services", code="offer.not_a_service", value=name))
        elif o not in chosen:
            chosen.append(o)
    if problems:
        raise InvalidInput(problems)
    if not chosen:
        raise InvalidInput(Problem("services", code="offer.none_chosen"))
    if len(chosen) > MAX_OFFERS:
        raise InvalidInput(Problem("services", code="offer.too_many", count=len(chosen), maximum=MAX_OFFERS))
    return chosen


def compose_draft(
    portfolio: Portfolio,
    client: Client,
    *,
    tone: str = "warm",
    services: Iterable[str] | None = None,
    packages: bool = True,
    templates: Mapping[str, str] | None = None,
    index: ServiceIndex | None = None,
    today: date | None = None,
    outcomes: Mapping[tuple[str, str], tuple[int, int]] | None = None,
    locale: str | None = None,
    avoid: Collection[tuple[str, ...]] = (),
) -> Draft:
    """One draft for ``client`` in ``locale``, else the client's language, else the profile's.

    ``services``: the service names the freelancer picked (1-3, in order);
    None takes the package levels most of whose services fit the client when
    ``packages`` (``fitting.fitting_packages``), else the best one or two
    services (``fitting.best_services``). ``avoid``: offers (tuples of service
    names) already made to clients of other industries, left for another
    fitting service when there is one. ``templates``: overrides by template name
    (``DraftsPart(Store).templates()``). ``today`` dates the proposed call and the win's age.
    ``outcomes``: what similar clients did with past offers
    (``followups.outcome_history``), so a service they keep declining ranks lower.
    """
    v.clean_choice(tone, "tone", TONES)
    today = today or date.today()
    opportunities = suggest(portfolio, client, index=index, outcomes=outcomes)
    if not opportunities:
        code = "offer.no_services" if not portfolio.profile.services else "offer.buys_everything"
        raise FreelancekitError(code=code, exit_code=EXIT_INPUT, client=client.name)
    # picked by hand: offered as picked; else a package most of whose services fit, else the best one or two services
    offered_packages: tuple[Package, ...] = ()
    if services is not None:
        offers = _chosen(client, opportunities, services)
    else:
        if packages:
            offered_packages = fitting_packages(portfolio.profile, client, fitting(opportunities, client))
        by_key = {service_key(o.name): o for o in opportunities}
        offers = [by_key[service_key(s)] for s in offered_packages[-1].services] if offered_packages else []
        offered = same_offer(o.name for o in offers)
        if offered_packages and repeats(offers, avoid) and any(service_key(o.name) not in offered for o in fitting(opportunities, client)):
            offered_packages, offers = (), []  # the same package went to a client of another industry: their own services
        if not offers:
            offers = best_services(opportunities, client, avoid)
    loc = locale if locale in LOCALES else draft_locale(portfolio, client)
    context = _context(portfolio, client, offers, offered_packages, today, loc)
    env = _environment(templates)
    subject = " ".join(_render(env, f"{loc}/{tone}_subject.j2", context).split())
    body = _tidy(_render(env, f"{loc}/{tone}_body.j2", context))
    if is_rtl_locale(loc):
        body = mark_rtl_lines(body)
    if not subject or not body:
        raise InvalidInput(Problem("template", code="template.empty_subject" if not subject else "template.empty_body", name=f"{loc}/{tone}"))
    return Draft(
        client_id=client.id, client_name=client.name, contact_name=client.contact_name, to_email=client.email,
        subject=subject[:SUBJECT_MAX], body=body[:BODY_MAX], locale=loc, tone=tone,
        offers=tuple(o.name for o in offers), packages=bool(offered_packages),
    )


def draft_top_three(
    portfolio: Portfolio,
    *,
    tone: str = "warm",
    ranking: Ranking | None = None,
    weights: Mapping[str, Any] | None = None,
    picks: Mapping[str, Iterable[str]] | None = None,
    packages: bool = True,
    templates: Mapping[str, str] | None = None,
    count: int = 3,
    today: date | None = None,
    outcomes: Mapping[tuple[str, str], tuple[int, int]] | None = None,
    clients: Iterable[str] | None = None,
    locale: str | None = None,
) -> DraftSet:
    """Drafts for the ``count`` best-ranked clients.

    ``picks`` maps a client name to the services chosen for it; ``ranking``
    reuses a ranking already computed (else one is made with ``weights``).
    ``clients``: draft for these clients (by name, any rank) instead of the top ones.
    ``locale``: every draft in this language (else each client's own). Clients
    of different industries never get the same offer while another service
    fits one of them (``avoid`` of ``compose_draft``).
    """
    from freelancekit.records.rank import rank_portfolio

    by_name = {v.name_key(c.name): c for c in portfolio.clients}
    if clients is not None:
        names = list(clients)
        unknown = [n for n in names if v.name_key(n) not in by_name]
        if unknown:
            raise InvalidInput([Problem("client", code="client.no_such_name", name=n) for n in unknown])
        chosen = names
    else:
        ranking = ranking or rank_portfolio(portfolio, weights)
        chosen = list(ranking.top(count))
    picks_by_key = {v.name_key(k): val for k, val in (picks or {}).items()}
    index = build_index(portfolio)
    result = DraftSet([])
    made: list[tuple[str, tuple[str, ...]]] = []  # (industry, offers) of the drafts so far
    for name in chosen:
        client = by_name[v.name_key(name)]
        industry = industry_key(client.industry)
        avoid = {offers for other, offers in made if other != industry}
        try:
            draft = compose_draft(portfolio, client, tone=tone, services=picks_by_key.get(v.name_key(name)),
                                  packages=packages, templates=templates, index=index, today=today, outcomes=outcomes,
                                  locale=locale, avoid=avoid)
        except InvalidInput:
            raise
        except FreelancekitError as exc:
            result.skipped.append((client.name, exc))
            continue
        result.drafts.append(draft)
        made.append((industry, draft.offers))
    return result


# -- editing and status --------------------------------------------------------
def edit_draft(draft: Draft, **changes: Any) -> Draft:
    """The draft with the user's edits (subject, body, to_email, contact_name), validated."""
    allowed = {"subject", "body", "to_email", "contact_name", "status", "follow_up"}
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise InvalidInput(Problem(unknown[0], code="draft.not_editable", choices=sorted(allowed)))
    return validate_draft(replace(draft, **changes))


def addressed(draft: Draft, client: Client) -> Draft:
    """The draft as it leaves the app or the CLI: to the client's current name, contact and address.

    A saved draft keeps the details it was written with; the client's email or
    contact may have changed since, and the email must go to today's.
    """
    return replace(draft, client_name=client.name, contact_name=client.contact_name, to_email=client.email)


def validate_draft(draft: Draft) -> Draft:
    """Every field by the same rules as the rest of the portfolio; all problems at once."""
    problems: list[Problem] = []

    def check(fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except InvalidInput as exc:
            problems.extend(exc.problems)
            return None

    subject = check(v.clean_text, draft.subject, "subject", max_length=SUBJECT_MAX, required=True)
    body = check(v.clean_text, draft.body, "body", multiline=True, max_length=BODY_MAX, required=True)
    to_email = check(v.clean_email, draft.to_email, "email")
    contact = check(v.clean_text, draft.contact_name, "contact_name", max_length=200)
    status = check(v.clean_choice, draft.status, "status", STATUSES)
    tone = check(v.clean_choice, draft.tone, "tone", TONES)
    follow_up = check(v.parse_date, draft.follow_up, "follow_up")
    if problems:
        raise InvalidInput(problems)
    if is_rtl_locale(draft.locale):
        body = mark_rtl_lines(body)
    return replace(draft, subject=subject, body=body, to_email=to_email, contact_name=" ".join(contact.split()), status=status,
                   tone=tone, follow_up=follow_up)


def set_status(draft: Draft, status: str, follow_up: date | str | None = None, *, today: date | None = None,
               won_what: Iterable[str] | None = None, won_value: Any = None) -> Draft:
    """Move a draft along Draft -> Sent -> Replied -> Won / Declined.

    'sent' gets a follow-up date a week out unless one is given. 'won' records
    what the client took (``won_what``: services or a package; the offers when
    not given) and what it is worth (``won_value``, required); won and declined
    are dated (``closed_on``) and need no follow-up any more.
    """
    v.clean_choice(status, "status", STATUSES)
    today = today or date.today()
    when = v.parse_date(follow_up, "follow_up") if follow_up is not None else draft.follow_up
    if status == "sent" and when is None:
        when = today + timedelta(days=FOLLOW_UP_DAYS)
    if status not in CLOSED:
        return replace(draft, status=status, follow_up=when, won_what=(), won_value=None, closed_on=None)
    if status == "declined":
        return replace(draft, status=status, follow_up=None, won_what=(), won_value=None, closed_on=draft.closed_on or today)
    value = v.parse_number(won_value, "won_value", required=True)
    what = tuple(v.clean_text(x, "won_what", max_length=100) for x in (won_what if won_what is not None else draft.offers))
    what = tuple(x for x in what if x)
    if not what:
        raise InvalidInput(Problem("won_what", code="won.what_missing"))
    return replace(draft, status=status, follow_up=None, won_what=what, won_value=value, closed_on=draft.closed_on or today)


# -- saving --------------------------------------------------------------------
def save_draft(store: Store, draft: Draft) -> Draft:
    """Save with the revision check: a draft changed elsewhere since it was loaded raises ``StaleEdit``.

    A draft never saved (``revision`` 0, fresh from ``compose_draft``) is only
    saved when the client has no saved draft yet: a re-draft, or a second tab,
    must never silently replace someone's edited draft. To replace a saved
    draft, give the new one the saved draft's revision.
    """
    client_id = draft.client_id
    if client_id is None:
        raise InvalidInput(Problem("client", code="draft.no_client"))
    draft = validate_draft(draft)
    revision = DraftsPart(store).save(client_id, draft.to_data(), draft.revision)
    return replace(draft, revision=revision)


def load_drafts(store: Store) -> list[Draft]:
    """Every saved draft, in client order."""
    return [Draft.from_data(data, rev, cid) for cid, (data, rev) in sorted(DraftsPart(store).all().items())]


def load_draft(store: Store, client_id: int) -> Draft | None:
    found = DraftsPart(store).get(client_id)
    return Draft.from_data(found[0], found[1], client_id) if found else None


# -- checking ------------------------------------------------------------------
_LINT = [  # what a reader would notice -> its code (texts: error.draft.lint.<code>)
    (re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}"), "placeholder"),
    (re.compile(r"\bNone\b"), "none_word"),
    (re.compile(r"\b(?:nan|NaN|null|undefined)\b"), "missing_word"),
    (re.compile(r"(?<=\S) {2,}(?=\S)"), "double_space"),
    (re.compile(r"[.!?؟…]\s+[.,;،؛]|\.\.|[,;:،؛]\s*[.,;:،؛!?؟]|^\s*[.,;:،؛]", re.M), "stray_punctuation"),
    (re.compile(r"\(\s*\)|\[\s*\]"), "empty_brackets"),
    (re.compile(r"[ \t]+$", re.M), "trailing_space"),
]


def lint_draft(draft: Draft) -> list[Problem]:
    """What a careful reader would notice, as problems of the subject or body (``str``: "body: a doubled space");
    worded in the page's language by ``wording``; empty = ready to send."""
    texts = {part: strip_marks(getattr(draft, part)).replace("...", "…") for part in ("subject", "body")}
    return [Problem(part, code=f"draft.lint.{code}") for part, text in texts.items() for pattern, code in _LINT if pattern.search(text)]


__all__ = [
    "Draft", "DraftSet", "STATUSES", "TONES", "compose_draft", "default_template", "draft_top_three", "edit_draft",
    "first_name", "lint_draft", "load_draft", "load_drafts", "reset_template", "save_draft",
    "set_status", "set_template", "template_names", "validate_draft",
]
