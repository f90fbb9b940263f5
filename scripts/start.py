#!/usr/bin/env python3
"""Set up and start freelancekit on the demo portfolio: ``python3 scripts/start.py``."""
from __future__ import annotations

import subprocess
import sys

from _bootstrap import BIN, ROOT, ensure_venv


def main() -> int:
    ensure_venv()
    exe = str(BIN / "freelancekit")
    args = sys.argv[1:]
    # First run: the demo portfolio, so there is something to look at straight away.
    if subprocess.run([exe, "demo"], cwd=ROOT, capture_output=True).returncode not in (0, 2):
        print("could not create the demo portfolio", file=sys.stderr)
    return subprocess.call([exe, "rank", *args], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
