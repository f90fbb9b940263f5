"""Time entries kept as one column block per import, inside the portfolio file.

A time report has tens of thousands of rows that are only ever read whole (to
measure) and never edited one by one, so each import stores its new entries as
one BLOB of columns: NumPy arrays in an ``.npz`` (loaded with
``allow_pickle=False``: a portfolio from elsewhere can hold no code) and the
names as JSON. 100 000 entries are one ~4 MB write instead of 100 000 rows
(docs/records.md, "Storage and re-import").
"""
from __future__ import annotations

import io
import json
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

_NUMERIC = ("fingerprint", "client", "start", "hours", "billable", "amount", "project", "currency")


@dataclass(frozen=True)
class TimeBlock:
    """Time entries as columns; ``client``/``project`` are indices into ``clients``/``projects``."""

    fingerprint: np.ndarray  # int64
    client: np.ndarray  # int32
    start: np.ndarray  # int64 seconds since 1970 (local time as the report writes it)
    hours: np.ndarray  # float64
    billable: np.ndarray  # bool
    amount: np.ndarray  # float64, NaN = no amount
    project: np.ndarray  # int32
    currency: np.ndarray  # int32 index into ``currencies``
    clients: list[str]
    keys: list[str]  # match_key of each of ``clients``
    projects: list[str]
    currencies: list[str]  # each entry's own currency as its export stated it ('' = its client's)

    def __len__(self) -> int:
        return len(self.fingerprint)

    def to_bytes(self) -> bytes:
        names = json.dumps({"clients": self.clients, "keys": self.keys, "projects": self.projects, "currencies": self.currencies},
                           ensure_ascii=False)
        buf = io.BytesIO()
        np.savez(buf, names=np.frombuffer(names.encode("utf-8"), dtype=np.uint8), **{k: getattr(self, k) for k in _NUMERIC})
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, blob: bytes) -> TimeBlock:
        with np.load(io.BytesIO(blob), allow_pickle=False) as z:
            names = json.loads(z["names"].tobytes().decode("utf-8"))
            arrays: dict[str, np.ndarray] = {k: z[k] for k in _NUMERIC if k in z.files}
            # a block saved before entries kept their currency: every entry in its client's
            arrays.setdefault("currency", np.zeros(len(arrays["fingerprint"]), dtype=np.int32))
            return cls(**arrays, clients=names["clients"], keys=names["keys"], projects=names["projects"],
                       currencies=names.get("currencies", [""]))

    @classmethod
    def empty(cls) -> TimeBlock:
        ints, floats = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=float)
        return cls(ints, ints.astype(np.int32), ints, floats, np.zeros(0, dtype=bool), floats, ints.astype(np.int32),
                   ints.astype(np.int32), [], [], [], [""])

    def take(self, mask: np.ndarray) -> TimeBlock:
        return replace(self, **{k: getattr(self, k)[mask] for k in _NUMERIC})

    def frame(self) -> pd.DataFrame:
        """client (as written), client_key, start (datetime64), hours, billable, amount, currency ('' = the client's)."""
        clients = np.array(self.clients + [""], dtype=object)[:-1]
        keys = np.array(self.keys + [""], dtype=object)[:-1]
        currencies = np.array(self.currencies + [""], dtype=object)[:-1]
        return pd.DataFrame({
            "client": clients[self.client], "client_key": keys[self.client],
            "start": self.start.astype("datetime64[s]").astype("datetime64[ns]"),
            "hours": self.hours, "billable": self.billable, "amount": self.amount, "currency": currencies[self.currency],
        })


def block(fingerprints: np.ndarray, clients: pd.Series, keys_of: dict[str, str], start: pd.Series, hours: pd.Series,
          billable: np.ndarray, amount: pd.Series, projects: pd.Series, currencies: pd.Series) -> TimeBlock:
    client_codes, client_names = pd.factorize(clients)
    project_codes, project_names = pd.factorize(projects)
    currency_codes, currency_names = pd.factorize(pd.Series(currencies, dtype=object).fillna(""))
    names = [str(n) for n in client_names]
    return TimeBlock(
        fingerprints.astype(np.int64), client_codes.astype(np.int32),
        start.to_numpy(dtype="datetime64[s]").astype(np.int64), hours.to_numpy(dtype=float),
        np.asarray(billable, dtype=bool), amount.to_numpy(dtype=float), project_codes.astype(np.int32),
        currency_codes.astype(np.int32), names, [keys_of[n] for n in names], [str(p) for p in project_names],
        [str(c) for c in currency_names] or [""])
