"""A generated store for benchmarks: thousands of reports, hundreds of actors, no spaCy needed.

Reports are stored with their claims the way `ingest` stores them, so fusion, the workbench and
the exports can be measured at a size no example set reaches. One report in twenty is a
near-copy of an earlier one under another outlet (syndication), one in ten relays a wire.
"""
from __future__ import annotations

import random

from claimgraph.ontology import TYPES
from claimgraph.records import Actor, Claim, Document, Evidence, Mention
from claimgraph.resolve.canonical import make_actor
from claimgraph.resolve.names import doc_id
from claimgraph.store.sqlite import SQLiteStore

_SYLLABLES = "ka ri mo sa ten lu vor an del ish ba gor mi na tu rez ol han fi quo".split()
_WORDS = ("talks border convoy ministry province treaty village election pipeline drought railway garrison "
          "refugee customs bridge embassy harvest council market winter valley harbour shelling ceasefire").split()
_KINDS = ["PERSON"] * 5 + ["ORG", "ARMED_GROUP", "PARTY", "COUNTRY", "IGO"]


def _name(rng: random.Random, words: int) -> str:
    return " ".join("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).title() for _ in range(words))


def make_actors(n: int, *, seed: int = 1) -> list[Actor]:
    """Give n distinct made-up actors of mixed kinds."""
    rng = random.Random(seed)
    seen: dict[str, Actor] = {}
    while len(seen) < n:
        kind = rng.choice(_KINDS)
        name = _name(rng, 2 if kind == "PERSON" else rng.randint(1, 3))
        seen.setdefault(name.lower(), make_actor(name, kind))
    return list(seen.values())


def make_reports(n: int, *, actors: int = 500, seed: int = 2):
    """Give n (Document, mentions, claims) triples over a pool of made-up actors."""
    rng = random.Random(seed)
    pool = make_actors(actors)
    outlets = [_name(rng, 2) + " News" for _ in range(40)]
    wires = [make_actor(o, "MEDIA") for o in outlets[:3]]
    made: list[str] = []
    for i in range(n):
        outlet = rng.choice(outlets)
        if made and rng.random() < 0.05:
            text = rng.choice(made) + f" Reporting by staff of {outlet}."
        else:
            text = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(250, 500))) + f" Report {i}."
        made.append(text)
        name = f"report-{i:05d}.txt"
        claims, mentions = [], []
        wire = rng.choice(wires) if rng.random() < 0.1 else None
        for _ in range(rng.randint(5, 15)):
            a, b = rng.sample(pool[: max(20, int(len(pool) * rng.random() ** 2))], 2)  # a few actors are everywhere
            speaker = wire or (rng.choice(pool) if rng.random() < 0.3 else None)
            start = rng.randrange(0, len(text) - 40)
            date = f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}" if rng.random() < 0.3 else None
            claims.append(Claim(doc=name, source=a, type=rng.choice(TYPES), target=b,
                                evidence=Evidence(start, start + 40, text[start:start + 40]),
                                negated=rng.random() < 0.05, speaker=speaker, hedged=rng.random() < 0.2,
                                date=date,
                                rule="synthetic"))
            mentions += [Mention(name, x, start, start + 5, x.name, "ner") for x in (a, b)]
        if wire:
            mentions.append(Mention(name, wire, 0, 5, wire.name, "gazetteer"))
        doc = Document(id=doc_id(text), name=name, text=text, outlet=outlet,
                       date=f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        yield doc, mentions, claims


def build_store(path: str, n: int, *, actors: int = 500) -> SQLiteStore:
    """Give a store holding n generated reports (claims stored, not yet fused)."""
    store = SQLiteStore(path)
    for doc, mentions, claims in make_reports(n, actors=actors):
        store.write_document(doc, mentions=mentions, claims=claims, model="synthetic", version="1")
    return store
