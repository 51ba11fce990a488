-- What a later `kb init` needs to protect the facts: where the seed came from, so that a bare
-- `kb init` does not replace facts loaded from another seed folder, and a digest of every
-- data table's rows as loaded, so that rows edited in the file afterwards are noticed.

ALTER TABLE seed_state ADD COLUMN seed_origin TEXT;

-- One row per data table, written by the loader in the same transaction as its rows.
CREATE TABLE seed_table_digests (
    table_name     TEXT PRIMARY KEY REFERENCES kb_tables (name),
    row_count      INTEGER NOT NULL CHECK (row_count >= 0),
    content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64)
);

INSERT INTO kb_tables (name, kind, description) VALUES
    ('seed_table_digests', 'table',
     'One row per data table: how many rows the last kb init loaded into it and a digest of their content, so that `kb init` and `kb check` notice rows changed in the file since (edit facts through the seed CSVs instead).');

INSERT INTO kb_columns (table_name, column_name, description, unit, example) VALUES
    ('seed_state', 'seed_origin', 'Where the loaded seed came from: ''built-in'' for the seed built into kb, otherwise the seed folder''s absolute path; NULL in a file loaded before kb recorded it.',
     NULL, 'built-in'),
    ('seed_table_digests', 'table_name', 'The data table (→ kb_tables.name).',
     NULL, 'figures'),
    ('seed_table_digests', 'row_count', 'Rows the last load wrote into the table.',
     'rows', '12'),
    ('seed_table_digests', 'content_sha256', 'SHA-256 over the table''s rows in rowid order, each value with its storage class, as the last load left them.',
     '64 lowercase hexadecimal digits', NULL);
