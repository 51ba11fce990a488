-- kb report timeline --person: the dated facts one person took part in. The facts linked to
-- the person (v_facts) are matched as a row value, which SQLite pushes into each part of
-- v_timeline, so every part is read by its index instead of the whole timeline being built.
SELECT t.* FROM v_timeline AS t
WHERE (t.fact_table, t.fact_id) IN (
        SELECT f.fact_table, f.fact_id FROM v_facts AS f
        WHERE f.entity_kind = 'person' AND f.entity_id = :person)
  AND (:from IS NULL OR substr(t.end_date, 1, 4) >= :from)
  AND (:to IS NULL OR substr(t.start_date, 1, 4) <= :to)
  AND (:kind IS NULL OR t.lane = :kind OR t.kind = :kind)
ORDER BY t.start_date, t.end_date, t.fact_table, t.fact_id
