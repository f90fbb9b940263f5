"""Exports: .eml round trip, mailto: round trip, text, zip, folder writes."""
from __future__ import annotations

import email
import email.policy
import io
import zipfile
from dataclasses import replace

import pytest

from freelancekit.drafts.drafting import Draft, draft_top_three
from freelancekit.drafts.examples import arabic_demo_portfolio
from freelancekit.drafts.mailexport import (
    MAILTO_LIMIT,
    LinkTooLong,
    ascii_address,
    export_drafts,
    mailto_link,
    read_eml,
    read_mailto,
    to_eml,
    to_text,
    to_zip,
)
from freelancekit.errors import FreelancekitError
from freelancekit.portfolio.demo import demo_portfolio

TRICKY = [
    ("Émile \"Mimi\" Durand, Jr.", "Re: café, \"quotes\" & commas — ça va?"),
    ("ليلى حداد", "اقتراح لفريق \u2068Brightpath\u2069: مقالات، وتدقيق"),
    ("O'Neill; <Grace>", "100% + 50% = ? #1 & more"),
]


def draft(**changes):
    base = Draft(1, "Acme", "Ann Lee", "ann@example.com", "Hello", "Hi Ann,\n\nLine two.\n\nThanks,\nMaya")
    return replace(base, **changes)


@pytest.mark.parametrize("contact, subject", TRICKY)
def test_eml_parses_back_to_the_same_to_subject_and_body(contact, subject):
    body = f"{contact},\n\nline with = and ? and &bcc=evil@example.com\n\u2068Latin\u2069 in عربي\n\nend"
    d = draft(contact_name=contact, subject=subject, body=body)
    data = to_eml(d, "maya@example.com", "Maya Carter")
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert msg["X-Unsent"] == "1"
    assert msg["To"].addresses[0].display_name == contact
    assert msg["To"].addresses[0].addr_spec == "ann@example.com"
    assert msg["Subject"] == subject
    assert msg.get_content().replace("\r\n", "\n") == body + "\n"
    assert msg["From"].addresses[0].addr_spec == "maya@example.com"
    assert all(len(line) <= 998 for line in data.split(b"\r\n"))


@pytest.mark.parametrize("contact, subject", TRICKY)
def test_mailto_decodes_back_to_the_same(contact, subject):
    body = "Hi,\n\n50% off & free? #yes = +1\n\u2068Maya\u2069 ليلى"
    link = mailto_link(draft(contact_name=contact, subject=subject, body=body))
    assert "\n" not in link and " " not in link and link.count("&") == 1 and link.count("?") == 1
    assert "%0D%0A" in link
    assert read_mailto(link) == ("", "ann@example.com", subject, body)


def test_demo_drafts_round_trip_in_both_languages():
    for p in (demo_portfolio(), arabic_demo_portfolio()):
        for d in draft_top_three(p).drafts:
            parsed = read_eml(to_eml(d))
            assert parsed == (d.contact_name, d.to_email, d.subject, d.body)


def test_international_domain_is_written_as_idna_and_read_back():
    d = draft(to_email="info@bücher.de")
    data = to_eml(d)
    assert b"info@xn--bcher-kva.de" in data
    assert read_eml(data).to_email == ascii_address("info@bücher.de") == "info@xn--bcher-kva.de"


def test_draft_without_address_has_no_to_header():
    d = draft(to_email="")
    msg = email.message_from_bytes(to_eml(d), policy=email.policy.default)
    assert msg["To"] is None and msg["Subject"] == "Hello"


def test_text_export_reads_naturally_in_both_languages():
    assert to_text(draft()) == "To: Ann Lee <ann@example.com>\nSubject: Hello\n\nHi Ann,\n\nLine two.\n\nThanks,\nMaya\n"
    ar = to_text(draft(locale="ar", subject="مرحباً", body="نص"))
    assert ar == "إلى: \u2068Ann Lee <ann@example.com>\u2069\nالموضوع: مرحباً\n\nنص\n"


def test_zip_holds_all_three_formats_with_safe_names():
    drafts = [draft(client_name="Acme/../x"), draft(client_id=2, client_name="ACME_.._X"), draft(client_id=3, client_name="مكتبة النور")]
    with zipfile.ZipFile(io.BytesIO(to_zip(drafts))) as zf:
        names = zf.namelist()
        assert names == ["Acme_._x.eml", "Acme_._x.txt", "Acme_._x.mailto.txt",
                         "ACME_._X (2).eml", "ACME_._X (2).txt", "ACME_._X (2).mailto.txt",
                         "مكتبة النور.eml", "مكتبة النور.txt", "مكتبة النور.mailto.txt"]
        assert read_eml(zf.read("مكتبة النور.eml")).subject == "Hello"
        assert zf.read("Acme_._x.mailto.txt").decode().startswith("mailto:ann@example.com?subject=Hello&body=")


def test_export_writes_all_or_nothing_and_refuses_to_overwrite(tmp_path):
    drafts = [draft(), draft(client_id=2, client_name="Beta")]
    out = tmp_path / "out"
    paths = export_drafts(drafts, out, "eml")
    assert [p.name for p in paths] == ["Acme.eml", "Beta.eml"]
    (out / "Acme.txt").write_text("mine")
    with pytest.raises(FreelancekitError) as exc:
        export_drafts(drafts, out, "txt")
    assert str(exc.value) == f"{out / 'Acme.txt'} already exists: nothing was overwritten"  # the CLI adds the flags
    assert not (out / "Beta.txt").exists()  # nothing written when one file is taken
    export_drafts(drafts, out, "txt", force=True)
    assert (out / "Acme.txt").read_text().startswith("To: Ann Lee")


