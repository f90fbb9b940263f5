"""Beside the ranking: the upsell income won this year, and the clients it is a good moment to ask.

A part of the ranking view (``show`` is told of every new ranking). Both facts
come from the core (``followups.won_income``, ``phrasing.good_moment``; rules
in docs/drafts.md) and are worked out again only when this tab has seen a save (``AppState.seen_version``),
not on every slider move.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from freelancekit.language import i18n
from freelancekit.language.l10n import plural
from freelancekit.ui import dom
from freelancekit.ui.common import NO_MATH, classed, html_text

if TYPE_CHECKING:
    from freelancekit.ranking.scoring import Ranking
    from freelancekit.ui.common import AppState


MOMENTS_SHOWN = 10  # good moments named (the best ranked); a portfolio of thousands gets "and N more"


def upsell_html(won: float, currency: str, moments: list[str], locale: str, year: int) -> str:
    """The two lines, every user string escaped; ``moments`` best ranked first."""
    from freelancekit.language.phrasing import RECENT_WIN_DAYS, money

    lines = [f'<p class="{dom.RANKING_WON}"><b>{html_text(i18n.t("ranking.won_this_year", locale, year=year))}</b> '
             f'<bdi>{html_text(money(won, currency, locale))}</bdi></p>']
    if moments:
        names = [f"<bdi>{html_text(n)}</bdi>" for n in moments[:MOMENTS_SHOWN]]
        if len(moments) > MOMENTS_SHOWN:
            names.append(html_text(plural("ranking.good_moment_more", len(moments) - MOMENTS_SHOWN, locale)))
        joined = ("، " if locale == "ar" else ", ").join(names)
        lines.append(f'<p class="{dom.RANKING_GOOD_MOMENT}">{html_text(plural("ranking.good_moment", RECENT_WIN_DAYS, locale))} '
                     f'{joined}</p>')
    return f'<div class="{NO_MATH}">{"".join(lines)}</div>'


class RankingUpsell:
    def __init__(self, state: AppState, today: date | None = None):
        self.state = state
        self.today = today
        self._version: int | None = None
        self.box = classed(w.HTML(value=""), dom.RANKING_UPSELL)
        self.widget = w.VBox([self.box])

    def show(self, ranking: Ranking | None, page_places: list[int] | None = None) -> None:
        from freelancekit.drafts.drafting import load_drafts
        from freelancekit.drafts.followups import won_income
        from freelancekit.language.phrasing import good_moment

        version = self.state.seen_version  # what this tab has seen: no read of its own
        if version == self._version:
            return  # nothing saved since: the slider hot path costs one read
        self._version = version
        today = self.today or date.today()
        clients: tuple[Any, ...] = self.state.clients()
        moments = [c.name for c in clients if good_moment(c.last_win, c.last_win_date, today)]
        if ranking is not None and moments:  # best ranked first; only the few good moments are sorted
            order = {name: i for i, name in enumerate(ranking.top(len(clients)))}
            moments.sort(key=lambda name: order.get(name, len(order)))
        won = won_income(load_drafts(self.state.store), today.year)
        self.box.value = upsell_html(won, self.state.profile().currency, moments, self.state.locale, today.year)


__all__ = ["RankingUpsell", "upsell_html"]
