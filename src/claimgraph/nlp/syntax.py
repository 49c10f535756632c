"""Reading grammatical roles from spaCy's dependency parse: subjects, objects, voice, coordination."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from claimgraph.nlp.lexicon import load_lexicon

SUBJECTS = ("nsubj", "csubj")
PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")


def is_passive(verb: Token) -> bool:
    """Tell whether a verb is passive, including participles ("missiles fired by the US") and
    coordinated participles ("he was arrested and beaten by the police")."""
    if any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children):
        return True
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head.tag_ == "VBN" \
            and any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.head.children):
        return True
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod") and (
        any(c.dep_ == "agent" for c in verb.children) or hyphen_agent(verb) is not None)


def hyphen_agent(verb: Token) -> Token | None:
    """Give X of a hyphenated participle 'X-backed', 'X-led' ("the Iran-backed Houthis")."""
    if verb.i < 2 or verb.doc[verb.i - 1].text != "-":
        return None
    return next((c for c in verb.children if c.dep_ in ("npadvmod", "compound", "nmod", "nsubj", "amod")
                 and c.i == verb.i - 2), None)


def child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def prep_objects(token: Token, preposition: str) -> Iterator[Token]:
    """Give the objects of `preposition` attached to `token` ("ties with X" -> X)."""
    for c in token.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ == preposition:
            for o in c.children:
                if o.dep_ in ("pobj", "pcomp") and o.pos_ != "VERB":
                    yield o
        # "pulled out of ECOWAS", "away from": a compound preposition parsed as two
        if c.dep_ in ("prep", "prt", "advmod") and c.lower_ in load_lexicon().words["compound_preposition_heads"]:
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ == preposition:
                    yield from (o for o in p.children if o.dep_ == "pobj")
        # "talks with" parsed with a particle, "sold ... to" as dative
        if c.dep_ == "prt" and c.lower_ == preposition:
            yield from (o for o in token.children if o.dep_ == "dobj")


def companions(token: Token) -> list[Token]:
    """Give X of 'along with X' and 'together with X' hanging on a verb or a noun, with its apposition
    ("along with its treaty ally, the United States")."""
    out = []
    for c in token.children:
        if c.dep_ == "prep" and c.lower_ in ("along", "together"):
            for w in c.children:
                if w.dep_ == "prep" and w.lower_ == "with":
                    for o in w.children:
                        if o.dep_ == "pobj":
                            out.append(o)
                            out.extend(a for a in o.children if a.dep_ == "appos")
    return out


def subject_child(verb: Token, *deps: str) -> Token | None:
    """Give the verb's subject among its children; of two ("Syria's ally Russia accused ...",
    parsed with two subjects) the one next to the verb."""
    own = children(verb, *deps)
    before = [c for c in own if c.i < verb.i]
    return before[-1] if before else (own[0] if own else None)


def agent_of(verb: Token) -> Token | None:
    """Give the 'by'-phrase object of a passive verb (or X of 'X-backed')."""
    hyphen = hyphen_agent(verb) if verb.dep_ in ("amod", "acl") else None
    if hyphen is not None:
        return hyphen
    for v in (verb, *verb.conjuncts):  # "arrested and beaten by the police": one agent for both
        for c in v.children:
            if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
                obj = child(c, "pobj")
                if obj is not None:
                    return obj
    return None


def subject_of(verb: Token, *, depth: int = 0) -> Token | None:
    """Give the logical subject of a verb (or predicative adjective), following coordination,
    control ("began to detain"), relative clauses and participles ("a resolution imposing ...")."""
    if depth > 6:
        return None
    own = subject_child(verb, *SUBJECTS)
    if own is not None:
        return own
    head = verb.head
    if verb.dep_ == "conj" and head.i != verb.i:
        return subject_of(head, depth=depth + 1)
    if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return head
    if verb.dep_ in ("xcomp", "advcl") and head.i != verb.i:
        # "led the Indian government to deport ...": a verb with an object hands it the action
        # (object control); "promised to" and verbs without an object keep their own subject.
        obj = child(head, "dobj")
        if (verb.dep_ == "xcomp" and obj is not None
                and head.lemma_ not in load_lexicon().words["subject_control_verbs"]):
            return obj
        return subject_of(head, depth=depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        governor = head.head
        if governor.pos_ in ("VERB", "AUX"):
            obj = child(governor, "dobj") or child(governor, "nsubjpass")
            # "accused the Taliban of harboring ...", "the police were accused of killing ...":
            # the one accused did it.
            if head.lower_ in ("of", "for", "with") and obj is not None:
                return obj
            return subject_of(governor, depth=depth + 1)
    if verb.dep_ in ("acomp", "attr") and head.pos_ == "AUX":
        return subject_of(head, depth=depth + 1)
    return None


def has_negation(token: Token, words: frozenset[str]) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in words) for c in token.children)
