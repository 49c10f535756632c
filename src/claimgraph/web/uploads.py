"""Uploaded reports: taken within their limits as they arrive, named safely, then read, extracted and
stored the way `claimgraph ingest` does it.

A request is refused whole, before anything is stored, when it breaks a limit: a file over the size
limit (413), more than MAX_FILES files (413), a body that is not multipart or is malformed (415,
400), a file with no usable name (400). Limits are checked on the Content-Length first and then on
the bytes as they come in, so an oversized body is never read to its end, and files are held in
memory only up to the limit. A request that is taken gives each input's outcome, as `ingest` does:
a file that cannot be read is reported and the others are stored.
"""
from __future__ import annotations

import codecs
import os
import re
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

from fastapi import HTTPException, Request
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect

from claimgraph import actions, fused_view
from claimgraph.records import Document
from claimgraph.settings import DEFAULT_MODEL
from claimgraph.store import Store, WriteResult, open_store

MAX_FILES = 20
MAX_NAME_BYTES = 200  # a stored name, and the temporary file's name, well inside any file system's 255
FIELD = "files"
_PART_OVERHEAD = 16 * 1024  # a part's boundary and headers, generously
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")

OPENAPI: dict[str, Any] = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": [FIELD],
    "properties": {FIELD: {"type": "array", "items": {"type": "string", "format": "binary"}}}}}}}}


@dataclass
class Upload:
    """One file of a request: the name it was sent under, the safe name it is stored under, its bytes."""

    sent_as: str
    name: str
    data: bytearray
    renamed: bool = False


def safe_name(sent: str) -> str | None:
    """Give the name to store an uploaded file under: its base name, no control characters, no
    leading dots, at most MAX_NAME_BYTES in UTF-8 (its suffix kept); None when nothing is left."""
    base = _UNSAFE.sub("", re.split(r"[/\\]", sent)[-1]).strip().lstrip(".").strip()
    if not base:
        return None
    stem, dot, suffix = base.rpartition(".")
    if not dot or not stem or len(suffix) > 16:
        stem, suffix = base, ""
    else:
        suffix = "." + suffix
    room = MAX_NAME_BYTES - len(suffix.encode())
    stem = stem.encode()[:room].decode(errors="ignore").rstrip()
    return stem + suffix


def _numbered(name: str, n: int) -> str:
    stem, dot, suffix = name.rpartition(".")
    return f"{stem} ({n}).{suffix}" if dot and stem else f"{name} ({n})"


class _Parts:
    """The multipart parser's callbacks: each file part kept in memory up to the limit, no further."""

    def __init__(self, *, max_file_bytes: int, max_files: int, charset: str) -> None:
        self.max_file_bytes = max_file_bytes
        self.max_files = max_files
        self.charset = charset
        self.files: list[Upload] = []
        self.ended = False
        self._header = self._value = b""
        self._disposition = b""
        self._current: Upload | None = None

    def callbacks(self) -> Any:
        return {"on_part_begin": self._begin, "on_header_field": self._header_field,
                "on_header_value": self._header_value, "on_header_end": self._header_end,
                "on_headers_finished": self._headers_finished, "on_part_data": self._data, "on_end": self._end}

    def _begin(self) -> None:
        self._disposition, self._current = b"", None

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._header += data[start:end]

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def _header_end(self) -> None:
        if self._header.lower() == b"content-disposition":
            self._disposition = self._value
        self._header = self._value = b""

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        field = options.get(b"name", b"").decode(self.charset, errors="replace")
        if field != FIELD or b"filename" not in options:
            raise HTTPException(400, f"every part must be a file in the field '{FIELD}' (not '{field[:50]}')")
        if len(self.files) == self.max_files:
            raise HTTPException(413, f"at most {self.max_files} files at a time")
        sent = _UNSAFE.sub("", options[b"filename"].decode(self.charset, errors="replace"))
        self._current = Upload(sent_as=sent, name="", data=bytearray())  # a header is at most 4 KB
        self.files.append(self._current)

    def _data(self, data: bytes, start: int, end: int) -> None:
        if self._current is None:
            return
        if len(self._current.data) + (end - start) > self.max_file_bytes:
            raise HTTPException(413, f"{self._current.sent_as[:100] or 'a file'} is larger than the "
                              f"{self.max_file_bytes:,}-byte upload limit; nothing was stored")
        self._current.data += data[start:end]

    def _end(self) -> None:
        self.ended = True


