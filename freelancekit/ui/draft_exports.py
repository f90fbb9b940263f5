"""The ways a draft leaves the app: .eml, mailto:, copy, .txt for one card, and one zip of every card shown.

Data-URI links built from the draft as it is addressed now (``drafting.addressed``);
a draft the core refuses to write (an encoded word in a name, say) shows why,
and in the zip only that client's draft is left out.
"""
from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import TYPE_CHECKING

from freelancekit.drafts.mailexport import LinkTooLong, draft_filename, eml_filename, fitting_mailto, split_writable, to_eml, to_text, to_zip, webmail_links
from freelancekit.errors import FreelancekitError
from freelancekit.language import i18n
from freelancekit.language.l10n import plural
from freelancekit.ui import dom
from freelancekit.ui.common import NO_MATH, AppState, data_uri_link, error_words, html_text
from freelancekit.ui.draft_facts import muted

if TYPE_CHECKING:
    from freelancekit.drafts.drafting import Draft
    from freelancekit.portfolio.model import Profile

EML_MIME = "message/rfc822"
TXT_MIME = "text/plain;charset=utf-8"
ZIP_MIME = "application/zip"


def copy_button(text: str, label: str, done: str) -> str:
    """A button that copies the whole email to the clipboard (UTF-8 carried as base64: no quoting to get wrong)."""
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    script = ("navigator.clipboard.writeText(new TextDecoder().decode(Uint8Array.from(atob(this.dataset.text),"
              "c=>c.charCodeAt(0)))).then(()=>{this.textContent=this.dataset.done})")
    return (f'<button type="button" class="{dom.DRAFT_COPY}" data-text="{payload}" data-done="{html_text(done)}" '
            f'onclick="{html_text(script)}">{html_text(label)}</button>')


def exports_html(d: Draft, profile: Profile, state: AppState) -> str:
    """One draft's links (or why it cannot be written)."""
    loc = state.locale
    try:
        eml = to_eml(d, profile.email, profile.name)
        text = to_text(d).encode("utf-8")
    except FreelancekitError as exc:
        blocked = i18n.t("drafts.export_blocked", loc, problem=error_words(exc, state))
        return f'<span class="fk-error {dom.DRAFT_EXPORT_ERROR} {NO_MATH}">{html_text(blocked)}</span>'
    links = [data_uri_link(eml, EML_MIME, eml_filename(d), i18n.t("drafts.eml", loc), dom.DRAFT_EML)]
    try:
        found = fitting_mailto(d)
        label = i18n.t("drafts.mailto", loc) if not found.left_out else plural("drafts.mailto_short", found.left_out, loc)
        links.append(f'<a class="{dom.DRAFT_MAILTO}" href="{html_text(found.link)}">{html_text(label)}</a>')
        for site, href in webmail_links(d).items():  # for a browser with no mail program
            links.append(f'<a class="{dom.DRAFT_WEBMAIL}" href="{html_text(href)}" target="_blank" rel="noopener">'
                         f'{html_text(i18n.t(f"drafts.write_in.{site}", loc))}</a>')
    except LinkTooLong:
        links.append(f'<span class="fk-muted {dom.DRAFT_MAILTO_TOO_LONG}">{html_text(i18n.t("drafts.mailto_too_long", loc))}</span>')
    links.append(copy_button(to_text(d), i18n.t("drafts.copy", loc), i18n.t("drafts.copied", loc)))
    links.append(data_uri_link(text, TXT_MIME, draft_filename(d, ".txt"), i18n.t("drafts.txt", loc), dom.DRAFT_TXT))
    return f'<div class="{NO_MATH}"><b>{html_text(i18n.t("drafts.send", loc))}</b> {" ".join(links)}</div>'


def zip_html(drafts: Sequence[Draft], profile: Profile, state: AppState) -> str:
    """One zip of ``drafts`` as a data-URI link, and a line for each draft left out of it."""
    if not drafts:
        return ""
    loc = state.locale
    # one client's refused field never stops the others: the zip holds every draft that can be written
    writable, refused = split_writable(list(drafts), profile.email, profile.name)
    left_out = "".join(
        "<p>" + muted(i18n.t("drafts.zip_left_out", loc, name=r.client_name, problem=error_words(r.error, state)),
                      f"fk-error {dom.DRAFT_EXPORT_ERROR}") + "</p>"
        for r in refused)
    if not writable:
        return left_out
    try:
        data = to_zip(writable, profile.email, profile.name)
    except FreelancekitError as exc:
        return muted(i18n.t("drafts.export_blocked", loc, problem=error_words(exc, state)), f"fk-error {dom.DRAFT_EXPORT_ERROR}")
    link = data_uri_link(data, ZIP_MIME, "drafts.zip", i18n.t("drafts.zip", loc), dom.DRAFT_ZIP)
    return f'<p class="{NO_MATH}">{link}</p>{left_out}'
