"""Contradictions: a relation asserted by some and denied by others, and numbers that disagree."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


@dataclass
class Contradiction:
    """Relations about one tie that some speakers assert and others deny, or count differently."""

    kind: str  # "denial" or "numbers"
    topic: tuple[str, str, str]  # (actor id, family or type, actor id)
    asserted: list[dict[str, Any]] = field(default_factory=list)  # relation rows
    denied: list[dict[str, Any]] = field(default_factory=list)


def family(type_: str, tie_types: frozenset[str]) -> str:
    """Give the group of types whose denial and assertion contradict each other."""
    return "tie" if type_ in tie_types else type_


def topic_of(rel: dict[str, Any], tie_types: frozenset[str]) -> tuple[str, str, str]:
    """Give what a relation is about: its pair (unordered for ties) and its family."""
    fam = family(rel["type"], tie_types)
    a, b = rel["source_id"], rel["target_id"]
    if fam == "tie" and b < a:
        a, b = b, a
    return a, fam, b


def denials(relations: Iterable[dict[str, Any]], tie_types: frozenset[str]) -> list[Contradiction]:
    """Give each tie that is both asserted and denied, with the relations on both sides."""
    by_topic: dict[tuple[str, str, str], Contradiction] = {}
    for rel in relations:
        topic = topic_of(rel, tie_types)
        found = by_topic.setdefault(topic, Contradiction("denial", topic))
        (found.denied if rel["negated"] else found.asserted).append(rel)
    return [c for c in by_topic.values() if c.asserted and c.denied]


def quantity_range(text: str, words: dict[str, tuple[int, int]], tolerance: float) -> tuple[float, float] | None:
    """Give the range of values a quantity phrase allows ('more than 10,000' -> 10,000 to infinity)."""
    low = text.lower()
    for phrase, (a, b) in sorted(words.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{re.escape(phrase)}\b", low):
            return float(a), float(b)
    m = _NUMBER.search(low)
    if m:
        value = float(m.group().replace(",", ""))
        scale = next((v for k, v in _SCALE.items() if re.search(rf"{re.escape(m.group())}\s*{k}", low)), 1)
    else:  # "a million Uyghurs"
        scale = next((v for k, v in _SCALE.items() if re.search(rf"\b(a|one)\s+{k}\b", low)), 0)
        if not scale:
            return None
        value = 1.0
    value *= scale
    if re.search(r"\b(more than|over|at least|upwards of|in excess of)\b", low):
        return value, float("inf")
    if re.search(r"\b(less than|fewer than|under|up to|nearly|almost)\b", low):
        return 0.0, value
    if re.search(r"\b(about|around|some|approximately|roughly|estimated)\b", low):
        return value * (1 - tolerance), value * (1 + tolerance)
    return value, value


def disagree(a: tuple[float, float], b: tuple[float, float], tolerance: float) -> bool:
    """Tell whether two ranges of values cannot both be right (beyond the tolerance)."""
    lo = max(a[0], b[0])
    hi = min(a[1], b[1])
    return lo > hi * (1 + tolerance)


def unit_of(text: str) -> str:
    """Give the thing a quantity counts: its last word, singular ('10,000 fighters' -> 'fighter')."""
    words = re.findall(r"[a-z]+", text.lower())
    if not words:
        return ""
    word = words[-1]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
