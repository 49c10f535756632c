"""Fusion: one actor per real-world actor, independent origins, contradictions, incremental = rebuild.

Every test that stores reports runs on both backends (SQLite and PostgreSQL, see conftest)."""
from __future__ import annotations

import json

import pytest

from claimgraph import fused_view
from claimgraph.errors import ConfigError, QueryError
from claimgraph.fuse.config import load_config
from claimgraph.fuse.contradict import disagree, quantity_range
from claimgraph.fuse.merge import ActorLinker
from claimgraph.resolve.canonical import load_gazetteer
from claimgraph.store import open_store
from tests.builders import Report, everything, filler, media, org, person, snapshot
from tests.conftest import invoke

CHINA, TALIBAN = org("China", "COUNTRY"), org("Taliban", "ARMED_GROUP")
TTP = org("Tehreek-e-Taliban Pakistan", "ARMED_GROUP")
AQ = org("Al-Qaeda", "ARMED_GROUP")
NIKKEI = media("Nikkei Asia")


@pytest.fixture
def store(store_location):
    with open_store(store_location) as s:
        yield s


def linker(user: str = "") -> ActorLinker:
    return ActorLinker(load_config(user), load_gazetteer())


# ---- merging actors ---------------------------------------------------------------------------

@pytest.mark.parametrize(("first", "second", "rule"), [
    ("Bin Laden", "Osama bin Laden", "person-name"),          # a name and the same name in full
    ("Mullah Baradar", "Baradar", "same-name"),                # titles do not make another person
    ("Zabihullah Mujahid", "Zabiullah Mujahid", "spelling"),    # a transliteration variant
])
def test_people_written_differently_are_one_actor(first, second, rule):
    lk = linker()
    a, _ = lk.link(person(first))
    b, cluster = lk.link(person(second))
    assert b.canonical_id == a.canonical_id and b.rule == rule
    assert cluster.name == max(first, second, key=lambda n: len(n.split()))  # the fuller name names it


def test_a_surname_shared_by_two_people_merges_with_neither():
    lk = linker()
    lk.link(person("Imran Khan"))
    lk.link(person("Umer Mohammed Khan"))
    link, _ = lk.link(person("Khan"))
    assert link.rule == "own" and "could be any of" in link.detail


def test_spelling_variants_of_an_organisation_merge():
    lk = linker()
    a, _ = lk.link(org("Mujahideen Shura Council"))
    b, _ = lk.link(org("Mujahidden Shura Council"))
    assert b.canonical_id == a.canonical_id and b.rule == "spelling"


def test_gazetteer_actors_stay_themselves_and_never_merge_with_each_other():
    lk = linker()
    a, _ = lk.link(TALIBAN)
    b, _ = lk.link(TTP)
    assert (a.rule, b.rule) == ("gazetteer", "gazetteer") and a.canonical_id != b.canonical_id


def test_user_aliases_merge_and_keep_apart_wins_over_every_rule():
    user = ("aliases:\n  Mullah Omar: [Mohammad Omar]\n"
            "keep_apart:\n  - [Jamaat Ansarulla Front, Jamaat Ansarullah Front]\n")
    lk = linker(user)
    a, _ = lk.link(person("Mullah Omar"))
    b, _ = lk.link(person("Mohammad Omar"))
    assert b.canonical_id == a.canonical_id and b.rule == "alias"
    c, _ = lk.link(org("Jamaat Ansarulla Front", "ARMED_GROUP"))
    d, _ = lk.link(org("Jamaat Ansarullah Front", "ARMED_GROUP"))  # 98% alike, but kept apart
    assert c.canonical_id != d.canonical_id


def test_a_people_is_never_merged_into_the_armed_group_drawn_from_it():
    user = "aliases:\n  ETIM: [Uyghurs]\n"  # a careless alias: the built-in keep-apart pair refuses it
    link, _ = linker(user).link(org("Uyghurs", "PEOPLE"))
    assert link.canonical_id != org("ETIM").id


