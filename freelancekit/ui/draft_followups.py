"""Every saved draft's follow-up, overdue first, and their dates as one calendar file.

Its own part because it follows what is saved (any client, not only the top
three) and is redrawn only after a save, never on a slider move.
"""
from __future__ import annotations

from datetime import date
from typing import Any

import ipywidgets as w

from freelancekit.drafts.drafting import load_drafts
from freelancekit.language import i18n
from freelancekit.language.phrasing import long_date
from freelancekit.ui import dom
from freelancekit.ui.common import NO_MATH, AppState, classed, data_uri_link, html_text
from freelancekit.ui.draft_facts import muted

ICS_MIME = "text/calendar;charset=utf-8"


def followups_html(rows: list[Any], locale: str) -> str:
    """The follow-ups table (client, status, follow-up date; overdue first and marked), every user string escaped."""
    if not rows:
        return muted(i18n.t("drafts.no_followups", locale))
    head = "".join(f"<th>{html_text(i18n.t(k, locale))}</th>" for k in ("drafts.col_client", "drafts.col_status", "drafts.col_follow_up"))
    body = []
    for r in rows:
        when = html_text(long_date(r.follow_up, locale)) if r.follow_up else "—"
        late = f' <b class="fk-error">{html_text(i18n.t("drafts.overdue", locale))}</b>' if r.overdue else ""
        css = f' class="{dom.DRAFT_FOLLOWUP_OVERDUE}"' if r.overdue else ""
        body.append(f"<tr{css}><td><bdi>{html_text(r.client_name)}</bdi></td><td>{html_text(i18n.t(f'status.{r.status}', locale))}</td>"
                    f"<td>{when}{late}</td></tr>")
    return f'<table class="fk-table {NO_MATH}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


class DraftFollowUps:
    """The table and the .ics link, redrawn when something was saved since (or the day changed)."""

    def __init__(self, state: AppState):
        self.state = state
        self.table = classed(w.HTML(value=""), dom.DRAFT_FOLLOWUPS)
        self.ics = classed(w.HTML(value=""), dom.DRAFT_ICS_BOX)
        self._version: tuple[Any, ...] | None = None

    def render(self) -> bool:
        """Redraw if anything was saved since the last time; whether it did."""
        from freelancekit.drafts.followups import follow_ups, to_ics

        version = (self.state.seen_version, date.today())
        if version == self._version:
            return False  # nothing saved since (the slider hot path)
        self._version = version
        loc = self.state.locale
        rows = follow_ups(load_drafts(self.state.store), self.state.clients(), date.today())
        self.table.value = followups_html(rows, loc)
        self.ics.value = (data_uri_link(to_ics(rows, locale=loc), ICS_MIME, "follow-ups.ics", i18n.t("drafts.ics", loc), dom.DRAFT_ICS)
                          if any(r.follow_up and r.status not in ("won", "declined") for r in rows) else "")
        return True
