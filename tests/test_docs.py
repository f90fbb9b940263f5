"""The docs keep up with the code: every command is in the README's table and explains itself,
and every reference in code and tests resolves to a file in this repository.

The commands are read from the CLI's own parser, so a new command or option is checked the
moment it is registered (the pattern of sqlite-utils' tests/test_docs.py).
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from freelancekit.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CODE_DIRS = ("freelancekit", "tests", "scripts", "benchmarks", "notebooks")


def _subcommands(parser: argparse.ArgumentParser, prefix: str = "") -> list[tuple[str, argparse.ArgumentParser, str]]:
    """(full command, its parser, its help text) for every command and nested command."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                full = f"{prefix} {name}".strip()
                found.append((full, sub, helps.get(name, "")))
                found += _subcommands(sub, full)
    return found


COMMANDS = _subcommands(build_parser())
TABLE_ROWS = [line for line in README.splitlines() if line.startswith("| `freelancekit ")]


def test_the_parser_has_commands():
    assert {"demo", "import", "export", "rank", "drafts", "serve"} <= {c for c, _p, _h in COMMANDS}


@pytest.mark.parametrize("command", [c for c, _p, _h in COMMANDS])
def test_every_command_is_in_the_readme_command_table(command):
    pattern = re.compile(rf"^\| `freelancekit {re.escape(command)}(?=[ `])")
    assert any(pattern.match(row) for row in TABLE_ROWS), (
        f"add a row for 'freelancekit {command}' to the command table in README.md (Using it from the command line)")


@pytest.mark.parametrize(("command", "parser", "text"), COMMANDS, ids=[c for c, _p, _h in COMMANDS])
def test_every_command_and_option_has_help_text(command, parser, text):
    assert text.strip(), f"'freelancekit {command}' has no help= text"
    for action in parser._actions:
        if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)) or action.help == argparse.SUPPRESS:
            continue  # hidden on purpose: for tests and benchmarks
        name = "/".join(action.option_strings) or action.dest
        assert action.help and action.help.strip(), (
            f"'freelancekit {command}' {name} has no help= text")


# -- references that resolve --------------------------------------------------------------
# what no file may point to: the spec the project started from, issue numbers, work groups (none is in the repository)
UNRESOLVED = re.compile(r"\bSPEC\b|§|\b[Ii]ssue #?\d+|\b[Gg]roup \d+")


def _code_files() -> list[Path]:
    files = []
    for folder in CODE_DIRS:
        files += [p for p in (ROOT / folder).rglob("*") if p.suffix in (".py", ".ipynb", ".j2", ".md") and ".venv" not in p.parts]
    return [p for p in files if p != Path(__file__).resolve()]


def test_no_reference_points_outside_the_repository():
    found = [f"{p.relative_to(ROOT)}:{n}: {line.strip()[:80]}"
             for p in _code_files()
             for n, line in enumerate(p.read_text(encoding="utf-8", errors="replace").splitlines(), start=1)
             if UNRESOLVED.search(line)]
    assert not found, "say it in place or point to docs/ (docs/data.md, docs/ranking.md ...):\n" + "\n".join(found)


def test_every_docs_file_the_code_names_exists():
    named = {m for p in _code_files() for m in re.findall(r"docs/[\w./-]+\.md", p.read_text(encoding="utf-8", errors="replace"))}
    missing = sorted(n for n in named if not (ROOT / n).is_file())
    assert not missing, f"code points to docs that do not exist: {missing}"
