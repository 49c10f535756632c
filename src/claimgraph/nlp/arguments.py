"""Turning the head token of a relation's argument into the actors it stands for."""
from __future__ import annotations

from spacy.tokens import Token

from claimgraph.nlp.actors import ARG_MODIFIERS, NON_PERSON, ActorSpan
from claimgraph.nlp.context import DocContext
from claimgraph.nlp.syntax import child, prep_objects
from claimgraph.records import Actor

SENTENCE_WINDOW = 2  # pronouns look back over this many sentences besides their own


def resolve(token: Token, ctx: DocContext, *, conj: bool = True) -> list[Actor]:
    """Give the actors an argument token stands for, with those coordinated with it."""
    out: list[Actor] = []
    for t in _expand(token, conj=conj):
        actor = _one(t, ctx)
        if actor is not None and actor not in out:
            out.append(actor)
    return out


def _expand(token: Token, *, conj: bool) -> list[Token]:
    tokens = [token]
    if conj:
        tokens.extend(c for c in token.conjuncts if c.i > token.i)
        # "Lasen Bin Geni and KehmaisEssid" as apposition of "two members"
    return tokens


def _one(token: Token, ctx: DocContext, depth: int = 0) -> Actor | None:
    if depth > 3:
        return None
    lower = token.lower_
    words = ctx.lex.words
    if lower in words["relative_pronouns"] and token.head.dep_ in ("relcl", "acl"):
        return _one(token.head.head, ctx, depth + 1)
    span = ctx.actors.at(token)
    if span is not None:
        return span.actor
    if token.pos_ == "PRON" or lower in words["group_pronouns"] or lower in words["person_pronouns"]:
        return pronoun(token, ctx)
    if lower in ctx.lex.anaphors or token.lemma_.lower() in ctx.lex.anaphors:
        found = _anaphor(token, ctx)
        if found is not None:
            return found
    # "Al-Qaeda camps", "China's crackdown", "Uyghur homes": the modifier names the party.
    for c in token.children:
        if c.dep_ in ARG_MODIFIERS and c.i < token.i:
            inner = ctx.actors.at(c)
            if inner is not None:
                return inner.actor
            if c.dep_ == "poss" and c.pos_ == "PRON":
                return pronoun(c, ctx)
    # "the government of Pakistan", "members of Al-Qaeda"
    if token.lemma_.lower() in words["institution_nouns"] or token.lemma_.lower() in words["measure_nouns"]:
        for o in prep_objects(token, "of"):
            inner = ctx.actors.at(o)
            if inner is not None:
                return inner.actor
    return None


def _anaphor(token: Token, ctx: DocContext) -> Actor | None:
    """'the group', 'the country': the latest actor of a fitting kind before it."""
    det = child(token, "det")
    if det is None or det.lower_ not in ("the", "this", "that"):
        return None
    kinds = ctx.lex.anaphors.get(token.lemma_.lower()) or ctx.lex.anaphors.get(token.lower_)
    if not kinds:
        return None
    return _latest(token, ctx, lambda s: s.actor.kind in kinds)


def pronoun(token: Token, ctx: DocContext) -> Actor | None:
    """Give the actor a third-person pronoun refers to: the latest fitting one, subjects first."""
    words = ctx.lex.words
    lower = token.lower_
    if lower in words["person_pronouns"]:
        return _latest(token, ctx, lambda s: s.actor.kind == "PERSON")
    if lower in ("it", "its"):
        return _latest(token, ctx, lambda s: s.actor.kind in NON_PERSON)
    if lower in ("they", "them", "their", "theirs"):
        return _latest(token, ctx, lambda s: s.actor.kind != "PERSON")
    return None


def _latest(token: Token, ctx: DocContext, fits) -> Actor | None:
    sent = token.sent
    first_sent_start = sent.start
    for _ in range(SENTENCE_WINDOW):
        if first_sent_start == 0:
            break
        first_sent_start = ctx.doc[first_sent_start - 1].sent.start
    candidates: list[ActorSpan] = [s for s in ctx.actors.spans
                                   if first_sent_start <= s.start < token.i and fits(s)
                                   and not _inside_same_phrase(s, token)]
    if not candidates:
        return None
    # Within the pronoun's own sentence, prefer the subject of the clause (the usual antecedent);
    # across sentences, the most recent subject; else the most recent mention.
    subjects = [s for s in candidates if ctx.doc[s.end - 1].dep_ in ("nsubj", "nsubjpass")
                or ctx.doc[s.start].dep_ in ("nsubj", "nsubjpass")]
    pool = subjects or candidates
    return pool[-1].actor


def _inside_same_phrase(span: ActorSpan, token: Token) -> bool:
    return span.start <= token.i < span.end
