"""The /api routes: each a few lines over claimgraph.fused_view, with a store opened per request.

The GET routes only read; the app fuses when it starts (create_app), and an upload fuses after storing.
"""
from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, UploadFile

from claimgraph import actions, fused_view
from claimgraph.settings import DEFAULT_MODEL
from claimgraph.store import Store, open_store

router = APIRouter()


@dataclass(frozen=True)
class Settings:
    db: str
    allow_upload: bool = False
    max_upload_bytes: int = 5_000_000
    model: str | None = None


def store(request: Request) -> Iterator[Store]:
    with open_store(request.app.state.settings.db) as s:
        yield s


OpenStore = Annotated[Store, Depends(store)]
Since = Annotated[str | None, Query(description="Only relations dated on or after (YYYY[-MM[-DD]]).")]
Until = Annotated[str | None, Query(description="Only relations dated on or before (YYYY[-MM[-DD]]).")]


@router.get("/actors", summary="Canonical actors, most connected first")
def actors(s: OpenStore, kind: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    return fused_view.actors(s, kind=kind, limit=limit)


@router.get("/actors/{name}", summary="One actor: names, relations in and out, merges")
def actor(s: OpenStore, name: str) -> dict[str, Any]:
    return fused_view.actor(s, name, why=True)


@router.get("/relations", summary="Fused relations with their reports, outlets and independent origins")
def relations(s: OpenStore, source: str | None = None, target: str | None = None, type: str | None = None,
              outlet: str | None = None, since: Since = None, until: Until = None, min_sources: int = 0,
              evidence: bool = False) -> list[dict[str, Any]]:
    return fused_view.relations(s, source=source, target=target, type=type, outlet=outlet, since=since, until=until,
                                min_sources=min_sources, evidence=evidence)


@router.get("/relations/{rel_id}/evidence", summary="A relation's claims, each in its paragraph")
def evidence(s: OpenStore, rel_id: str) -> dict[str, Any]:
    return fused_view.evidence(s, rel_id)


@router.get("/graph", summary="The actor network: the strongest relations and their actors")
def graph(s: OpenStore, type: str | None = None, outlet: str | None = None, since: Since = None, until: Until = None,
          min_sources: int = 0, limit: Annotated[int, Query(ge=1, le=20000)] = 300) -> dict[str, Any]:
    return fused_view.graph(s, type=type, outlet=outlet, since=since, until=until, min_sources=min_sources, limit=limit)


@router.get("/contradictions", summary="Ties asserted by some and denied by others, and counts that disagree")
def contradictions(s: OpenStore) -> list[dict[str, Any]]:
    return fused_view.contradictions(s)


@router.get("/timeline", summary="Claims in the order of the events they date")
def timeline(s: OpenStore, actor: str | None = None, undated: bool = False) -> list[dict[str, Any]]:
    return fused_view.timeline(s, actor, undated=undated)


@router.get("/outlets", summary="Outlets; with a relation or an actor, each outlet's stance on it")
def outlets(s: OpenStore, source: str | None = None, target: str | None = None, type: str | None = None,
            actor: str | None = None) -> list[dict[str, Any]]:
    return fused_view.outlets(s, source=source, target=target, type=type, actor_name=actor)


@router.get("/documents", summary="Stored reports and their metadata")
def documents(s: OpenStore) -> list[dict[str, Any]]:
    return s.documents()


@router.get("/documents/{ident}", summary="One report with its claims and actor mentions")
def document(s: OpenStore, ident: str) -> dict[str, Any]:
    return fused_view.document(s, ident)


@router.get("/search", summary="Actors and reports matching some words")
def search(s: OpenStore, q: Annotated[str, Query(min_length=1, max_length=200)]) -> dict[str, Any]:
    return fused_view.search(s, q)


@router.get("/settings", summary="What this workbench allows")
def settings(request: Request) -> dict[str, Any]:
    cfg: Settings = request.app.state.settings
    return {"allow_upload": cfg.allow_upload, "max_upload_bytes": cfg.max_upload_bytes}


@router.post("/documents", summary="Add reports (only with --allow-upload)")
async def upload(request: Request, s: OpenStore, files: list[UploadFile]) -> dict[str, Any]:
    cfg: Settings = request.app.state.settings
    if not cfg.allow_upload:
        raise HTTPException(403, "this workbench is read-only; start it with --allow-upload to add reports")
    with tempfile.TemporaryDirectory(prefix="claimgraph-upload-") as tmp:
        paths, failed = [], []
        for f in files:
            name = Path(f.filename or "upload.txt").name or "upload.txt"  # never a path the client chose
            data = await f.read(cfg.max_upload_bytes + 1)
            if len(data) > cfg.max_upload_bytes:
                failed.append({"where": name, "kind": "failed",
                               "message": f"{name}: larger than the {cfg.max_upload_bytes:,}-byte upload limit"})
                continue
            path = Path(tmp) / name
            path.write_bytes(data)
            paths.append(str(path))
        outcomes = list(actions.ingest(paths, store=s, model=cfg.model or DEFAULT_MODEL)) if paths else []
        fused_view.fuse(s)
    done = failed + [{"where": Path(o.where).name, "kind": o.kind, "message": Path(o.where).name + ": " +
                      (o.message or o.kind)} for o in outcomes]
    if any(o["kind"] == "failed" for o in done):
        raise HTTPException(422, "; ".join(o["message"] for o in done if o["kind"] == "failed"))
    return {"outcomes": done}
