"""Loading the relation cues and the attribution, modality and boilerplate word lists."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from claimgraph.data import check_keys, load_yaml
from claimgraph.errors import ConfigError
from claimgraph.ontology import ACTOR_KINDS, TYPES
from claimgraph.resolve.names import name_words


@dataclass(frozen=True, slots=True)
class Frame:
    """How one cue word reads a relation from the parse."""

    lemma: str
    type: str
    target: tuple[str, ...]
    prt: str | None = None
    requires: tuple[str, ...] = ()
    when_target: tuple[str, ...] = ()
    alongside: str | None = None
    by_target: tuple[tuple[str, str], ...] = ()
    object: tuple[str, ...] = ()  # lemmas the direct object must have ("open fire on")
    cameo: str | None = None  # the CAMEO code a derived frame comes from


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, tuple[Frame, ...]]
    nouns: dict[str, tuple[Frame, ...]]
    adjectives: dict[str, tuple[Frame, ...]]
    words: dict[str, frozenset[str]]
    anaphors: dict[str, frozenset[str]]
    intent: dict[str, str]  # the type a stated intention takes: AID -> AGREE, ASSAULT -> THREATEN
    boilerplate: re.Pattern[str]  # each pattern section in one alternation: one search a paragraph
    cut_after: re.Pattern[str]
    furniture_lines: re.Pattern[str]  # every furniture pattern in one alternation: one search a line
    cue_words: frozenset[str] = frozenset()  # every word a relation reading can start from


FRAME_KEYS = frozenset({"type", "target", "prt", "requires", "when_target", "alongside", "by_target", "object",
                        "cameo"})
TRIGGER_SECTIONS = ("verbs", "nouns", "adjectives", "intent")
PATTERN_SECTIONS = ("boilerplate", "cut_after", "furniture_lines")  # regular expressions
SLOTS = ("dobj", "dative", "attr", "clause-subject")
SLOT_PREFIXES = ("prep:", "object-prep:")


def _frame(lemma: str, spec: dict[str, Any], where: str) -> Frame:
    check_keys(spec, f"{where}: cue {lemma!r}", FRAME_KEYS, required=("type",))
    if spec.get("type") not in TYPES:
        raise ConfigError(f"{where}: cue {lemma!r}: unknown type {spec.get('type')!r}")
    target = tuple(spec.get("target", ["dobj"]))
    bad = [t for t in target if t not in SLOTS and not t.startswith(SLOT_PREFIXES)]
    if bad:
        raise ConfigError(f"{where}: cue {lemma!r}: unknown target slots {bad}")
    kinds = [*spec.get("when_target", []), *(spec.get("by_target") or {})]
    if any(k not in ACTOR_KINDS for k in kinds):
        raise ConfigError(f"{where}: cue {lemma!r}: unknown actor kinds {[k for k in kinds if k not in ACTOR_KINDS]}")
    if any(t not in TYPES for t in [*(spec.get("by_target") or {}).values(),
                                    *([spec["alongside"]] if spec.get("alongside") else [])]):
        raise ConfigError(f"{where}: cue {lemma!r}: unknown type in by_target or alongside")
    return Frame(lemma=lemma, type=spec["type"], target=target, prt=spec.get("prt"),
                 requires=tuple(spec.get("requires", [])), when_target=tuple(spec.get("when_target", [])),
                 alongside=spec.get("alongside"), by_target=tuple(sorted((spec.get("by_target") or {}).items())),
                 object=tuple(spec.get("object", [])), cameo=spec.get("cameo"))


def _frames(section: dict[str, Any], where: str) -> dict[str, tuple[Frame, ...]]:
    return {str(k): tuple(_frame(str(k), v, where) for v in (spec if isinstance(spec, list) else [spec]))
            for k, spec in (section or {}).items()}


def _merged(hand: dict[str, tuple[Frame, ...]], derived: dict[str, tuple[Frame, ...]],
            speech: frozenset[str] = frozenset()) -> dict[str, tuple[Frame, ...]]:
    """The hand-written frames of a lemma replace every derived frame of that lemma; a speech verb
    ("announce", "state") keeps only its derived frames that need an object ("announced sanctions"):
    what follows it is what someone says, not what the speaker does."""
    kept = {k: tuple(f for f in v if f.object or k not in speech) for k, v in derived.items()}
    return {**{k: v for k, v in kept.items() if v}, **hand}


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    """Give one case-insensitive pattern that matches where any of `patterns` does."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


