"""The embedded store: one SQLite file, WAL, one transaction per document."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from claimgraph.errors import StoreError
from claimgraph.records import Actor, Claim, Document, Evidence, Mention
from claimgraph.resolve.names import make_id
from claimgraph.settings import DEFAULT_DB
from claimgraph.store.base import Status, WriteResult
from claimgraph.store.fusion import FusionTables
from claimgraph.store.fusion_queries import FusionQueries
from claimgraph.store.migrations import migrate


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def claim_id(claim: Claim) -> str:
    """Give a claim's deterministic id: its document, relation, speaker and evidence span."""
    return make_id(claim.doc, claim.source.id, claim.type, claim.target.id, str(claim.negated),
                   claim.speaker.id if claim.speaker else "", str(claim.evidence.start),
                   str(claim.evidence.end), prefix="c")


def _claim(row: sqlite3.Row) -> Claim:
    speaker = None if row["speaker_id"] is None else Actor(row["speaker_id"], row["speaker"], row["speaker_kind"])
    cue_span = None if row["cue_start"] is None else (row["cue_start"], row["cue_end"])
    return Claim(doc=row["doc"], source=Actor(row["source_id"], row["source"], row["source_kind"]), type=row["type"],
                 target=Actor(row["target_id"], row["target"], row["target_kind"]),
                 evidence=Evidence(row["ev_start"], row["ev_end"], row["ev_text"]), negated=bool(row["negated"]),
                 speaker=speaker, hedged=bool(row["hedged"]), date=row["date"], cue=row["cue"], cue_span=cue_span,
                 quantity=row["quantity"], rule=row["rule"], model=row["model"])


