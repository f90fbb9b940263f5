"""User text is shown literally: never markup in HTML widgets, never markup or LaTeX in plotly."""
from __future__ import annotations

import html

from freelancekit.portfolio.model import make_client
from freelancekit.portfolio.storage import Store
from freelancekit.ranking.scoring import rank, score_table
from freelancekit.ui import charts
from freelancekit.ui.common import data_uri_link, html_text, plotly_text
from freelancekit.ui.draft_facts import card_html
from freelancekit.ui.ranking_view import ranking_table_html

EVIL = ['<b>bold</b>', '<a href="javascript:alert(1)">x</a>', "$x^2$", "Pay $5 or $10", "a & b", "<br>", "<img src=x onerror=alert(1)>"]


def test_html_text_escapes_markup_and_quotes():
    assert html_text('<a href="x">&\'') == "&lt;a href=&quot;x&quot;&gt;&amp;&#x27;"
    assert html_text(None) == ""
    assert html.unescape(html_text(EVIL[1])) == EVIL[1]


def test_plotly_text_escapes_tags_and_dollars_but_reads_back_the_same():
    for text in EVIL:
        out = plotly_text(text)
        assert "<" not in out and ">" not in out and "$" not in out
        assert html.unescape(out) == text  # plotly decodes entities for display: shown literally


def _ranking(tmp_path, names):
    with Store(tmp_path / "p.sqlite") as store:
        for i, name in enumerate(names):
            store.add_client({"name": name, "hourly_rate": 10 + i, "ease": 1 + i % 5})
        clients, criteria = store.clients(), store.criteria()
        store.add_criterion({"label": "<i>odd</i> $label$"})
        criteria = store.criteria()
        clients = store.clients()
    return rank(score_table(clients, criteria), criteria)


def test_figures_contain_no_raw_user_markup(tmp_path):
    ranking = _ranking(tmp_path, EVIL)
    for locale in ("en", "ar"):
        for fig in (charts.contributions_figure(ranking, locale), charts.radar_figure(ranking, locale)):
            texts = charts.figure_texts(fig)
            joined = " ".join(t for t in texts if "%{" not in t)  # hovertemplates are ours
            assert "$" not in joined
            for evil in ("<b>", "<a ", "<img", "<br>", "<i>"):
                assert evil not in joined
        assert any("&lt;b&gt;bold&lt;/b&gt;" in t for t in charts.figure_texts(charts.contributions_figure(ranking, locale)))


def test_hovertemplate_holds_no_user_text(tmp_path):
    ranking = _ranking(tmp_path, EVIL)
    for trace in charts.contributions_figure(ranking)["data"]:
        assert "bold" not in trace["hovertemplate"] and "odd" not in trace["hovertemplate"]


def test_ranking_table_and_cards_escape_names(tmp_path):
    ranking = _ranking(tmp_path, EVIL)
    table = ranking_table_html(ranking, "en")
    assert "<b>bold" not in table and "<img" not in table and "&lt;img src=x onerror=alert(1)&gt;" in table
    client = make_client({"name": "<script>x</script>", "contact_name": "<b>c</b>", "last_win": "<i>w</i>"}, ())
    card = card_html(1, client, "en")
    assert "<script>" not in card and "<b>c</b>" not in card and "&lt;i&gt;w&lt;/i&gt;" in card


def test_download_link_escapes_file_name():
    link = data_uri_link(b"abc", "text/csv", 'a"><script>.csv', "Get", "cls")
    assert "<script>" not in link and "base64,YWJj" in link
    assert '"><' not in data_uri_link(b"", 'text/csv" onclick="x', "f.csv", "<b>", 'c" onmouseover="y')


def test_literal_labels_are_escaped_and_skipped_by_mathjax():
    from freelancekit.ui.common import NO_MATH, literal, literal_text, set_error

    label = literal("$x^2$ <b>hi</b>")
    assert NO_MATH in label.value and "<b>hi" not in label.value
    assert literal_text(label) == "$x^2$ <b>hi</b>"
    set_error(label, "'$a$' is wrong")
    assert NO_MATH in label.value


def test_every_user_text_html_in_the_app_is_marked_no_math(app):
    """Clients table cells, ranking table, draft cards: MathJax never sees user text."""
    from freelancekit.ui.common import NO_MATH

    app.store.add_client({"name": "$x^2$ Co", "ease": 5, "hourly_rate": 500, "on_time_payment": 5, "enjoyment": 5, "learning": 5})
    app.state.changed("clients")
    assert NO_MATH in app.views["ranking"].table.value
    cells = [c for row in app.views["clients"].table.rows for c in row[1]]
    assert all(NO_MATH in c.value for c in cells)
    assert all(NO_MATH in card.facts.value for card in app.views["drafts"].cards)
    assert app.views["drafts"].cards[0].client.name == "$x^2$ Co"


def test_no_widget_class_holds_a_space(app):
    """The page adds each of a widget's classes as one token: 'a b' is refused (and the widget's classes with it)."""
    def walk(widget):
        yield widget
        for child in getattr(widget, "children", ()):
            yield from walk(child)

    built = [app.root, *(app.views[v].widget for v in ("profile", "clients", "import", "criteria", "ranking", "drafts"))]
    bad = [(type(m).__name__, c) for top in built for m in walk(top) for c in getattr(m, "_dom_classes", ()) if " " in c]
    assert bad == []
