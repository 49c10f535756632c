"""The questions analysts ask of the fused view, each a function over a store giving plain rows.

The queries only read: a question never writes to the store. The fused view is brought up to date
(reports stored since the last fusion folded in, or a rebuild when the aliases changed) by `fuse`,
which is called in exactly these places:

- `claimgraph fuse`, and `claimgraph ingest` and `claimgraph import` after their batch;
- `claimgraph.cli.stores.fused_store`, which opens the store for every CLI command that reads the
  fused view (actors, actor, relations, contradictions, timeline, outlets, export) and fuses once;
- the workbench: when the app is made (`claimgraph.web.app.create_app`, hence `claimgraph serve`)
  and after an upload; its GET routes only read;
- in the Python API, by the caller: `fuse(store)` after ingesting, before asking.

`generation(store)` tells when answers kept from before may be stale (the workbench keeps them).
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from itertools import combinations
from typing import TYPE_CHECKING, Any

from rapidfuzz import process

from claimgraph.errors import QueryError
from claimgraph.fuse.config import FusionConfig, load_config
from claimgraph.fuse.contradict import denials, disagree, quantity_range, topic_of, unit_of
from claimgraph.ontology import QUAD, SYMMETRIC, TYPES
from claimgraph.resolve.canonical import load_gazetteer
from claimgraph.resolve.names import normalise
from claimgraph.store import Store

if TYPE_CHECKING:
    from claimgraph.fuse.update import FuseReport


# ---- fusing -------------------------------------------------------------------------------------

def fusion_config(store: Store) -> FusionConfig:
    """Give the fusion rules with the aliases file last given to this store."""
    return load_config(store.fusion_setting("aliases") or "", where=f"{store.where} (stored aliases)")


def fuse(store: Store, *, aliases: str | None = None, aliases_from: str = "aliases file",
         rebuild: bool = False) -> FuseReport:
    """Bring the fused view up to date; a new aliases text (YAML) is checked, kept and applied."""
    # fusion's MinHash libraries (datasketch, numpy) load when fusing, not for every query or --help
    from claimgraph.fuse.update import update

    if aliases is not None:
        load_config(aliases, where=aliases_from)  # refuse a malformed file before storing it
        with store.transaction():
            store.set_fusion_setting("aliases", aliases)
    return update(store, fusion_config(store), rebuild=rebuild)


def generation(store: Store) -> str:
    """Give a value that changes whenever an answer of this module may change.

    It changes when a report is stored, replaced or removed, when reports are fused, and when the
    fusion rules or aliases change (a rebuild). What it can miss: a report re-extracted (by a new
    pipeline version) and fused again between two readings, with as many claims as before.
    """
    parts = [store.fusion_fingerprint(), store.fusion_stale(), store.unfused_documents(),
             sorted(store.document_names()), store.stats()]
    return hashlib.sha1(json.dumps(parts, default=str).encode()).hexdigest()


# ---- naming ---------------------------------------------------------------------------------------

def resolve_actor(store: Store, name: str) -> str:
    """Give the canonical id of the actor a user names (any name it was seen under, or a gazetteer alias)."""
    known = load_gazetteer().lookup(name)
    if known is not None:
        linked = store.canonical_of(known.id)
        if linked:
            return linked
    by_key: dict[str, set[str]] = defaultdict(set)
    for n, cid in store.actor_name_rows():
        by_key[normalise(n)].add(cid)
    found = by_key.get(normalise(name))
    if found and len(found) == 1:
        return next(iter(found))
    if found:
        raise QueryError(f"'{name}' names {len(found)} actors; use the full name")
    guesses = process.extract(normalise(name), list(by_key), limit=3, score_cutoff=70)
    hint = f"; did you mean {', '.join(repr(g[0]) for g in guesses)}?" if guesses else ""
    raise QueryError(f"no actor called '{name}' in the store{hint}")


def _check_type(type_: str | None) -> list[str]:
    if type_ is None:
        return []
    if type_.upper() not in TYPES:
        raise QueryError(f"unknown type '{type_}'; one of {', '.join(TYPES)}")
    return [type_.upper()]


class _Labels:
    """Readable names for the outlets, actors and reports origins point at."""

    def __init__(self, store: Store) -> None:
        self.outlets = {normalise(o): o for o in store.all_outlets() if o}
        self.actors = store.fused_actor_names()
        self.docs = store.document_names()

    def origin(self, origin: str) -> str:
        kind, _, key = origin.partition(":")
        if kind == "outlet":
            return self.outlets.get(key) or self.actors.get(key) or key.title()
        if kind == "actor":
            return self.actors.get(key, key)
        return "report " + self.docs.get(key, key)


# ---- queries --------------------------------------------------------------------------------------

def actors(store: Store, *, kind: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Give canonical actors ranked by degree (how many others they are tied to), then by mentions."""
    rows = [r for r in store.fused_actor_rows() if kind is None or r["kind"] == kind.upper()]
    rows.sort(key=lambda r: (-r["degree"], -r["claims"], -r["mentions"], r["name"]))
    return rows[:limit] if limit else rows


