#!/usr/bin/env python3
"""Derive claimgraph's gazetteer data from PETRARCH2's Phoenix dictionaries.

Run by hand, never at install time::

    .venv/bin/python tools/derive_gazetteer.py [--resources ../shared/resources] \
        [--out src/claimgraph/data/derived]

Sources (openeventdata/petrarch2, ``petrarch2/data/dictionaries/``, commit 676801cd9cb2, MIT,
Copyright (c) 2014 Open Event Data Alliance): Phoenix.Countries.actors.txt,
Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt and Phoenix.agents.txt, read with
the grammar of dictionaries.rst (entries, ``+`` synonyms, ``_`` joining words, tab lines with dated
codes ``[CODE >date]``, ``[CODE <date]``, ``[CODE d1-d2]``, ``#`` comments, ``{plural}`` and
``!SET!`` substitution sets). An entry's code is the one in force at the latest date it gives, else
its default. Output is sorted: the same inputs give the same bytes.

Writes, into --out:

- phoenix_countries.yaml: per ISO 3166 alpha-3 code (the CAMEO country code, TMP -> TLS),
  countryinfo's ``name``, the country's own ``names``, its ``adjectives`` (demonyms) and its
  ``institutions`` (names coded with a state sector of that country: GOV MIL COP JUD LEG SPY,
  including bodies named under an office holder, "OBAMA_ADMINISTRATION").
- phoenix_actors.yaml: one entry per actor: display name, kind, code, ISO3 country, aliases. The
  kind comes from the code: IGO... -> IGO; NGO... and other non-state sectors -> ORG; IMG..., the
  REB/INS/UAF/SEP sectors and every entry of the MilNonState file -> ARMED_GROUP; PTY -> PARTY;
  MNC... and BUS -> COMPANY (MNC codes with MED are telecoms and advertisers, not outlets);
  MED... -> MEDIA. PERSON: the people of the countries file (CountryInfo office holders, names
  with a title, a known given name or an office's dates); people found in the other two files
  (UN officials, militants: comment "senior leader", a given name) are dropped. Entries of
  one code that share a name, or whose one-word name is the other's initials, are one actor.
  Display names: "ABU_NIDAL_ORGANIZATION" -> "Abu Nidal Organization", small words lower case,
  acronyms (no vowels, initials of a synonym, in parentheses) upper case; an acronym given in
  parentheses becomes an alias (ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_ -> AAIA); a company also gets its
  name without the legal form ("Nordstrom Inc" -> "Nordstrom").
- agents.yaml: generic agent nouns in lower case (sets expanded, stems such as MINIST completed,
  irregular plurals from {...} added) with their code, sector (state for GOV MIL COP JUD LEG SPY)
  and group label, then the table of codes with meaning, sector and label (CODES).

Dropped, because a wrong name sends a claim to the wrong actor:

- Places given as synonyms of a country (HERAT, HELMAND, JALALABAD). A synonym stays a name when
  it is countryinfo's name, one of its spellings or the capital (which stands for the government),
  a close spelling (difflib ratio >= 0.85: AFGANISTAN), or one such word with state affixes around
  it (ISLAMIC_REPUBLIC_OF_AFGHANISTAN); it is an adjective when it is the demonym or a spelling
  plus a demonym ending (AFGHAN); countryinfo's provinces and everything else go to the country's
  `places` (cities, provinces, regions: locations, never the state nor an actor). A name two
  countries give goes to the one whose own spelling it is, else to none. Territory codes (GBRGIB,
  PSEGZA) and codes that are no country (regions, CSK, SUN) are skipped.
- Aliases of under two letters, numbers, dates, names ending in a small word, descriptions
  ("Al Qaida-Affiliated", "Qatar-Based ..."); one word that is common English (COMMON and every
  word of the agents and verb dictionaries), a country's name or a known given name; phrases made
  only of COMMON/GENERIC words ("Islamic Group", "Red Line"), or of two dictionary words
  ("Christian Catholic"); a name two actors share, or one the countries file gives a state; an
  actor left without a name.
- People listed as synonyms of a group (Nasrallah under Hezbollah), and one- or two-word aliases
  ending with such a person's surname: a person is not the group. A person keeps only names of
  two words or more that name no body. Fictional test entries (FICTIONAL) are dropped.
- Agent entries with digits or abbreviations (F-16, GEN.), fragments ending in a preposition,
  substitutions inside a word (AD!MINIST!RATION), prefix codes (IGO~), NOT_AGENTS (nouns that name
  no group of one sector: spokesman, deputy, victim), nouns whose head names a place, building or
  machine (THINGS: presidential palace, embassy, warship), and nouns given codes of two sectors.
- KIND_FIXES: armed groups of the source's historical lists that are parties today (ANC, FSLN).
"""
from __future__ import annotations

import argparse
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from countryinfo import all_countries

ROOT = Path(__file__).resolve().parents[1]
SOURCE = "PETRARCH2 (openeventdata/petrarch2, petrarch2/data/dictionaries/, commit 676801cd9cb2)"
LICENCE = "MIT, Copyright (c) 2014 Open Event Data Alliance (see NOTICE)"
STATE = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
ARMED = {"REB", "INS", "UAF", "IMG", "SEP"}
SECTORS = STATE | ARMED | set(["ELI", "OPP", "PTY", "MED", "BUS", "EDU", "HLH", "HRI", "LAB", "AGR", "ENV", "REF",
                               "REL", "CVL", "CRM", "DEV", "NGO", "IGO", "MNC", "RAD", "PPL", "MUS", "CHR", "JEW",
                               "BUD", "HIN"])
CAMEO_TO_ISO = {"TMP": "TLS"}
SMALL = set(["of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "by", "with", "from", "de", "del", "della",
             "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les", "el", "al", "ul", "ud", "ur", "e", "i",
             "y", "wa", "fi", "und", "van", "von", "der", "den", "bin", "ibn", "et"])
