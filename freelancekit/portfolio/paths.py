"""Where the portfolio lives unless the user says otherwise."""
from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "FREELANCEKIT_DB"


def default_db_path() -> Path:
    """``$FREELANCEKIT_DB`` if set, else ``portfolio.sqlite`` in the user's data dir."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("freelancekit", appauthor=False) / "portfolio.sqlite"
