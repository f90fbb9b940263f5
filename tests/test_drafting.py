"""Drafts: the 200-portfolio quality bar, personal content, picks, packages, templates, saving and status."""
from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import date, timedelta

import pytest

from freelancekit.drafts.drafting import (
    Draft,
    compose_draft,
    default_template,
    draft_top_three,
    edit_draft,
    first_name,
    lint_draft,
    load_draft,
    load_drafts,
    reset_template,
    save_draft,
    set_status,
    set_template,
    template_names,
)
from freelancekit.drafts.store import DraftsPart
from freelancekit.errors import FreelancekitError, InvalidInput, StaleEdit
from freelancekit.language.bidi import FSI, PDI, RLM, strip_marks
from freelancekit.language.l10n import join_list
from freelancekit.language.wording import problem_text
from freelancekit.portfolio.demo import demo_portfolio
from freelancekit.portfolio.model import Package, Portfolio, Profile, Service, builtin_criteria, make_client, make_profile, service_key
from freelancekit.portfolio.storage import Store

EN_SERVICES = ["Blog posts", "Blog management", "Editing & proofreading", "Email newsletter", "SEO audit",
               "Landing page copy", "Case studies", "Social media scheduling", "Logo design", "Brand guidelines"]
AR_SERVICES = ["مقالات المدونة", "إدارة المدونة", "التدقيق اللغوي", "النشرة البريدية", "تدقيق محركات البحث",
               "نصوص صفحات الهبوط", "دراسات الحالة", "جدولة منشورات التواصل", "تصميم الشعار", "دليل الهوية البصرية"]
VALUES = ["more readers every month", "fewer errors and one clear voice", "a steady flow of leads.", "", "أثر أكبر لكل حملة"]
PRICES = ["from $250 per post", "$60/hour", "150 € each", "", "ابتداءً من 300 دولار", "١٢٠ ريالاً للساعة"]
CLIENTS = ["Acme Ltd", "Café Zoë", 'The "Best" Bakery', "O'Neill & Sons, Inc.", "مكتبة النور", "شركة الأفق",
           "Ölçü Mimarlık", "Ærø Studio", "Brightpath  Software", "Nord 42"]
CONTACTS = ["Daniel Reyes", "Dr. Hannah Kim", "Émile Durand", "ليلى حداد", "محمد", "Grace O'Neill", "", ""]
WINS = ["Our guide reached page one on Google", "The launch sold out in two days!", "زادت المبيعات 30% هذا الشهر",
        "Record enrolment: 1,200 students.", "", ""]
INDUSTRIES = ["SaaS", "Dental clinic", "مكتبات", "", "Retail"]
WORKING_ON = ["a big spring campaign", "إطلاق المتجر الجديد", "", "", ""]
TODAY = date(2026, 12, 2)
# phrasings a reader flagged as wrong or generic; none may come back (docs/drafts.md)
KNOWN_BAD = (
    "get even more value from the", "you already have.", "latest win", "the recent milestone:", "win: ", " + ",
    "(fit", "our work together on blog", "our work together on email", "(my recommendation)", "Good:", "Better:", "Best:",
    "وتضاعف أثر", "بالإنجاز الأخير:", "next week", "الأسبوع القادم",
)


def random_packages(rng: random.Random, services: list[Service]) -> tuple[Package, ...]:
    """Nested good/better/best packages from the profile's services (or none)."""
    if rng.random() < 0.35 or len(services) < 2:
        return ()
    levels = rng.randint(1, min(3, len(services)))
    names = [s.name for s in rng.sample(services, levels)]
    made = []
    for n in range(levels):
        price = 300 * (n + 1)
        made.append(Package(["Starter", "Plus", "Pro"][n], tuple(names[: n + 1]), price, rng.choice(["", "per month"]),
                            price + 100 * n if n and rng.random() < 0.7 else None))
    return tuple(made)


