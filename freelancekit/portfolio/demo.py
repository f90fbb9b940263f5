"""A realistic sample portfolio, so the ranking and drafts have something real to show."""
from __future__ import annotations

from dataclasses import replace

from freelancekit.portfolio.model import Client, Criterion, Package, Portfolio, Profile, Service, builtin_criteria, make_client

DEMO_SERVICES = (
    Service("Blog posts", "well-researched articles that bring in steady search traffic", "from $250 per post"),
    Service("Editing & proofreading", "clean, on-brand copy that reads like one voice", "$60 per hour"),
    Service("Blog management", "an editorial calendar, publishing and upkeep so the blog never goes quiet", "from $600 per month"),
    Service("Social media scheduling", "every article turned into a week of scheduled social posts", "from $300 per month"),
    Service("Email newsletter", "a monthly newsletter that brings readers back and keeps them buying", "from $400 per month"),
    Service("SEO content refresh", "older posts updated so they climb back up the search results", "$150 per post"),
    Service("Case studies", "customer stories that help the sales team close deals", "from $500 each"),
)

DEMO_PROFILE = Profile(
    name="Maya Carter",
    email="maya@mayacarter-writes.com",
    signature="Maya Carter\nContent writer & editor\nmayacarter-writes.com",
    currency="USD",
    locale="en",
    services=DEMO_SERVICES,
    packages=(
        Package("Essentials", ("Blog management",), 600, "per month"),
        Package("Growth", ("Blog management", "SEO content refresh"), 900, "per month", 1050),
        Package("Complete", ("Blog management", "SEO content refresh", "Case studies"), 1300, "per month", 1550),
    ),
)

# name, contact, email, industry, services, rate, on-time, ease, enjoyment, learning, notes, last win, start
_CLIENTS = [
    ("Brightpath Software", "Daniel Reyes", "daniel@brightpath.io", "B2B SaaS", "Blog posts;Editing & proofreading",
     95, 5, 4, 4, 5, "Two posts a month on product analytics; very clear briefs.",
     "The guide to churn metrics reached page one on Google", "2024-02-12"),
    ("Summit Outdoor Gear", "Priya Natarajan", "priya@summitgear.shop", "Outdoor e-commerce", "Blog posts",
     70, 4, 5, 5, 3, "Buying guides for hiking and camping; lovely team.",
     "The winter boots guide became the top landing page of the shop", "2023-09-01"),
    ("Lumen Dental Studio", "Dr. Hannah Kim", "office@lumendental.com", "Dental clinic", "Blog posts;Social media scheduling",
     60, 5, 4, 3, 2, "Patient-friendly posts on treatments.",
     "New-patient bookings from the blog doubled this quarter", "2024-06-20"),
    ("Ledgerwise Accounting", "Tom Fischer", "tom@ledgerwise.co.uk", "Accounting firm", "Editing & proofreading",
     55, 3, 3, 2, 2, "Edits their tax-season client letters; slow approvals.",
     "", "2022-11-15"),
    ("Flow Yoga Collective", "Sofia Álvarez", "sofia@flowyoga.studio", "Wellness studio", "Email newsletter",
     45, 4, 5, 5, 3, "Monthly newsletter to 3,000 members.",
     "The March newsletter filled every spot of the spring retreat", "2024-01-08"),
    ("Green Roots Foundation", "Amara Okafor", "amara@greenroots.org", "Nonprofit", "Blog posts;Case studies",
     40, 2, 4, 5, 4, "Impact stories for donors; grant-funded, pays late.",
     "The annual report story was quoted by a national newspaper", "2023-04-03"),
    ("Northwind Marketing Agency", "Lukas Berg", "lukas@northwind.agency", "Marketing agency", "Blog posts;Editing & proofreading;SEO content refresh",
     85, 4, 2, 3, 4, "White-label writing for their clients; tight deadlines.",
     "The Ostara Hotels retainer was won with our pitch content", "2023-07-19"),
    ("Harbor & Co. Realty", "Grace O'Neill", "grace@harborco.realty", "Real estate", "Blog posts",
     65, 5, 3, 2, 1, "Neighbourhood guides; repetitive but steady.",
     "", "2024-03-11"),
    ("Kettle & Crumb Roasters", "Marco Bianchi", "marco@kettlecrumb.coffee", "Specialty coffee", "Social media scheduling;Email newsletter",
     50, 4, 5, 5, 3, "Fun brand voice; small budget but loyal.",
     "The holiday blend sold out after the December newsletter", "2024-08-02"),
    ("Sentinel Cyber", "Ravi Shah", "ravi@sentinelcyber.io", "Cybersecurity", "Blog posts;Case studies",
     110, 3, 2, 3, 5, "Deeply technical whitepapers; demanding reviews.",
     "The ransomware case study became the best-converting sales asset", "2024-05-27"),
    ("مكتبة النور", "ليلى حداد", "layla@alnoor-books.com", "Bookshop", "Blog posts",
     50, 5, 5, 4, None, "Arabic and English book reviews for their online shop.",
     "The Ramadan reading list was shared over 2,000 times", "2024-10-14"),
    ("Polyglot Language School", "Émile Durand", "emile@polyglot.school", "Education", "Editing & proofreading;Blog posts",
     58, 4, 4, 4, 4, "Course pages and study-tips blog in plain English.",
     "Enrolment for the summer intensive course hit a record", "2023-12-05"),
]


def demo_portfolio() -> Portfolio:
    criteria = builtin_criteria()
    clients = []
    for (name, contact, email, industry, services, rate, ontime, ease, joy, learn, notes, win, start) in _CLIENTS:
        raw = {
            "name": name, "contact_name": contact, "email": email, "industry": industry, "services": services,
            "notes": notes, "last_win": win, "start_date": start,
            "values": {"hourly_rate": rate, "on_time_payment": ontime, "ease": ease, "enjoyment": joy, "learning": learn},
        }
        clients.append(make_client(raw, criteria))
    return Portfolio(DEMO_PROFILE, criteria, tuple(clients), is_demo=True)


def _content(portfolio: Portfolio) -> tuple[Profile, tuple[Criterion, ...], frozenset[Client]]:
    """What the user sees and can change: everything but ids and revision counters."""
    return (replace(portfolio.profile, revision=0),
            tuple(replace(c, revision=0) for c in portfolio.criteria),
            # values as sorted pairs: a hashable stand-in for the mapping, only ever compared
            frozenset(replace(c, id=None, revision=0, values=tuple(sorted(c.values.items()))) for c in portfolio.clients))  # type: ignore[arg-type]


def is_untouched_demo(portfolio: Portfolio, *, has_drafts: bool = False, has_templates: bool = False,
                      shipped: Portfolio | None = None) -> bool:
    """True when ``portfolio`` is the demo exactly as shipped: replacing it loses nothing the user made.

    Compares content, not revision counters, so a demo that was edited and
    then edited back counts as untouched, and any saved draft or template
    counts as the user's own work. ``shipped``: the demo it was made from (the
    English one when not given; ``demo_ar.arabic_demo_portfolio`` for the Arabic).
    """
    if not portfolio.is_demo or has_drafts or has_templates:
        return False
    return _content(portfolio) == _content(shipped or demo_portfolio())


__all__ = ["DEMO_PROFILE", "DEMO_SERVICES", "demo_portfolio", "is_untouched_demo"]
