"""The rules that find a party from how news prose names groups: states behind their agents and
institutions ("Pakistani police", "the Myanmar army base", "Iranian state media"), generic agents
("gunmen", "Chinese nationals", "opposition supporters"), armed groups drawn from a people ("Uyghur
militants") apart from advocacy groups ("Uyghur rights groups"), bodies named by their leader ("the
Saudi-led coalition"), and "the troops" as the state last named. A mixin of the ActorFinder."""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from claimgraph.nlp.lexicon import Lexicon
from claimgraph.nlp.spans import ARG_MODIFIERS, DEFINITE_REACH, ActorSpan
from claimgraph.records import Actor
from claimgraph.resolve.canonical import Agent, Gazetteer, make_actor


class GroupRules:
    """Group-naming rules over the gazetteer `g` and lexicon `lex` of an ActorFinder."""

    g: Gazetteer
    lex: Lexicon
    demonym_tails: frozenset[str]
    agent_heads: frozenset[str]

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
            named_by = (next((c for c in reversed(mods) if self._demonym(c) is not None), None)
                        if country is not None else norp)
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
                    and (any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
                         or s.rule == "agent-if-state") \
                    and self._state_noun(head) and head.sent.start - last_country.start < DEFINITE_REACH:
                s = ActorSpan(s.start, s.end, last_country.actor, "definite-agent")
            if s.actor.kind == "COUNTRY" and not (furniture and furniture(doc[s.start].idx)):
                last_country = s  # "KABUL, July 1 (Reuters) -" names no state for "the army"
            out.append(s)
        return out

    def _militants(self, doc: Doc, tokens: list[Token]) -> list[tuple[Span, Actor, str]]:
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
                between = ({t.lemma_.lower() for t in doc[token.i + 1:head.i]}
                           | {t.lower_ for t in doc[token.i + 1:head.i]})
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
