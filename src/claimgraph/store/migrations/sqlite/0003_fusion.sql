-- The fused view: canonical actors across reports, relations with their counts, and what
-- each fused report contributed. Fusion rows carry no foreign keys to documents on purpose:
-- a report removed or re-extracted since it was fused is found by what it left behind here.
CREATE TABLE fusion_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE fused_actors (
    id    TEXT PRIMARY KEY,
    name  TEXT NOT NULL,
    kind  TEXT NOT NULL,
    fixed INTEGER NOT NULL
);
CREATE TABLE actor_links (
    actor_id     TEXT PRIMARY KEY,
    canonical_id TEXT NOT NULL,
    rule         TEXT NOT NULL,
    detail       TEXT NOT NULL
);
CREATE INDEX actor_links_canonical ON actor_links(canonical_id);
CREATE TABLE fused_docs (
    doc_id   TEXT PRIMARY KEY,
    seq      INTEGER NOT NULL,
    stamp    TEXT NOT NULL,
    group_id TEXT NOT NULL,
    origin   TEXT NOT NULL,
    relay    TEXT,
    sig      BLOB NOT NULL
);
CREATE TABLE doc_bands (
    key    INTEGER NOT NULL,
    doc_id TEXT NOT NULL,
    PRIMARY KEY (key, doc_id)
) WITHOUT ROWID;
CREATE TABLE relations (
    id           TEXT PRIMARY KEY,
    source_id    TEXT NOT NULL,
    type         TEXT NOT NULL,
    target_id    TEXT NOT NULL,
    negated      INTEGER NOT NULL,
    claims       INTEGER NOT NULL DEFAULT 0,
    docs         INTEGER NOT NULL DEFAULT 0,
    outlets      INTEGER NOT NULL DEFAULT 0,
    origins      INTEGER NOT NULL DEFAULT 0,
    hedged       INTEGER NOT NULL DEFAULT 0,
    first_date   TEXT,
    last_date    TEXT,
    first_report TEXT,
    last_report  TEXT
);
CREATE INDEX relations_source ON relations(source_id);
CREATE INDEX relations_target ON relations(target_id);
CREATE TABLE relation_members (
    rel_id TEXT NOT NULL,
    kind   TEXT NOT NULL,
    key    TEXT NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (rel_id, kind, key)
) WITHOUT ROWID;
CREATE TABLE claim_links (
    claim_id TEXT PRIMARY KEY,
    doc_id   TEXT NOT NULL,
    rel_id   TEXT NOT NULL,
    origin   TEXT NOT NULL
);
CREATE INDEX claim_links_doc ON claim_links(doc_id);
CREATE INDEX claim_links_rel ON claim_links(rel_id);
-- A fused report removed, replaced or re-extracted marks the fused view stale (rebuilt on the
-- next fusion), so checking for that never scans the store.
CREATE TRIGGER fused_document_removed AFTER DELETE ON documents
WHEN EXISTS (SELECT 1 FROM fused_docs WHERE doc_id = OLD.id)
BEGIN
    INSERT OR REPLACE INTO fusion_state VALUES ('stale', '1');
END;
CREATE TRIGGER fused_document_reextracted AFTER INSERT ON extractions
WHEN EXISTS (SELECT 1 FROM fused_docs WHERE doc_id = NEW.doc_id)
BEGIN
    INSERT OR REPLACE INTO fusion_state VALUES ('stale', '1');
END;
