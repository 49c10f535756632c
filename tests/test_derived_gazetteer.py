"""The gazetteer data derived from PETRARCH2's Phoenix dictionaries (tools/derive_gazetteer.py).

(a) the packaged files are exactly what the converter makes from the shared resources;
(b) spec checks on the packaged files alone (no resources needed).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DERIVED = ROOT / "src" / "claimgraph" / "data" / "derived"
CONVERTER = ROOT / "tools" / "derive_gazetteer.py"
SHARED = Path(os.environ.get("CLAIMGRAPH_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
RESOURCES = SHARED / "resources"
FILES = ("phoenix_countries.yaml", "phoenix_actors.yaml", "agents.yaml")
KINDS = {"IGO", "ORG", "ARMED_GROUP", "PARTY", "COMPANY", "MEDIA", "PEOPLE", "PERSON"}


def load(name: str):
    return yaml.load((DERIVED / name).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@pytest.fixture(scope="module")
def countries() -> dict:
    return load("phoenix_countries.yaml")


@pytest.fixture(scope="module")
def actors() -> list[dict]:
    return load("phoenix_actors.yaml")


@pytest.fixture(scope="module")
def agents() -> dict:
    return load("agents.yaml")


def by_name(actors: list[dict], name: str) -> dict:
    found = [a for a in actors if a["name"] == name]
    assert len(found) == 1, f"{name!r}: {len(found)} entries"
    return found[0]


# --- (a) reproducible ----------------------------------------------------------------------


@pytest.mark.skipif(not (RESOURCES / "petrarch2").is_dir(),
                    reason=f"the shared resources are not at {RESOURCES} (set CLAIMGRAPH_SHARED to the shared folder)")
def test_packaged_files_are_what_the_converter_makes(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(CONVERTER), "--resources", str(RESOURCES), "--out", str(tmp_path)],
                   check=True, cwd=ROOT)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (DERIVED / name).read_bytes(), \
            f"{name} is stale or hand-edited: re-run tools/derive_gazetteer.py"


# --- (b) the packaged data -----------------------------------------------------------------


@pytest.mark.parametrize("name", FILES)
def test_each_file_names_its_source_and_licence(name: str) -> None:
    head = (DERIVED / name).read_text(encoding="utf-8").split("\n# Do not edit by hand", 1)[0]
    assert head.startswith("# ") and "tools/derive_gazetteer.py" in head
    assert "commit 676801cd9cb2" in head and "MIT, Copyright (c) 2014 Open Event Data Alliance" in head


def test_capital_is_a_name_of_the_state_and_provinces_are_not(countries: dict) -> None:
    afg = countries["AFG"]
    assert afg["name"] == "Afghanistan"
    assert "Kabul" in afg["names"] and "Afghanistan" in afg["names"]
    assert "Islamic Republic of Afghanistan" in afg["names"]
    assert not {"Herat", "Helmand", "Kandahar", "Jalalabad"} & set(afg["names"] + afg["adjectives"])
    assert afg["adjectives"] == ["Afghan"]
    assert "Afghan National Army" in afg["institutions"] and "ANSF" in afg["institutions"]


def test_countries_are_keyed_by_iso3(countries: dict) -> None:
    assert len(countries) > 150
    for iso, entry in countries.items():
        assert re.fullmatch(r"[A-Z]{3}", iso) and entry["name"]
        assert set(entry) == {"name", "names", "adjectives", "institutions", "places"}
    assert "American" in countries["USA"]["adjectives"] and "Washington" in countries["USA"]["names"]
    assert "Pentagon" in countries["USA"]["institutions"]
    assert "Kremlin" in countries["RUS"]["institutions"]
    assert "Herat" in countries["AFG"]["places"] and "Herat" not in countries["AFG"]["names"]


def test_agents_of_the_state_and_outside_it(agents: dict) -> None:
    nouns = agents["agents"]
    assert nouns["police"] == {"code": "COP", "sector": "state", "label": "police"}
    assert nouns["policeman"]["label"] == nouns["policemen"]["label"] == "police"
    assert nouns["soldier"]["sector"] == "state" and nouns["soldier"]["label"] == "soldiers"
    assert nouns["civilian"] == {"code": "CVL", "sector": "nonstate", "label": "civilians"}
    for noun in ("refugee", "student", "journalist", "protester", "demonstrator", "rebel", "gunman"):
        assert nouns[noun]["sector"] == "nonstate", noun
    assert nouns["protester"]["label"] == "protesters"
    for noun in ("diplomat", "lawmaker", "judge", "minister of defence", "spy"):
        assert nouns[noun]["sector"] == "state", noun
    assert nouns["thieves"]["code"] == "CRM"  # irregular plural from {THIEVES}
    assert "spokesman" not in nouns and "f-16" not in nouns
    for noun, spec in nouns.items():
        assert noun == noun.lower() and spec["sector"] in ("state", "nonstate") and spec["label"]
    codes = agents["codes"]
    assert codes["COP"]["sector"] == "state" and codes["REB"]["sector"] == "nonstate"


def test_known_armed_groups(actors: list[dict]) -> None:
    for name, alias in (("Boko Haram", None), ("Basque Fatherland and Freedom", "ETA"),
                        ("Liberation Tigers of Tamil Eelam", "Tamil Tigers"),
                        ("Revolutionary Armed Forces of Colombia", None), ("Hezbollah", "Hizbullah"),
                        ("Kurdistan Workers' Party", None), ("Aden Abyan Islamic Army", "AAIA")):
        entry = by_name(actors, name)
        assert entry["kind"] == "ARMED_GROUP", name
        assert alias is None or alias in entry["aliases"], (name, alias)
    assert by_name(actors, "Boko Haram")["country"] == "NGA"
    hezbollah = by_name(actors, "Hezbollah")
    assert not any("Nasrallah" in a for a in hezbollah["aliases"])  # a person is not the group


def test_igos_and_people(actors: list[dict]) -> None:
    assert by_name(actors, "World Food Program")["kind"] == "IGO"
    iaea = by_name(actors, "International Atomic Energy Agency")
    assert iaea["kind"] == "IGO" and "IAEA" in iaea["aliases"]
    karzai = by_name(actors, "Hamid Karzai")
    assert karzai["kind"] == "PERSON" and karzai["country"] == "AFG"
    assert "Karzai" not in karzai["aliases"]


def test_entries_are_well_formed(actors: list[dict]) -> None:
    assert [a["name"].casefold() for a in actors] == sorted(a["name"].casefold() for a in actors)
    for a in actors:
        assert set(a) == {"name", "kind", "code", "country", "aliases"}
        assert a["kind"] in KINDS, a
        assert a["country"] is None or re.fullmatch(r"[A-Z]{3}", a["country"]), a
        if a["kind"] == "PERSON":
            assert all(len(n.split()) >= 2 for n in [a["name"], *a["aliases"]]), a


def test_no_bare_common_word_is_an_alias(actors: list[dict]) -> None:
    names = {n.casefold() for a in actors if a["kind"] != "PERSON" for n in [a["name"], *a["aliases"]]}
    for word in ("army", "police", "government", "military", "group", "front", "movement", "party",
                 "target", "shell", "apple", "youth", "foundation", "tigers"):
        assert word not in names, word
