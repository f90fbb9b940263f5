"""The words at the top of a draft card and beside each suggestion, as escaped HTML.

Pure functions of a client or an opportunity: tested for escaping on their own
(tests/ui/test_escaping.py), with no widget built.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from freelancekit.drafts.standing import standing
from freelancekit.language import i18n
from freelancekit.language.l10n import join_list, plural
from freelancekit.language.phrasing import RECENT_WIN_DAYS, long_date
from freelancekit.portfolio.model import builtin_criteria
from freelancekit.ui import dom
from freelancekit.ui.common import NO_MATH, html_text

if TYPE_CHECKING:
    from freelancekit.drafts.opportunities import Opportunity
    from freelancekit.portfolio.model import Client, Criterion


def card_html(rank: int, client: Client, locale: str, today: date | None = None, criteria: Iterable[Criterion] | None = None) -> str:
    """The facts at the top of a card; every user string escaped and skipped by MathJax.

    ``criteria``: the scales the client's ratings are read on (the built-in ones when not given).
    """
    c = client
    facts = standing(builtin_criteria() if criteria is None else criteria, c, today or date.today())
    who = f" — <bdi>{html_text(c.contact_name)}</bdi>" if c.contact_name else ""
    to = f"{html_text(c.contact_name)} &lt;{html_text(c.email)}&gt;" if c.contact_name else html_text(c.email)
    buys = html_text(join_list(c.services, locale) or i18n.t("common.none", locale))
    lines = [f"<h4>{rank}. <bdi>{html_text(c.name)}</bdi>{who}</h4>",
             f"<p><b>{html_text(i18n.t('drafts.buys', locale))}</b> {buys}</p>"]
    if c.last_win:
        when = f" ({html_text(long_date(c.last_win_date, locale))})" if c.last_win_date else ""
        lines.append(f"<p><b>{html_text(i18n.t('drafts.last_win', locale))}</b> <bdi>{html_text(c.last_win)}</bdi>{when}</p>")
    if facts.good_moment:
        lines.append(f'<p class="{dom.DRAFT_GOOD_MOMENT}">{html_text(plural("drafts.good_moment", RECENT_WIN_DAYS, locale))}</p>')
    else:  # the draft gives a neutral reason; say what would make a good moment
        wait = join_list([i18n.t(f"drafts.wait.{what}", locale) for what in facts.wait_for], locale)
        lines.append(f'<p class="{dom.DRAFT_NO_MOMENT}">{html_text(i18n.t("drafts.no_good_moment", locale, wait=wait))}</p>')
    if c.email:  # one isolate: "Name <address>" keeps its order in right-to-left text
        lines.append(f"<p><b>{html_text(i18n.t('drafts.to', locale))}</b> <bdi>{to}</bdi></p>")
    return f'<div class="{NO_MATH}">{"".join(lines)}</div>'


def pick_html(o: Opportunity, locale: str = "en") -> str:
    """One suggestion next to its checkbox: the service in bold (by its name in the page's language), then the reason."""
    price = f" ({html_text(o.service.price_hint)})" if o.service.price_hint else ""
    return (f'<span class="fk-literal {NO_MATH}"><b>{html_text(o.service.label(locale))}</b>{price}'
            f' — <span class="fk-muted">{html_text(o.reason)}</span></span>')


def muted(text: str, css: str = "fk-muted") -> str:
    """A quiet line (or an error's, with ``css``); nothing for no text."""
    return f'<span class="{css} {NO_MATH}">{html_text(text)}</span>' if text else ""
