"""The store over SQL, written once for both backends: documents, mentions, claims, and the fused view.

A backend (sqlite.py, postgres.py) gives the connection, its dialect, its transactions and its
integrity check; everything a store does with them is here and in the fusion mixins.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any, ClassVar, Self

from claimgraph.errors import StoreError
from claimgraph.records import Actor, Claim, Document, Evidence, Mention
from claimgraph.resolve.names import make_id
from claimgraph.store import migrations
from claimgraph.store.base import Status, WriteResult
from claimgraph.store.dialect import Connection, Dialect
from claimgraph.store.fusion import FusionTables
from claimgraph.store.fusion_queries import FusionQueries

_DOCUMENT = "id, name, title, author, outlet, date, url, source, format, text, words, ingested_at"
_TRIES = 10  # a document write that loses a race with another writer is run again, this many times at most


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def claim_id(claim: Claim) -> str:
    """Give a claim's deterministic id: its document, relation, speaker and evidence span."""
    return make_id(claim.doc, claim.source.id, claim.type, claim.target.id, str(claim.negated),
                   claim.speaker.id if claim.speaker else "", str(claim.evidence.start),
                   str(claim.evidence.end), prefix="c")


def _claim(row: Any) -> Claim:
    speaker = None if row["speaker_id"] is None else Actor(row["speaker_id"], row["speaker"], row["speaker_kind"])
    cue_span = None if row["cue_start"] is None else (row["cue_start"], row["cue_end"])
    return Claim(doc=row["doc"], source=Actor(row["source_id"], row["source"], row["source_kind"]), type=row["type"],
                 target=Actor(row["target_id"], row["target"], row["target_kind"]),
                 evidence=Evidence(row["ev_start"], row["ev_end"], row["ev_text"]), negated=bool(row["negated"]),
                 speaker=speaker, hedged=bool(row["hedged"]), date=row["date"], cue=row["cue"], cue_span=cue_span,
                 quantity=row["quantity"], rule=row["rule"], model=row["model"])


class SQLStore(FusionTables, FusionQueries):
    """Documents, actors, mentions and claims in an SQL database (a backend subclass connects)."""

    dialect: ClassVar[Dialect]
    where: str
    conn: Connection

    # ---- what a backend gives --------------------------------------------------------------

    def transaction(self) -> AbstractContextManager[Connection]:
        """Run a block as one write transaction, serialised with every other: all of it is stored, or none."""
        raise NotImplementedError

    def _document_transaction(self) -> AbstractContextManager[Connection]:
        """Run one document's write; a backend may let these run beside each other (not beside fusion)."""
        return self.transaction()

    def _schema_transaction(self) -> AbstractContextManager[Connection]:
        """Run the migrations as one transaction that one process at a time may hold."""
        return self.transaction()

    def _run_script(self, sql: str) -> None:
        self.conn.execute(sql)

    def integrity(self) -> str:
        raise NotImplementedError

    # ---- opening and closing -----------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> list[int]:
        """Apply the migrations the store lacks, all in one transaction; give their numbers.

        A store that lacks none is only read, without a lock; one that records a migration
        newer than this code knows is refused.
        """
        known = migrations.available(self.dialect.name)
        if self.conn.execute(self.dialect.has_migrations).fetchone()[0]:
            if not migrations.pending(self._applied(), known, where=self.where):
                return []
        with self._schema_transaction() as conn:
            conn.execute(migrations.SCHEMA_TABLE)
            todo = migrations.pending(self._applied(), known, where=self.where)
            for number, name, sql in todo:
                self._run_script(sql)
                conn.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                             (number, name, now()))
        return [number for number, _, _ in todo]

    def _applied(self) -> set[int]:
        return {int(r[0]) for r in self.conn.execute("SELECT version FROM schema_migrations")}

    # ---- writing -------------------------------------------------------------------------

    def extraction_of(self, doc_id: str) -> tuple[str, str] | None:
        """Give (model, version) that produced a stored document's claims, if any did."""
        row = self.conn.execute("SELECT model, version FROM extractions WHERE doc_id=?", (doc_id,)).fetchone()
        return (row["model"], row["version"]) if row else None

    def plan(self, document: Document) -> Status:
        """Tell what write_document would do with `document`, without writing (claims aside)."""
        return self._plan(document)[0]

    def _plan(self, document: Document) -> tuple[Status, str | None]:
        # one statement, so one snapshot: a document another process stores meanwhile is seen whole or not at all
        rows = self.conn.execute("SELECT id, name FROM documents WHERE id=? OR name=?",
                                 (document.id, document.name)).fetchall()
        same = next((r["name"] for r in rows if r["id"] == document.id), None)
        if same is not None:
            return ("unchanged", None) if same == document.name else ("duplicate", same)
        return ("replaced" if rows else "added"), None

    def write_document(self, document: Document, *, mentions: Sequence[Mention] | None = None,
                       claims: Sequence[Claim] | None = None, model: str | None = None,
                       version: str | None = None) -> WriteResult:
        """Store a document (and its mentions and claims) in one transaction; say what changed.

        The same text again changes nothing; a changed text under a known name replaces the old
        version; the same text under another name is reported as a duplicate and not stored twice.
        A write that collides with another process storing the same document is run again, and
        then finds that document stored.
        """
        tries = 1
        while True:
            try:
                with self._document_transaction() as conn:
                    return self._write(conn, document, mentions, claims, model, version)
            except self.dialect.retry as e:
                if tries == _TRIES:
                    raise StoreError(f"{self.where}: cannot store {document.name} ({_first_line(e)})") from e
                tries += 1
            except self.dialect.error as e:
                raise StoreError(f"{self.where}: cannot store {document.name} ({_first_line(e)})") from e

    def _write(self, conn: Connection, document: Document, mentions: Sequence[Mention] | None,
               claims: Sequence[Claim] | None, model: str | None, version: str | None) -> WriteResult:
        status, duplicate_of = self._plan(document)
        if status == "duplicate":
            return WriteResult("duplicate", duplicate_of)
        if status == "replaced":
            conn.execute("DELETE FROM documents WHERE name=?", (document.name,))
        if status in ("added", "replaced"):
            conn.execute(
                f"INSERT INTO documents ({_DOCUMENT}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (document.id, document.name, document.title, document.author, document.outlet, document.date,
                 document.url, document.source, document.format, document.text, document.words, now()))
        if claims is not None and model is not None:
            if status == "unchanged" and self.extraction_of(document.id) == (model, version or ""):
                return WriteResult("unchanged")
            _write_claims(conn, document.id, mentions or (), claims, model, version or "")
            if status == "unchanged":
                status = "updated"
        return WriteResult(status)

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
        row = self.conn.execute(f"SELECT {_DOCUMENT} FROM documents WHERE id=? OR name=?", (ident, ident)).fetchone()
        return None if row is None else Document.from_dict(dict(row))

    def mention_records(self, doc_id: str) -> list[Mention]:
        """Give a stored document's mentions as records, in text order."""
        rows = self.conn.execute(
            'SELECT d.name AS doc, a.id AS actor_id, a.name AS actor, a.kind AS actor_kind, m.start, m."end", '
            "m.text, m.rule FROM mentions m JOIN actors a ON a.id = m.actor_id JOIN documents d ON d.id = m.doc_id "
            'WHERE m.doc_id = ? ORDER BY m.start, a.id, m."end"', (doc_id,))
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
        rows = self.conn.execute(sql + " ORDER BY d.name, c.ev_start, c.id", args)
        return [dict(r) | {"negated": bool(r["negated"]), "hedged": bool(r["hedged"])} for r in rows]

    def stats(self) -> dict[str, Any]:
        """Give counts of documents, words, outlets, actors and claims, and the date range."""
        one = self.conn.execute(
            "SELECT count(*) AS documents, coalesce(sum(words), 0) AS words, "
            "count(DISTINCT outlet) AS outlets, min(date) AS first_date, max(date) AS last_date "
            "FROM documents").fetchone()
        out = dict(one)
        out["actors"] = self.conn.execute(
            "SELECT count(DISTINCT a) FROM (SELECT source_id AS a FROM claims UNION SELECT target_id FROM claims) ends"
        ).fetchone()[0]
        out["claims"] = self.conn.execute("SELECT count(*) FROM claims").fetchone()[0]
        out["migrations"] = [r[0] for r in self.conn.execute("SELECT version FROM schema_migrations ORDER BY 1")]
        return out


