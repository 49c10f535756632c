"""Where claimgraph keeps documents, claims and the fused view: one seam (`Store`), two backends."""
from __future__ import annotations

from pathlib import Path

from claimgraph.settings import DEFAULT_DB
from claimgraph.store.base import Status, Store, WriteResult

URL_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def is_url(location: str | Path) -> bool:
    """Tell whether a store location names a database server rather than an SQLite file."""
    return str(location).startswith(URL_SCHEMES)


def open_store(location: str | Path = DEFAULT_DB) -> Store:
    """Open (creating and migrating if needed) the store at `location`: a PostgreSQL URL or the
    path of an SQLite file."""
    if is_url(location):
        from claimgraph.errors import StoreError

        raise StoreError(f"{location}: this claimgraph has no PostgreSQL backend yet")
    from claimgraph.store.sqlite import SQLiteStore

    return SQLiteStore(location)


__all__ = ["Status", "Store", "WriteResult", "is_url", "open_store"]
