"""What every export needs, gathered once from the store: actors, relations with evidence, documents."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimgraph import fused_view
from claimgraph.store.sqlite import SQLiteStore


@dataclass(frozen=True)
class Snapshot:
    """The fused view (filtered as the user asked) as plain rows."""

    actors: list[dict[str, Any]]
    relations: list[dict[str, Any]]  # each with "evidence": its claims
    documents: list[dict[str, Any]]


def gather(store: SQLiteStore, **filters: Any) -> Snapshot:
    """Give the relations matching the filters (as in `claimgraph relations`), their actors and reports."""
    relations = fused_view.relations(store, evidence=True, **filters)
    used = {r["source_id"] for r in relations} | {r["target_id"] for r in relations}
    actors = [a for a in fused_view.actors(store) if a["id"] in used]
    docs = {e["doc_id"] for r in relations for e in r["evidence"]}
    documents = [d for d in store.documents() if d["id"] in docs]
    return Snapshot(actors, relations, documents)
