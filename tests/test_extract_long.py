"""A long report costs what its length says, not its square, and reads as it always did.

Before the parser, claimgraph marks the sentence starts that paragraph breaks, header lines and page
furniture force (`claimgraph_paragraphs`). spaCy's `Token.is_sent_start` setter scans the whole
document on each call, so marking token by token cost a report ten times the usual length three to
six times more a token; the marks are now written in one pass, and must be the very marks the
setter gives.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from spacy.tokens import Doc

from claimgraph.nlp.extract import CHUNK_CHARS, Extractor, read_claims
from claimgraph.nlp.pipeline import mark_paragraphs, sentence_marks
from claimgraph.records import Document
from claimgraph.resolve.names import doc_id
from claimgraph.settings import DEFAULT_MODEL

pytestmark = pytest.mark.model

ROWS = Path(__file__).parent / "rows" / "claims.yaml"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.load(DEFAULT_MODEL)


def report(share: float = 1.0) -> str:
    """A report of the claim rows' texts (some thirty conflicts), one paragraph each: all of them
    (about 17,000 characters, ten times a usual news report) or the first `share` of them."""
    texts = [row["text"] for row in yaml.safe_load(ROWS.read_text(encoding="utf-8"))]
    return "\n\n".join(texts[:round(len(texts) * share)])


def before_marking(extractor: Extractor, text: str) -> Doc:
    """The text run through the components before `claimgraph_paragraphs`."""
    doc = extractor.nlp.make_doc(text)
    for name, proc in extractor.nlp.pipeline:
        if name == "claimgraph_paragraphs":
            return doc
        doc = proc(doc)
    raise AssertionError("the pipeline has no claimgraph_paragraphs component")


def marked_one_at_a_time(doc: Doc) -> Doc:
    """The marks set token by token with spaCy's own setter (how they were set before)."""
    for i, starts in sentence_marks(doc).items():
        doc[i].is_sent_start = starts
    return doc


def parsed_after_marking(extractor: Extractor, doc: Doc) -> Doc:
    """The components after `claimgraph_paragraphs` run on an already marked doc."""
    names = extractor.nlp.pipe_names
    for _name, proc in extractor.nlp.pipeline[names.index("claimgraph_paragraphs") + 1:]:
        doc = proc(doc)
    return doc


def test_the_marks_written_in_one_pass_are_those_set_token_by_token(extractor: Extractor) -> None:
    text = report()
    marks = sentence_marks(before_marking(extractor, text))
    assert True in marks.values() and False in marks.values()  # starts forced and tokens held together
    one_pass = mark_paragraphs(before_marking(extractor, text))
    by_setter = marked_one_at_a_time(before_marking(extractor, text))
    assert [t.is_sent_start for t in one_pass] == [t.is_sent_start for t in by_setter]
    assert all(one_pass[i].is_sent_start is starts for i, starts in marks.items())


def test_a_text_with_no_forced_start_is_left_unmarked(extractor: Extractor) -> None:
    doc = mark_paragraphs(before_marking(extractor, "Russia attacked Ukraine. China urged restraint."))
    assert [t.is_sent_start for t in doc][1:] == [None] * (len(doc) - 1)


def best_per_token(mark: Callable[[Doc], Doc], extractor: Extractor, text: str) -> float:
    timings = []
    for _ in range(5):
        doc = before_marking(extractor, text)
        start = time.perf_counter()
        mark(doc)
        timings.append((time.perf_counter() - start) / len(doc))
    return min(timings)


def test_marking_a_report_ten_times_as_long_costs_no_more_per_token(extractor: Extractor) -> None:
    # token by token, the long report cost 3.2-3.5 times more a token than the short one
    short, long = report(0.1), report()
    ratio = best_per_token(mark_paragraphs, extractor, long) / best_per_token(mark_paragraphs, extractor, short)
    assert ratio < 2.0


def test_a_long_report_gives_the_claims_it_gave_with_marks_set_token_by_token(extractor: Extractor) -> None:
    text = report()
    assert len(text) <= CHUNK_CHARS  # read whole, as the reference below reads it
    document = Document(id=doc_id(text), name="long.txt", text=text)
    result = extractor.extract(document)
    doc = parsed_after_marking(extractor, marked_one_at_a_time(before_marking(extractor, text)))
    reference = read_claims(document, doc, extractor.finder, model=extractor.model_name)
    assert len(result.claims) > 200
    assert result.claims == reference.claims
    assert result.mentions == reference.mentions
    assert all(text[c.evidence.start:c.evidence.end] == c.evidence.text for c in result.claims)
    assert all(text[m.start:m.end] == m.text for m in result.mentions)
    assert max(c.evidence.start for c in result.claims) > 2 * len(text) // 3  # read to the end
