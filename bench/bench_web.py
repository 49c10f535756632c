"""First render of the workbench's network page on a large store, in Debian's Chromium.

    python bench/bench_web.py [--reports 2000] [--actors 500] [--limit 300]

Builds a store of generated reports, serves the workbench, and times in the browser: the
/api/graph answer, and the network's first drawing (from page load to vis-network's first
`afterDrawing`). The baseline in the same run is an empty page load of the same server.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT)]

from playwright.sync_api import sync_playwright  # noqa: E402
from synth import build_store  # noqa: E402
from tests.web_fixtures import serving  # noqa: E402

from claimgraph import fused_view  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=2000)
    ap.add_argument("--actors", type=int, default=500)
    ap.add_argument("--limit", type=int, nargs="*", default=[300, 1000])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        store = build_store(str(db), args.reports, actors=args.actors)
        fused_view.fuse(store)
        actors = len(store.fused_actor_names())
        rels = store.count_relations()
        store.close()
        print(f"store: {args.reports} reports, {actors} actors, {rels} relations")
        with serving(db) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
            page = browser.new_page(viewport={"width": 1400, "height": 900}, bypass_csp=True)
            started = time.perf_counter()
            page.goto(url + "/static/app.css")
            print(f"baseline: a static file from the same server in {1000 * (time.perf_counter() - started):.0f} ms")
            for limit in args.limit:
                page.goto("about:blank")
                started = time.perf_counter()
                page.goto(f"{url}/#/network?limit={limit}")
                page.wait_for_function("window.cg && cg.renderedAt !== null", timeout=60000)
                total = time.perf_counter() - started
                drawn = page.evaluate("({nodes: cg.nodes, edges: cg.edges, ms: cg.renderedAt})")
                api_ms = page.evaluate(f"""async () => {{ const t = performance.now();
                    await (await fetch('/api/graph?limit={limit}')).json(); return performance.now() - t; }}""")
                print(f"limit {limit}: {drawn['nodes']} nodes, {drawn['edges']} edges; /api/graph {api_ms:.0f} ms; "
                      f"first drawing {drawn['ms']:.0f} ms after the data; page load to first drawing "
                      f"{1000 * total:.0f} ms")
            browser.close()


if __name__ == "__main__":
    main()
