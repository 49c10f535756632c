"""FollowTheMoney entities for Aleph (the `followthemoney` library: the optional `ftm` extra).

Actors become Person, Company, PublicBody (states and international bodies) or Organization
(armed groups, parties, media, other groups); reports become Article; an AFFILIATE relation is a
Membership, every other relation an UnknownLink whose role is the PLOVER type. Each relation's
`proof` names the articles behind it; its summary gives counts and independent origins.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from claimgraph.errors import ConfigError
from claimgraph.export.base import Exporter, register
from claimgraph.resolve.canonical import country_codes

if TYPE_CHECKING:
    from claimgraph.export.gather import Snapshot

SCHEMA = {"PERSON": "Person", "COMPANY": "Company", "COUNTRY": "PublicBody", "IGO": "PublicBody"}


def _model() -> Any:
    try:
        from followthemoney import model
    except ImportError as e:
        raise ConfigError("the FollowTheMoney export needs the ftm extra: pip install 'claimgraph[ftm]'") from e
    return model


def entities(snapshot: Snapshot) -> Iterator[dict[str, Any]]:
    """Give FtM entities (as dicts) for the snapshot's actors, reports and relations."""
    model = _model()
    ids: dict[str, str] = {}
    for a in snapshot.actors:
        e = model.make_entity(SCHEMA.get(a["kind"], "Organization"))
        e.make_id("claimgraph", a["id"])
        e.add("name", a["name"])
        e.add("description", f"{a['kind'].lower()} (claimgraph)")
        code = country_codes().get(a["name"]) if a["kind"] == "COUNTRY" else None
        if code:
            e.add("country", code.lower())
        ids[a["id"]] = e.id
        yield e.to_dict()
    articles: dict[str, str] = {}
    for d in snapshot.documents:
        e = model.make_entity("Article")
        e.make_id("claimgraph", d["id"])
        e.add("title", d["title"] or d["name"])
        e.add("fileName", d["name"])
        e.add("author", d["author"])
        e.add("publisher", d["outlet"])
        e.add("publishedAt", d["date"])
        e.add("sourceUrl", d["url"])
        articles[d["id"]] = e.id
        yield e.to_dict()
    for r in snapshot.relations:
        membership = r["type"] == "AFFILIATE" and not r["negated"]
        e = model.make_entity("Membership" if membership else "UnknownLink")
        e.make_id("claimgraph", r["id"])
        e.add("member" if membership else "subject", ids[r["source_id"]])
        e.add("organization" if membership else "object", ids[r["target_id"]])
        e.add("role", ("denied " if r["negated"] else "") + r["type"])
        e.add("summary", f"{r['claims']} claim(s) in {r['docs']} report(s), {r['outlets']} outlet(s), "
                         f"{r['origins']} independent origin(s): {', '.join(r['origin_names'])}"
                         + ("; contested" if r["contested"] else ""))
        e.add("startDate", r["first_date"])
        e.add("proof", sorted({articles[x["doc_id"]] for x in r["evidence"] if x["doc_id"] in articles}))
        yield e.to_dict()


@register
class FtmExporter(Exporter):
    name = "ftm"
    help = "FollowTheMoney entities, one JSON object a line: actors, articles, links with their proof (Aleph)"
    suffix = ".ftm.json"

    def write(self, snapshot: Snapshot) -> None:
        for entity in entities(snapshot):
            self.stream.write(json.dumps(entity, ensure_ascii=False) + "\n")
