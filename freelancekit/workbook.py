"""The Python API the notebook templates build on: tables as pandas DataFrames, charts as plotly figures.

Everything here reads the portfolio and never saves: ranking with other
weights (``what_if``) or drafting (``draft_for``) leaves the portfolio as it
was. The app's widgets are not needed, so a JupyterLab user can take any
result further with pandas or plotly. Documented in docs/notebooks.md.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from freelancekit.portfolio.model import Client, Criterion, Portfolio
from freelancekit.ranking.scoring import Ranking
from freelancekit.records.rank import rank_portfolio

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go

    from freelancekit.drafts.drafting import Draft
    from freelancekit.portfolio.storage import Store


def _portfolio(source: Portfolio | Store) -> Portfolio:
    return source if isinstance(source, Portfolio) else source.portfolio()


def clients_frame(source: Portfolio | Store) -> pd.DataFrame:
    """One row per client: its text fields, what it pays in, then one column per criterion (the value as entered; NaN = not rated).

    ``paid_in`` (the client's currency, else the profile's) says what its pay
    rate is written in: the rates of clients paying in different currencies
    are not comparable as they stand (``ranking_frame``'s ``pay_rate`` is).
    """
    import pandas as pd

    p = _portfolio(source)
    rows = []
    for c in p.clients:
        row: dict[str, Any] = {"id": c.id, "name": c.name, "contact_name": c.contact_name, "title": c.title,
                               "email": c.email, "industry": c.industry, "services": "; ".join(c.services),
                               "start_date": c.start_date, "last_win": c.last_win, "notes": c.notes,
                               "paid_in": c.currency or p.profile.currency}
        for crit in p.criteria:
            row[crit.key] = c.values.get(crit.key)
        row["incomplete"] = any(c.values.get(crit.key) is None for crit in p.criteria)
        rows.append(row)
    columns = ["id", "name", "contact_name", "title", "email", "industry", "services", "start_date", "last_win", "notes",
               "paid_in", *(c.key for c in p.criteria), "incomplete"]
    frame = pd.DataFrame(rows, columns=columns)
    for crit in p.criteria:
        frame[crit.key] = frame[crit.key].astype("float64")
    return frame


def ranking_frame(ranking: Ranking, *, shares: bool = True) -> pd.DataFrame:
    """Best first: rank, name, id, score, incomplete, top3_share, then per criterion its value and its points,
    then what the pay rate is in.

    Columns ``<key>`` hold the values as entered (NaN = not rated) and
    ``<key>_points`` the points each brings (they add up to ``score``).
    Then the keys of ``rank --format json``: the pay rate as compared
    (``pay_rate`` = ``hourly_rate``, in ``currency``, the profile's), what the
    client pays in (``paid_in``), the amount as typed (``pay_rate_original``),
    the rate used (``rate``, ``rate_day``, ``rate_source``) and ``needs_rate``
    (docs/currencies.md, "The ranking"; a ranking not made from a portfolio
    has none of them). ``shares=False`` leaves out ``top3_share``
    (sampling nearby weights costs a few milliseconds per thousand clients).
    """
    from freelancekit.ranking.money import AMOUNT_KEYS
    from freelancekit.ranking.robustness import top3_shares

    frame = ranking.frame[["rank", "name", "id", "score", "incomplete"]].copy()
    o = ranking.order
    if shares:
        frame["top3_share"] = top3_shares(ranking)[o]
    for j, key in enumerate(ranking.table.keys):
        frame[key] = ranking.table.values[o, j]
        frame[f"{key}_points"] = ranking.contributions[o, j]
    money = ranking.money()
    for key, column in (money or {}).items():  # pay_rate: the hourly_rate column again, next to its original
        frame[key] = [float("nan") if x is None else x for x in column] if key in AMOUNT_KEYS else column
    return frame


def what_if(source: Portfolio | Store, weights: Mapping[str, Any]) -> Ranking:
    """The ranking with some weights changed (the others as saved); nothing is saved."""
    return rank_portfolio(_portfolio(source), weights)


def why(ranking: Ranking, name_or_place: str | int = 0, locale: str = "en") -> str:
    """'Why here?' in words for a client (its name, or its place: 0 = #1)."""
    from freelancekit.ranking.explain import explain

    return explain(ranking, _place(ranking, name_or_place), locale)


def _place(ranking: Ranking, name_or_place: str | int) -> int:
    if isinstance(name_or_place, int):
        if not 0 <= name_or_place < len(ranking):
            raise IndexError(f"place {name_or_place} is outside the ranking (0 to {len(ranking) - 1})")
        return name_or_place
    from freelancekit.portfolio.validation import name_key

    wanted = name_key(name_or_place)
    for place, i in enumerate(ranking.order.tolist()):
        if name_key(ranking.table.names[i]) == wanted:
            return place
    raise KeyError(f"no client is called {name_or_place!r}")


def contribution_chart(ranking: Ranking, locale: str = "en", currency: str = "USD", top_n: int = 30) -> go.Figure:
    """The app's stacked bar chart (points per criterion) as a plotly figure to restyle."""
    import plotly.graph_objects as go

    from freelancekit.ui.charts import contributions_figure

    return go.Figure(contributions_figure(ranking, locale, currency, top_n))


def radar_chart(ranking: Ranking, locale: str = "en", top_n: int = 3) -> go.Figure:
    """The app's radar of the top clients' utilities (0-1) as a plotly figure."""
    import plotly.graph_objects as go

    from freelancekit.ui.charts import radar_figure

    return go.Figure(radar_figure(ranking, locale, top_n))


def find_client(source: Portfolio | Store, name: str) -> Client:
    """The client called ``name`` (case does not matter)."""
    from freelancekit.portfolio.validation import name_key

    p = _portfolio(source)
    wanted = name_key(name)
    for c in p.clients:
        if c.key == wanted:
            return c
    raise KeyError(f"no client is called {name!r}")


def draft_for(source: Portfolio | Store, client: str | Client | None = None, *, ranking: Ranking | None = None,
              tone: str = "warm", services: list[str] | None = None, packages: bool = True) -> Draft:
    """A fresh upsell draft for ``client`` (a name; None = the #1 of ``ranking`` or of the saved weights); not saved."""
    from freelancekit.drafts.drafting import compose_draft

    p = _portfolio(source)
    if client is None:
        best = (ranking or rank_portfolio(p)).top(1)
        if not best:
            raise KeyError("the portfolio has no clients yet")
        client = best[0]
    chosen = client if isinstance(client, Client) else find_client(p, client)
    return compose_draft(p, chosen, tone=tone, services=services, packages=packages)


def criteria_frame(source: Portfolio | Store) -> pd.DataFrame:
    """The criteria with their weights and each weight's share of the total (%)."""
    import pandas as pd

    criteria: tuple[Criterion, ...] = _portfolio(source).criteria
    total = sum(c.weight for c in criteria) or 1.0
    return pd.DataFrame([{"key": c.key, "label": c.label, "kind": c.kind, "direction": c.direction,
                          "weight": c.weight, "share_pct": c.weight / total * 100} for c in criteria])


def sure_lines(ranking: Ranking, locale: str = "en") -> list[str]:
    """How sure the top three is, in sentences: the method, each share, the smallest swap, each criterion dropped."""
    from freelancekit.ranking.explain import drop_text, method_text, same_outcome, share_text, swap_text
    from freelancekit.ranking.robustness import robustness

    sure = robustness(ranking)
    lines = [method_text(sure, locale), *(share_text(ranking, sure, p, locale) for p in range(min(3, len(ranking))))]
    swap = swap_text(ranking, sure, locale)
    if swap:
        lines.append(swap)
    return lines + [drop_text(ranking, group, locale) for group in same_outcome(sure.dropped)]
