"""The workbench application: routes, one JSON error shape, a guard on hosts and writes, and every
script served locally."""
from __future__ import annotations

import contextlib
import os
import secrets
import socket
import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from claimgraph import fused_view
from claimgraph.errors import ClaimgraphError
from claimgraph.store import open_store
from claimgraph.web import errors
from claimgraph.web.cache import Answers
from claimgraph.web.errors import error_body
from claimgraph.web.guard import Guard
from claimgraph.web.routes import Settings, router

STATIC = Path(str(resources.files("claimgraph.web").joinpath("static")))
ENVIRONMENT = ("CLAIMGRAPH_DB", "CLAIMGRAPH_WEB_HOSTS", "CLAIMGRAPH_WEB_UPLOAD", "CLAIMGRAPH_WEB_MAX_UPLOAD_BYTES",
               "CLAIMGRAPH_MODEL", "CLAIMGRAPH_WEB_TOKEN")

__all__ = ["create_app", "error_body", "from_environment", "run", "vendor_dir"]


def vendor_dir() -> Path:
    """Give the folder of vis-network, installed from PyPI with the pyvis package (never copied here)."""
    try:
        root = Path(str(resources.files("pyvis").joinpath("lib")))
    except ModuleNotFoundError as e:  # pragma: no cover - pyvis is a dependency of the web extra
        raise ClaimgraphError("the workbench needs the pyvis package (pip install 'claimgraph[web]')") from e
    return next(p for p in sorted(root.glob("vis-9*"), reverse=True))


def create_app(db: str | Path, *, allow_upload: bool = False, max_upload_bytes: int = 5_000_000,
               model: str | None = None, hosts: Sequence[str] = (), token: str | None = None) -> FastAPI:
    """Give the workbench for the store at `db` (read-only unless uploads are allowed).

    It answers requests for 127.0.0.1, localhost, ::1 and `hosts`; a write needs this server's own
    origin and `token` (a random one unless given: several worker processes must share it).
    The fused view is brought up to date here, once, and after each upload; the GET routes only read.
    """
    with open_store(db) as store:
        fused_view.fuse(store)
    # Swagger UI at /api/docs from fastapi-offline's copy, served here: the page works with no internet
    app = FastAPIOffline(title="claimgraph workbench", version="1", docs_url="/api/docs",
                         openapi_url="/api/openapi.json", redoc_url=None, static_url="/vendor/api-docs",
                         favicon_url="data:,")
    app.state.settings = Settings(db=str(db), allow_upload=allow_upload, max_upload_bytes=max_upload_bytes,
                                  model=model, token=token or secrets.token_urlsafe(32))
    app.state.answers = Answers(lambda: _generation(db))
    app.state.writing = threading.Lock()
    app.include_router(router, prefix="/api")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/vendor", StaticFiles(directory=vendor_dir()), name="vendor")
    app.add_middleware(Guard, hosts=hosts, token=app.state.settings.token, writable=allow_upload)
    errors.install(app)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Content-Security-Policy": _CSP})

    return app


def from_environment() -> FastAPI:
    """Give the workbench the environment describes: the factory `claimgraph serve --workers N` has
    each worker process call (uvicorn's --factory), with the settings the command put there."""
    env = os.environ
    return create_app(env.get("CLAIMGRAPH_DB", "claimgraph.db"),
                      allow_upload=env.get("CLAIMGRAPH_WEB_UPLOAD") == "1",
                      max_upload_bytes=int(env.get("CLAIMGRAPH_WEB_MAX_UPLOAD_BYTES", "5000000")),
                      model=env.get("CLAIMGRAPH_MODEL") or None, hosts=env.get("CLAIMGRAPH_WEB_HOSTS", "").split(),
                      token=env.get("CLAIMGRAPH_WEB_TOKEN"))


def run(db: str | Path, *, host: str, port: int, workers: int = 1, allow_upload: bool = False,
        max_upload_bytes: int = 5_000_000, model: str | None = None, allow_hosts: Sequence[str] = ()) -> None:
    """Serve the workbench until interrupted: in this process, or in `workers` processes that share
    the port, the settings and the write token (each keeps its own answers)."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    token = secrets.token_urlsafe(32)
    app = create_app(db, allow_upload=allow_upload, max_upload_bytes=max_upload_bytes, model=model,
                     hosts=[host, *allow_hosts], token=token)  # fuses, once, before any worker starts
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    settings = (str(db), " ".join([host, *allow_hosts]), "1" if allow_upload else "0", str(max_upload_bytes),
                model, token)
    os.environ.update((name, value) for name, value in zip(ENVIRONMENT, settings, strict=True) if value)
    config = uvicorn.Config("claimgraph.web.app:from_environment", factory=True, workers=workers, host=host,
                            port=port, log_level="warning")
    sock = config.bind_socket()
    # uvicorn binds its workers' socket with Nagle left on (Kludex/uvicorn#3149): without this, an answer on a
    # kept-alive connection can wait 40 ms for the client's delayed ACK. Accepted connections inherit it.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    with contextlib.suppress(KeyboardInterrupt):
        Multiprocess(config, sockets=[sock]).run()


def _generation(db: str | Path) -> str:
    with open_store(db) as store:
        return fused_view.generation(store)


# Scripts only from this server: a report that smuggles markup in can run nothing.
_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'"
