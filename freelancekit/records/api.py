"""The records operations the CLI and the app share: import a file (after a preview), measure the clients."""
from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from freelancekit.portfolio.storage import Store
from freelancekit.records.currency import load_money
from freelancekit.records.mapping import header_key
from freelancekit.records.measures import Window, summary_frame, summary_records
from freelancekit.records.parse import ParsedRecords, parse_records
from freelancekit.records.problems import RecordsFileError, problem
from freelancekit.records.store import RecordsPart, RecordsResult
from freelancekit.records.table import open_table


@dataclass
class ImportPlan:
    """A file read and checked, not yet stored: what the preview shows is exactly what ``store_import`` saves."""

    parsed: ParsedRecords
    header: str  # mapping.header_key of the file
    mapping: dict[str, str] = field(default_factory=dict)  # column -> field ({} for a known format)
    dates: str | None = None  # the date order the user gave (or remembered), when the file could not tell
    remembered: bool = False  # read with what was remembered for this header


def plan_import(store: Store, data: bytes, *, source: str | None = None, mapping: Mapping[str, str] | None = None,
                dates: str | None = None) -> ImportPlan:
    """Read ``data`` as it would be stored; a mapping or date order remembered for its header fills what is not given."""
    key = header_key(open_table(data).names)
    remembered = False
    saved = RecordsPart(store).remembered(key) if (mapping is None and source is None) or dates is None else None
    if saved is not None:
        saved_mapping, saved_order = saved
        if mapping is None and source is None and saved_mapping:
            mapping, remembered = saved_mapping, True
        if dates is None and saved_order:
            dates, remembered = saved_order, True
    parsed = parse_records(data, source, mapping=mapping, dates=dates)
    return ImportPlan(parsed, key, dict(mapping or {}), dates if parsed.date_order == dates else None, remembered)


def store_import(store: Store, plan: ImportPlan, *, valid_only: bool = False) -> RecordsResult:
    """Save what ``plan_import`` read, and remember its mapping and date order for the header (one transaction)."""
    remember = (plan.header, plan.mapping, plan.dates) if plan.mapping or plan.dates else None
    return RecordsPart(store).save(plan.parsed, valid_only=valid_only, remember=remember)


def import_records(store: Store, data: bytes, *, source: str | None = None, valid_only: bool = False,
                   mapping: Mapping[str, str] | None = None, dates: str | None = None) -> RecordsResult:
    """All or nothing (or the valid rows with ``valid_only``); the same file twice stores nothing new."""
    return store_import(store, plan_import(store, data, source=source, mapping=mapping, dates=dates), valid_only=valid_only)


def preview(store: Store, plan: ImportPlan) -> list[dict[str, Any]]:
    """Every client's figures as they would be after the import, from the file's first day through today.

    Worked out on a copy of the portfolio, so the preview is the import's own arithmetic and stores nothing.
    """
    parsed = plan.parsed
    days = pd.concat([parsed.time["start"], parsed.invoices["issued"], parsed.payments["paid_on"]]).dropna()
    since = days.min().date() if len(days) else None
    with tempfile.TemporaryDirectory() as folder:
        copy_path = store.backup(Path(folder) / "preview.sqlite")
        with Store(copy_path) as copy:
            RecordsPart(copy).save(parsed, valid_only=True)
            return summary_records(summary(copy, since, max(date.today(), since) if since else None))


def preview_figures(store: Store, plan: ImportPlan) -> list[dict[str, Any]]:
    """The preview's rows of the clients the file names or the portfolio has: what both front ends show."""
    names = set(RecordsPart(store).client_names().values()) | set(plan.parsed.clients())
    return [r for r in preview(store, plan) if r["client"] in names]


def figures_line(row: Mapping[str, Any], locale: str) -> str:
    """One client's figures after the import, worded: "Acme: revenue 1200.00 · hours 10.50 · invoices 2 · on time 50%"."""
    from freelancekit.language import i18n

    return i18n.t("records.cli.preview_client", locale, client=row["client"], revenue=_cell(row["revenue"]),
                  hours=_cell(row["hours"]), invoices=row["invoices"],
                  on_time="—" if row["on_time_pct"] is None else f"{row['on_time_pct']:.0f}%")


def not_used_line(parsed: ParsedRecords, locale: str) -> str | None:
    """Every column of the file the import does not read, named as the file names it (None when all are read)."""
    from freelancekit.language import i18n
    from freelancekit.language.l10n import join_list

    return i18n.t("records.cli.not_used", locale, columns=join_list(parsed.unused, locale)) if parsed.unused else None


def _cell(value: Any) -> str:
    return "" if value is None else f"{value:.2f}" if isinstance(value, float) else str(value)


def read_records_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise RecordsFileError(problem("is_folder", path=str(path))) from None
    except FileNotFoundError:
        raise RecordsFileError(problem("no_file", path=str(path))) from None
    except OSError as exc:
        raise RecordsFileError(problem("unreadable", path=str(path), reason=exc.strerror or str(exc))) from None


def summary(store: Store, since: date | None = None, until: date | None = None) -> pd.DataFrame:
    """The measured figures of every client with records, over the window (docs/records.md)."""
    records, money = load_money(store)
    return summary_frame(records, Window.of(since, until), money)
