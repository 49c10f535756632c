"""Page furniture and paragraphs: what a reader skips is never a claim, and no sentence runs on
from a header line or a paragraph into the next.

Furniture lines (bylines, datelines, credits, share and tag lines) are data in the lexicon's
`furniture_lines`; each row below names a line and the part of it that is furniture.
"""
from __future__ import annotations

import re
import time

import pytest

from claimgraph.data import load_yaml
from claimgraph.nlp.boilerplate import boilerplate_ranges, furniture_ranges, sentence_starts
from claimgraph.nlp.lexicon import load_lexicon

LINES = [
    # bylines
    ("By Musa Uçan", "By Musa Uçan"),
    ("By Amina Osman | Reuters", "By Amina Osman | Reuters"),
    ("Reporting by Ali Khan and J. Smith, AFP", "Reporting by Ali Khan and J. Smith, AFP"),
    ("Oleksandr Marchenko | Kyiv Independent", "Oleksandr Marchenko | Kyiv Independent"),
    # datelines and times
    ("July 1, 2020", "July 1, 2020"),
    ("date 2021-05-23", "date 2021-05-23"),
    ("Updated: 14:20 GMT", "Updated: 14:20 GMT"),
    ("Published 3 March 2024, 09:15 GMT", "Published 3 March 2024, 09:15 GMT"),
    ("4 min read", "4 min read"),
    # credits and captions
    ("Photo: AFP/Getty Images", "Photo: AFP/Getty Images"),
    ("Image credit: Anadolu Agency", "Image credit: Anadolu Agency"),
    ("File photo", "File photo"),
    ("Residents flee Goma, March 2024 (AFP via Getty Images)", "(AFP via Getty Images)"),
    ("Houthi fighters parade in Sanaa. | Hani Mohammed / AP", "| Hani Mohammed / AP"),
    # share, print and tag lines
    ("Share on Twitter", "Share on Twitter"),
    ("Download PDF", "Download PDF"),
    ("WhatsApp", "WhatsApp"),
    ("Facebook | X | Email", "Facebook | X | Email"),
    ("Tags: Sudan, Darfur, RSF", "Tags: Sudan, Darfur, RSF"),
    # a dateline before the first sentence: the prefix goes, the sentence stays
    ("GOMA, March 3 (Reuters) - M23 rebels attacked Congolese troops.", "GOMA, March 3 (Reuters) - "),
    ("SANAA, Yemen (AP) — The Houthis attacked a Saudi oil facility.", "SANAA, Yemen (AP) — "),
    ("Islamabad, Apr 26 (V7N)- Pakistan denied any role in the attack.", "Islamabad, Apr 26 (V7N)- "),
    # reporting, not furniture
    ("By Monday, the rebels had fled Sake.", None),
    ("By 2020, China detained Uyghurs", None),
    ("Photos by residents show Russian troops shelling the town.", None),
    ("UN report accuses Rwanda of backing rebels", None),
    ("Ukraine attacked the depot (as reported by AFP)", None),
    ("Like Turkey, Egypt has detained and deported Uyghurs to China.", None),
    ("Colombian President Ivan Duque", None),
]


@pytest.mark.parametrize("line, furniture", LINES)
def test_furniture_line(line, furniture):
    text = f"Intro.\n\n  {line}\n\nEnd."
    found = [text[a:b] for a, b in furniture_ranges(text, load_lexicon())]
    assert found == ([furniture] if furniture else [])


FURNITURE_PATTERNS = [re.compile(p, re.I) for p in load_yaml("claimgraph.nlp.lexicon", "cues.yaml")["furniture_lines"]]


@pytest.mark.parametrize("pattern", [*FURNITURE_PATTERNS, load_lexicon().furniture_lines], ids=lambda p: p.pattern[:40])
def test_furniture_patterns_are_linear(pattern):
    lines = ["By " + "Ab-" * 20000 + "1", "A " * 20000 + "x", "1 " * 20000 + "x", "12.30 " * 5000 + "x",
             "share " * 10000 + "zz", "#a " * 10000 + "!", "(" + "a/" * 20000 + "x", "KABUL " * 10000]
    start = time.perf_counter()
    for line in lines:
        pattern.search(line)
    assert time.perf_counter() - start < 1.0


def test_title_line_is_left_out_only_when_it_is_the_title():
    text = "UN report accuses Rwanda of backing rebels\n\nRwanda denied backing the M23 rebels."
    lex = load_lexicon()
    assert boilerplate_ranges(text, lex, title="UN report accuses Rwanda of backing rebels") == [(0, 42)]
    assert boilerplate_ranges(text, lex) == []
    assert boilerplate_ranges(text, lex, title="Another headline") == []


STARTS = [
    # a blank line, a header line without final punctuation, furniture edges
    ("Kenya sent troops without evidence\n\nThat year rebels attacked.", ["Kenya", "That"]),
    ("Ukraine accuses Russia of shelling Kharkiv\nRussian forces attacked the city.", ["Ukraine", "Russian"]),
    ("GOMA, March 3 (Reuters) - M23 rebels attacked Sake.", ["GOMA,", "M23"]),
    # a hard-wrapped paragraph breaks lines inside its sentences
    ("The Taliban said on Monday that\nKabul had fallen and that\nthe president fled.", ["The"]),
    # a line ending in a colon runs on
    ("The spokesman said:\n“We will respond.”", ["The"]),
]


