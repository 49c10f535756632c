"""Who says a claim: quotations, reported speech, 'according to', the innermost named source."""
from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Span, Token

from claimgraph.nlp.arguments import resolve
from claimgraph.nlp.context import DocContext, Quote
from claimgraph.nlp.syntax import agent_of, child, is_passive, subject_child, subject_of
from claimgraph.records import Actor
from claimgraph.resolve.canonical import make_actor

COMPLEMENTS = ("ccomp", "parataxis", "xcomp", "advcl", "dobj", "conj", "pcomp", "csubj", "acl")
MIN_QUOTE_WORDS = 4  # shorter quoted bits are scare quotes ("harboring"), not quotations
UNNAMED = make_actor("unnamed sources", "SOURCE")
_OPEN, _CLOSE = "“", "”"


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Give the character spans of quotations, joining a quote that runs over paragraphs.

    Newsroom style leaves a quote open at the end of a paragraph when the next paragraph goes on
    quoting the same person and opens again with a quotation mark.
    """
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == _OPEN or c == '"':
            closer = _CLOSE if c == _OPEN else '"'
            j = i + 1
            start = j
            while j < n:
                if text[j] == closer:
                    break
                if (text[j] == "\n" and text[j:j + 2] == "\n\n") or (text[j] == "\n" and closer == '"'):
                    # paragraph ends inside the quote: go on if the next paragraph reopens it
                    k = j
                    while k < n and text[k] in "\n \t":
                        k += 1
                    if k < n and text[k] == c:
                        j = k + 1
                        continue
                    break
                j += 1
            spans.append((start, j))
            i = j + 1
        else:
            i += 1
    return [(s, e) for s, e in spans if len(text[s:e].split()) >= MIN_QUOTE_WORDS]


def find_quotes(ctx: DocContext) -> list[Quote]:
    """Give the quotations of a document with the speaker each is attributed to."""
    doc = ctx.doc
    out: list[Quote] = []
    spans = quote_spans(doc.text)
    if not spans:
        return out
    all_sents = list(doc.sents)
    ends = [s.end_char for s in all_sents]
    for start, end in spans:
        speaker = None
        first = bisect_left(ends, start - 2)  # sentences ending before the quote cannot hold its verb
        sents = _sentences_around(all_sents[first:], start, end)
        for sent in sents:
            verb = _speech_verb_outside(sent, start, end, ctx)
            if verb is not None:
                speaker = subject_speaker(verb, ctx, inside_quote=False)
                if speaker is not None:
                    break
        out.append(Quote(start, end, speaker))
    return out


def _sentences_around(sentences: list[Span], start: int, end: int) -> list[Span]:
    out = []
    for sent in sentences:
        if sent.end_char < start - 2:
            continue
        if sent.start_char > end + 200:
            break
        # the sentence holding the opening mark, the one holding the closing mark, and the one after
        if sent.start_char <= start <= sent.end_char + 2 or sent.start_char <= end <= sent.end_char + 2 \
                or (end < sent.start_char <= end + 3):
            out.append(sent)
    return out


def _speech_verb_outside(sent: Span, start: int, end: int, ctx: DocContext) -> Token | None:
    best = None
    for t in sent:
        if (start <= t.idx < end or t.lemma_.lower() not in ctx.lex.words["speech_verbs"]
                or t.pos_ not in ("VERB", "AUX")):
            continue
        distance = min(abs(t.idx - start), abs(t.idx - end))
        if best is None or distance < best[0]:
            best = (distance, t)
    return best[1] if best else None


def subject_speaker(verb: Token, ctx: DocContext, *, inside_quote: bool) -> Actor | None:
    """Give who speaks through a speech verb: its subject (or passive agent), named or not."""
    subj = subject_child(verb, "nsubj", "nsubjpass")
    if subj is None and verb.dep_ in ("pcomp", "xcomp", "conj", "advcl"):
        governor = verb.head.head if verb.dep_ == "pcomp" else verb.head
        subj = child(governor, "nsubj", "nsubjpass")
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        obj = child(agent, "pobj")
        if obj is not None:
            subj = obj
    if subj is None:
        return None if inside_quote else UNNAMED
    if subj.lower_ == "it" and child(verb, "auxpass") is not None:
        return None if inside_quote else UNNAMED  # "it is believed", "it was reported"
    found = resolve(subj, ctx, conj=False)
    if found:
        return found[0]
    return unnamed_source(subj, ctx)


def unnamed_source(token: Token, ctx: DocContext) -> Actor | None:
    """'western intelligence sources', 'security experts': a source named only by what it is."""
    if token.lemma_.lower() not in ctx.lex.words["source_nouns"]:
        return UNNAMED if token.pos_ in ("NOUN", "PROPN") else None
    left = [t for t in token.subtree if (t.i <= token.i and t.dep_ not in ("det", "punct", "predet")
            and t.pos_ not in ("DET", "NUM")) or t.i == token.i]
    words = [t.text for t in left if t.i >= token.left_edge.i and t.pos_ != "DET"]
    name = re.sub(r"\s+", " ", " ".join(words)).strip()
    return make_actor(name or token.text, "SOURCE")


def according_to(token: Token, ctx: DocContext) -> Actor | None:
    """Give X of an 'according to X' attached to `token`."""
    for c in token.children:
        if c.dep_ == "prep" and c.lower_ == "according":
            to = next((t for t in c.children if t.lower_ == "to"), None)
            obj = child(to, "pobj") if to is not None else None
            if obj is not None:
                found = resolve(obj, ctx, conj=False)
                return found[0] if found else unnamed_source(obj, ctx)
    return None


def speaker_of(trigger: Token, ctx: DocContext, *, above: Token | None = None) -> tuple[Actor | None, bool]:
    """Give (speaker, hedged) of a claim whose cue is `trigger`: the innermost source that
    attributes it. `above` starts the search at that token instead (for claims whose cue is
    itself a speech verb). Hedged is true when the attributing verb hedges ("believe", "allege")."""
    words = ctx.lex.words
    tok = above or trigger
    for _ in range(30):
        found = according_to(tok, ctx)
        if found is not None:
            return found, False
        head = tok.head
        if head.i == tok.i:
            break
        lemma = head.lemma_.lower()
        if lemma in words["speech_verbs"] and tok.dep_ in COMPLEMENTS and head.pos_ in ("VERB", "AUX") \
                and not (tok.dep_ == "conj" and tok.pos_ not in ("VERB", "AUX")):
            if tok.dep_ in ("dobj", "conj") and lemma in words["performative_verbs"]:
                tok = head  # "announcing its own sanctions": the announcement is the act, not a source
                continue
            q = ctx.quote_at(head.idx)
            speaker = subject_speaker(head, ctx, inside_quote=q is not None)
            outer = head.head
            if (speaker is not None and speaker.kind in ("MEDIA", "SOURCE") and head.dep_ in COMPLEMENTS
                    and outer.i != head.i and outer.lemma_.lower() in words["speech_verbs"]):
                # "Kim said the launches were a warning, KCNA reported": the one quoted speaks
                relayed = subject_speaker(outer, ctx, inside_quote=False)
                if relayed is not None and relayed is not UNNAMED:
                    return relayed, outer.lemma_.lower() in words["hedge_verbs"]
            if speaker is not None:
                return speaker, lemma in words["hedge_verbs"]
        if lemma in words["denial_verbs"] and tok.dep_ in COMPLEMENTS:
            speaker = subject_speaker(head, ctx, inside_quote=False)
            if speaker is not None and speaker is not UNNAMED:
                return speaker, False
        if (lemma in words["report_nouns"] and head.pos_ == "NOUN"
                and tok.dep_ in ("prep", "acl", "ccomp", "relcl", "pobj")):
            owner = child(head, "poss")
            if owner is None and head.dep_ == "dobj" and head.head.pos_ in ("VERB", "AUX"):
                owner = subject_of(head.head)  # "Colombia's minister claims to have evidence that ..."
            if owner is not None:
                found_owner = resolve(owner, ctx, conj=False)
                if found_owner:
                    return found_owner[0], False
            return UNNAMED, False
        if tok.dep_ == "prep" and tok.lower_ in ("of", "for", "with") and lemma in words["accusation_verbs"]:
            if is_passive(head) and agent_of(head) is None:
                # "X, which is accused of arming Y": someone unnamed accuses, never X itself
                return UNNAMED, True
            speaker = subject_speaker(head, ctx, inside_quote=False)
            if speaker is not None:
                return speaker, False
        tok = head
    # "..., Nikkei Asia has reported." parsed with the report verb beside the content
    root = tok
    for c in root.children:
        if c.dep_ in ("parataxis", "conj") and c.i > trigger.i and c.lemma_.lower() in words["speech_verbs"] \
                and c.pos_ == "VERB":
            speaker = subject_speaker(c, ctx, inside_quote=ctx.quote_at(c.idx) is not None)
            if speaker is not None and speaker is not UNNAMED:
                return speaker, c.lemma_.lower() in words["hedge_verbs"]
    q = ctx.quote_at(trigger.idx)
    if q is not None and q.speaker is not None:
        return q.speaker, False
    return None, False
