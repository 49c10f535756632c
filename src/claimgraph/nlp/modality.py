"""Negation and hedging of a claim, read from the words around its cue."""
from __future__ import annotations

from spacy.tokens import Token

from claimgraph.nlp.context import DocContext
from claimgraph.nlp.syntax import has_negation

# Verbs through which a negation above reaches the claim: "did not begin to cooperate".
_CHAIN = ("xcomp", "ccomp", "conj", "pcomp", "dobj", "pobj", "prep", "acomp", "advcl", "relcl", "acl")


def negation(trigger: Token, ctx: DocContext) -> tuple[bool, Token | None]:
    """Give (negated, denier verb): whether the claim is negated, and the denial verb if a
    denial negates it ("China denied its relationship with the Taliban")."""
    words = ctx.lex.words
    neg = words["negation_words"]
    if has_negation(trigger, neg):
        return True, None
    tok = trigger
    # Nouns: "no support", or a negated light verb: "did not give support".
    for _ in range(4):
        head = tok.head
        if head.i == tok.i or tok.dep_ not in _CHAIN:
            break
        lemma = head.lemma_.lower()
        if lemma in words["denial_verbs"] and tok.dep_ in ("dobj", "ccomp", "xcomp", "pcomp", "prep"):
            return not has_negation(head, neg), head
        if lemma in words["failure_verbs"] and tok.dep_ == "xcomp":
            return not has_negation(head, neg), None
        if tok.dep_ in ("conj", "relcl", "acl", "advcl", "ccomp"):
            break  # a negated main clause does not negate a coordinated or embedded one
        if has_negation(head, neg) and head.pos_ in ("VERB", "AUX") and (
                trigger.pos_ not in ("NOUN", "PROPN") or head.lemma_.lower() in words["light_verbs"]):
            return True, None  # "did not give support"; "has not altered the relationship" keeps it
        tok = head
    return False, None


def hedged(trigger: Token, ctx: DocContext) -> bool:
    """Tell whether the claim is hedged: 'allegedly', 'reportedly', 'may', 'it is believed'."""
    words = ctx.lex.words
    tok = trigger
    for _ in range(6):
        for c in tok.children:
            if c.lower_ in words["hedge_words"] and c.dep_ in ("advmod", "amod", "npadvmod"):
                return True
            if c.dep_ == "aux" and c.lower_ in words["hedge_modals"]:
                return True
        if tok.lemma_.lower() in words["hedge_verbs"] and tok.i != trigger.i:
            return True
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return False
