"""The workbench in a real browser: Debian's Chromium driven by Playwright."""
from __future__ import annotations

import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import needs_shared
from tests.web_fixtures import serving, small_store

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium is not installed")
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with serving(small_store(tmp_path_factory.mktemp("browser") / "web.db")) as url:
        yield url


@pytest.fixture
def page(browser):
    # CSP bypassed: the hostile-text test must prove the escaping itself, not lean on the policy
    page = browser.new_page(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    page.close()
    assert not errors, errors


def rendered(page):
    page.wait_for_function("window.cg && window.cg.renderedAt !== null", timeout=10000)
    return page.evaluate("({nodes: cg.nodes, edges: cg.edges, ms: cg.renderedAt})")


def test_the_network_renders_with_nodes_and_edges(page, site):
    page.goto(site + "/#/network")
    drawn = rendered(page)
    assert drawn["nodes"] == 4 and drawn["edges"] == 5
    assert page.locator("#network canvas").count() == 1


def test_clicking_an_edge_shows_its_evidence_sentences(page, site):
    page.goto(site + "/#/network")
    rendered(page)
    # click the middle of the China -> Afghanistan-free edge: ask vis where the edge is drawn
    point = page.evaluate("""() => {
        const net = cg.network, edge = net.body.data.edges.get().find(e => e.color.color === '#c0392b');
        const a = net.getPosition(edge.from), b = net.getPosition(edge.to);
        return net.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
    }""")
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_selector("#evidence .claim")
    assert page.locator("#edge-title").inner_text() == "Taliban ASSAULT Afghanistan"
    assert "report" in page.locator("#evidence .claim .meta").first.inner_text()


def test_filters_change_the_graph(page, site):
    page.goto(site + "/#/network")
    assert rendered(page)["edges"] == 5
    page.select_option("select[name=type]", "ASSAULT")
    page.wait_for_function("cg.edges === 1 && location.hash.includes('ASSAULT')")
    page.fill("input[name=min_sources]", "2")
    page.press("input[name=min_sources]", "Tab")
    page.wait_for_function("location.hash.includes('min_sources=2')")
    page.wait_for_selector("#status:has-text('0 of 0')")


def test_report_text_with_markup_shows_as_text(page, site):
    page.goto(site + "/#/document/hostile.txt")
    page.wait_for_selector("#doc-text")
    text = page.locator("#doc-text").inner_text()
    assert "<script>" in text and 'onerror="window.pwned' in text
    assert page.locator("#doc-text script, #doc-text img").count() == 0
    page.goto(site + "/#/contradictions")
    page.wait_for_selector(".contradiction")
    page.goto(site + "/#/search?q=onerror")
    page.wait_for_selector("li:has-text('onerror')")
    assert page.evaluate("window.pwned") is None


def test_the_other_pages_render(page, site):
    for hash_, selector in (("#/timeline", "td:has-text('2021-07-28')"), ("#/outlets", "th:has-text('Global Times')"),
                            ("#/documents", "a:has-text('hostile.txt')")):
        page.goto(site + "/" + hash_)
        page.wait_for_selector(selector)


@needs_shared()
@pytest.mark.model
def test_the_contradictions_page_lists_the_seed_contradictions(page, seeds_db):
    with serving(seeds_db) as url:
        page.goto(url + "/#/contradictions")
        page.wait_for_selector(".contradiction")
        topics = page.locator(".contradiction h3").all_inner_texts()
    assert any("China" in t and "bin Laden" in t for t in topics)
    assert any("foreign fighters" in t and "Taliban" in t for t in topics)


def test_the_network_of_2000_reports_and_500_actors_draws_its_300_strongest_relations_and_all_their_actors(
        page, tmp_path):
    # how fast it draws is measured by bench/bench_web.py, against a baseline, not here
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from synth import build_store

    from claimgraph import fused_view

    with build_store(str(tmp_path / "big.db"), 2000, actors=500) as store:
        fused_view.fuse(store)
        strongest = fused_view.graph(store)
    with serving(tmp_path / "big.db") as url:
        page.goto(url + "/#/network")
        drawn = rendered(page)
        ids = page.evaluate("cg.network.body.data.nodes.getIds()")
    assert strongest["total_relations"] > 300 and (drawn["edges"], drawn["nodes"]) == (300, len(strongest["nodes"]))
    assert sorted(ids) == sorted(n["id"] for n in strongest["nodes"])


def test_a_long_list_shows_its_first_page_and_the_next_on_demand(page, tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from synth import build_store

    from claimgraph import fused_view

    with build_store(str(tmp_path / "many.db"), 450, actors=60) as store:
        fused_view.fuse(store)
    with serving(tmp_path / "many.db") as url:
        page.goto(url + "/#/documents")
        for shown in (200, 400, 450):
            page.wait_for_selector(f"#document-list .count:has-text('{shown} of 450')")
            if shown < 450:
                page.click("#document-list button.more")
        assert page.locator("#document-list tr").count() == 1 + 450 and page.locator("button.more").is_hidden()


# ---- who may write: the workbench's own page, not another site's -----------------------------------

@pytest.fixture(scope="module")
def writable(tmp_path_factory):
    with serving(small_store(tmp_path_factory.mktemp("writable") / "web.db"), allow_upload=True) as url:
        yield url


@contextmanager
def another_site(html: str) -> Iterator[str]:
    """Serve one page from another origin (another port) than the workbench's; give its URL."""
    body = html.encode()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "text/html")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# Every way a page elsewhere can send a file to the workbench: a no-cors fetch (multipart needs no
# preflight), a fetch with a guessed token (needs one), a plain form; and an attempt to read the token.
ATTACK = """<!doctype html><html><body>
<form id="form" method="post" enctype="multipart/form-data" target="sink" action="SITE/api/documents">
<input type="file" name="files" id="file"></form><iframe name="sink" id="sink"></iframe>
<script>
window.results = {};
const report = name => new File(["Russia attacked Ukraine on Monday, officials said."], name);
async function attempt(what, request) {
  try { await request(); window.results[what] = "sent"; } catch (e) { window.results[what] = "blocked"; }
}
(async () => {
  const one = new FormData(); one.append("files", report("by-fetch.txt"));
  await attempt("no-cors fetch", () => fetch("SITE/api/documents", {method: "POST", body: one, mode: "no-cors"}));
  const two = new FormData(); two.append("files", report("by-token.txt"));
  await attempt("fetch with a token", () => fetch("SITE/api/documents",
    {method: "POST", body: two, headers: {"X-Claimgraph-Token": "guessed"}}));
  await attempt("read the token", async () => (await fetch("SITE/api/settings")).json());
  const files = new DataTransfer(); files.items.add(report("by-form.txt"));
  document.getElementById("file").files = files.files;
  await attempt("form", () => new Promise(done => {
    document.getElementById("sink").onload = done; document.getElementById("form").submit(); }));
  window.done = true;
})();
</script></body></html>"""


def test_a_page_on_another_site_cannot_add_reports(page, writable):
    with another_site(ATTACK.replace("SITE", writable)) as elsewhere:
        page.goto(elsewhere)
        page.wait_for_function("window.done === true", timeout=60000)
        tried = page.evaluate("window.results")
    # the browser sends the no-cors fetch and the form (the workbench refuses them), and blocks the rest
    assert tried == {"no-cors fetch": "sent", "fetch with a token": "blocked", "read the token": "blocked",
                     "form": "sent"}
    for name in ("by-fetch.txt", "by-token.txt", "by-form.txt"):
        assert httpx.get(f"{writable}/api/documents/{name}").status_code == 404, name


@pytest.mark.model
def test_the_workbench_page_adds_reports(page, writable):
    page.goto(writable + "/#/documents")
    text = b"Russia attacked Ukraine on Monday, officials said."
    page.set_input_files("#upload input[type=file]", files=[
        {"name": "from-page.txt", "mimeType": "text/plain", "buffer": text},
        {"name": "empty.txt", "mimeType": "text/plain", "buffer": b"  "}])
    page.click("#upload button[type=submit]")
    page.wait_for_selector("#upload-outcomes li.added:has-text('from-page.txt')", timeout=60000)
    assert "empty file" in page.locator("#upload-outcomes li.failed").inner_text()
    page.wait_for_selector("#document-list a:has-text('from-page.txt')")  # the list is read again
    stored = httpx.get(f"{writable}/api/documents/from-page.txt").json()
    assert stored["source"] == "upload:from-page.txt" and stored["claims"]


def test_a_page_on_a_name_rebound_to_this_machine_reads_nothing(browser, site):
    # DNS rebinding, for real: Chromium resolves evil.example to 127.0.0.1
    rebound = browser.browser_type.launch(executable_path=CHROMIUM, args=[
        "--headless", "--no-sandbox", "--host-resolver-rules=MAP evil.example 127.0.0.1"])
    try:
        page = rebound.new_page()
        response = page.goto(f"http://evil.example:{urlsplit(site).port}/api/relations")
        assert response is not None and response.status == 403
        assert "does not answer for the host" in page.inner_text("body")
        assert page.goto(f"{site}/api/relations").status == 200  # the same browser, by the right name
    finally:
        rebound.close()
