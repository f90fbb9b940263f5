"""One client's draft card: the suggestions to pick from, the choices, the editable draft and its exports.

The card talks to its view only through ``CardHost`` (what it reads from it and
tells it), so the view and the card are two modules that do not import each
other; the view builds cards, keeps the ones whose client stays in the top
three, and owns what the cards share (the portfolio's service index, the
choices made per client, the templates, the zip of every card).
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol

import ipywidgets as w

from freelancekit.drafts.drafting import STATUSES, TONES, Draft, addressed, compose_draft, edit_draft, fitted_packages, lint_draft, save_draft, set_status
from freelancekit.drafts.opportunities import suggest
from freelancekit.errors import FreelancekitError, InvalidInput, NotFound, StaleEdit
from freelancekit.language import i18n, wording
from freelancekit.portfolio.model import Package, service_key
from freelancekit.ui import dom
from freelancekit.ui.common import (
    NO_MATH,
    AppState,
    Confirm,
    FieldRow,
    Notice,
    StaleChoice,
    classed,
    error_label,
    error_words,
    guarded,
    html_text,
    named,
    problem_words,
    set_error,
)
from freelancekit.ui.draft_choices import Choices, first_picks
from freelancekit.ui.draft_exports import exports_html
from freelancekit.ui.draft_facts import card_html, muted, pick_html
from freelancekit.ui.look import CheckboxStyle
from freelancekit.ui.records_insight import draft_risk_html

if TYPE_CHECKING:
    from freelancekit.drafts.opportunities import Opportunity, ServiceIndex
    from freelancekit.portfolio.model import Client, Portfolio
    from freelancekit.records.concentration import Concentration

SHOWN_SUGGESTIONS = 8  # a card lists the best-fitting few; a picked one further down is listed too
EDITABLE = ("subject", "body", "status", "follow_up", "won_what", "won_value")
WON_FIELDS = ("won_what", "won_value")  # shown while the status is Won: what the client took and what it is worth
ROW_CLASSES = {
    "subject": (dom.DRAFT_SUBJECT, dom.DRAFT_SUBJECT_ERROR),
    "body": (dom.DRAFT_BODY, dom.DRAFT_BODY_ERROR),
    "status": (dom.DRAFT_STATUS, dom.DRAFT_STATUS_ERROR),
    "follow_up": (dom.DRAFT_FOLLOWUP, dom.DRAFT_FOLLOWUP_ERROR),
    "won_what": (dom.DRAFT_WON_WHAT, dom.DRAFT_WON_WHAT_ERROR),
    "won_value": (dom.DRAFT_WON_VALUE, dom.DRAFT_WON_VALUE_ERROR),
}


class CardHost(Protocol):
    """What a card needs from the view that holds it (``drafts_view.DraftsView``)."""

    state: AppState
    choices: dict[int, Choices]  # client id -> choices made here (kept across redraws)
    concentration: Concentration | None
    templates: dict[str, str]
    notice: Notice  # above the cards: what concerns a card that is going away

    def basis(self) -> tuple[Portfolio, ServiceIndex]: ...
    def outcomes(self) -> dict[tuple[str, str], tuple[int, int]]: ...
    def current(self, client: Client) -> Client: ...
    def card_key(self, client: Client) -> tuple[Any, ...]: ...
    def saved_draft(self, client_id: int) -> Draft | None: ...
    def render_zip(self) -> None: ...
    def render_followups(self) -> None: ...


class DraftCard:
    """One top client: the suggestions to pick from, the choices, the editable draft and its exports."""

    def __init__(self, view: CardHost, rank: int, client: Client, saved: Draft | None):
        self.view = view
        self.state = view.state
        self.client = client
        self.key = view.card_key(client)
        self.draft: Draft | None = None  # the draft shown: saved (revision > 0) or fresh (revision 0)
        self.pending: Draft | None = None  # what "Keep mine" would save
        self._loading = False
        loc, look = self.state.locale, self.state.look  # shared layouts and styles (ui/look.py); parts that hide keep their own
        portfolio, index = view.basis()
        self.suggestions = tuple(suggest(portfolio, client, index=index, outcomes=view.outcomes()))
        self.facts = look.html(card_html(rank, client, loc, criteria=self.state.criteria()), dom.DRAFT_FACTS)
        self.risk = look.html(draft_risk_html(view.concentration, client.name, loc), dom.DRAFT_CONCENTRATION)
        self.message = error_label(dom.DRAFT_MESSAGE, look)
        choices = view.choices.get(client.saved_id) or (Choices.of(saved) if saved else Choices())

        # -- choices ----------------------------------------------------------------------
        chosen = self._chosen_keys(choices, fitted_packages(portfolio, client, index=index, outcomes=view.outcomes()) if choices.packages else ())
        listed = [o for n, o in enumerate(self.suggestions) if n < SHOWN_SUGGESTIONS or service_key(o.name) in chosen]
        self.picks: list[tuple[w.Checkbox, Opportunity]] = []
        rows = []
        for n, o in enumerate(listed, start=1):
            box = named(w.Checkbox(value=service_key(o.name) in chosen, indent=False,
                                   **look.dress(CheckboxStyle, dom.draft_pick(n), css={"width": "28px"})),
                        o.service.label(loc))  # its visible label is the pick's text beside it
            box.observe(self.on_choice, names="value")
            self.picks.append((box, o))
            rows.append(w.HBox([box, look.html(pick_html(o, loc))], layout=w.Layout(align_items="center"),  # hides by package
                               _dom_classes=(dom.DRAFT_PICK_ROW,)))
        self.pick_rows = rows
        self.package_note = look.html("", dom.DRAFT_PACKAGE_NOTE)
        heading = look.html(f"<b>{html_text(i18n.t('drafts.could_buy', loc))}</b>")
        self.pick_error = error_label(dom.DRAFT_PICK_ERROR, look)
        self.tone = classed(w.Dropdown(options=[(i18n.t(f"tone.{t}", loc), t) for t in TONES], value=choices.tone,
                                       description=i18n.t("drafts.tone", loc), style={"description_width": "initial"},
                                       layout=w.Layout(width="auto")), dom.DRAFT_TONE)
        self.packages = w.Checkbox(value=choices.packages, description=i18n.t("drafts.packages", loc), indent=False,
                                   **look.dress(CheckboxStyle, dom.DRAFT_PACKAGES, css={"width": "auto"}))
        self.tone.observe(self.on_choice, names="value")
        self.packages.observe(self.on_choice, names="value")
        self.write = look.button(i18n.t("drafts.write", loc), dom.DRAFT_WRITE, css={"width": "auto"}, icon="pencil", button_style="primary")
        self.write.on_click(self.on_write)
        self.hint = look.html("", dom.DRAFT_HINT)
        self.confirm = Confirm(self.state)
        self.choose_box = choose_box = classed(w.VBox([heading, self.package_note, *rows, self.pick_error,
                                     look.hbox([self.tone, self.packages, self.write], css={"align_items": "center", "flex_flow": "row wrap"}),
                                     self.hint, self.confirm.widget]), dom.DRAFT_MISSING)

        # -- the draft ---------------------------------------------------------------------
        self.rows: dict[str, FieldRow] = {}
        inputs = {
            "subject": w.Text(continuous_update=False, layout=w.Layout(width="640px")),
            "body": w.Textarea(continuous_update=False, rows=18, layout=w.Layout(width="640px", height="360px")),
            "status": w.Dropdown(options=[(i18n.t(f"status.{s}", loc), s) for s in STATUSES], value="draft", layout=w.Layout(width="160px")),
            "follow_up": w.DatePicker(value=None),
            "won_what": w.Text(continuous_update=False, placeholder=i18n.t("drafts.won_what_hint", loc), layout=w.Layout(width="420px")),
            "won_value": w.Text(continuous_update=False, layout=w.Layout(width="160px")),
        }
        for field, widget in inputs.items():
            css, err = ROW_CLASSES[field]
            self.rows[field] = FieldRow(i18n.t(f"drafts.{field}", loc), widget, css, err, look=look)
            widget.observe(lambda change, field=field: self.on_field(field, change["new"]), names="value")
        self.state_label = look.html("", dom.DRAFT_STATE)
        self.lint = look.html("", dom.DRAFT_LINT)
        self.stale = StaleChoice(self.state, dom.DRAFT_STALE, dom.DRAFT_STALE_RELOAD, dom.DRAFT_STALE_KEEP,
                                 self.on_reload_theirs, self.on_keep_mine)
        self.exports = look.html("", dom.DRAFT_EXPORTS)
        self.notice = Notice(self.state, dom.notice(dom.DRAFT_EDITOR))  # "Saved the draft for X." at the top of its editor
        self.editor = classed(w.VBox([self.state_label, self.notice.widget, *(r.widget for r in self.rows.values()),
                                      self.stale.widget, self.lint, self.exports],
                                     layout=w.Layout(display="none")), dom.DRAFT_EDITOR)
        # the income-risk note sits with the facts (one box), so the card's parts keep their places
        self.widget = look.vbox([look.vbox([self.facts, self.risk]), self.message, choose_box, self.editor], dom.DRAFT_CARD)

        if not self.suggestions and saved is None:
            set_error(self.message, i18n.t("drafts.no_services", loc) if not portfolio.profile.services
                      else f'{client.name} {i18n.t("drafts.nothing_more", loc)}')
            self.write.disabled = True
            choose_box.layout.display = "none"  # nothing to choose from
        elif saved is not None:
            self.show(saved)
        else:
            self.preview()

    # -- helpers -----------------------------------------------------------------------
    def _chosen_keys(self, choices: Choices, packages: tuple[Package, ...]) -> set[str]:
        names = first_picks(self.suggestions, self.client, packages) if choices.services is None else choices.services
        return {service_key(s) for s in names}

    def choices(self) -> Choices:
        """The choices as the widgets hold them now (the core checks them when composing)."""
        return Choices(tuple(o.name for box, o in self.picks if box.value is True), self.tone.value, self.packages.value is True)

    @property
    def saved(self) -> bool:
        return self.draft is not None and self.draft.revision > 0

    @property
    def holds_unsaved(self) -> bool:
        """A refused value waiting to be fixed, or a "Keep mine" waiting: rebuilding the card would lose it."""
        return self.pending is not None or any(row.error_text for row in self.rows.values())

    def set_rank(self, rank: int) -> None:
        self.facts.value = card_html(rank, self.client, self.state.locale, criteria=self.state.criteria())

    def compose(self, choices: Choices) -> Draft | None:
        """A fresh draft from ``choices`` (revision 0), or None with the problem shown."""
        portfolio, index = self.view.basis()
        client = self.view.current(self.client)
        # with "packages" on, a client most of whose services in a package fit is offered the packages (not the picks)
        by_package = bool(choices.packages and fitted_packages(portfolio, client, index=index, outcomes=self.view.outcomes()))
        services = None if by_package else choices.services
        for box, _o in self.picks:
            box.disabled = by_package  # the packages say what is offered; untick them to pick services
        for row in self.pick_rows:
            row.layout.display = "none" if by_package else "flex"
        self.package_note.value = muted(i18n.t("drafts.packages_offered", self.state.locale)) if by_package else ""
        try:
            draft = compose_draft(portfolio, client, tone=choices.tone, services=services,
                                  packages=choices.packages, templates=self.view.templates, index=index, outcomes=self.view.outcomes())
        except InvalidInput as exc:
            services_problem = exc.for_field("services", self.state.locale)
            set_error(self.pick_error, services_problem)
            set_error(self.message, None if services_problem and len(exc.problems) == 1 else error_words(exc, self.state))
            return None
        except FreelancekitError as exc:
            set_error(self.message, error_words(exc, self.state))
            return None
        set_error(self.pick_error, None)
        set_error(self.message, None)
        return draft

    def edited_by_hand(self) -> bool:
        """Whether the saved draft differs from what its own choices compose to now."""
        d = self.draft
        if d is None:
            return False
        portfolio, index = self.view.basis()
        try:
            again = compose_draft(portfolio, self.view.current(self.client), tone=d.tone, services=None if d.packages else d.offers or None,
                                  packages=d.packages, templates=self.view.templates, index=index, outcomes=self.view.outcomes())
        except FreelancekitError:
            return True
        return (again.subject, again.body) != (d.subject, d.body)

    def export_draft(self) -> Draft | None:
        """The draft as it leaves the app: to the client's current name, contact and address (as the CLI does)."""
        if self.draft is None:
            return None
        return addressed(self.draft, self.client)

    # -- showing -----------------------------------------------------------------------
    def show(self, draft: Draft, fields: tuple[str, ...] = EDITABLE) -> None:
        """Make ``draft`` the one shown; put its ``fields`` into the inputs (without saving them again)."""
        self.draft = draft
        rtl = i18n.is_rtl(draft.locale)
        values = {"subject": draft.subject, "body": draft.body,
                  "status": draft.status if draft.status in STATUSES else "draft", "follow_up": draft.follow_up,
                  "won_what": "; ".join(draft.won_what or draft.offers),
                  "won_value": "" if draft.won_value is None else f"{draft.won_value:g}"}
        self._loading = True
        try:
            for field in fields:
                row = self.rows[field]
                if row.input.value != values[field]:
                    row.input.value = values[field]
                row.set_error(None)
            self._show_won_fields()
            for field in ("subject", "body"):
                self.rows[field].input.remove_class("fk-dir-ltr" if rtl else "fk-dir-rtl")
                self.rows[field].input.add_class("fk-dir-rtl" if rtl else "fk-dir-ltr")
        finally:
            self._loading = False
        self.editor.layout.display = "flex"
        self.render_state()

    def render_state(self) -> None:
        """Saved/unsaved line, button label, choices hint, lint, exports, and the view's zip."""
        loc = self.state.locale
        d = self.draft
        self.state_label.value = muted(i18n.t("drafts.saved_state" if self.saved else "drafts.unsaved", loc))
        self.write.description = i18n.t("drafts.rewrite" if self.saved else "drafts.write", loc)
        differs = self.saved and d is not None and not Choices.of(d).same_as(self.choices())
        self.write.button_style = "warning" if differs else "primary"
        self.hint.value = muted(i18n.t("drafts.choices_changed", loc)) if differs else ""
        problems = lint_draft(d) if d is not None else []
        found = wording.join_sentences((problem_words(p, self.state) for p in problems), loc)
        self.lint.value = (f'<div class="fk-muted {NO_MATH}">{html_text(i18n.t("drafts.check", loc))} '
                           f'{html_text(found)}</div>') if problems else ""
        self.exports.value = self.exports_html()
        self.view.render_zip()

    def exports_html(self) -> str:
        d = self.export_draft()
        return "" if d is None else exports_html(d, self.view.basis()[0].profile, self.state)

    def preview(self) -> None:
        """Show a fresh, unsaved draft for the current choices (nothing is saved)."""
        draft = self.compose(self.choices())
        if draft is not None:
            # an input showing a refused value keeps it (the user is still fixing it)
            self.show(draft, tuple(f for f in EDITABLE if not self.rows[f].error_text))

    # -- choices -----------------------------------------------------------------------
    @guarded
    def on_choice(self, _change: Any = None) -> None:
        if self._loading:
            return
        self.view.choices[self.client.saved_id] = self.choices()
        if self.saved:
            self.render_state()  # a saved draft changes only on "Rewrite"
        else:
            self.preview()

    @guarded
    def on_write(self, _b: Any = None) -> None:
        draft = self.compose(self.choices())
        if draft is None:
            return
        if self.saved and self.edited_by_hand():
            loc = self.state.locale
            self.confirm.ask(i18n.t("drafts.confirm_rewrite", loc, name=self.client.name), lambda: self.replace_with(draft),
                             yes_label=i18n.t("drafts.yes_rewrite", loc))
            return
        self.replace_with(draft)

    def replace_with(self, fresh: Draft) -> None:
        """Save a freshly composed draft in place of the one shown (against its revision; status kept)."""
        old = self.draft
        if old is not None and old.revision:
            fresh = replace(fresh, revision=old.revision, status=old.status, follow_up=old.follow_up)
        self.save(fresh)

    def _show_won_fields(self) -> None:
        won = self.rows["status"].input.value == "won"
        for field in WON_FIELDS:
            self.rows[field].widget.layout.display = "flex" if won else "none"

    # -- editing -----------------------------------------------------------------------
    @guarded
    def on_field(self, field: str, value: Any) -> None:
        if self._loading or self.draft is None:
            return
        row = self.rows[field]
        self._show_won_fields()
        if field in WON_FIELDS or (field == "status" and value == "won"):
            if self.rows["status"].input.value == "won":
                self.on_won()
            return
        try:
            if field == "status":
                changed = set_status(self.draft, value)  # "sent" gets a follow-up date a week out
            else:
                changed = edit_draft(self.draft, **{field: value})
        except InvalidInput as exc:
            row.set_error(exc.for_field(field, self.state.locale) or error_words(exc, self.state))  # the typed value stays in its input
            return
        row.set_error(None)
        self.save(changed, ("status", "follow_up") if field == "status" else ())

    def on_won(self) -> None:
        """Won: record what the client took and its value (both checked by the core), then save."""
        assert self.draft is not None
        what = [x.strip() for x in str(self.rows["won_what"].input.value or "").split(";") if x.strip()]
        try:
            changed = set_status(self.draft, "won", won_what=what, won_value=self.rows["won_value"].input.value)
        except InvalidInput as exc:
            for field in WON_FIELDS:
                self.rows[field].set_error(exc.for_field(field, self.state.locale))
            return
        for field in WON_FIELDS:
            self.rows[field].set_error(None)
        self.save(changed, ("status", "follow_up", *WON_FIELDS))

    def save(self, draft: Draft, refill: tuple[str, ...] = EDITABLE) -> bool:
        """Save through the core; on success show what was saved (refilling ``refill`` inputs)."""
        loc = self.state.locale
        try:
            saved = save_draft(self.state.store, draft)
        except InvalidInput as exc:
            for field, row in self.rows.items():
                text = exc.for_field(field, self.state.locale)
                if text:
                    row.set_error(text)
            set_error(self.message, error_words(exc, self.state))
            return False
        except StaleEdit:
            self.pending = draft
            self.stale.show(i18n.t("drafts.stale", loc, name=self.client.name))
            return False
        except NotFound as exc:  # the client was deleted elsewhere: the top three changes
            self.view.notice.error(error_words(exc, self.state))  # this card goes with it: above the cards
            self.state.changed("clients")
            return False
        self.pending = None
        self.stale.hide()
        set_error(self.message, None)
        self.show(saved, refill)
        self.notice.info(i18n.t("drafts.saved", loc, name=self.client.name))
        self.state.changed("drafts")
        self.view.render_followups()
        return True

    @guarded
    def on_keep_mine(self, _b: Any = None) -> None:
        """Save my version over theirs, knowingly: against the revision saved now."""
        if self.pending is None:
            return
        current = self.view.saved_draft(self.client.saved_id)
        self.save(replace(self.pending, revision=current.revision if current else 0))

    @guarded
    def on_reload_theirs(self, _b: Any = None) -> None:
        current = self.view.saved_draft(self.client.saved_id)
        self.pending = None
        self.stale.hide()
        if current is None:
            self.draft = None
            self.preview()
            return
        self._loading = True
        try:
            for box, o in self.picks:
                box.value = service_key(o.name) in {service_key(s) for s in current.offers}
            self.tone.value = current.tone if current.tone in TONES else "warm"
            self.packages.value = Choices.of(current).packages
        finally:
            self._loading = False
        self.view.choices.pop(self.client.saved_id, None)
        self.show(current)
