"""A generated store for benchmarks: thousands of reports, hundreds of actors, no spaCy needed.

Reports are stored with their claims the way `ingest` stores them, so fusion, the workbench and
the exports can be measured at a size no example set reaches. One report in twenty is a
near-copy of an earlier one under another outlet (syndication), one in ten relays a wire.
"""
from __future__ import annotations

import random
import re
from collections.abc import Iterator

from claimgraph.ontology import TYPES
from claimgraph.records import Actor, Claim, Document, Evidence, Mention
from claimgraph.resolve.canonical import make_actor
from claimgraph.resolve.names import doc_id
from claimgraph.store.sqlite import SQLiteStore

_SYLLABLES = "ka ri mo sa ten lu vor an del ish ba gor mi na tu rez ol han fi quo".split()
_WORDS = ("talks border convoy ministry province treaty village election pipeline drought railway garrison "
          "refugee customs bridge embassy harvest council market winter valley harbour shelling ceasefire").split()
_KINDS = ["PERSON"] * 5 + ["ORG", "ARMED_GROUP", "PARTY", "COUNTRY", "IGO"]


def _name(rng: random.Random, words: int) -> str:
    return " ".join("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).title() for _ in range(words))


def make_actors(n: int, *, seed: int = 1) -> list[Actor]:
    """Give n distinct made-up actors of mixed kinds."""
    rng = random.Random(seed)
    seen: dict[str, Actor] = {}
    while len(seen) < n:
        kind = rng.choice(_KINDS)
        name = _name(rng, 2 if kind == "PERSON" else rng.randint(1, 3))
        seen.setdefault(name.lower(), make_actor(name, kind))
    return list(seen.values())


def make_reports(n: int, *, actors: int = 500, seed: int = 2, grow: bool = False):
    """Give n (Document, mentions, claims) triples over a pool of made-up actors.

    With `grow`, the pool opens as the reports come instead of being there from the first: report
    i draws on the first 20 + i * (actors - 20) / n actors and brings in those newly opened, so the
    store holds about `actors` actors by the last report (the actor-growth mode of bench_fuse).
    """
    rng = random.Random(seed)
    pool = make_actors(actors)
    outlets = [_name(rng, 2) + " News" for _ in range(40)]
    wires = [make_actor(o, "MEDIA") for o in outlets[:3]]
    made: list[str] = []
    opened = 20
    for i in range(n):
        outlet = rng.choice(outlets)
        if made and rng.random() < 0.05:
            text = rng.choice(made) + f" Reporting by staff of {outlet}."
        else:
            text = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(250, 500))) + f" Report {i}."
        made.append(text)
        name = f"report-{i:05d}.txt"
        claims, mentions = [], []
        wire = rng.choice(wires) if rng.random() < 0.1 else None
        newcomers: list[Actor] = []
        if grow:
            now_open = min(actors, 20 + (i + 1) * (actors - 20) // n)
            newcomers, opened = pool[opened:now_open], now_open
        open_pool = pool[:opened] if grow else pool
        for k in range(rng.randint(5, 15)):
            a, b = rng.sample(open_pool[: max(20, int(len(open_pool) * rng.random() ** 2))], 2)  # a few are everywhere
            if k < len(newcomers) and newcomers[k] != b:
                a = newcomers[k]  # a newly opened actor comes into the reports
            speaker = wire or (rng.choice(open_pool) if rng.random() < 0.3 else None)
            start = rng.randrange(0, len(text) - 40)
            date = f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}" if rng.random() < 0.3 else None
            claims.append(Claim(doc=name, source=a, type=rng.choice(TYPES), target=b,
                                evidence=Evidence(start, start + 40, text[start:start + 40]),
                                negated=rng.random() < 0.05, speaker=speaker, hedged=rng.random() < 0.2,
                                date=date,
                                rule="synthetic"))
            mentions += [Mention(name, x, start, start + 5, x.name, "ner") for x in (a, b)]
        if wire:
            mentions.append(Mention(name, wire, 0, 5, wire.name, "gazetteer"))
        doc = Document(id=doc_id(text), name=name, text=text, outlet=outlet,
                       date=f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        yield doc, mentions, claims


def build_store(path: str, n: int, *, actors: int = 500) -> SQLiteStore:
    """Give a store holding n generated reports (claims stored, not yet fused)."""
    store = SQLiteStore(path)
    for doc, mentions, claims in make_reports(n, actors=actors):
        store.write_document(doc, mentions=mentions, claims=claims, model="synthetic", version="1")
    return store


# ---- news-like report files, for timing extraction (bench_scale) ----------------------------------

_ACTORS = ["Russia", "Ukraine", "the Taliban", "China", "Pakistani police", "Hamas", "Israeli troops", "Iran",
           "the Houthis", "the United States", "NATO", "the UN Security Council", "Turkey", "al-Qaeda", "ETIM",
           "Egypt", "the European Union", "Saudi Arabia", "Rwanda", "M23 rebels", "the Afghan government", "Qatar"]
_VERBS = ["attacked", "accused", "supported", "met", "urged", "sanctioned", "detained", "threatened", "armed",
          "condemned", "signed a deal with", "withdrew from", "cooperated with", "rejected", "criticised",
          "hosted a delegation from", "deported members of", "shelled positions held by"]
_CLAIMS = ["{a} {v} {b} on {day}, officials said.", "According to {outlet}, {a} {v} {b} in {month} {year}.",
           "“{a} {v} {b},” a spokesman told reporters in {city}.", "{a}, which {v} {b} last year, denied the reports.",
           "Analysts believe {a} {v} {b} after the talks collapsed in {month}.",
           "{outlet} reported that {a} had {v} {b} near {city}."]
_BACKGROUND = ["Prices of {good} in {city} rose by {n} percent in {month}, traders said.",
               "The road between {city} and {city2} was closed for {n} days after heavy rain.",
               "About {n},000 people live in the district, most of them farmers.",
               "The talks are expected to resume in {city} in {month} {year}.",
               "Schools in {city} reopened on {day} after a {n}-week break.",
               "The {good} harvest was the smallest in {n} years, the agriculture ministry said.",
               "Diplomats in {city} said the next round would focus on {good} exports and border crossings.",
               "Local newspapers ran the story on their front pages on {day}."]
_CITIES = "Kabul Doha Tianjin Cairo Istanbul Islamabad Geneva Kigali Goma Sanaa Tehran Ankara Brussels Beirut".split()
_GOODS = "wheat fuel cotton rice cement fertiliser medicine".split()
_MONTHS = "January February March April May June July August September October November December".split()
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_OUTLETS = ["Reuters", "Associated Press", "Al Jazeera", "Nikkei Asia", "the BBC", "Dawn", "Xinhua", "AFP"]


def _example_sentences() -> list[str]:
    """Give the sentences of the bundled example reports (text and JSON lines), header lines left out."""
    import json
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "examples"
    texts = [p.read_text(encoding="utf-8").split("---", 1)[-1] for p in sorted(folder.glob("*.txt"))]
    texts += [json.loads(line)["text"] for line in (folder / "reports.jsonl").read_text(encoding="utf-8").splitlines()
              if line.strip()]
    paragraphs = [p.strip() for text in texts for p in text.split("\n\n") if len(p.split()) >= 12]
    sentences = [s for p in paragraphs for s in re.split(r"(?<=[.!?])\s+", p)]
    return [s for s in sentences if len(s.split()) >= 6 and s.endswith(".") and "newsletter" not in s]


def make_news(n: int, *, words: int = 600, seed: int = 3) -> Iterator[tuple[str, str]]:
    """Give n (file name, text) news-like reports of about `words` words each: a header (title,
    outlet, date), then paragraphs of sentences taken from the bundled examples, claims between real
    actors in the shapes news uses (about one sentence in three) and background sentences. Every
    report differs from every other (none is stored as a duplicate)."""
    rng = random.Random(seed)
    examples = _example_sentences()

    def fill(template: str) -> str:
        a, b = rng.sample(_ACTORS, 2)
        city, city2 = rng.sample(_CITIES, 2)
        return template.format(a=a[0].upper() + a[1:] if template.startswith("{a}") else a, b=b,
                               v=rng.choice(_VERBS), day=rng.choice(_DAYS), month=rng.choice(_MONTHS),
                               year=rng.randint(2001, 2024), outlet=rng.choice(_OUTLETS), city=city, city2=city2,
                               good=rng.choice(_GOODS), n=rng.randint(2, 90))

    for i in range(n):
        target = int(words * rng.uniform(0.85, 1.15))
        sentences: list[str] = []
        while sum(len(s.split()) for s in sentences) < target:
            roll = rng.random()
            pool = _CLAIMS if roll < 0.33 else _BACKGROUND if roll < 0.7 else None
            sentences.append(fill(rng.choice(pool)) if pool else rng.choice(examples))
        paragraphs, at = [], 0
        while at < len(sentences):
            step = rng.randint(2, 4)
            paragraphs.append(" ".join(sentences[at:at + step]))
            at += step
        title = fill(rng.choice(_CLAIMS[:1])).removesuffix(", officials said.")
        header = (f"title: {title}\noutlet: {rng.choice(_OUTLETS)}\n"
                  f"date: {rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n---\n")
        yield f"news-{i:05d}.txt", header + title + "\n\n" + "\n\n".join(paragraphs) + "\n"
