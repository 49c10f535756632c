"""From a Document to its claims: parse, find actors, read relations, attribute, date."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Doc, Span, Token

from claimgraph.data import data_hash
from claimgraph.nlp.actors import ActorFinder
from claimgraph.nlp.affiliations import affiliations
from claimgraph.nlp.arguments import resolve
from claimgraph.nlp.attribution import UNNAMED, find_quotes, speaker_of
from claimgraph.nlp.boilerplate import boilerplate_ranges
from claimgraph.nlp.context import DocContext
from claimgraph.nlp.dates import claim_date, document_dates
from claimgraph.nlp.lexicon import load_lexicon
from claimgraph.nlp.modality import hedged, negation
from claimgraph.nlp.pipeline import load_pipeline
from claimgraph.nlp.quantities import quantity_of
from claimgraph.nlp.reading import Found
from claimgraph.nlp.relations import read_relations
from claimgraph.nlp.spans import ActorSpan
from claimgraph.nlp.syntax import child, subject_of
from claimgraph.ontology import QUAD, SYMMETRIC
from claimgraph.records import Actor, Claim, Document, Evidence, Mention
from claimgraph.resolve.canonical import load_gazetteer
from claimgraph.resolve.names import valid_unicode

EXTRACTOR_VERSION = "3"  # bump when extraction code changes; data changes are caught by the hash below
# Everything extraction reads: lexicon, word lists, names and gazetteer.
EXTRACTION_DATA = ("claimgraph.nlp.lexicon", "claimgraph.nlp.lexicon.derived", "claimgraph.data:names.yaml",
                   "claimgraph.data:actors.yaml", "claimgraph.data:countries.yaml", "claimgraph.data:agents.yaml",
                   "claimgraph.data.derived")
CHUNK_CHARS = 20_000  # longer texts are read in pieces of at most this size (a long news report)
DENIAL_LOOKBACK = 3  # sentences before a bare denial whose claims it denies
NOT_DENIABLE = frozenset({"ACCUSE", "AFFILIATE", "REJECT"})
# Ties the target can deny as well as the source: "Azerbaijan has denied those reports" (of Turkish help).
RECEIVED = SYMMETRIC | {"AID", "SUPPORT"}
# Types whose act is the saying itself (PLOVER's verbal quad classes): "Iran warned that it would
# retaliate" is Iran's threat and "Turkey reiterated its support" Turkey's support, told in the
# report's voice, not claims the actor makes about itself.
SPEECH_ACTS = frozenset(t for t, quad in QUAD.items() if quad.startswith("verbal")) - {"CONSULT"}  # a meeting is done


@dataclass(frozen=True, slots=True)
class Extraction:
    document: Document
    mentions: tuple[Mention, ...]
    claims: tuple[Claim, ...]


def version_of(extractor: Extractor) -> str:
    """Give the version string recorded with stored claims: extractor code, the hash of the data it
    reads, and the pipeline's name and version. A store re-extracts a report when any of them changes."""
    meta = extractor.nlp.meta
    return (f"claimgraph-extract-{EXTRACTOR_VERSION}+{data_hash(*EXTRACTION_DATA)}"
            f"/{meta.get('name')}-{meta.get('version')}")


