"""The API's own documentation page works with no internet: Swagger UI comes from this server."""
from __future__ import annotations

import re
import shutil
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from claimgraph.web.app import create_app
from tests.web_fixtures import serving, small_store

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return small_store(tmp_path_factory.mktemp("docs") / "web.db")


def test_the_docs_page_names_only_scripts_and_styles_from_this_server(db):
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    page = client.get("/api/docs")
    assert page.status_code == 200
    assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", page.text) + re.findall(r"url: ?'([^']+)'", page.text)
    assets = [a for a in assets if not a.startswith("data:")]
    assert assets and all(not urlsplit(a).netloc for a in assets), assets
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


def test_the_openapi_description_lists_every_route(db):
    schema = TestClient(create_app(db), base_url="http://127.0.0.1").get("/api/openapi.json").json()
    assert {"/api/relations", "/api/graph", "/api/documents", "/api/timeline"} <= set(schema["paths"])


@pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium is not installed")
def test_the_docs_page_shows_the_routes_in_a_browser_cut_off_from_the_internet(db):
    sync_api = pytest.importorskip("playwright.sync_api")
    outside: list[str] = []
    with serving(db) as url, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        page = browser.new_page()

        def only_here(route):
            if urlsplit(route.request.url).netloc == urlsplit(url).netloc:
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        page.route("**/*", only_here)
        page.goto(url + "/api/docs")
        page.wait_for_selector(".opblock-summary-path", timeout=10000)
        paths = page.locator(".opblock-summary-path").all_inner_texts()
        browser.close()
    assert any("/api/relations" in p for p in paths)
    assert outside == []
