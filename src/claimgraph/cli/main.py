"""The `claimgraph` command: a few lines over the library for each subcommand."""
from __future__ import annotations

import os
import sys
import time
from enum import StrEnum
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from claimgraph import actions, fused_view
from claimgraph.cli.exits import exit_code, reports_errors
from claimgraph.cli.export import register as register_export
from claimgraph.cli.options import DbOption, MaxBytesOption, ModelOption, PathsArg, QuietOption, err, out
from claimgraph.cli.output import print_table, to_json, to_jsonl
from claimgraph.cli.query import register
from claimgraph.cli.stores import existing_store
from claimgraph.ingest.readers import DEFAULT_MAX_BYTES
from claimgraph.settings import DEFAULT_DB, DEFAULT_MODEL

app = typer.Typer(help="Turn news reports into an evidence-linked map of who did what to whom, "
                       "according to whom.", no_args_is_help=True, add_completion=False)


class TableOrJson(StrEnum):
    table = "table"
    json = "json"


class ClaimFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


TableOrJsonOption = Annotated[TableOrJson, typer.Option("--format", "-f", help="table for people, json for programs.")]
ClaimFormatOption = Annotated[ClaimFormat, typer.Option(
    "--format", "-f", help="jsonl (one claim a line), json or table.")]
WorkersOption = Annotated[int, typer.Option(
    "--workers", "-w", min=1, help="Processes that extract claims (default: the number of cores); more than 1 "
                                   "starts a local Dask cluster when the input has more than 16 documents a worker.")]
SchedulerOption = Annotated[str | None, typer.Option(
    "--scheduler", help="Extract on the running Dask cluster with this scheduler (tcp://HOST:8786) instead.")]


def _progress(quiet: bool) -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                    TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), console=err,
                    disable=quiet or not err.is_terminal, transient=True)


def _report(outcomes: list[actions.Outcome], quiet: bool, started: float) -> int:
    failed = [o for o in outcomes if o.failed]
    counts: dict[str, int] = {}
    for o in outcomes:
        counts[o.kind] = counts.get(o.kind, 0) + 1
    parts = [f"{n} {k}" for k, n in sorted(counts.items()) if k != "notice"]
    if not quiet or failed:
        err.print(f"{', '.join(parts) or 'nothing read'} in {time.monotonic() - started:.1f} s", highlight=False)
    if failed:
        err.print(f"[red]{len(failed)} input(s) failed[/red]", markup=True)
    return exit_code(failed=bool(failed))


@app.command()
@reports_errors
def ingest(paths: PathsArg, db: DbOption = DEFAULT_DB,
           extract: Annotated[bool, typer.Option(help="Extract claims as well (needs the spaCy pipeline).")] = True,
           model: ModelOption = DEFAULT_MODEL, max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
           workers: WorkersOption = os.cpu_count() or 1, scheduler: SchedulerOption = None,
           quiet: QuietOption = False) -> None:
    """Read reports into the store, with their metadata and (by default) their claims."""
    started = time.monotonic()
    outcomes: list[actions.Outcome] = []
    docs = 0
    with actions.open_store(db) as store, _progress(quiet) as progress:
        task = progress.add_task("ingesting", total=None, rate="")
        for o in actions.ingest(paths, store=store, extract=extract, model=model, max_bytes=max_bytes,
                                workers=workers, scheduler=scheduler):
            outcomes.append(o)
            if o.failed or o.kind == "notice":
                err.print(f"{'error' if o.failed else 'note'}: {o}", markup=False, highlight=False)
            elif not quiet and not err.is_terminal:
                err.print(str(o), markup=False, highlight=False)
            docs += o.document is not None
            progress.update(task, advance=1, description=o.where[-40:],
                            rate=f"{docs / max(time.monotonic() - started, 1e-9):.1f} docs/s")
        if extract:
            fused = fused_view.fuse(store)
            if not quiet:
                err.print(f"fused view: {fused.added} report(s) folded in", highlight=False)
    raise typer.Exit(_report(outcomes, quiet, started))


