"""Dates written in words or numbers, normalised to ISO strings as precise as the text is.

A date keeps the precision it is written with: "2021" is a year, "2021-10" and "October 2021" a
month, "5 October 2021" a day. Hedges around a date ("approx.", "circa", "(est.)", brackets) are
read past; a text that names a year but no readable month or day ("spring 2021", "2021-13") keeps
the year rather than losing the date.
"""
from __future__ import annotations

import re
from datetime import date

_ISO = re.compile(r"\b(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?!\d)")
_SLASHED = re.compile(r"\b(\d{4})/(\d{1,2})\b|\b(\d{1,2})/(\d{4})\b")
HAS_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_HEDGE = re.compile(r"\b(?:approx(?:imately)?|circa|ca|c|est(?:imated)?|about|around|some ?time in|"
                    r"unconfirmed|reportedly)\b\.?|[()\[\]?~]", re.I)
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_M = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
      r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?")
_Y = r"(1[89]\d\d|20\d\d)\b"
_D = r"(\d{1,2})(?:st|nd|rd|th)?\b"
# "3 May 2019", "3rd of May, 2019", "May 3, 2019", "May 2019": read without dateparser, whatever
# surrounds them ("Published: 3 May 2019, 10:32 GMT").
_WRITTEN = [(re.compile(_D + r"(?: of)?\s+" + _M + r",?\s+" + _Y, re.I), "dmy"),
            (re.compile(r"\b" + _M + r"\s+" + _D + r",?\s+" + _Y, re.I), "mdy"),
            (re.compile(r"\b" + _M + r",?\s+" + _Y, re.I), "my")]


def _valid(year: int, month: int, day: int = 1) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def parse_date(text: str) -> str | None:
    """Give an ISO date (YYYY-MM-DD, YYYY-MM or YYYY) for a date expression that names a year."""
    text = " ".join(_HEDGE.sub(" ", text).split())
    year = HAS_YEAR.search(text)
    if year is None:
        return None
    m = _ISO.search(text)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), m.group(3)
        if d is not None and _valid(y, mo, int(d)):
            return f"{y:04d}-{mo:02d}-{int(d):02d}"
        if d is None and _valid(y, mo):
            return f"{y:04d}-{mo:02d}"
        return year.group(1)
    m = _SLASHED.search(text)
    if m:
        y, mo = (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(4)), int(m.group(3)))
        return f"{y:04d}-{mo:02d}" if _valid(y, mo) else year.group(1)
    return _written(text) or _in_words(text) or year.group(1)


def _written(text: str) -> str | None:
    for pattern, order in _WRITTEN:
        m = pattern.search(text)
        if m is None:
            continue
        parts = dict(zip(order, m.groups(), strict=True))
        y, mo = int(parts["y"]), _MONTHS.index(parts["m"].lower()[:3]) + 1
        if "d" in parts:
            return f"{y:04d}-{mo:02d}-{int(parts['d']):02d}" if _valid(y, mo, int(parts["d"])) else None
        return f"{y:04d}-{mo:02d}"
    return None


def _in_words(text: str) -> str | None:
    """Read what the patterns above do not ("Tuesday the 3rd, August 2021") with dateparser, at the
    precision written."""
    import dateparser  # imported when a date needs it: it takes a while to import

    settings = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"], "RETURN_AS_TIMEZONE_AWARE": False}
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    has_day = re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b(?!\d)", HAS_YEAR.sub("", text))
    has_month = re.search(r"\b" + _M, text, re.I)
    d: date = parsed.date()
    if has_month and has_day:
        return d.isoformat()
    if has_month:
        return d.strftime("%Y-%m")
    return d.strftime("%Y")


def check_date(text: str, *, what: str = "date") -> str:
    """Give the ISO form of a date a user typed as a filter; refuse what names no date."""
    from claimgraph.errors import QueryError

    found = parse_date(text)
    if found is None:
        raise QueryError(f"{what} '{text}' is not a date (write YYYY, YYYY-MM or YYYY-MM-DD)")
    return found
