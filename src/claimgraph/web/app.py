"""The workbench application: routes, one JSON error shape, and every script served locally."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from claimgraph import fused_view
from claimgraph.errors import ClaimgraphError, InputError, QueryError
from claimgraph.store import open_store
from claimgraph.web.routes import Settings, router

STATIC = Path(str(resources.files("claimgraph.web").joinpath("static")))


def vendor_dir() -> Path:
    """Give the folder of vis-network, installed from PyPI with the pyvis package (never copied here)."""
    try:
        root = Path(str(resources.files("pyvis").joinpath("lib")))
    except ModuleNotFoundError as e:  # pragma: no cover - pyvis is a dependency of the web extra
        raise ClaimgraphError("the workbench needs the pyvis package (pip install 'claimgraph[web]')") from e
    return next(p for p in sorted(root.glob("vis-9*"), reverse=True))


def error_body(status: int, title: str, detail: str) -> dict[str, dict[str, object]]:
    """Give the one JSON shape every API error has."""
    return {"error": {"status": status, "title": title, "detail": detail}}


def create_app(db: str | Path, *, allow_upload: bool = False, max_upload_bytes: int = 5_000_000,
               model: str | None = None) -> FastAPI:
    """Give the workbench for the store at `db` (read-only unless uploads are allowed).

    The fused view is brought up to date here, once, and after each upload; the GET routes only read.
    """
    with open_store(db) as store:
        fused_view.fuse(store)
    app = FastAPI(title="claimgraph workbench", version="1", docs_url="/api/docs", openapi_url="/api/openapi.json",
                  redoc_url=None)
    app.state.settings = Settings(db=str(db), allow_upload=allow_upload, max_upload_bytes=max_upload_bytes,
                                  model=model)
    app.include_router(router, prefix="/api")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/vendor", StaticFiles(directory=vendor_dir()), name="vendor")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Content-Security-Policy": _CSP})

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse(error_body(exc.status_code, _TITLES.get(exc.status_code, "error"), str(exc.detail)),
                            status_code=exc.status_code)

    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse(error_body(404, "not found", f"no such path: {request.url.path}"), status_code=404)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return JSONResponse(error_body(422, "invalid request", detail), status_code=422)

    @app.exception_handler(ClaimgraphError)
    async def claimgraph_error(request: Request, exc: ClaimgraphError) -> JSONResponse:
        status = 404 if isinstance(exc, QueryError) else 400 if isinstance(exc, InputError) else 500
        return JSONResponse(error_body(status, _TITLES[status], str(exc)), status_code=status)

    return app


_TITLES = {400: "bad request", 403: "forbidden", 404: "not found", 413: "too large", 422: "invalid request",
           500: "server error"}
# Scripts only from this server: a report that smuggles markup in can run nothing.
_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'"