@app.command()
@reports_errors
def extract(paths: PathsArg, format: ClaimFormatOption = ClaimFormat.table,
            model: ModelOption = DEFAULT_MODEL, max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
            quiet: QuietOption = False) -> None:
    """Print the claims of reports (no store needed): source, type, target, speaker, evidence."""
    started = time.monotonic()
    outcomes: list[actions.Outcome] = []
    rows = []
    for o in actions.extract_documents(actions.read(paths, max_bytes=max_bytes), model=model):
        outcomes.append(o)
        if o.failed or o.kind == "notice":
            err.print(f"{'error' if o.failed else 'note'}: {o}", markup=False, highlight=False)
            continue
        claims = [c.to_dict() for c in o.claims]
        if format is ClaimFormat.jsonl:
            sys.stdout.write(to_jsonl(claims))
            sys.stdout.flush()
        else:
            rows.extend(claims)
    if format is ClaimFormat.json:
        out.print_json(to_json(rows)) if out.is_terminal else sys.stdout.write(to_json(rows) + "\n")
    elif format is ClaimFormat.table:
        for r in rows:
            r["claim"] = f"{r['source']} {'NOT ' if r['negated'] else ''}{r['type']} {r['target']}"
            r["evidence"] = r["evidence"]["text"]
        print_table(out, rows, ["doc", "claim", "speaker", "hedged", "date", "evidence"],
                    widths={"evidence": 70, "doc": 24})
    raise typer.Exit(_report(outcomes, quiet=True, started=started))


@app.command()
@reports_errors
def docs(db: DbOption = DEFAULT_DB, format: TableOrJsonOption = TableOrJson.table) -> None:
    """List the stored documents with their metadata."""
    with existing_store(db) as store:
        rows = store.documents()
    if format is TableOrJson.json:
        sys.stdout.write(to_json(rows) + "\n")
    else:
        print_table(out, rows, ["name", "title", "author", "outlet", "date", "words", "claims"],
                    widths={"title": 50, "name": 28})


@app.command()
@reports_errors
def stats(db: DbOption = DEFAULT_DB, format: TableOrJsonOption = TableOrJson.table) -> None:
    """Show what the store holds: documents, words, outlets, date range, actors, claims."""
    with existing_store(db) as store:
        s = store.stats()
    if format is TableOrJson.json:
        sys.stdout.write(to_json(s) + "\n")
    else:
        print_table(out, [{"what": k, "value": v} for k, v in s.items()], ["what", "value"], title=str(db))


@app.command()
@reports_errors
def serve(db: DbOption = DEFAULT_DB,
          host: Annotated[str, typer.Option(
              "--host", help="Address to listen on; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
          port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8765,
          allow_upload: Annotated[bool, typer.Option(
              "--allow-upload", help="Let the page add reports (read-only otherwise).")] = False,
          max_upload_bytes: Annotated[int, typer.Option(
              "--max-upload-bytes", min=1, help="Refuse uploaded files larger than this.")] = 5_000_000,
          workers: Annotated[int, typer.Option(
              "--workers", min=1, help="Processes answering requests (several share the port).")] = 1,
          allow_host: Annotated[list[str] | None, typer.Option(
              "--allow-host", help="Another name users reach the server by (repeatable); others are refused.")] = None,
          model: ModelOption = DEFAULT_MODEL) -> None:
    """Open the web workbench on the store: actor network, evidence, contradictions, timeline."""
    from claimgraph.web.app import run

    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]warning:[/yellow] listening on {host}: anyone who can reach it can read the store",
                  markup=True)
    err.print(f"claimgraph workbench on http://{host}:{port}/ ({'uploads allowed' if allow_upload else 'read-only'})",
              highlight=False)
    run(db, host=host, port=port, workers=workers, allow_upload=allow_upload, max_upload_bytes=max_upload_bytes,
        model=model, allow_hosts=allow_host or ())  # fuses first


register(app)
register_export(app)


def main() -> None:  # pragma: no cover - console entry for `python -m claimgraph`
    app()
