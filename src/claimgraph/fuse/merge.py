"""Merging the actors of many reports into one canonical actor each, with the reason for every merge.

Extraction already gives gazetteer actors one id whatever they are called in the text ("TIP",
"Turkistan Islamic Party" -> ETIM). What is left to merge across reports are the actors the
gazetteer does not know: people written with and without first names or titles ("Bin Laden",
"Osama bin Laden"), spelling variants of one organisation, and the user's own aliases.
Merges are first come, first served in the order reports were stored, so adding reports one by
one gives the same actors as fusing them all at once.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from claimgraph.fuse.config import FusionConfig
from claimgraph.fuse.index import ActorIndex, Entry, MemoryIndex, grams, spelling_probe
from claimgraph.records import Actor
from claimgraph.resolve.canonical import Gazetteer
from claimgraph.resolve.names import actor_id, normalise


@dataclass(frozen=True, slots=True)
class Link:
    """Which canonical actor a stored actor belongs to, by which rule, and why."""

    actor_id: str
    canonical_id: str
    rule: str  # gazetteer, alias, same-name, person-name, spelling, own
    detail: str


@dataclass
class Cluster:
    """A canonical actor of the fused graph."""

    id: str
    name: str
    kind: str
    fixed_name: bool = False  # the gazetteer's or the user's name: never replaced by a longer one


class ActorLinker:
    """Decide, actor by actor, which canonical actor each belongs to.

    What was linked before is looked up in an actor index (the store's, or one in memory), a few
    narrow questions per new actor, and each new link is added to it at once: an actor later in
    the same report sees it.
    """

    def __init__(self, config: FusionConfig, gazetteer: Gazetteer, *, index: ActorIndex | None = None) -> None:
        self.config = config
        self.gazetteer = gazetteer
        self.index: ActorIndex = index if index is not None else MemoryIndex()
        self.linked: dict[str, str] = {}  # actor id -> canonical id, for the actors this linker has seen
        self._unlinked: set[str] = set()  # actors looked up and found not linked yet
        self._clusters: dict[str, Cluster | None] = {}
        self._apart = frozenset(name for pair in config.keep_apart for name in pair)

    # ---- deciding -------------------------------------------------------------------------

    def look_up(self, actor_ids: Iterable[str]) -> None:
        """Learn which of these actors are linked already (one question for a whole report)."""
        todo = sorted({a for a in actor_ids if a not in self.linked and a not in self._unlinked})
        if todo:
            found = self.index.canonical_ids(todo)
            self.linked.update(found)
            self._unlinked.update(a for a in todo if a not in found)

    def link(self, actor: Actor, *, seen_in: str = "") -> tuple[Link, Cluster] | None:
        """Give the new link of an actor not linked before, and its (new or grown) cluster."""
        self.look_up([actor.id])
        if actor.id in self.linked:
            return None
        link = self._decide(actor, seen_in)
        cluster = self._cluster(link.canonical_id)
        if cluster is None:
            fixed = link.rule in ("gazetteer", "alias")
            name = self._alias_target(actor) if link.rule == "alias" else actor.name
            cluster = self._clusters[link.canonical_id] = Cluster(link.canonical_id, name or actor.name, actor.kind,
                                                                  fixed_name=fixed)
        elif not cluster.fixed_name and len(actor.name.split()) > len(cluster.name.split()):
            cluster.name = actor.name  # "Osama bin Laden" names the actor better than "Bin Laden"
        self.linked[actor.id] = link.canonical_id
        self._unlinked.discard(actor.id)
        self.index.add_link(self._entry(link, cluster, actor.name))
        return link, cluster

    def _decide(self, actor: Actor, seen_in: str) -> Link:
        own = Link(actor.id, actor.id, "own", f"first seen in {seen_in}" if seen_in else "first seen")
        if actor.kind in self.config.never_merge_kinds:
            return Link(actor.id, actor.id, "own", f"{actor.kind.lower()} actors are never merged across reports")
        target = self._alias_target(actor)
        if target is not None:
            known = self.gazetteer.lookup(target)
            cid = self.index.first_with_key(normalise(target)) or (known.id if known else actor_id(target))
            if self._compatible(actor, cid, also=(target,)):
                return Link(actor.id, cid, "alias", f"your aliases file names '{actor.name}' as '{target}'")
        known = self.gazetteer.lookup(actor.name)
        if known is not None and known.id == actor.id:
            return Link(actor.id, actor.id, "gazetteer", f"'{actor.name}' is a canonical actor of the gazetteer")
        key = self._key(actor.name, actor.kind)
        same = self.index.first_with_key(key)
        if same and same != actor.id and self._compatible(actor, same):
            return Link(actor.id, same, "same-name", f"'{actor.name}' is written as '{self._name(same)}'")
        if actor.kind == "PERSON":
            found = self._person(actor, key)
            if found is not None:
                return found
        if actor.kind in self.config.fuzzy["kinds"]:
            found = self._spelling(actor, key)
            if found is not None:
                return found
        return own

    def _person(self, actor: Actor, key: str) -> Link | None:
        words = key.split()
        if not words:
            return None
        names: dict[str, list[str]] = {}
        for cid, name in self.index.people_ending(words[-1]):
            names.setdefault(cid, []).append(name)
        candidates = [cid for cid in sorted(names) if any(_tail(words, n.split()) for n in names[cid])]
        if len(candidates) == 1 and self._compatible(actor, candidates[0]):
            other = self._name(candidates[0])
            return Link(actor.id, candidates[0], "person-name",
                        f"'{actor.name}' and '{other}' end alike and no other person in the store does")
        if len(candidates) > 1:
            listed = ", ".join(f"'{self._name(c)}'" for c in candidates[:3])
            return Link(actor.id, actor.id, "own", f"'{actor.name}' could be any of {listed}: not merged")
        return None

    def _spelling(self, actor: Actor, key: str) -> Link | None:
        if len(key) < self.config.fuzzy["min_length"]:
            return None
        ratio = self.config.fuzzy["min_ratio"]
        names = self.index.spelled_like(actor.kind, spelling_probe(key, min_ratio=ratio))
        best = process.extractOne(key, [n for n, _ in names], scorer=fuzz.ratio, score_cutoff=ratio)
        if best is None:
            return None
        cid = names[best[2]][1]
        if cid == actor.id or not self._compatible(actor, cid):
            return None
        return Link(actor.id, cid, "spelling",
                    f"'{actor.name}' is spelled like '{self._name(cid)}' ({best[1]:.0f}% alike)")

    # ---- helpers ---------------------------------------------------------------------------

    def _alias_target(self, actor: Actor) -> str | None:
        return self.config.aliases.get(normalise(actor.name))

    def _key(self, name: str, kind: str) -> str:
        words = normalise(name).split()
        if kind == "PERSON":
            words = [w for w in words if w not in self.config.person_titles] or words
        return " ".join(words)

    def _cluster(self, cid: str) -> Cluster | None:
        if cid not in self._clusters:
            row = self.index.canonical_actor(cid)
            self._clusters[cid] = None if row is None else Cluster(cid, row[0], row[1], fixed_name=row[2])
        return self._clusters[cid]

    def _name(self, cid: str) -> str:
        cluster = self._cluster(cid)
        return cluster.name if cluster else cid

    def _compatible(self, actor: Actor, cid: str, *, also: tuple[str, ...] = ()) -> bool:
        if normalise(actor.name) not in self._apart:
            return True  # named in no keep-apart pair: nothing to look up
        cluster = self._cluster(cid)
        names = ({cluster.name, *self.index.member_names(cid)} if cluster else set()) | set(also)
        return not any(self.config.apart(actor.name, n) for n in names)

    def _entry(self, link: Link, cluster: Cluster, raw_name: str) -> Entry:
        """Give what a new link adds to the index: its names under the canonical actor's kind."""
        key = self._key(raw_name, cluster.kind)
        spelling = key if key and cluster.kind in self.config.fuzzy["kinds"] else None
        return Entry(link.actor_id, link.canonical_id, link.rule, link.detail, name_key=normalise(raw_name),
                     keys=(key, normalise(cluster.name)),
                     surname=key.split()[-1] if key and cluster.kind == "PERSON" else None,
                     cluster=(cluster.id, cluster.name, cluster.kind, cluster.fixed_name),
                     spelling=spelling, pieces=tuple(grams(spelling)) if spelling else ())


def _tail(short: list[str], long: list[str]) -> bool:
    """Tell whether one name's words end the other's ('bin laden' ends 'osama bin laden')."""
    if len(short) > len(long):
        short, long = long, short
    return long[-len(short):] == short
