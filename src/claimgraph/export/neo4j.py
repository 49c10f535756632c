"""A folder of CSV files with the headers `neo4j-admin database import` reads: actors and relations."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

from claimgraph.export.base import Exporter, register

if TYPE_CHECKING:
    from claimgraph.export.gather import Snapshot

ACTOR_HEADER = ["actorId:ID(Actor)", "name", "kind", "degree:int", ":LABEL"]
RELATION_HEADER = [":START_ID(Actor)", ":END_ID(Actor)", ":TYPE", "relationId", "negated:boolean", "contested:boolean",
                   "quad", "claims:int", "docs:int", "outlets:int", "origins:int", "firstDate", "lastDate"]


def write_neo4j(snapshot: Snapshot, folder: Path) -> list[Path]:
    """Write actors.csv and relations.csv into `folder` (made if missing); give their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    nodes, edges = folder / "actors.csv", folder / "relations.csv"
    with nodes.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(ACTOR_HEADER)
        for a in snapshot.actors:
            w.writerow([a["id"], a["name"], a["kind"], a["degree"], "Actor;" + a["kind"].title().replace("_", "")])
    with edges.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(RELATION_HEADER)
        for r in snapshot.relations:
            w.writerow([r["source_id"], r["target_id"], r["type"], r["id"], str(r["negated"]).lower(),
                        str(r["contested"]).lower(), r["quad"], r["claims"], r["docs"], r["outlets"], r["origins"],
                        r["first_date"] or "", r["last_date"] or ""])
    return [nodes, edges]


@register
class Neo4jExporter(Exporter):
    name = "neo4j"
    help = "a folder with actors.csv and relations.csv for neo4j-admin database import (Neo4j)"
    needs_path = True

    def write(self, snapshot: Snapshot) -> None:
        write_neo4j(snapshot, self.path)
