"""Opening the store for a command that reads the fused view: bring it up to date once, then read."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from claimgraph import fused_view
from claimgraph.errors import StoreError
from claimgraph.resolve.dates import check_date
from claimgraph.store import Store, is_url, open_store


def existing_store(db: str) -> Store:
    """Open a store a command reads: a mistyped --db is an error, not a new empty store."""
    if not is_url(db) and not Path(db).exists():
        raise StoreError(f"{db}: no store here (check --db, or ingest reports into it first)")
    return open_store(db)


@contextmanager
def fused_store(db: str) -> Iterator[Store]:
    """Give the store at `db` with the reports stored since the last fusion folded in."""
    with existing_store(db) as store:
        fused_view.fuse(store)
        yield store


def dated_filters(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """Give --since and --until as ISO dates; a value that is not a date is an error, not an empty answer."""
    return (check_date(since, what="--since") if since else None,
            check_date(until, what="--until") if until else None)