def test_unnamed_sources_of_different_reports_are_not_one_actor():
    link, _ = linker().link(org("unnamed officials", "SOURCE"))
    assert link.rule == "own"


@pytest.mark.parametrize("text", ["aliases: [a, b]", "keep_apart: [[a]]", "aliases: {X: [", "other: 1"])
def test_a_malformed_aliases_file_is_refused_with_its_name(text):
    with pytest.raises(ConfigError, match=r"my\.yaml"):
        load_config(text, where="my.yaml")


def test_aliases_apply_on_the_next_run_without_parsing_again(store):
    # one man under his nom de guerre and his birth name: no rule could know, the user does
    Report("a.txt", filler(1), "Outlet A").claim(person("Abu Bakr al-Baghdadi"), "SUPPORT", AQ).store_in(store)
    Report("b.txt", filler(2), "Outlet B").claim(person("Ibrahim Awad al-Badri"), "SUPPORT", AQ).store_in(store)
    fused_view.fuse(store)
    assert len(fused_view.relations(store, type="SUPPORT")) == 2
    extracted = store.conn.execute("SELECT * FROM extractions ORDER BY doc_id").fetchall()
    report = fused_view.fuse(store, aliases="aliases:\n  Abu Bakr al-Baghdadi: [Ibrahim Awad al-Badri]\n")
    assert report.rebuilt
    (rel,) = fused_view.relations(store, type="SUPPORT")
    assert rel["source"] == "Abu Bakr al-Baghdadi" and rel["docs"] == 2
    assert store.conn.execute("SELECT * FROM extractions ORDER BY doc_id").fetchall() == extracted
    merged = {m["name"]: m["rule"] for m in fused_view.actor(store, "Ibrahim Awad al-Badri", why=True)["merged"]}
    assert merged == {"Abu Bakr al-Baghdadi": "alias", "Ibrahim Awad al-Badri": "alias"}


def test_an_unknown_actor_is_a_clear_error_with_suggestions(store):
    Report("a.txt", filler(1)).claim(CHINA, "SUPPORT", TALIBAN).store_in(store)
    fused_view.fuse(store)
    with pytest.raises(QueryError, match="did you mean 'taliban'"):
        fused_view.actor(store, "Talibann")


# ---- independent origins ------------------------------------------------------------------------

def test_reports_relaying_one_outlet_count_once_for_it(store):
    for n, outlet in enumerate(["The Kashmir Walla", "Dawn"]):
        r = Report(f"relay{n}.txt", filler(10 + n), outlet).claim(AQ, "SUPPORT", TALIBAN)
        r.claim(org("ETIM", "ARMED_GROUP"), "SUPPORT", TALIBAN, speaker=NIKKEI)  # "..., Nikkei Asia has reported"
        r.mentions.append(NIKKEI)
        r.store_in(store)
    fused_view.fuse(store)
    (rel,) = fused_view.relations(store, source="Al-Qaeda", target="Taliban")
    assert (rel["docs"], rel["outlets"], rel["origins"]) == (2, 2, 1)
    assert rel["origin_names"] == ["Nikkei Asia"]
    Report("own.txt", filler(20), "Morning Star").claim(AQ, "SUPPORT", TALIBAN).store_in(store)
    fused_view.fuse(store)
    (rel,) = fused_view.relations(store, source="Al-Qaeda", target="Taliban")
    assert (rel["docs"], rel["outlets"], rel["origins"]) == (3, 3, 2)


def test_a_syndicated_copy_under_another_outlet_adds_no_origin(store):
    text = filler(30, words=400)
    Report("wire.txt", text, "Associated Press").claim(CHINA, "SUPPORT", TALIBAN).store_in(store)
    copy = text.replace("river", "stream", 3) + " Reporting by our staff."
    Report("copy.txt", copy, "Daily Mirror").claim(CHINA, "SUPPORT", TALIBAN).store_in(store)
    Report("other.txt", filler(31, words=400), "Morning Star").claim(CHINA, "SUPPORT", TALIBAN).store_in(store)
    fused_view.fuse(store)
    (rel,) = fused_view.relations(store, source="China", target="Taliban")
    assert (rel["docs"], rel["outlets"], rel["origins"]) == (3, 3, 2)


