"""Column headers in English or Arabic, any case, spaces or underscores (docs/data.md, "Column names")."""
from __future__ import annotations

import pytest
from workbooks import xlsx_bytes as xlsx

from freelancekit.files.headers import accepted_names, column_lookup, header_key
from freelancekit.files.importer import HeaderError, import_clients, parse_file
from freelancekit.portfolio.model import builtin_criteria, make_criterion
from freelancekit.portfolio.storage import Store

CRITERIA = builtin_criteria()
ARABIC_HEADER = ["الاسم", "الشخص المسؤول", "البريد الإلكتروني", "المجال", "الخدمات", "أجر الساعة", "الالتزام بمواعيد الدفع",
                 "سهولة التعامل", "الاستمتاع بالعمل", "تعلّم مهارات جديدة", "ملاحظات", "آخر إنجاز", "عميل منذ"]
ROW = ["مكتبة النور", "ليلى حداد", "layla@alnoor.com", "مكتبات", "مقالات;تدقيق", "45", "5", "4", "3", "2", "عميل قديم", "حملة رمضان", "2024-10-14"]


def csv(rows) -> bytes:
    return "\n".join(",".join(r) for r in rows).encode("utf-8-sig")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_arabic_header_sheet_imports(tmp_path, fmt):
    data = xlsx([ARABIC_HEADER, ROW]) if fmt == "xlsx" else csv([ARABIC_HEADER, ROW])
    with Store(tmp_path / "p.sqlite") as store:
        assert import_clients(store, data, f"clients.{fmt}").added == 1
        c = store.client_by_name("مكتبة النور")
    assert (c.contact_name, c.email, c.industry, c.services, c.notes, c.last_win, str(c.start_date)) == (
        "ليلى حداد", "layla@alnoor.com", "مكتبات", ("مقالات", "تدقيق"), "عميل قديم", "حملة رمضان", "2024-10-14")
    assert c.values == {"hourly_rate": 45.0, "on_time_payment": 5.0, "ease": 4.0, "enjoyment": 3.0, "learning": 2.0}


@pytest.mark.parametrize("written, key", [
    ("Hourly Rate", "hourly_rate"), ("HOURLY-RATE", "hourly_rate"), (" hourly_rate ", "hourly_rate"), ("Pay rate", "hourly_rate"),
    ("On time payment", "on_time_payment"), ("E-mail", "email"), ("Email Address", "email"), ("Client name *", "name"),
    ("Last win / milestone", "last_win"), ("Client since", "start_date"), ("Contact person", "contact_name"),
    ("البريد الالكتروني", "email"), ("اجر الساعة", "hourly_rate"), ("الإيميل", "email"), ("تعلم مهارات جديدة", "learning"),
    ("\u200fالاسم", "name"), ("\ufeffname", "name"),
])
def test_headers_match_whatever_the_case_spaces_underscores_or_arabic_spelling(written, key):
    assert column_lookup(CRITERIA)[header_key(written)] == key
    assert parse_file(f"{written}\nx\n".encode() if key == "name" else f"name,{written}\nA,\n".encode(), "c.csv", CRITERIA).columns[-1] == key


def test_a_criterion_of_ones_own_matches_by_key_and_label_and_wins_over_a_synonym():
    crit = (*CRITERIA, make_criterion({"key": "response", "label": "Rate"}))
    lookup = column_lookup(crit)
    assert lookup[header_key("rate")] == "response" and lookup[header_key("Response")] == "response"
    assert lookup[header_key("Hourly rate")] == "hourly_rate"


def test_no_two_columns_share_an_accepted_name():
    seen: dict[str, str] = {}
    for key, names in accepted_names(CRITERIA).items():
        for name in names:
            assert seen.setdefault(header_key(name), key) == key, (name, key, seen[header_key(name)])


def test_an_unknown_column_gets_one_message_naming_it():
    with pytest.raises(HeaderError) as exc:
        parse_file("الاسم,الهاتف,fax\nA,1,2\n".encode(), "c.csv", CRITERIA)
    assert len(exc.value.problems) == 1 and exc.value.unknown == ["الهاتف", "fax"]
    assert str(exc.value).startswith("row 1: 'الهاتف', 'fax' are not known columns: use name, contact_name")


def test_two_headers_for_one_column_are_named():
    with pytest.raises(HeaderError) as exc:
        parse_file("name,email,البريد الإلكتروني\nA,,\n".encode(), "c.csv", CRITERIA)
    assert str(exc.value) == "row 1: the column 'email' appears twice ('email' and 'البريد الإلكتروني'): keep one"
    assert exc.value.twice == [("email", "البريد الإلكتروني", "email")]


def test_the_readme_lists_every_accepted_name():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### The client file"):]
    rows = {line.split("|")[1].strip(" `"): line for line in section.splitlines() if line.startswith("| `")}
    for key, names in accepted_names(CRITERIA).items():
        assert all(name in rows[key] for name in names[1:]), key


def test_an_unknown_column_is_worded_with_the_accepted_names_of_the_readers_language():
    with pytest.raises(HeaderError) as exc:
        parse_file("name,fax\nA,1\n".encode(), "c.csv", CRITERIA)
    arabic = exc.value.text("ar")
    assert "البريد الإلكتروني" in arabic and "contact_name" not in arabic and "hourly_rate" not in arabic, arabic
    assert "contact_name, email" in exc.value.text("en")  # in English the keys are the names to write


@pytest.mark.parametrize("written", ["الأجر", "الاجر", "السعر", "سعر الساعة", "أجر الساعة", "الأجر بالساعة"])
def test_the_common_arabic_words_for_the_rate_name_the_rate_column(written):
    assert column_lookup(CRITERIA)[header_key(written)] == "hourly_rate"


def test_every_client_column_accepts_an_arabic_word_besides_its_label():
    arabic = {key: [n for n in names[1:] if any("\u0600" <= ch <= "\u06ff" for ch in n)] for key, names in accepted_names(CRITERIA).items()}
    assert {key: len(words) >= 2 for key, words in arabic.items()} == {key: True for key in arabic}


def test_the_issues_arabic_sheet_with_arabic_semicolons_imports_every_service(tmp_path):
    data = "العميل,البريد الإلكتروني,الخدمات,الأجر\nمكتبة النور,layla@alnoor.com,مقالات؛ تدقيق؛ ترجمة,90\n".encode()
    with Store(tmp_path / "p.sqlite") as store:
        assert import_clients(store, data, "clients.csv").added == 1
        c = store.client_by_name("مكتبة النور")
    assert (c.email, c.services, c.values["hourly_rate"]) == ("layla@alnoor.com", ("مقالات", "تدقيق", "ترجمة"), 90.0)
