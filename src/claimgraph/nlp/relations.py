"""Reading typed relations from the parse: verb, noun and adjective cues by their frames, and the
constructions of nlp/constructions.py.

Each reader gives `Found` relations: actors already resolved, attribution not yet done.
Affiliations from titles and appositions are in nlp/affiliations.py.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from claimgraph.nlp.arguments import resolve
from claimgraph.nlp.constructions import hyphen_membership, label, ranks, rejected_claim, responsibility, stance
from claimgraph.nlp.context import DocContext
from claimgraph.nlp.lexicon import Frame
from claimgraph.nlp.reading import Found, slot_tokens
from claimgraph.nlp.syntax import agent_of, child, companions, is_passive, prep_objects, subject_of
from claimgraph.ontology import SYMMETRIC
from claimgraph.records import Actor


def _rule(part: str, frame: Frame) -> str:
    """Name the frame a claim was read by: "verb:attack", and for a frame derived from PETRARCH2's
    dictionary its CAMEO code too ("verb:bomb cameo:183"), so a claim can be traced to its entry."""
    return f"{part}:{frame.lemma}" + (f" cameo:{frame.cameo}" if frame.cameo else "")


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
            for frame in _applicable(token, lex.verbs[lemma], lex.words["neutral_particles"]):
                yield from _verb(token, frame, ctx)
        elif token.pos_ in ("NOUN", "PROPN") and lemma in lex.nouns and ctx.actors.at(token) is None:
            for frame in lex.nouns[lemma]:
                yield from _noun(token, frame, ctx)
        elif token.pos_ in ("ADJ", "VERB") and token.lower_ in lex.adjectives:
            for frame in lex.adjectives[token.lower_]:
                yield from _adjective(token, frame, ctx)
        if lemma == "rank" and token.head.lower_ in ("in", "among", "within"):
            yield from ranks(token, ctx)
        if lemma in lex.words["label_nouns"]:
            yield from label(token, ctx)
        if token.lower_ in lex.words["membership_participles"] or token.lower_ == "led":
            yield from hyphen_membership(token, ctx)
        if ctx.lowers[i] in lex.words["stance_prefixes"]:
            yield from stance(token, ctx)
        if lemma in lex.words["denial_verbs"] and token.dep_ == "relcl":
            yield from rejected_claim(token, ctx)
        if lemma in lex.words["responsibility_nouns"] and token.dep_ == "dobj" \
                and token.head.lemma_.lower() in lex.words["responsibility_verbs"]:
            yield from responsibility(token, ctx)


def _requirement_met(token: Token, frame: Frame, ctx: DocContext) -> bool:
    for key in frame.requires:
        words = ctx.lex.words[key]
        near = list(token.subtree)[:40] + [token.head] + list(token.head.children)
        if not any(t.lemma_.lower() in words or t.lower_ in words for t in near if t.i != token.i):
            return False
    return True


def _shared_object(token: Token, slots: tuple[str, ...]) -> list[Token]:
    """'protected, nurtured and trained TIP': coordinated verbs share the last one's object."""
    for conj in token.conjuncts:
        if conj.i > token.i and conj.pos_ == "VERB":
            found = slot_tokens(conj, slots, passive=False)
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
    if not _frame_fits(token, frame, ctx.lex.words["neutral_particles"]):
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
    target_tokens = slot_tokens(token, frame.target, passive=passive)
    if holder is not None:
        target_tokens += [o for slot in frame.target if slot.startswith("prep:")
                          for o in prep_objects(holder, slot[5:])]
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
            yield Found([s], _intent(token, type_, ctx), [o for o in sources if o != s], token, _rule("verb", frame))
        return
    targets = [a for t in target_tokens for a in resolve(t, ctx, avoid=tuple(sources))]
    if frame.when_target:
        targets = [a for a in targets if a.kind in frame.when_target]
    if not sources or not targets:
        return
    if frame.lemma in ctx.lex.words["mutual_with_verbs"] and type_ == "ASSAULT" and list(prep_objects(token, "with")):
        # "its soldiers clashed with Chinese troops": each side fought the other
        yield Found([t for t in targets if t not in sources], type_, sources, token, _rule("verb", frame))
    for t, tgts in _typed(Frame(frame.lemma, type_, frame.target, by_target=frame.by_target), targets):
        yield Found(sources, _intent(token, t, ctx), tgts, token, _rule("verb", frame))
        yield from _endorsed_measure(subject, t, tgts, ctx)


