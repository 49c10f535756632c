"""The one JSON shape of every API error, and the handlers that give it whatever went wrong.

    {"error": {"status": 404, "title": "not found", "detail": "no actor called 'X' in the store"}}

Validation (422), unknown paths (404), wrong methods (405), refused requests (400, 403, 413, 415),
the library's own errors and anything unexpected (500, logged with its traceback) all answer so.
"""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from claimgraph.errors import ClaimgraphError, InputError, QueryError

log = logging.getLogger("claimgraph.web")

TITLES = {400: "bad request", 403: "forbidden", 404: "not found", 405: "method not allowed", 413: "too large",
          415: "unsupported media type", 422: "invalid request", 500: "server error"}


def error_body(status: int, title: str, detail: str) -> dict[str, dict[str, object]]:
    """Give the one JSON shape every API error has."""
    return {"error": {"status": status, "title": title, "detail": detail}}


def error_response(status: int, detail: str, *, headers: dict[str, str] | None = None) -> JSONResponse:
    """Give an error answer in the one shape."""
    return JSONResponse(error_body(status, TITLES.get(status, "error"), detail), status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    """Make every error the app can give answer in the one shape."""

    @app.exception_handler(HTTPException)  # FastAPI's HTTPException is Starlette's, so routing's 404 and 405 too
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        detail = f"no such path: {request.url.path}" if exc.status_code == 404 and exc.detail == "Not Found" \
            else f"{request.method} is not allowed on {request.url.path}" if exc.status_code == 405 \
            else str(exc.detail)
        return error_response(exc.status_code, detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return error_response(422, detail[:2000])

    @app.exception_handler(ClaimgraphError)
    async def claimgraph_error(request: Request, exc: ClaimgraphError) -> JSONResponse:
        status = 404 if isinstance(exc, QueryError) else 400 if isinstance(exc, InputError) else 500
        if status == 500:
            log.error("%s %s failed: %s", request.method, request.url.path, exc)
        return error_response(status, str(exc))

    @app.exception_handler(Exception)  # run by Starlette's outermost middleware, which then re-raises for the log
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path, exc_info=exc)
        return error_response(500, "the server failed to answer this request; the error is in its log")
