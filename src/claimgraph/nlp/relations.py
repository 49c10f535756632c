"""Reading typed relations from the parse: verb, noun and adjective cues, affiliations, labels.

Each reader gives `Found` relations: actors already resolved, attribution not yet done.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from claimgraph.nlp.arguments import resolve
from claimgraph.nlp.context import DocContext
from claimgraph.nlp.lexicon import Frame
from claimgraph.nlp.syntax import agent_of, child, children, companions, hyphen_agent, is_passive, prep_objects, subject_of
from claimgraph.ontology import SYMMETRIC
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


def read_relations(sent: Span, ctx: DocContext) -> Iterator[Found]:
    """Give every relation the sentence expresses through a cue word or a label (titles and
    appositions: `affiliations`)."""
    lex = ctx.lex
    cues = lex.cue_words
    for i in range(sent.start, sent.end):
        lemma = ctx.lemmas[i]
        if lemma not in cues and ctx.lowers[i] not in cues:
            continue  # most words cue nothing: one set look-up and on
        token = ctx.doc[i]
        if token.pos_ == "VERB" and lemma in lex.verbs:
            for frame in _applicable(token, lex.verbs[lemma]):
                yield from _verb(token, frame, ctx)
        elif token.pos_ in ("NOUN", "PROPN") and lemma in lex.nouns and ctx.actors.at(token) is None:
            for frame in lex.nouns[lemma]:
                yield from _noun(token, frame, ctx)
        elif token.pos_ in ("ADJ", "VERB") and token.lower_ in lex.adjectives:
            for frame in lex.adjectives[token.lower_]:
                yield from _adjective(token, frame, ctx)
        if lemma == "rank" and token.head.lower_ in ("in", "among", "within"):
            yield from _ranks(token, ctx)
        if lemma in lex.words["label_nouns"]:
            yield from _label(token, ctx)
        if token.lower_ in lex.words["membership_participles"] or token.lower_ == "led":
            yield from _hyphen_membership(token, ctx)
        if ctx.lowers[i] in lex.words["stance_prefixes"]:
            yield from _stance(token, ctx)
        if lemma in lex.words["denial_verbs"] and token.dep_ == "relcl":
            yield from _rejected_claim(token, ctx)
        if lemma in lex.words["responsibility_nouns"] and token.dep_ == "dobj" \
                and token.head.lemma_.lower() in lex.words["responsibility_verbs"]:
            yield from _responsibility(token, ctx)


def _requirement_met(token: Token, frame: Frame, ctx: DocContext) -> bool:
    for key in frame.requires:
        words = ctx.lex.words[key]
        near = list(token.subtree)[:40] + [token.head] + list(token.head.children)
        if not any(t.lemma_.lower() in words or t.lower_ in words for t in near if t.i != token.i):
            return False
    return True


def _slot_tokens(token: Token, slots: tuple[str, ...], *, passive: bool) -> list[Token]:
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


def _shared_object(token: Token, slots: tuple[str, ...]) -> list[Token]:
    """'protected, nurtured and trained TIP': coordinated verbs share the last one's object."""
    for conj in token.conjuncts:
        if conj.i > token.i and conj.pos_ == "VERB":
            found = _slot_tokens(conj, slots, passive=False)
            if found:
                return found
    return []


def _typed(frame: Frame, targets: list[Actor]) -> list[tuple[str, list[Actor]]]:
    if not frame.by_target:
        return [(frame.type, targets)]
    mapping = dict(frame.by_target)
    groups: dict[str, list[Actor]] = {}
    for t in targets:
        groups.setdefault(mapping.get(t.kind, frame.type), []).append(t)
    return list(groups.items())


