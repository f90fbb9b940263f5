"""The ``freelancekit`` command: a thin shell over the core.

Each command lives in its own module with ``register(subparsers)``; bad input
ends with a one-line message on stderr and exit status 2, never a traceback.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from .. import __version__

COMMAND_MODULES = ("portfolio", "rank", "serve", "drafts", "records", "lab")
BAD_INPUT = 2


class ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, no usage dump
        self.exit(BAD_INPUT, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(prog="freelancekit", description="Rank your clients and draft upsell emails to the best ones.")
    parser.add_argument("--version", action="version", version=f"freelancekit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(f".{name}", __name__).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from ..errors import FreelancekitError, InvalidInput

    try:
        return int(args.func(args) or 0)
    except InvalidInput as exc:
        if len(exc.problems) == 1:
            print(f"freelancekit {args.command}: {exc.problems[0]}", file=sys.stderr)
        else:
            print(f"freelancekit {args.command}: {len(exc.problems)} problems:", file=sys.stderr)
            for p in exc.problems:
                print(f"  {p}", file=sys.stderr)
        return BAD_INPUT
    except FreelancekitError as exc:
        print(f"freelancekit {args.command}: {exc}", file=sys.stderr)
        return BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: say so in one line, details on request
        if os.environ.get("FREELANCEKIT_DEBUG"):
            raise
        print(f"freelancekit {args.command}: unexpected error ({type(exc).__name__}: {exc}); "
              "set FREELANCEKIT_DEBUG=1 for details and please report it", file=sys.stderr)
        return 1


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="PATH", help="portfolio file (default: $FREELANCEKIT_DB or your user data folder)")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
