"""The number a claim gives ("with the support of more than 10,000 foreign fighters")."""
from __future__ import annotations

from spacy.tokens import Token

_NUMBER_ENTS = frozenset({"CARDINAL", "MONEY", "QUANTITY", ""})


def quantity_of(trigger: Token) -> str | None:
    """Give the counted phrase next to a cue word (its arguments or the noun it modifies), if any."""
    near = [trigger, *trigger.children, *(g for c in trigger.children for g in c.children)]
    if trigger.dep_ in ("acl", "relcl"):  # "the 75 missiles fired by the United States"
        near.insert(0, trigger.head)
    for noun in near:
        if noun.pos_ not in ("NOUN", "PROPN"):
            continue
        for number in noun.children:
            if number.dep_ == "nummod" and number.ent_type_ in _NUMBER_ENTS and number.i < noun.i:
                words = [t for t in number.subtree if t.i < noun.i]
                return " ".join([*(t.text for t in words), noun.text])
    return None