def request_limit(max_file_bytes: int, max_files: int = MAX_FILES) -> int:
    """Give the largest request body taken: every file at the limit, with its part's headers."""
    return max_files * (max_file_bytes + _PART_OVERHEAD) + _PART_OVERHEAD


async def receive(request: Request, *, max_file_bytes: int, max_files: int = MAX_FILES) -> list[Upload]:
    """Give the files of a multipart request, each under a safe name no other file has; refuse the
    whole request, before storing anything, when it breaks a limit or is malformed."""
    kind, options = parse_options_header(request.headers.get("content-type", ""))
    if kind != b"multipart/form-data" or not options.get(b"boundary"):
        raise HTTPException(415, "send the files as multipart/form-data, in the field 'files'")
    limit = request_limit(max_file_bytes, max_files)
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > limit):
        raise HTTPException(413, f"the request ({length[:20]} bytes) is larger than the {limit:,} bytes "
                          f"{max_files} files of at most {max_file_bytes:,} bytes can take")
    charset = options.get(b"charset", b"utf-8").decode("latin-1")
    parts = _Parts(max_file_bytes=max_file_bytes, max_files=max_files, charset=_known(charset))
    parser = MultipartParser(options[b"boundary"], parts.callbacks())
    taken = 0
    try:
        async for chunk in request.stream():
            taken += len(chunk)
            if taken > limit:
                raise HTTPException(413, f"the request is larger than the {limit:,} bytes {max_files} files of "
                                  f"at most {max_file_bytes:,} bytes can take; nothing was stored")
            parser.write(chunk)
        parser.finalize()
    except FormParserError as e:
        raise HTTPException(400, f"the multipart body is malformed ({e})") from e
    except ClientDisconnect as e:
        raise HTTPException(400, "the upload was cut off before its end; nothing was stored") from e
    if not parts.ended:
        raise HTTPException(400, "the multipart body ends before its closing boundary")
    if not parts.files:
        raise HTTPException(400, f"no files in the field '{FIELD}'")
    return _named(parts.files)


def _known(charset: str) -> str:
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return "utf-8"


def _named(files: list[Upload]) -> list[Upload]:
    taken: set[str] = set()
    for i, f in enumerate(files, 1):
        name = safe_name(f.sent_as)
        if name is None:
            raise HTTPException(400, f"file {i} has no usable name ({f.sent_as[:100]!r}); nothing was stored")
        n = 1
        while (candidate := name if n == 1 else _numbered(name, n)) in taken:
            n += 1
        f.name, f.renamed = candidate, n > 1
        taken.add(candidate)
    return files


class _AsUploaded:
    """The store as `ingest` sees it for an upload: a report's source is `upload:<name>`, not the
    temporary file it was read from (whose path means nothing to anyone reading the store)."""

    def __init__(self, store: Store, folder: str) -> None:
        self._store = store
        self._folder = folder

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._store, attr)

    def shown(self, where: str) -> str:
        return where.removeprefix(self._folder + os.sep)

    def write_document(self, document: Document, **kwargs: Any) -> WriteResult:
        source = "upload:" + self.shown(document.source or document.name)
        return self._store.write_document(replace(document, source=source), **kwargs)


def store(files: list[Upload], *, db: str, model: str | None, max_file_bytes: int,
          lock: threading.Lock) -> list[dict[str, str]]:
    """Read, extract and store uploaded files as `ingest` does, then fuse; give each input's outcome.
    Blocks (extraction takes seconds): run it in a worker thread. One upload at a time writes."""
    with lock, tempfile.TemporaryDirectory(prefix="claimgraph-upload-") as folder, open_store(db) as s:
        uploaded = _AsUploaded(s, folder)
        outcomes = list(_outcomes(files, folder, uploaded, model=model or DEFAULT_MODEL, max_file_bytes=max_file_bytes))
        fused_view.fuse(s)
    return outcomes


def _outcomes(files: list[Upload], folder: str, uploaded: _AsUploaded, *, model: str,
              max_file_bytes: int) -> Iterator[dict[str, str]]:
    for f in files:
        path = Path(folder) / f.name
        path.write_bytes(f.data)
        note = f" (stored as '{f.name}': another file of this upload has its name)" if f.renamed else ""
        for o in actions.ingest([str(path)], store=cast(Store, uploaded), model=model, max_bytes=max_file_bytes):
            where = uploaded.shown(o.where)
            yield {"file": f.sent_as, "where": where, "kind": o.kind,
                   "message": f"{where}: {o.message or o.kind}{note}"}
