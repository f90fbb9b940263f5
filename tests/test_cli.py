"""The ``freelancekit`` command (README, "Using it from the command line"): demo, import, export, rank, backup; --db, FREELANCEKIT_DB, the default place."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from freelancekit.cli import main
from freelancekit.drafts.store import DraftsPart
from freelancekit.portfolio.demo import demo_portfolio
from freelancekit.portfolio.storage import Store
from freelancekit.ranking.money import MONEY_KEYS
from freelancekit.ranking.robustness import top3_shares, with_top3_shares
from freelancekit.records.rank import rank_portfolio

EXE = Path(sys.executable).with_name("freelancekit")


@pytest.fixture
def isolated_home(tmp_path, monkeypatch):
    """HOME and the XDG folders point into tmp_path: the real user data folder is never touched."""
    home = tmp_path / "home"
    home.mkdir()
    for var, sub in (("HOME", ""), ("XDG_DATA_HOME", ".local/share"), ("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache")):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.delenv("FREELANCEKIT_DB", raising=False)
    return home


def run(capsys, *argv):
    """Run the CLI in-process: (exit status, stdout, stderr)."""
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def demo_db(tmp_path, capsys):
    db = tmp_path / "demo.sqlite"
    code, out, err = run(capsys, "demo", "--db", str(db))
    assert (code, err) == (0, "") and out == f"Demo portfolio with 12 clients written to {db}\n"
    return db


def test_demo_refuses_to_replace_a_real_portfolio(tmp_path, capsys, demo_db):
    assert run(capsys, "demo", "--db", str(demo_db))[0] == 0  # replacing the demo itself is fine
    real = tmp_path / "real.sqlite"
    with Store(real) as s:
        s.add_client({"name": "My client"})
    code, out, err = run(capsys, "demo", "--db", str(real))
    assert (code, out) == (2, "")
    assert err == (f"freelancekit demo: {real} already holds your portfolio (1 client): nothing was replaced; "
                   "use --force to replace it with the demo, or choose another file with --db\n")
    assert run(capsys, "demo", "--db", str(real), "--force")[0] == 0
    with Store(real) as s:
        assert s.is_demo() and s.client_count() == 12


def _in_demo(action):
    def work(s: Store) -> None:
        s.replace_all(demo_portfolio())
        action(s, s.clients()[0].id)
    return work


@pytest.mark.parametrize("work", [
    lambda s: s.save_profile({"name": "Maya", "signature": "— Maya"}),
    lambda s: s.set_weights({"ease": 3}),
    lambda s: DraftsPart(s).save_template("body_en", "Hi"),
    _in_demo(lambda s, cid: s.update_client(cid, {"name": "Mine"})),
    _in_demo(lambda s, cid: DraftsPart(s).save(cid, {"subject": "Hi"})),
], ids=["profile only", "weights only", "a template", "an edited demo", "a draft in the demo"])
def test_demo_refuses_to_replace_any_user_work(tmp_path, capsys, work):
    db = tmp_path / "p.sqlite"
    with Store(db) as s:
        work(s)
        before = (s.portfolio(), s.data_version())
    code, out, err = run(capsys, "demo", "--db", str(db))
    assert (code, out) == (2, "") and "nothing was replaced; use --force" in err
    with Store(db) as s:
        assert (s.portfolio(), s.data_version()) == before
    fresh = tmp_path / "fresh.sqlite"
    Store(fresh).close()  # an empty, untouched portfolio may be filled without --force
    assert run(capsys, "demo", "--db", str(fresh))[0] == 0


def test_rank_json_shape(capsys, demo_db):
    code, out, err = run(capsys, "rank", "--db", str(demo_db), "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [r["rank"] for r in data] == list(range(1, 13))
    keys = ["hourly_rate", "on_time_payment", "ease", "enjoyment", "learning"]
    for r in data:
        assert list(r) == ["rank", "name", "score", "incomplete", "unrated", "top3_share", "contributions", *MONEY_KEYS]
        # the demo is in one currency: each pay rate is its own original, at rate 1
        assert (r["currency"], r["paid_in"], r["rate"], r["rate_source"], r["needs_rate"]) == ("USD", "USD", 1.0, "same", "")
        assert r["pay_rate"] == r["pay_rate_original"] is not None
        assert isinstance(r["top3_share"], float) and 0 <= r["top3_share"] <= 1
        assert isinstance(r["score"], float) and 0 <= r["score"] <= 100 and isinstance(r["incomplete"], bool)
        assert list(r["contributions"]) == keys and sum(r["contributions"].values()) == pytest.approx(r["score"])
    assert [r["score"] for r in data] == sorted((r["score"] for r in data), reverse=True)
    assert sum(r["top3_share"] for r in data) == pytest.approx(3.0)
    with Store(demo_db) as s:
        ranking = rank_portfolio(s)
    shares = top3_shares(ranking)
    assert [{k: v for k, v in r.items() if k != "top3_share"} for r in data] == ranking.records()
    assert [r["top3_share"] for r in data] == [float(shares[i]) for i in ranking.order]
    assert [r["name"] for r in data if r["incomplete"]] == ["مكتبة النور"]


def test_rank_weight_overrides_without_saving(capsys, demo_db):
    with Store(demo_db) as s:
        before = (s.portfolio(), s.data_version())
        other = rank_portfolio(s, {"ease": 3, "hourly_rate": 0})
        expected = with_top3_shares(other, other.records())
    code, out, _ = run(capsys, "rank", "--db", str(demo_db), "--format", "json", "--weight", "ease=3", "--weight", "hourly_rate=0")
    assert code == 0 and json.loads(out) == expected
    assert all(r["contributions"]["hourly_rate"] == 0 for r in expected)
    with Store(demo_db) as s:
        assert (s.portfolio(), s.data_version()) == before


def test_rank_table_and_csv(capsys, demo_db):
    code, out, _ = run(capsys, "rank", "--db", str(demo_db))
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["#", "client", "score", "hourly_rate", "on_time_payment", "ease", "enjoyment", "learning"]
    records = json.loads(run(capsys, "rank", "--db", str(demo_db), "--format", "json")[1])
    assert lines[1].split()[:2] == ["1", records[0]["name"].split()[0]] and f"{records[0]['score']:.1f}" in lines[1]
    assert "مكتبة النور (incomplete)" in out and lines[-1] == "Columns after the score: points each criterion adds (out of 100)."
    code, out, _ = run(capsys, "rank", "--db", str(demo_db), "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["rank", "name", "score", "incomplete", "hourly_rate", "on_time_payment", "ease", "enjoyment", "learning",
                       *MONEY_KEYS]
    assert {tuple(r[9:12]) for r in rows[1:]} == {("USD", "USD", f"{r['pay_rate']:.2f}") for r in records}
    assert [(r[0], r[1], r[2], r[3]) for r in rows[1:]] == [
        (str(r["rank"]), r["name"], f"{r['score']:.2f}", str(r["incomplete"]).lower()) for r in records]


def test_rank_of_an_empty_portfolio(tmp_path, capsys):
    db = tmp_path / "empty.sqlite"
    Store(db).close()
    assert run(capsys, "rank", "--db", str(db), "--format", "json")[:2] == (0, "[]\n")
    assert run(capsys, "rank", "--db", str(db))[1].startswith("No clients yet")


def test_import_export_round_trip(tmp_path, capsys, demo_db):
    csv_path, xlsx_path = tmp_path / "out.csv", tmp_path / "out.xlsx"
    assert run(capsys, "export", str(csv_path), "--db", str(demo_db)) == (0, f"Exported 12 clients to {csv_path}\n", "")
    assert run(capsys, "export", str(xlsx_path), "--db", str(demo_db))[0] == 0
    code, out, err = run(capsys, "export", str(csv_path), "--db", str(demo_db))
    assert (code, err) == (2, f"freelancekit export: {csv_path} already exists; choose another file name or add --force to replace it\n")
    assert run(capsys, "export", str(csv_path), "--db", str(demo_db), "--force")[0] == 0
    for path in (csv_path, xlsx_path):
        fresh = tmp_path / f"fresh-{path.suffix[1:]}.sqlite"
        code, out, err = run(capsys, "import", str(path), "--db", str(fresh))
        assert (code, err) == (0, "")
        assert out == (f"Imported {path.name}: 12 added, 0 updated, 0 unchanged, 0 skipped, 0 rows with problems not imported\n"
                       f"To undo it: freelancekit import --undo --db {fresh}\n")
        with Store(fresh) as a, Store(demo_db) as b:
            strip = lambda cs: sorted((c.name, c.email, c.services, c.notes, c.start_date, dict(c.values)) for c in cs)  # noqa: E731
            assert strip(a.clients()) == strip(b.clients())
    code, out, _ = run(capsys, "import", str(csv_path), "--db", str(demo_db), "--on-duplicate", "skip")
    assert out == "Imported out.csv: 0 added, 0 updated, 0 unchanged, 12 skipped, 0 rows with problems not imported\n"


def test_import_all_or_nothing_and_skip_invalid(tmp_path, capsys):
    db = tmp_path / "p.sqlite"
    bad = tmp_path / "bad.csv"
    bad.write_text("name;ease;email\nGood;3;\nBad;7;x@\n;2;\n", encoding="utf-8")
    code, out, err = run(capsys, "import", str(bad), "--db", str(db))
    assert (code, out) == (2, "")
    assert err == ("freelancekit import: 3 problems:\n"
                   "  row 3, column ease: must be a whole number from 1 to 5\n"
                   "  row 3, column email: 'x@' is not one email address: write it as name@example.com\n"
                   "  row 4, column name: is required\n")
    with Store(db) as s:
        assert s.client_count() == 0 and s.data_version() == 0
    code, out, err = run(capsys, "import", str(bad), "--db", str(db), "--skip-invalid")
    assert code == 0 and out == ("Imported bad.csv: 1 added, 0 updated, 0 unchanged, 0 skipped, 2 rows with problems not imported\n"
                                 f"To undo it: freelancekit import --undo --db {db}\n")
    assert err.splitlines()[0] == "  row 3, column ease: must be a whole number from 1 to 5" and len(err.splitlines()) == 3


def test_missing_import_file_creates_no_portfolio(tmp_path, capsys):
    db = tmp_path / "p.sqlite"
    code, out, err = run(capsys, "import", str(tmp_path / "nope.csv"), "--db", str(db))
    assert (code, err) == (2, f"freelancekit import: there is no file {tmp_path / 'nope.csv'}: check the path\n")
    assert not db.exists()


def test_backup(tmp_path, capsys, demo_db):
    dest = tmp_path / "copy.sqlite"
    assert run(capsys, "backup", str(dest), "--db", str(demo_db)) == (0, f"Backup written to {dest}\n", "")
    with Store(dest) as b, Store(demo_db) as a:
        assert b.portfolio() == a.portfolio()


def test_freelancekit_db_variable_and_default_place(tmp_path, capsys, isolated_home, monkeypatch):
    via_env = tmp_path / "env.sqlite"
    monkeypatch.setenv("FREELANCEKIT_DB", str(via_env))
    assert run(capsys, "demo")[0] == 0 and via_env.exists()
    other = tmp_path / "flag.sqlite"
    assert run(capsys, "demo", "--db", str(other))[0] == 0 and other.exists()  # --db wins over the variable
    monkeypatch.delenv("FREELANCEKIT_DB")
    code, out, _ = run(capsys, "demo")
    default = isolated_home / ".local/share/freelancekit/portfolio.sqlite"
    assert code == 0 and out == f"Demo portfolio with 12 clients written to {default}\n" and default.exists()
    assert run(capsys, "rank", "--format", "json")[0] == 0


def test_console_script_in_a_subprocess(tmp_path, isolated_home):
    """The installed entry point: exit codes and one-line errors, never a traceback."""
    env = {**os.environ, "FREELANCEKIT_DB": str(tmp_path / "p.sqlite")}
    ok = subprocess.run([str(EXE), "demo"], env=env, capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0 and ok.stderr == ""
    for argv, message in [
        (["rank", "--weight", "speed=2"],
         "freelancekit rank: --weight: 'speed' is not a criterion: choose one of ease, enjoyment, hourly_rate, learning, on_time_payment\n"),
        (["rank", "--format", "xml"], "freelancekit rank: error: argument --format: invalid choice: 'xml' (choose from "),
        (["frobnicate"], None),
    ]:
        bad = subprocess.run([str(EXE), *argv], env=env, capture_output=True, text=True, timeout=60)
        assert bad.returncode == 2 and bad.stdout == "" and "Traceback" not in bad.stderr
        assert len(bad.stderr.splitlines()) == 1
        if message:  # argparse's wording of the choices differs between Python versions
            assert bad.stderr == message or (bad.stderr.startswith(message) and "json" in bad.stderr)
    assert subprocess.run([str(EXE), "--version"], capture_output=True, text=True, timeout=60).stdout.startswith("freelancekit ")


def test_an_unexpected_error_is_one_line_without_traceback(tmp_path, capsys, monkeypatch, demo_db):
    import freelancekit.records.rank as rank_module

    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(rank_module, "rank_with_currencies", boom)
    code, out, err = run(capsys, "rank", "--db", str(demo_db))
    assert code == 1 and err == ("freelancekit rank: unexpected error (RuntimeError: disk on fire); "
                                 "set FREELANCEKIT_DEBUG=1 for details and please report it\n")


def test_import_merges_previews_and_undoes(tmp_path, capsys):
    db = tmp_path / "p.sqlite"
    with Store(db) as s:
        s.add_client({"name": "Acme", "email": "a@acme.com", "notes": "keep me", "ease": 2})
        s.save_profile({"name": "Lina"})
    with Store(db) as s:
        before = s.portfolio()
    f = tmp_path / "update.csv"
    f.write_text("name,email,ease,notes\nACME,,4,\nNew,,,(clear)\n", encoding="utf-8")
    code, out, err = run(capsys, "import", str(f), "--db", str(db), "--dry-run")
    assert (code, err) == (0, "")
    assert out == ("Would import update.csv: 1 added, 1 updated, 0 unchanged, 0 skipped, 0 rows with problems not imported\n"
                   "  row 2, Acme: name: Acme -> ACME\n"
                   "  row 2, Acme: ease: 2 -> 4\n")
    with Store(db) as s:
        assert s.portfolio() == before and s.last_import() is None
    assert run(capsys, "import", str(f), "--db", str(db))[0] == 0
    with Store(db) as s:
        acme = s.client_by_name("acme")
        assert (acme.email, acme.notes, acme.values["ease"]) == ("a@acme.com", "keep me", 4.0)  # empty cells kept
    code, out, err = run(capsys, "import", "--undo", "--db", str(db))
    assert (code, err) == (0, "") and out.startswith("Undid the import of update.csv (")
    assert out.endswith("): 1 added client removed, 1 updated client restored\n")
    with Store(db) as s:
        assert [replace_rev(c) for c in s.portfolio().clients] == [replace_rev(c) for c in before.clients]
    code, out, err = run(capsys, "import", "--undo", "--db", str(db))
    assert (code, err) == (2, "freelancekit import: there is no import to undo: the last one was already undone, or none was made in this portfolio\n")
    assert run(capsys, "import", str(f), "--undo", "--db", str(db))[0] == 2


def replace_rev(client):
    from dataclasses import replace

    return replace(client, revision=0)


def test_rank_json_is_one_write_and_reads_back_exactly_with_any_name(tmp_path, monkeypatch):
    """One buffered write (PYTHONUNBUFFERED=1 must not turn 100 000 clients into millions of writes),
    and the hand-made lines are exactly what json writes, whatever the names hold."""
    db = tmp_path / "p.sqlite"
    names = ['Quote "Q" Ltd', "Back\\slash", "مكتبة الأمل", "Zoë ☕ Café", "Tab Name", "1 < 2 & 3"]
    with Store(db) as s:
        s.replace_all(demo_portfolio())
        for i, name in enumerate(names):
            s.add_client({"name": name, "values": {"ease": 1 + i % 5, "hourly_rate": 10.1 * (i + 1)}})
        ranking = rank_portfolio(s)
    writes: list[str] = []

    class Recorder(io.StringIO):
        def write(self, text):
            writes.append(text)
            return super().write(text)

    monkeypatch.setattr(sys, "stdout", Recorder())
    assert main(["rank", "--db", str(db), "--format", "json"]) == 0
    assert len(writes) == 1
    assert json.loads(writes[0]) == with_top3_shares(ranking, ranking.records())
    assert writes[0].count("\n") == len(ranking) + 2  # "[", one client a line, "]"


def test_the_store_ranks_from_its_values_as_from_the_whole_portfolio(demo_db):
    """rank_portfolio(store) reads just names and values; it gives what ranking the portfolio gives."""
    with Store(demo_db) as s:
        quick, whole = rank_portfolio(s), rank_portfolio(s.portfolio())
    assert quick.records() == whole.records() and quick.table.ids == whole.table.ids
    assert quick.table.values.tobytes() == whole.table.values.tobytes()
