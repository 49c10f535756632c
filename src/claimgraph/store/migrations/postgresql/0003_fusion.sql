-- The fused view: canonical actors across reports, relations with their counts, and what
-- each fused report contributed. Fusion rows carry no foreign keys to documents on purpose:
-- a report removed or re-extracted since it was fused is found by what it left behind here.
CREATE TABLE fusion_state (
    key   TEXT COLLATE "C" PRIMARY KEY,
    value TEXT COLLATE "C" NOT NULL
);
CREATE TABLE fused_actors (
    id    TEXT COLLATE "C" PRIMARY KEY,
    name  TEXT COLLATE "C" NOT NULL,
    kind  TEXT COLLATE "C" NOT NULL,
    fixed INTEGER NOT NULL
);
CREATE TABLE actor_links (
    actor_id     TEXT COLLATE "C" PRIMARY KEY,
    canonical_id TEXT COLLATE "C" NOT NULL,
    rule         TEXT COLLATE "C" NOT NULL,
    detail       TEXT COLLATE "C" NOT NULL
);
CREATE INDEX actor_links_canonical ON actor_links(canonical_id);
CREATE TABLE fused_docs (
    doc_id   TEXT COLLATE "C" PRIMARY KEY,
    seq      BIGINT NOT NULL,
    stamp    TEXT COLLATE "C" NOT NULL,
    group_id TEXT COLLATE "C" NOT NULL,
    origin   TEXT COLLATE "C" NOT NULL,
    relay    TEXT COLLATE "C",
    sig      BYTEA NOT NULL
);
CREATE TABLE doc_bands (
    key    BIGINT NOT NULL,
    doc_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (key, doc_id)
);
CREATE TABLE relations (
    id           TEXT COLLATE "C" PRIMARY KEY,
    source_id    TEXT COLLATE "C" NOT NULL,
    type         TEXT COLLATE "C" NOT NULL,
    target_id    TEXT COLLATE "C" NOT NULL,
    negated      INTEGER NOT NULL,
    claims       INTEGER NOT NULL DEFAULT 0,
    docs         INTEGER NOT NULL DEFAULT 0,
    outlets      INTEGER NOT NULL DEFAULT 0,
    origins      INTEGER NOT NULL DEFAULT 0,
    hedged       INTEGER NOT NULL DEFAULT 0,
    first_date   TEXT COLLATE "C",
    last_date    TEXT COLLATE "C",
    first_report TEXT COLLATE "C",
    last_report  TEXT COLLATE "C"
);
CREATE INDEX relations_source ON relations(source_id);
CREATE INDEX relations_target ON relations(target_id);
CREATE TABLE relation_members (
    rel_id TEXT COLLATE "C" NOT NULL,
    kind   TEXT COLLATE "C" NOT NULL,
    key    TEXT COLLATE "C" NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (rel_id, kind, key)
);
CREATE TABLE claim_links (
    claim_id TEXT COLLATE "C" PRIMARY KEY,
    doc_id   TEXT COLLATE "C" NOT NULL,
    rel_id   TEXT COLLATE "C" NOT NULL,
    origin   TEXT COLLATE "C" NOT NULL
);
CREATE INDEX claim_links_doc ON claim_links(doc_id);
CREATE INDEX claim_links_rel ON claim_links(rel_id);
-- A fused report removed, replaced or re-extracted marks the fused view stale (rebuilt on the
-- next fusion), so checking for that never scans the store.
CREATE FUNCTION claimgraph_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    doc TEXT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        doc := OLD.id;      -- a document removed (or replaced: removed, then stored anew)
    ELSE
        doc := NEW.doc_id;  -- a document's claims extracted again
    END IF;
    IF EXISTS (SELECT 1 FROM fused_docs WHERE doc_id = doc) THEN
        INSERT INTO fusion_state (key, value) VALUES ('stale', '1')
        ON CONFLICT (key) DO UPDATE SET value = excluded.value;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER fused_document_removed AFTER DELETE ON documents
FOR EACH ROW EXECUTE FUNCTION claimgraph_mark_stale();
CREATE TRIGGER fused_document_reextracted AFTER INSERT ON extractions
FOR EACH ROW EXECUTE FUNCTION claimgraph_mark_stale();
