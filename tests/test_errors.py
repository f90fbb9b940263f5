"""The error model (docs/errors.md): codes with English and Arabic texts, facts, words, exit codes."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from freelancekit import cli
from freelancekit.errors import (
    EXIT_BUSY,
    EXIT_FAILURE,
    EXIT_INPUT,
    FreelancekitError,
    InvalidInput,
    NotFound,
    PortfolioBusy,
    Problem,
    StaleEdit,
    StorageError,
)
from freelancekit.language import i18n, l10n, wording
from freelancekit.language.messages import MESSAGES
from freelancekit.portfolio.storage import Store

PACKAGE = Path(__file__).resolve().parent.parent / "freelancekit"
# code="x.y" keyword, refuse(field, "x.y", ...) and the conditional codes of a few raise sites
_RAISED = re.compile(r"""code=(?:f?"([a-z_0-9.]+)")|refuse\([^,()]+, "([a-z_0-9.]+)"|"((?:import|offer|template)\.[a-z_0-9]+)" if""")


def raised_codes() -> set[str]:
    codes = set()
    for path in PACKAGE.rglob("*.py"):
        for m in _RAISED.finditer(path.read_text(encoding="utf-8")):
            codes.add(next(g for g in m.groups() if g))
    return codes


def test_every_code_the_core_raises_has_an_english_and_an_arabic_text():
    codes = raised_codes()
    assert len(codes) > 100  # the scan finds the raise sites
    missing = sorted(c for c in codes if not i18n.known(f"error.{c}"))
    assert missing == []  # and tests/test_catalogs.py: every message has its Arabic


def test_only_command_line_advice_names_flags():
    for key, texts in error_texts().items():
        if not key.startswith("error.usage."):  # usage: the command line's own mistakes
            for loc, text in texts.items():
                assert not re.search(r"(?<![\w-])--[a-z]", text), f"{key} ({loc}) names a flag: {text}"


def test_arabic_error_texts_are_arabic_sentences():
    for key, texts in error_texts().items():
        assert re.search("[\u0600-\u06ff]", texts["ar"]), key
        assert texts["ar"] != texts["en"]


def error_texts() -> dict[str, dict[str, str]]:
    """Each error's text in each language (a counted one in every form: 0, 1, 2, 3, 11 and 100)."""
    def text(key: str, counted: bool, loc: str) -> str:
        return " ".join(i18n.counted(key, n, loc) for n in (0, 1, 2, 3, 11, 100)) if counted else i18n.t(key, loc)
    return {m.key: {loc: text(m.key, m.plural is not None, loc) for loc in i18n.LOCALES} for m in MESSAGES if m.key.startswith("error.")}


@pytest.mark.parametrize("count, form, text", [
    (0, "zero", "لم تُوجد مشكلات."), (1, "one", "وُجدت مشكلة واحدة:"), (2, "two", "وُجدت مشكلتان:"),
    (3, "few", "وُجدت 3 مشكلات:"), (11, "many", "وُجدت 11 مشكلة:"), (100, "other", "وُجدت 100 مشكلة:"),
])
def test_arabic_counts_take_their_cldr_plural_form(count, form, text):
    assert l10n.plural_form(count, "ar") == form
    assert l10n.plural("import.problems", count, "ar") == text


def test_english_counts_and_arabic_indic_digits():
    assert [l10n.plural("import.problems", n, "en") for n in (1, 2)] == ["1 problem found:", "2 problems found:"]
    assert l10n.plural("import.problems", 11, "ar", digits="arab") == "وُجدت ١١ مشكلة:"
    assert l10n.number(1234.5, "ar", "arab") == "١٬٢٣٤٫٥"
    assert l10n.number(1234.5, "ar") == l10n.number(1234.5, "en") == "1,234.5"


def test_a_problem_carries_its_code_and_facts_and_is_worded_in_each_language():
    p = Problem("ease", row=4, code="rating.range", value="9", minimum=1, maximum=5)
    assert (p.code, p.facts["minimum"], p.facts["maximum"], p.facts["value"]) == ("rating.range", 1, 5, "9")
    assert str(p) == "row 4, column ease: must be a whole number from 1 to 5"
    assert wording.problem_line(p, "ar", isolate=False) == "الصف 4، العمود ease: يجب أن يكون عدداً صحيحاً من 1 إلى 5"
    assert wording.problem_line(p, "ar", digits="arab", isolate=False) == "الصف ٤، العمود ease: يجب أن يكون عدداً صحيحاً من ١ إلى ٥"
    moved = Problem("ease", code="rating.range", minimum=1, maximum=5).at_row(7)
    assert (moved.row, moved.code, moved.facts["maximum"]) == (7, "rating.range", 5)


def test_user_values_are_isolated_in_a_sentence_of_the_other_direction():
    exc = InvalidInput(Problem("email", code="email.invalid", value="x@"))
    assert exc.for_field("email", "ar") == "«\u2068x@\u2069» ليس عنوان بريد واحداً: اكتبه بالصيغة name@example.com"
    assert exc.for_field("email", "en") == "'x@' is not one email address: write it as name@example.com"  # Latin in English: no marks


def test_the_page_names_fields_by_their_labels_and_a_file_by_its_columns():
    exc = InvalidInput([Problem("name", code="value.required"), Problem("learning", code="rating.range", minimum=1, maximum=5)])
    assert wording.error_text(exc, "ar", labels={}, isolate=False) == (
        "اسم العميل: مطلوب؛ تعلّم مهارات جديدة: يجب أن يكون عدداً صحيحاً من 1 إلى 5")
    assert wording.error_text(exc, "en", labels={"learning": "Growth"}) == "Client name: is required; Growth: must be a whole number from 1 to 5"
    in_file = InvalidInput(Problem("email", row=3, code="value.required"))
    assert wording.error_text(in_file, "en", labels={}) == "row 3, column email: is required"


def test_old_style_errors_still_work():
    old = FreelancekitError("something went wrong")
    assert (str(old), old.message, old.code, old.text("ar")) == ("something went wrong",) * 2 + ("message", "something went wrong")
    p = Problem("field", "an English sentence", 2)
    assert (str(p), p.in_words("ar")) == ("row 2, column field: an English sentence", "an English sentence")
    assert InvalidInput(p).for_field("field") == "an English sentence"


def test_exit_codes_follow_the_documented_table():
    assert InvalidInput(Problem("x", code="value.required")).exit_code == EXIT_INPUT == 2
    assert NotFound(code="client.gone").exit_code == EXIT_INPUT
    assert PortfolioBusy(code="storage.busy").exit_code == StaleEdit(code="draft.stale").exit_code == EXIT_BUSY == 75
    assert StorageError(code="storage.disk_full").exit_code == FreelancekitError("x").exit_code == EXIT_FAILURE == 1
    table = (PACKAGE.parent / "docs" / "errors.md").read_text(encoding="utf-8")
    for code in (1, 2, 75):
        assert f"| {code} |" in table


def test_the_cli_exits_by_the_table_and_speaks_the_portfolio_language(tmp_path, capsys):
    db = tmp_path / "p.sqlite"
    missing = tmp_path / "none.sqlite"
    assert cli.main(["rank", "--db", str(missing)]) == 2
    assert capsys.readouterr().err.startswith(f"freelancekit rank: there is no portfolio at {missing}; run 'freelancekit demo'")
    assert cli.main(["rank", "--db", str(missing), "--lang", "ar"]) == 2
    assert capsys.readouterr().err == (f"\u200ffreelancekit rank: لا توجد محفظة في {missing}؛ شغّل '\u2066freelancekit demo\u2069' أو "
                                       "'\u2066freelancekit import FILE\u2069' أولاً، أو اختر محفظة بـ \u2066--db\u2069\n")
    with Store(db) as s:
        s.save_profile({"name": "Maya", "locale": "ar"})
    bad = tmp_path / "bad.csv"
    bad.write_text("name,ease\nAcme,9\n,3\n", encoding="utf-8")
    assert cli.main(["import", str(bad), "--db", str(db)]) == 2  # no --lang: the portfolio's Arabic
    assert capsys.readouterr().err == ("\u200ffreelancekit import: مشكلتان:\n"
                                       "  الصف 2، العمود ease: يجب أن يكون عدداً صحيحاً من 1 إلى 5\n"
                                       "  الصف 3، العمود name: مطلوب\n")
    assert cli.main(["import", str(bad), "--db", str(db), "--lang", "en"]) == 2
    assert capsys.readouterr().err.startswith("freelancekit import: 2 problems:\n  row 2, column ease:")
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + bytes(4080))
    assert cli.main(["rank", "--db", str(damaged)]) == 1  # a damaged file: not your typing, and never "try again"
    assert capsys.readouterr().err.endswith("Restore a backup; or choose another file with --db\n")



