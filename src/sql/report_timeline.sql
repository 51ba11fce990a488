-- kb report timeline: every dated fact in order (v_timeline), by year and lane or kind.
SELECT * FROM v_timeline
WHERE (:from IS NULL OR substr(end_date, 1, 4) >= :from)
  AND (:to IS NULL OR substr(start_date, 1, 4) <= :to)
  AND (:kind IS NULL OR lane = :kind OR kind = :kind)
