"""Turning the head token of a relation's argument into the actors it stands for."""
from __future__ import annotations

from spacy.tokens import Token

from claimgraph.nlp.context import DocContext
from claimgraph.nlp.spans import ARG_MODIFIERS, NON_PERSON, ActorSpan
from claimgraph.nlp.syntax import agent_of, child, companions, prep_objects
from claimgraph.records import Actor

SENTENCE_WINDOW = 2  # pronouns look back over this many sentences besides their own


def resolve(token: Token, ctx: DocContext, *, conj: bool = True, avoid: tuple[Actor, ...] = ()) -> list[Actor]:
    """Give the actors an argument token stands for, with those coordinated with it.

    `avoid` names actors a pronoun cannot mean here (an object pronoun is not its own clause's subject).
    """
    key = (token.i, conj, avoid)
    cached = ctx.resolved.get(key)
    if cached is not None:
        return list(cached)
    out = _resolve(token, ctx, conj=conj, avoid=avoid)
    ctx.resolved[key] = tuple(out)
    return out


def _resolve(token: Token, ctx: DocContext, *, conj: bool, avoid: tuple[Actor, ...]) -> list[Actor]:
    out: list[Actor] = []
    for t in _expand(token, conj=conj):
        actor = _one(t, ctx, avoid=avoid)
        if actor is not None and actor not in out:
            out.append(actor)
        if conj and actor is not None:
            # "ambassadors from the United States, the European Union and Japan": every one named
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "from", "for"):
                    for o in c.children:
                        if o.dep_ == "pobj" and o.conjuncts and _one(o, ctx, 1, avoid) == actor:
                            for x in o.conjuncts:
                                more = _one(x, ctx, 1, avoid)
                                if more is not None and more not in out:
                                    out.append(more)
        if conj:
            # "Thai and Cambodian troops": each coordinated demonym is a party
            for c in t.children:
                if c.dep_ in ("amod", "nmod", "compound") and c.i < t.i:
                    for d in (c, *c.conjuncts):
                        country = ctx.gaz.demonyms.get(d.lower_)
                        if country is not None and country not in out and (d is not c or c.conjuncts):
                            out.append(country)
    return out


def _expand(token: Token, *, conj: bool) -> list[Token]:
    tokens = [token]
    if conj:
        tokens.extend(c for c in token.conjuncts if c.i > token.i)
        tokens.extend(companions(token))  # "the Philippine government, along with the United States"
        # "Mali, Burkina Faso and Niger" parsed with an apposition in the list
        for a in token.children:
            if a.dep_ == "appos" and token.i < a.i and a.pos_ == "PROPN" and token.pos_ == "PROPN":
                tokens.append(a)
                tokens.extend(c for c in a.conjuncts if c.i > a.i)
        # "allied groups, including ETIM, TTP and IMU"; "foreign forces such as the UK and US"
        for t in list(tokens):
            for c in t.children:
                if c.dep_ == "prep" and (c.lower_ in ("including", "like") or
                                         (c.lower_ == "as" and any(g.lower_ == "such" for g in c.children))):
                    for o in c.children:
                        if o.dep_ == "pobj":
                            tokens.append(o)
                            tokens.extend(x for x in o.conjuncts if x.i > o.i)
    return tokens


