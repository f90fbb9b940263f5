"""The import view: the preview says old -> new per field, Undo this import, messages in the user's language."""
from __future__ import annotations

import pytest

from freelancekit.files.exporter import to_csv_bytes
from freelancekit.portfolio.storage import Store
from freelancekit.ui import dom
from freelancekit.ui.common import error_text, literal_text


def export(store: Store) -> bytes:
    p = store.portfolio()
    return to_csv_bytes(p.clients, p.criteria)


@pytest.fixture
def arabic_app(demo_db):
    from freelancekit.ui.app import build

    with Store(demo_db) as s:
        s.save_profile({**s.profile().__dict__, "locale": "ar", "services": s.profile().services})
    built = build(db_path=demo_db)
    yield built
    built.store.close()


def test_preview_lists_each_changing_field_old_and_new_and_empty_cells_keep(app):
    before = app.store.client_by_name("Sentinel Cyber")
    view = app.views["import"]
    view.load("update.csv", "name,email,hourly_rate,notes,ease\nSentinel Cyber,new@sentinel.example,120,,\nNew Co,,,,\n".encode())
    html = view.preview.value
    assert "1 new, 1 updated, 0 already up to date" in literal_text(view.preview)
    assert html.count(dom.IMPORT_CHANGE + '"') == 2  # email and pay rate; the empty notes and ease cells change nothing
    assert f"<td>Email</td><td><bdi>{before.email}</bdi></td><td><bdi>new@sentinel.example</bdi></td>" in html
    assert "An empty cell keeps the saved value" in literal_text(view.preview)
    view.on_confirm()
    after = app.store.client_by_name("Sentinel Cyber")
    assert (after.notes, after.values["ease"], after.email) == (before.notes, before.values["ease"], "new@sentinel.example")


def test_undo_this_import_restores_the_exact_export(app):
    view = app.views["import"]
    assert view.undo_row.layout.display == "none"  # nothing imported yet
    before = export(app.store)
    view.load("update.csv", "name,email,notes\nSentinel Cyber,x@y.example,(clear)\nNew Co,,hello\n".encode())
    view.on_confirm()
    assert export(app.store) != before
    assert view.undo_row.layout.display is None and "update.csv" in literal_text(view.undo_info)
    view.on_undo()
    assert export(app.store) == before
    assert "The import of update.csv was undone: 1 added client removed, 1 restored as it was." in literal_text(view.message)
    assert view.undo_row.layout.display == "none"
    assert not any(c.name == "New Co" for c in app.views["clients"].state.clients())  # the views read the restored portfolio


def test_undo_refused_after_an_edit_says_so_in_arabic(arabic_app, demo_db):
    view = arabic_app.views["import"]
    view.load("u.csv", "name,ease\nSentinel Cyber,5\n".encode())
    view.on_confirm()
    with Store(demo_db) as other:  # another tab edits the imported client
        c = other.client_by_name("Sentinel Cyber")
        other.update_client(c.id, {**c.__dict__, "services": c.services, "notes": "typed later"})
    before = export(arabic_app.store)
    view.on_undo()
    assert error_text(view.message).startswith("لم يُتراجع عن الاستيراد: تغيّر «\u2068Sentinel Cyber\u2069» بعده")  # error.import.undo_conflict
    assert export(arabic_app.store) == before


def test_an_arabic_user_gets_one_arabic_message_for_unknown_columns(arabic_app):
    view = arabic_app.views["import"]
    view.load("c.csv", "الاسم,الهاتف,الفاكس\nمكتبة,1,2\n".encode())
    text = error_text(view.message)
    assert text.startswith("ما لا يعرفه freelancekit من الأعمدة: “الهاتف”، “الفاكس”.")
    assert text.count("الهاتف") == 1 and "البريد الإلكتروني" in text  # the accepted names, in Arabic


def test_an_arabic_header_file_previews_and_imports(arabic_app):
    view = arabic_app.views["import"]
    view.load("c.csv", "الاسم,البريد الإلكتروني,أجر الساعة\nمكتبة النور,n@noor.example,45\n".encode("utf-8-sig"))
    assert not view.confirm.disabled
    view.on_confirm()
    assert arabic_app.store.client_by_name("مكتبة النور").values["hourly_rate"] == 45


def test_a_windows_1256_file_says_how_it_was_read(arabic_app):
    view = arabic_app.views["import"]
    view.load("c.csv", "الاسم\nشركة النور\n".encode("cp1256"))
    assert "قُرئ الملف بترميز Windows-1256 (Arabic)" in literal_text(view.preview)


LATIN_WORD = r"[A-Za-z]{2,}"


def test_the_arabic_preview_headers_and_problems_are_arabic(arabic_app):
    import re

    view = arabic_app.views["import"]
    view.load("c.csv", "name,email,ease\nAlpha Co,a@alpha.example,4\n,x@,9\n".encode())
    heads = re.findall(r"<th>(.*?)</th>", view.preview.value)
    # the file's own columns, each by its Arabic name (a rating column too), no column the file does not have
    assert heads == ["الصف", "اسم العميل", "البريد الإلكتروني", "سهولة التعامل"]
    text = literal_text(view.errors)
    assert text.startswith("وُجدت 3 مشكلات:")  # an Arabic count (CLDR "few"), not "وُجدت 3 مشكلة"
    assert "الصف 3، العمود name: مطلوب" in text.replace("\u2068", "").replace("\u2069", "")
    # the only Latin left is the user's data and the file's column names
    leftover = re.sub(r"Alpha Co|a@alpha\.example|x@|name@example\.com|\bname\b|\bemail\b|\bease\b", "", text)
    assert not re.search(LATIN_WORD, leftover), leftover


def test_an_arabic_file_of_eight_rows_counts_them_in_the_plural_and_shows_each_service_split(arabic_app):
    import re

    view = arabic_app.views["import"]
    rows = "".join(f"عميل {n},c{n}@x.example,مقالات؛ تدقيق، ترجمة,90\n" for n in range(1, 9))
    view.load("c.csv", ("العميل,البريد الإلكتروني,الخدمات,الأجر\n" + rows).encode("utf-8"))
    assert "الجاهز للاستيراد: 8 من 8 صفوف." in literal_text(view.preview)  # was "8 من 8 صفاً"
    first_row = view.preview.value.split("<tr>")[2]
    assert re.findall(rf'<bdi class="{dom.IMPORT_SERVICE}">(.*?)</bdi>', first_row) == ["مقالات", "تدقيق", "ترجمة"]
