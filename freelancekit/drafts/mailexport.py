"""Drafts out of the app: ``.eml`` files, ``mailto:`` links, plain text and a zip of all three.

Entry points:

* ``to_eml(draft, sender_email="", sender_name="") -> bytes`` - one RFC 5322
  message (To with the contact's name, Subject, UTF-8 body, ``X-Unsent: 1`` so
  Outlook, Thunderbird and Apple Mail open it as a draft). ``read_eml(bytes)``
  gives back ``(contact_name, to_email, subject, body)``; an international
  domain comes back in its IDNA form (``ascii_address``), the form headers carry.
* ``mailto_link(draft) -> str`` (RFC 6068) and ``read_mailto(link)``; a link
  longer than ``MAILTO_LIMIT`` raises ``LinkTooLong`` pointing to the .eml.
  ``fitting_mailto(draft)`` always gives a link that fits: the whole draft, or
  a shortened body with ``[…]`` where lines were left out (and how many).
* ``to_text(draft) -> str`` - what a person reads.
* ``to_zip(drafts) -> bytes`` and ``export_drafts(drafts, folder, fmt, force=False)``.

Header safety: every header value is checked *before* a message is built.
Line breaks and control characters are refused (they could add a hidden
``Bcc:``), and so is text shaped like an RFC 2047 encoded word (``=?utf-8?q?...?=``):
Python's ``email`` package decodes such text when the header is set, and an
encoded ``=0A`` becomes a real new header line. Addresses go through
``validation.clean_email`` (one addr-spec, never a list or a display name).
Each built message is parsed back and compared before it is returned.
"""
from __future__ import annotations

import email
import email.policy
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import replace
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from typing import Literal, NamedTuple
from urllib.parse import quote, unquote, urlencode

from freelancekit.drafts.drafting import Draft
from freelancekit.errors import EXIT_INPUT, FreelancekitError, InvalidInput, Problem
from freelancekit.files.safe_files import MAX_NAME_BYTES, check_free, prepare_folder, unique_filenames, write_new_file
from freelancekit.language.bidi import isolate
from freelancekit.language.i18n import t
from freelancekit.portfolio import validation as v

Format = Literal["eml", "txt", "mailto", "zip"]
FORMATS: tuple[str, ...] = ("eml", "txt", "mailto", "zip")
# Links longer than this are cut or refused by common mail programs and browsers
# (Outlook and older Windows shells stop near 2 048 characters).
MAILTO_LIMIT = 2000
ZIP_NAME = "drafts.zip"
POLICY = email.policy.default.clone(linesep="\r\n", max_line_length=78)

# C0/C1 controls, DEL, and the Unicode line/paragraph separators.
_UNSAFE_HEADER = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ENCODED_WORD = v.ENCODED_WORD  # one rule: the fields that reach a header are checked with it where they enter
HEADER_BREAK = "must be one line without line breaks or control characters (they could add hidden email headers)"
HEADER_ENCODED = v.HEADER_ENCODED


class LinkTooLong(FreelancekitError):
    """The mailto: link would be longer than mail programs accept."""


class ParsedMail(NamedTuple):
    contact_name: str
    to_email: str
    subject: str
    body: str


def check_header_text(value: str, field: str) -> str:
    """``value`` if it is safe as (part of) one email header, else ``InvalidInput`` naming the field."""
    if not isinstance(value, str):
        raise InvalidInput(Problem(field, code="text.not_text"))
    if _UNSAFE_HEADER.search(value):
        raise InvalidInput(Problem(field, code="mail.header_break"))
    if _ENCODED_WORD.search(value):
        raise InvalidInput(Problem(field, code="mail.encoded_word"))
    return value


def check_address(value: str, field: str = "email", *, required: bool = False) -> str:
    """One addr-spec, by the portfolio's own rule (``clean_email``), after the header check."""
    check_header_text(value or "", field)
    return v.clean_email(value, field, required=required)


def _address(display_name: str, addr_spec: str) -> Address:
    """An Address whose domain is in its ASCII (IDNA) form, as RFC 5322 headers require."""
    local, _, domain = addr_spec.rpartition("@")
    return Address(display_name=display_name, username=local, domain=ascii_address(addr_spec).rpartition("@")[2])


def ascii_address(addr: str) -> str:
    """The address as headers carry it: an international domain in its IDNA form (bücher.de -> xn--bcher-kva.de)."""
    local, at, domain = addr.rpartition("@")
    return f"{local}{at}{domain.encode('idna').decode('ascii')}" if at else addr