def _verb(token: Token, frame: Frame, ctx: DocContext) -> Iterator[Found]:
    if not _frame_fits(token, frame):
        return
    head = token.head.lemma_.lower()
    if head in ctx.lex.words["request_verbs"] and (token.dep_ == "xcomp" or (
            token.dep_ == "ccomp" and head not in ctx.lex.words["speech_verbs"])):
        return  # "demanded that Rwanda withdraw", "told them to leave": asked for, not done
    if not _requirement_met(token, frame, ctx):
        return
    passive = is_passive(token)
    if token.dep_ == "amod" and not passive:
        return  # "persecuted Uyghurs": an adjective, no one named as doing it
    subject = agent_of(token) if passive else subject_of(token)
    if subject is None and passive:
        subject = _agent_of_event(token, ctx)
    type_ = frame.type
    holder = _object_of(token, frame)
    target_tokens = _slot_tokens(token, frame.target, passive=passive)
    if holder is not None:
        target_tokens += [o for slot in frame.target if slot.startswith("prep:") for o in prep_objects(holder, slot[5:])]
    alongside = list(prep_objects(token, "alongside"))
    if frame.alongside and alongside:
        type_, target_tokens = frame.alongside, alongside
    if not target_tokens and not passive:
        target_tokens = _shared_object(token, frame.target)
    if subject is None:
        return
    sources = resolve(subject, ctx)
    if not passive:  # "the Philippine government, along with the United States, condemned ..."
        sources += [a for c in companions(token) for a in resolve(c, ctx, conj=False) if a not in sources]
    if not target_tokens:
        yield from _between(sources, type_, token, frame.lemma,
                            mutual=frame.lemma in ctx.lex.words["reciprocal_verbs"])
        return
    if any(_reciprocal(t) for t in target_tokens):
        # "Russia and Ukraine accused each other": every one of them to every other
        for s in sources:
            yield Found([s], _intent(token, type_, ctx), [o for o in sources if o != s], token, f"verb:{frame.lemma}")
        return
    targets = [a for t in target_tokens for a in resolve(t, ctx, avoid=tuple(sources))]
    if frame.when_target:
        targets = [a for a in targets if a.kind in frame.when_target]
    if not sources or not targets:
        return
    if frame.lemma in ctx.lex.words["mutual_with_verbs"] and type_ == "ASSAULT" and list(prep_objects(token, "with")):
        # "its soldiers clashed with Chinese troops": each side fought the other
        yield Found([t for t in targets if t not in sources], type_, sources, token, f"verb:{frame.lemma}")
    for t, tgts in _typed(Frame(frame.lemma, type_, frame.target, by_target=frame.by_target), targets):
        yield Found(sources, _intent(token, t, ctx), tgts, token, f"verb:{frame.lemma}")
        yield from _endorsed_measure(subject, t, tgts, ctx)


def _applicable(token: Token, frames: tuple[Frame, ...]) -> list[Frame]:
    """Give the frames of a verb that fit its use: those of its object when one names its object
    ("struck a deal" is not an attack), else those of its particle ("call off"), else the plain ones."""
    fitting = [f for f in frames if _frame_fits(token, f)]
    with_object = [f for f in fitting if f.object]
    if with_object:
        return with_object
    phrasal = [f for f in fitting if f.prt]
    return phrasal or fitting


def _frame_fits(token: Token, frame: Frame) -> bool:
    """A phrasal frame needs its particle ("call off"); a plain one is not read off a phrasal
    verb whose particle changes its sense ("call off", "carry out" are not "call", "carry");
    an object frame needs its object ("open fire on")."""
    particles = {c.lower_ for c in token.children if c.dep_ == "prt" or (
        c.dep_ == "prep" and c.lower_ in ("out", "off", "away") and any(g.dep_ == "prep" for g in c.children))}
    if frame.prt:
        if frame.prt not in particles:
            return False
    elif particles - NEUTRAL_PARTICLES:
        return False
    if frame.object:
        return _object_of(token, frame) is not None
    return True


NEUTRAL_PARTICLES = frozenset({"up", "down", "back"})  # "beat up", "shot down": the verb's own sense


