"""Uploads: limits held while the body arrives, safe names, one outcome per file, the source an
analyst can read, and extraction off the event loop.

Most tests store uploads without extracting (ingest with extract=False), so no spaCy pipeline is
loaded; the one test that extracts is in test_web_api.
"""
from __future__ import annotations

import asyncio
import threading
import time
from functools import partial

import httpx
import pytest
from fastapi.testclient import TestClient

from claimgraph import actions
from claimgraph.web.app import create_app
from tests.web_fixtures import serving, small_store

LIMIT = 2000
TEXT = b"Russia attacked Ukraine on Monday, officials said."


@pytest.fixture(autouse=True)
def no_extraction(monkeypatch):
    monkeypatch.setattr(actions, "ingest", partial(actions.ingest, extract=False))


@pytest.fixture
def db(tmp_path):
    return small_store(tmp_path / "web.db")


def writer(app):
    """Give a client of `app` that sends the session's token, as the workbench's page does."""
    client = TestClient(app, base_url="http://127.0.0.1")
    client.headers["X-Claimgraph-Token"] = client.get("/api/settings").json().get("token") or ""
    return client


@pytest.fixture
def client(db):
    return writer(create_app(db, allow_upload=True, max_upload_bytes=LIMIT))


def assert_error(response, status):
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "title", "detail"}
    assert body["error"]["status"] == status and body["error"]["detail"]


def names(client):
    return sorted(d["name"] for d in client.get("/api/documents").json()["items"])


STORED = ["attack.txt", "denial.txt", "hostile.txt", "talks.txt"]


# ---- limits, held while the body comes in ---------------------------------------------------------

def post_raw(app, headers: dict[str, str], chunks: int, chunk: bytes) -> tuple[int, int]:
    """Send a multipart body of `chunks` chunks to the app as a server would, one chunk a `receive`;
    give the answer's status and how many bytes the app asked for before answering."""
    head = b'--b\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n\r\n'
    pulled = 0
    answered: list[int] = []

    async def receive():
        nonlocal pulled
        if pulled // len(chunk) >= chunks or answered:
            return {"type": "http.disconnect"}
        pulled += len(chunk)
        return {"type": "http.request", "body": head if pulled == len(chunk) else chunk, "more_body": True}

    async def send(message):
        if message["type"] == "http.response.start":
            answered.append(message["status"])

    raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/api/documents", "raw_path": b"/api/documents", "query_string": b"", "root_path": "",
             "headers": [(b"host", b"127.0.0.1"), (b"content-type", b"multipart/form-data; boundary=b"),
                         (b"x-claimgraph-token", writer(app).headers["X-Claimgraph-Token"].encode()), *raw],
             "client": ("127.0.0.1", 1),
             "server": ("127.0.0.1", 80)}
    asyncio.run(app(scope, receive, send))
    return answered[0], pulled


def test_a_body_declared_too_large_is_refused_before_a_byte_of_it_is_read(db):
    app = create_app(db, allow_upload=True, max_upload_bytes=200_000)
    # the 100 MB upload that a 200 KB limit once let through, to disk
    status, pulled = post_raw(app, {"content-length": str(100 << 20)}, chunks=1600, chunk=b"x" * 65536)
    assert (status, pulled) == (413, 0)


def test_a_body_that_grows_past_the_limit_is_refused_as_it_arrives(db):
    app = create_app(db, allow_upload=True, max_upload_bytes=200_000)
    status, pulled = post_raw(app, {}, chunks=1600, chunk=b"x" * 65536)  # chunked: no length said
    assert status == 413 and pulled < 400_000  # read up to the file's limit, not its 100 MB


def test_a_request_over_the_limit_answers_in_the_error_shape_and_stores_nothing(client):
    r = client.post("/api/documents", files=[("files", ("good.txt", TEXT)), ("files", ("big.txt", b"x " * LIMIT))])
    assert_error(r, 413)
    assert "big.txt" in r.json()["error"]["detail"] and names(client) == STORED  # not even good.txt


def test_more_files_than_a_request_takes_are_refused(client):
    files = [("files", (f"f{i}.txt", TEXT + str(i).encode())) for i in range(21)]
    assert_error(client.post("/api/documents", files=files), 413)
    assert names(client) == STORED


@pytest.mark.parametrize(("content_type", "body", "status"), [
    ("text/plain", b"Russia attacked Ukraine.", 415),
    ("application/x-www-form-urlencoded", b"files=a.txt", 415),
    ("multipart/form-data", b"--b\r\n", 415),  # no boundary
    ("multipart/form-data; boundary=b", b"not multipart at all", 400),
    ("multipart/form-data; boundary=b", b'--b\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n'
                                        b"\r\nRussia attacked Ukraine.", 400),  # cut off before its end
    ("multipart/form-data; boundary=b", b'--b\r\nContent-Disposition: form-data; name="other"\r\n\r\nx\r\n--b--\r\n',
     400),
    ("multipart/form-data; boundary=b", b"--b--\r\n", 400),  # no files
])
def test_a_malformed_body_answers_in_the_error_shape(client, content_type, body, status):
    assert_error(client.post("/api/documents", content=body, headers={"content-type": content_type}), status)
    assert names(client) == STORED


# ---- names ------------------------------------------------------------------------------------------

