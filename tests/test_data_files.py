"""The knowledge files: a misspelt key is refused, words stay words, and a change to the data
changes the version stored results are stamped with."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from claimgraph import data as data_module
from claimgraph.data import check_keys, data_hash, load_yaml
from claimgraph.errors import ConfigError
from claimgraph.fuse import config as fusion_config
from claimgraph.nlp import lexicon as lexicon_module
from claimgraph.resolve import canonical
from claimgraph.resolve.names import name_words


def _patched(monkeypatch: pytest.MonkeyPatch, module: object, file: str, change) -> None:
    """Make `module` read `file` changed by `change` (a function of the parsed content)."""
    def fake(package: str, name: str):
        content = load_yaml(package, name)
        return change(content) if name == file else content
    monkeypatch.setattr(module, "load_yaml", fake)


@pytest.fixture(autouse=True)
def _fresh_caches():
    lexicon_module.load_lexicon.cache_clear()
    canonical.load_gazetteer.cache_clear()
    yield
    lexicon_module.load_lexicon.cache_clear()
    canonical.load_gazetteer.cache_clear()


def test_a_misspelt_frame_key_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def misspell(triggers):
        verbs = dict(triggers["verbs"], shell={"type": "ASSAULT", "prt_or_prep": "out"})
        return dict(triggers, verbs=verbs)
    _patched(monkeypatch, lexicon_module, "triggers.yaml", misspell)
    with pytest.raises(ConfigError, match=r"triggers.yaml: cue 'shell'.*unknown keys \['prt_or_prep'\]"):
        lexicon_module.load_lexicon()


def test_an_unknown_section_of_the_triggers_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _patched(monkeypatch, lexicon_module, "triggers.yaml", lambda t: dict(t, nested={"verbs": {}}))
    with pytest.raises(ConfigError, match=r"unknown keys \['nested'\]"):
        lexicon_module.load_lexicon()


def test_a_frame_requiring_a_word_list_that_does_not_exist_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def bad(triggers):
        return dict(triggers, verbs=dict(triggers["verbs"], ship={"type": "AID", "requires": ["weapon_nouns"]}))
    _patched(monkeypatch, lexicon_module, "triggers.yaml", bad)
    with pytest.raises(ConfigError, match="requires unknown word lists"):
        lexicon_module.load_lexicon()


def test_a_frame_naming_an_unknown_actor_kind_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def bad(triggers):
        return dict(triggers, verbs=dict(triggers["verbs"], free={"type": "CONCEDE", "when_target": ["HOSTAGE"]}))
    _patched(monkeypatch, lexicon_module, "triggers.yaml", bad)
    with pytest.raises(ConfigError, match="unknown actor kinds"):
        lexicon_module.load_lexicon()


def test_a_word_list_that_is_not_a_list_of_words_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _patched(monkeypatch, lexicon_module, "cues.yaml", lambda c: dict(c, joint_words={"joint": 1}))
    with pytest.raises(ConfigError, match="'joint_words' must be a list of words"):
        lexicon_module.load_lexicon()


def test_a_misspelt_actor_key_or_kind_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _patched(monkeypatch, canonical, "actors.yaml", lambda a: [*a, {"name": "Wagner Group", "kind": "ARMED_GROUP",
                                                                      "alias": ["Wagner"]}])
    with pytest.raises(ConfigError, match=r"Wagner Group: unknown keys \['alias'\]"):
        canonical.load_gazetteer()
    canonical.load_gazetteer.cache_clear()
    _patched(monkeypatch, canonical, "actors.yaml", lambda a: [*a, {"name": "Wagner Group", "kind": "MILITIA"}])
    with pytest.raises(ConfigError, match="unknown kind 'MILITIA'"):
        canonical.load_gazetteer()


def test_a_misspelt_agent_key_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def bad(agents):
        return dict(agents, agents=dict(agents["agents"], sniper={"label": "snipers", "sector": "nonstate",
                                                                  "armd": True}))
    _patched(monkeypatch, canonical, "agents.yaml", bad)
    with pytest.raises(ConfigError, match=r"sniper: unknown keys \['armd'\]"):
        canonical.load_gazetteer()


def test_a_misspelt_fusion_section_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _patched(monkeypatch, fusion_config, "fusion.yaml", lambda f: dict(f, keep_appart=[["A", "B"]]))
    with pytest.raises(ConfigError, match=r"fusion.yaml: unknown keys \['keep_appart'\]"):
        fusion_config.load_config()


def test_check_keys_names_what_is_missing_and_what_is_known() -> None:
    with pytest.raises(ConfigError, match=r"x: missing keys \['kind'\]"):
        check_keys({"name": "A"}, "x", ("name", "kind"), required=("name", "kind"))
    with pytest.raises(ConfigError, match="expected a mapping, found list"):
        check_keys(["name"], "x", ("name",))


def test_no_off_on_and_yes_stay_words_in_the_data_files() -> None:
    cues = load_yaml("claimgraph.nlp.lexicon", "cues.yaml")
    assert "no" in cues["negation_words"]
    assert "off" in cues["compound_preposition_heads"]
    assert all(isinstance(w, str) for v in cues.values() if isinstance(v, list) for w in v)
    assert load_yaml("claimgraph.data", "agents.yaml")["agents"]["gunman"]["armed"] is True


def test_extraction_and_fusion_read_one_list_of_person_titles() -> None:
    words = name_words()
    assert {"mullah", "president", "minister"} <= words.titles
    assert lexicon_module.load_lexicon().words["person_titles"] == words.titles
    assert fusion_config.load_config().person_titles == words.titles | words.articles


def _package(root: Path, name: str, files: dict[str, str]) -> str:
    folder = root / name
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    for file, text in files.items():
        (folder / file).write_text(text)
    return name


def test_the_data_hash_changes_with_any_data_file_and_only_then(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(tmp_path))
    name = _package(tmp_path, "cg_data_sample", {"a.yaml": "x: [1]\n", "b.tsv": "k\tv\n", "notes.txt": "free"})

    def hash_now(*sources: str) -> str:
        data_hash.cache_clear()
        return data_hash(*sources)

    try:
        first = hash_now(name)
        (tmp_path / name / "notes.txt").write_text("other")  # not a data file
        assert hash_now(name) == first
        (tmp_path / name / "b.tsv").write_text("k\tw\n")
        second = hash_now(name)
        assert second != first
        (tmp_path / name / "a.yaml").write_text("x: [2]\n")
        assert hash_now(name) != second
        assert hash_now(f"{name}:a.yaml") != hash_now(f"{name}:b.tsv")
    finally:
        sys.modules.pop(name, None)
        data_hash.cache_clear()


def test_the_extractor_version_and_the_fusion_fingerprint_carry_the_data_hash(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from claimgraph.nlp import extract

    class Pipeline:
        meta = {"name": "core_web_sm", "version": "3.8.0"}

    class Stub:
        nlp = Pipeline()

    before_version = extract.version_of(Stub())  # type: ignore[arg-type]
    before_fingerprint = fusion_config.load_config().fingerprint
    assert data_hash(*extract.EXTRACTION_DATA) in before_version
    changed = {extract.EXTRACTION_DATA: "0" * 12, fusion_config.FUSION_DATA: "1" * 12}
    monkeypatch.setattr(extract, "data_hash", lambda *sources: changed[sources])
    monkeypatch.setattr(fusion_config, "data_hash", lambda *sources: changed[sources])
    assert extract.version_of(Stub()) != before_version  # type: ignore[arg-type]
    assert fusion_config.load_config().fingerprint != before_fingerprint


def test_every_data_file_the_package_ships_is_read_by_a_loader() -> None:
    from importlib import resources
    read = {"actors.yaml", "agents.yaml", "countries.yaml", "fusion.yaml", "names.yaml", "outlets.yaml"}
    shipped = {i.name for i in resources.files(data_module.__name__).iterdir() if i.name.endswith(".yaml")}
    assert shipped == read
