"""`claimgraph export FORMAT` and `claimgraph import FILE`: a few lines over claimgraph.export."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from claimgraph import fused_view
from claimgraph.cli.options import DbOption, SourceOption, TargetOption, TypeOption, err
from claimgraph.errors import ClaimgraphError
from claimgraph.export import graph, tables
from claimgraph.export.gather import gather
from claimgraph.cli.output import to_csv
from claimgraph.settings import DEFAULT_DB
from claimgraph.store.sqlite import SQLiteStore


class ExportFormat(str, Enum):
    stix = "stix"
    ftm = "ftm"
    graphml = "graphml"
    gexf = "gexf"
    neo4j = "neo4j"
    csv = "csv"
    jsonl = "jsonl"


class What(str, Enum):
    claims = "claims"
    relations = "relations"
    actors = "actors"


def export(format: Annotated[ExportFormat, typer.Argument(help="stix, ftm, graphml, gexf, neo4j (a folder of CSV), csv or jsonl.")],
           db: DbOption = Path(DEFAULT_DB),
           out: Annotated[Path | None, typer.Option("--out", "-o", help="File to write (a folder for neo4j); standard output if omitted.")] = None,
           what: Annotated[What, typer.Option("--what", help="For csv and jsonl: claims (jsonl: an archive that imports back), relations or actors.")] = What.claims,
           source: SourceOption = None, target: TargetOption = None, type: TypeOption = None,
           outlet: Annotated[str | None, typer.Option("--outlet", help="Only relations some report of this outlet states.")] = None,
           since: Annotated[str | None, typer.Option("--since", help="Only relations dated on or after this.")] = None,
           until: Annotated[str | None, typer.Option("--until", help="Only relations dated on or before this.")] = None,
           min_sources: Annotated[int, typer.Option("--min-sources", help="Only relations with at least N independent origins.")] = 0) -> None:
    """Export the fused view (filtered as in `relations`) for OpenCTI/MISP, Aleph, Gephi, Neo4j or a spreadsheet."""
    if format in (ExportFormat.graphml, ExportFormat.gexf, ExportFormat.neo4j) and out is None:
        err.print(f"error: {format.value} needs --out", highlight=False)
        raise typer.Exit(2)
    try:
        with SQLiteStore(db) as store:
            snap = gather(store, source=source, target=target, type=type, outlet=outlet, since=since, until=until,
                          min_sources=min_sources)
            text = None
            if format is ExportFormat.stix:
                from claimgraph.export.stix import to_bundle
                text = to_bundle(snap).serialize(pretty=True)
            elif format is ExportFormat.ftm:
                from claimgraph.export.ftm import entities
                text = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entities(snap))
            elif format is ExportFormat.graphml:
                graph.write_graphml(snap, out)
            elif format is ExportFormat.gexf:
                graph.write_gexf(snap, out)
            elif format is ExportFormat.neo4j:
                graph.write_neo4j(snap, out)
            elif format is ExportFormat.csv:
                rows, columns = {What.claims: (tables.claim_rows(snap), tables.CLAIM_COLUMNS),
                                 What.relations: (tables.relation_rows(snap), tables.RELATION_COLUMNS),
                                 What.actors: (snap.actors, tables.ACTOR_COLUMNS)}[what]
                text = to_csv(rows, columns)
            else:
                rows = {What.claims: tables.archive(store, snap), What.relations: tables.relation_rows(snap),
                        What.actors: snap.actors}[what]
                text = "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows)
    except ClaimgraphError as e:
        err.print(f"[red]error:[/red] {e}", markup=True, highlight=False)
        raise typer.Exit(2) from e
    except OSError as e:
        err.print(f"error: {out}: cannot write ({e.strerror})", highlight=False)
        raise typer.Exit(2) from e
    if text is not None:
        _write(text, out)
    err.print(f"exported {len(snap.relations)} relations, {len(snap.actors)} actors, {len(snap.documents)} reports"
              + (f" to {out}" if out else ""), highlight=False)


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as e:
        err.print(f"error: {out}: cannot write ({e.strerror})", highlight=False)
        raise typer.Exit(2) from e


def import_(path: Annotated[Path, typer.Argument(help="A JSON lines archive written by `claimgraph export jsonl`.")],
            db: DbOption = Path(DEFAULT_DB)) -> None:
    """Store the reports, mentions and claims of an exported archive (no parsing), then fuse."""
    try:
        with SQLiteStore(db) as store, path.open(encoding="utf-8") as lines:
            for line in tables.import_archive(store, lines, where=str(path)):
                err.print(line, highlight=False)
            fused_view.fuse(store)
    except ClaimgraphError as e:
        err.print(f"[red]error:[/red] {e}", markup=True, highlight=False)
        raise typer.Exit(2) from e
    except (OSError, UnicodeDecodeError) as e:
        err.print(f"error: {path}: cannot read ({e.__class__.__name__})", highlight=False)
        raise typer.Exit(2) from e


def register(app: typer.Typer) -> None:
    app.command()(export)
    app.command("import")(import_)
