"""What every `claimgraph` command shares: the consoles and the common options."""
from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console

out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[str, typer.Option(
    "--db", help="The store: an SQLite file, or a postgresql:// URL (default: $CLAIMGRAPH_DB, else claimgraph.db).")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or per-file lines.")]
ModelOption = Annotated[str, typer.Option("--model", "-m", help="Any installed spaCy pipeline (name or path).")]
MaxBytesOption = Annotated[int, typer.Option("--max-bytes", help="Refuse files larger than this.")]
PathsArg = Annotated[list[str], typer.Argument(help="Files, folders (read recursively) or - for standard input.")]
SourceOption = Annotated[str | None, typer.Option(
    "--source", "-s", help="Only relations from this actor (any of its names).")]
TargetOption = Annotated[str | None, typer.Option(
    "--target", "-t", help="Only relations to this actor (any of its names).")]
TypeOption = Annotated[str | None, typer.Option("--type", help="Only this claim type (e.g. SUPPORT, ASSAULT).")]
OutletOption = Annotated[str | None, typer.Option("--outlet", help="Only relations some report of this outlet states.")]
SinceOption = Annotated[str | None, typer.Option(
    "--since", help="Only relations dated on or after this (YYYY[-MM[-DD]]).")]
UntilOption = Annotated[str | None, typer.Option(
    "--until", help="Only relations dated on or before this (YYYY[-MM[-DD]]).")]
MinSourcesOption = Annotated[int, typer.Option(
    "--min-sources", help="Only relations with at least N independent origins.")]