def _applicable(token: Token, frames: tuple[Frame, ...], neutral: frozenset[str]) -> list[Frame]:
    """Give the frames of a verb that fit its use: those of its object when one names its object
    ("struck a deal" is not an attack), else those of its particle ("call off"), else the plain ones."""
    fitting = [f for f in frames if _frame_fits(token, f, neutral)]
    with_object = [f for f in fitting if f.object]
    if with_object:
        return with_object
    phrasal = [f for f in fitting if f.prt]
    return phrasal or fitting


def _frame_fits(token: Token, frame: Frame, neutral: frozenset[str]) -> bool:
    """A phrasal frame needs its particle ("call off"); a plain one is not read off a phrasal
    verb whose particle changes its sense ("call off", "carry out" are not "call", "carry");
    an object frame needs its object ("open fire on")."""
    particles = {c.lower_ for c in token.children if c.dep_ == "prt" or (
        c.dep_ == "prep" and c.lower_ in ("out", "off", "away") and any(g.dep_ == "prep" for g in c.children))}
    if frame.prt:
        if frame.prt not in particles:
            return False
    elif particles - neutral:
        return False
    if frame.object:
        return _object_of(token, frame) is not None
    return True




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
    if (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in words["promise_verbs"]
            and type_ not in ("ACCUSE", "REJECT")):
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
    if (token.dep_ == "attr" and token.head.lemma_ == "be") or (token.dep_ == "pobj" and token.head.lower_ == "as"):
        # "the launches were a warning to Washington"; "Egypt emerged as a mediator between ..."
        found = _subject_actors(token.head if token.dep_ == "attr" else token.head.head, ctx)
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
        found = _subject_actors(token.head.head, ctx)  # "the US said it had been in contact with the regime"
        if found:
            return found, None
    carrier = token
    if (token.dep_ == "pobj" and token.head.lower_ == "of"
            and token.head.head.lemma_.lower() in ctx.lex.words["quantity_nouns"]):
        carrier = token.head.head  # "launched several rounds of airstrikes against": the rounds are launched
    governor = carrier.head.head if carrier.dep_ == "pobj" and carrier.head.dep_ == "prep" else carrier.head
    if carrier.dep_ in ("dobj", "pobj", "nsubjpass", "attr", "conj") and governor.pos_ == "VERB" \
            and governor.lemma_.lower() in ctx.lex.words["light_verbs"]:
        subject = agent_of(governor) if is_passive(governor) else subject_of(governor)
        if subject is not None:
            return resolve(subject, ctx), governor
    return [], None


def _subject_actors(verb: Token, ctx: DocContext) -> list[Actor]:
    subject = subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
    return resolve(subject, ctx) if subject is not None else []


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
        yield Found(givers, frame.type, receivers, token, _rule("noun", frame), negation_at=verb)


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
    target_tokens = slot_tokens(token, slots, passive=False)
    if not target_tokens and light is not None:
        target_tokens = slot_tokens(light, frame.target, passive=False)
    if not target_tokens and token.dep_ in ("nsubj",) and token.head.lemma_ == "be":
        target_tokens = slot_tokens(token.head, frame.target, passive=False)  # "TIP attacks were against NATO"
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
        yield Found(sources, frame.type, targets, token, _rule("noun", frame), negation_at=light)


def _adjective(token: Token, frame: Frame, ctx: DocContext) -> Iterator[Found]:
    subject = subject_of(token)
    if subject is None and token.dep_ in ("amod", "acl"):
        subject = token.head
    if subject is None:
        return
    targets = [a for t in slot_tokens(token, frame.target, passive=False) for a in resolve(t, ctx)]
    sources = resolve(subject, ctx)
    if sources and targets:
        yield Found(sources, frame.type, targets, token, _rule("adjective", frame))


