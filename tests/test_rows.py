"""Specification rows: the actors and the exact claims that short texts must give.

tests/rows/actors.yaml rows give `actors` as [surface, canonical name, KIND] triples that must be among
the Extraction's mentions (surface compared without a leading "the", case ignored) and `not` names or
surfaces that no mention may have. tests/rows/claims.yaml rows give "SOURCE TYPE TARGET @ SPEAKER"
strings ("NOT " first when negated, "-" for the report's own voice, "*" for any speaker but "-"):
every one of `claims` must be given and nothing outside `claims` and `optional` may be.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from claimgraph.ontology import ACTOR_KINDS, SYMMETRIC, TYPES

ROWS = Path(__file__).parent / "rows"
ACTOR_ROWS: list[dict] = yaml.safe_load((ROWS / "actors.yaml").read_text(encoding="utf-8"))
CLAIM_ROWS: list[dict] = yaml.safe_load((ROWS / "claims.yaml").read_text(encoding="utf-8"))
ANY_SPEAKER = "*"
OWN_VOICE = "-"
_CLAIM = re.compile(r"^(NOT )?(.+?) (" + "|".join(TYPES) + r") (.+) @ (.+)$")


@dataclass(frozen=True)
class Key:
    """A claim as the rows write it, with symmetric types in one order."""

    negated: bool
    source: str
    type: str
    target: str
    speaker: str

    def __str__(self) -> str:
        return f"{'NOT ' if self.negated else ''}{self.source} {self.type} {self.target} @ {self.speaker}"

    def matches(self, got: Key) -> bool:
        """Whether `got` (as extracted) is this expected claim; "*" takes any speaker but the report's."""
        same = (self.negated, self.source, self.type, self.target) == (got.negated, got.source, got.type, got.target)
        if self.speaker == ANY_SPEAKER:
            return same and got.speaker != OWN_VOICE
        return same and self.speaker == got.speaker


def key(negated: bool, source: str, type_: str, target: str, speaker: str) -> Key:
    if type_ in SYMMETRIC:
        source, target = sorted((source, target))
    return Key(negated, source, type_, target, speaker)


def parse(claim: str) -> Key:
    m = _CLAIM.match(claim.strip())
    if m is None:
        raise ValueError(f"not a claim row: {claim!r}")
    neg, source, type_, target, speaker = m.groups()
    return key(bool(neg), source, type_, target, speaker)


def _ids(rows: list[dict]) -> list[str]:
    return [f"{re.sub(r'[^0-9A-Za-z-]+', '_', r['why']).strip('_')}-{n}" for n, r in enumerate(rows, 1)]


def _params(rows: list[dict]) -> list:
    """One parameter a row; a row the extractor does not read yet says why in `known_failure` and
    is an expected failure that must keep failing until fixed (strict)."""
    return [pytest.param(r, id=i, marks=pytest.mark.xfail(strict=True, reason=r["known_failure"]))
            if r.get("known_failure") else pytest.param(r, id=i) for r, i in zip(rows, _ids(rows), strict=True)]


def _bare(surface: str) -> str:
    return re.sub(r"^the\s+", "", surface.strip(), flags=re.I).lower()


@pytest.fixture(scope="module")
def extractor():
    from claimgraph.nlp.extract import Extractor
    from claimgraph.settings import DEFAULT_MODEL

    return Extractor.load(DEFAULT_MODEL)


def _extract(extractor, text: str):
    from claimgraph.records import Document
    from claimgraph.resolve.names import doc_id

    return extractor.extract(Document(id=doc_id(text), name="row", text=text))


# ---- the rows themselves are well formed (no model needed) -------------------------------------

def test_rows_are_well_formed() -> None:
    problems = []
    for n, row in enumerate(ACTOR_ROWS, 1):
        if set(row) - {"known_failure"} != {"text", "actors", "not", "why"}:
            problems.append(f"actors row {n}: keys {sorted(row)}")
        for triple in row.get("actors") or []:
            if len(triple) != 3 or triple[2] not in ACTOR_KINDS:
                problems.append(f"actors row {n}: bad triple {triple}")
    for n, row in enumerate(CLAIM_ROWS, 1):
        if set(row) - {"known_failure"} != {"text", "claims", "optional", "why"}:
            problems.append(f"claims row {n}: keys {sorted(row)}")
        for claim in (row.get("claims") or []) + (row.get("optional") or []):
            try:
                parse(claim)
            except ValueError as e:
                problems.append(f"claims row {n}: {e}")
    assert not problems, "\n".join(problems)


# ---- actors ---------------------------------------------------------------------------------------

@pytest.mark.model
@pytest.mark.parametrize("row", _params(ACTOR_ROWS))
def test_actor_row(extractor, row: dict) -> None:
    mentions = _extract(extractor, row["text"]).mentions
    got = {(_bare(m.text), m.actor.name, m.actor.kind) for m in mentions}
    missing = [t for t in row["actors"] if (_bare(t[0]), t[1], t[2]) not in got]
    forbidden = sorted({n for n in row["not"] for m in mentions
                        if m.actor.name.lower() == n.lower() or _bare(m.text) == _bare(n)})
    assert not missing and not forbidden, (
        f"\ntext:      {row['text']!r}"
        f"\nmentions:  {sorted(got)}"
        f"\nexpected:  {[tuple(t) for t in row['actors']]}"
        f"\nmissing:   {[tuple(t) for t in missing]}"
        f"\nforbidden: {forbidden} (must not be a mention's actor or surface)")


# ---- claims ---------------------------------------------------------------------------------------

@pytest.mark.model
@pytest.mark.parametrize("row", _params(CLAIM_ROWS))
def test_claim_row(extractor, row: dict) -> None:
    claims = _extract(extractor, row["text"]).claims
    got = {key(c.negated, c.source.name, c.type, c.target.name, c.speaker.name if c.speaker else OWN_VOICE)
           for c in claims}
    required = [parse(c) for c in row["claims"]]
    allowed = required + [parse(c) for c in row["optional"] or []]
    missing = [e for e in required if not any(e.matches(g) for g in got)]
    unexpected = [g for g in got if not any(e.matches(g) for e in allowed)]
    assert not missing and not unexpected, (
        f"\ntext:       {row['text']!r}"
        f"\ngot:        {sorted(map(str, got))}"
        f"\nexpected:   {sorted(map(str, required))}"
        f"\noptional:   {sorted(row['optional'] or [])}"
        f"\nmissing:    {sorted(map(str, missing))}"
        f"\nunexpected: {sorted(map(str, unexpected))}")
