"""The 17 claim types (16 PLOVER event types plus AFFILIATE) and their quad classes, as data."""
from __future__ import annotations

from typing import Final

# PLOVER's quad classes: verbal/material x cooperation/conflict.
QUAD: Final[dict[str, str]] = {
    "AGREE": "verbal cooperation", "CONSULT": "verbal cooperation", "SUPPORT": "verbal cooperation",
    "CONCEDE": "material cooperation", "COOPERATE": "material cooperation", "AID": "material cooperation",
    "RETREAT": "material cooperation",
    "REQUEST": "verbal conflict", "ACCUSE": "verbal conflict", "REJECT": "verbal conflict",
    "THREATEN": "verbal conflict", "PROTEST": "verbal conflict",
    "SANCTION": "material conflict", "MOBILIZE": "material conflict", "COERCE": "material conflict",
    "ASSAULT": "material conflict",
    "AFFILIATE": "affiliation",
}
TYPES: Final[tuple[str, ...]] = tuple(QUAD)
SYMMETRIC: Final[frozenset[str]] = frozenset({"AGREE", "CONSULT", "COOPERATE"})
ACTOR_KINDS: Final[tuple[str, ...]] = ("COUNTRY", "IGO", "ARMED_GROUP", "PARTY", "ORG", "COMPANY", "PEOPLE",
                                       "GROUP", "PERSON", "MEDIA", "SOURCE")