@pytest.mark.parametrize("text, expected", STARTS)
def test_sentence_starts(text, expected):
    assert [text[i:].split()[0] for i in sentence_starts(text, load_lexicon())] == expected


FURNITURE_TEXTS = [
    # Sudan
    ("By Amina Osman | Reuters\nUpdated: 14:20 GMT\nPhoto: AFP/Getty Images\n\n"
     "The Sudanese army said the Rapid Support Forces attacked civilians in El Fasher on Sunday.\n\n"
     "Share on Twitter\nDownload PDF",
     ["Rapid Support Forces ASSAULT civilians"]),
    # Russia and Ukraine
    ("Written by Oleksandr Marchenko\n\nMarch 3, 2024, 09:15 GMT\n\n"
     "Ukraine accused Russia of shelling civilians in Kharkiv.\n\nImage credit: Getty Images\n\n"
     "WhatsApp\nPrint this article",
     ["Ukraine ACCUSE Russia"]),
    # Sudan, with a credit closing a caption
    ("Tags: Sudan, Darfur, RSF\nFile photo\n"
     "The Rapid Support Forces attacked El Fasher, the Sudanese army said ( Getty Images)",
     ["Rapid Support Forces ASSAULT El Fasher"]),
]
NEVER_ACTORS = re.compile(r"twitter|pdf|gmt|getty|reuters|whatsapp|amina osman|marchenko", re.I)


def _claims(text: str) -> list:
    from claimgraph import extract_text

    return extract_text(text)


@pytest.mark.model
@pytest.mark.parametrize("text, expected", FURNITURE_TEXTS)
def test_furniture_gives_no_claims(text, expected):
    claims = _claims(text)
    furniture = furniture_ranges(text, load_lexicon())
    for c in claims:
        assert not any(a < c.evidence.end and c.evidence.start < b for a, b in furniture), c.evidence.text
        for actor in (c.source, c.target, c.speaker):
            assert actor is None or not NEVER_ACTORS.search(actor.name), actor.name
    assert set(expected) <= {f"{c.source.name} {c.type} {c.target.name}" for c in claims}


PARAGRAPH_TEXTS = [
    # a paragraph ending without a full stop, on Yemen
    "The Houthis fired missiles at Saudi Arabia without any warning\n\n"
    "That same week, Saudi Arabia accused Iran of arming the Houthis.",
    # a title line without punctuation over the body, on Ukraine
    "Ukraine accuses Russia of shelling civilians in Kharkiv\n"
    "Russian forces attacked the city overnight, the mayor said.",
    # a closing quote before the blank line, on Eritrea and Ethiopia
    "“We urge that any such troops be withdrawn immediately”\n\n"
    "Eritrea has come under rocket fire since Ethiopia launched an offensive in Tigray.",
    # section headings between paragraphs, on Xinjiang
    "Egypt expels, Saudi and Islamic worlds remain silent\n\n"
    "Like Turkey, Egypt has detained and deported Uyghurs to China. Saudi Arabia said nothing.",
]


@pytest.mark.model
@pytest.mark.parametrize("text", PARAGRAPH_TEXTS)
def test_sentences_stay_within_a_paragraph(text):
    from claimgraph.nlp.pipeline import load_pipeline
    from claimgraph.settings import DEFAULT_MODEL

    doc = load_pipeline(DEFAULT_MODEL)(text)
    for sent in doc.sents:
        assert "\n" not in sent.text.strip(), sent.text
        assert len(sent.text.strip()) > 1, [s.text for s in doc.sents]
    for c in _claims(text):
        assert "\n" not in c.evidence.text


@pytest.mark.model
def test_paragraph_split_keeps_the_claims():
    claims = {f"{c.source.name} {c.type} {c.target.name}" for c in _claims(PARAGRAPH_TEXTS[0])}
    assert {"Saudi Arabia ACCUSE Iran", "Iran AID Houthis"} <= claims


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    ("GOMA, March 3 (Reuters) - M23 rebels attacked Congolese troops near Sake on Monday.",
     "M23 ASSAULT Democratic Republic of the Congo"),
    ("SANAA, Yemen (AP) — The Houthis attacked a Saudi oil facility.", "Houthis ASSAULT Saudi Arabia"),
])
def test_dateline_prefix_keeps_its_sentence(text, expected):
    claims = _claims(text)
    assert expected in {f"{c.source.name} {c.type} {c.target.name}" for c in claims}
    for c in claims:
        assert all(actor is None or not NEVER_ACTORS.search(actor.name) for actor in (c.source, c.target, c.speaker))
        assert c.evidence.start >= text.index("-" if "-" in text else "—") + 2


@pytest.mark.model
def test_title_line_of_a_text_file_gives_no_claim(tmp_path):
    from claimgraph.actions import extract_documents, read

    path = tmp_path / "report.txt"
    path.write_text("Saudi Arabia accuses Iran of arming the Houthis\n\nBy Amina Osman\n\n"
                    "The Houthis attacked a Saudi oil facility on Monday.\n", encoding="utf-8")
    [outcome] = list(extract_documents(read([str(path)])))
    assert outcome.document is not None
    assert outcome.document.title == "Saudi Arabia accuses Iran of arming the Houthis"
    assert outcome.claims
    assert all(c.evidence.start > len(outcome.document.title) for c in outcome.claims)
