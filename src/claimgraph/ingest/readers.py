"""Turning paths (files, folders, `-`) into Documents, or Failures that say what went wrong.

Every reader is pure over bytes: it never touches the store, so a bad file cannot corrupt it.
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimgraph.errors import InputError
from claimgraph.ingest.decode import decode
from claimgraph.ingest.html import read_html
from claimgraph.ingest.metadata import canonical_outlet, read_text_meta
from claimgraph.records import Document
from claimgraph.resolve.dates import parse_date
from claimgraph.resolve.names import doc_id

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".jsonl", ".json", ".ndjson"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be read: where it is and why, in one line."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Notice:
    """Something worth telling about an input that was still read (e.g. its encoding)."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


Item = Document | Failure | Notice


def iter_documents(paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Give a Document for every readable report under `paths`, a Failure for every unreadable one."""
    for raw in paths:
        if raw == "-":
            yield from _read_bytes(sys.stdin.buffer.read(max_bytes + 1), "<stdin>", ".txt", max_bytes=max_bytes)
            continue
        path = Path(raw)
        if not path.exists():
            yield Failure(raw, "no such file or folder")
        elif path.is_dir():
            yield from _walk(path, max_bytes=max_bytes)
        else:
            yield from _read_file(path, max_bytes=max_bytes)


def _walk(folder: Path, *, max_bytes: int) -> Iterator[Item]:
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            if path.suffix.lower() in READABLE_SUFFIXES and not name.startswith("."):
                yield from _read_file(path, max_bytes=max_bytes)
    for e in errors:
        yield Failure(str(e.filename or folder), f"folder cannot be read ({e.strerror or e})")


def _read_file(path: Path, *, max_bytes: int) -> Iterator[Item]:
    where = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Failure(where, f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB, "
                                 "raise it with --max-bytes)")
            return
        data = path.read_bytes()
    except OSError as e:
        yield Failure(where, f"cannot be read ({e.strerror or e})")
        return
    yield from _read_bytes(data, where, path.suffix.lower(), max_bytes=max_bytes, name=path.name)


def _read_bytes(data: bytes, where: str, suffix: str, *, max_bytes: int, name: str | None = None) -> Iterator[Item]:
    if len(data) > max_bytes:
        yield Failure(where, f"too large (over {max_bytes / 1e6:.1f} MB; raise the limit with --max-bytes)")
        return
    if not data.strip():
        yield Failure(where, "empty file, nothing to read")
        return
    try:
        text, encoding = decode(data, where)
    except InputError as e:
        yield Failure(e.where, e.reason)
        return
    if encoding not in ("utf-8", "ascii"):
        yield Notice(where, f"read as {encoding}, not UTF-8")
    name = name or "stdin.txt"
    try:
        if suffix in JSON_SUFFIXES:
            yield from _read_json(text, where, jsonl=suffix != ".json")
        elif suffix in HTML_SUFFIXES:
            yield read_html(text, where=where, name=name)
        else:
            yield _read_text(text, where=where, name=name)
    except InputError as e:
        yield Failure(e.where, e.reason)


def _read_text(text: str, *, where: str, name: str) -> Document:
    meta, body = read_text_meta(text)
    body_text = text[body:]
    if not body_text.strip():
        raise InputError(where, "no text after the header block")
    return Document(id=doc_id(body_text), name=name, text=body_text, title=meta.title, author=meta.author,
                    outlet=meta.outlet, date=meta.date, url=meta.url, source=where, format="text")


def _read_json(text: str, where: str, *, jsonl: bool) -> Iterator[Item]:
    if not jsonl or text.lstrip().startswith("["):
        try:
            value = json.loads(text)
        except json.JSONDecodeError as e:
            if not jsonl:
                yield Failure(where, f"not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})")
                return
        else:
            records = value if isinstance(value, list) else [value]
            for i, rec in enumerate(records, 1):
                yield _record_or_failure(rec, f"{where}[{i}]")
            return
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield Failure(f"{where}:{lineno}", f"not valid JSON ({e.msg} at column {e.colno})")
            continue
        yield _record_or_failure(rec, f"{where}:{lineno}")


def _record_or_failure(rec: Any, where: str) -> Item:
    try:
        return read_record(rec, where=where)
    except InputError as e:
        return Failure(e.where, e.reason)


def read_record(rec: Any, *, where: str) -> Document:
    """Give the Document of one JSON record with `text` and optional id, title, author, outlet, date, url."""
    if not isinstance(rec, dict):
        raise InputError(where, f"record is a JSON {type(rec).__name__}, not an object")
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "record has no 'text'" if text is None else "record's 'text' is empty or not a string")

    def field(key: str) -> str | None:
        v = rec.get(key)
        return None if v in (None, "") else str(v)

    ident = field("id") or doc_id(text)
    date_value = field("date")
    outlet = field("outlet")
    return Document(id=doc_id(text), name=ident, text=text, title=field("title"), author=field("author"),
                    outlet=canonical_outlet(outlet) if outlet else None,
                    date=(parse_date(date_value) or date_value) if date_value else None,
                    url=field("url"), source=where, format="json")
