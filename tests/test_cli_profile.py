"""``freelancekit profile``: every setting of the profile reachable from the command line, checked by the core."""
from __future__ import annotations

import json

import pytest
import yaml

from freelancekit.cli import main
from freelancekit.portfolio.api import open_portfolio


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(path)]) == 0
    capsys.readouterr()
    return path


def profile(db):
    with open_portfolio(db, create=False) as store:
        return store.profile()


def run(capsys, *argv):
    code = main([*argv])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_show_then_edit_is_an_exact_round_trip_that_saves_nothing(db, tmp_path, capsys, fmt):
    before = profile(db)
    code, shown, _ = run(capsys, "profile", "show", "--format", fmt, "--db", str(db), "--lang", "en")
    assert code == 0
    (tmp_path / f"p.{fmt}").write_text(shown, encoding="utf-8")
    code, out, _ = run(capsys, "profile", "edit", str(tmp_path / f"p.{fmt}"), "--db", str(db), "--lang", "en")
    assert (code, out) == (0, "Nothing to change: your profile already says that.\n")
    assert profile(db) == before  # not even a new revision
    assert run(capsys, "profile", "show", "--format", fmt, "--db", str(db))[1] == shown


def test_an_edited_file_saves_every_field_it_changes_and_keeps_the_signature_lines(db, tmp_path, capsys):
    shown = yaml.safe_load(run(capsys, "profile", "show", "--format", "yaml", "--db", str(db))[1])
    shown["signature"] = "Maya\nWriter"
    shown["services"][0]["name_ar"] = "مقالات المدونة"
    shown["language"] = "ar"
    (tmp_path / "p.yaml").write_text(yaml.safe_dump(shown, allow_unicode=True), encoding="utf-8")
    assert run(capsys, "profile", "edit", str(tmp_path / "p.yaml"), "--db", str(db))[0] == 0
    p = profile(db)
    assert (p.signature, p.services[0].name_ar, p.locale) == ("Maya\nWriter", "مقالات المدونة", "ar")
    assert "signature: |-\n  Maya\n  Writer\n" in run(capsys, "profile", "show", "--format", "yaml", "--db", str(db))[1]


def test_a_file_written_before_another_save_is_refused_as_stale(db, tmp_path, capsys):
    shown = run(capsys, "profile", "show", "--format", "json", "--db", str(db))[1]
    assert run(capsys, "profile", "set", "currency=EUR", "--db", str(db))[0] == 0
    (tmp_path / "old.json").write_text(shown.replace("Maya Carter", "Maya B. Carter", 1), encoding="utf-8")
    code, _, err = run(capsys, "profile", "edit", str(tmp_path / "old.json"), "--db", str(db), "--lang", "en")
    assert code == 75 and "changed elsewhere" in err and "revision line" in err
    assert (profile(db).name, profile(db).currency) == ("Maya Carter", "EUR")
    data = json.loads(shown)
    del data["revision"]  # the advice: without its revision the file saves over the change
    (tmp_path / "old.json").write_text(json.dumps(data), encoding="utf-8")
    assert run(capsys, "profile", "edit", str(tmp_path / "old.json"), "--db", str(db))[0] == 0
    assert profile(db).currency == "USD"


def test_set_changes_the_language_the_commands_then_speak(db, capsys):
    assert run(capsys, "profile", "set", "language=ar", "digits=arab", "--db", str(db))[0] == 0
    assert (profile(db).locale, profile(db).digits) == ("ar", "arab")
    code, out, _ = run(capsys, "profile", "show", "--db", str(db))
    assert code == 0 and "اللغة: العربية" in out


@pytest.mark.parametrize(("pair", "said"), [("colour=red", "'colour=red' is not KEY=VALUE"), ("email=nope", "email"),
                                            ("language=fr", "'fr' is not allowed"), ("revision=9", "'revision=9' is not KEY=VALUE")])
