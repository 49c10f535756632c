"""Finding the actors a document names, and resolving arguments of a relation to them.

Sources of mentions, strongest first: the gazetteer (longest match), phrases where a demonym
stands for its state ("Pakistani police"), a people's adjective before a militant noun ("Uyghur
separatists" is an armed group, not the Uyghurs), spaCy's named entities, acronyms defined in
the text ("... Movement (ETIM)"), and surnames of people named in full earlier.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from claimgraph.nlp.lexicon import Lexicon
from claimgraph.records import Actor
from claimgraph.resolve.canonical import Agent, Gazetteer, make_actor
from claimgraph.resolve.names import normalise

ARG_MODIFIERS = ("poss", "compound", "amod", "nmod")
QUOTES = frozenset("'’‘\"”“")
DEFINITE_REACH = 80  # tokens back to the state a bare "the troops" stands for
NON_PERSON = frozenset({"COUNTRY", "IGO", "ARMED_GROUP", "PARTY", "ORG", "COMPANY", "GROUP", "MEDIA"})


@dataclass(frozen=True, slots=True)
class ActorSpan:
    """An actor named by tokens [start, end) of the parsed document."""

    start: int
    end: int
    actor: Actor
    rule: str


@dataclass
class ActorIndex:
    """The actor mentions of one document, by token."""

    doc: Doc
    spans: list[ActorSpan]
    by_token: dict[int, ActorSpan] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.spans.sort(key=lambda s: s.start)
        self._starts = [s.start for s in self.spans]
        for s in self.spans:
            for i in range(s.start, s.end):
                self.by_token[i] = s

    def at(self, token: Token) -> ActorSpan | None:
        return self.by_token.get(token.i)

    def within(self, start: int, end: int) -> list[ActorSpan]:
        """Give the spans that start in tokens [start, end), in order."""
        return self.spans[bisect_left(self._starts, start):bisect_left(self._starts, end)]


class ActorFinder:
    """Finds actor mentions in parsed documents; built once per pipeline (its matcher is reused)."""

    def __init__(self, nlp_vocab, make_doc, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.g = gazetteer
        self.lex = lexicon
        self.matcher = PhraseMatcher(nlp_vocab, attr="LOWER")
        self.exact: dict[str, set[str]] = {}
        patterns = []
        for names in gazetteer.surface.values():
            for name in names:
                patterns.append(make_doc(name))
                if name.isupper() and len(name) <= 5:
                    self.exact.setdefault(name.lower(), set()).add(name)
        self.matcher.add("ACTOR", patterns)
        # names written in lower case ("civilians", "foreign fighters") match without a capital
        self.lower_aliases = frozenset(normalise(n) for names in gazetteer.surface.values() for n in names
                                       if n == n.lower())
        # last words of two-word demonyms ("Sri Lankan") and of agent nouns: cheap first checks
        self.demonym_tails = frozenset(d.split()[-1] for d in gazetteer.demonyms if " " in d)
        self.agent_heads = frozenset(n.split()[-1] for n in gazetteer.agents)
        # words that can name a state before an institution: demonyms and one-word country names
        self.state_words = frozenset({*gazetteer.demonyms, *self.demonym_tails,
                                      *(k for k, a in gazetteer.names.items() if a.kind == "COUNTRY" and " " not in k)})

    # ---- mentions --------------------------------------------------------------------------

    def find(self, doc: Doc, *, lowers: list[str] | None = None, lemmas: list[str] | None = None,
             furniture: Callable[[int], bool] | None = None) -> ActorIndex:
        """Give every actor mention of `doc` (`lowers`, `lemmas`: its tokens' lower-case forms and
        lemmas when the caller has them already; `furniture`: whether a character offset is page
        furniture, whose names stand for nothing in the text)."""
        found: list[tuple[Span, Actor, str]] = []
        for _, start, end in self.matcher(doc):
            span = doc[start:end]
            actor = self._gazetteer_actor(span)
            if actor is not None:
                found.append((span, actor, "gazetteer"))
        lowers = lowers if lowers is not None else [t.lower_ for t in doc]
        lemmas = lemmas if lemmas is not None else [t.lemma_.lower() for t in doc]
        state = [doc[i] for i, w in enumerate(lowers) if w in self.state_words]
        found.extend(self._state_phrases(state))
        found.extend(self._militants(doc, [doc[i] for i, w in enumerate(lowers)
                                           if w in self.g.adjectives or w in self.g.demonyms]))
        found.extend(self._led(doc, [doc[i] for i, w in enumerate(lowers) if w == "led"]))
        found.extend(self._agents(doc, [doc[i] for i, w in enumerate(lemmas)
                                        if w in self.agent_heads or lowers[i] in self.agent_heads
                                        or (w.endswith("s") and w[:-1] in self.agent_heads)]))
        ents = doc.ents  # a tuple built anew on each access: read once
        chosen = self._named_after_people(ents, self._longest(found))
        covered = {i for s, _, _ in chosen for i in range(s.start, s.end)}
        chosen.extend(self._entities(ents, covered))
        spans = [ActorSpan(s.start, s.end, a, r) for s, a, r in chosen]
        spans = self._owned_agents(doc, self._acronyms(doc, spans))
        return ActorIndex(doc, self._definite_agents(doc, self._surnames(doc, spans), furniture))

    def _gazetteer_actor(self, span: Span) -> Actor | None:
        text = span.text
        exact = self.exact.get(text.lower())
        if exact is not None and text not in exact:
            return None  # "us" is not "US"
        first = span[0]
        actor = self.g.lookup(text)
        if actor is None:
            return None
        alias_lower = normalise(text) in self.lower_aliases
        if not alias_lower and not (first.is_title or first.is_upper or not first.is_alpha):
            return None  # "west of the city", "chad" as a word: names are capitalised
        if actor.kind == "COUNTRY" and span[0].ent_type_ == "PERSON" and len(span) == 1:
            return None  # "Jordan Peterson"
        return actor

    def _demonym(self, token: Token) -> Actor | None:
        """Give the state a demonym names, one word ('Ugandan') or two ('Sri Lankan', 'South Korean')."""
        lower = token.lower_
        country = self.g.demonyms.get(lower)
        if country is None and token.i > 0 and lower in self.demonym_tails:
            country = self.g.demonyms.get(f"{token.doc[token.i - 1].lower_} {lower}")
        return country

    def _state_phrases(self, tokens: list[Token]) -> list[tuple[Span, Actor, str]]:
        """'Pakistani police', 'Afghan security forces', 'Chinese Foreign Ministry': the state."""
        out = []
        for token in tokens:
            doc = token.doc
            country = self._demonym(token)
            if country is None and token.is_title:
                named = self.g.lookup(token.text)
                country = named if named is not None and named.kind == "COUNTRY" else None
            if country is None or token.dep_ not in ("amod", "compound", "nmod", "conj", "poss"):
                continue
            head = token.head
            while head.dep_ == "conj" and token.dep_ == "conj" and head.head.i > head.i:
                head = head.head
            if token.dep_ == "conj":
                head = token.head.head
            while head.i > token.i and not self._state_noun(head) and head.dep_ in ("amod", "compound") \
                    and head.head.i > head.i and head.head.i - token.i <= 4:
                head = head.head  # "the Venezuelan armed forces", parsed with the demonym on "armed"
            # the nearest state noun after the name ("a Togolese army patrol"), or the end of a
            # two-word one ("Iranian state media")
            nearest = next((t for t in doc[token.i + 1:head.i + 1] if self._state_noun(t)), None)
            if nearest is not None:
                after = doc[nearest.i + 1] if nearest.i + 1 <= head.i else None
                head = after if after is not None and self._state_noun(after) else nearest
            if head.i > token.i and self._state_noun(head):
                two_words = token.i > 0 and f"{doc[token.i - 1].lower_} {token.lower_}" in self.g.demonyms
                start = token.i - 1 if two_words and token.lower_ not in self.g.demonyms else token.i
                out.append((doc[start:head.i + 1], country, "state-phrase"))
            elif token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].tag_ == "VBN":
                out.append((doc[token.i:token.i + 1], country, "state-phrase"))  # "Turkish-backed forces"
        return out

    def _state_noun(self, token: Token) -> bool:
        lemma = token.lemma_.lower()
        if lemma in self.lex.words["institution_nouns"]:
            return True
        if token.i > 0:  # "state media", "border guards"
            two = self.g.agents.get(f"{token.doc[token.i - 1].lower_} {lemma}")
            if two is not None and two.sector == "state":
                return True
        agent = self.g.agents.get(lemma) or self.g.agents.get(token.lower_)
        return agent is not None and agent.sector == "state"

    def _agent_of(self, token: Token) -> tuple[Agent, int] | None:
        """Give the generic agent a noun names and the first token of its name ('aid workers')."""
        lemma = token.lemma_.lower()
        if lemma not in self.agent_heads and lemma.endswith("s") and lemma[:-1] in self.agent_heads:
            lemma = lemma[:-1]  # "Rebels" opening a sentence, tagged a proper noun and left plural
        if lemma not in self.agent_heads and token.lower_ not in self.agent_heads:
            return None
        if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in ("PERSON", "GPE") or self._in_name(token):
            return None
        if token.i > 0:
            prev = token.doc[token.i - 1]
            key = f"{prev.lemma_.lower()} {lemma}"
            two = self.g.agents.get(key) or self.g.agents.get(f"{prev.lower_} {token.lower_}")
            if two is not None and prev.dep_ in ("compound", "amod"):
                return two, (-1 if key in self.g.not_bare else prev.i)
        one = self.g.agents.get(lemma) or self.g.agents.get(token.lower_)
        if one is None or lemma in self.g.not_bare or token.lower_ in self.g.not_bare:
            return (one, -1) if one is not None else None  # -1: only with a state's name
        return one, token.i

    def _in_name(self, token: Token) -> bool:
        """Whether a capitalised agent noun is a word of an organisation's name ('the Government of
        National Accord', 'the Arakan Army'), not a generic agent ('Nigerian Army' keeps its demonym)."""
        if token.ent_type_ != "ORG" or not token.is_title:
            return False
        doc = token.doc
        prev = doc[token.i - 1] if token.i > 0 else None
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        before = prev is not None and prev.ent_type_ == "ORG" and token.ent_iob_ == "I" and prev.is_title \
            and prev.lower_ not in self.g.demonyms
        after = nxt is not None and nxt.ent_iob_ == "I" and nxt.ent_type_ == "ORG"
        return before or after

    def _agents(self, doc: Doc, tokens: list[Token]) -> list[tuple[Span, Actor, str]]:
        """Generic agents: 'gunmen', 'civilians', 'Chinese nationals', 'Rohingya refugees'.

        A state agent with its state's name is the state (read by _state_phrases); a non-state one
        with a demonym is its own group ("Chinese nationals"); with a people's adjective an unarmed
        one is that people ("Rohingya refugees"); bare, an agent is the group its noun names.
        """
        words = self.lex.words
        out = []
        for token in tokens:
            found = self._agent_of(token)
            if found is None:
                continue
            if token.dep_ in ("compound", "amod") and token.head.pos_ in ("NOUN", "PROPN") and token.head.i > token.i:
                if found[0].sector == "state" and token.dep_ == "compound" \
                        and token.head.pos_ == "NOUN" and token.lemma_.lower() not in self.lex.words["role_nouns"]:
                    # "a government crackdown": the state last named, if any (_definite_agents)
                    out.append((doc[token.i:token.i + 1], self._group(found[0].label, found[0]), "agent-if-state"))
                continue  # "jihadist group": a modifier, not the party
            agent, first = found
            only_with_state = first < 0
            first = token.i if only_with_state else first
            mods = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod") and c.i < first]
            # the nation nearest the noun, not a stance ("pro-Turkish Syrian rebels" are Syrian rebels)
            stance = self.lex.words["stance_prefixes"]
            mods = [c for c in mods if c.lower_ not in stance and c.text != "-" and not (
                c.i >= 2 and doc[c.i - 1].text == "-" and doc[c.i - 2].lower_ in stance)]
            country = next((self._demonym(c) for c in reversed(mods) if self._demonym(c) is not None), None)
            people = next((self.g.adjectives[c.lower_] for c in mods if c.lower_ in self.g.adjectives), None)
            norp = next((c for c in mods if c.ent_type_ == "NORP" and c.is_title and self._demonym(c) is None
                         and c.lower_ not in self.g.adjectives), None)
            if agent.sector == "state" and country is not None:
                continue  # the state itself: _state_phrases
            if people is not None and agent.civilian:
                start = min(c.i for c in mods if c.lower_ in self.g.adjectives)
                out.append((doc[start:token.i + 1], people, "agent"))
                continue
            if people is not None and agent.armed:
                continue  # "Uyghur militants": _militants
            named_by = next((c for c in reversed(mods) if self._demonym(c) is not None), None) if country is not None else norp
            if named_by is not None and agent.sector == "nonstate":
                # "Chinese nationals", "Tuareg rebels": a group named by its nation or people
                start = named_by.i - 1 if self.g.demonyms.get(named_by.lower_) is None and country else named_by.i
                # named by the noun as written when plural ("Armenian people", "Chinese engineers")
                noun = doc[first:token.i + 1].text.lower() if token.tag_ in ("NNS", "NNPS") else agent.label
                name = f"{doc[start:named_by.i + 1].text} {noun}"
                out.append((doc[start:token.i + 1], self._group(name, agent), "agent"))
                continue
            lemma = token.lemma_.lower()
            if only_with_state:
                definite = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
                modifier = token.dep_ == "compound" and token.head.pos_ == "NOUN"  # "a government crackdown"
                if agent.sector == "state" and (definite or modifier):
                    # "the government": kept only if a state was named before it (_definite_agents)
                    out.append((doc[first:token.i + 1], self._group(agent.label, agent), "agent-if-state"))
                continue
            if lemma in words["source_nouns"] and token.dep_ == "nsubj" \
                    and token.head.lemma_.lower() in words["speech_verbs"]:
                continue  # "witnesses said": an unnamed source, not an actor
            nouns = [c for c in mods if c.dep_ == "compound" and c.tag_ in ("NN", "NNS") and c.is_lower
                     and not c.lower_.endswith("ing") and c.i == first - 1]
            if nouns:  # "opposition supporters", "press-freedom groups"
                start = nouns[0].i
                name = f"{doc[start:first].text.lower()} {agent.label}"
                out.append((doc[start:token.i + 1], self._group(name, agent), "agent"))
                continue
            out.append((doc[first:token.i + 1], self._group(agent.label, agent), "agent"))
        return out

    @staticmethod
    def _owned_agents(doc: Doc, spans: list[ActorSpan]) -> list[ActorSpan]:
        """'Boko Haram fighters', 'its gunmen': fighters of a named party are that party, read when
        the argument is resolved, not a group of their own."""
        named = {i for s in spans if not s.rule.startswith("agent") for i in range(s.start, s.end)}
        out = []
        for s in spans:
            head = doc[s.end - 1]
            heads = [head] + ([head.head] if head.dep_ == "conj" else [])  # "the group's leaders and fighters"
            if s.rule.startswith("agent") and any(
                    c.dep_ in ARG_MODIFIERS and c.i < h.i and c.i < s.start and (c.i in named or c.pos_ == "PRON")
                    for h in heads for c in h.children):
                continue
            if s.rule.startswith("agent") and any(  # "gunmen from the Sinaloa Cartel", "rebels of the ADF"
                    p.dep_ == "prep" and p.lower_ in ("of", "from") and o.dep_ == "pobj" and o.i in named
                    for p in head.children for o in p.children):
                continue
            out.append(s)
        return out

    def _led(self, doc: Doc, tokens: list[Token]) -> list[tuple[Span, Actor, str]]:
        """'the Saudi-led coalition', 'a French-led force': a body named by who leads it."""
        out = []
        for token in tokens:
            head = token.head
            if token.i < 2 or doc[token.i - 1].text != "-" or token.dep_ not in ("amod", "acl") \
                    or head.i <= token.i or not (head.lemma_.lower() in self.lex.words["organisation_nouns"]
                                                 or head.lemma_.lower() in self.lex.words["led_bodies"]):
                continue
            leader = doc[token.i - 2]
            name = f"{leader.text}-led {head.lemma_.lower()}"
            armed = head.lemma_.lower() in self.lex.words["led_armed_bodies"]
            out.append((doc[token.i:head.i + 1], make_actor(name, "ARMED_GROUP" if armed else "GROUP"), "led"))
        return out

    def _group(self, name: str, agent: Agent) -> Actor:
        known = self.g.lookup(name)
        return known if known is not None else make_actor(name, agent.kind)

    def _definite_agents(self, doc: Doc, spans: list[ActorSpan],
                         furniture: Callable[[int], bool] | None = None) -> list[ActorSpan]:
        """'the troops', 'the army', 'the government': the state last named before, when there is one."""
        spans.sort(key=lambda s: s.start)
        out: list[ActorSpan] = []
        last_country: ActorSpan | None = None
        for s in spans:
            head = doc[s.end - 1]
            own_state = any(c.dep_ == "prep" and c.lower_ in ("of", "in", "from") for c in head.children)
            if s.rule == "agent-if-state" and (own_state or last_country is None
                                               or head.sent.start - last_country.start >= DEFINITE_REACH):
                continue  # "the government of Venezuela" names its own state
            if s.rule.startswith("agent") and s.end - s.start == 1 and last_country is not None and not own_state \
                    and (any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) or s.rule == "agent-if-state") \
                    and self._state_noun(head) and head.sent.start - last_country.start < DEFINITE_REACH:
                s = ActorSpan(s.start, s.end, last_country.actor, "definite-agent")
            if s.actor.kind == "COUNTRY" and not (furniture and furniture(doc[s.start].idx)):
                last_country = s  # "KABUL, July 1 (Reuters) -" names no state for "the army"
            out.append(s)
        return out

    def _militants(self, doc: Doc, tokens: list[Token]) -> list[tuple[Span, Actor, str]]:  # noqa: C901
        """'Uyghur separatists', 'Kurdish rebels': an armed group drawn from a people, not the people;
        'Uyghur rights groups', 'Kurdish exile groups': advocacy organisations, neither."""
        words = self.lex.words
        out = []
        for token in tokens:
            people = self.g.adjectives.get(token.lower_)
            country = self.g.demonyms.get(token.lower_) if people is None else None
            if people is None and country is None:
                continue
            head = token
            while head.dep_ in ("compound", "amod") and head.head.i > head.i and head.head.i - token.i <= 4:
                head = head.head
                lemma = head.lemma_.lower()
                between = {t.lemma_.lower() for t in doc[token.i + 1:head.i]} | {t.lower_ for t in doc[token.i + 1:head.i]}
                if lemma in words["organisation_nouns"] and between & words["advocacy_words"]:
                    out.append((doc[token.i:head.i + 1], make_actor(doc[token.i:head.i + 1].text, "ORG"), "advocacy"))
                    break
                armed = lemma in words["militant_nouns"] or (
                    lemma in words["organisation_nouns"] and between & words["militant_nouns"]) or (
                    lemma in words["armed_by_default_nouns"])
                if armed and people is not None:
                    actor = make_actor(f"{token.text[0].upper()}{token.text[1:]} militants", "ARMED_GROUP")
                    out.append((doc[token.i:head.i + 1], actor, "militants"))
                    break
                if people is None and lemma in words["organisation_nouns"] and between & words["militant_nouns"]:
                    # "Palestinian terrorist groups", "Syrian rebel factions": armed groups of that nation
                    span = doc[token.i:head.i + 1]
                    out.append((span, make_actor(span.text, "ARMED_GROUP"), "militants"))
                    break
                if people is None:
                    continue
        return out

    @staticmethod
    def _longest(found: list[tuple[Span, Actor, str]]) -> list[tuple[Span, Actor, str]]:
        # Armed-group readings win over the people they are drawn from, then longer spans win.
        rank = {"led": 5, "advocacy": 4, "gazetteer": 3, "militants": 2, "state-phrase": 1, "agent": 0, "agent-if-state": 0}
        by_span = {}
        for span, actor, rule in found:
            key = (span.start, span.end)
            if key not in by_span or rank[rule] > rank[by_span[key][2]]:
                by_span[key] = (span, actor, rule)
        kept = filter_spans([s for s, _, _ in by_span.values()])
        keep = {(s.start, s.end) for s in kept}
        return [v for k, v in by_span.items() if k in keep]

    def _named_after_people(self, ents: tuple[Span, ...],
                            chosen: list[tuple[Span, Actor, str]]) -> list[tuple[Span, Actor, str]]:
        """'the Baloch Liberation Army', 'the Kurdistan Democratic Party', 'Aslam Baloch': an
        organisation or a person the NER finds whose name holds a people's name is that
        organisation or person, not the people."""
        for ent in ents:
            # an organisation of three words or more, or a person's name ("Aslam Baloch")
            if not (ent.label_ == "ORG" and len(ent) >= 3 or ent.label_ == "PERSON" and len(ent) >= 2):
                continue
            inside = [c for c in chosen if ent.start <= c[0].start and c[0].end <= ent.end]
            if inside and all(c[1].kind == "PEOPLE" for c in inside) and \
                    not any(c[0].start < ent.start < c[0].end or c[0].start < ent.end < c[0].end for c in chosen):
                chosen = [c for c in chosen if c not in inside]
        return chosen

    def _entities(self, ents: tuple[Span, ...], covered: set[int]) -> list[tuple[Span, Actor, str]]:
        out = []
        for ent in ents:
            if any(i in covered for i in range(ent.start, ent.end)):
                continue
            span = ent
            while len(span) > 1 and span[0].lower_ in ("the", "a", "an"):
                span = span[1:]
            if span[-1].text in ("'s", "’s"):
                span = span[:-1]
            if not span.text.strip():
                continue
            if ent.label_ == "PERSON":
                span = self._whole_name(span, covered)
            actor = self.g.lookup(span.text)
            if actor is None and self._place(span):
                continue  # "Goma", "Lakki Marwat" tagged as a person or a body: a place
            if actor is None:
                actor = self._entity_actor(span, ent.label_)
            if actor is not None:
                out.append((span, actor, "ner"))
        return out

    def _whole_name(self, span: Span, covered: set[int]) -> Span:
        """'Mohammed bin Abdulrahman Al Thani': a name the NER cut before a particle and what follows."""
        doc, end = span.doc, span.end
        if doc[end - 1].text in QUOTES and end < len(doc) and doc[end].is_title and end not in covered:
            end += 1  # "Jimmy 'Barbecue'" + "Chérizier"
        while end + 1 < len(doc) and end not in covered and end + 1 not in covered and doc[end + 1].is_title and (
                doc[end].lower_.strip("-") in self.lex.words["name_particles"] or doc[end].text in QUOTES):
            # "... bin Abdulrahman Al Thani"; "Jimmy 'Barbecue' Chérizier", cut at the nickname's quote
            end += 2
            while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN" and end not in covered:
                end += 1
        return doc[span.start:end]

    def _place(self, span: Span) -> bool:
        """Whether an entity the gazetteer lacks is a place: a known city or province, or a name
        that only locates ("in Macomia", "near Tillabéri", "the town of Djibo")."""
        if normalise(span.text) in self.g.places:
            return True
        head = span.root.head
        if span.root.dep_ == "pobj" and head.lower_ in self.lex.words["place_prepositions"]:
            return not any(t.lower_ in self.lex.words["armed_name_words"] or t.lower_ in self.lex.words["media_name_words"]
                           or t.lower_ in self.lex.words["party_name_words"] for t in span)
        if span.root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in self.lex.words["place_nouns"]:
            return True
        if span.root.dep_ == "compound" and head.lemma_.lower() in self.lex.words["place_nouns"]:
            return True  # "Maungdaw township", "Khyber district"
        return False

    def _entity_actor(self, span: Span, label: str) -> Actor | None:
        if label == "PERSON":
            kept = [t for t in span if t.lower_.strip(".") not in self.lex.words["person_titles"]]
            if not kept:
                return None
            name = span.doc[kept[0].i:kept[-1].i + 1].text.strip(" ,")
            if not name or not any(c.isupper() for c in name) or "\n" in name:
                return None
            return make_actor(name, "PERSON")
        if label in ("ORG", "NORP") and self.g.demonyms.get(normalise(span.text)) is not None:
            return None  # "Ugandan" of "Ugandan agents": the state phrase reads it
        if label == "ORG" and all(t.lower_ in self.lex.words["person_titles"] or t.lemma_.lower() in
                                  self.lex.words["role_nouns"] or not t.is_alpha for t in span):
            return None  # "Defense" of "Defense Minister Wellington Koo"
        if label == "ORG" and any(t.is_title or t.is_upper for t in span) and "\n" not in span.text:
            if all(t.lower_ in self.g.demonyms or t.lower_ in self.g.adjectives or not t.is_title
                   for t in span[:-1]) and self._agent_of(span[-1]) is not None:
                return None  # "Kurdish fighters" tagged ORG: the agent rules read it
            return make_actor(span.text, self._org_kind(span))
        if label == "NORP" and span[-1].tag_ == "NNPS" or label == "NORP" and span.text.endswith("s"):
            return make_actor(span.text, "PEOPLE")
        return None

    def _org_kind(self, span: Span) -> str:
        """Give the kind of an organisation the gazetteer lacks from the words of its name
        ('Arakan Army', 'Polisario Front': armed groups; '... Party'; '... News Agency')."""
        words = self.lex.words
        lowers = {t.lower_ for t in span} | {t.lemma_.lower() for t in span}
        for kind, key in (("MEDIA", "media_name_words"), ("ARMED_GROUP", "armed_name_words"),
                          ("PARTY", "party_name_words"), ("COMPANY", "company_name_words")):
            if lowers & words[key]:
                return kind
        return "ORG"

    def _acronyms(self, doc: Doc, spans: list[ActorSpan]) -> list[ActorSpan]:
        """'the East Turkestan Islamic Movement (ETIM)': ETIM is that actor everywhere in the text."""
        ends = {s.end: s for s in spans}
        aliases: dict[str, Actor] = {}
        for i in ends:
            token = doc[i] if i < len(doc) else None
            if token is None or token.text != "(":
                continue
            inner = token.nbor(1) if token.i + 1 < len(doc) else None
            if inner is None or not inner.is_upper or len(inner.text) < 2:
                continue
            aliases.setdefault(inner.text, ends[token.i].actor)
        if not aliases:
            return spans
        taken = {i for s in spans for i in range(s.start, s.end)}
        extra = [ActorSpan(t.i, t.i + 1, aliases[t.text], "acronym") for t in doc
                 if t.text in aliases and t.i not in taken]
        # An acronym the NER read as something else is still the defined actor.
        fixed = [ActorSpan(s.start, s.end, aliases[doc[s.start:s.end].text], "acronym")
                 if s.end - s.start == 1 and doc[s.start].text in aliases and s.rule == "ner" else s for s in spans]
        return fixed + extra

    def _surnames(self, doc: Doc, spans: list[ActorSpan]) -> list[ActorSpan]:
        """A person named in full, then by surname alone, is one actor (the most recent namesake)."""
        spans.sort(key=lambda s: s.start)
        full: dict[str, Actor] = {}
        out = []
        for s in spans:
            a = s.actor
            if a.kind == "PERSON":
                parts = a.name.split()
                if len(parts) == 1 and parts[0].lower() in full:
                    s = ActorSpan(s.start, s.end, full[parts[0].lower()], "surname")
                elif len(parts) > 1:
                    for p in parts[1:]:  # surnames, and a nickname in quotes ("Jimmy 'Barbecue' Chérizier")
                        full[p.strip("'’‘\"”“").lower()] = a
                    full[a.name.lower()] = a
            elif s.rule == "ner" and s.end - s.start == 1 and doc[s.start].lower_ in full:
                s = ActorSpan(s.start, s.end, full[doc[s.start].lower_], "surname")  # "Barbecue" read as a body
            out.append(s)
        # Surnames the NER missed ("Essid", "Zhao") when the person was named in full before.
        if not full:
            return out
        taken = {i for s in out for i in range(s.start, s.end)}
        for token in doc:
            a = full.get(token.lower_)
            if a is not None and token.i not in taken and token.is_title and token.pos_ == "PROPN":
                out.append(ActorSpan(token.i, token.i + 1, a, "surname"))
        return out
