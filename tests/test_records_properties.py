"""Properties of the measured punctuality (docs/records.md), against a direct re-computation."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from freelancekit.portfolio.storage import Store
from freelancekit.records.api import import_records, summary
from freelancekit.records.measures import summary_records

SINCE, UNTIL = date(2026, 1, 1), date(2026, 6, 30)


@st.composite
def invoices(draw):
    """Invoices of one client: issued from before the window to after it, each with 0-3 payments."""
    out = []
    for n in range(draw(st.integers(1, 6))):
        issued = SINCE + timedelta(days=draw(st.integers(-60, 200)))
        due = issued + timedelta(days=draw(st.integers(0, 45)))
        cents = draw(st.integers(100, 500_000))
        pays, left = [], cents
        for _ in range(draw(st.integers(0, 3))):
            if left <= 0:
                break
            part = draw(st.integers(1, left))
            pays.append((issued + timedelta(days=draw(st.integers(0, 120))), part))
            left -= part
        out.append((f"N-{n}", issued, due, cents, pays))
    return out


def _csv(histories) -> bytes:
    lines = ["client,invoice,issued,due,amount,paid_on,paid_amount"]
    for i, history in enumerate(histories):
        for number, issued, due, cents, pays in history:
            head = f"Client {i},{number},{issued},{due},{cents / 100:.2f}"
            lines += [f"{head},{d},{c / 100:.2f}" for d, c in pays] or [f"{head},,"]
    return ("\n".join(lines) + "\n").encode()


def _direct(history):
    """The rule, written out once more invoice by invoice."""
    late, on_time = [], 0
    for _number, issued, due, cents, pays in history:
        if not (SINCE <= issued <= UNTIL) or due > UNTIL:
            continue
        total, full_on = 0, None
        for d, c in sorted(p for p in pays if p[0] <= UNTIL):
            total += c
            if total >= cents and full_on is None:
                full_on = d
        settled = full_on or UNTIL
        late.append(max((settled - due).days, 0))
        on_time += full_on is not None and full_on <= due
    if not late:
        return None, None, None
    return 100 * on_time / len(late), sum(late) / len(late), max(late)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("p") / "p.sqlite") as s:
        yield s


# Each example imports 2-5 clients' histories at once: the import and the summary (~100 ms an example) are paid
# once for all of them, so a third of the profile's examples checks more histories than one client an example did
# (dev profile: 20 examples, ~70 histories, 3 s; was 60 examples, 60 histories, 8.8 s)
@settings(max_examples=max(10, settings.default.max_examples // 3))
@given(histories=st.lists(invoices(), min_size=2, max_size=5))
def test_on_time_and_days_late_equal_a_direct_recomputation(store, histories):
    store.start_empty()  # one portfolio file for all examples (opening one costs more than the test)
    data = _csv(histories)
    import_records(store, data)
    got = summary_records(summary(store, SINCE, UNTIL))
    by_client = {row["client"]: row for row in got}
    assert len(by_client) == len(histories)
    for i, history in enumerate(histories):
        pct, avg, worst = _direct(history)
        row = by_client[f"Client {i}"]
        assert row["on_time_pct"] == (None if pct is None else pytest.approx(pct))
        assert row["avg_days_late"] == (None if avg is None else pytest.approx(avg))
        assert row["max_days_late"] == worst
    # importing the same file again changes nothing
    tables = ("record_time_blocks", "record_invoices", "record_payments")
    before = [sorted(store._read(f"SELECT * FROM {t}")) for t in tables]
    assert import_records(store, data).stored == 0
    assert [sorted(store._read(f"SELECT * FROM {t}")) for t in tables] == before
    assert summary_records(summary(store, SINCE, UNTIL)) == got
