"""The fusion issue's acceptance on the five seed reports, through the command line.

The seeds are ingested once for the session (conftest `seeds_db`); the commands run in this process.
"""
from __future__ import annotations

import json

import pytest

from tests.conftest import invoke, needs_shared

pytestmark = [needs_shared(), pytest.mark.model]


def cli_json(*args: str):
    done = invoke(*args, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_china_taliban_relations_show_documents_outlets_and_origins(seeds_db):
    rows = cli_json("relations", "--source", "China", "--target", "Taliban", "--db", str(seeds_db))
    assert {r["type"] for r in rows} >= {"COOPERATE", "SUPPORT"}
    for r in rows:
        assert (r["source"], r["target"]) == ("China", "Taliban")
        assert r["documents"] and r["origins"] >= 1 and len(r["origin_names"]) == r["origins"]
    assert "Daily Mirror" in {o for r in rows for o in r["outlet_names"]}


def test_the_two_seed_contradictions_are_listed(seeds_db):
    found = cli_json("contradictions", "--db", str(seeds_db))
    topics = {frozenset(c["actors"]): c for c in found}
    missiles = topics[frozenset({"China", "Osama bin Laden"})]  # China's denial vs bin Laden's associate
    fighters = topics[frozenset({"foreign fighters", "Taliban"})]  # "we do not have foreign fighters"
    for c, denier in ((missiles, "China"), (fighters, "Suhail Shaheen")):
        sides = {s["stance"]: s["claims"] for s in c["sides"]}
        assert sides["asserts"] and denier in {e["speaker"] for e in sides["denies"]}
        assert all(e["evidence"] and e["doc"] for side in sides.values() for e in side)


def test_etim_gathers_its_names_and_explains_why(seeds_db):
    done = invoke("actor", "ETIM", "--why", "--db", str(seeds_db), "--format", "json")
    actor = json.loads(done.stdout)
    names = {n["name"] for n in actor["names"]}
    assert {"ETIM", "TIP", "Turkistan Islamic Party", "East Turkestan Islamic Movement"} <= names
    assert all(n["why"] for n in actor["names"])
    assert json.loads(invoke("actor", "TIP", "--db", str(seeds_db), "--format", "json").stdout)["id"] == actor["id"]
    table = invoke("actor", "Turkistan Islamic Party", "--why", "--db", str(seeds_db))
    assert "alias of ETIM in data/actors.yaml" in table.stdout


def test_every_query_answers_in_table_json_and_csv(seeds_db):
    for args in (["actors"], ["timeline", "Taliban", "--undated"], ["outlets"], ["outlets", "--actor", "ETIM"],
                 ["relations", "--min-sources", "1", "--type", "support"]):
        for fmt in ("table", "json", "csv"):
            done = invoke(*args, "--db", str(seeds_db), "--format", fmt)
            assert done.returncode == 0 and done.stdout.strip(), (args, fmt, done.stderr)


def test_an_unknown_actor_exits_2_with_one_line(seeds_db):
    done = invoke("actor", "Atlantis", "--db", str(seeds_db))
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "Atlantis" in done.stderr
