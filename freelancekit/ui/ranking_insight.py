"""Next to the ranking: why the top three are there, how sure that is, and "why here?" for any client.

The sentences come from ``explain`` (facts from the contributions) and
``robustness`` (sampled nearby weightings); this module only lays them out.
The sampling is done after the table has been sent and the weights have
rested for ``SURE_DELAY_S`` (``later``), so a weight change shows the new
order first; a newer ranking makes an older pending one moot. While a slider
is dragged the rankings come every few tens of ms and the sampling took
20 ms (demo) to 90 ms (200 clients) each: only the last one is sampled.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w

from freelancekit.language import i18n
from freelancekit.language.numerals import written
from freelancekit.ranking.explain import drop_text, explain, method_text, same_outcome, share_text, swap_text
from freelancekit.ui import dom
from freelancekit.ui.common import NO_MATH, classed, guarded, html_text, isolates_html

if TYPE_CHECKING:
    from freelancekit.ranking.robustness import Robustness
    from freelancekit.ranking.scoring import Ranking
    from freelancekit.ui.common import AppState

SURE_DELAY_S = 0.2  # the weights rest this long before the sampling: longer than a dragged slider's gap between values

def _p(text: str, css: str, **data: Any) -> str:
    attrs = "".join(f' data-{k}="{html_text(v)}"' for k, v in data.items())
    return f'<p class="{css}"{attrs}>{isolates_html(text)}</p>'


def top_three_html(ranking: Ranking, locale: str, digits: str | None = None) -> str:
    return "".join(_p(explain(ranking, place, locale, digits), dom.WHY, rank=place + 1) for place in range(min(3, len(ranking))))


def sure_html(ranking: Ranking, sure: Robustness, locale: str, digits: str | None = None) -> str:
    parts = [f'<p class="fk-muted">{html_text(method_text(sure, locale, digits))}</p>']
    for place in range(min(3, len(ranking))):
        parts.append(_p(share_text(ranking, sure, place, locale, digits), dom.SURE_SHARE, rank=place + 1,
                        share=f"{sure.share_of(ranking, place):.4f}"))
    swap = swap_text(ranking, sure, locale, digits)
    if swap:
        parts.append(_p(swap, dom.SURE_SWAP))
    parts.extend(_p(drop_text(ranking, group, locale, digits), dom.SURE_DROP, keys=" ".join(d.key for d in group))
                 for group in same_outcome(sure.dropped))
    return "".join(parts)


class RankingInsight:
    """The "why" and "how sure" panel; ``show(ranking, places)`` after each new ranking or page."""

    def __init__(self, state: AppState, later: Any):
        self.state = state
        self.locale = locale = state.locale
        self.digits = state.digits
        self.later = later  # ranking_view.later: run after the table has gone out
        self.ranking: Ranking | None = None
        self.sure: Robustness | None = None
        self._sure_for: Ranking | None = None
        heading = w.HTML(value=f"<h4>{html_text(i18n.t('ranking.why_heading', locale))}</h4>")
        self.top = classed(w.HTML(value=""), dom.WHY_TOP, NO_MATH)
        sure_heading = w.HTML(value=f"<h4>{html_text(i18n.t('sure.heading', locale))}</h4>")
        self.sure_box = classed(w.HTML(value=""), dom.SURE, NO_MATH)
        self.pick = classed(w.Dropdown(options=[(i18n.t("ranking.explain_pick", locale), -1)], value=-1,
                                       description=i18n.t("ranking.explain", locale)), dom.WHY_PICK)
        self.pick.observe(self._on_pick, names="value")
        self.any = classed(w.HTML(value=""), dom.WHY_ANY, NO_MATH)
        self.widget = w.VBox([heading, self.top, sure_heading, self.sure_box, self.pick, self.any])

    def show(self, ranking: Ranking | None, page_places: list[int]) -> None:
        """A new ranking (or the same one on another page): words now, sampling right after."""
        if ranking is None:
            self.ranking = None
            self.top.value = self.sure_box.value = self.any.value = ""
            self.pick.options = [(i18n.t("ranking.explain_pick", self.locale), -1)]
            return
        self.set_pick_options(ranking, page_places)
        if ranking is self.ranking:
            return
        self.ranking = ranking
        self.top.value = top_three_html(ranking, self.locale, self.digits)
        self._on_pick({"new": self.pick.value})
        self.later(SURE_DELAY_S, lambda: self._render_sure(ranking))

    def set_pick_options(self, ranking: Ranking, page_places: list[int]) -> None:
        names = ranking.table.names
        chosen = self.pick.value if ranking is self.ranking else -1
        options = [(i18n.t("ranking.explain_pick", self.locale), -1)]
        num = lambda place: written(str(place + 1), self.locale, self.digits)  # noqa: E731
        options += [(f"{num(p)}. {names[ranking.order[p]]}", p) for p in page_places]
        if chosen != -1 and chosen not in page_places and chosen < len(ranking):
            options.append((f"{num(chosen)}. {names[ranking.order[chosen]]}", chosen))
        with self.pick.hold_trait_notifications():
            self.pick.options = options
            self.pick.value = chosen if chosen < len(ranking) else -1

    @guarded
    def _render_sure(self, ranking: Ranking) -> None:
        from freelancekit.ranking.robustness import robustness

        if ranking is not self.ranking or ranking is self._sure_for:
            return  # a newer ranking came meanwhile, or this one is shown already
        self.sure = robustness(ranking)
        self._sure_for = ranking
        self.sure_box.value = sure_html(ranking, self.sure, self.locale, self.digits)
        self._on_pick({"new": self.pick.value})

    @guarded
    def _on_pick(self, change: dict[str, Any]) -> None:
        place = change["new"]
        if self.ranking is None or place is None or place < 0 or place >= len(self.ranking):
            self.any.value = ""
            return
        text = explain(self.ranking, place, self.locale, self.digits)
        if self.sure is not None and self._sure_for is self.ranking:
            text += " " + share_text(self.ranking, self.sure, place, self.locale, self.digits)
        self.any.value = _p(text, dom.WHY, rank=place + 1)
