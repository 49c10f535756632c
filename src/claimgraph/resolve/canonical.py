"""The gazetteer: canonical actors and every name that stands for them, from data files.

Countries come from the countryinfo package (name, alternative spellings, capital, demonym),
completed by data/countries.yaml; every other actor from data/actors.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from countryinfo import all_countries

from claimgraph.data import check_keys, load_yaml
from claimgraph.errors import ConfigError
from claimgraph.ontology import ACTOR_KINDS
from claimgraph.records import Actor
from claimgraph.resolve.names import actor_id, normalise

_CODE = re.compile(r"^[A-Z]{2,3}$")


@dataclass(frozen=True, slots=True)
class Agent:
    """A generic agent noun ("gunmen", "police"): the group it names and whether it is the state's."""

    label: str
    sector: str  # "state" or "nonstate"
    armed: bool = False
    civilian: bool = False

    @property
    def kind(self) -> str:
        return "ARMED_GROUP" if self.armed else "GROUP"


@dataclass(frozen=True)
class Gazetteer:
    """Every known name, normalised, mapped to its canonical actor."""

    names: dict[str, Actor] = field(default_factory=dict)
    demonyms: dict[str, Actor] = field(default_factory=dict)   # "pakistani" -> Pakistan
    adjectives: dict[str, Actor] = field(default_factory=dict)  # "uyghur" -> Uyghurs (a people)
    surface: dict[str, list[str]] = field(default_factory=dict)  # canonical name -> names as written
    origin: dict[str, str] = field(default_factory=dict)  # normalised name -> where the name comes from
    agents: dict[str, Agent] = field(default_factory=dict)  # "gunman" -> Agent("gunmen", "nonstate")
    not_bare: set[str] = field(default_factory=set)  # agent nouns that are actors only with a state's name
    places: set[str] = field(default_factory=set)  # normalised names of cities, provinces, regions
    outlets: dict[str, str] = field(default_factory=dict)  # normalised name or alias -> the outlet's name

    def lookup(self, name: str) -> Actor | None:
        return self.names.get(normalise(name))

    def why(self, name: str) -> str | None:
        """Give where the gazetteer took a name from ("alias of ETIM in data/actors.yaml")."""
        return self.origin.get(normalise(name))

    def _add(self, actor: Actor, name: str, why: str, *, keep_codes: bool = False) -> None:
        if not name or (_CODE.match(name) and not keep_codes) or (not name.isascii() and not _latin(name)):
            return
        key = normalise(name)
        if key and key not in self.names:
            self.names[key] = actor
            self.origin[key] = why
            # matched as written, but for a leading "The": "the Washington Post" in running text
            self.surface.setdefault(actor.name, []).append(name.removeprefix("The ") or name)


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 or c in "’'" for c in name)


@lru_cache(maxsize=1 << 14)
def make_actor(name: str, kind: str) -> Actor:
    return Actor(id=actor_id(name), name=name, kind=kind)


@cache
def outlet_index() -> dict[str, str]:
    """Give every name of a news outlet in data/outlets.yaml, normalised, mapped to its canonical name."""
    index: dict[str, str] = {}
    for o in load_yaml("claimgraph.data", "outlets.yaml"):
        check_keys(o, f"data/outlets.yaml: {o.get('name', '?') if isinstance(o, dict) else o!r}", ("name", "aliases"),
                   required=("name",))
        for n in [o["name"], *(o.get("aliases") or [])]:
            index.setdefault(normalise(n), o["name"])
    return index


