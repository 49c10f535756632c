"""The Python API: reading, extracting and storing reports, one outcome per input."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from claimgraph import cluster
from claimgraph.errors import ClaimgraphError
from claimgraph.ingest.readers import DEFAULT_MAX_BYTES, Failure, Item, Notice, iter_documents
from claimgraph.records import Claim, Document, Mention
from claimgraph.resolve.names import doc_id
from claimgraph.settings import DEFAULT_MODEL
from claimgraph.store import Store
from claimgraph.store import open_store as _open

if TYPE_CHECKING:
    from distributed import Client

    from claimgraph.nlp.extract import Extraction, Extractor

Found = tuple[tuple[Mention, ...], tuple[Claim, ...]]  # what extraction gives a document
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


def extract_documents(items: Iterable[Item], *, model: str = DEFAULT_MODEL, batch_size: int = 16,
                      workers: int = 1, scheduler: str | None = None) -> Iterator[Outcome]:
    """Give an Outcome with the claims of every readable document, a failed one for the rest, in
    input order; `workers` and `scheduler` spread the extraction as in `ingest`."""
    todo, parallel = _peek(_documents_and_outcomes(items), workers=workers, scheduler=scheduler, batch_size=batch_size)
    with _engine(model, parallel=parallel, workers=workers, scheduler=scheduler, batch_size=batch_size) as engine:
        yield from engine.run(todo)


def extract_text(text: str, *, name: str = "text", model: str = DEFAULT_MODEL) -> list[Claim]:
    """Give the claims of one piece of text."""
    from claimgraph.nlp.extract import Extractor

    document = Document(id=doc_id(text), name=name, text=text)
    return list(Extractor.load(model).extract(document).claims)


def ingest(paths: Iterable[str], *, store: Store, extract: bool = True, model: str = DEFAULT_MODEL,
           max_bytes: int = DEFAULT_MAX_BYTES, workers: int = 1, scheduler: str | None = None,
           batch_size: int = 16) -> Iterator[Outcome]:
    """Read, extract and store every report under `paths`; give one Outcome per input, in input order.

    Each document is stored in its own transaction, so a failure or an interruption never leaves
    a document half-written, and a rerun resumes where the last one stopped. The fused view is
    not touched: call `fused_view.fuse(store)` after the batch, before querying it.

    With `workers` > 1, a local Dask cluster of that many processes extracts the documents when the
    input holds more than one batch of `batch_size` documents for each (a smaller one is extracted
    here: starting a cluster would cost more than it saves); with `scheduler` (tcp://HOST:8786), a
    running cluster does.
    Reading, skipping what is stored already and storing stay in this process: the store has one
    writer. A batch that fails on the cluster (its workers kept dying) gives a failed Outcome for each
    of its documents, and the rest go on; a rerun extracts them.
    """
    items = _documents_and_outcomes(iter_documents(paths, max_bytes=max_bytes))
    if not extract:
        for item in items:
            yield item if isinstance(item, Outcome) else _store(store, item)
        return
    items, parallel = _peek(items, workers=workers, scheduler=scheduler, batch_size=batch_size)
    with _engine(model, parallel=parallel, workers=workers, scheduler=scheduler, batch_size=batch_size) as engine:
        # Documents already stored with claims from this pipeline and version are not parsed again.
        todo = (_skip_if_current(store, it, engine.model, engine.version) for it in items)
        for out in engine.run(todo):
            if out.kind == "extracted" and out.document is not None:
                yield _store(store, out.document, extraction=out, model=engine.model, version=engine.version)
            else:
                yield out


class _Engine(NamedTuple):
    """What extracts: the pipeline's name and version as stored with claims, and a function from
    documents (with outcomes passed through) to outcomes, in order."""

    model: str
    version: str
    run: Callable[[Iterable[Document | Outcome]], Iterator[Outcome]]


@contextmanager
def _engine(model: str, *, parallel: bool, workers: int, scheduler: str | None, batch_size: int) -> Iterator[_Engine]:
    """Give the extraction engine: this process, or a Dask cluster (whose workers load the pipeline
    and must all run the same extractor)."""
    if not parallel:
        from claimgraph.nlp.extract import Extractor, version_of

        extractor = Extractor.load(model)
        run = partial(_extracted, extractor, batch_size=batch_size)
        yield _Engine(extractor.model_name, version_of(extractor), run)
        return
    with cluster.connect(workers=workers, scheduler=scheduler) as client:
        loaded = set(cluster.on_every_worker(client, partial(_loaded, model)))
        if len(loaded) != 1:
            raise ClaimgraphError(f"the Dask workers run different extractors: {', '.join(sorted(map(str, loaded)))}")
        ((name, version),) = loaded
        yield _Engine(name, version, partial(_extracted_on, client, model=model, batch_size=batch_size))


def _peek(items: Iterator[Document | Outcome], *, workers: int, scheduler: str | None,
          batch_size: int) -> tuple[Iterator[Document | Outcome], bool]:
    """Give the items back whole, and whether to extract them on a cluster: a scheduler is named, or
    `workers` > 1 and there are more documents than one batch for each worker."""
    if workers < 1:
        raise ClaimgraphError(f"workers must be at least 1, not {workers}")
    if scheduler is not None or workers == 1:
        return items, scheduler is not None
    head: list[Document | Outcome] = []
    documents = 0
    for item in items:
        head.append(item)
        documents += isinstance(item, Document)
        if documents > workers * batch_size:
            break
    return chain(head, items), documents > workers * batch_size


def _loaded(model: str) -> tuple[str, str]:
    """On a worker: load the pipeline (once per process) and give its name and version."""
    from claimgraph.nlp.extract import Extractor, version_of

    extractor = Extractor.load(model)
    return extractor.model_name, version_of(extractor)


def _extract_batch(documents: Sequence[Document], *, model: str, batch_size: int) -> list[Found | str]:
    """On a worker: give each document's mentions and claims, or why reading it failed."""
    from claimgraph.nlp.extract import Extractor

    extractor = Extractor.load(model)  # kept by the worker process, loaded by its first batch
    return [_found(x) for x in extractor.pipe(documents, batch_size=batch_size)]


def _extracted_on(client: Client, items: Iterable[Document | Outcome], *, model: str,
                  batch_size: int) -> Iterator[Outcome]:
    """Extract every Document among `items` on the cluster, `batch_size` inputs a task, passing
    outcomes through in order."""
    batches = ((chunk, [x for x in chunk if isinstance(x, Document)]) for chunk in _chunks(items, batch_size))
    task = partial(_extract_batch, model=model, batch_size=batch_size)
    for chunk, results in cluster.map_batches(client, task, batches):
        if isinstance(results, Exception):
            why = f"extraction failed ({cluster.reason(results)})"
            yield from (x if isinstance(x, Outcome) else Outcome(x.name, "failed", why) for x in chunk)
            continue
        found = iter(results or ())
        yield from (x if isinstance(x, Outcome) else _outcome(x, next(found)) for x in chunk)


def _chunks(items: Iterable[Document | Outcome], size: int) -> Iterator[list[Document | Outcome]]:
    chunk: list[Document | Outcome] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _extracted(extractor: Extractor, items: Iterable[Document | Outcome], *,
               batch_size: int = 16) -> Iterator[Outcome]:
    """Extract every Document among `items` in batches, passing outcomes through in order."""
    buffer: list[Document | Outcome] = []

    def flush() -> Iterator[Outcome]:
        documents = [x for x in buffer if isinstance(x, Document)]
        results = iter(extractor.pipe(documents, batch_size=batch_size))
        for x in buffer:
            yield x if isinstance(x, Outcome) else _outcome(x, _found(next(results)))
        buffer.clear()

    pending = 0
    for item in items:
        buffer.append(item)
        pending += isinstance(item, Document)
        if pending >= batch_size:
            yield from flush()
            pending = 0
    yield from flush()


def _found(extraction: Extraction | Exception) -> Found | str:
    """Give the mentions and claims of an extraction, or why it failed: records and text only, so
    that what comes back from a worker unpickles here without spaCy."""
    if isinstance(extraction, Exception):
        return f"{type(extraction).__name__}: {extraction}"
    return extraction.mentions, extraction.claims


def _outcome(document: Document, found: Found | str) -> Outcome:
    if isinstance(found, str):
        return Outcome(document.name, "failed", f"extraction failed ({found})")
    mentions, claims = found
    return Outcome(document.name, "extracted", f"{len(claims)} claims", document=document, claims=claims,
                   mentions=mentions)


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
