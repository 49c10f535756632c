-- Canonical actors, their surface names, their mentions, and the claims between them.
CREATE TABLE actors (
    id    TEXT PRIMARY KEY,
    name  TEXT NOT NULL,
    kind  TEXT NOT NULL
);
CREATE TABLE actor_names (
    actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    rule     TEXT NOT NULL,
    PRIMARY KEY (actor_id, name)
);
CREATE TABLE mentions (
    doc_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES actors(id),
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    text     TEXT NOT NULL,
    rule     TEXT NOT NULL,
    PRIMARY KEY (doc_id, start, end, actor_id)
);
CREATE INDEX mentions_actor ON mentions(actor_id);
CREATE TABLE claims (
    id          TEXT PRIMARY KEY,
    doc_id      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source_id   TEXT NOT NULL REFERENCES actors(id),
    type        TEXT NOT NULL,
    target_id   TEXT NOT NULL REFERENCES actors(id),
    negated     INTEGER NOT NULL,
    speaker_id  TEXT REFERENCES actors(id),
    hedged      INTEGER NOT NULL,
    date        TEXT,
    ev_start    INTEGER NOT NULL,
    ev_end      INTEGER NOT NULL,
    ev_text     TEXT NOT NULL,
    cue         TEXT,
    cue_start   INTEGER,
    cue_end     INTEGER,
    quantity    TEXT,
    rule        TEXT,
    model       TEXT
);
CREATE INDEX claims_doc ON claims(doc_id);
CREATE INDEX claims_relation ON claims(source_id, type, target_id, negated);
CREATE INDEX claims_target ON claims(target_id);
-- Which pipeline and claimgraph version produced a document's claims.
CREATE TABLE extractions (
    doc_id       TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    model        TEXT NOT NULL,
    version      TEXT NOT NULL,
    extracted_at TEXT NOT NULL
);
