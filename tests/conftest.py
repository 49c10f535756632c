"""Shared fixtures: paths to the shared evaluation material, stores of both backends, the seeds in a
store, and two CLI runners.

A test that takes `store_location` (or `locate`, for several stores) runs once on SQLite and once on
PostgreSQL: the location is an SQLite path or the URL of a new database in a throw-away cluster
started once a session (`pg`, see tests/pg_cluster.py). When no PostgreSQL server can be started,
the PostgreSQL runs skip and say why.

`invoke` runs a command in this process (what nearly every CLI test needs: the command's output
and exit code); `run_cli` runs `python -m claimgraph` in a subprocess, for the few tests that prove
the command itself starts and its exit code reaches the shell.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from claimgraph import actions, fused_view
from claimgraph.cli import app
from claimgraph.settings import DEFAULT_MODEL

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLAIMGRAPH_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "dev"
DEV2 = SHARED / "corpus" / "dev2"
BACKENDS = ("sqlite", "postgresql")


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


# ---- stores of both backends ----------------------------------------------------------------------

@pytest.fixture(scope="session")
def pg() -> Iterator[Any]:
    """Give the session's throw-away PostgreSQL cluster; skip, saying why, when none can be started."""
    try:
        from tests import pg_cluster
    except ImportError as e:
        pytest.skip(f"no PostgreSQL for the tests: psycopg is not installed ({e})")
    try:
        cluster = pg_cluster.start()
    except pg_cluster.Unavailable as e:
        pytest.skip(f"no PostgreSQL server for the tests: {e}")
    yield cluster
    cluster.stop()


Locate = Callable[[str], str]


def locator(backend: str, folder: Path, request: pytest.FixtureRequest) -> Locate:
    """Give a function naming new, empty stores of a backend: the same name gives the same store."""
    cluster = request.getfixturevalue("pg") if backend == "postgresql" else None
    made: dict[str, str] = {}

    def locate(name: str) -> str:
        if name not in made:
            made[name] = cluster.create_database() if cluster else str(folder / f"{name}.db")
        return made[name]

    return locate


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def locate(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Locate:
    """Name new stores of the backend under test by name: an SQLite path or a PostgreSQL URL."""
    return locator(backend, tmp_path, request)


@pytest.fixture
def store_location(locate: Locate) -> str:
    """Give the location of a new, empty store of the backend under test."""
    return locate("store")


# ---- the shared reports, extracted once ------------------------------------------------------------

@dataclass(frozen=True)
class Extracted:
    """Reports read and extracted once, to be stored in any number of stores the way ingest stores them."""

    outcomes: list[actions.Outcome]
    model: str
    version: str

    def store_in(self, location: str | Path) -> str:
        """Store every report (each as `ingest` would), fuse, and give the location."""
        with actions.open_store(location) as store:
            for out in self.outcomes:
                if out.document is not None:
                    store.write_document(out.document, mentions=out.mentions, claims=out.claims, model=self.model,
                                         version=self.version)
            fused_view.fuse(store)
        return str(location)


def extract(folder: Path) -> Extracted:
    from claimgraph.nlp.extract import Extractor, version_of

    if not folder.is_dir():
        pytest.skip(f"the shared evaluation material is not at {SHARED}")
    extractor = Extractor.load(DEFAULT_MODEL)
    outcomes = list(actions.extract_documents(actions.read([str(folder)]), model=DEFAULT_MODEL))
    return Extracted(outcomes, extractor.model_name, version_of(extractor))


@pytest.fixture(scope="session")
def seed_reports() -> Extracted:
    """Give the five seed reports, extracted once for the session."""
    return extract(SEEDS)


@pytest.fixture(scope="session")
def dev2_reports() -> Extracted:
    """Give the dev2 reports, extracted once for the session."""
    return extract(DEV2)


@pytest.fixture(scope="session", params=BACKENDS)
def seeds_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
             seed_reports: Extracted) -> str:
    """Give a store of each backend holding the five seed reports, stored and fused once for the session."""
    locate = locator(request.param, tmp_path_factory.mktemp("seeds"), request)
    return seed_reports.store_in(locate("seeds"))


@pytest.fixture
def gold_meta() -> dict:
    return json.loads((GOLD / "meta.json").read_text(encoding="utf-8"))
