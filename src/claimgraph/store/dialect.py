"""What the SQL backends share (a connection taking `?` placeholders) and the little that differs (a dialect).

The store's SQL is written once, in the subset SQLite and PostgreSQL both read: `?` placeholders
(`:name` for named ones), `INSERT ... ON CONFLICT`, `NULLS FIRST/LAST` spelled out, the column
`"end"` quoted, store order as a `seq` column. A backend's connection takes that SQL as written
(PostgreSQL's rewrites the placeholders); rows are read by position or by column name.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol


class Cursor(Protocol):
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """A database connection in autocommit mode: `execute` runs one statement with `?` placeholders."""

    def execute(self, sql: str, parameters: Any = (), /) -> Cursor: ...
    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Any: ...
    def close(self) -> None: ...


@dataclass(frozen=True)
class Dialect:
    """The few things the store says differently to each backend."""

    name: str                                  # the folder of its migrations
    error: type[Exception]                     # what its driver raises
    has_migrations: str                        # SQL giving one row whose value is true once migrated
    list_agg: str                              # an aggregate joining distinct values ({}) with commas
    retry: tuple[type[Exception], ...] = ()    # errors of a concurrent writer: run the transaction again
