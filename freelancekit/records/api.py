"""The records operations the CLI and the app share: import a file, measure the clients."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from freelancekit.portfolio.storage import Store
from freelancekit.records.currency import load_in_profile_currency, with_currencies
from freelancekit.records.measures import Window, summary_frame
from freelancekit.records.parse import parse_records
from freelancekit.records.problems import RecordsFileError, problem
from freelancekit.records.store import RecordsPart, RecordsResult


def import_records(store: Store, data: bytes, *, source: str | None = None, valid_only: bool = False) -> RecordsResult:
    """All or nothing (or the valid rows with ``valid_only``); the same file twice stores nothing new."""
    return RecordsPart(store).save(parse_records(data, source), valid_only=valid_only)


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
    records, conversion = load_in_profile_currency(store)
    frame = summary_frame(records, Window.of(since, until))
    return with_currencies(frame, conversion)
