"""Which independent origin each claim comes from, and which fused relation it belongs to.

An origin is an outlet that independently reported the claim; a claim's origin is:
- the outside outlet it is attributed to, when a report cites another outlet as the speaker
  ("..., Nikkei Asia has reported.": Nikkei Asia, whichever outlet repeats it);
- the outlet a report relays, when the report names one outside outlet only and cites it as a
  speaker: its other claims, quoted or not, came through that outlet too;
- otherwise the report's own outlet, or the outlet of the report it is a syndicated copy of.
People and bodies a report quotes are never origins of their own: two officials quoted in one
report are one origin (the report's), and a spokesman quoted by two outlets is two (each outlet
had him say it). They are kept beside the relation as its speakers, to show, not to count.
Unnamed sources ("officials said") count with the report too, and are not listed as speakers.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from claimgraph.ontology import SYMMETRIC
from claimgraph.resolve.names import make_id, normalise


@dataclass(frozen=True, slots=True)
class ClaimInput:
    """A stored claim with its actors already mapped to canonical ids."""

    id: str
    source_id: str
    type: str
    target_id: str
    negated: bool
    hedged: bool
    date: str | None
    speaker_id: str | None = None
    speaker_name: str | None = None
    speaker_kind: str | None = None


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one claim adds to its fused relation."""

    rel_id: str
    source_id: str
    type: str
    target_id: str
    negated: bool
    claim_id: str
    origin: str
    hedged: bool
    date: str | None
    speaker: str | None = None  # the canonical id of the person or body quoted, if one is named


def relation_key(source_id: str, type_: str, target_id: str, negated: bool) -> tuple[str, str, str, bool]:
    """Give the key of the relation a claim belongs to: symmetric types have one order only."""
    if type_ in SYMMETRIC and target_id < source_id:
        source_id, target_id = target_id, source_id
    return source_id, type_, target_id, negated


def relation_id(source_id: str, type_: str, target_id: str, negated: bool) -> str:
    return make_id(source_id, type_, target_id, "1" if negated else "0", prefix="r")


def outlet_origin(outlet: str) -> str:
    return "outlet:" + normalise(outlet)


def relayed_outlet(claims: list[ClaimInput], named_outlets: set[str], own_outlet: str | None, *,
                   min_citations: int) -> str | None:
    """Give the one outside outlet a report relays, if it names only one and cites it."""
    own = normalise(own_outlet) if own_outlet else None
    outside = {normalise(o) for o in named_outlets} - {own}
    if len(outside) != 1:
        return None
    cited = Counter(normalise(c.speaker_name or "") for c in claims if c.speaker_kind == "MEDIA")
    (only,) = outside
    return only if cited[only] >= min_citations else None


def claim_origin(claim: ClaimInput, *, own_outlet: str | None, relay: str | None, report_origin: str) -> str:
    """Give the independent origin of one claim of a report: an outlet, never a person it quotes."""
    own = normalise(own_outlet) if own_outlet else None
    if claim.speaker_id and claim.speaker_kind == "MEDIA" and normalise(claim.speaker_name or "") != own:
        return "outlet:" + normalise(claim.speaker_name or "")
    if relay:
        return "outlet:" + relay
    return report_origin


def quoted(claim: ClaimInput) -> str | None:
    """Give the named person or body a claim quotes (not an outlet, not an unnamed source), if any."""
    return claim.speaker_id if claim.speaker_id and claim.speaker_kind not in ("MEDIA", "SOURCE") else None


def contributions(claims: list[ClaimInput], *, own_outlet: str | None, relay: str | None,
                  report_origin: str) -> list[Contribution]:
    """Give what each claim of one report adds to the fused relations."""
    out = []
    for c in claims:
        key = relation_key(c.source_id, c.type, c.target_id, c.negated)
        out.append(Contribution(relation_id(*key), key[0], key[1], key[2], key[3], c.id,
                                claim_origin(c, own_outlet=own_outlet, relay=relay, report_origin=report_origin),
                                c.hedged, c.date, quoted(c)))
    return out
