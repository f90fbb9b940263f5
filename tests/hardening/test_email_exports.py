"""Hardening: no header injection through names, subjects or addresses; safe mailto: links; folding."""
from __future__ import annotations

import email
import email.policy
import string
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from freelancekit.drafts.drafting import Draft, validate_draft
from freelancekit.drafts.mailexport import (
    HEADER_BREAK,
    HEADER_ENCODED,
    ascii_address,
    build_message,
    mailto_link,
    read_eml,
    read_mailto,
    to_eml,
    to_text,
)
from freelancekit.errors import InvalidInput

BASE = Draft(1, "Acme", "Ann Lee", "ann@example.com", "Hello", "Hi Ann,\n\nThanks,\nMaya")


def refused(**changes) -> str:
    with pytest.raises(InvalidInput) as exc:
        to_eml(replace(BASE, **changes), "maya@example.com", "Maya")
    return str(exc.value)


@pytest.mark.parametrize("field, attr", [("subject", "subject"), ("contact_name", "contact_name")])
@pytest.mark.parametrize("evil", ["Hi\r\nBcc: evil@example.com", "Hi\nBcc: x@y.z", "Hi\rX: y", "a\x00b", "a\x1bb", "a\x85b",
                                  "a\u2028b", "tab\there", "del\x7f"])
def test_line_breaks_and_control_characters_are_refused_before_building(field, attr, evil):
    assert refused(**{attr: evil}) == f"{field}: {HEADER_BREAK}"
    assert HEADER_BREAK == "must be one line without line breaks or control characters (they could add hidden email headers)"
    with pytest.raises(InvalidInput):
        mailto_link(replace(BASE, **{attr: evil}))
    with pytest.raises(InvalidInput):
        to_text(replace(BASE, **{attr: evil}))


@pytest.mark.parametrize("evil", ["=?utf-8?q?hi=0D=0ABcc:_evil@example.com?=", "ok =?UTF-8?B?aGkKQmNjOiB4QHkuego=?= ok",
                                  "=?iso-8859-1?Q?a=0Ab?="])
def test_encoded_words_that_would_decode_to_new_headers_are_refused(evil):
    # Python 3.11's email package decodes these when the header is set and writes a real "Bcc:" line.
    assert refused(subject=evil) == f"subject: {HEADER_ENCODED}"
    assert refused(contact_name=evil) == f"contact_name: {HEADER_ENCODED}"
    assert HEADER_ENCODED == ("contains text shaped like '=?charset?q?...?=', which email programs decode into hidden text: "
                              "please rewrite that part")


@pytest.mark.parametrize("address, message", [
    ("ann@example.com\r\nBcc: evil@example.com", f"email: {HEADER_BREAK}"),
    ("ann@example.com, evil@example.com", "email: 'ann@example.com, evil@example.com' is not one email address: write it as name@example.com"),
    ("Ann <ann@example.com>", "email: 'Ann <ann@example.com>' is not one email address: write it as name@example.com"),
    ("ann@example.com;evil@example.com", "email: 'ann@example.com;evil@example.com' is not one email address: write it as name@example.com"),
    ("évelyne@example.com", "email: use only Latin letters, digits and . _ + - before the @ (most mail systems cannot deliver to other letters there)"),
    ("ann@example.com?bcc=evil@example.com", "email: 'ann@example.com?bcc=evil@example.com' is not one email address: write it as name@example.com"),
])
def test_one_plain_address_per_field(address, message):
    assert refused(to_email=address) == message
    with pytest.raises(InvalidInput) as exc:
        mailto_link(replace(BASE, to_email=address))
    assert str(exc.value) == message


def test_sender_fields_are_checked_too():
    with pytest.raises(InvalidInput) as exc:
        to_eml(BASE, "maya@example.com\nBcc: x@y.z", "Maya\r\nX: 1")
    assert str(exc.value) == f"your name: {HEADER_BREAK}; your email: {HEADER_BREAK}"


def test_no_injected_header_ever_appears_in_the_bytes():
    msg = build_message(replace(BASE, subject="Bcc: evil@example.com", contact_name="Bcc: x"))
    parsed = email.message_from_bytes(msg.as_bytes(), policy=email.policy.default)
    assert parsed.get_all("Bcc") is None and parsed["Subject"] == "Bcc: evil@example.com"


def test_long_arabic_and_accented_headers_fold_and_parse_back_equal():
    subject = ("اقتراح لفريق مكتبة النور بخصوص مقالات المدونة والتدقيق اللغوي والنشرة البريدية " * 3).strip()
    contact = "Émilie-Françoise de la Côte-Saint-André, \"Mimi\" ليلى"
    data = to_eml(replace(BASE, subject=subject, contact_name=contact))
    header_lines = data.split(b"\r\n\r\n")[0].split(b"\r\n")
    assert max(len(line) for line in header_lines) <= 78
    assert sum(line.startswith(b" ") for line in header_lines) >= 3  # folded
    assert read_eml(data)[:3] == (contact, "ann@example.com", subject)


def test_mailto_body_cannot_add_recipients_or_fields():
    body = "Hi\n&bcc=evil@example.com&cc=x@y.z\n?to=a@b.c #frag %41 = +"
    link = mailto_link(replace(BASE, body=body))
    query = link.split("?", 1)[1]
    assert [part.split("=")[0] for part in query.split("&")] == ["subject", "body"]
    for raw in "&?#=+ ":
        assert raw not in query.split("body=", 1)[1]
    assert "%26bcc%3Devil%40example.com" in link and "%0D%0A" in link and "%25" in link and "%2B" in link and "%23" in link
    assert read_mailto(link).body == body


# -- property: any valid draft round-trips ---------------------------------------
_header_text = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=120)
_body_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\x0b\x0c\x1c\x1d\x1e\x85"), max_size=600)
_local = st.text(st.sampled_from(string.ascii_letters + string.digits + "._+-"), min_size=1, max_size=20)
_domain = st.sampled_from(["example.com", "bücher.de", "mail.example.co.uk", "xn--mgbh0fb.example", "a-b.io"])


@given(contact=_header_text | st.just(""), subject=_header_text, body=_body_text, local=_local, domain=_domain,
       locale=st.sampled_from(["en", "ar"]))
def test_any_valid_draft_round_trips_through_eml(contact, subject, body, local, domain, locale):
    try:
        d = validate_draft(Draft(1, "Acme", contact, f"{local}@{domain}", subject, body or "x", locale))
        eml = to_eml(d)
    except InvalidInput:
        return  # not a valid draft (the rules refused it with a message): nothing to export
    parsed = read_eml(eml)
    assert parsed == (d.contact_name, ascii_address(d.to_email), d.subject, d.body)
    msg = email.message_from_bytes(eml, policy=email.policy.default)
    assert set(msg.keys()) == {"To", "Subject", "X-Unsent", "Content-Language", "Content-Type", "Content-Transfer-Encoding", "MIME-Version"}