SMALL_UP = {w.upper() for w in SMALL}
DESCRIPTIVE = set(["based", "affiliated", "linked", "offshoot", "operatives", "inspired", "suspected", "alleged",
                   "members", "supporters"])
MONTHS = set(["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december"])
TITLES = set(["SHEIKH", "SHEIK", "SAYYID", "SAYYED", "SEYYED", "MULLAH", "MAWLAWI", "MAULANA", "AYATOLLAH",
              "HOJATOLISLAM", "DR", "MR", "MRS", "MS", "SIR", "LORD", "EMIR", "AMIR", "HAJI", "GEN", "GENERAL",
              "PRESIDENT", "PRIME", "MINISTER", "PREMIER", "FOREIGN", "DEFENCE", "DEFENSE", "SECRETARY",
              "SECRETARY-GENERAL", "KING", "QUEEN", "PRINCE", "PRINCESS", "CHANCELLOR", "CHAIRMAN", "COMMANDER",
              "COLONEL", "COL", "CAPTAIN", "MARSHAL", "ADMIRAL", "GOVERNOR", "SENATOR", "SPEAKER", "VICE", "DEPUTY",
              "ACTING", "FORMER", "INTERIM", "LEADER"])
# A first-line comment that makes an entry a person ("CountryInfo.txt": an office holder).
PERSON_NOTE = re.compile(r"CountryInfo|\b(?:leader|founder|member|commander|chief|head|alias of|"
                         r"bomb maker)\b", re.I)
ORG_WORDS = set(["AUTHORITY", "ARMY", "FORCE", "FORCES", "FRONT", "MOVEMENT", "PARTY", "ORGANIZATION", "ORGANISATION",
                 "GROUP", "GROUPS", "COUNCIL", "COMMITTEE", "MINISTRY", "DEPARTMENT", "AGENCY", "BUREAU", "OFFICE",
                 "COMMISSION", "UNION", "LEAGUE", "ASSOCIATION", "ALLIANCE", "BRIGADE", "BRIGADES", "BATTALION",
                 "BATTALIONS", "CORPS", "GUARD", "GUARDS", "POLICE", "SERVICE", "BANK", "FUND", "COURT", "ASSEMBLY",
                 "PARLIAMENT", "CONGRESS", "SENATE", "GOVERNMENT", "ADMINISTRATION", "REGIME", "UNIVERSITY",
                 "INSTITUTE", "CENTER", "CENTRE", "FOUNDATION", "SOCIETY", "NETWORK", "CORPORATION", "COMPANY", "CORP",
                 "INC", "INC.", "LTD", "CO", "CO.", "CELLS", "NUCLEI", "FACTION", "COALITION", "REPUBLIC", "KINGDOM",
                 "STATE", "STATES", "NATIONAL", "INTERNATIONAL", "DECLARATION", "OBSERVATORY", "MILITIA", "COMMAND",
                 "LIBERATION", "REVOLUTIONARY", "MARTYRS", "MUJAHIDEEN", "JIHAD", "COMMANDO", "BOARD", "CLUB",
                 "FEDERATION", "FELLOWSHIP"])
COMMON = set(["about", "above", "after", "again", "against", "all", "also", "always", "among", "another", "any",
              "apple", "area", "around", "away", "back", "bad", "base", "best", "better", "big", "black", "blue",
              "board", "body", "book", "both", "bridge", "brown", "but", "can", "care", "case", "cause", "center",
              "change", "city", "clear", "close", "code", "cold", "come", "common", "corner", "cross", "dark", "day",
              "dead", "delta", "dream", "early", "east", "easy", "even", "ever", "every", "eye", "face", "fact", "fair",
              "fall", "far", "fast", "field", "fire", "first", "five", "flag", "fly", "form", "four", "free", "friend",
              "full", "game", "gap", "gate", "general", "gift", "glory", "go", "gold", "good", "great", "green",
              "ground", "grow", "hand", "happy", "hard", "head", "health", "heart", "heaven", "hell", "high", "hill",
              "holy", "home", "hope", "horse", "hour", "house", "idea", "image", "island", "it", "its", "just", "key",
              "kind", "land", "large", "last", "late", "law", "lead", "left", "life", "light", "line", "little", "live",
              "long", "look", "lord", "love", "low", "main", "make", "man", "many", "mark", "may", "me", "mind", "more",
              "most", "mother", "mountain", "much", "my", "name", "nation", "nature", "near", "new", "next", "night",
              "nine", "no", "none", "north", "not", "now", "number", "old", "one", "only", "open", "or", "orange",
              "order", "other", "our", "out", "over", "page", "path", "peace", "people", "phoenix", "place", "plan",
              "play", "point", "power", "pride", "prime", "pure", "quest", "rain", "red", "rest", "right", "ring",
              "river", "road", "rock", "room", "round", "royal", "rule", "safe", "same", "sea", "second", "see",
              "seven", "shell", "silver", "six", "sky", "small", "so", "some", "south", "spirit", "spring", "square",
              "star", "start", "state", "step", "stone", "storm", "story", "street", "strong", "sun", "sure", "system",
              "take", "target", "team", "ten", "than", "that", "them", "then", "there", "these", "they", "thing",
              "third", "this", "three", "through", "time", "today", "top", "town", "tree", "true", "truth", "two",
              "under", "union", "unity", "up", "us", "very", "victory", "view", "voice", "wall", "war", "water", "way",
              "we", "well", "west", "what", "when", "where", "white", "who", "why", "wind", "with", "word", "work",
              "world", "year", "yes", "you", "young", "youth", "zero", "ace", "alloy", "avengers", "banner",
              "blackboard", "cascade", "coach", "cornerstone", "courier", "crane", "crocs", "cubic", "deluxe", "diodes",
              "escalade", "exponent", "foundation", "fossil", "frontline", "gravity", "guardian", "harmonic", "hawk",
              "holly", "icon", "immersion", "interface", "intersections", "knot", "lance", "lightning", "mavericks",
              "midas", "mosaic", "noble", "oracle", "pall", "pantry", "plexus", "pool", "progressive", "quantum",
              "skyline", "sonic", "tigers", "universal", "vale", "volcano", "harris", "graham", "rogers", "lindsay",
              "marcus", "kirby", "hawkins", "pearson", "hess", "cabot", "dover", "brady"])
