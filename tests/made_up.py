"""Made-up actors and reports for fusion tests at a size no hand-written table reaches."""
from __future__ import annotations

import random

from claimgraph.records import Actor
from claimgraph.resolve.canonical import make_actor
from tests.builders import Report, filler

_SYLLABLES = "ka ri mo sa ten lu vor an del ish ba gor mi na tu rez ol han fi".split()
_KINDS = ["PERSON"] * 4 + ["ORG", "ARMED_GROUP", "PARTY", "MEDIA"]


def made_up_actors(n: int, *, seed: int) -> list[Actor]:
    """Give n made-up actors, a third of them written again otherwise: surname alone, with a title,
    in capitals, or with a letter dropped, added or changed (what the merge rules are for)."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).title()

    out: list[Actor] = []
    while len(out) < n:
        if out and rng.random() < 0.35:
            out.append(variant(rng, rng.choice(out)))
        else:
            kind = rng.choice(_KINDS)
            out.append(make_actor(" ".join(word() for _ in range(2 if kind == "PERSON" else rng.randint(1, 3))), kind))
    return out


def variant(rng: random.Random, actor: Actor) -> Actor:
    name, roll = actor.name, rng.random()
    if actor.kind == "PERSON" and roll < 0.25:
        return make_actor(name.split()[-1], "PERSON")
    if actor.kind == "PERSON" and roll < 0.4:
        return make_actor("Mullah " + name, "PERSON")
    if roll < 0.5:
        return make_actor(name.upper(), actor.kind)
    at = rng.randrange(len(name))
    letter = rng.choice("aeiouy")
    changed = rng.choice([name[:at] + name[at + 1:],            # a letter dropped
                          name[:at] + letter + name[at:],         # added
                          name[:at] + letter + name[at + 1:]])    # or changed
    return make_actor(changed.strip() or name, actor.kind)


def made_up_reports(n: int, *, seed: int) -> list[Report]:
    """Give n reports of 2 to 5 claims each between made-up actors, more of them as the reports go on."""
    rng = random.Random(seed)
    actors = made_up_actors(3 * n, seed=seed)
    out = []
    for i in range(n):
        r = Report(f"r{seed}-{i}.txt", filler(1000 * seed + i), rng.choice(["Dawn", "Reuters", "Nikkei Asia"]))
        for _ in range(rng.randint(2, 5)):
            a, b = rng.sample(actors[: 3 * (i + 1)], 2)
            r.claim(a, rng.choice(["SUPPORT", "ACCUSE", "MEET"]), b,
                    speaker=rng.choice(actors) if rng.random() < 0.3 else None)
        out.append(r)
    return out