class Extractor:
    """Reads claims out of documents with one spaCy pipeline and the shipped lexicon."""

    _cache: dict[str, Extractor] = {}

    def __init__(self, nlp, model_name: str) -> None:
        self.nlp = nlp
        self.model_name = model_name
        self.lex = load_lexicon()
        self.gaz = load_gazetteer()
        self.finder = ActorFinder(nlp.vocab, nlp.make_doc, self.gaz, self.lex)

    @classmethod
    def load(cls, model: str) -> Extractor:
        if model not in cls._cache:
            cls._cache[model] = cls(load_pipeline(model), model)
        return cls._cache[model]

    def extract(self, document: Document) -> Extraction:
        (result,) = self.pipe([document])
        if isinstance(result, Exception):
            raise result
        return result

    def pipe(self, documents: Iterable[Document], *, batch_size: int = 16) -> Iterator[Extraction | Exception]:
        """Give each document's Extraction, or the exception that reading it raised. A text longer
        than CHUNK_CHARS is read in pieces cut between paragraphs, so memory stays bounded and
        spaCy's length limit is never reached; the pieces' offsets are put back into the text's."""
        limit = min(CHUNK_CHARS, self.nlp.max_length - 1)
        pieces = ((valid_unicode(piece.text), (document, offset, last)) for document in documents
                  for offset, piece, last in _pieces(document, limit))
        done: list[Extraction] = []
        failed: Exception | None = None
        for doc, (document, offset, last) in self.nlp.pipe(pieces, as_tuples=True, batch_size=batch_size):
            try:
                if failed is None:
                    done.append(_shifted(self.read(replace(document, text=doc.text), doc), offset))
            except Exception as e:  # a document that breaks a rule never stops the batch
                failed = e
            if last:
                yield failed if failed is not None else _joined(document, done)
                done, failed = [], None

    def read(self, document: Document, doc: Doc) -> Extraction:
        """Give the mentions and claims of an already parsed document."""
        return read_claims(document, doc, self.finder, model=self.model_name)


def _pieces(document: Document, limit: int) -> Iterator[tuple[int, Document, bool]]:
    """Give (offset, piece, is last) for a document: itself when short enough, else pieces of at
    most `limit` characters ending at a paragraph break (a line break, a sentence end, a space
    when there is none)."""
    text = document.text
    if len(text) <= limit:
        yield 0, document, True
        return
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            window = text[start + limit // 2:end]  # cut in the second half of the piece
            cut = -1
            for mark in ("\n\n", "\n", ". ", " "):
                found = window.rfind(mark)
                if found >= 0:
                    cut = found + len(mark)
                    break
            end = start + limit // 2 + cut if cut > 0 else end
        yield start, replace(document, text=text[start:end]), end >= len(text)
        start = end


def _shifted(extraction: Extraction, offset: int) -> Extraction:
    """Give an extraction of a piece with its offsets counted from the start of the whole text."""
    if not offset:
        return extraction
    mentions = tuple(replace(m, start=m.start + offset, end=m.end + offset) for m in extraction.mentions)
    claims = tuple(replace(c, evidence=replace(c.evidence, start=c.evidence.start + offset,
                                               end=c.evidence.end + offset),
                           cue_span=None if c.cue_span is None else (c.cue_span[0] + offset, c.cue_span[1] + offset))
                   for c in extraction.claims)
    return Extraction(extraction.document, mentions, claims)


def _joined(document: Document, parts: list[Extraction]) -> Extraction:
    if len(parts) == 1:
        return Extraction(document, parts[0].mentions, parts[0].claims)
    return Extraction(document, tuple(m for p in parts for m in p.mentions),
                      tuple(_unique([c for p in parts for c in p.claims])))


def read_claims(document: Document, doc: Doc, finder: ActorFinder, *, model: str | None = None) -> Extraction:
    """Give the actor mentions and claims of a parsed document (a pure function of its input)."""
    lowers = [t.lower_ for t in doc]
    lemmas = [t.lemma_.lower() for t in doc]
    ranges = boilerplate_ranges(doc.text, finder.lex, title=document.title)
    furniture = _inside(ranges)
    ctx = DocContext(doc=doc, actors=finder.find(doc, lowers=lowers, lemmas=lemmas, furniture=furniture),
                     lex=finder.lex, gaz=finder.g, lemmas=lemmas, lowers=lowers)
    sents = [s for s in doc.sents if not furniture(s.start_char)]
    # Affiliations first: "we" in a spokesman's quote is his organisation.
    ties = {sent.start: list(affiliations(sent, ctx)) for sent in sents}
    for found in (f for fs in ties.values() for f in fs):
        for person in found.sources:
            if person.kind == "PERSON":
                ctx.affiliation.setdefault(person.id, found.targets[0])
    ctx.quotes = find_quotes(ctx)
    ctx.resolved.clear()  # "we" in a quotation is read anew now that the quotations are known
    claims: list[Claim] = []
    seen: dict = {}
    by_sentence = document_dates(doc)
    for sent in sents:
        dates = by_sentence.get(sent.start, [])
        for found in (*read_relations(sent, ctx), *ties[sent.start]):
            claims.extend(_claims(found, sent, dates, document, ctx, model, seen))
    claims.extend(_denials(sents, claims, by_sentence, document, ctx, model))
    text = doc.text  # built anew on each access: read once
    mentions = tuple(_mention(document.name, doc, text, s) for s in ctx.actors.spans
                     if not furniture(doc[s.start].idx))  # furniture names no actor
    return Extraction(document, mentions, tuple(_unique(claims)))


def _mention(name: str, doc: Doc, text: str, span: ActorSpan) -> Mention:
    start, last = doc[span.start].idx, doc[span.end - 1]
    end = last.idx + len(last)
    return Mention(name, span.actor, start, end, text[start:end], span.rule)


def _inside(ranges: list[tuple[int, int]]) -> Callable[[int], bool]:
    """Give a test of whether a character offset falls in one of the ranges (merged, then bisected)."""
    merged: list[list[int]] = []
    for a, b in sorted(ranges):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _ in merged]

    def test(char: int) -> bool:
        i = bisect_right(starts, char) - 1
        return i >= 0 and char < merged[i][1]
    return test


