"""Ingest reads text, Markdown, HTML and JSON (lines) with the metadata a reader would take."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.ingest import iter_documents
from claimgraph.ingest.metadata import read_text_meta
from claimgraph.records import Document
from claimgraph.resolve.dates import parse_date

from .conftest import SEEDS, needs_shared


def docs(*paths: Path) -> list[Document]:
    return [d for d in iter_documents([str(p) for p in paths]) if isinstance(d, Document)]


@pytest.mark.parametrize("text, expected", [
    ("Title of the piece\n\nBy Jane Roe\n\nJuly 1, 2020\n\nBody text here.",
     {"title": "Title of the piece", "author": "Jane Roe", "date": "2020-07-01"}),
    (" date 2021-05-23 \n\n\n\nAs the conflict goes on, more people flee the region every week.",
     {"title": None, "date": "2021-05-23"}),
    ("title: From the header\noutlet: Reuters\ndate: 2021-07-28\n---\nThe body.",
     {"title": "From the header", "outlet": "Reuters", "date": "2021-07-28"}),
    ("A headline\nIn this July 14, 2021, photo, supporters march near the border in a long caption line.\n\nBody.",
     {"title": "A headline", "date": None}),
    ("A headline\n\nBody text.\n\nJohn Doe writes for Morning Star, the daily paper.",
     {"author": "John Doe", "outlet": "Morning Star"}),
    ("A headline\n\nThe Kashmir Walla needs you, urgently.\n\nBody text.", {"outlet": "The Kashmir Walla"}),
    ("title: Approximate\ndate: 2021-10 (approx.)\n---\nThe body.", {"date": "2021-10"}),
    ("title: A month\ndate: 2021-10\n---\nThe body.", {"date": "2021-10"}),
])
def test_text_metadata(text: str, expected: dict) -> None:
    meta, _ = read_text_meta(text)
    for key, value in expected.items():
        assert getattr(meta, key) == value, key


@pytest.mark.parametrize("text, iso", [
    ("July 1, 2020", "2020-07-01"), ("in August 1998", "1998-08"), ("2009", "2009"),
    ("2021-05-23", "2021-05-23"), ("on Tuesday", None), ("December 2015", "2015-12"),
    # the precision written is kept: a year-month stays a month
    ("2021-10", "2021-10"), ("2021/10", "2021-10"), ("10/2021", "2021-10"), ("Sept. 2020", "2020-09"),
    # hedges and brackets around a date are read past
    ("2021-10 (approx.)", "2021-10"), ("circa 2019", "2019"), ("c. 2019", "2019"), ("(March 2021)", "2021-03"),
    ("approx. March 2021", "2021-03"), ("est. 1998", "1998"),
    # a date inside a dateline or a timestamp
    ("Published: 3 May 2019, 10:32 GMT", "2019-05-03"), ("2019-05-03T10:32:00Z", "2019-05-03"),
    # a year with nothing readable beside it keeps the year; a word that only looks like a month is not one
    ("spring 2021", "2021"), ("2021-13", "2021"), ("31 February 2020", "2020"), ("mayhem 2020", "2020"),
    ("garbage", None),
])
def test_parse_date_keeps_the_precision_written(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_header_block_is_not_part_of_the_text(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("title: T\n---\nChina met the Taliban.", encoding="utf-8")
    [d] = docs(p)
    assert d.text == "China met the Taliban." and d.title == "T"


def test_html_keeps_the_article_and_drops_navigation(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    body = " ".join(["The ministry said the talks with the delegation went well and would continue."] * 4)
    p.write_text(f"<html><head><title>Talks resume</title><meta name='author' content='Alex Writer'></head><body>"
                 f"<nav><a href='/'>Home</a><a href='/world'>World news</a></nav><article><h1>Talks resume</h1>"
                 f"<p>{body}</p></article><footer>Copyright Example Ltd</footer></body></html>", encoding="utf-8")
    [d] = docs(p)
    assert d.title == "Talks resume" and d.author == "Alex Writer" and d.format == "html"
    assert "Home" not in d.text and "Copyright" not in d.text and "the delegation" in d.text


def test_jsonl_record_id_names_the_document(tmp_path: Path) -> None:
    p = tmp_path / "r.jsonl"
    p.write_text(json.dumps({"id": "rep-1", "text": "Body.", "title": "T", "outlet": "AP", "date": "March 3, 2021"})
                 + "\n", encoding="utf-8")
    [d] = docs(p)
    assert (d.name, d.title, d.outlet, d.date) == ("rep-1", "T", "Associated Press", "2021-03-03")


def test_json_array_of_records(tmp_path: Path) -> None:
    p = tmp_path / "r.json"
    p.write_text(json.dumps([{"id": "a", "text": "One."}, {"id": "b", "text": "Two."}]), encoding="utf-8")
    assert [d.name for d in docs(p)] == ["a", "b"]


def test_folders_are_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Bravo.", encoding="utf-8")
    (tmp_path / "sub" / "a.md").write_text("Alpha.", encoding="utf-8")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG\r\n")
    assert [d.name for d in docs(tmp_path)] == ["b.txt", "a.md"]


def test_same_text_gives_the_same_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Same  words\nhere.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Same words here.", encoding="utf-8")
    a, b = docs(tmp_path)
    assert a.id == b.id


@needs_shared()
def test_seed_reports_metadata_matches_the_gold(gold_meta: dict) -> None:
    found = {d.name: d for d in docs(SEEDS)}
    assert set(found) == set(gold_meta)
    for name, meta in gold_meta.items():
        for key in ("title", "author", "date", "outlet"):
            if key in meta:
                assert getattr(found[name], key) == meta[key], (name, key)


@pytest.mark.parametrize("credit, outlet", [
    ("Radio Free Europe/Radio Liberty (RFE/RL)", "Radio Free Europe/Radio Liberty"),
    ("RFE/RL", "Radio Free Europe/Radio Liberty"),  # one outlet, however it is credited
    ("aljazeera", "Al Jazeera"), ("Al Jazeera English", "Al Jazeera"),
    ("By Jane Roe, Reuters", "Reuters"), ("Jane Roe | Dawn", "Dawn"), ("Jane Roe for Kabul Now", "Kabul Now"),
    ("Kabul Daily (KD)", "Kabul Daily"),  # an outlet not in the list keeps its name, not its acronym
])
def test_an_outlet_credit_gives_the_canonical_outlet(credit: str, outlet: str) -> None:
    from claimgraph.ingest.metadata import canonical_outlet

    assert canonical_outlet(credit) == outlet