def actor(store: Store, name: str, *, why: bool = False) -> dict[str, Any]:
    """Give one actor: its names, its relations out and in grouped by type, and (why) its merges."""
    config = fusion_config(store)
    cid = resolve_actor(store, name)
    found = store.fused_actor(cid)
    gazetteer = load_gazetteer()
    names = [n | {"why": (gazetteer.why(n["name"]) if n["rule"] == "gazetteer" else None)
                  or config.mention_rules.get(n["rule"], n["rule"])} for n in store.surface_names(cid)]
    rels = _with_members(store, store.relation_rows(either=[cid]))
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    into: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rels:
        if r["source_id"] == cid:
            out[r["type"]].append(r)
        if r["target_id"] == cid:
            into[r["type"]].append(r)
    result: dict[str, Any] = {**(found or {}), "names": names, "out": dict(out), "in": dict(into)}
    if why:
        result["merged"] = store.actor_links_of(cid)
    return result


def relations(store: Store, *, source: str | None = None, target: str | None = None,
              type: str | None = None, outlet: str | None = None, since: str | None = None,
              until: str | None = None, min_sources: int = 0, evidence: bool = False) -> list[dict[str, Any]]:
    """Give fused relations matching the filters, with the reports, outlets and origins behind each."""
    config = fusion_config(store)
    sources = [resolve_actor(store, source)] if source else []
    targets = [resolve_actor(store, target)] if target else []
    types = _check_type(type)
    args: dict[str, Any] = {"types": types, "outlet": normalise(outlet) if outlet else None, "since": since,
                            "until": until, "min_sources": min_sources}
    rows = store.relation_rows(sources=sources, targets=targets, **args)
    if sources or targets:  # a symmetric tie stored the other way round answers the question too
        seen = {r["id"] for r in rows}
        swapped = store.relation_rows(sources=targets, targets=sources,
                                      **(args | {"types": types or sorted(SYMMETRIC)}))
        rows += [_swap(r) for r in swapped if r["type"] in SYMMETRIC and r["id"] not in seen]
    contested = _contested(store, config)
    rows = _with_members(store, rows)
    for r in rows:
        r["contested"] = r["id"] in contested
    if evidence:
        by_rel = defaultdict(list)
        for e in store.relation_evidence([r["id"] for r in rows]):
            by_rel[e["rel_id"]].append(e)
        for r in rows:
            r["evidence"] = by_rel[r["id"]]
    return rows


def _swap(r: dict[str, Any]) -> dict[str, Any]:
    return r | {"source_id": r["target_id"], "target_id": r["source_id"], "source": r["target"],
                "target": r["source"], "source_kind": r["target_kind"], "target_kind": r["source_kind"]}


