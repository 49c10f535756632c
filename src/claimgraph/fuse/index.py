"""The actor index: what the actor linker looks up, entry by entry, instead of holding every actor.

The linker (merge.py) asks a few narrow questions about the actors linked so far — is this
actor linked already, which actor first had this name, which people end with this surname, which
names of this kind could be spelling variants of this one — and adds one entry for each new
link. In the store these are indexed tables (store/actor_index.py), so folding a report in costs
a few indexed lookups per new actor however many actors the store holds; `MemoryIndex` answers
the same questions from dictionaries (the linker's rules tested alone, with no store).

Spelling variants are found without comparing a name with every name of its kind. Two names
rapidfuzz rates at least `min_ratio` alike are within a few (k) insertions and deletions of each
other, and their lengths differ by at most as many. Cut the name into m three-letter pieces: each
edit breaks one piece at most, so at least m - k are left whole, each at most k letters from
where it was. So the candidates are the names of the same kind, in the length band, that hold
m - k of those pieces near their places (`spelling_probe`), found through an index of every
name's pieces and their places (`grams`): every name the full comparison would find, in the
same order, and few others.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

GRAM = 3  # letters in a piece of a name, for finding spelling variants


@dataclass(frozen=True, slots=True)
class Probe:
    """Where to look for the spelling variants of a name: a length band, and pieces near their places."""

    shortest: int
    longest: int
    pieces: tuple[tuple[str, int, int], ...]  # (piece, first place, last place); empty: the band alone
    enough: int = 1  # how many of the pieces a name must hold


@dataclass(frozen=True, slots=True)
class Entry:
    """What one new link adds to the index."""

    actor_id: str
    canonical_id: str
    rule: str
    detail: str
    name_key: str               # the actor's normalised name: a name of its canonical actor from now on
    keys: tuple[str, ...]       # names the canonical actor is now found under (the first actor to take one keeps it)
    surname: str | None         # the last word of a person's name, to find the people it may end
    cluster: tuple[str, str, str, bool]  # the canonical actor: id, name, kind, fixed name
    spelling: str | None        # the name key spelling variants are compared with (kinds that merge so)
    pieces: tuple[tuple[str, int], ...] = ()  # that key's pieces and their places (`grams`)


class ActorIndex(Protocol):
    """The questions the linker asks about the actors linked so far, and how it adds a link."""

    def canonical_ids(self, actor_ids: Sequence[str]) -> dict[str, str]:
        """Give the canonical id of each of these actors that is linked already."""
        ...

    def canonical_actor(self, canonical_id: str) -> tuple[str, str, bool] | None:
        """Give a canonical actor's (name, kind, fixed name), if there is one."""
        ...

    def member_names(self, canonical_id: str) -> list[str]:
        """Give the normalised names of the actors linked to a canonical actor."""
        ...

    def first_with_key(self, key: str) -> str | None:
        """Give the canonical actor that first took this name key."""
        ...

    def people_ending(self, surname: str) -> list[tuple[str, str]]:
        """Give (canonical id, member name) of every person a linked name ending in `surname` belongs to."""
        ...

    def spelled_like(self, kind: str, probe: Probe) -> list[tuple[str, str]]:
        """Give (name key, canonical id) of names of a kind that may be spelling variants, in the order indexed."""
        ...

    def add_link(self, entry: Entry) -> None:
        """Record a new link, its canonical actor (new or renamed), and the keys it is found under."""
        ...


def grams(key: str) -> list[tuple[str, int]]:
    """Give every piece of a name with its place, to be indexed."""
    return [(key[i:i + GRAM], i) for i in range(len(key) - GRAM + 1)]


def spelling_probe(key: str, *, min_ratio: float) -> Probe:
    """Give where the names at least `min_ratio` alike with `key` (rapidfuzz ratio) must be.

    ratio = 100 * (1 - d / (m + n)) for d insertions and deletions between names of m and n
    letters, so d <= t * (m + n) with t = 1 - min_ratio / 100, and |m - n| <= d.
    """
    t = 1 - min_ratio / 100
    n = len(key)
    shortest = math.ceil(n * (1 - t) / (1 + t) - 1e-9)
    longest = math.floor(n * (1 + t) / (1 - t) + 1e-9)
    edits = math.floor(t * (n + longest) + 1e-9)
    cut = n // GRAM
    if cut <= edits:  # too short to keep a piece whole for sure: the band alone
        return Probe(shortest, longest, ())
    pieces = tuple((key[i * GRAM:(i + 1) * GRAM], i * GRAM - edits, i * GRAM + edits) for i in range(cut))
    return Probe(shortest, longest, pieces, cut - edits)


@dataclass
class MemoryIndex:
    """The actor index in dictionaries: for the linker without a store (its rules tested alone)."""

    links: dict[str, str] = field(default_factory=dict)
    actors: dict[str, tuple[str, str, bool]] = field(default_factory=dict)
    names: dict[str, set[str]] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    surnames: dict[str, set[str]] = field(default_factory=dict)
    spellings: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> key -> canonical id

    def canonical_ids(self, actor_ids: Sequence[str]) -> dict[str, str]:
        return {a: self.links[a] for a in actor_ids if a in self.links}

    def canonical_actor(self, canonical_id: str) -> tuple[str, str, bool] | None:
        return self.actors.get(canonical_id)

    def member_names(self, canonical_id: str) -> list[str]:
        return sorted(self.names.get(canonical_id, ()))

    def first_with_key(self, key: str) -> str | None:
        return self.keys.get(key)

    def people_ending(self, surname: str) -> list[tuple[str, str]]:
        return [(cid, n) for cid in sorted(self.surnames.get(surname, ())) for n in sorted(self.names[cid])]

    def spelled_like(self, kind: str, probe: Probe) -> list[tuple[str, str]]:
        return list(self.spellings.get(kind, {}).items())  # every name of the kind: what the probe must match

    def add_link(self, entry: Entry) -> None:
        cid, name, kind, fixed = entry.cluster
        self.links[entry.actor_id] = cid
        self.actors[cid] = (name, kind, fixed)
        self.names.setdefault(cid, set()).add(entry.name_key)
        for key in entry.keys:
            self.keys.setdefault(key, cid)
        if entry.surname:
            self.surnames.setdefault(entry.surname, set()).add(cid)
        if entry.spelling:
            self.spellings.setdefault(kind, {}).setdefault(entry.spelling, cid)
