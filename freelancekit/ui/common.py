"""Small pieces every view shares: escaping, the status area and the notices, guarded callbacks,
a field with its error label, a yes/cancel confirmation, and the app state.

Views never reach into each other's widgets: they get an ``AppState`` (the
store, the language, a cached score table) and call ``state.changed(kind)``
after saving; the shell decides which views to refresh.
"""
from __future__ import annotations

import base64
import functools
import html
import logging
import re
import weakref
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import ipywidgets as w

from freelancekit.errors import FreelancekitError, Problem
from freelancekit.language import i18n, wording
from freelancekit.language.numerals import written
from freelancekit.ui import dom
from freelancekit.ui.look import Look, css_classes
from freelancekit.ui.wiring import CHANGE_KINDS, CHANGES, OUTSIDE, elsewhere_kind, from_elsewhere  # the change kinds and what each makes stale

if TYPE_CHECKING:
    from freelancekit.portfolio.model import Criterion, Profile
    from freelancekit.portfolio.storage import Store
    from freelancekit.ranking.scoring import Ranking, ScoreTable

log = logging.getLogger("freelancekit.ui")
F = TypeVar("F", bound=Callable[..., Any])


# -- escaping user text -----------------------------------------------------------------
def html_text(value: object) -> str:
    """User text made inert for an HTML widget: shown literally, never parsed as markup."""
    return html.escape("" if value is None else str(value), quote=True)


# ipywidgets Label and HTML widgets run MathJax over their content: anything
# between two "$" would be typeset. MathJax 2 and 3 skip elements with these classes.
NO_MATH = "tex2jax_ignore mathjax_ignore"


_OPENERS = {"\u2066": '<bdi dir="ltr">', "\u2067": '<bdi dir="rtl">', "\u2068": "<bdi>"}
_ISOLATE_MARKS = re.compile("([\u2066-\u2069])")


def isolates_html(text: str) -> str:
    """Plain text with Unicode isolates (LRI/RLI/FSI ... PDI) as escaped HTML with ``<bdi>`` elements.

    Browsers lay out ``<bdi dir=ltr>`` reliably; a bare LRI in an Arabic
    sentence still let '+10.0' come out as '10.0+'. Unpaired marks are dropped.
    Escaped a run at a time, not a character at a time: the ranking's sentences
    are rebuilt on every weight change.
    """
    out, depth = [], 0
    for part in _ISOLATE_MARKS.split(text):
        if part in _OPENERS:
            out.append(_OPENERS[part])
            depth += 1
        elif part == "\u2069":
            if depth:
                out.append("</bdi>")
                depth -= 1
        elif part:
            out.append(html.escape(part, quote=True))
    out.extend("</bdi>" * depth)
    return "".join(out)


def literal_html(value: object) -> str:
    """User text for an HTML widget: escaped, and marked so MathJax leaves it alone."""
    return f'<span class="fk-literal {NO_MATH}" dir="auto">{html_text(value)}</span>'


def literal(value: object = "", look: Look | None = None, **css: str) -> w.HTML:
    """A label that shows user text exactly as typed (no markup, no LaTeX); ``css``: its layout's values.

    Given ``look``, it shares that look's layout and style (ui/look.py): the
    rows of a table do, as each Layout and Style is a model of its own in the
    page, and a page of rows with one per cell doubled what a tab cost to open.
    """
    if look is None:
        return w.HTML(value=literal_html(value), _dom_classes=("fk-literal-label",), layout=w.Layout(**css))
    return look.html(literal_html(value), "fk-literal-label", css=css)


def set_literal(widget: w.HTML, value: object) -> None:
    widget.value = literal_html(value)


def literal_text(widget: w.HTML) -> str:
    """The plain text an HTML widget shows (for tests and logs)."""
    return html.unescape(_strip_tags(widget.value))


def data_uri_link(data: bytes, mime: str, filename: str, text: str, css_class: str) -> str:
    """A download link carrying the file itself (no server route needed); every attribute escaped."""
    payload = base64.b64encode(data).decode("ascii")
    return (f'<a class="{html_text(css_class)}" download="{html_text(filename)}" '
            f'href="data:{html_text(mime)};base64,{payload}">{html_text(text)}</a>')


