-- kb report people: each person's offices, events and decorations (v_people).
SELECT * FROM v_people
WHERE (:from IS NULL OR substr(end_date, 1, 4) >= :from)
  AND (:to IS NULL OR substr(start_date, 1, 4) <= :to)
  AND (:kind IS NULL OR relation = :kind OR relation LIKE :kind || ':%')
