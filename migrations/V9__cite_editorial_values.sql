-- Stated or inferred: every value of a fact row is stated by the row's own quote, or else
-- cited here to a labelled note (the kb editors' notes, a source of their own), or else NULL.
-- One row cites one value: the column of one row of one data table.

CREATE TABLE value_notes (
    id          INTEGER PRIMARY KEY,
    table_name  TEXT NOT NULL,
    row_key     TEXT NOT NULL CHECK (row_key <> ''),
    column_name TEXT NOT NULL,
    source_id   TEXT NOT NULL REFERENCES sources (id),
    quote       TEXT NOT NULL CHECK (length(quote) >= 10),
    FOREIGN KEY (table_name, column_name) REFERENCES kb_columns (table_name, column_name),
    UNIQUE (table_name, row_key, column_name)
);
CREATE INDEX value_notes_source ON value_notes (source_id);

INSERT INTO kb_tables (name, kind, description) VALUES
    ('value_notes', 'table',
     'One row cites one value that the quote of its own row does not state (an editorial value, such as the country of a settlement): the table, the row''s id or code, the column, and the note''s source and sentence. Every other value of a fact row is stated by the row''s quote.');

INSERT INTO kb_columns (table_name, column_name, description, unit, example) VALUES
    ('value_notes', 'id', 'Position of the row in value_notes.csv (1 for the first data row).', NULL, NULL),
    ('value_notes', 'table_name', 'The data table holding the value (→ kb_columns.table_name).', NULL, NULL),
    ('value_notes', 'row_key', 'The id (or code, for countries) of the row holding the value.', NULL, NULL),
    ('value_notes', 'column_name', 'The column holding the value (→ kb_columns.column_name).', NULL, NULL),
    ('value_notes', 'source_id', 'The note''s source (→ sources.id): the editors'' notes, labelled as not from the article.', NULL, NULL),
    ('value_notes', 'quote', 'The note''s sentence that states the value; kb refuses to load one it cannot find, character for character, in the source.', NULL, NULL);
