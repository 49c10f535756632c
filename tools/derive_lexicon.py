"""Derive relation cues from PETRARCH2's CAMEO verb dictionary and PLOVER's CAMEO->PLOVER table.

    .venv/bin/python tools/derive_lexicon.py [--resources ../shared/resources]
                                             [--out src/claimgraph/nlp/lexicon/derived]

Run by hand, never at install time; standard library + PyYAML only. The output
(`cameo.yaml`) is byte-for-byte deterministic: the same inputs always give the same file
(lemmas sorted, frame keys in one fixed order, object lists sorted, no set or hash order
anywhere), which tests/test_derived_lexicon.py checks.

Inputs (under --resources)
--------------------------
* petrarch2/CAMEO.2.0.txt   -- PETRARCH2's verb dictionary (MIT, (c) 2014 Open Event Data
  Alliance; petrarch2 commit 676801cd9cb2), grammar documented in petrarch2/dictionaries.rst.
* petrarch2/Phoenix.agents.txt -- only read for its single-word agent nouns (police, journalist,
  government...), which tell a pattern's object that is a *who* from one that is a *what*.
* plover/CAMEO2PLOVER-2021.txt -- the CAMEO -> PLOVER table (CC BY-SA 4.0, PLOVER commit
  5e0c24fba623). Whatever is derived from it stays CC BY-SA 4.0.

Mapping rules
-------------
1. Codes. A code `[A:B]` is read as A (the source->target event; B is the reverse event);
   `[:B]` (only a reverse event), `[---]`, an empty or a malformed code give no event; a stray
   `!` is ignored. A code is mapped through the PLOVER table by its longest known prefix: the
   4-digit code, then its 3 digits, then its 2-digit family. A 2-digit family the table gives
   two types (08: CONCEDE and RETREAT) is ambiguous and maps to nothing (every 08x code of the
   dictionary has its own 3/4-digit row anyway). Codes mapping to none of the 17 types are
   dropped: 01x public statements and the null code; GUIDELINE_CODES (below) overrides the table
   where the project's annotation guidelines code an event otherwise (02x appeals are REQUEST).
2. Verb lines. Each line of a `--- NAME [code] ---` block is a verb; its own `[code]` wins over
   the block's. Lemma = the verb word in lower case. Inflected forms written as lines of their
   own (FORGAVE, BURNT, SAW...: NOT_BASE_FORMS, or a form another line of the block lists in
   `{...}`), coordinations (KILLED_AND), pre-compounds (WIRE_+TAP, which the dictionary's own
   notes say the parser mishandles) and non-letter words are skipped. In a multi-word verb
   (`+CALL_OFF`) the word after the verb is
   - a particle (PARTICLES; in/on/over only for PHRASAL_IN_ON verbs) -> a phrasal frame
     (lemma `call`, `prt: "off"`); particle + preposition (LIVE_UP_TO) -> prt + `prep:` target;
   - a preposition -> a `prep:WORD` target (MEET_WITH -> meet, target prep:with);
   - a noun -> an object-constrained frame (WAGE_WAR -> wage, object [war]);
   - an adjective (ADJECTIVE_COMPLEMENTS: SET_FREE) or more words -> skipped.
3. One frame per verb line key (lemma, prt, object, prep). When a key is on lines in several
   blocks, a line with its own code wins over lines inheriting their block's, then the more
   specific code (4 digits > 3 digits not ending in 0 > a family's root x0 > no code), then
   the earlier line. Lines of the same rank giving different types: the key is ambiguous and
   dropped. An own `[---]` counts: the dictionary says that verb alone is no event.
   The plain key is the lemma's default frame, target `[dobj]`, plus a `prep:WORD` for every
   preposition that a pattern of the lemma puts the target `+` after (`- * (AGAINST +)`) with
   the same type. STOP_VERBS (with the reason for each group) get no default frame and no
   prepositional frame, only phrasal and object frames; STOP_PHRASALS get no bare phrasal frame;
   NO_FRAME_VERBS (auxiliaries, reporting and perception verbs) get no frame at all.
4. Patterns (`- ... [code]`) apply to the verb(s) named in their comment (`# RUSH`, `# STEP_UP ,
   STEPPED_UP`: the verb the pattern was written for, matched through its inflections); with no
   verb named, to the block's plain verbs if it has at most two, else to none. (PETRARCH applies
   every pattern to the whole block; over WordNet-sized synsets that multiplies noise.) Under a
   phrasal line (STEP_UP) the pattern inherits the particle. Only the shapes a frame can express
   are read: `* [prt] [object] [prt] [(PREP +) | PREP +]`, `* +`, `* (PREP +)`. Skipped: words
   before `*` (subject or passive constraints), `$`, `^` or `%` after it, a preposition with a
   fixed noun (`(FOR AID)`, also `AGREE * ON SOLUTION`: a frame cannot constrain a
   prepositional object), a bare `(PREP)` without `+`, adverbs (-LY) and function words, two
   noun slots, patterns under copulas (REMAIN + adjective), and objects that name a who (agent
   nouns of Phoenix.agents.txt, PERSON_SYNSETS, PERSON_NOUNS: the object would then be the
   target, which `when_target` in triggers.yaml says better), generic or non-nouns
   (STOP_NOUNS, NON_NOUNS, -ed participles). An object is the head of its phrase (the last word
   of `{...}`) or every head of an `&NAME` noun synset, singularised.
   A pattern gives a key (prt, object lemmas, target prepositions) and a type:
   - no prt, no object: merged into the default frame as `prep:WORD` when the type is the same,
     else a frame of its own `target: [prep:WORD]` (a `* +` with another type is dropped: the
     default wins);
   - prt: a phrasal frame, target `[dobj]` + its prep slots + NOUN_TARGETS[type] (the target of
     a phrasal verb mostly follows a preposition: "crack down on X", "give in to X"); a verb
     line's own phrasal frame wins when that line has its own code, patterns win over a code
     the line inherits from its block;
   - default (plain) frame: `[dobj]` + its patterns' prep slots + VERB_TARGETS[type];
   - object: kept only when its type differs from the frame it refines (the phrasal frame of the
     same prt, else the default) or that frame does not exist. Target: `prep:P` and
     `object-prep:P` for the pattern's `(P +)`, else for each P of NOUN_TARGETS[type] (and
     OBJECT_EXTRA_TARGETS): "launch an attack on X" hangs `on` on either word.
   Several patterns for one key (duplicate lines counted once): the barest object phrase wins
   (`ATTACK` over `{MOCK ATTACK}`), then the type most patterns give, then the noun's own type
   (rule 5), then the more specific code, then the smaller code. Frames of one lemma with the
   same prt and type (object-constrained or not) are merged, their objects and target slots
   pooled; `cameo` is the code most of them come from (ties: the smaller).
5. Nouns. An object carries the event itself when a light verb (LIGHT_VERBS: launch, stage,
   hold, voice, carry out...) keeps it: under "reject talks" or "lift sanctions" the type is the
   verb's doing, under "hold talks" or "impose sanctions" it is the noun's. A noun gets type T
   when at least two light verbs give it T and no other type has more than half as many; one
   is enough when the noun is also the lemma of a verb whose default frame is T (attack,
   protest, support). STOP_NOUNS, NON_NOUNS and who-nouns are left out. Targets: NOUN_TARGETS.
6. Output: `verbs:` and `nouns:` map a lemma to a frame or a list of frames (default first, then
   by prt, object presence, objects, type), keys `type`, `target`, `prt`, `object`, `cameo`
   only, lemmas sorted, each frame on one line; `skipped` counts are printed, not written.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_RESOURCES = ROOT.parent / "shared" / "resources"
DEFAULT_OUT = ROOT / "src" / "claimgraph" / "nlp" / "lexicon" / "derived"

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "AFFILIATE")

# Verbs whose default (bare) frame is not kept, by reason: their CAMEO default would fire on
# ordinary prose. Their phrasal (prt) and object-constrained frames are still derived, since the
# particle or the object is what makes them specific ("take hostages", "call off talks").
_STOP_VERBS_BY_REASON: dict[str, str] = {
    # light, auxiliary, reporting and motion verbs: the event is in their object or complement
    "light verb": "be have do make get take give go come say tell put set hold keep bring send carry run "
                  "call open move turn leave reach see hear find use show look seem",
    # modal-like or mental-state verbs under a code (030 intend, 040 consult, 100 demand)
    "modal or mental state": "need want aim mean expect plan prepare decide determine intend ensure seek strive "
                             "endeavor endeavour ready consider contemplate think ponder mull muse meditate "
                             "ruminate reason reconsider weigh speculate learn excogitate innovate",
    # WordNet synonyms that share a CAMEO synset but not its event sense
    "synset drift (060 cooperate)": "abate accord add administer ameliorate amplify appease apportion assign "
                                    "assuage attach attire augment benefit bequeath bestow better bind blend "
                                    "boost chain coalesce combine command compound conduct conflate connect "
                                    "constitute control deepen dictate direct ease enact endow enhance enjoin "
                                    "enlarge enlist enroll entrust escalate establish exaggerate expand "
                                    "expediate facilitate found fuse gear govern handle head heighten improve "
                                    "increase institute intensify issue lead magnify manage merge mitigate "
                                    "oversee prescribe redouble regulate relate render rule serve simplify "
                                    "steer stock supervise supervize task tender unify link trade",
    "synset drift (080 yield)": "approve arbitrate authorise authorize bide bow clear compromise concession "
                                "detach disconnect disengage disentangle empower enable fill intercede "
                                "intermediate legislate mediate negotiate pass permit allow recede resettle "
                                "resign resolve retire settle submit tease undo untie verify satify retreat "
                                "withdraw ratify abide countenance",
    "synset drift (190/180 force)": "best blow break bust circle conflict corrupt crack damage desolate die "
                                    "disarm dominate duel explode grapple hammer hang hit hurt impair mar "
                                    "master match overcome overshadow overtake overwhelm pit quarrel ring ruin "
                                    "shatter spoil struggle surmount tarnish tear vitiate wrestle contaminate "
                                    "fire engage crush smash harm kick",
    "synset drift (09x investigate, 11x disapprove)": "analyse argue ascertain audit aver avow bemoan check "
                                                      "claim comb compensate compete contend contest contradict "
                                                      "contrast contravene counter counterbalance cry debase "
                                                      "defile degrade despair differ dig disagree disappoint "
                                                      "discourage dishearten dismay dismiss examine explore "
                                                      "express grieve humble inspect mine monitor mourn rake "
                                                      "reexamine regret research sadden scan search skim slight "
                                                      "spy study suspect swear sweep unearth wail weep whine "
                                                      "wrangle lament despise",
    "synset drift (160 reduce relations)": "abort betray countermine disarray disband disorder disrupt",
    "synset drift (050/051 support)": "admit advertise advertize affect associate bargain barter collaborate "
                                      "concert confess confide conform cooperate coordinate correlate deal "
                                      "divulge enliven expose exuberate exult galvanize haggle harmonise "
                                      "harmonize impact influence integrate invigorate orchestrate organise "
                                      "organize persuade prefer prize profess promote reveal revitalize rouse "
                                      "spur synchronise synchronize tempt triumph unionise unionize unveil value "
                                      "agree celebrate cheer clap commemorate esteem sanctify inspire embolden "
                                      "reassert affirm formalize greet toast",
    "synset drift (040 consult)": "acquaint amass approach arrive assemble attend brave cable cluster "
                                  "conglomerate congregate conjoin constellate converge debate depart dock egress "
                                  "elicit embark encounter face flock gather huddle insert interact introduce "
                                  "journey notify promulgate reinvite tour travel unite confront join",
    "synset drift (100 demand)": "bid campaign clamor clamour crusade decree insist necessitate order push",
    "psychological verbs (140 dissent)": "agonise agonize annoy arouse badger bother discomfit disconcert "
                                         "disquiet disturb enkindle harass harry hassle irk irritate pester "
                                         "plague provoke rag torment upset vex agitate",
    "synset drift (030 intend)": "assure certify comply groom resurrect resuscitate revive signal subscribe "
                                 "train volunteer vote guarantee vouch",
    "synset drift (07x aid)": "contribute donate evacuate interfere intervene stabilise stabilize tend ward "
                              "airlift",
    "synset drift (17x coerce)": "appropriate bill block catch constrain contain enclose enforce exclude "
                                 "extract grab impel impose infest inflict inhabit levy moderate overturn "
                                 "pirate pluck pull reimpose reinforce remove reside revolutionise revolutionize tax "
                                 "withhold "
                                 "crackdown",
    "synset drift (120 reject)": "decline defect defer delay fail forestall postpone prevent procrastinate "
                                 "remit retard shelve stall table inhibit override object hamper hinder impede",
    "synset drift (130/150)": "risk endanger garner parade",
    # the thing given or bought is the direct object, not the actor the event is about
    "object is the thing, not the target": "allocate allot award buy purchase import export invest lend loan "
                                           "provide exchange swap grant pay extradite",
}
STOP_VERBS: frozenset[str] = frozenset(w for words in _STOP_VERBS_BY_REASON.values() for w in words.split())

# Verbs that get no frame at all, not even phrasal or object ones: auxiliaries, reporting,
# perception and belief verbs. Their subject reports or perceives the event ("X reported an
# attack", "X confirmed the arrest"), it does not do it; attribution reads them.
NO_FRAME_VERBS: frozenset[str] = frozenset(
    ["be", "have", "do", "say", "tell", "report", "confirm", "claim", "acknowledge", "admit", "believe", "think",
     "know", "expect", "witness", "hear", "see", "describe", "suggest", "quote", "publish", "show", "assess",
     "highlight", "stress", "underline"])

# Phrasal verbs whose CAMEO code is a loose synset default that misreads ordinary prose
# ("find out" 040 consult, "step up" 060 cooperate, "cut down" 194 artillery, "kick off" 046).
STOP_PHRASALS: frozenset[str] = frozenset({
    "arrive back", "find out", "go away", "go forth", "walk out", "get out", "talk over", "hash out",
    "tie in", "step up", "gear up", "glance over", "look over", "pull together", "kick off", "break away",
    "break off", "press on", "cut down", "drum up", "fight down", "beef up",
})

# Nouns that patterns use as objects but that carry no event on their own.
STOP_NOUNS: frozenset[str] = frozenset({
    "part", "control", "step", "action", "measure", "effort", "power", "position", "way", "end",
    "time", "place", "role", "decision", "plan", "issue", "matter", "point", "hand", "side",
    # made event nouns by the rule of light verbs, but not inter-actor events in news prose
    "election", "game", "flight", "study", "search", "fear", "mission", "trip", "readiness", "letter",
    "regulation", "decree", "condition", "claim", "initiative", "thank", "satisfaction",
})

# Light (support) verbs: they keep the event of their object ("launch an attack", "voice support",
# "hold talks"), so the type that patterns give a noun under them is the noun's own type. Under
# other verbs ("reject talks", "lift sanctions") the pattern's type is the verb's doing.
LIGHT_VERBS: frozenset[str] = frozenset({
    "announce", "begin", "carry out", "commit", "conduct", "continue", "declare", "deliver", "engage",
    "enter", "escalate", "express", "extend", "file", "forge", "give", "hold", "impose", "initiate",
    "intensify", "issue", "keep up", "launch", "level", "lodge", "make", "mount", "offer", "open",
    "organise", "organize", "perform", "provide", "pursue", "raise", "reach", "reaffirm", "reiterate",
    "renew", "repeat", "restate", "resume", "send", "set", "sign", "stage", "start", "step up",
    "undertake", "unleash", "voice", "wage",
})

# Target slots of an event noun (and of an object-constrained verb frame) by type.
# Prepositions whose object is the target of a plain verb of a type even when no pattern of the
# verb says so: intransitive uses news prose makes of them ("protested against X", "withdrew from X",
# "retaliated against X", "negotiated with X", "sided with X").
VERB_TARGETS: dict[str, list[str]] = {
    "AGREE": ["with"], "CONSULT": ["with"], "COOPERATE": ["with"], "AID": ["to"], "RETREAT": ["from"],
    "PROTEST": ["against"], "SANCTION": ["on", "against"], "MOBILIZE": ["against", "to"],
    "ASSAULT": ["on", "against"], "THREATEN": ["against"],
}
NOUN_TARGETS: dict[str, list[str]] = {
    "AGREE": ["with"], "CONSULT": ["with"], "COOPERATE": ["with"],
    "SUPPORT": ["for", "to", "of"], "AID": ["to", "for"], "CONCEDE": ["to", "of", "on"],
    "RETREAT": ["from"], "REQUEST": ["to", "for", "from"], "ACCUSE": ["against", "of", "at"],
    "REJECT": ["of"], "THREATEN": ["against", "to"], "PROTEST": ["against"],
    "SANCTION": ["on", "against"], "MOBILIZE": ["against", "to"], "COERCE": ["of", "on", "against"],
    "ASSAULT": ["on", "against"], "AFFILIATE": ["with", "to"],
}

# Object-constrained verb frames also read these ("opened fire at X", "carried out the killing of X").
OBJECT_EXTRA_TARGETS: dict[str, list[str]] = {"ASSAULT": ["at", "of"]}

PARTICLES = frozenset({"UP", "DOWN", "OUT", "OFF", "BACK", "AWAY", "OVER", "IN", "ON", "FORWARD", "ASIDE",
                       "TOGETHER", "FORTH", "ALONG", "AROUND"})
PREPOSITIONS = frozenset({"ABOUT", "ACROSS", "AFTER", "AGAINST", "ALONGSIDE", "AMONG", "AS", "AT", "BEFORE",
                          "BEHIND", "BETWEEN", "BY", "DURING", "FOR", "FROM", "IN", "INTO", "NEAR", "OF", "ON",
                          "ONTO", "OVER", "SINCE", "THROUGH", "TO", "TOWARD", "TOWARDS", "UNDER", "UNTIL",
                          "UPON", "WITH", "WITHOUT"})
# Words that make a pattern a clause fragment rather than a verb + object.
FUNCTION_WORDS = frozenset({"IF", "THAT", "NOT", "WILL", "AND", "OR", "BEEN", "IS", "ARE", "WAS", "WERE",
                            "TO", "THE", "A", "AN", "HIMSELF", "HERSELF", "THEMSELVES", "ITSELF"})
ADJECTIVE_COMPLEMENTS = frozenset({"FREE", "CONFIDENT", "DETERMINED", "LOOSE", "CLEAR"})
# Lines of the dictionary that are inflected forms of another line, not base forms.
NOT_BASE_FORMS = frozenset({"BURNT", "LOST", "LOSING", "DETERRING", "DISPELLING", "WORRIED", "TOURING",
                            "REASSESMENT", "OVERTHREW", "FORGAVE", "FORGIVEN", "SAW"})
# Copulas: what follows them in a pattern is a predicate ("remain defiant"), not an object.
COPULAS = frozenset({"be", "remain", "stay", "seem", "appear", "become", "look", "sound", "feel"})
# Objects that name a who: a pattern with one of them as its object makes the object the target
# ("arrest journalists"), which an object-constrained frame cannot say; such patterns are skipped.
# Phoenix.agents.txt gives most; these are person synsets of CAMEO.2.0.txt and generic role nouns
# that the agents file leaves out.
PERSON_SYNSETS = ("&LEADER", "&HOSTAGE", "&NEGOTIATOR", "&REFUGEE", "&PEOPLE", "&SUSPECT", "&OPPOSITION",
                  "&MILITARY")
PERSON_NOUNS = frozenset({"official", "leader", "member", "critic", "inspector", "observer", "staff", "aide",
                          "delegation", "delegate", "spokesman", "representative", "envoy", "hostage",
                          "prisoner", "detainee", "captive", "suspect", "opposition", "minister", "president",
                          "premier", "counterpart", "ally", "partner", "neighbor", "neighbour", "friend",
                          "enemy", "rival", "adversary", "foe", "nation", "country", "state", "side",
                          "party", "group", "organization", "organisation", "regime", "administration"})
# Pattern "objects" that are not nouns ("find + guilty", "declare + dead") or are units
# ("pledge $2 billion"): no object-constrained frame or event noun is made from them.
NON_NOUNS = frozenset({"guilty", "dead", "innocent", "responsible", "illegitimate", "untrue", "unjust",
                       "unjustified", "willing", "ready", "inside", "outside", "kidnapped", "hardline", "able",
                       "unable", "liable", "free", "apostate", "billion", "million", "thousand", "tonne",
                       "hour", "week", "day", "month", "year", "percent"})
IRREGULAR_PLURALS = {"GAS": "GAS", "TEARGAS": "TEARGAS",
                     "LIVES": "LIFE", "MEN": "MAN", "WOMEN": "WOMAN", "PEOPLE": "PEOPLE", "CHILDREN": "CHILD",
                     "POLICE": "POLICE", "NEWS": "NEWS", "ARMS": "ARM", "TALKS": "TALK"}

HEADER = """\
# Relation cues generated by tools/derive_lexicon.py from PETRARCH2's CAMEO.2.0.txt
# (MIT, Copyright (c) 2014 Open Event Data Alliance; petrarch2 commit 676801cd9cb2; who-nouns
# from its Phoenix.agents.txt, same licence) and PLOVER's CAMEO2PLOVER-2021.txt
# (CC BY-SA 4.0, openeventdata/PLOVER commit 5e0c24fba623);
# this file is therefore distributed under CC BY-SA 4.0.
# Do not edit: the hand-written frames in triggers.yaml win over these for the same lemma;
# change and re-run the converter instead (its docstring documents the mapping rules).
# Schema as triggers.yaml; keys: type, target, prt (particle), object (lemmas the direct
# object must have for the frame to apply), cameo (the CAMEO code the frame comes from).
"""


# ---------------------------------------------------------------------------------------------
# Reading the inputs


def read_plover(path: Path) -> dict[str, str | None]:
    """CAMEO code (2, 3 or 4 digits) -> PLOVER type; None where a 2-digit family is ambiguous."""
    table: dict[str, str | None] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*(\d{2,4}):\s*([A-Z]+)", raw)
        if not m:
            continue
        code, type_ = m.groups()
        if code in table and table[code] != type_:
            table[code] = None
        else:
            table.setdefault(code, type_)
    return table


# Where the project's annotation guidelines (shared/eval/GUIDELINES.md, "Types") code a CAMEO event
# otherwise than the PLOVER table does, the guidelines win: an analyst's "sanction" is SANCTION, a
# signed deal AGREE, an abduction COERCE like an arrest, and CAMEO's appeals (02x, absent from the
# table) are requests. Looked up by the longest prefix before the table.
GUIDELINE_CODES = {"02": "REQUEST", "057": "AGREE", "163": "SANCTION", "181": "COERCE", "184": "COERCE"}


def plover_type(code: str | None, table: dict[str, str | None]) -> str | None:
    if code is None:
        return None
    for n in (4, 3, 2):
        if len(code) >= n and code[:n] in GUIDELINE_CODES:
            return GUIDELINE_CODES[code[:n]]
    for n in (4, 3, 2):
        if len(code) >= n and code[:n] in table:
            t = table[code[:n]]
            return t if t in TYPES else None
    return None


def norm_code(raw: str) -> str | None:
    """'[042:043]' -> '042'; '[:173]', '[---]' -> None."""
    first = raw.strip().strip("[]").split(":")[0].replace("!", "").strip()
    return first if re.fullmatch(r"\d{2,4}", first) else None


@dataclass(frozen=True)
class VerbLine:
    words: tuple[str, ...]
    verb_at: int
    code: str | None  # the line's own code (normalised), None if none given
    has_code: bool  # True if the line gives its own code (even [---])
    line: int
    forms: tuple[str, ...] = ()  # irregular forms given in {...}


@dataclass(frozen=True)
class PatternLine:
    text: str
    code: str | None
    line: int
    comment: str = ""  # the verb(s) the pattern was written for


@dataclass
class Block:
    name: str
    code: str | None
    line: int
    verbs: list[VerbLine] = field(default_factory=list)
    patterns: list[PatternLine] = field(default_factory=list)


@dataclass
class VerbDictionary:
    synsets: dict[str, list[str]]
    blocks: list[Block]


def _strip_comment(raw: str) -> str:
    return raw.split("#", 1)[0].rstrip()


def read_verb_dictionary(path: Path) -> VerbDictionary:
    synsets: dict[str, list[str]] = {}
    blocks: list[Block] = []
    current_synset: str | None = None
    for n, raw in enumerate(path.read_text(encoding="latin-1").splitlines(), 1):
        text = _strip_comment(raw).strip()
        if not text:
            continue
        header = re.match(r"^---\s+(.*?)\s+\[([^\]]*)\]", text)
        if header:
            blocks.append(Block(header.group(1).strip(), norm_code(header.group(2)), n))
            current_synset = None
            continue
        if not blocks:  # noun synsets come before the first verb block
            if text.startswith("&"):
                current_synset = text.split()[0].rstrip("_")
                synsets[current_synset] = []
            elif text.startswith("+") and current_synset:
                synsets[current_synset].append(text[1:].split()[0])
            continue
        block = blocks[-1]
        if text.startswith("~"):
            continue
        if text.startswith("-"):
            m = re.match(r"^-(.*?)\[([^\]]*)\]\s*$", text)
            if m:
                comment = raw.split("#", 1)[1].strip() if "#" in raw else ""
                block.patterns.append(PatternLine(m.group(1).strip(), norm_code(m.group(2)), n, comment))
            continue
        m = re.match(r"^(\S+)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?", text)
        if not m:
            continue
        token = m.group(1)
        words = token.split("_")
        marked = [i for i, w in enumerate(words) if w.startswith("+")]
        verb_at = marked[0] if marked else 0
        words = [w.lstrip("+") for w in words]
        code_raw = m.group(3)
        forms = tuple(f.strip(",") for f in (m.group(2) or "").strip("{}").split() if f.strip(","))
        block.verbs.append(VerbLine(tuple(words), verb_at, norm_code(code_raw) if code_raw else None,
                                    code_raw is not None, n, forms))
    return VerbDictionary(synsets, blocks)


def read_agent_nouns(path: Path) -> frozenset[str]:
    """Single-word agent nouns of Phoenix.agents.txt, lower-case singular (police, journalist...),
    with the members of its substitution sets (!PERSON!, !MINIST!)."""
    out: set[str] = set()
    if not path.exists():
        return frozenset()
    for raw in path.read_text(encoding="latin-1").splitlines():
        text = _strip_comment(raw).strip()
        sub = re.match(r"^!\w+!\s*=\s*(.*)$", text)
        if sub:
            out.update(singular(w.strip()) for w in sub.group(1).split(",") if w.strip())
            continue
        m = re.match(r"^([A-Z][A-Z'-]*?)_?\s*(\{[^}]*\})?\s*\[", text)
        if not m:
            continue
        out.add(singular(m.group(1)))
        if m.group(2):
            out.update(singular(w) for w in m.group(2).strip("{}").split() if "_" not in w.rstrip("_"))
    return frozenset(out)


def who_nouns(agents: frozenset[str], synsets: dict[str, list[str]]) -> frozenset[str]:
    """Nouns naming who (the target itself), not what: agents plus the dictionary's own person synsets."""
    out = set(agents) | set(PERSON_NOUNS)
    for name in PERSON_SYNSETS:
        out.update(singular(m.rstrip("_").split("_")[-1]) for m in synsets.get(name, []))
    return frozenset(out)