def _object_of(token: Token, frame: Frame) -> Token | None:
    if not frame.object:
        return None
    for c in token.children:
        if c.dep_ in ("dobj", "nsubjpass") and (c.lemma_.lower() in frame.object or c.lower_ in frame.object):
            return c
    return None


def _reciprocal(token: Token) -> bool:
    """'each other', 'one another'."""
    return token.lower_ in ("other", "another") and (
        any(c.lower_ in ("each", "one") for c in token.children) or
        (token.i > 0 and token.doc[token.i - 1].lower_ in ("each", "one")))


def _intent(verb: Token, type_: str, ctx: DocContext) -> str:
    """Give the type PLOVER codes a stated intention as: 'pledged to send troops', 'will give aid'
    (AGREE); 'vowed to strike', 'will retaliate against' (THREATEN)."""
    words = ctx.lex.words
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in words["promise_verbs"] and type_ not in ("ACCUSE", "REJECT"):
        return "AGREE"
    mapped = ctx.lex.intent.get(type_)
    if mapped is None:
        return type_
    if any(c.dep_ == "aux" and c.lower_ in words["future_modals"] for c in verb.children):
        return mapped
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() in words["intent_verbs"]:
        return mapped
    if verb.dep_ == "ccomp" and head.lemma_.lower() in words["threat_speech_verbs"] and mapped == "THREATEN":
        return mapped
    return type_


def _agent_of_event(verb: Token, ctx: DocContext) -> Token | None:
    """'were killed in an air strike by Israel': the agent of the event noun the passive names."""
    for prep in ("in", "during", "by"):
        for o in prep_objects(verb, prep):
            if o.lemma_.lower() in ctx.lex.nouns or o.lemma_.lower() in ctx.lex.words["custody_nouns"]:
                agent = agent_of(o)
                if agent is not None:
                    return agent
                for c in o.children:
                    if c.dep_ in ("poss", "compound", "amod") and c.i < o.i and (
                            ctx.actors.at(c) is not None or c.lower_ in ctx.gaz.demonyms):
                        return c  # "killed in Turkish air strikes"
    return None


def _between(parties: list[Actor], type_: str, trigger: Token, lemma: str, *, mutual: bool = False) -> Iterator[Found]:
    """'China and Saudi Arabia have signed deals': a symmetric relation between coordinated parties;
    'the army and the RSF clashed', 'fighting between X and Y': a mutual one, each way."""
    if len(parties) < 2:
        return
    if type_ in SYMMETRIC:
        yield Found(parties[:1], type_, parties[1:], trigger, f"between:{lemma}")
    elif mutual and type_ == "ASSAULT":
        for p in parties:
            yield Found([p], type_, [o for o in parties if o != p], trigger, f"between:{lemma}")


def _endorsed_measure(subject: Token, type_: str, targets: list[Actor], ctx: DocContext) -> Iterator[Found]:
    """'China didn't sign a resolution that imposed an embargo on the Taliban': the signer takes
    on (or, negated, refuses) what the measure does."""
    if subject.lower_ in ctx.lex.words["relative_pronouns"]:
        subject = subject.head.head
    if subject.lemma_.lower() not in ctx.lex.words["measure_nouns"]:
        return
    governor = subject.head
    if subject.dep_ == "pobj":
        governor = governor.head
    if governor.lemma_.lower() not in ctx.lex.words["endorse_verbs"] or governor.pos_ != "VERB":
        return
    signer = subject_of(governor)
    if signer is None:
        return
    sources = resolve(signer, ctx)
    if sources:
        yield Found(sources, type_, targets, subject, "endorsed-measure", negation_at=governor)


