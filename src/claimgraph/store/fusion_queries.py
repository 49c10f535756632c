"""Reading the fused view: actors, relations, their evidence, outlets, the timeline (both backends)."""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, ClassVar

from claimgraph.store.dialect import Connection, Dialect

_RELATION = ("SELECT r.*, s.name AS source, s.kind AS source_kind, t.name AS target, t.kind AS target_kind "
             "FROM relations r JOIN fused_actors s ON s.id = r.source_id JOIN fused_actors t ON t.id = r.target_id")


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


class FusionQueries:
    """Read-only queries over the fused view (mixed into SQLStore)."""

    conn: Connection
    dialect: ClassVar[Dialect]

    def fused_actor_rows(self) -> list[dict[str, Any]]:
        """Give every canonical actor with its degree, claims, mentions and reports."""
        rows = self.conn.execute(
            "WITH ends AS (SELECT source_id AS id, target_id AS other, claims FROM relations "
            "  UNION ALL SELECT target_id, source_id, claims FROM relations), "
            "deg AS (SELECT id, count(DISTINCT other) AS degree, count(*) AS relations, sum(claims) AS claims "
            "  FROM ends GROUP BY id), "
            "men AS (SELECT l.canonical_id AS id, count(*) AS mentions, count(DISTINCT m.doc_id) AS docs, "
            "  count(DISTINCT m.text) AS names FROM mentions m JOIN actor_links l ON l.actor_id = m.actor_id "
            "  GROUP BY l.canonical_id) "
            "SELECT a.id, a.name, a.kind, coalesce(deg.degree, 0) AS degree, coalesce(deg.relations, 0) AS relations, "
            "coalesce(deg.claims, 0) AS claims, coalesce(men.mentions, 0) AS mentions, coalesce(men.docs, 0) AS docs, "
            "coalesce(men.names, 0) AS names FROM fused_actors a LEFT JOIN deg ON deg.id = a.id "
            "LEFT JOIN men ON men.id = a.id ORDER BY a.id")
        return [dict(r) for r in rows]

    def fused_actor(self, canonical_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT id, name, kind FROM fused_actors WHERE id = ?", (canonical_id,)).fetchone()
        return dict(row) if row else None

    def actor_name_rows(self) -> list[tuple[str, str]]:
        """Give (name, canonical id) for every name an actor was stored or seen under."""
        rows = self.conn.execute(
            "SELECT n.name, l.canonical_id FROM actor_names n JOIN actor_links l ON l.actor_id = n.actor_id "
            "UNION SELECT m.text, l.canonical_id FROM mentions m JOIN actor_links l ON l.actor_id = m.actor_id "
            "UNION SELECT name, id FROM fused_actors")
        return [(r[0], r[1]) for r in rows]

    def actor_links_of(self, canonical_id: str) -> list[dict[str, Any]]:
        """Give the stored actors merged into a canonical actor, with the rule and reason of each merge."""
        rows = self.conn.execute(
            "SELECT l.actor_id, a.name, a.kind, l.rule, l.detail FROM actor_links l JOIN actors a ON a.id = l.actor_id "
            "WHERE l.canonical_id = ? ORDER BY a.name, l.actor_id", (canonical_id,))
        return [dict(r) for r in rows]

    def surface_names(self, canonical_id: str) -> list[dict[str, Any]]:
        """Give every way an actor is written in the reports, with the rule that found it and where."""
        documents = self.dialect.list_agg.format("d.name")
        rows = self.conn.execute(
            f"SELECT m.text AS name, a.name AS actor, m.rule, count(*) AS mentions, {documents} AS documents "
            "FROM mentions m JOIN actor_links l ON l.actor_id = m.actor_id "
            "JOIN actors a ON a.id = m.actor_id JOIN documents d ON d.id = m.doc_id "
            "WHERE l.canonical_id = ? GROUP BY m.text, a.name, m.rule ORDER BY count(*) DESC, m.text, a.name, m.rule",
            (canonical_id,))
        return [dict(r) | {"documents": sorted((r["documents"] or "").split(","))} for r in rows]

    def relation_rows(self, *, sources: Sequence[str] = (), targets: Sequence[str] = (), either: Sequence[str] = (),
                      types: Sequence[str] = (), outlet: str | None = None, since: str | None = None,
                      until: str | None = None, min_sources: int = 0, negated: bool | None = None,
                      ids: Sequence[str] = (), limit: int | None = None) -> list[dict[str, Any]]:
        """Give fused relations with their counts, filtered; strongest (most independent origins) first."""
        where, args = self._relation_filter(sources=sources, targets=targets, either=either, types=types,
                                            outlet=outlet, since=since, until=until, min_sources=min_sources,
                                            negated=negated, ids=ids)
        sql = (f"{_RELATION} WHERE {where} "
               "ORDER BY r.origins DESC, r.docs DESC, r.claims DESC, s.name, r.type, t.name, r.negated, r.id")
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [dict(r) | {"negated": bool(r["negated"])} for r in self.conn.execute(sql, args)]

    def count_relations(self, **filters: Any) -> int:
        where, args = self._relation_filter(**filters)
        return int(self.conn.execute(f"SELECT count(*) FROM relations r WHERE {where}", args).fetchone()[0])

    def relation_keys(self) -> list[dict[str, Any]]:
        """Give every relation's id, ends, type and polarity (light, for finding contested ones)."""
        rows = self.conn.execute("SELECT id, source_id, type, target_id, negated FROM relations ORDER BY id")
        return [{"id": r[0], "source_id": r[1], "type": r[2], "target_id": r[3], "negated": bool(r[4])} for r in rows]

    @staticmethod
    def _relation_filter(*, sources: Sequence[str] = (), targets: Sequence[str] = (), either: Sequence[str] = (),
                         types: Sequence[str] = (), outlet: str | None = None, since: str | None = None,
                         until: str | None = None, min_sources: int = 0, negated: bool | None = None,
                         ids: Sequence[str] = ()) -> tuple[str, list[Any]]:
        where: list[str] = ["r.origins >= ?"]
        args: list[Any] = [min_sources]
        for column, values in (("r.source_id", sources), ("r.target_id", targets), ("r.type", types), ("r.id", ids)):
            if values:
                where.append(f"{column} IN ({_marks(values)})")
                args.extend(values)
        if either:
            where.append(f"(r.source_id IN ({_marks(either)}) OR r.target_id IN ({_marks(either)}))")
            args.extend([*either, *either])
        if outlet:
            where.append("EXISTS (SELECT 1 FROM relation_members m WHERE m.rel_id = r.id AND m.kind = 'outlet' "
                         "AND m.key = ?)")
            args.append(outlet)
        if since:
            # "2021-07" is on or after 2021-07-05: a partial date is compared at its own precision
            where.append("coalesce(r.last_date, r.last_report) >= "
                         "substr(?, 1, length(coalesce(r.last_date, r.last_report)))")
            args.append(since)
        if until:
            where.append("substr(coalesce(r.first_date, r.first_report), 1, length(CAST(? AS TEXT))) <= ?")
            args.extend([until, until])
        if negated is not None:
            where.append("r.negated = ?")
            args.append(int(negated))
        return " AND ".join(where), args

    def relation_evidence(self, rel_ids: Sequence[str]) -> list[dict[str, Any]]:
        """Give the claims behind fused relations: sentence, speaker, outlet, dates and origin of each."""
        if not rel_ids:
            return []
        rows = self.conn.execute(
            "SELECT k.rel_id, c.id AS claim_id, d.id AS doc_id, d.name AS doc, d.title, d.outlet, "
            "d.date AS report_date, c.date AS event_date, sp.name AS speaker, sp.kind AS speaker_kind, c.hedged, "
            "c.negated, c.ev_start, c.ev_end, c.ev_text AS evidence, c.cue, c.cue_start, c.cue_end, c.quantity, "
            "k.origin, c.type, fs.name AS source, ft.name AS target "
            "FROM claim_links k JOIN claims c ON c.id = k.claim_id JOIN documents d ON d.id = k.doc_id "
            "JOIN actor_links ls ON ls.actor_id = c.source_id JOIN fused_actors fs ON fs.id = ls.canonical_id "
            "JOIN actor_links lt ON lt.actor_id = c.target_id JOIN fused_actors ft ON ft.id = lt.canonical_id "
            "LEFT JOIN actor_links lp ON lp.actor_id = c.speaker_id "
            "LEFT JOIN fused_actors sp ON sp.id = lp.canonical_id "
            f"WHERE k.rel_id IN ({_marks(rel_ids)}) "
            "ORDER BY coalesce(c.date, d.date) NULLS FIRST, d.name, c.ev_start, c.id, k.rel_id",
            list(rel_ids))
        return [dict(r) | {"hedged": bool(r["hedged"]), "negated": bool(r["negated"])} for r in rows]

    def relation_members(self, rel_ids: Sequence[str], kind: str) -> list[tuple[str, str, int]]:
        if not rel_ids:
            return []
        rows = self.conn.execute(f"SELECT rel_id, key, n FROM relation_members WHERE kind = ? AND rel_id IN "
                                 f"({_marks(rel_ids)}) ORDER BY rel_id, key", [kind, *rel_ids])
        return [(r[0], r[1], r[2]) for r in rows]

    def outlet_rows(self) -> list[dict[str, Any]]:
        """Give each outlet with its reports, claims, denials, hedged claims and date range."""
        rows = self.conn.execute(
            "SELECT coalesce(d.outlet, '') AS outlet, count(DISTINCT d.id) AS documents, count(c.id) AS claims, "
            "coalesce(sum(c.negated), 0) AS denials, coalesce(sum(c.hedged), 0) AS hedged, "
            "count(DISTINCT c.speaker_id) AS speakers, min(d.date) AS first_report, max(d.date) AS last_report "
            "FROM documents d LEFT JOIN claims c ON c.doc_id = d.id GROUP BY coalesce(d.outlet, '') "
            "ORDER BY count(DISTINCT d.id) DESC, coalesce(d.outlet, '')")
        return [dict(r) for r in rows]

    def outlets_mentioning(self, canonical_ids: Sequence[str]) -> list[tuple[str, str]]:
        """Give (outlet, canonical id) for each outlet whose reports mention one of the actors."""
        if not canonical_ids:
            return []
        rows = self.conn.execute(
            "SELECT DISTINCT coalesce(d.outlet, ''), l.canonical_id FROM mentions m JOIN actor_links l "
            "ON l.actor_id = m.actor_id JOIN documents d ON d.id = m.doc_id "
            f"WHERE l.canonical_id IN ({_marks(canonical_ids)}) ORDER BY 1, 2", list(canonical_ids))
        return [(r[0], r[1]) for r in rows]

    def all_outlets(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT coalesce(outlet, '') FROM documents ORDER BY 1")]

    def canonical_of(self, actor_id: str) -> str | None:
        row = self.conn.execute("SELECT canonical_id FROM actor_links WHERE actor_id = ?", (actor_id,)).fetchone()
        if row:
            return str(row[0])
        row = self.conn.execute("SELECT id FROM fused_actors WHERE id = ?", (actor_id,)).fetchone()
        return str(row[0]) if row else None

    def mentions_between(self, doc_id: str, start: int, end: int) -> list[dict[str, Any]]:
        """Give the actor mentions inside a stretch of a document, with their canonical actors."""
        rows = self.conn.execute(
            'SELECT m.start, m."end", m.text, coalesce(f.name, a.name) AS actor, coalesce(f.id, a.id) AS actor_id '
            "FROM mentions m JOIN actors a ON a.id = m.actor_id LEFT JOIN actor_links l ON l.actor_id = m.actor_id "
            'LEFT JOIN fused_actors f ON f.id = l.canonical_id WHERE m.doc_id = ? AND m.start >= ? AND m."end" <= ? '
            'ORDER BY m.start, m."end", m.actor_id', (doc_id, start, end))
        return [dict(r) for r in rows]

    def search_documents(self, text: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """Give reports whose title or text holds the words, with a snippet around the first hit."""
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self.conn.execute(
            "SELECT id, name, title, outlet, date, text FROM documents WHERE lower(text) LIKE lower(?) ESCAPE '\\' "
            "OR lower(title) LIKE lower(?) ESCAPE '\\' ORDER BY date DESC NULLS LAST, name LIMIT ?",
            (pattern, pattern, limit))
        words = re.compile(re.escape(text), re.IGNORECASE)
        out = []
        for r in rows:
            found = words.search(r["text"])
            at = found.start() if found else 0
            out.append({k: r[k] for k in ("id", "name", "title", "outlet", "date")}
                       | {"snippet": r["text"][max(0, at - 80):at + len(text) + 80]})
        return out

    def fused_actor_names(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT id, name FROM fused_actors")}

    def document_names(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT id, name FROM documents")}

    def quantified_relations(self) -> set[str]:
        """Give the ids of relations some claim of which gives a quantity."""
        rows = self.conn.execute("SELECT DISTINCT k.rel_id FROM claim_links k JOIN claims c ON c.id = k.claim_id "
                                 "WHERE c.quantity IS NOT NULL")
        return {r[0] for r in rows}