GENERIC = set(["islamic", "islamist", "muslim", "arab", "national", "revolutionary", "popular", "people's", "peoples",
               "democratic", "united", "liberation", "resistance", "front", "movement", "group", "organization",
               "organisation", "council", "committee", "forces", "force", "union", "league", "alliance", "brigade",
               "brigades", "cells", "cell", "nuclei", "nucleus", "faction", "struggle", "action", "solidarity",
               "foundation", "community", "freedom", "liberty", "justice", "armed", "fighters", "international",
               "central", "federal", "supreme", "special", "anarchist", "anarchists", "communist", "socialist",
               "patriotic", "patriots", "revolution", "commando", "commandos", "squad", "unit", "defense", "defence",
               "self-defense", "self-defence", "party", "government", "ministry", "department", "court", "state",
               "army", "authority"])
NOT_AGENTS = {w.replace("_", " ") for w in ["a_cabinet_meeting", "actor", "retired", "spokesman", "spokesmen",
                                            "spokeswoman", "spokeswomen", "spokesperson", "deputy", "carrier",
                                            "chamber", "business", "industry", "boss", "islamic", "naval",
                                            "military_led", "state-owned", "semi-official", "echelon", "phalanx",
                                            "kingdom", "polity", "religion", "community", "engineer", "scientist",
                                            "hunter", "counsellor", "counselor", "counsel", "detainee", "exile",
                                            "expatriate", "believer", "athlete", "mother", "girl", "child", "children",
                                            "woman", "women", "man", "men", "people", "persons", "infant", "victim",
                                            "victims", "rabble", "looter", "raider", "convict", "culprit",
                                            "perpetrator", "assailant", "killer", "the_court", "court", "authority",
                                            "regime", "administration", "governance", "regulator", "security_check",
                                            "police_post", "police_district", "prison_house", "fighting_position",
                                            "mortar_position"]}
# Head nouns of agent entries that name places, buildings or machines, not people or bodies.
THINGS = set(["palace", "building", "embassy", "consulate", "prison", "jail", "hospital", "infirmary", "facility",
              "school", "schoolhouse", "kindergarten", "kindergarden", "preschool", "monastery", "monastary", "base",
              "barracks", "post", "garrison", "position", "site", "airliner", "jetliner", "jet", "plane", "aircraft",
              "helicopter", "helicopters", "gunship", "missile", "drone", "drones", "tank", "ship", "vessel", "boat",
              "carrier", "destroyer", "frigate", "cruiser", "warship", "battleship", "battlewagon", "corvette",
              "submarine", "warplane", "bomber", "fighter-bomber", "vehicle", "humvee", "hmmwv", "artillery", "village",
              "settlement", "neighborhood", "neighbourhood", "town", "district", "freighter", "containership", "uav",
              "apache", "hornet", "raptor", "osprey", "predator", "reaper", "kfir", "mig", "phalanx", "typhoon",
              "falcon"])
FICTIONAL = {"ERNST STAVRO BLOFELD", "RA'S AL GHUL", "HONG KIL DONG"}
KIND_FIXES = {p: "PARTY" for p in ("AFRICAN NATIONAL CONGRESS (SOUTH AFRICA)", "SANDINISTAS",
              "FARABUNDO MARTI NATIONAL LIBERATION FRONT", "AL-FATAH", "UNITA",
              "MUTTAHIDA QAMI MOVEMENT (MQM)", "MOZAMBIQUE NATIONAL RESISTANCE MOVEMENT",
              "GUATEMALAN NATIONAL REVOLUTIONARY UNITY", "COMMUNIST PARTY OF NEPAL-MAOIST (CPN-M)")}


# ---- reading -------------------------------------------------------------------------------

@dataclass
class Entry:
    """One record of an actor dictionary: its phrases (primary first), codes and first comment."""

    phrases: list[str]
    codes: list[tuple[str, str]] = field(default_factory=list)  # (code, date restriction)
    comment: str = ""


def read_actors(path: Path) -> list[Entry]:
    """Parse an actor dictionary. A primary with no code is read as a synonym of the primary that
    follows it when the two share a word (LEONID_BREZHNEV_ then LEONID_ILYICH_BREZHNEV, as
    PETRARCH reads them); otherwise it keeps the null code, as documented, and is dropped."""
    entries: list[Entry] = []
    cur = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text, _, comment = raw.partition("#")
        if (comment and text and text[-1].isalnum() and "[" not in text) or "\ufffd" in text:
            continue  # '#' inside a word (a mangled HTML entity) or undecodable bytes
        s = text.strip()
        if not s:
            continue
        codes = [(c, r.strip()) for c, r in re.findall(r"\[([^\]\s]*)\s*([^\]\[]*)\]?", s)
                 if c and c != "---"]
        phrases = [p.strip() for p in s.split("[", 1)[0].split("+") if p.strip()]
        shared = cur is not None and not cur.codes and bool(
            {w for p in cur.phrases for w in words(p)} & {w for p in phrases for w in words(p)} - SMALL_UP)
        if cur is not None and (s[0] in "[+" or shared):
            cur.phrases += phrases
            cur.codes += codes
        elif s[0] not in "[+":
            cur = Entry(phrases, codes, comment.strip())
            entries.append(cur)
    return entries