@pytest.mark.parametrize("name", ["Acme/Inc: \"best\"", "ن" * 200, "x" * 300])
def test_a_download_and_an_export_give_a_draft_the_same_file_names(tmp_path, name):
    from freelancekit.drafts.mailexport import draft_filename, eml_filename

    d = draft(client_name=name)
    written = {p.name for p in export_drafts([d], tmp_path / "out", "zip")}
    with zipfile.ZipFile(tmp_path / "out" / next(iter(written))) as zf:
        names = set(zf.namelist())
    assert {eml_filename(d), draft_filename(d, ".txt"), draft_filename(d, ".mailto.txt")} == names
    assert all(len(n.encode("utf-8")) <= 255 for n in names)


def test_a_write_failing_midway_removes_the_files_it_wrote(tmp_path, monkeypatch):
    from freelancekit.drafts import mailexport

    out = tmp_path / "out"
    out.mkdir()
    (out / "Beta.eml").write_text("mine, replaced with --force")
    real = mailexport.write_new_file
    written = []

    def fail_on_the_third(folder, name, data, *, force=False):
        if len(written) == 2:
            raise FreelancekitError(f"cannot write {name}: disk full")
        written.append(name)
        return real(folder, name, data, force=force)

    monkeypatch.setattr(mailexport, "write_new_file", fail_on_the_third)
    drafts = [draft(), draft(client_id=2, client_name="Beta"), draft(client_id=3, client_name="Gamma")]
    with pytest.raises(FreelancekitError, match="disk full"):
        export_drafts(drafts, out, "eml", force=True)
    assert written == ["Acme.eml", "Beta.eml"]
    # the new file is gone again; the one that was there before keeps the new content (it cannot come back)
    assert sorted(p.name for p in out.iterdir()) == ["Beta.eml"]


def test_long_mailto_points_to_the_eml_instead_of_being_cut(tmp_path):
    long = draft(body="word " * 500)
    with pytest.raises(LinkTooLong) as exc:
        mailto_link(long)
    assert str(exc.value) == ("the email to Acme is too long for a mailto: link (3,542 characters; "
                              "mail programs accept about 2,000): open the .eml file instead")
    (path,) = export_drafts([long], tmp_path, "mailto")
    assert path.read_text() == ("the email to Acme is too long for a mailto: link even when shortened: open the .eml file or copy "
                                "the email instead: Acme.eml (write it with --format eml)\n")  # one line: nothing to leave out
    several = draft(body="Hi,\n\n" + "\n".join(["word " * 20] * 30) + "\n\nMaya")
    (path,) = export_drafts([several], tmp_path / "b", "mailto")
    link, note = path.read_text().split("\n\n", 1)
    assert len(link) <= 2000 and "[…]" in read_mailto(link).body and "lines left out" in note and "Acme.eml" in note


def test_every_demo_draft_gives_a_working_mailto_link_within_the_limit():
    """English drafts fit whole; Arabic ones (6 characters per encoded letter) get a shortened body that says so."""
    from datetime import date

    from freelancekit.drafts.examples import arabic_demo_portfolio
    from freelancekit.drafts.mailexport import SHORTENED_MARK, fitting_mailto

    for portfolio in (demo_portfolio(), arabic_demo_portfolio()):
        for tone in ("warm", "formal"):
            for packages in (True, False):
                for d in draft_top_three(portfolio, tone=tone, packages=packages, today=date(2026, 12, 2)).drafts:
                    found = fitting_mailto(d)
                    assert len(found.link) <= MAILTO_LIMIT
                    parsed = read_mailto(found.link)
                    assert (parsed.to_email, parsed.subject, parsed.body) == (d.to_email, d.subject, found.body)
                    lines = d.body.split("\n")
                    assert found.body.split("\n")[0] == lines[0] and found.body.endswith("\n".join(lines[-3:]))  # greeting, signature
                    if portfolio.profile.locale == "en":
                        assert found.left_out == 0 and found.body == d.body
                    else:
                        assert (SHORTENED_MARK in found.body) == (found.left_out > 0)


@pytest.mark.parametrize("site, to_key, subject_key, host", [("gmail", "to", "su", "mail.google.com"),
                                                             ("outlook", "to", "subject", "outlook.office.com")])
def test_gmail_and_outlook_links_carry_the_draft_and_parse_back(site, to_key, subject_key, host):
    from urllib.parse import parse_qs, urlsplit

    from freelancekit.drafts.mailexport import export_body, webmail_links
    from freelancekit.language.bidi import strip_marks

    p = demo_portfolio()
    d = draft_top_three(p).drafts[0]
    d = replace(d, subject="Plans & ideas: 50% off? #1", body=d.body + "\n\nP.S. a=b&bcc=x@evil.example")
    link = urlsplit(webmail_links(d)[site])
    assert link.scheme == "https" and link.netloc == host
    fields = parse_qs(link.query, strict_parsing=True)
    assert fields[to_key] == [d.to_email] and fields[subject_key] == [d.subject]
    assert fields["body"] == [export_body(d)]  # the whole email, the text's & and = kept as text
    assert "bcc" not in fields
    arabic = draft_top_three(arabic_demo_portfolio()).drafts[0]
    body = parse_qs(urlsplit(webmail_links(arabic)[site]).query)["body"][0]
    assert strip_marks(body).startswith("مرحباً") and len(webmail_links(arabic)[site]) <= 8000
