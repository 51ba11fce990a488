-- The columns of one table or view (?1) in their declared order, with their declared type and
-- their kb_columns documentation (NULL where a column has none).
SELECT p.name, p.type, d.description, d.unit, d.example
FROM pragma_table_info(?1) AS p
LEFT JOIN kb_columns AS d ON d.table_name = ?1 AND d.column_name = p.name
ORDER BY p.cid
