-- kb report visits: one row per trip (v_visits), by year and kind of visit (with --person,
-- report_visits_of_person.sql runs instead).
SELECT * FROM v_visits
WHERE (:from IS NULL OR substr(end_date, 1, 4) >= :from)
  AND (:to IS NULL OR substr(start_date, 1, 4) <= :to)
  AND (:kind IS NULL OR kind = :kind)