def one_file(name: bytes, data: bytes) -> dict[str, object]:
    """Give the body and headers of a request with one file, its name written as the bytes given."""
    body = (b'--b\r\nContent-Disposition: form-data; name="files"; filename="' + name + b'"\r\n\r\n'
            + data + b"\r\n--b--\r\n")
    return {"content": body, "headers": {"content-type": "multipart/form-data; boundary=b"}}


@pytest.mark.parametrize(("sent", "stored"), [
    (b"../../etc/good.txt", "good.txt"),
    (b"C:\\Users\\me\\report.txt", "report.txt"),
    (b"..hidden.txt", "hidden.txt"),
    (b"a\x00b\x1fc\x7f.txt", "abc.txt"),
    (b"x" * 300 + b".txt", "x" * 196 + ".txt"),  # at most 200 bytes, the suffix kept
    (("é" * 150 + ".md").encode(), "é" * 98 + ".md"),  # counted in UTF-8 bytes, never cut inside a character
    (b"\xff\xfe.txt", "\ufffd\ufffd.txt"),  # not UTF-8
])
def test_a_file_is_stored_under_a_safe_base_name(client, sent, stored):
    r = client.post("/api/documents", **one_file(sent, TEXT + str(len(sent)).encode()))
    assert r.status_code == 200 and [o["where"] for o in r.json()["outcomes"]] == [stored]
    assert stored in names(client)


@pytest.mark.parametrize("sent", ["..", "../..", "/", "...", " ", "dir/", "\x00"])
def test_a_file_with_no_usable_name_refuses_the_request(client, sent):
    body = one_file(b'fine.txt"\r\n\r\nRussia attacked Ukraine.\r\n--b\r\nContent-Disposition: form-data; '
                    b'name="files"; filename="' + sent.encode(), TEXT)  # a good file, then this one
    assert_error(client.post("/api/documents", **body), 400)
    assert names(client) == STORED


def test_two_files_of_one_name_are_both_kept(client):
    r = client.post("/api/documents", files=[("files", ("a.txt", TEXT)), ("files", ("dir/a.txt", TEXT + b" Again.")),
                                             ("files", ("a.txt", TEXT + b" And again."))])
    assert r.status_code == 200
    assert [(o["file"], o["where"]) for o in r.json()["outcomes"]] == [
        ("a.txt", "a.txt"), ("dir/a.txt", "a (2).txt"), ("a.txt", "a (3).txt")]
    assert "another file of this upload" in r.json()["outcomes"][1]["message"]
    assert names(client) == sorted([*STORED, "a.txt", "a (2).txt", "a (3).txt"])


# ---- outcomes -----------------------------------------------------------------------------------------

def test_each_file_says_what_happened_and_a_bad_one_does_not_stop_the_good(client):
    r = client.post("/api/documents", files=[("files", ("good.txt", TEXT)), ("files", ("bin.txt", b"\x00\x01" * 50)),
                                             ("files", ("empty.txt", b"  ")),
                                             ("files", ("two.jsonl", b'{"id": "one", "text": "China met Iran."}\n{'))])
    assert r.status_code == 207  # some stored, some not: read each outcome
    assert [(o["file"], o["kind"]) for o in r.json()["outcomes"]] == [
        ("good.txt", "added"), ("bin.txt", "failed"), ("empty.txt", "failed"), ("two.jsonl", "added"),
        ("two.jsonl", "failed")]
    assert r.json()["failed"] == 3
    assert [o["where"] for o in r.json()["outcomes"]][-1] == "two.jsonl:2"  # no temporary path anywhere
    assert "/tmp" not in r.text and "claimgraph-upload" not in r.text
    assert names(client) == sorted([*STORED, "good.txt", "one"])


def test_the_stored_source_says_upload_and_the_name_not_a_temporary_path(client):
    lines = b'{"id": "one", "text": "x y"}'
    client.post("/api/documents", files=[("files", ("../good.txt", TEXT)), ("files", ("lines.jsonl", lines))])
    assert client.get("/api/documents/good.txt").json()["source"] == "upload:good.txt"
    assert client.get("/api/documents/one").json()["source"] == "upload:lines.jsonl:1"


def test_an_upload_is_seen_by_the_next_question(client):
    assert client.get("/api/documents").json()["total"] == 4  # answered, and kept
    client.post("/api/documents", files=[("files", ("good.txt", TEXT))])
    assert client.get("/api/documents").json()["total"] == 5


# ---- off the event loop ---------------------------------------------------------------------------------

def test_other_requests_are_answered_while_an_upload_is_extracted(db, monkeypatch):
    def slow_ingest(paths, **options):  # extraction of a long report: seconds of work
        time.sleep(3)
        return iter(())

    monkeypatch.setattr(actions, "ingest", slow_ingest)
    with serving(db, allow_upload=True) as url:
        token = httpx.get(url + "/api/settings").json().get("token") or ""
        upload = threading.Thread(target=httpx.post, args=(url + "/api/documents",),
                                  kwargs={"files": [("files", ("long.txt", TEXT))], "timeout": 30,
                                          "headers": {"X-Claimgraph-Token": token}})
        upload.start()
        time.sleep(0.5)
        started = time.perf_counter()
        assert httpx.get(url + "/api/settings", timeout=30).status_code == 200
        waited = time.perf_counter() - started
        upload.join()
    assert waited < 1.0
