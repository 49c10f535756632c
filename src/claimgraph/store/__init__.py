"""Where documents, actors and claims are kept: SQLite by default."""
from claimgraph.store.sqlite import DEFAULT_DB, SQLiteStore, WriteResult

__all__ = ["DEFAULT_DB", "SQLiteStore", "WriteResult"]
