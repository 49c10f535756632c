"""Shared fixtures: paths to the shared evaluation material and a CLI runner."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

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
                          capture_output=True, text=True, timeout=600)


@pytest.fixture
def gold_meta() -> dict:
    return json.loads((GOLD / "meta.json").read_text(encoding="utf-8"))