def _intent(section: dict[str, str]) -> dict[str, str]:
    for k, v in section.items():
        if k not in TYPES or v not in TYPES:
            raise ConfigError(f"nlp/lexicon/triggers.yaml: intent {k!r}: {v!r}: unknown type")
    return dict(section)


def _word_lists(cues: dict[str, Any], where: str) -> dict[str, frozenset[str]]:
    """Every section of cues.yaml but the patterns and anaphors is a list of words; the names
    data file adds the person titles and name particles."""
    check_keys(cues, where, cues.keys(), required=(*PATTERN_SECTIONS, "anaphors"))
    for noun, kinds in cues["anaphors"].items():
        if not isinstance(kinds, list) or any(k not in ACTOR_KINDS for k in kinds):
            raise ConfigError(f"{where}: anaphors: {noun!r} must list actor kinds ({', '.join(ACTOR_KINDS)})")
    lists: dict[str, frozenset[str]] = {}
    for k, v in cues.items():
        if k in PATTERN_SECTIONS or k == "anaphors":
            continue
        if not isinstance(v, list) or not all(isinstance(w, str) for w in v):
            raise ConfigError(f"{where}: {k!r} must be a list of words")
        lists[k] = frozenset(w.lower() for w in v)
    names = name_words()
    lists["person_titles"], lists["name_particles"] = names.titles, names.particles
    return lists


def _check_requires(frames: dict[str, tuple[Frame, ...]], lists: dict[str, frozenset[str]], where: str) -> None:
    for lemma, fs in frames.items():
        unknown = [r for f in fs for r in f.requires if r not in lists]
        if unknown:
            raise ConfigError(f"{where}: cue {lemma!r}: requires unknown word lists {unknown}")


@cache
def load_lexicon() -> Lexicon:
    """Give the lexicon shipped with claimgraph (read once)."""
    triggers = load_yaml("claimgraph.nlp.lexicon", "triggers.yaml")
    derived = load_yaml("claimgraph.nlp.lexicon.derived", "cameo.yaml")
    cues = load_yaml("claimgraph.nlp.lexicon", "cues.yaml")
    hand_where, derived_where = "nlp/lexicon/triggers.yaml", "nlp/lexicon/derived/cameo.yaml"
    check_keys(triggers, hand_where, TRIGGER_SECTIONS, required=("verbs", "nouns", "adjectives"))
    check_keys(derived, derived_where, ("verbs", "nouns"), required=("verbs", "nouns"))
    lists = _word_lists(cues, "nlp/lexicon/cues.yaml")
    lex = Lexicon(
        verbs=_merged(_frames(triggers["verbs"], hand_where), _frames(derived["verbs"], derived_where),
                      lists["speech_verbs"]),
        nouns=_merged(_frames(triggers["nouns"], hand_where), _frames(derived["nouns"], derived_where)),
        adjectives=_frames(triggers["adjectives"], hand_where),
        words=lists,
        anaphors={k: frozenset(v) for k, v in cues["anaphors"].items()},
        intent=_intent(triggers.get("intent") or {}),
        boilerplate=_alternation(cues["boilerplate"]),
        cut_after=_alternation(cues["cut_after"]),
        furniture_lines=_alternation(cues["furniture_lines"]),
    )
    for section in ("verbs", "nouns", "adjectives"):
        _check_requires(getattr(lex, section), lists, hand_where)
    cue_words = {*lex.verbs, *lex.nouns, *lex.adjectives, "rank", "led", *lists["label_nouns"],
                 *lists["membership_participles"], *lists["responsibility_nouns"], *lists["denial_verbs"],
                 *lists["stance_prefixes"]}
    return replace(lex, cue_words=frozenset(cue_words))
