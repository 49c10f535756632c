"""The claims archive: JSON lines that a fresh store imports back into the same fused relations.

For each report the archive holds a `document` line (metadata and text: syndication needs the
text), its `mention` lines (relays need the mentions) and its `claim` lines. Each line is a
record's `to_dict` plus `"record"`, naming which record it is:

    {"record": "document", "archive": 2, "id": ..., "name": ..., "text": ..., ...}
    {"record": "mention", "doc": ..., "actor": ..., "actor_id": ..., "actor_kind": ..., "start": ...}
    {"record": "claim", "doc": ..., "source": ..., "source_id": ..., ..., "version": ...}

`"archive"` on the document line is the version of this layout; a claim's `"version"` is the
version of the extraction that made it. Version 1 (no `"archive"` key) named actors without their
ids and gave a mention's actor kind as `"kind"`; it is still read, with ids made from the names
as claimgraph made them then.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from claimgraph.errors import InputError
from claimgraph.records import Claim, Document, Mention
from claimgraph.resolve.names import actor_id

if TYPE_CHECKING:
    from claimgraph.export.gather import Snapshot
    from claimgraph.store import Store

ARCHIVE_VERSION = 2
T = TypeVar("T")


def archive_records(store: Store, snapshot: Snapshot) -> Iterator[dict[str, Any]]:
    """Give the archive's records (one a line) of every report behind the snapshot: document, mentions, claims."""
    for row in snapshot.documents:
        document = store.document(row["id"])
        if document is None:
            continue
        _, version = store.extraction_of(document.id) or (None, None)
        yield {"record": "document", "archive": ARCHIVE_VERSION, **document.to_dict()}
        for mention in store.mention_records(document.id):
            yield {"record": "mention", **mention.to_dict()}
        for claim in store.claim_records(document.id):
            yield {"record": "claim", **claim.to_dict(), "version": version}


@dataclass
class _Report:
    """One report read from an archive, its mentions and claims gathered until the next document line."""

    document: Document
    archive_version: int
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    model: str = "import"
    extraction_version: str = ""

    def store_in(self, store: Store) -> str:
        result = store.write_document(self.document, mentions=self.mentions, claims=self.claims, model=self.model,
                                      version=self.extraction_version)
        return f"{self.document.name}: {result.status}, {len(self.claims)} claims"


def import_archive(store: Store, path: Path) -> Iterator[str]:
    """Store the reports of the archive at `path`; give one line per report stored."""
    try:
        with path.open(encoding="utf-8") as lines:
            yield from import_lines(store, lines, where=str(path))
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(str(path), f"cannot read ({e.__class__.__name__})") from e


def import_lines(store: Store, lines: Iterable[str], *, where: str) -> Iterator[str]:
    """Store the reports of archive lines; give one line per report (a bad line is an InputError naming it)."""
    report: _Report | None = None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        at = f"{where}:{n}"
        try:
            record = json.loads(line)
            kind = record["record"]
        except (json.JSONDecodeError, KeyError, TypeError) as e:
            raise InputError(at, f"not an archive record ({e.__class__.__name__})") from e
        if kind == "document":
            if report:
                yield report.store_in(store)
            archive_version = _version(record, at)
            report = _Report(_read(Document.from_dict, record, at), archive_version)
        elif kind in ("mention", "claim"):
            if report is None:
                raise InputError(at, "a mention or claim before any document record")
            record = _upgrade(record, report.archive_version)
            if kind == "mention":
                report.mentions.append(_read(Mention.from_dict, record, at))
            else:
                report.claims.append(_read(Claim.from_dict, record, at))
                report.model, report.extraction_version = record.get("model") or "import", record.get("version") or ""
    if report:
        yield report.store_in(store)


def _read(from_dict: Callable[[dict[str, Any]], T], record: dict[str, Any], at: str) -> T:
    try:
        return from_dict(record)
    except (KeyError, TypeError, IndexError) as e:
        missing = f": no {e}" if isinstance(e, KeyError) else f" ({e.__class__.__name__})"
        raise InputError(at, f"not a {record['record']} record{missing}") from e


def _version(record: dict[str, Any], at: str) -> int:
    version = record.get("archive", 1)
    if not isinstance(version, int) or not 1 <= version <= ARCHIVE_VERSION:
        raise InputError(at, f"archive version {version!r}: this claimgraph reads versions 1 to {ARCHIVE_VERSION}")
    return version


def _upgrade(record: dict[str, Any], archive_version: int) -> dict[str, Any]:
    """Give a version-1 mention or claim record in the current layout (a current one as it is)."""
    if archive_version >= 2:
        return record
    upgraded = dict(record)
    if "kind" in record:  # a mention's
        upgraded["actor_kind"] = record["kind"]
    for role in ("actor", "source", "target", "speaker"):
        if record.get(role):
            upgraded[f"{role}_id"] = actor_id(record[role])
    return upgraded
