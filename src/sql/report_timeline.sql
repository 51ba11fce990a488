-- kb report timeline: every dated fact in order (v_timeline), by year, lane or kind, and person.
SELECT * FROM v_timeline
WHERE (:from IS NULL OR substr(end_date, 1, 4) >= :from)
  AND (:to IS NULL OR substr(start_date, 1, 4) <= :to)
  AND (:kind IS NULL OR lane = :kind OR kind = :kind)
  AND (:person IS NULL OR EXISTS (SELECT 1 FROM v_facts AS f
                                  WHERE f.entity_kind = 'person' AND f.entity_id = :person
                                    AND f.fact_table = v_timeline.fact_table AND f.fact_id = v_timeline.fact_id))
