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

Every value from the page goes through the core again (``edit_draft``,
``set_status``, ``compose_draft``). Slider moves call ``refresh``: nothing is
composed while the same clients, with the same data, stay in the top three,
and a card whose client stays in the top three is kept as it is.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from freelancekit.drafts.drafting import (
    STATUSES,
    TONES,
    Draft,
    addressed,
    applicable_packages,
    compose_draft,
    edit_draft,
    lint_draft,
    load_drafts,
    save_draft,
    set_status,
)
from freelancekit.drafts.mailexport import LinkTooLong, draft_filename, eml_filename, fitting_mailto, split_writable, to_eml, to_text, to_zip
from freelancekit.drafts.opportunities import build_index, suggest
from freelancekit.drafts.store import DraftsPart
from freelancekit.errors import FreelancekitError, InvalidInput, NotFound, StaleEdit
from freelancekit.language import i18n, wording
from freelancekit.language.l10n import join_list, plural
from freelancekit.language.phrasing import RECENT_WIN_DAYS, good_moment, long_date
from freelancekit.portfolio.model import Portfolio, service_key
from freelancekit.ui import dom
from freelancekit.ui.common import (
    NO_MATH,
    AppState,
    Confirm,
    FieldRow,
    StaleChoice,
    classed,
    data_uri_link,
    error_label,
    error_words,
    guarded,
    html_text,
    problem_words,
    set_error,
)
from freelancekit.ui.records_insight import draft_risk_html, income_concentration
from freelancekit.ui.wiring import OUTSIDE

if TYPE_CHECKING:
    from freelancekit.drafts.opportunities import Opportunity, ServiceIndex
    from freelancekit.portfolio.model import Client, Profile
    from freelancekit.records.concentration import Concentration

TOP = 3
MAX_PICKS = 3
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
EML_MIME = "message/rfc822"
ICS_MIME = "text/calendar;charset=utf-8"
TXT_MIME = "text/plain;charset=utf-8"
ZIP_MIME = "application/zip"


@dataclass(frozen=True)
class Choices:
    """What the freelancer chose for one client: services (None = best fit), tone, packages."""

    services: tuple[str, ...] | None = None
    tone: str = "warm"
    packages: bool = True

    @classmethod
    def of(cls, draft: Draft) -> Choices:
        return cls(tuple(draft.offers) or None, draft.tone if draft.tone in TONES else "warm",
                   draft.packages or len(draft.offers) != MAX_PICKS)

    def same_as(self, other: Choices) -> bool:
        """Same services (in any order), tone, and packages where they apply (three services)."""
        mine = frozenset(service_key(s) for s in self.services or ())
        theirs = frozenset(service_key(s) for s in other.services or ())
        packages_apply = len(mine) == MAX_PICKS
        return (mine, self.tone, packages_apply and self.packages) == (theirs, other.tone, packages_apply and other.packages)


def top_clients(state: AppState, n: int = TOP) -> list[Client]:
    """The ``n`` best-ranked clients with the current weights (raises InvalidInput when all weights are 0)."""
    table = state.score_table()
    if not table.names:
        return []
    by_id = {c.id: c for c in state.clients()}
    return [by_id[table.ids[i]] for i in state.ranking().order[:n].tolist()]


