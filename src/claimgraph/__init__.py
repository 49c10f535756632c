"""claimgraph: who did what to whom, according to whom — an evidence-linked map of news reports.

The Python API::

    import claimgraph
    for claim in claimgraph.extract_text("Beijing accused the U.S. of double standards."):
        print(claim.to_dict())

    with claimgraph.open_store("claimgraph.db") as store:
        for outcome in claimgraph.ingest(["reports/"], store=store):
            print(outcome)
"""
from claimgraph.actions import Outcome, extract_documents, extract_text, ingest, open_store, read
from claimgraph.errors import ClaimgraphError, ConfigError, InputError, ModelError, StoreError
from claimgraph.records import Actor, Claim, Document, Evidence, Mention

__version__ = "0.1.0"
__all__ = [
    "Actor", "Claim", "ClaimgraphError", "ConfigError", "Document", "Evidence", "InputError", "Mention",
    "ModelError", "Outcome", "StoreError", "__version__", "extract_documents", "extract_text", "ingest",
    "open_store", "read",
]
