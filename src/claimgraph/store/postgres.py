"""The shared store: a PostgreSQL database (psycopg 3), for many readers and writers at once.

Writers of documents run beside each other, each document in its own transaction; a write that
collides with another process storing the same document or actor is run again. Fusion and the
migrations each take an advisory lock, so one process at a time does them: fusion waits for the
document writes under way (they hold the same lock, shared), so it never misses a report stored
before one it has fused.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, ClassVar

import psycopg
from psycopg import errors
from psycopg.conninfo import conninfo_to_dict

from claimgraph.errors import StoreError
from claimgraph.store import migrations
from claimgraph.store.dialect import Cursor, Dialect
from claimgraph.store.location import without_password
from claimgraph.store.sql import SQLStore

POSTGRESQL = Dialect(
    name="postgresql",
    error=psycopg.Error,
    has_migrations="SELECT to_regclass('schema_migrations') IS NOT NULL",
    list_agg="string_agg(DISTINCT {}, ',')",
    retry=(errors.UniqueViolation, errors.DeadlockDetected, errors.SerializationFailure),
)
_SCHEMA_LOCK = 0x636C_6772_0001  # advisory lock keys ("clgr" 1 and 2): migrating, and writing
_WRITE_LOCK = 0x636C_6772_0002
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


class Row(tuple[Any, ...]):
    """A result row read by position or by column name, as sqlite3.Row is."""

    __slots__ = ()
    names: ClassVar[dict[str, int]] = {}

    def __getitem__(self, key: Any) -> Any:
        return super().__getitem__(self.names[key] if isinstance(key, str) else key)

    def keys(self) -> list[str]:
        return list(self.names)


@lru_cache(maxsize=256)
def _row_type(columns: tuple[str, ...]) -> type[Row]:
    names: dict[str, int] = {}
    for i, name in enumerate(columns):
        names.setdefault(name, i)  # a name given twice reads the first, as in sqlite3.Row
    return type("Row", (Row,), {"__slots__": (), "names": names})


def _rows(cursor: Any) -> type[Row]:
    """Make the rows of a result: psycopg calls this once a query, and the type it gives once a row."""
    return _row_type(tuple(column.name for column in cursor.description or ()))


@lru_cache(maxsize=1024)
def _placeholders(sql: str) -> str:
    """Give the store's SQL with psycopg's placeholders: `?` becomes %s and `:name` %(name)s."""
    return _NAMED.sub(r"%(\1)s", sql.replace("%", "%%")).replace("?", "%s")


class PGConnection:
    """A psycopg connection (autocommit) that takes the store's SQL as written for sqlite3."""

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw

    def execute(self, sql: str, parameters: Any = (), /) -> Cursor:
        if not parameters:
            return self.raw.execute(sql)
        return self.raw.execute(_placeholders(sql), parameters)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> None:
        rows = list(parameters)
        if rows:
            with self.raw.cursor() as cursor:
                cursor.executemany(_placeholders(sql), rows)

    def close(self) -> None:
        self.raw.close()


class PostgresStore(SQLStore):
    """Documents, actors, mentions and claims in a PostgreSQL database."""

    dialect = POSTGRESQL
    conn: PGConnection

    def __init__(self, url: str) -> None:
        self.where = without_password(url)
        conninfo = "postgresql://" + url.split("://", 1)[1]  # postgresql+psycopg:// is SQLAlchemy's spelling
        options: dict[str, Any] = {"application_name": "claimgraph"}
        if "connect_timeout" not in conninfo_to_dict(conninfo):
            options["connect_timeout"] = 10
        try:
            raw = psycopg.connect(conninfo, autocommit=True, row_factory=_rows, **options)
        except psycopg.Error as e:
            raise StoreError(f"{self.where}: cannot connect ({_reason(e)})") from e
        self.conn = PGConnection(raw)
        try:
            self._migrate()
        except psycopg.Error as e:
            self.close()
            raise StoreError(f"{self.where}: cannot open the store ({_reason(e)})") from e
        except StoreError:
            self.close()
            raise

    @contextmanager
    def transaction(self) -> Iterator[PGConnection]:
        """Run a block as one write transaction, one process at a time (fusion): all of it, or none."""
        with self._locked("pg_advisory_xact_lock", _WRITE_LOCK):
            yield self.conn

    def _document_transaction(self) -> Any:
        return self._locked("pg_advisory_xact_lock_shared", _WRITE_LOCK)

    def _schema_transaction(self) -> Any:
        return self._locked("pg_advisory_xact_lock", _SCHEMA_LOCK)

    @contextmanager
    def _locked(self, function: str, key: int) -> Iterator[PGConnection]:
        with self.conn.raw.transaction():
            self.conn.execute(f"SELECT {function}(?)", (key,))
            yield self.conn

    def _pipeline(self) -> Any:
        return self.conn.raw.pipeline()

    def integrity(self) -> str:
        """Give 'ok' when every migration this code knows is recorded (PostgreSQL checks its own pages)."""
        known = {number for number, _, _ in migrations.available(self.dialect.name)}
        missing = sorted(known - self._applied())
        return "ok" if not missing else f"migrations missing: {missing}"


def _reason(e: BaseException) -> str:
    """Give the gist of a driver error on one line ('connection refused', 'database "x" does not exist')."""
    lines = str(e).strip().splitlines() or [type(e).__name__]
    text = lines[0].rsplit(" failed: ", 1)[-1].removeprefix("FATAL:").strip()
    return text[:1].lower() + text[1:]


__all__ = ["PostgresStore"]