def _evidence(sent: Span) -> Evidence:
    text = sent.text
    stripped = text.strip()
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return Evidence(start, start + len(stripped), stripped)


def _claims(found: Found, sent: Span, dates, document: Document, ctx: DocContext,
            model: str | None, seen: dict) -> Iterator[Claim]:
    trigger = found.trigger
    key = (trigger.i, found.naming, found.negation_at.i if found.negation_at is not None else None,
           found.speaker_above.i if found.speaker_above is not None else None, found.speaker)
    if key not in seen:  # frames of one cue share what is read around it, cues of a sentence its span
        if sent.start not in seen:
            seen[sent.start] = _evidence(sent)
        seen[key] = _context(found, ctx, dates, sent, seen[sent.start])
    negated, speaker, is_hedged, date, quantity, evidence = seen[key]
    for source in found.sources:
        for target in found.targets:
            if source == target:
                continue
            yield Claim(doc=document.name, source=source, type=found.type, target=target, evidence=evidence,
                        negated=negated,
                        speaker=speaker if speaker != source or found.type not in SPEECH_ACTS else None,
                        hedged=is_hedged, date=date, cue=trigger.text,
                        cue_span=(trigger.idx, trigger.idx + len(trigger)), quantity=quantity, rule=found.rule,
                        model=model)


def _context(found: Found, ctx: DocContext, dates, sent: Span, evidence: Evidence) -> tuple:
    """Give (negated, speaker, hedged, date, quantity, evidence) of a relation read at a cue."""
    trigger = found.trigger
    negated, denier = (False, None) if found.naming else negation(found.negation_at or trigger, ctx)
    if denier is not None:
        speaker, hedge_verb = _denier(denier, ctx), False
    elif found.speaker is not None:
        speaker, hedge_verb = found.speaker, False
    elif found.naming:
        speaker, hedge_verb = None, False  # a title or apposition is the report's own naming
    else:
        speaker, hedge_verb = speaker_of(trigger, ctx, above=found.speaker_above)
    return (negated, speaker, hedge_verb or hedged(trigger, ctx), claim_date(trigger, dates), quantity_of(trigger),
            evidence)


def _denier(verb, ctx: DocContext) -> Actor | None:
    subject = subject_of(verb)
    if subject is None:
        return None
    found = resolve(subject, ctx, conj=False)
    return found[0] if found else None


