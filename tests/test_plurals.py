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


@pytest.mark.parametrize("rows, english, arabic", [  # "الجاهز": the ready count is not what is counted
    (1, "1 of 1 row is ready to import.", "الجاهز للاستيراد: 1 من صف واحد."),
    (2, "1 of 2 rows are ready to import.", "الجاهز للاستيراد: 1 من صفين."),
    (5, "1 of 5 rows are ready to import.", "الجاهز للاستيراد: 1 من 5 صفوف."),
    (40, "1 of 40 rows are ready to import.", "الجاهز للاستيراد: 1 من 40 صفاً."),
    (300, "1 of 300 rows are ready to import.", "الجاهز للاستيراد: 1 من 300 صف."),
])
def test_the_import_preview_counts_the_rows_of_the_file(rows, english, arabic):
    assert plural("import.preview", rows, "en", valid="1") == english
    assert plural("import.preview", rows, "ar", valid="1") == arabic


# --- sentences with several counts: each count is its own counted phrase, composed by the caller ------------------------
IMPORT_UNDONE = {
    "en": {
        0: 'The import of a.csv was undone: 0 added clients removed, 0 restored as they were.',
        1: 'The import of a.csv was undone: 1 added client removed, 1 restored as it was.',
        2: 'The import of a.csv was undone: 2 added clients removed, 2 restored as they were.',
        3: 'The import of a.csv was undone: 3 added clients removed, 3 restored as they were.',
        11: 'The import of a.csv was undone: 11 added clients removed, 11 restored as they were.',
        100: 'The import of a.csv was undone: 100 added clients removed, 100 restored as they were.',
    },
    "ar": {
        0: 'تمّ التراجع عن استيراد a.csv: لم يُحذف أي عميل مضاف، ولم يُستعد أي عميل محدَّث.',
        1: 'تمّ التراجع عن استيراد a.csv: حُذف عميل مضاف واحد، واستُعيد عميل محدَّث واحد كما كان.',
        2: 'تمّ التراجع عن استيراد a.csv: حُذف عميلان مضافان، واستُعيد عميلان محدَّثان كما كانا.',
        3: 'تمّ التراجع عن استيراد a.csv: حُذف 3 عملاء مضافين، واستُعيد 3 عملاء محدَّثين كما كانوا.',
        11: 'تمّ التراجع عن استيراد a.csv: حُذف 11 عميلاً مضافاً، واستُعيد 11 عميلاً محدَّثاً كما كانوا.',
        100: 'تمّ التراجع عن استيراد a.csv: حُذف 100 عميل مضاف، واستُعيد 100 عميل محدَّث كما كانوا.',
    },
}
RECORDS_IMPORTED = {
    "en": {
        0: 'Imported t.csv (Toggl): 0 time entries, 0 invoices, 0 payments added; 0 invoices updated; 0 records were already stored',
        1: 'Imported t.csv (Toggl): 1 time entry, 1 invoice, 1 payment added; 1 invoice updated; 1 record was already stored',
        2: 'Imported t.csv (Toggl): 2 time entries, 2 invoices, 2 payments added; 2 invoices updated; 2 records were already stored',
        3: 'Imported t.csv (Toggl): 3 time entries, 3 invoices, 3 payments added; 3 invoices updated; 3 records were already stored',
        11: 'Imported t.csv (Toggl): 11 time entries, 11 invoices, 11 payments added; 11 invoices updated; 11 records were already stored',
        100: 'Imported t.csv (Toggl): 100 time entries, 100 invoices, 100 payments added; 100 invoices updated; 100 records were already stored',
    },
    "ar": {
        0: 'استُورد t.csv (Toggl) — الجديد: لا إدخالات وقت، لا فواتير ولا دفعات؛ المحدَّث: لا فواتير؛ لم يكن أي سجل محفوظاً من قبل',
        1: 'استُورد t.csv (Toggl) — الجديد: إدخال وقت واحد، فاتورة واحدة ودفعة واحدة؛ المحدَّث: فاتورة واحدة؛ سجل واحد كان محفوظاً من قبل',
        2: 'استُورد t.csv (Toggl) — الجديد: إدخالا وقت، فاتورتان ودفعتان؛ المحدَّث: فاتورتان؛ سجلان كانا محفوظين من قبل',
        3: 'استُورد t.csv (Toggl) — الجديد: 3 إدخالات وقت، 3 فواتير و\u00a03 دفعات؛ المحدَّث: 3 فواتير؛ 3 سجلات كانت محفوظة من قبل',
        11: 'استُورد t.csv (Toggl) — الجديد: 11 إدخال وقت، 11 فاتورة و\u00a011 دفعة؛ المحدَّث: 11 فاتورة؛ 11 سجلاً كانت محفوظة من قبل',
        100: 'استُورد t.csv (Toggl) — الجديد: 100 إدخال وقت، 100 فاتورة و\u00a0100 دفعة؛ المحدَّث: 100 فاتورة؛ 100 سجل كانت محفوظة من قبل',
    },
}
CLI_IMPORTED = {
    "en": {
        0: 'Imported c.csv: 0 added, 0 updated, 0 unchanged, 0 skipped, 0 rows with problems not imported',
        1: 'Imported c.csv: 1 added, 1 updated, 1 unchanged, 1 skipped, 1 row with problems not imported',
        2: 'Imported c.csv: 2 added, 2 updated, 2 unchanged, 2 skipped, 2 rows with problems not imported',
        3: 'Imported c.csv: 3 added, 3 updated, 3 unchanged, 3 skipped, 3 rows with problems not imported',
        11: 'Imported c.csv: 11 added, 11 updated, 11 unchanged, 11 skipped, 11 rows with problems not imported',
        100: 'Imported c.csv: 100 added, 100 updated, 100 unchanged, 100 skipped, 100 rows with problems not imported',
    },
    "ar": {
        0: 'استُورد c.csv: لا عميل جديد، لا عميل محدَّث، لا عميل بلا تغيير، لا عميل يتخطّاه الاستيراد ولا صف فيه مشكلات',
        1: 'استُورد c.csv: عميل جديد واحد، عميل محدَّث واحد، عميل واحد بلا تغيير، عميل واحد يتخطّاه الاستيراد وصف واحد فيه مشكلات خارج الاستيراد',
        2: 'استُورد c.csv: عميلان جديدان، عميلان محدَّثان، عميلان بلا تغيير، عميلان يتخطّاهما الاستيراد وصفان فيهما مشكلات خارج الاستيراد',
        3: 'استُورد c.csv: 3 عملاء جدد، 3 عملاء محدَّثون، 3 عملاء بلا تغيير، 3 عملاء يتخطّاهم الاستيراد و\u00a03 صفوف فيها مشكلات خارج الاستيراد',
        11: 'استُورد c.csv: 11 عميلاً جديداً، 11 عميلاً محدَّثاً، 11 عميلاً بلا تغيير، 11 عميلاً يتخطّاهم الاستيراد و\u00a011 صفاً فيها مشكلات خارج الاستيراد',
        100: 'استُورد c.csv: 100 عميل جديد، 100 عميل محدَّث، 100 عميل بلا تغيير، 100 عميل يتخطّاهم الاستيراد و\u00a0100 صف فيها مشكلات خارج الاستيراد',
    },
}


