"""The actor index in the store: what fusion's actor linker looks up, a few indexed rows at a time.

The rules that decide a link are fusion's (fuse/merge.py, fuse/index.py); this only keeps what
each link adds and answers the linker's questions from the tables of migration 5, so folding a
report in never reads every actor link.
"""
from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from claimgraph.store.dialect import Connection


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


class ActorIndexTables:
    """Methods of the store that keep and read the actor index (mixed into the fusion tables)."""

    conn: Connection

    def canonical_ids(self, actor_ids: Sequence[str]) -> dict[str, str]:
        """Give the canonical id of each of these actors that is linked already."""
        if not actor_ids:
            return {}
        rows = self.conn.execute(f"SELECT actor_id, canonical_id FROM actor_links WHERE actor_id IN "
                                 f"({_marks(actor_ids)})", list(actor_ids))
        return {r[0]: r[1] for r in rows}

    def canonical_actor(self, canonical_id: str) -> tuple[str, str, bool] | None:
        """Give a canonical actor's (name, kind, fixed name), if there is one."""
        row = self.conn.execute("SELECT name, kind, fixed FROM fused_actors WHERE id = ?", (canonical_id,)).fetchone()
        return None if row is None else (row[0], row[1], bool(row[2]))

    def member_names(self, canonical_id: str) -> list[str]:
        """Give the normalised names of the actors linked to a canonical actor."""
        rows = self.conn.execute("SELECT DISTINCT name_key FROM actor_links WHERE canonical_id = ? ORDER BY 1",
                                 (canonical_id,))
        return [r[0] for r in rows]

    def first_with_key(self, key: str) -> str | None:
        """Give the canonical actor that first took this name key."""
        row = self.conn.execute("SELECT canonical_id FROM actor_keys WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def people_ending(self, surname: str) -> list[tuple[str, str]]:
        """Give (canonical id, member name) of every person a linked name ending in `surname` belongs to."""
        rows = self.conn.execute(
            "SELECT DISTINCT canonical_id, name_key FROM actor_links WHERE canonical_id IN "
            "(SELECT canonical_id FROM actor_links WHERE surname = ?) ORDER BY 1, 2", (surname,))
        return [(r[0], r[1]) for r in rows]

    def spelled_like(self, kind: str, probe: Any) -> list[tuple[str, str]]:
        """Give (name key, canonical id) of the names of a kind a probe (fuse/index.Probe) finds, in the
        order they were indexed: those in its length band holding enough of its pieces near their places."""
        if not probe.pieces:
            rows = self.conn.execute("SELECT key, canonical_id FROM spelling_keys WHERE kind = ? "
                                     "AND length BETWEEN ? AND ? ORDER BY seq", (kind, probe.shortest, probe.longest))
            return [(r[0], r[1]) for r in rows]
        near = " UNION ALL ".join(f"SELECT key_seq, {i} AS piece FROM spelling_grams WHERE kind = ? AND gram = ? "
                                  "AND pos BETWEEN ? AND ?" for i in range(len(probe.pieces)))
        rows = self.conn.execute(
            f"SELECT k.key, k.canonical_id FROM (SELECT key_seq FROM ({near}) p GROUP BY key_seq "
            "HAVING count(DISTINCT piece) >= ?) g JOIN spelling_keys k ON k.seq = g.key_seq "
            "WHERE k.length BETWEEN ? AND ? ORDER BY k.seq",
            [*(value for piece in probe.pieces for value in (kind, *piece)), probe.enough, probe.shortest,
             probe.longest])
        return [(r[0], r[1]) for r in rows]

    def add_link(self, entry: Any) -> None:
        """Record a new link (a fuse/index.Entry), its canonical actor and the keys it is found under."""
        cid, name, kind, fixed = entry.cluster
        with self._pipeline():  # nothing to read back: sent at once where the backend can (PostgreSQL)
            self.conn.execute("INSERT INTO fused_actors (id, name, kind, fixed) VALUES (?,?,?,?) ON CONFLICT (id) "
                              "DO UPDATE SET name = excluded.name, kind = excluded.kind, fixed = excluded.fixed",
                              (cid, name, kind, int(fixed)))
            self.conn.execute("INSERT INTO actor_links (actor_id, canonical_id, rule, detail, name_key, surname) "
                              "VALUES (?,?,?,?,?,?)", (entry.actor_id, cid, entry.rule, entry.detail, entry.name_key,
                                                       entry.surname))
            keys = list(dict.fromkeys(entry.keys))  # both for the same actor: their order cannot matter
            self.conn.execute(f"INSERT INTO actor_keys (key, canonical_id) VALUES {','.join(['(?, ?)'] * len(keys))} "
                              "ON CONFLICT DO NOTHING", [v for key in keys for v in (key, cid)])
            if entry.spelling is None:
                return
            self.conn.execute("INSERT INTO spelling_keys (kind, key, canonical_id, length) VALUES (?,?,?,?) "
                              "ON CONFLICT DO NOTHING", (kind, entry.spelling, cid, len(entry.spelling)))
            # the pieces of a key its kind had already are there already: inserting them again changes nothing
            self.conn.executemany("INSERT INTO spelling_grams (kind, gram, pos, key_seq) SELECT ?, ?, ?, seq "
                                  "FROM spelling_keys WHERE kind = ? AND key = ? ON CONFLICT DO NOTHING",
                                  [(kind, g, p, kind, entry.spelling) for g, p in entry.pieces])

    def _pipeline(self) -> AbstractContextManager[Any]:
        """Send statements without waiting for each answer, where the backend can (PostgreSQL)."""
        return nullcontext()
