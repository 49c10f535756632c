"""SQLite and PostgreSQL keep the same rows and answer every question the same, from the same extractions.

The seed and dev2 reports are extracted once for the session (conftest) and stored, as ingest stores
them, into one store of each backend; then the two are compared row for row, and answer for answer.
"""
from __future__ import annotations

from typing import Any

import pytest

from claimgraph import fused_view
from claimgraph.store import Store, open_store
from tests.builders import everything
from tests.conftest import needs_shared

pytestmark = [needs_shared(), pytest.mark.model]


def answers(store: Store) -> dict[str, Any]:
    """Give what the fused view answers, asked every way the CLI and the workbench ask it."""
    ranked = fused_view.actors(store)
    relations = fused_view.relations(store, evidence=True)
    return {
        "documents": [{k: v for k, v in d.items() if k != "ingested_at"} for d in store.documents()],
        "claims": store.claims(),
        "actors": ranked,
        "each actor": [fused_view.actor(store, a["name"], why=True) for a in ranked[:25]],
        "relations": relations,
        "evidence": [fused_view.evidence(store, r["id"]) for r in relations[:25]],
        "strong": fused_view.relations(store, min_sources=2),
        "since": fused_view.relations(store, since="2021-07", until="2021-08"),
        "contradictions": fused_view.contradictions(store),
        "timeline": fused_view.timeline(store, undated=True),
        "outlets": fused_view.outlets(store),
        "graph": fused_view.graph(store),
        "search": fused_view.search(store, "Taliban"),
        "reports": [fused_view.document(store, d["name"]) for d in store.documents()[:10]],
        "stats": {k: v for k, v in store.stats().items()},
    }


@pytest.mark.parametrize("reports", ["seed_reports", "dev2_reports"])
def test_both_backends_keep_and_fuse_the_same_rows(reports: str, request: pytest.FixtureRequest, tmp_path) -> None:
    extracted = request.getfixturevalue(reports)
    cluster = request.getfixturevalue("pg")
    with open_store(extracted.store_in(tmp_path / "s.db")) as lite, \
            open_store(extracted.store_in(cluster.create_database())) as pg:
        rows = everything(lite)
        assert rows["claims"] and rows["fused relations"]
        assert everything(pg) == rows
        mine, theirs = answers(lite), answers(pg)
        for question, answer in mine.items():
            assert theirs[question] == answer, question
