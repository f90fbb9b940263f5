"""``profile``: show and change the profile from the command line (name, email, signature,
currency, language, digits, services and packages), so a portfolio made by ``import`` can get drafts.

Every change goes through the core's checks (``make_profile``) and is saved against the revision
it was read at, as the app's Profile tab does (docs/drafts.md, "The profile from the command line").
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, fields
from functools import partial
from pathlib import Path
from typing import Any

from freelancekit.cli import Say, add_db_option, t
from freelancekit.errors import EXIT_INPUT, FreelancekitError, InvalidInput, NotFound, Problem, StaleEdit
from freelancekit.portfolio.model import Profile, make_profile, without_missing_services

FORMATS = ("text", "yaml", "json")
RENAMED = {"locale": "language"}  # the file's and 'set's name for a Profile field: what the app calls it
SAVE_TRIES = 3  # another program saving between our read and write is rare; three tries outlast a burst
LISTS = ("services", "packages")


def register(sub: argparse._SubParsersAction, say: Say) -> None:
    p = sub.add_parser("profile", help=say("cli.help.profile"))
    parts = p.add_subparsers(dest="profile_command", metavar="ACTION", parser_class=type(p))
    parts.required = True

    q = parts.add_parser("show", help=say("cli.help.profile.show"))
    add_db_option(q, say)
    q.add_argument("--format", choices=FORMATS, default="text", help=say("cli.help.profile.show.format"))
    q.set_defaults(func=run_show)

    q = parts.add_parser("set", help=say("cli.help.profile.set"))
    q.add_argument("pairs", nargs="+", metavar="KEY=VALUE", help=say("cli.help.profile.set.pairs", keys=", ".join(settable())))
    add_db_option(q, say)
    q.set_defaults(func=run_set)

    q = parts.add_parser("edit", help=say("cli.help.profile.edit"))
    q.add_argument("file", metavar="FILE", help=say("cli.help.profile.edit.file"))
    add_db_option(q, say)
    q.set_defaults(func=run_edit)

    add_list_parsers(parts, say, "services", run_remove_service)
    add_list_parsers(parts, say, "packages", run_remove_package)


@dataclass(frozen=True)
class ItemOption:
    """One ``--flag`` of ``profile services add`` or ``profile packages add``: the field of the new item it fills."""

    flag: str
    field: str
    metavar: str
    required: bool = False
    default: str | None = ""

    @property
    def dest(self) -> str:
        return self.flag.removeprefix("--").replace("-", "_")


ITEM_OPTIONS = {  # in the order of the item's fields
    "services": (ItemOption("--value", "value", "TEXT"), ItemOption("--price", "price_hint", "TEXT"),
                 ItemOption("--name-ar", "name_ar", "NAME"), ItemOption("--value-ar", "value_ar", "TEXT")),
    "packages": (ItemOption("--services", "services", "NAMES", required=True), ItemOption("--price", "price", "PRICE", required=True),
                 ItemOption("--price-note", "price_note", "TEXT"), ItemOption("--separate-price", "separate_price", "PRICE", default=None),
                 ItemOption("--name-ar", "name_ar", "NAME")),
}


def add_list_parsers(parts: argparse._SubParsersAction, say: Say, part: str, remove: Callable[[argparse.Namespace], int]) -> None:
    """``profile <part> add|remove``: the same two commands for each list of the profile, their help under ``cli.help.profile.<part>.*``."""
    q = parts.add_parser(part, help=say(f"cli.help.profile.{part}"))
    what = q.add_subparsers(dest="profile_part_command", metavar="ACTION", parser_class=type(q))
    what.required = True
    r = what.add_parser("add", help=say(f"cli.help.profile.{part}.add"))
    r.add_argument("name", metavar="NAME", help=say(f"cli.help.profile.{part}.name"))
    for o in ITEM_OPTIONS[part]:
        r.add_argument(o.flag, required=o.required, default=None if o.required else o.default, metavar=o.metavar,
                       help=say(f"cli.help.profile.{part}.{o.dest}"))
    add_db_option(r, say)
    r.set_defaults(func=partial(run_add, part))
    r = what.add_parser("remove", help=say(f"cli.help.profile.{part}.remove"))
    r.add_argument("name", metavar="NAME", help=say(f"cli.help.profile.{part}.remove_name"))
    add_db_option(r, say)
    r.set_defaults(func=remove)


def settable() -> list[str]:
    """The keys ``profile set`` takes: every field of the profile that is one line of text."""
    skip = {"revision", *LISTS}
    return [RENAMED.get(f.name, f.name) for f in fields(Profile) if f.name not in skip]


def as_file(profile: Profile) -> dict[str, Any]:
    """The profile as ``profile show --format yaml|json`` writes it and ``profile edit`` reads it back."""
    data = asdict(profile)
    return {RENAMED.get(k, k): data[k] for k in data}


def from_file(data: Mapping[str, Any]) -> dict[str, Any]:
    """A file's fields as ``make_profile`` names them; an unknown key is refused (a typo would be lost)."""
    names = {RENAMED.get(f.name, f.name): f.name for f in fields(Profile)}
    unknown = [k for k in data if k not in names]
    if unknown:
        raise InvalidInput([Problem(str(k), code="profile.unknown_key", value=str(k), choices=list(names)) for k in unknown])
    return {names[k]: v for k, v in data.items() if k != "revision"}


