"""Bad input: one clear line naming the file and the reason; the batch goes on; exit code says so."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from claimgraph.ingest import Failure, iter_documents
from claimgraph.records import Document

from .conftest import invoke, run_cli

GOOD = "Officials in Kabul said the talks with the delegation would resume next week.\n"


def failures(*paths: Path | str) -> list[Failure]:
    return [x for x in iter_documents([str(p) for p in paths]) if isinstance(x, Failure)]


@pytest.mark.parametrize("name, content, reason", [
    ("binary.txt", bytes(range(256)) * 10, "binary file"),
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"   \n\n  ", "empty file"),
    ("broken.json", b'{"text": "unterminated', "not valid JSON"),
    ("notext.jsonl", b'{"id": "x", "title": "no text here"}\n', "record has no 'text'"),
    ("scalar.jsonl", b'42\n', "not an object"),
    ("nav.html", b"<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>",
     "only navigation or boilerplate"),
])
def test_each_bad_file_gets_one_reason(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    p = tmp_path / name
    p.write_bytes(content)
    [f] = failures(p)
    assert f.where.startswith(str(p)) and reason in f.reason


def test_missing_path() -> None:
    [f] = failures("/no/such/place.txt")
    assert f.where == "/no/such/place.txt" and "no such file" in f.reason


def test_latin1_and_utf16_are_decoded(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes("Le ministre a rencontré la délégation à Genève.".encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes("Die Delegation traf sich in Genf mit Ministerin Müller.".encode("utf-16"))
    found = {d.name: d for d in iter_documents([str(tmp_path)]) if isinstance(d, Document)}
    assert "rencontré" in found["latin.txt"].text and "Müller" in found["utf16.txt"].text


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    with p.open("wb") as f:
        f.write(GOOD.encode() * (50 * 1024 * 1024 // len(GOOD) + 1))
    [f] = failures(p)
    assert "too large" in f.reason and "--max-bytes" in f.reason


def test_one_malformed_line_among_good_ones(tmp_path: Path) -> None:
    p = tmp_path / "mixed.jsonl"
    good_a, good_b = json.dumps({"id": "a", "text": GOOD}), json.dumps({"id": "b", "text": GOOD + "!"})
    p.write_text(good_a + "\n{oops\n" + good_b + "\n")
    items = list(iter_documents([str(p)]))
    assert [d.name for d in items if isinstance(d, Document)] == ["a", "b"]
    [f] = [x for x in items if isinstance(x, Failure)]
    assert f.where == f"{p}:2"


def test_unreadable_files_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD + "locked")
    locked.chmod(0)
    items = list(iter_documents([str(tmp_path)]))
    reasons = {Path(x.where).name: x.reason for x in items if isinstance(x, Failure)}
    assert "cannot be read" in reasons["dangling.txt"]
    if os.geteuid() != 0:  # root reads any file whatever its mode
        assert "cannot be read" in reasons["locked.txt"]
    assert "good.txt" in [x.name for x in items if isinstance(x, Document)]


def test_cli_batch_goes_on_and_exit_code_says_it_failed(tmp_path: Path) -> None:
    # run as `python -m claimgraph`: the batch's exit code 1 reaches the shell
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(GOOD)
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    db = tmp_path / "s.db"
    r = run_cli("ingest", str(tmp_path / "in"), str(tmp_path / "missing.txt"), "--db", str(db), "--no-extract")
    assert r.returncode == 1
    errors = [line for line in r.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert any("empty.txt: empty file" in e for e in errors) and any("missing.txt: no such file" in e for e in errors)
    assert "1 added" in r.stderr and "3 input(s) failed" in r.stderr
    r = invoke("docs", "--db", str(db), "--format", "json")
    assert [d["name"] for d in json.loads(r.stdout)] == ["good.txt"]


def test_stdin_is_read(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    r = invoke("ingest", "-", "--db", str(db), "--no-extract", input=GOOD)
    assert r.returncode == 0, r.stderr
    assert json.loads(invoke("stats", "--db", str(db), "--format", "json").stdout)["documents"] == 1
