"""Plotly figures of the records, as plain plotly JSON (as ``charts`` does): monthly revenue and
effective rate per client, and the days late of each due invoice (docs/records.md, "Plots")."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from freelancekit.language import i18n
from freelancekit.ui.charts import PALETTE, _base_layout, client_colours
from freelancekit.ui.common import plotly_text

if TYPE_CHECKING:
    import pandas as pd

TOP_CLIENTS = 8  # the monthly plot follows the clients with the most revenue; the summary has all
_NAME = "\x00"  # where the client's name goes: plotly fills it from the trace (never parsed as a template)


def _hover(key: str, locale: str, **facts: str) -> str:
    """A hover template: our text escaped, ``[[y]]`` turned into plotly's ``%{y}``, the name taken from the trace."""
    text = plotly_text(i18n.t(f"records.plot.{key}", locale, client=_NAME, **facts))
    return text.replace("[[", "%{").replace("]]", "}").replace(_NAME, "%{fullData.name}")


def monthly_figure(monthly: pd.DataFrame, locale: str = "en", currency: str = "USD", clients: list[str] | None = None,
                   colours: dict[str, str] | None = None) -> dict[str, Any]:
    """Bars: revenue per month; lines on a second axis: effective rate per month; one colour per client.

    ``colours``: every client's colour (``charts.client_colours``), the same in every chart.
    """
    names = clients if clients is not None else list(dict.fromkeys(monthly["client"]))[:TOP_CLIENTS]
    colours = colours if colours is not None else client_colours(names)
    data: list[dict[str, Any]] = []
    for n, name in enumerate(names):
        rows = monthly[monthly["client"] == name]
        months = [m.strftime("%Y-%m") for m in rows["month"]]
        colour = colours.get(name, PALETTE[n % len(PALETTE)])
        label = plotly_text(name)
        data.append({"type": "bar", "name": label, "legendgroup": label, "x": months,
                     "y": [None if v != v else float(v) for v in rows["revenue"]], "marker": {"color": colour},
                     "hovertemplate": _hover("revenue_hover", locale, currency=currency) + "<extra></extra>"})
        data.append({"type": "scatter", "mode": "lines+markers", "name": label, "legendgroup": label, "showlegend": False,
                     "x": months, "y": [None if v != v else float(v) for v in rows["effective_rate"]], "yaxis": "y2",
                     "line": {"color": colour, "dash": "dot"},
                     "hovertemplate": _hover("rate_hover", locale, currency=currency) + "<extra></extra>"})
    layout = _base_layout(locale, i18n.t("records.plot.monthly_title", locale))
    layout.update(barmode="group", height=380, margin={"l": 60, "r": 60, "t": 50, "b": 80},
                  xaxis={"type": "category", "title": {"text": plotly_text(i18n.t("records.plot.month", locale))}},
                  yaxis={"title": {"text": plotly_text(i18n.t("records.plot.revenue_axis", locale, currency=currency))}},
                  yaxis2={"title": {"text": plotly_text(i18n.t("records.plot.rate_axis", locale, currency=currency))},
                          "overlaying": "y", "side": "right", "rangemode": "tozero"})
    return {"data": data, "layout": layout}


def days_late_figure(invoices: pd.DataFrame, locale: str = "en", colours: dict[str, str] | None = None) -> dict[str, Any]:
    """One marker per due invoice: its due date and days late, one colour per client (``colours``, as in every chart)."""
    due = invoices[invoices["due_now"]].sort_values("due")
    colours = colours if colours is not None else client_colours([str(c) for c in due["client"]])
    data: list[dict[str, Any]] = []
    for n, (name, rows) in enumerate(due.groupby("client", sort=False)):
        data.append({"type": "scatter", "mode": "markers", "name": plotly_text(str(name)),
                     "x": [d.strftime("%Y-%m-%d") for d in rows["due"]], "y": [float(v) for v in rows["days_late"]],
                     "text": [plotly_text(str(x)) for x in rows["number"]], "marker": {"color": colours.get(str(name), PALETTE[n % len(PALETTE)]), "size": 9},
                     "hovertemplate": _hover("late_hover", locale) + "<extra></extra>"})
    layout = _base_layout(locale, i18n.t("records.plot.late_title", locale))
    layout.update(height=340, margin={"l": 60, "r": 30, "t": 50, "b": 80},
                  xaxis={"title": {"text": plotly_text(i18n.t("records.plot.due_axis", locale))}},
                  yaxis={"title": {"text": plotly_text(i18n.t("records.plot.late_axis", locale))}, "rangemode": "tozero"})
    return {"data": data, "layout": layout}
