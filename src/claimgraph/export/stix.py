"""A STIX 2.1 bundle (with the stix2 library) for OpenCTI and MISP.

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
"""
from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from claimgraph.export.base import Exporter, register
from claimgraph.resolve.canonical import country_codes

if TYPE_CHECKING:
    import stix2

    from claimgraph.export.gather import Snapshot

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


def _actor(a: dict[str, Any], now: datetime) -> Any:
    import stix2

    common = {"id": _actor_id(a), "name": a["name"], "created": now, "modified": now,
              "custom_properties": {"x_claimgraph_kind": a["kind"], "x_claimgraph_id": a["id"]}}
    if a["kind"] == "ARMED_GROUP":
        return stix2.ThreatActor(**common)
    if a["kind"] == "COUNTRY" and a["name"] in country_codes():
        return stix2.Location(country=country_codes()[a["name"]], **common)
    identity_class = {"PERSON": "individual", "PEOPLE": "group", "GROUP": "group", "SOURCE": "unknown"}.get(
        a["kind"], "organization")
    return stix2.Identity(identity_class=identity_class, **common)


def _actor_id(a: dict[str, Any]) -> str:
    if a["kind"] == "ARMED_GROUP":
        return sid("threat-actor", a["id"])
    if a["kind"] == "COUNTRY" and a["name"] in country_codes():
        return sid("location", a["id"])
    return sid("identity", a["id"])


def to_bundle(snapshot: Snapshot, *, now: datetime | None = None) -> stix2.Bundle:
    """Give the STIX 2.1 bundle of a snapshot of the fused view.

    No date is invented: `created` and `modified` (when these STIX objects were made) are the export
    time; a relationship's `start_time` is its first event date when a claim gives one; a report is
    `published` on its own date, else on the day it was stored (`x_claimgraph_published_from` says which).
    """
    import stix2

    now = now or datetime.now(UTC).replace(microsecond=0)
    objects: dict[str, Any] = {}
    for a in snapshot.actors:
        objects[_actor_id(a)] = _actor(a, now)
    outlets: dict[str, str] = {}
    for d in snapshot.documents:
        if d["outlet"] and d["outlet"] not in outlets:
            outlets[d["outlet"]] = sid("identity", "outlet:" + d["outlet"])
            objects[outlets[d["outlet"]]] = stix2.Identity(id=outlets[d["outlet"]], name=d["outlet"],
                                                           identity_class="organization", sectors=["communications"],
                                                           created=now, modified=now)
    actor_ids = {a["id"]: _actor_id(a) for a in snapshot.actors}
    report_refs: dict[str, list[str]] = {d["id"]: [] for d in snapshot.documents}
    for r in snapshot.relations:
        rel_id = sid("relationship", r["id"])
        evidence = r["evidence"]
        objects[rel_id] = stix2.Relationship(
            id=rel_id, relationship_type="plover-" + r["type"].lower(), source_ref=actor_ids[r["source_id"]],
            target_ref=actor_ids[r["target_id"]], confidence=confidence(r["origins"], r["contested"]),
            created=now, modified=now,
            description=(("DENIED: " if r["negated"] else "") + f"{r['source']} {r['type']} {r['target']}. "
                         f"{r['claims']} claim(s) in {r['docs']} report(s) from {r['outlets']} outlet(s); "
                         f"{r['origins']} independent origin(s): {', '.join(r['origin_names'])}.\n"
                         + "\n".join(f"- \"{e['evidence']}\" ({e['speaker'] or 'the report'}, {e['doc']})"
                                     for e in evidence[:20])),
            start_time=_when(r["first_date"]),
            external_references=[{"source_name": e["outlet"] or e["doc"], "description": e["evidence"][:500],
                                  "external_id": e["claim_id"]} for e in evidence[:20]],
            custom_properties={"x_claimgraph_negated": r["negated"], "x_claimgraph_contested": r["contested"],
                               "x_claimgraph_quad": r["quad"], "x_claimgraph_documents": r["docs"],
                               "x_claimgraph_outlets": r["outlets"], "x_claimgraph_origins": r["origins"]})
        for e in evidence:
            note_id = sid("note", e["claim_id"])
            objects[note_id] = stix2.Note(
                id=note_id, abstract=f"{e['speaker'] or e['outlet'] or 'the report'}: {r['source']} "
                                     f"{'not ' if e['negated'] else ''}{r['type']} {r['target']}",
                content=e["evidence"], authors=[e["speaker"] or e["outlet"] or e["doc"]],
                object_refs=[rel_id, sid("report", e["doc_id"])], created=now, modified=now,
                created_by_ref=outlets.get(e["outlet"] or ""),
                custom_properties={"x_claimgraph_origin": e["origin"], "x_claimgraph_hedged": e["hedged"]})
            report_refs[e["doc_id"]] += [rel_id, note_id]
    for d in snapshot.documents:
        rid = sid("report", d["id"])
        refs = list(dict.fromkeys(report_refs[d["id"]]))
        published, published_from = _published(d, now)
        objects[rid] = stix2.Report(id=rid, name=d["title"] or d["name"], published=published,
                                    custom_properties={"x_claimgraph_published_from": published_from},
                                    object_refs=refs, report_types=["threat-report"], created=now, modified=now,
                                    created_by_ref=outlets.get(d["outlet"] or ""),
                                    external_references=[{"source_name": d["outlet"] or d["name"],
                                                          **({"url": d["url"]} if d["url"] else {}),
                                                          "external_id": d["name"]}])
    return stix2.Bundle(objects=list(objects.values()), allow_custom=True)


@register
class StixExporter(Exporter):
    name = "stix"
    help = "a STIX 2.1 bundle: reports, actors, relationships, a note per claim's speaker (OpenCTI, MISP)"
    suffix = ".stix.json"

    def write(self, snapshot: Snapshot) -> None:
        # stix2's own serialize(pretty=True) orders properties in quadratic time (40 s for 1,000
        # objects); its plain output, indented by json, is the same text in milliseconds
        self.stream.write(json.dumps(json.loads(to_bundle(snapshot).serialize()), indent=4))
