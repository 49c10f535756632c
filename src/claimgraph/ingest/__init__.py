"""Reading reports in the formats people have: text, Markdown, HTML, JSON and JSON lines."""
from claimgraph.ingest.readers import READABLE_SUFFIXES, Failure, iter_documents

__all__ = ["READABLE_SUFFIXES", "Failure", "iter_documents"]
