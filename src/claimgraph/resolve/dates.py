"""Dates written in words or numbers, normalised to ISO strings as precise as the text is."""
from __future__ import annotations

import re
from datetime import date

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
HAS_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def parse_date(text: str) -> str | None:
    """Give an ISO date (YYYY-MM-DD, YYYY-MM or YYYY) for a date expression that names a year."""
    text = text.strip()
    m = _ISO.search(text)
    if m:
        return m.group(0)
    if not HAS_YEAR.search(text):
        return None
    import dateparser  # imported when a date needs it: it takes a while to import

    settings = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"], "RETURN_AS_TIMEZONE_AWARE": False}
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    has_day = re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b(?!\d)", HAS_YEAR.sub("", text))
    has_month = re.search(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", text, re.I)
    d: date = parsed.date()
    if has_month and has_day:
        return d.isoformat()
    if has_month:
        return d.strftime("%Y-%m")
    return d.strftime("%Y")
