#!/usr/bin/env python3
"""Regenerate docs/examples/ (the demo drafts) from the current templates: ``python scripts/make_examples.py``.

tests/test_examples.py fails when the committed files differ from what the code writes now.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from freelancekit.drafts.examples import example_files  # noqa: E402


def main() -> int:
    folder = ROOT / "docs" / "examples"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in example_files().items():
        (folder / name).write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {folder / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
