"""The marks that tell a measured value from a typed one: inline SVG, so they render on every system.

The ranking marked measured values with the emoji 📊, which shows as an empty
box where no emoji font is installed (a plain Linux desktop, many kiosks). An
inline SVG needs no font, takes the text's colour, and carries no text of its
own: the cell's title and the legend say what it means, in the user's language.
"""
from __future__ import annotations

from freelancekit.language import i18n
from freelancekit.ui import dom
from freelancekit.ui.common import html_text

# a small bar chart (measured) and a pencil (typed by you), 1em high, in the text's colour
MEASURED_SVG = ('<svg class="fk-mark-icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">'
                '<rect x="1" y="9" width="3" height="6" fill="currentColor"/><rect x="6.5" y="5" width="3" height="10" fill="currentColor"/>'
                '<rect x="12" y="1" width="3" height="14" fill="currentColor"/></svg>')
TYPED_SVG = ('<svg class="fk-mark-icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">'
             '<path d="M2 14l1-4 8-8 3 3-8 8z" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/></svg>')


def measured_mark() -> str:
    """The mark after a value that came from the records."""
    return f'<span class="{dom.MEASURED_MARK}">{MEASURED_SVG}</span>'


def legend_html(locale: str) -> str:
    """"[bars] measured from your records  [pencil] your rating": under any table that mixes the two."""
    measured = html_text(i18n.t("marks.measured", locale))
    typed = html_text(i18n.t("marks.typed", locale))
    return (f'<p class="fk-muted {dom.MARKS_LEGEND}"><span class="{dom.MEASURED_MARK}">{MEASURED_SVG}</span> {measured}'
            f' &nbsp; <span class="fk-typed-mark">{TYPED_SVG}</span> {typed}</p>')