def generated_portfolio(rng: random.Random) -> Portfolio:
    locale = rng.choice(["en", "ar"])
    pool = EN_SERVICES if locale == "en" or rng.random() < 0.3 else AR_SERVICES
    chosen = rng.sample(pool, rng.randint(2, len(pool)))
    services = tuple(Service(n, rng.choice(VALUES), rng.choice(PRICES) if rng.random() < 0.7 else "") for n in chosen)
    profile = Profile(name=rng.choice(["Maya Carter", "سارة علي", ""]), signature=rng.choice(["", "Maya\nWriter", "سارة"]),
                      locale=locale, services=services, packages=random_packages(rng, list(services)))
    crit = builtin_criteria()
    clients = []
    for i, name in enumerate(rng.sample(CLIENTS, rng.randint(1, len(CLIENTS)))):
        bought = rng.sample(chosen, rng.randint(0, len(chosen) - 1))
        if rng.random() < 0.2:
            bought.append(rng.choice(["Consulting", "استشارات"]))  # free text, not a profile service
        raw = {"name": name, "contact_name": rng.choice(CONTACTS), "email": f"c{i}@example.com", "industry": rng.choice(INDUSTRIES),
               "services": bought, "last_win": rng.choice(WINS), "working_on": rng.choice(WORKING_ON),
               "last_win_date": rng.choice([None, TODAY - timedelta(days=rng.randint(0, 900))]),
               "values": {"hourly_rate": rng.randint(20, 120), "on_time_payment": rng.randint(1, 5), "ease": rng.choice([None, 3, 5]),
                          "enjoyment": rng.randint(1, 5), "learning": rng.randint(1, 5)}}
        clients.append(make_client(raw, crit, id=i + 1))
    return Portfolio(profile, crit, tuple(clients))


GREETINGS_WITHOUT_CONTACT = {("en", "warm"): "Hello everyone at ", ("en", "formal"): "Dear ",
                             ("ar", "warm"): "تحية طيبة لفريق ", ("ar", "formal"): "إلى فريق "}


def assert_draft_is_sendable(p: Portfolio, draft: Draft) -> None:
    client = next(c for c in p.clients if c.name == draft.client_name)
    assert lint_draft(draft) == [], (draft.subject, draft.body)
    body = strip_marks(draft.body)
    for bad in ("None", "nan", "{{", "}}", "{%", "  ", " .", " ,", "..", " ،"):
        assert bad not in strip_marks(draft.subject) + "\n" + body.replace("...", ""), (bad, body)
    first_line = body.split("\n")[0]
    if client.contact_name:
        assert first_name(client.contact_name) in first_line
    else:
        assert first_line.startswith(GREETINGS_WITHOUT_CONTACT[(draft.locale, draft.tone)])
        assert " ".join(client.name.split()) in first_line
    assert 1 <= len(draft.offers) <= 3
    bought = {service_key(s) for s in client.services}
    profile = {service_key(s.name) for s in p.profile.services}
    folded = body.casefold()
    for offer in draft.offers:
        assert service_key(offer) not in bought and service_key(offer) in profile
        assert folded.count(offer.casefold()) == 1, (offer, body)  # offered once: never as a bullet and again in a package
    for bad in KNOWN_BAD:
        assert bad not in body and bad not in strip_marks(draft.subject), (bad, body)
    if client.last_win:
        assert strip_marks(client.last_win).rstrip(".!?") in body
    if client.working_on:
        assert strip_marks(client.working_on) in body


def test_two_hundred_generated_portfolios_give_sendable_drafts():
    rng = random.Random(20240605)
    seen = set()
    checked = 0
    for _ in range(200):
        p = generated_portfolio(rng)
        tone = rng.choice(["warm", "formal"])
        result = draft_top_three(p, tone=tone, packages=rng.random() < 0.7, today=TODAY)
        for name, reason in result.skipped:
            client = next(c for c in p.clients if c.name == name)
            assert {service_key(s.name) for s in p.profile.services} <= {service_key(s) for s in client.services}, reason
            assert reason.code and "ا" in reason.text("ar"), reason  # the reason words itself in the reader's language
        for draft in result.drafts:
            assert_draft_is_sendable(p, draft)
            seen.add((draft.locale, draft.tone, bool(draft.contact_name), draft.packages))
            checked += 1
    assert checked > 300
    assert len(seen) == 16  # every language x tone x contact-or-not x packages-or-not combination occurred


@pytest.mark.parametrize("locale", ["en", "ar"])
@pytest.mark.parametrize("tone", ["warm", "formal"])
def test_demo_drafts_are_sendable_and_personal(locale, tone):
    p = demo_portfolio()
    p = replace(p, profile=replace(p.profile, locale=locale))
    result = draft_top_three(p, tone=tone)
    assert [d.client_name for d in result.drafts] == ["Brightpath Software", "Summit Outdoor Gear", "Kettle & Crumb Roasters"]
    for d in result.drafts:
        assert_draft_is_sendable(p, d)
        assert "Maya Carter" in strip_marks(d.body)
    assert len({d.offers for d in result.drafts}) == 3  # a software firm, a shop and a roaster: three different offers


