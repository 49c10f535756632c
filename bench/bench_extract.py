"""Extraction throughput against bare spaCy parsing of the same text, in one run.

    python bench/bench_extract.py [--model NAME] [--repeat N] [--batch-size N] [--texts DIR]

The text is the bundled example reports plus generated news-like sentences on several conflicts
(a few thousand words, far denser in claims than news), or the reports of DIR. The baseline is
spaCy's own pipeline (without claimgraph's sentence-boundary component) with the same batch size.
Prints words per second for bare `nlp.pipe` and for claimgraph's full extraction (parse + actors +
relations + attribution), their ratio, and peak memory. Then the same reports joined ten at a time
into long ones (10x the usual length), timed beside the short ones in turn: words per second of
extraction and of bare `nlp.pipe` on each, and long / short for both, by the clock and by CPU time
(the cost of a report should grow with its length, not its square: extraction on long reports
within 10% of short ones). On a machine shared with other work read the CPU-time ratio: the clock
counts the time other programs take. The exit status is 1 when extraction keeps less than 80% of
bare parsing or long / short by CPU time is below 0.90.
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

from claimgraph.ingest import iter_documents
from claimgraph.nlp.extract import Extractor
from claimgraph.records import Document
from claimgraph.resolve.names import doc_id
from claimgraph.settings import DEFAULT_MODEL

ROOT = Path(__file__).resolve().parents[1]
OWN_COMPONENTS = ["claimgraph_paragraphs"]
ACTORS = ["Russia", "Ukraine", "the Taliban", "China", "Pakistani police", "Hamas", "Israeli troops", "Iran",
          "the Houthis", "the United States", "NATO", "the UN Security Council", "Turkey", "al-Qaeda", "ETIM"]
VERBS = ["attacked", "accused", "supported", "met", "urged", "sanctioned", "detained", "threatened", "armed",
         "condemned", "signed a deal with", "withdrew from", "cooperated with", "rejected"]
FRAMES = ["{a} {v} {b} on Tuesday, officials said.", "According to Reuters, {a} {v} {b} in March 2021.",
          "“{a} {v} {b},” a spokesman told reporters.", "{a}, which {v} {b} last year, denied the reports.",
          "Analysts believe {a} {v} {b} after the talks collapsed."]


def corpus(words: int) -> list[Document]:
    docs = [d for d in iter_documents([str(ROOT / "examples")]) if isinstance(d, Document)]
    rng = random.Random(7)
    while sum(d.words for d in docs) < words:
        text = " ".join(rng.choice(FRAMES).format(a=rng.choice(ACTORS), v=rng.choice(VERBS), b=rng.choice(ACTORS))
                        for _ in range(40))
        docs.append(Document(id=doc_id(text), name=f"gen{len(docs)}", text=text))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--words", type=int, default=6000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=16, help="documents per spaCy batch, the same for both runs")
    ap.add_argument("--texts", help="a folder of reports to time instead of the bundled and generated text")
    a = ap.parse_args()
    extractor = Extractor.load(a.model)
    docs = ([d for d in iter_documents([a.texts]) if isinstance(d, Document)] if a.texts else corpus(a.words))
    words = sum(d.words for d in docs)
    texts = [d.text for d in docs]
    list(extractor.pipe(docs[:2]))  # warm up: lexicon, matcher, caches
    bare, full = [], []
    for _ in range(a.repeat):
        t = time.perf_counter()
        with extractor.nlp.select_pipes(disable=OWN_COMPONENTS):  # spaCy's own pipeline, nothing of ours
            for _doc in extractor.nlp.pipe(texts, batch_size=a.batch_size):
                pass
        bare.append(time.perf_counter() - t)
        t = time.perf_counter()
        claims = sum(len(x.claims) for x in extractor.pipe(docs, batch_size=a.batch_size)
                     if not isinstance(x, Exception))
        full.append(time.perf_counter() - t)
    b, f = min(bare), min(full)
    print(f"model {a.model}, {len(docs)} documents, {words} words, best of {a.repeat}")
    print(f"bare nlp.pipe      {words / b:8.0f} words/s")
    print(f"claimgraph extract {words / f:8.0f} words/s  ({claims} claims)")
    print(f"ratio              {b / f:8.2f}  (extraction keeps this share of bare parsing throughput)")
    long_ratio = long_vs_short(extractor, docs, repeat=a.repeat, batch_size=a.batch_size)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory        {peak:8.0f} MiB")
    sys.exit(0 if b / f >= 0.80 and long_ratio >= 0.90 else 1)


def long_vs_short(extractor: Extractor, docs: list[Document], *, repeat: int, batch_size: int) -> float:
    """Time the reports joined ten at a time (a blank line between) against the same reports one by
    one, bare `nlp.pipe` and full extraction, each best of `repeat`, by the clock and by this
    process's CPU time (which other programs on a shared machine barely move); print the rates and
    give extraction's long / short by CPU time (1.0 when there are fewer than ten reports)."""
    long_docs = []
    for i in range(0, len(docs) - 9, 10):
        text = "\n\n".join(d.text for d in docs[i:i + 10])
        long_docs.append(Document(id=doc_id(text), name=f"long{i}", text=text))
    if not long_docs:
        return 1.0
    sets = {"short": docs[:len(long_docs) * 10], "long": long_docs}
    bare: dict[str, list[tuple[float, float]]] = {"short": [], "long": []}
    full: dict[str, list[tuple[float, float]]] = {"short": [], "long": []}

    def parse_only(batch: list[Document]) -> None:
        with extractor.nlp.select_pipes(disable=OWN_COMPONENTS):
            for _doc in extractor.nlp.pipe([d.text for d in batch], batch_size=batch_size):
                pass
    for _ in range(repeat):
        for name, batch in sets.items():
            bare[name].append(timed(parse_only, batch))
            full[name].append(timed(lambda b: list(extractor.pipe(b, batch_size=batch_size)), batch))
    words = {name: sum(d.words for d in batch) for name, batch in sets.items()}

    def rate(times: list[tuple[float, float]], name: str, clock: int) -> float:
        return words[name] / min(t[clock] for t in times)
    for name, batch in sets.items():
        print(f"{name + ' reports':18} {rate(full[name], name, 0):8.0f} words/s  (bare nlp.pipe "
              f"{rate(bare[name], name, 0):.0f}; {len(batch)} reports, {words[name] // len(batch)} words each)")
    ratios = [(rate(full["long"], "long", c) / rate(full["short"], "short", c),
               rate(bare["long"], "long", c) / rate(bare["short"], "short", c)) for c in (0, 1)]
    print(f"long / short       {ratios[0][0]:8.2f}  (bare nlp.pipe {ratios[0][1]:.2f}; by the clock)")
    print(f"long / short CPU   {ratios[1][0]:8.2f}  (bare nlp.pipe {ratios[1][1]:.2f}; by CPU time: "
          "within 10% when cost grows with length)")
    return ratios[1][0]


def timed(run: Callable[[list[Document]], object], batch: list[Document]) -> tuple[float, float]:
    """Give (seconds by the clock, seconds of this process's CPU time) that `run(batch)` takes."""
    wall, cpu = time.perf_counter(), time.process_time()
    run(batch)
    return time.perf_counter() - wall, time.process_time() - cpu


if __name__ == "__main__":
    main()
