"""Many users: long lists come a page at a time, answers are kept between writes (and worked out
once however many ask at the same time), and `serve --workers N` runs N processes that share the
port and the write token. How fast is bench/bench_load.py's to measure."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from claimgraph import actions, fused_view
from claimgraph.store import open_store
from claimgraph.web import app as web_app
from claimgraph.web.app import create_app
from tests.builders import Report, filler, org
from tests.web_fixtures import free_port, small_store


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A store of 30 reports and their relations: enough to page through."""
    path = tmp_path_factory.mktemp("load") / "big.db"
    actors = [org(f"Group {i}", "ARMED_GROUP") for i in range(12)]
    with open_store(path) as s:
        for i in range(30):
            report = Report(f"r{i:02d}.txt", filler(i), f"Outlet {i % 3}", f"2021-07-{i % 28 + 1:02d}")
            for j in range(2):
                report = report.claim(actors[(i + j) % 12], "ASSAULT" if j else "SUPPORT", actors[(i * 5 + j + 1) % 12],
                                      date=f"2021-0{1 + (i + j) % 9}")
            report.store_in(s)
        fused_view.fuse(s)
    return path


@pytest.fixture(scope="module")
def client(big):
    return TestClient(create_app(big), base_url="http://127.0.0.1")


def walk(client, path, limit):
    """Give every item of a paged list, page by page, and the totals each page gave."""
    items, totals, cursor = [], set(), None
    while True:
        page = client.get(path, params={"limit": limit, **({"cursor": cursor} if cursor else {})}).json()
        assert set(page) == {"items", "total", "next"} and len(page["items"]) <= limit
        items += page["items"]
        totals.add(page["total"])
        cursor = page["next"]
        if cursor is None:
            return items, totals


@pytest.mark.parametrize(("path", "everything"), [
    ("/api/relations", lambda s: fused_view.relations(s)), ("/api/actors", lambda s: fused_view.actors(s)),
    ("/api/documents", lambda s: s.documents()), ("/api/timeline", lambda s: fused_view.timeline(s)),
])
def test_a_long_list_comes_a_page_at_a_time_and_the_pages_make_the_whole(client, big, path, everything):
    with open_store(big) as s:
        whole = everything(s)
    assert len(whole) > 7
    items, totals = walk(client, path, 7)
    assert [i.get("id", i.get("claim_id")) for i in items] == [w.get("id", w.get("claim_id")) for w in whole]
    assert totals == {len(whole)}
    first = client.get(path).json()
    assert len(first["items"]) == min(100, len(whole))  # 100 a page unless asked


def test_a_page_past_the_end_is_empty(client):
    assert client.get("/api/relations", params={"cursor": "100000"}).json()["items"] == []


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 1001}, {"cursor": "x"}, {"cursor": "-5"}])
def test_pages_are_bounded(client, params):
    assert client.get("/api/relations", params=params).status_code == 422


def test_an_answer_is_worked_out_once_between_writes_however_many_ask_at_once(big, monkeypatch):
    asked = []

    def slow_relations(store, **filters):
        asked.append(filters)
        time.sleep(0.3)
        return [{"id": "r1"}]

    monkeypatch.setattr(fused_view, "relations", slow_relations)
    client = TestClient(create_app(big), base_url="http://127.0.0.1")
    with ThreadPoolExecutor(8) as pool:
        pages = list(pool.map(lambda _: client.get("/api/relations", params={"limit": 1}).json(), range(16)))
    assert len(asked) == 1 and all(p["items"] == [{"id": "r1"}] for p in pages)
    client.get("/api/relations", params={"limit": 1, "cursor": "1"})
    assert len(asked) == 1  # another page of the same list: still kept
    client.get("/api/relations", params={"type": "ASSAULT"})
    assert len(asked) == 2  # another question


def test_kept_answers_are_dropped_when_the_store_changes(tmp_path, monkeypatch):
    db = small_store(tmp_path / "web.db")
    monkeypatch.setattr(actions, "ingest", partial(actions.ingest, extract=False))
    app = create_app(db, allow_upload=True)
    client = TestClient(app, base_url="http://127.0.0.1")
    client.headers["X-Claimgraph-Token"] = client.get("/api/settings").json().get("token") or ""
    assert client.get("/api/documents").json()["total"] == 4
    client.post("/api/documents", files=[("files", ("new.txt", b"Russia attacked Ukraine."))])
    assert client.get("/api/documents").json()["total"] == 5  # an upload through this process: at once
    with open_store(db) as s:  # another process (another worker, `claimgraph ingest`) writes and fuses
        Report("other.txt", filler(9), "BBC").claim(org("China", "COUNTRY"), "ASSAULT", org("Chad", "COUNTRY")) \
            .store_in(s)
        fused_view.fuse(s)
    app.state.answers.recheck = 0.2  # the store's generation is read again at most this often
    time.sleep(0.3)
    assert client.get("/api/documents").json()["total"] == 6
    assert "Chad" in {a["name"] for a in client.get("/api/actors").json()["items"]}


def test_the_factory_reads_its_settings_from_the_environment(big, monkeypatch):
    for name, value in {"CLAIMGRAPH_DB": str(big), "CLAIMGRAPH_WEB_UPLOAD": "1", "CLAIMGRAPH_WEB_TOKEN": "shared",
                        "CLAIMGRAPH_WEB_MAX_UPLOAD_BYTES": "1234", "CLAIMGRAPH_WEB_HOSTS": "workbench.lan"}.items():
        monkeypatch.setenv(name, value)
    client = TestClient(web_app.from_environment(), base_url="http://workbench.lan:8765")
    assert client.get("/api/settings").json() == {"allow_upload": True, "max_upload_bytes": 1234,
                                                  "max_upload_files": 20, "token": "shared"}


def test_serve_with_workers_answers_from_several_processes_with_one_token(big):
    with open_store(big) as s:
        shown = fused_view.graph(s)["shown"]
    port = free_port()
    command = [str(Path(sys.executable).with_name("claimgraph")), "serve", "--db", str(big), "--port", str(port),
               "--workers", "2", "--allow-upload"]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True,
                              env=os.environ | {"PYTHONUNBUFFERED": "1"})
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/api/settings").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, server.stderr and server.stderr.read()
            time.sleep(0.2)
        tokens = set()
        lock = threading.Lock()

        def ask(_: int) -> None:
            with httpx.Client() as fresh:  # a new connection each time, so the kernel spreads them
                token = fresh.get(url + "/api/settings").json()["token"]
                graph = fresh.get(url + "/api/graph").json()
            with lock:
                tokens.add(token)
            assert graph["shown"] == shown

        with ThreadPoolExecutor(8) as pool:
            list(pool.map(ask, range(40)))
        assert len(tokens) == 1
        children = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
        assert len(children) >= 2  # the workers (and uvicorn's helper)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
