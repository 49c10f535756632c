"""The date a sentence gives for what it reports (not the report's own date)."""
from __future__ import annotations

from spacy.tokens import Span, Token

from claimgraph.ingest.metadata import parse_date


def sentence_dates(sent: Span) -> list[tuple[int, str]]:
    """Give (token index, ISO date) for each date with a year that the sentence names."""
    out = []
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        iso = parse_date(ent.text)
        if iso is not None:
            out.append((ent.start, iso))
    return out


def claim_date(trigger: Token, dates: list[tuple[int, str]]) -> str | None:
    """Give the date nearest the claim's cue in its sentence, if the sentence names one."""
    if not dates:
        return None
    return min(dates, key=lambda d: abs(d[0] - trigger.i))[1]
