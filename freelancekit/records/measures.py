"""The measured figures per client, exactly as docs/records.md defines them.

Everything is worked out on whole columns (pandas), from the stored records
with their client already resolved to the portfolio's name. ``today`` is the
window's last day: payments after it have not happened yet.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from freelancekit.records.money import Money, RowMoney, client_currencies, row_money

SUMMARY_KEYS: tuple[str, ...] = (
    "client", "revenue", "hours", "billable_hours", "effective_rate", "invoices",
    "on_time_pct", "avg_days_late", "max_days_late", "open_balance", "income_share",
)
# added by api.summary (docs/records.md, "Currencies"): what the amounts above are in, and the client's own
CURRENCY_KEYS: tuple[str, ...] = ("currency", "paid_in", "revenue_original", "open_balance_original", "needs_rate")
CENT = 0.005  # amounts within half a cent count as equal (a paid-in-full invoice paid in parts)


@dataclass(frozen=True)
class RecordSet:
    """Stored records as tables; ``client`` is the name they count under (mapped or as written).

    time: client, start (datetime64), hours, billable, amount, currency ('' or absent: the client's)
    invoices: id, client, number, issued, due, amount, reported_paid, currency (likewise)
    payments: invoice_id, paid_on, amount (each payment already assigned to its invoice)
    """

    time: pd.DataFrame
    invoices: pd.DataFrame
    payments: pd.DataFrame


@dataclass(frozen=True)
class Window:
    since: date
    until: date  # also "today" for lateness and open balances

    @classmethod
    def of(cls, since: date | None = None, until: date | None = None, today: date | None = None) -> Window:
        """By default the 12 months up to today: since is the day after the same date a year earlier."""
        until = until or today or date.today()
        if since is None:
            try:
                since = until.replace(year=until.year - 1) + timedelta(days=1)
            except ValueError:  # 29 February
                since = until.replace(year=until.year - 1, day=28) + timedelta(days=1)
        return cls(since, until)


def invoice_status(records: RecordSet, window: Window, money: RowMoney | None = None) -> pd.DataFrame:
    """One row per invoice issued by ``until``: what is paid, when in full, whether due, days late.

    Columns: id, client, number, issued, due, amount, paid, paid_in_full_on,
    open, in_window, due_now, unknown, on_time, days_late (NaN when not due).
    Whether and when an invoice is paid in full is decided in its own currency, so no rate can
    make a payment of exactly the invoice's amount short. With ``money`` (or records already
    converted by ``currency.in_profile_currency``) amount, paid and open are in the profile's
    currency, each payment at its own day's rate, and ``original_amount``/``open_original``
    keep the amounts as written (docs/records.md, "Currencies").
    """
    out, money_of = _status(records, window, money, every_payment=True)
    if money_of is not None:
        out["original_amount"], out["open_original"] = out["amount"].to_numpy(), out["open"].to_numpy()
        out["amount"], out["paid"], out["open"] = money_of.amount, money_of.paid, money_of.open
    return out


@dataclass(frozen=True)
class _Converted:
    """An invoice status's amounts in the profile's currency, beside its columns (which stay as written)."""

    amount: np.ndarray
    open: np.ndarray
    paid: np.ndarray | None  # every payment converted: only when asked (the summary needs those of partly paid invoices)


def _status(records: RecordSet, window: Window, money: RowMoney | None, *, every_payment: bool = False
            ) -> tuple[pd.DataFrame, _Converted | None]:
    """``invoice_status`` with amount, paid and open as written, and (when converting) the same in the profile's currency."""
    today = pd.Timestamp(window.until)
    t = today.to_datetime64()
    issued_by_today = (records.invoices["issued"] <= today).to_numpy()
    inv = records.invoices[issued_by_today].reset_index(drop=True)
    n = len(inv)
    # payments up to today, numbered by their invoice's row, in (invoice, date) order: numpy, not groupby
    pay = records.payments
    pay_day = pay["paid_on"].to_numpy(dtype="datetime64[ns]")
    keep = pay_day <= t
    at = pd.Index(inv["id"]).get_indexer(pay["invoice_id"].to_numpy()[keep])
    mine = at >= 0
    at, day = at[mine], pay_day[keep][mine]
    converted = "original_amount" in inv  # by currency.in_profile_currency: the written amounts are kept beside
    amount = pay["original_amount" if converted else "amount"].to_numpy(dtype=float)[keep][mine]
    total = inv["original_amount" if converted else "amount"].to_numpy(dtype=float)
    reported = np.nan_to_num(inv["original_reported" if converted else "reported_paid"].to_numpy(dtype=float), nan=0.0)
    order = np.lexsort((day, at))
    at, day, amount = at[order], day[order], amount[order]
    paid = np.bincount(at, weights=amount, minlength=n)
    cum = np.cumsum(amount)
    starts = np.searchsorted(at, np.arange(n))  # first payment of each invoice (payments are sorted by invoice)
    before = np.concatenate(([0.0], cum))[starts]  # everything paid on earlier invoices
    full = (cum - before[at]) >= total[at] - CENT if len(at) else np.zeros(0, dtype=bool)
    full_on = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    first_full = np.flatnonzero(full)
    hit_inv, first = np.unique(at[first_full], return_index=True)  # the first paying-in-full payment per invoice
    full_on[hit_inv] = day[first_full[first]]
    out = inv.copy()
    issued, due = out["issued"].to_numpy(dtype="datetime64[ns]"), out["due"].to_numpy(dtype="datetime64[ns]")
    known = ~np.isnat(full_on)
    out["paid"] = paid
    open_written = np.clip(total - np.maximum(paid, reported), 0.0, None)
    out["open"] = open_written
    if converted:
        out["amount"] = total
    money_of = None
    if money is not None or converted:
        factor = inv["factor"].to_numpy(dtype=float) if money is None else (
            money.invoice_factor if issued_by_today.all() else money.invoice_factor[issued_by_today])
        converted_amount = total * factor
        # only an invoice still open has a figure that payments' rates change: worked out on those alone
        owing = np.flatnonzero(open_written > 0) if not every_payment else np.arange(n)
        counted = np.where(paid[owing] >= reported[owing], paid[owing], reported[owing]) * factor[owing]
        # each payment at the rate of its own day; the invoice file's paid figure, which has no day, at the issue date's
        by_payments = (paid[owing] >= reported[owing]) & (paid[owing] > 0)
        paid_converted: np.ndarray = np.zeros(n)
        if by_payments.any() or every_payment and len(at):
            flag = np.zeros(n, dtype=bool)
            flag[owing[by_payments]] = True
            asked = flag[at] | every_payment
            if money is not None:
                pay_factor = money.at(money.invoice[issued_by_today][at[asked]], day[asked].astype("datetime64[D]"))
            else:
                pay_factor = pay["factor"].to_numpy(dtype=float)[keep][mine][order][asked]
            paid_converted = np.bincount(at[asked], weights=amount[asked] * pay_factor, minlength=n)
            counted = np.where(by_payments, paid_converted[owing], counted)
        open_converted = np.zeros(n)
        open_converted[owing] = np.where(open_written[owing] > 0, np.clip(converted_amount[owing] - counted, 0.0, None), 0.0)
        money_of = _Converted(converted_amount, open_converted, paid_converted if every_payment else None)
    out["paid_in_full_on"] = full_on
    out["in_window"] = issued >= pd.Timestamp(window.since).to_datetime64()
    # paid in full by the invoice file's own figures, but no dated payment says when
    unknown = ~known & (reported >= total - CENT)
    out["unknown"] = unknown
    due_now = out["in_window"].to_numpy() & (due <= t) & ~unknown
    out["due_now"] = due_now
    late = np.clip((np.where(known, full_on, t) - due).astype("timedelta64[D]").astype(float), 0.0, None)
    out["days_late"] = np.where(due_now, late, np.nan)
    out["on_time"] = due_now & known & (full_on <= due)
    return out, money_of


