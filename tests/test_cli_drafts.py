"""``freelancekit drafts``: formats, saved drafts, safe writes, one-line errors with exit status 2."""
from __future__ import annotations

import email
import email.policy
import zipfile
from dataclasses import replace

import pytest

from freelancekit.cli import main
from freelancekit.drafts.drafting import compose_draft, edit_draft, save_draft
from freelancekit.portfolio.api import create_demo, open_portfolio


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "p.sqlite"
    create_demo(path).close()
    return path


def run(capsys, *args):
    code = main(["drafts", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_eml_drafts_for_the_top_three(db, tmp_path, capsys):
    out = tmp_path / "out"
    code, stdout, err = run(capsys, "--db", db, "--out", out)
    assert (code, err) == (0, "")
    assert sorted(p.name for p in out.iterdir()) == ["Brightpath Software.eml", "Kettle & Crumb Roasters.eml", "Summit Outdoor Gear.eml"]
    assert stdout.splitlines()[0] == (f"Wrote 3 files for 3 drafts to {out.resolve()}: Brightpath Software (new warm draft), "
                                      "Summit Outdoor Gear (new warm draft), Kettle & Crumb Roasters (new warm draft)")
    msg = email.message_from_bytes((out / "Brightpath Software.eml").read_bytes(), policy=email.policy.default)
    assert str(msg["To"]) == "Daniel Reyes <daniel@brightpath.io>"
    assert str(msg["From"]) == "Maya Carter <maya@mayacarter-writes.com>"
    assert msg["X-Unsent"] == "1" and msg.get_content().startswith("Hi Daniel,")


def test_a_saved_draft_goes_to_the_clients_current_address(db, tmp_path, capsys):
    with open_portfolio(db) as store:
        client = store.client_by_name("Brightpath Software")
        save_draft(store, compose_draft(store.portfolio(), client))
        store.update_client(client.id, replace(client, email="dan@new.example", contact_name="Dan Reyes"))
    code, stdout, _ = run(capsys, "--db", db, "--out", tmp_path / "out")
    assert code == 0 and "Brightpath Software (your saved draft)" in stdout
    msg = email.message_from_bytes((tmp_path / "out" / "Brightpath Software.eml").read_bytes(), policy=email.policy.default)
    assert str(msg["To"]) == "Dan Reyes <dan@new.example>"


def test_saved_draft_is_exported_and_tone_makes_fresh_ones(db, tmp_path, capsys):
    with open_portfolio(db) as store:
        p = store.portfolio()
        client = store.client_by_name("Brightpath Software")
        save_draft(store, edit_draft(compose_draft(p, client), body="Hi Daniel,\n\nMy own words."))
    code, stdout, _ = run(capsys, "--db", db, "--out", tmp_path / "a", "--format", "txt")
    assert code == 0 and "Brightpath Software (your saved draft)" in stdout
    assert (tmp_path / "a" / "Brightpath Software.txt").read_text().endswith("My own words.\n")
    code, stdout, _ = run(capsys, "--db", db, "--out", tmp_path / "b", "--format", "txt", "--tone", "formal")
    assert code == 0 and "Brightpath Software (new formal draft)" in stdout
    assert "Dear Daniel Reyes," in (tmp_path / "b" / "Brightpath Software.txt").read_text()


def test_zip_and_mailto_formats(db, tmp_path, capsys):
    code, stdout, _ = run(capsys, "--db", db, "--out", tmp_path, "--format", "zip")
    assert code == 0
    with zipfile.ZipFile(tmp_path / "drafts.zip") as zf:
        assert len(zf.namelist()) == 9 and "Summit Outdoor Gear.mailto.txt" in zf.namelist()
    code, stdout, _ = run(capsys, "--db", db, "--out", tmp_path / "m", "--format", "mailto")
    assert code == 0
    text = (tmp_path / "m" / "Brightpath Software.mailto.txt").read_text()
    assert text.startswith("mailto:daniel@brightpath.io?subject=") or "open the .eml file instead" in text
    assert all(line.startswith(("Wrote", "  ", "Note: the email to")) for line in stdout.splitlines())


def test_existing_files_are_refused_without_force(db, tmp_path, capsys):
    assert run(capsys, "--db", db, "--out", tmp_path)[0] == 0
    code, stdout, err = run(capsys, "--db", db, "--out", tmp_path)
    assert (code, stdout) == (2, "")
    assert err == (f"freelancekit drafts: {tmp_path.resolve() / 'Brightpath Software.eml'} already exists: nothing was overwritten; "
                   "add --force to replace it, or choose another folder with --out\n")
    assert run(capsys, "--db", db, "--out", tmp_path, "--force")[0] == 0


@pytest.mark.parametrize("missing_db, args, message", [
    (True, ["--out", "{tmp}/x"],
     "there is no portfolio at {tmp}/none.sqlite; run 'freelancekit demo' or 'freelancekit import FILE' first, or choose one with --db"),
    (False, ["--out", "{tmp}/file.txt"], "{tmp}/file.txt is a file, not a folder; choose a folder for the drafts with --out"),
])
def test_bad_input_is_one_line_with_status_2(db, tmp_path, capsys, missing_db, args, message):
    (tmp_path / "file.txt").write_text("x")
    argv = [a.format(tmp=tmp_path) for a in args]
    argv += ["--db", str(tmp_path / "none.sqlite") if missing_db else str(db)]
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err == f"freelancekit drafts: {message.format(tmp=tmp_path)}\n"


def test_empty_portfolio_and_bad_format(tmp_path, capsys):
    open_portfolio(tmp_path / "empty.sqlite").close()
    code, _, err = run(capsys, "--db", tmp_path / "empty.sqlite", "--out", tmp_path / "o")
    assert (code, err) == (2, "freelancekit drafts: there are no clients yet; add some with 'freelancekit import FILE' or try 'freelancekit demo'\n")
    with pytest.raises(SystemExit) as exc:
        main(["drafts", "--db", str(tmp_path / "empty.sqlite"), "--out", str(tmp_path), "--format", "pdf"])
    assert exc.value.code == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err


def test_drafts_for_any_client_by_name(db, tmp_path, capsys):
    out = tmp_path / "any"
    code, stdout, err = run(capsys, "--db", db, "--out", out, "--client", "ledgerwise accounting", "--client", "مكتبة النور")
    assert (code, err) == (0, "")
    assert sorted(p.name for p in out.iterdir()) == ["Ledgerwise Accounting.eml", "مكتبة النور.eml"]  # not in the top three
    code, _, err = run(capsys, "--db", db, "--out", tmp_path / "none", "--client", "Nobody Ltd")
    assert code != 0 and "there is no client named 'Nobody Ltd'" in err


def test_follow_up_list_ics_and_won_total(db, tmp_path, capsys):
    from datetime import date, timedelta

    import icalendar

    from freelancekit.drafts.drafting import set_status

    today = date.today()
    with open_portfolio(db) as store:
        p = store.portfolio()
        first, second, third = p.clients[:3]
        save_draft(store, set_status(compose_draft(p, first), "sent", today + timedelta(days=5)))
        save_draft(store, set_status(compose_draft(p, second), "sent", today - timedelta(days=2)))
        save_draft(store, set_status(compose_draft(p, third), "won", won_value=1300, won_what=["Complete"]))
    code, stdout, _ = run(capsys, "--db", db, "--list")
    lines = stdout.splitlines()
    assert code == 0 and lines[0].startswith(f"{second.name}\tsent\t") and lines[0].endswith("OVERDUE")
    assert lines[1].startswith(f"{first.name}\tsent\t") and lines[2].startswith(f"{third.name}\twon\t-  $1,300")
    assert lines[-1] == f"Upsell income won in {today.year}: $1,300"
    code, stdout, _ = run(capsys, "--db", db, "--out", tmp_path / "cal", "--ics")
    assert code == 0 and "2 reminders" in stdout
    cal = icalendar.Calendar.from_ical((tmp_path / "cal" / "follow-ups.ics").read_bytes())
    assert sorted(e.decoded("DTSTART") for e in cal.walk("VEVENT")) == [today - timedelta(days=2), today + timedelta(days=5)]
    code, _, err = run(capsys, "--db", db, "--out", tmp_path / "cal", "--ics")
    assert code != 0 and "--force" in err  # never replaces a file silently
    from freelancekit.cli.drafts import ICS_NAME
    from freelancekit.drafts.followups import ICS_NAME as CORE_NAME

    assert ICS_NAME == CORE_NAME


def test_save_keeps_the_drafts_written_so_list_and_ics_follow_them(db, tmp_path, capsys):
    code, stdout, err = run(capsys, "--db", db, "--list")
    assert (code, err) == (0, "") and "Brightpath Software" not in stdout  # nothing kept yet
    code, stdout, err = run(capsys, "--db", db, "--out", tmp_path / "out", "--save")
    assert (code, err) == (0, "") and "Kept 3 drafts with a follow-up date a week out" in stdout
    code, listed, _ = run(capsys, "--db", db, "--list")
    assert code == 0 and all(name in listed for name in ("Brightpath Software", "Summit Outdoor Gear", "Kettle & Crumb Roasters"))
    code, stdout, err = run(capsys, "--db", db, "--out", tmp_path / "cal", "--ics")
    ics = (tmp_path / "cal" / "follow-ups.ics").read_text("utf-8")
    assert (code, err) == (0, "") and ics.count("BEGIN:VEVENT") == 3 and "Brightpath Software" in ics
    code, stdout, err = run(capsys, "--db", db, "--out", tmp_path / "again", "--save")  # saved again over their own revision
    assert (code, err) == (0, "") and "(your saved draft)" in stdout.splitlines()[0]


def test_lang_writes_the_drafts_in_that_language(db, tmp_path, capsys):
    code, stdout, err = run(capsys, "--db", db, "--out", tmp_path / "ar", "--format", "txt", "--lang", "ar")
    assert (code, err) == (0, "")
    text = (tmp_path / "ar" / "Brightpath Software.txt").read_text("utf-8")
    assert "مرحباً" in text and "Hi Daniel" not in text
    code, stdout, err = run(capsys, "--db", db, "--out", tmp_path / "en", "--format", "txt")
    assert "Hi Daniel," in (tmp_path / "en" / "Brightpath Software.txt").read_text("utf-8")  # without --lang: the client's (the profile's)


def test_demo_lang_ar_makes_the_arabic_demo(tmp_path, capsys):
    path = tmp_path / "ar.sqlite"
    assert main(["demo", "--db", str(path), "--lang", "ar"]) == 0
    with open_portfolio(path, create=False) as store:
        p = store.portfolio()
    assert p.profile.locale == "ar" and p.is_demo
    blog = p.profile.service("Blog posts")
    assert blog is not None and blog.name_ar == "مقالات المدونة" and blog.value_ar
    assert p.clients[0].services[0] == "مقالات المدونة"  # the clients list their services by the Arabic names
    assert main(["demo", "--db", str(path), "--lang", "ar"]) == 0  # the untouched Arabic demo is replaced without --force
    capsys.readouterr()
