"""A STIX 2.1 bundle for OpenCTI and MISP.

- each report is a `report`; each outlet an `identity` (organization) that creates it;
- armed groups are `threat-actor`s, states `location`s (with their ISO code), people and
  other actors `identity` objects (individual, organization, group);
- each fused relation is a `relationship` whose type is the PLOVER type ("plover-assault"), its
  evidence in the description and external references, and its independent origins in
  `confidence`: 1 origin 30, 2 origins 50, 3 origins 70, 4 or more 85, less 20 when contested;
- the speaker of each claim is kept in a `note` per claim: authored by the speaker, created by the
  outlet that reported it, pointing at the relationship and the report, the sentence as content.
  A note (not `created_by_ref` on the relationship) because one fused relation has many speakers.
Ids are UUIDv5 of claimgraph's own ids, so exporting twice gives the same bundle.

The objects are built as plain JSON and written one at a time, in flat memory: the stix2 library
validates every object it constructs (most of an export's time, 7x the CSV export), and what
this module builds needs no checking at run time; the tests parse every object back with
`stix2.parse` (`to_bundle`).
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from claimgraph.export.base import Exporter, register
from claimgraph.resolve.canonical import country_codes

if TYPE_CHECKING:
    import stix2

    from claimgraph.export.gather import Snapshot

Obj = dict[str, Any]

NAMESPACE = uuid.UUID("6f7c1a52-8d3e-4c1b-9a51-2f0e6b1d9c44")


def sid(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, kind + ':' + key)}"


def confidence(origins: int, contested: bool) -> int:
    base = {0: 10, 1: 30, 2: 50, 3: 70}.get(origins, 85)
    return max(10, base - 20) if contested else base


def _when(date: str | None) -> datetime | None:
    """Give the first moment of a date as precise as the report gives it; None when there is none."""
    if not date:
        return None
    try:
        parts = [int(p) for p in date[:10].split("-")] + [1, 1]
        return datetime(parts[0], parts[1], parts[2], tzinfo=UTC)
    except ValueError:
        return None


def _published(d: dict[str, Any], now: datetime) -> tuple[datetime, str]:
    """A report's `published` (required by STIX): its own date, else when claimgraph stored it."""
    own = _when(d["date"])
    if own is not None:
        return own, "report"
    stored = d.get("ingested_at")
    try:
        return (datetime.fromisoformat(stored), "ingested") if stored else (now, "exported")
    except ValueError:
        return now, "exported"


