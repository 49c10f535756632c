"""Finding the actors a document names, and resolving arguments of a relation to them.

Sources of mentions, strongest first: the gazetteer (longest match), phrases where a demonym
stands for its state ("Pakistani police"), a people's adjective before a militant noun ("Uyghur
separatists" is an armed group, not the Uyghurs), spaCy's named entities, acronyms defined in
the text ("... Movement (ETIM)"), and surnames of people named in full earlier. The rules for
groups named by what they are (agents, state phrases, militants) are in nlp/groups.py.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from claimgraph.nlp.groups import GroupRules
from claimgraph.nlp.lexicon import Lexicon
from claimgraph.nlp.spans import QUOTES, ActorIndex, ActorSpan
from claimgraph.records import Actor
from claimgraph.resolve.canonical import Gazetteer, make_actor
from claimgraph.resolve.names import normalise


class ActorFinder(GroupRules):
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

    @staticmethod
    def _longest(found: list[tuple[Span, Actor, str]]) -> list[tuple[Span, Actor, str]]:
        # Armed-group readings win over the people they are drawn from, then longer spans win.
        rank = {"led": 5, "advocacy": 4, "gazetteer": 3, "militants": 2, "state-phrase": 1, "agent": 0,
                "agent-if-state": 0}
        by_span: dict[tuple[int, int], tuple[Span, Actor, str]] = {}
        for span, actor, rule in found:
            key = (span.start, span.end)
            if key not in by_span or rank[rule] > rank[by_span[key][2]]:
                by_span[key] = (span, actor, rule)
        kept = filter_spans([s for s, _, _ in by_span.values()])
        keep = {(s.start, s.end) for s in kept}
        return [v for k, v in by_span.items() if k in keep]

    def _named_after_people(self, ents: Sequence[Span],
                            chosen: list[tuple[Span, Actor, str]]) -> list[tuple[Span, Actor, str]]:
        """'the Baloch Liberation Army', 'the Kurdistan Democratic Party', 'Aslam Baloch': an
        organisation or a person the NER finds whose name holds a people's name is that
        organisation or person, not the people."""
        for ent in ents:
            # an organisation of three words or more, or a person's name ("Aslam Baloch")
            if not ((ent.label_ == "ORG" and len(ent) >= 3) or (ent.label_ == "PERSON" and len(ent) >= 2)):
                continue
            inside = [c for c in chosen if ent.start <= c[0].start and c[0].end <= ent.end]
            if inside and all(c[1].kind == "PEOPLE" for c in inside) and \
                    not any(c[0].start < ent.start < c[0].end or c[0].start < ent.end < c[0].end for c in chosen):
                chosen = [c for c in chosen if c not in inside]
        return chosen

    def _entities(self, ents: Sequence[Span], covered: set[int]) -> list[tuple[Span, Actor, str]]:
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
            if actor is None and self._not_a_party(span):
                continue
            if actor is None:
                actor = self._entity_actor(span, ent.label_)
            if actor is not None:
                out.append((span, actor, "ner"))
        return out

    def _not_a_party(self, span: Span) -> bool:
        """A file format, a time zone or a unit the NER took for a body ("PDF", "GMT"); a platform
        a statement was made on ("said on Telegram", "posted via X"), not a party to anything."""
        name = span.text.lower()
        if name in self.lex.words["non_actor_names"]:
            return True
        return (name in self.lex.words["channel_names"] and span.root.dep_ == "pobj"
                and span.root.head.lower_ in self.lex.words["channel_prepositions"])

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
            return not any(t.lower_ in self.lex.words["armed_name_words"]
                           or t.lower_ in self.lex.words["media_name_words"]
                           or t.lower_ in self.lex.words["party_name_words"] for t in span)
        if (span.root.dep_ == "pobj" and head.lower_ == "of"
                and head.head.lemma_.lower() in self.lex.words["place_nouns"]):
            return True
        # "Maungdaw township", "Khyber district"
        return span.root.dep_ == "compound" and head.lemma_.lower() in self.lex.words["place_nouns"]

    def _entity_actor(self, span: Span, label: str) -> Actor | None:
        if label == "PERSON":
            kept = [t for t in span if t.lower_.strip(".") not in self.lex.words["person_titles"]]
            if not kept:
                return None
            name = span.doc[kept[0].i:kept[-1].i + 1].text.strip(" ,")
            if not name or not any(c.isupper() for c in name) or "\n" in name or self._acronym(span):
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
            outlet = self.g.outlets.get(normalise(span.text))
            if outlet is not None:  # "DW", "the Washington Post": a news outlet, under its one name
                return make_actor(outlet, "MEDIA")
            return make_actor(span.text, self._org_kind(span))
        if (label == "NORP" and span[-1].tag_ == "NNPS") or (label == "NORP" and span.text.endswith("s")):
            return make_actor(span.text, "PEOPLE")
        return None

    @staticmethod
    def _acronym(span: Span) -> bool:
        """Whether a 'person' is one word in capitals in a sentence that is not all capitals: an acronym
        the NER took for a name ("CPEC", "NADRA"), which is no person."""
        word = span.text.strip(" ,.")
        if len(span) != 1 or len(word) < 3 or not word.isupper():
            return False
        return any(t.is_alpha and not t.is_upper for t in span.sent)

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
            known = full.get(token.lower_)
            if known is not None and token.i not in taken and token.is_title and token.pos_ == "PROPN":
                out.append(ActorSpan(token.i, token.i + 1, known, "surname"))
        return out
