-- kb report history: the Second World War chapter (v_history), by year and topic.
SELECT * FROM v_history
WHERE (:from IS NULL OR substr(end_date, 1, 4) >= :from)
  AND (:to IS NULL OR substr(start_date, 1, 4) <= :to)
  AND (:kind IS NULL OR topic = :kind)
