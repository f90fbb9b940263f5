"""Every command of the CLI speaks the language it is asked for (``--lang``), and only that one.

The commands come from the parser itself (``build_parser``): a new command or
subcommand is run here on its own, with a missing portfolio, before anyone
writes a scenario for it, and ``test_every_command_has_a_scenario`` fails until
one is written. Each scenario runs a command on the demo portfolio in its
success path and a few of its error paths; under ``--lang ar`` the output must
hold no Latin-script word except what is not ours to translate: the user's
data (client names, emails, the demo's service names, currency codes), paths,
flags and the command lines a hint names ("'freelancekit import FILE'",
"--db"), and machine formats (``--format json|csv``, which are checked to be
data and skipped). Under ``--lang en`` no Arabic letter may appear, except in
the demo's Arabic client name. ``--help`` of the top level, every command and
every subcommand speaks the same language, found by the same rule.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import socket
from pathlib import Path

import pytest
import yaml

from freelancekit.cli import build_parser, main
from freelancekit.cli.profile import settable
from freelancekit.portfolio.demo import demo_portfolio

ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_'’.+-]*")
FLAG = re.compile(r"--[a-z][a-z-]*(?: [A-Z]+)?")  # --db, --out DIR
COMMAND_LINE = re.compile(r"freelancekit(?: [a-z][a-z-]*| [A-Z]+| --[a-z-]+)*")  # 'freelancekit records map NAME CLIENT'
URL = re.compile(r"https?://\S+")
QUOTED = re.compile(r"«[A-Za-z0-9_ .@-]+»")  # a value or column name the user's file or command line wrote
ABSOLUTE_PATH = re.compile(r"/[^\s:;،)]+")
FILE_NAME = re.compile(r"[\w./-]*\.(?:eml|txt|ics|csv|xlsx|zip|sqlite|mailto)\b")  # 'Brightpath Software.eml', 'nofolder/inv.csv'
RECORDS_COLUMNS = "client invoice issued due amount paid_on paid_amount".split()  # the records file's own header
# not words of ours: the product, formats and tools by their names, the date and key syntax hints name
NAMES = {"freelancekit", "CSV", "UTF-8", "Toggl", "Harvest", "Clockify", "Invoice", "Ninja", "Zoho", "Invoicely", "YYYY-MM-DD", "FREELANCEKIT_DEBUG",
         "FREELANCEKIT_DB", "JupyterLab",
         "Ctrl+C", "KEY=W", "KEY", "WEIGHT", "SQLite", "name@example.com", "portfolio.sqlite",
         "YAML", "JSON", "yaml", "json", "revision",
         "mailto", ".eml", ".txt", ".ics", ".csv", ".xlsx", ".zip", "eml", "txt", "zip", "ics", "xlsx"}


def leaf_commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], argparse.ArgumentParser]:
    """Every command and subcommand the parser knows, as its words: ('rank',), ('records', 'import'), ..."""
    found: dict[tuple[str, ...], argparse.ArgumentParser] = {}
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return {prefix: parser}
    for name, sub in subs[0].choices.items():
        found.update(leaf_commands(sub, (*prefix, name)))
    return found


def machine_words(parser: argparse.ArgumentParser) -> set[str]:
    """The option values a hint may name ('update', 'skip', 'hourly_rate'): typed input, not words to translate."""
    words: set[str] = set()
    for command in leaf_commands(parser).values():
        for action in command._actions:
            words.update(str(c) for c in action.choices or () if isinstance(c, str))
            if action.metavar:
                words.update(re.split(r"[\s=]+", str(action.metavar)))  # KEY=W: KEY and W
    return words


PARSER = build_parser()
COMMANDS = leaf_commands(PARSER)
MACHINE = machine_words(PARSER) | set(settable()) | {"services", "packages"}  # a profile file's keys: typed as they are


def user_data() -> set[str]:
    """The words of the demo's own data: names, emails, services, packages, currency."""
    p = demo_portfolio()
    texts = [p.profile.name, p.profile.email, p.profile.currency, *(s.name for s in p.profile.services),
             *(k.name for k in p.profile.packages)]
    texts += [p.profile.signature, *(s.value for s in p.profile.services), *(s.price_hint for s in p.profile.services),
              *(k.price_note for k in p.profile.packages)]  # what 'profile show' shows as the user typed it
    for c in p.clients:
        texts += [c.name, c.email or "", c.contact_name or ""]
    texts += [c.key for c in p.criteria]  # the rank table's columns: the keys --weight KEY=W takes
    texts += [*RECORDS_COLUMNS, "name", "email", "hourly_rate"]  # the files' column names
    texts += ["Acme Corp", "Extra Client", "extra@example.com"]  # the records file's and the import file's own names
    return {w for text in texts for w in LATIN_WORD.findall(text)}


