-- kb report visits --person: the trips one person took part in. CROSS JOIN keeps the person's
-- participations (found by index) as the outer loop, so each trip is then read by its id.
SELECT v.* FROM (SELECT DISTINCT event_id FROM event_participants WHERE person_id = :person) AS mine
CROSS JOIN v_visits AS v ON v.event_id = mine.event_id
WHERE (:from IS NULL OR substr(v.end_date, 1, 4) >= :from)
  AND (:to IS NULL OR substr(v.start_date, 1, 4) <= :to)
  AND (:kind IS NULL OR v.kind = :kind)
ORDER BY v.start_date, v.event_id
