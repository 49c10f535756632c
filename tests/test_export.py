"""Each export read back by its own library: STIX by stix2, FtM by followthemoney, GraphML/GEXF by networkx."""
from __future__ import annotations

import csv
import json

import networkx as nx
import pytest

from claimgraph import fused_view
from claimgraph.export import graph, tables
from claimgraph.export.gather import gather
from claimgraph.export.stix import confidence, to_bundle
from claimgraph.store.sqlite import SQLiteStore
from tests.conftest import run_cli
from tests.web_fixtures import small_store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return small_store(tmp_path_factory.mktemp("export") / "export.db")


@pytest.fixture
def snap(db):
    with SQLiteStore(db) as store:
        yield gather(store)


def test_stix_bundle_parses_back_as_stix_2_1(snap):
    stix2 = pytest.importorskip("stix2")
    bundle = stix2.parse(to_bundle(snap).serialize(), allow_custom=True)
    by_type: dict[str, list] = {}
    for o in bundle.objects:
        assert o.spec_version == "2.1"
        by_type.setdefault(o.type, []).append(o)
    assert {o.name for o in by_type["threat-actor"]} == {"Taliban"}
    assert {o.country for o in by_type["location"]} == {"CN", "AF"}
    assert len(by_type["relationship"]) == len(snap.relations) == 5
    assert {r.relationship_type for r in by_type["relationship"]} == {"plover-support", "plover-consult",
                                                                      "plover-assault", "plover-affiliate"}
    denied = next(r for r in by_type["relationship"] if r.x_claimgraph_negated)
    assert denied.description.startswith("DENIED") and denied.confidence == confidence(1, True) == 10
    notes = by_type["note"]
    assert len(notes) == sum(r["claims"] for r in snap.relations)
    assert {n.authors[0] for n in notes} >= {"China", "Dawn"}  # the denier speaks; Dawn in its own voice
    assert len(by_type["report"]) == 4 and all(r.object_refs for r in by_type["report"])
    assert to_bundle(snap).objects == to_bundle(snap).objects  # deterministic ids


def test_followthemoney_entities_validate_against_the_model(snap):
    ftm = pytest.importorskip("followthemoney")
    from claimgraph.export.ftm import entities

    made = list(entities(snap))
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
def test_graph_files_read_back_with_the_same_nodes_edges_and_attributes(snap, tmp_path, fmt):
    path = tmp_path / f"g.{fmt}"
    getattr(graph, f"write_{fmt}")(snap, path)
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    made = graph.to_networkx(snap)
    assert set(back.nodes) == set(made.nodes)
    assert back.nodes[next(iter(made.nodes))]["kind"] == made.nodes[next(iter(made.nodes))]["kind"]
    edges = {d["id"]: d for _, _, d in back.edges(data=True)}
    assert set(edges) == {r["id"] for r in snap.relations}
    for r in snap.relations:
        e = edges[r["id"]]
        assert (e["plover_type"], e["quad"], int(e["origins"]), str(e["contested"]).lower()) == \
            (r["type"], r["quad"], r["origins"], str(r["contested"]).lower())


def test_neo4j_import_files_have_admin_import_headers(snap, tmp_path):
    nodes, edges = graph.write_neo4j(snap, tmp_path / "neo")
    with nodes.open() as f:
        rows = list(csv.reader(f))
    assert rows[0][0] == "actorId:ID(Actor)" and len(rows) == len(snap.actors) + 1
    with edges.open() as f:
        rows = list(csv.reader(f))
    assert rows[0][:3] == [":START_ID(Actor)", ":END_ID(Actor)", ":TYPE"] and len(rows) == 6


def test_jsonl_archive_imported_into_a_fresh_store_gives_the_same_relations(db, snap, tmp_path):
    with SQLiteStore(db) as store:
        lines = [json.dumps(r) for r in tables.archive(store, snap)]
        before = fused_view.relations(store)
    with SQLiteStore(tmp_path / "fresh.db") as fresh:
        done = list(tables.import_archive(fresh, lines, where="archive.jsonl"))
        assert len(done) == 4
        after = fused_view.relations(fresh)
    strip = lambda rows: sorted(tuple(sorted((k, str(v)) for k, v in r.items())) for r in rows)  # noqa: E731
    assert strip(after) == strip(before)


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