def _ts(moment: datetime) -> str:
    """A STIX timestamp: UTC, with milliseconds."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _object(kind: str, ident: str, now: datetime, **properties: Any) -> Obj:
    made = {"type": kind, "spec_version": "2.1", "id": ident, "created": _ts(now), "modified": _ts(now)}
    return made | {k: v for k, v in properties.items() if v is not None}


def _actor(a: dict[str, Any], now: datetime) -> Obj:
    common = {"name": a["name"], "x_claimgraph_kind": a["kind"], "x_claimgraph_id": a["id"]}
    if a["kind"] == "ARMED_GROUP":
        return _object("threat-actor", _actor_id(a), now, **common)
    if a["kind"] == "COUNTRY" and a["name"] in country_codes():
        return _object("location", _actor_id(a), now, country=country_codes()[a["name"]], **common)
    identity_class = {"PERSON": "individual", "PEOPLE": "group", "GROUP": "group", "SOURCE": "unknown"}.get(
        a["kind"], "organization")
    return _object("identity", _actor_id(a), now, identity_class=identity_class, **common)


def _actor_id(a: dict[str, Any]) -> str:
    if a["kind"] == "ARMED_GROUP":
        return sid("threat-actor", a["id"])
    if a["kind"] == "COUNTRY" and a["name"] in country_codes():
        return sid("location", a["id"])
    return sid("identity", a["id"])


def stix_objects(snapshot: Snapshot, *, now: datetime | None = None) -> Iterator[Obj]:
    """Give the STIX 2.1 objects of a snapshot of the fused view, one at a time.

    No date is invented: `created` and `modified` (when these STIX objects were made) are the export
    time; a relationship's `start_time` is its first event date when a claim gives one; a report is
    `published` on its own date, else on the day it was stored (`x_claimgraph_published_from` says which).
    """
    now = now or datetime.now(UTC).replace(microsecond=0)
    for a in snapshot.actors:
        yield _actor(a, now)
    outlets: dict[str, str] = {}
    for d in snapshot.documents:
        if d["outlet"] and d["outlet"] not in outlets:
            outlets[d["outlet"]] = sid("identity", "outlet:" + d["outlet"])
            yield _object("identity", outlets[d["outlet"]], now, name=d["outlet"], identity_class="organization",
                          sectors=["communications"])
    actor_ids = {a["id"]: _actor_id(a) for a in snapshot.actors}
    report_refs: dict[str, dict[str, None]] = {d["id"]: {} for d in snapshot.documents}
    for r in snapshot.relations:
        rel_id = sid("relationship", r["id"])
        evidence = r["evidence"]
        start = _when(r["first_date"])
        yield _object(
            "relationship", rel_id, now, relationship_type="plover-" + r["type"].lower(),
            source_ref=actor_ids[r["source_id"]], target_ref=actor_ids[r["target_id"]],
            confidence=confidence(r["origins"], r["contested"]),
            description=(("DENIED: " if r["negated"] else "") + f"{r['source']} {r['type']} {r['target']}. "
                         f"{r['claims']} claim(s) in {r['docs']} report(s) from {r['outlets']} outlet(s); "
                         f"{r['origins']} independent origin(s): {', '.join(r['origin_names'])}.\n"
                         + "\n".join(f"- \"{e['evidence']}\" ({e['speaker'] or 'the report'}, {e['doc']})"
                                     for e in evidence[:20])),
            start_time=_ts(start) if start else None,
            external_references=[{"source_name": e["outlet"] or e["doc"], "description": e["evidence"][:500],
                                  "external_id": e["claim_id"]} for e in evidence[:20]] or None,
            x_claimgraph_negated=r["negated"], x_claimgraph_contested=r["contested"], x_claimgraph_quad=r["quad"],
            x_claimgraph_documents=r["docs"], x_claimgraph_outlets=r["outlets"], x_claimgraph_origins=r["origins"])
        for e in evidence:
            note_id = sid("note", e["claim_id"])
            yield _object(
                "note", note_id, now,
                abstract=f"{e['speaker'] or e['outlet'] or 'the report'}: {r['source']} "
                         f"{'not ' if e['negated'] else ''}{r['type']} {r['target']}",
                content=e["evidence"], authors=[e["speaker"] or e["outlet"] or e["doc"]],
                object_refs=[rel_id, sid("report", e["doc_id"])], created_by_ref=outlets.get(e["outlet"] or ""),
                x_claimgraph_origin=e["origin"], x_claimgraph_hedged=e["hedged"])
            report_refs[e["doc_id"]].update({rel_id: None, note_id: None})
    for d in snapshot.documents:
        published, published_from = _published(d, now)
        yield _object(
            "report", sid("report", d["id"]), now, name=d["title"] or d["name"], published=_ts(published),
            object_refs=list(report_refs[d["id"]]), report_types=["threat-report"],
            created_by_ref=outlets.get(d["outlet"] or ""),
            external_references=[{"source_name": d["outlet"] or d["name"], **({"url": d["url"]} if d["url"] else {}),
                                  "external_id": d["name"]}],
            x_claimgraph_published_from=published_from)


def bundle_id(now: datetime, count: int) -> str:
    return sid("bundle", f"{_ts(now)}:{count}")


def to_bundle(snapshot: Snapshot, *, now: datetime | None = None) -> stix2.Bundle:
    """Give the bundle as the stix2 library reads it: every object parsed and checked (for tests and
    for callers who want stix2 objects)."""
    import stix2

    now = now or datetime.now(UTC).replace(microsecond=0)
    objects = list(stix_objects(snapshot, now=now))
    return stix2.parse({"type": "bundle", "id": bundle_id(now, len(objects)), "objects": objects},
                       allow_custom=True)


@register
class StixExporter(Exporter):
    name = "stix"
    help = "a STIX 2.1 bundle: reports, actors, relationships, a note per claim's speaker (OpenCTI, MISP)"
    suffix = ".stix.json"

    def write(self, snapshot: Snapshot) -> None:
        now = datetime.now(UTC).replace(microsecond=0)
        out = self.stream
        out.write('{\n    "type": "bundle",\n    "id": "' + bundle_id(now, len(snapshot.relations)) + '",\n'
                  '    "objects": [')
        for n, obj in enumerate(stix_objects(snapshot, now=now)):
            text = json.dumps(obj, indent=4, ensure_ascii=False)
            out.write(("," if n else "") + "\n        " + text.replace("\n", "\n        "))
        out.write("\n    ]\n}\n")