def _noun_sources(token: Token, ctx: DocContext) -> tuple[list[Actor], Token | None]:
    """Give who acts in a noun cue ('China's support', 'backing from Russia', 'Russian backing'),
    and the light verb that carries it, if any ('China began open cooperation with ...')."""
    for c in token.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < token.i:
            found = resolve(c, ctx, conj=False)
            if found:
                return found, None
            country = ctx.gaz.demonyms.get(c.lower_)
            if country is not None and c.dep_ == "amod":
                return [country], None
    governor = token.head.head if token.dep_ == "pobj" and token.head.dep_ == "prep" else None
    if governor is not None and token.head.lower_ in ("for", "of", "with") \
            and governor.lemma_.lower() in ctx.lex.words["accusation_verbs"]:
        # "blamed Hezbollah for the rocket strike", "accused Russia of the killing of ...": the accused did it
        accused = child(governor, "dobj")
        if accused is not None:
            found = resolve(accused, ctx)
            if found:
                return found, None
    preps = ("by", "from") if "prep:of" in frame_targets(token, ctx) else ("by", "from", "of")
    for prep in preps:
        for o in prep_objects(token, prep):
            found = resolve(o, ctx)
            if found:
                return found, None
    if token.dep_ == "attr" and token.head.lemma_ == "be" or (token.dep_ == "pobj" and token.head.lower_ == "as"):
        # "the launches were a warning to Washington"; "Egypt emerged as a mediator between ..."
        verb = token.head if token.dep_ == "attr" else token.head.head
        subject = subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
        if subject is not None:
            found = resolve(subject, ctx)
            if found:
                return found, None
    for v in token.children:
        # "the airstrikes carried out by the Saudi-led coalition against Yemen"; "the killing of two
        # engineers claimed by the BLA"
        if v.dep_ == "acl" and v.tag_ == "VBN" and (v.lemma_.lower() in ctx.lex.words["light_verbs"]
                                                     or v.lemma_.lower() in ctx.lex.words["responsibility_verbs"]):
            agent = agent_of(v)
            if agent is not None:
                found = resolve(agent, ctx)
                if found:
                    return found, v
    if token.dep_ == "pobj" and token.head.lower_ == "in" and token.head.head.lemma_ in ("be", "remain", "stay"):
        subject = subject_of(token.head.head)  # "the US said it had been in contact with the regime"
        if subject is not None:
            found = resolve(subject, ctx)
            if found:
                return found, None
    governor = token.head
    if token.dep_ == "pobj" and governor.dep_ == "prep" and governor.lower_ == "of" \
            and governor.head.lemma_.lower() in ctx.lex.words["quantity_nouns"]:
        governor = governor.head  # "launched several rounds of airstrikes against": the rounds are launched
        token_for_light = governor
    else:
        token_for_light = token
    if token_for_light.dep_ == "pobj" and token_for_light.head.dep_ == "prep":
        governor = token_for_light.head.head
    elif token_for_light is not token:
        governor = token_for_light.head
    if token_for_light.dep_ in ("dobj", "pobj", "nsubjpass", "attr", "conj") and governor.pos_ == "VERB" \
            and governor.lemma_.lower() in ctx.lex.words["light_verbs"]:
        subject = agent_of(governor) if is_passive(governor) else subject_of(governor)
        if subject is not None:
            return resolve(subject, ctx), governor
    return [], None


def _modifier_source(token: Token, ctx: DocContext) -> bool:
    return any(c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < token.i and resolve(c, ctx, conj=False)
               for c in token.children)


def frame_targets(token: Token, ctx: DocContext) -> set[str]:
    return {slot for f in ctx.lex.nouns.get(token.lemma_.lower(), ()) for slot in f.target}


def _received(token: Token, frame: Frame, ctx: DocContext) -> Iterator[Found]:
    """'Niger's junta has received support from Moscow', 'the Houthis enjoy the backing of Iran':
    the giver is named by 'of'/'from', the receiver is the subject."""
    verb = token.head
    givers = [a for head, prep in ((token, "of"), (token, "from"), (verb, "from"))
              for o in prep_objects(head, prep) for a in resolve(o, ctx)]
    receiver = subject_of(verb)
    receivers = resolve(receiver, ctx) if receiver is not None else []
    receivers = [a for a in receivers if a not in givers]
    if givers and receivers:
        yield Found(givers, frame.type, receivers, token, f"noun:{frame.lemma}", negation_at=verb)