def test_english_warm_draft_reads_as_written():
    p = demo_portfolio()
    d = compose_draft(p, p.clients[0], services=["Case studies"], tone="warm", packages=False, today=TODAY)
    assert d.subject == "An idea for Brightpath Software: customer stories that help the sales team close deals"  # a benefit
    assert d.body.split("\n\n")[:5] == [
        "Hi Daniel,",
        "I hope all is well at Brightpath Software. I've really enjoyed working with you on the blog posts and editing & proofreading. "
        "I'm still delighted about one result of our work together. The guide to churn metrics reached page one on Google.",
        "With the next quarter coming up, I've been thinking about what could help you next.",  # an undated win is no reason to write now
        "I have one idea that could help you get even more out of our work:",
        "- Case studies: customer stories that help the sales team close deals. "
        "It pairs well with the blog posts I do for you. Price: from $500 each.",  # the blog posts are the writer's work, not the client's
    ]
    assert "Either way, I'd love to know: what is the one thing you'd most like to improve in your blog posts next quarter?" in d.body
    assert not d.packages
    assert "quick call on Monday 7 December or Tuesday 8 December" in d.body  # a concrete next step, from today
    assert d.body.endswith("Thanks,\nMaya Carter\nContent writer & editor\nmayacarter-writes.com")


def test_packages_replace_the_bullets_mark_the_middle_and_show_each_price_once():
    p = demo_portfolio()
    # every level fits once what she is working on names the blog, search and sales
    summit = replace(p.clients[1], working_on="a blog relaunch to win search traffic and sales")
    d = compose_draft(p, summit, tone="formal", today=TODAY)
    assert d.packages and d.offers == ("Blog management", "SEO content refresh", "Case studies")
    lines = [line for line in d.body.split("\n") if line[:3] in ("1. ", "2. ", "3. ")]
    assert lines == [
        "1. Essentials, $600 per month: blog management (an editorial calendar, publishing and upkeep so the blog never goes quiet).",
        "2. Growth (the option I would recommend), $900 per month: everything in Essentials, plus SEO content refresh "
        "(older posts updated so they climb back up the search results). Ordered separately, these services would cost $1,050: a saving of $150.",
        "3. Complete, $1,300 per month: everything in Growth, plus case studies (customer stories that help the sales team close deals). "
        "Ordered separately, these services would cost $1,550: a saving of $250.",
    ]
    for price in ("$600", "$900", "$1,300"):
        assert d.body.count(price) == 1
    assert "Price:" not in d.body  # no per-service price list next to the packages
    # "most clients" only once the user's own clients show it: two of them on Growth
    growth = ("Blog posts", "Blog management", "SEO content refresh")
    backed = replace(p, clients=(*p.clients[:2], *(replace(c, services=growth) for c in p.clients[2:4]), *p.clients[4:]))
    d = compose_draft(backed, summit, tone="formal", today=TODAY)
    assert "2. Growth (the option most of my clients choose), $900" in d.body and "recommend" not in d.body


def test_a_package_whose_services_mostly_do_not_fit_gives_way_to_the_best_services():
    p = demo_portfolio()
    kettle = next(c for c in p.clients if c.name == "Kettle & Crumb Roasters")
    d = compose_draft(p, kettle, today=TODAY)
    assert not d.packages and 1 <= len(d.offers) <= 2 and "Case studies" not in d.offers


def test_package_saving_is_computed_from_the_separate_price():
    assert Package("A", ("x",), 900, separate_price=1050).saving == 150
    assert Package("A", ("x",), 999.5, separate_price=1200).saving == 200.5
    assert Package("A", ("x",), 900).saving is None
    services = [{"name": "Blog posts"}, {"name": "SEO audit"}]
    profile = make_profile({"services": services, "packages": [
        {"name": "Basic", "services": ["blog post"], "price": "400"},
        {"name": "Plus", "services": "Blog posts;SEO audit", "price": "650", "separate_price": "700"}]})
    assert profile.packages[1].services == ("Blog posts", "SEO audit") and profile.packages[1].saving == 50
    with pytest.raises(InvalidInput) as exc:
        make_profile({"services": services, "packages": [
            {"name": "Basic", "services": ["SEO audit"], "price": "400"},
            {"name": "Plus", "services": ["Blog posts", "Logo"], "price": "", "separate_price": "10"}]})
    texts = " | ".join(str(pr) for pr in exc.value.problems)
    assert "'Logo' is not one of your services" in texts and "package price" in texts and "must include every service of 'Basic'" in texts


