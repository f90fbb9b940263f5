"""A contact's title (docs/data.md, docs/drafts.md "Greetings"): a code with a gender, read from a file in
either language, stored in format 9, and the formal greeting it writes in English and Arabic."""
from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

import pytest
from old_formats import wind_back

from freelancekit.drafts.drafting import compose_draft, surname
from freelancekit.errors import InvalidInput
from freelancekit.files.exporter import to_csv_bytes
from freelancekit.files.importer import import_clients
from freelancekit.language.bidi import strip_marks
from freelancekit.language.wording import error_text
from freelancekit.portfolio.demo import demo_portfolio
from freelancekit.portfolio.model import builtin_criteria, make_client
from freelancekit.portfolio.storage import Store
from freelancekit.portfolio.titles import TITLES, gender, parse_title

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(("typed", "code"), [
    ("Mr", "mr"), ("Mr.", "mr"), ("ms", "ms"), ("Mrs", "mrs"), (" MRS. ", "mrs"), ("Dr (woman)", "dr_f"), ("Dr (f)", "dr_f"),
    ("dr_m", "dr_m"), ("Doctor (male)", "dr_m"), ("Prof (woman)", "prof_f"), ("Engineer (man)", "eng_m"),
    ("السيد", "mr"), ("السيدة", "ms"), ("السيدة (متزوجة)", "mrs"), ("الدكتور", "dr_m"), ("الدكتورة", "dr_f"), ("دكتورة", "dr_f"),
    ("الأستاذ الدكتور", "prof_m"), ("الاستاذة الدكتورة", "prof_f"), ("المهندس", "eng_m"), ("المهندسة", "eng_f"), ("", ""), ("  ", ""),
])
def test_a_title_is_read_from_its_code_or_a_word_in_either_language(typed, code):
    assert parse_title(typed) == code


@pytest.mark.parametrize(("typed", "choices"), [("Dr", ["dr_m", "dr_f"]), ("Dr.", ["dr_m", "dr_f"]), ("د.", ["dr_m", "dr_f"]),
                                                ("Prof.", ["prof_m", "prof_f"]), ("أ.د.", ["prof_m", "prof_f"]), ("م.", ["eng_m", "eng_f"])])
def test_a_title_that_does_not_say_man_or_woman_is_refused_with_the_two_to_choose_from(typed, choices):
    with pytest.raises(InvalidInput) as exc:
        parse_title(typed)
    (problem,) = exc.value.problems
    assert problem.code == "title.no_gender" and [t.key for t in problem.facts["choices"]] == [f"title.{c}" for c in choices]


def test_an_unknown_title_is_refused_in_the_user_s_language_naming_the_titles():
    with pytest.raises(InvalidInput) as exc:
        make_client({"name": "X", "title": "Captain"}, builtin_criteria())
    assert [p.code for p in exc.value.problems] == ["title.unknown"]
    english, arabic = error_text(exc.value, "en"), strip_marks(error_text(exc.value, "ar"))
    assert "'Captain' is not a title: use one of Mr, Ms, Mrs, Dr (man), Dr (woman)" in strip_marks(english)
    assert "«Captain» ليس لقباً معروفاً" in arabic and "الدكتورة" in arabic and "المهندس" in arabic


def test_each_title_carries_its_gender():
    assert {c: gender(c) for c in TITLES} == {"mr": "m", "ms": "f", "mrs": "f", "dr_m": "m", "dr_f": "f", "prof_m": "m", "prof_f": "f",
                                              "eng_m": "m", "eng_f": "f"}
    assert gender("") == ""


# -- the client file ------------------------------------------------------------------------------------
def test_the_title_column_is_read_in_english_and_arabic_headers_and_words(tmp_path):
    with Store(tmp_path / "p.sqlite") as s:
        import_clients(s, "name,contact_name,title\nAcme,Priya Patel,Dr (woman)\nBeta,Ahmed Ali,الدكتور\nGamma,,\n".encode(), "a.csv")
        import_clients(s, "الاسم,الشخص المسؤول,اللقب\nشركة النور,منى الشريف,السيدة\nشركة الأفق,خالد حسن,المهندس\n".encode(), "b.csv")
        assert {c.name: c.title for c in s.clients()} == {"Acme": "dr_f", "Beta": "dr_m", "Gamma": "", "شركة النور": "ms",
                                                          "شركة الأفق": "eng_m"}


def test_a_bad_title_in_a_file_names_its_row_in_the_user_s_language_and_nothing_is_stored(tmp_path):
    with Store(tmp_path / "p.sqlite") as s:
        with pytest.raises(InvalidInput) as exc:
            import_clients(s, b"name,title\nAcme,Mrs\nBeta,Dr\nGamma,Sir\n", "a.csv")
        assert [(p.field, p.row, p.code) for p in exc.value.problems] == [("title", 3, "title.no_gender"), ("title", 4, "title.unknown")]
        english, arabic = strip_marks(error_text(exc.value, "en")), strip_marks(error_text(exc.value, "ar"))
        assert "row 3, column title: 'Dr' does not say whether the contact is a man or a woman" in english
        assert "a formal greeting needs: use one of Dr (man), Dr (woman)" in english
        assert "«Dr» لا يبيّن جنس الشخص المسؤول" in arabic and "الدكتور أو الدكتورة" in arabic
        assert s.clients() == ()


