"""Plotly figures of a ranking, as plain plotly JSON (dicts).

Building the JSON directly (instead of ``plotly.graph_objects``) keeps the
kernel from importing plotly.py at all — it is the slowest import of the app
and validating figure objects costs more than the whole ranking. The browser
renders the dicts with plotly's own renderer (``render``); in a notebook,
``plotly.graph_objects.Figure(fig)`` turns one into a figure object.

Every piece of user text (client names, criterion labels, values) passes
through ``plotly_text`` so plotly shows it literally: no markup, no LaTeX.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .. import i18n
from ..spreadsheet import format_number
from .common import plotly_text

if TYPE_CHECKING:
    from ..scoring import Ranking

PLOTLY_MIME = "application/vnd.plotly.v1+json"
CHART_TOP_N = 30  # the contribution chart shows at most this many clients (the table has all)
CONFIG = {"displaylogo": False, "responsive": True, "typesetMath": False,
          "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"]}
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
FONT_EN = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
FONT_AR = "'Noto Sans Arabic', 'Segoe UI', Tahoma, 'Arial', sans-serif"


def criterion_labels(ranking: Ranking, locale: str) -> list[str]:
    return [i18n.criterion_label(c.key, c.label, locale) for c in ranking.criteria]


def value_text(value: float, kind: str, lo: int, hi: int, currency: str, locale: str) -> str:
    """A raw criterion value as a person reads it: '4 / 5', '95 USD', 'not rated'."""
    if value != value:  # NaN: missing
        return i18n.t("chart.missing", locale)
    if kind == "rating":
        return f"{format_number(value)} / {hi}"
    return f"{format_number(value)} {currency}".strip()


def _base_layout(locale: str, title: str) -> dict[str, Any]:
    rtl = i18n.is_rtl(locale)
    return {
        "title": {"text": plotly_text(title), "x": 0.98 if rtl else 0.02, "xanchor": "right" if rtl else "left"},
        "font": {"family": FONT_AR if rtl else FONT_EN, "size": 13},
        "legend": {"orientation": "h", "y": -0.08, "yanchor": "top", "traceorder": "normal",
                   "x": 1 if rtl else 0, "xanchor": "right" if rtl else "left"},
        "hoverlabel": {"align": "right" if rtl else "left"},
        "paper_bgcolor": "white", "plot_bgcolor": "white",
    }


def contributions_figure(ranking: Ranking, locale: str = "en", currency: str = "USD", top_n: int = CHART_TOP_N) -> dict[str, Any]:
    """Horizontal stacked bars: each client's score split by criterion, best at the top."""
    rtl = i18n.is_rtl(locale)
    order = ranking.order[:top_n].tolist()
    names = ranking.table.names
    y = [f"{r}. {plotly_text(names[i])}" for r, i in enumerate(order, start=1)]
    labels = criterion_labels(ranking, locale)
    points = i18n.t("chart.points", locale)
    data = []
    for j, crit in enumerate(ranking.criteria):
        raw = ranking.table.values[order, j].tolist() if order else []
        contrib = ranking.contributions[order, j].tolist() if order else []
        customdata = [
            [plotly_text(names[i]), plotly_text(labels[j]),
             plotly_text(value_text(v, crit.kind, crit.lo, crit.hi, currency, locale))]
            for i, v in zip(order, raw)
        ]
        data.append({
            "type": "bar", "orientation": "h", "name": plotly_text(labels[j]),
            "x": [round(c, 4) for c in contrib], "y": y, "customdata": customdata,
            "marker": {"color": PALETTE[j % len(PALETTE)]},
            "hovertemplate": "%{customdata[0]}<br>%{customdata[1]}: %{customdata[2]}<br>%{x:.1f} " + points + "<extra></extra>",
        })
    layout = _base_layout(locale, i18n.t("chart.contrib_title", locale, n=len(order)))
    layout.update({
        "barmode": "stack",
        "height": max(280, 26 * len(order) + 180),
        "margin": {"l": 20 if rtl else 220, "r": 220 if rtl else 20, "t": 50, "b": 90},
        "xaxis": {"range": [100, 0] if rtl else [0, 100], "gridcolor": "#eee",
                  "fixedrange": True},
        "yaxis": {"autorange": "reversed", "side": "right" if rtl else "left", "automargin": True,
                  "type": "category", "fixedrange": True},
    })
    return {"data": data, "layout": layout}


def radar_figure(ranking: Ranking, locale: str = "en", top_n: int = 3) -> dict[str, Any]:
    """The top three's utilities (0–1) per criterion on a polar chart."""
    rtl = i18n.is_rtl(locale)
    labels = [plotly_text(lbl) for lbl in criterion_labels(ranking, locale)]
    data = []
    for k, i in enumerate(ranking.order[:top_n].tolist()):
        r = [round(x, 4) for x in ranking.utilities[i].tolist()]
        name = plotly_text(ranking.table.names[i])
        data.append({
            "type": "scatterpolar", "r": r + r[:1], "theta": labels + labels[:1], "fill": "toself", "opacity": 0.6,
            "name": f"{k + 1}. {name}", "customdata": [name] * (len(r) + 1),
            "line": {"color": PALETTE[k % len(PALETTE)]},
            "hovertemplate": "%{customdata}<br>%{theta}: %{r:.2f}<extra></extra>",
        })
    layout = _base_layout(locale, i18n.t("chart.radar_title", locale))
    layout.update({
        "height": 420,
        "margin": {"l": 60, "r": 60, "t": 60, "b": 60},
        "polar": {"radialaxis": {"range": [0, 1], "visible": True},
                  "angularaxis": {"direction": "clockwise" if rtl else "counterclockwise"}},
    })
    return {"data": data, "layout": layout}


def mime_bundle(figure: dict[str, Any]) -> dict[str, Any]:
    """What ``IPython.display.display(..., raw=True)`` needs for plotly's browser renderer."""
    return {PLOTLY_MIME: {**figure, "config": CONFIG}}


def render(output: Any, figure: dict[str, Any]) -> None:
    """Make ``figure`` the one thing an Output widget shows.

    Sets the widget's ``outputs`` (its synced state) instead of capturing a
    ``display`` call: that works from any callback, also a timer's outside a
    kernel message, and without a kernel at all.
    """
    output.outputs = ({"output_type": "display_data", "data": mime_bundle(figure), "metadata": {}},)


def figure_texts(figure: dict[str, Any]) -> list[str]:
    """Every string plotly would parse as text in a figure (for the escaping tests)."""
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key not in ("type", "orientation", "barmode", "fill", "side", "direction", "xanchor", "yanchor", "align"):
                    walk(value)
        elif isinstance(node, Sequence):
            for item in node:
                walk(item)

    walk(figure)
    return out
