"""Keeping the fused view up to date: each newly stored report is folded in, nothing recomputed.

The fused view is rebuilt from the stored claims (never by parsing again) only when it cannot be
updated in place: the user's aliases changed, or a fused report was removed, replaced or
re-extracted. Reports are folded in the order they were stored, so a rebuild gives exactly what
adding them one by one gave.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from claimgraph.fuse.config import FusionConfig
from claimgraph.fuse.merge import ActorLinker
from claimgraph.fuse.origins import ClaimInput, contributions, outlet_origin, relayed_outlet
from claimgraph.fuse.syndication import band_keys, first_match, signature
from claimgraph.records import Actor
from claimgraph.resolve.canonical import load_gazetteer


class FusionStore(Protocol):
    """What fusion needs of a store (SQLiteStore has it; a PostgreSQL store would too)."""

    def transaction(self) -> Any: ...
    def fusion_fingerprint(self) -> str | None: ...
    def fusion_stale(self) -> bool: ...
    def clear_fusion(self, fingerprint: str) -> None: ...
    def unfused_documents(self) -> list[str]: ...
    def fusion_input(self, doc_id: str) -> dict[str, Any]: ...
    def fused_clusters(self) -> list[tuple[str, str, str, bool]]: ...
    def actor_link_rows(self) -> list[tuple[str, str, str]]: ...
    def band_candidates(self, keys: list[int]) -> list[tuple[str, bytes, str, str]]: ...
    def write_links(self, links: Any, clusters: Any) -> None: ...
    def write_fused_doc(self, report: dict[str, Any], *, group_id: str, origin: str, relay: str | None,
                        sig: bytes, bands: list[int]) -> None: ...
    def add_contributions(self, report: dict[str, Any], contributions: Any) -> None: ...


@dataclass(frozen=True, slots=True)
class FuseReport:
    """What one update did: how many reports it folded in, and whether it had to rebuild."""

    added: int
    rebuilt: bool
    syndicated: int = 0


def update(store: FusionStore, config: FusionConfig, *, rebuild: bool = False) -> FuseReport:
    """Fold every report not yet fused into the fused view (all in one write transaction)."""
    if not rebuild and _current(store, config):
        return FuseReport(0, False)  # nothing to do: no write lock taken
    with store.transaction():
        before = store.fusion_fingerprint()
        rebuilt = rebuild or (before is not None and before != config.fingerprint) or store.fusion_stale()
        if rebuilt or before is None:
            store.clear_fusion(config.fingerprint)
        pending = store.unfused_documents()
        if not pending:
            return FuseReport(0, rebuilt)
        linker = ActorLinker(config, load_gazetteer(), clusters=store.fused_clusters(), links=store.actor_link_rows())
        syndicated = sum(_fold(store, linker, config, doc_id) for doc_id in pending)
    return FuseReport(len(pending), rebuilt, syndicated)


def _current(store: FusionStore, config: FusionConfig) -> bool:
    return (store.fusion_fingerprint() == config.fingerprint and not store.fusion_stale()
            and not store.unfused_documents())


def _fold(store: FusionStore, linker: ActorLinker, config: FusionConfig, doc_id: str) -> bool:
    report = store.fusion_input(doc_id)
    links, clusters = [], {}
    raw: list[Actor] = [Actor(a["id"], a["name"], a["kind"]) for a in report["mentioned"]]
    for c in report["claims"]:
        raw += [Actor(c["source_id"], c["source_name"], c["source_kind"]),
                Actor(c["target_id"], c["target_name"], c["target_kind"])]
        if c["speaker_id"]:
            raw.append(Actor(c["speaker_id"], c["speaker_name"], c["speaker_kind"]))
    for actor in raw:
        made = linker.link(actor, seen_in=report["name"])
        if made is not None:
            link, cluster = made
            links.append((link.actor_id, link.canonical_id, link.rule, link.detail))
            clusters[cluster.id] = (cluster.id, cluster.name, cluster.kind, cluster.fixed_name)
    store.write_links(links, clusters.values())

    syn = config.syndication
    sig = signature(report["text"], shingle=syn["shingle"], permutations=syn["permutations"])
    bands = band_keys(sig, bands=syn["bands"])
    candidates = store.band_candidates(bands)
    match = first_match(sig, [(d, s) for d, s, _, _ in candidates], threshold=syn["threshold"])
    if match is not None:
        group, origin = next((g, o) for d, _, g, o in candidates if d == match)
    else:
        group = report["id"]
        origin = outlet_origin(report["outlet"]) if report.get("outlet") else "report:" + report["id"]

    canonical = linker.linked
    claims = [ClaimInput(c["id"], canonical[c["source_id"]], c["type"], canonical[c["target_id"]],
                         bool(c["negated"]), bool(c["hedged"]), c["date"],
                         canonical.get(c["speaker_id"]) if c["speaker_id"] else None,
                         c["speaker_name"], c["speaker_kind"])
              for c in report["claims"]]
    named = {a["name"] for a in report["mentioned"] if a["kind"] == "MEDIA"}
    relay = relayed_outlet(claims, named, report.get("outlet"), min_citations=config.relay_min_citations)
    store.write_fused_doc(report, group_id=group, origin=origin, relay=relay, sig=sig, bands=bands)
    store.add_contributions(report, contributions(claims, own_outlet=report.get("outlet"), relay=relay,
                                               report_origin=origin))
    return match is not None