# ---------------------------------------------------------------------------------------------
# Words


def singular(word: str) -> str:
    """A pattern noun in its (spaCy-style) lemma form: upper-case plural -> lower-case singular."""
    w = word.upper().rstrip("_")
    if w in IRREGULAR_PLURALS:
        w = IRREGULAR_PLURALS[w]
    elif len(w) > 4 and w.endswith("IES"):
        w = w[:-3] + "Y"
    elif len(w) > 4 and w.endswith(("SSES", "CHES", "SHES", "XES")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("S") and not w.endswith(("SS", "US", "IS")):
        w = w[:-1]
    return w.lower()


def is_word(lemma: str) -> bool:
    return re.fullmatch(r"[a-z]+", lemma) is not None


def code_rank(code: str) -> int:
    """Specificity: 4 digits > 3 digits not ending in 0 > a family's root code (x0)."""
    if len(code) >= 4:
        return 3
    return 1 if code.endswith("0") else 2


# ---------------------------------------------------------------------------------------------
# Patterns


@dataclass(frozen=True)
class Reading:
    """What a pattern says in frame terms."""

    prt: str | None
    objects: tuple[str, ...]  # object lemmas ('' tuple: no object constraint)
    modifiers: int  # words in the object phrase besides its head
    preps: tuple[str, ...]  # prepositions the target follows
    dobj_target: bool  # '+' stands as the direct object


def _tokens(text: str) -> list[str]:
    return re.findall(r"\{[^}]*\}|\([^)]*\)|[^\s{}()]+", text)


def _heads(phrase: str, synsets: dict[str, list[str]]) -> tuple[tuple[str, ...], int] | None:
    """The head lemma(s) of a noun phrase ('{ROCKET ATTACK}', '&WEAPON', 'SANCTIONS')."""
    words = phrase.strip("{}").split()
    if not words:
        return None
    head = words[-1]
    if any(w in FUNCTION_WORDS or w in PREPOSITIONS for w in words):
        return None
    if head.startswith("&"):
        members = synsets.get(head.rstrip("_"))
        if not members:
            return None
        heads = sorted({singular(m.rstrip("_").split("_")[-1]) for m in members})
    else:
        heads = [singular(head.split("_")[-1])]
    if not all(is_word(h) for h in heads):
        return None
    heads = [h for h in heads if not (h.endswith("ed") and not h.endswith("eed"))]  # participles
    if not heads:
        return None
    return tuple(heads), len(words) - 1


def read_pattern(text: str, synsets: dict[str, list[str]]) -> Reading | str:
    """Read a pattern's text (without its code) into a Reading, or say why it cannot be."""
    tokens = _tokens(text)
    if "*" not in tokens:
        return "no verb"
    star = tokens.index("*")
    if any(t != "$" for t in tokens[:star]):
        return "words before the verb"
    post = tokens[star + 1:]
    if any(t in ("$", "^", "%") or (t.startswith("(") and ("$" in t or "^" in t)) for t in post):
        return "source or skip marker"
    prt: str | None = None
    objects: tuple[str, ...] = ()
    modifiers = 0
    preps: list[str] = []
    dobj_target = False
    i = 0
    while i < len(post):
        t = post[i]
        nxt = post[i + 1] if i + 1 < len(post) else None
        if t.startswith("("):
            inner = t.strip("()").split()
            if not inner or (inner[0] not in PREPOSITIONS and inner[0] not in PARTICLES):
                return "odd parenthesis"
            if inner[1:] == ["+"]:
                preps.append(inner[0])
            elif len(inner) == 1 and nxt == "+":
                preps.append(inner[0])
                i += 1
            elif len(inner) == 1:
                return "bare preposition"
            else:
                return "fixed prepositional object"
        elif t == "+":
            if objects or dobj_target:
                return "target after object"
            dobj_target = True
        elif t in PREPOSITIONS and nxt == "+":
            preps.append(t)
            i += 1
        elif t in PARTICLES and (nxt is None or nxt != "+" or t not in PREPOSITIONS):
            if prt is not None:
                return "two particles"
            prt = t
        elif t in PREPOSITIONS:
            return "fixed prepositional object" if nxt else "bare preposition"
        elif t.endswith("LY") or t in FUNCTION_WORDS:
            return "adverb or function word"
        elif t.startswith("{") or t.startswith("&") or re.fullmatch(r"[A-Z][A-Z'-]*", t):
            if objects or dobj_target:
                return "two noun slots"
            heads = _heads(t, synsets)
            if heads is None:
                return "odd noun phrase"
            objects, modifiers = heads
        else:
            return "odd token"
        i += 1
    if preps and prt is None and not objects and not dobj_target and len(preps) > 1:
        return "several targets"
    return Reading(prt.lower() if prt else None, objects, modifiers, tuple(p.lower() for p in preps), dobj_target)


# ---------------------------------------------------------------------------------------------
# Deriving frames


@dataclass(frozen=True)
class Sense:
    """One verb line read as a frame key: lemma, particle, preposition or object from the line."""

    lemma: str
    kind: str  # plain | prt | prep | object
    prt: str | None
    prep: str | None
    obj: str | None
    code: str | None
    own_code: bool
    line: int


@dataclass
class Candidate:
    type: str
    code: str
    modifiers: int
    line: int


@dataclass
class Derivation:
    verbs: dict[str, list[dict]]
    nouns: dict[str, dict]
    skipped: Counter


def regular_forms(word: str) -> set[str]:
    """Regular inflections of an upper-case verb (as PETRARCH generates them), loosely."""
    stem = word[:-1] if word.endswith("E") else word
    forms = {word, word + "S", word + "ES", word + "ED", word + "D", stem + "ING", stem + "ED"}
    if word.endswith("Y"):
        forms |= {word[:-1] + "IES", word[:-1] + "IED"}
    if len(word) > 2 and word[-1] not in "AEIOUWXY" and word[-2] in "AEIOU":
        forms |= {word + word[-1] + "ED", word + word[-1] + "ING"}
    return forms


def read_sense(vl: VerbLine, block: Block, skipped: Counter[str]) -> Sense | None:
    word = vl.words[vl.verb_at]
    if word in NOT_BASE_FORMS or vl.verb_at != 0 or any(w in ("AND", "OR") for w in vl.words):
        skipped["verb line: inflected form, pre-compound or coordination"] += 1
        return None
    lemma = word.lower()
    if not is_word(lemma):
        skipped["verb line: not a plain word"] += 1
        return None
    code = vl.code if vl.has_code else block.code
    rest = vl.words[1:]

    def sense(kind: str, prt: str | None = None, prep: str | None = None, obj: str | None = None) -> Sense:
        return Sense(lemma, kind, prt, prep, obj, code, vl.has_code, vl.line)

    if not rest:
        return sense("plain")
    if len(rest) == 1 and rest[0] in PARTICLES and (rest[0] not in PREPOSITIONS or lemma in PHRASAL_IN_ON):
        return sense("prt", prt=rest[0].lower())
    if len(rest) == 1 and rest[0] in PREPOSITIONS:
        return sense("prep", prep=rest[0].lower())
    if len(rest) == 2 and rest[0] in PARTICLES and rest[1] in PREPOSITIONS:
        return sense("prt", prt=rest[0].lower(), prep=rest[1].lower())
    if len(rest) == 1 and rest[0] not in ADJECTIVE_COMPLEMENTS and rest[0] not in FUNCTION_WORDS \
            and is_word(rest[0].lower()):
        return sense("object", obj=singular(rest[0]))
    skipped["verb line: multi-word form not expressible"] += 1
    return None


def surface_forms(vl: VerbLine) -> set[str]:
    """The forms a pattern comment may name the line by: CALL_OFF, CALLED_OFF, WROTE..."""
    rest = "".join("_" + w for w in vl.words[1:])
    out = {f + rest for f in regular_forms(vl.words[0])}
    out |= {f.replace("+", "").rstrip(",") for f in vl.forms}
    return out


def comment_verbs(comment: str) -> list[str]:
    return [re.sub(r"\s+", "_", part.strip()) for part in comment.split(",") if part.strip()]


def derive(vd: VerbDictionary, table: dict[str, str | None], agents: frozenset[str]) -> Derivation:
    skipped: Counter[str] = Counter()

    def typed(code: str | None) -> str | None:
        return plover_type(code, table)

    senses_by_block: list[list[tuple[VerbLine, Sense]]] = []
    for block in vd.blocks:
        row = []
        inflected = {f.lstrip("+") for vl in block.verbs for f in vl.forms}
        for vl in block.verbs:
            if len(vl.words) == 1 and vl.words[0] in inflected:  # FORGAVE beside FORGIVE {... FORGAVE}
                skipped["verb line: inflected form, pre-compound or coordination"] += 1
                continue
            s = read_sense(vl, block, skipped)
            if s is not None:
                row.append((vl, s))
        senses_by_block.append(row)

    # --- verb lines: the default frame (plain lines) and the lines' own phrasal frames --------
    lines: dict[tuple[str, tuple], list[Sense]] = defaultdict(list)
    for row in senses_by_block:
        for _, s in row:
            lines[(s.lemma, (s.prt, (s.obj,) if s.obj else (), (s.prep,) if s.prep else ()))].append(s)
    base: dict[str, tuple[str, str]] = {}  # lemma -> (type, code) of the default frame
    line_frames: dict[str, dict[tuple, tuple[str, str, bool]]] = defaultdict(dict)
    for (lemma, key), senses in lines.items():
        line = _choose_line(senses, typed)
        if lemma in NO_FRAME_VERBS:
            skipped["verb line: reporting or perception verb"] += 1
        elif line is None:
            skipped["verb line: conflicting types of equal rank"] += 1
        elif not line[0]:
            skipped["verb line: no event code"] += 1
        elif key == (None, (), ()) and lemma in STOP_VERBS:
            skipped["default frame: stop verb"] += 1
        elif key == (None, (), ()):
            base[lemma] = (line[0], line[1])
        elif key[0] and f"{lemma} {key[0]}" in STOP_PHRASALS:
            skipped["phrasal frame: stop phrasal"] += 1
        else:
            line_frames[lemma][key] = line

    # --- frame candidates from patterns: (prt, objects, preps) -> candidates ------------------
    cands: dict[str, dict[tuple, list[Candidate]]] = defaultdict(lambda: defaultdict(list))
    # noun -> type -> light verb (with its particle) -> codes
    evidence: dict[str, dict[str, dict[str, set[str]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(set)))
    for block, row in zip(vd.blocks, senses_by_block, strict=True):
        forms: dict[str, list[Sense]] = defaultdict(list)
        for vl, s in row:
            for f in surface_forms(vl):
                forms[f].append(s)
        plain = [s for _, s in row if s.kind == "plain"]
        fallback = plain if len(plain) <= 2 else []
        seen: set[tuple[str, str | None, str]] = set()
        for pl in block.patterns:
            if (pl.text, pl.code, pl.comment) in seen:  # duplicated lines count once
                continue
            seen.add((pl.text, pl.code, pl.comment))
            t = typed(pl.code)
            if not t or pl.code is None:
                skipped["pattern: no event code"] += 1
                continue
            reading = read_pattern(pl.text, vd.synsets)
            if isinstance(reading, str):
                skipped["pattern: " + reading] += 1
                continue
            if reading.objects and any(o in agents for o in reading.objects):
                skipped["pattern: object is an agent noun"] += 1
                continue
            if reading.objects and all(o in STOP_NOUNS or o in NON_NOUNS for o in reading.objects):
                skipped["pattern: generic noun object"] += 1
                continue
            named = [s for v in comment_verbs(pl.comment) for s in forms.get(v, [])] or fallback
            if not named:
                skipped["pattern: names no verb of its block"] += 1
            for s in dict.fromkeys(named):
                if s.lemma in NO_FRAME_VERBS:
                    skipped["pattern: under a reporting or perception verb"] += 1
                    continue
                if s.lemma in COPULAS:
                    skipped["pattern: under a copula"] += 1
                    continue
                if reading.prt in ("on", "in", "over") and s.lemma not in PHRASAL_IN_ON:
                    skipped["pattern: fixed prepositional object"] += 1  # "agree on a solution"
                    continue
                if s.kind == "plain":
                    prt = reading.prt
                elif s.kind == "prt" and s.prep is None and reading.prt in (None, s.prt):
                    prt = s.prt
                else:
                    skipped["pattern: under a verb line it cannot extend"] += 1
                    continue
                key = (prt, reading.objects, reading.preps)
                cands[s.lemma][key].append(Candidate(t, pl.code, reading.modifiers, pl.line))
                verb = s.lemma + (" " + prt if prt else "")
                if verb in LIGHT_VERBS and len(reading.objects) == 1 and not reading.preps:
                    evidence[reading.objects[0]][t][verb].add(pl.code)

    # --- choose and assemble ---------------------------------------------------------------
    nouns = derive_nouns(evidence, {k: v[0] for k, v in base.items()})
    noun_types = {k: v["type"] for k, v in nouns.items()}
    out: dict[str, list[dict]] = {}
    for lemma in sorted(set(base) | set(cands) | set(line_frames)):
        chosen: dict[tuple, tuple[str, str]] = {
            key: _choose(cs, noun_types.get(key[1][0]) if len(key[1]) == 1 else None)
            for key, cs in cands.get(lemma, {}).items()}
        for key, (t, code, own) in line_frames.get(lemma, {}).items():
            if own or key not in chosen:  # a line's own code wins over patterns, patterns over a block's
                chosen[key] = (t, code)
        for key in [k for k in chosen if k[0] and not k[1] and f"{lemma} {k[0]}" in STOP_PHRASALS]:
            del chosen[key]
        default = base.get(lemma)
        default_preps: set[str] = set()
        phrasal: dict[str, str] = {}  # prt -> type of the plain phrasal frame
        frames: list[dict] = []
        for (prt, objects, preps), (t, code) in sorted(chosen.items(), key=_key_order):
            if objects:
                continue
            if prt is None:
                if lemma in STOP_VERBS:
                    skipped["frame: prepositional frame of a stop verb"] += 1
                elif default and t == default[0]:
                    default_preps.update(preps)
                elif default and not preps:
                    skipped["frame: conflicts with the default"] += 1
                else:
                    frames.append({"type": t, "target": _slots(["dobj"] if not preps else [], preps), "cameo": code})
            else:
                phrasal[prt] = t
                extra = [p for p in NOUN_TARGETS[t] if p not in preps]  # "crack down on X", "give in to X"
                frames.append({"type": t, "target": _slots(["dobj"], list(preps) + extra), "prt": prt, "cameo": code})
        for (prt, objects, preps), (t, code) in sorted(chosen.items(), key=_key_order):
            if not objects:
                continue
            refined = phrasal.get(prt) if prt else (default[0] if default else None)
            if refined == t:
                skipped["frame: object frame adds nothing"] += 1
                continue
            slots = list(preps) or NOUN_TARGETS[t] + OBJECT_EXTRA_TARGETS.get(t, [])
            frame = {"type": t, "target": [f"prep:{p}" for p in slots] + [f"object-prep:{p}" for p in slots],
                     "object": list(objects), "cameo": code}
            if prt:
                frame["prt"] = prt
            frames.append(frame)
        result: list[dict] = []
        if default:
            preps = sorted(set(default_preps) | set(VERB_TARGETS.get(default[0], ())))
            result.append({"type": default[0], "target": _slots(["dobj"], preps), "cameo": default[1]})
        result.extend(_merge(frames))
        if result:
            out[lemma] = result
    return Derivation(out, nouns, skipped)


def _key_order(item: tuple) -> tuple:
    (prt, objects, preps), _ = item
    return (prt or "", objects, preps)


def _slots(first: list[str], preps) -> list[str]:
    return first + [f"prep:{p}" for p in preps]


# Verb lines VERB_IN / VERB_ON / VERB_OVER that are phrasal (particle) rather than prepositional.
PHRASAL_IN_ON = frozenset({"listen", "lock", "step", "give", "tie", "take", "get", "log", "sign", "turn",
                           "talk", "look", "glance", "watch"})


def _choose_line(senses: list[Sense], typed) -> tuple[str, str, bool] | tuple[None, None, bool] | None:
    """The type and code of a verb given on several lines (rule 3): own code, then specificity,
    then the earlier line; None when lines of the same rank give different types."""
    def rank(s: Sense) -> tuple:
        return (s.own_code, code_rank(s.code) if s.code else 0)
    top = max(rank(s) for s in senses)
    best = sorted((s for s in senses if rank(s) == top), key=lambda s: s.line)
    if len({typed(s.code) for s in best}) > 1:
        return None
    t, code = typed(best[0].code), best[0].code
    return (t, code, best[0].own_code) if t and code else (None, None, best[0].own_code)


def _choose(cands: list[Candidate], noun_type: str | None) -> tuple[str, str]:
    """Pick one type and code for a frame key (see rule 4 of the module docstring)."""
    barest = min(c.modifiers for c in cands)
    pool = [c for c in cands if c.modifiers == barest]
    votes = Counter(c.type for c in pool)
    top = max(votes.values())
    pool = [c for c in pool if votes[c.type] == top]
    if noun_type in {c.type for c in pool}:
        pool = [c for c in pool if c.type == noun_type]
    chosen = max(pool, key=lambda c: (code_rank(c.code), -int(c.code), -c.line))
    return chosen.type, chosen.code


def _merge(frames: list[dict]) -> list[dict]:
    """One frame per (prt, type, object-constrained or not): objects and target slots pooled."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for f in frames:
        groups[(f.get("prt") or "", f["type"], "object" in f)].append(f)
    out = []
    for (prt, t, has_object), fs in groups.items():
        codes = Counter(f["cameo"] for f in fs)
        top = max(codes.values())
        slots = list(dict.fromkeys(s for f in fs for s in f["target"]))
        slots.sort(key=lambda s: 0 if s == "dobj" else 2 if s.startswith("object-prep:") else 1)
        frame = {"type": t, "target": slots, "cameo": min(c for c, v in codes.items() if v == top)}
        if has_object:
            frame["object"] = sorted({o for f in fs for o in f["object"]})
        if prt:
            frame["prt"] = prt
        out.append(frame)
    out.sort(key=lambda f: (f.get("prt", ""), "object" in f, f.get("object", []), f["type"]))
    return out


def derive_nouns(evidence: dict[str, dict[str, dict[str, set[str]]]], verb_types: dict[str, str]) -> dict[str, dict]:
    """Event nouns: the objects whose event a light verb carries (see rule 5 of the docstring)."""
    out: dict[str, dict] = {}
    for noun, by_type in sorted(evidence.items()):
        if noun in STOP_NOUNS or noun in NON_NOUNS:
            continue
        counts = sorted(((len(verbs), t) for t, verbs in by_type.items()), reverse=True)
        top, t = counts[0]
        second = counts[1][0] if len(counts) > 1 else 0
        if top < 2 * second or top < (1 if verb_types.get(noun) == t else 2):
            continue
        codes = Counter(c for cs in by_type[t].values() for c in cs)
        most = max(codes.values())
        out[noun] = {"type": t, "target": [f"prep:{p}" for p in NOUN_TARGETS[t]],
                     "cameo": min(c for c, v in codes.items() if v == most)}
    return out


# ---------------------------------------------------------------------------------------------
# Output


def _ordered(frame: dict) -> dict:
    return {k: frame[k] for k in ("type", "target", "prt", "object", "cameo") if k in frame}


def render(d: Derivation) -> str:
    lines = [HEADER.rstrip("\n")]
    for section, entries in (("verbs", d.verbs), ("nouns", {k: [v] for k, v in d.nouns.items()})):
        lines.append(f"{section}:")
        for lemma in sorted(entries):
            fs = [_ordered(f) for f in entries[lemma]]
            if len(fs) == 1:
                lines.append(f"  {lemma}: {_flow(fs[0])}")
            else:
                lines.append(f"  {lemma}:")
                lines.extend(f"    - {_flow(f)}" for f in fs)
    return "\n".join(lines) + "\n"


def _flow(frame: dict) -> str:
    parts = []
    for k, v in frame.items():
        if isinstance(v, list):
            parts.append(f"{k}: [{', '.join(_scalar(x) for x in v)}]")
        else:
            parts.append(f"{k}: {_scalar(v)}")
    return "{" + ", ".join(parts) + "}"


def _scalar(v: str) -> str:
    # quote what YAML would not read back as the same string: codes ('0874'), 'off'/'on' (booleans)
    if re.fullmatch(r"[A-Za-z][A-Za-z:\-]*", v) and yaml.safe_load(v) == v:
        return v
    return f'"{v}"'


def stats(d: Derivation) -> str:
    per_type: dict[str, set[str]] = defaultdict(set)
    nframes = 0
    kinds: Counter[str] = Counter()
    for lemma, fs in d.verbs.items():
        for f in fs:
            nframes += 1
            per_type[f["type"]].add(lemma)
            kinds["prt" if "prt" in f else "object" if "object" in f else "plain"] += 1
    noun_types = Counter(f["type"] for f in d.nouns.values())
    out = [f"verbs: {len(d.verbs)} lemmas, {nframes} frames ({dict(sorted(kinds.items()))}); nouns: {len(d.nouns)}"]
    for t in TYPES:
        out.append(f"  {t:10s} verb lemmas {len(per_type[t]):4d}  nouns {noun_types[t]:3d}")
    out.append("skipped:")
    out.extend(f"  {k}: {v}" for k, v in sorted(d.skipped.items()))
    return "\n".join(out)


def build(resources: Path) -> tuple[str, Derivation]:
    table = read_plover(resources / "plover" / "CAMEO2PLOVER-2021.txt")
    vd = read_verb_dictionary(resources / "petrarch2" / "CAMEO.2.0.txt")
    agents = who_nouns(read_agent_nouns(resources / "petrarch2" / "Phoenix.agents.txt"), vd.synsets)
    d = derive(vd, table, agents)
    return render(d), d


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--resources", type=Path, default=DEFAULT_RESOURCES)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    text, d = build(args.resources)
    yaml.safe_load(text)  # the output must parse
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "cameo.yaml").write_bytes(text.encode("utf-8"))
    if not args.quiet:
        print(stats(d))
    return 0


if __name__ == "__main__":
    sys.exit(main())