def speakers(store, rel) -> list[str]:
    """Give the names of the people and bodies a relation's claims quote (members of kind "speaker")."""
    names = store.fused_actor_names()
    return sorted(names[key] for _, key, _ in store.relation_members([rel["id"]], "speaker"))


def test_two_people_quoted_in_one_report_are_one_origin(store):
    # "Shaheen said ..., and Mujahid told reporters ...": one outlet's report, however many it quotes
    r = Report("two.txt", filler(40), "Dawn").claim(TALIBAN, "REJECT", CHINA, speaker=person("Suhail Shaheen"))
    r.claim(TALIBAN, "REJECT", CHINA, speaker=person("Zabihullah Mujahid")).store_in(store)
    fused_view.fuse(store)
    (rel,) = fused_view.relations(store, type="REJECT")
    assert (rel["claims"], rel["origins"], rel["origin_names"]) == (2, 1, ["Dawn"])
    assert speakers(store, rel) == ["Suhail Shaheen", "Zabihullah Mujahid"]  # listed, not counted
    assert fused_view.relations(store, min_sources=2) == []


def test_one_spokesman_quoted_by_two_outlets_is_two_origins(store):
    shaheen = person("Suhail Shaheen")
    for n, outlet in enumerate(["Dawn", "Reuters"]):
        Report(f"q{n}.txt", filler(41 + n), outlet).claim(TALIBAN, "REJECT", CHINA, speaker=shaheen).store_in(store)
    fused_view.fuse(store)
    (rel,) = fused_view.relations(store, type="REJECT")
    assert (rel["outlets"], rel["origins"], rel["origin_names"]) == (2, 2, ["Dawn", "Reuters"])
    assert speakers(store, rel) == ["Suhail Shaheen"]


def test_a_report_relaying_an_outlet_gives_that_outlet_as_origin(store):
    # The Kashmir Walla retells Nikkei Asia's interview: its claims, quoted or not, came through Nikkei
    r = Report("relay.txt", filler(43), "The Kashmir Walla").claim(AQ, "SUPPORT", TALIBAN, speaker=NIKKEI)
    r.claim(TALIBAN, "REJECT", CHINA, speaker=person("Suhail Shaheen")).claim(CHINA, "SUPPORT", TALIBAN)
    r.mentions.append(NIKKEI)
    r.store_in(store)
    fused_view.fuse(store)
    rows = fused_view.relations(store)
    assert len(rows) == 3 and all(r["origin_names"] == ["Nikkei Asia"] and r["origins"] == 1 for r in rows)
    assert {r["outlet_names"][0] for r in rows} == {"The Kashmir Walla"}


# ---- contradictions -------------------------------------------------------------------------------

def test_a_denied_tie_is_set_against_its_assertions_of_any_tie_type(store):
    fighters = org("foreign fighters", "GROUP")
    Report("a.txt", filler(50), "Nikkei Asia").claim(fighters, "AFFILIATE", TALIBAN, negated=True,
                                                   speaker=person("Suhail Shaheen")).store_in(store)
    Report("b.txt", filler(51), "Dawn").claim(fighters, "SUPPORT", TALIBAN, speaker=person("Ghulam Isaczai")) \
        .claim(TALIBAN, "ASSAULT", CHINA).store_in(store)
    fused_view.fuse(store)
    (c,) = fused_view.contradictions(store)
    assert c["kind"] == "denial" and set(c["actors"]) == {"foreign fighters", "Taliban"}
    stances = {s["stance"]: [e["speaker"] for e in s["claims"]] for s in c["sides"]}
    assert stances == {"asserts": ["Ghulam Isaczai"], "denies": ["Suhail Shaheen"]}
    assert all(r["contested"] for r in fused_view.relations(store, target="Taliban"))


