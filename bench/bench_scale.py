"""Parallel ingest: documents per second with 1 worker and with 2 on a local Dask cluster, in one run.

    python bench/bench_scale.py [--reports 500] [--words 600] [--workers 2] [--repeat N] [--only STORE]

Generates news-like reports (bench/synth.py `make_news`: the bundled examples' sentences, claims in
the shapes news uses, background), writes them as files and ingests them (read, extract, store: what
`claimgraph ingest` does before fusing) into a fresh SQLite store, first in this process (1 worker),
then on a local Dask cluster of 2 worker processes; then the same into PostgreSQL when
CLAIMGRAPH_BENCH_PG names a database (a scratch one: each run adds its reports), else into a
throw-away server when PostgreSQL's binaries are here (tests/pg_cluster.py), else says why not.

Each run's reports differ by one line, so none is skipped as already stored. Startup (loading the
pipeline, starting the cluster) is timed apart from ingesting. Prints documents/s for each run, the
ratio 2 workers / 1 worker, peak memory of each worker process (RSS, sampled), the CPU that this
process, the workers, a throw-away database server and everything else on the machine took (the
machine may be shared: a busy neighbour shows there), the rate of one core, and the cores that
1,000,000 reports a day of that length would need.
"""
from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import psutil
from synth import make_news

from claimgraph import actions, cluster
from claimgraph.errors import StoreError
from claimgraph.settings import DEFAULT_MODEL

ROOT = Path(__file__).resolve().parents[1]
DAY = 86_400
REPORTS_A_DAY = 1_000_000


@dataclass
class Database:
    """Where PostgreSQL runs are stored: a function giving the URL of a database to use for a run,
    and the server's main process when it runs here (to count its CPU)."""

    url: Callable[[], str]
    server: int | None = None


@dataclass
class Run:
    store: str
    workers: int
    documents: int
    words: int
    seconds: float
    peak_mib: list[float]  # of each process that extracted
    cpu: dict[str, float]  # cores' worth of CPU taken during the run: main, workers, server, others

    @property
    def rate(self) -> float:
        return self.documents / self.seconds

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds

    @property
    def per_cpu_second(self) -> float:
        """Documents for each second of CPU that claimgraph's processes took (this one and the workers)."""
        return self.documents / ((self.cpu["main"] + self.cpu["workers"]) * self.seconds)


class Watch:
    """Samples the resident memory of the processes that extract (each one's peak, MiB) in a thread,
    and measures the CPU that this process, the workers, the database server and all else took."""

    def __init__(self, pids: list[int], *, server: int | None, every: float = 0.2) -> None:
        self.peaks = dict.fromkeys(pids, 0.0)
        self.workers = [p for p in pids if p != os.getpid()]
        self.server = server
        self.every = every
        self.cpu: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            for pid in self.peaks:
                with suppress(psutil.Error):  # a worker that died (and was restarted under another pid)
                    self.peaks[pid] = max(self.peaks[pid], psutil.Process(pid).memory_info().rss / 2**20)
            self._stop.wait(self.every)

    def _now(self) -> dict[str, float]:
        machine = psutil.cpu_times()
        server = [psutil.Process(self.server)] if self.server else []
        server += [c for p in server for c in p.children(recursive=True)]
        return {"time": time.perf_counter(), "busy": sum(machine) - machine.idle - getattr(machine, "iowait", 0.0),
                "main": _used([psutil.Process()]), "workers": _used(map(psutil.Process, self.workers)),
                "server": _used(server)}

    def __enter__(self) -> Watch:
        self._start = self._now()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        end = self._now()
        seconds = end["time"] - self._start["time"]
        self.cpu = {k: (end[k] - self._start[k]) / seconds for k in ("main", "workers", "server")}
        busy = (end["busy"] - self._start["busy"]) / seconds
        self.cpu["others"] = max(0.0, busy - sum(self.cpu.values()))