def summary_frame(records: RecordSet, window: Window, money: Money | None = None) -> pd.DataFrame:
    """One row per client with any record, the figures of docs/records.md plus record counts.

    The clients are numbered once and every figure is a ``numpy.bincount`` over those numbers:
    a pandas groupby per figure cost more than the figures themselves (1 000 clients). With
    ``money``, every amount is brought into the profile's currency on those same numbers
    (``money.row_money``) and the frame gets ``CURRENCY_KEYS``.
    """
    since, today = pd.Timestamp(window.since), pd.Timestamp(window.until)
    names = sorted(set(records.time["client"]) | set(records.invoices["client"]))
    index = pd.Index(names, dtype=object)
    n = len(names)

    def count(codes: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        return np.bincount(codes, weights=weights, minlength=n).astype(float)

    t = records.time
    t_all = index.get_indexer(t["client"])
    inv_all = index.get_indexer(records.invoices["client"])
    rows = row_money(money, index, inv_all, t_all, records.invoices, t) if money is not None else None
    day = t["start"].to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    in_window = (day >= since.to_datetime64()) & (day <= today.to_datetime64())
    t_code = t_all[in_window]
    hours = t["hours"].to_numpy(dtype=float)[in_window]
    bill = t["billable"].to_numpy(dtype=bool)[in_window]
    converted = "original_amount" in t  # by currency.in_profile_currency
    written = t["original_amount" if converted else "amount"].to_numpy(dtype=float)[in_window]
    amount = written * rows.time_factor[in_window] if rows is not None else t["amount"].to_numpy(dtype=float)[in_window]
    has_amount = bill & ~np.isnan(written)
    time_amount = count(t_code[has_amount], amount[has_amount])
    time_amount[count(t_code[has_amount]) == 0] = np.nan

    inv, money_of = _status(records, window, rows)
    i_code = inv_all[(records.invoices["issued"] <= today).to_numpy()]
    win = inv["in_window"].to_numpy(dtype=bool)
    due = inv["due_now"].to_numpy(dtype=bool)
    inv_amount = money_of.amount if money_of is not None else inv["amount"].to_numpy(dtype=float)
    has_invoices = count(inv_all) > 0
    revenue = np.where(has_invoices, count(i_code[win], inv_amount[win]), time_amount)
    n_due = count(i_code[due])
    late = inv["days_late"].to_numpy(dtype=float)[due]
    worst = np.full(n, -1.0)
    np.maximum.at(worst, i_code[due], late)
    hours_sum = count(t_code, hours)
    total = np.nansum(revenue) if not np.isnan(revenue).all() else np.nan
    open_balance = count(i_code, money_of.open if money_of is not None else inv["open"].to_numpy(dtype=float))
    columns: dict[str, Any] = {}
    if money is not None and rows is None:  # one currency: the amounts as written are the figures themselves
        columns = {"revenue_original": revenue, "open_balance_original": open_balance}
    elif money_of is not None:  # converted into the profile's currency: the amounts as written too
        original, open_original = inv["amount"].to_numpy(dtype=float), inv["open"].to_numpy(dtype=float)
        time_original = count(t_code[has_amount], written[has_amount])
        time_original[count(t_code[has_amount]) == 0] = np.nan
        columns["revenue_original"] = np.where(has_invoices, count(i_code[win], original[win]), time_original)
        columns["open_balance_original"] = count(i_code, open_original)
    with np.errstate(divide="ignore", invalid="ignore"):
        frame = pd.DataFrame({
            "client": names,
            "revenue": revenue,
            "hours": hours_sum,
            "billable_hours": count(t_code[bill], hours[bill]),
            "effective_rate": np.where(hours_sum > 0, revenue / hours_sum, np.nan),
            "invoices": count(i_code[win]).astype(int),
            "on_time_pct": np.where(n_due > 0, count(i_code[due], inv["on_time"].to_numpy(dtype=float)[due]) / n_due * 100.0, np.nan),
            "avg_days_late": np.where(n_due > 0, count(i_code[due], late) / n_due, np.nan),
            "max_days_late": np.where(n_due > 0, worst, np.nan),
            "open_balance": open_balance,
            "income_share": revenue / total if total and total > 0 else np.nan,
            "time_records": count(t_code).astype(int),
            "due_invoices": n_due.astype(int),
            **columns,
            **(_currency_columns(money, rows, columns, n, inv_all, t_all, t["billable"].to_numpy(dtype=bool)) if money else {}),
        })
    folded = np.array([name.casefold() for name in names], dtype=object)
    rev = frame["revenue"].to_numpy()
    order = sorted(range(n), key=lambda i: (np.isnan(rev[i]), -rev[i] if not np.isnan(rev[i]) else 0.0, folded[i]))
    return frame.iloc[order].reset_index(drop=True)


def _currency_columns(money: Money, rows: RowMoney | None, originals: dict[str, Any], n: int, inv_client: np.ndarray,
                      time_client: np.ndarray, billable: np.ndarray) -> dict[str, Any]:
    """``CURRENCY_KEYS``: the profile's currency, each client's own (None with several), their amounts as written
    in it (NaN with several), and a currency a client's records need a rate for."""
    if rows is None:
        return {"currency": money.currency, "paid_in": money.currency, **originals, "needs_rate": ""}
    paid_in, needs = client_currencies(rows, n, inv_client, time_client, billable)
    several = paid_in == ""
    return {"currency": money.currency, "paid_in": paid_in,
            **{key: np.where(several, np.nan, originals[key]) for key in ("revenue_original", "open_balance_original")},
            "needs_rate": needs}


def summary_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The JSON shape: exactly ``SUMMARY_KEYS`` (then ``CURRENCY_KEYS`` when the frame has them), numbers as numbers, missing as None."""
    keys = [*SUMMARY_KEYS, *(k for k in CURRENCY_KEYS if k in frame)]
    out = []
    for row in frame[keys].itertuples(index=False):
        item: dict[str, Any] = {}
        for key, value in zip(keys, row):
            if key in ("client", "currency", "paid_in", "needs_rate"):
                item[key] = value if isinstance(value, str) and value else None if key != "client" else value
            elif key == "invoices":
                item[key] = int(value)
            else:
                item[key] = None if pd.isna(value) else float(value)
        out.append(item)
    return out


def monthly(records: RecordSet, window: Window) -> pd.DataFrame:
    """Per client and month (first day): revenue (invoices issued, or billable amounts), hours, effective rate."""
    since, today = pd.Timestamp(window.since), pd.Timestamp(window.until)
    t = records.time[(records.time["start"].dt.normalize() >= since) & (records.time["start"].dt.normalize() <= today)]
    inv = records.invoices[(records.invoices["issued"] >= since) & (records.invoices["issued"] <= today)]
    month_t = t["start"].dt.to_period("M").dt.to_timestamp()
    hours = t.groupby([t["client"], month_t])["hours"].sum()
    invoiced_clients = set(records.invoices["client"])
    bill = t[t["billable"] & ~t["client"].isin(invoiced_clients)]
    from_time = bill.groupby([bill["client"], bill["start"].dt.to_period("M").dt.to_timestamp()])["amount"].sum(min_count=1)
    from_inv = inv.groupby([inv["client"], inv["issued"].dt.to_period("M").dt.to_timestamp()])["amount"].sum()
    revenue = pd.concat([from_inv, from_time]).groupby(level=[0, 1]).sum(min_count=1)
    frame = pd.concat({"revenue": revenue, "hours": hours}, axis=1)
    frame.index.names = ["client", "month"]
    frame = frame.reset_index()
    frame["effective_rate"] = (frame["revenue"] / frame["hours"]).where(frame["hours"] > 0)
    return frame.sort_values(["client", "month"]).reset_index(drop=True)
