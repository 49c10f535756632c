"""Keeping the fused view up to date: each newly stored report is folded in, nothing recomputed.

The fused view is rebuilt from the stored claims (never by parsing again) only when it cannot be
updated in place: the user's aliases changed, the fusion rules did (FUSION_VERSION, the data
files), or a fused report was removed, replaced or re-extracted. Reports are folded in the order
they were stored, so a rebuild gives exactly what adding them one by one gave.

What a report costs to fold in does not grow with the store. The actors already linked are not
loaded: the linker asks the store's actor index (fuse/index.py) a few indexed questions for each
actor it has not seen, and each new link goes into the index at once. Syndicated copies are
found the same way, through the signature bands a report shares.

Reports are folded `BATCH` at a time, one write transaction each, whether there are twenty new
ones or a rebuild of twenty thousand; between two transactions the lock is let go, so reports
being ingested are stored in between instead of waiting for the whole rebuild (a minute at
20,000 reports). A rebuild builds in the fused view's own tables, not behind them: the first
transaction empties them (and marks the view `building`) and folds the first batch in; each
later one folds the next batch in, reports stored meanwhile included, until none is left. Since
reports are folded in store order, what each committed batch leaves is exactly the fused view of
the first reports of the store, the one incremental fusion had when it had fused that many: a
reader sees a whole view of fewer reports, never half a report, and `fusion_rebuilding()` tells
it the rest is still coming (the same state as reports stored and not fused yet, which readers
already meet between an ingest and its fusion). It was chosen over building behind the live
view and swapping it in: a swap is a copy of every fused row in one transaction (seconds of
lock at 20,000 reports), or renaming tables under the triggers that mark the view stale.
Because the view holds fused reports only, a rebuild cut short (killed, Ctrl-C) is finished by
the next fusion, and a second process fusing meanwhile just folds in the next batch itself. A
fused report replaced during a rebuild marks the view stale as ever, and the rebuild starts again.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from claimgraph.fuse.config import FusionConfig
from claimgraph.fuse.index import ActorIndex
from claimgraph.fuse.merge import ActorLinker
from claimgraph.fuse.origins import ClaimInput, contributions, outlet_origin, relayed_outlet
from claimgraph.fuse.syndication import band_keys, first_match, signature
from claimgraph.records import Actor
from claimgraph.resolve.canonical import load_gazetteer

BATCH = 200  # reports folded in a write transaction: a rebuild of thousands lets ingest in between
PAUSE = 0.005  # seconds between two transactions of one update, for a writer waiting on SQLite's lock


class FusionStore(ActorIndex, Protocol):
    """What fusion needs of a store (both backends have it): the fused view's tables and the actor index."""

    def transaction(self) -> Any: ...
    def fusion_fingerprint(self) -> str | None: ...
    def fusion_stale(self) -> bool: ...
    def fusion_rebuilding(self) -> bool: ...
    def set_fusion_setting(self, key: str, value: str) -> None: ...
    def clear_fusion(self, fingerprint: str) -> None: ...
    def unfused_documents(self, *, limit: int | None = None) -> list[str]: ...
    def fusion_input(self, doc_id: str) -> dict[str, Any]: ...
    def band_candidates(self, keys: list[int]) -> list[tuple[str, bytes, str, str]]: ...
    def write_fused_doc(self, report: dict[str, Any], *, group_id: str, origin: str, relay: str | None,
                        sig: bytes, bands: list[int]) -> None: ...
    def add_contributions(self, report: dict[str, Any], contributions: Any) -> None: ...


@dataclass(frozen=True, slots=True)
class FuseReport:
    """What one update did: how many reports it folded in, and whether it had to rebuild."""

    added: int
    rebuilt: bool
    syndicated: int = 0


def update(store: FusionStore, config: FusionConfig, *, rebuild: bool = False, batch: int = BATCH,
           progress: Callable[[int], None] | None = None) -> FuseReport:
    """Fold every report not yet fused into the fused view, `batch` reports a write transaction.

    `progress` is told, after each transaction (no lock held then), how many reports are folded in.
    """
    if not rebuild and _current(store, config):
        return FuseReport(0, False)  # nothing to do: no write lock taken
    added = syndicated = 0
    rebuilt, first, done = False, True, False
    while not done:
        with store.transaction():
            if first or store.fusion_stale():  # stale later: a report fused meanwhile was replaced, start again
                if _start(store, config, rebuild=rebuild and first):
                    rebuilt, added, syndicated = True, 0, 0
            elif store.fusion_fingerprint() != config.fingerprint:
                break  # another process rebuilds under other rules (the aliases changed meanwhile): it finishes
            first = False
            pending = store.unfused_documents(limit=batch)
            linker = ActorLinker(config, load_gazetteer(), index=store)
            syndicated += sum(_fold(store, linker, config, doc_id) for doc_id in pending)
            added += len(pending)
            done = len(pending) < batch or not store.unfused_documents(limit=1)
            if done and store.fusion_rebuilding():
                store.set_fusion_setting("building", "0")
        if progress is not None:
            progress(added)
        if not done:
            time.sleep(PAUSE)  # SQLite keeps no queue of waiting writers: leave them a moment to take the lock
    return FuseReport(added, rebuilt, syndicated)


def _start(store: FusionStore, config: FusionConfig, *, rebuild: bool) -> bool:
    """Empty the fused view when it must be built (again); give whether it was a rebuild."""
    before = store.fusion_fingerprint()
    rebuilt = rebuild or (before is not None and before != config.fingerprint) or store.fusion_stale()
    if rebuilt or before is None:
        store.clear_fusion(config.fingerprint)
    return rebuilt


def _current(store: FusionStore, config: FusionConfig) -> bool:
    return (store.fusion_fingerprint() == config.fingerprint and not store.fusion_stale()
            and not store.unfused_documents(limit=1))


def _fold(store: FusionStore, linker: ActorLinker, config: FusionConfig, doc_id: str) -> bool:
    report = store.fusion_input(doc_id)
    raw: list[Actor] = [Actor(a["id"], a["name"], a["kind"]) for a in report["mentioned"]]
    for c in report["claims"]:
        raw += [Actor(c["source_id"], c["source_name"], c["source_kind"]),
                Actor(c["target_id"], c["target_name"], c["target_kind"])]
        if c["speaker_id"]:
            raw.append(Actor(c["speaker_id"], c["speaker_name"], c["speaker_kind"]))
    linker.look_up(a.id for a in raw)
    for actor in raw:
        linker.link(actor, seen_in=report["name"])  # each new link goes into the store's index at once

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
