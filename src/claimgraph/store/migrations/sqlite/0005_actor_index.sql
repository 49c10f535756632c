-- The actor index fusion looks actors up in (fuse/index.py), kept beside the fused view and grown
-- link by link, so folding a report in asks a few indexed questions per new actor instead of
-- reading every actor link: the names each link gives its canonical actor (name_key), the last
-- word of a person's name (surname), the name keys canonical actors are found under (actor_keys:
-- the first actor to take a key keeps it), and for the kinds that merge by spelling, each name
-- key (spelling_keys, in the order indexed) with its three-letter pieces and their places.
ALTER TABLE actor_links ADD COLUMN name_key TEXT;
ALTER TABLE actor_links ADD COLUMN surname TEXT;
CREATE INDEX actor_links_surname ON actor_links(surname) WHERE surname IS NOT NULL;
CREATE TABLE actor_keys (
    key          TEXT PRIMARY KEY,
    canonical_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE spelling_keys (
    seq          INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    key          TEXT NOT NULL,
    canonical_id TEXT NOT NULL,
    length       INTEGER NOT NULL,
    UNIQUE (kind, key)
);
CREATE TABLE spelling_grams (
    kind    TEXT NOT NULL,
    gram    TEXT NOT NULL,
    pos     INTEGER NOT NULL,
    key_seq INTEGER NOT NULL,
    PRIMARY KEY (kind, gram, pos, key_seq)
) WITHOUT ROWID;
-- A fused view made before the index has none: rebuild it on the next fusion.
INSERT INTO fusion_state (key, value) SELECT 'stale', '1' WHERE EXISTS (SELECT 1 FROM fused_docs)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
