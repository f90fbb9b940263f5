"""How much of the income depends on one or two clients (docs/records.md, "Income concentration")."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

ONE_CLIENT = 0.50  # one client brings more than this share: a warning
TWO_CLIENTS = 0.70  # the top two together bring more than this share: a warning


@dataclass(frozen=True)
class Concentration:
    top: str | None
    top_share: float  # 0-1
    top_two: tuple[str, ...]
    top_two_share: float
    herfindahl: float  # sum of squared shares: 1 = one client brings everything, 1/n = n equal parts
    clients: int  # clients with revenue

    @property
    def one_client_risk(self) -> bool:
        return self.top_share > ONE_CLIENT

    @property
    def two_client_risk(self) -> bool:
        return self.top_two_share > TWO_CLIENTS and len(self.top_two) == 2

    def raises_risk(self, client: str) -> bool:
        """Whether more income from ``client`` would deepen the dependency the warning is about.

        With one client above half, only that client (work from anyone else spreads the income);
        otherwise, with the top two above 70 %, either of them.
        """
        if self.one_client_risk:
            return client == self.top
        return self.two_client_risk and client in self.top_two


def concentration(shares: Mapping[str, float]) -> Concentration | None:
    """From each client's income share (0-1); None when no one brought income."""
    s = pd.Series({k: float(v) for k, v in shares.items() if v is not None and v == v and v > 0}, dtype=float)
    if s.empty or s.sum() <= 0:
        return None
    s = (s / s.sum()).sort_values(ascending=False, kind="stable")
    top_two = tuple(s.index[:2])
    return Concentration(str(s.index[0]), float(s.iloc[0]), top_two, float(s.iloc[:2].sum()),
                         float((s ** 2).sum()), len(s))


def from_summary(frame: pd.DataFrame) -> Concentration | None:
    return concentration(dict(zip(frame["client"], frame["income_share"])))
