"""The top three clients and what each could also buy — the place the email drafts go.

Until the drafting engine (``freelancekit.drafting``) lands, each card shows
the client, what they buy now, their last win and the profile's services they
do not buy yet; no email text is invented. A ``DraftCard`` has a ``body`` box
reserved for the real draft editor (subject, body, tone, status, follow-up,
export buttons): ``DraftsView.card_body`` is the one function to replace.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from .. import i18n
from ..errors import InvalidInput
from ..validation import name_key
from . import dom
from .common import NO_MATH, AppState, classed, guarded, html_text

if TYPE_CHECKING:
    from ..model import Client, Profile, Service


@dataclass(frozen=True)
class Opportunity:
    """One top client and the services they could also buy."""

    rank: int
    client: Client
    missing: tuple[Service, ...]


def services_not_bought(profile: Profile, client: Client) -> tuple[Service, ...]:
    """The profile's services the client does not buy yet (names compared ignoring case)."""
    bought = {name_key(s) for s in client.services}
    return tuple(s for s in profile.services if name_key(s.name) not in bought)


def top_opportunities(state: AppState, n: int = 3) -> list[Opportunity]:
    table = state.score_table()
    if not table.names:
        return []
    ranking = state.ranking()
    by_id = {c.id: c for c in state.clients()}
    profile = state.profile()
    out = []
    for r, i in enumerate(ranking.order[:n].tolist(), start=1):
        client = by_id[table.ids[i]]
        out.append(Opportunity(r, client, services_not_bought(profile, client)))
    return out


def card_html(op: Opportunity, locale: str) -> str:
    c = op.client
    who = f" — <bdi>{html_text(c.contact_name)}</bdi>" if c.contact_name else ""
    buys = html_text(", ".join(c.services) or i18n.t("common.none", locale))
    lines = [f"<h4>{op.rank}. <bdi>{html_text(c.name)}</bdi>{who}</h4>",
             f"<p><b>{html_text(i18n.t('drafts.buys', locale))}</b> {buys}</p>"]
    if c.last_win:
        lines.append(f"<p><b>{html_text(i18n.t('drafts.last_win', locale))}</b> {html_text(c.last_win)}</p>")
    if op.missing:
        items = "".join(
            f"<li><b>{html_text(s.name)}</b>{' — ' + html_text(s.value) if s.value else ''}"
            f"{' (' + html_text(s.price_hint) + ')' if s.price_hint else ''}</li>" for s in op.missing)
        lines.append(f'<p><b>{html_text(i18n.t("drafts.could_buy", locale))}</b></p><ul class="{dom.DRAFT_MISSING}">{items}</ul>')
    else:
        lines.append(f'<p class="fk-muted">{html_text(c.name)} {html_text(i18n.t("drafts.nothing_more", locale))}</p>')
    return f'<div class="{NO_MATH}">{"".join(lines)}</div>'


class DraftCard:
    """One top client's card: facts on top, ``body`` for the draft editor."""

    def __init__(self, state: AppState, op: Opportunity, body: w.Widget | None = None):
        self.opportunity = op
        self.facts = w.HTML(value=card_html(op, state.locale))
        self.body = body or w.VBox()
        self.widget = classed(w.VBox([self.facts, self.body]), dom.DRAFT_CARD)


class DraftsView:
    def __init__(self, state: AppState):
        self.state = state
        loc = state.locale
        self.cards_box = w.VBox()
        self.message = w.HTML(value="")
        self.cards: list[DraftCard] = []
        self._shown: tuple[Any, ...] | None = None
        self.widget = classed(w.VBox([
            w.HTML(value=f"<h3>{html_text(i18n.t('drafts.heading', loc))}</h3>"
                         f'<p class="fk-muted">{html_text(i18n.t("drafts.pending", loc))}</p>'),
            self.message, self.cards_box,
        ]), dom.tab("drafts"), dom.DRAFTS)
        self.refresh()

    def card_body(self, op: Opportunity) -> w.Widget | None:
        """The draft editor for one client; None until the drafting engine exists."""
        return None

    @guarded
    def refresh(self) -> None:
        loc = self.state.locale
        try:
            ops = top_opportunities(self.state)
        except InvalidInput as exc:
            self.message.value = f'<p class="fk-error">{html_text(i18n.t("criteria.all_zero", loc) if exc.for_field("weights") else exc.message)}</p>'
            self.cards_box.children = []
            self._shown = None
            return
        key = (tuple((op.client.id, op.client.revision) for op in ops), self.state.profile())
        if key == self._shown:
            return  # same top three as shown: nothing to redraw (the slider hot path)
        self._shown = key
        self.message.value = "" if ops else f'<p class="fk-muted">{html_text(i18n.t("drafts.no_clients", loc))}</p>'
        self.cards = [DraftCard(self.state, op, self.card_body(op)) for op in ops]
        self.cards_box.children = [c.widget for c in self.cards]


__all__ = ["DraftsView", "DraftCard", "Opportunity", "services_not_bought", "top_opportunities", "Any"]
