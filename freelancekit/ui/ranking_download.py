"""Download the ranking as CSV or XLSX: the rows of ``freelancekit rank --format csv``.

The files are made on request (a button), not on every weight change: the
links carry the file itself (data: URIs), and are dropped as soon as the
ranking changes, so a link never holds an older ranking than the table shows.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w

from freelancekit.language import i18n
from freelancekit.ui import dom
from freelancekit.ui.common import classed, data_uri_link, guarded, html_text

if TYPE_CHECKING:
    from freelancekit.ranking.scoring import Ranking
    from freelancekit.ui.common import AppState

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RankingDownload:
    def __init__(self, state: AppState):
        self.state = state
        self.locale = locale = state.locale
        self.ranking: Ranking | None = None
        self.prepare = classed(w.Button(description=i18n.t("ranking.prepare", locale), icon="download",
                                           layout=w.Layout(width="auto")), dom.RANKING_PREPARE)
        self.prepare.on_click(self._prepare)
        self.links = classed(w.HTML(value=""), dom.RANKING_LINKS)
        heading = w.HTML(value=f"<h4>{html_text(i18n.t('ranking.download', locale))}</h4>")
        self.widget = w.VBox([heading, w.HBox([self.prepare, self.links])])

    def show(self, ranking: Ranking | None, page_places: list[int] | None = None) -> None:
        if ranking is not self.ranking:
            self.links.value = ""
        self.ranking = ranking
        self.prepare.disabled = ranking is None

    @guarded
    def _prepare(self, _b: Any = None) -> None:
        from freelancekit.ranking.export import ranking_csv_bytes, ranking_xlsx_bytes

        self.state.catch_up()  # another tab's saves first: the file holds the saved truth
        if self.ranking is None:
            return
        loc = self.locale
        csv_link = data_uri_link(ranking_csv_bytes(self.ranking), "text/csv", "ranking.csv", i18n.t("ranking.csv", loc), dom.RANKING_CSV)
        xlsx_link = data_uri_link(ranking_xlsx_bytes(self.ranking), XLSX_MIME, "ranking.xlsx", i18n.t("ranking.xlsx", loc), dom.RANKING_XLSX)
        self.links.value = f"{csv_link} &nbsp; {xlsx_link}"
