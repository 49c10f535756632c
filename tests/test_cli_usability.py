"""Where a first user stumbled on the command line: dates, a mistyped store, empty answers."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, invoke

UNDATED = "Title: No date anywhere\n---\nKenya accused Somalia of harbouring al-Shabaab fighters, officials said.\n"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("usability")
    (folder / "undated.txt").write_text(UNDATED, encoding="utf-8")
    db = str(folder / "examples.db")
    ran = invoke("ingest", str(ROOT / "examples"), str(folder / "undated.txt"), "--db", db, "--quiet")
    assert ran.returncode == 0, ran.stderr
    return db


def _relations(db: str, *args: str) -> list[dict]:
    ran = invoke("relations", "--db", db, "--format", "json", *args)
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout)


@pytest.mark.model
def test_a_date_filter_that_is_not_a_date_is_an_error(store: str) -> None:
    ran = invoke("relations", "--db", store, "--since", "garbage")
    assert ran.returncode == 2
    assert ran.stderr.strip() == "error: --since 'garbage' is not a date (write YYYY, YYYY-MM or YYYY-MM-DD)"
    assert invoke("export", "csv", "--db", store, "--until", "soon").returncode == 2


@pytest.mark.model
def test_a_date_filter_says_how_many_undated_relations_it_left_out(store: str) -> None:
    everything = _relations(store)
    undated = sum(1 for r in everything if not r["first_date"] and not r["first_report"])
    assert undated, "the undated report gives relations with no date at all"
    ran = invoke("relations", "--db", store, "--since", "1900", "--format", "json")
    assert f"note: {undated} relation(s) with no event or report date left out by --since/--until" in ran.stderr
    assert len(json.loads(ran.stdout)) == len(everything) - undated


@pytest.mark.model
def test_a_partial_date_filter_keeps_its_precision(store: str) -> None:
    dated = [r for r in _relations(store) if r["first_date"]]
    month = dated[0]["first_date"][:7]
    assert {r["id"] for r in _relations(store, "--since", month, "--until", month)} >= {
        r["id"] for r in dated if r["first_date"][:7] == month == (r["last_date"] or "")[:7]}


@pytest.mark.model
def test_an_empty_answer_says_so(store: str) -> None:
    ran = invoke("relations", "--db", store, "--since", "2099")
    assert ran.returncode == 0
    assert "no relations match these filters" in ran.stderr


@pytest.mark.parametrize("command", [["actors"], ["relations"], ["contradictions"], ["timeline"], ["outlets"],
                                     ["docs"], ["stats"], ["fuse"], ["export", "csv"], ["actor", "China"]])
def test_reading_a_store_that_does_not_exist_is_refused_and_creates_nothing(tmp_path: Path,
                                                                            command: list[str]) -> None:
    missing = tmp_path / "mistyped.db"
    ran = invoke(*command, "--db", str(missing))
    assert ran.returncode == 2
    assert ran.stderr.strip() == f"error: {missing}: no store here (check --db, or ingest reports into it first)"
    assert not missing.exists()


def _damaged_copy(store: str, tmp_path: Path) -> str:
    """A copy of the store with 4 KB of random bytes written into its middle."""
    import random
    import shutil

    copy = tmp_path / "damaged.db"
    shutil.copy(store, copy)
    data = bytearray(copy.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 4096] = random.Random(4).randbytes(4096)
    copy.write_bytes(bytes(data))
    return str(copy)


@pytest.mark.model
@pytest.mark.parametrize("command", [["actors"], ["relations"], ["timeline", "China"], ["export", "csv"],
                                     ["contradictions"]])
def test_a_damaged_store_is_one_line_and_exit_2(store: str, tmp_path: Path, command: list[str]) -> None:
    from claimgraph.store import open_store

    with open_store(store) as s:  # everything in the main file, not the write-ahead log
        s.close()
    damaged = _damaged_copy(store, tmp_path)
    ran = invoke(*command, "--db", damaged)
    assert ran.returncode == 2
    assert ran.stderr.count("\n") == 1 and "the store cannot be read (database disk image is malformed)" in ran.stderr


def test_a_port_out_of_range_is_refused_without_a_traceback(tmp_path: Path) -> None:
    ran = invoke("serve", "--db", str(tmp_path / "s.db"), "--port", "99999")
    assert ran.returncode == 2 and "Traceback" not in ran.stderr and "65535" in ran.stderr
