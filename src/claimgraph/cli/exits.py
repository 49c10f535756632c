"""The one place where the CLI turns errors into a line on standard error and an exit code.

    0  DONE         done
    1  SOME_FAILED  done, but some inputs failed (each named on its own line)
    2  NOT_DONE     nothing done: a bad option, store, model, data file or query

Every command is decorated with `reports_errors` and raises ClaimgraphError freely; an option it
cannot use is `raise refuse("why")`; a batch ends with `raise typer.Exit(exit_code(failed=...))`.
"""
from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer
from rich.markup import escape

from claimgraph.cli.options import err
from claimgraph.errors import ClaimgraphError

DONE, SOME_FAILED, NOT_DONE = 0, 1, 2

P = ParamSpec("P")
R = TypeVar("R")


def refuse(message: str) -> typer.Exit:
    """Print why nothing was done; give the exit to raise."""
    # escaped: a message quotes file names and report text, which must never become markup
    err.print(f"[red]error:[/red] {escape(message)}", markup=True, highlight=False)
    return typer.Exit(NOT_DONE)


def exit_code(*, failed: bool) -> int:
    """Give the exit code of a batch that ran to its end."""
    return SOME_FAILED if failed else DONE


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Let a command raise ClaimgraphError freely: the user sees one line and exit code 2."""
    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except ClaimgraphError as e:
            raise refuse(str(e)) from e
        except sqlite3.DatabaseError as e:  # a damaged store file, found only when a page of it is read
            raise refuse(f"{kwargs.get('db', 'the store')}: the store cannot be read ({e}); "
                         "restore it from a copy, or ingest into a new one") from e
    return run