def _used(processes: Iterator[psutil.Process] | list[psutil.Process]) -> float:
    total = 0.0
    for p in processes:
        with suppress(psutil.Error):
            times = p.cpu_times()
            total += times.user + times.system
    return total


def write_reports(folder: Path, n: int, *, words: int, tag: str) -> int:
    """Write the reports, each with a line naming this run; give their total words."""
    folder.mkdir(parents=True)
    total = 0
    for name, text in make_news(n, words=words):
        text += f"\nBench run {tag}.\n"
        (folder / name).write_text(text, encoding="utf-8")
        total += len(text.split())
    return total


def load(model: str) -> None:
    """Load the pipeline into the process's cache (where ingest finds it), here or on a worker."""
    from claimgraph.nlp.extract import Extractor

    Extractor.load(model)


def timed(folder: Path, location: str, *, store: str, words: int, model: str, pids: list[int],
          server: int | None = None, workers: int = 1, scheduler: str | None = None) -> Run:
    """Ingest the folder into the store, watching the processes at work."""
    with actions.open_store(location) as opened, Watch(pids, server=server) as watch:  # the server's connection too
        started = time.perf_counter()
        outcomes = list(actions.ingest([str(folder)], store=opened, model=model, workers=workers, scheduler=scheduler))
        seconds = time.perf_counter() - started
    failed = [str(o) for o in outcomes if o.failed]
    if failed:
        sys.exit(f"{len(failed)} report(s) failed, e.g. {failed[0]}")
    documents = sum(o.kind == "added" for o in outcomes)
    return Run(store, workers, documents, words, seconds, list(watch.peaks.values()), watch.cpu)


@contextmanager
def postgres() -> Iterator[Database | str]:
    """Give where to store PostgreSQL runs, or why there is nowhere."""
    url = os.environ.get("CLAIMGRAPH_BENCH_PG")
    if url:
        yield Database(lambda: url)
        return
    sys.path.insert(0, str(ROOT))
    try:
        from tests import pg_cluster
    except ImportError as e:
        yield f"CLAIMGRAPH_BENCH_PG is not set and tests/pg_cluster.py cannot be used ({e})"
        return
    try:
        server = pg_cluster.start()
    except pg_cluster.Unavailable as e:
        yield f"CLAIMGRAPH_BENCH_PG is not set and no throw-away server can be started ({e})"
        return
    try:
        pid = int((server.folder / "data" / "postmaster.pid").read_text().split()[0])
        yield Database(server.create_database, pid)
    finally:
        server.stop()


