"""After the email: what to follow up, reminders in the calendar, what was won (rules: docs/drafts.md).

Entry points (plain functions of saved drafts and clients):

* ``follow_ups(drafts, clients, today)`` - one row per saved draft, for any
  client (in the top three or not): overdue first, then by follow-up date.
* ``to_ics(rows, ...)`` - an RFC 5545 calendar with one all-day reminder per
  follow-up date (each with a stable UID, so importing it again updates it).
* ``won_income(drafts, year)`` - the upsell income won in a calendar year.
* ``outcome_history(portfolio, drafts)`` - what similar clients did with each
  service offered to them (won / declined), which ``opportunities.suggest``
  uses to rank a service that similar clients keep declining lower.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from freelancekit.drafts.drafting import CLOSED, Draft
from freelancekit.drafts.opportunities import industry_key
from freelancekit.language.i18n import t
from freelancekit.portfolio.model import Client, Portfolio, service_key

ICS_NAME = "follow-ups.ics"
PRODID = "-//freelancekit//follow-ups//EN"


@dataclass(frozen=True)
class FollowUp:
    """One saved draft as the follow-ups list shows it."""

    client_id: int
    client_name: str
    status: str
    follow_up: date | None
    overdue: bool
    subject: str
    to_email: str
    won_value: float | None = None


def follow_ups(drafts: Iterable[Draft], clients: Iterable[Client], today: date) -> list[FollowUp]:
    """Every saved draft of a client still in the portfolio, in the order to act on them.

    Overdue first (an open draft whose follow-up day is before today, oldest
    first), then open ones by follow-up day, then open ones without a day,
    then the closed ones (won, declined); ties by client name.
    """
    by_id = {c.id: c for c in clients}
    rows = []
    for d in drafts:
        client = by_id.get(d.client_id)
        if client is None or d.client_id is None:
            continue
        overdue = not d.is_closed and d.follow_up is not None and d.follow_up < today
        rows.append(FollowUp(d.client_id, client.name, d.status, d.follow_up, overdue, d.subject, client.email, d.won_value))

    def order(r: FollowUp) -> tuple[int, int, str]:
        if r.status in CLOSED:
            return (3, 0, r.client_name.casefold())
        if r.follow_up is None:
            return (2, 0, r.client_name.casefold())
        return (0 if r.overdue else 1, r.follow_up.toordinal(), r.client_name.casefold())

    closed = sorted((r for r in rows if r.status in CLOSED), key=lambda r: r.client_name.casefold())
    open_rows = sorted((r for r in rows if r.status not in CLOSED), key=order)
    return open_rows + closed


def won_income(drafts: Iterable[Draft], year: int) -> float:
    """The value of every draft marked won in ``year`` (by the day it was marked)."""
    return round(sum(d.won_value or 0 for d in drafts if d.status == "won" and d.closed_on and d.closed_on.year == year), 2)


# -- calendar (RFC 5545) ---------------------------------------------------------------
def _escape(text: str) -> str:
    """TEXT value escaping (RFC 5545, TEXT values): backslash, semicolon, comma, line breaks."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character (RFC 5545, content lines)."""
    out: list[str] = []
    current, size = "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > (75 if not out else 74):
            out.append(current)
            current, size = "", 0
        current += ch
        size += n
    out.append(current)
    return "\r\n ".join(out)


def to_ics(rows: Sequence[FollowUp], *, now: datetime | None = None, locale: str = "en") -> bytes:
    """One all-day VEVENT per open follow-up with a date, with a reminder at 9:00 that morning."""
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    for r in rows:
        if r.follow_up is None or r.status in CLOSED:
            continue
        day = r.follow_up
        summary = t("followup.ics_summary", locale, client=r.client_name)
        description = t("followup.ics_description", locale, subject=r.subject, to=r.to_email)
        lines += [
            "BEGIN:VEVENT",
            f"UID:follow-up-{r.client_id}-{day.isoformat()}@freelancekit",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(day + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(description)}",
            "TRANSP:TRANSPARENT",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{_escape(summary)}",
            "TRIGGER:PT9H",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")


# -- learning from outcomes -------------------------------------------------------------
Outcomes = Mapping[tuple[str, str], tuple[int, int]]  # (industry key, service key) -> (won, declined)


def outcome_history(portfolio: Portfolio, drafts: Iterable[Draft]) -> dict[tuple[str, str], tuple[int, int]]:
    """How often each service was won or declined, by the industry of the client it was offered to.

    A won draft counts for what the client took; a declined one for every
    service it offered. The industry "" collects clients without one.
    """
    industry = {c.id: industry_key(c.industry) for c in portfolio.clients}
    counts: dict[tuple[str, str], list[int]] = {}
    for d in drafts:
        if d.status not in CLOSED or d.client_id not in industry:
            continue
        names = d.won_what if d.status == "won" else d.offers
        for name in names:
            key = (industry[d.client_id], service_key(name))
            counts.setdefault(key, [0, 0])[0 if d.status == "won" else 1] += 1
    return {k: (won, declined) for k, (won, declined) in counts.items()}


__all__ = ["FollowUp", "ICS_NAME", "Outcomes", "follow_ups", "outcome_history", "to_ics", "won_income"]
