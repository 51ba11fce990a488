-- Every table and view in the file, documented or not, with its kind and its kb_tables
-- description: SQLite's own tables and the FTS5 index's shadow tables left out. Documented
-- ones come first, in the order kb_tables lists them; any others follow by name.
SELECT l.name,
       CASE l.type WHEN 'virtual' THEN 'virtual table' ELSE l.type END AS kind,
       d.description
FROM pragma_table_list AS l
LEFT JOIN kb_tables AS d ON d.name = l.name
WHERE l.schema = 'main'
  AND l.type IN ('table', 'view', 'virtual')
  AND l.name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY d.rowid IS NULL, d.rowid, l.name