def test_set_refuses_what_the_core_refuses_and_saves_nothing(db, capsys, pair, said):
    before = profile(db)
    code, _, err = run(capsys, "profile", "set", "name=Someone", pair, "--db", str(db), "--lang", "en")
    assert code == 2 and said in err
    assert profile(db) == before


def test_a_service_added_with_its_arabic_name_can_be_removed_by_it_and_leaves_its_packages(db, capsys):
    args = ["--value", "notes for every episode", "--price", "$80", "--name-ar", "ملاحظات الحلقات", "--db", str(db)]
    assert run(capsys, "profile", "services", "add", "Show notes", *args)[0] == 0
    assert profile(db).service("ملاحظات الحلقات").value == "notes for every episode"
    assert run(capsys, "profile", "services", "add", "show note", "--db", str(db))[0] == 2  # the same service, by its key
    assert run(capsys, "profile", "services", "remove", "ملاحظات الحلقات", "--db", str(db))[0] == 0
    assert profile(db).service("Show notes") is None
    assert run(capsys, "profile", "services", "remove", "Blog management", "--db", str(db))[0] == 0
    assert [(p.name, p.services) for p in profile(db).packages] == [
        ("Growth", ("SEO content refresh",)), ("Complete", ("SEO content refresh", "Case studies"))]
    code, _, err = run(capsys, "profile", "services", "remove", "Blog management", "--db", str(db), "--lang", "en")
    assert code == 2 and "there is no service 'Blog management'" in err


def test_packages_are_added_after_the_others_only_when_nested_and_removed_by_name(db, capsys):
    for name in ("Essentials", "Growth", "Complete"):
        assert run(capsys, "profile", "packages", "remove", name.lower(), "--db", str(db))[0] == 0
    assert profile(db).packages == ()
    assert run(capsys, "profile", "packages", "add", "Start", "--services", "Blog posts", "--price", "200", "--db", str(db))[0] == 0
    code, _, err = run(capsys, "profile", "packages", "add", "More", "--services", "Case studies", "--price", "300", "--db", str(db), "--lang", "en")
    assert code == 2 and "missing: Blog posts" in err
    assert run(capsys, "profile", "packages", "add", "More", "--services", "Blog posts;Case studies", "--price", "600",
               "--separate-price", "700", "--price-note", "per month", "--db", str(db))[0] == 0
    assert [(p.name, p.services, p.price, p.saving) for p in profile(db).packages] == [
        ("Start", ("Blog posts",), 200, None), ("More", ("Blog posts", "Case studies"), 600, 100)]


@pytest.mark.parametrize(("text", "said"), [("services: 3\n", "services: must be a list"), ("name: [open\n", "is not YAML or JSON (line 2)"),
                                            ("- a list\n", "holds no profile"), ("nickname: M\n", "'nickname' is not a field")])
def test_a_file_that_is_no_profile_is_refused_in_words(db, tmp_path, capsys, text, said):
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "profile", "edit", str(tmp_path / "p.yaml"), "--db", str(db), "--lang", "en")
    assert code == 2 and said in err, err


def test_a_portfolio_made_by_import_gets_drafts_once_the_profile_has_services(tmp_path, capsys):
    db = tmp_path / "mine.sqlite"
    (tmp_path / "clients.csv").write_text("name,email,industry,enjoyment\nNorth Bakery,ops@north.example,food,5\n", encoding="utf-8")
    assert main(["import", str(tmp_path / "clients.csv"), "--db", str(db)]) == 0
    assert main(["drafts", "--out", str(tmp_path / "out"), "--db", str(db)]) == 2
    assert run(capsys, "profile", "services", "add", "Menu copy", "--value", "menus that sell the specials", "--db", str(db))[0] == 0
    assert main(["profile", "set", "name=Sam", "email=sam@example.com", "--db", str(db)]) == 0
    assert main(["drafts", "--out", str(tmp_path / "out"), "--db", str(db)]) == 0
    assert "menus that sell the specials" in (tmp_path / "out" / "North Bakery.eml").read_text(encoding="utf-8")
