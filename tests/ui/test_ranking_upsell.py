"""The ranking view's upsell part: income won this year, and who it is a good moment to ask (docs/drafts.md)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from freelancekit.drafts.drafting import compose_draft, save_draft, set_status
from freelancekit.ui import dom
from freelancekit.ui.ranking_upsell import MOMENTS_SHOWN, upsell_html


def test_the_part_shows_the_won_total_and_the_good_moments(app):
    store = app.store
    p = store.portfolio()
    today = date.today()
    first, second = p.clients[0], p.clients[1]
    store.update_client(first.id, replace(first, last_win_date=today - timedelta(days=3)))
    store.update_client(second.id, replace(second, last_win_date=today - timedelta(days=300)))
    save_draft(store, set_status(compose_draft(p, p.clients[2]), "won", won_value=1300, won_what=["Complete"]))
    save_draft(store, set_status(compose_draft(p, p.clients[3]), "won", won_value=99, won_what=["x"], today=date(2000, 1, 1)))
    app.state.catch_up()
    view = app.views["ranking"]
    view.refresh()
    html = view.upsell.box.value
    assert dom.RANKING_WON in html and f"Upsell income won in {today.year}:" in html and "$1,300" in html and "$1,399" not in html
    assert dom.RANKING_GOOD_MOMENT in html and first.name in html and second.name not in html


def test_upsell_html_escapes_and_speaks_arabic():
    html = upsell_html(0, "USD", ["<b>Evil</b>"], "en", 2026)
    assert "&lt;b&gt;Evil&lt;/b&gt;" in html and "$0" in html
    ar = upsell_html(1300, "USD", ["مكتبة النور"], "ar", 2026)
    assert "دخل البيع الإضافي في 2026:" in ar and "1,300 USD" in ar and "وقت مناسب للعرض" in ar


def test_thousands_of_good_moments_name_the_best_ranked_few_and_count_the_rest():
    names = [f"Client {i:05d}" for i in range(5000)]
    en = upsell_html(0, "USD", names, "en", 2026)
    assert all(n in en for n in names[:MOMENTS_SHOWN]) and names[MOMENTS_SHOWN] not in en
    assert MOMENTS_SHOWN == 10 and en.endswith(", and 4,990 more</p></div>")  # a counted text: grouped, its plural form
    ar = upsell_html(0, "USD", names, "ar", 2026)
    assert "، و4,990 عميلاً آخر</p>" in ar and names[MOMENTS_SHOWN] not in ar  # 4 990: the "many" form (n % 100 in 11-99)
    exact = upsell_html(0, "USD", names[:MOMENTS_SHOWN], "en", 2026)
    assert "more" not in exact and names[MOMENTS_SHOWN - 1] in exact
