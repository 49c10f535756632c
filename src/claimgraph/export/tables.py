"""CSV and JSON lines of claims, relations and actors; a JSON lines archive that imports back.

The claims archive holds, for each report, a `document` record (metadata and text), its
`mention` records and its `claim` records, so a fresh store importing it rebuilds the same
fused relations (syndication needs the text, relays need the mentions).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from claimgraph.errors import InputError
from claimgraph.export.gather import Snapshot
from claimgraph.records import Claim, Document, Evidence, Mention
from claimgraph.resolve.canonical import make_actor
from claimgraph.store.sqlite import SQLiteStore

CLAIM_COLUMNS = ["doc", "source", "type", "target", "negated", "speaker", "hedged", "event_date", "report_date",
                 "outlet", "origin", "evidence", "cue", "quantity"]
RELATION_COLUMNS = ["id", "source", "type", "target", "negated", "quad", "claims", "docs", "outlets", "origins",
                    "contested", "first_date", "last_date", "first_report", "last_report", "outlet_names",
                    "origin_names"]
ACTOR_COLUMNS = ["id", "name", "kind", "degree", "relations", "claims", "mentions", "docs", "names"]


def claim_rows(snap: Snapshot) -> list[dict[str, Any]]:
    return [{**e, "source": r["source"], "target": r["target"], "type": r["type"]}
            for r in snap.relations for e in r["evidence"]]


def relation_rows(snap: Snapshot) -> list[dict[str, Any]]:
    return [{k: v for k, v in r.items() if k != "evidence"} for r in snap.relations]


def archive(store: SQLiteStore, snap: Snapshot) -> Iterator[dict[str, Any]]:
    """Give the importable records of every report behind the snapshot: document, mentions, claims."""
    for d in snap.documents:
        doc = store.document(d["id"])
        if doc is None:
            continue
        yield {"record": "document", **doc.to_dict()}
        for m in store.conn.execute(
                "SELECT m.start, m.end, m.text, m.rule, a.name, a.kind FROM mentions m JOIN actors a "
                "ON a.id = m.actor_id WHERE m.doc_id = ? ORDER BY m.start, a.id", (doc.id,)):
            yield {"record": "mention", "doc": doc.name, "actor": m["name"], "kind": m["kind"], "start": m["start"],
                   "end": m["end"], "text": m["text"], "rule": m["rule"]}
        for c in store.conn.execute(
                "SELECT c.*, s.name AS s_name, s.kind AS s_kind, t.name AS t_name, t.kind AS t_kind, "
                "p.name AS p_name, p.kind AS p_kind, e.version FROM claims c JOIN actors s ON s.id = c.source_id "
                "JOIN actors t ON t.id = c.target_id LEFT JOIN actors p ON p.id = c.speaker_id "
                "LEFT JOIN extractions e ON e.doc_id = c.doc_id WHERE c.doc_id = ? ORDER BY c.ev_start, c.id",
                (doc.id,)):
            yield {"record": "claim", "doc": doc.name, "source": c["s_name"], "source_kind": c["s_kind"],
                   "type": c["type"], "target": c["t_name"], "target_kind": c["t_kind"], "negated": bool(c["negated"]),
                   "speaker": c["p_name"], "speaker_kind": c["p_kind"], "hedged": bool(c["hedged"]), "date": c["date"],
                   "evidence": {"start": c["ev_start"], "end": c["ev_end"], "text": c["ev_text"]}, "cue": c["cue"],
                   "cue_span": [c["cue_start"], c["cue_end"]] if c["cue_start"] is not None else None,
                   "quantity": c["quantity"], "rule": c["rule"], "model": c["model"], "version": c["version"]}


def import_archive(store: SQLiteStore, lines: Iterable[str], *, where: str) -> Iterator[str]:
    """Store the reports of an archive; give one line per report (or per bad line, naming it)."""
    pending: dict[str, Any] | None = None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            kind = rec["record"]
        except (json.JSONDecodeError, KeyError, TypeError) as e:
            raise InputError(f"{where}:{n}", f"not an archive record ({e.__class__.__name__})") from e
        if kind == "document":
            if pending:
                yield _flush(store, pending)
            fields = {k: rec.get(k) for k in ("id", "name", "text", "title", "author", "outlet", "date", "url",
                                              "source", "format")}
            pending = {"doc": Document(**fields), "mentions": [], "claims": [], "model": None, "version": None}
        elif pending is None:
            raise InputError(f"{where}:{n}", "a mention or claim before any document record")
        elif kind == "mention":
            actor = make_actor(rec["actor"], rec["kind"])
            pending["mentions"].append(Mention(rec["doc"], actor, rec["start"], rec["end"], rec["text"], rec["rule"]))
        elif kind == "claim":
            pending["claims"].append(_claim(rec))
            pending["model"], pending["version"] = rec.get("model") or "import", rec.get("version") or ""
    if pending:
        yield _flush(store, pending)


def _claim(rec: dict[str, Any]) -> Claim:
    speaker = make_actor(rec["speaker"], rec["speaker_kind"]) if rec.get("speaker") else None
    ev = rec["evidence"]
    return Claim(doc=rec["doc"], source=make_actor(rec["source"], rec["source_kind"]), type=rec["type"],
                 target=make_actor(rec["target"], rec["target_kind"]), evidence=Evidence(ev["start"], ev["end"], ev["text"]),
                 negated=rec["negated"], speaker=speaker, hedged=rec["hedged"], date=rec.get("date"), cue=rec.get("cue"),
                 cue_span=tuple(rec["cue_span"]) if rec.get("cue_span") else None, quantity=rec.get("quantity"),
                 rule=rec.get("rule"), model=rec.get("model"))


def _flush(store: SQLiteStore, pending: dict[str, Any]) -> str:
    doc = pending["doc"]
    result = store.write_document(doc, mentions=pending["mentions"], claims=pending["claims"],
                                  model=pending["model"] or "import", version=pending["version"] or "")
    return f"{doc.name}: {result.status}, {len(pending['claims'])} claims"
