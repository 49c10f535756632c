"""AFFILIATE from titles and appositions: 'Taliban spokesman Suhail Shaheen', 'Suhail Shaheen, a
Taliban representative', 'two members of Al-Qaeda, A and B', 'an offshoot of the BLA'."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from claimgraph.nlp.context import DocContext
from claimgraph.nlp.reading import Found
from claimgraph.nlp.syntax import children
from claimgraph.records import Actor


def affiliations(sent: Span, ctx: DocContext) -> Iterator[Found]:
    """Give AFFILIATE relations from titles ('Taliban spokesman Suhail Shaheen') and
    appositions ('Suhail Shaheen, a Taliban representative'; 'two members of Al-Qaeda, X and Y')."""
    doc = ctx.doc
    for span in ctx.actors.within(sent.start, sent.end):
        head = doc[span.end - 1]
        while head.head.i in range(span.start, span.end) and head.head.i != head.i:
            head = head.head
        person = span.actor.kind == "PERSON"
        roles = ctx.lex.words["role_nouns"] if person else ctx.lex.words["group_roles"]
        # a title: modifiers to the left of the name
        left = [t for c in head.children if c.dep_ in ("compound", "amod", "nmod", "poss") and c.i < span.start
                for t in c.subtree]
        org = _organisation(left, roles, span, ctx)
        if org is not None:
            yield Found([span.actor], "AFFILIATE", [org], head, "title", naming=True)
        if not person:
            # "The Resistance Front (TRF), a shadow outfit of Lashkar-e-Taiba" (also parsed as a second subject)
            seconds = [c for c in head.head.children if head.dep_ == "nsubj" and c.dep_ == "nsubj" and c.i > head.i]
            for a in [*children(head, "appos"), *seconds]:
                if a.lemma_.lower() in roles and (span.start > a.i or a.i >= span.end):
                    org = _organisation([t for t in a.subtree if t.dep_ not in ("relcl",)], roles, span, ctx)
                    if org is not None and org != span.actor:
                        yield Found([span.actor], "AFFILIATE", [org], a, "apposition", naming=True)
            continue
        # an apposition after the name, or the name in apposition to a role
        for a in children(head, "appos"):
            org = _organisation([t for t in a.subtree if t.dep_ not in ("relcl",)], roles, span, ctx)
            if org is not None:
                yield Found([span.actor], "AFFILIATE", [org], a, "apposition", naming=True)
        role = head.head
        if head.dep_ in ("appos", "conj") and role.dep_ == "appos":
            role = role.head
        if head.dep_ in ("appos", "conj") and role.lemma_.lower() in roles:
            org = _organisation([t for t in role.subtree if not (head.i <= t.i)], roles, span, ctx)
            if org is not None:
                yield Found([span.actor], "AFFILIATE", [org], role, "apposition", naming=True)
        if head.dep_ == "conj":
            # "two members of Al-Qaeda, Lasen Bin Geni and ...", parsed as a list after the group
            first = head.head
            while first.dep_ == "conj" and first.head.i != first.i:
                first = first.head
            named = ctx.actors.at(first)
            group = first.head.head if first.dep_ == "pobj" and first.head.lower_ == "of" else None
            if named is not None and named.actor.kind not in ("PERSON", "PEOPLE") and group is not None \
                    and group.lemma_.lower() in roles and group.tag_ == "NNS":
                yield Found([span.actor], "AFFILIATE", [named.actor], group, "apposition", naming=True)
        if head.dep_ == "nsubj" and head.head.lemma_ == "be":
            for attr in children(head.head, "attr"):
                org = _organisation(list(attr.subtree), roles, span, ctx)
                if org is not None:
                    yield Found([span.actor], "AFFILIATE", [org], attr, "copula")


def _organisation(tokens: list[Token], roles: frozenset[str], span, ctx: DocContext) -> Actor | None:
    """Give the organisation a role phrase names, if it names a role: groups before countries."""
    lemmas = {t.lemma_.lower() for t in tokens}
    if not lemmas & roles:
        return None
    found: list[Actor] = []
    for t in tokens:
        s = ctx.actors.at(t)
        if s is not None and s is not span and s.actor.kind not in ("PERSON", "PEOPLE") and s.actor not in found \
                and not s.rule.startswith("agent"):
            found.append(s.actor)
    armed_role = any(t.dep_ in ("compound", "amod") and t.head.lemma_.lower() in roles
                     and (agent := ctx.gaz.agents.get(t.lemma_.lower())) is not None and agent.armed for t in tokens)
    if armed_role:
        # "a powerful gang leader in Haiti": the gang's, not the country he operates in
        found = [a for a in found if a.kind != "COUNTRY"]
    if not found and not armed_role and not lemmas & ctx.lex.words["nationality_only_roles"]:
        for t in tokens:
            country = ctx.gaz.demonyms.get(t.lower_)
            if country is not None:
                found.append(country)
    if not found:
        return None
    groups = [a for a in found if a.kind != "COUNTRY"]
    return (groups or found)[0]