def plotly_text(value: object) -> str:
    """User text made inert for plotly labels, hovers and legends.

    plotly.js parses a subset of HTML (``<b>``, ``<a href>``, ``<br>``...) and
    decodes entities for display, so ``<``/``>``/``&`` become entities and show
    literally. It also typesets anything between two ``$`` as LaTeX; an
    entity ``&#36;`` is not seen by that check and still displays as ``$``.
    """
    text = html.escape("" if value is None else str(value), quote=False)
    return text.replace("$", "&#36;")


def unrated_text(criteria: Sequence[Criterion], locale: str) -> str:
    """"not rated yet on Ease, Learning, which counts 0": what the incomplete marker explains."""
    sep = "، " if i18n.is_rtl(locale) else ", "
    names = sep.join(i18n.criterion_label(c.key, c.label, locale) for c in criteria)
    return i18n.t("criteria.unrated", locale, criteria=names)


# -- the status area and guarded callbacks ------------------------------------------------------
class StatusArea:
    """One line at the top of the app for what concerns the whole page: the portfolio replaced,
    another tab's saves shown, an error no view could place. Everything else is a ``Notice``."""

    def __init__(self) -> None:
        self.widget = w.HTML(value="")
        self.widget.add_class(dom.STATUS)

    def info(self, text: str) -> None:
        self.widget.remove_class(dom.STATUS_ERROR)
        self.widget.value = f'<div class="fk-status-info {NO_MATH}">{html_text(text)}</div>' if text else ""

    def error(self, text: str) -> None:
        self.widget.add_class(dom.STATUS_ERROR)
        self.widget.value = f'<div class="fk-status-err {NO_MATH}" role="alert">{html_text(text)}</div>'

    def clear(self) -> None:
        self.info("")

    @property
    def text(self) -> str:
        """The message as plain text (for tests and logs)."""
        return html.unescape(_strip_tags(self.widget.value))


class Notice:
    """A message beside the control it is about: "Saved." next to the field saved, an import's result
    under its button, a refusal next to what was refused.

    One shows at a time in the whole app (saying something clears every other
    notice and the status line), and a tab change clears them all
    (``AppState.clear_notices``): a message is never left over from earlier or elsewhere.
    """

    def __init__(self, state: AppState, *classes: str):
        self.state = state
        self.widget = state.look.html("", dom.NOTICE, *classes)
        state.notices.add(self)

    def info(self, text: str) -> None:
        self.state.clear_notices()
        self.widget.remove_class(dom.NOTICE_ERROR)
        self.widget.value = f'<span class="fk-status-info {NO_MATH}" role="status">{html_text(text)}</span>' if text else ""

    def error(self, text: str) -> None:
        self.state.clear_notices()
        self.widget.add_class(dom.NOTICE_ERROR)
        self.widget.value = f'<span class="fk-status-err {NO_MATH}" role="alert">{html_text(text)}</span>'

    def clear(self) -> None:
        if self.widget.value:
            self.widget.remove_class(dom.NOTICE_ERROR)
            self.widget.value = ""

    @property
    def text(self) -> str:
        """The message as plain text (for tests and logs)."""
        return html.unescape(_strip_tags(self.widget.value))


def _strip_tags(markup: str) -> str:
    import re

    return re.sub(r"<[^>]+>", "", markup)


def _labels(state: AppState) -> dict[str, str]:
    try:
        return {c.key: i18n.criterion_label(c.key, c.label, state.locale) for c in state.criteria()}
    except FreelancekitError:  # the portfolio cannot be read right now: name fields by their keys
        return {}


def error_words(exc: BaseException, state: AppState) -> str:
    """An error as the page says it: in the user's language, fields by their labels, no command-line advice."""
    return wording.error_text(exc, state.locale, digits=state.digits, labels=_labels(state))


def problem_words(p: Problem, state: AppState) -> str:
    """One problem with where it is ('row 3, column email: …', or the field's label)."""
    return wording.problem_line(p, state.locale, digits=state.digits, labels=_labels(state))


