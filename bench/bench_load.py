"""The workbench under load: requests a second and latency with many clients at once.

    python bench/bench_load.py [--reports 2000] [--actors 500] [--workers 1 2] [--concurrency 1 8 32]
                               [--seconds 5]

Builds a store of generated reports, serves it with `claimgraph serve --workers N` on loopback (the
command a user runs), and drives it with a fixed number of clients (httpx on asyncio, one
connection each), each sending its next request as soon as its last is answered. For each
question it prints the first answer (worked out: nothing kept yet), then, after two seconds of
warming up, for each number of clients the requests a second and the 50th and 99th percentile
of latency. The clients run on the
same machine as the server and take their share of its cores.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT)]

from synth import build_store  # noqa: E402
from tests.web_fixtures import free_port  # noqa: E402

from claimgraph import fused_view  # noqa: E402

QUESTIONS = {"graph": "/api/graph", "relations page": "/api/relations?limit=100",
             "relations page 50": "/api/relations?limit=100&cursor=5000"}


def serve(db: Path, *, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    """Start `claimgraph serve` on a free port; give the process and its URL once it answers."""
    port = free_port()
    command = [str(Path(sys.executable).with_name("claimgraph")), "serve", "--db", str(db), "--port", str(port)]
    command += ["--workers", str(workers)] if workers > 1 else []  # a release before --workers can be measured too
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/api/settings").status_code == 200:
                return server, url
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not start: {' '.join(command)}")


async def drive(url: str, path: str, *, clients: int, seconds: float) -> list[float]:
    """Give the latency (seconds) of every request `clients` clients sent in `seconds`."""
    latencies: list[float] = []
    stop = time.perf_counter() + seconds

    async def client() -> None:
        async with httpx.AsyncClient(base_url=url, timeout=120) as http:
            while time.perf_counter() < stop:
                started = time.perf_counter()
                response = await http.get(path)
                response.raise_for_status()
                latencies.append(time.perf_counter() - started)

    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1] if len(values) > 1 else values[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=2000)
    ap.add_argument("--actors", type=int, default=500)
    ap.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    ap.add_argument("--concurrency", type=int, nargs="*", default=[1, 8, 32])
    ap.add_argument("--seconds", type=float, default=5.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        store = build_store(str(db), args.reports, actors=args.actors)
        fused_view.fuse(store)
        print(f"store: {args.reports} reports, {len(store.fused_actor_names())} actors, "
              f"{store.count_relations()} relations; {os.cpu_count()} cores, clients on the same machine")
        store.close()
        for workers in args.workers:
            server, url = serve(db, workers=workers)
            try:
                for name, path in QUESTIONS.items():
                    started = time.perf_counter()
                    size = len(httpx.get(url + path, timeout=120).content)
                    print(f"workers {workers}  {name:<18} first answer {1000 * (time.perf_counter() - started):6.0f} ms"
                          f" ({size / 1000:,.0f} KB)")
                for name, path in QUESTIONS.items():
                    asyncio.run(drive(url, path, clients=8, seconds=2))  # every worker has worked it out
                    for clients in args.concurrency:
                        done = asyncio.run(drive(url, path, clients=clients, seconds=args.seconds))
                        p50, p99 = 1000 * statistics.median(done), 1000 * percentile(done, 99)
                        print(f"workers {workers}  {name:<18} clients {clients:>3}: {len(done) / args.seconds:7.0f}/s"
                              f"  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms")
            finally:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=30)


if __name__ == "__main__":
    main()
