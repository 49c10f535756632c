"""Exports of the fused view to the tools analysts use: STIX 2.1, FollowTheMoney, GraphML/GEXF,
Neo4j, CSV and JSON lines. Each module turns the same gathered rows into one format."""
