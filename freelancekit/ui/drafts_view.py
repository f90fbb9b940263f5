"""The top three clients, what each could also buy, and their email drafts (docs/drafts.md).

One card per top-three client (following the live ranking and weights):

* the services they do not buy yet, best fit first, each with the core's
  one-line reason (``opportunities.suggest``), as checkboxes to pick one to
  three; a tone (warm / formal) and a good/better/best toggle;
* the email: a saved draft when there is one; otherwise a fresh one shown
  *unsaved*, so that looking at this tab changes nothing. The first edit,
  status change or "Write draft" saves it;
* subject, body, status and follow-up date are saved as soon as a field is
  left, with the revision that was read. An invalid value stays typed with
  the core's message next to it; a save that crossed another tab's offers
  "Reload their version" / "Keep mine";
* "Rewrite" composes again with the current choices; a saved draft that no
  longer matches what its own choices compose to (edited by hand, or the
  client changed) is only replaced after a confirmation;
* exports (.eml, mailto:, .txt, and one zip of all three) are data-URI
  links built from the draft shown, to the client's current address.

The parts live in modules of their own (as the ranking's do): ``draft_card``
(one client's card), ``draft_choices`` (the top three and the choices made),
``draft_facts`` (the card's words), ``draft_exports`` (.eml, mailto:, .txt,
the zip), ``draft_followups`` (the follow-ups and their .ics). This view
follows the ranking and holds what the cards share.

Every value from the page goes through the core again (``edit_draft``,
``set_status``, ``compose_draft``). Slider moves call ``refresh``: nothing is
composed while the same clients, with the same data, stay in the top three,
and a card whose client stays in the top three is kept as it is.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w

from freelancekit.drafts.drafting import Draft, load_drafts
from freelancekit.drafts.opportunities import build_index
from freelancekit.drafts.store import DraftsPart
from freelancekit.errors import InvalidInput
from freelancekit.language import i18n
from freelancekit.portfolio.model import Portfolio
from freelancekit.ui import dom
from freelancekit.ui.common import AppState, Notice, classed, error_label, error_words, guarded, html_text, set_error
from freelancekit.ui.draft_card import DraftCard
from freelancekit.ui.draft_choices import Choices, top_clients
from freelancekit.ui.draft_exports import zip_html
from freelancekit.ui.draft_facts import card_html, muted, pick_html
from freelancekit.ui.draft_followups import DraftFollowUps
from freelancekit.ui.records_insight import draft_risk_html, income_concentration
from freelancekit.ui.wiring import OUTSIDE

if TYPE_CHECKING:
    from freelancekit.drafts.opportunities import ServiceIndex
    from freelancekit.portfolio.model import Client, Profile
    from freelancekit.records.concentration import Concentration


class DraftsView:
    def __init__(self, state: AppState):
        self.state = state
        loc = state.locale
        self.choices: dict[int, Choices] = {}  # client id -> choices made here (kept across redraws)
        self.cards: list[DraftCard] = []
        self.concentration: Concentration | None = None  # of the income in the records (None without records)
        self.templates: dict[str, str] = {}
        self._shown: tuple[Any, ...] | None = None
        self._basis: tuple[Any, Any, Portfolio, ServiceIndex] | None = None
        self._by_id: dict[int | None, Client] = {}  # the clients of basis() by id
        self._building = False
        self.message = classed(w.HTML(value=""), dom.DRAFTS_MESSAGE)
        self.cards_box = w.VBox()
        self.notice = Notice(state, dom.notice(dom.DRAFTS))  # above the cards: what concerns them all (a client deleted elsewhere)
        self.zip = classed(w.HTML(value=""), dom.DRAFT_ZIP_BOX)
        self._outcomes: tuple[int, dict[tuple[str, str], tuple[int, int]]] | None = None
        self.extra: list[int] = []  # clients opened here besides the top three (any client, any rank)
        self.follow = DraftFollowUps(state)
        self.followups, self.ics = self.follow.table, self.follow.ics
        self.other = classed(w.Combobox(placeholder=i18n.t("drafts.other_hint", loc), ensure_option=True,
                                        layout=w.Layout(width="320px")), dom.DRAFT_OTHER)
        self.open_other = classed(w.Button(description=i18n.t("drafts.open_other", loc), icon="envelope",
                                           layout=w.Layout(width="auto")), dom.DRAFT_OPEN_OTHER)
        self.open_other.on_click(self.on_open_other)
        self.other_error = error_label(dom.DRAFT_OTHER_ERROR)
        self.widget = classed(w.VBox([
            w.HTML(value=f"<h3>{html_text(i18n.t('drafts.heading', loc))}</h3>"
                         f'<p class="fk-muted">{html_text(i18n.t("drafts.intro", loc))}</p>'),
            self.message, self.notice.widget, self.cards_box, self.zip,
            w.HTML(value=f"<h3>{html_text(i18n.t('drafts.followups', loc))}</h3>"), self.followups, self.ics,
            w.HBox([self.other, self.open_other], layout=w.Layout(align_items="center")), self.other_error,
        ]), dom.tab("drafts"), dom.DRAFTS)
        self.refresh()

    def basis(self) -> tuple[Portfolio, ServiceIndex]:
        """The portfolio the cards draft from and its service index, rebuilt only when clients or profile change."""
        clients, profile = self.state.clients(), self.state.profile()
        if self._basis is None or self._basis[0] is not clients or self._basis[1] is not profile:
            portfolio = Portfolio(profile, self.state.criteria(), clients, self.state.store.is_demo(), self.state.store.user_rates())
            self._basis = (clients, profile, portfolio, build_index(portfolio))
            self._by_id = {c.id: c for c in clients}
        return self._basis[2], self._basis[3]

    def outcomes(self) -> dict[tuple[str, str], tuple[int, int]]:
        """What similar clients did with past offers (won / declined), read again only after a save."""
        from freelancekit.drafts.followups import outcome_history

        version = self.state.seen_version
        if self._outcomes is None or self._outcomes[0] != version:
            self._outcomes = (version, outcome_history(self.basis()[0], load_drafts(self.state.store)))
        return self._outcomes[1]

    def current(self, client: Client) -> Client:
        """The client as saved now: a card kept through a refresh may hold an older copy (one dict look-up)."""
        self.basis()
        return self._by_id.get(client.id, client)

    def card_key(self, client: Client) -> tuple[Any, ...]:
        profile: Profile = self.state.profile()
        return (client.id, client.revision, profile)

    def saved_draft(self, client_id: int) -> Draft | None:
        from freelancekit.drafts.drafting import load_draft

        return load_draft(self.state.store, client_id)

    @guarded
    def refresh(self, kind: str = OUTSIDE) -> None:
        """Follow the ranking: rebuild only the cards whose client entered the top three or changed."""
        loc = self.state.locale
        try:
            top = top_clients(self.state)
        except InvalidInput as exc:
            set_error(self.message, i18n.t("criteria.all_zero", loc) if exc.for_field("weights", self.state.locale) else error_words(exc, self.state))
            self._show_cards([])
            self._shown = None
            return
        self.concentration = income_concentration(self.state)  # records: more work from one client may raise the risk
        for shown in self.cards:
            shown.risk.value = draft_risk_html(self.concentration, shown.client.name, loc)
        top_ids = {c.id for c in top}
        by_id = {c.id: c for c in self.state.clients()}
        self.extra = [cid for cid in self.extra if cid in by_id]
        extras = [by_id[cid] for cid in self.extra if cid not in top_ids]
        key = (tuple(self.card_key(c) for c in top), tuple(self.card_key(c) for c in extras))
        self.render_followups()
        if key == self._shown:
            return  # same top three as shown: nothing to compose (the slider hot path)
        self._shown = key
        self.message.value = "" if top else muted(i18n.t("drafts.no_clients", loc))
        self.templates = DraftsPart(self.state.store).templates()
        kept = {card.key: card for card in self.cards}
        # a card holding typed work stays even if its client or the profile changed elsewhere: what is typed is never lost
        held = {card.client.id: card for card in self.cards if card.holds_unsaved}
        needed = [c for c in (*top, *extras) if self.card_key(c) not in kept and c.id not in held]
        saved = {d.client_id: d for d in load_drafts(self.state.store)} if needed else {}
        cards = []
        self._building = True
        try:
            places = self.places([c.id for c in extras]) if extras else {}
            for rank, client in [*enumerate(top, start=1), *((places.get(c.id, 0), c) for c in extras)]:
                card = kept.get(self.card_key(client))
                if card is None and client.id in held:
                    card = held[client.id]
                    self._shown = None  # out of date: the next refresh rebuilds it once its work is saved
                if card is None:
                    card = DraftCard(self, rank, client, saved.get(client.id))
                else:
                    card.set_rank(rank)
                cards.append(card)
        finally:
            self._building = False
        self._show_cards(cards)

    def places(self, ids: list[int]) -> dict[int, int]:
        """Each client's place in the ranking (1 = best)."""
        table = self.state.score_table()
        order = self.state.ranking().order.tolist()
        wanted = set(ids)
        return {table.ids[i]: n for n, i in enumerate(order, start=1) if table.ids[i] in wanted}

    def render_followups(self) -> None:
        """Every saved draft, any client, overdue first; the .ics of their dates; the clients to open."""
        if not self.follow.render():
            return  # nothing saved since (the slider hot path)
        names = sorted((c.name for c in self.state.clients()), key=str.casefold)
        if list(self.other.options) != names:
            self.other.options = names

    @guarded
    def on_open_other(self, _b: Any = None) -> None:
        """Open the card of any client (a saved draft, or a fresh one), below the top three."""
        name = (self.other.value or "").strip()  # read before catching up: a refresh may reset the box
        self.state.catch_up()  # a client another tab or the CLI just added can be opened too
        client = next((c for c in self.state.clients() if c.name.casefold() == name.casefold()), None)
        if client is None:
            set_error(self.other_error, i18n.t("drafts.other_unknown", self.state.locale))
            return
        set_error(self.other_error, None)
        if client.id not in self.extra:
            self.extra.append(client.id)
        self.other.value = ""
        self.refresh()

    def _show_cards(self, cards: list[DraftCard]) -> None:
        self.cards = cards
        self.cards_box.children = [c.widget for c in cards]
        self.render_zip()

    def render_zip(self) -> None:
        """One zip of the drafts shown (saved or not), as a data-URI link under the cards."""
        if self._building:
            return
        drafts = [d for d in (c.export_draft() for c in self.cards) if d is not None]
        self.zip.value = zip_html(drafts, self.state.profile(), self.state) if drafts else ""


__all__ = ["Choices", "DraftCard", "DraftsView", "card_html", "pick_html", "top_clients"]
