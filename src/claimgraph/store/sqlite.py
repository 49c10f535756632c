"""The embedded store: one SQLite file, WAL, one writer at a time (`BEGIN IMMEDIATE`)."""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from claimgraph.errors import StoreError
from claimgraph.settings import DEFAULT_DB
from claimgraph.store.dialect import Dialect
from claimgraph.store.sql import SQLStore, claim_id

SQLITE = Dialect(
    name="sqlite",
    error=sqlite3.DatabaseError,
    has_migrations="SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
    list_agg="group_concat(DISTINCT {})",
)
_TIMEOUT = 30  # seconds a statement or a write waits for another writer


class SQLiteStore(SQLStore):
    """Documents, actors, mentions and claims in one SQLite file."""

    dialect = SQLITE
    conn: sqlite3.Connection

    def __init__(self, path: str | Path = DEFAULT_DB) -> None:
        self.path = Path(path)
        self.where = str(path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=_TIMEOUT, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self._wal()
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: cannot open the store ({e})") from e

    def _wal(self) -> None:
        # Turning WAL on needs the file to itself, and SQLite answers "locked" at once, whatever the
        # busy timeout, while another process creating the same store does it: so wait and ask again.
        deadline = time.monotonic() + 30
        while True:
            try:
                if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    self.conn.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block as one write transaction: all of it is stored, or none of it."""
        self._begin()
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def _begin(self) -> None:
        """Take the write lock, waiting for another writer up to the timeout.

        Asked again every few milliseconds rather than through SQLite's own wait, which sleeps up to
        100 ms between tries: a report waiting to be stored while fusion works through a rebuild,
        one short transaction after another, would seldom find the lock free.
        """
        deadline = time.monotonic() + _TIMEOUT
        self.conn.execute("PRAGMA busy_timeout = 0")
        try:
            while True:
                try:
                    self.conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as e:
                    busy = (getattr(e, "sqlite_errorcode", 0) & 0xFF) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
                    if not busy or time.monotonic() > deadline:
                        raise StoreError(f"{self.path}: cannot start a write ({e})") from e
                    time.sleep(0.001)
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {_TIMEOUT * 1000}")

    def _run_script(self, sql: str) -> None:
        for statement in _statements(sql):
            self.conn.execute(statement)

    def integrity(self) -> str:
        """Give SQLite's own integrity check verdict ('ok' when the file is sound)."""
        return str(self.conn.execute("PRAGMA integrity_check").fetchone()[0])


def _statements(sql: str) -> list[str]:
    """Split a script into statements, keeping a trigger's BEGIN ... END body whole."""
    out, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                out.append(buffer)
            buffer = ""
    if buffer.strip() and not all(ln.strip().startswith("--") or not ln.strip() for ln in buffer.splitlines()):
        out.append(buffer)
    return out


__all__ = ["SQLiteStore", "claim_id"]
