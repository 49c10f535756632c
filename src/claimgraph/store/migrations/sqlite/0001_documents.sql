-- Documents, keyed by a hash of their normalised text; `name` is the file name or record id.
CREATE TABLE documents (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    title       TEXT,
    author      TEXT,
    outlet      TEXT,
    date        TEXT,
    url         TEXT,
    source      TEXT,
    format      TEXT NOT NULL,
    text        TEXT NOT NULL,
    words       INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_outlet ON documents(outlet);
CREATE INDEX documents_date ON documents(date);