def words(phrase: str) -> list[str]:
    return [w for w in re.split(r"[_\s]+", phrase.strip("_ ,")) if w and w != "-"]


def current_code(entry: Entry) -> str | None:
    """The code in force at the latest date the entry gives, else its default code."""
    def day(d: str) -> int:
        d = re.sub(r"\D", "", d)
        return int(((("19" if int(d[:2]) >= 30 else "20") if len(d) == 6 else "") + d)[:8] or 0)
    dated = [(99999999 if r[0] == ">" else day(r.split("-")[-1] if "-" in r[1:] else r), day(r), c)
             for c, r in entry.codes if r]
    return max(dated)[2] if dated else entry.codes[0][0] if entry.codes else None


def segments(code: str) -> list[str]:
    return [code[i:i + 3] for i in range(0, len(code), 3)]


# ---- names ---------------------------------------------------------------------------------

def norm(s: str) -> str:
    s = re.sub(r"[^a-z0-9']+", " ", s.lower().replace("_", " ")).strip()
    return s[4:] if s.startswith("the ") else s


def initials(ws: list[str]) -> str:
    return "".join(p[0] for w in ws for p in re.split(r"[-/]", w) if p[:1].isalpha() and p.lower() not in SMALL)


def acronyms_of(phrases: list[str], ordinary=lambda w: False) -> set[str]:
    """An entry's acronyms: a token without vowels or the initials of a synonym, or one of up to
    four letters given in parentheses (ETA in BASQUE_FATHERLAND_AND_FREEDOM_(ETA)_)."""
    inits = [initials(words(p)) for p in phrases if len(words(p)) > 1]
    paren = set(re.findall(r"\(([A-Z][A-Z.\-]{1,6})\)", " ".join(p.replace("_", " ") for p in phrases)))
    found = {t for t in paren if len(t) <= 4 and not ordinary(t)}
    for t in {t for p in phrases for t in re.split(r"[-/_\s()]+", p)} | paren:
        if re.fullmatch(r"[A-Z]{2,6}", t) and not ordinary(t) and t.lower() not in COMMON | SMALL and (
                not re.search("[AEIOUY]", t) or t in inits or any(
                    i[:1] == t[0] and len(i) <= len(t) + 2 and re.search(".*".join(t), i) for i in inits)):
            found.add(t)
    return found


TWO_LETTER_WORDS = set(["as", "is", "it", "be", "we", "he", "me", "my", "no", "so", "up", "or", "do", "go", "if", "ok"])
LEGAL_FORM = (r",? (?:Inc\.?|Incorporated|Corp\.?|Corporation|Co\.?|Company|Ltd\.?|Limited|PLC|S\.A\.|SA|AG"
              r"|N\.?V\.?|L\.P\.|LLC)$")
NOT_ACRONYMS = {"MR", "MRS", "MS", "DR", "ST", "MT", "JR", "SR", "LTD", "CO", "INC", "CORP", "BROS"}
GEO_ACRONYMS = {"US", "UK", "UN", "EU", "AU"}


def cap(part: str, first: bool, acr: set[str], person: bool) -> str:
    if part in NOT_ACRONYMS:
        return part.capitalize()
    if part in acr | GEO_ACRONYMS or re.fullmatch(r"(?:[A-Z]\.)+|[A-Z]+\d[A-Z\d]*", part) or (not person and len(
            part) == 2 and part.isalpha() and part.lower() not in SMALL | TWO_LETTER_WORDS):
        return part  # acronyms, initials, MI6, B-52
    low = part.lower()
    if re.fullmatch(r"\d+[a-z]*", low) or (low in SMALL and not first):
        return low  # 1st, 1920s, of, al
    if re.fullmatch(r"[a-z]'[a-z]+", low):
        return low[0].upper() + "'" + low[2:].capitalize()  # D'Ivoire
    return low.capitalize()


def display(phrase: str, acr: set[str], person: bool = False) -> str:
    """'ABU_NIDAL_ORGANIZATION' -> 'Abu Nidal Organization': small words lower, acronyms upper."""
    out = [w for w in words(re.sub(r"\([^)]*\)", " ", phrase))]
    out = ["".join(p if p in "-/" else cap(p, i == 0 and j == 0, acr, person or "-" in w or "/" in w)
                   for j, p in enumerate(re.split(r"([-/])", w))) for i, w in enumerate(out)]
    return re.sub(r"^The ", "", " ".join(out)).strip(" ,-") if len(out) > 1 else " ".join(out)


@dataclass
class Lexicon:
    common: set[str]  # lower-case common words
    places: set[str]  # lower-case words of country names and demonyms
    given: set[str]  # upper-case given names of office holders
    acronyms: set[str] = field(default_factory=set)  # one-word names of IGOs (NATO, OPEC)

    def __post_init__(self) -> None:
        self.known = frozenset(self.common | self.places)

    def ordinary(self, w: str) -> bool:
        w = w.lower().strip(".,'")
        return w in self.known or (w.endswith("s") and w[:-1] in self.known) or (
            w.endswith("ies") and w[:-3] + "y" in self.known)

    def bad_name(self, name: str, strict: bool = True) -> bool:
        """A name that cannot stand for one actor: a common word, a number, a date, a phrase of
        common or generic words; `strict`: also two words of the dictionaries' vocabulary."""
        ws = [w.lower() for w in name.split()]
        if len(re.sub(r"[^A-Za-z]", "", name)) < 2:
            return True
        if {p for w in ws for p in w.split("-")} & DESCRIPTIVE:
            return True  # "Al Qaida-Affiliated", "Qatar-Based Broadcaster al-Jazeera"
        if len(ws) == 1:
            return self.ordinary(ws[0]) or (ws[0].upper() in self.given and not name.isupper())
        if (set(ws) & MONTHS and any(re.search(r"\d", w) for w in ws)) or ws[-1] in SMALL or ", then " in name:
            return True
        if strict and len(ws) == 2 and all(self.ordinary(w) and w not in self.places for w in ws):
            return True
        return all(w in GENERIC or w in COMMON or w in SMALL or re.fullmatch(r"[\d\-]+", w) for w in ws)

    def is_person(self, phrase: str, dated: bool = False, strict: bool = False) -> bool:
        """A personal name: titles or place words first ("American President"), then one to four
        words, none of a body, generic or a number, the last not a common word; and a title, a
        known given name (not for companies: `strict`) or an office's dates."""
        ws = words(re.sub(r"\([^)]*\)", " ", phrase))
        i, titled = 0, False
        while i < len(ws) - 1 and (ws[i].rstrip(".") in TITLES or ws[i].lower() in self.places):
            titled, i = titled or ws[i].rstrip(".") in TITLES, i + 1
        core = ws[i:]
        if not core or any(w.strip(",'") in ORG_WORDS or w.lower() in GENERIC or re.search(r"\d", w)
                           for w in ws):
            return False
        if titled and len(core) == 1:
            return not self.ordinary(core[0])
        return 2 <= len(core) <= 4 and (dated or (not strict and core[0] in self.given) or (
            titled and not self.ordinary(core[-1])))


