"""Take the README's screenshot of the network page on the bundled example reports.

    python tools/screenshot.py [--db demo.db] [--out docs/network.png]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from tests.web_fixtures import serving  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="demo.db")
    ap.add_argument("--out", default="docs/network.png")
    args = ap.parse_args()
    with serving(Path(args.db)) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 860}, bypass_csp=True)
        page.goto(url + "/#/network")
        page.wait_for_function("window.cg && cg.renderedAt !== null")
        page.wait_for_timeout(2500)  # let the layout settle
        page.screenshot(path=args.out)
        browser.close()


if __name__ == "__main__":
    main()