def _with_members(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    labels = _Labels(store)
    ids = [r["id"] for r in rows]
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    for kind in ("doc", "outlet", "origin"):
        for rel, key, _ in store.relation_members(ids, kind):
            name = {"doc": labels.docs.get(key, key), "outlet": labels.outlets.get(key, key),
                    "origin": labels.origin(key)}[kind]
            members[(rel, kind)].append(name)
    return [r | {"quad": QUAD[r["type"]], "documents": sorted(members[(r["id"], "doc")]),
                 "outlet_names": sorted(members[(r["id"], "outlet")]),
                 "origin_names": sorted(members[(r["id"], "origin")])} for r in rows]


def contradictions(store: Store) -> list[dict[str, Any]]:
    """Give every tie asserted by some and denied by others, and every count that disagrees, side by side."""
    config = fusion_config(store)
    rels = store.relation_rows()
    labels = _Labels(store)
    found = denials(rels, config.tie_types)
    ev = _evidence_by_rel(store, [r for c in found for r in c.asserted + c.denied], labels)
    out = []
    for c in found:
        out.append(_contradiction("denial", c.topic, c.asserted + c.denied, [
            {"stance": "asserts", "relations": [_label(r) for r in c.asserted],
             "claims": [e for r in c.asserted for e in ev[r["id"]]]},
            {"stance": "denies", "relations": [_label(r) for r in c.denied],
             "claims": [e for r in c.denied for e in ev[r["id"]]]}]))
    out += _number_disputes(store, rels, config, labels)
    return out


def _label(r: dict[str, Any]) -> str:
    return f"{r['source']} {'not ' if r['negated'] else ''}{r['type']} {r['target']}"


def _contradiction(kind: str, topic: tuple[str, str, str], rels: list[dict[str, Any]],
                   sides: list[dict[str, Any]]) -> dict[str, Any]:
    names = {r["source_id"]: r["source"] for r in rels} | {r["target_id"]: r["target"] for r in rels}
    about = "cooperation" if topic[1] == "tie" else topic[1]
    return {"kind": kind, "topic": f"{names.get(topic[0], topic[0])} - {names.get(topic[2], topic[2])} ({about})",
            "actors": [names.get(topic[0], topic[0]), names.get(topic[2], topic[2])], "about": about, "sides": sides}


def _evidence_by_rel(store: Store, rels: list[dict[str, Any]],
                     labels: _Labels) -> dict[str, list[dict[str, Any]]]:
    by_rel: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in store.relation_evidence([r["id"] for r in rels]):
        by_rel[e["rel_id"]].append(e | {"origin_name": labels.origin(e["origin"])})
    return by_rel


def _number_disputes(store: Store, rels: list[dict[str, Any]], config: FusionConfig,
                     labels: _Labels) -> list[dict[str, Any]]:
    quantified = store.quantified_relations()  # only these can disagree on a number
    asserted = [r for r in rels if not r["negated"] and r["id"] in quantified]
    by_topic: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in asserted:
        by_topic[topic_of(r, config.tie_types)].append(r)
    ev = _evidence_by_rel(store, asserted, labels)
    out = []
    for topic, group in by_topic.items():
        counted = [(e, q) for r in group for e in ev[r["id"]] if e.get("quantity")
                   if (q := quantity_range(e["quantity"], config.quantity_words, config.quantity_tolerance))
                   is not None]
        for (a, qa), (b, qb) in combinations(counted, 2):
            if unit_of(a["quantity"]) == unit_of(b["quantity"]) and disagree(qa, qb, config.quantity_tolerance):
                out.append(_contradiction("numbers", topic, group, [
                    {"stance": f"says {a['quantity']}", "relations": [], "claims": [a]},
                    {"stance": f"says {b['quantity']}", "relations": [], "claims": [b]}]))
    return out


def timeline(store: Store, actor_name: str | None = None, *, undated: bool = False) -> list[dict[str, Any]]:
    """Give claims in the order of the events they date; report dates kept apart (undated: by report date)."""
    either = [resolve_actor(store, actor_name)] if actor_name else []
    rels = store.relation_rows(either=either) if either else store.relation_rows()
    labels = _Labels(store)
    rows = []
    for e in store.relation_evidence([r["id"] for r in rels]):
        if e["event_date"] is None and not undated:
            continue
        rows.append({"event_date": e["event_date"], "report_date": e["report_date"], "source": e["source"],
                     "type": e["type"], "target": e["target"], "negated": e["negated"], "hedged": e["hedged"],
                     "speaker": e["speaker"], "outlet": e["outlet"], "doc": e["doc"], "doc_id": e["doc_id"],
                     "origin": labels.origin(e["origin"]), "evidence": e["evidence"], "claim_id": e["claim_id"]})
    rows.sort(key=lambda r: (r["event_date"] or r["report_date"] or "9999", r["report_date"] or "", r["doc"]))
    return rows


def outlets(store: Store, *, source: str | None = None, target: str | None = None, type: str | None = None,
            actor_name: str | None = None) -> list[dict[str, Any]]:
    """Give each outlet's reports and claims; with a relation or an actor, each outlet's stance on it."""
    if not (source or target or type or actor_name):
        return store.outlet_rows()
    if actor_name:
        cid = resolve_actor(store, actor_name)
        rels, about = store.relation_rows(either=[cid]), [cid]
    else:
        rels = relations(store, source=source, target=target, type=type)
        about = [resolve_actor(store, n) for n in (source, target) if n]
    stance: dict[str, dict[str, Any]] = {}
    for e in store.relation_evidence([r["id"] for r in rels]):
        s = stance.setdefault(e["outlet"] or "", {"asserts": 0, "denies": 0, "documents": set()})
        s["denies" if e["negated"] else "asserts"] += 1
        s["documents"].add(e["doc"])
    covering: dict[str, set[str]] = defaultdict(set)
    for outlet, cid in store.outlets_mentioning(about):
        covering[outlet].add(cid)
    rows = []
    for outlet in store.all_outlets():
        s = stance.get(outlet, {"asserts": 0, "denies": 0, "documents": set()})
        if s["asserts"] and s["denies"]:
            verdict = "asserts and denies"
        elif s["asserts"] or s["denies"]:
            verdict = "asserts" if s["asserts"] else "denies"
        elif covering[outlet] >= set(about):
            verdict = "leaves out"  # its reports name the actors but say nothing of this tie
        else:
            verdict = "does not cover"
        rows.append({"outlet": outlet or "(unknown outlet)", "stance": verdict, "asserts": s["asserts"],
                     "denies": s["denies"], "documents": sorted(s["documents"])})
    order = {"asserts and denies": 0, "asserts": 1, "denies": 2, "leaves out": 3, "does not cover": 4}
    rows.sort(key=lambda r: (order[r["stance"]], -r["asserts"] - r["denies"], r["outlet"]))
    return rows


def graph(store: Store, *, type: str | None = None, outlet: str | None = None, since: str | None = None,
          until: str | None = None, min_sources: int = 0, limit: int = 300) -> dict[str, Any]:
    """Give the actor network: the strongest fused relations as edges, their actors as nodes."""
    config = fusion_config(store)
    filters: dict[str, Any] = {"types": _check_type(type), "outlet": normalise(outlet) if outlet else None,
                               "since": since, "until": until, "min_sources": min_sources}
    shown = store.relation_rows(**filters, limit=limit)
    total = store.count_relations(**filters)
    contested = _contested(store, config)
    degree: dict[str, set[str]] = defaultdict(set)
    for r in shown:
        degree[r["source_id"]].add(r["target_id"])
        degree[r["target_id"]].add(r["source_id"])
    kinds = {r["source_id"]: (r["source"], r["source_kind"]) for r in shown} | \
            {r["target_id"]: (r["target"], r["target_kind"]) for r in shown}
    nodes = [{"id": i, "name": n, "kind": k, "degree": len(degree[i])} for i, (n, k) in sorted(kinds.items())]
    edges = [{"id": r["id"], "source": r["source_id"], "target": r["target_id"], "type": r["type"],
              "quad": QUAD[r["type"]], "negated": r["negated"], "contested": r["id"] in contested,
              "claims": r["claims"], "docs": r["docs"], "outlets": r["outlets"], "origins": r["origins"],
              "label": _label(r)} for r in shown]
    return {"nodes": nodes, "edges": edges, "total_relations": total, "shown": len(shown)}


def _contested(store: Store, config: FusionConfig) -> set[str]:
    return {r["id"] for c in denials(store.relation_keys(), config.tie_types) for r in c.asserted + c.denied}


def evidence(store: Store, rel_id: str) -> dict[str, Any]:
    """Give one fused relation and each of its claims in the paragraph it sits in, with what to highlight."""
    rows = store.relation_rows(ids=[rel_id])
    if not rows:
        raise QueryError(f"no relation with id '{rel_id}'")
    texts: dict[str, str] = {}  # each report read once, however many of its claims back the relation
    claims = []
    for e in store.relation_evidence([rel_id]):
        if e["doc_id"] not in texts:
            doc = store.document(e["doc_id"])
            texts[e["doc_id"]] = doc.text if doc else ""
        claims.append(in_paragraph(store, e, texts[e["doc_id"]]))
    return {"relation": _with_members(store, rows)[0], "claims": claims}


def in_paragraph(store: Store, e: dict[str, Any], text: str) -> dict[str, Any]:
    """Give a claim with the paragraph of `text` around its sentence, and offsets (in it) to highlight."""
    start = text.rfind("\n\n", 0, e["ev_start"])
    start = 0 if start == -1 else start + 2
    end = text.find("\n\n", e["ev_end"])
    end = len(text) if end == -1 else end
    marks = [{"start": e["ev_start"] - start, "end": e["ev_end"] - start, "what": "evidence"}]
    if e.get("cue_start") is not None:
        marks.append({"start": e["cue_start"] - start, "end": e["cue_end"] - start, "what": "cue"})
    for m in store.mentions_between(e["doc_id"], start, end):
        marks.append({"start": m["start"] - start, "end": m["end"] - start, "what": "actor", "actor": m["actor"]})
    return e | {"paragraph": text[start:end], "marks": marks}


def document(store: Store, ident: str) -> dict[str, Any]:
    """Give one stored report: metadata, text, its claims and actor mentions (offsets into the text)."""
    found = store.document(ident)
    if found is None:
        raise QueryError(f"no document '{ident}' in the store")
    return found.to_dict() | {"claims": store.claims(document=found.id),
                              "mentions": store.mentions_between(found.id, 0, len(found.text))}


def search(store: Store, text: str, *, limit: int = 20) -> dict[str, Any]:
    """Give the actors whose names contain the words, and the reports whose text does."""
    key = normalise(text)
    if not key:
        return {"actors": [], "documents": []}
    ids = {cid for name, cid in store.actor_name_rows() if key in normalise(name)}
    found = [a for a in store.fused_actor_rows() if a["id"] in ids]
    found.sort(key=lambda a: (-a["degree"], a["name"]))
    return {"actors": found[:limit], "documents": store.search_documents(text, limit=limit)}
