"""GraphML and GEXF (for Gephi) through networkx: one node per actor, one edge per fused relation."""
from __future__ import annotations

from typing import TYPE_CHECKING

from claimgraph.export.base import Exporter, register

if TYPE_CHECKING:
    from pathlib import Path

    import networkx as nx

    from claimgraph.export.gather import Snapshot

# "type" is GEXF's own edge attribute (directed/undirected): the claim type goes in plover_type.
EDGE_FIELDS = ("quad", "negated", "contested", "claims", "docs", "outlets", "origins", "hedged",
               "first_date", "last_date", "first_report", "last_report")


def to_networkx(snapshot: Snapshot) -> nx.MultiDiGraph[str]:
    """Give the actor network: one node per actor, one edge per fused relation, Gephi-ready attributes."""
    import networkx as nx

    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for a in snapshot.actors:
        g.add_node(a["id"], label=a["name"], kind=a["kind"], degree=a["degree"], mentions=a["mentions"],
                   docs=a["docs"])
    for r in snapshot.relations:
        attrs = {k: ("" if r.get(k) is None else r[k]) for k in EDGE_FIELDS}
        attrs["label"] = attrs["plover_type"] = r["type"]
        attrs["outlet_names"] = "; ".join(r["outlet_names"])
        attrs["origin_names"] = "; ".join(r["origin_names"])
        g.add_edge(r["source_id"], r["target_id"], key=r["id"], id=r["id"], **attrs)
    return g


def write_graphml(snapshot: Snapshot, path: Path) -> None:
    import networkx as nx

    nx.write_graphml(to_networkx(snapshot), path)


def write_gexf(snapshot: Snapshot, path: Path) -> None:
    import networkx as nx

    nx.write_gexf(to_networkx(snapshot), path)


@register
class GraphmlExporter(Exporter):
    name = "graphml"
    help = "the actor network as GraphML: nodes with kind and degree, edges with type, counts, dates (Gephi, Cytoscape)"
    needs_path = True
    suffix = ".graphml"

    def write(self, snapshot: Snapshot) -> None:
        write_graphml(snapshot, self.path)


@register
class GexfExporter(Exporter):
    name = "gexf"
    help = "the actor network as GEXF, with the same attributes as graphml (Gephi)"
    needs_path = True
    suffix = ".gexf"

    def write(self, snapshot: Snapshot) -> None:
        write_gexf(snapshot, self.path)
