"""Numbered SQL migrations, one folder a backend, applied in order and recorded in the database.

`migrations/sqlite/000N_name.sql` and `migrations/postgresql/000N_name.sql` carry the same numbers
and mean the same schema; the numbers a store has are rows of its `schema_migrations` table.
"""
from __future__ import annotations

import re
from importlib import resources

from claimgraph.errors import StoreError

_NAME = re.compile(r"^(\d{4})_(\w+)\.sql$")
SCHEMA_TABLE = ("CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")


def available(backend: str) -> list[tuple[int, str, str]]:
    """Give (number, name, sql) of every migration shipped for a backend, in order."""
    found = []
    for entry in resources.files("claimgraph.store").joinpath("migrations", backend).iterdir():
        m = _NAME.match(entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found)


def pending(done: set[int], known: list[tuple[int, str, str]], *, where: str) -> list[tuple[int, str, str]]:
    """Give the migrations a store with `done` applied lacks; refuse a store newer than this code."""
    newest = max((n for n, _, _ in known), default=0)
    if done and max(done) > newest:
        raise StoreError(f"{where}: the store is at migration {max(done)}, this claimgraph knows migrations "
                         f"up to {newest} only: use a newer claimgraph")
    return [m for m in known if m[0] not in done]
