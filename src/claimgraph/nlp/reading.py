"""What every relation reader gives back, and where a frame's slots sit in the parse."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from claimgraph.nlp.syntax import child, children, prep_objects
from claimgraph.records import Actor


@dataclass(frozen=True)
class Found:
    """A relation read from the parse, before its speaker, negation and date are read."""

    sources: list[Actor]
    type: str
    targets: list[Actor]
    trigger: Token
    rule: str
    speaker_above: Token | None = None  # look for the speaker above this token
    negation_at: Token | None = None  # read negation at this token instead of the trigger
    speaker: Actor | None = None  # who says it, when the construction itself tells
    naming: bool = False  # a title or apposition names a tie: no negation reaches it


def slot_tokens(token: Token, slots: tuple[str, ...], *, passive: bool) -> list[Token]:
    """Give the tokens a frame's target slots name (dobj, dative, attr, clause-subject, prep:X,
    object-prep:X) on a cue word, read the passive way when `passive`."""
    out: list[Token] = []
    for slot in slots:
        if slot == "dobj" and passive and token.dep_ in ("amod", "acl") and not children(token, "nsubjpass"):
            out.append(token.head)  # "the Iran-backed Houthis", "civilians killed by the army"
        elif slot == "dobj" and passive:
            subjects = children(token, "nsubjpass")
            if not subjects and token.dep_ == "conj":
                subjects = children(token.head, "nsubjpass")  # "he was arrested and beaten"
            out.extend(subjects)
        elif slot == "dobj":
            objects = children(token, "dobj")
            if not objects and token.dep_ == "relcl" and child(token, "nsubj") is not None \
                    and token.head.pos_ in ("NOUN", "PROPN"):
                objects = [token.head]  # "the hostages Hamas seized"
            out.extend(objects)
        elif slot == "clause-subject":
            # "demanded that Moscow withdraw"; "concerns that China's law would be abused"
            for clause in children(token, "ccomp", "acl"):
                subject = child(clause, "nsubj", "nsubjpass")
                if subject is not None:
                    out.append(subject)
        elif slot == "dative":
            out.extend(c for c in token.children if c.dep_ == "dative" and c.pos_ != "ADP")
        elif slot == "attr":
            out.extend(children(token, "attr"))
        elif slot.startswith("object-prep:"):
            for obj in children(token, "dobj"):
                out.extend(prep_objects(obj, slot[12:]))
        elif slot.startswith("prep:"):
            out.extend(prep_objects(token, slot[5:]))
            if slot == "prep:to":
                out.extend(c for c in token.children if c.dep_ == "dative" and c.pos_ != "ADP")
    return out
