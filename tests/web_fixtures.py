"""Stores and a live server for the workbench tests."""
from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from claimgraph import fused_view
from claimgraph.store import open_store
from claimgraph.web.app import create_app
from tests.builders import Report, filler, org, person

HOSTILE = ('Officials said <script>window.pwned = "script"</script> that China supports the Taliban '
           '<img src=x onerror="window.pwned = \'onerror\'"> in a statement.')


def small_store(location: str | Path) -> str | Path:
    """Give a store of four reports (at `location`, a path or a URL): a contested tie, a relayed claim,
    and a report holding markup."""
    china, taliban = org("China", "COUNTRY"), org("Taliban", "ARMED_GROUP")
    with open_store(location) as s:
        Report("hostile.txt", HOSTILE + "\n\n" + filler(1), "Dawn", "2021-07-01") \
            .claim(china, "SUPPORT", taliban, date="2021-06").store_in(s)
        Report("denial.txt", filler(2), "Global Times", "2021-07-02") \
            .claim(china, "SUPPORT", taliban, negated=True, speaker=china).store_in(s)
        Report("attack.txt", filler(3), "BBC", "2021-07-03").claim(taliban, "ASSAULT", org("Afghanistan", "COUNTRY")) \
            .claim(person("Suhail Shaheen"), "AFFILIATE", taliban).store_in(s)
        Report("talks.txt", filler(4), "Reuters", "2021-07-04").claim(china, "CONSULT", taliban, date="2021-07-28") \
            .store_in(s)
        fused_view.fuse(s)
    return location


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(db: str | Path, **options):
    """Run the workbench on a free local port in a thread; give its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, **options), host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
