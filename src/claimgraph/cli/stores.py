"""Opening the store for a command that reads the fused view: bring it up to date once, then read."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from claimgraph import fused_view
from claimgraph.store import Store, open_store


@contextmanager
def fused_store(db: str) -> Iterator[Store]:
    """Give the store at `db` with the reports stored since the last fusion folded in."""
    with open_store(db) as store:
        fused_view.fuse(store)
        yield store