def _checked(draft: Draft, sender_email: str, sender_name: str) -> tuple[str, str, str, str, str]:
    problems: list[Problem] = []
    values = []
    for value, field, kind in (
        (draft.contact_name, "contact_name", "text"), (draft.to_email, "email", "address"),
        (draft.subject, "subject", "text"), (sender_name, "your name", "text"), (sender_email, "your email", "address"),
    ):
        try:
            values.append(check_address(value, field) if kind == "address" else check_header_text(value, field))
        except InvalidInput as exc:
            problems.extend(exc.problems)
    if not problems and not draft.subject.strip():
        problems.append(Problem("subject", code="value.required"))
    if problems:
        raise InvalidInput(problems)
    contact, to_email, subject, name, sender = values
    # a display name's runs of spaces read back as one space: write them that way
    return " ".join(contact.split()), to_email, subject.strip(), " ".join(name.split()), sender


def build_message(draft: Draft, sender_email: str = "", sender_name: str = "") -> EmailMessage:
    """The draft as an ``EmailMessage`` (validated; see the module docstring)."""
    contact, to_email, subject, name, sender = _checked(draft, sender_email, sender_name)
    msg = EmailMessage(policy=POLICY)
    if to_email:
        msg["To"] = _address(contact, to_email)
    if sender:
        msg["From"] = _address(name, sender)
    msg["Subject"] = subject
    msg["X-Unsent"] = "1"
    msg.set_content(export_body(draft), charset="utf-8")
    msg["Content-Language"] = draft.locale if draft.locale in ("en", "ar") else "en"  # after: set_content clears Content-*
    return msg


def export_body(draft: Draft) -> str:
    """The body as exported: the draft's text with one kind of line break."""
    return draft.body.replace("\r\n", "\n").replace("\r", "\n")


def to_eml(draft: Draft, sender_email: str = "", sender_name: str = "") -> bytes:
    """One RFC 5322 message that opens as a draft; checked to parse back to the same To, Subject and body."""
    msg = build_message(draft, sender_email, sender_name)
    expected = (" ".join(draft.contact_name.split()) if draft.to_email else "", ascii_address(draft.to_email), draft.subject.strip(), export_body(draft))
    # A display name with a very long unbroken word gets split inside the word when folded
    # at 78 columns, and Python's parser then reads a space between the halves; such rare
    # headers are written unfolded instead (allowed up to 998 characters).
    for policy in (POLICY, POLICY.clone(max_line_length=998)):
        data = msg.as_bytes(policy=policy)
        if tuple(read_eml(data)) == expected:
            return data
    # never hand out a message that reads differently from the draft
    raise FreelancekitError(code="mail.not_faithful", exit_code=EXIT_INPUT, client=draft.client_name)


def read_eml(data: bytes) -> ParsedMail:
    """To (name, address), Subject and body of an .eml, the way a mail program reads them."""
    msg = email.message_from_bytes(data, policy=email.policy.default)
    to = msg["To"]
    name, addr = "", ""
    if to is not None and to.addresses:
        name, addr = to.addresses[0].display_name, to.addresses[0].addr_spec
    body = msg.get_content().replace("\r\n", "\n")
    if body.endswith("\n"):  # the message format ends every body with a line break
        body = body[:-1]
    return ParsedMail(name, addr, str(msg["Subject"] or ""), body)


def mailto_link(draft: Draft, limit: int = MAILTO_LIMIT) -> str:
    """An RFC 6068 link: the address, then ``subject`` and ``body`` fully percent-encoded (UTF-8).

    Everything outside unreserved characters is encoded, so ``& ? # % = +`` in
    the text stay text, and a body holding ``&bcc=...`` adds no recipient.
    Line breaks become ``%0D%0A`` as RFC 6068 requires.
    """
    _, to_email, subject, _, _ = _checked(draft, "", "")
    body = export_body(draft).replace("\n", "\r\n")
    link = "mailto:" + quote(to_email, safe="@") + "?subject=" + quote(subject, safe="") + "&body=" + quote(body, safe="")
    if len(link) > limit:
        raise LinkTooLong(code="mail.link_too_long", exit_code=EXIT_INPUT, client=draft.client_name, length=len(link), maximum=limit)
    return link


SHORTENED_MARK = "[…]"  # where a shortened mail link left lines out


class MailLink(NamedTuple):
    """A mailto: link that fits, the body it carries, and how many lines of the draft it leaves out."""

    link: str
    body: str
    left_out: int