USER = user_data()


def foreign_words(text: str, paths: list[str]) -> list[str]:
    """Latin-script words in ``text`` that are ours to translate."""
    for pattern in (URL, COMMAND_LINE, FLAG, QUOTED, FILE_NAME, ABSOLUTE_PATH):
        text = pattern.sub(" ", text)
    for path in sorted(paths, key=len, reverse=True):
        text = re.sub(rf"(?<![\w/.]){re.escape(path)}(?![\w/])", " ", text)
    text = FILE_NAME.sub(" ", text)
    return [w for w in LATIN_WORD.findall(text)
            if w.strip(".") not in USER | MACHINE | NAMES and w not in USER | MACHINE | NAMES and not re.fullmatch(r"[A-Z]{3}", w)]


RECORD = "FREELANCEKIT_RECORD_CLI"  # a file to append each command's output to (JSON lines)


def run(capsys, argv: list[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse
        code = int(exc.code or 0)
    out = capsys.readouterr()
    if os.environ.get(RECORD):  # scripts/cli_outputs.py: every output, to compare two versions of the code
        with open(os.environ[RECORD], "a", encoding="utf-8") as fh:
            test = os.environ.get("PYTEST_CURRENT_TEST", "").split(" ")[0]
            fh.write(json.dumps({"test": test, "argv": argv, "code": code, "out": out.out, "err": out.err}, ensure_ascii=False) + "\n")
    return code, out.out, out.err


@pytest.fixture
def world(tmp_path, monkeypatch, capsys):
    """A demo portfolio with saved drafts, records and files to import; serve and lab start nothing."""
    from datetime import date

    import voila.app

    from freelancekit.drafts.drafting import draft_top_three, save_draft, set_status
    from freelancekit.portfolio.api import open_portfolio

    db = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(db)]) == 0
    with open_portfolio(db) as store:
        fresh = draft_top_three(store.portfolio())
        for i, d in enumerate(fresh.drafts):
            d = set_status(d, ["sent", "won", "replied"][i], today=date(2020, 1, 1),
                           **({"won_value": 500} if i == 1 else {}))
            save_draft(store, d)
    (tmp_path / "records.csv").write_text(
        "client,invoice,issued,due,amount,paid_on,paid_amount\n"
        "Brightpath Software,B-1,2026-01-05,2026-02-04,1200.00,2026-02-01,1200.00\n"
        "Acme Corp,A-1,2026-01-05,2026-02-04,300.00,,\n", encoding="utf-8")
    (tmp_path / "bad-records.csv").write_text("client,invoice,issued,due,amount,paid_on,paid_amount\nBrightpath Software,B-9,soon,2026-02-04,x,,\n",
                                              encoding="utf-8")
    (tmp_path / "new-clients.csv").write_text("name,email,hourly_rate\nExtra Client,extra@example.com,4\nBrightpath Software,,2\n", encoding="utf-8")
    (tmp_path / "bad-clients.csv").write_text("name,email,hourly_rate\nExtra Client,not-an-email,9\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["profile", "show", "--db", str(db), "--format", "yaml"]) == 0
    shown = capsys.readouterr().out
    (tmp_path / "profile.yaml").write_text(shown.replace("Maya Carter", "Maya C. Carter", 1), encoding="utf-8")
    (tmp_path / "stale.yaml").write_text(shown.replace("Maya Carter", "Maya B. Carter", 1), encoding="utf-8")  # saved after profile.yaml: stale
    (tmp_path / "profile.json").write_text('{"name": "Maya", "packages": 3}', encoding="utf-8")
    (tmp_path / "bad-profile.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr(voila.app.Voila, "launch_instance", classmethod(lambda cls, **kw: None))
    monkeypatch.setattr("freelancekit.cli.lab.subprocess.call", lambda *a, **k: 0)
    monkeypatch.setattr("freelancekit.cli.serve.open_browser_when_ready", lambda *a, **k: None)
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    return tmp_path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# command -> scenarios, each (argv after the command, expected exit status); {db} is the demo, {tmp} the folder
SCENARIOS: dict[tuple[str, ...], list[tuple[str, int]]] = {
    ("demo",): [("--db {tmp}/second.sqlite", 0), ("--db {tmp}/second.sqlite", 0), ("--db {tmp}/third.sqlite", 0),
                ("--db {tmp}/folder-db", 2)],
    ("import",): [("new-clients.csv --db {db} --dry-run", 0), ("new-clients.csv --db {db}", 0), ("--undo --db {db}", 0),
                  ("--undo --db {db}", 2), ("bad-clients.csv --db {db}", 2), ("bad-clients.csv --db {db} --skip-invalid", 0),
                  ("--db {db}", 2), ("missing.csv --db {db}", 2), ("new-clients.csv --undo --db {db}", 2)],
    ("export",): [("clients.csv --db {db}", 0), ("clients.csv --db {db}", 2), ("clients.txt --db {db}", 2)],
    ("backup",): [("copy.sqlite --db {db}", 0), ("copy.sqlite --db {db}", 2)],
    ("rank",): [("--db {db}", 0), ("--db {db} --format csv", 0), ("--db {db} --format json", 0), ("--db {db} --weight oops", 2),
                ("--db {db} --weight ease=lots", 2), ("--db {db} --weight nosuch=3", 2)],
    ("serve",): [("--db {db} --no-browser --port {port}", 0), ("--db {db} --port 0", 2)],
    ("drafts",): [("--db {db} --list", 0), ("--db {db} --out out", 0), ("--db {db} --out out", 2), ("--db {db} --out out2 --format zip", 0),
                  ("--db {db} --out out3 --format mailto --tone formal", 0), ("--db {db} --out cal --ics", 0),
                  ("--db {db} --out out4 --client Nobody", 2), ("--db {db}", 2), ("--db {tmp}/records.csv --list", 2),
                  ("--db {db} --out out5 --save", 0), ("--db {db} --out out6 --save --force", 0)],
    ("records", "import"): [("records.csv --db {db}", 0), ("records.csv --db {db}", 0), ("bad-records.csv --db {db}", 2),
                            ("bad-records.csv --db {db} --valid-only", 0), ("new-clients.csv --db {db}", 2)],
    ("records", "summary"): [("--db {db} --since 2026-01-01 --until 2026-12-31", 0), ("--db {db} --since 2030-01-01", 0),
                             ("--db {db} --format csv", 0), ("--db {db} --format json", 0),
                             ("--db {db} --since 2026-05-01 --until 2026-01-01", 2)],
    ("records", "export"): [("inv.csv --time time.csv --db {db}", 0), ("inv.csv --db {db}", 2), ("nofolder/inv.csv --db {db}", 1)],
    ("records", "map"): [("Acme_Corp --db {db} ", 0), ("Acme_Corp Nobody --db {db}", 2)],
    ("records", "use"): [("hourly_rate records --db {db}", 0), ("hourly_rate rating --db {db}", 0)],
    ("lab",): [("--db {db} --no-browser", 0)],
    ("profile", "show"): [("--db {db}", 0), ("--db {db} --format yaml", 0), ("--db {db} --format json", 0), ("--db {tmp}/records.csv", 2)],
    ("profile", "set"): [("language=en digits=arab --db {db}", 0), ("digits=arab --db {db}", 0), ("colour=red --db {db}", 2),
                         ("email=not-an-email --db {db}", 2), ("language=fr currency=dollars --db {db}", 2)],
    ("profile", "edit"): [("profile.yaml --db {db}", 0), ("profile.json --db {db}", 2), ("records.csv --db {db}", 2),
                          ("stale.yaml --db {db}", 75), (". --db {db}", 2), ("bad-profile.yaml --db {db}", 2)],
    ("profile", "services", "add"): [("Podcast_notes --value show_notes --price 80 --db {db}", 0), ("Podcast_notes --db {db}", 2)],
    ("profile", "services", "remove"): [("Case_studies --db {db}", 0), ("Case_studies --db {db}", 2)],
    ("profile", "packages", "add"): [("Starter --services Case_studies --price 100 --db {db}", 2),  # the demo has three: one too many
                                     ("Premium --services Nothing_such --price cheap --db {db}", 2)],
    ("profile", "packages", "remove"): [("Growth --db {db}", 0), ("Growth --db {db}", 2)],
}
MACHINE_OUTPUT = ("--format csv", "--format json", "--format yaml")  # data for programs: checked elsewhere, not translated


def test_every_command_has_a_scenario():
    assert set(COMMANDS) == set(SCENARIOS), "write the scenarios of a new command here"


def _argv(command: tuple[str, ...], args: str, world: Path, lang: str) -> list[str]:
    parts = args.format(db=world / "demo.sqlite", tmp=world, port=free_port()).split()
    if command[0] == "profile":  # names with a space
        parts = [p.replace("_", " ") if not p.startswith(("-", "/")) and "." not in p and "=" not in p else p for p in parts]
    if command == ("records", "map"):  # a name with a space
        parts = [p.replace("_", " ") if p == "Acme_Corp" else p for p in parts]
        if len(parts) == 3:
            parts.insert(1, "Brightpath Software")
    return [*command, *parts, "--lang", lang]


def _check(text: str, lang: str, world: Path, what: str) -> None:
    if lang == "ar":  # the folder, and the files and names the command line gave, are the user's
        found = foreign_words(text, [str(world), str(world.resolve()), *(w for w in what.split() if not w.startswith("-"))])
        assert not found, f"{what}: English in Arabic output: {found}\n{text}"
    else:
        stray = [line for line in text.splitlines() if ARABIC.search(line.replace("مكتبة النور", ""))]
        assert not stray, f"{what}: Arabic in English output: {stray}"


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("command", sorted(SCENARIOS), ids=" ".join)
def test_command_speaks_one_language(world, capsys, command, lang):
    (world / "folder-db").mkdir()
    for args, expected in SCENARIOS[command]:
        argv = _argv(command, args, world, lang)
        code, out, err = run(capsys, argv)
        what = " ".join(argv)
        assert code == expected, f"{what}: exit {code}\n{out}\n{err}"
        assert out or err or command == ("lab",), f"{what}: said nothing"  # lab: JupyterLab speaks for itself
        if any(m in args for m in MACHINE_OUTPUT):
            if "json" in args:
                json.loads(out)
            if "yaml" in args:
                assert isinstance(yaml.safe_load(out), dict)
            _check(err, lang, world, what)
            continue
        _check(out + err, lang, world, what)


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("command", sorted(COMMANDS), ids=" ".join)
def test_a_missing_portfolio_is_said_in_the_language(tmp_path, monkeypatch, capsys, command, lang):
    """Every command, found in the parser, with a portfolio that does not exist and placeholder arguments."""
    import voila.app

    monkeypatch.setattr(voila.app.Voila, "launch_instance", classmethod(lambda cls, **kw: None))
    monkeypatch.setattr("freelancekit.cli.lab.subprocess.call", lambda *a, **k: 0)
    monkeypatch.setattr("freelancekit.cli.serve.open_browser_when_ready", lambda *a, **k: None)
    monkeypatch.chdir(tmp_path)
    argv = list(command)
    for action in COMMANDS[command]._actions:
        if not action.option_strings and action.nargs != argparse.SUPPRESS:
            argv.append(action.choices[0] if action.choices else "thing.csv")
    (tmp_path / "thing.csv").write_text("name\nX\n", encoding="utf-8")
    argv += ["--db", str(tmp_path / "none" / "missing.sqlite"), "--lang", lang]
    if command == ("serve",):
        argv += ["--port", str(free_port()), "--no-browser"]
    code, out, err = run(capsys, argv)
    assert out or err or command == ("lab",)
    _check(out + err, lang, tmp_path, " ".join(argv))


# -- --help ------------------------------------------------------------------------------------
# the top level, every command (a group too: 'records') and every subcommand, as their words
HELP_COMMANDS = sorted({(), *(c[:i] for c in COMMANDS for i in range(1, len(c) + 1))})
SHORT_HELP = re.compile(r"(?<![\w-])-h\b")  # -h, [-h]


def every_parser(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return [parser, *(p for s in subs for sub in s.choices.values() for p in every_parser(sub))]


# what --help names as typed: the commands (a hint says 'records import') and their lists' metavars (COMMAND, ACTION)
TYPED = {str(w) for p in every_parser(PARSER) for a in p._actions if isinstance(a, argparse._SubParsersAction)
         for w in [*a.choices, a.metavar] if w}
ARABIC_INDIC = re.compile(r"[\u0660-\u0669\u06F0-\u06F9]")  # --digits shows ١٢٣ in English too: digits, not words


def _help(capsys, argv: list[str]) -> str:
    code, out, err = run(capsys, argv)
    assert code == 0 and not err, f"{' '.join(argv)}: exit {code}\n{err}"
    assert out.strip(), f"{' '.join(argv)}: printed no help"
    return out


def _help_language(text: str) -> str:
    arabic = bool(ARABIC.search(ARABIC_INDIC.sub("", text)))
    english = "usage:" in text or "show this help message" in text
    assert arabic != english, text
    return "ar" if arabic else "en"


@pytest.fixture
def no_portfolio(tmp_path, monkeypatch):
    """The default portfolio does not exist: no saved language."""
    monkeypatch.setenv("FREELANCEKIT_DB", str(tmp_path / "none.sqlite"))
    return tmp_path


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("command", HELP_COMMANDS, ids=lambda c: " ".join(c) or "freelancekit")
@pytest.mark.usefixtures("no_portfolio")
def test_help_speaks_one_language(capsys, command, lang):
    what = " ".join(["freelancekit", *command, "--help", "--lang", lang])
    out = _help(capsys, [*command, "--help", "--lang", lang])
    if lang == "ar":
        assert out.startswith("الاستخدام: freelancekit"), out
        found = [w for w in foreign_words(SHORT_HELP.sub(" ", out), []) if w.strip("'") not in TYPED]
        assert not found, f"{what}: English in Arabic help: {found}\n{out}"
    else:
        stray = [line for line in out.splitlines() if ARABIC.search(ARABIC_INDIC.sub("", line))]
        assert not stray, f"{what}: Arabic in English help: {stray}"
    assert _help_language(out) == lang


@pytest.fixture
def arabic_portfolio(tmp_path, monkeypatch, capsys):
    """The default portfolio ($FREELANCEKIT_DB) is saved in Arabic with Arabic-Indic digits; english.sqlite is not."""
    from freelancekit.portfolio.storage import Store

    path = tmp_path / "ar.sqlite"
    assert main(["demo", "--db", str(path)]) == 0
    assert main(["demo", "--db", str(tmp_path / "english.sqlite")]) == 0
    with Store(path) as s:
        s.save_profile({**s.profile().__dict__, "locale": "ar", "digits": "arab"})
    monkeypatch.setenv("FREELANCEKIT_DB", str(path))
    capsys.readouterr()
    return tmp_path


@pytest.mark.parametrize(("argv", "lang"), [
    (["--help"], "ar"),                                      # the default portfolio's language
    (["records", "--help"], "ar"),
    (["records", "use", "--help"], "ar"),
    (["--help", "--lang", "en"], "en"),                      # --lang anywhere wins
    (["--lang", "en", "records", "map", "--help"], "en"),
    (["rank", "--lang=en", "--help"], "en"),
    (["rank", "--db", "{tmp}/english.sqlite", "--help"], "en"),  # --db names the portfolio
    (["rank", "--db", "{tmp}/none.sqlite", "--help"], "en"),     # no portfolio there: English
    (["rank", "--db", "{tmp}/english.sqlite", "--help", "--lang", "ar"], "ar"),
])
def test_help_follows_lang_else_the_portfolio(arabic_portfolio, capsys, argv, lang):
    out = _help(capsys, [a.format(tmp=arabic_portfolio) for a in argv])
    assert _help_language(out) == lang


def test_help_follows_the_saved_digits_and_digits_overrides_them(arabic_portfolio, capsys):
    saved = _help(capsys, ["demo", "--help"])
    assert "١٢ عميلاً" in saved and "123" in saved  # 12 clients; the --digits example keeps its own digits
    assert "12 عميلاً" in _help(capsys, ["demo", "--help", "--digits", "latn"])
    assert "12 clients" in _help(capsys, ["demo", "--help", "--lang", "en"])


def test_lang_before_the_command_reaches_it(arabic_portfolio, capsys):
    db = str(arabic_portfolio / "english.sqlite")
    assert main(["--lang", "ar", "rank", "--db", db]) == 0
    assert ARABIC.search(capsys.readouterr().out)
    assert main(["--lang", "ar", "rank", "--db", db, "--lang", "en"]) == 0  # the command's own, last, wins
    assert not ARABIC.search(capsys.readouterr().out.replace("مكتبة النور", ""))
