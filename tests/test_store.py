"""The store, on SQLite and PostgreSQL: deterministic ids, idempotent re-ingest, replacement, numbered
migrations, and no half-written state."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimgraph import fused_view
from claimgraph.errors import StoreError
from claimgraph.records import Claim, Document, Evidence
from claimgraph.resolve.names import doc_id
from claimgraph.store import open_store
from claimgraph.store.migrations import available
from claimgraph.store.sqlite import SQLiteStore
from tests.builders import Report, filler, org, snapshot
from tests.conftest import invoke

NEWEST = available("sqlite")[-1][0]


def doc(name: str, text: str) -> Document:
    return Document(id=doc_id(text), name=name, text=text)


def test_both_backends_have_the_same_numbered_migrations() -> None:
    assert [(n, name) for n, name, _ in available("sqlite")] == [(n, name) for n, name, _ in available("postgresql")]


def test_migrations_are_numbered_and_recorded(store_location: str) -> None:
    with open_store(store_location) as store:
        assert store.stats()["migrations"] == list(range(1, NEWEST + 1))
        assert store.integrity() == "ok"
    with open_store(store_location) as store:  # opening again applies nothing twice
        assert store.stats()["migrations"] == list(range(1, NEWEST + 1))


def test_a_store_newer_than_this_claimgraph_is_refused_naming_both_versions(store_location: str) -> None:
    with open_store(store_location) as store:
        store.conn.execute("INSERT INTO schema_migrations VALUES (99, 'future', 'later')")
    with pytest.raises(StoreError, match=rf"at migration 99, this claimgraph knows migrations up to {NEWEST}"):
        open_store(store_location)


def test_a_server_that_cannot_be_reached_is_one_line_that_never_shows_the_password() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError) as e:
        open_store("postgresql://analyst:hunter2@127.0.0.1:1/claims")
    assert str(e.value) == "postgresql://analyst@127.0.0.1:1/claims: cannot connect (connection refused)"
    done = invoke("stats", "--db", "postgresql://analyst:hunter2@127.0.0.1:1/claims")
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "hunter2" not in done.stderr


def test_a_postgresql_store_is_named_without_its_password(pg) -> None:
    url = pg.create_database().replace("postgres@", "postgres:hunter2@")  # the test cluster trusts, and ignores it
    with open_store(url) as store:
        assert store.where == url.replace(":hunter2", "") and store.integrity() == "ok"


def test_an_sqlite_store_is_in_wal_mode(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_sqlite_store_from_before_the_order_column_keeps_its_order(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as conn:  # a store as migration 3 left it, with three reports
        conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                     "applied_at TEXT NOT NULL)")
        for number, name, sql in available("sqlite")[:3]:
            conn.executescript(sql)
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, 'then')", (number, name))
        for name in ("c.txt", "a.txt", "b.txt"):
            text = filler(len(name) + ord(name[0]))
            conn.execute("INSERT INTO documents (id, name, format, text, words, ingested_at) "
                         "VALUES (?, ?, 'text', ?, 1, 'then')", (doc_id(text), name, text))
    with open_store(db) as store:
        assert store.stats()["migrations"] == list(range(1, NEWEST + 1))
        order = [store.document(i).name for i in store.unfused_documents()]
        assert order == ["c.txt", "a.txt", "b.txt"]  # the order they were stored in
        Report("d.txt", filler(99)).claim(org("China", "COUNTRY"), "SUPPORT", org("Taliban")).store_in(store)
        assert [store.document(i).name for i in store.unfused_documents()][-1] == "d.txt"
        assert fused_view.fuse(store).added == 4


def test_same_text_again_changes_nothing(store_location: str) -> None:
    with open_store(store_location) as store:
        assert store.write_document(doc("a.txt", "One text.")).status == "added"
        assert store.write_document(doc("a.txt", "One text.")).status == "unchanged"
        assert store.stats()["documents"] == 1


def test_changed_file_replaces_its_earlier_version(store_location: str) -> None:
    with open_store(store_location) as store:
        store.write_document(doc("a.txt", "First version."))
        assert store.write_document(doc("a.txt", "Second version.")).status == "replaced"
        assert [d["name"] for d in store.documents()] == ["a.txt"]
        assert store.document("a.txt").text == "Second version."


def test_same_text_under_another_name_is_a_duplicate(store_location: str) -> None:
    with open_store(store_location) as store:
        store.write_document(doc("a.txt", "Shared text."))
        result = store.write_document(doc("b.txt", "Shared text."))
        assert (result.status, result.duplicate_of) == ("duplicate", "a.txt")


def test_claims_extracted_again_replace_the_old_ones_and_mark_the_fused_view_stale(store_location: str) -> None:
    china, taliban = org("China", "COUNTRY"), org("Taliban", "ARMED_GROUP")
    with open_store(store_location) as store:
        Report("a.txt", filler(1), "Dawn").claim(china, "SUPPORT", taliban).store_in(store)
        fused_view.fuse(store)
        assert not store.fusion_stale()
        text = filler(1)  # the same text, read again by a newer extractor
        again = Claim(doc="a.txt", source=china, type="ASSAULT", target=taliban, evidence=Evidence(0, 5, text[:5]))
        result = store.write_document(Document(id=doc_id(text), name="a.txt", text=text, outlet="Dawn"),
                                      claims=[again], model="test", version="2")
        assert result.status == "updated"
        assert [c["type"] for c in store.claims()] == ["ASSAULT"]
        assert store.fusion_stale()
        before = snapshot(store)
        assert fused_view.fuse(store).rebuilt and snapshot(store) != before
        assert [r["type"] for r in fused_view.relations(store)] == ["ASSAULT"]


def test_corrupt_database_file_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "bad.db"
    p.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match=r"bad\.db"):
        SQLiteStore(p)


def test_killed_mid_batch_leaves_a_consistent_store_and_the_rerun_resumes(tmp_path: Path, store_location: str) -> None:
    src = tmp_path / "in"
    src.mkdir()
    n = 3000
    for i in range(n):
        (src / f"r{i:05d}.txt").write_text(f"Report {i}. " + "The delegation met officials. " * 40)
    cmd = [sys.executable, "-m", "claimgraph", "ingest", str(src), "--db", store_location, "--no-extract", "--quiet"]
    with open_store(store_location):
        pass  # created and migrated before the writer starts, so the count below can read it
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    stored = 0
    with open_store(store_location) as watcher:
        while time.monotonic() < deadline and stored < 50:
            time.sleep(0.1)
            stored = watcher.stats()["documents"]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with open_store(store_location) as store:
        assert store.integrity() == "ok"
        before = store.stats()["documents"]
        assert 0 < before < n
        # every stored document is whole: its text is the file's text
        for row in store.conn.execute("SELECT name, text FROM documents"):
            assert row["text"] == (src / row["name"]).read_text()
    subprocess.run(cmd, check=True, timeout=300)
    with open_store(store_location) as store:
        assert store.stats()["documents"] == n
