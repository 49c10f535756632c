"""CSV and JSON lines of claims, relations or actors (`--what`); JSON lines of claims is the archive."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from claimgraph.export.archive import archive_records
from claimgraph.export.base import Exporter, What, register

if TYPE_CHECKING:
    from claimgraph.export.gather import Snapshot

CLAIM_COLUMNS = ["doc", "source", "type", "target", "negated", "speaker", "hedged", "event_date", "report_date",
                 "outlet", "origin", "evidence", "cue", "quantity"]
RELATION_COLUMNS = ["id", "source", "type", "target", "negated", "quad", "claims", "docs", "outlets", "origins",
                    "contested", "first_date", "last_date", "first_report", "last_report", "outlet_names",
                    "origin_names"]
ACTOR_COLUMNS = ["id", "name", "kind", "degree", "relations", "claims", "mentions", "docs", "names"]


def claim_rows(snapshot: Snapshot) -> list[dict[str, Any]]:
    """Give one row per claim behind the snapshot's relations: its evidence row and the relation it backs."""
    return [{**e, "source": r["source"], "target": r["target"], "type": r["type"]}
            for r in snapshot.relations for e in r["evidence"]]


def relation_rows(snapshot: Snapshot) -> list[dict[str, Any]]:
    """Give one row per fused relation, without its evidence."""
    return [{k: v for k, v in r.items() if k != "evidence"} for r in snapshot.relations]


def table(snapshot: Snapshot, what: What) -> tuple[list[dict[str, Any]], list[str]]:
    """Give the rows of claims, relations or actors, and the columns a spreadsheet shows of them."""
    if what == What.claims:
        return claim_rows(snapshot), CLAIM_COLUMNS
    if what == What.relations:
        return relation_rows(snapshot), RELATION_COLUMNS
    return snapshot.actors, ACTOR_COLUMNS


def write_csv(stream: TextIO, rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> None:
    """Write rows as CSV with a header; a list or mapping in a cell is written as JSON."""
    writer = csv.DictWriter(stream, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v)
                         for k, v in r.items()})


@register
class CsvExporter(Exporter):
    name = "csv"
    help = "a spreadsheet of claims, relations or actors (--what)"
    suffix = ".csv"

    def write(self, snapshot: Snapshot) -> None:
        write_csv(self.stream, *table(snapshot, self.what))


@register
class JsonlExporter(Exporter):
    name = "jsonl"
    help = "JSON lines of relations or actors (--what); of claims, an archive that `claimgraph import` reads back"
    suffix = ".jsonl"

    def write(self, snapshot: Snapshot) -> None:
        rows = archive_records(self.store, snapshot) if self.what == What.claims else table(snapshot, self.what)[0]
        for row in rows:
            self.stream.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