def _denials(sents: list[Span], claims: list[Claim], by_sentence: dict[int, list[tuple[int, str]]],
             document: Document, ctx: DocContext, model: str | None) -> Iterator[Claim]:
    """'China rejected the allegations': the claims just reported that involve China, denied by China."""
    words = ctx.lex.words
    for n, sent in enumerate(sents):
        for i in range(sent.start, sent.end):
            if ctx.lemmas[i] not in words["denial_verbs"]:
                continue
            token = ctx.doc[i]
            if token.pos_ != "VERB":
                continue
            obj = child(token, "dobj")
            if obj is None or not (obj.lemma_.lower() in words["denial_objects"]
                                   or obj.lower_ in words["denial_objects"]):
                continue
            detailed = child(obj, "prep") is not None  # "the claims of cross-border raids": their content given
            subject = subject_of(token)
            deniers = resolve(subject, ctx, conj=False) if subject is not None else []
            if not deniers:
                continue
            denier = deniers[0]
            # a spokesman or minister denies for the body he speaks for
            sides = {denier, ctx.affiliation.get(denier.id, denier)}
            window = {s.start_char for s in sents[max(0, n - DENIAL_LOOKBACK):n]}
            if not any(c.evidence.start in window and sides & {c.source, c.target} for c in claims):
                # "Venezuela's foreign minister rejected the claims", said paragraphs after them: the
                # latest sentence before that someone else's claims about the denier's side come from
                spoken = [c.evidence.start for c in claims if c.evidence.start < sent.start_char
                          and c.speaker is not None and c.speaker not in sides and sides & {c.source, c.target}]
                window = {max(spoken)} if spoken else set()
            accusers = set() if detailed else {
                c.source for c in claims if c.evidence.start in window and c.type == "ACCUSE"
                and c.target in sides and not c.negated}
            accusers |= set() if detailed else {
                c.speaker for c in claims if c.evidence.start in window and c.speaker is not None
                and c.speaker.kind != "SOURCE" and sides & {c.source, c.target} and not c.negated}
            # "denied the Islamic State claim", "rejected Russia's accusations": the one who made it
            accusers |= {a for m in obj.children if m.dep_ in ("poss", "compound") for a in resolve(m, ctx, conj=False)}
            def said(*, token: Token = token, sent: Span = sent, **parts: Any) -> Claim:
                return Claim(doc=document.name, evidence=_evidence(sent), hedged=False, cue=token.text,
                             date=claim_date(token, by_sentence.get(sent.start, [])), rule="denial",
                             cue_span=(token.idx, token.idx + len(token)), model=model, **parts)
            for accuser in accusers - sides:
                # "Rwanda accused Burundi of ... Bujumbura denied the allegations": Burundi rejects Rwanda;
                # "al-Shabab said it killed 66 Kenyans. Kenya denied it": Kenya rejects al-Shabab
                yield said(source=denier, type="REJECT", target=accuser, negated=False, speaker=None)
            if detailed:
                continue
            for c in claims:
                # a denier denies what it is said to have done, or a tie it is said to have, in the
                # sentences before or earlier in its own ("X, which is accused of arming Y, denies this")
                earlier = c.evidence.start in window or (c.cue_span is not None
                                                         and sent.start_char <= c.cue_span[0] < token.idx)
                if earlier and not c.negated and c.type not in NOT_DENIABLE \
                        and (c.source in sides or (c.target in sides and c.type in RECEIVED)):
                    yield said(source=c.source, type=c.type, target=c.target, negated=True, speaker=denier)


def _unique(claims: list[Claim]) -> Iterator[Claim]:
    seen = set()
    for c in claims:
        key = (c.source.id, c.type, c.target.id, c.negated, c.speaker.id if c.speaker else None, c.evidence.start)
        if key not in seen:
            seen.add(key)
            yield c


__all__ = ["UNNAMED", "Extraction", "Extractor", "read_claims", "version_of"]