@pytest.mark.parametrize("locale, count", CASES)
def test_an_undone_import_counts_the_removed_and_the_restored_clients_each_in_its_own_form(locale, count):
    from freelancekit.language import i18n

    text = i18n.t("import.undone", locale, file="a.csv", removed=plural("undo.removed_added", count, locale),
                  restored=plural("import.undone_restored", count, locale))
    assert text == IMPORT_UNDONE[locale][count]


@pytest.mark.parametrize("locale, count", CASES)
def test_a_records_import_counts_entries_invoices_payments_and_stored_records_each_in_its_own_form(locale, count):
    from freelancekit.language import i18n
    from freelancekit.language.l10n import counts

    added = counts([("count.time_entries", count), ("count.invoices", count), ("count.payments", count)], locale)
    text = i18n.t("records.cli.imported", locale, file="t.csv", format="Toggl", added=added,
                  updated=plural("count.invoices", count, locale), unchanged=plural("records.already_stored", count, locale))
    assert text == RECORDS_IMPORTED[locale][count]


@pytest.mark.parametrize("locale, count", CASES)
def test_a_client_import_counts_each_outcome_in_its_own_form(locale, count):
    from freelancekit.language import i18n
    from freelancekit.language.l10n import counts

    keys = ("cli_out.count_added", "cli_out.count_updated", "cli_out.count_unchanged", "cli_out.count_skipped", "cli_out.count_problem_rows")
    text = i18n.t("cli_out.imported", locale, file="c.csv", read_as="", counts=counts([(k, count) for k in keys], locale))
    assert text == CLI_IMPORTED[locale][count]


@pytest.mark.parametrize("locale, expected", [
    ("en", "Imported clients.csv: 1 added, 0 updated, 0 unchanged, 0 skipped, 0 rows with problems not imported\n"),
    ("ar", "استُورد clients.csv: عميل جديد واحد، لا عميل محدَّث، لا عميل بلا تغيير، لا عميل يتخطّاه الاستيراد ولا صف فيه مشكلات\n"),
])
def test_import_on_the_command_line_words_its_counts_through_their_phrases(tmp_path, capsys, locale, expected):
    db, csv = tmp_path / "p.sqlite", tmp_path / "clients.csv"
    csv.write_text("name\nOnly client\n", encoding="utf-8")
    assert main(["import", str(csv), "--db", str(db), "--lang", locale]) == 0
    assert capsys.readouterr().out.startswith(expected)


@pytest.mark.parametrize("code, facts, english, arabic", [
    ("import.too_many_values", {"count": 3, "width": 2}, "has 3 values but the header has 2 columns (too many)",
     "فيه 3 قيم وفي صف العناوين عمودان (أكثر من اللازم)"),
    ("import.too_few_values", {"count": 1, "width": 11}, "has 1 value but the header has 11 columns (too few)",
     "فيه قيمة واحدة وفي صف العناوين 11 عموداً (أقل من اللازم)"),
    ("mail.link_too_long", {"client": "X", "length": 2100, "maximum": 2000}, "(2,100 characters; mail programs accept about 2,000)",
     "(2,100 حرف؛ تقبل برامج البريد نحو 2,000)"),
    ("mail.link_too_long", {"client": "X", "length": 2050, "maximum": 2000}, "(2,050 characters;", "(2,050 حرفاً؛"),
    ("import.undo_conflict_more", {"quoted": ["A"], "more": 1}, "'A' and 1 more changed after it", "تغيّر «A» ومعه عميل آخر بعده"),
    ("import.undo_conflict_more", {"quoted": ["A"], "more": 11}, "'A' and 11 more changed after it", "تغيّر «A» ومعه 11 عميلاً آخر بعده"),
    ("packages.too_many", {"maximum": 3, "count": 1}, "at most 3 packages (good, better, best): remove 1", "3 باقات على الأكثر"),
])
def test_an_error_with_several_counts_words_each_with_its_own_phrase(code, facts, english, arabic):
    from freelancekit.language.wording import code_text

    assert english in code_text(code, facts, "en", isolate=False)
    assert arabic in code_text(code, facts, "ar", isolate=False)