def guarded(method: F) -> F:
    """Run a view callback so that no error ever reaches the page as a traceback.

    A ``FreelancekitError`` the view did not handle itself is shown as its
    message; anything unexpected is logged (with the traceback, for us) and
    the user sees a calm sentence (in the view's ``notice`` when it has one,
    beside its controls; else in the status line). The app keeps working either way.
    """

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        state: AppState = self.state
        notice = getattr(self, "notice", None)  # the view's own notice, beside its controls; else the status line
        say = notice.error if isinstance(notice, Notice) else state.status.error
        try:
            return method(self, *args, **kwargs)
        except FreelancekitError as exc:
            say(error_words(exc, state))
        except Exception:  # noqa: BLE001 - the last line of defence for the page
            log.exception("unexpected error in %s", method.__qualname__)
            say(i18n.t("error.unexpected", state.locale))
        return None

    return wrapper  # type: ignore[return-value]


# -- widgets ---------------------------------------------------------------------------------------
def classed(widget: w.Widget, *classes: str) -> w.Widget:
    """``widget`` with each CSS class added; "a b" is two classes (the page refuses a class with a space)."""
    for name in css_classes(*classes):
        widget.add_class(name)
    return widget


def named(widget: w.Widget, text: str) -> w.Widget:
    """``widget`` labelled ``text`` for screen readers, where its visible label is another widget beside it.

    ipywidgets ties a ``description`` to its input with ``<label for>`` (a slider's
    handle gets it as ``aria-label`` from the app's page); the class ``fk-named``
    hides that label from sight only (the page's stylesheet), so the visible label
    keeps wrapping instead of being cut at the description's width.
    """
    widget.description = text
    widget.tooltip = ""  # else the label's tooltip reads "null" (ipywidgets writes a missing tooltip as its title)
    widget.add_class(dom.NAMED)
    return widget


TAG_WIDTH = "70px"  # the language tag's column: "العربية" at 11px fits in 50px


def page_first(locale: str) -> list[str]:
    """The languages a row is typed in, the page's first: a user reads and types their own language first."""
    first = i18n.normalise_locale(locale)
    return [first, *(lang for lang in i18n.LOCALES if lang != first)]


def language_line(lang: str, inputs: Sequence[w.Widget], after: Sequence[w.Widget] = (), look: Look | None = None) -> w.HBox:
    """One language's line of a row: its small tag ("English", "العربية"), its inputs typed in that language's direction, then ``after``.

    ``look``: the tag and the line share its layouts and style (ui/look.py).
    """
    for widget in inputs:
        widget.add_class("fk-dir-rtl" if i18n.is_rtl(lang) else "fk-dir-ltr")
    look = look or Look()
    tag = look.label(i18n.LANGUAGE_NAMES[lang], dom.LANGUAGE_TAG, css={"width": TAG_WIDTH})
    return look.hbox([tag, *inputs, *after], css={"align_items": "center"})


def error_label(css_class: str, look: Look | None = None) -> w.HTML:
    """A red message next to a field; HTML only so the text wraps, always escaped. ``look``: share its layout and style."""
    return (look or Look()).html("", "fk-error", css_class)


def set_error(label: w.HTML, text: str | None) -> None:
    label.value = f'<span class="{NO_MATH}" role="alert">{html_text(text)}</span>' if text else ""


def error_text(label: w.HTML) -> str:
    return html.unescape(_strip_tags(label.value))


class FieldRow:
    """A label, an input and the error message that belongs to that input (and its "Saved.", given a ``notice``)."""

    def __init__(self, label: str, widget: w.Widget, css_class: str, error_class: str, extra: w.Widget | None = None,
                 notice: Notice | None = None, look: Look | None = None):
        """``look``: the label, the message and the line share its layouts and styles (ui/look.py); the row itself may hide."""
        look = look or Look()
        self.input = named(classed(widget, css_class), label.rstrip(" *"))
        self.label = literal(label, look)
        self.label.add_class("fk-field-label")
        self.error = error_label(error_class, look)
        self.notice = notice
        parts = [self.label, self.input] + ([extra] if extra is not None else []) + ([notice.widget] if notice is not None else [])
        self.widget = w.VBox([look.hbox(parts, css={"align_items": "center"}), self.error], _dom_classes=("fk-field",))

    def set_error(self, text: str | None) -> None:
        set_error(self.error, text)
        if text:
            self.input.add_class(dom.INVALID)  # the red frame "fields marked in red" refers to
        else:
            self.input.remove_class(dom.INVALID)

    @property
    def error_text(self) -> str:
        return error_text(self.error)


