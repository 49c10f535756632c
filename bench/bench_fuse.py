"""Fusion cost per added report as the store grows, against the cost of storing the report.

    python bench/bench_fuse.py [--at 2000,10000,20000] [--mode both|fixed|growth] [--actors 20000]
                               [--batch 100] [--rounds 3] [--no-rebuild]

Builds a store of generated reports (bench/synth.py) up to each size in --at, fusing as it grows.
At each size it stores --batch new reports (the baseline: what `ingest` pays to write them, ms per
report to `write_document`) and then folds them into the fused view (`claimgraph fuse`), --rounds
times, and prints the median milliseconds per report of both and their ratio, beside that ratio at
the first size. Two modes: `fixed`, a pool of 500 actors there from the first report (the store's
actors stop growing early); `growth`, a pool that opens as the reports come, one new actor or so a
report, up to --actors by the last size. Fusion should cost the same per report at every size in
both modes: its ratio to the store's own write time should stay within 1.5 times its first value.

Then, unless --no-rebuild, the fused view is rebuilt from nothing (`claimgraph fuse --rebuild`),
alone and then while another connection stores a report every 50 ms: the rebuild's time per
report, and how long a report waited to be stored meanwhile.
"""
from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import make_reports

from claimgraph import fused_view
from claimgraph.store.sqlite import SQLiteStore

FIXED_POOL = 500


def store_reports(store: SQLiteStore, reports, n: int) -> float:
    """Store n reports; give the seconds per report."""
    started = time.perf_counter()
    for _ in range(n):
        doc, mentions, claims = next(reports)
        store.write_document(doc, mentions=mentions, claims=claims, model="synthetic", version="1")
    return (time.perf_counter() - started) / n


def run(mode: str, sizes: list[int], args: argparse.Namespace, folder: Path) -> None:
    total = sizes[-1] + args.batch * args.rounds
    actors = args.actors if mode == "growth" else FIXED_POOL
    reports = make_reports(total, actors=actors, grow=mode == "growth")
    first = None
    with SQLiteStore(folder / f"{mode}.db") as store:
        size = 0
        for target in sizes:
            while size < target:  # grow the store, fused as it grows (untimed)
                step = min(500, target - size)
                store_reports(store, reports, step)
                fused_view.fuse(store)
                size += step
            stored, fused = [], []
            for _ in range(args.rounds):
                stored.append(store_reports(store, reports, args.batch))
                started = time.perf_counter()
                report = fused_view.fuse(store)
                fused.append((time.perf_counter() - started) / args.batch)
                assert report.added == args.batch and not report.rebuilt
                size += args.batch
            s, f = statistics.median(stored) * 1000, statistics.median(fused) * 1000
            first = first or f / s
            names = len(store.fused_actor_names())
            print(f"{mode:>7} {target:>8,} {names:>7,} {s:>16.2f} {f:>15.2f} {f / s:>11.2f} {f / s / first:>7.2f}",
                  flush=True)
        if args.rebuild:
            rebuild(store, mode, folder / f"{mode}.db")


def rebuild(store: SQLiteStore, mode: str, path: Path) -> None:
    """Time a full rebuild alone, then one while another connection stores a report every 50 ms."""
    started = time.perf_counter()
    report = fused_view.fuse(store, rebuild=True)
    total = time.perf_counter() - started
    print(f"{mode}: full rebuild of {report.added:,} reports: {total:.1f} s ({total / report.added * 1000:.2f} "
          f"ms/report); {len(store.fused_actor_names()):,} actors, {store.count_relations():,} relations", flush=True)
    ctx = multiprocessing.get_context("spawn")
    stop, said = ctx.Event(), ctx.Queue()
    writer = ctx.Process(target=keep_storing, args=(str(path), stop, said))
    writer.start()
    assert said.get(timeout=120) == "ready"
    started = time.perf_counter()
    report = fused_view.fuse(store, rebuild=True)
    total = time.perf_counter() - started
    stop.set()
    writer.join()
    heard = []
    while not said.empty():
        heard.append(said.get())
    waits = [w for w in heard if isinstance(w, float)]
    failed = [w for w in heard if isinstance(w, str)]
    longest = (f", waiting {statistics.median(waits) * 1000:.0f} ms at the median and {max(waits) * 1000:.0f} ms "
               "at most" if waits else "")
    refused = f"; {len(failed)} refused ({failed[0]})" if failed else ""
    print(f"{mode}: again, storing reports meanwhile: {total:.1f} s for {report.added:,} reports; "
          f"{len(waits)} reports stored meanwhile{longest}{refused}", flush=True)


def keep_storing(path: str, stop, said) -> None:
    """Store a report every 50 ms until told to stop, saying how long each took (another process, as
    `claimgraph ingest` would be)."""
    late = ((replace(doc, name="late-" + doc.name), mentions, claims)
            for doc, mentions, claims in make_reports(100_000, actors=FIXED_POOL, seed=99))
    with SQLiteStore(path) as store:
        said.put("ready")
        while not stop.is_set():
            try:
                said.put(store_reports(store, late, 1))
            except Exception as e:  # a store that keeps its writers waiting past the timeout
                said.put(str(e).splitlines()[0])
            time.sleep(0.05)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--at", default="2000,10000,20000", help="store sizes to measure at, in reports")
    ap.add_argument("--mode", choices=["both", "fixed", "growth"], default="both")
    ap.add_argument("--actors", type=int, default=20000, help="actors by the last size, in growth mode")
    ap.add_argument("--batch", type=int, default=20, help="reports stored and fused in one measurement")
    ap.add_argument("--rounds", type=int, default=5, help="measurements at each size (the median is printed)")
    ap.add_argument("--no-rebuild", dest="rebuild", action="store_false")
    args = ap.parse_args()
    sizes = sorted(int(s) for s in args.at.split(","))
    print(f"{'mode':>7} {'reports':>8} {'actors':>7} {'store ms/report':>16} {'fuse ms/report':>15} "
          f"{'fuse÷store':>11} {'vs first':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for mode in (["fixed", "growth"] if args.mode == "both" else [args.mode]):
            run(mode, sizes, args, Path(tmp))


if __name__ == "__main__":
    main()
