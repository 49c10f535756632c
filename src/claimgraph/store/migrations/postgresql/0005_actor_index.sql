-- The actor index fusion looks actors up in (see the SQLite migration of the same number).
ALTER TABLE actor_links ADD COLUMN name_key TEXT COLLATE "C";
ALTER TABLE actor_links ADD COLUMN surname TEXT COLLATE "C";
CREATE INDEX actor_links_surname ON actor_links(surname) WHERE surname IS NOT NULL;
CREATE TABLE actor_keys (
    key          TEXT COLLATE "C" PRIMARY KEY,
    canonical_id TEXT COLLATE "C" NOT NULL
);
CREATE TABLE spelling_keys (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         TEXT COLLATE "C" NOT NULL,
    key          TEXT COLLATE "C" NOT NULL,
    canonical_id TEXT COLLATE "C" NOT NULL,
    length       INTEGER NOT NULL,
    UNIQUE (kind, key)
);
CREATE TABLE spelling_grams (
    kind    TEXT COLLATE "C" NOT NULL,
    gram    TEXT COLLATE "C" NOT NULL,
    pos     INTEGER NOT NULL,
    key_seq BIGINT NOT NULL,
    PRIMARY KEY (kind, gram, pos, key_seq)
);
-- A fused view made before the index has none: rebuild it on the next fusion.
INSERT INTO fusion_state (key, value) SELECT 'stale', '1' WHERE EXISTS (SELECT 1 FROM fused_docs)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
