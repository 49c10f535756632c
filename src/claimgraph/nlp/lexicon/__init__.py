"""Loading the relation cues and the attribution, modality and boilerplate word lists."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from claimgraph.data import load_yaml
from claimgraph.errors import ConfigError
from claimgraph.ontology import TYPES


@dataclass(frozen=True, slots=True)
class Frame:
    """How one cue word reads a relation from the parse."""

    lemma: str
    type: str
    target: tuple[str, ...]
    source: tuple[str, ...] = ()
    prt: str | None = None
    requires: tuple[str, ...] = ()
    when_target: tuple[str, ...] = ()
    nested: str | None = None
    alongside: str | None = None
    by_target: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, tuple[Frame, ...]]
    nouns: dict[str, tuple[Frame, ...]]
    adjectives: dict[str, tuple[Frame, ...]]
    words: dict[str, frozenset[str]]
    anaphors: dict[str, frozenset[str]]
    boilerplate: tuple[re.Pattern[str], ...]
    cut_after: tuple[re.Pattern[str], ...]

    def has(self, key: str, word: str) -> bool:
        return word in self.words[key]


def _frame(lemma: str, spec: dict[str, Any]) -> Frame:
    if spec.get("type") not in TYPES:
        raise ConfigError(f"cue {lemma!r}: unknown type {spec.get('type')!r}")
    return Frame(lemma=lemma, type=spec["type"], target=tuple(spec.get("target", ["dobj"])),
                 source=tuple(spec.get("source", [])), prt=spec.get("prt"),
                 requires=tuple(spec.get("requires", [])), when_target=tuple(spec.get("when_target", [])),
                 nested=spec.get("nested"), alongside=spec.get("alongside"),
                 by_target=tuple(sorted((spec.get("by_target") or {}).items())))


def _frames(section: dict[str, Any]) -> dict[str, tuple[Frame, ...]]:
    return {k: tuple(_frame(k, v) for v in (spec if isinstance(spec, list) else [spec]))
            for k, spec in section.items()}


@cache
def load_lexicon() -> Lexicon:
    """Give the lexicon shipped with claimgraph (read once)."""
    triggers = load_yaml("claimgraph.nlp.lexicon", "triggers.yaml")
    cues = load_yaml("claimgraph.nlp.lexicon", "cues.yaml")
    lists = {k: frozenset(str(w).lower() for w in v) for k, v in cues.items()
             if isinstance(v, list) and k not in ("boilerplate", "cut_after")}
    return Lexicon(
        verbs=_frames(triggers["verbs"]),
        nouns=_frames(triggers["nouns"]),
        adjectives=_frames(triggers["adjectives"]),
        words=lists,
        anaphors={k: frozenset(v) for k, v in cues["anaphors"].items()},
        boilerplate=tuple(re.compile(p, re.I) for p in cues["boilerplate"]),
        cut_after=tuple(re.compile(p, re.I) for p in cues["cut_after"]),
    )
