"""The ``freelancekit`` command: a thin shell over the core.

Each command lives in its own module with ``register(subparsers, say)``; ``say``
gives each help text by its i18n key (``cli.help.*``) in the user's language,
so ``--help`` speaks it too, with argparse's own words (``cli.argparse.*``). An
error ends with a message on stderr in the user's language (``--lang``, else
the portfolio's) and an exit status that says what to do (docs/errors.md): 2
fix the input, 1 something else failed, 75 busy: try again; never a traceback.
May import every core package (``language`` to ``drafts``); never ``ui`` or ``hub``.
"""
from __future__ import annotations

import argparse
import functools
import importlib
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from freelancekit import __version__

COMMAND_MODULES = ("portfolio", "rank", "serve", "drafts", "records", "lab")
BAD_INPUT = 2  # errors.EXIT_INPUT; argparse errors exit with it too
Say = Callable[..., str]  # a text by its i18n key, in the user's language and digits: say("cli.help.rank.weight")


_ARGV: list[str] = []  # the command line being parsed: its --lang (or --db) names the language of argparse's errors

# argparse's own error sentences (Python's English), by what they say: key, pattern
_ARGPARSE_ERRORS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((k, re.compile(p)) for k, p in (
    ("unrecognized", r"unrecognized arguments: (?P<args>.*)"),
    ("required", r"the following arguments are required: (?P<args>.*)"),
    ("invalid_choice", r"argument (?P<option>\S+): invalid choice: '(?P<value>.*)' \(choose from (?P<choices>.*)\)"),
    ("expected_one", r"argument (?P<option>\S+): expected one argument"),
    ("not_a_date", r"argument (?P<option>\S+): '(?P<value>.*)' is not a date: write it as YYYY-MM-DD"),
    ("not_a_number", r"argument (?P<option>\S+): invalid int value: '(?P<value>.*)'"),
    ("invalid_value", r"argument (?P<option>\S+): invalid \S+ value: '(?P<value>.*)'"),
    ("takes_no_value", r"argument (?P<option>\S+): ignored explicit argument '(?P<value>.*)'"),
    ("not_together", r"argument (?P<option>\S+): not allowed with argument (?P<other>\S+)"),
    ("ambiguous", r"ambiguous option: (?P<option>\S+) could match (?P<choices>.*)"),
))


def argparse_message(message: str, locale: str) -> str:
    """argparse's English error sentence in ``locale`` (one it does not know stays as argparse wrote it)."""
    for key, pattern in _ARGPARSE_ERRORS:
        found = pattern.fullmatch(message)
        if found:
            facts = {k: v.replace("'", "") for k, v in found.groupdict().items()}
            return t(f"cli.argparse.{key}", locale, **facts)
    return message


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


def usage_language(argv: Sequence[str]) -> str:
    """The language of the command line's own words (its errors, ``--help``): its ``--lang``, else the portfolio's (``--db``)."""
    return speaking(_usage_args(argv))[0]


class ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, no usage dump, in the user's language
        locale = usage_language(_ARGV)
        self.exit(BAD_INPUT, t("cli.argparse.line", locale, prog=self.prog, message=argparse_message(message, locale)) + "\n")


class HelpFormatter(argparse.HelpFormatter):
    """argparse's layout, with its own word "usage:" in the user's language."""

    def __init__(self, prog: str, *, usage_prefix: str = "usage: ", **options: Any) -> None:
        super().__init__(prog, **options)
        self.usage_prefix = usage_prefix

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, self.usage_prefix if prefix is None else prefix)


def build_parser(locale: str = "en", digits: str | None = None) -> ArgumentParser:
    """The whole command line, its help texts in ``locale`` (``main`` passes the command line's own language)."""

    def say(key: str, **values: object) -> str:
        return t(key, locale, digits=digits, **values)

    parser = ArgumentParser(prog="freelancekit", description=say("cli.help.freelancekit"))
    parser.add_argument("--version", action="version", version=f"freelancekit {__version__}", help=say("cli.help.version"))
    add_lang_option(parser, say)  # also before the command: 'freelancekit --lang ar --help'
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(f".{name}", __name__).register(sub, say)
    for command in leaf_commands(parser):
        add_lang_option(command, say)
    speak_argparse(parser, say, functools.partial(HelpFormatter, usage_prefix=say("cli.argparse.usage")))
    return parser


def speak_argparse(parser: argparse.ArgumentParser, say: Say, formatter: Any) -> None:
    """argparse's own words in ``parser`` and every command under it: section titles, -h, "usage:".

    A command's help in the list of commands is also its description atop its own ``--help``.
    """
    parser.formatter_class = formatter
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    parser._positionals.title = say("cli.argparse.commands" if groups else "cli.argparse.positionals")
    parser._optionals.title = say("cli.argparse.options")
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = say("cli.argparse.help")
    for group in groups:
        for listed in group._choices_actions:
            command = group.choices[listed.dest]
            command.description = command.description or listed.help
            speak_argparse(command, say, formatter)


def leaf_commands(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The parsers that run something: every command, and every subcommand of a group (``records import``)."""
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not groups:
        return [parser]
    return [leaf for sub in groups[0].choices.values() for leaf in leaf_commands(sub)]


def main(argv: Sequence[str] | None = None) -> int:
    _ARGV[:] = sys.argv[1:] if argv is None else list(argv)
    usage = _usage_args(_ARGV)
    locale, digits = speaking(usage)  # one read of the saved profile, for --help and for the command
    args = build_parser(locale, digits).parse_args(_ARGV)
    from freelancekit.errors import EXIT_FAILURE, EXIT_INTERRUPTED, FreelancekitError

    if getattr(args, "db", None) == usage.db:  # the portfolio read above
        args.lang = getattr(args, "lang", None) or locale  # unset unless given (see add_lang_option)
        args.digits = getattr(args, "digits", None) or digits
    else:  # argparse read the command line otherwise (an abbreviated --db, say)
        args.lang, args.digits = speaking(args)
    command = " ".join(filter(None, [args.command, getattr(args, "records_command", None)]))
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
        print(f"freelancekit {command}: {t('cli.unexpected', args.lang, error=f'{type(exc).__name__}: {exc}')}", file=sys.stderr)
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
        return "\n".join([f"freelancekit {command}: {head}", *lines, *([f"  {advice}"] if advice else [])])
    text = error_text(exc, locale, digits=digits, isolate=False)
    return f"freelancekit {command}: {join_sentences([text, advice], locale) if advice else text}"


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
