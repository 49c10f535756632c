"""Every answer of the API is a 200 or an error in the one JSON shape, whatever a request holds:
hostile values in every parameter of every route (read from the OpenAPI schema), wrong methods,
unknown paths, and failures nobody foresaw."""
from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from claimgraph.web.app import create_app
from tests.web_fixtures import small_store

HOSTILE_VALUES = [
    "99999999999999999999999", "-99999999999999999999999", "-1", "0", "1e309", "NaN", "inf", "abc", "",
    "true", "[]", "{}", "'; DROP TABLE documents; --", "<script>alert(1)</script>", "../../../../etc/passwd",
    "..", "%2e%2e%2f", "a\x00b", "\x00", "\x1b[31m", "ünïcödé ✓ 中文 👍🏽", "\u202egnp.exe", "\ufeff", "x" * 10_000,
    "Taliban " * 500,
]
RAW_VALUES = ["%ED%A0%80", "%FF%FE", "%C0%AF", "%", "%zz"]  # not UTF-8, or not percent-encoding at all


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = small_store(tmp_path_factory.mktemp("errors") / "web.db")
    return TestClient(create_app(db), base_url="http://127.0.0.1")


def is_error_shape(response) -> bool:
    body = response.json()
    return (set(body) == {"error"} and set(body["error"]) == {"status", "title", "detail"}
            and body["error"]["status"] == response.status_code and bool(body["error"]["detail"]))


def urls(schema: dict) -> list[str]:
    """Give, for every GET route and each of its parameters, a URL with each hostile value in it."""
    out = []
    for path, methods in schema["paths"].items():
        params = methods.get("get", {}).get("parameters", [])
        for target in params:
            for raw in [quote(v, safe="") for v in HOSTILE_VALUES] + RAW_VALUES:
                url = path
                query = []
                for p in params:
                    value = raw if p is target else "Taliban"
                    if p["in"] == "path":
                        url = url.replace("{" + p["name"] + "}", value)
                    elif p is target:
                        query.append(f"{p['name']}={value}")
                out.append(url + ("?" + "&".join(query) if query else ""))
    return out


def test_every_parameter_of_every_route_takes_hostile_values_without_a_server_error(client):
    schema = client.get("/api/openapi.json").json()
    tried = urls(schema)
    assert len(tried) > 500 and {u.split("?")[0] for u in tried} >= {"/api/relations", "/api/graph", "/api/search"}
    failures = []
    for url in tried:
        r = client.get(url)
        if r.status_code >= 500 or not (r.status_code == 200 or is_error_shape(r)):
            failures.append((url[:120], r.status_code, r.text[:200]))
        elif r.status_code == 200:
            r.json()  # a 200 is JSON too
    assert not failures, failures[:10]


@pytest.mark.parametrize("url", ["/api/relations?min_sources=99999999999999999999999",
                                 "/api/graph?min_sources=99999999999999999999999", "/api/graph?limit=-1",
                                 "/api/relations?limit=1001", "/api/relations?cursor=-1", "/api/relations?since=soon",
                                 "/api/actors?limit=99999999999999999999999"])
def test_a_value_out_of_bounds_is_an_invalid_request(client, url):
    r = client.get(url)
    assert r.status_code == 422 and is_error_shape(r)


@pytest.mark.parametrize(("method", "url", "status"), [
    ("DELETE", "/api/actors", 405), ("PUT", "/api/documents", 405), ("POST", "/api/graph", 405),
    ("PATCH", "/api/documents/hostile.txt", 405), ("OPTIONS", "/api/relations", 405),
    ("GET", "/api/no/such/route", 404), ("GET", "/static/no-such-file.js", 404), ("GET", "/vendor/../../x", 404),
    ("POST", "/api/documents", 403),  # read-only
])
def test_wrong_methods_and_unknown_paths_answer_in_the_error_shape(client, method, url, status):
    r = client.request(method, url)
    assert r.status_code == status and is_error_shape(r)


def test_a_failure_nobody_foresaw_is_a_500_in_the_error_shape_and_is_logged(tmp_path, caplog):
    app = create_app(small_store(tmp_path / "web.db"))

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    r = TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False).get("/api/boom")
    assert r.status_code == 500 and is_error_shape(r) and "a bug" not in r.text  # no internals to the client
    assert "RuntimeError: a bug" in caplog.text
