"""The `claimgraph` commands that query the fused view: fuse, actors, actor, relations, contradictions,
timeline, outlets. Each is a few lines over claimgraph.fused_view, reading through `fused_store`."""
from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from claimgraph import fused_view
from claimgraph.cli.exits import reports_errors
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
    out,
)
from claimgraph.cli.output import print_table, to_csv, to_json
from claimgraph.cli.stores import dated_filters, existing_store, fused_store
from claimgraph.errors import InputError
from claimgraph.settings import DEFAULT_DB


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="table for people; json or csv for programs.")]

REL_COLUMNS = ["source", "type", "target", "negated", "claims", "docs", "outlets", "origins", "contested",
               "first_date", "last_date", "first_report", "last_report", "outlet_names", "origin_names", "documents"]


def _emit(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: Format, *, table_columns: Sequence[str] = (),
          title: str | None = None, whole: Any = None) -> None:
    if fmt is Format.json:
        sys.stdout.write(to_json(rows if whole is None else whole) + "\n")
    elif fmt is Format.csv:
        sys.stdout.write(to_csv(rows, columns))
    else:
        shown = [{k: (", ".join(map(str, v)) if isinstance(v, list) else v) for k, v in r.items()} for r in rows]
        print_table(out, shown, table_columns or columns, title=title,
                    widths={"evidence": 70, "documents": 30, "origin_names": 30, "detail": 60})


@reports_errors
def fuse(db: DbOption = DEFAULT_DB,
         aliases: Annotated[Path | None, typer.Option(
             "--aliases", help="YAML file of your aliases and do-not-merge pairs; kept in the store.")] = None,
         clear_aliases: Annotated[bool, typer.Option(
             "--clear-aliases", help="Forget the aliases file given before.")] = False,
         rebuild: Annotated[bool, typer.Option(
             "--rebuild", help="Recompute the fused view from the stored claims.")] = False) -> None:
    """Bring the fused view (actors across reports, relations, origins) up to date."""
    text = None
    if aliases is not None:
        try:
            text = aliases.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise InputError(str(aliases), f"{e.__class__.__name__}: {e}") from e
    elif clear_aliases:
        text = ""
    with existing_store(db) as s:
        report = fused_view.fuse(s, aliases=text, aliases_from=str(aliases), rebuild=rebuild)
    what = "rebuilt from the stored claims" if report.rebuilt else "updated"
    err.print(f"fused view {what}: {report.added} report(s) folded in, {report.syndicated} syndicated copies",
              highlight=False)


@reports_errors
def actors(db: DbOption = DEFAULT_DB, format: FormatOption = Format.table,
           kind: Annotated[str | None, typer.Option(
               "--kind", "-k", help="Only actors of this kind (COUNTRY, ARMED_GROUP, PERSON, ...).")] = None,
           limit: Annotated[int | None, typer.Option("--limit", "-n", help="At most this many.")] = None) -> None:
    """List canonical actors across all reports, most connected first."""
    with fused_store(db) as s:
        rows = fused_view.actors(s, kind=kind, limit=limit)
    _emit(rows, ["id", "name", "kind", "degree", "relations", "claims", "mentions", "docs", "names"], format,
          table_columns=["name", "kind", "degree", "relations", "claims", "mentions", "docs", "names"])


@reports_errors
def actor(name: Annotated[str, typer.Argument(help="Any name the actor goes by (e.g. TIP for ETIM).")],
          db: DbOption = DEFAULT_DB, format: FormatOption = Format.table,
          why: Annotated[bool, typer.Option(
              "--why", help="Show which alias or rule merged each name.")] = False) -> None:
    """Show one actor: every name it goes by, its relations out and in by type, with counts and sources."""
    with fused_store(db) as s:
        a = fused_view.actor(s, name, why=why)
    rels = [r | {"direction": d} for d in ("out", "in") for group in a[d].values() for r in group]
    if format is not Format.table:
        _emit(rels, ["direction", *REL_COLUMNS], format, whole=a)
        return
    out.print(f"[bold]{a['name']}[/bold] ({a['kind']})", highlight=False)
    names = ["name", "rule", "why", "mentions", "documents"]
    _emit(a["names"], names, format, title="names seen",
          table_columns=names if why else [c for c in names if c != "why"])
    if why:
        _emit(a["merged"], ["name", "kind", "rule", "detail"], format, title="merged actors")
    _emit(rels, ["direction", *REL_COLUMNS], format, title="relations",
          table_columns=["direction", "source", "type", "target", "negated", "claims", "docs", "outlets", "origins",
                         "origin_names"])


