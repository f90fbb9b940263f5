"""The ``freelancekit`` command: a thin shell over the core.

Each command lives in its own module with ``register(subparsers, say)``; ``say``
gives each help text by its i18n key (``cli.help.*``) in the user's language,
so ``--help`` speaks it too, with argparse's own words (its ``argparse`` catalog, ``argparse_words``). An
error ends with a message on stderr in the user's language (``--lang``, else
the portfolio's) and an exit status that says what to do (docs/errors.md): 2
fix the input, 1 something else failed, 75 busy: try again; never a traceback.
May import every core package (``language`` to ``drafts``); never ``ui`` or ``hub``.
"""
from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from freelancekit import __version__
from freelancekit.cli import argparse_words

COMMAND_MODULES = ("portfolio", "profile", "rank", "serve", "drafts", "records", "lab")
BAD_INPUT = 2  # errors.EXIT_INPUT; argparse errors exit with it too
Say = Callable[..., str]  # a text by its i18n key, in the user's language and digits: say("cli.help.rank.weight")


def _usage_args(argv: Sequence[str]) -> argparse.Namespace:
    """``--lang``, ``--digits`` and ``--db`` wherever they are in the command line (before it is parsed, or when it cannot be)."""
    from freelancekit.language.i18n import LOCALES
    from freelancekit.language.numerals import DIGITS

    args = argparse.Namespace(lang=None, digits=None, db=None)
    for i, word in enumerate(argv):
        for name in ("lang", "digits", "db"):
            if word == f"--{name}" and i + 1 < len(argv):
                setattr(args, name, argv[i + 1])
            elif word.startswith(f"--{name}="):
                setattr(args, name, word.partition("=")[2])
    if args.lang not in LOCALES:
        args.lang = None
    if args.digits not in DIGITS:
        args.digits = None
    return args


class ArgumentParser(argparse.ArgumentParser):
    """argparse, speaking the language it was built in (``language``; a command's parser speaks its parent's)."""

    language: str | None = None

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:  # its "unrecognized arguments" is worded here
        with self._speaking():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        with self._speaking():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with self._speaking():
            return super().format_usage()

    def format_help(self) -> str:
        with self._speaking():
            return super().format_help()

    def error(self, message: str) -> NoReturn:  # one line, no usage dump, in the user's language (argparse worded the message)
        locale = argparse_words.language() or self.language or "en"
        self.exit(BAD_INPUT, t("cli.argparse.line", locale, prog=self.prog, message=message) + "\n")

    def _speaking(self) -> Any:
        return argparse_words.speaking(self.language) if self.language else contextlib.nullcontext()


def build_parser(locale: str = "en", digits: str | None = None) -> ArgumentParser:
    """The whole command line, its help texts in ``locale`` (``main`` passes the command line's own language)."""

    def say(key: str, **values: object) -> str:
        return t(key, locale, digits=digits, **values)

    with argparse_words.speaking(locale):  # argparse words its titles and -h's help as the parsers are made
        parser = ArgumentParser(prog="freelancekit", description=say("cli.help.freelancekit"))
        parser.language = locale
        parser.add_argument("--version", action="version", version=f"freelancekit {__version__}", help=say("cli.help.version"))
        add_lang_option(parser, say)  # also before the command: 'freelancekit --lang ar --help'
        sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)
        sub.required = True
        for name in COMMAND_MODULES:
            importlib.import_module(f".{name}", __name__).register(sub, say)
        for command in leaf_commands(parser):
            add_lang_option(command, say)
        name_commands(parser, say)
    return parser


def name_commands(parser: argparse.ArgumentParser, say: Say) -> None:
    """A list of commands is titled "commands" (argparse would say "positional arguments"), and a
    command's help in that list is also the description atop its own ``--help``."""
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if groups:
        parser._positionals.title = say("cli.argparse.commands")
    for group in groups:
        for listed in group._choices_actions:
            command = group.choices[listed.dest]
            command.description = command.description or listed.help
            name_commands(command, say)


