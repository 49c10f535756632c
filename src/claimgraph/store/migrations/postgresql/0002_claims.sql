-- Canonical actors, their surface names, their mentions, and the claims between them.
CREATE TABLE actors (
    id    TEXT COLLATE "C" PRIMARY KEY,
    name  TEXT COLLATE "C" NOT NULL,
    kind  TEXT COLLATE "C" NOT NULL
);
CREATE TABLE actor_names (
    actor_id TEXT COLLATE "C" NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    name     TEXT COLLATE "C" NOT NULL,
    rule     TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (actor_id, name)
);
CREATE TABLE mentions (
    doc_id   TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor_id TEXT COLLATE "C" NOT NULL REFERENCES actors(id),
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    text     TEXT COLLATE "C" NOT NULL,
    rule     TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (doc_id, start, "end", actor_id)
);
CREATE INDEX mentions_actor ON mentions(actor_id);
CREATE TABLE claims (
    id          TEXT COLLATE "C" PRIMARY KEY,
    doc_id      TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source_id   TEXT COLLATE "C" NOT NULL REFERENCES actors(id),
    type        TEXT COLLATE "C" NOT NULL,
    target_id   TEXT COLLATE "C" NOT NULL REFERENCES actors(id),
    negated     INTEGER NOT NULL,
    speaker_id  TEXT COLLATE "C" REFERENCES actors(id),
    hedged      INTEGER NOT NULL,
    date        TEXT COLLATE "C",
    ev_start    INTEGER NOT NULL,
    ev_end      INTEGER NOT NULL,
    ev_text     TEXT COLLATE "C" NOT NULL,
    cue         TEXT COLLATE "C",
    cue_start   INTEGER,
    cue_end     INTEGER,
    quantity    TEXT COLLATE "C",
    rule        TEXT COLLATE "C",
    model       TEXT COLLATE "C"
);
CREATE INDEX claims_doc ON claims(doc_id);
CREATE INDEX claims_relation ON claims(source_id, type, target_id, negated);
CREATE INDEX claims_target ON claims(target_id);
-- Which pipeline and claimgraph version produced a document's claims.
CREATE TABLE extractions (
    doc_id       TEXT COLLATE "C" PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    model        TEXT COLLATE "C" NOT NULL,
    version      TEXT COLLATE "C" NOT NULL,
    extracted_at TEXT COLLATE "C" NOT NULL
);
