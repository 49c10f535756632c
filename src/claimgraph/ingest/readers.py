"""Turning paths (files, folders, `-`) into Documents, or Failures that say what went wrong.

Every reader is pure over bytes: it never touches the store, so a bad file cannot corrupt it.
"""
from __future__ import annotations

import json
import os
import stat
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
from claimgraph.resolve.names import doc_id, printable_path, valid_unicode

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
            yield Failure(printable_path(raw), "no such file or folder")
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
        yield Failure(printable_path(str(e.filename or folder)), f"folder cannot be read ({e.strerror or e})")


def _too_large(size: float, max_bytes: int) -> str:
    return (f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB, "
            "raise it with --max-bytes)")


def _read_file(path: Path, *, max_bytes: int) -> Iterator[Item]:
    """Read one regular file, at most `max_bytes` of it. A FIFO, a device or a socket (also behind
    a symbolic link) is refused before it is opened: reading one could wait for ever or never end."""
    where = printable_path(str(path))
    name = printable_path(path.name)
    if name != path.name:
        yield Notice(where, f"the file name is not valid UTF-8; stored as '{name}'")
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            yield Failure(where, "not a regular file (a pipe, device or socket): not read")
            return
        if info.st_size > max_bytes:
            yield Failure(where, _too_large(info.st_size, max_bytes))
            return
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):  # swapped for something else since
                yield Failure(where, "not a regular file (a pipe, device or socket): not read")
                return
            data = f.read(max_bytes + 1)  # a file that grows while it is read is still bounded
    except OSError as e:
        yield Failure(where, f"cannot be read ({e.strerror or e})")
        return
    if len(data) > max_bytes:
        yield Failure(where, _too_large(len(data), max_bytes))
        return
    yield from _read_bytes(data, where, path.suffix.lower(), max_bytes=max_bytes, name=name)


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
        except (RecursionError, ValueError) as e:  # nested too deep; an integer over Python's digit limit
            yield Failure(where, f"JSON that cannot be read ({_json_limit(e)})")
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
        except (RecursionError, ValueError) as e:
            yield Failure(f"{where}:{lineno}", f"JSON that cannot be read ({_json_limit(e)})")
            continue
        yield _record_or_failure(rec, f"{where}:{lineno}")


def _json_limit(e: Exception) -> str:
    if isinstance(e, RecursionError):
        return "nested too deep"
    return str(e).split(";")[0].split(":")[0] or type(e).__name__


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
    text = valid_unicode(text)  # a lone surrogate ("\ud800") cannot be stored or printed

    def field(key: str) -> str | None:
        v = rec.get(key)
        return None if v in (None, "") or isinstance(v, dict | list) else valid_unicode(str(v))

    ident = field("id") or doc_id(text)
    date_value = field("date")
    outlet = field("outlet")
    return Document(id=doc_id(text), name=ident, text=text, title=field("title"), author=field("author"),
                    outlet=canonical_outlet(outlet) if outlet else None,
                    date=(parse_date(date_value) or date_value) if date_value else None,
                    url=field("url"), source=where, format="json")
