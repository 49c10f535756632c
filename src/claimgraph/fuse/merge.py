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
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from claimgraph.fuse.config import FusionConfig
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
    """A canonical actor of the fused graph and the names of the actors merged into it."""

    id: str
    name: str
    kind: str
    names: set[str] = field(default_factory=set)  # normalised names of its members
    fixed_name: bool = False  # the gazetteer's or the user's name: never replaced by a longer one


class ActorLinker:
    """Decide, actor by actor, which canonical actor each belongs to (no I/O: the caller stores)."""

    def __init__(self, config: FusionConfig, gazetteer: Gazetteer, *,
                 clusters: Iterable[tuple[str, str, str, bool]] = (),
                 links: Iterable[tuple[str, str, str]] = ()) -> None:
        self.config = config
        self.gazetteer = gazetteer
        self.clusters: dict[str, Cluster] = {}
        self.linked: dict[str, str] = {}
        self._by_key: dict[str, str] = {}
        self._by_last: dict[str, set[str]] = {}
        self._by_kind: dict[str, dict[str, str]] = {}
        for cid, name, kind, fixed in clusters:
            self.clusters[cid] = Cluster(cid, name, kind, fixed_name=fixed)
        for raw_id, canonical_id, raw_name in links:
            self.linked[raw_id] = canonical_id
            self._index(self.clusters[canonical_id], raw_name)

    # ---- deciding -------------------------------------------------------------------------

    def link(self, actor: Actor, *, seen_in: str = "") -> tuple[Link, Cluster] | None:
        """Give the new link of an actor not linked before, and its (new or grown) cluster."""
        if actor.id in self.linked:
            return None
        link = self._decide(actor, seen_in)
        cluster = self.clusters.get(link.canonical_id)
        if cluster is None:
            fixed = link.rule in ("gazetteer", "alias")
            name = self._alias_target(actor) if link.rule == "alias" else actor.name
            cluster = self.clusters[link.canonical_id] = Cluster(link.canonical_id, name or actor.name,
                                                                 actor.kind, fixed_name=fixed)
        elif not cluster.fixed_name and len(actor.name.split()) > len(cluster.name.split()):
            cluster.name = actor.name  # "Osama bin Laden" names the actor better than "Bin Laden"
        self.linked[actor.id] = link.canonical_id
        self._index(cluster, actor.name)
        return link, cluster

    def _decide(self, actor: Actor, seen_in: str) -> Link:
        own = Link(actor.id, actor.id, "own", f"first seen in {seen_in}" if seen_in else "first seen")
        if actor.kind in self.config.never_merge_kinds:
            return Link(actor.id, actor.id, "own", f"{actor.kind.lower()} actors are never merged across reports")
        target = self._alias_target(actor)
        if target is not None:
            known = self.gazetteer.lookup(target)
            cid = self._by_key.get(normalise(target)) or (known.id if known else actor_id(target))
            if self._compatible(actor, cid, also=(target,)):
                return Link(actor.id, cid, "alias", f"your aliases file names '{actor.name}' as '{target}'")
        known = self.gazetteer.lookup(actor.name)
        if known is not None and known.id == actor.id:
            return Link(actor.id, actor.id, "gazetteer", f"'{actor.name}' is a canonical actor of the gazetteer")
        key = self._key(actor)
        same = self._by_key.get(key)
        if same and same != actor.id and self._compatible(actor, same):
            return Link(actor.id, same, "same-name", f"'{actor.name}' is written as '{self.clusters[same].name}'")
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
        candidates = []
        for cid in sorted(self._by_last.get(words[-1], ())):
            cluster = self.clusters[cid]
            if cluster.kind == "PERSON" and any(_tail(words, n.split()) for n in cluster.names):
                candidates.append(cid)
        if len(candidates) == 1 and self._compatible(actor, candidates[0]):
            other = self.clusters[candidates[0]].name
            return Link(actor.id, candidates[0], "person-name",
                        f"'{actor.name}' and '{other}' end alike and no other person in the store does")
        if len(candidates) > 1:
            names = ", ".join(f"'{self.clusters[c].name}'" for c in candidates[:3])
            return Link(actor.id, actor.id, "own", f"'{actor.name}' could be any of {names}: not merged")
        return None

    def _spelling(self, actor: Actor, key: str) -> Link | None:
        if len(key) < self.config.fuzzy["min_length"]:
            return None
        names = self._by_kind.get(actor.kind, {})
        best = process.extractOne(key, list(names), scorer=fuzz.ratio, score_cutoff=self.config.fuzzy["min_ratio"])
        if best is None:
            return None
        cid = names[best[0]]
        if cid == actor.id or not self._compatible(actor, cid):
            return None
        return Link(actor.id, cid, "spelling",
                    f"'{actor.name}' is spelled like '{self.clusters[cid].name}' ({best[1]:.0f}% alike)")

    # ---- helpers ---------------------------------------------------------------------------

    def _alias_target(self, actor: Actor) -> str | None:
        return self.config.aliases.get(normalise(actor.name))

    def _key(self, actor: Actor) -> str:
        words = normalise(actor.name).split()
        if actor.kind == "PERSON":
            words = [w for w in words if w not in self.config.person_titles] or words
        return " ".join(words)

    def _compatible(self, actor: Actor, cid: str, *, also: tuple[str, ...] = ()) -> bool:
        cluster = self.clusters.get(cid)
        names = ({cluster.name, *cluster.names} if cluster else set()) | set(also)
        return not any(self.config.apart(actor.name, n) for n in names)

    def _index(self, cluster: Cluster, raw_name: str) -> None:
        actor = Actor(cluster.id, raw_name, cluster.kind)
        key = self._key(actor)
        cluster.names.add(normalise(raw_name))
        self._by_key.setdefault(key, cluster.id)
        self._by_key.setdefault(normalise(cluster.name), cluster.id)
        if key:
            self._by_last.setdefault(key.split()[-1], set()).add(cluster.id)
            self._by_kind.setdefault(cluster.kind, {}).setdefault(key, cluster.id)


def _tail(short: list[str], long: list[str]) -> bool:
    """Tell whether one name's words end the other's ('bin laden' ends 'osama bin laden')."""
    if len(short) > len(long):
        short, long = long, short
    return long[-len(short):] == short