def card_html(rank: int, client: Client, locale: str, today: date | None = None) -> str:
    """The facts at the top of a card; every user string escaped and skipped by MathJax."""
    c = client
    who = f" — <bdi>{html_text(c.contact_name)}</bdi>" if c.contact_name else ""
    to = f"{html_text(c.contact_name)} &lt;{html_text(c.email)}&gt;" if c.contact_name else html_text(c.email)
    buys = html_text(join_list(c.services, locale) or i18n.t("common.none", locale))
    lines = [f"<h4>{rank}. <bdi>{html_text(c.name)}</bdi>{who}</h4>",
             f"<p><b>{html_text(i18n.t('drafts.buys', locale))}</b> {buys}</p>"]
    if c.last_win:
        when = f" ({html_text(long_date(c.last_win_date, locale))})" if c.last_win_date else ""
        lines.append(f"<p><b>{html_text(i18n.t('drafts.last_win', locale))}</b> <bdi>{html_text(c.last_win)}</bdi>{when}</p>")
    if good_moment(c.last_win, c.last_win_date, today or date.today()):
        lines.append(f'<p class="{dom.DRAFT_GOOD_MOMENT}">{html_text(plural("drafts.good_moment", RECENT_WIN_DAYS, locale))}</p>')
    if c.email:  # one isolate: "Name <address>" keeps its order in right-to-left text
        lines.append(f"<p><b>{html_text(i18n.t('drafts.to', locale))}</b> <bdi>{to}</bdi></p>")
    return f'<div class="{NO_MATH}">{"".join(lines)}</div>'


def followups_html(rows: list[Any], locale: str) -> str:
    """The follow-ups table (client, status, follow-up date; overdue first and marked), every user string escaped."""
    from freelancekit.language.phrasing import long_date

    if not rows:
        return _muted(i18n.t("drafts.no_followups", locale))
    head = "".join(f"<th>{html_text(i18n.t(k, locale))}</th>" for k in ("drafts.col_client", "drafts.col_status", "drafts.col_follow_up"))
    body = []
    for r in rows:
        when = html_text(long_date(r.follow_up, locale)) if r.follow_up else "—"
        late = f' <b class="fk-error">{html_text(i18n.t("drafts.overdue", locale))}</b>' if r.overdue else ""
        css = f' class="{dom.DRAFT_FOLLOWUP_OVERDUE}"' if r.overdue else ""
        body.append(f"<tr{css}><td><bdi>{html_text(r.client_name)}</bdi></td><td>{html_text(i18n.t(f'status.{r.status}', locale))}</td>"
                    f"<td>{when}{late}</td></tr>")
    return f'<table class="fk-table {NO_MATH}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def pick_html(o: Opportunity) -> str:
    """One suggestion next to its checkbox: the service in bold, then the reason (both literal)."""
    price = f" ({html_text(o.service.price_hint)})" if o.service.price_hint else ""
    return (f'<span class="fk-literal {NO_MATH}"><b>{html_text(o.name)}</b>{price}'
            f' — <span class="fk-muted">{html_text(o.reason)}</span></span>')


def copy_button(text: str, label: str, done: str) -> str:
    """A button that copies the whole email to the clipboard (UTF-8 carried as base64: no quoting to get wrong)."""
    import base64

    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    script = ("navigator.clipboard.writeText(new TextDecoder().decode(Uint8Array.from(atob(this.dataset.text),"
              "c=>c.charCodeAt(0)))).then(()=>{this.textContent=this.dataset.done})")
    return (f'<button type="button" class="{dom.DRAFT_COPY}" data-text="{payload}" data-done="{html_text(done)}" '
            f'onclick="{html_text(script)}">{html_text(label)}</button>')


def _muted(text: str, css: str = "fk-muted") -> str:
    return f'<span class="{css} {NO_MATH}">{html_text(text)}</span>' if text else ""


