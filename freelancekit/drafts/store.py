"""``Store.drafts``: each client's saved draft and the portfolio's own draft templates.

A part of the store, not a store of its own: every save is one of the store's
transactions (``Store._write``), so it is all-or-nothing with whatever else
that action writes and moves ``Store.data_version`` like any other save.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from freelancekit.errors import NotFound, StaleEdit
from freelancekit.portfolio.storage import CLIENT_EXISTS, Store, _now

# Each statement, named once, next to the method that builds its parameters.
SELECT_DRAFT_REVISION = "SELECT revision FROM drafts WHERE client_id = ?"  # client_id
INSERT_DRAFT = "INSERT INTO drafts (client_id, data, updated) VALUES (?, ?, ?)"  # client_id, JSON, now
UPDATE_DRAFT = "UPDATE drafts SET data=?, updated=?, revision=revision+1 WHERE client_id=?"  # JSON, now, client_id
SELECT_DRAFTS = "SELECT client_id, data, revision FROM drafts"
SELECT_DRAFT = "SELECT data, revision FROM drafts WHERE client_id = ?"  # client_id
DELETE_DRAFT = "DELETE FROM drafts WHERE client_id = ?"  # client_id
SELECT_TEMPLATES = "SELECT name, body FROM templates"
UPSERT_TEMPLATE = "INSERT INTO templates VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET body = excluded.body"  # name, body
DELETE_TEMPLATE = "DELETE FROM templates WHERE name = ?"  # name


class DraftsPart:
    """Drafts and templates of one open portfolio (used by the drafting engine): ``store.drafts``."""

    def __init__(self, store: Store):
        self._store = store

    def save(self, client_id: int, data: Mapping[str, Any], expected_revision: int | None = None) -> int:
        """Store one client's draft (a JSON-able dict); returns its new revision."""
        payload = json.dumps(dict(data), ensure_ascii=False, default=str)
        with self._store._write("drafts") as c:
            if not c.execute(CLIENT_EXISTS, (client_id,)).fetchone():
                raise NotFound(code="draft.client_gone")
            row = c.execute(SELECT_DRAFT_REVISION, (client_id,)).fetchone()
            if row is None:
                c.execute(INSERT_DRAFT, (client_id, payload, _now()))
                return 1
            if expected_revision is not None and row[0] != expected_revision:
                raise StaleEdit(code="draft.stale")
            c.execute(UPDATE_DRAFT, (payload, _now(), client_id))
            return row[0] + 1

    def all(self) -> dict[int, tuple[dict[str, Any], int]]:
        """Every saved draft by client id, with its revision."""
        return {cid: (json.loads(data), rev) for cid, data, rev in self._store._read(SELECT_DRAFTS)}

    def get(self, client_id: int) -> tuple[dict[str, Any], int] | None:
        """One client's saved draft with its revision, or None: one row read, not every draft."""
        rows = self._store._read(SELECT_DRAFT, (client_id,))
        return (json.loads(rows[0][0]), rows[0][1]) if rows else None

    def delete(self, client_id: int) -> None:
        with self._store._write("drafts") as c:
            c.execute(DELETE_DRAFT, (client_id,))

    def templates(self) -> dict[str, str]:
        """The portfolio's overridden draft templates, by name."""
        return dict(self._store._read(SELECT_TEMPLATES))

    def save_template(self, name: str, body: str | None) -> None:
        """Override one draft template for this portfolio (None restores the default)."""
        with self._store._write("drafts") as c:
            if body is None:
                c.execute(DELETE_TEMPLATE, (name,))
            else:
                c.execute(UPSERT_TEMPLATE, (name, body))
