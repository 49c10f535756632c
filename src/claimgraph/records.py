"""The records every layer passes on: plain frozen dataclasses holding character offsets.

Records never hold spaCy objects: a spaCy ``Span`` is a view onto its ``Doc``, and records
outlive the parse (they go to the store, the fusion layer, the exports).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Document:
    """One report: its text and the metadata a reader would take from it."""

    id: str
    name: str
    text: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None  # the path or stream it was read from
    format: str = "text"

    @property
    def words(self) -> int:
        return len(self.text.split())

    def to_dict(self, *, with_text: bool = True) -> dict[str, Any]:
        d = asdict(self)
        d["words"] = self.words
        if not with_text:
            del d["text"]
        return d


@dataclass(frozen=True, slots=True)
class Evidence:
    """The exact span of the document that expresses a claim."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor: one real-world party, whatever it is called."""

    id: str
    name: str
    kind: str  # COUNTRY, IGO, ARMED_GROUP, ORG, COMPANY, PARTY, PEOPLE, GROUP, PERSON, MEDIA, SOURCE


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of a document's text that names an actor."""

    doc: str
    actor: Actor
    start: int
    end: int
    text: str
    rule: str = "ner"  # which rule found it: gazetteer, ner, acronym, surname, pronoun, ...


@dataclass(frozen=True, slots=True)
class Claim:
    """One relation a document expresses between two actors, with who says so."""

    doc: str
    source: Actor
    type: str
    target: Actor
    evidence: Evidence
    negated: bool = False
    speaker: Actor | None = None
    hedged: bool = False
    date: str | None = None
    cue: str | None = None
    cue_span: tuple[int, int] | None = None
    quantity: str | None = None
    rule: str | None = None
    model: str | None = None
    extras: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def key(self) -> tuple[str, str, str, str, bool]:
        return (self.doc, self.source.id, self.type, self.target.id, self.negated)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "source": self.source.name,
            "type": self.type,
            "target": self.target.name,
            "negated": self.negated,
            "speaker": self.speaker.name if self.speaker else None,
            "hedged": self.hedged,
            "date": self.date,
            "evidence": self.evidence.to_dict(),
            "source_kind": self.source.kind,
            "target_kind": self.target.kind,
            "speaker_kind": self.speaker.kind if self.speaker else None,
            "cue": self.cue,
            "quantity": self.quantity,
            "rule": self.rule,
            "model": self.model,
        }