def report(runs: list[Run], *, words: int, startup: dict[int, float]) -> None:
    print(f"{'store':<12} {'workers':>7} {'docs':>5} {'seconds':>8} {'docs/s':>7} {'words/s':>8} "
          f"{'main':>5} {'workers':>7} {'server':>6} {'others':>6} {'docs/CPU-s':>10}  peak RSS per worker (MiB)")
    for r in runs:
        peaks = ", ".join(f"{p:.0f}" for p in r.peak_mib)
        cpu = f"{r.cpu['main']:>5.2f} {r.cpu['workers']:>7.2f} {r.cpu['server']:>6.2f} {r.cpu['others']:>6.2f}"
        print(f"{r.store:<12} {r.workers:>7} {r.documents:>5} {r.seconds:>8.1f} {r.rate:>7.2f} "
              f"{r.words_per_second:>8.0f} {cpu} {r.per_cpu_second:>10.2f}  {peaks}")
    print("(main, workers, server, others: cores' worth of CPU taken during the run by this process (reading,\n"
          " storing, and extracting too with 1 worker), by the worker processes, by a throw-away PostgreSQL\n"
          " server, and by everything else on the machine; docs/CPU-s: per second of main and workers)")
    n = max(startup)
    print(f"startup: 1 worker {startup[1]:.1f} s (loading the pipeline), {n} workers {startup[n]:.1f} s "
          f"(starting the cluster, each worker loading the pipeline)")
    for store in dict.fromkeys(r.store for r in runs):
        one = max((r for r in runs if r.store == store and r.workers == 1), key=lambda r: r.rate)
        more = max((r for r in runs if r.store == store and r.workers == n), key=lambda r: r.rate)
        end_to_end = (startup[1] + one.seconds) / (startup[n] + more.seconds)
        efficiency = more.per_cpu_second / one.per_cpu_second
        print(f"{store}: {n} workers / 1 worker = {more.rate / one.rate:.2f} ({more.rate:.2f} / {one.rate:.2f} "
              f"docs/s; with startup {end_to_end:.2f}); a CPU-second does {efficiency:.0%} as much with {n} "
              f"workers: about {n * efficiency:.2f} on {n} cores that nothing else uses")
    one = max((r for r in runs if r.workers == 1), key=lambda r: r.rate)
    more = max((r for r in runs if r.workers == n), key=lambda r: r.rate)
    per_core = one.words_per_second / words  # reports of `words` words a second, one core
    per_worker = more.words_per_second / words / n
    needed = REPORTS_A_DAY / DAY
    print(f"one core: {one.words_per_second:.0f} words/s = {per_core:.1f} reports of {words} words/s "
          f"= {per_core * DAY:,.0f} a day")
    print(f"1,000,000 reports a day ({needed:.1f}/s of {words} words) need {needed / per_core:.2f} cores at "
          f"that rate, {needed / per_worker:.2f} at the {n}-worker rate per worker: "
          f"{math.ceil(needed / per_worker)} (extracting and storing; fusion not included)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=500)
    ap.add_argument("--words", type=int, default=600, help="about this many words a report")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=1, help="runs of each kind; the best is compared")
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--only", choices=["SQLite", "PostgreSQL"], help="time this store alone")
    a = ap.parse_args()
    print(f"{a.reports} reports of about {a.words} words, model {a.model}, {os.cpu_count()} cores", flush=True)
    runs: list[Run] = []
    stamp = time.strftime("%Y%m%dT%H%M%S")
    with tempfile.TemporaryDirectory(prefix="claimgraph-scale-") as tmp:
        started = time.perf_counter()
        load(a.model)
        startup = {1: time.perf_counter() - started}
        started = time.perf_counter()
        with cluster.connect(workers=a.workers) as client:
            cluster.on_every_worker(client, partial(load, a.model))
            startup[a.workers] = time.perf_counter() - started
            worker_pids = cluster.on_every_worker(client, os.getpid)

            def both(store: str, location: Callable[[], str], server: int | None = None) -> None:
                for n in range(a.repeat):
                    for workers in (1, a.workers):
                        label = f"{store}-{workers}-{n}"
                        folder = Path(tmp) / label
                        words = write_reports(folder, a.reports, words=a.words, tag=f"{stamp} {label}")
                        here = workers == 1
                        runs.append(timed(folder, location(), store=store, words=words, model=a.model, server=server,
                                          pids=[os.getpid()] if here else worker_pids, workers=workers,
                                          scheduler=None if here else client.scheduler.address))
                        print(f"  {label}: {runs[-1].rate:.2f} docs/s (everything else on the machine took "
                              f"{runs[-1].cpu['others']:.2f} cores)", flush=True)

            if a.only != "PostgreSQL":
                both("SQLite", lambda: str(Path(tmp) / f"bench-{len(runs)}.db"))
            if a.only == "SQLite":
                print("PostgreSQL: skipped (--only SQLite)")
            else:
                with postgres() as database:
                    if isinstance(database, str):
                        print(f"PostgreSQL: skipped ({database})")
                    else:
                        try:
                            both("PostgreSQL", database.url, database.server)
                        except StoreError as e:
                            print(f"PostgreSQL: skipped ({e})")
    if runs:
        report(runs, words=a.words, startup=startup)


if __name__ == "__main__":
    main()