class SQLiteStore(FusionTables, FusionQueries):
    """Documents, actors, mentions and claims in one SQLite file."""

    def __init__(self, path: str | Path = DEFAULT_DB) -> None:
        self.path = Path(path)
        self.where = str(path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            migrate(self.conn)
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: cannot open the store ({e})") from e

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block as one write transaction: all of it is stored, or none of it."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            raise StoreError(f"{self.path}: cannot start a write ({e})") from e
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    # ---- writing -------------------------------------------------------------------------

    def extraction_of(self, doc_id: str) -> tuple[str, str] | None:
        """Give (model, version) that produced a stored document's claims, if any did."""
        row = self.conn.execute("SELECT model, version FROM extractions WHERE doc_id=?", (doc_id,)).fetchone()
        return (row["model"], row["version"]) if row else None

    def plan(self, document: Document) -> Status:
        """Tell what write_document would do with `document`, without writing (claims aside)."""
        by_id = self.conn.execute("SELECT name FROM documents WHERE id=?", (document.id,)).fetchone()
        if by_id:
            return "unchanged" if by_id["name"] == document.name else "duplicate"
        by_name = self.conn.execute("SELECT id FROM documents WHERE name=?", (document.name,)).fetchone()
        return "replaced" if by_name else "added"

    def write_document(self, document: Document, *, mentions: Sequence[Mention] | None = None,
                       claims: Sequence[Claim] | None = None, model: str | None = None,
                       version: str | None = None) -> WriteResult:
        """Store a document (and its mentions and claims) in one transaction; say what changed.

        The same text again changes nothing; a changed text under a known name replaces the old
        version; the same text under another name is reported as a duplicate and not stored twice.
        """
        try:
            with self.transaction() as conn:
                status = self.plan(document)
                if status == "duplicate":
                    row = conn.execute("SELECT name FROM documents WHERE id=?", (document.id,)).fetchone()
                    return WriteResult("duplicate", row["name"])
                if status == "replaced":
                    conn.execute("DELETE FROM documents WHERE name=?", (document.name,))
                if status in ("added", "replaced"):
                    conn.execute(
                        "INSERT INTO documents (id, name, title, author, outlet, date, url, source, format, "
                        "text, words, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                        (document.id, document.name, document.title, document.author, document.outlet,
                         document.date, document.url, document.source, document.format, document.text,
                         document.words, _now()))
                if claims is not None and model is not None:
                    if status == "unchanged" and self.extraction_of(document.id) == (model, version or ""):
                        return WriteResult("unchanged")
                    self._write_claims(conn, document.id, mentions or (), claims, model, version or "")
                    if status == "unchanged":
                        status = "updated"
                return WriteResult(status)
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: cannot store {document.name} ({e})") from e

    def _write_claims(self, conn: sqlite3.Connection, doc_id: str, mentions: Iterable[Mention],
                      claims: Iterable[Claim], model: str, version: str) -> None:
        conn.execute("DELETE FROM claims WHERE doc_id=?", (doc_id,))
        conn.execute("DELETE FROM mentions WHERE doc_id=?", (doc_id,))
        for m in mentions:
            self._write_actor(conn, m.actor, m.text, m.rule)
            conn.execute("INSERT OR IGNORE INTO mentions VALUES (?,?,?,?,?,?)",
                         (doc_id, m.actor.id, m.start, m.end, m.text, m.rule))
        for c in claims:
            for actor in (c.source, c.target, c.speaker):
                if actor is not None:
                    self._write_actor(conn, actor, actor.name, "canonical")
            cue_start, cue_end = c.cue_span or (None, None)
            conn.execute(
                "INSERT OR IGNORE INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (claim_id(c), doc_id, c.source.id, c.type, c.target.id, int(c.negated),
                 c.speaker.id if c.speaker else None, int(c.hedged), c.date, c.evidence.start,
                 c.evidence.end, c.evidence.text, c.cue, cue_start, cue_end, c.quantity, c.rule, model))
        conn.execute("INSERT OR REPLACE INTO extractions VALUES (?,?,?,?)", (doc_id, model, version, _now()))

    @staticmethod
    def _write_actor(conn: sqlite3.Connection, actor: Actor, name: str, rule: str) -> None:
        conn.execute("INSERT OR IGNORE INTO actors VALUES (?,?,?)", (actor.id, actor.name, actor.kind))
        conn.execute("INSERT OR IGNORE INTO actor_names VALUES (?,?,?)", (actor.id, name, rule))

    # ---- reading -------------------------------------------------------------------------

    def documents(self) -> list[dict[str, Any]]:
        """Give every stored document's metadata (no text), in name order."""
        rows = self.conn.execute(
            "SELECT d.id, d.name, d.title, d.author, d.outlet, d.date, d.url, d.source, d.format, d.words, "
            "d.ingested_at, (SELECT count(*) FROM claims c WHERE c.doc_id = d.id) AS claims "
            "FROM documents d ORDER BY d.name")
        return [dict(r) for r in rows]

    def document(self, ident: str) -> Document | None:
        """Give the stored document with this id or name."""
        row = self.conn.execute("SELECT * FROM documents WHERE id=? OR name=?", (ident, ident)).fetchone()
        return None if row is None else Document.from_dict(dict(row))

    def mention_records(self, doc_id: str) -> list[Mention]:
        """Give a stored document's mentions as records, in text order."""
        rows = self.conn.execute(
            "SELECT d.name AS doc, a.id AS actor_id, a.name AS actor, a.kind AS actor_kind, m.start, m.end, m.text, "
            "m.rule FROM mentions m JOIN actors a ON a.id = m.actor_id JOIN documents d ON d.id = m.doc_id "
            "WHERE m.doc_id = ? ORDER BY m.start, a.id", (doc_id,))
        return [Mention.from_dict(dict(r)) for r in rows]

    def claim_records(self, doc_id: str) -> list[Claim]:
        """Give a stored document's claims as records (the actors as stored, not fused), in text order."""
        rows = self.conn.execute(
            "SELECT c.*, d.name AS doc, s.name AS source, s.kind AS source_kind, t.name AS target, "
            "t.kind AS target_kind, p.name AS speaker, p.kind AS speaker_kind "
            "FROM claims c JOIN documents d ON d.id = c.doc_id JOIN actors s ON s.id = c.source_id "
            "JOIN actors t ON t.id = c.target_id LEFT JOIN actors p ON p.id = c.speaker_id "
            "WHERE c.doc_id = ? ORDER BY c.ev_start, c.id", (doc_id,))
        return [_claim(r) for r in rows]

    def claims(self, *, document: str | None = None) -> list[dict[str, Any]]:
        """Give stored claims as rows with actor names, optionally of one document (id or name)."""
        sql = ("SELECT c.id, d.name AS doc, s.name AS source, c.type, t.name AS target, c.negated, "
               "p.name AS speaker, c.hedged, c.date, c.ev_start, c.ev_end, c.ev_text, c.cue, c.cue_start, c.cue_end, "
               "c.quantity, c.rule, c.model "
               "FROM claims c JOIN documents d ON d.id = c.doc_id JOIN actors s ON s.id = c.source_id "
               "JOIN actors t ON t.id = c.target_id LEFT JOIN actors p ON p.id = c.speaker_id")
        args: tuple[str, ...] = ()
        if document:
            sql += " WHERE d.id = ? OR d.name = ?"
            args = (document, document)
        rows = self.conn.execute(sql + " ORDER BY d.name, c.ev_start", args)
        return [dict(r) | {"negated": bool(r["negated"]), "hedged": bool(r["hedged"])} for r in rows]

    def stats(self) -> dict[str, Any]:
        """Give counts of documents, words, outlets, actors and claims, and the date range."""
        one = self.conn.execute(
            "SELECT count(*) AS documents, coalesce(sum(words), 0) AS words, "
            "count(DISTINCT outlet) AS outlets, min(date) AS first_date, max(date) AS last_date "
            "FROM documents").fetchone()
        out = dict(one)
        out["actors"] = self.conn.execute(
            "SELECT count(DISTINCT a) FROM (SELECT source_id a FROM claims UNION SELECT target_id FROM claims)"
        ).fetchone()[0]
        out["claims"] = self.conn.execute("SELECT count(*) FROM claims").fetchone()[0]
        out["migrations"] = [r[0] for r in self.conn.execute("SELECT version FROM schema_migrations ORDER BY 1")]
        return out

    def integrity(self) -> str:
        """Give SQLite's own integrity check verdict ('ok' when the file is sound)."""
        return str(self.conn.execute("PRAGMA integrity_check").fetchone()[0])
