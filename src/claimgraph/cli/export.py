"""`claimgraph export FORMAT` and `claimgraph import FILE`: a few lines over claimgraph.export.

The formats, their help and whether they need --out come from the registry, claimgraph.export.EXPORTERS.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from claimgraph import fused_view
from claimgraph.cli.exits import refuse, reports_errors
from claimgraph.cli.options import (
    DbOption,
    MinSourcesOption,
    OutletOption,
    SinceOption,
    SourceOption,
    TargetOption,
    TypeOption,
    UntilOption,
    err,
)
from claimgraph.cli.stores import dated_filters, fused_store
from claimgraph.export import EXPORTERS, What, write_snapshot
from claimgraph.export.archive import import_archive
from claimgraph.export.gather import gather
from claimgraph.settings import DEFAULT_DB
from claimgraph.store import open_store


def _known_format(name: str) -> str:
    if name not in EXPORTERS:
        raise typer.BadParameter(f"'{name}' is not one of {', '.join(EXPORTERS)}")
    return name


FormatArg = Annotated[str, typer.Argument(metavar="FORMAT", callback=_known_format, show_default=False,
                                          help=f"One of {', '.join(EXPORTERS)} (each described below).")]
OutOption = Annotated[Path | None, typer.Option(
    "--out", "-o", help="File to write (a folder for neo4j); standard output if omitted.")]
WhatOption = Annotated[What, typer.Option(
    "--what", help="For csv and jsonl: claims (jsonl: an archive that imports back), relations or actors.")]


@reports_errors
def export(format: FormatArg, db: DbOption = DEFAULT_DB, out: OutOption = None, what: WhatOption = What.claims,
           source: SourceOption = None, target: TargetOption = None, type: TypeOption = None,
           outlet: OutletOption = None, since: SinceOption = None, until: UntilOption = None,
           min_sources: MinSourcesOption = 0) -> None:
    """Export the fused view (filtered as in `relations`) for OpenCTI/MISP, Aleph, Gephi, Neo4j or a spreadsheet."""
    exporter = EXPORTERS[format]
    since, until = dated_filters(since, until)
    if exporter.needs_path and out is None:
        raise refuse(f"{format} needs --out ({exporter.out_kind()})")
    with fused_store(db) as store:
        snapshot = gather(store, source=source, target=target, type=type, outlet=outlet, since=since, until=until,
                          min_sources=min_sources)
        write_snapshot(exporter(store, out, what=what), snapshot)
    err.print(f"exported {len(snapshot.relations)} relations, {len(snapshot.actors)} actors, "
              f"{len(snapshot.documents)} reports" + (f" to {out}" if out else ""), markup=False, highlight=False)


@reports_errors
def import_(path: Annotated[Path, typer.Argument(help="A JSON lines archive written by `claimgraph export jsonl`.")],
            db: DbOption = DEFAULT_DB) -> None:
    """Store the reports, mentions and claims of an exported archive (no parsing), then fuse."""
    with open_store(db) as store:
        for line in import_archive(store, path):
            err.print(line, markup=False, highlight=False)
        fused_view.fuse(store)


def _formats() -> str:
    """Give the export command's epilog: one line per registered format."""
    return "\n\n".join(f"{name}: {exporter.help}" + ("; needs --out" if exporter.needs_path else "")
                       for name, exporter in EXPORTERS.items())


def register(app: typer.Typer) -> None:
    app.command(epilog=_formats())(export)
    app.command("import")(import_)
