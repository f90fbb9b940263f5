"""Opportunity fit: never an already-bought service, co-occurrence and industry evidence, upsell vs cross-sell."""
from __future__ import annotations

from dataclasses import replace

import pytest

from freelancekit.drafts.opportunities import build_index, buys, suggest
from freelancekit.portfolio.demo import demo_portfolio
from freelancekit.portfolio.model import Portfolio, Profile, Service, builtin_criteria, make_client, service_key


def portfolio(services, clients, locale="en"):
    crit = builtin_criteria()
    profile = Profile(name="Sam", services=tuple(Service(*s) if isinstance(s, tuple) else Service(s) for s in services), locale=locale)
    made = tuple(make_client({"name": n, "industry": ind, "services": bought}, crit) for n, ind, bought in clients)
    return Portfolio(profile, crit, made)


def test_service_key_ignores_case_spacing_plural_and_ampersand():
    assert service_key("Blog posts") == service_key("  blog   POST ")
    assert service_key("Editing & proofreading") == service_key("editing and proofreading")
    assert service_key("Blog posts") != service_key("Blog management")


def test_never_suggests_a_service_the_client_buys_even_spelled_differently():
    p = portfolio(["Blog posts", "Newsletter", "Case studies"], [("A", "", "blog post;NEWSLETTER")])
    assert [o.name for o in suggest(p, p.clients[0])] == ["Case studies"]
    assert buys(p.clients[0], "Blog posts")


def test_co_occurrence_ranks_what_similar_clients_buy_first():
    clients = [("Target", "", "Blog posts")]
    clients += [(f"Peer {i}", "", "Blog posts;Newsletter") for i in range(4)]
    clients += [(f"Other {i}", "", "Case studies") for i in range(4)]
    p = portfolio(["Blog posts", "Newsletter", "Case studies"], clients)
    ranked = suggest(p, p.clients[0])
    assert [o.name for o in ranked] == ["Newsletter", "Case studies"]
    top = ranked[0]
    assert (top.peers, top.peer_base, top.builds_on) == (4, 4, "Blog posts")
    # 0.45 * (4 + 2*0.5)/(4 + 2) + 0.25 * 0.5 (no industry: popularity) + 0.15 * 0.5 = 0.575
    assert top.reason == "Cross-sell: a different service that fits; 4 of 4 other clients who buy Blog posts also buy it (a good fit)"


def test_industry_evidence_breaks_an_otherwise_even_choice():
    clients = [("Target", "Dental", "Blog posts"), ("D1", "dental", "Blog posts;Case studies"), ("D2", "Dental ", "Case studies"),
               ("X1", "Retail", "Blog posts;Newsletter"), ("X2", "Retail", "Newsletter")]
    p = portfolio(["Blog posts", "Newsletter", "Case studies"], clients)
    ranked = suggest(p, p.clients[0])
    assert ranked[0].name == "Case studies"
    assert (ranked[0].industry_peers, ranked[0].industry_base) == (2, 2)
    assert "2 of 2 other Dental clients buy it" in ranked[0].reason


def test_a_bigger_version_of_a_current_service_is_an_upsell():
    p = portfolio(["Blog posts", "Blog management", "Podcast editing"], [("A", "", "Blog posts"), ("B", "", "")])
    kinds = {o.name: (o.kind, o.builds_on) for o in suggest(p, p.clients[0])}
    assert kinds == {"Blog management": ("upsell", "Blog posts"), "Podcast editing": ("cross-sell", "Blog posts")}
    assert suggest(p, p.clients[0])[0].reason.startswith("Upsell: a bigger step from Blog posts; ")


def test_a_count_of_none_is_not_offered_as_evidence():
    p = portfolio(["Blog posts", "Newsletter", "Case studies"],
                  [("Target", "Dental", "Blog posts"), ("D1", "Dental", "Blog posts;Case studies"), ("D2", "Dental", "Case studies")])
    reasons = {o.name: o.reason for o in suggest(p, p.clients[0])}
    assert "0 of" not in reasons["Newsletter"] and "also buy it" not in reasons["Newsletter"]
    assert reasons["Newsletter"] == "Cross-sell: a different service that fits; no evidence from your other clients yet (a long shot)"
    assert "1 of 1 other client who buys Blog posts also buys it" in reasons["Case studies"]  # one client: singular


def test_the_clients_own_purchases_are_not_counted_as_evidence():
    p = portfolio(["Blog posts", "Newsletter"], [("Alone", "Dental", "Blog posts")])
    (o,) = suggest(p, p.clients[0])
    assert (o.peers, o.peer_base, o.industry_peers, o.industry_base) == (0, 0, 0, 0)
    assert o.reason == "Cross-sell: a different service that fits; no evidence from your other clients yet (a long shot)"


def test_arabic_reason_is_in_arabic():
    p = portfolio(["مقالات المدونة", "إدارة المدونة"], [("أ", "", "مقالات المدونة"), ("ب", "", "مقالات المدونة;إدارة المدونة")], locale="ar")
    (o,) = suggest(p, p.clients[0])
    assert o.kind == "upsell"
    assert o.reason == "بيع إضافي: خطوة أكبر بعد مقالات المدونة؛ يشتريها أيضاً 1 من عميل واحد آخر يشتري مقالات المدونة (ملاءمة قوية)"