def fitting_mailto(draft: Draft, limit: int = MAILTO_LIMIT) -> MailLink:
    """The whole draft as a mailto: link when it fits; otherwise the longest shortened body that does.

    Shortening keeps the greeting, the opening paragraph and the close (the
    ask, the sign-off and the signature), then adds the middle lines in order
    while they fit; one ``[…]`` line stands where lines were left out, so the
    user sees where to paste the rest (the app's "Copy email" has it all).
    Raises ``LinkTooLong`` only when even the greeting, the opening and the
    close do not fit.
    """
    try:
        link = mailto_link(draft, limit)
        return MailLink(link, export_body(draft), 0)
    except LinkTooLong:
        pass
    paragraphs = [p.split("\n") for p in export_body(draft).split("\n\n")]
    # (paragraph, line) in the order they are kept: greeting and signature always, then the ask,
    # the opening, and the middle lines in reading order while they fit
    every = [(n, i) for n, para in enumerate(paragraphs) for i in range(len(para))]
    last = len(paragraphs) - 1
    must = [(n, i) for n, i in every if n in (0, last)]
    ask = [(n, i) for n, i in every if n == last - 1 and last >= 2]
    opening = [(n, i) for n, i in every if n == 1 and last >= 3]
    rest = [key for key in every if key not in must and key not in ask and key not in opening]
    kept = set(must)

    def body_of(keys: set[tuple[int, int]]) -> str:
        out: list[str] = []
        for n, para in enumerate(paragraphs):
            shown = [line for i, line in enumerate(para) if (n, i) in keys]
            if len(shown) < len(para) and (not out or out[-1] != SHORTENED_MARK):
                if shown:
                    out.append("\n".join(shown))
                out.append(SHORTENED_MARK)
            elif shown:
                out.append("\n".join(shown))
        return "\n\n".join(out)

    def fits(keys: set[tuple[int, int]]) -> str | None:
        try:
            return mailto_link(replace(draft, body=body_of(keys)), limit)
        except LinkTooLong:
            return None

    fitted = fits(kept)
    if fitted is not None:
        for group in (ask, opening, *([key] for key in rest)):
            bigger = fits(kept | set(group))
            if bigger is not None:
                kept |= set(group)
                fitted = bigger
        return MailLink(fitted, body_of(kept), len(every) - len(kept))
    raise LinkTooLong(code="mail.too_long_shortened", exit_code=EXIT_INPUT, client=draft.client_name)


WEB_LIMIT = 8000  # characters: what web mail's servers take in one address (a mail program's 2 000 is the tighter limit)
WEB_COMPOSE = {  # web mail's compose pages, for a browser with no mail program: the address, then (to, subject, body) names
    "gmail": ("https://mail.google.com/mail/?view=cm&fs=1", ("to", "su", "body")),
    "outlook": ("https://outlook.office.com/mail/deeplink/compose?", ("to", "subject", "body")),
}


def webmail_links(draft: Draft) -> dict[str, str]:
    """"Write in Gmail" and "write in Outlook" links: their compose pages with to, subject and body filled.

    The whole draft when the link stays within ``WEB_LIMIT``; else the body the
    shortened mail link carries (``fitting_mailto``), so it still opens with the first offer.
    """
    _, to_email, subject, _, _ = _checked(draft, "", "")

    def link(site: str, body: str) -> str:
        base, (to_key, subject_key, body_key) = WEB_COMPOSE[site]
        query = urlencode({to_key: to_email, subject_key: subject, body_key: body}, quote_via=quote)
        return base + ("&" if base.endswith("1") else "") + query

    whole = export_body(draft)
    links = {site: link(site, whole) for site in WEB_COMPOSE}
    if any(len(found) > WEB_LIMIT for found in links.values()):
        short = fitting_mailto(draft).body
        links = {site: link(site, short) for site in WEB_COMPOSE}
    return links


def read_mailto(link: str) -> ParsedMail:
    """Address, subject and body of a mailto: link (the inverse of ``mailto_link``)."""
    if not link.startswith("mailto:"):
        raise InvalidInput(Problem("link", code="mail.not_mailto"))
    to, _, query = link[len("mailto:"):].partition("?")
    fields: dict[str, str] = {}
    for part in query.split("&") if query else ():
        key, _, value = part.partition("=")
        fields[unquote(key).lower()] = unquote(value, errors="strict")
    body = fields.get("body", "").replace("\r\n", "\n")
    return ParsedMail("", unquote(to), fields.get("subject", ""), body)


def to_text(draft: Draft) -> str:
    """The draft for people: To and Subject lines, a blank line, the body."""
    contact, to_email, subject, _, _ = _checked(draft, "", "")
    to = f"{contact} <{to_email}>" if contact and to_email else to_email or contact
    head = t("mail.text_head", draft.locale, to=isolate(to, draft.locale), subject=subject)
    return f"{head}\n\n{export_body(draft)}\n"


# every stem leaves room for the longest suffix a draft's file gets (".mailto.txt", 11 bytes) and a margin
STEM_BYTES = MAX_NAME_BYTES - 15