def _one(token: Token, ctx: DocContext, depth: int = 0, avoid: tuple[Actor, ...] = ()) -> Actor | None:
    if depth > 3:
        return None
    lower = token.lower_
    words = ctx.lex.words
    if lower in words["relative_pronouns"] and token.head.dep_ in ("relcl", "acl"):
        before = ctx.doc[token.i - 2] if token.i >= 2 and ctx.doc[token.i - 1].text == "," else None
        named = ctx.actors.at(token.head.head)
        near = ctx.actors.at(before) if before is not None else None
        if before is not None and before.pos_ in ("PROPN", "NOUN") and before.i != token.head.head.i \
                and (named is None or named.rule.startswith("agent")) \
                and near is not None and not near.rule.startswith("agent"):
            # "protesters in Belarus, which quickly retaliated": the name just before the comma
            return near.actor
        return _one(token.head.head, ctx, depth + 1, avoid)
    span = ctx.actors.at(token)
    if span is not None and span.rule == "state-phrase" and token.lemma_.lower() in words["role_nouns"]:
        for c in token.children:  # "Venezuela's foreign minister, Jorge Arreaza, rejected ...": the person
            named = ctx.actors.at(c) if c.dep_ == "appos" else None
            if named is not None and named.actor.kind == "PERSON":
                return named.actor
    if span is not None and not span.rule.startswith("agent"):
        return span.actor
    if span is not None:
        # "its fighters", "Boko Haram gunmen", "gunmen from the ELN": the group named beside a
        # generic agent is the actor; the bare agent only when none is
        owner = _owner(token, ctx, avoid)
        return owner if owner is not None else span.actor
    if token.pos_ == "PRON" or lower in words["group_pronouns"] or lower in words["person_pronouns"]:
        return pronoun(token, ctx, avoid=avoid)
    singular = token.lemma_.lower()
    singular = singular[:-1] if singular.endswith("s") and singular[:-1] in ctx.gaz.agents else singular
    if singular in ctx.gaz.agents:
        # "gunmen from the Sinaloa Cartel", "rebels of the ADF": a generic agent read as its group
        owner = _owner(token, ctx, avoid)
        if owner is not None:
            return owner
    if lower in ctx.lex.anaphors or token.lemma_.lower() in ctx.lex.anaphors:
        found = _anaphor(token, ctx, avoid)
        if found is not None:
            return found
    # "a Hamas spokesman, Abu Obeida", "Syria's ally Russia": the person or party named beside a
    # role, not the one the role belongs to.
    lemma = token.lemma_.lower()
    if lemma in words["role_nouns"] or lemma in words["relational_nouns"] or lemma in words["group_roles"]:
        for c in token.children:
            named = ctx.actors.at(c) if c.dep_ in ("appos", "compound", "npadvmod") and c.i != token.i else None
            if named is not None and (c.dep_ == "appos" or c.i > token.i):
                return named.actor
    if lemma in words["container_nouns"]:
        # "a convoy of Kenyan soldiers", "the homes of suspected militants", "its border with Armenia"
        for prep in ("of", "with"):
            for o in prep_objects(token, prep):
                found = _one(o, ctx, depth + 1, avoid)
                if found is not None:
                    return found
        # "a facility used by Hezbollah", "positions held by the RSF"
        for v in token.children:
            if v.dep_ == "acl" and v.tag_ == "VBN" and v.lemma_.lower() in words["holding_verbs"]:
                agent = agent_of(v)
                found = _one(agent, ctx, depth + 1, avoid) if agent is not None else None
                if found is not None:
                    return found
    # "Al-Qaeda camps", "China's crackdown", "Uyghur homes": the modifier names the party.
    if lemma in words["kin_nouns"]:
        return None  # "his elderly father" is not he
    for c in token.children:
        if c.dep_ in ARG_MODIFIERS and c.i < token.i:
            inner = ctx.actors.at(c)
            if inner is not None:
                return inner.actor
            if c.dep_ == "poss" and c.pos_ == "PRON":
                if any(o.lower_ == "own" for o in token.children):
                    return None  # "protecting its own security": the doer's own, no other party
                return pronoun(c, ctx, avoid=avoid)
            if c.dep_ == "poss":
                owner = _one(c, ctx, depth + 1, avoid)  # "the country's latest missile launches"
                if owner is not None:
                    return owner
    if lower in ctx.gaz.demonyms and token.dep_ in ("amod", "compound", "npadvmod", "nmod"):
        return ctx.gaz.demonyms[lower]  # "Turkish" of "Turkish air strikes", "French" of "French-led"
    # "Ukrainian positions": a demonym names the state's side
    for c in token.children:
        if c.dep_ == "amod" and c.i < token.i:
            two = f"{ctx.doc[c.i - 1].lower_} {c.lower_}" if c.i > 0 else ""
            country = ctx.gaz.demonyms.get(c.lower_) or ctx.gaz.demonyms.get(two)
            if country is not None:  # "Ukrainian positions", "South Korean loudspeakers"
                return country
    # "the government of Pakistan", "members of Al-Qaeda", "militants of the Islamic State"
    if lemma in words["quantity_nouns"] or token.pos_ == "NUM":
        # "thousands of protesters", "dozens of soldiers", "three of the hostages"
        for o in prep_objects(token, "of"):
            return _one(o, ctx, depth + 1, avoid)
    if lemma in words["institution_nouns"] or lemma in words["measure_nouns"] or lemma in words["militant_nouns"] \
            or lemma in words["role_nouns"] or lemma in words["organisation_nouns"]:
        # "the government of Pakistan", "a spokesman for al-Shabab"
        for prep in ("of", "for", "in", "from") if lemma in words["role_nouns"] else ("of", "in", "from"):
            for o in prep_objects(token, prep):
                inner = ctx.actors.at(o)
                # "the government of Pakistan", "a spokesman for al-Shabab", "officials in Belarus"
                if inner is not None and (prep in ("of", "for") or inner.actor.kind == "COUNTRY"):
                    return inner.actor
    return None


