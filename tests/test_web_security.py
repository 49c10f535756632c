"""Who the workbench answers: only the hosts it was started for (DNS rebinding), and writes only from
its own page, with the session's token (cross-site uploads). The browser half is in test_web_browser."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from claimgraph.web.app import create_app
from tests.web_fixtures import small_store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return small_store(tmp_path_factory.mktemp("security") / "web.db")


@pytest.fixture(scope="module")
def app(db):
    return create_app(db, allow_upload=True, max_upload_bytes=2000)


@pytest.fixture(scope="module")
def token(app):
    return TestClient(app, base_url="http://127.0.0.1").get("/api/settings").json().get("token") or ""


def assert_error(response, status):
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "title", "detail"}
    assert body["error"]["status"] == status and body["error"]["detail"]


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8765", "localhost", "localhost:8765", "LOCALHOST:1",
                                  "[::1]:8765", "[::1]", "localhost."])
def test_the_hosts_it_was_started_for_are_answered(app, host):
    assert TestClient(app).get("/api/graph", headers={"host": host}).status_code == 200


def test_the_host_it_was_started_on_is_answered_too(db):
    app = create_app(db, hosts=["workbench.lan"])  # serve --host workbench.lan
    assert TestClient(app).get("/api/graph", headers={"host": "workbench.lan:8765"}).status_code == 200
    assert_error(TestClient(app).get("/api/graph", headers={"host": "evil.example:8765"}), 403)


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.1.evil.example", "localhost.evil",
                                  "testserver", "[::2]:8765", "::1", "localhost:http", "localhost:8765:1", "", " "])
@pytest.mark.parametrize("path", ["/api/graph", "/api/documents", "/api/settings", "/", "/static/app.js"])
def test_a_page_on_another_name_that_resolves_here_reads_nothing(app, host, path):
    # DNS rebinding: evil.example resolves to 127.0.0.1 and the browser sends its name as the Host
    assert_error(TestClient(app).get(path, headers={"host": host}), 403)


def with_token(headers, token):
    return {k: token if v == "TOKEN" else v for k, v in headers.items()}


def upload(app, headers, name="a.txt"):
    client = TestClient(app, base_url="http://127.0.0.1:8765")
    return client.post("/api/documents", files=[("files", (name, b"Russia attacked Ukraine."))], headers=headers)


@pytest.mark.parametrize("headers", [
    {"origin": "http://evil.example", "x-claimgraph-token": "TOKEN"},  # even with the token
    {"origin": "http://127.0.0.1:9999", "x-claimgraph-token": "TOKEN"},  # another port is another site
    {"origin": "https://127.0.0.1:8765", "x-claimgraph-token": "TOKEN"},
    {"origin": "null", "x-claimgraph-token": "TOKEN"},  # a sandboxed frame, a file:// page
    {"referer": "http://evil.example/page.html", "x-claimgraph-token": "TOKEN"},
    {"origin": "http://127.0.0.1:8765"},  # its own origin, but no token: a form can send no header
    {"origin": "http://127.0.0.1:8765", "x-claimgraph-token": "guessed"},
    {"referer": "http://127.0.0.1:8765/#/documents"},
    {},
])
def test_a_write_from_another_site_or_without_the_token_is_refused_before_the_body_is_read(app, token, headers):
    assert_error(upload(app, with_token(headers, token)), 403)
    assert TestClient(app, base_url="http://127.0.0.1").get("/api/documents/a.txt").status_code == 404


@pytest.mark.parametrize("headers", [
    {"origin": "http://127.0.0.1:8765", "x-claimgraph-token": "TOKEN"},
    {"referer": "http://127.0.0.1:8765/#/documents", "x-claimgraph-token": "TOKEN"},
    {"x-claimgraph-token": "TOKEN"},  # no browser sent it (curl, a script): the token is enough
])
def test_a_write_from_its_own_page_with_the_token_gets_through(app, token, headers):
    client = TestClient(app, base_url="http://127.0.0.1:8765")
    # a body that is not multipart: refused by the upload itself (415), so the guard let it through
    sent = with_token(headers, token) | {"content-type": "text/plain"}
    assert_error(client.post("/api/documents", content=b"x", headers=sent), 415)


def test_the_token_is_given_to_the_page_only_when_uploads_are_allowed(db):
    given = create_app(db, allow_upload=True, token="chosen")  # several workers share one
    assert TestClient(given, base_url="http://127.0.0.1").get("/api/settings").json()["token"] == "chosen"
    read_only = create_app(db)
    assert TestClient(read_only, base_url="http://127.0.0.1").get("/api/settings").json()["token"] is None
    made = create_app(db, allow_upload=True)
    assert len(TestClient(made, base_url="http://127.0.0.1").get("/api/settings").json()["token"]) >= 32


def test_a_cross_site_preflight_is_never_granted(app):
    client = TestClient(app, base_url="http://127.0.0.1:8765")
    r = client.options("/api/documents", headers={"origin": "http://evil.example", "access-control-request-method":
                                                  "POST", "access-control-request-headers": "x-claimgraph-token"})
    assert_error(r, 405)
    assert "access-control-allow-origin" not in r.headers


def test_serve_answers_the_names_given_with_allow_host(monkeypatch, tmp_path):
    from claimgraph.web import app as web_app
    from tests.conftest import invoke

    seen = {}
    monkeypatch.setattr(web_app, "run", lambda db, **kw: seen.update(kw))
    ran = invoke("serve", "--db", str(tmp_path / "s.db"), "--host", "0.0.0.0",
                 "--allow-host", "workbench.lan", "--allow-host", "10.0.0.5")
    assert ran.returncode == 0, ran.stderr
    assert seen["host"] == "0.0.0.0" and list(seen["allow_hosts"]) == ["workbench.lan", "10.0.0.5"]