def _mailto_file(draft: Draft, eml_name: str, with_eml: bool) -> str:
    """The link, shortened when needed (then a second line says what was left out and where the full email is),
    in the draft's language."""
    from freelancekit.language import i18n
    from freelancekit.language.l10n import number, plural
    from freelancekit.language.wording import error_text

    loc = draft.locale
    where = eml_name if with_eml else i18n.t("mailto_file.write_eml", loc, name=eml_name)
    try:
        found = fitting_mailto(draft)
    except LinkTooLong as exc:
        return f"{error_text(exc, loc, isolate=False)}: {where}\n"
    if not found.left_out:
        return found.link + "\n"
    note = plural("mailto_file.shortened", found.left_out, loc, mark=SHORTENED_MARK, limit=number(MAILTO_LIMIT, loc), where=where)
    return f"{found.link}\n\n{note}\n"


def _files(drafts: Sequence[Draft], fmt: str, sender_email: str, sender_name: str) -> list[tuple[str, bytes]]:
    names = unique_filenames([d.client_name for d in drafts], max_bytes=STEM_BYTES)
    out: list[tuple[str, bytes]] = []
    for stem, d in zip(names, drafts):
        if fmt in ("eml", "zip"):
            out.append((f"{stem}.eml", to_eml(d, sender_email, sender_name)))
        if fmt in ("txt", "zip"):
            out.append((f"{stem}.txt", to_text(d).encode("utf-8")))
        if fmt in ("mailto", "zip"):
            out.append((f"{stem}.mailto.txt", _mailto_file(d, f"{stem}.eml", fmt == "zip").encode("utf-8")))
    return out


class Refused(NamedTuple):
    """A draft that cannot be written, the client it is for, and why."""

    client_name: str
    error: FreelancekitError


def split_writable(drafts: Sequence[Draft], sender_email: str = "", sender_name: str = "") -> tuple[list[Draft], list[Refused]]:
    """The drafts that can be written, and the others with the reason: one client's bad field never stops the rest."""
    ok: list[Draft] = []
    refused: list[Refused] = []
    for d in drafts:
        try:
            to_eml(d, sender_email, sender_name)  # every header check, and the read-back comparison
        except FreelancekitError as exc:
            refused.append(Refused(d.client_name, exc))
        else:
            ok.append(d)
    return ok, refused


def to_zip(drafts: Sequence[Draft], sender_email: str = "", sender_name: str = "") -> bytes:
    """A zip with, per draft, ``<client>.eml``, ``<client>.txt`` and ``<client>.mailto.txt`` (safe names)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in _files(drafts, "zip", sender_email, sender_name):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buf.getvalue()


def export_drafts(
    drafts: Sequence[Draft], folder: str | Path, fmt: str = "eml", *, force: bool = False,
    sender_email: str = "", sender_name: str = "",
) -> list[Path]:
    """Write the drafts into ``folder``, all or nothing.

    Every file is made and every name checked before the first is written; if
    a write still fails (disk full), the files this call created are removed
    again. A file replaced with ``force`` keeps its new content.
    """
    v.clean_choice(fmt, "format", FORMATS)
    if not drafts:
        raise FreelancekitError(code="drafts.none_to_export", exit_code=EXIT_INPUT)
    files = [(ZIP_NAME, to_zip(drafts, sender_email, sender_name))] if fmt == "zip" else _files(drafts, fmt, sender_email, sender_name)
    root = prepare_folder(folder)
    check_free(root, [name for name, _ in files], force=force)
    created: list[Path] = []
    written: list[Path] = []
    try:
        for name, data in files:
            existed = (root / name).exists()
            written.append(write_new_file(root, name, data, force=force))
            if not existed:
                created.append(written[-1])
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise
    return written


def draft_filename(draft: Draft, suffix: str = ".eml") -> str:
    """The file name one draft gets (download buttons): the name ``export_drafts`` gives it, alone in a folder."""
    return unique_filenames([draft.client_name], max_bytes=STEM_BYTES)[0] + suffix


def eml_filename(draft: Draft) -> str:
    """The file name a single draft's .eml gets (for download buttons)."""
    return draft_filename(draft, ".eml")


__all__ = [
    "FORMATS", "LinkTooLong", "MailLink", "SHORTENED_MARK", "fitting_mailto", "ascii_address", "MAILTO_LIMIT", "ParsedMail",
    "build_message", "check_address", "check_header_text", "Refused", "split_writable",
    "draft_filename", "eml_filename", "export_body", "export_drafts", "mailto_link", "read_eml", "read_mailto", "to_eml", "to_text", "to_zip",
]