@cache
def load_gazetteer() -> Gazetteer:
    """Give the gazetteer shipped with claimgraph (built once)."""
    g = Gazetteer()
    extra = load_yaml("claimgraph.data", "countries.yaml")
    # A demonym shared by several entries ("Indian") means the most populous one.
    by_demonym: dict[str, tuple[int, Actor]] = {}
    for info in all_countries():
        data = info.info()
        name = data.get("name")
        if not name:
            continue
        more = extra.get(name, {})
        check_keys(more, f"data/countries.yaml: {name}", ("names", "demonyms"))
        actor = make_actor(name, "COUNTRY")
        g._add(actor, name, "country name (countryinfo)")
        for n in more.get("names", []):
            g._add(actor, n, f"other name of {name} in data/countries.yaml", keep_codes=True)
        for n in data.get("altSpellings") or []:
            g._add(actor, n, f"other spelling of {name} (countryinfo)")
        capitals: str | list[str] = data.get("capital") or []
        for capital in [capitals] if isinstance(capitals, str) else capitals:
            # "Washington D.C." is written "Washington" in news text.
            capital = capital.removesuffix(" D.C.")
            if normalise(capital) != normalise(name):
                g._add(actor, capital, f"capital of {name}, standing for its government (countryinfo)")
        population = int(data.get("population") or 0)
        for dem in more.get("demonyms", []):
            by_demonym[normalise(dem)] = (10**12, actor)  # named in our data: always wins
        dem = data.get("demonym")
        if dem and by_demonym.get(normalise(dem), (-1, None))[0] < population:
            by_demonym[normalise(dem)] = (population, actor)
    g.demonyms.update({k: a for k, (_, a) in by_demonym.items()})
    _add_entries(g, load_yaml("claimgraph.data", "actors.yaml"), "data/actors.yaml")
    _add_derived(g)
    _add_agents(g)
    _add_outlets(g)
    return g


def _add_outlets(g: Gazetteer) -> None:
    """News outlets are actors (MEDIA) under their canonical name. Only names of two words or more are
    matched in text by themselves ("the Washington Post" before "Washington"); a one-word name ("Dawn",
    "Mirror") is an outlet only where the NER already took it for an organisation (nlp/actors.py)."""
    g.outlets.update(outlet_index())
    for o in load_yaml("claimgraph.data", "outlets.yaml"):
        actor = make_actor(o["name"], "MEDIA")
        for written in [o["name"], *(o.get("aliases") or [])]:
            if len(normalise(written).split()) >= 2:
                g._add(actor, written, f"news outlet {o['name']} in data/outlets.yaml", keep_codes=True)


# Keys of an actor entry: `code` (the CAMEO actor code of a derived entry) and `country` (the state an
# organisation belongs to) are shown where the gazetteer explains a name.
ACTOR_KEYS = ("name", "kind", "aliases", "adjective", "code", "country")


def _add_entries(g: Gazetteer, entries: list[dict], where: str) -> None:
    """Add canonical actors with their aliases; a name already known keeps its first actor."""
    for entry in entries:
        label = entry.get("name", "?") if isinstance(entry, dict) else repr(entry)
        check_keys(entry, f"{where}: {label}", ACTOR_KEYS,
                   required=("name", "kind"))
        if entry["kind"] not in ACTOR_KINDS:
            raise ConfigError(f"{where}: {entry['name']}: unknown kind {entry['kind']!r}; one of {ACTOR_KINDS}")
        actor = make_actor(entry["name"], entry["kind"])
        facts = ", ".join(x for x in (entry.get("country") and f"of {entry['country']}",
                                      entry.get("code") and f"CAMEO code {entry['code']}") if x)
        where_ = f"{where} ({facts})" if facts else where
        g._add(actor, entry["name"], f"canonical name in {where_}", keep_codes=True)
        for n in entry.get("aliases") or []:
            g._add(actor, str(n), f"alias of {entry['name']} in {where_}", keep_codes=True)
        if entry.get("adjective"):
            g.adjectives[normalise(entry["adjective"])] = actor


COUNTRY_KEYS = ("name", "names", "adjectives", "institutions", "places")
AGENT_KEYS = ("label", "sector", "armed", "civilian")
DERIVED_AGENT_KEYS = ("label", "sector", "code")  # code: the Phoenix agent code it was derived from


