"""The one error tree of claimgraph.

    ClaimgraphError                 anything claimgraph raises on purpose
     ├── InputError                 one input (file, record, page) cannot be read; names it and why
     ├── StoreError                 the database cannot be opened, migrated or written
     ├── ModelError                 the spaCy pipeline asked for is not installed or not usable
     ├── ConfigError                a data or settings file is malformed
     └── QueryError                 a query names an actor, type or value the store does not have

The library never prints or exits: the CLI turns these into one line and an exit code,
the HTTP API into one JSON error shape.
"""
from __future__ import annotations


class ClaimgraphError(Exception):
    """Base class of every error claimgraph raises on purpose."""


class InputError(ClaimgraphError):
    """One input could not be read; `where` names it (path, path:line or record id)."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


class StoreError(ClaimgraphError):
    """The store could not be opened, migrated or written."""


class ModelError(ClaimgraphError):
    """The spaCy pipeline asked for cannot be loaded."""


class ConfigError(ClaimgraphError):
    """A data file or setting is malformed."""


class QueryError(ClaimgraphError):
    """A query names an actor, a type or a value that the store does not have."""