# -- saving -------------------------------------------------------------------------------------
def change(args: argparse.Namespace, edit: Callable[[Profile], Mapping[str, Any]], revision: int | None = None) -> int:
    """Apply ``edit`` (the current profile -> the fields to change) and save it against the revision read.

    As in the app, a save from a stale read is refused; when another program saved in between,
    ``edit`` runs again on its version (a command line holds nothing typed to lose). ``revision``
    (from a file 'profile show' wrote) is the revision the user started from: no retry then.
    """
    from freelancekit.portfolio.api import open_portfolio

    with open_portfolio(args.db, create=False) as store:
        for attempt in range(1, SAVE_TRIES + 1):
            current = store.profile()
            changes = dict(edit(current))
            raw = {**asdict(current), "services": current.services, "packages": current.packages, **changes}
            if "packages" not in changes and isinstance(changes.get("services"), (list, tuple)):  # a service removed leaves its packages, as in the app
                raw["packages"] = without_missing_services(current.packages, [s["name"] if isinstance(s, Mapping) else s.name
                                                                              for s in raw["services"]])
            made = make_profile(raw)  # checked before comparing: a bad value is said even when it changes nothing
            if _same(made, current):
                print(t("cli_out.profile.unchanged", args.lang))
                return 0
            try:
                store.save_profile(raw, expected_revision=current.revision if revision is None else revision)
            except StaleEdit:
                if revision is not None or attempt == SAVE_TRIES:
                    raise
                continue
            break
    print(t("cli_out.profile.saved", args.lang))
    return 0


def _same(a: Profile, b: Profile) -> bool:
    return asdict(a) | {"revision": 0} == asdict(b) | {"revision": 0}


def run_set(args: argparse.Namespace) -> int:
    keys = {k: {v: k for k, v in RENAMED.items()}.get(k, k) for k in settable()}
    pairs: dict[str, str] = {}
    problems = []
    for pair in args.pairs:
        key, sep, value = pair.partition("=")
        if not sep or key.strip() not in keys:
            problems.append(Problem("KEY=VALUE", code="profile.set_pair", value=pair, choices=list(keys)))
        else:
            pairs[keys[key.strip()]] = value
    if problems:
        raise InvalidInput(problems)
    return change(args, lambda current: pairs)


def run_edit(args: argparse.Namespace) -> int:
    data = read_profile_file(Path(args.file))
    revision = data.get("revision")
    given = from_file(data)
    return change(args, lambda current: given, revision if isinstance(revision, int) and not isinstance(revision, bool) else None)


def read_profile_file(path: Path) -> dict[str, Any]:
    """A profile file: JSON, or YAML (a superset of JSON) when PyYAML reads it."""
    import yaml

    if path.is_dir():
        raise FreelancekitError(code="profile.is_folder", path=str(path), exit_code=EXIT_INPUT)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise FreelancekitError(code="profile.no_file", path=str(path), exit_code=EXIT_INPUT) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FreelancekitError(code="profile.unreadable", path=str(path), reason=str(exc), exit_code=EXIT_INPUT) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise FreelancekitError(code="profile.not_yaml", path=str(path), line=(mark.line + 1) if mark else 1,
                                exit_code=EXIT_INPUT) from None
    if not isinstance(data, dict):
        raise FreelancekitError(code="profile.not_a_profile", path=str(path), exit_code=EXIT_INPUT)
    return data


