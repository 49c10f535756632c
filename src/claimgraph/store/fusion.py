"""The fused view's tables: reading what fusion needs and writing what it decided (both backends)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from claimgraph.resolve.names import normalise
from claimgraph.store.actor_index import ActorIndexTables
from claimgraph.store.dialect import Connection

_STAMP = "coalesce(e.model || '/' || e.version || '/' || e.extracted_at, '')"
# one claim more for a relation, made by its first claim: counts, and the first and last dates widened
_ADD_CLAIM = """INSERT INTO relations (id, source_id, type, target_id, negated, claims, hedged, first_date, last_date,
    first_report, last_report)
    VALUES (:id, :source, :type, :target, :negated, 1, :hedged, :date, :date, :report, :report)
    ON CONFLICT (id) DO UPDATE SET claims = relations.claims + 1, hedged = relations.hedged + :hedged,
    first_date = CASE WHEN relations.first_date IS NULL OR :date < relations.first_date
                 THEN coalesce(:date, relations.first_date) ELSE relations.first_date END,
    last_date = CASE WHEN relations.last_date IS NULL OR :date > relations.last_date
                THEN coalesce(:date, relations.last_date) ELSE relations.last_date END,
    first_report = CASE WHEN relations.first_report IS NULL OR :report < relations.first_report
                   THEN coalesce(:report, relations.first_report) ELSE relations.first_report END,
    last_report = CASE WHEN relations.last_report IS NULL OR :report > relations.last_report
                  THEN coalesce(:report, relations.last_report) ELSE relations.last_report END"""
_FUSION_TABLES = ("fused_actors", "actor_links", "actor_keys", "spelling_keys", "spelling_grams", "fused_docs",
                  "doc_bands", "relations", "relation_members", "claim_links")


class FusionTables(ActorIndexTables):
    """Methods of the store that keep the fused view (mixed into SQLStore)."""

    conn: Connection

    # ---- state -----------------------------------------------------------------------------

    def fusion_fingerprint(self) -> str | None:
        return self.fusion_setting("fingerprint")

    def fusion_setting(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM fusion_state WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_fusion_setting(self, key: str, value: str) -> None:
        self.conn.execute("INSERT INTO fusion_state (key, value) VALUES (?, ?) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    def fusion_stale(self) -> bool:
        """Tell whether a fused report was removed, replaced or re-extracted since it was fused."""
        return self.fusion_setting("stale") == "1"

    def fusion_rebuilding(self) -> bool:
        """Tell whether the fused view is being built from nothing and holds only the first reports yet."""
        return self.fusion_setting("building") == "1"

    def clear_fusion(self, fingerprint: str) -> None:
        """Empty the fused view (and the actor index) to build it again under new rules."""
        for table in _FUSION_TABLES:
            self.conn.execute(f"DELETE FROM {table}")
        self.set_fusion_setting("fingerprint", fingerprint)
        self.set_fusion_setting("stale", "0")
        self.set_fusion_setting("building", "1")

    def unfused_documents(self, *, limit: int | None = None) -> list[str]:
        """Give the ids of stored reports not fused yet (the first `limit`), in the order they were stored.

        Reports are fused in store order, so those not fused yet are the ones stored after the
        last fused one (a removed or re-extracted one makes the view stale instead).
        """
        sql = "SELECT id FROM documents WHERE seq > coalesce((SELECT max(seq) FROM fused_docs), 0) ORDER BY seq"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [r[0] for r in self.conn.execute(sql)]

    # ---- what fusion reads -------------------------------------------------------------------

    def fusion_input(self, doc_id: str) -> dict[str, Any]:
        """Give one report's metadata, claims (with raw actors) and the actors it mentions."""
        report = dict(self.conn.execute(
            f"SELECT d.id, d.name, d.outlet, d.date, d.text, d.seq, {_STAMP} AS stamp "
            f"FROM documents d LEFT JOIN extractions e ON e.doc_id = d.id WHERE d.id = ?", (doc_id,)).fetchone())
        report["claims"] = [dict(r) for r in self.conn.execute(
            "SELECT c.id, c.type, c.negated, c.hedged, c.date, c.source_id, s.name AS source_name, "
            "s.kind AS source_kind, c.target_id, t.name AS target_name, t.kind AS target_kind, "
            "c.speaker_id, p.name AS speaker_name, p.kind AS speaker_kind "
            "FROM claims c JOIN actors s ON s.id = c.source_id JOIN actors t ON t.id = c.target_id "
            "LEFT JOIN actors p ON p.id = c.speaker_id WHERE c.doc_id = ? ORDER BY c.ev_start, c.id", (doc_id,))]
        report["mentioned"] = [dict(r) for r in self.conn.execute(
            "SELECT a.id, a.name, a.kind, min(m.start) AS first FROM mentions m JOIN actors a ON a.id = m.actor_id "
            "WHERE m.doc_id = ? GROUP BY a.id ORDER BY first, a.id", (doc_id,))]
        return report

    def band_candidates(self, keys: Sequence[int]) -> list[tuple[str, bytes, str, str]]:
        """Give (doc id, signature, group, origin) of fused reports sharing a band key, in store order."""
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        rows = self.conn.execute(
            f"SELECT f.doc_id, f.sig, f.group_id, f.origin FROM fused_docs f WHERE f.doc_id IN "
            f"(SELECT doc_id FROM doc_bands WHERE key IN ({marks})) ORDER BY f.seq", list(keys))
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    # ---- what fusion writes ------------------------------------------------------------------

    def write_fused_doc(self, report: dict[str, Any], *, group_id: str, origin: str, relay: str | None,
                        sig: bytes, bands: Sequence[int]) -> None:
        """Record that a report (a `fusion_input` row) is fused: its group, origin, relay and signature."""
        self.conn.execute("INSERT INTO fused_docs (doc_id, seq, stamp, group_id, origin, relay, sig) "
                          "VALUES (?,?,?,?,?,?,?)",
                          (report["id"], report["seq"], report["stamp"], group_id, origin, relay, sig))
        self.conn.executemany("INSERT INTO doc_bands (key, doc_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                              [(k, report["id"]) for k in bands])

    def add_contributions(self, report: dict[str, Any], contributions: Sequence[Any]) -> None:
        """Add one report's claims (a `fusion_input` row) to their fused relations, updating counts in place."""
        outlet = normalise(report["outlet"]) if report.get("outlet") else None
        report_date = report.get("date")
        with self._pipeline():
            self._add(report, contributions, outlet, report_date)

    def _add(self, report: dict[str, Any], contributions: Sequence[Any], outlet: str | None,
             report_date: str | None) -> None:
        for c in contributions:
            self.conn.execute(_ADD_CLAIM, {"id": c.rel_id, "source": c.source_id, "type": c.type, "target": c.target_id,
                                           "negated": int(c.negated), "hedged": int(c.hedged), "date": c.date,
                                           "report": report_date})
            self.conn.execute("INSERT INTO claim_links (claim_id, doc_id, rel_id, origin) VALUES (?,?,?,?) "
                              "ON CONFLICT DO NOTHING",
                              (c.claim_id, report["id"], c.rel_id, c.origin))
            members: list[tuple[str, str | None, str]] = [("doc", "docs", report["id"]),
                                                          ("origin", "origins", c.origin)]
            if outlet:
                members.append(("outlet", "outlets", outlet))
            if c.speaker:
                members.append(("speaker", None, c.speaker))  # listed beside the relation, not counted
            for kind, column, key in members:
                n = self.conn.execute("INSERT INTO relation_members (rel_id, kind, key, n) VALUES (?,?,?,1) "
                                      "ON CONFLICT (rel_id, kind, key) DO UPDATE SET n = relation_members.n + 1 "
                                      "RETURNING n", (c.rel_id, kind, key)).fetchone()[0]
                if n == 1 and column:
                    self.conn.execute(f"UPDATE relations SET {column} = {column} + 1 WHERE id = ?", (c.rel_id,))