# ---- countries -----------------------------------------------------------------------------

@dataclass
class Country:
    name: str
    spellings: list[str]  # normalised: countryinfo's name first, then its alternative spellings
    capitals: set[str]
    provinces: set[str]
    demonyms: list[str]
    codes: set[str]  # countryinfo's short spellings: "us", "usa"


def load_countries() -> dict[str, Country]:
    """countryinfo's countries by ISO alpha-3 (the most populous entry where two share a code)."""
    best: dict[str, tuple[int, Country]] = {}
    for info in all_countries():
        d = info.info()
        iso, name, pop = (d.get("ISO") or {}).get("alpha3"), d.get("name"), int(d.get("population") or 0)
        if not iso or not name or (iso in best and best[iso][0] >= pop):
            continue
        capital: str | list[str] = d.get("capital") or []
        caps: list[str] = [capital] if isinstance(capital, str) else list(capital)
        spell = [norm(s) for s in d.get("altSpellings") or [] if len(s) > 3 and s.isascii()]
        short = {s.lower() for s in d.get("altSpellings") or [] if len(s) <= 3 and s.isalpha()}
        best[iso] = (pop, Country(name, [norm(name)] + spell, {norm(c.removesuffix(" D.C.")) for c in caps},
                                  {norm(p) for p in d.get("provinces") or []},
                                  [norm(x) for x in (d.get("demonym") or "").split(",") if x.strip()], short))
    return {k: v for k, (_, v) in best.items()}


AFFIXES = set(["republic", "islamic", "democratic", "people's", "peoples", "federal", "federative", "kingdom", "state",
               "united", "socialist", "arab", "federation", "commonwealth", "principality", "sultanate", "emirate",
               "grand", "duchy", "union", "of", "the", "and"])


DEMONYM_ENDINGS = ("n", "ns", "an", "ans", "ian", "ians", "i", "is", "er", "ers", "men", "ese", "ish")


def classify(n: str, c: Country, ordinary) -> str | None:
    """'name', 'adjective' or None (a place that is not the state: province, city, region).
    A name is a spelling or the capital, close to a spelling (typos), or one distinctive word
    close to a word of a spelling with state affixes around it (ISLAMIC_REPUBLIC_OF_AFGHANISTAN)."""
    if n in c.demonyms or n.removesuffix("s") in c.demonyms:
        return "adjective"  # before the spellings: countryinfo lists "Thai" among Thailand's
    if n in c.spellings or n in c.capitals or n.replace(" ", "") in c.codes:
        return "name"  # U.S.A. is USA
    if n in c.provinces:
        return None
    sim_name = max(ratio(n, t) for t in c.spellings)
    stems = set(c.spellings) | {w for t in c.spellings for w in t.split() if len(w) >= 4 and w not in AFFIXES}
    derived = any(n in (s + x, s[:-1] + x) for s in stems for x in DEMONYM_ENDINGS)  # BOSNIA + NS
    near = any(re.search(r"(an|ese|ish|i|ic|er|ot)s?$", n) and len(n) >= len(dem) - 1
               and ratio(n, dem) >= 0.85 and ratio(n, dem) > sim_name for dem in c.demonyms)  # ISREALI
    if c.demonyms and n not in stems and (derived or near):
        return "adjective"
    if sim_name >= 0.85:
        return "name"
    core = [w for w in n.split() if w not in AFFIXES]
    if len(core) != 1 or ordinary(core[0]):
        return None
    targets = {w for t in c.spellings for w in [t] + t.split() if len(w) >= 5 and w not in AFFIXES}
    return "name" if targets and max(ratio(core[0], t) for t in targets) >= 0.85 else None


def ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def country_table(entries: list[Entry], countries: dict[str, Country], institutions: dict[str, list[str]],
                  lex: Lexicon) -> dict[str, dict]:
    """Names, adjectives and institutions of each country, from its blocks in the countries file."""
    found: dict[str, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    plain = Lexicon(lex.common, set(), lex.given, lex.acronyms)
    for e in entries:
        code = current_code(e) or ""
        iso = CAMEO_TO_ISO.get(code, code) if len(code) == 3 else None
        if iso not in countries:
            continue
        acr = acronyms_of(e.phrases, plain.ordinary)
        for p in e.phrases:
            name = display(p, acr)
            if name.replace(".", "").lower() in countries[iso].codes:
                name = name.upper()  # BIH, U.S.A.
            what = classify(norm(name), countries[iso], plain.ordinary)
            if not plain.bad_name(name, strict=False):
                # a province or city is kept apart as a place: never the state, never an actor
                found[iso][(what + "s") if what else "places"].setdefault(norm(name), name)
    for iso, phrases in institutions.items():
        for name in usable_names(phrases, "STATE", lex):
            found[iso]["institutions"].setdefault(norm(name), name)
    # A name two countries give belongs to the one whose own name or spelling it is, else to none.
    owners: dict[str, set[str]] = defaultdict(set)
    for iso, parts in found.items():
        for n in parts["names"]:
            owners[n].add(iso)
    out = {}
    for iso in sorted(found):
        parts, c = found[iso], countries[iso]
        names = [v for k, v in parts["names"].items() if len(owners[k]) == 1 or k in c.spellings]
        out[iso] = {"name": c.name, "names": sorted(names, key=str.casefold)} | {
            k: sorted(parts[k].values(), key=str.casefold) for k in ("adjectives", "institutions", "places")}
    return out


# ---- actors --------------------------------------------------------------------------------

def classify_code(code: str, source: str, countries: dict[str, Country]) -> tuple[str | None, str | None]:
    """(kind, ISO3 country) of a CAMEO actor code; kind "STATE" for a government's own bodies."""
    segs = segments(code)
    head, rest = segs[0], segs[1:]
    iso = lambda s: (CAMEO_TO_ISO.get(s, s) if CAMEO_TO_ISO.get(s, s) in countries else None)  # noqa: E731
    if head in ("IGO", "NGO", "MNC", "IMG", "MED"):
        kind = {"IGO": "IGO", "NGO": "ORG", "IMG": "ARMED_GROUP", "MED": "MEDIA"}.get(head)
        if head == "MNC":
            kind = "COMPANY"  # MNC...MED are telecoms, advertising, printing, not news outlets
        return kind, (iso(rest[0]) if rest and rest[0] not in SECTORS and kind != "IGO" else None)
    country = iso(head)
    if country is None and head in SECTORS:
        rest = segs  # a code that starts with its sector (HINRAD)
    elif rest and rest[0] not in SECTORS:
        return None, None  # a territory or region of a state (GBRGIB, PSEGZA)
    if source == "mil" or ARMED & set(rest):
        return ("PARTY" if "PTY" in rest else "ARMED_GROUP"), country
    first = "PTY" if "PTY" in rest else rest[0] if rest else None
    kind = {"PTY": "PARTY", "MED": "MEDIA", "BUS": "COMPANY"}.get(first or "")
    if first in STATE:
        kind = "STATE"
    elif kind is None and first in SECTORS - {"ELI", "PPL", "CVL"}:
        kind = "ORG"
    return kind, country


def usable_names(phrases: list[str], kind: str, lex: Lexicon) -> list[str]:
    """The names of an actor that can stand for it alone, display name first. A group's synonyms
    that are people's names, or end with a person's surname (Nasrallah), are dropped; a person
    keeps only names of two words or more that name no body."""
    acr = acronyms_of(phrases, lex.ordinary) | lex.acronyms
    people = [] if kind == "PERSON" else [p for p in phrases if lex.is_person(p)]
    surnames = {w.split("-")[-1] for p in people for w in words(p)[1:] if len(w) > 2 and w.lower() not in SMALL}
    out: dict[str, str] = {}
    phrases = [q for p in phrases for q in [p] + [a for a in re.findall(r"\(([A-Z][A-Z.\-]{1,6})\)", p)
                                                  if a in acr]]
    for p in phrases:
        ws = words(p)
        if p in people or (len(ws) <= 4 and not set(ws) & ORG_WORDS and any(
                ratio(ws[-1].split("-")[-1], s) >= 0.8 for s in surnames)):
            continue
        name = display(p, acr, kind == "PERSON")
        if kind == "PERSON" and (len(name.split()) < 2 or {w.strip(",") for w in ws} & ORG_WORDS):
            continue
        short = re.sub(LEGAL_FORM, "", name) if kind == "COMPANY" else name  # "Nordstrom Inc"
        for n in (name, short):
            if not lex.bad_name(n, strict=kind != "STATE"):
                out.setdefault(norm(n), n)
    names = list(out.values())
    if names and kind != "PERSON" and re.fullmatch(r"[A-Z.&/-]+", names[0]):  # "WB": show the long name
        names.sort(key=lambda n: len(n.split()) < 2)
    return names


@dataclass
class Actor:
    kind: str
    code: str
    country: str | None
    phrases: list[str]
    seq: int  # order of reading, so that merging is the same whatever the set order

    def keys(self) -> set[str]:
        """Keys under which two entries of one code are one actor: a shared name, or one's one-word
        name being the initials of the other's name of three words or more (IAEA_ and
        INTERNATIONAL_ATOMIC_ENERGY_AGENCY_)."""
        ws = [words(p) for p in self.phrases]
        return ({"=" + norm(p) for p in self.phrases} | {"i" + initials(w) for w in ws if len(initials(w)) > 2}
                | {"a" + w[0] for w in ws if len(w) == 1})


def merge_key(k: str) -> str:
    return {"i": "a", "a": "i"}.get(k[0], "=") + k[1:]


def collect_actors(entries: dict[str, list[Entry]], countries: dict[str, Country], lex: Lexicon,
                   institutions: dict[str, list[str]]) -> list[Actor]:
    """Actors of the three files; entries of one code sharing a name (or initials) are merged."""
    merged: dict[tuple[str, str], dict[str, Actor]] = defaultdict(dict)
    seen: list[Actor] = []
    for source, items in entries.items():
        for e in items:
            code, primary = current_code(e), " ".join(words(e.phrases[0])) if e.phrases else ""
            if not code or primary in FICTIONAL or (source == "countries" and len(code) == 3):
                continue
            kind, country = classify_code(code, source, countries)
            bodies = [p for p in e.phrases if set(words(p)) & ORG_WORDS]
            if "kkl" not in e.comment and 2 * len(bodies) < len(e.phrases) and (
                    PERSON_NOTE.search(e.comment) or lex.is_person(
                        e.phrases[0], any(r for _, r in e.codes), strict=code.startswith("MNC"))):
                if kind == "STATE" and country:  # "OBAMA_ADMINISTRATION" under BARACK_OBAMA
                    institutions.setdefault(country, []).extend(bodies)
                kind = "PERSON" if source == "countries" else None  # people elsewhere are dropped
            kind = KIND_FIXES.get(primary, kind)
            if kind == "STATE" and country:
                institutions.setdefault(country, []).extend(e.phrases)
            if kind not in (None, "STATE"):
                actor = Actor(kind, code, None if kind == "IGO" else country, list(e.phrases), len(seen))
                seen.append(actor)
                index = merged[(kind, code)]
                keys = actor.keys() if kind != "PERSON" else {f"#{len(index)}"}
                others = {id(index[merge_key(k)]): index[merge_key(k)] for k in keys if merge_key(k) in index}
                for other in sorted(others.values(), key=lambda a: -a.seq):  # the earliest ends up first
                    actor.phrases[:0] = other.phrases
                    keys |= other.keys()
                index.update({k: actor for k in keys})
    return list({id(a): a for index in merged.values() for a in index.values()}.values())


def finish_actors(actors: list[Actor], lex: Lexicon, taken: set[str]) -> list[dict]:
    """Name each actor, merge namesakes of one kind and country, drop names two actors claim and
    names the countries file gives a state (`taken`)."""
    by_name: dict[tuple[str, str, str | None], dict] = {}
    for a in actors:
        names = usable_names(a.phrases, a.kind, lex)
        if names:
            rec = by_name.setdefault((a.kind, norm(names[0]), a.country),
                                     {"kind": a.kind, "code": a.code, "country": a.country, "names": []})
            have = {norm(n) for n in rec["names"]}
            rec["names"] += [n for n in names if norm(n) not in have]
    owners: dict[str, int] = defaultdict(int)
    for rec in by_name.values():
        for n in {norm(n) for n in rec["names"]}:
            owners[n] += 1
    out = []
    for rec in by_name.values():
        names = [n for n in rec["names"] if owners[norm(n)] == 1 and norm(n) not in taken]
        if names:
            out.append({"name": names[0], "kind": rec["kind"], "code": rec["code"],
                        "country": rec["country"], "aliases": names[1:]})
    return sorted(out, key=lambda r: (r["name"].casefold(), r["name"], r["kind"], r["code"]))


# ---- agents --------------------------------------------------------------------------------

CODES = {  # the first three letters of an agent code: (meaning, group label)
    "AGR": ("agriculture: farmers, fishers", "farmers"), "BUS": ("business", "businesses"),
    "BUD": ("Buddhists", "Buddhists"), "CHR": ("Christians", "Christians"),
    "COP": ("police, law enforcement, prisons", "police"), "CRM": ("criminals", "criminals"),
    "CVL": ("civilians", "civilians"), "EDU": ("education: students, teachers, academics", "students"),
    "ELI": ("elites: former officials, notables", "elites"), "ENV": ("environmentalists", "environmentalists"),
    "GOV": ("government: executive, ministries, officials, diplomats", "officials"),
    "HIN": ("Hindus", "Hindus"), "HLH": ("health: doctors, nurses, hospitals", "medical workers"),
    "HRI": ("human rights activists and groups", "rights activists"), "IMG": ("militant groups", "militants"),
    "JEW": ("Jews", "Jews"), "JUD": ("judiciary: judges, courts, prosecutors", "judiciary"),
    "LAB": ("labour: workers, unions", "workers"), "LEG": ("legislature: parliament, lawmakers", "legislators"),
    "MED": ("media: journalists, outlets", "media"), "MIL": ("military", "soldiers"),
    "MUS": ("Muslims", "Muslims"), "NGO": ("non-governmental organisations", "aid groups"),
    "OPP": ("political opposition, dissidents, protesters", "opposition"), "PPL": ("people", "people"),
    "PTY": ("political parties, politicians", "politicians"), "RAD": ("radicals, extremists", "extremists"),
    "REB": ("rebels, insurgents", "rebels"), "REF": ("refugees, displaced people", "refugees"),
    "REL": ("religious figures and groups", "religious figures"),
    "SPY": ("intelligence services", "intelligence services"),
    "UAF": ("armed groups aligned with no state: militants, gunmen", "militants"),
}
# Within opposition, education and media, the head noun names a narrower group than the code.
HEAD_LABELS = {"protester": "protesters", "protestor": "protesters", "demonstrator": "protesters",
               "rioter": "rioters", "picketer": "protesters", "student": "students", "pupil": "students",
               "teacher": "teachers", "schoolteacher": "teachers", "professor": "teachers",
               "lecturer": "teachers", "educator": "teachers", "journalist": "journalists",
               "reporter": "journalists", "correspondent": "journalists", "columnist": "journalists",
               "editor": "journalists", "blogger": "journalists"}
FAITHS = {"MUS", "CHR", "JEW", "BUD", "HIN", "REL"}
STEMS = {"minist": ["minister", "ministry"], "authorit": ["authority"], "industr": ["industry"]}


def expand(form: str, subst: dict[str, list[str]]) -> list[str]:
    """The nouns a dictionary phrase stands for: sets substituted, stems completed, lower case."""
    forms = [form]
    for marker, items in subst.items():
        if re.search(rf"[A-Z]{re.escape(marker)}[A-Z]", form):
            return []  # AD!MINIST!RATION: a substitution inside a word
        forms = [f.replace(marker, i) for f in forms for i in items] if marker in form else forms
    out = []
    for ws in ([w.lower() for w in re.split(r"[_\s]+", f.strip("_ ")) if w] for f in forms):
        out += [" ".join(ws[:-1] + [end]) for end in STEMS.get(ws[-1], [ws[-1]])] if ws else []
    return out


def read_agents(path: Path) -> dict[str, dict]:
    """Agent nouns with their code, sector and group label."""
    subst: dict[str, list[str]] = {}
    out: dict[str, dict] = {}
    ambiguous: set[str] = set()
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if m := re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", line):
            subst[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        m = re.fullmatch(r"(.+?)\s*(?:\{([^}]*)\})?\s*\[~([A-Z]+)[\]}]", line)
        if not m:
            continue  # no code, or a prefix code such as IGO~
        code = m.group(3)
        segs = [g for g in segments(code) if g in CODES]  # the role decides: MUSUAF is militants
        seg = next((g for g in segs if g not in FAITHS), segs[0] if segs else code[:3])
        for noun in expand(m.group(1), subst) + expand((m.group(2) or "").strip(), subst):
            if noun in NOT_AGENTS or not re.fullmatch(r"[a-z' -]+", noun) or noun.split()[-1] in SMALL | THINGS:
                continue
            head = noun.split()[-1]
            label = CODES[seg][1]
            if seg in ("OPP", "EDU", "MED"):
                label = HEAD_LABELS.get(head, HEAD_LABELS.get(head.removesuffix("s"), label))
            spec = {"code": code, "sector": "state" if seg in STATE else "nonstate", "label": label}
            if noun in out and out[noun]["sector"] != spec["sector"]:
                ambiguous.add(noun)
            out.setdefault(noun, spec)
    return {k: v for k, v in sorted(out.items()) if k not in ambiguous}


# ---- output --------------------------------------------------------------------------------

def header(files: str, what: str, hand: str = "actors.yaml") -> str:
    return (f"# {what}\n# Generated by tools/derive_gazetteer.py from {files}\n# of {SOURCE}.\n"
            f"# Licence: {LICENCE}.\n# Do not edit by hand: corrections and additions go in "
            f"src/claimgraph/data/{hand}, which wins over this file.\n")


class RowDumper(yaml.SafeDumper):
    """A list of one-line mappings: '- {name: ..., kind: ..., aliases: [...]}'."""

    def represent_mapping(self, tag, mapping, flow_style=None):
        return super().represent_mapping(tag, mapping, flow_style=True)


def dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100)


def lexicon(resources: Path, countries: dict[str, Country], office_holders: list[Entry]) -> Lexicon:
    """Common words (every word of the agents and verb dictionaries, and COMMON), words of country
    names and demonyms, and the given names of CountryInfo's office holders."""
    text = "".join((resources / "petrarch2" / f).read_text(encoding="utf-8", errors="replace")
                   for f in ("Phoenix.agents.txt", "CAMEO.2.0.txt"))
    common = COMMON | SMALL | {w.lower() for w in re.findall(r"[A-Z][A-Z']+", re.sub(r"#.*", "", text))}
    places = {w for c in countries.values() for n in [c.spellings[0], *c.demonyms] for w in n.split()}
    firsts = {words(e.phrases[0])[0] for e in office_holders if "CountryInfo" in e.comment and e.phrases}
    given = {"ABU", "UMM"} | {w for w in firsts if w.isalpha() and len(w) > 2 and w not in ORG_WORDS | TITLES
             and w.lower() not in common | places}
    return Lexicon(common, places, given)


def derive(resources: Path, out: Path) -> None:
    pet = resources / "petrarch2"
    countries = load_countries()
    entries = {"countries": read_actors(pet / "Phoenix.Countries.actors.txt"),
               "international": read_actors(pet / "Phoenix.International.actors.txt"),
               "mil": read_actors(pet / "Phoenix.MilNonState.actors.txt")}
    lex = lexicon(resources, countries, entries["countries"])
    lex.acronyms = {w[0] for e in entries["international"] if (current_code(e) or "").startswith("IGO")
                    for w in map(words, e.phrases) if len(w) == 1 and re.fullmatch(r"[A-Z]{3,7}", w[0])
                    and not lex.ordinary(w[0])}
    institutions: dict[str, list[str]] = {}
    actors = collect_actors(entries, countries, lex, institutions)
    table = country_table(entries["countries"], countries, institutions, lex)
    taken = {norm(n) for c in table.values() for k in ("names", "institutions") for n in c[k]}
    rows = finish_actors(actors, lex, taken)
    agents = read_agents(pet / "Phoenix.agents.txt")
    codes = {c: {"meaning": m, "sector": "state" if c in STATE else "nonstate", "label": lab}
             for c, (m, lab) in sorted(CODES.items())}
    out.mkdir(parents=True, exist_ok=True)
    (out / "phoenix_countries.yaml").write_text(header(
        "Phoenix.Countries.actors.txt", "Countries by ISO 3166 alpha-3 code: countryinfo's name, the "
        "country's own names, adjectives and state institutions.", "countries.yaml (and actors.yaml)")
        + dump(table), encoding="utf-8")
    (out / "phoenix_actors.yaml").write_text(header(
        "Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt, Phoenix.Countries.actors.txt",
        "International and non-state actors and people: display name, kind, CAMEO code, ISO3 country, aliases.")
        + yaml.dump(rows, Dumper=RowDumper, sort_keys=False, allow_unicode=True, width=10**6),
        encoding="utf-8")
    (out / "agents.yaml").write_text(header(
        "Phoenix.agents.txt", "Generic agents: noun -> agent code, sector, group label; then the codes. "
        "A combined code\n# (GOVMIL, MUSUAF) takes sector and label from its first part that is not a faith.",
        "agents.yaml")
        + dump({"agents": agents, "codes": codes}), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--resources", type=Path, default=ROOT.parent / "shared" / "resources")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "claimgraph" / "data" / "derived")
    args = ap.parse_args()
    derive(args.resources, args.out)


if __name__ == "__main__":
    main()
