"""The actor index in the store: the same links as comparing with every actor, found through indexes only.

Fusion looks actors up in indexed tables instead of loading every actor link on each run (fuse/index.py);
these tests hold it to what the in-memory rules decide, and to reading by index, never a whole table.
"""
from __future__ import annotations

import random
import re

import pytest
from rapidfuzz import fuzz

from claimgraph import fused_view
from claimgraph.fuse.config import load_config
from claimgraph.fuse.index import GRAM, MemoryIndex, spelling_probe
from claimgraph.fuse.merge import ActorLinker
from claimgraph.records import Actor
from claimgraph.resolve.canonical import load_gazetteer, make_actor
from claimgraph.store import open_store
from tests.made_up import made_up_actors, made_up_reports

# ---- the spelling probe finds every name the full comparison would ---------------------------------

def admitted(key: str, other: str, *, min_ratio: float) -> bool:
    """Tell whether a name is among those the probe of `key` fetches (what the store's query selects)."""
    probe = spelling_probe(key, min_ratio=min_ratio)
    if not probe.shortest <= len(other) <= probe.longest:
        return False
    held = [any(other[p:p + GRAM] == piece for p in range(max(0, lo), hi + 1)) for piece, lo, hi in probe.pieces]
    return not probe.pieces or sum(held) >= probe.enough


@pytest.mark.parametrize("min_ratio", [92, 85, 75])
def test_the_probe_admits_every_name_alike_enough(min_ratio):
    rng = random.Random(min_ratio)
    keys = [a.name.lower() for a in made_up_actors(600, seed=min_ratio)]
    keys += [re.sub(r"[aeiou]", lambda m: rng.choice("aeiou"), k, count=2) for k in keys[:200]]  # two vowels changed
    alike = [(a, b) for a in keys if len(a) >= 8 for b in keys if fuzz.ratio(a, b) >= min_ratio]
    assert len(alike) > len(keys)  # not only each name with itself
    assert all(admitted(a, b, min_ratio=min_ratio) for a, b in alike)


def test_the_probe_fetches_few_of_the_names():
    # names made of 19 syllables are far more alike than real ones, and still 3 in 100 are fetched
    keys = [a.name.lower() for a in made_up_actors(2000, seed=3)]
    asked = [k for k in keys if len(k) >= 8][:100]
    fetched = sum(admitted(a, k, min_ratio=92) for a in asked for k in keys)
    assert fetched / (len(asked) * len(keys)) < 0.05


# ---- the store's index decides what the dictionaries decide -------------------------------------------

def decided(linker: ActorLinker, actor: Actor) -> tuple | None:
    """Give the link a linker makes for an actor and its canonical actor as it is then."""
    made = linker.link(actor, seen_in="r")
    if made is None:
        return None
    link, cluster = made
    return link, (cluster.id, cluster.name, cluster.kind, cluster.fixed_name)


def test_the_store_index_links_as_the_rules_do_in_memory(store_location):
    config = load_config("aliases:\n  Kari Mosa: [Tenlu Vordel]\nkeep_apart:\n  - [Kamo, Kamo Ri]\n")
    actors = made_up_actors(700, seed=7) + [make_actor(n, "PERSON") for n in ("Kamo Ri", "Kamo", "Tenlu Vordel")]
    memory = ActorLinker(config, load_gazetteer(), index=MemoryIndex())
    expected = [decided(memory, a) for a in actors]
    with open_store(store_location) as store, store.transaction():
        linker = ActorLinker(config, load_gazetteer(), index=store)
        found = [decided(linker, a) for a in actors]
    assert found == expected
    rules = {made[0].rule for made in expected if made}
    assert rules >= {"own", "same-name", "person-name", "spelling", "alias"}


def test_a_store_reopened_links_as_one_that_saw_every_actor(store_location):
    actors = made_up_actors(400, seed=8)
    memory = ActorLinker(load_config(), load_gazetteer())
    expected = [decided(memory, a) for a in actors]
    found = []
    with open_store(store_location) as store:
        for start in range(0, len(actors), 50):  # a new linker, and transaction, for each 50: as fusion runs
            with store.transaction():
                linker = ActorLinker(load_config(), load_gazetteer(), index=store)
                found += [decided(linker, a) for a in actors[start:start + 50]]
    assert found == expected


# ---- folding a report in reads by index, never a whole table -----------------------------------------

def test_folding_a_report_in_searches_indexes_and_scans_no_table(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        for r in made_up_reports(60, seed=1):
            r.store_in(store)
        fused_view.fuse(store)
        for r in made_up_reports(3, seed=2):
            r.store_in(store)
        said: list[str] = []
        store.conn.set_trace_callback(said.append)
        assert fused_view.fuse(store).added == 3
        store.conn.set_trace_callback(None)
        scans = set()
        for sql in said:
            if sql.lstrip().startswith(("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")):
                plan = [row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql)]
                made = {step.split()[1] for step in plan if step.startswith(("MATERIALIZE ", "CO-ROUTINE "))}
                scans |= {(step, sql[:90]) for step in plan if step.startswith("SCAN ")  # a table read whole
                          and step.split()[1] not in made and "CONSTANT ROW" not in step}
        assert len(said) > 100 and scans == set()