def _noun(token: Token, frame: Frame, ctx: DocContext) -> Iterator[Found]:
    if not _requirement_met(token, frame, ctx):
        return
    if token.dep_ == "dobj" and token.head.lemma_.lower() in ctx.lex.words["receive_verbs"] \
            and not any(c.dep_ == "poss" for c in token.children):
        yield from _received(token, frame, ctx)
        return
    sources, light = _noun_sources(token, ctx)
    if not sources:
        # "talks between Israel and Hamas", "clashes between the army and the RSF"
        parties = [a for o in prep_objects(token, "between") for a in resolve(o, ctx)]
        yield from _between(parties, frame.type, token, frame.lemma, mutual=True)
        return
    slots = frame.target
    if light is None and "prep:of" not in slots and _modifier_source(token, ctx):
        slots = (*slots, "prep:of")  # "Iran's backing of the Houthis": with a possessive doer, 'of' is the target
    target_tokens = _slot_tokens(token, slots, passive=False)
    if not target_tokens and light is not None:
        target_tokens = _slot_tokens(light, frame.target, passive=False)
    if not target_tokens and token.dep_ in ("nsubj",) and token.head.lemma_ == "be":
        target_tokens = _slot_tokens(token.head, frame.target, passive=False)  # "TIP attacks were against NATO"
    if not target_tokens and token.dep_ == "pobj" and token.head.lower_ == "with":
        # "the Taliban made gains with the support of al-Qaida": the one helped is the clause's subject
        clause = token.head.head
        subject = subject_of(clause) if clause.pos_ in ("VERB", "AUX") else None
        target_tokens = [subject] if subject is not None else []
    if not target_tokens:
        yield from _between(sources, frame.type, token, frame.lemma)
        return
    targets = [a for t in target_tokens for a in resolve(t, ctx, avoid=tuple(sources)) if a not in sources]
    if targets:
        yield Found(sources, frame.type, targets, token, f"noun:{frame.lemma}", negation_at=light)


def _adjective(token: Token, frame: Frame, ctx: DocContext) -> Iterator[Found]:
    subject = subject_of(token)
    if subject is None and token.dep_ in ("amod", "acl"):
        subject = token.head
    if subject is None:
        return
    targets = [a for t in _slot_tokens(token, frame.target, passive=False) for a in resolve(t, ctx)]
    sources = resolve(subject, ctx)
    if sources and targets:
        yield Found(sources, frame.type, targets, token, f"adjective:{frame.lemma}")


def _stance(token: Token, ctx: DocContext) -> Iterator[Found]:
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


def _rejected_claim(verb: Token, ctx: DocContext) -> Iterator[Found]:
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


def _responsibility(token: Token, ctx: DocContext) -> Iterator[Found]:
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
            targets = [a for t in _slot_tokens(deed, frame.target, passive=False)
                       for a in resolve(t, ctx, avoid=tuple(sources)) if a not in sources]
            if sources and targets:
                yield Found(sources, frame.type, targets, deed, f"responsibility:{frame.lemma}", negation_at=verb,
                            speaker=sources[0])
                return


def _hyphen_membership(token: Token, ctx: DocContext) -> Iterator[Found]:
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


def _ranks(token: Token, ctx: DocContext) -> Iterator[Found]:
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


def _label(token: Token, ctx: DocContext) -> Iterator[Found]:
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


# ---- affiliations ----------------------------------------------------------------------------

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
            role = first.head.head if first.dep_ == "pobj" and first.head.lower_ == "of" else None
            if named is not None and named.actor.kind not in ("PERSON", "PEOPLE") and role is not None \
                    and role.lemma_.lower() in roles and role.tag_ == "NNS":
                yield Found([span.actor], "AFFILIATE", [named.actor], role, "apposition", naming=True)
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
