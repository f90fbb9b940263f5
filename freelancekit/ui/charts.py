"""Plotly figures of a ranking, as plain plotly JSON (dicts).

Building the JSON directly (instead of ``plotly.graph_objects``) keeps the
kernel from importing plotly.py at all — it is the slowest import of the app
and validating figure objects costs more than the whole ranking. In a
notebook, ``plotly.graph_objects.Figure(fig)`` turns one into a figure object.

The page shows a figure in a chart widget (``render``): a small anywidget that
keeps one plot and gives it each new figure with ``Plotly.react``, which
updates the plot in place. Replacing an Output's plotly mime bundle instead
(as the app did) built a new plot on every weight change and, in JupyterLab's
plotly renderer, also rendered it to a PNG: 190 ms a change on the demo, about
500 ms with 1 000 clients (benchmarks/bench_app_latency.py). plotly.js comes
from the jupyterlab-plotly extension the page already loads (local, never a
CDN): the widget asks that extension's renderer for it.

Every piece of user text (client names, criterion labels, values) passes
through ``plotly_text`` so plotly shows it literally: no markup, no LaTeX.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from freelancekit.language import i18n
from freelancekit.language.numerals import format_number
from freelancekit.ui.common import plotly_text

if TYPE_CHECKING:
    from freelancekit.ranking.scoring import Ranking

CHART_TOP_N = 30  # the contribution chart shows at most this many clients (the table has all)
CONFIG = {"displaylogo": False, "responsive": True, "typesetMath": False,
          "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"]}
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
FONT_EN = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
FONT_AR = "'Noto Sans Arabic', 'Segoe UI', Tahoma, 'Arial', sans-serif"


def client_colours(names: Sequence[str]) -> dict[str, str]:
    """One colour per client for every chart: by the client's place among ``names`` in name order.

    The radar coloured the top three by rank and the records plots by their own
    order, so one client had two colours side by side. Every chart now passes
    every client's name (the portfolio's, then any name only the records know),
    so a client keeps its colour in every chart and while the ranking moves.
    """
    from freelancekit.portfolio.validation import name_key

    ordered = sorted(dict.fromkeys(names), key=name_key)
    return {name: PALETTE[n % len(PALETTE)] for n, name in enumerate(ordered)}


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
    colours = client_colours(ranking.table.names)
    data = []
    for k, i in enumerate(ranking.order[:top_n].tolist()):
        r = [round(x, 4) for x in ranking.utilities[i].tolist()]
        name = plotly_text(ranking.table.names[i])
        data.append({
            "type": "scatterpolar", "r": r + r[:1], "theta": labels + labels[:1], "fill": "toself", "opacity": 0.6,
            "name": f"{k + 1}. {name}", "customdata": [name] * (len(r) + 1),
            "line": {"color": colours[ranking.table.names[i]]},
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


# The chart widget's page side. plotly.js is taken from the jupyterlab-plotly extension (the page loads
# it for plotly's mime type, from the server: offline-safe); its renderer loads plotly.js on first use,
# so one tiny off-page draw makes it do so. Draws are serialised, and a burst of figures draws the last.
# Removing the view purges its plot (plotly's responsive charts keep a window "resize" listener until then).
_ESM = """
const MIME = "application/vnd.plotly.v1+json";
function plotly() {
  if (!globalThis.__freelancekitPlotly) {
    globalThis.__freelancekitPlotly = (async () => {
      const lab = window._JUPYTERLAB && window._JUPYTERLAB["jupyterlab-plotly"];
      if (!lab) {
        if (window.Plotly) return window.Plotly;
        throw new Error("plotly.js is missing: the jupyterlab-plotly extension is not installed");
      }
      const { RenderedPlotly } = (await lab.get("./mimeExtension"))();
      if (!RenderedPlotly.Plotly) {
        const probe = new RenderedPlotly({ mimeType: MIME });
        await probe.renderModel({ data: { [MIME]: { data: [], layout: {} } }, setData() {} });
        (RenderedPlotly.Plotly || window.Plotly).purge(probe.node);
        probe.dispose();
      }
      return RenderedPlotly.Plotly || window.Plotly;
    })();
  }
  return globalThis.__freelancekitPlotly;
}
export default {
  render({ model, el }) {
    const gd = document.createElement("div");
    el.appendChild(gd);
    let Plotly = null, drawn = false, gone = false, busy = false, again = false;
    async function draw() {
      if (busy) { again = true; return; }
      busy = true;
      try {
        do {
          again = false;
          const fig = model.get("figure");
          Plotly = Plotly || await plotly();
          if (gone) return;
          if (fig && fig.data) {
            const { data, layout } = structuredClone(fig);  // plotly keeps and amends what it is given
            await Plotly.react(gd, data, layout, model.get("config"));
            drawn = true;
          } else if (drawn) {
            Plotly.purge(gd);
            gd.replaceChildren();
            drawn = false;
          }
        } while (again && !gone);
      } catch (err) {
        console.error("freelancekit chart:", err);
      } finally {
        busy = false;
      }
    }
    model.on("change:figure", draw);
    draw();
    return () => {
      gone = true;
      model.off("change:figure", draw);
      if (Plotly && drawn) Plotly.purge(gd);
    };
  },
};
"""


@cache
def chart_widget_class() -> Any:
    """The chart widget (imported on first use: the page shows its charts late, and anywidget costs ~45 ms)."""
    import anywidget
    import traitlets

    class Chart(anywidget.AnyWidget):
        """One plotly figure (``figure``: {"data", "layout"}; {} shows nothing), updated in place."""

        _esm = _ESM
        figure = traitlets.Dict().tag(sync=True)
        config = traitlets.Dict(CONFIG).tag(sync=True)

    return Chart


def chart_box(*classes: str) -> Any:
    """Where ``render`` shows a figure: an empty box until the first figure, then that box with one chart widget."""
    import ipywidgets as w

    box = w.VBox()
    for name in classes:
        box.add_class(name)
    return box


def render(box: Any, figure: dict[str, Any]) -> None:
    """Make ``figure`` what the chart in ``box`` (from ``chart_box``) shows: the same plot, updated in place.

    Only synced state changes, so it works from any callback, also a timer's
    outside a kernel message, and without a kernel at all.
    """
    if box.children:
        box.children[0].figure = figure
    else:
        box.children = (chart_widget_class()(figure=figure),)


def clear(box: Any) -> None:
    """Show no figure in ``box`` (its chart widget, if any, stays for the next one)."""
    if box.children:
        box.children[0].figure = {}


def shown(box: Any) -> dict[str, Any] | None:
    """The figure ``box`` shows, or None."""
    return (box.children[0].figure or None) if box.children else None


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
