"""What fusion needs to know, from data/fusion.yaml and the user's own aliases file."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import yaml

from claimgraph.data import check_keys, data_hash, load_yaml
from claimgraph.errors import ConfigError
from claimgraph.resolve.names import name_words, normalise

FUSION_VERSION = "3"  # bump when fusion code changes: stored fused views are then rebuilt
# (a change to the data files rebuilds them by itself: their hash is part of the fingerprint)
# What fusion reads: its rules, the names data and the gazetteer (actors known by name merge).
FUSION_DATA = ("claimgraph.data:fusion.yaml", "claimgraph.data:names.yaml", "claimgraph.data:actors.yaml",
               "claimgraph.data:countries.yaml", "claimgraph.data:agents.yaml", "claimgraph.data.derived")
SECTIONS = ("tie_types", "keep_apart", "never_merge_kinds", "fuzzy", "syndication", "relay", "quantities",
            "mention_rules")


@dataclass(frozen=True)
class FusionConfig:
    """Merge rules, contradiction families and thresholds, with the user's aliases folded in."""

    tie_types: frozenset[str]
    keep_apart: frozenset[frozenset[str]]
    never_merge_kinds: frozenset[str]
    person_titles: frozenset[str]
    fuzzy: dict[str, Any]
    syndication: dict[str, Any]
    relay_min_citations: int
    quantity_words: dict[str, tuple[int, int]]
    quantity_tolerance: float
    mention_rules: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # normalised name -> canonical name
    user_text: str = ""

    @property
    def fingerprint(self) -> str:
        """Give a hash that changes whenever the rules or the user's file change."""
        rules = f"{FUSION_VERSION}\x1f{data_hash(*FUSION_DATA)}\x1f{self.user_text}"
        return hashlib.sha1(rules.encode()).hexdigest()[:16]

    def apart(self, a: str, b: str) -> bool:
        """Tell whether two names must never be merged."""
        return frozenset((normalise(a), normalise(b))) in self.keep_apart


def load_config(user_text: str = "", *, where: str = "aliases file") -> FusionConfig:
    """Give the fusion rules, with the user's aliases file (its text) applied on top."""
    base = load_yaml("claimgraph.data", "fusion.yaml")
    check_keys(base, "data/fusion.yaml", SECTIONS, required=SECTIONS)
    user = _parse_user(user_text, where)
    pairs = [*base["keep_apart"], *user.get("keep_apart", [])]
    aliases: dict[str, str] = {}
    for canonical, names in (user.get("aliases") or {}).items():
        for name in [canonical, *(names or [])]:
            aliases[normalise(str(name))] = str(canonical)
    q = base["quantities"]
    return FusionConfig(
        tie_types=frozenset(base["tie_types"]),
        keep_apart=frozenset(frozenset((normalise(str(a)), normalise(str(b)))) for a, b in pairs),
        never_merge_kinds=frozenset(base["never_merge_kinds"]),
        person_titles=name_words().titles | name_words().articles,
        fuzzy=dict(base["fuzzy"]),
        syndication=dict(base["syndication"]),
        relay_min_citations=int(base["relay"]["min_citations"]),
        quantity_words={k: (int(v[0]), int(v[1])) for k, v in q["words"].items()},
        quantity_tolerance=float(q["tolerance"]),
        mention_rules=dict(base.get("mention_rules") or {}),
        aliases=aliases,
        user_text=user_text,
    )


def _parse_user(text: str, where: str) -> dict[str, Any]:
    if not text.strip():
        return {}
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise ConfigError(f"{where}: not valid YAML ({str(e).splitlines()[0]})") from e
    if not isinstance(data, dict) or set(data) - {"aliases", "keep_apart"}:
        raise ConfigError(f"{where}: expected a mapping with 'aliases' and/or 'keep_apart'")
    aliases = data.get("aliases") or {}
    if not isinstance(aliases, dict) or not all(isinstance(v, list | type(None)) for v in aliases.values()):
        raise ConfigError(f"{where}: 'aliases' must map a canonical name to a list of names")
    pairs = data.get("keep_apart") or []
    if not isinstance(pairs, list) or not all(isinstance(p, list) and len(p) == 2 for p in pairs):
        raise ConfigError(f"{where}: 'keep_apart' must be a list of [name, name] pairs")
    return data
