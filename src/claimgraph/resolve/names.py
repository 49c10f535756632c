"""Normalising names and making deterministic ids from them."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from claimgraph.data import check_keys, load_yaml

_NON_WORD = re.compile(r"[^a-z0-9]+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})


@lru_cache(maxsize=1 << 16)
def normalise(name: str) -> str:
    """Give the comparison key of a name: no accents, case, punctuation or leading 'the'."""
    s = unicodedata.normalize("NFKD", name.translate(_QUOTES))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"'s\b", "", s)
    s = _NON_WORD.sub(" ", s).strip()
    return re.sub(r"^the ", "", s)


def normalise_text(text: str) -> str:
    """Give the text with Unicode composed and white space folded, for content hashing."""
    s = unicodedata.normalize("NFC", text)
    return " ".join(s.split())


_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_unicode(text: str) -> str:
    """Give the text with each lone surrogate (JSON's "\\ud800", a file name's undecodable byte)
    replaced by U+FFFD, so it can be encoded, stored and printed."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def printable_path(name: str) -> str:
    """Give a file name as text: bytes that are not UTF-8 written as escapes ("bad\\xffname.txt")."""
    if not _SURROGATE.search(name):
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def make_id(*parts: str | None, prefix: str = "") -> str:
    """Give a short deterministic id hashed from the normalised parts."""
    h = hashlib.sha1()
    for p in parts:
        h.update((p or "").encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return prefix + h.hexdigest()[:16]


def doc_id(text: str) -> str:
    """Give a document's id: a hash of its normalised text, so the same text gets the same id."""
    return make_id(normalise_text(text), prefix="d")


def actor_id(name: str) -> str:
    """Give a canonical actor's id from its canonical name."""
    return make_id(normalise(name), prefix="a")


@dataclass(frozen=True, slots=True)
class NameWords:
    """Words around people's names, from data/names.yaml."""

    titles: frozenset[str]  # dropped from a person's canonical name
    particles: frozenset[str]  # kept inside a name
    articles: frozenset[str]  # ignored when two names are compared


@cache
def name_words() -> NameWords:
    """Give the words around people's names shipped with claimgraph (read once)."""
    data = load_yaml("claimgraph.data", "names.yaml")
    check_keys(data, "data/names.yaml", ("person_titles", "name_particles", "name_articles"),
               required=("person_titles", "name_particles", "name_articles"))
    return NameWords(*(frozenset(str(w).lower() for w in data[k])
                       for k in ("person_titles", "name_particles", "name_articles")))
