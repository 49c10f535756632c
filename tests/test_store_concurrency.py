"""Several processes on one store at once, on both backends: creating it, storing and fusing reports.

Each worker is a separate Python process that waits, once it has imported claimgraph, for the test
to say go, so that they really start together.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from claimgraph import fused_view
from claimgraph.store import open_store
from claimgraph.store.migrations import available
from tests.builders import snapshot
from tests.conftest import ROOT

WAIT = """
import pathlib, sys, time
ready, go = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
ready.touch()
while not go.exists():
    time.sleep(0.005)
"""

CREATE = WAIT + """
from claimgraph.store import open_store
with open_store(sys.argv[3]) as store:
    print(store.stats()["migrations"])
"""

# Reports sharing their actors, stored in the order given.
WRITE = WAIT + """
import json
from claimgraph.store import open_store
from claimgraph.store.migrations import available
from tests.builders import Report, filler, org, person

china, taliban = org("China", "COUNTRY"), org("Taliban", "ARMED_GROUP")
outlets = ["Dawn", "BBC", "Reuters", "Global Times"]
done = {}
with open_store(sys.argv[3]) as store:
    for i in json.loads(sys.argv[4]):
        report = Report(f"r{i:03d}.txt", filler(1000 + i), outlets[i % 4], f"2021-07-{1 + i % 28:02d}")
        report.claim(china, "SUPPORT", taliban).claim(person(f"Speaker {i % 7}"), "ACCUSE", china)
        report.mentions.append(org(f"Ministry {i % 5}"))
        done[report.name] = report.store_in(store).status
print(json.dumps(done))
"""


def together(script: str, args: list[list[str]], folder: Path) -> list[subprocess.Popen[str]]:
    """Start one process a list of arguments, all at once."""
    go = folder / "go"
    procs = []
    for n, extra in enumerate(args):
        ready = folder / f"ready{n}"
        procs.append((ready, subprocess.Popen([sys.executable, "-c", script, str(ready), str(go), *extra], cwd=ROOT,
                                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)))
    deadline = time.monotonic() + 60
    while not all(ready.exists() for ready, _ in procs) and time.monotonic() < deadline:
        time.sleep(0.01)
    go.touch()
    return [proc for _, proc in procs]


def printed(procs: list[subprocess.Popen[str]]) -> list[str]:
    """Give what each process printed, once it has ended well."""
    out = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr
        out.append(stdout)
    return out


def test_processes_creating_one_new_store_at_once_all_open_it(store_location: str, tmp_path: Path) -> None:
    every = [number for number, _, _ in available("sqlite")]
    said = printed(together(CREATE, [[store_location]] * 6, tmp_path))
    assert {s.strip() for s in said} == {str(every)}
    with open_store(store_location) as store:
        assert store.stats()["migrations"] == every


def test_two_processes_storing_overlapping_reports_lose_nothing_and_duplicate_nothing(
        store_location: str, tmp_path: Path) -> None:
    with open_store(store_location):
        pass  # the store exists before the writers start (creating it at once is the test above)
    shared = list(range(10, 50))  # both store these, in step, then ten of their own each
    writers = together(WRITE, [[store_location, json.dumps(shared + list(range(0, 10)))],
                               [store_location, json.dumps(shared + list(range(50, 60)))]], tmp_path)
    with open_store(store_location) as store:  # and this process fuses what they stored, while they store it
        while any(w.poll() is None for w in writers):
            fused_view.fuse(store)
    a, b = (json.loads(p) for p in printed(writers))
    added = [name for done in (a, b) for name, status in done.items() if status == "added"]
    assert sorted(added) == [f"r{i:03d}.txt" for i in range(60)]  # each report stored once, by one of them
    assert {status for done in (a, b) for status in done.values()} <= {"added", "unchanged"}
    with open_store(store_location) as store:
        assert store.stats()["documents"] == 60 and store.stats()["claims"] == 120
        fused_view.fuse(store)
        (support,) = fused_view.relations(store, type="SUPPORT")
        assert (support["docs"], support["outlets"]) == (60, 4)
        folded = snapshot(store)
        fused_view.fuse(store, rebuild=True)
        assert snapshot(store) == folded  # folded in store order: no report was passed over
