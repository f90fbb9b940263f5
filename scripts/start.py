#!/usr/bin/env python3
"""Set up and open the freelancekit app (on a demo portfolio the first time): ``python3 scripts/start.py``."""
from __future__ import annotations

import subprocess
import sys

from _bootstrap import BIN, ROOT, ensure_venv


def main() -> int:
    ensure_venv()
    exe = str(BIN / "freelancekit")
    # `serve` creates the demo portfolio when there is none yet (first run), then opens the app;
    # extra arguments (--db, --port, --no-browser) are passed through.
    try:
        return subprocess.call([exe, "serve", *sys.argv[1:]], cwd=ROOT)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
