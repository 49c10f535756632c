"""The date a sentence gives for what it reports (not the report's own date)."""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from spacy.tokens import Doc, Token

from claimgraph.resolve.dates import parse_date

_parse = lru_cache(maxsize=4096)(parse_date)


def document_dates(doc: Doc) -> dict[int, list[tuple[int, str]]]:
    """Give, by sentence start token, (token index, ISO date) for each date with a year."""
    out: dict[int, list[tuple[int, str]]] = {}
    dated = [(ent.start, iso) for ent in doc.ents if ent.label_ == "DATE" and (iso := _parse(ent.text)) is not None]
    if not dated:
        return out
    starts = [s.start for s in doc.sents]  # the sentence of each date, by bisection (ent.sent walks the doc)
    for start, iso in dated:
        out.setdefault(starts[bisect_right(starts, start) - 1], []).append((start, iso))
    return out


def claim_date(trigger: Token, dates: list[tuple[int, str]]) -> str | None:
    """Give the date nearest the claim's cue in its sentence, if the sentence names one."""
    if not dates:
        return None
    return min(dates, key=lambda d: abs(d[0] - trigger.i))[1]