class Confirm:
    """A hidden "are you sure?" row: ``ask(text, on_yes)`` shows it, either button hides it.

    Its message and buttons are made the first time it asks: most rows never do,
    and every widget on the page at start delays the first slider (ui/page.py).
    """

    def __init__(self, state: AppState, yes_label: str | None = None):
        self.state = state
        self._yes_label = yes_label
        self._parts: tuple[w.HTML, w.Button, w.Button] | None = None
        self.widget = classed(w.HBox(layout=w.Layout(display="none")), dom.CONFIRM_BOX)
        self._on_yes: Callable[[], None] | None = None

    def _made(self) -> tuple[w.HTML, w.Button, w.Button]:
        if self._parts is None:
            loc = self.state.locale
            yes = classed(w.Button(description=self._yes_label or i18n.t("common.yes", loc), button_style="danger"), dom.CONFIRM_YES)
            cancel = classed(w.Button(description=i18n.t("common.cancel", loc)), dom.CONFIRM_CANCEL)
            yes.on_click(self._yes)
            cancel.on_click(self._cancel)
            self._parts = (literal(""), yes, cancel)
            self.widget.children = self._parts
        return self._parts

    message = property(lambda self: self._made()[0])
    yes = property(lambda self: self._made()[1])
    cancel = property(lambda self: self._made()[2])

    def ask(self, text: str, on_yes: Callable[[], None], yes_label: str | None = None, no_label: str | None = None) -> None:
        """Show the question; ``no_label`` names the button that keeps things as they are (default "Cancel")."""
        set_literal(self.message, text)
        if yes_label:
            self.yes.description = yes_label
        self.cancel.description = no_label or i18n.t("common.cancel", self.state.locale)
        self._on_yes = on_yes
        self.widget.layout.display = "flex"

    def hide(self) -> None:
        self._on_yes = None
        self.widget.layout.display = "none"

    @property
    def visible(self) -> bool:
        return self.widget.layout.display != "none"

    @guarded
    def _yes(self, _button: Any = None) -> None:
        action, self._on_yes = self._on_yes, None
        self.widget.layout.display = "none"
        if action is not None:
            action()

    def _cancel(self, _button: Any = None) -> None:
        self.hide()


class StaleChoice:
    """The "changed in another tab" row: "Reload their version" or "Keep mine".

    One mechanism for every view that saves against a revision (clients,
    drafts, profile): ``show(text)`` when a save crossed another tab's,
    ``hide()`` once either choice was made or a save went through.
    """

    def __init__(self, state: AppState, box_class: str, reload_class: str, keep_class: str,
                 on_reload: Callable[..., Any], on_keep: Callable[..., Any]):
        loc = state.locale
        self.text = literal("")
        self.reload_theirs = classed(w.Button(description=i18n.t("clients.reload_theirs", loc)), reload_class)
        self.keep_mine = classed(w.Button(description=i18n.t("clients.keep_mine", loc), button_style="warning"), keep_class)
        self.reload_theirs.on_click(on_reload)
        self.keep_mine.on_click(on_keep)
        self.widget = classed(w.VBox([self.text, w.HBox([self.reload_theirs, self.keep_mine])], layout=w.Layout(display="none")), box_class)

    def show(self, text: str) -> None:
        set_literal(self.text, text)
        self.widget.layout.display = "flex"

    def hide(self) -> None:
        self.widget.layout.display = "none"

    @property
    def visible(self) -> bool:
        return self.widget.layout.display != "none"


