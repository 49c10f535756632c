"""Each export read back by its own library: STIX by stix2, FtM by followthemoney, GraphML/GEXF by networkx."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import UTC, datetime

import networkx as nx
import pytest

from claimgraph import fused_view
from claimgraph.errors import InputError
from claimgraph.export import EXPORTERS, graph, neo4j, tables, write_snapshot
from claimgraph.export.archive import ARCHIVE_VERSION, archive_records, import_lines
from claimgraph.export.gather import gather
from claimgraph.export.stix import confidence, sid, to_bundle
from claimgraph.records import Claim
from claimgraph.store import open_store
from tests.conftest import run_cli
from tests.web_fixtures import small_store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return small_store(tmp_path_factory.mktemp("export") / "export.db")


@pytest.fixture
def snapshot(db):
    with open_store(db) as store:
        yield gather(store)


def test_stix_bundle_parses_back_as_stix_2_1(snapshot):
    stix2 = pytest.importorskip("stix2")
    bundle = stix2.parse(to_bundle(snapshot).serialize(), allow_custom=True)
    by_type: dict[str, list] = {}
    for o in bundle.objects:
        assert o.spec_version == "2.1"
        by_type.setdefault(o.type, []).append(o)
    assert {o.name for o in by_type["threat-actor"]} == {"Taliban"}
    assert {o.country for o in by_type["location"]} == {"CN", "AF"}
    assert len(by_type["relationship"]) == len(snapshot.relations) == 5
    assert {r.relationship_type for r in by_type["relationship"]} == {"plover-support", "plover-consult",
                                                                      "plover-assault", "plover-affiliate"}
    denied = next(r for r in by_type["relationship"] if r.x_claimgraph_negated)
    assert denied.description.startswith("DENIED") and denied.confidence == confidence(1, True) == 10
    notes = by_type["note"]
    assert len(notes) == sum(r["claims"] for r in snapshot.relations)
    assert {n.authors[0] for n in notes} >= {"China", "Dawn"}  # the denier speaks; Dawn in its own voice
    assert len(by_type["report"]) == 4 and all(r.object_refs for r in by_type["report"])
    moment = datetime(2026, 5, 4, tzinfo=UTC)
    assert to_bundle(snapshot, now=moment).objects == to_bundle(snapshot, now=moment).objects  # deterministic


def test_a_report_without_a_date_is_published_when_it_was_stored_never_on_an_invented_day():
    from claimgraph.export.stix import _published

    now = datetime(2026, 5, 4, tzinfo=UTC)
    assert _published({"date": "2021-07", "ingested_at": "2026-01-02T03:04:05+00:00"}, now) == (
        datetime(2021, 7, 1, tzinfo=UTC), "report")
    assert _published({"date": None, "ingested_at": "2026-01-02T03:04:05+00:00"}, now) == (
        datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), "ingested")
    assert _published({"date": None, "ingested_at": None}, now) == (now, "exported")


def test_stix_invents_no_dates(snapshot):
    stix2 = pytest.importorskip("stix2")
    moment = datetime(2026, 5, 4, 12, 30, tzinfo=UTC)
    bundle = stix2.parse(to_bundle(snapshot, now=moment).serialize(), allow_custom=True)
    assert all(o.created == o.modified == moment for o in bundle.objects)  # made by this export, now
    dates = {d["title"] or d["name"]: d for d in snapshot.documents}
    for report in (o for o in bundle.objects if o.type == "report"):
        d = dates[report.name]
        if d["date"]:
            assert report.published.date().isoformat().startswith(d["date"][:10] if len(d["date"]) == 10 else
                                                                  d["date"])
            assert report.x_claimgraph_published_from == "report"
        else:
            assert report.published == datetime.fromisoformat(d["ingested_at"])
            assert report.x_claimgraph_published_from == "ingested"
    for rel, row in zip(sorted((o for o in bundle.objects if o.type == "relationship"), key=lambda o: o.id),
                        sorted(snapshot.relations, key=lambda r: sid("relationship", r["id"])), strict=True):
        assert (rel.get("start_time") is None) == (not row["first_date"])


def test_followthemoney_entities_validate_against_the_model(snapshot):
    ftm = pytest.importorskip("followthemoney")
    from claimgraph.export.ftm import entities

    made = list(entities(snapshot))
    ids = {e["id"] for e in made}
    schemata = {}
    for data in made:
        proxy = ftm.model.get_proxy(data, cleaned=False)
        for prop, values in data["properties"].items():
            assert proxy.schema.get(prop) is not None, (proxy.schema.name, prop)
            if proxy.schema.get(prop).type == ftm.types.registry.entity:
                assert set(values) <= ids  # every reference points at an exported entity
        schemata.setdefault(proxy.schema.name, []).append(proxy)
    assert {p.caption for p in schemata["PublicBody"]} == {"China", "Afghanistan"}
    assert [p.caption for p in schemata["Person"]] == ["Suhail Shaheen"]
    assert len(schemata["Membership"]) == 1 and len(schemata["UnknownLink"]) == 4
    assert len(schemata["Article"]) == 4


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_files_read_back_with_the_same_nodes_edges_and_attributes(snapshot, tmp_path, fmt):
    path = tmp_path / f"g.{fmt}"
    getattr(graph, f"write_{fmt}")(snapshot, path)
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    made = graph.to_networkx(snapshot)
    assert set(back.nodes) == set(made.nodes)
    assert back.nodes[next(iter(made.nodes))]["kind"] == made.nodes[next(iter(made.nodes))]["kind"]
    edges = {d["id"]: d for _, _, d in back.edges(data=True)}
    assert set(edges) == {r["id"] for r in snapshot.relations}
    for r in snapshot.relations:
        e = edges[r["id"]]
        assert (e["plover_type"], e["quad"], int(e["origins"]), str(e["contested"]).lower()) == \
            (r["type"], r["quad"], r["origins"], str(r["contested"]).lower())


def test_neo4j_import_files_have_admin_import_headers(snapshot, tmp_path):
    nodes, edges = neo4j.write_neo4j(snapshot, tmp_path / "neo")
    with nodes.open() as f:
        rows = list(csv.reader(f))
    assert rows[0][0] == "actorId:ID(Actor)" and len(rows) == len(snapshot.actors) + 1
    with edges.open() as f:
        rows = list(csv.reader(f))
    assert rows[0][:3] == [":START_ID(Actor)", ":END_ID(Actor)", ":TYPE"] and len(rows) == 6


def test_jsonl_archive_imported_into_a_fresh_store_gives_the_same_relations(db, snapshot, store_location):
    with open_store(db) as store:
        lines = [json.dumps(r) for r in archive_records(store, snapshot)]
        before = fused_view.relations(store)
    with open_store(store_location) as fresh:  # an SQLite store's archive moves to either backend
        done = list(import_lines(fresh, lines, where="archive.jsonl"))
        assert len(done) == 4
        fused_view.fuse(fresh)
        after = fused_view.relations(fresh)
    assert _comparable(after) == _comparable(before)


def test_export_jsonl_then_import_on_the_command_line_gives_the_same_fused_relations(db, tmp_path):
    archive = tmp_path / "archive.jsonl"
    assert run_cli("export", "jsonl", "--db", str(db), "--out", str(archive)).returncode == 0
    done = run_cli("import", str(archive), "--db", str(tmp_path / "fresh.db"))
    assert done.returncode == 0 and done.stderr.splitlines()[0] == "attack.txt: added, 2 claims"
    with open_store(db) as store, open_store(tmp_path / "fresh.db") as fresh:
        assert _comparable(fused_view.relations(fresh)) == _comparable(fused_view.relations(store))


def _comparable(rows: list[dict]) -> list[tuple]:
    return sorted(tuple(sorted((k, str(v)) for k, v in r.items())) for r in rows)


def test_csv_and_jsonl_of_relations_and_actors(db, tmp_path):
    out = tmp_path / "rel.csv"
    assert run_cli("export", "csv", "--what", "relations", "--db", str(db), "--out", str(out)).returncode == 0
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 5 and set(tables.RELATION_COLUMNS) <= set(rows[0])
    done = run_cli("export", "jsonl", "--what", "actors", "--db", str(db), "--type", "ASSAULT")
    assert {json.loads(x)["name"] for x in done.stdout.splitlines()} == {"Taliban", "Afghanistan"}
    claims = run_cli("export", "csv", "--db", str(db), "--source", "China")
    assert len(list(csv.DictReader(claims.stdout.splitlines()))) == 3


def test_a_graph_export_without_a_file_is_refused(db):
    done = run_cli("export", "graphml", "--db", str(db))
    assert done.returncode == 2 and "--out" in done.stderr


def test_a_malformed_archive_line_is_named(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"record": "document", "id": "d1", "name": "a", "text": "x"}\nnot json\n')
    done = run_cli("import", str(bad), "--db", str(tmp_path / "x.db"))
    assert done.returncode == 2 and f"{bad}:2" in done.stderr


# ---- the registry ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(EXPORTERS))
def test_every_format_is_registered_with_one_line_of_help(name):
    exporter = EXPORTERS[name]
    assert exporter.name == name and exporter.help and "\n" not in exporter.help
    assert exporter.needs_path == (name in {"graphml", "gexf", "neo4j"})
    assert exporter.suffix.startswith(".") or (exporter.needs_path and exporter.out_kind() == "a folder")


def test_the_command_line_loads_no_export_library():
    probe = ("import sys; from typer.main import get_command; from claimgraph.cli import app; get_command(app); "
             "print(sorted(m for m in ('networkx', 'stix2', 'followthemoney') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("name", list(EXPORTERS))
def test_every_format_writes_its_file_from_the_command_line(db, tmp_path, name):
    if name == "ftm":
        pytest.importorskip("followthemoney")
    out = tmp_path / f"export{EXPORTERS[name].suffix or '-folder'}"
    done = run_cli("export", name, "--db", str(db), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("exported 5 relations, 4 actors, 4 reports to ")
    assert (any(out.iterdir()) if out.is_dir() else out.stat().st_size > 0)


def test_a_stream_format_writes_the_same_to_standard_output_as_to_a_file(db, tmp_path):
    out = tmp_path / "relations.csv"
    assert run_cli("export", "csv", "--what", "relations", "--db", str(db), "--out", str(out)).returncode == 0
    to_stdout = run_cli("export", "csv", "--what", "relations", "--db", str(db))
    assert to_stdout.stdout == out.read_text(encoding="utf-8")


def test_an_output_that_cannot_be_written_is_one_line_and_exit_2(db, tmp_path):
    done = run_cli("export", "csv", "--db", str(db), "--out", str(tmp_path / "no" / "such" / "x.csv"))
    assert done.returncode == 2 and "cannot write" in done.stderr and "Traceback" not in done.stderr


def test_an_unknown_format_is_refused_with_the_known_ones(db):
    done = run_cli("export", "xlsx", "--db", str(db))
    assert done.returncode == 2 and "stix, ftm, graphml" in done.stderr


# ---- the archive -------------------------------------------------------------------------------

def _archive(db, snapshot) -> list[dict]:
    with open_store(db) as store:
        return list(archive_records(store, snapshot))


def test_the_archive_holds_each_report_then_its_mentions_and_claims(db, snapshot):
    records = _archive(db, snapshot)
    kinds = [r["record"] for r in records]
    assert kinds.count("document") == 4 and kinds[0] == "document"
    assert all(r["archive"] == ARCHIVE_VERSION for r in records if r["record"] == "document")
    claim = next(r for r in records if r["record"] == "claim")
    assert Claim.from_dict(claim).to_dict() | {"record": "claim", "version": "1"} == claim


def test_a_version_1_archive_still_imports_into_the_same_relations(db, snapshot, tmp_path):
    def version_1(record: dict) -> dict:  # as claimgraph wrote archives before they had a version
        old = {k: v for k, v in record.items() if k != "archive" and not k.endswith("_id")}
        if record["record"] == "mention":
            old["kind"] = old.pop("actor_kind")
        return old

    lines = [json.dumps(version_1(r)) for r in _archive(db, snapshot)]
    with open_store(db) as store:
        before = fused_view.relations(store)
    with open_store(tmp_path / "fresh.db") as fresh:
        assert len(list(import_lines(fresh, lines, where="old.jsonl"))) == 4
        fused_view.fuse(fresh)
        assert _comparable(fused_view.relations(fresh)) == _comparable(before)


@pytest.mark.parametrize(("second_line", "says"), [
    ('{"record": "mention", "doc": "a"}', "not a mention record: no 'actor_id'"),
    ('{"record": "claim", "doc": "a", "source": "X"}', "not a claim record: no 'source_id'"),
    ('{"record": "document", "archive": 99, "id": "d2", "name": "b", "text": "y"}', "archive version 99"),
    ('["record", "mention"]', "not an archive record"),
])
def test_a_malformed_archive_record_is_named_by_file_and_line(tmp_path, second_line, says):
    lines = ['{"record": "document", "archive": 2, "id": "d1", "name": "a", "text": "x"}', second_line]
    with open_store(tmp_path / "x.db") as store, pytest.raises(InputError) as caught:
        list(import_lines(store, lines, where="bad.jsonl"))
    assert str(caught.value).startswith(f"bad.jsonl:2: {says}")


def test_the_stix_file_is_a_bundle_stix2_reads_object_for_object(db, snapshot, tmp_path):
    stix2 = pytest.importorskip("stix2")
    out = tmp_path / "bundle.stix.json"
    with open_store(db) as store:
        write_snapshot(EXPORTERS["stix"](store, out), snapshot)
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["type"] == "bundle" and written["id"].startswith("bundle--")
    parsed = stix2.parse(written, allow_custom=True)  # every object checked by the library
    assert [o.id for o in parsed.objects] == [o.id for o in to_bundle(snapshot).objects]
    assert {o.type for o in parsed.objects} == {"threat-actor", "location", "identity", "relationship", "note",
                                                "report"}
