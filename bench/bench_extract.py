"""Extraction throughput against bare spaCy parsing of the same text, in one run.

    python bench/bench_extract.py [--model NAME] [--repeat N] [--batch-size N] [--texts DIR]

The text is the bundled example reports plus generated news-like sentences on several conflicts
(a few thousand words, far denser in claims than news), or the reports of DIR. The baseline is
spaCy's own pipeline (without claimgraph's sentence-boundary component) with the same batch size.
Prints words per second for bare `nlp.pipe` and for claimgraph's full extraction (parse + actors +
relations + attribution), their ratio, and peak memory. Then the same reports joined ten at a time
into long ones (10x the usual length): extraction's words per second on long reports beside short
ones, in the same run (the cost of a report should grow with its length, not its square).
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import time
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
    long_docs = []
    for i in range(0, len(docs) - 9, 10):
        text = "\n\n".join(d.text for d in docs[i:i + 10])
        long_docs.append(Document(id=doc_id(text), name=f"long{i}", text=text))
    long_words = sum(d.words for d in long_docs)
    short_docs = docs[:len(long_docs) * 10]
    short_words = sum(d.words for d in short_docs)
    short_t, long_t = [], []
    for _ in range(a.repeat):
        t = time.perf_counter()
        list(extractor.pipe(short_docs, batch_size=a.batch_size))
        short_t.append(time.perf_counter() - t)
        t = time.perf_counter()
        list(extractor.pipe(long_docs, batch_size=a.batch_size))
        long_t.append(time.perf_counter() - t)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"model {a.model}, {len(docs)} documents, {words} words, best of {a.repeat}")
    print(f"bare nlp.pipe      {words / b:8.0f} words/s")
    print(f"claimgraph extract {words / f:8.0f} words/s  ({claims} claims)")
    print(f"ratio              {b / f:8.2f}  (extraction keeps this share of bare parsing throughput)")
    if long_docs:
        short_rate, long_rate = short_words / min(short_t), long_words / min(long_t)
        print(f"short reports      {short_rate:8.0f} words/s  ({len(short_docs)} reports, "
              f"{short_words // len(short_docs)} words each)")
        print(f"long reports       {long_rate:8.0f} words/s  ({len(long_docs)} reports, "
              f"{long_words // len(long_docs)} words each)")
        print(f"long / short       {long_rate / short_rate:8.2f}  (within 10% when cost grows with length)")
    print(f"peak memory        {peak:8.0f} MiB")
    sys.exit(0 if b / f >= 0.80 else 1)


if __name__ == "__main__":
    main()