def _owner(token: Token, ctx: DocContext, avoid: tuple[Actor, ...]) -> Actor | None:
    """Give the actor a generic agent belongs to: a possessive or named modifier ("its fighters",
    "Boko Haram gunmen"), a membership compound ("al-Qaeda-linked militants"), 'from'/'of' X, or
    that of the first conjunct ("the group's leaders and fighters")."""
    words = ctx.lex.words
    heads = [token] + ([token.head] if token.dep_ == "conj" else [])
    for head in heads:
        for c in head.children:
            if c.dep_ not in ARG_MODIFIERS or c.i >= head.i:
                continue
            inner = ctx.actors.at(c)
            if inner is not None and not inner.rule.startswith("agent") and inner.start < head.i:
                return inner.actor
            if c.dep_ == "poss" and c.pos_ == "PRON":
                return pronoun(c, ctx, avoid=avoid)
            if c.dep_ == "poss":
                owner = _one(c, ctx, 1, avoid)  # "the group's leaders and fighters"
                if owner is not None:
                    return owner
            if c.lemma_.lower() in words["membership_participles"] or c.lower_ in words["membership_participles"]:
                for m in c.children:
                    inner = ctx.actors.at(m)
                    if inner is not None and m.i < c.i and not inner.rule.startswith("agent"):
                        return inner.actor
    for prep in ("from", "of"):
        for o in prep_objects(token, prep):
            inner = ctx.actors.at(o)
            found = inner.actor if inner is not None and not inner.rule.startswith("agent") else (
                _one(o, ctx, 2, avoid) if inner is None else None)  # "troops of the AMISOM force"
            if found is not None and found.kind != "PERSON":
                return found
    return None


def _anaphor(token: Token, ctx: DocContext, avoid: tuple[Actor, ...] = ()) -> Actor | None:
    """'the group', 'the country': the latest actor of a fitting kind before it ('the regime in
    Asmara' names its own)."""
    det = child(token, "det")
    if det is None or det.lower_ not in ("the", "this", "that"):
        return None
    if any(c.dep_ == "prep" and c.lower_ in ("of", "in") for c in token.children):
        return None
    kinds = ctx.lex.anaphors.get(token.lemma_.lower()) or ctx.lex.anaphors.get(token.lower_)
    if not kinds:
        return None
    return _latest(token, ctx, lambda s: s.actor.kind in kinds and s.actor not in avoid)


def pronoun(token: Token, ctx: DocContext, *, avoid: tuple[Actor, ...] = ()) -> Actor | None:
    """Give the actor a pronoun refers to: for third-person ones the latest fitting actor,
    subjects first; inside a quotation, "I" is the speaker and "we" the speaker's organisation."""
    words = ctx.lex.words
    lower = token.lower_
    if lower in words["first_person_singular"] or lower in words["first_person_plural"]:
        q = ctx.quote_at(token.idx)
        if q is None or q.speaker is None:
            return None
        if lower in words["first_person_plural"]:
            return ctx.affiliation.get(q.speaker.id, q.speaker)
        return q.speaker
    if lower in words["person_pronouns"]:
        fits = lambda s: s.actor.kind == "PERSON" and s.actor not in avoid  # noqa: E731
    elif lower in ("it", "its"):
        # "it" is a state, a body or a named group, never "protesters" or "soldiers"
        fits = lambda s: s.actor.kind in NON_PERSON and s.actor not in avoid and not s.rule.startswith("agent")  # noqa: E731
        owner = token.head if token.dep_ == "poss" else None
        if owner is not None and owner.dep_ == "conj":
            # "the United States and its planned operations": the conjunct before it
            named = ctx.actors.at(owner.head)
            if named is not None and fits(named):
                return named.actor
        sayer = _reporting_body(token, ctx)
        if sayer is not None and sayer not in avoid:
            return sayer
    elif lower in ("they", "them", "their", "theirs"):
        fits = lambda s: s.actor.kind != "PERSON" and s.actor not in avoid  # noqa: E731
    else:
        return None
    return _latest(token, ctx, fits)


def _reporting_body(token: Token, ctx: DocContext) -> Actor | None:
    """'A spokesman for al-Shabab said its fighters ...': in what a body's spokesman (or the body)
    says, "it" and "its" are that body."""
    from claimgraph.nlp.syntax import subject_of

    tok = token
    for _ in range(8):
        head = tok.head
        if head.i == tok.i:
            return None
        if head.lemma_.lower() in ctx.lex.words["speech_verbs"] and tok.dep_ in ("ccomp", "parataxis"):
            subject = subject_of(head)
            if subject is None or subject.i == token.i:
                return None
            found = _one(subject, ctx, 1)
            if found is not None and found.kind == "PERSON":
                found = ctx.affiliation.get(found.id)
            return found if found is not None and found.kind in NON_PERSON else None
        tok = head
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
    # Within the pronoun's own sentence first ("has ties to al-Qaida and offers them protection"),
    # then across sentences; in each, the most recent subject (the usual antecedent), else the most
    # recent mention.
    own = [s for s in candidates if s.start >= sent.start]
    for pool in (own, candidates):
        subjects = [s for s in pool if ctx.doc[s.end - 1].dep_ in ("nsubj", "nsubjpass")
                    or ctx.doc[s.start].dep_ in ("nsubj", "nsubjpass")]
        if subjects or pool:
            return (subjects or pool)[-1].actor
    return None


def _inside_same_phrase(span: ActorSpan, token: Token) -> bool:
    return span.start <= token.i < span.end
