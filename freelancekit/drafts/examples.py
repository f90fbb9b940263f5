"""The example drafts shown in ``docs/examples/`` (regenerate with ``python scripts/make_examples.py``).

Four drafts from the demo portfolio, written on ``EXAMPLE_DAY``: English and
Arabic, warm (best-ranked client, a win 12 days earlier: "a good moment to
ask") and formal (second client, a win 400 days earlier: dated, not "recent").
The Arabic ones use the same portfolio with an Arabic profile: Arabic service
names, value statements, price hints and packages, the clients' wins in
Arabic, Latin names kept as they are. Every one offers the profile's packages.

Two more cases in each language, from the same portfolio with one client changed: a team with no
contact person (the third-ranked client, its contact left empty: warm, addressed to the team) and
a client who buys nothing yet (``NO_SERVICES``, its services left empty: formal, nothing about
"our work").

The contacts of the drafts that name one carry a title (``EXAMPLE_TITLES``), so the examples show the
greetings a known title writes: "Dear Ms Natarajan," / «حضرة السيدة Priya Natarajan المحترمة،».

And a client who pays in euros (``OTHER_CURRENCY``) while the profile is in dollars, in both tones: the
best-ranked client, relaunching their blog, is offered a package whose price is converted at the ECB's
rate of ``EXAMPLE_DAY`` and rounded to a natural one (600 USD: 510 EUR); no dollar in the draft.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from freelancekit.portfolio.demo import demo_portfolio
from freelancekit.portfolio.demo_ar import arabic_demo_portfolio

EXAMPLE_DAY = date(2026, 3, 2)  # a Monday: the drafts propose a call on Wednesday and Thursday
RECENT_WIN, OLD_WIN = timedelta(days=12), timedelta(days=400)
NO_SERVICES = "Harbor & Co. Realty"  # no win on record either: a first offer to a client who buys nothing
EXAMPLE_TITLES = {"Daniel Reyes": "mr", "Priya Natarajan": "ms", "Grace O'Neill": "dr_f"}  # by contact: one man, two women
OTHER_CURRENCY = "EUR"
RELAUNCH = {"en": "the relaunch of the company blog", "ar": "إعادة إطلاق المدونة"}  # what the euro client works on: the package fits


def example_files() -> dict[str, str]:
    """File name -> text of each example draft, exactly as ``to_text`` exports it."""
    from freelancekit.drafts.drafting import draft_top_three
    from freelancekit.drafts.mailexport import to_text

    files = {}
    for prefix, demo in (("en", demo_portfolio()), ("ar", arabic_demo_portfolio())):
        portfolio = replace(demo, clients=tuple(replace(c, title=EXAMPLE_TITLES.get(c.contact_name, c.title)) for c in demo.clients))
        ranked = [d.client_name for d in draft_top_three(portfolio, today=EXAMPLE_DAY).drafts]
        for tone, rank, age in (("warm", 0, RECENT_WIN), ("formal", 1, OLD_WIN)):
            clients = tuple(replace(c, last_win_date=EXAMPLE_DAY - age) if c.name == ranked[rank] else c for c in portfolio.clients)
            draft = draft_top_three(replace(portfolio, clients=clients), tone=tone, today=EXAMPLE_DAY).drafts[rank]
            files[f"{prefix}-{tone}.txt"] = to_text(draft)
        for name, tone, change in ((ranked[2], "warm", {"contact_name": ""}), (NO_SERVICES, "formal", {"services": ()})):
            clients = tuple(replace(c, **change) if c.name == name else c for c in portfolio.clients)
            draft = draft_top_three(replace(portfolio, clients=clients), tone=tone, today=EXAMPLE_DAY, clients=[name]).drafts[0]
            files[f"{prefix}-{'team' if 'contact_name' in change else 'no-services'}-{tone}.txt"] = to_text(draft)
        abroad = tuple(replace(c, currency=OTHER_CURRENCY, working_on=RELAUNCH[prefix]) if c.name == ranked[0] else c
                       for c in portfolio.clients)
        for tone in ("warm", "formal"):
            draft = draft_top_three(replace(portfolio, clients=abroad), tone=tone, today=EXAMPLE_DAY, clients=[ranked[0]]).drafts[0]
            files[f"{prefix}-{OTHER_CURRENCY.lower()}-{tone}.txt"] = to_text(draft)
    return files


__all__ = ["arabic_demo_portfolio", "example_files"]  # arabic_demo_portfolio: from portfolio.demo_ar, where it lives