@reports_errors
def relations(db: DbOption = DEFAULT_DB, format: FormatOption = Format.table, source: SourceOption = None,
              target: TargetOption = None, type: TypeOption = None,
              outlet: OutletOption = None, since: SinceOption = None, until: UntilOption = None,
              min_sources: MinSourcesOption = 0,
              evidence: Annotated[bool, typer.Option(
                  "--evidence", help="With every claim's sentence (json only).")] = False) -> None:
    """List fused relations with the documents, outlets and independent origins behind each."""
    since, until = dated_filters(since, until)
    with fused_store(db) as s:
        rows = fused_view.relations(s, source=source, target=target, type=type, outlet=outlet,
                                    since=since, until=until, min_sources=min_sources, evidence=evidence)
        undated = 0
        if since or until:  # relations are dated by their events, else their reports; say what has neither
            undated = sum(1 for r in fused_view.relations(s, source=source, target=target, type=type, outlet=outlet,
                                                          min_sources=min_sources)
                          if not r["first_date"] and not r["first_report"])
    if undated:
        err.print(f"note: {undated} relation(s) with no event or report date left out by --since/--until",
                  highlight=False)
    if not rows:
        err.print("no relations match these filters", highlight=False)
    _emit(rows, REL_COLUMNS, format, table_columns=["source", "type", "target", "negated", "docs", "outlets", "origins",
                                                    "contested", "first_date", "outlet_names", "origin_names",
                                                    "documents"])


@reports_errors
def contradictions(db: DbOption = DEFAULT_DB, format: FormatOption = Format.table) -> None:
    """Show ties asserted by some and denied by others (and counts that disagree), side by side."""
    with fused_store(db) as s:
        found = fused_view.contradictions(s)
    flat = [{"topic": c["topic"], "kind": c["kind"], "stance": side["stance"], **e}
            for c in found for side in c["sides"] for e in side["claims"]]
    if format is not Format.table:
        _emit(flat, ["topic", "kind", "stance", "source", "type", "target", "negated", "speaker", "outlet", "doc",
                     "report_date", "event_date", "evidence"], format, whole=found)
        return
    if not found:
        err.print("no contradictions in the store")
    for c in found:
        rows = [{"stance": side["stance"], **e} for side in c["sides"] for e in side["claims"]]
        print_table(out, rows, ["stance", "speaker", "outlet", "doc", "evidence"], title=f"{c['topic']} [{c['kind']}]",
                    widths={"evidence": 80, "doc": 26})


@reports_errors
def timeline(name: Annotated[str | None, typer.Argument(help="Only claims involving this actor.")] = None,
             db: DbOption = DEFAULT_DB, format: FormatOption = Format.table,
             undated: Annotated[bool, typer.Option(
                 "--undated", help="Also claims with no event date, at their report's date.")] = False) -> None:
    """List dated claims in the order of events, with the event date apart from the report date."""
    with fused_store(db) as s:
        rows = fused_view.timeline(s, name, undated=undated)
    for r in rows:
        r["claim"] = f"{r['source']} {'NOT ' if r['negated'] else ''}{r['type']} {r['target']}"
    _emit(rows, ["event_date", "report_date", "source", "type", "target", "negated", "hedged", "speaker", "outlet",
                 "doc", "origin", "evidence"], format,
          table_columns=["event_date", "report_date", "claim", "speaker", "outlet", "evidence"])


@reports_errors
def outlets(db: DbOption = DEFAULT_DB, format: FormatOption = Format.table, source: SourceOption = None,
            target: TargetOption = None, type: TypeOption = None,
            actor_name: Annotated[str | None, typer.Option(
                "--actor", help="Each outlet's stance on this actor's relations.")] = None) -> None:
    """List outlets; with a relation or --actor, which outlets assert, deny or leave it out."""
    with fused_store(db) as s:
        rows = fused_view.outlets(s, source=source, target=target, type=type, actor_name=actor_name)
    if source or target or type or actor_name:
        _emit(rows, ["outlet", "stance", "asserts", "denies", "documents"], format)
    else:
        _emit(rows, ["outlet", "documents", "claims", "denials", "hedged", "speakers", "first_report", "last_report"],
              format)


def register(app: typer.Typer) -> None:
    """Add the query commands to the `claimgraph` command."""
    for fn in (fuse, actors, actor, relations, contradictions, timeline, outlets):
        app.command()(fn)
