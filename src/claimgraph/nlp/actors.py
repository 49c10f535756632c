"""Finding the actors a document names, and resolving arguments of a relation to them.

Sources of mentions, strongest first: the gazetteer (longest match), phrases where a demonym
stands for its state ("Pakistani police"), a people's adjective before a militant noun ("Uyghur
separatists" is an armed group, not the Uyghurs), spaCy's named entities, acronyms defined in
the text ("... Movement (ETIM)"), and surnames of people named in full earlier.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from claimgraph.nlp.lexicon import Lexicon
from claimgraph.records import Actor
from claimgraph.resolve.canonical import Gazetteer, make_actor
from claimgraph.resolve.names import normalise

ARG_MODIFIERS = ("poss", "compound", "amod", "nmod")
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

    # ---- mentions --------------------------------------------------------------------------

    def find(self, doc: Doc) -> ActorIndex:
        """Give every actor mention of `doc`."""
        found: list[tuple[Span, Actor, str]] = []
        for _, start, end in self.matcher(doc):
            span = doc[start:end]
            actor = self._gazetteer_actor(span)
            if actor is not None:
                found.append((span, actor, "gazetteer"))
        found.extend(self._state_phrases(doc))
        found.extend(self._militants(doc))
        chosen = self._longest(found)
        covered = {i for s, _, _ in chosen for i in range(s.start, s.end)}
        chosen.extend(self._entities(doc, covered))
        spans = [ActorSpan(s.start, s.end, a, r) for s, a, r in chosen]
        spans = self._acronyms(doc, spans)
        return ActorIndex(doc, self._surnames(doc, spans))

    def _gazetteer_actor(self, span: Span) -> Actor | None:
        text = span.text
        exact = self.exact.get(text.lower())
        if exact is not None and text not in exact:
            return None  # "us" is not "US"
        first = span[0]
        actor = self.g.lookup(text)
        if actor is None:
            return None
        alias_lower = any(n == n.lower() and normalise(n) == normalise(text) for n in self.g.surface[actor.name])
        if not alias_lower and not (first.is_title or first.is_upper or not first.is_alpha):
            return None  # "west of the city", "chad" as a word: names are capitalised
        if actor.kind == "COUNTRY" and span[0].ent_type_ == "PERSON" and len(span) == 1:
            return None  # "Jordan Peterson"
        return actor

    def _state_phrases(self, doc: Doc) -> list[tuple[Span, Actor, str]]:
        """'Pakistani police', 'Afghan security forces', 'Chinese Foreign Ministry': the state."""
        out = []
        for token in doc:
            country = self.g.demonyms.get(token.lower_)
            if country is None and token.is_title:
                named = self.g.lookup(token.text)
                country = named if named is not None and named.kind == "COUNTRY" else None
            if country is None or token.dep_ not in ("amod", "compound", "nmod", "conj"):
                continue
            head = token.head
            while head.dep_ == "conj" and token.dep_ == "conj" and head.head.i > head.i:
                head = head.head
            if token.dep_ == "conj":
                head = token.head.head
            if head.i > token.i and head.lemma_.lower() in self.lex.words["institution_nouns"]:
                out.append((doc[token.i:head.i + 1], country, "state-phrase"))
        return out

    def _militants(self, doc: Doc) -> list[tuple[Span, Actor, str]]:
        """'Uyghur separatists', 'Kurdish rebels': an armed group drawn from a people, not the people."""
        out = []
        for token in doc:
            people = self.g.adjectives.get(token.lower_)
            demonym = self.g.demonyms.get(token.lower_)
            if people is None and demonym is None:
                continue
            head = token
            while head.dep_ in ("compound", "amod") and head.head.i > head.i and head.head.i - token.i <= 4:
                head = head.head
                if head.lemma_.lower() in self.lex.words["militant_nouns"]:
                    actor = make_actor(f"{token.text[0].upper()}{token.text[1:]} militants", "ARMED_GROUP")
                    out.append((doc[token.i:head.i + 1], actor, "militants"))
                    break
        return out

    @staticmethod
    def _longest(found: list[tuple[Span, Actor, str]]) -> list[tuple[Span, Actor, str]]:
        # Armed-group readings win over the people they are drawn from, then longer spans win.
        rank = {"militants": 2, "state-phrase": 1, "gazetteer": 0}
        by_span = {}
        for span, actor, rule in found:
            key = (span.start, span.end)
            if key not in by_span or rank[rule] > rank[by_span[key][2]]:
                by_span[key] = (span, actor, rule)
        kept = filter_spans([s for s, _, _ in by_span.values()])
        keep = {(s.start, s.end) for s in kept}
        return [v for k, v in by_span.items() if k in keep]

    def _entities(self, doc: Doc, covered: set[int]) -> list[tuple[Span, Actor, str]]:
        out = []
        for ent in doc.ents:
            if any(i in covered for i in range(ent.start, ent.end)):
                continue
            span = ent
            while len(span) > 1 and span[0].lower_ in ("the", "a", "an"):
                span = span[1:]
            if span[-1].text in ("'s", "’s"):
                span = span[:-1]
            if not span.text.strip():
                continue
            actor = self.g.lookup(span.text)
            if actor is None:
                actor = self._entity_actor(span, ent.label_)
            if actor is not None:
                out.append((span, actor, "ner"))
        return out

    def _entity_actor(self, span: Span, label: str) -> Actor | None:
        if label == "PERSON":
            kept = [t for t in span if t.lower_.strip(".") not in self.lex.words["person_titles"]]
            if not kept:
                return None
            name = span.doc.text[kept[0].idx:kept[-1].idx + len(kept[-1])].strip(" ,")
            if not name or not any(c.isupper() for c in name):
                return None
            return make_actor(name, "PERSON")
        if label == "ORG" and span[0].is_title or label == "ORG" and span[0].is_upper:
            return make_actor(span.text, "ORG")
        if label == "NORP" and span[-1].tag_ == "NNPS" or label == "NORP" and span.text.endswith("s"):
            return make_actor(span.text, "PEOPLE")
        return None

    def _acronyms(self, doc: Doc, spans: list[ActorSpan]) -> list[ActorSpan]:
        """'the East Turkestan Islamic Movement (ETIM)': ETIM is that actor everywhere in the text."""
        ends = {s.end: s for s in spans}
        aliases: dict[str, Actor] = {}
        for token in doc:
            if token.text != "(" or token.i not in ends:
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
                    for p in parts[1:]:
                        full[p.lower()] = a
                    full[a.name.lower()] = a
            out.append(s)
        # Surnames the NER missed ("Essid", "Zhao") when the person was named in full before.
        taken = {i for s in out for i in range(s.start, s.end)}
        for token in doc:
            if token.i in taken or not token.is_title or token.pos_ != "PROPN":
                continue
            a = full.get(token.lower_)
            if a is not None:
                out.append(ActorSpan(token.i, token.i + 1, a, "surname"))
        return out