def run_add(part: str, args: argparse.Namespace) -> int:
    item = {"name": args.name, **{o.field: getattr(args, o.dest) for o in ITEM_OPTIONS[part]}}
    return change(args, lambda current: {part: [*getattr(current, part), item]})


def run_remove_service(args: argparse.Namespace) -> int:
    def edit(current: Profile) -> dict[str, Any]:
        gone = current.service(args.name)
        if gone is None:
            raise NotFound(code="profile.no_service", value=args.name, choices=current.service_names())
        return {"services": [s for s in current.services if s is not gone]}

    return change(args, edit)


def run_remove_package(args: argparse.Namespace) -> int:
    from freelancekit.portfolio.validation import name_key

    def edit(current: Profile) -> dict[str, Any]:
        kept = [p for p in current.packages if name_key(args.name) not in {name_key(p.name), name_key(p.name_ar or p.name)}]
        if len(kept) == len(current.packages):
            raise NotFound(code="profile.no_package", value=args.name, choices=[p.name for p in current.packages])
        return {"packages": kept}

    return change(args, edit)


# -- showing ------------------------------------------------------------------------------------
def run_show(args: argparse.Namespace) -> int:
    from freelancekit.portfolio.api import open_portfolio

    with open_portfolio(args.db, create=False) as store:
        profile = store.profile()
    if args.format == "json":
        print(json.dumps(as_file(profile), ensure_ascii=False, indent=2))
    elif args.format == "yaml":
        print(to_yaml(as_file(profile)), end="")
    else:
        print("\n".join(text_lines(profile, args.lang, args.digits)))
    return 0


def to_yaml(data: Mapping[str, Any]) -> str:
    """YAML a person edits: a signature of several lines as a block (``|``), as it reads in the email."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)

    Dumper.add_representer(str, text)
    return yaml.dump(dict(data), Dumper=Dumper, allow_unicode=True, sort_keys=False, width=10_000)


def text_lines(profile: Profile, locale: str, digits: str | None) -> list[str]:
    """The profile for a person to read, labelled as in the app's Profile tab."""
    from freelancekit.language.l10n import join_list
    from freelancekit.language.phrasing import money

    def say(key: str, **values: object) -> str:
        return t(key, locale, digits=digits, **values)

    none = say("common.none")
    lines = [say("cli_out.profile.field", label=say(f"profile.{key}"), value=value or none) for key, value in (
        ("name", profile.name), ("email", profile.email), ("currency", profile.currency),
        ("language", say(f"cli_out.profile.language_{profile.locale}")),
        ("digits", say(f"profile.digits_{profile.digits}")),
    )]
    if profile.signature:
        lines += [say("cli_out.profile.field", label=say("profile.signature"), value=""),
                  *(f"  {line}" for line in profile.signature.splitlines())]
    else:
        lines.append(say("cli_out.profile.field", label=say("profile.signature"), value=none))
    lines.append(say("cli_out.profile.field", label=say("profile.services"), value="" if profile.services else none))
    for s in profile.services:
        lines.append(f"  • {say('cli_out.profile.service', name=s.title, value=s.value or none, price=s.price_hint or none)}")
        if s.name_ar or s.value_ar:
            lines.append(f"    {say('cli_out.profile.service_ar', name=s.name_ar or none, value=s.value_ar or none)}")
    lines.append(say("cli_out.profile.field", label=say("packages.heading"), value="" if profile.packages else none))
    for p in profile.packages:
        price = money(p.price, profile.currency, locale, digits) + (f" {p.price_note}" if p.price_note else "")
        names = join_list([(found.label(locale) if (found := profile.service(n)) else n) for n in p.services], locale)
        key = "cli_out.profile.package_separate" if p.separate_price is not None else "cli_out.profile.package"
        separate = money(p.separate_price, profile.currency, locale, digits) if p.separate_price is not None else ""
        lines.append(f"  • {say(key, name=p.label(locale), services=names, price=price, separate=separate)}")
    return [line.rstrip() for line in lines]

