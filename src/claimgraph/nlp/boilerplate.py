"""Finding page furniture (navigation, appeals, teasers, author bios, bylines, datelines, credits,
share links) to leave out of extraction, and the line breaks that end a sentence."""
from __future__ import annotations

import re

from claimgraph.nlp.lexicon import Lexicon

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
_LINE = re.compile(r"[^\n]+")
MAX_FURNITURE_PARAGRAPH = 800  # characters
_CLOSERS = "\"”’')]»"
# A line ending in one of these runs on into the next ("He said:", "Pakistan,"); one ending in
# . ! ? is a sentence the parser already closes.
_PUNCTUATED = ".!?…:;,-–—"


def boilerplate_ranges(text: str, lex: Lexicon, *, title: str | None = None) -> list[tuple[int, int]]:
    """Give the character ranges of paragraphs, lines and line prefixes that are not reporting
    (the line equal to `title` among them: the reader took it as the document's title)."""
    out = []
    for m in _PARAGRAPH.finditer(text):
        para = m.group(0)
        if len(para) > MAX_FURNITURE_PARAGRAPH:
            continue  # a long paragraph is reporting: appeals, menus and headings are short
        if lex.cut_after.search(para):
            out.append((m.start(), len(text)))
            break
        if lex.boilerplate.search(para):
            out.append((m.start(), m.end()))
    end = out[-1][1] if out and out[-1][1] == len(text) else len(text)
    out.extend(r for r in furniture_ranges(text, lex, title=title) if r[0] < end)
    return sorted(out)


def furniture_ranges(text: str, lex: Lexicon, *, title: str | None = None) -> list[tuple[int, int]]:
    """Give the character ranges of furniture lines (a title, byline, dateline, credit, share or
    tag line) and of furniture at a line's edge ("KABUL, July 1 (Reuters) - ", "( Getty Images)")."""
    title = title.strip() if title else None
    out = []
    for m in _LINE.finditer(text):
        line = m.group(0)
        stripped = line.strip()
        if not stripped:
            continue
        start = m.start() + len(line) - len(line.lstrip())
        if stripped == title:
            out.append((start, start + len(stripped)))
            continue
        found = lex.furniture_lines.search(stripped)
        if found:
            out.append((start + found.start(), start + found.end()))
    return out


def sentence_starts(text: str, lex: Lexicon) -> list[int]:
    """Give the character offsets where a sentence must start (at the first word from there): a
    paragraph's first line, the line after a header line (one without final punctuation), and each
    edge of a furniture range."""
    starts = set()
    for m in _PARAGRAPH.finditer(text):
        starts.add(m.start())
        lines = m.group(0).split("\n")
        # "fighters had\ncaptured the town": a hard-wrapped paragraph breaks lines mid-sentence
        if any(line.lstrip()[:1].islower() for line in lines[1:]):
            continue
        offset = m.start()
        for line in lines[:-1]:
            offset += len(line) + 1
            if _is_header(line):
                starts.add(offset)
    starts.update(edge for r in furniture_ranges(text, lex) for edge in r)
    return sorted(starts)


def _is_header(line: str) -> bool:
    """Whether a line ends without final punctuation, as a title or header line does: "Taliban
    victory encourages jihadists in Pakistan\nCommunist Party leaders said ..." is two sentences."""
    line = line.rstrip().rstrip(_CLOSERS)
    return bool(line) and line[-1] not in _PUNCTUATED
