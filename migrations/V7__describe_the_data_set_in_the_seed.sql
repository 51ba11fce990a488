-- The data set is described by its seed, not by kb: the seed's Frictionless Data Package
-- descriptor (datapackage.json) gives its name, title, description, licences, sources and
-- contributors, and the loader keeps it here; kb_dataset reads it from here instead of
-- naming one data set. `kb export` writes the descriptor back with kb's Table Schemas.

CREATE TABLE data_set (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL CHECK (name <> ''),
    title       TEXT NOT NULL CHECK (title <> ''),
    description TEXT,
    descriptor  TEXT NOT NULL CHECK (json_valid(descriptor))
);

DROP VIEW kb_dataset;

-- The first licence and the first source of the descriptor stand for the data set in tools
-- that take one of each (Datasette); the descriptor column holds them all.
CREATE VIEW kb_dataset AS
SELECT key, value
FROM (
    SELECT 1 AS position, 'title' AS key, (SELECT title FROM data_set) AS value
    UNION ALL
    SELECT 2, 'description', (SELECT description FROM data_set)
    UNION ALL
    SELECT 3, 'source', (SELECT json_extract(descriptor, '$.sources[0].title') FROM data_set)
    UNION ALL
    SELECT 4, 'source_url', (SELECT json_extract(descriptor, '$.sources[0].path') FROM data_set)
    UNION ALL
    SELECT 5, 'licence',
           (SELECT coalesce(json_extract(descriptor, '$.licenses[0].title'),
                            json_extract(descriptor, '$.licenses[0].name')) FROM data_set)
    UNION ALL
    SELECT 6, 'licence_url', (SELECT json_extract(descriptor, '$.licenses[0].path') FROM data_set)
    UNION ALL
    SELECT 7, 'kb_version', (SELECT kb_version FROM seed_state WHERE id = 1)
    UNION ALL
    SELECT 8, 'name', (SELECT name FROM data_set)
)
ORDER BY position;

UPDATE kb_tables SET description =
    'The data set as a whole, as key-value rows read from data_set: title, description, source and source_url (the first source of its descriptor), licence and licence_url (the first licence), kb_version (the kb that loaded the seed) and name.'
WHERE name = 'kb_dataset';
UPDATE kb_columns SET description =
    '''title'', ''description'', ''source'', ''source_url'', ''licence'', ''licence_url'', ''kb_version'' or ''name''.'
WHERE table_name = 'kb_dataset' AND column_name = 'key';
UPDATE kb_columns SET description =
    'The value; NULL when unknown (before a seed with a descriptor is loaded, or when the descriptor does not say).'
WHERE table_name = 'kb_dataset' AND column_name = 'value';

INSERT INTO kb_tables (name, kind, description) VALUES
    ('data_set', 'table',
     'A single row describing the loaded data set, from the seed''s Frictionless Data Package descriptor (datapackage.json): its name, title and description, and the descriptor itself (licences, sources, contributors), without the per-file resources, which kb derives from its own schema.');

INSERT INTO kb_columns (table_name, column_name, description, unit, example) VALUES
    ('data_set', 'id', 'Always 1.', NULL, '1'),
    ('data_set', 'name', 'The data package''s name: lowercase letters, digits, -, _, . and /.', NULL, 'kazakhstan-poland-relations'),
    ('data_set', 'title', 'The data set''s title, as reports, the timeline and Datasette show it.', NULL, 'Kazakhstan–Poland relations knowledge base'),
    ('data_set', 'description', 'What the data set holds; NULL when the descriptor has none.', NULL, NULL),
    ('data_set', 'descriptor', 'The seed''s datapackage.json without its resources, as JSON text (licenses, sources, contributors, and any other property it has).', 'JSON', NULL);