def _write_claims(conn: Connection, doc_id: str, mentions: Iterable[Mention], claims: Iterable[Claim],
                  model: str, version: str) -> None:
    conn.execute("DELETE FROM claims WHERE doc_id=?", (doc_id,))
    conn.execute("DELETE FROM mentions WHERE doc_id=?", (doc_id,))
    mentions, claims = list(mentions), list(claims)
    names: dict[tuple[str, str], tuple[Actor, str]] = {}  # (actor id, name) -> (actor, rule): the first one seen
    for m in mentions:
        names.setdefault((m.actor.id, m.text), (m.actor, m.rule))
    for c in claims:
        for actor in (c.source, c.target, c.speaker):
            if actor is not None:
                names.setdefault((actor.id, actor.name), (actor, "canonical"))
    _write_actors(conn, names)
    conn.executemany('INSERT INTO mentions (doc_id, actor_id, start, "end", text, rule) VALUES (?,?,?,?,?,?) '
                     "ON CONFLICT DO NOTHING", [(doc_id, m.actor.id, m.start, m.end, m.text, m.rule) for m in mentions])
    conn.executemany(
        "INSERT INTO claims (id, doc_id, source_id, type, target_id, negated, speaker_id, hedged, date, ev_start, "
        "ev_end, ev_text, cue, cue_start, cue_end, quantity, rule, model) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
        [(claim_id(c), doc_id, c.source.id, c.type, c.target.id, int(c.negated), c.speaker.id if c.speaker else None,
          int(c.hedged), c.date, c.evidence.start, c.evidence.end, c.evidence.text, c.cue,
          *(c.cue_span or (None, None)), c.quantity, c.rule, model) for c in claims])
    # deleted and inserted, not updated in place: a fused report extracted again marks the fused view stale
    conn.execute("DELETE FROM extractions WHERE doc_id=?", (doc_id,))
    conn.execute("INSERT INTO extractions (doc_id, model, version, extracted_at) VALUES (?,?,?,?)",
                 (doc_id, model, version, now()))


def _write_actors(conn: Connection, names: dict[tuple[str, str], tuple[Actor, str]]) -> None:
    """Store the actors a document names and the names it gives them, known ones left as they are.

    In id order, so that two writers storing the same new actors wait for each other rather
    than each hold what the other needs.
    """
    actors: dict[str, Actor] = {}
    for actor, _ in names.values():
        actors.setdefault(actor.id, actor)
    conn.executemany("INSERT INTO actors (id, name, kind) VALUES (?,?,?) ON CONFLICT DO NOTHING",
                     [(a.id, a.name, a.kind) for _, a in sorted(actors.items())])
    conn.executemany("INSERT INTO actor_names (actor_id, name, rule) VALUES (?,?,?) ON CONFLICT DO NOTHING",
                     [(actor_id, name, rule) for (actor_id, name), (_, rule) in sorted(names.items())])


def _first_line(e: BaseException) -> str:
    return (str(e).strip().splitlines() or [type(e).__name__])[0]


__all__ = ["SQLStore", "claim_id"]
