"""Properties of import merge and undo, over random portfolios and random import files (docs/data.md).

* import followed by undo leaves the CSV export byte-identical (and the XLSX export's cells, and the drafts);
* an import never changes a field whose cell was empty (nor one whose column the file lacks);
* a cell with a value sets it, ``(clear)`` empties it.
"""
from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from freelancekit.drafts.store import DraftsPart
from freelancekit.files.exporter import export_rows, to_csv_bytes
from freelancekit.files.importer import import_clients, parse_file
from freelancekit.portfolio.model import builtin_criteria
from freelancekit.portfolio.storage import Store

CRITERIA = builtin_criteria()
TEXT = st.text(alphabet="ab éßØñç شركة-", min_size=1, max_size=6).map(str.strip).filter(bool)
CELLS = {
    "contact_name": TEXT,
    "email": st.sampled_from(["a@x.io", "b@y.example", "lina@shop.example"]),
    "industry": TEXT,
    "services": st.sampled_from(["Blog posts", "SEO;Editing", "كتابة"]),
    "hourly_rate": st.sampled_from(["0", "45", "45,5", "120", "٤٥"]),
    "on_time_payment": st.sampled_from(["1", "3", "5"]),
    "ease": st.sampled_from(["2", "4"]),
    "enjoyment": st.sampled_from(["1", "5"]),
    "learning": st.sampled_from(["3"]),
    "notes": TEXT,
    "last_win": TEXT,
    "start_date": st.sampled_from(["2020-01-31", "2024-02-29"]),
}
FIELDS = list(CELLS)


def cell(field: str) -> st.SearchStrategy[str]:
    return st.one_of(st.just(""), st.just("(clear)"), CELLS[field])


@st.composite
def portfolio_and_file(draw):
    n_saved = draw(st.integers(0, 5))
    saved = [{"name": f"Client {i}", **{f: draw(st.one_of(st.just(""), CELLS[f])) for f in FIELDS}} for i in range(n_saved)]
    columns = ["name", *draw(st.lists(st.sampled_from(FIELDS), unique=True, max_size=len(FIELDS)))]
    # rows: some saved clients (any case), some new ones; each name once
    picked = draw(st.lists(st.integers(0, n_saved + 3), unique=True, min_size=1, max_size=n_saved + 3))
    rows = []
    for i in picked:
        name = f"Client {i}"
        rows.append([draw(st.sampled_from([name, name.upper(), name.lower()])), *(draw(cell(f)) for f in columns[1:])])
    return saved, columns, rows


def csv_file(columns, rows) -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows([columns, *rows])
    return buf.getvalue().encode()


def exports(store: Store) -> tuple[bytes, list[list[str]], object]:
    """The CSV export's bytes, the cells the XLSX export writes (its bytes carry a timestamp), the drafts."""
    p = store.portfolio()
    return to_csv_bytes(p.clients, p.criteria), export_rows(p.clients, p.criteria), DraftsPart(store).all()


def field_of(client, field):
    return client.values.get(field) if field in client.values else getattr(client, field)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(portfolio_and_file())
def test_import_then_undo_is_the_identity_and_empty_cells_change_nothing(case):
    saved, columns, rows = case
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "p.sqlite") as store:
        for raw in saved:
            added = store.add_client(raw)
            if raw["notes"]:
                DraftsPart(store).save(added.id, {"subject": f"about {raw['notes']}"})
        before = {c.key: c for c in store.clients()}
        exported = exports(store)
        data = csv_file(columns, rows)
        expected = {c.key: c for _, c in parse_file(data, "c.csv", CRITERIA).clients}  # what each non-empty cell means
        import_clients(store, data, "random.csv")
        after = {c.key: c for c in store.clients()}
        for row in rows:
            key = row[0].casefold()
            if key not in before:
                continue
            for field in FIELDS:
                cells = dict(zip(columns, row))
                old, new = field_of(before[key], field), field_of(after[key], field)
                if field not in cells or cells[field] == "":
                    assert new == old, (field, cells.get(field))
                elif cells[field] == "(clear)":
                    assert new in ("", (), None), field
                else:
                    assert new == field_of(expected[key], field), field
        store.undo_import()
        assert exports(store) == exported
