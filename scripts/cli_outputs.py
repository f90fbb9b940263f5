#!/usr/bin/env python3
"""Every command-line output of the language test, recorded, to compare two versions of the code.

``python3 scripts/cli_outputs.py record OUT.jsonl`` runs tests/test_cli_language.py
(every command and ``--help``, in English and Arabic) and keeps what each printed;
``python3 scripts/cli_outputs.py diff BEFORE.jsonl AFTER.jsonl`` lists the outputs
that differ, with temporary paths, ports and clock times masked. A refactoring
should show no difference; a wording change shows exactly the texts it meant to change.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MASKS = ((re.compile(r"/tmp/pytest-of-[^/]+/pytest-\d+/[^/\s]+?\d+(?=[/\s])"), "<tmp>"),
         (re.compile(r"127\.0\.0\.1:\d+"), "127.0.0.1:<port>"), (re.compile(r"--port \d+"), "--port <port>"),
         (re.compile(r"\b\d\d:\d\d\b"), "<hh:mm>"))


def masked(text: str) -> str:
    for pattern, mask in MASKS:
        text = pattern.sub(mask, text)
    return text


def record(out: Path) -> int:
    out.unlink(missing_ok=True)
    env = {**os.environ, "FREELANCEKIT_RECORD_CLI": str(out.resolve())}
    return subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_cli_language.py"],
                           cwd=ROOT, env=env, timeout=1800)


def load(path: Path) -> dict[tuple[str, str], list[tuple[int, str, str]]]:
    runs: dict[tuple[str, str], list[tuple[int, str, str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        runs.setdefault((r["test"], masked(" ".join(r["argv"]))), []).append((r["code"], masked(r["out"]), masked(r["err"])))
    return runs


def diff(before: Path, after: Path) -> int:
    a, b = load(before), load(after)
    changed = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    for test, argv in changed:
        print(f"== {test}\n   freelancekit {argv}")
        for was, now in zip(a.get((test, argv), [(None, "", "")]), b.get((test, argv), [(None, "", "")])):
            print(f"   before: {was}\n   after:  {now}")
    print(f"{len(a)} commands before, {len(b)} after, {len(changed)} differ")
    return 1 if changed else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["record"] and len(sys.argv) == 3:
        sys.exit(record(Path(sys.argv[2])))
    if sys.argv[1:2] == ["diff"] and len(sys.argv) == 4:
        sys.exit(diff(Path(sys.argv[2]), Path(sys.argv[3])))
    sys.exit(__doc__)
