"""Extraction on several processes (a local Dask cluster) or a running cluster: outcomes in input
order, one writer, and a worker that dies loses no document."""
from __future__ import annotations

import os
import random
import signal
import socket
from collections.abc import Iterator
from pathlib import Path

import dask
import psutil
import pytest
from distributed import Client

from claimgraph import cluster
from claimgraph.actions import Outcome, ingest, open_store
from tests.conftest import invoke

ACTORS = ["Russia", "Ukraine", "the Taliban", "China", "Hamas", "Iran", "the Houthis", "the United States", "NATO",
          "Turkey", "Egypt", "Rwanda", "Qatar", "Pakistan"]
VERBS = ["attacked", "accused", "supported", "met", "urged", "sanctioned", "threatened", "armed", "condemned"]
CITIES = ["Kabul", "Doha", "Cairo", "Istanbul", "Geneva", "Kigali", "Sanaa", "Ankara"]


def write_reports(folder: Path, n: int, *, sentences: int = 25) -> list[str]:
    """Write n different news-like reports (about 10 words a sentence, a claim in most); give their names."""
    rng = random.Random(5)
    folder.mkdir()
    for i in range(n):
        lines = [f"{a} {rng.choice(VERBS)} {b} in {rng.choice(CITIES)} on day {rng.randint(1, 9999)}, officials said."
                 for a, b in (rng.sample(ACTORS, 2) for _ in range(sentences))]
        (folder / f"report-{i:03d}.txt").write_text(f"Report {i}\n\n" + " ".join(lines) + "\n", encoding="utf-8")
    return sorted(p.name for p in folder.iterdir())


# ---- the machinery, without spaCy ----------------------------------------------------------------

@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with cluster.connect(workers=2) as c:
        yield c


def test_batches_come_back_in_input_order_with_a_failure_in_its_place(client: Client) -> None:
    batches = [("a", [1, 2]), ("b", [3, 0]), ("c", []), ("d", [5]), ("e", [6, 7])]
    results = list(cluster.map_batches(client, lambda batch: [12 // x for x in batch], batches, window=2))
    assert [key for key, _ in results] == ["a", "b", "c", "d", "e"]
    assert [r for _, r in results if not isinstance(r, Exception)] == [[12, 6], None, [2], [2, 1]]
    failed = results[1][1]
    assert isinstance(failed, ZeroDivisionError)
    assert cluster.reason(failed) == "ZeroDivisionError: integer division or modulo by zero"


def test_a_task_runs_on_every_worker(client: Client) -> None:
    assert len(set(cluster.on_every_worker(client, os.getpid))) == 2


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_scheduler_that_cannot_be_reached_is_one_line_and_exit_2(tmp_path: Path) -> None:
    write_reports(tmp_path / "in", 1)
    address = f"tcp://127.0.0.1:{_closed_port()}"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        r = invoke("ingest", str(tmp_path / "in"), "--db", str(tmp_path / "s.db"), "--scheduler", address)
    assert r.returncode == 2
    assert r.stderr.startswith(f"error: cannot reach the Dask scheduler at {address} (") and r.stderr.count("\n") == 1


def test_workers_must_be_at_least_one(tmp_path: Path) -> None:
    assert invoke("ingest", str(tmp_path), "--db", str(tmp_path / "s.db"), "--workers", "0").returncode == 2


# ---- a worker killed mid-batch -------------------------------------------------------------------

def _worker_processes() -> set[psutil.Process]:
    return {p for p in psutil.Process().children(recursive=True) if "spawn_main" in " ".join(p.cmdline())}


def _ingest_killing_one_worker(folder: Path, db: Path, *, allowed_failures: int) -> list[Outcome]:
    """Ingest with 2 workers and SIGKILL the busier one once the first batch is stored."""
    outcomes: list[Outcome] = []
    others = _worker_processes()  # the module's own cluster, if it runs
    killed = None
    with dask.config.set({"distributed.scheduler.allowed-failures": allowed_failures}), open_store(db) as store:
        for o in ingest([str(folder)], store=store, workers=2, batch_size=4):
            outcomes.append(o)
            if killed is None:  # both workers have loaded the pipeline and are busy with the next batches
                workers = _worker_processes() - others
                assert len(workers) == 2, workers
                killed = max(workers, key=lambda p: p.cpu_percent(interval=0.05))
                os.kill(killed.pid, signal.SIGKILL)
    return outcomes


def _stored_claims(db: Path) -> dict[str, list[dict]]:
    with open_store(db) as store:
        assert store.integrity() == "ok"
        return {d["name"]: [{k: v for k, v in c.items() if k != "id"} for c in store.claims(document=d["name"])]
                for d in store.documents()}


@pytest.mark.model
def test_a_killed_worker_has_its_batches_run_again_and_nothing_is_lost(tmp_path: Path) -> None:
    names = write_reports(tmp_path / "in", 60)
    outcomes = _ingest_killing_one_worker(tmp_path / "in", tmp_path / "s.db", allowed_failures=3)
    assert [(o.where, o.kind) for o in outcomes] == [(name, "added") for name in names]  # in input order
    stored = _stored_claims(tmp_path / "s.db")
    assert {o.where: len(o.claims) for o in outcomes} == {name: len(claims) for name, claims in stored.items()}
    assert all(stored.values())
    # the same claims as one process extracts
    with open_store(tmp_path / "one.db") as store:
        assert {o.kind for o in ingest([str(tmp_path / "in")], store=store, workers=1)} == {"added"}
    assert _stored_claims(tmp_path / "one.db") == stored


@pytest.mark.model
def test_batches_whose_worker_died_are_reported_failed_by_name_and_a_rerun_completes_them(tmp_path: Path) -> None:
    names = write_reports(tmp_path / "in", 60)
    for attempt in range(3):  # the kill can land while the worker is between batches: nothing fails then
        db = tmp_path / f"s{attempt}.db"
        outcomes = _ingest_killing_one_worker(tmp_path / "in", db, allowed_failures=0)
        assert [o.where for o in outcomes] == names
        failed = [o.where for o in outcomes if o.failed]
        if failed:
            break
        assert {o.kind for o in outcomes} == {"added"}  # then nothing is lost either
    assert failed and {o.kind for o in outcomes} == {"added", "failed"}
    assert all("extraction failed (the Dask worker running it died (1 try" in str(o) for o in outcomes if o.failed)
    batches = [set(names[i:i + 4]) for i in range(0, len(names), 4)]
    assert all(batch <= set(failed) or not batch & set(failed) for batch in batches)  # whole batches fail
    stored = _stored_claims(db)
    assert set(stored) == set(names) - set(failed) and all(stored.values())

    with open_store(db) as store:
        rerun = {o.where: o.kind for o in ingest([str(tmp_path / "in")], store=store, workers=1)}
    assert rerun == {name: "added" if name in failed else "unchanged" for name in names}
    stored = _stored_claims(db)
    assert set(stored) == set(names) and all(stored.values())