def test_a_denial_of_one_type_does_not_contradict_another_kind_of_act(store):
    Report("a.txt", filler(52)).claim(CHINA, "ASSAULT", TALIBAN, negated=True).store_in(store)
    Report("b.txt", filler(53)).claim(CHINA, "SUPPORT", TALIBAN).store_in(store)
    fused_view.fuse(store)
    assert fused_view.contradictions(store) == []


def test_counts_that_cannot_both_be_right_are_a_contradiction(store):
    fighters = org("foreign fighters", "GROUP")
    for n, quantity in enumerate(["more than 10,000 fighters", "about 2,000 fighters", "thousands of fighters"]):
        Report(f"{n}.txt", filler(54 + n)).claim(fighters, "SUPPORT", TALIBAN, quantity=quantity).store_in(store)
    fused_view.fuse(store)
    found = [c for c in fused_view.contradictions(store) if c["kind"] == "numbers"]
    said = {frozenset(s["stance"] for s in c["sides"]) for c in found}
    assert frozenset({"says more than 10,000 fighters", "says about 2,000 fighters"}) in said
    # "thousands" (2,000 to 9,999) and "about 2,000" can both be right
    assert frozenset({"says about 2,000 fighters", "says thousands of fighters"}) not in said


@pytest.mark.parametrize(("a", "b", "clash"), [
    ("more than 10,000", "about 2,000", True), ("5,500 attacks", "5,500 attacks", False),
    ("thousands", "6,000", False), ("dozens", "hundreds", True), ("$10 million", "10 million", False),
    ("more than a million", "500,000", True), ("several", "12", None),
])
def test_quantity_ranges(a, b, clash):
    cfg = load_config()
    ra, rb = (quantity_range(x, cfg.quantity_words, cfg.quantity_tolerance) for x in (a, b))
    if clash is None:  # a word with no number in it says nothing to compare
        assert ra is None
    else:
        assert disagree(ra, rb, cfg.quantity_tolerance) is clash


# ---- incremental equals rebuild -----------------------------------------------------------------

def _reports() -> list[Report]:
    shaheen, khan = person("Suhail Shaheen"), person("Khan")
    text = filler(60, words=300)
    return [
        Report("1.txt", text, "Associated Press", "2021-07-01").claim(CHINA, "SUPPORT", TALIBAN, date="2021-06"),
        Report("2.txt", filler(61), "Dawn", "2021-07-02").claim(person("Bin Laden"), "COOPERATE", CHINA),
        Report("3.txt", text + " More later.", "Daily Mirror", "2021-07-03").claim(CHINA, "SUPPORT", TALIBAN),
        Report("4.txt", filler(62), "The Kashmir Walla", "2021-07-04")
        .claim(person("Osama bin Laden"), "COOPERATE", CHINA, negated=True, speaker=CHINA)
        .claim(TALIBAN, "REJECT", CHINA, speaker=shaheen).claim(khan, "ACCUSE", CHINA),
        Report("5.txt", filler(63), "Nikkei Asia", "2021-07-05")
        .claim(person("Imran Khan"), "ACCUSE", CHINA, date="2021-07"),
    ]


def test_adding_reports_one_by_one_gives_what_a_rebuild_gives(locate):
    with open_store(locate("one")) as one, open_store(locate("all")) as every:
        for r in _reports():
            r.store_in(one)
            assert not fused_view.fuse(one).rebuilt  # each report folded in, nothing recomputed
            r.store_in(every)
        fused_view.fuse(every)
        incremental = snapshot(one)
        assert fused_view.fuse(one, rebuild=True).rebuilt
        assert snapshot(one) == incremental == snapshot(every)
        assert len(incremental["relations"]) == 5