def test_a_client_who_buys_a_package_service_gets_individual_services():
    p = demo_portfolio()
    northwind = next(c for c in p.clients if c.name == "Northwind Marketing Agency")  # buys SEO content refresh
    d = compose_draft(p, northwind, today=TODAY)
    assert d.packages and d.offers == ("Blog management",) and "Here is one way" in d.body and "Growth" not in d.body
    d = compose_draft(p, replace(northwind, services=(*northwind.services, "Blog management")), today=TODAY)
    assert not d.packages and "Essentials" not in d.body and "Price:" in d.body


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_a_win_10_days_ago_congratulates_and_one_400_days_ago_does_not(locale):
    p = demo_portfolio()
    p = replace(p, profile=replace(p.profile, locale=locale))
    client = p.clients[0]
    recent = compose_draft(p, replace(client, last_win_date=TODAY - timedelta(days=10)), today=TODAY)
    old = compose_draft(p, replace(client, last_win_date=TODAY - timedelta(days=400)), today=TODAY)
    opener = {"en": "Congratulations on the recent win!", "ar": "تهانيّ الحارة بالإنجاز الأخير!"}[locale]
    assert strip_marks(recent.body.split("\n\n")[1]).startswith(opener)
    assert opener not in old.body and "recent" not in old.body and "latest" not in old.body
    assert {"en": "28 October 2025", "ar": "28 أكتوبر 2025"}[locale] in old.body  # the old win is dated, not "latest"
    from freelancekit.language.phrasing import good_moment

    assert good_moment(client.last_win, TODAY - timedelta(days=10), TODAY)
    assert not good_moment(client.last_win, TODAY - timedelta(days=400), TODAY)
    assert not good_moment("", TODAY, TODAY)


@pytest.mark.parametrize("locale", ["en", "ar"])
@pytest.mark.parametrize("tone", ["warm", "formal"])
@pytest.mark.parametrize("count", [0, 1, 2, 3])
def test_every_sentence_reads_right_for_zero_to_three_current_services(locale, tone, count):
    p = demo_portfolio()
    p = replace(p, profile=replace(p.profile, locale=locale))
    current = ["Blog posts", "Editing & proofreading", "Email newsletter"][:count]
    for packages in (True, False):
        client = replace(p.clients[0], services=tuple(current))
        d = compose_draft(p, client, tone=tone, packages=packages, today=TODAY)
        body = strip_marks(d.body)
        assert lint_draft(d) == [], body
        for bad in KNOWN_BAD:
            assert bad not in body, (bad, body)
        expected = {0: "", 1: "blog posts", 2: "blog posts and editing & proofreading",
                    3: "blog posts, editing & proofreading and email newsletter"}[count] if locale == "en" else \
            {0: "", 1: "Blog posts", 2: "Blog posts و\u00a0Editing & proofreading",
             3: "Blog posts، Editing & proofreading و\u00a0Email newsletter"}[count]
        if count:
            assert expected in body
            if locale == "en":
                assert f"the {expected}" in body  # "the email newsletter" (the editing is the writer's), never a bare "on email newsletter"
        else:
            assert "work on" not in body and "with you on" not in body and "على ." not in body
            assert "keep going as we are" not in body and "continue our current work" not in body  # nothing to continue
        offers = d.offers
        for o in offers:
            assert body.casefold().count(o.casefold()) == 1


def test_working_on_gives_one_sentence_and_industry_evidence_is_named():
    p = demo_portfolio()
    client = replace(p.clients[0], working_on="a big spring campaign", last_win_date=TODAY - timedelta(days=5))
    d = compose_draft(p, client, packages=False, today=TODAY)
    share = "a few ideas" if len(d.offers) > 1 else "an idea"
    assert f"Since you're working on a big spring campaign, this seems a good moment to share {share}." in d.body
    assert "what would make a big spring campaign a success for you?" in d.body  # the open question, about their own work
    stale = compose_draft(p, replace(client, last_win_date=TODAY - timedelta(days=200)), packages=False, today=TODAY)
    assert "good moment" not in stale.body  # a 200-day-old win is named with its date, never the reason to write now
    assert "I know you're busy with a big spring campaign at the moment, so I'll keep this short." in stale.body
    assert "working on" not in compose_draft(p, p.clients[0], packages=False, today=TODAY).body


