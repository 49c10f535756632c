-- Documents, keyed by a hash of their normalised text; `name` is the file name or record id.
-- Text compares byte by byte (COLLATE "C"), as in SQLite, whatever the database's locale: names
-- sort and ISO dates compare the same on both backends.
CREATE TABLE documents (
    id          TEXT COLLATE "C" PRIMARY KEY,
    name        TEXT COLLATE "C" NOT NULL UNIQUE,
    title       TEXT COLLATE "C",
    author      TEXT COLLATE "C",
    outlet      TEXT COLLATE "C",
    date        TEXT COLLATE "C",
    url         TEXT COLLATE "C",
    source      TEXT COLLATE "C",
    format      TEXT COLLATE "C" NOT NULL,
    text        TEXT COLLATE "C" NOT NULL,
    words       INTEGER NOT NULL,
    ingested_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX documents_outlet ON documents(outlet);
CREATE INDEX documents_date ON documents(date);
