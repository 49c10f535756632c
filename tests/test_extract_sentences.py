"""Sentences and the claims they must give: one row per construction, on several conflicts.

A row lists claims as "SOURCE TYPE TARGET" (prefix "NOT " when negated) with the expected
speaker after " @ " ("-" when the report says it in its own voice), and optionally a third list of
claims that may be given. Rows are exact: every listed claim must be given, and nothing else
but the optional ones (an empty list means the text gives no claim at all).
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def extract():
    from claimgraph import extract_text

    def run(text: str) -> set[str]:
        out = set()
        for c in extract_text(text):
            speaker = c.speaker.name if c.speaker else "-"
            out.add(f"{'NOT ' if c.negated else ''}{c.source.name} {c.type} {c.target.name} @ {speaker}")
        return out
    return run


ROWS: list[tuple] = [
    # active and passive voice
    ("Russian forces attacked Ukrainian positions near Kharkiv.", ["Russia ASSAULT Ukraine @ -"]),
    ("Dozens of protesters were detained by the Iranian police.", ["Iran COERCE protesters @ -"]),
    ("Hamas fighters were killed by Israeli troops in Gaza.", ["Israel ASSAULT Hamas @ -"]),
    ("Missiles fired by the United States into al-Qaeda camps missed.", ["United States ASSAULT Al-Qaeda @ -"]),
    # capitals, demonyms and institutions stand for the state
    ("Beijing has called on the Taliban to act.", ["China REQUEST Taliban @ -"]),
    ("The Pakistani police arrested Uyghurs in Rawalpindi.", ["Pakistan COERCE Uyghurs @ -"]),
    ("Afghan security forces killed militants of the Islamic State.", ["Afghanistan ASSAULT Islamic State @ -"]),
    # coordination of subjects, objects and verbs
    ("Pakistan and Turkey have joined Beijing.", ["Pakistan COOPERATE China @ -", "Turkey COOPERATE China @ -"]),
    ("Egypt has detained and deported Uyghurs.", ["Egypt COERCE Uyghurs @ -"]),
    ("The militia, which protected, nurtured and trained ETIM, grew.", ["militias AID ETIM @ -"]),
    ("China and Saudi Arabia have signed deals worth billions.", ["China AGREE Saudi Arabia @ -"]),
    # nominalisations
    ("China's support to the Taliban worried Washington.", ["China SUPPORT Taliban @ -"]),
    ("The capture of Omar Haddad by French troops was announced.", ["France COERCE Omar Haddad @ -"]),
    ("China began open cooperation with the Taliban.", ["China COOPERATE Taliban @ -"]),
    ("The Houthis gained ground with the support of Iran.", ["Iran SUPPORT Houthis @ -"]),
    # relative clauses
    ("Pakistan, which China accused of harbouring militants, denied it.",
     ["China ACCUSE Pakistan @ -", "Pakistan AID militants @ China", "NOT Pakistan AID militants @ Pakistan"]),
    # accusations give two claims
    ("The United States has accused China of persecuting the Uyghurs.",
     ["United States ACCUSE China @ -", "China COERCE Uyghurs @ United States"]),
    ("Kyiv accused Moscow of shelling civilians.", ["Ukraine ACCUSE Russia @ -", "Russia ASSAULT civilians @ Ukraine"]),
    # denials and negation
    ("China didn't sign a UN Security Council resolution that imposed an embargo on the Taliban.",
     ["UN Security Council SANCTION Taliban @ -", "NOT China SANCTION Taliban @ -"]),
    ("Russia never supplied weapons to the Houthis.", ["NOT Russia AID Houthis @ -"]),
    ("Nothing was said about the talks in Doha.", []),
    ("Iran denied arming the Houthis.", ["NOT Iran AID Houthis @ Iran"]),
    ("The OIC failed to condemn China.", ["NOT Organization of Islamic Cooperation ACCUSE China @ -"]),
    # attribution
    ("According to Reuters, Turkey deported Uyghurs to China.", ["Turkey COERCE Uyghurs @ Reuters"]),
    ("Western officials said that Iran armed the Houthis.", ["Iran AID Houthis @ Western officials"]),
    ("“Russia attacked Ukraine without warning,” Antonio Guterres said.",
     ["Russia ASSAULT Ukraine @ Antonio Guterres"]),
    ("Antonio Guterres said: “Russia attacked Ukraine without warning.”",
     ["Russia ASSAULT Ukraine @ Antonio Guterres"]),
    ("Al-Qaeda is aiding the Taliban, Nikkei Asia has reported.", ["Al-Qaeda AID Taliban @ Nikkei Asia"]),
    # appositions and titles give AFFILIATE
    ("Taliban spokesman Suhail Shaheen spoke to reporters.", ["Suhail Shaheen AFFILIATE Taliban @ -"]),
    ("Suhail Shaheen, a Taliban representative, spoke.", ["Suhail Shaheen AFFILIATE Taliban @ -"]),
    ("Hamas leader Yahya Sinwar was killed.", ["Yahya Sinwar AFFILIATE Hamas @ -"]),
    # acronyms defined in the text
    ("The Rapid Support Forces (RSF) attacked El Fasher. The Sudanese army said RSF fighters killed civilians.",
     ["Rapid Support Forces ASSAULT civilians @ Sudan"],
     ["Rapid Support Forces ASSAULT El Fasher @ -"]),  # a town the gazetteer does not know read as a party
    # a people is not the armed group drawn from it
    ("China accused the Taliban of harboring Uyghur separatists.",
     ["China ACCUSE Taliban @ -", "Taliban AID Uyghur militants @ China"]),
    # pronouns
    ("The Taliban met Chinese officials in Tianjin. They promised to fight ETIM.", ["Taliban CONSULT China @ -"],
     ["Taliban AGREE ETIM @ -", "Taliban THREATEN ETIM @ -"]),  # a promise to fight: THREATEN would be better
]


@pytest.mark.parametrize("row", ROWS, ids=[r[0][:50] for r in ROWS])
def test_sentence_gives_exactly_its_claims(extract, row: tuple) -> None:
    text, expected, optional = (*row, [])[:3]
    found = extract(text)
    missing = sorted(set(expected) - found)
    unexpected = sorted(found - set(expected) - set(optional))
    assert not missing and not unexpected, f"missing {missing}; unexpected {unexpected}; found {sorted(found)}"


@pytest.mark.parametrize("text", [
    "Latest News\n\nRussia attacked Ukraine.",
    "Sign up to one of our newsletters to get Hamas attacks Israel news in your inbox.",
    "The Kashmir Walla needs you, urgently. China supports Pakistan, we can help you.",
])
def test_boilerplate_yields_nothing(extract, text: str) -> None:
    assert extract(text) == set()


def test_claims_carry_evidence_and_flags() -> None:
    from claimgraph import extract_text

    text = "In Syria, the group reportedly attacked NATO forces in March 2014."
    [claim] = [c for c in extract_text("TIP is active. " + text) if c.type == "ASSAULT"]
    assert claim.evidence.text == text
    assert ("TIP is active. " + text)[claim.evidence.start:claim.evidence.end] == text
    assert claim.hedged and claim.date == "2014-03" and claim.source.name == "ETIM"
