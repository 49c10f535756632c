"""What every request must show before the workbench answers it: a Host it serves, and for a
write, its own origin and the session's token.

- Host: only the names the server was started for (127.0.0.1, localhost, ::1 and `--host`), any
  port. A page on an attacker's name that resolves to 127.0.0.1 (DNS rebinding) is same-origin
  with this server as far as the browser knows; its requests still carry the attacker's name.
- A write (any method but GET, HEAD and OPTIONS, when uploads are allowed) needs an Origin, or
  failing that a Referer, that is this server's own origin when the browser sends one, and the
  header `X-Claimgraph-Token` with the token the page reads from /api/settings. A form on another
  site can send neither; a script there cannot add the header without a CORS preflight, which
  this server never grants (nor can it read /api/settings). A read-only workbench has no route
  that takes a body: its one write route refuses, any other answers 405.

- A NUL character anywhere in the path or query is refused: no name or text holds one, and
  PostgreSQL refuses it in a parameter.

All is checked before the body is read, so a refused upload costs nothing.
"""
from __future__ import annotations

import secrets
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from claimgraph.web.errors import error_response

LOOPBACK = ("127.0.0.1", "localhost", "::1")
TOKEN_HEADER = "X-Claimgraph-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def host_name(host: str) -> str | None:
    """Give the name in a Host header (lower case, no port, IPv6 without brackets); None if malformed."""
    host = host.strip().lower()
    if host.startswith("["):  # [::1]:8765
        name, bracket, rest = host[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            return None
        port = rest[1:] if rest else None
    else:
        name, colon, rest = host.partition(":")
        port = rest if colon else None
    if port is not None and not (port.isdigit() and len(port) <= 5):
        return None
    return name.rstrip(".") or None


class Guard:
    """ASGI middleware: refuse requests for other hosts, and writes from other origins or without the token."""

    def __init__(self, app: ASGIApp, *, hosts: Iterable[str], token: str, writable: bool) -> None:
        self.app = app
        self.writable = writable
        self.hosts = {h.strip().strip("[]").lower().rstrip(".") for h in (*LOOPBACK, *hosts)} - {""}
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self.refusal(scope)
        if refusal is None:
            await self.app(scope, receive, send)
            return
        status, detail = refusal
        await error_response(status, detail)(scope, receive, send)

    def refusal(self, scope: Scope) -> tuple[int, str] | None:
        """Give the status and reason to refuse a request with, or None to let it through."""
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if host_name(host) not in self.hosts:
            return 403, (f"this workbench does not answer for the host {host[:100]!r}; "
                         f"it answers for {', '.join(sorted(self.hosts))}")
        if b"%00" in scope.get("raw_path", b"") + scope.get("query_string", b"") or "\0" in scope["path"]:
            return 400, "a request holding a NUL character is refused"
        if scope["method"] in SAFE_METHODS or not self.writable:  # read-only: no route takes a body
            return None
        own = f"{scope.get('scheme', 'http')}://{host}".lower()
        origin = headers.get("origin")
        if origin is None and (referer := headers.get("referer")):
            parts = urlsplit(referer)
            origin = f"{parts.scheme}://{parts.netloc}"
        if origin is not None and origin.lower() != own:
            return 403, f"a write from another site ({origin[:100]}) is refused"
        if not secrets.compare_digest(headers.get(TOKEN_HEADER, "").encode(), self.token.encode()):
            return 403, f"a write needs the header {TOKEN_HEADER} with this session's token (see /api/settings)"
        return None
