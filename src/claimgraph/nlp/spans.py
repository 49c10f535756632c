"""Actor mentions as token spans of a parsed document, and the index that finds them by token."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from claimgraph.records import Actor

ARG_MODIFIERS = ("poss", "compound", "amod", "nmod")
QUOTES = frozenset("'’‘\"”“")
DEFINITE_REACH = 80  # tokens back to the state a bare "the troops" stands for
NON_PERSON = frozenset({"COUNTRY", "IGO", "ARMED_GROUP", "PARTY", "ORG", "COMPANY", "GROUP", "MEDIA"})


@dataclass(frozen=True, slots=True)
class ActorSpan:
    """An actor named by tokens [start, end) of the parsed document."""

    start: int
    end: int
    actor: Actor
    rule: str


@dataclass
class ActorIndex:
    """The actor mentions of one document, by token."""

    doc: Doc
    spans: list[ActorSpan]
    by_token: dict[int, ActorSpan] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.spans.sort(key=lambda s: s.start)
        self._starts = [s.start for s in self.spans]
        for s in self.spans:
            for i in range(s.start, s.end):
                self.by_token[i] = s

    def at(self, token: Token) -> ActorSpan | None:
        return self.by_token.get(token.i)

    def within(self, start: int, end: int) -> list[ActorSpan]:
        """Give the spans that start in tokens [start, end), in order."""
        return self.spans[bisect_left(self._starts, start):bisect_left(self._starts, end)]
