"""Formatting rows for people (tables) and for programs (JSON, JSON lines, CSV)."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, default=str)


def to_jsonl(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows)


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v)
                         for k, v in r.items()})
    return buf.getvalue()


def print_table(console: Console, rows: Sequence[dict[str, Any]], columns: Sequence[str], *,
                title: str | None = None, widths: dict[str, int] | None = None) -> None:
    """Print rows as a table; every cell is escaped, so document text never becomes markup."""
    table = Table(title=title, show_lines=False, header_style="bold")
    for c in columns:
        table.add_column(c, max_width=(widths or {}).get(c), overflow="fold")
    for r in rows:
        table.add_row(*(escape("" if r.get(c) is None else str(r.get(c))) for c in columns))
    console.print(table)
