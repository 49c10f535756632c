"""The relation cues derived from PETRARCH2's CAMEO verb dictionary and the CAMEO->PLOVER table.

(a) the packaged file is exactly what tools/derive_lexicon.py makes from the shared resources;
(b) spec checks on the packaged file alone (no resources needed).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from claimgraph.ontology import TYPES

ROOT = Path(__file__).resolve().parents[1]
PACKAGED = ROOT / "src" / "claimgraph" / "nlp" / "lexicon" / "derived" / "cameo.yaml"
CONVERTER = ROOT / "tools" / "derive_lexicon.py"
SHARED = Path(os.environ.get("CLAIMGRAPH_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
RESOURCES = SHARED / "resources"
INPUTS = (RESOURCES / "petrarch2" / "CAMEO.2.0.txt", RESOURCES / "plover" / "CAMEO2PLOVER-2021.txt")

ALLOWED_KEYS = {"type", "target", "prt", "object", "cameo"}
SLOT = re.compile(r"^(dobj|dative|prep:[a-z]+|object-prep:[a-z]+)$")
GENERIC_VERBS = ("be", "have", "do", "make", "get", "take", "give", "go", "come", "say", "tell", "put", "set",
                 "call", "need", "want")


@pytest.fixture(scope="module")
def cues() -> dict:
    return yaml.safe_load(PACKAGED.read_text(encoding="utf-8"))


def frames(section: dict, lemma: str) -> list[dict]:
    spec = section.get(lemma)
    if spec is None:
        return []
    return spec if isinstance(spec, list) else [spec]


def plain(fs: list[dict]) -> list[dict]:
    """The bare frames: no particle, no object constraint."""
    return [f for f in fs if "prt" not in f and "object" not in f]


# --- (a) reproducible ----------------------------------------------------------------------


def test_packaged_file_is_what_the_converter_makes(tmp_path: Path) -> None:
    missing = [str(p) for p in INPUTS if not p.exists()]
    if missing:
        pytest.skip(f"shared resources absent ({', '.join(missing)}); set CLAIMGRAPH_SHARED to the shared folder")
    subprocess.run([sys.executable, str(CONVERTER), "--resources", str(RESOURCES), "--out", str(tmp_path), "--quiet"],
                   check=True, cwd=ROOT)
    assert (tmp_path / "cameo.yaml").read_bytes() == PACKAGED.read_bytes(), \
        "cameo.yaml is stale or hand-edited: re-run tools/derive_lexicon.py"


# --- (b) spec checks on the packaged file ----------------------------------------------------


def test_header_carries_provenance_and_licence() -> None:
    head = PACKAGED.read_text(encoding="utf-8").split("\nverbs:", 1)[0]
    for needle in ("tools/derive_lexicon.py", "CAMEO.2.0.txt", "MIT", "Open Event Data Alliance", "676801cd9cb2",
                   "CAMEO2PLOVER-2021.txt", "CC BY-SA 4.0", "5e0c24fba623", "triggers.yaml"):
        assert needle in head


def test_schema(cues: dict) -> None:
    assert set(cues) == {"verbs", "nouns"}
    assert cues["verbs"] and cues["nouns"]
    for section in ("verbs", "nouns"):
        for lemma in cues[section]:
            assert re.fullmatch(r"[a-z]+", lemma), lemma
            fs = frames(cues[section], lemma)
            assert fs, lemma
            for f in fs:
                assert set(f) <= ALLOWED_KEYS, (lemma, f)
                assert f["type"] in TYPES, (lemma, f)
                assert f["target"] and all(SLOT.match(s) for s in f["target"]), (lemma, f)
                assert isinstance(f["cameo"], str) and re.fullmatch(r"\d{2,4}", f["cameo"]), (lemma, f)
                if "prt" in f:
                    assert isinstance(f["prt"], str) and re.fullmatch(r"[a-z]+", f["prt"]), (lemma, f)
                if "object" in f:
                    assert f["object"] and all(re.fullmatch(r"[a-z]+", o) for o in f["object"]), (lemma, f)
            if section == "nouns":
                assert not any("prt" in f or "object" in f for f in fs), lemma
            # at most one bare frame per lemma, and no two frames with the same key
            assert len([f for f in fs if not {"prt", "object"} & set(f) and "dobj" in f["target"]]) <= 1, lemma
            keys = [(f.get("prt"), tuple(f.get("object", ())), f["type"], tuple(f["target"])) for f in fs]
            assert len(keys) == len(set(keys)), lemma


def test_core_verbs(cues: dict) -> None:
    verbs = cues["verbs"]
    attack = plain(frames(verbs, "attack"))
    assert [f["type"] for f in attack] == ["ASSAULT"] and "dobj" in attack[0]["target"]
    for lemma in ("threaten", "warn"):
        assert [f["type"] for f in plain(frames(verbs, lemma))] == ["THREATEN"], lemma
    assert [f["type"] for f in plain(frames(verbs, "demand"))] == ["REQUEST"]
    for lemma, type_ in (("arrest", "COERCE"), ("kill", "ASSAULT"), ("condemn", "ACCUSE"), ("praise", "SUPPORT"),
                         ("visit", "CONSULT"), ("release", "RETREAT")):
        assert [f["type"] for f in plain(frames(verbs, lemma))] == [type_], lemma


def test_phrasal_and_object_frames(cues: dict) -> None:
    verbs = cues["verbs"]
    # CALL_OFF [160] in the dictionary: reduce relations -> SANCTION, apart from the bare "call"
    call_off = [f for f in frames(verbs, "call") if f.get("prt") == "off" and "object" not in f]
    assert len(call_off) == 1 and call_off[0]["type"] == "SANCTION" and call_off[0]["cameo"] == "160"
    assert not plain(frames(verbs, "call"))
    crack_down = [f for f in frames(verbs, "crack") if f.get("prt") == "down"]
    assert crack_down and crack_down[0]["type"] == "COERCE"
    # OPEN FIRE [193]: open has no event of its own, so only the object frame
    fire = [f for f in frames(verbs, "open") if "fire" in f.get("object", ())]
    assert len(fire) == 1 and fire[0]["type"] == "ASSAULT"
    assert {"prep:on", "object-prep:on"} <= set(fire[0]["target"])
    assert not plain(frames(verbs, "open"))
    launch = [f for f in frames(verbs, "launch") if "attack" in f.get("object", ())]
    assert len(launch) == 1 and launch[0]["type"] == "ASSAULT"
    hold_talks = [f for f in frames(verbs, "hold") if "talk" in f.get("object", ()) and "prt" not in f]
    assert len(hold_talks) == 1 and hold_talks[0]["type"] == "CONSULT"


def test_generic_verbs_have_no_bare_frame(cues: dict) -> None:
    for lemma in GENERIC_VERBS:
        assert not plain(frames(cues["verbs"], lemma)), lemma
    for lemma in ("be", "have", "say", "report", "confirm"):  # no frame at all: they report, not do
        assert lemma not in cues["verbs"], lemma


def test_event_nouns(cues: dict) -> None:
    nouns = cues["nouns"]
    expected = {"attack": "ASSAULT", "protest": "PROTEST", "talk": "CONSULT", "support": "SUPPORT",
                "threat": "THREATEN", "demand": "REQUEST"}
    for lemma, type_ in expected.items():
        assert [f["type"] for f in frames(nouns, lemma)] == [type_], lemma
    assert "prep:on" in frames(nouns, "attack")[0]["target"]
    for lemma in ("government", "police", "part", "step"):  # who-nouns and generic nouns stay out
        assert lemma not in nouns, lemma
