"""GraphML and GEXF (for Gephi) through networkx, and CSV files for `neo4j-admin database import`."""
from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx

from claimgraph.export.gather import Snapshot

# "type" is GEXF's own edge attribute (directed/undirected): the claim type goes in plover_type.
EDGE_FIELDS = ("quad", "negated", "contested", "claims", "docs", "outlets", "origins", "hedged",
               "first_date", "last_date", "first_report", "last_report")


def to_networkx(snap: Snapshot) -> nx.MultiDiGraph:
    """Give the actor network: one node per actor, one edge per fused relation, Gephi-ready attributes."""
    g = nx.MultiDiGraph()
    for a in snap.actors:
        g.add_node(a["id"], label=a["name"], kind=a["kind"], degree=a["degree"], mentions=a["mentions"],
                   docs=a["docs"])
    for r in snap.relations:
        attrs = {k: ("" if r.get(k) is None else r[k]) for k in EDGE_FIELDS}
        attrs["label"] = attrs["plover_type"] = r["type"]
        attrs["outlet_names"] = "; ".join(r["outlet_names"])
        attrs["origin_names"] = "; ".join(r["origin_names"])
        g.add_edge(r["source_id"], r["target_id"], key=r["id"], id=r["id"], **attrs)
    return g


def write_graphml(snap: Snapshot, path: Path) -> None:
    nx.write_graphml(to_networkx(snap), path)


def write_gexf(snap: Snapshot, path: Path) -> None:
    nx.write_gexf(to_networkx(snap), path)


def write_neo4j(snap: Snapshot, folder: Path) -> list[Path]:
    """Write actors.csv and relations.csv with the headers `neo4j-admin database import` reads."""
    folder.mkdir(parents=True, exist_ok=True)
    nodes, edges = folder / "actors.csv", folder / "relations.csv"
    with nodes.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["actorId:ID(Actor)", "name", "kind", "degree:int", ":LABEL"])
        for a in snap.actors:
            w.writerow([a["id"], a["name"], a["kind"], a["degree"], "Actor;" + a["kind"].title().replace("_", "")])
    with edges.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([":START_ID(Actor)", ":END_ID(Actor)", ":TYPE", "relationId", "negated:boolean", "contested:boolean",
                    "quad", "claims:int", "docs:int", "outlets:int", "origins:int", "firstDate", "lastDate"])
        for r in snap.relations:
            w.writerow([r["source_id"], r["target_id"], r["type"], r["id"], str(r["negated"]).lower(),
                        str(r["contested"]).lower(), r["quad"], r["claims"], r["docs"], r["outlets"], r["origins"],
                        r["first_date"] or "", r["last_date"] or ""])
    return [nodes, edges]
