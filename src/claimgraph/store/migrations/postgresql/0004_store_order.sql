-- The order reports were stored in, and fusion made its actor links in (see the SQLite migration
-- of the same number): identity columns, numbered when a row is inserted.
ALTER TABLE documents ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY;
CREATE UNIQUE INDEX documents_seq ON documents(seq);
ALTER TABLE actor_links ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY;
CREATE INDEX fused_docs_seq ON fused_docs(seq);
