"""Shared fixtures: paths to the shared evaluation material, the seeds in a store, and two CLI runners.

`invoke` runs a command in this process (what nearly every CLI test needs: the command's output
and exit code); `run_cli` runs `python -m claimgraph` in a subprocess, for the few tests that prove
the command itself starts and its exit code reaches the shell.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLAIMGRAPH_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "dev"


def needs_shared() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not (SEEDS.is_dir() and GOLD.is_dir()),
                              reason=f"the shared evaluation material is not at {SHARED}")


def run_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run the claimgraph command in a subprocess, as a user would."""
    return subprocess.run([sys.executable, "-m", "claimgraph", *args], cwd=cwd, input=stdin.decode() if stdin else None,
                          capture_output=True, text=True, timeout=600, check=False)


@dataclass(frozen=True)
class Ran:
    """What a command run in this process gave: its exit code and its two streams."""

    returncode: int
    stdout: str
    stderr: str


def invoke(*args: str, input: str | None = None) -> Ran:
    """Run the claimgraph command in this process; a crash (not an exit) fails the test with its traceback."""
    result = CliRunner().invoke(app, list(args), input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Ran(result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Give a store holding the five seed reports, ingested (and fused) once for the whole session."""
    if not SEEDS.is_dir():
        pytest.skip(f"the shared evaluation material is not at {SHARED}")
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    done = invoke("ingest", str(SEEDS), "--db", str(db), "--quiet")
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture
def gold_meta() -> dict:
    return json.loads((GOLD / "meta.json").read_text(encoding="utf-8"))
