"""Where documents, actors and claims are kept: SQLite by default."""
from claimgraph.store.sqlite import SQLiteStore, WriteResult

__all__ = ["SQLiteStore", "WriteResult"]
