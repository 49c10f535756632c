"""The /api routes: each a few lines over claimgraph.fused_view, answered from the kept answers.

The GET routes only read; the app fuses when it starts (create_app), and an upload fuses after
storing. Answers are kept encoded between writes (web/cache.py); a store is opened only to work
out an answer not kept. Long lists come a page at a time: `{"items": [...], "total": N, "next": C}`,
where C, passed back as `cursor`, gives the next page (null after the last).
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from claimgraph import fused_view
from claimgraph.store import Store, open_store
from claimgraph.web import uploads
from claimgraph.web.cache import Answers, encode

router = APIRouter()


@dataclass(frozen=True)
class Settings:
    db: str
    allow_upload: bool = False
    max_upload_bytes: int = 5_000_000
    model: str | None = None
    token: str = ""


Name = Annotated[str | None, Query(max_length=200, description="An actor, by any name it was seen under.")]
Type = Annotated[str | None, Query(max_length=20, description="A relation type (SUPPORT, ASSAULT, ...).")]
Outlet = Annotated[str | None, Query(max_length=200, description="Only relations some report of this outlet backs.")]
_DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
Since = Annotated[str | None, Query(pattern=_DATE, description="Only relations dated on or after (YYYY[-MM[-DD]]).")]
Until = Annotated[str | None, Query(pattern=_DATE, description="Only relations dated on or before (YYYY[-MM[-DD]]).")]
MinSources = Annotated[int, Query(ge=0, le=1_000_000, description="Only relations with this many independent origins.")]
Limit = Annotated[int, Query(ge=1, le=1000, description="Items on a page (at most 1,000).")]
Cursor = Annotated[str | None, Query(max_length=12, pattern=r"^[0-9]+$",
                                     description="Where the page starts: the `next` of the page before.")]


def _ask(request: Request, question: Callable[[Store], Any]) -> Any:
    with open_store(request.app.state.settings.db) as s:
        return question(s)


def _answers(request: Request) -> Answers:
    answers: Answers = request.app.state.answers
    return answers


def whole(request: Request, key: Hashable, question: Callable[[Store], Any]) -> Response:
    """Answer with the whole of a question's answer, kept encoded."""
    body = _answers(request).get(key, lambda: encode(_ask(request, question)))
    return Response(body, media_type="application/json")


def page(request: Request, key: Hashable, question: Callable[[Store], list[Any]], *, limit: int,
         cursor: str | None) -> Response:
    """Answer with one page of a list, its items kept encoded one by one."""
    items = _answers(request).get(key, lambda: [encode(row) for row in _ask(request, question)])
    start = int(cursor or 0)
    end = start + limit
    following = str(end) if end < len(items) else None
    body = b'{"items":[%b],"total":%d,"next":%b}' % (b",".join(items[start:end]), len(items), encode(following))
    return Response(body, media_type="application/json")


@router.get("/actors", summary="Canonical actors, most connected first (paged)")
def actors(request: Request, kind: Annotated[str | None, Query(max_length=20)] = None, limit: Limit = 100,
           cursor: Cursor = None) -> Response:
    return page(request, ("actors", kind), lambda s: fused_view.actors(s, kind=kind), limit=limit, cursor=cursor)


@router.get("/actors/{name}", summary="One actor: names, relations in and out, merges")
def actor(request: Request, name: Annotated[str, Path(max_length=200)]) -> Response:
    return whole(request, ("actor", name), lambda s: fused_view.actor(s, name, why=True))


@router.get("/relations", summary="Fused relations with their reports, outlets and independent origins (paged)")
def relations(request: Request, source: Name = None, target: Name = None, type: Type = None, outlet: Outlet = None,
              since: Since = None, until: Until = None, min_sources: MinSources = 0, evidence: bool = False,
              limit: Limit = 100, cursor: Cursor = None) -> Response:
    filters: dict[str, Any] = {"source": source, "target": target, "type": type, "outlet": outlet, "since": since,
                               "until": until, "min_sources": min_sources, "evidence": evidence}
    return page(request, ("relations", *filters.values()), lambda s: fused_view.relations(s, **filters),
                limit=limit, cursor=cursor)


