"""Reading a report's title, author, date and outlet from its own plain text."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from claimgraph.resolve.canonical import outlet_index
from claimgraph.resolve.dates import HAS_YEAR, parse_date
from claimgraph.resolve.names import normalise

_HEADER_LINE = re.compile(r"^\s*([A-Za-z][\w -]{0,30}):\s*(.*?)\s*$")
_HEADER_KEYS = {"title", "author", "by", "outlet", "source", "publisher", "date", "published", "url", "id"}
_BYLINE = re.compile(r"^\s*(?:by|written by)\s+([^\n,|]{3,80}?)\s*$", re.I)
_DATE_LABEL = re.compile(r"^\s*(?:date|published|posted|updated|first published)\s*:?\s*(.+?)\s*$", re.I)
_WRITES_FOR = re.compile(r"^\s*([A-Z][\w.'’ -]{2,60}?)\s+"
                         r"(?:writes|reports|is a (?:\w+ )?(?:reporter|correspondent|journalist))"
                         r"\s+for\s+(?:the\s+)?([A-Z][\w'’ ]{1,50}?)[,.]", re.M)
_BY = re.compile(r"^(?:by|written by)\s+", re.I)
_ACRONYM_AFTER = re.compile(r"^(.{3,80}?)\s*\(([^()]{2,15})\)$")
_CAPITALISED_RUN = re.compile(r"(?:[A-Z]\w+[ \t]+){1,5}$")
# Self-promotion that names the outlet publishing the page, each with a word it cannot go without.
_SELF_CUES = [
    ("needs you", re.compile(r"^\s*((?:The\s+)?[A-Z][\w’']*(?:\s+[A-Z][\w’']*){0,3})\s+needs you\b", re.M)),
    ("newsletter", re.compile(
        r"\bSign up to (?:one of )?(?:the\s+)?([A-Z][\w]*(?:\s+[A-Z]\w*){0,3})(?:’s|'s)\s+newsletters?\b")),
    ("reveal", re.compile(r"\b((?:The\s+)?[A-Z][\w]*(?:\s+[A-Z]\w*){0,3})\s+can (?:reveal|exclusively reveal)\b")),
    ("©", re.compile(r"^\s*©\s*(?:\d{4}\s+)?((?:The\s+)?[A-Z][\w]*(?:\s+[A-Z]\w*){0,3})", re.M)),
    ("Copyright", re.compile(r"^\s*Copyright\s*(?:\d{4}\s+)?((?:The\s+)?[A-Z][\w]*(?:\s+[A-Z]\w*){0,3})", re.M)),
]
CUE_WINDOW = 200  # characters read on either side of a cue word


@dataclass(frozen=True, slots=True)
class Meta:
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None


def split_header(text: str) -> tuple[dict[str, str], int]:
    """Give a `key: value` header block above a `---` line, and the offset where the body starts."""
    lines = text.split("\n")
    fields: dict[str, str] = {}
    offset = 0
    start = 1 if lines and lines[0].strip() == "---" else 0
    offset = sum(len(line) + 1 for line in lines[:start])
    for i in range(start, min(len(lines), start + 30)):
        line = lines[i]
        if line.strip() == "---":
            if fields:
                return fields, offset + len(line) + 1
            return {}, 0
        m = _HEADER_LINE.match(line)
        if not m or m.group(1).strip().lower() not in _HEADER_KEYS:
            return {}, 0
        fields[m.group(1).strip().lower()] = m.group(2)
        offset += len(line) + 1
    return {}, 0


def _dateline(line: str) -> str | None:
    m = _DATE_LABEL.match(line)
    candidate = m.group(1) if m else line
    if len(candidate.split()) > 8 or not HAS_YEAR.search(candidate):
        return None
    if re.search(r"[.!?]\s*$", candidate) and not re.search(r"\d[.]?$", candidate):
        return None
    return parse_date(candidate)


def _outlet_parts(name: str) -> list[str]:
    """The forms an outlet credit may hide its outlet in: "Radio Free Europe/Radio Liberty (RFE/RL)"
    (the name, the acronym), "By Jane Roe, Reuters" or "Jane Roe | Reuters" (an author before it)."""
    name = _BY.sub("", name.strip())
    parts = [name]
    m = _ACRONYM_AFTER.match(name)
    if m:
        parts += [m.group(1), m.group(2)]
    for sep in (" | ", ", ", " - ", " – ", " — ", " for "):
        if sep in name:
            parts += [p.strip() for p in reversed(name.split(sep)) if p.strip()]
    return parts


def canonical_outlet(name: str, text: str = "") -> str:
    """Give the outlet's canonical name: from the outlet list (with its aliases, past an author
    credit or a bracketed acronym), else the fullest form the text uses."""
    index = outlet_index()
    parts = _outlet_parts(name)
    known = next((index[normalise(p)] for p in parts if normalise(p) in index), None)
    if known:
        return known
    m = _ACRONYM_AFTER.match(parts[0])
    name = m.group(1) if m else parts[0]  # "Kabul Daily (KD)" is "Kabul Daily"
    short = name.removeprefix("The ").strip()
    if not short:
        return name.strip()
    # The capitalised words just before the first use of the name ("Kashmir Walla" before "Walla"),
    # read from a short window: a search for them over the whole text would take quadratic time.
    for m in re.finditer(re.escape(short) + r"\b", text):
        before = _CAPITALISED_RUN.search(text[max(0, m.start() - 120):m.start()])
        if before:
            return (before.group(0) + short).strip()
    return name.strip()


def _cue_lines(text: str, word: str) -> Iterator[str]:
    """Give each line that holds `word`, cut to CUE_WINDOW characters on either side of it. The
    patterns run on these short windows only: over the whole text some would take quadratic time."""
    at = text.find(word)
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        yield text[max(start, at - CUE_WINDOW):min(end, at + len(word) + CUE_WINDOW)]
        at = text.find(word, end)


def _writes_for(text: str) -> re.Match[str] | None:
    return next((m for line in _cue_lines(text, " for ") if (m := _WRITES_FOR.search(line))), None)


def find_outlet(text: str) -> str | None:
    """Give the outlet a report names as its own publisher, if it does."""
    for word, cue in _SELF_CUES:
        for line in _cue_lines(text, word):
            m = cue.search(line)
            if m:
                return canonical_outlet(m.group(1), text)
    m = _writes_for(text)
    if m:
        return canonical_outlet(m.group(2), text)
    return None


def find_author(text: str, head: list[str]) -> str | None:
    for line in head:
        m = _BYLINE.match(line[:CUE_WINDOW])
        if m:
            return m.group(1).strip()
    m = _writes_for(text)
    return m.group(1).strip() if m else None


def _looks_like_title(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 25 and not re.search(r"[.;,]\s*$", line) and not _BYLINE.match(line)


def read_text_meta(text: str) -> tuple[Meta, int]:
    """Give the metadata a plain-text report states, and the offset where its body starts."""
    fields, body = split_header(text)
    rest = text[body:]
    lines = [line.strip() for line in rest.split("\n") if line.strip()]
    head = lines[:6]
    date_found = parse_date(fields["date"]) if fields.get("date") else None
    date_found = date_found or (parse_date(fields["published"]) if fields.get("published") else None)
    if date_found is None:
        date_found = next((d for d in (_dateline(line) for line in head) if d), None)
    title = fields.get("title")
    if title is None and head and _looks_like_title(head[0]) and _dateline(head[0]) is None:
        title = head[0]
    author = fields.get("author") or fields.get("by") or find_author(rest, head)
    outlet = fields.get("outlet") or fields.get("publisher") or fields.get("source") or find_outlet(rest)
    if outlet:
        outlet = canonical_outlet(outlet, rest)
    return Meta(title=title, author=author, outlet=outlet, date=date_found, url=fields.get("url")), body