# -- shared state ------------------------------------------------------------------------------------
class AppState:
    """What the views share: the open store, the language, the status line and caches.

    ``score_table()`` is computed once per client/criteria change and reused
    for every weight change, so a slider move only costs ``scoring.rank``.
    """

    def __init__(self, store: Store, status: StatusArea | None = None, on_change: Callable[[str], None] | None = None):
        self.store = store
        self.status = status or StatusArea()
        self.notices: weakref.WeakSet[Notice] = weakref.WeakSet()  # every view's notices (one shows at a time)
        self.on_change = on_change
        self.look = Look()  # the layouts and styles its widgets share (ui/look.py)
        self._criteria: tuple[Criterion, ...] | None = None
        self._table: ScoreTable | None = None
        self._clients: tuple[Any, ...] | None = None
        self._profile: Profile | None = None
        self._ranking: Ranking | None = None
        self._records: Any = None  # (portfolio as ranked, Provenance, summary frame) from records.ranking
        self.pay: Any = None  # how the ranked pay rates were converted (portfolio.pay.PayConversion), set with ``_records``
        profile = store.profile()
        self.locale = i18n.normalise_locale(profile.locale)
        self.digits = profile.digits  # how numbers are written in Arabic (the profile's choice)
        self.seen_counts = store.change_counts()  # the saves per area this tab has followed (Store.change_counts)
        self.seen_version = self.seen_counts["revision"]
        self.elsewhere = CHANGES[OUTSIDE]  # what the last saves made elsewhere made stale (wiring.from_elsewhere)
        self.elsewhere_kind = OUTSIDE  # the kind its views are told (wiring.elsewhere_kind)

    def clear_notices(self) -> None:
        """No message left in sight: before a new one, and on a tab change."""
        for notice in list(self.notices):
            notice.clear()
        if self.status.widget.value:
            self.status.clear()

    def num(self, n: int | str) -> str:
        """A whole number (a count, a place) in the user's digits, for a label."""
        return written(str(n), self.locale, self.digits)

    # caches ------------------------------------------------------------------
    def criteria(self) -> tuple[Criterion, ...]:
        if self._criteria is None:
            self._criteria = self.store.criteria()
        return self._criteria

    def profile(self) -> Profile:
        if self._profile is None:
            self._profile = self.store.profile()
        return self._profile

    def clients(self) -> tuple[Any, ...]:
        if self._clients is None:
            self._clients = self.store.clients()
        return self._clients

    def records(self) -> Any:
        """(portfolio as ranked, Provenance or None, summary or None): switched criteria take their measured values.

        Without any record nothing is measured and pandas is not even imported (docs/records.md).
        """
        if self._records is None:
            from freelancekit.portfolio.model import Portfolio
            from freelancekit.portfolio.pay import convert_portfolio
            from freelancekit.portfolio.records_schema import has_records

            # pay rates in the profile's currency (docs/currencies.md); the user's rates are read only when a client needs one
            foreign = any(c.currency and c.currency != self.profile().currency for c in self.clients())
            portfolio, self.pay = convert_portfolio(Portfolio(self.profile(), self.criteria(), self.clients(),
                                                              rates=self.store.user_rates() if foreign else ()))
            if not has_records(self.store.conn):
                self._records = (portfolio, None, None)
            else:
                from freelancekit.records.ranking import with_records_and_summary

                self._records = with_records_and_summary(self.store, portfolio)
        return self._records

    def score_table(self) -> ScoreTable:
        if self._table is None:
            from freelancekit.ranking.scoring import score_table
            from freelancekit.records.rank import measured_pay

            portfolio, provenance = self.records()[:2]
            # the table knows how its pay was converted: the downloads show each amount as typed and the rate
            self._table = score_table(portfolio.clients, self.criteria(), pay=measured_pay(self.pay, provenance))
        return self._table

    def ranking(self) -> Ranking:
        """The ranking with the saved weights, computed once per change (raises InvalidInput if all are 0)."""
        if self._ranking is None:
            from freelancekit.ranking.scoring import rank

            self._ranking = rank(self.score_table(), self.criteria())
        return self._ranking

    def set_criteria(self, criteria: tuple[Criterion, ...]) -> None:
        """New weights only: keeps the score table (same clients, same columns)."""
        self._criteria = criteria
        self._ranking = None

    def invalidate(self, kind: str = "all") -> None:
        """Forget the caches a change of ``kind`` made stale (``wiring.CHANGES[kind].drops``)."""
        self._drop(CHANGES[kind].drops)

    def _drop(self, caches: frozenset[str]) -> None:
        for cache in caches:
            setattr(self, f"_{cache}", None)

    # change notification -------------------------------------------------------
    def changed(self, kind: str) -> None:
        """A view saved something: drop stale caches, remember the version, tell the shell."""
        if kind not in CHANGE_KINDS:
            raise ValueError(f"unknown change kind {kind!r}")
        counts = self.store.change_counts()
        external = counts["revision"] > self.seen_version + 1
        if external:  # another tab or the CLI saved too: what they changed is stale as well; keep what is typed
            self._follow(counts, own=kind)
            kind = OUTSIDE
        else:
            self._seen(counts)
            self.invalidate(kind)
        if self.on_change is not None:
            self.on_change(kind)

    def check_external(self) -> bool:
        """True (and the caches it made stale dropped) when another tab or program changed the portfolio."""
        counts = self.store.change_counts()
        if counts["revision"] == self.seen_version:
            return False
        self._follow(counts)
        return True

    def _seen(self, counts: dict[str, int]) -> None:
        self.seen_counts, self.seen_version = counts, counts["revision"]

    def _follow(self, counts: dict[str, int], own: str | None = None) -> None:
        """Saves were made elsewhere: work out from the counts per area what they changed, drop those caches.

        This tab's own save (``own``) counts once in its area; an area that moved
        otherwise was saved by someone else. ``self.elsewhere`` says which views to refresh.
        """
        moved = {area: n - self.seen_counts.get(area, 0) for area, n in counts.items() if area != "revision"}
        if own in moved:
            moved[own] -= 1
        saved = [area for area, n in moved.items() if n > 0]
        mine = own if own in CHANGES else None
        self.elsewhere, self.elsewhere_kind = from_elsewhere(saved, mine), elsewhere_kind(saved, mine)
        self._seen(counts)
        self._drop(self.elsewhere.drops)

    def catch_up(self) -> bool:
        """Before an action that shows data (sort, page, search, export): pick up other saves first.

        When another tab or the CLI saved since this tab last looked, every
        built view is refreshed in place (``OUTSIDE``: what the user is typing
        is kept) and the status line says why the values moved; the action
        then works on the saved truth. One cheap read when nothing changed.
        """
        if not self.check_external():
            return False
        if self.on_change is not None:
            self.on_change(OUTSIDE)
        self.status.info(i18n.t("error.elsewhere", self.locale))
        return True


