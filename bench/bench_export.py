"""Exporting a store of 2,000 generated reports to every format, against reading the same rows.

    python bench/bench_export.py [--reports 2000]

The baseline in the same run is gathering the fused view's rows (what every export starts from);
each format's time is the gathering plus the writing. The formats are those registered in
claimgraph.export.EXPORTERS, each with its default --what (claims: the csv of claims, the jsonl archive).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import build_store

from claimgraph import fused_view
from claimgraph.export import EXPORTERS, write_snapshot
from claimgraph.export.gather import gather


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=2000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        store = build_store(str(out / "bench.db"), args.reports)
        fused_view.fuse(store)
        snapshot = gather(store)
        print(f"{args.reports} reports: {len(snapshot.relations)} relations, {len(snapshot.actors)} actors, "
              f"{sum(r['claims'] for r in snapshot.relations)} claims")
        started = time.perf_counter()
        gather(store)
        print(f"{'gather (baseline)':>18}: {time.perf_counter() - started:6.1f} s")
        for name, exporter in EXPORTERS.items():
            started = time.perf_counter()
            write_snapshot(exporter(store, out / f"export{exporter.suffix or '-' + name}"), gather(store))
            print(f"{name:>18}: {time.perf_counter() - started:6.1f} s")


if __name__ == "__main__":
    main()