def test_a_replaced_report_is_taken_out_of_the_fused_view(store):
    Report("a.txt", filler(70), "Dawn").claim(CHINA, "SUPPORT", TALIBAN).store_in(store)
    Report("b.txt", filler(71), "BBC").claim(CHINA, "SUPPORT", TALIBAN).store_in(store)
    fused_view.fuse(store)
    assert fused_view.relations(store, type="SUPPORT")[0]["docs"] == 2
    Report("b.txt", filler(72), "BBC").claim(CHINA, "ASSAULT", TALIBAN).store_in(store)  # same name, new text
    fused_view.fuse(store)
    assert fused_view.relations(store, type="SUPPORT")[0]["docs"] == 1
    assert fused_view.relations(store, type="ASSAULT")[0]["docs"] == 1


# ---- where fusion happens -----------------------------------------------------------------------

def test_queries_only_read_until_fuse_folds_the_new_reports_in(store):
    Report("a.txt", filler(80), "Dawn").claim(CHINA, "SUPPORT", TALIBAN).store_in(store)
    written = everything(store)
    assert fused_view.relations(store) == fused_view.actors(store) == fused_view.timeline(store, undated=True) == []
    assert fused_view.contradictions(store) == [] and fused_view.graph(store)["edges"] == []
    assert fused_view.search(store, "China")["actors"] == []
    fused_view.outlets(store)
    fused_view.document(store, "a.txt")
    assert everything(store) == written  # asking wrote nothing
    assert fused_view.fuse(store).added == 1
    assert [r["type"] for r in fused_view.relations(store)] == ["SUPPORT"]


def test_the_read_commands_fuse_before_they_read(store_location):
    with open_store(store_location) as s:
        Report("a.txt", filler(81), "Dawn").claim(CHINA, "SUPPORT", TALIBAN).store_in(s)
    done = invoke("relations", "--db", store_location, "--format", "json")
    assert done.returncode == 0 and [r["type"] for r in json.loads(done.stdout)] == ["SUPPORT"]


# ---- queries --------------------------------------------------------------------------------------

def test_relations_filters(store):
    for r in _reports():
        r.store_in(store)
    fused_view.fuse(store)
    assert {r["type"] for r in fused_view.relations(store, target="China")} == {"COOPERATE", "REJECT", "ACCUSE"}
    assert [r["outlet_names"] for r in fused_view.relations(store, outlet="Dawn")] == [["Dawn"]]
    assert {r["type"] for r in fused_view.relations(store, since="2021-07-05")} == {"ACCUSE"}
    # reports 1 and 3 are one text (syndicated); "Khan" and "Imran Khan" are one man in two outlets
    assert [r["type"] for r in fused_view.relations(store, min_sources=2)] == ["ACCUSE"]
    (support,) = fused_view.relations(store, type="SUPPORT")
    assert (support["docs"], support["outlets"], support["origins"]) == (2, 2, 1)
    # a symmetric tie answers whichever way round it is asked
    assert fused_view.relations(store, source="China", target="Osama bin Laden", type="COOPERATE")
    with pytest.raises(QueryError, match="unknown type"):
        fused_view.relations(store, type="HUG")


def test_timeline_keeps_event_dates_apart_from_report_dates(store):
    for r in _reports():
        r.store_in(store)
    fused_view.fuse(store)
    rows = fused_view.timeline(store)
    assert [(r["event_date"], r["report_date"]) for r in rows] == [("2021-06", "2021-07-01"), ("2021-07", "2021-07-05")]
    assert len(fused_view.timeline(store, undated=True)) == 7
    assert {r["type"] for r in fused_view.timeline(store, "Taliban", undated=True)} == {"SUPPORT", "REJECT"}


def test_outlet_stance_on_a_relation(store):
    for r in _reports():
        r.store_in(store)
    fused_view.fuse(store)
    rows = {r["outlet"]: r["stance"] for r in fused_view.outlets(store, source="Osama bin Laden", target="China")}
    assert rows["Dawn"] == "asserts" and rows["The Kashmir Walla"] == "denies"
    assert rows["Nikkei Asia"] == "does not cover"
    ranked = fused_view.actors(store)
    assert ranked[0]["name"] == "China"
