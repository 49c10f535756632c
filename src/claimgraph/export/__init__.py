"""Exports of the fused view to the tools analysts use: STIX 2.1, FollowTheMoney, GraphML/GEXF,
Neo4j, CSV and JSON lines. Each format is one module defining an `Exporter` (see `base`) over the
same gathered `Snapshot`; importing the package registers them all in `EXPORTERS`, in the order of
FORMAT_MODULES, without loading the libraries they write with.
"""
from importlib import import_module

from claimgraph.export.base import EXPORTERS, Exporter, What, register, write_snapshot

FORMAT_MODULES = ("stix", "ftm", "graph", "neo4j", "tables")
for _module in FORMAT_MODULES:
    import_module(f"claimgraph.export.{_module}")

__all__ = ["EXPORTERS", "FORMAT_MODULES", "Exporter", "What", "register", "write_snapshot"]