def test_arabic_draft_isolates_latin_names_and_marks_latin_lines():
    p = demo_portfolio()
    p = replace(p, profile=replace(p.profile, locale="ar"))
    d = compose_draft(p, p.clients[0], services=["Case studies"], packages=False)
    assert d.body.startswith(f"مرحباً {FSI}Daniel{PDI}،\n\n")
    assert f"{FSI}Brightpath Software{PDI}" in d.subject
    assert f"{RLM}{FSI}Maya Carter{PDI}" in d.body  # a Latin-only line in an Arabic draft starts right-to-left


def test_greeting_names_without_titles():
    assert [first_name(n) for n in ["Dr. Hannah Kim", "Prof Ada Lovelace", "ليلى حداد", "Dr.", ""]] == ["Hannah", "Ada", "ليلى", "Dr.", ""]
    assert join_list(["a", "b", "c"], "en") == "a, b and c"
    assert join_list(["مقالات", "تدقيق"], "ar") == "مقالات وتدقيق"
    assert join_list(["مقالات", f"{FSI}SEO{PDI}"], "ar") == f"مقالات و\u00a0{FSI}SEO{PDI}"


def test_picking_refuses_bought_and_unknown_services():
    p = demo_portfolio()
    with pytest.raises(InvalidInput) as exc:
        compose_draft(p, p.clients[0], services=["blog post", "Podcasts"])
    assert str(exc.value) == ("services: Brightpath Software already buys 'blog post': offer something new; "
                              "services: 'Podcasts' is not one of your services: add it to your profile first")
    with pytest.raises(InvalidInput, match="choose at least one service"):
        compose_draft(p, p.clients[0], services=[])


def test_client_buying_everything_is_skipped_with_a_reason():
    p = demo_portfolio()
    everything = replace(p.clients[0], services=p.profile.service_names())
    p = replace(p, clients=(everything, *p.clients[1:]))
    result = draft_top_three(p)
    [(name, reason)] = result.skipped
    assert name == "Brightpath Software" and reason.text("en") == (
        "nothing to offer Brightpath Software: Brightpath Software already buys every "
        "service in your profile; add a service to your profile to suggest something new")
    assert reason.text("ar").startswith("لا شيء"), reason.text("ar")  # worded in the reader's language, not a stored English sentence
    assert len(result.drafts) == 2


def test_picks_by_client_name_reach_the_draft():
    p = demo_portfolio()
    result = draft_top_three(p, picks={"summit outdoor gear": ["Email newsletter"]})
    assert result.drafts[1].offers == ("Email newsletter",)


def test_user_template_override_is_used_and_sandboxed():
    p = demo_portfolio()
    d = compose_draft(p, p.clients[0], packages=False, templates={"en/warm_subject.j2": "For {{ contact_first }}: {{ offers[0].name }}"})
    assert d.subject == "For Daniel: Case studies"
    escape = "{{ ''.__class__.__mro__[1].__subclasses__() }}"
    with pytest.raises(InvalidInput) as exc:
        compose_draft(p, p.clients[0], templates={"en/warm_body.j2": escape})
    assert str(exc.value) == "template: en/warm_body.j2 tries to use something templates may not use (only the draft's names and lists are available)"
    with pytest.raises(InvalidInput) as exc:
        compose_draft(p, p.clients[0], templates={"en/warm_body.j2": "Hi {{ nickname }}"})
    assert str(exc.value).startswith("template: en/warm_body.j2: 'nickname' is undefined; available names: benefit, buys, call_day_1, call_day_2, client")
    with pytest.raises(InvalidInput) as exc:
        compose_draft(p, p.clients[0], templates={"en/warm_body.j2": "Hi {% if %}"})
    assert str(exc.value).startswith("template: en/warm_body.j2, line 1: ")


