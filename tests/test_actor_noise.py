"""What is not an actor stays out of the actor list, and a news outlet is one actor under its one name."""
from __future__ import annotations

import pytest
from spacy.tokens import Span

from claimgraph.records import Document
from claimgraph.resolve.canonical import load_gazetteer, outlet_index

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def extractor():
    from claimgraph.nlp.extract import Extractor
    from claimgraph.settings import DEFAULT_MODEL

    return Extractor.load(DEFAULT_MODEL)


def actors_of(extractor, text: str, *, person: str | None = None) -> set[tuple[str, str]]:
    """The (name, kind) of every actor found in `text`; `person`: a word the NER is made to read as a
    person's name, as the small model does with some acronyms."""
    doc = extractor.nlp(text)
    if person is not None:
        i = next(t.i for t in doc if t.text == person)
        doc.ents = [e for e in doc.ents if not (e.start <= i < e.end)] + [Span(doc, i, i + 1, label="PERSON")]
    found = extractor.read(Document(id="t", name="t", text=text), doc)
    return {(m.actor.name, m.actor.kind) for m in found.mentions}


@pytest.mark.parametrize(("text", "word"), [
    ("Islamabad said CPEC would bring investment to Gwadar despite the attacks.", "CPEC"),
    ("Nairobi said LAPSSET would be guarded after al-Shabaab attacked road workers.", "LAPSSET"),
])
def test_an_acronym_the_ner_took_for_a_name_is_no_person(extractor, text, word):
    assert not any(name == word for name, _ in actors_of(extractor, text, person=word))


def test_a_name_in_capitals_in_a_headline_in_capitals_is_still_a_person(extractor):
    assert ("PUTIN", "PERSON") in actors_of(extractor, "PUTIN WARNS KYIV OVER STRIKES", person="PUTIN")


@pytest.mark.parametrize(("text", "outlet"), [
    ("Ethiopian officials told DW that Tigrayan forces had withdrawn from the town.", "Deutsche Welle"),
    ("Speaking to the Washington Post, a Sudanese general said the RSF had shelled the camp.",
     "The Washington Post"),
    ("Colombia's army said the ELN had bombed a pipeline, Agence France-Presse reported.", "Agence France-Presse"),
])
def test_a_news_outlet_named_in_the_text_is_one_media_actor_and_never_the_place_in_its_name(extractor, text, outlet):
    found = actors_of(extractor, text)
    assert (outlet, "MEDIA") in found
    assert ("United States", "COUNTRY") not in found


def test_every_outlet_name_and_alias_leads_to_its_canonical_name():
    index = outlet_index()
    assert index["rfe rl"] == index["radio free europe radio liberty"]
    gazetteer = load_gazetteer()
    assert gazetteer.lookup("Voice of America").kind == "MEDIA"
    assert gazetteer.lookup("Dawn") is None  # a one-word name is an outlet only where the NER reads a body