def leaf_commands(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The parsers that run something: every command, and every subcommand of a group (``records import``)."""
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not groups:
        return [parser]
    return [leaf for sub in groups[0].choices.values() for leaf in leaf_commands(sub)]


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    usage = _usage_args(words)
    locale, digits = speaking(usage)  # one read of the saved profile, for --help and for the command
    args = build_parser(locale, digits).parse_args(words)
    from freelancekit.errors import EXIT_FAILURE, EXIT_INTERRUPTED, FreelancekitError

    args.lang_given = getattr(args, "lang", None) is not None  # a --lang on the command line (drafts: their language too)
    if getattr(args, "db", None) == usage.db:  # the portfolio read above
        args.lang = getattr(args, "lang", None) or locale  # unset unless given (see add_lang_option)
        args.digits = getattr(args, "digits", None) or digits
    else:  # argparse read the command line otherwise (an abbreviated --db, say)
        args.lang, args.digits = speaking(args)
    command = " ".join(filter(None, [args.command, *(getattr(args, f"{part}_command", None) for part in ("records", "profile", "profile_part"))]))
    try:
        return int(args.func(args) or 0)
    except FreelancekitError as exc:
        print(error_report(exc, command, args.lang, args.digits), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: say so in one line, details on request
        if os.environ.get("FREELANCEKIT_DEBUG"):
            raise
        print(f"{line_start(command, args.lang)}{t('cli.unexpected', args.lang, error=f'{type(exc).__name__}: {exc}')}", file=sys.stderr)
        return EXIT_FAILURE


def t(key: str, locale: str, *, digits: str | None = None, **values: object) -> str:
    from freelancekit.language.i18n import t as translate

    return translate(key, locale, digits=digits, **values)


def speaking(args: argparse.Namespace) -> tuple[str, str]:
    """Language and digits: ``--lang`` and ``--digits`` if given, else those saved in the portfolio
    (the app's switches, one read for both), else English and Latin digits."""
    lang, digits = getattr(args, "lang", None), getattr(args, "digits", None)
    if not (lang and digits):
        saved = _saved_profile(args)
        lang = lang or (saved.locale if saved is not None else "en")
        digits = digits or (saved.digits if saved is not None else "latn")
    return str(lang), str(digits)


def _saved_profile(args: argparse.Namespace) -> Any:
    """The portfolio's profile, read only, or None when there is no readable portfolio (the command will say why)."""
    from pathlib import Path

    from freelancekit.portfolio.paths import default_db_path
    from freelancekit.portfolio.storage import Store

    path = getattr(args, "db", None) or default_db_path()
    try:
        if not Path(path).is_file():
            return None
        with Store(path, create=False, read_only=True) as store:
            return store.profile()
    except Exception:  # noqa: BLE001 - no readable portfolio: the command itself will say why
        return None


def error_report(exc: BaseException, command: str, locale: str, digits: str | None = None) -> str:
    """What the CLI prints for an error: the sentence, then (CLI only) the flag that fixes it."""
    from freelancekit.errors import InvalidInput
    from freelancekit.language.l10n import plural
    from freelancekit.language.wording import cli_advice, error_text, join_sentences, problem_line

    advice = cli_advice(exc, locale)
    if isinstance(exc, InvalidInput) and len(exc.problems) > 1:
        head = plural("cli.problems", len(exc.problems), locale, digits)
        lines = [f"  {problem_line(p, locale, digits=digits, isolate=False)}" for p in exc.problems]
        return "\n".join([f"{line_start(command, locale)}{head}", *lines, *([f"  {advice}"] if advice else [])])
    text = error_text(exc, locale, digits=digits, isolate=False)
    return f"{line_start(command, locale)}{join_sentences([text, advice], locale) if advice else text}"


def line_start(command: str, locale: str | None) -> str:
    """'freelancekit import: ' before an error; in Arabic after a RIGHT-TO-LEFT MARK, so a terminal or editor that takes
    a line's direction from its first strong letter shows the Arabic line right to left, not from the Latin name."""
    from freelancekit.language.bidi import RLM
    from freelancekit.language.i18n import is_rtl

    return f"{RLM if is_rtl(locale) else ''}freelancekit {command}: "


def add_db_option(parser: argparse.ArgumentParser, say: Say) -> None:
    parser.add_argument("--db", metavar="PATH", help=say("cli.help.db"))


def add_lang_option(parser: argparse.ArgumentParser, say: Say) -> None:
    """``--lang`` and ``--digits``, on the top level and on every command: unset unless given, so that
    one given before the command ('freelancekit --lang ar rank') is not unset by the command's own."""
    from freelancekit.language.i18n import LOCALES
    from freelancekit.language.numerals import DIGITS

    parser.add_argument("--lang", choices=LOCALES, default=argparse.SUPPRESS, help=say("cli.help.lang"))
    parser.add_argument("--digits", choices=DIGITS, default=argparse.SUPPRESS,
                        help=say("cli.help.digits", latn="123", arab="١٢٣"))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