def test_templates_are_saved_per_portfolio_after_a_check(tmp_path):
    with Store(tmp_path / "p.sqlite") as store:
        store.replace_all(demo_portfolio())
        with pytest.raises(InvalidInput):
            set_template(store, "en/warm_body.j2", "{{ broken")
        with pytest.raises(InvalidInput, match="is not a draft template"):
            set_template(store, "../../etc/passwd", "x")
        set_template(store, "en/warm_subject.j2", "Hello {{ client }}")
        assert DraftsPart(store).templates() == {"en/warm_subject.j2": "Hello {{ client }}"}
        p = store.portfolio()
        assert compose_draft(p, p.clients[0], templates=DraftsPart(store).templates()).subject == "Hello Brightpath Software"
        reset_template(store, "en/warm_subject.j2")
        assert DraftsPart(store).templates() == {}
    assert len(template_names()) == 8 and all(default_template(n).strip() for n in template_names())


def test_drafts_save_load_edit_and_status_with_revisions(tmp_path):
    with Store(tmp_path / "p.sqlite") as store:
        store.replace_all(demo_portfolio())
        p = store.portfolio()
        d = save_draft(store, compose_draft(p, p.clients[0]))
        assert d.revision == 1 and load_drafts(store) == [d]
        edited = save_draft(store, edit_draft(d, subject="  New subject ", body="Hi Daniel,\r\n\r\nShort."))
        assert (edited.subject, edited.body, edited.revision) == ("New subject", "Hi Daniel,\n\nShort.", 2)
        with pytest.raises(StaleEdit):
            save_draft(store, replace(d, body="older tab"))
        sent = save_draft(store, set_status(edited, "sent", today=date(2025, 1, 10)))
        assert (sent.status, sent.follow_up) == ("sent", date(2025, 1, 17))
        assert load_draft(store, p.clients[0].id) == sent
        assert load_draft(store, 999) is None
        replied = set_status(sent, "replied", "2025-02-01")
        assert replied.follow_up == date(2025, 2, 1)


def test_a_fresh_draft_never_replaces_a_saved_one(tmp_path):
    """A re-draft (or another tab's unsaved draft) cannot silently overwrite an edited, saved draft."""
    with Store(tmp_path / "p.sqlite") as store:
        store.replace_all(demo_portfolio())
        p = store.portfolio()
        mine = save_draft(store, edit_draft(compose_draft(p, p.clients[0]), body="Hi Daniel,\n\nMy own words."))
        fresh = compose_draft(p, p.clients[0], tone="formal")
        with pytest.raises(StaleEdit):
            save_draft(store, fresh)
        assert load_draft(store, p.clients[0].id) == mine
        replaced = save_draft(store, replace(fresh, revision=mine.revision))  # knowingly, against the saved revision
        assert replaced.revision == 2 and load_draft(store, p.clients[0].id).tone == "formal"


def test_edits_are_validated_with_every_problem_at_once():
    p = demo_portfolio()
    d = compose_draft(p, p.clients[0])
    with pytest.raises(InvalidInput) as exc:
        edit_draft(d, subject="a\nb", to_email="x@y.com, z@w.com", status="lost")
    assert str(exc.value) == ("subject: must be a single line (no line breaks or tabs); "
                              "email: 'x@y.com, z@w.com' is not one email address: write it as name@example.com; "
                              "status: 'lost' is not allowed: choose one of draft, sent, replied, won, declined")
    with pytest.raises(InvalidInput, match="revision: cannot be edited"):
        edit_draft(d, revision=5)


def test_lint_finds_what_a_reader_would_notice():
    d = Draft(1, "A", "", "", "Hi None", "Dear {{ name }},\n\nWe  offer nan. . Price: ().  ")
    found = lint_draft(d)
    assert [str(p) for p in found] == [
        "subject: the word 'None' (a missing value)",
        "body: an unfilled template placeholder", "body: a missing-value word (nan/null/undefined)", "body: a doubled space",
        "body: an empty sentence or stray punctuation", "body: empty brackets", "body: a trailing space",
    ]
    assert [problem_text(p, "ar") for p in found[:2]] == ["الكلمة «None» (قيمة ناقصة)", "عنصر قالب لم يُملأ"]


def test_nothing_to_offer_without_profile_services():
    p = demo_portfolio()
    p = replace(p, profile=replace(p.profile, services=()))
    with pytest.raises(FreelancekitError, match="your profile has no services yet"):
        compose_draft(p, p.clients[0])


