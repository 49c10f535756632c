"""The SQLite store: deterministic ids, idempotent re-ingest, replacement, and no half-written state."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from claimgraph.records import Document
from claimgraph.resolve.names import doc_id
from claimgraph.store.sqlite import SQLiteStore


def doc(name: str, text: str) -> Document:
    return Document(id=doc_id(text), name=name, text=text)


def test_migrations_are_numbered_and_recorded(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        assert store.stats()["migrations"] == [1, 2, 3]
        mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    with SQLiteStore(tmp_path / "s.db") as store:  # opening again applies nothing twice
        assert store.stats()["migrations"] == [1, 2, 3]


def test_same_text_again_changes_nothing(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        assert store.write_document(doc("a.txt", "One text.")).status == "added"
        assert store.write_document(doc("a.txt", "One text.")).status == "unchanged"
        assert store.stats()["documents"] == 1


def test_changed_file_replaces_its_earlier_version(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        store.write_document(doc("a.txt", "First version."))
        assert store.write_document(doc("a.txt", "Second version.")).status == "replaced"
        assert [d["name"] for d in store.documents()] == ["a.txt"]
        assert store.document("a.txt").text == "Second version."


def test_same_text_under_another_name_is_a_duplicate(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        store.write_document(doc("a.txt", "Shared text."))
        result = store.write_document(doc("b.txt", "Shared text."))
        assert (result.status, result.duplicate_of) == ("duplicate", "a.txt")


def test_corrupt_database_file_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "bad.db"
    p.write_bytes(b"this is not a database" * 100)
    import pytest

    from claimgraph.errors import StoreError
    with pytest.raises(StoreError, match=r"bad\.db"):
        SQLiteStore(p)


def test_killed_mid_batch_leaves_a_consistent_store_and_the_rerun_resumes(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    n = 3000
    for i in range(n):
        (src / f"r{i:05d}.txt").write_text(f"Report {i}. " + "The delegation met officials. " * 40)
    db = tmp_path / "s.db"
    cmd = [sys.executable, "-m", "claimgraph", "ingest", str(src), "--db", str(db), "--no-extract", "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and stored < 50:
        time.sleep(0.1)
        try:
            with sqlite3.connect(db) as conn:
                stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        except sqlite3.Error:
            pass
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with SQLiteStore(db) as store:
        assert store.integrity() == "ok"
        before = store.stats()["documents"]
        assert 0 < before < n
        # every stored document is whole: its text is the file's text
        for row in store.conn.execute("SELECT name, text FROM documents"):
            assert row["text"] == (src / row["name"]).read_text()
    subprocess.run(cmd, check=True, timeout=300)
    with SQLiteStore(db) as store:
        assert store.stats()["documents"] == n
