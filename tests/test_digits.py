"""The user's digits (docs/language.md): 123 or ١٢٣ in Arabic, saved in the portfolio, followed by app, CLI and drafts."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from old_formats import wind_back

from freelancekit.cli import main
from freelancekit.drafts.drafting import draft_top_three
from freelancekit.errors import InvalidInput
from freelancekit.language import l10n, numerals
from freelancekit.language.wording import error_text
from freelancekit.portfolio.demo import demo_portfolio
from freelancekit.portfolio.storage import Store
from freelancekit.ranking.explain import explain
from freelancekit.ranking.scoring import rank, score_table
from freelancekit.ui.ranking_table import ranking_table_html

LATIN = re.compile(r"[0-9]")
ARABIC_INDIC = re.compile(r"[٠-٩]")
ISOLATED = re.compile(r"[\u2066-\u2068][^\u2069]*\u2069")  # user text (a client's name) keeps its own digits


def outside_names(text: str) -> str:
    return ISOLATED.sub("", re.sub(r"<bdi>[^<]*</bdi>", "", text))


def test_written_follows_the_choice_only_in_arabic():
    assert numerals.written("1,300.5", "ar", "arab") == "١٬٣٠٠٫٥"
    assert numerals.written("1,300.5", "ar", "latn") == "1,300.5"
    assert numerals.written("1,300.5", "en", "arab") == "1,300.5"
    assert numerals.to_latin("١٬٣٠٠٫٥") == "1,300.5"


@pytest.mark.parametrize(("n", "arab", "latn"), [
    (0, "لم تُوجد مشكلات.", "لم تُوجد مشكلات."), (1, "وُجدت مشكلة واحدة:", "وُجدت مشكلة واحدة:"),
    (2, "وُجدت مشكلتان:", "وُجدت مشكلتان:"), (3, "وُجدت ٣ مشكلات:", "وُجدت 3 مشكلات:"),
    (11, "وُجدت ١١ مشكلة:", "وُجدت 11 مشكلة:"), (100, "وُجدت ١٠٠ مشكلة:", "وُجدت 100 مشكلة:"),
])
def test_counts_take_the_plural_form_and_the_digits(n, arab, latn):
    assert l10n.plural("import.problems", n, "ar", "arab") == arab
    assert l10n.plural("import.problems", n, "ar", "latn") == latn


@pytest.mark.parametrize("key", ["records.oldest_first_count", "records.skipped_count", "records.ui.problems_count",
                                 "records.ui.unmatched_count"])
def test_records_counts_have_a_text_for_each_arabic_form(key):
    texts = {n: l10n.plural(key, n, "ar", "arab") for n in (0, 1, 2, 3, 11, 100)}
    assert len(set(texts.values())) >= 5  # zero, one, two, few differ; many and other may read the same
    assert "٣" in texts[3] and "١١" in texts[11] and "١٠٠" in texts[100]
    assert "(s)" not in l10n.plural(key, 2, "en")


def test_the_choice_is_saved_with_the_profile_and_defaults_to_latin(tmp_path):
    with Store(tmp_path / "p.sqlite") as s:
        assert s.profile().digits == "latn"
        s.save_profile({**s.profile().__dict__, "digits": "arab"})
    with Store(tmp_path / "p.sqlite") as s:
        assert s.profile().digits == "arab"


def test_an_unknown_choice_is_refused_in_the_users_language(tmp_path):
    with Store(tmp_path / "p.sqlite") as s, pytest.raises(InvalidInput) as caught:
        s.save_profile({**s.profile().__dict__, "digits": "roman"})
    assert caught.value.problems[0].field == "digits"
    shown = error_text(caught.value, "ar", labels={})  # as the app words it: the field by its label
    assert "شكل الأرقام" in shown and "roman" in shown
    with Store(tmp_path / "p.sqlite") as s:
        assert s.profile().digits == "latn"


def test_a_portfolio_from_before_the_choice_opens_with_latin_digits(tmp_path):
    path = tmp_path / "old.sqlite"
    with Store(path) as s:
        s.add_client({"name": "Kept"})
    wind_back(path, 5)
    with Store(path) as s:
        assert s.profile().digits == "latn" and [c.name for c in s.clients()] == ["Kept"]


def _arabic_ranking():
    p = demo_portfolio()
    return rank(score_table(p.clients, p.criteria), p.criteria)


def test_ranking_table_writes_places_scores_values_and_points_in_the_users_digits():
    ranking = _arabic_ranking()
    html = ranking_table_html(ranking, "ar", digits="arab")
    cells = re.sub(r'<[^>]*>', " ", outside_names(html))  # text only: attributes (data-points) stay machine-readable
    assert ARABIC_INDIC.search(cells) and not LATIN.search(cells)
    assert 'data-points="' in html and re.search(r'data-score="\d', html)
    assert not ARABIC_INDIC.search(ranking_table_html(ranking, "ar", digits="latn"))
    assert not ARABIC_INDIC.search(ranking_table_html(ranking, "en", digits="arab"))


def test_why_number_one_writes_points_in_the_users_digits():
    text = explain(_arabic_ranking(), 0, "ar", "arab")
    assert ARABIC_INDIC.search(text) and not LATIN.search(outside_names(text))
    assert not ARABIC_INDIC.search(explain(_arabic_ranking(), 0, "ar", "latn"))


def test_arabic_drafts_write_prices_and_days_in_the_users_digits():
    p = demo_portfolio()
    arab = replace(p, profile=replace(p.profile, locale="ar", digits="arab"))
    body = draft_top_three(arab, today=date(2026, 12, 3)).drafts[0].body
    assert "٦٠٠ USD" in body and "600" not in body
    latn = draft_top_three(replace(arab, profile=replace(arab.profile, digits="latn")), today=date(2026, 12, 3)).drafts[0].body
    assert "600 USD" in latn and not ARABIC_INDIC.search(latn)
    english = draft_top_three(replace(p, profile=replace(p.profile, digits="arab")), today=date(2026, 12, 3)).drafts[0].body
    assert not ARABIC_INDIC.search(english)


@pytest.fixture
def arab_db(tmp_path, capsys):
    path = tmp_path / "p.sqlite"
    assert main(["demo", "--db", str(path)]) == 0
    with Store(path) as s:
        s.save_profile({**s.profile().__dict__, "locale": "ar", "digits": "arab"})
    capsys.readouterr()
    return path


def test_the_command_line_follows_the_saved_digits_and_digits_overrides_them(arab_db, capsys):
    assert main(["rank", "--db", str(arab_db)]) == 0
    saved = capsys.readouterr().out
    assert "٨٥٫٧" in saved and "85.7" not in saved
    assert main(["rank", "--db", str(arab_db), "--digits", "latn"]) == 0
    assert "85.7" in capsys.readouterr().out
    assert main(["rank", "--db", str(arab_db), "--format", "json"]) == 0
    assert not ARABIC_INDIC.search(capsys.readouterr().out)  # a program reads Latin digits


def test_command_line_errors_count_in_the_users_digits(arab_db, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,email\n,bad\nx,y\n", encoding="utf-8")
    assert main(["import", "--db", str(arab_db), str(bad)]) == 2
    err = capsys.readouterr().err
    assert "٣ مشكلات" in err and "الصف ٢" in err


def test_our_own_numbers_in_arabic_texts_follow_the_digits_but_names_keep_theirs():
    from freelancekit.language import i18n

    assert i18n.t("ranking.score_points", "ar", digits="arab") == "الدرجة (من ١٠٠ نقطة)"
    assert "٢٠٢٦-٠٣-٣١" in i18n.t("error.date.invalid", "ar", digits="arab", value="x")
    encoding = i18n.t("error.import.windows_1256", "ar", digits="arab")
    assert "UTF-8" in encoding and "Windows-1256" in encoding
    assert "[[y:,.2f]]" in i18n.t("records.plot.rate_hover", "ar", digits="arab", client="c", currency="USD")
    assert i18n.t("ranking.score_points", "en", digits="arab") == "Score (points of 100)"


def test_a_date_typed_in_arabic_indic_digits_is_the_same_day():
    from freelancekit.portfolio.validation import parse_date

    assert parse_date("٢٠٢٦-٠٣-٣١", "start_date") == date(2026, 3, 31)


def test_the_app_follows_the_saved_choice_and_rebuilds_when_it_changes(app):
    app.views["profile"].fields["locale"].input.value = "ar"
    app.views["profile"].fields["digits"].input.value = "arab"
    assert app.store.profile().digits == "arab" and app.state.digits == "arab"
    ranking = app.views["ranking"]
    assert "<td>٨٥٫٧</td>" in ranking.table.value and "<td>85.7</td>" not in ranking.table.value
    app.views["profile"].fields["digits"].input.value = "latn"
    assert "<td>85.7</td>" in app.views["ranking"].table.value
