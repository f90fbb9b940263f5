"""Follow-through: the follow-ups list, .ics reminders, won income, and statuses (docs/drafts.md, "Follow-ups")."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

import icalendar
import pytest

from freelancekit.drafts.drafting import compose_draft, load_drafts, save_draft, set_status
from freelancekit.drafts.followups import follow_ups, outcome_history, to_ics, won_income
from freelancekit.errors import InvalidInput
from freelancekit.portfolio.demo import demo_portfolio
from freelancekit.portfolio.model import service_key
from freelancekit.portfolio.storage import Store

TODAY = date(2026, 12, 2)


def drafts_for(p, names):
    clients = {c.name: replace(c, id=n) for n, c in enumerate(p.clients, start=1)}
    return {name: compose_draft(p, clients[name], today=TODAY) for name in names}, list(clients.values())


def test_the_list_puts_overdue_first_then_by_date_then_undated_then_closed():
    p = demo_portfolio()
    names = ["Brightpath Software", "Summit Outdoor Gear", "Lumen Dental Studio", "Kettle & Crumb Roasters", "Sentinel Cyber",
             "Flow Yoga Collective"]
    d, clients = drafts_for(p, names)
    d["Brightpath Software"] = set_status(d["Brightpath Software"], "sent", "2026-12-10")
    d["Summit Outdoor Gear"] = set_status(d["Summit Outdoor Gear"], "sent", "2026-11-20")  # overdue, older
    d["Lumen Dental Studio"] = set_status(d["Lumen Dental Studio"], "replied", "2026-11-30")  # overdue
    d["Kettle & Crumb Roasters"] = set_status(d["Kettle & Crumb Roasters"], "won", won_value=900, today=TODAY)
    d["Sentinel Cyber"] = set_status(d["Sentinel Cyber"], "declined", "2026-11-01", today=TODAY)  # closed: not overdue
    rows = follow_ups(d.values(), clients, TODAY)
    assert [(r.client_name, r.status, r.overdue) for r in rows] == [
        ("Summit Outdoor Gear", "sent", True), ("Lumen Dental Studio", "replied", True), ("Brightpath Software", "sent", False),
        ("Flow Yoga Collective", "draft", False), ("Kettle & Crumb Roasters", "won", False), ("Sentinel Cyber", "declined", False)]
    assert rows[0].follow_up == date(2026, 11, 20) and rows[-1].follow_up is None  # closed: nothing to follow up


def test_won_records_what_and_value_and_the_year_total_counts_only_wins_of_that_year():
    p = demo_portfolio()
    d, _ = drafts_for(p, ["Brightpath Software", "Summit Outdoor Gear", "Lumen Dental Studio"])
    with pytest.raises(InvalidInput) as exc:
        set_status(d["Brightpath Software"], "won")
    assert exc.value.for_field("won_value") == "is required"
    a = set_status(d["Brightpath Software"], "won", won_what=["Growth"], won_value="1,050", today=date(2026, 3, 1))
    assert (a.won_what, a.won_value, a.closed_on, a.follow_up) == (("Growth",), 1050.0, date(2026, 3, 1), None)
    b = set_status(d["Summit Outdoor Gear"], "won", won_value=450.5, today=date(2026, 11, 30))
    assert b.won_what == b.offers  # what was offered, when not said
    c = set_status(d["Lumen Dental Studio"], "won", won_value=999, today=date(2025, 12, 31))
    declined = set_status(replace(c, status="sent"), "declined", today=TODAY)
    assert declined.won_value is None and declined.won_what == ()
    assert won_income([a, b, c], 2026) == 1500.5 and won_income([a, b, c], 2025) == 999 and won_income([a, b, declined], 2025) == 0
    back = set_status(a, "replied")
    assert (back.won_value, back.closed_on) == (None, None)


def test_won_and_declined_survive_saving(tmp_path):
    p = demo_portfolio()
    with Store(tmp_path / "p.sqlite") as store:
        store.replace_all(p)
        client = store.clients()[0]
        d = save_draft(store, compose_draft(store.portfolio(), client, today=TODAY))
        won = save_draft(store, set_status(d, "won", won_what=["Growth"], won_value=900, today=TODAY))
        (loaded,) = load_drafts(store)
        assert loaded == won and loaded.status == "won" and loaded.won_value == 900 and loaded.closed_on == TODAY


def test_ics_parses_back_with_one_reminder_per_open_follow_up():
    p = demo_portfolio()
    d, clients = drafts_for(p, ["Brightpath Software", "Summit Outdoor Gear", "مكتبة النور", "Sentinel Cyber"])
    d["Brightpath Software"] = set_status(d["Brightpath Software"], "sent", "2026-12-10")
    d["مكتبة النور"] = set_status(replace(d["مكتبة النور"], subject="متابعة; مع, فاصلة\\ وخط"), "sent", "2026-12-04")
    d["Sentinel Cyber"] = set_status(d["Sentinel Cyber"], "declined", today=TODAY)
    rows = follow_ups(d.values(), clients, TODAY)
    data = to_ics(rows, now=datetime(2026, 12, 2, 9, 30, tzinfo=timezone.utc))
    assert all(len(line) <= 75 for line in data.split(b"\r\n")) and data.endswith(b"END:VCALENDAR\r\n")
    cal = icalendar.Calendar.from_ical(data)
    events = [e for e in cal.walk("VEVENT")]
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    by_day = {e.decoded("DTSTART"): e for e in events}
    assert sorted(by_day) == [date(2026, 12, 4), date(2026, 12, 10)]  # the draft without a date and the declined one: none
    arabic = by_day[date(2026, 12, 4)]
    assert str(arabic["SUMMARY"]) == "Follow up: مكتبة النور"
    assert "متابعة; مع, فاصلة\\ وخط" in str(arabic["DESCRIPTION"])  # escaped on the way out, read back as typed
    assert arabic.decoded("DTEND") == date(2026, 12, 5) and str(arabic["UID"]).startswith("follow-up-")
    assert len({str(e["UID"]) for e in events}) == 2 and all(e.walk("VALARM") for e in events)
    assert to_ics(rows, now=datetime(2026, 12, 2, tzinfo=timezone.utc)) == to_ics(rows, now=datetime(2026, 12, 2, tzinfo=timezone.utc))


def test_outcome_history_counts_wins_by_what_was_taken_and_declines_by_what_was_offered():
    p = demo_portfolio()
    d, clients = drafts_for(p, ["Brightpath Software", "Summit Outdoor Gear"])
    won = set_status(d["Brightpath Software"], "won", won_what=["Blog management"], won_value=600, today=TODAY)
    lost = set_status(d["Summit Outdoor Gear"], "declined", today=TODAY)
    history = outcome_history(replace(p, clients=tuple(clients)), [won, lost])
    assert history[("b2b saas", "blog management")] == (1, 0)
    assert lost.offers  # every service the declined draft offered counts once as declined
    assert {k: v for k, v in history.items() if k[0] == "outdoor e-commerce"} == {
        ("outdoor e-commerce", service_key(o)): (0, 1) for o in lost.offers}
