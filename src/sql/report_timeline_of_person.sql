-- kb report timeline --person: the dated facts one person took part in, found through the
-- facts linked to the person (v_facts) instead of a pass over the whole timeline.
SELECT t.* FROM v_facts AS f
JOIN v_timeline AS t ON t.fact_table = f.fact_table AND t.fact_id = f.fact_id
WHERE f.entity_kind = 'person' AND f.entity_id = :person
  AND (:from IS NULL OR substr(t.end_date, 1, 4) >= :from)
  AND (:to IS NULL OR substr(t.start_date, 1, 4) <= :to)
  AND (:kind IS NULL OR t.lane = :kind OR t.kind = :kind)
GROUP BY t.fact_table, t.fact_id
ORDER BY t.start_date, t.end_date, t.fact_table, t.fact_id
