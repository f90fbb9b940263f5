"""The ranking table as one escaped HTML string: raw values with units, their points on hover.

Pure functions (no widgets), so the view, the tests and a notebook can all
call them. A page is at most ``PAGE_SIZE`` rows of the places given, so a
portfolio of 10 000 clients still costs one short string per page.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from freelancekit.language import i18n, l10n
from freelancekit.language.numerals import written
from freelancekit.portfolio.pay import PAY_KEY
from freelancekit.portfolio.validation import name_key
from freelancekit.ranking.readable import pay_text, value_text
from freelancekit.ui import dom
from freelancekit.ui.common import NO_MATH, html_text, isolates_html, unrated_text
from freelancekit.ui.marks import measured_mark

if TYPE_CHECKING:
    from freelancekit.portfolio.model import Criterion
    from freelancekit.portfolio.pay import PayConversion
    from freelancekit.ranking.scoring import Ranking
    from freelancekit.records.ranking import Provenance

PAGE_SIZE = 50


def measured_text(key: str, value: float, crit: Criterion, currency: str, locale: str, digits: str | None = None) -> str:
    """A measured value as read: the effective rate with its unit, the on-time share as a percentage."""
    if key == "on_time_payment":
        share = (value - crit.lo) / (crit.hi - crit.lo) * 100 if crit.hi != crit.lo else 0.0
        return i18n.t("records.ui.on_time_value", locale, pct=written(f"{share:.0f}", locale, digits))
    return value_text(crit, round(value, 2), currency, locale, digits)


def full_points(ranking: Ranking) -> np.ndarray:
    """Each criterion's full points: its weight's share of all weights x 100."""
    w = np.array([c.weight for c in ranking.criteria], dtype=np.float64)
    return w / w.sum() * 100.0


def matching_places(ranking: Ranking, query: str, folded: Sequence[str] | None = None) -> np.ndarray:
    """Places (0 = #1) of the clients whose name contains ``query`` (case- and accent-insensitive as the names sort)."""
    text = name_key(query.strip()) if query.strip() else ""
    if not text:
        return np.arange(len(ranking.order))
    names = folded if folded is not None else [name_key(n) for n in ranking.table.names]
    hits = np.fromiter((text in names[i] for i in ranking.order.tolist()), dtype=bool, count=len(ranking.order))
    return np.flatnonzero(hits)


def ranking_table_html(ranking: Ranking, locale: str, start: int = 0, size: int = PAGE_SIZE, *,
                       currency: str = "USD", places: np.ndarray | None = None, provenance: Provenance | None = None,
                       digits: str | None = None, pay: PayConversion | None = None,
                       paid_in: dict[str, tuple[str, float | None]] | None = None) -> str:
    """Rows ``start .. start + size`` of ``places`` (default: every client, best first) as an HTML table.

    ``pay`` and ``paid_in`` (client name -> their currency and typed pay rate, for those paying in another
    currency): their pay cell shows both amounts and the rate (docs/currencies.md).

    ``provenance``: which values came from the records (docs/records.md): those cells are marked
    with how many records they come from, a switched criterion's typed values as typed.
    """
    labels = [i18n.criterion_label(c.key, c.label, locale) for c in ranking.criteria]
    full = full_points(ranking)
    num = (lambda text: written(text, locale, digits)) if digits == "arab" else str  # noqa: E731 - the user's digits
    head = [f"<th>{html_text(i18n.t('ranking.rank', locale, digits=digits))}</th>",
            f"<th>{html_text(i18n.t('ranking.client', locale, digits=digits))}</th>",
            f"<th>{html_text(i18n.t('ranking.score_points', locale, digits=digits))}</th>"]
    for label, fp in zip(labels, full.tolist()):
        hint = i18n.t("ranking.header_hint", locale, digits=digits, label=label, full=num(f"{fp:.1f}"))
        head.append(f'<th title="{html_text(hint)}">{html_text(label)}</th>')
    if places is None:
        places = np.arange(len(ranking.order))
    ids, names, values = ranking.table.ids, ranking.table.names, ranking.table.values
    incomplete_word = html_text(i18n.t("clients.incomplete", locale, digits=digits))
    by_key = {c.key: c for c in ranking.criteria}
    top_word = html_text(i18n.t("ranking.top3", locale, digits=digits))
    rows = []
    for place in places[start:start + size].tolist():
        i, r = int(ranking.order[place]), place + 1
        classes = [dom.RANK_ROW]
        marks = ""
        if r <= 3:
            classes.append(dom.RANK_TOP)
            marks += f' <span class="fk-badge">★ {top_word}</span>'
        if ranking.incomplete[i]:
            classes.append(dom.RANK_INCOMPLETE)
            unrated = html_text(unrated_text([by_key[k] for k in ranking.unrated(i)], locale))
            marks += (f' <span class="fk-incomplete {dom.RANK_UNRATED}" title="{unrated}">⚠ {incomplete_word}'
                      f' <span class="fk-muted">({unrated})</span></span>')
        score = float(ranking.scores[i])
        cells = []
        for j, crit in enumerate(ranking.criteria):
            raw = float(values[i, j])
            shown = value_text(crit, None if raw != raw else raw, currency, locale, digits)
            if pay is not None and paid_in and crit.key == PAY_KEY and names[i] in paid_in:
                code, typed = paid_in[names[i]]
                shown = pay_text(crit, typed, code, None if raw != raw else raw, pay, locale, digits)
            pts = float(ranking.contributions[i, j])
            points = num(f"{pts:.1f}")
            tip = i18n.t("ranking.value_points", locale, digits=digits, value=shown, points=points)
            css, mark = dom.RANK_VALUE, ""
            if provenance is not None and crit.key in provenance.switched:
                got = provenance.of(names[i], crit.key)
                if got is not None:
                    shown = measured_text(crit.key, got.value, crit, currency, locale, digits)
                    tip = i18n.t("records.ui.cell_measured", locale, digits=digits, value=shown,
                                 records=l10n.plural("count.from_records", got.records, locale, digits), points=points)
                    css, mark = f"{css} {dom.RECORDS_MEASURED}", f' data-records="{got.records}"'
                else:
                    tip = i18n.t("records.ui.cell_typed", locale, digits=digits, value=shown, points=points)
                    css = f"{css} {dom.RECORDS_TYPED}"
            badge = " " + measured_mark() if dom.RECORDS_MEASURED in css else ""
            cells.append(f'<td class="{css}" title="{html_text(tip)}" data-points="{pts:.2f}"{mark}>'
                         f"<bdi>{isolates_html(shown)}</bdi>{badge}</td>")
        client_id = ids[i]
        cid = "" if client_id is None else str(int(client_id))
        rows.append(
            f'<tr class="{" ".join(classes)}" data-rank="{r}" data-client-id="{cid}" data-score="{score:.2f}">'
            f'<td>{num(str(r))}</td><td class="{dom.RANK_NAME}"><bdi>{html_text(names[i])}</bdi>{marks}</td>'
            f"<td>{num(f'{score:.1f}')}</td>{''.join(cells)}</tr>"
        )
    return (f'<table class="fk-table {NO_MATH}"><thead><tr>{"".join(head)}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')