def test_a_title_survives_an_export_and_import_and_a_whole_portfolio_replaced(tmp_path):
    p = demo_portfolio()
    titled = replace(p, clients=tuple(replace(c, title=TITLES[i % len(TITLES)]) for i, c in enumerate(p.clients)))
    with Store(tmp_path / "a.sqlite") as a, Store(tmp_path / "b.sqlite") as b:
        a.replace_all(titled)
        assert {c.name: c.title for c in a.clients()} == {c.name: c.title for c in titled.clients}
        import_clients(b, to_csv_bytes(a.clients(), a.criteria()), "clients.csv")
        assert {c.name: c.title for c in b.clients()} == {c.name: c.title for c in titled.clients}


# -- format 9 -------------------------------------------------------------------------------------------
def test_a_portfolio_of_format_8_opens_with_no_titles_and_everything_kept(tmp_path):
    path = tmp_path / "p.sqlite"
    with Store(path) as s:
        s.replace_all(demo_portfolio())
        before = s.portfolio()
    wind_back(path, 8)
    con = sqlite3.connect(path)
    assert "title" not in [row[1] for row in con.execute("PRAGMA table_info(clients)")]
    con.close()
    with Store(path) as s:
        assert s.portfolio() == before and {c.title for c in s.clients()} == {""}
        s.update_client(s.clients()[0].saved_id, replace(s.clients()[0], title="mrs"))
        assert s.clients()[0].title == "mrs"


# -- the greeting ---------------------------------------------------------------------------------------
MEN, WOMEN = ("Ahmed Ali", "أحمد علي"), ("Priya Natarajan", "منى الشريف")
ENGLISH = {"mr": "Dear Mr {}," , "ms": "Dear Ms {},", "mrs": "Dear Mrs {},", "dr_m": "Dear Dr {},", "dr_f": "Dear Dr {},",
           "prof_m": "Dear Prof {},", "prof_f": "Dear Prof {},", "eng_m": "Dear Mr {},", "eng_f": "Dear Ms {},"}
ARABIC = {"mr": "حضرة السيد {} المحترم،", "ms": "حضرة السيدة {} المحترمة،", "mrs": "حضرة السيدة {} المحترمة،",
          "dr_m": "حضرة الدكتور {} المحترم،", "dr_f": "حضرة الدكتورة {} المحترمة،", "prof_m": "حضرة الأستاذ الدكتور {} المحترم،",
          "prof_f": "حضرة الأستاذة الدكتورة {} المحترمة،", "eng_m": "حضرة المهندس {} المحترم،", "eng_f": "حضرة المهندسة {} المحترمة،"}


def _lines(title: str, contact: str, locale: str, tone: str = "formal") -> list[str]:
    p = demo_portfolio()
    client = replace(p.clients[0], contact_name=contact, title=title)
    return strip_marks(compose_draft(p, client, tone=tone, locale=locale, today=TODAY).body).split("\n")


@pytest.mark.parametrize("title", TITLES)
def test_a_formal_draft_greets_by_the_title_in_both_languages(title):
    english, arabic = MEN if gender(title) == "m" else WOMEN
    assert _lines(title, english, "en")[0] == ENGLISH[title].format(english.split()[-1])
    lines = _lines(title, arabic, "ar")
    assert lines[:2] == [ARABIC[title].format(arabic), "تحية طيبة وبعد،"]


def test_without_a_title_the_greetings_are_as_before():
    assert _lines("", "Priya Natarajan", "en")[0] == "Dear Priya Natarajan,"
    assert _lines("", "منى الشريف", "ar")[:3] == ["إلى منى الشريف،", "تحية طيبة وبعد،", ""]
    assert _lines("", "منى الشريف", "ar", "warm")[0] == "مرحباً منى،"
    assert _lines("dr_f", "", "ar")[0].startswith("إلى فريق ") and _lines("dr_f", "", "en")[0].endswith(" team,")  # no contact: the team


def test_the_warm_draft_keeps_hi_in_english_and_agrees_with_the_gender_in_arabic():
    assert _lines("dr_f", "Priya Natarajan", "en", "warm")[0] == "Hi Priya,"
    assert _lines("dr_f", "منى الشريف", "ar", "warm")[0] == "عزيزتي منى،"
    assert _lines("eng_m", "أحمد علي", "ar", "warm")[0] == "عزيزي أحمد،"


def test_an_arabic_draft_to_a_woman_says_you_in_the_feminine_throughout_and_to_a_man_as_before():
    for tone in ("formal", "warm"):
        woman = "\n".join(_lines("ms", "منى الشريف", "ar", tone))
        man = "\n".join(_lines("mr", "أحمد علي", "ar", tone))
        unknown = "\n".join(_lines("", "أحمد علي", "ar", tone))
        assert "كِ" in woman and "كِ" not in man and man.split("\n", 1)[1] == unknown.split("\n", 1)[1]
        assert woman.replace("كِ", "ك").split("\n", 1)[1] == man.split("\n", 1)[1]  # the same words, only the pronoun marked


def test_a_title_typed_into_the_name_is_not_said_twice():
    assert _lines("dr_f", "Dr. Hannah Kim", "en")[0] == "Dear Dr Kim,"
    assert _lines("dr_f", "د. منى الشريف", "ar")[0] == "حضرة الدكتورة منى الشريف المحترمة،"


def test_the_family_name_keeps_its_particles_and_a_single_name_is_the_name():
    assert [surname(n) for n in ["Priya Natarajan", "Ahmed Al Sayed", "Ludwig van der Rohe", "Mary Ann Smith", "Madonna", "Dr. Hannah Kim", ""]] \
        == ["Natarajan", "Al Sayed", "van der Rohe", "Smith", "Madonna", "Kim", ""]