def test_edited_client_copy_and_shared_index_agree_with_fresh_computation():
    p = demo_portfolio()
    index = build_index(p)
    for c in p.clients:
        assert suggest(p, c, index=index) == suggest(p, c)
    edited = replace(p.clients[0], services=("Blog posts",))
    assert "Editing & proofreading" in [o.name for o in suggest(p, edited, index=index)]


def test_no_services_in_profile_means_no_opportunities():
    p = portfolio([], [("A", "", "Blog posts")])
    assert suggest(p, p.clients[0]) == []


@pytest.mark.parametrize("names, expected", [(["blog management", "CASE STUDIES", "Blog Management"], ["Blog management", "Case studies"])])
def test_the_draft_offers_the_freelancers_choice_in_order(names, expected):
    """The one choice rule (drafting._chosen): the named services in the order given, once each."""
    from freelancekit.drafts.drafting import _chosen

    p = demo_portfolio()
    ranked = suggest(p, p.clients[0])
    assert [o.name for o in _chosen(p.clients[0], ranked, names)] == expected


def test_fit_is_said_in_words_never_as_a_raw_number():
    from freelancekit.drafts.opportunities import fit_words

    assert [fit_words(x) for x in (100, 60, 59.9, 35, 15, 14.9, 0)] == [
        "a strong fit", "a strong fit", "a good fit", "a good fit", "worth a try", "a long shot", "a long shot"]
    assert fit_words(70, "ar") == "ملاءمة قوية"
    from freelancekit.portfolio.demo import demo_portfolio

    p = demo_portfolio()
    for c in p.clients:
        for o in suggest(p, c):
            assert "(fit" not in o.reason and "الملاءمة" not in o.reason and str(o.fit) not in o.reason


def test_a_service_similar_clients_keep_declining_ranks_lower():
    """The rule in docs/drafts.md: fit x (won + 2) / (won + declined + 2), over clients of the same industry."""
    from freelancekit.drafts.opportunities import outcome_factor

    p = portfolio(["Blog posts", "Newsletter", "Case studies"],
                  [("Target", "Dental", "Blog posts"), ("D1", "Dental", "Blog posts;Case studies;Newsletter"),
                   ("D2", "Dental", "Blog posts;Case studies;Newsletter"), ("Other", "Retail", "Blog posts")])
    before = {o.name: o.fit for o in suggest(p, p.clients[0])}
    declined = {("dental", "newsletter"): (0, 2), ("retail", service_key("Case studies")): (0, 5)}
    after = {o.name: o for o in suggest(p, p.clients[0], outcomes=declined)}
    assert after["Newsletter"].fit == round(before["Newsletter"] * 0.5, 1)  # (0 + 2) / (0 + 2 + 2)
    assert after["Case studies"].fit == before["Case studies"]  # declined only by another industry
    assert [o.name for o in suggest(p, p.clients[0], outcomes=declined)][0] == "Case studies"
    assert "declined 2 times by similar clients" in after["Newsletter"].reason
    assert outcome_factor({("dental", "newsletter"): (3, 3)}, "Dental", "Newsletter")[0] == 5 / 8
    assert outcome_factor({("dental", "newsletter"): (0, 2), ("retail", "newsletter"): (0, 2)}, "", "Newsletter")[0] == 2 / 6
    assert outcome_factor(None, "Dental", "Newsletter") == (1.0, 0, 0)


def test_a_saved_client_read_again_is_found_in_the_index_by_id(tmp_path):
    """A client list read again holds equal but new objects: each is still the portfolio's own client."""
    from freelancekit.portfolio.api import create_demo

    with create_demo(tmp_path / "p.sqlite") as store:
        p = store.portfolio()
        index = build_index(p)
        for c in p.clients:
            again = store.client(c.id)
            assert again is not c and again == c
            assert suggest(p, again, index=index) == suggest(p, c, index=index)
        edited = replace(p.clients[0], services=("Blog posts",))  # an edited copy is still scored as outside the portfolio
        assert suggest(p, edited, index=index) == suggest(p, replace(edited, id=None), index=index)


def test_a_client_listing_services_in_arabic_is_offered_what_the_same_client_in_english_is():
    """The upsell ("grows from" a service it buys) matches a service by either of its names: the Arabic demo,
    whose clients list "مقالات المدونة", was never offered "إدارة المدونة" and so never a package."""
    from freelancekit.drafts.fitting import fitting, fitting_packages
    from freelancekit.portfolio.demo import demo_portfolio
    from freelancekit.portfolio.demo_ar import arabic_demo_portfolio

    def offers(p):
        return {c.name: ([(o.name, o.kind, o.fit) for o in suggest(p, c)],
                         [pk.name for pk in fitting_packages(p.profile, c, fitting(suggest(p, c), c))]) for c in p.clients}

    english, arabic = offers(demo_portfolio()), offers(arabic_demo_portfolio())
    assert arabic == english
    assert sum(bool(packages) for _services, packages in arabic.values()) >= 8
