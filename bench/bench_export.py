"""Exporting a store of 2,000 generated reports to every format, against reading the same rows.

    python bench/bench_export.py [--reports 2000]

The baseline in the same run is gathering the fused view's rows (what every export starts from);
each format's time is the gathering plus the writing.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import build_store  # noqa: E402

from claimgraph import fused_view  # noqa: E402
from claimgraph.export import graph, tables  # noqa: E402
from claimgraph.export.gather import gather  # noqa: E402
from claimgraph.cli.output import to_csv  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=2000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        store = build_store(str(out / "bench.db"), args.reports)
        fused_view.fuse(store)

        def stix(snap):
            from claimgraph.export.stix import to_bundle
            (out / "b.json").write_text(to_bundle(snap).serialize())

        def ftm(snap):
            from claimgraph.export.ftm import entities
            (out / "e.ftm").write_text("".join(json.dumps(e) + "\n" for e in entities(snap)))

        formats = {
            "gather (baseline)": lambda snap: None,
            "stix": stix, "ftm": ftm,
            "graphml": lambda snap: graph.write_graphml(snap, out / "g.graphml"),
            "gexf": lambda snap: graph.write_gexf(snap, out / "g.gexf"),
            "neo4j": lambda snap: graph.write_neo4j(snap, out / "neo"),
            "csv claims": lambda snap: (out / "c.csv").write_text(to_csv(tables.claim_rows(snap), tables.CLAIM_COLUMNS)),
            "jsonl archive": lambda snap: (out / "a.jsonl").write_text(
                "".join(json.dumps(r) + "\n" for r in tables.archive(store, snap))),
        }
        snap = gather(store)
        print(f"{args.reports} reports: {len(snap.relations)} relations, {len(snap.actors)} actors, "
              f"{sum(r['claims'] for r in snap.relations)} claims")
        for name, write in formats.items():
            started = time.perf_counter()
            write(gather(store))
            print(f"{name:>18}: {time.perf_counter() - started:6.1f} s")


if __name__ == "__main__":
    main()
