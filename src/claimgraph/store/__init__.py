"""Where claimgraph keeps documents, claims and the fused view: one seam (`Store`), two backends."""
from __future__ import annotations

from pathlib import Path

from claimgraph.settings import DEFAULT_DB
from claimgraph.store.base import Status, Store, WriteResult
from claimgraph.store.location import is_url, without_password


def open_store(location: str | Path = DEFAULT_DB) -> Store:
    """Open (creating and migrating if needed) the store at `location`: a PostgreSQL URL or the
    path of an SQLite file."""
    if is_url(location):
        try:
            from claimgraph.store.postgres import PostgresStore
        except ImportError as e:
            from claimgraph.errors import StoreError

            raise StoreError(f"{without_password(str(location))}: PostgreSQL needs psycopg "
                             "(pip install 'claimgraph[pg]')") from e
        return PostgresStore(str(location))
    from claimgraph.store.sqlite import SQLiteStore

    return SQLiteStore(location)


__all__ = ["Status", "Store", "WriteResult", "is_url", "open_store"]
