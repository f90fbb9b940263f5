"""A service's price line in the client's currency (drafts/price_hints.py; docs/currencies.md, "Prices in drafts")."""
from __future__ import annotations

import pytest

from freelancekit.drafts.price_hints import in_currency


@pytest.mark.parametrize(("hint", "locale", "euros"), [
    ("from $250 per post", "en", "from €230 per post"),            # 250 × 0.92 = 230
    ("$60 per hour", "en", "€55 per hour"),                        # 55.2 -> 55 (to 5 under 100)
    ("60 USD/h", "en", "€55/h"),
    ("USD 1,200 a month", "en", "€1,100 a month"),                 # 1 104 -> 1 100 (to 50 from 1 000)
    ("ابتداءً من 250 دولاراً للمقال", "ar", "ابتداءً من 230 يورو للمقال"),
    ("60 دولاراً للساعة", "ar", "55 يورو للساعة"),
    ("ابتداءً من 600 دولار شهرياً", "ar", "ابتداءً من 550 يورو شهرياً"),
    ("150 دولاراً أمريكياً للمقال", "ar", "140 يورو للمقال"),      # the adjective goes with its noun
])
def test_each_amount_in_the_profile_s_currency_is_written_in_the_client_s_at_a_natural_price(hint, locale, euros):
    assert in_currency(hint, "USD", "EUR", 0.92, locale, None) == euros


def test_an_arabic_amount_takes_the_form_its_number_asks_for_and_the_user_s_digits():
    assert in_currency("60 دولاراً للساعة", "USD", "EGP", 50.0, "ar", None) == "3,000 جنيه مصري للساعة"
    assert in_currency("60 دولاراً للساعة", "USD", "EGP", 0.25, "ar", None) == "15 جنيهًا مصريًا للساعة"
    assert in_currency("٦٠ دولاراً للساعة", "USD", "EGP", 0.1, "ar", "arab") == "٥ جنيهات مصرية للساعة"


@pytest.mark.parametrize("hint", ["3 posts for $250", "ask me", "60 per hour", "€60 per hour", ""])
def test_a_line_with_a_number_that_is_not_an_amount_in_the_profile_s_currency_is_kept_as_typed(hint):
    assert in_currency(hint, "USD", "EUR", 0.92, "en", None) == hint


def test_an_english_client_in_euros_is_offered_services_priced_in_euros(tmp_path):
    from dataclasses import replace
    from datetime import date

    from freelancekit.drafts.drafting import draft_top_three
    from freelancekit.portfolio.demo import demo_portfolio

    demo = demo_portfolio()
    p = replace(demo, profile=replace(demo.profile, packages=()),
                clients=tuple(replace(c, currency="EUR") for c in demo.clients))
    drafts = draft_top_three(p, today=date(2026, 3, 2)).drafts
    bodies = "\n".join(d.body for d in drafts)
    assert "€" in bodies and "$" not in bodies
