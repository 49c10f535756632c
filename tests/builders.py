"""Building stores by hand for fusion tests: documents with claims and mentions, no spaCy needed."""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from claimgraph.records import Actor, Claim, Document, Evidence, Mention
from claimgraph.resolve.canonical import make_actor
from claimgraph.resolve.names import doc_id
from claimgraph.store import Store, WriteResult

_WORDS = ("river valley border council market winter convoy ministry harbour province treaty village "
          "election pipeline drought festival railway garrison refugee customs bridge embassy harvest").split()


def filler(seed: int, words: int = 120) -> str:
    """Give a paragraph of words unlike any other seed's (for near-duplicate tests)."""
    rng = random.Random(seed)
    return " ".join(rng.choice(_WORDS) for _ in range(words)) + "."


@dataclass
class Report:
    """A report to store: its text, outlet, and claims as (source, type, target, options) tuples."""

    name: str
    text: str
    outlet: str | None = None
    date: str | None = None
    claims: list[tuple[Actor, str, Actor, dict]] = field(default_factory=list)
    mentions: list[Actor] = field(default_factory=list)

    def claim(self, source: Actor, type_: str, target: Actor, **options) -> Report:
        self.claims.append((source, type_, target, options))
        return self

    def store_in(self, store: Store) -> WriteResult:
        doc = Document(id=doc_id(self.text), name=self.name, text=self.text, outlet=self.outlet, date=self.date)
        claims = [Claim(doc=self.name, source=s, type=t, target=o, evidence=Evidence(0, 20, self.text[:20]),
                        negated=opt.get("negated", False), speaker=opt.get("speaker"), hedged=False,
                        date=opt.get("date"), quantity=opt.get("quantity"), rule="test")
                  for s, t, o, opt in self.claims]
        actors = {a.id: a for s, _, o, opt in self.claims for a in (s, o, opt.get("speaker")) if a} | \
                 {a.id: a for a in self.mentions}
        mentions = [Mention(self.name, a, i, i + 1, a.name, "ner") for i, a in enumerate(actors.values())]
        return store.write_document(doc, mentions=mentions, claims=claims, model="test", version="1")


def person(name: str) -> Actor:
    return make_actor(name, "PERSON")


def org(name: str, kind: str = "ORG") -> Actor:
    return make_actor(name, kind)


def media(name: str) -> Actor:
    return make_actor(name, "MEDIA")


FUSED = {
    "relations": "SELECT * FROM relations",
    "members": "SELECT * FROM relation_members",
    "links": "SELECT actor_id, canonical_id, rule, detail FROM actor_links",
    "actors": "SELECT * FROM fused_actors",
    "docs": "SELECT doc_id, group_id, origin, relay FROM fused_docs",
    "claims": "SELECT * FROM claim_links",
}
STORED = {
    "documents": "SELECT id, name, title, author, outlet, date, url, source, format, text, words FROM documents",
    "actors": "SELECT * FROM actors",
    "names": "SELECT * FROM actor_names",
    "mentions": "SELECT * FROM mentions",
    "claims": "SELECT * FROM claims",
    "extractions": "SELECT doc_id, model, version FROM extractions",
    "state": "SELECT * FROM fusion_state",
}


def rows(store: Store, queries: dict[str, str]) -> dict[str, list[tuple]]:
    """Give each query's rows, sorted (the order of a table's rows is no backend's promise)."""
    conn = store.conn  # both backends have one (the Store seam does not)
    return {k: sorted(tuple(r) for r in conn.execute(sql)) for k, sql in queries.items()}


def snapshot(store: Store) -> dict[str, list[tuple]]:
    """Give the whole fused view as sorted rows, to compare two ways of reaching it."""
    return rows(store, FUSED)


def everything(store: Store) -> dict[str, list[tuple]]:
    """Give every row a store keeps (but when it was written), to tell whether something wrote."""
    return rows(store, STORED) | {f"fused {k}": v for k, v in snapshot(store).items()}
