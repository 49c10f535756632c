"""What every export needs, gathered once from the store: actors, relations with evidence, documents."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimgraph import fused_view
from claimgraph.store import Store


@dataclass(frozen=True)
class Snapshot:
    """The fused view (filtered as the user asked) as plain rows."""

    actors: list[dict[str, Any]]
    relations: list[dict[str, Any]]  # each with "evidence": its claims
    documents: list[dict[str, Any]]  # the reports behind the relations (metadata, no text)


def gather(store: Store, **filters: Any) -> Snapshot:
    """Give the relations matching the filters (as in `claimgraph relations`), their actors and reports.

    Only reads: the caller brings the fused view up to date first (`fused_view.fuse`, or the CLI's
    `fused_store`).
    """
    relations = fused_view.relations(store, evidence=True, **filters)
    used = {r["source_id"] for r in relations} | {r["target_id"] for r in relations}
    actors = [a for a in fused_view.actors(store) if a["id"] in used]
    doc_ids = {e["doc_id"] for r in relations for e in r["evidence"]}
    documents = [row for row in store.documents() if row["id"] in doc_ids]
    return Snapshot(actors, relations, documents)
