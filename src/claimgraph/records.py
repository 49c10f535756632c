"""The records every layer passes on: plain frozen dataclasses holding character offsets.

Records never hold spaCy objects: a spaCy ``Span`` is a view onto its ``Doc``, and records
outlive the parse (they go to the store, the fusion layer, the exports).

Each record has ``to_dict`` (plain JSON values) and ``from_dict`` (its inverse:
``X.from_dict(x.to_dict()) == x``). ``from_dict`` reads the keys it knows and ignores the rest,
so a record can travel with keys of its own (an archive line's ``"record"``, a document's
derived ``"words"``); a missing key is a ``KeyError``, for the reader to name where it was.
Mentions and claims flatten their actors: ``source``, ``source_id``, ``source_kind``.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

Record = Mapping[str, Any]


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
        record = asdict(self)
        record["words"] = self.words
        if not with_text:
            del record["text"]
        return record

    @classmethod
    def from_dict(cls, record: Record) -> Document:
        """Give the document a `to_dict` record describes (with its text)."""
        return cls(id=record["id"], name=record["name"], text=record["text"], title=record.get("title"),
                   author=record.get("author"), outlet=record.get("outlet"), date=record.get("date"),
                   url=record.get("url"), source=record.get("source"), format=record.get("format", "text"))


@dataclass(frozen=True, slots=True)
class Evidence:
    """The exact span of the document that expresses a claim."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, record: Record) -> Evidence:
        return cls(start=record["start"], end=record["end"], text=record["text"])


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor: one real-world party, whatever it is called."""

    id: str
    name: str
    kind: str  # COUNTRY, IGO, ARMED_GROUP, ORG, COMPANY, PARTY, PEOPLE, GROUP, PERSON, MEDIA, SOURCE

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind}

    @classmethod
    def from_dict(cls, record: Record) -> Actor:
        return cls(id=record["id"], name=record["name"], kind=record["kind"])


def _unflat(role: str, record: Record) -> Actor:
    """Give the actor a record names in `role`: its keys `role`, `role_id` and `role_kind`."""
    return Actor(id=record[f"{role}_id"], name=record[role], kind=record[f"{role}_kind"])


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of a document's text that names an actor."""

    doc: str  # the document's name
    actor: Actor
    start: int
    end: int
    text: str
    rule: str = "ner"  # which rule found it: gazetteer, ner, acronym, surname, pronoun, ...

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "actor": self.actor.name, "actor_id": self.actor.id, "actor_kind": self.actor.kind,
                "start": self.start, "end": self.end, "text": self.text, "rule": self.rule}

    @classmethod
    def from_dict(cls, record: Record) -> Mention:
        return cls(doc=record["doc"], actor=_unflat("actor", record), start=record["start"], end=record["end"],
                   text=record["text"], rule=record.get("rule", "ner"))


@dataclass(frozen=True, slots=True)
class Claim:
    """One relation a document expresses between two actors, with who says so."""

    doc: str  # the document's name
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

    def to_dict(self) -> dict[str, Any]:
        """Give the claim as `claimgraph extract` prints it: actors by name, with their ids and kinds."""
        speaker = self.speaker
        return {
            "doc": self.doc,
            "source": self.source.name,
            "type": self.type,
            "target": self.target.name,
            "negated": self.negated,
            "speaker": speaker.name if speaker else None,
            "hedged": self.hedged,
            "date": self.date,
            "evidence": self.evidence.to_dict(),
            "source_kind": self.source.kind,
            "target_kind": self.target.kind,
            "speaker_kind": speaker.kind if speaker else None,
            "source_id": self.source.id,
            "target_id": self.target.id,
            "speaker_id": speaker.id if speaker else None,
            "cue": self.cue,
            "cue_span": None if self.cue_span is None else list(self.cue_span),
            "quantity": self.quantity,
            "rule": self.rule,
            "model": self.model,
        }

    @classmethod
    def from_dict(cls, record: Record) -> Claim:
        cue_span = record.get("cue_span")
        return cls(doc=record["doc"], source=_unflat("source", record), type=record["type"],
                   target=_unflat("target", record), evidence=Evidence.from_dict(record["evidence"]),
                   negated=record.get("negated", False),
                   speaker=None if record.get("speaker_id") is None else _unflat("speaker", record),
                   hedged=record.get("hedged", False), date=record.get("date"), cue=record.get("cue"),
                   cue_span=None if cue_span is None else (cue_span[0], cue_span[1]), quantity=record.get("quantity"),
                   rule=record.get("rule"), model=record.get("model"))
