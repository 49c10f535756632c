"""The Python API: reading, extracting and storing reports, one outcome per input."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from claimgraph.errors import ClaimgraphError
from claimgraph.ingest.readers import DEFAULT_MAX_BYTES, Failure, Item, Notice, iter_documents
from claimgraph.records import Claim, Document, Mention
from claimgraph.resolve.names import doc_id
from claimgraph.settings import DEFAULT_MODEL
from claimgraph.store import Store
from claimgraph.store import open_store as _open

if TYPE_CHECKING:
    from claimgraph.nlp.extract import Extractor

Kind = Literal["added", "replaced", "updated", "unchanged", "duplicate", "failed", "notice", "extracted"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input: its name, what was done, and a message when there is one."""

    where: str
    kind: Kind
    message: str = ""
    document: Document | None = None
    claims: tuple[Claim, ...] = field(default=())
    mentions: tuple[Mention, ...] = field(default=())

    @property
    def failed(self) -> bool:
        return self.kind == "failed"

    def __str__(self) -> str:
        return f"{self.where}: {self.message or self.kind}"


def open_store(location: str | Path) -> Store:
    """Open (creating and migrating if needed) the store at `location`: the path of an SQLite file
    or a PostgreSQL URL."""
    return _open(location)


def read(paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Give a Document, Failure or Notice for each input under `paths`."""
    return iter_documents(paths, max_bytes=max_bytes)


def _documents_and_outcomes(items: Iterable[Item]) -> Iterator[Document | Outcome]:
    for item in items:
        if isinstance(item, Failure):
            yield Outcome(item.where, "failed", item.reason)
        elif isinstance(item, Notice):
            yield Outcome(item.where, "notice", item.message)
        else:
            yield item


def extract_documents(items: Iterable[Item], *, model: str = DEFAULT_MODEL,
                      batch_size: int = 16) -> Iterator[Outcome]:
    """Give an Outcome with the claims of every readable document, a failed one for the rest."""
    from claimgraph.nlp.extract import Extractor

    extractor = Extractor.load(model)
    yield from _extracted(extractor, _documents_and_outcomes(items), batch_size=batch_size)


def extract_text(text: str, *, name: str = "text", model: str = DEFAULT_MODEL) -> list[Claim]:
    """Give the claims of one piece of text."""
    from claimgraph.nlp.extract import Extractor

    document = Document(id=doc_id(text), name=name, text=text)
    return list(Extractor.load(model).extract(document).claims)


def ingest(paths: Iterable[str], *, store: Store, extract: bool = True, model: str = DEFAULT_MODEL,
           max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Outcome]:
    """Read, extract and store every report under `paths`; give one Outcome per input.

    Each document is stored in its own transaction, so a failure or an interruption never leaves
    a document half-written, and a rerun resumes where the last one stopped. The fused view is
    not touched: call `fused_view.fuse(store)` after the batch, before querying it.
    """
    items = iter_documents(paths, max_bytes=max_bytes)
    if not extract:
        for item in _documents_and_outcomes(items):
            if isinstance(item, Outcome):
                yield item
                continue
            yield _store(store, item)
        return
    from claimgraph.nlp.extract import Extractor, version_of

    extractor = Extractor.load(model)
    version = version_of(extractor)
    # Documents already stored with claims from this pipeline and version are not parsed again.
    todo = (_skip_if_current(store, it, extractor.model_name, version) for it in _documents_and_outcomes(items))
    for out in _extracted(extractor, todo):
        if out.kind == "extracted" and out.document is not None:
            result = _store(store, out.document, extraction=out, model=extractor.model_name, version=version)
            yield result
        else:
            yield out


def _extracted(extractor: Extractor, items: Iterable[Document | Outcome], *,
               batch_size: int = 16) -> Iterator[Outcome]:
    """Extract every Document among `items` in batches, passing outcomes through in order."""
    buffer: list[Document | Outcome] = []

    def flush() -> Iterator[Outcome]:
        documents = [x for x in buffer if isinstance(x, Document)]
        results = iter(extractor.pipe(documents, batch_size=batch_size))
        for x in buffer:
            if isinstance(x, Outcome):
                yield x
                continue
            ex = next(results)
            if isinstance(ex, Exception):
                yield Outcome(x.name, "failed", f"extraction failed ({type(ex).__name__}: {ex})")
            else:
                yield Outcome(x.name, "extracted", f"{len(ex.claims)} claims", document=x,
                              claims=ex.claims, mentions=ex.mentions)
        buffer.clear()

    pending = 0
    for item in items:
        buffer.append(item)
        pending += isinstance(item, Document)
        if pending >= batch_size:
            yield from flush()
            pending = 0
    yield from flush()


def _skip_if_current(store: Store, item: Document | Outcome, model: str, version: str) -> Document | Outcome:
    if isinstance(item, Outcome):
        return item
    status = store.plan(item)
    if status == "unchanged" and store.extraction_of(item.id) == (model, version):
        return Outcome(item.name, "unchanged", "unchanged", document=item)
    if status == "duplicate":
        return _store(store, item)
    return item


def _store(store: Store, document: Document, *, extraction: Outcome | None = None,
           model: str | None = None, version: str | None = None) -> Outcome:
    try:
        if extraction is None:
            result = store.write_document(document)
        else:
            result = store.write_document(document, mentions=extraction.mentions,
                                          claims=extraction.claims, model=model, version=version)
    except ClaimgraphError as e:
        return Outcome(document.name, "failed", str(e), document=document)
    if result.status == "duplicate":
        return Outcome(document.name, "duplicate", f"same text as {result.duplicate_of}, not stored again",
                       document=document)
    n = len(extraction.claims) if extraction else 0
    msg = result.status + (f", {n} claims" if extraction else "")
    return Outcome(document.name, result.status, msg, document=document,
                   claims=extraction.claims if extraction else ())
