"""Relations read from constructions rather than from a cue's frame: stances ("pro-Turkish"),
rejected claims, claimed responsibility, hyphenated membership ("al-Qaeda-linked"), ranks, labels."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from claimgraph.nlp.arguments import resolve
from claimgraph.nlp.context import DocContext
from claimgraph.nlp.reading import Found, slot_tokens
from claimgraph.nlp.syntax import child, children, hyphen_agent, subject_of


def stance(token: Token, ctx: DocContext) -> Iterator[Found]:
    """'pro-Turkish Syrian rebels' support Turkey; 'anti-government protesters' protest against it."""
    doc = token.doc
    if token.i + 2 >= len(doc) or doc[token.i + 1].text != "-":
        return
    named = doc[token.i + 2]
    favoured = resolve(named, ctx, conj=False)
    if not favoured and named.lower_ in ctx.gaz.demonyms:
        favoured = [ctx.gaz.demonyms[named.lower_]]
    holder = named.head if named.head.i > named.i else token.head
    holders = [a for a in resolve(holder, ctx, conj=False) if a not in favoured]
    if not favoured or not holders:
        return
    if token.lower_ == "pro":
        yield Found(holders, "SUPPORT", favoured, token, "stance", naming=True)
    elif holder.lemma_.lower() in ctx.lex.words["protester_nouns"]:
        yield Found(holders, "PROTEST", favoured, token, "stance", naming=True)


def rejected_claim(verb: Token, ctx: DocContext) -> Iterator[Found]:
    """'China claimed that TIP was responsible for the attack, which TIP rejected': the one who
    rejects a claim rejects the one who made it."""
    obj = child(verb, "dobj")
    subject = subject_of(verb)
    if obj is None or subject is None or obj.lower_ not in ctx.lex.words["relative_pronouns"]:
        return
    tok = verb.head
    for _ in range(8):
        head = tok.head
        if head.i == tok.i:
            return
        if head.lemma_.lower() in ctx.lex.words["speech_verbs"] and tok.dep_ in ("ccomp", "dobj", "xcomp"):
            claimant = subject_of(head)
            claimants = resolve(claimant, ctx, conj=False) if claimant is not None else []
            deniers = [a for a in resolve(subject, ctx, conj=False) if a not in claimants]
            if claimants and deniers:
                yield Found(deniers, "REJECT", claimants, verb, "rejected-claim", speaker=deniers[0])
            return
        tok = head


def responsibility(token: Token, ctx: DocContext) -> Iterator[Found]:
    """'ISWAP claimed responsibility for the attack on the base', '... for killing eight soldiers':
    the claimant did it, by its own account."""
    verb = token.head
    claimant = subject_of(verb)
    if claimant is None:
        return
    sources = resolve(claimant, ctx)
    deeds = [o for head in (token, verb) for c in head.children if c.dep_ == "prep" and c.lower_ == "for"
             for o in c.children if o.dep_ in ("pobj", "pcomp")]
    deeds += [v for d in deeds for v in d.children if v.dep_ in ("relcl", "acl") and v.pos_ == "VERB"]
    for deed in deeds:  # "the suicide bombing that killed 63 worshippers"
        if deed.pos_ == "VERB":
            frames = ctx.lex.verbs.get(deed.lemma_.lower(), ())
        else:
            frames = ctx.lex.nouns.get(deed.lemma_.lower(), ())
        for frame in frames:
            targets = [a for t in slot_tokens(deed, frame.target, passive=False)
                       for a in resolve(t, ctx, avoid=tuple(sources)) if a not in sources]
            if sources and targets:
                yield Found(sources, frame.type, targets, deed, f"responsibility:{frame.lemma}", negation_at=verb,
                            speaker=sources[0])
                return


def hyphen_membership(token: Token, ctx: DocContext) -> Iterator[Found]:
    """'the al-Qaeda-linked group JNIM', 'Kremlin-linked Wagner': the group belongs to the named one."""
    named = hyphen_agent(token) if token.dep_ in ("amod", "acl") else None
    if named is None:
        return
    parents = resolve(named, ctx, conj=False)
    members = [a for a in resolve(token.head, ctx, conj=False) if a not in parents]
    if token.lower_ == "led":  # "the Saudi-led coalition": the leader belongs to the body it leads
        words = ctx.lex.words
        if token.head.lemma_.lower() not in words["organisation_nouns"] and \
                token.head.lemma_.lower() not in words["led_bodies"]:
            return  # "its dissident-led northern region" names no body
        parents, members = members, parents
    if parents and members:
        yield Found(members, "AFFILIATE", parents, token, "hyphen-membership", naming=True)


def ranks(token: Token, ctx: DocContext) -> Iterator[Found]:
    """'foreign fighters in Taliban ranks', 'we have no foreign fighters in our ranks'."""
    owner = next((c for c in token.children if c.dep_ in ("poss", "compound", "amod")), None)
    if owner is None:
        return
    targets = resolve(owner, ctx, conj=False)
    verb = token.head.head
    members = children(verb, "dobj", "nsubjpass") or ([] if verb.lemma_ != "be" else children(verb, "nsubj"))
    sources = [a for m in members for a in resolve(m, ctx)]
    if sources and targets:
        yield Found(sources, "AFFILIATE", targets, verb, "ranks")


def label(token: Token, ctx: DocContext) -> Iterator[Found]:
    """'China says I am a terrorist', 'considers Khan to be a terrorist': the sayer accuses."""
    word = token
    if token.dep_ in ("amod", "compound") and token.head.pos_ == "NOUN":
        word = token.head
    if word.dep_ in ("ccomp", "xcomp") and child(word, "nsubj") is not None:
        copula = word  # "declared Turkey an enemy": a small clause, parsed without its copula
    elif word.dep_ in ("attr", "acomp", "oprd"):
        copula = word.head
    else:
        return
    subject = child(copula, "nsubj", "nsubjpass")  # "would be considered aggressors"
    if subject is None:
        return
    accused = resolve(subject, ctx)
    verb = copula.head
    if copula.dep_ not in ("ccomp", "xcomp") or verb.lemma_.lower() not in ctx.lex.words["speech_verbs"]:
        return
    sayer = subject_of(verb)
    accusers = [a for a in resolve(sayer, ctx)] if sayer is not None else []
    accused = [a for a in accused if a not in accusers]
    if accusers and accused:
        yield Found(accusers, "ACCUSE", accused, verb, "label", speaker_above=verb)
