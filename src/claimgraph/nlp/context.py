"""What every extraction step reads for one document: the parse, its actors, the lexicon."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from claimgraph.nlp.lexicon import Lexicon
from claimgraph.nlp.spans import ActorIndex
from claimgraph.records import Actor
from claimgraph.resolve.canonical import Gazetteer


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: character offsets of its text and who says it (None when nobody is named)."""

    start: int
    end: int
    speaker: Actor | None


@dataclass
class DocContext:
    doc: Doc
    actors: ActorIndex
    lex: Lexicon
    gaz: Gazetteer
    quotes: list[Quote] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)  # lower-case lemma of each token, read once
    lowers: list[str] = field(default_factory=list)  # lower-case form of each token
    # (token, conj, avoid) -> actors: arguments read once
    resolved: dict[tuple[int, bool, tuple[Actor, ...]], tuple[Actor, ...]] = field(default_factory=dict)
    affiliation: dict[str, Actor] = field(default_factory=dict)  # person id -> their organisation

    def quote_at(self, char: int) -> Quote | None:
        """Give the quotation the character at `char` is inside, if any."""
        for q in self.quotes:
            if q.start <= char < q.end:
                return q
        return None
