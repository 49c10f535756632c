"""A rebuild of the fused view in batches: reports stored meanwhile are kept and fused, readers see a
whole fused view of the first reports, and an interrupted rebuild is finished by the next fusion.

Every test runs on both backends (SQLite and PostgreSQL, see conftest).
"""
from __future__ import annotations

import threading

import pytest

from claimgraph import fused_view
from claimgraph.fuse.update import update
from claimgraph.store import open_store
from tests.builders import snapshot
from tests.made_up import made_up_reports

WAIT = 60  # seconds a thread waits for the other before the test fails


def test_reports_stored_during_a_rebuild_are_kept_and_fused(store_location):
    first, later = made_up_reports(60, seed=11), made_up_reports(30, seed=12)
    with open_store(store_location) as store:
        for r in first:
            r.store_in(store)
        fused_view.fuse(store)
        rebuilding, stored_some = threading.Event(), threading.Event()
        stored: list[str] = []
        failed: list[BaseException] = []

        def ingest() -> None:  # another connection, as `claimgraph ingest` in another process would be
            try:
                rebuilding.wait(WAIT)
                with open_store(store_location) as other:
                    for n, r in enumerate(later):
                        stored.append(r.store_in(other).status)
                        if n == 9:
                            stored_some.set()
            except BaseException as e:
                failed.append(e)
                stored_some.set()

        def between_batches(folded: int) -> None:  # no lock held: the writer goes in, the rebuild waits for it
            rebuilding.set()
            assert stored_some.wait(WAIT)

        writer = threading.Thread(target=ingest)
        writer.start()
        report = update(store, fused_view.fusion_config(store), rebuild=True, batch=5, progress=between_batches)
        writer.join(WAIT)
        assert not failed and not writer.is_alive()
        assert stored == ["added"] * 30 and store.stats()["documents"] == 90  # nothing lost
        assert report.rebuilt and report.added >= 70  # what was stored meanwhile was folded in too
        fused_view.fuse(store)  # whatever came after the rebuild's last batch
        assert store.unfused_documents() == [] and not store.fusion_rebuilding()
        after = snapshot(store)
        assert fused_view.fuse(store, rebuild=True).rebuilt
        assert snapshot(store) == after  # the same as a fresh rebuild


def test_readers_see_the_fused_view_of_the_first_reports_while_a_rebuild_runs(locate):
    reports = made_up_reports(40, seed=13)
    with open_store(locate("all")) as store, open_store(locate("all")) as reader, \
            open_store(locate("first")) as first:
        for n, r in enumerate(reports):
            r.store_in(store)
            if n < 10:
                r.store_in(first)
        fused_view.fuse(store)
        fused_view.fuse(first)
        seen: list[tuple[int, bool, dict]] = []
        update(store, fused_view.fusion_config(store), rebuild=True, batch=10,
               progress=lambda folded: seen.append((folded, reader.fusion_rebuilding(), snapshot(reader))))
        assert [(n, busy) for n, busy, _ in seen] == [(10, True), (20, True), (30, True), (40, False)]
        assert seen[0][2] == snapshot(first)  # after one batch: exactly the fused view of the first ten
        assert seen[-1][2] == snapshot(store)


class Interrupted(Exception):
    pass


def test_an_interrupted_rebuild_is_finished_by_the_next_fusion(store_location):
    with open_store(store_location) as store:
        for r in made_up_reports(30, seed=14):
            r.store_in(store)
        fused_view.fuse(store)
        whole = snapshot(store)

        def stop(folded: int) -> None:
            if folded == 20:
                raise Interrupted  # Ctrl-C between two batches

        with pytest.raises(Interrupted):
            update(store, fused_view.fusion_config(store), rebuild=True, batch=10, progress=stop)
        assert store.fusion_rebuilding() and len(store.unfused_documents()) == 10
        report = fused_view.fuse(store)
        assert (report.added, report.rebuilt) == (10, False)  # carried on, not started again
        assert snapshot(store) == whole and not store.fusion_rebuilding()