def _add_derived(g: Gazetteer) -> None:
    """Add what tools/derive_gazetteer.py derived from the Phoenix dictionaries (after the hand-kept
    files, so those win): other names, adjectives and institutions of states, then other actors."""
    countries = load_yaml("claimgraph.data.derived", "phoenix_countries.yaml")
    by_iso = {iso: entry["name"] for iso, entry in countries.items()}  # countryinfo's name, as derived
    for iso, entry in sorted(countries.items()):
        check_keys(entry, f"data/derived/phoenix_countries.yaml: {iso}", COUNTRY_KEYS, required=("name",))
        country = g.lookup(entry["name"])
        if country is None or country.kind != "COUNTRY":
            continue
        why = f"{{}} of {country.name} in data/derived/phoenix_countries.yaml (PETRARCH2 Phoenix)"
        for n in entry.get("names") or []:
            g._add(country, n, why.format("other name"))
        for n in entry.get("institutions") or []:
            g._add(country, n, why.format("institution"), keep_codes=True)
        for adj in entry.get("adjectives") or []:
            g.demonyms.setdefault(normalise(adj), country)
        g.places.update(normalise(p) for p in entry.get("places") or [])
    # Office holders of 2014-2016 are left to the NER (it finds people by their names, and a gazetteer
    # of past office holders would go stale); companies only by names of two words or more
    # ("Total", "Shell" alone are words).
    entries = [dict(e, country=by_iso.get(e.get("country") or "", e.get("country"))) for e in
               load_yaml("claimgraph.data.derived", "phoenix_actors.yaml")
               if e["kind"] != "PERSON" and (e["kind"] != "COMPANY" or " " in e["name"])]
    _add_entries(g, entries, "data/derived/phoenix_actors.yaml (PETRARCH2 Phoenix)")


def _add_agents(g: Gazetteer) -> None:
    hand = load_yaml("claimgraph.data", "agents.yaml")
    derived = load_yaml("claimgraph.data.derived", "agents.yaml")
    check_keys(hand, "data/agents.yaml", ("agents", "not_bare"), required=("agents",))
    check_keys(derived, "data/derived/agents.yaml", ("agents", "codes"), required=("agents",))
    for where, table, keys in (("data/agents.yaml", hand["agents"], AGENT_KEYS),
                               ("data/derived/agents.yaml", derived["agents"], DERIVED_AGENT_KEYS)):
        for noun, spec in table.items():
            check_keys(spec, f"{where}: {noun}", keys, required=("label", "sector"))
            if spec["sector"] not in ("state", "nonstate"):
                raise ConfigError(f"{where}: {noun}: sector must be state or nonstate, not {spec['sector']!r}")
    # The derived agents name a state with its demonym ("Nigerian admiral", "Kenyan police chief");
    # alone, only the hand-kept ones are actors (the dictionary's groupings, such as "airliner" among
    # civilians, are too coarse for a group actor of their own).
    bare = set(hand.get("not_bare") or ())
    for noun, spec in sorted((derived.get("agents") or {}).items()):
        if spec["sector"] == "state" and noun not in hand["agents"]:
            g.agents[noun] = Agent(label=spec["label"], sector="state")
            bare.add(noun)
    for noun, spec in hand["agents"].items():
        g.agents[noun] = Agent(label=spec["label"], sector=spec["sector"], armed=bool(spec.get("armed")),
                               civilian=bool(spec.get("civilian")))
    g.not_bare.update(bare)


@cache
def country_codes() -> dict[str, str]:
    """Give the ISO 3166 alpha-2 code of every country, by its canonical name."""
    codes = {}
    for info in all_countries():
        data = info.info()
        iso = data.get("ISO") or {}
        if data.get("name") and iso.get("alpha2"):
            codes[data["name"]] = iso["alpha2"]
    return codes