@router.get("/relations/{rel_id}/evidence", summary="A relation's claims, each in its paragraph")
def evidence(request: Request, rel_id: Annotated[str, Path(max_length=100)]) -> Response:
    return whole(request, ("evidence", rel_id), lambda s: fused_view.evidence(s, rel_id))


@router.get("/graph", summary="The actor network: the strongest relations and their actors")
def graph(request: Request, type: Type = None, outlet: Outlet = None, since: Since = None, until: Until = None,
          min_sources: MinSources = 0, limit: Annotated[int, Query(ge=1, le=20000)] = 300) -> Response:
    filters: dict[str, Any] = {"type": type, "outlet": outlet, "since": since, "until": until,
                               "min_sources": min_sources, "limit": limit}
    return whole(request, ("graph", *filters.values()), lambda s: fused_view.graph(s, **filters))


@router.get("/contradictions", summary="Ties asserted by some and denied by others, and counts that disagree")
def contradictions(request: Request) -> Response:
    return whole(request, ("contradictions",), fused_view.contradictions)


@router.get("/timeline", summary="Claims in the order of the events they date (paged)")
def timeline(request: Request, actor: Name = None, undated: bool = False, limit: Limit = 100,
             cursor: Cursor = None) -> Response:
    return page(request, ("timeline", actor, undated), lambda s: fused_view.timeline(s, actor, undated=undated),
                limit=limit, cursor=cursor)


@router.get("/outlets", summary="Outlets; with a relation or an actor, each outlet's stance on it")
def outlets(request: Request, source: Name = None, target: Name = None, type: Type = None,
            actor: Name = None) -> Response:
    return whole(request, ("outlets", source, target, type, actor),
                 lambda s: fused_view.outlets(s, source=source, target=target, type=type, actor_name=actor))


@router.get("/documents", summary="Stored reports and their metadata (paged)")
def documents(request: Request, limit: Limit = 100, cursor: Cursor = None) -> Response:
    return page(request, ("documents",), lambda s: s.documents(), limit=limit, cursor=cursor)


@router.get("/documents/{ident}", summary="One report with its claims and actor mentions")
def document(request: Request, ident: Annotated[str, Path(max_length=300)]) -> Response:
    return whole(request, ("document", ident), lambda s: fused_view.document(s, ident))


@router.get("/search", summary="Actors and reports matching some words")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)]) -> Response:
    return whole(request, ("search", q), lambda s: fused_view.search(s, q))


@router.get("/settings", summary="What this workbench allows, and the token its writes need")
def settings(request: Request) -> dict[str, Any]:
    cfg: Settings = request.app.state.settings
    return {"allow_upload": cfg.allow_upload, "max_upload_bytes": cfg.max_upload_bytes,
            "max_upload_files": uploads.MAX_FILES, "token": cfg.token if cfg.allow_upload else None}


@router.post("/documents", summary="Add reports (only with --allow-upload)", openapi_extra=uploads.OPENAPI,
             responses={207: {"description": "Some files could not be read or stored: see each outcome"}})
async def upload(request: Request) -> JSONResponse:
    cfg: Settings = request.app.state.settings
    if not cfg.allow_upload:
        raise HTTPException(403, "this workbench is read-only; start it with --allow-upload to add reports")
    files = await uploads.receive(request, max_file_bytes=cfg.max_upload_bytes)
    try:  # extraction takes seconds: in a worker thread, so every other request is still answered
        outcomes = await run_in_threadpool(uploads.store, files, db=cfg.db, model=cfg.model,
                                           max_file_bytes=cfg.max_upload_bytes, lock=request.app.state.writing)
    finally:
        _answers(request).clear()
    failed = sum(o["kind"] == "failed" for o in outcomes)
    return JSONResponse({"outcomes": outcomes, "failed": failed}, status_code=207 if failed else 200)
