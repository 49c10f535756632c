"""The one interface of every export format, and the registry the CLI reads its formats from.

Modelled on followthemoney's exporters: an `Exporter` is made for one output, given what to
write (`write`), then told to finish (`finalize`). A format is one module that defines a
subclass with its `name`, a one-line `help`, whether it `needs_path` and its `suffix`, and
registers it with `@register`; `FORMAT_MODULES` in `claimgraph.export` names the module. The
module must stay cheap to import: the library it writes with (stix2, networkx, followthemoney)
is imported inside its functions, so `claimgraph --help` loads none of them.
"""
from __future__ import annotations

import sys
from abc import ABC, abstractmethod
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TextIO, TypeVar

from claimgraph.errors import ClaimgraphError

if TYPE_CHECKING:
    from claimgraph.export.gather import Snapshot
    from claimgraph.store import Store


class What(StrEnum):
    """What a table format (csv, jsonl) holds: one row per claim, per fused relation or per actor."""

    claims = "claims"
    relations = "relations"
    actors = "actors"


class Exporter(ABC):
    """One export format writing to one output: `write` a snapshot, then `finalize`.

    A text format writes to `stream` (the `out` file, or standard output without one); a format
    that `needs_path` writes its file or folder at `path`.
    """

    name: ClassVar[str]  # the FORMAT argument of `claimgraph export`
    help: ClassVar[str]  # one line: what it holds and for which tool
    needs_path: ClassVar[bool] = False  # writes a file or folder; without it, may write to standard output
    suffix: ClassVar[str] = ""  # the usual ending of its file name; "" for a folder

    def __init__(self, store: Store, out: Path | None = None, *, what: What = What.claims) -> None:
        self.store = store  # for a format that holds more than the snapshot (the claims archive)
        self.out = out
        self.what = what
        self._stream: TextIO | None = None

    @classmethod
    def out_kind(cls) -> str:
        """Give what `out` names for this format: "a .graphml file", "a folder"."""
        return f"a {cls.suffix} file" if cls.suffix else "a folder"

    @property
    def path(self) -> Path:
        """Give the file or folder to write, for a format that needs one."""
        if self.out is None:
            raise ClaimgraphError(f"{self.name} needs {self.out_kind()} to write to")
        return self.out

    @property
    def stream(self) -> TextIO:
        """Give the text stream to write to, opening the `out` file on first use."""
        if self._stream is None:
            self._stream = sys.stdout if self.out is None else self.out.open("w", encoding="utf-8")
        return self._stream

    @abstractmethod
    def write(self, snapshot: Snapshot) -> None:
        """Write a snapshot of the fused view."""

    def finalize(self) -> None:
        """Finish the output: flush the stream, and close it unless it is standard output."""
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.flush()
            if stream is not sys.stdout:
                stream.close()


EXPORTERS: dict[str, type[Exporter]] = {}
E = TypeVar("E", bound=type[Exporter])


def register(exporter: E) -> E:
    """Add an exporter class to EXPORTERS under its name (a class decorator)."""
    EXPORTERS[exporter.name] = exporter
    return exporter


def write_snapshot(exporter: Exporter, snapshot: Snapshot) -> None:
    """Write a snapshot with an exporter and finish it; an output that cannot be written is an error."""
    try:
        try:
            exporter.write(snapshot)
        finally:
            exporter.finalize()
    except OSError as e:
        where = exporter.out or "standard output"
        raise ClaimgraphError(f"{where}: cannot write ({e.strerror or e.__class__.__name__})") from e