STYLESHEET = """
<style>
.fk-app { max-width: 1200px; font-size: 14px; }
/* bdi and dir="auto" (user text) keep the direction of their own content: forcing rtl on them
   would move a Latin name's trailing '>' or '-' to the wrong end. :where() keeps this rule as weak
   as a plain '.fk-rtl *', so the charts' ltr rule below still wins. */
.fk-app.fk-rtl, .fk-app.fk-rtl :where(*:not(bdi):not([dir])) { direction: rtl; }
.fk-app.fk-rtl .widget-label, .fk-app.fk-rtl .widget-html-content { text-align: right; }
.fk-app.fk-rtl .js-plotly-plot, .fk-app.fk-rtl .js-plotly-plot * { direction: ltr; }
.fk-app .fk-demo-banner { background: #fff4ce; border: 1px solid #e0b100; padding: 6px 10px; border-radius: 4px; }
.fk-app .fk-demo-banner .widget-label { font-weight: bold; }
.fk-app .fk-error { color: #b00020; min-height: 0; }
.fk-app .fk-status-err { color: #b00020; font-weight: bold; }
.fk-app .fk-status-info { color: #1b5e20; }
/* one label column: a long label wraps instead of pushing its input out of line; errors sit under the input */
.fk-app .fk-field-label { width: 180px; min-width: 180px; flex-shrink: 0; }
.fk-app .fk-field > .fk-error { margin-inline-start: 188px; }
.fk-app .fk-invalid input, .fk-app .fk-invalid textarea, .fk-app .fk-invalid select { border-color: #b00020; box-shadow: 0 0 0 1px #b00020; }
.fk-app .fk-table-head .widget-button { font-weight: bold; }
.fk-app .fk-services-head .widget-label { font-weight: bold; color: #444; }
.fk-app .fk-language-tag { font-size: 11px; color: #666; }
.fk-app table.fk-table { border-collapse: collapse; width: 100%; }
.fk-app table.fk-table th, .fk-app table.fk-table td { border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: start; }
.fk-app table.fk-table tr.fk-rank-top td { background: #e8f5e9; font-weight: bold; }
.fk-app table.fk-table td.fk-rank-value { white-space: nowrap; cursor: help; }
.fk-app .fk-why-top p, .fk-app .fk-sure p, .fk-app .fk-why-any p, .fk-app .fk-ranking-note p { margin: 4px 0; max-width: 70em; line-height: 1.45; }
.fk-app .fk-draft-card { border: 1px solid #ccc; border-radius: 6px; padding: 8px 12px; margin: 6px 0; }
.fk-app .fk-muted { color: #666; }
.fk-app .fk-draft-good-moment { color: #1a7f37; font-weight: 600; }
.fk-app .fk-draft-editor textarea { font-family: inherit; line-height: 1.4; }
.fk-app .fk-dir-rtl input, .fk-app .fk-dir-rtl textarea { direction: rtl; text-align: right; }
.fk-app .fk-dir-ltr input, .fk-app .fk-dir-ltr textarea { direction: ltr; text-align: left; }
.fk-app .fk-draft-exports a { margin-inline-end: 1.2em; }
.fk-app .fk-draft-pick-row .widget-checkbox { width: 28px; }
.fk-app .fk-client-row:nth-child(even) { background: #f7f7f7; }
/* common.named: the description is the input's label for screen readers; the visible label is beside it */
.fk-app .fk-named > .widget-label { position: absolute; width: 1px; height: 1px; min-height: 0; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
/* the page refused a too-big file (app template): the previous file's preview and Import button go */
.fk-app .fk-upload-refused :is(.fk-import-message, .fk-import-preview, .fk-import-errors, .fk-import-only-valid, .fk-import-confirm) { display: none; }
/* header buttons and row cells keep their set widths (a flex box would shrink them unequally,
   so values drift away from their headers); a wide table scrolls instead */
.fk-app .fk-clients-table { overflow-x: auto; }
.fk-app .fk-clients-table > .fk-table-head, .fk-app .fk-clients-table > .fk-client-row { width: max-content; min-width: 100%; }
.fk-app .fk-clients-table .fk-table-head > *, .fk-app .fk-clients-table .fk-client-row > * { flex-shrink: 0; }
/* a two-column tab (wiring.COLUMNS): weights beside the ranking from 1024 px, stacked below that;
   the result column may scroll sideways rather than push the controls out of sight */
.fk-app .fk-columns { display: flex; flex-direction: column; gap: 16px; align-items: stretch; }
.fk-app .fk-columns > .fk-column-result { min-width: 0; overflow-x: auto; }
@media (min-width: 1024px) {
  .fk-app .fk-columns { flex-direction: row; align-items: flex-start; }
  .fk-app .fk-columns > .fk-column-controls { flex: 0 0 400px; width: 400px; position: sticky; top: 0; }
  .fk-app .fk-columns > .fk-column-result { flex: 1 1 0; }
}
.fk-app .fk-column-controls .fk-criterion-name { width: 130px; min-width: 130px; }
.fk-app .fk-criterion-row { align-items: center; flex-wrap: wrap; }
.fk-app .fk-criterion-row > .fk-error { flex-basis: 100%; }
.fk-app .fk-column-controls .widget-hbox { flex-wrap: wrap; }
/* a rating cell shows its box to type in, or its measured value: a class, so every cell shares one layout (ui/look.py) */
.fk-app .fk-rate-box-measured > :not(.fk-rate-measured), .fk-app .fk-rate-box:not(.fk-rate-box-measured) > .fk-rate-measured { display: none; }
</style>
"""


def stylesheet() -> w.HTML:
    """Our fixed stylesheet (no user text in it), added once by the shell."""
    return w.HTML(value=STYLESHEET)
