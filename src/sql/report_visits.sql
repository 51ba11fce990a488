-- kb report visits: one row per trip (v_visits), by year, person and kind of visit.
SELECT * FROM v_visits
WHERE (:from IS NULL OR substr(end_date, 1, 4) >= :from)
  AND (:to IS NULL OR substr(start_date, 1, 4) <= :to)
  AND (:kind IS NULL OR kind = :kind)
  AND (:person IS NULL OR EXISTS (SELECT 1 FROM event_participants AS p
                                  WHERE p.event_id = v_visits.event_id AND p.person_id = :person))
