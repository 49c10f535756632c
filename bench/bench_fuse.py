"""Fusion cost per added report as the store grows, against the cost of storing the report.

    python bench/bench_fuse.py [--reports 2000] [--step 250] [--batch 20]

Builds a store of generated reports step by step. At each size it stores a batch of new reports
(the baseline: what `ingest` pays to write them) and then folds them into the fused view
(`claimgraph fuse`), and prints milliseconds per report for both. Incremental fusion should stay
flat: its cost depends on the report, not on the size of the store. A full rebuild is timed at
the end for comparison.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import make_reports

from claimgraph import fused_view
from claimgraph.store.sqlite import SQLiteStore


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=2000)
    ap.add_argument("--step", type=int, default=250)
    ap.add_argument("--batch", type=int, default=20)
    args = ap.parse_args()
    reports = make_reports(args.reports + args.batch * (args.reports // args.step + 1))
    with tempfile.TemporaryDirectory() as tmp, SQLiteStore(Path(tmp) / "bench.db") as store:
        print(f"{'store size':>10} {'store ms/report':>16} {'fuse ms/report':>15} {'ratio':>6}")
        size = 0
        while size < args.reports:
            for _ in range(args.step - args.batch):  # grow the store (fused as it grows)
                doc, mentions, claims = next(reports)
                store.write_document(doc, mentions=mentions, claims=claims, model="synthetic", version="1")
            fused_view.fuse(store)
            size += args.step - args.batch
            started = time.perf_counter()
            for _ in range(args.batch):
                doc, mentions, claims = next(reports)
                store.write_document(doc, mentions=mentions, claims=claims, model="synthetic", version="1")
            stored = (time.perf_counter() - started) / args.batch
            started = time.perf_counter()
            report = fused_view.fuse(store)
            fused = (time.perf_counter() - started) / args.batch
            assert report.added == args.batch and not report.rebuilt
            size += args.batch
            print(f"{size:>10} {stored * 1000:>16.2f} {fused * 1000:>15.2f} {fused / stored:>6.2f}")
        started = time.perf_counter()
        fused_view.fuse(store, rebuild=True)
        total = time.perf_counter() - started
        rels = store.count_relations()
        actors = len(store.fused_actor_names())
        print(f"full rebuild of {size} reports: {total:.1f} s ({total / size * 1000:.2f} ms/report); "
              f"{actors} actors, {rels} relations")


if __name__ == "__main__":
    main()