def test_the_drafts_benchmark_portfolio_gives_three_drafts():
    """benchmarks/bench_drafts.py times this (the 200 ms bar is measured there, not asserted here)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("bench_drafts", Path(__file__).resolve().parent.parent / "benchmarks" / "bench_drafts.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    p = bench.portfolio(1000)
    assert len(p.clients) == 1000
    assert len(draft_top_three(p).drafts) == 3


def test_an_arabic_draft_carries_only_the_direction_marks_it_needs():
    from freelancekit.drafts.examples import arabic_demo_portfolio
    from freelancekit.drafts.mailexport import export_body
    from freelancekit.language.bidi import BIDI_MARKS

    drafts = draft_top_three(arabic_demo_portfolio()).drafts
    counts = [sum(ch in BIDI_MARKS for ch in export_body(d)) for d in drafts]
    # a Latin name or address in the Arabic text is isolated (2 marks), and so is a price with CLDR's symbol ("600 USD",
    # 6 prices: 12 marks), a line starting Latin gets an RLM; an Arabic sentence holding a Latin word needs none
    assert max(counts) <= 24, counts
    body = drafts[0].body
    assert "\u2068Daniel\u2069" in body and "نتائج Google." in body


@pytest.mark.parametrize("amount, code, expected", [
    (1050, "EGP", "1,050 جنيهًا مصريًا"), (3, "EGP", "3 جنيهات مصرية"), (2, "MAD", "2 درهمان مغربيان"),
    (100, "EGP", "100 جنيه مصري"), (150.5, "EGP", "150.50 جنيه مصري"),  # a fraction takes the genitive singular
    (1050, "USD", "1,050 USD"), (90, "GBP", "90 GBP"), (150, "SAR", "150 ر.س.\u200f"),  # CLDR has one name only: its symbol
    (250, "EUR", "250 يورو"), (3, "EUR", "3 يورو"),  # the euro's name takes no form: written out after any number
])
def test_an_arabic_amount_takes_the_currency_form_cldr_gives_for_it_or_its_symbol(amount, code, expected):
    from freelancekit.language.phrasing import money

    assert money(amount, code, "ar") == expected


# the template words that address the reader, for one person (ـك) and for a team (ـكم)
YOU_WORDS = {"أمورك", "ثقتك", "تساعدك", "يناسبك", "لك", "أشكرك", "أهنئك", "عليك", "معك"}


@pytest.mark.parametrize("tone", ["warm", "formal"])
def test_an_arabic_draft_addresses_one_person_or_the_team_from_first_line_to_last(tone):
    from freelancekit.drafts.examples import arabic_demo_portfolio
    from freelancekit.language.bidi import strip_marks

    p = arabic_demo_portfolio()
    for named in (True, False):
        clients = tuple(c if named else replace(c, contact_name="") for c in p.clients)
        for d in draft_top_three(replace(p, clients=clients), tone=tone, today=date(2026, 12, 3)).drafts:
            words = re.findall("[\u0600-\u06ff]+", strip_marks(d.body))
            one, team = [w for w in words if w in YOU_WORDS], [w for w in words if w.endswith("كم")]
            addressed, other = (one, team) if named else (team, one)
            assert addressed and not other, (named, d.body)  # never both in one email


def test_an_arabic_service_meets_the_client_s_work_whatever_the_article_or_the_ending():
    """'المدونة' is 'مدونة' with the article, 'مدونات' its plural: the same word for fitting (drafts/fitting.py)."""
    from types import SimpleNamespace

    from freelancekit.drafts.fitting import shared_words

    def service(name_ar: str, value_ar: str = "") -> SimpleNamespace:
        return SimpleNamespace(service=SimpleNamespace(name="", value="", name_ar=name_ar, value_ar=value_ar))

    relaunch = SimpleNamespace(working_on="إعادة إطلاق المدونة", industry="")
    assert shared_words(service("إدارة مدونة"), relaunch)  # type: ignore[arg-type]
    assert shared_words(service("مقالات", "محتوى منتظم للمدونات"), relaunch)  # type: ignore[arg-type]
    assert shared_words(service("تحسين المحتوى بالكلمات المفتاحية"), SimpleNamespace(working_on="محتوى المتجر", industry=""))  # type: ignore[arg-type]
    assert not shared_words(service("دراسات الحالة"), relaunch)  # type: ignore[arg-type]
