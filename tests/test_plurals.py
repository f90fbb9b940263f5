"""Counts are worded with the language's CLDR plural forms (docs/language.md): the export's message and
the ranking search's count, for 0, 1, 2, 3, 11 and 100 clients, each sentence as a reader expects it."""
from __future__ import annotations

import pytest

from freelancekit.cli import main
from freelancekit.language.l10n import plural
from freelancekit.portfolio.storage import Store

EXPORTED = {
    "en": {0: "Exported 0 clients to out.csv", 1: "Exported 1 client to out.csv", 2: "Exported 2 clients to out.csv",
           3: "Exported 3 clients to out.csv", 11: "Exported 11 clients to out.csv", 100: "Exported 100 clients to out.csv"},
    "ar": {0: "لم يُصدَّر أي عميل إلى out.csv", 1: "صُدّر عميل واحد إلى out.csv", 2: "صُدّر عميلان إلى out.csv",
           3: "صُدّر 3 عملاء إلى out.csv", 11: "صُدّر 11 عميلاً إلى out.csv", 100: "صُدّر 100 عميل إلى out.csv"},
}
MATCHES = {
    "en": {0: "0 clients match “ab”.", 1: "1 client matches “ab”.", 2: "2 clients match “ab”.",
           3: "3 clients match “ab”.", 11: "11 clients match “ab”.", 100: "100 clients match “ab”."},
    "ar": {0: "لا يطابق «ab» أي عميل.", 1: "عميل واحد يطابق «ab».", 2: "عميلان يطابقان «ab».",
           3: "3 عملاء يطابقون «ab».", 11: "11 عميلاً يطابقون «ab».", 100: "100 عميل يطابقون «ab»."},
}
CASES = [(loc, n) for loc in ("en", "ar") for n in (0, 1, 2, 3, 11, 100)]


@pytest.mark.parametrize("locale, count", CASES)
def test_the_export_message_takes_the_plural_form_of_its_count(locale, count):
    assert plural("cli_out.exported", count, locale, path="out.csv") == EXPORTED[locale][count]


@pytest.mark.parametrize("locale, count", CASES)
def test_the_ranking_search_count_takes_the_plural_form_of_its_count(locale, count):
    assert plural("ranking.matches", count, locale, text="ab") == MATCHES[locale][count]


def test_arabic_indic_digits_write_the_count_of_a_counted_text():
    assert plural("cli_out.exported", 11, "ar", "arab", path="out.csv") == "صُدّر ١١ عميلاً إلى out.csv"
    assert plural("cli_out.exported", 1000, "en", path="out.csv") == "Exported 1,000 clients to out.csv"


@pytest.mark.parametrize("locale, expected", [("en", "Exported 1 client to {out}\n"), ("ar", "صُدّر عميل واحد إلى {out}\n")])
def test_export_on_the_command_line_says_one_client_in_the_singular(tmp_path, capsys, locale, expected):
    db, out = tmp_path / "p.sqlite", tmp_path / "out.csv"
    with Store(db) as store:
        store.add_client({"name": "Only client"})
    assert main(["export", str(out), "--db", str(db), "--lang", locale]) == 0
    assert capsys.readouterr().out == expected.format(out=out)


@pytest.mark.parametrize("code, facts, english, arabic", [
    ("text.too_long", {"max_length": 200}, "is too long: at most 200 characters", "طويل جداً: 200 حرف على الأكثر"),
    ("text.too_long", {"max_length": 40}, "is too long: at most 40 characters", "طويل جداً: 40 حرفاً على الأكثر"),
    ("text.too_long", {"max_length": 1}, "is too long: at most 1 character", "طويل جداً: حرف واحد على الأكثر"),
    ("services.too_long", {"maximum": 30}, "is too long: at most 30 services", "طويلة جداً: 30 خدمةً على الأكثر"),
    ("offer.too_many", {"maximum": 3, "count": 5}, "choose at most 3 services: a short email gets read",
     "اختر 3 خدمات على الأكثر: الرسالة القصيرة تُقرأ"),
    ("offer.too_many", {"maximum": 2, "count": 5}, "choose at most 2 services: a short email gets read",
     "اختر خدمتين على الأكثر: الرسالة القصيرة تُقرأ"),
    ("demo.would_replace", {"path": "p.sqlite", "count": 1}, "p.sqlite already holds your portfolio (1 client): nothing was replaced",
     "في p.sqlite محفظتك (عميل واحد): لم يُستبدل شيء"),
])
def test_a_counted_error_takes_the_form_of_the_fact_it_counts(code, facts, english, arabic):
    from freelancekit.language.wording import code_text

    assert code_text(code, facts, "en", isolate=False) == english
    assert code_text(code, facts, "ar", isolate=False) == arabic


@pytest.mark.parametrize("rows, english, arabic", [
    (1, "1 of 1 row is ready to import.", "1 من صف واحد جاهز للاستيراد."),
    (2, "1 of 2 rows are ready to import.", "1 من صفين جاهزة للاستيراد."),
    (5, "1 of 5 rows are ready to import.", "1 من 5 صفوف جاهزة للاستيراد."),
    (40, "1 of 40 rows are ready to import.", "1 من 40 صفاً جاهزة للاستيراد."),
    (300, "1 of 300 rows are ready to import.", "1 من 300 صف جاهزة للاستيراد."),
])
def test_the_import_preview_counts_the_rows_of_the_file(rows, english, arabic):
    assert plural("import.preview", rows, "en", valid="1") == english
    assert plural("import.preview", rows, "ar", valid="1") == arabic
