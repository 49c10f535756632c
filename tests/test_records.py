"""Every record reads back from its own `to_dict`, also through JSON: `X.from_dict(x.to_dict()) == x`."""
from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimgraph.records import Actor, Claim, Document, Evidence, Mention

text = st.text(max_size=30)
maybe = st.none() | text
offset = st.integers(min_value=0, max_value=10_000)

actors = st.builds(Actor, id=text, name=text, kind=st.sampled_from(["COUNTRY", "ARMED_GROUP", "PERSON", "SOURCE"]))
evidence = st.builds(Evidence, start=offset, end=offset, text=text)
documents = st.builds(Document, id=text, name=text, text=text, title=maybe, author=maybe, outlet=maybe, date=maybe,
                      url=maybe, source=maybe, format=st.sampled_from(["text", "html", "jsonl"]))
mentions = st.builds(Mention, doc=text, actor=actors, start=offset, end=offset, text=text, rule=text)
claims = st.builds(Claim, doc=text, source=actors, type=st.sampled_from(["SUPPORT", "ASSAULT", "REJECT"]),
                   target=actors, evidence=evidence, negated=st.booleans(), speaker=st.none() | actors,
                   hedged=st.booleans(), date=maybe, cue=maybe, cue_span=st.none() | st.tuples(offset, offset),
                   quantity=maybe, rule=maybe, model=maybe)
records = st.one_of(documents, evidence, actors, mentions, claims)


@given(records)
def test_a_record_reads_back_from_its_dict(record):
    assert type(record).from_dict(record.to_dict()) == record


@given(records)
def test_a_record_reads_back_from_its_dict_written_as_json(record):
    assert type(record).from_dict(json.loads(json.dumps(record.to_dict()))) == record


CHINA, TALIBAN = Actor("a1", "China", "COUNTRY"), Actor("a2", "Taliban", "ARMED_GROUP")
CLAIM = Claim(doc="dawn.txt", source=CHINA, type="SUPPORT", target=TALIBAN,
              evidence=Evidence(4, 30, "China backs them"), speaker=Actor("a3", "Dawn", "MEDIA"), date="2021-06",
              cue="backs", cue_span=(10, 15))


def test_a_claim_dict_names_its_actors_with_their_ids_and_kinds():
    assert CLAIM.to_dict() == {
        "doc": "dawn.txt", "source": "China", "type": "SUPPORT", "target": "Taliban", "negated": False,
        "speaker": "Dawn", "hedged": False, "date": "2021-06",
        "evidence": {"start": 4, "end": 30, "text": "China backs them"},
        "source_kind": "COUNTRY", "target_kind": "ARMED_GROUP", "speaker_kind": "MEDIA",
        "source_id": "a1", "target_id": "a2", "speaker_id": "a3",
        "cue": "backs", "cue_span": [10, 15], "quantity": None, "rule": None, "model": None,
    }


def test_a_mention_dict_flattens_its_actor_like_a_claim():
    mention = Mention("dawn.txt", CHINA, 0, 5, "China", "gazetteer")
    assert mention.to_dict() == {"doc": "dawn.txt", "actor": "China", "actor_id": "a1", "actor_kind": "COUNTRY",
                                 "start": 0, "end": 5, "text": "China", "rule": "gazetteer"}


def test_a_document_dict_gives_its_word_count_which_reading_it_back_ignores():
    document = Document(id="d1", name="a.txt", text="Three short words")
    assert document.to_dict()["words"] == 3
    assert Document.from_dict(document.to_dict() | {"record": "document"}) == document


def test_a_claim_without_a_speaker_reads_back_without_one():
    alone = Claim(doc="a", source=CHINA, type="REJECT", target=TALIBAN, evidence=Evidence(0, 1, "x"))
    assert alone.to_dict()["speaker_id"] is None and Claim.from_dict(alone.to_dict()).speaker is None


@pytest.mark.parametrize("record_type", [Document, Evidence, Actor, Mention, Claim])
def test_a_missing_key_is_a_key_error_naming_it(record_type):
    with pytest.raises(KeyError):
        record_type.from_dict({})
