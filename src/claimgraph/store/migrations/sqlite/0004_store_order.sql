-- The order reports were stored in, and fusion made its actor links in, as columns of their own
-- (not SQLite's rowid, which PostgreSQL has not): reports are fused in store order, and links are
-- read back in the order they were made, so a rebuild gives what adding reports one by one gave.
ALTER TABLE documents ADD COLUMN seq INTEGER;
UPDATE documents SET seq = rowid;
CREATE UNIQUE INDEX documents_seq ON documents(seq);
CREATE TRIGGER documents_seq AFTER INSERT ON documents WHEN NEW.seq IS NULL
BEGIN
    UPDATE documents SET seq = NEW.rowid WHERE rowid = NEW.rowid;
END;
ALTER TABLE actor_links ADD COLUMN seq INTEGER;
UPDATE actor_links SET seq = rowid;
CREATE TRIGGER actor_links_seq AFTER INSERT ON actor_links WHEN NEW.seq IS NULL
BEGIN
    UPDATE actor_links SET seq = NEW.rowid WHERE rowid = NEW.rowid;
END;
CREATE INDEX fused_docs_seq ON fused_docs(seq);
