"""Finding page furniture (navigation, appeals, teasers, author bios) to leave out of extraction."""
from __future__ import annotations

import re

from claimgraph.nlp.lexicon import Lexicon

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")


def boilerplate_ranges(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Give the character ranges of paragraphs that are not reporting."""
    out = []
    for m in _PARAGRAPH.finditer(text):
        para = m.group(0)
        if any(p.search(para) for p in lex.cut_after):
            out.append((m.start(), len(text)))
            break
        if any(p.search(para) for p in lex.boilerplate):
            out.append((m.start(), m.end()))
    return out
