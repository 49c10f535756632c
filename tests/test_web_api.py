"""The workbench's HTTP API: every route answers, every error has the one JSON shape (on both backends)."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from claimgraph.store import open_store
from claimgraph.web.app import create_app
from tests.builders import Report, filler, org
from tests.conftest import BACKENDS, locator
from tests.web_fixtures import HOSTILE, small_store


@pytest.fixture(scope="module", params=BACKENDS)
def db(request, tmp_path_factory):
    return small_store(locator(request.param, tmp_path_factory.mktemp("web"), request)("web"))


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db), base_url="http://127.0.0.1")  # the workbench answers for its own hosts only


def assert_error(response, status):
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "title", "detail"}
    assert body["error"]["status"] == status and body["error"]["detail"]


def test_every_route_is_in_the_openapi_schema(client):
    paths = set(client.get("/api/openapi.json").json()["paths"])
    assert paths == {"/api/actors", "/api/actors/{name}", "/api/relations", "/api/relations/{rel_id}/evidence",
                     "/api/graph", "/api/contradictions", "/api/timeline", "/api/outlets", "/api/documents",
                     "/api/documents/{ident}", "/api/search", "/api/settings"}


def test_actors_and_one_actor(client):
    names = [a["name"] for a in client.get("/api/actors").json()["items"]]
    assert names[0] == "Taliban" and "China" in names
    people = client.get("/api/actors", params={"kind": "PERSON"}).json()["items"]
    assert [a["name"] for a in people] == ["Suhail Shaheen"]
    actor = client.get("/api/actors/Taliban").json()
    assert {"names", "out", "in", "merged"} <= set(actor) and "SUPPORT" in actor["in"]


def test_relations_with_filters_and_evidence(client):
    rows = client.get("/api/relations", params={"source": "China", "target": "Taliban"}).json()["items"]
    assert {(r["type"], r["negated"]) for r in rows} == {("SUPPORT", False), ("SUPPORT", True), ("CONSULT", False)}
    assert all(r["contested"] == (r["type"] == "SUPPORT") for r in rows)
    bbc = client.get("/api/relations", params={"outlet": "BBC"}).json()["items"]
    assert {r["type"] for r in bbc} == {"ASSAULT", "AFFILIATE"}
    assert client.get("/api/relations", params={"since": "2021-07-04"}).json()["items"][0]["type"] == "CONSULT"
    rel = next(r for r in rows if not r["negated"] and r["type"] == "SUPPORT")
    ev = client.get(f"/api/relations/{rel['id']}/evidence").json()
    (claim,) = ev["claims"]
    assert claim["paragraph"] == HOSTILE  # the paragraph as stored; escaping is the page's job
    assert {m["what"] for m in claim["marks"]} >= {"evidence"}


def test_graph_contradictions_timeline_outlets(client):
    g = client.get("/api/graph").json()
    assert len(g["edges"]) == g["total_relations"] == 5 and {n["name"] for n in g["nodes"]} >= {"China", "Taliban"}
    assert len(client.get("/api/graph", params={"type": "ASSAULT"}).json()["edges"]) == 1
    assert len(client.get("/api/graph", params={"limit": 2}).json()["edges"]) == 2
    (c,) = client.get("/api/contradictions").json()
    assert [s["stance"] for s in c["sides"]] == ["asserts", "denies"]
    assert [r["event_date"] for r in client.get("/api/timeline").json()["items"]] == ["2021-06", "2021-07-28"]
    assert len(client.get("/api/timeline", params={"actor": "Afghanistan", "undated": True}).json()["items"]) == 1
    support = {"source": "China", "target": "Taliban", "type": "SUPPORT"}
    stance = {r["outlet"]: r["stance"] for r in client.get("/api/outlets", params=support).json()}
    assert stance["Dawn"] == "asserts" and stance["Global Times"] == "denies"
    assert stance["Reuters"] == "leaves out" and stance["BBC"] == "does not cover"
    assert {r["outlet"] for r in client.get("/api/outlets").json()} == {"Dawn", "Global Times", "BBC", "Reuters"}


def test_documents_search_and_settings(client):
    docs = client.get("/api/documents").json()["items"]
    assert len(docs) == 4
    one = client.get("/api/documents/hostile.txt").json()
    assert one["text"].startswith(HOSTILE) and one["claims"][0]["type"] == "SUPPORT"
    found = client.get("/api/search", params={"q": "onerror"}).json()
    assert [d["name"] for d in found["documents"]] == ["hostile.txt"]
    assert [a["name"] for a in client.get("/api/search", params={"q": "talib"}).json()["actors"]] == ["Taliban"]
    assert client.get("/api/settings").json()["allow_upload"] is False


@pytest.mark.parametrize(("path", "status"), [
    ("/api/actors/Atlantis", 404), ("/api/documents/none.txt", 404), ("/api/relations/r000/evidence", 404),
    ("/api/relations?type=HUG", 404), ("/api/graph?limit=0", 422), ("/api/search", 422), ("/api/no/such/route", 404),
])
def test_errors_have_one_json_shape(client, path, status):
    assert_error(client.get(path), status)


def test_the_app_fuses_when_it_starts_and_its_routes_only_read(store_location):
    china, taliban = org("China", "COUNTRY"), org("Taliban", "ARMED_GROUP")
    with open_store(store_location) as s:
        Report("a.txt", filler(5), "Dawn").claim(china, "SUPPORT", taliban).store_in(s)
    client = TestClient(create_app(store_location), base_url="http://127.0.0.1")
    assert [r["type"] for r in client.get("/api/relations").json()["items"]] == ["SUPPORT"]
    with open_store(store_location) as s:
        Report("b.txt", filler(6), "BBC").claim(china, "ASSAULT", taliban).store_in(s)
    assert [r["type"] for r in client.get("/api/relations").json()["items"]] == ["SUPPORT"]  # a GET folds nothing in
    assert client.get("/api/documents").json()["total"] == 2


def test_uploads_are_refused_unless_allowed(client):
    assert_error(client.post("/api/documents", files={"files": ("a.txt", b"text")}), 403)


@pytest.mark.model
def test_uploads_when_allowed_take_the_ingest_path_with_its_limits(store_location):
    db = small_store(store_location)
    client = TestClient(create_app(db, allow_upload=True, max_upload_bytes=2000, token="t"), base_url="http://127.0.0.1",
                        headers={"X-Claimgraph-Token": "t"})
    good = b"Russia attacked Ukraine on Monday, officials said. " * 5
    r = client.post("/api/documents", files=[("files", ("../../etc/good.txt", good))])
    assert r.status_code == 200 and r.json()["outcomes"][0]["where"] == "good.txt"
    assert client.get("/api/documents/good.txt").json()["claims"]
    r = client.post("/api/documents", files=[("files", ("big.txt", b"x " * 5000)),
                                             ("files", ("bin.txt", b"\x00\x01" * 50))])
    assert_error(r, 413)  # a file over the limit refuses the whole request, before anything is stored
    assert "big.txt" in r.json()["error"]["detail"]
    r = client.post("/api/documents", files=[("files", ("bin.txt", b"\x00\x01" * 50))])
    assert r.status_code == 207 and [o["kind"] for o in r.json()["outcomes"]] == ["failed"]  # said per file
    assert client.get("/api/documents").json()["total"] == 5  # nothing lost, nothing half-stored