class DraftCard:
    """One top client: the suggestions to pick from, the choices, the editable draft and its exports."""

    def __init__(self, view: DraftsView, rank: int, client: Client, saved: Draft | None):
        self.view = view
        self.state = view.state
        self.client = client
        self.key = view.card_key(client)
        self.draft: Draft | None = None  # the draft shown: saved (revision > 0) or fresh (revision 0)
        self.pending: Draft | None = None  # what "Keep mine" would save
        self._loading = False
        loc = self.state.locale
        portfolio, index = view.basis()
        self.suggestions = tuple(suggest(portfolio, client, index=index, outcomes=view.outcomes()))
        self.facts = classed(w.HTML(value=card_html(rank, client, loc)), dom.DRAFT_FACTS)
        self.risk = classed(w.HTML(value=draft_risk_html(view.concentration, client.name, loc)), dom.DRAFT_CONCENTRATION)
        self.message = error_label(dom.DRAFT_MESSAGE)
        choices = view.choices.get(client.saved_id) or (Choices.of(saved) if saved else Choices())

        # -- choices ----------------------------------------------------------------------
        chosen = self._chosen_keys(choices)
        listed = [o for n, o in enumerate(self.suggestions) if n < SHOWN_SUGGESTIONS or service_key(o.name) in chosen]
        self.picks: list[tuple[w.Checkbox, Opportunity]] = []
        rows = []
        for n, o in enumerate(listed, start=1):
            box = classed(w.Checkbox(value=service_key(o.name) in chosen, indent=False, layout=w.Layout(width="28px")), dom.draft_pick(n))
            box.observe(self.on_choice, names="value")
            self.picks.append((box, o))
            rows.append(classed(w.HBox([box, w.HTML(value=pick_html(o))], layout=w.Layout(align_items="center")), dom.DRAFT_PICK_ROW))
        self.pick_rows = rows
        self.package_note = classed(w.HTML(value=""), dom.DRAFT_PACKAGE_NOTE)
        heading = w.HTML(value=f"<b>{html_text(i18n.t('drafts.could_buy', loc))}</b>")
        self.pick_error = error_label(dom.DRAFT_PICK_ERROR)
        self.tone = classed(w.Dropdown(options=[(i18n.t(f"tone.{t}", loc), t) for t in TONES], value=choices.tone,
                                       description=i18n.t("drafts.tone", loc), style={"description_width": "initial"},
                                       layout=w.Layout(width="auto")), dom.DRAFT_TONE)
        self.packages = classed(w.Checkbox(value=choices.packages, description=i18n.t("drafts.packages", loc), indent=False,
                                           layout=w.Layout(width="auto")), dom.DRAFT_PACKAGES)
        self.tone.observe(self.on_choice, names="value")
        self.packages.observe(self.on_choice, names="value")
        self.write = classed(w.Button(description=i18n.t("drafts.write", loc), icon="pencil", button_style="primary",
                                      layout=w.Layout(width="auto")), dom.DRAFT_WRITE)
        self.write.on_click(self.on_write)
        self.hint = classed(w.HTML(value=""), dom.DRAFT_HINT)
        self.confirm = Confirm(self.state)
        self.choose_box = choose_box = classed(w.VBox([heading, self.package_note, *rows, self.pick_error,
                                     w.HBox([self.tone, self.packages, self.write], layout=w.Layout(align_items="center", flex_flow="row wrap")),
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
            self.rows[field] = FieldRow(i18n.t(f"drafts.{field}", loc), widget, css, err)
            widget.observe(lambda change, field=field: self.on_field(field, change["new"]), names="value")
        self.state_label = classed(w.HTML(value=""), dom.DRAFT_STATE)
        self.lint = classed(w.HTML(value=""), dom.DRAFT_LINT)
        self.stale = StaleChoice(self.state, dom.DRAFT_STALE, dom.DRAFT_STALE_RELOAD, dom.DRAFT_STALE_KEEP,
                                 self.on_reload_theirs, self.on_keep_mine)
        self.exports = classed(w.HTML(value=""), dom.DRAFT_EXPORTS)
        self.editor = classed(w.VBox([self.state_label, *(r.widget for r in self.rows.values()), self.stale.widget, self.lint, self.exports],
                                     layout=w.Layout(display="none")), dom.DRAFT_EDITOR)
        # the income-risk note sits with the facts (one box), so the card's parts keep their places
        self.widget = classed(w.VBox([w.VBox([self.facts, self.risk]), self.message, choose_box, self.editor]), dom.DRAFT_CARD)

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
    def _chosen_keys(self, choices: Choices) -> set[str]:
        if choices.services is None:
            return {service_key(o.name) for o in self.suggestions[:MAX_PICKS]}
        return {service_key(s) for s in choices.services}

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
        self.facts.value = card_html(rank, self.client, self.state.locale)

    def compose(self, choices: Choices) -> Draft | None:
        """A fresh draft from ``choices`` (revision 0), or None with the problem shown."""
        portfolio, index = self.view.basis()
        client = self.view.current(self.client)
        # with "packages" on, a client who can take one of the profile's packages is offered those (not the picks)
        by_package = bool(choices.packages and applicable_packages(portfolio.profile, client))
        services = None if by_package else choices.services
        for box, _o in self.picks:
            box.disabled = by_package  # the packages say what is offered; untick them to pick services
        for row in self.pick_rows:
            row.layout.display = "none" if by_package else "flex"
        self.package_note.value = _muted(i18n.t("drafts.packages_offered", self.state.locale)) if by_package else ""
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
        self.state_label.value = _muted(i18n.t("drafts.saved_state" if self.saved else "drafts.unsaved", loc))
        self.write.description = i18n.t("drafts.rewrite" if self.saved else "drafts.write", loc)
        differs = self.saved and d is not None and not Choices.of(d).same_as(self.choices())
        self.write.button_style = "warning" if differs else "primary"
        self.hint.value = _muted(i18n.t("drafts.choices_changed", loc)) if differs else ""
        problems = lint_draft(d) if d is not None else []
        found = wording.join_sentences((problem_words(p, self.state) for p in problems), loc)
        self.lint.value = (f'<div class="fk-muted {NO_MATH}">{html_text(i18n.t("drafts.check", loc))} '
                           f'{html_text(found)}</div>') if problems else ""
        self.exports.value = self.exports_html()
        self.view.render_zip()

    def exports_html(self) -> str:
        d = self.export_draft()
        if d is None:
            return ""
        loc = self.state.locale
        profile = self.view.basis()[0].profile
        try:
            eml = to_eml(d, profile.email, profile.name)
            text = to_text(d).encode("utf-8")
        except FreelancekitError as exc:
            blocked = i18n.t("drafts.export_blocked", loc, problem=error_words(exc, self.state))
            return f'<span class="fk-error {dom.DRAFT_EXPORT_ERROR} {NO_MATH}">{html_text(blocked)}</span>'
        links = [data_uri_link(eml, EML_MIME, eml_filename(d), i18n.t("drafts.eml", loc), dom.DRAFT_EML)]
        try:
            found = fitting_mailto(d)
            label = i18n.t("drafts.mailto", loc) if not found.left_out else plural("drafts.mailto_short", found.left_out, loc)
            links.append(f'<a class="{dom.DRAFT_MAILTO}" href="{html_text(found.link)}">{html_text(label)}</a>')
        except LinkTooLong:
            links.append(f'<span class="fk-muted {dom.DRAFT_MAILTO_TOO_LONG}">{html_text(i18n.t("drafts.mailto_too_long", loc))}</span>')
        links.append(copy_button(to_text(d), i18n.t("drafts.copy", loc), i18n.t("drafts.copied", loc)))
        links.append(data_uri_link(text, TXT_MIME, draft_filename(d, ".txt"), i18n.t("drafts.txt", loc), dom.DRAFT_TXT))
        return f'<div class="{NO_MATH}"><b>{html_text(i18n.t("drafts.send", loc))}</b> {" ".join(links)}</div>'

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
            self.state.status.error(error_words(exc, self.state))
            self.state.changed("clients")
            return False
        self.pending = None
        self.stale.hide()
        set_error(self.message, None)
        self.show(saved, refill)
        self.state.status.info(i18n.t("drafts.saved", loc, name=self.client.name))
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
        self.zip = classed(w.HTML(value=""), dom.DRAFT_ZIP_BOX)
        self._followups_version: tuple[Any, ...] | None = None
        self._outcomes: tuple[int, dict[tuple[str, str], tuple[int, int]]] | None = None
        self.extra: list[int] = []  # clients opened here besides the top three (any client, any rank)
        self.followups = classed(w.HTML(value=""), dom.DRAFT_FOLLOWUPS)
        self.ics = classed(w.HTML(value=""), dom.DRAFT_ICS_BOX)
        self.other = classed(w.Combobox(placeholder=i18n.t("drafts.other_hint", loc), ensure_option=True,
                                        layout=w.Layout(width="320px")), dom.DRAFT_OTHER)
        self.open_other = classed(w.Button(description=i18n.t("drafts.open_other", loc), icon="envelope",
                                           layout=w.Layout(width="auto")), dom.DRAFT_OPEN_OTHER)
        self.open_other.on_click(self.on_open_other)
        self.other_error = error_label(dom.DRAFT_OTHER_ERROR)
        self.widget = classed(w.VBox([
            w.HTML(value=f"<h3>{html_text(i18n.t('drafts.heading', loc))}</h3>"
                         f'<p class="fk-muted">{html_text(i18n.t("drafts.intro", loc))}</p>'),
            self.message, self.cards_box, self.zip,
            w.HTML(value=f"<h3>{html_text(i18n.t('drafts.followups', loc))}</h3>"), self.followups, self.ics,
            w.HBox([self.other, self.open_other], layout=w.Layout(align_items="center")), self.other_error,
        ]), dom.tab("drafts"), dom.DRAFTS)
        self.refresh()

    def basis(self) -> tuple[Portfolio, ServiceIndex]:
        """The portfolio the cards draft from and its service index, rebuilt only when clients or profile change."""
        clients, profile = self.state.clients(), self.state.profile()
        if self._basis is None or self._basis[0] is not clients or self._basis[1] is not profile:
            portfolio = Portfolio(profile, self.state.criteria(), clients, self.state.store.is_demo())
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
        self.message.value = "" if top else _muted(i18n.t("drafts.no_clients", loc))
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
        from datetime import date

        from freelancekit.drafts.followups import follow_ups, to_ics

        version = (self.state.seen_version, date.today())
        if version == self._followups_version:
            return  # nothing saved since (the slider hot path)
        self._followups_version = version
        loc = self.state.locale
        rows = follow_ups(load_drafts(self.state.store), self.state.clients(), date.today())
        self.followups.value = followups_html(rows, loc)
        self.ics.value = (data_uri_link(to_ics(rows, locale=loc), ICS_MIME, "follow-ups.ics", i18n.t("drafts.ics", loc), dom.DRAFT_ICS)
                          if any(r.follow_up and r.status not in ("won", "declined") for r in rows) else "")
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
        if not drafts:
            self.zip.value = ""
            return
        loc = self.state.locale
        profile = self.state.profile()
        # one client's refused field never stops the others: the zip holds every draft that can be written
        writable, refused = split_writable(drafts, profile.email, profile.name)
        left_out = "".join(
            "<p>" + _muted(i18n.t("drafts.zip_left_out", loc, name=r.client_name, problem=error_words(r.error, self.state)),
                           f"fk-error {dom.DRAFT_EXPORT_ERROR}") + "</p>"
            for r in refused)
        if not writable:
            self.zip.value = left_out
            return
        try:
            data = to_zip(writable, profile.email, profile.name)
        except FreelancekitError as exc:
            self.zip.value = _muted(i18n.t("drafts.export_blocked", loc, problem=error_words(exc, self.state)), f"fk-error {dom.DRAFT_EXPORT_ERROR}")
            return
        link = data_uri_link(data, ZIP_MIME, "drafts.zip", i18n.t("drafts.zip", loc), dom.DRAFT_ZIP)
        self.zip.value = f'<p class="{NO_MATH}">{link}</p>{left_out}'


__all__ = ["Choices", "DraftCard", "DraftsView", "card_html", "pick_html", "top_clients"]