def test_the_cli_reports_in_arabic_when_asked(tmp_path, capsys):
    db, out = tmp_path / "p.sqlite", tmp_path / "clients.csv"
    assert cli.main(["demo", "--db", str(db), "--lang", "ar"]) == 0
    assert capsys.readouterr().out == f"كُتبت المحفظة التجريبية (12 عميلاً) في {db}\n"
    assert cli.main(["export", str(out), "--db", str(db), "--lang", "ar"]) == 0
    assert capsys.readouterr().out == f"صُدّر 12 عميلاً إلى {out}\n"
    assert cli.main(["import", str(out), "--db", str(db), "--lang", "ar"]) == 0
    assert capsys.readouterr().out.startswith("استُورد clients.csv: لا عميل جديد، لا عميل محدَّث، 12 عميلاً بلا تغيير")
    assert cli.main(["rank", "--db", str(db), "--lang", "ar"]) == 0
    assert capsys.readouterr().out.splitlines()[0].split()[:3] == ["#", "العميل", "الدرجة"]


def test_every_list_is_joined_by_the_one_joiner_the_language_s_way():
    assert l10n.join_list(["a", "b", "c"], "en") == "a, b and c"
    assert l10n.join_list(["a", "b", "c"], "en", "or") == "a, b or c"
    assert l10n.join_list(["a", "b", "c"], "en", "or", listed=True) == "a, b, c"  # after "one of" English needs no "or"
    assert l10n.join_list(["أ", "ب", "ج"], "ar", "or") == "أ، ب أو ج"
    assert l10n.join_list(["«أ»", "«ب»"], "ar", listed=True) == "«أ» و«ب»"  # "و" joins the quoted word
    assert l10n.join_list(["مقالات", "SEO"], "ar") == "مقالات و\u00a0SEO"  # and keeps a (no-break) space before a Latin one
    facts = {"value": "x", "choices": ["ease", "fit", "size"]}
    assert wording.code_text("criterion.unknown", facts, "en", isolate=False).endswith("choose one of ease, fit, size")
    assert wording.code_text("criterion.unknown", facts, "ar", isolate=False).endswith("اختر واحداً من ease، fit أو size")
